// SPDX-License-Identifier: GPL-2.0-only
/*
 * Guest memory access for the VMM: bounds-checked copies that follow guest
 * real addresses across 16 MB pages scattered in host memory.
 */
#include <string.h>

#include "p7sim_mem.h"

void *p7sim_mem_page_array(void *ctx, uint64_t gpa)
{
	void **pages = ctx;

	return pages[gpa >> P7SIM_MEM_PAGE_SHIFT];
}

bool p7sim_mem_contains(const struct p7sim_mem *mem, uint64_t gpa, uint64_t len)
{
	/* Written so that gpa + len cannot overflow. */
	return gpa <= mem->size && len <= mem->size - gpa;
}

enum p7sim_mem_op { MEM_READ, MEM_WRITE, MEM_ZERO };

/*
 * Walk [gpa, gpa + len) one 16 MB page at a time.  Everything is checked
 * before the first byte moves, so a failed access has no partial effect.
 */
static int mem_access(const struct p7sim_mem *mem, uint64_t gpa, void *buf, uint64_t len,
		      enum p7sim_mem_op op)
{
	uint8_t *p = buf;
	uint64_t a, end;

	if (!p7sim_mem_contains(mem, gpa, len))
		return -1;
	end = gpa + len;
	for (a = gpa & ~P7SIM_MEM_PAGE_MASK; a < end; a += P7SIM_MEM_PAGE_SIZE)
		if (!mem->page(mem->ctx, a))
			return -1;

	while (len) {
		uint64_t off = gpa & P7SIM_MEM_PAGE_MASK;
		uint64_t n = P7SIM_MEM_PAGE_SIZE - off;
		uint8_t *host = (uint8_t *)mem->page(mem->ctx, gpa - off) + off;

		if (n > len)
			n = len;
		switch (op) {
		case MEM_READ:
			memcpy(p, host, n);
			break;
		case MEM_WRITE:
			memcpy(host, p, n);
			break;
		case MEM_ZERO:
			memset(host, 0, n);
			break;
		}
		if (op != MEM_READ && mem->written)
			mem->written(mem->ctx, host, n);
		if (p)
			p += n;
		gpa += n;
		len -= n;
	}
	return 0;
}

int p7sim_mem_read(const struct p7sim_mem *mem, uint64_t gpa, void *buf, uint64_t len)
{
	return mem_access(mem, gpa, buf, len, MEM_READ);
}

int p7sim_mem_write(const struct p7sim_mem *mem, uint64_t gpa, const void *buf, uint64_t len)
{
	return mem_access(mem, gpa, (void *)buf, len, MEM_WRITE);
}

int p7sim_mem_zero(const struct p7sim_mem *mem, uint64_t gpa, uint64_t len)
{
	return mem_access(mem, gpa, NULL, len, MEM_ZERO);
}

int p7sim_mem_ld_be32(const struct p7sim_mem *mem, uint64_t gpa, uint32_t *val)
{
	uint8_t b[4];

	if (p7sim_mem_read(mem, gpa, b, sizeof(b)))
		return -1;
	*val = p7sim_get_be32(b);
	return 0;
}

int p7sim_mem_ld_be64(const struct p7sim_mem *mem, uint64_t gpa, uint64_t *val)
{
	uint8_t b[8];
	uint64_t v = 0;

	if (p7sim_mem_read(mem, gpa, b, sizeof(b)))
		return -1;
	for (int i = 0; i < 8; i++)
		v = v << 8 | b[i];
	*val = v;
	return 0;
}

int p7sim_mem_st_be32(const struct p7sim_mem *mem, uint64_t gpa, uint32_t val)
{
	uint8_t b[4];

	p7sim_put_be32(b, val);
	return p7sim_mem_write(mem, gpa, b, sizeof(b));
}

int p7sim_mem_st_be64(const struct p7sim_mem *mem, uint64_t gpa, uint64_t val)
{
	uint8_t b[8];

	for (int i = 0; i < 8; i++)
		b[i] = val >> (56 - 8 * i);
	return p7sim_mem_write(mem, gpa, b, sizeof(b));
}
