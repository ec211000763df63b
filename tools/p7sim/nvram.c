// SPDX-License-Identifier: GPL-2.0-only
/*
 * The NVRAM behind RTAS nvram-fetch / nvram-store (PAPR "NVRAM"): a byte
 * array of the size /vdevice/nvram's #bytes advertises, zero at power-on
 * and lost at power-off (there is no backing file).  Linux keeps its
 * partitions there (pseries/nvram.c) and refuses an NVRAM that does not
 * start with a valid partition header, so power-on formats it as one free
 * partition spanning all of it, as a new machine's firmware does.
 */
#include <string.h>

#include "p7sim_rtas.h"

/*
 * CHRP NVRAM partition header (CHRP "NVRAM structure"): signature byte,
 * header checksum byte, length in 16-byte blocks (header included,
 * big-endian), a 12-byte name.  A free partition has signature 0x7f and
 * the name "wwwwwwwwwwww".
 */
#define NVRAM_BLOCK		16
#define NVRAM_SIG_FREE		0x7f
#define NVRAM_FREE_NAME		"wwwwwwwwwwww"

/*
 * The header checksum: the one's-complement style sum of the signature,
 * the 16-bit length and the name as six big-endian 16-bit words, folded
 * to 16 bits, then to one byte by adding its two halves with the carry.
 */
static uint8_t nvram_header_checksum(const uint8_t *h)
{
	uint32_t sum = h[0] + ((uint32_t)h[2] << 8 | h[3]);

	for (int i = 4; i < NVRAM_BLOCK; i += 2)
		sum += (uint32_t)h[i] << 8 | h[i + 1];
	sum = ((sum & 0xffff) + (sum >> 16)) & 0xffff;
	sum = (sum + (((sum >> 8) + (sum << 8)) & 0xffff)) >> 8;
	return (uint8_t)sum;
}

void p7sim_nvram_format(uint8_t *nvram, uint32_t size)
{
	uint32_t blocks = size / NVRAM_BLOCK;

	memset(nvram, 0, size);
	if (blocks > 0xffff)
		blocks = 0xffff;
	nvram[0] = NVRAM_SIG_FREE;
	nvram[2] = blocks >> 8;
	nvram[3] = blocks & 0xff;
	memcpy(nvram + 4, NVRAM_FREE_NAME, 12);
	nvram[1] = nvram_header_checksum(nvram);
}

/*
 * nvram-fetch(index, buffer, length) -> status, count and
 * nvram-store(index, buffer, length) -> status, count.
 *
 * 1. index + length must lie inside the NVRAM: else -3 (parameter error)
 *    and nothing is moved.
 * 2. The guest buffer must lie inside guest RAM: else -3 as well.
 * 3. Move the bytes; count = length.
 */
static void nvram_move(struct p7sim_platform *p, const uint32_t *args, uint32_t *rets,
		       bool store)
{
	uint64_t index = args[0], buf = args[1], len = args[2];

	rets[1] = 0;
	/* 1. */
	if (!p->nvram || index > p->nvram_size || len > p->nvram_size - index) {
		rets[0] = P7SIM_RTAS_PARAM_ERROR;
		return;
	}
	/* 2. and 3. */
	if (store ? p7sim_mem_read(&p->mem, buf, p->nvram + index, len) :
		    p7sim_mem_write(&p->mem, buf, p->nvram + index, len)) {
		rets[0] = P7SIM_RTAS_PARAM_ERROR;
		return;
	}
	rets[0] = P7SIM_RTAS_OK;
	rets[1] = (uint32_t)len;
}

void p7sim_rtas_nvram_fetch(struct p7sim_platform *p, unsigned int vcpu, const uint32_t *args,
			    uint32_t *rets)
{
	nvram_move(p, args, rets, false);
}

void p7sim_rtas_nvram_store(struct p7sim_platform *p, unsigned int vcpu, const uint32_t *args,
			    uint32_t *rets)
{
	nvram_move(p, args, rets, true);
}
