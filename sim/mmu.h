/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The POWER7 MMU (ISA 2.06 Book III-S chapter 5): the SLB and its
 * instructions, the hashed page table search, real-mode addressing for the
 * hypervisor (HRMOR) and the guest (VRMA or RMA), protection, R and C updates,
 * with the TLB model of tlb.c in front of the page table.
 */
#ifndef SIM_MMU_H
#define SIM_MMU_H

#include <stdbool.h>
#include <stdint.h>

#include "engine.h"	/* SIM_ACC_* */
#include "hv_consts.h"
#include "machine.h"

struct sim_intr;

/* SLB L||LP encodings (SLB VSID dword bits 55, 58:59) POWER7 supports. */
#define SIM_SLB_LLP_4K		0x000ULL
#define SIM_SLB_LLP_64K		0x110ULL
#define SIM_SLB_LLP_16M		0x100ULL
#define SIM_SLB_LLP_MASK	(SLB_VSID_L | SLB_VSID_LP)
/* RS bits slbmte keeps: B, VSID, Ks, Kp, N, L, C, LP. */
#define SIM_SLB_VSID_BITS	0xcffffffffffffff0ULL
#define SIM_SLB_VSID_FIELD	0x3ffffffffffff000ULL
#define SIM_SLB_ESID_256M	0xfffffffff0000000ULL
#define SIM_SLB_ESID_1T		0xffffff0000000000ULL

/* SDR1 fields (ISA 2.06 Book III-S 5.7.7.2). */
#define SIM_SDR1_HTABORG	0x0ffffffffffc0000ULL
#define SIM_SDR1_HTABSIZE	0x1fULL

/* ---- SLB instructions ------------------------------------------------------ */

void sim_slb_mte(struct sim_thread *t, uint64_t rs, uint64_t rb);

/*
 * slbmfee: ESID and V of the entry (index bits read as 0); slbmfev: its
 * VSID word.  Inline: every exit reads all 32 entries to save the guest's.
 */
static inline uint64_t sim_slb_mfee(const struct sim_thread *t, uint64_t index)
{
	if (index >= SIM_SLB_ENTRIES)
		return 0;
	return t->slb[index].esid & ~0xfffULL;
}

static inline uint64_t sim_slb_mfev(const struct sim_thread *t, uint64_t index)
{
	if (index >= SIM_SLB_ENTRIES)
		return 0;
	return t->slb[index].vsid;
}

void sim_slb_ie(struct sim_thread *t, uint64_t rb);
void sim_slb_ia(struct sim_thread *t);
/* The valid entry translating @ea, or NULL (what slbfee. looks up). */
const struct sim_slbe *sim_slb_find(const struct sim_thread *t, uint64_t ea);

/* ---- translation ------------------------------------------------------------ */

/* One translation's result, besides the real address. */
struct sim_xlate {
	uint64_t ra;
	unsigned int page_shift;	/* 12, 16, 24; 0 for real mode without a page */
	bool relocated;			/* through the HPT (relocation on, or the VRMA) */
	bool tlb_hit;
	uint64_t hpte_ra;		/* real address of the HPTE used, when relocated */
	uint64_t pte_r;			/* its dword 1 as used (R/C as before the access) */
};

/* Options for sim_mmu_xlate(). */
#define SIM_XL_PROBE	0x1	/* no side effects: no R/C update, no TLB fill */
#define SIM_XL_NO_TLB	0x2	/* search the HPT even when the TLB has the page */

/*
 * Translate effective address @ea for an access of kind @access (SIM_ACC_*)
 * by @t in its current MSR state.  Returns 0 with @x filled, or the vector
 * of the interrupt the access causes, with @irq filled (DAR/DSISR or SRR1
 * bits, and the DSI/HDSI, ISI/HISI choice made per LPCR[VPM0/VPM1]).
 */
unsigned int sim_mmu_xlate(struct sim_thread *t, uint64_t ea, unsigned int access,
			   unsigned int flags, struct sim_xlate *x, struct sim_intr *irq);

/* Page size (log2) of an SLB L||LP encoding; 0 when POWER7 has no such size. */
unsigned int sim_slb_page_shift(uint64_t vsid_word);
/*
 * The hash of ISA 2.06 5.7.7.3 for a segment (VSID word of an SLB entry),
 * an effective address and the page size; not yet masked to the table.
 */
uint64_t sim_mmu_hash(uint64_t vsid_word, uint64_t ea, unsigned int page_shift);
/* The 64 low-order bits of the 78-bit virtual address (what tlbie RB carries). */
uint64_t sim_mmu_va(uint64_t vsid_word, uint64_t ea);
/* The limit in bytes of LPCR[RMLS] (POWER7 encodings), 0 when reserved. */
uint64_t sim_rmls_limit(uint64_t lpcr);

#endif /* SIM_MMU_H */
