/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A TLB model keyed by LPID: what hardware may still use after an HPTE
 * changes, until tlbie or tlbiel removes it (ISA 2.06 Book III-S 5.9.3).
 * The model's own translation goes through it, so a stale translation after
 * an HPTE change without the proper invalidation is observable in tests.
 *
 * POWER7's TLB is per core, 4-way set associative with 128 congruence
 * classes (the sets tlbiel IS=0b10 walks); tlbie reaches every core.
 */
#ifndef SIM_TLB_H
#define SIM_TLB_H

#include <stdbool.h>
#include <stdint.h>

#include "machine.h"

#define SIM_TLB_SETS	128
#define SIM_TLB_WAYS	4

struct sim_tlbe {
	bool valid;
	uint8_t b;		/* segment size: 0 = 256 MB, 1 = 1 TB */
	uint8_t page_shift;
	uint32_t lpid;
	uint64_t va;		/* low 64 bits of the virtual address, page offset clear */
	uint64_t ra;		/* real address of the page */
	uint64_t pte_r;		/* HPTE dword 1 as walked: PP, keys, N, WIMG, R, C */
	uint64_t hpte_ra;	/* the HPTE, for hardware R/C updates */
};

struct sim_tlb {
	struct sim_tlbe e[SIM_TLB_SETS][SIM_TLB_WAYS];
	uint8_t next[SIM_TLB_SETS];	/* round-robin victim */
	uint64_t hits, misses, invalidated;
};

int sim_tlb_init(struct sim_machine *m);
void sim_tlb_destroy(struct sim_machine *m);
/* The TLB of @t's core. */
struct sim_tlb *sim_tlb_of(const struct sim_thread *t);

struct sim_tlbe *sim_tlb_lookup(struct sim_tlb *tlb, uint32_t lpid, unsigned int b,
				uint64_t va, unsigned int page_shift);
void sim_tlb_insert(struct sim_tlb *tlb, const struct sim_tlbe *e);
/* Valid entries of @lpid (all LPIDs when @lpid is UINT32_MAX). */
unsigned int sim_tlb_count(const struct sim_tlb *tlb, uint32_t lpid);

/* tlbie RB with RS = @lpid: every core, entries of that LPID matching RB. */
void sim_tlb_tlbie(struct sim_machine *m, uint64_t rb, uint64_t lpid);
/* tlbiel RB on @t's core for LPIDR, by VA (IS=0b00) or by set (IS=0b10/0b11). */
void sim_tlb_tlbiel(struct sim_thread *t, uint64_t rb);

#endif /* SIM_TLB_H */
