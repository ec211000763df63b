/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Helpers shared by the model's unit tests: a machine, a hashed page table in
 * its arena written in hardware format, and thread states.  Header-only so
 * that each test program stays one file plus this.
 */
#ifndef SIM_FIXTURE_H
#define SIM_FIXTURE_H

#include <string.h>

#include "hv_consts.h"
#include "machine.h"

#define MB (1ULL << 20)

/* MSRs a test puts a thread in. */
#define MSR_GUEST_REAL	(MSR_SF | MSR_ME)				/* guest kernel, real mode */
#define MSR_GUEST_KERN	(MSR_SF | MSR_ME | MSR_IR | MSR_DR)		/* guest kernel, relocated */
#define MSR_GUEST_USER	(MSR_SF | MSR_ME | MSR_IR | MSR_DR | MSR_PR | MSR_EE)
#define MSR_HYP		(MSR_SF | MSR_HV | MSR_ME)

static inline void fx_store_be64(struct sim_machine *m, uint64_t ra, uint64_t v)
{
	uint8_t *p = sim_arena_ptr(&m->arena, ra, 8);

	v = __builtin_bswap64(v);
	memcpy(p, &v, 8);
}

static inline uint64_t fx_load_be64(struct sim_machine *m, uint64_t ra)
{
	uint8_t *p = sim_arena_ptr(&m->arena, ra, 8);
	uint64_t v;

	memcpy(&v, p, 8);
	return __builtin_bswap64(v);
}

/* Allocate a 256 KB HPT (HTABSIZE 0: 2048 PTEGs) and point SDR1 of @t at it. */
static inline uint64_t fx_hpt(struct sim_machine *m, struct sim_thread *t)
{
	uint64_t ra = sim_arena_alloc(&m->arena, 256 * 1024);

	t->spr[SPRN_SDR1] = ra;
	return ra;
}

/* Write HPTE @slot of PTEG @pteg: dword 1 first, as software must. */
static inline uint64_t fx_hpte(struct sim_machine *m, uint64_t htab, uint64_t pteg,
			       unsigned int slot, uint64_t v, uint64_t r)
{
	uint64_t ra = htab + (pteg << 7) + slot * 16;

	fx_store_be64(m, ra + 8, r);
	fx_store_be64(m, ra, v);
	return ra;
}

#endif /* SIM_FIXTURE_H */
