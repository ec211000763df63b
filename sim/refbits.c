// SPDX-License-Identifier: GPL-2.0-only
/*
 * The reference bits the guest really set.
 *
 * The engine (QEMU 5.0's hash MMU in Unicorn 2.0.1) stores a reference bit
 * it finds clear one byte too far, into the next HPTE (docs/engine.md), so
 * the hardware R of every HPTE the HV core stores is kept set: the engine
 * never writes it.  What R means, "the page was referenced" (ISA 2.06 Book
 * III-S 5.7.8), is kept here instead, one bit per 16-byte HPTE, set by real
 * references only: the model's own translations and the engine's TLB fills.
 * The HV core's HPTE loads read R from here, its stores of R land here
 * (hv_env_sim.c): neither the guest nor the HV sees the workaround.
 *
 * The map is sparse: one bitmap per MiB of the arena that holds an HPTE.
 */
#include "refbits.h"

#include <stdlib.h>

#include "machine.h"

#define REF_CHUNK_SHIFT		20
#define REF_BITS_PER_CHUNK	(1U << (REF_CHUNK_SHIFT - 4))

static uint8_t *chunk(struct sim_machine *m, uint64_t hpte_ra, bool alloc)
{
	uint64_t c = hpte_ra >> REF_CHUNK_SHIFT;
	uint64_t n = (m->arena.size >> REF_CHUNK_SHIFT) + 1;

	if (hpte_ra >= m->arena.size)
		return NULL;
	if (!m->ref_chunks) {
		if (!alloc)
			return NULL;
		m->ref_chunks = calloc(n, sizeof(*m->ref_chunks));
		if (!m->ref_chunks)
			return NULL;
	}
	if (!m->ref_chunks[c] && alloc)
		m->ref_chunks[c] = calloc(REF_BITS_PER_CHUNK / 8, 1);
	return m->ref_chunks[c];
}

void sim_ref_set(struct sim_machine *m, uint64_t hpte_ra, bool referenced)
{
	uint8_t *b = chunk(m, hpte_ra, referenced);
	uint64_t i = (hpte_ra & ((1ULL << REF_CHUNK_SHIFT) - 1)) >> 4;

	if (!b)
		return;
	if (referenced)
		b[i / 8] |= 1u << (i % 8);
	else
		b[i / 8] &= ~(1u << (i % 8));
}

bool sim_ref_get(struct sim_machine *m, uint64_t hpte_ra)
{
	const uint8_t *b = chunk(m, hpte_ra, false);
	uint64_t i = (hpte_ra & ((1ULL << REF_CHUNK_SHIFT) - 1)) >> 4;

	return b && (b[i / 8] & (1u << (i % 8)));
}

void sim_ref_destroy(struct sim_machine *m)
{
	uint64_t n = (m->arena.size >> REF_CHUNK_SHIFT) + 1;

	if (!m->ref_chunks)
		return;
	for (uint64_t c = 0; c < n; c++)
		free(m->ref_chunks[c]);
	free(m->ref_chunks);
	m->ref_chunks = NULL;
}
