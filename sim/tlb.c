// SPDX-License-Identifier: GPL-2.0-only
/*
 * The TLB model: per core, 128 congruence classes of 4 ways, entries tagged
 * with the LPID they were made under (ISA 2.06 Book III-S 5.9.3).
 *
 * tlbie RB,RS carries in RB the virtual address bits 14:77-p of the page
 * (p = log2 of the page size), the segment size B (RB bits 54:55) and L (RB
 * bit 63; with L=1, RB bits 44:51 hold LP, 0b0001 for 64 KB on POWER7).  The
 * model compares those bits with the entry's VA: VA mod 2^64 >> p.
 */
#include "tlb.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cpu.h"
#include "hv_consts.h"

int sim_tlb_init(struct sim_machine *m)
{
	m->tlb = calloc(m->ncores, sizeof(*m->tlb));
	return m->tlb ? 0 : -ENOMEM;
}

void sim_tlb_destroy(struct sim_machine *m)
{
	free(m->tlb);
	m->tlb = NULL;
}

struct sim_tlb *sim_tlb_of(const struct sim_thread *t)
{
	return &t->m->tlb[t->core];
}

/* The congruence class: the low 7 bits of the virtual page number. */
static unsigned int set_of(uint64_t va, unsigned int p)
{
	return (unsigned int)((va >> p) & (SIM_TLB_SETS - 1));
}

struct sim_tlbe *sim_tlb_lookup(struct sim_tlb *tlb, uint32_t lpid, unsigned int b, uint64_t va,
				unsigned int p)
{
	unsigned int set = set_of(va, p);

	for (unsigned int w = 0; w < SIM_TLB_WAYS; w++) {
		struct sim_tlbe *e = &tlb->e[set][w];

		if (e->valid && e->lpid == lpid && e->b == b && e->page_shift == p &&
		    (e->va >> p) == (va >> p))
			return e;
	}
	return NULL;
}

void sim_tlb_insert(struct sim_tlb *tlb, const struct sim_tlbe *n)
{
	unsigned int set = set_of(n->va, n->page_shift);
	struct sim_tlbe *e = sim_tlb_lookup(tlb, n->lpid, n->b, n->va, n->page_shift);

	if (!e) {
		/* A free way, else the round-robin victim. */
		for (unsigned int w = 0; w < SIM_TLB_WAYS && !e; w++)
			if (!tlb->e[set][w].valid)
				e = &tlb->e[set][w];
		if (!e) {
			e = &tlb->e[set][tlb->next[set]];
			tlb->next[set] = (tlb->next[set] + 1) % SIM_TLB_WAYS;
		}
	}
	*e = *n;
}

unsigned int sim_tlb_count(const struct sim_tlb *tlb, uint32_t lpid)
{
	unsigned int n = 0;

	for (unsigned int s = 0; s < SIM_TLB_SETS; s++)
		for (unsigned int w = 0; w < SIM_TLB_WAYS; w++)
			if (tlb->e[s][w].valid && (lpid == UINT32_MAX || tlb->e[s][w].lpid == lpid))
				n++;
	return n;
}

/* The page size a tlbie/tlbiel RB names: L=0 is 4 KB; L=1 with LP 0b0001 64 KB, else 16 MB. */
static unsigned int rb_page_shift(uint64_t rb)
{
	if (!(rb & 1))
		return 12;
	return ((rb >> 12) & 0xf) == 0x1 ? 16 : 24;
}

/* Invalidate entries of @lpid in @tlb that the VA form of @rb names. */
static void invalidate_va(struct sim_tlb *tlb, uint64_t rb, uint32_t lpid)
{
	unsigned int p = rb_page_shift(rb);
	unsigned int b = (rb >> 8) & 3;
	unsigned int set = set_of(rb, p);

	for (unsigned int w = 0; w < SIM_TLB_WAYS; w++) {
		struct sim_tlbe *e = &tlb->e[set][w];

		if (e->valid && e->lpid == lpid && e->b == b && e->page_shift == p &&
		    (e->va >> p) == (rb >> p)) {
			e->valid = false;
			tlb->invalidated++;
		}
	}
}

/*
 * tlbie (5.9.3.3): broadcast to every core; RS gives the LPID whose
 * translations go.
 */
void sim_tlb_tlbie(struct sim_machine *m, uint64_t rb, uint64_t lpid)
{
	for (unsigned int c = 0; c < m->ncores; c++)
		invalidate_va(&m->tlb[c], rb, (uint32_t)lpid);
	/* The engine caches by EA and cannot tell which EA the VA had: all of it goes. */
	for (unsigned int i = 0; i < m->nthreads; i++)
		sim_cpu_mirror(&m->threads[i], 0, true);
}

/*
 * tlbiel (5.9.3.4): this core only, for the LPID in LPIDR.  IS (RB bits
 * 52:53) 0b00 invalidates by VA like tlbie; 0b10 the congruence class in RB
 * bits 45:51 for the current LPID; 0b11 that class for every LPID.  IS=0b01
 * is reserved and treated as 0b11 (invalidating more is always safe).
 */
void sim_tlb_tlbiel(struct sim_thread *t, uint64_t rb)
{
	struct sim_tlb *tlb = sim_tlb_of(t);
	uint32_t lpid = (uint32_t)t->spr[SPRN_LPID];
	unsigned int is = (rb >> 10) & 3;
	unsigned int set = (rb >> 12) & (SIM_TLB_SETS - 1);

	sim_cpu_mirror(t, 0, true);
	if (is == 0) {
		invalidate_va(tlb, rb, lpid);
		return;
	}
	for (unsigned int w = 0; w < SIM_TLB_WAYS; w++) {
		struct sim_tlbe *e = &tlb->e[set][w];

		if (e->valid && (is != 2 || e->lpid == lpid)) {
			e->valid = false;
			tlb->invalidated++;
		}
	}
}
