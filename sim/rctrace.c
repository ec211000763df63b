// SPDX-License-Identifier: GPL-2.0-only
/*
 * The R and C bits guest references set, reported to the trace.
 *
 * A guest's loads, stores and fetches set R and C in the HPTEs that
 * translate them (ISA 2.06 Book III-S 5.7.8) without the HV core knowing;
 * the core reads them later (H_READ, H_CLEAR_REF/MOD, H_REMOVE and
 * H_BULK_REMOVE report them, and the HPTE change records carry them).  They
 * are an input of the core like the registers of an exit, so a trace that
 * `p7trace replay` re-drives the core from must carry them too.
 *
 * While the machine has a trace sink, every HPTE a guest access went
 * through is noted (the model's translations, the engine's TLB fills); when
 * the guest run ends (hv_enter_guest returns, before the exit is traced),
 * each noted HPTE whose R/C as the core reads them differ from what the
 * trace last said about it gives one HV_TR_HW_RC record.  What the trace
 * last said is a 2-bit shadow per HPTE, updated by those records and by the
 * core's own stores of dword 1, which replay repeats: so the records carry
 * exactly the changes the hardware made, once each.
 */
#include "rctrace.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "hv/trace.h"
#include "hv_consts.h"
#include "machine.h"
#include "mmu.h"
#include "refbits.h"

/* The shadow: 2 bits per 16-byte HPTE, one bitmap per MiB of the arena. */
#define RC_CHUNK_SHIFT		20
#define RC_PER_CHUNK		(1U << (RC_CHUNK_SHIFT - 4))

struct sim_rctrace {
	uint8_t **chunks;
	uint64_t nchunks;
	uint64_t *touched;	/* real addresses of HPTEs, duplicates allowed */
	size_t n, cap;
};

static struct sim_rctrace *state(struct sim_machine *m)
{
	struct sim_rctrace *rc = m->rctrace;

	if (rc || !m->trace_sink)
		return rc;
	rc = calloc(1, sizeof(*rc));
	if (!rc)
		return NULL;
	rc->nchunks = (m->arena.size >> RC_CHUNK_SHIFT) + 1;
	rc->chunks = calloc(rc->nchunks, sizeof(*rc->chunks));
	if (!rc->chunks) {
		free(rc);
		return NULL;
	}
	m->rctrace = rc;
	return rc;
}

/* The shadow's two bits of the HPTE at @ra, as HPTE_R_R | HPTE_R_C. */
static uint64_t shadow_get(const struct sim_rctrace *rc, uint64_t ra)
{
	const uint8_t *b = rc->chunks[ra >> RC_CHUNK_SHIFT];
	uint64_t i = (ra & ((1ULL << RC_CHUNK_SHIFT) - 1)) >> 4;
	unsigned int v;

	if (!b)
		return 0;
	v = (b[i / 4] >> (2 * (i % 4))) & 3;
	return ((v & 1) ? HPTE_R_R : 0) | ((v & 2) ? HPTE_R_C : 0);
}

static void shadow_set(struct sim_rctrace *rc, uint64_t ra, uint64_t bits)
{
	uint8_t **b = &rc->chunks[ra >> RC_CHUNK_SHIFT];
	uint64_t i = (ra & ((1ULL << RC_CHUNK_SHIFT) - 1)) >> 4;
	unsigned int v = ((bits & HPTE_R_R) ? 1 : 0) | ((bits & HPTE_R_C) ? 2 : 0);

	if (!*b) {
		if (!v)
			return;
		*b = calloc(RC_PER_CHUNK / 4, 1);
		if (!*b)
			return;
	}
	(*b)[i / 4] = (uint8_t)(((*b)[i / 4] & ~(3u << (2 * (i % 4)))) | (v << (2 * (i % 4))));
}

/* R and C of the HPTE at @ra as the HV core's loads see them (hv_hpte_load). */
static uint64_t current_rc(struct sim_machine *m, uint64_t ra)
{
	const uint8_t *p = sim_arena_ptr(&m->arena, ra + 8, 8);
	uint64_t r = 0;

	if (!p)
		return 0;
	for (int i = 0; i < 8; i++)
		r = (r << 8) | p[i];
	if (m->virtual_r)
		r = (r & ~HPTE_R_R) | (sim_ref_get(m, ra) ? HPTE_R_R : 0);
	return r & (HPTE_R_R | HPTE_R_C);
}

static bool in_arena(const struct sim_machine *m, uint64_t ra)
{
	return !(ra & 15) && ra < m->arena.size;
}

void sim_rc_touched(struct sim_machine *m, uint64_t hpte_ra)
{
	struct sim_rctrace *rc = state(m);

	if (!rc || !in_arena(m, hpte_ra))
		return;
	/* The same HPTE many times in a row (one page, many TLB fills): once. */
	if (rc->n && rc->touched[rc->n - 1] == hpte_ra)
		return;
	if (rc->n == rc->cap) {
		size_t nc = rc->cap ? 2 * rc->cap : 64;
		uint64_t *t = realloc(rc->touched, nc * sizeof(*t));

		if (!t)
			return;
		rc->touched = t;
		rc->cap = nc;
	}
	rc->touched[rc->n++] = hpte_ra;
}

void sim_rc_stored(struct sim_machine *m, uint64_t hpte_ra, uint64_t bits)
{
	struct sim_rctrace *rc = state(m);

	if (rc && in_arena(m, hpte_ra))
		shadow_set(rc, hpte_ra, bits);
}

void sim_rc_stored_bit(struct sim_machine *m, uint64_t hpte_ra, uint64_t bit, bool set)
{
	struct sim_rctrace *rc = state(m);

	if (rc && in_arena(m, hpte_ra))
		shadow_set(rc, hpte_ra, (shadow_get(rc, hpte_ra) & ~bit) | (set ? bit : 0));
}

void sim_rc_flush(struct sim_machine *m)
{
	struct sim_rctrace *rc = m->rctrace;
	const struct sim_thread *t = m->cur;
	uint64_t sdr1, base, size;

	if (!rc || !rc->n || !m->trace_sink)
		return;
	/* The guest's HPT: SDR1 still holds it when the run has just ended. */
	sdr1 = t->spr[SPRN_SDR1];
	base = sdr1 & SIM_SDR1_HTABORG;
	size = (sdr1 & SIM_SDR1_HTABSIZE) <= 28 ? 1ULL << (18 + (sdr1 & SIM_SDR1_HTABSIZE)) : 0;
	for (size_t i = 0; i < rc->n; i++) {
		uint64_t ra = rc->touched[i], now;
		uint64_t w[TRR_NWORDS];

		if (ra < base || ra - base >= size)
			continue;
		now = current_rc(m, ra);
		if (now == shadow_get(rc, ra))
			continue;
		shadow_set(rc, ra, now);
		w[TRR_VCPU] = t->core;
		w[TRR_INDEX] = (ra - base) >> 4;
		w[TRR_RC] = now;
		m->trace_sink(m->trace_ctx, HV_TR_HW_RC, w, sizeof(w));
	}
	rc->n = 0;
}

void sim_rc_destroy(struct sim_machine *m)
{
	struct sim_rctrace *rc = m->rctrace;

	if (!rc)
		return;
	for (uint64_t c = 0; c < rc->nchunks; c++)
		free(rc->chunks[c]);
	free(rc->chunks);
	free(rc->touched);
	free(rc);
	m->rctrace = NULL;
}
