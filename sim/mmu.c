// SPDX-License-Identifier: GPL-2.0-only
/*
 * The POWER7 MMU: SLB, hashed page table search, real-mode addressing,
 * protection, and R/C updates (ISA 2.06 Book III-S chapter 5).
 *
 * Translation is written as the numbered steps of the ISA; every reject names
 * the interrupt it causes and the DSISR or SRR1 bit it sets.  The TLB model
 * (tlb.c) sits in front of the page table search so that translations
 * hardware may keep using after an HPTE change stay visible until tlbie.
 */
#include "mmu.h"

#include <string.h>

#include "cpu.h"
#include "interrupt.h"
#include "rctrace.h"
#include "refbits.h"
#include "tlb.h"

#define SEG_256M	0
#define SEG_1T		1

/* xlate_segment: the access is in real mode (the VRMA): no storage keys. */
#define XL_REAL_MODE	0x100

/* ---- SLB ------------------------------------------------------------------ */

static unsigned int slb_b(uint64_t vsid_word)
{
	return vsid_word >> SLB_VSID_SSIZE_SHIFT;
}

static uint64_t slb_vsid(uint64_t vsid_word)
{
	if (slb_b(vsid_word) == SEG_1T)
		return (vsid_word & SIM_SLB_VSID_FIELD) >> SLB_VSID_SHIFT_1T;
	return (vsid_word & SIM_SLB_VSID_FIELD) >> SLB_VSID_SHIFT;
}

static uint64_t esid_mask(uint64_t vsid_word)
{
	return slb_b(vsid_word) == SEG_1T ? SIM_SLB_ESID_1T : SIM_SLB_ESID_256M;
}

/*
 * slbmte RS,RB (ISA 2.06 5.9.3.1): RB holds ESID, V and the entry index,
 * RS the VSID dword.  Reserved RS bits are not kept.  POWER7 has 32
 * entries; an index beyond them changes nothing.
 */
void sim_slb_mte(struct sim_thread *t, uint64_t rs, uint64_t rb)
{
	unsigned int idx = rb & 0xfff;

	if (idx >= SIM_SLB_ENTRIES)
		return;
	t->slb[idx].esid = rb;
	t->slb[idx].vsid = rs & SIM_SLB_VSID_BITS;
	sim_cpu_mirror(t, SIM_ENG_SLB, false);
}

/*
 * slbie RB (5.9.3.2): invalidate the entry translating the ESID in RB,
 * compared at the entry's own segment size.  (The engine's cached
 * translations for that segment go too: they are keyed by EA.)
 */
void sim_slb_ie(struct sim_thread *t, uint64_t rb)
{
	for (unsigned int i = 0; i < SIM_SLB_ENTRIES; i++) {
		struct sim_slbe *e = &t->slb[i];
		uint64_t mask = esid_mask(e->vsid);

		if ((e->esid & SLB_ESID_V) && ((e->esid ^ rb) & mask) == 0)
			e->esid &= ~SLB_ESID_V;
	}
	sim_cpu_mirror(t, SIM_ENG_SLB, false);
}

/* slbia (5.9.3.3): every entry except entry 0 becomes invalid. */
void sim_slb_ia(struct sim_thread *t)
{
	for (unsigned int i = 1; i < SIM_SLB_ENTRIES; i++)
		t->slb[i].esid &= ~SLB_ESID_V;
	sim_cpu_mirror(t, SIM_ENG_SLB, false);
}

const struct sim_slbe *sim_slb_find(const struct sim_thread *t, uint64_t ea)
{
	for (unsigned int i = 0; i < SIM_SLB_ENTRIES; i++) {
		const struct sim_slbe *e = &t->slb[i];

		if (!(e->esid & SLB_ESID_V) || slb_b(e->vsid) > SEG_1T)
			continue;
		if (((e->esid ^ ea) & esid_mask(e->vsid)) == 0)
			return e;
	}
	return NULL;
}

unsigned int sim_slb_page_shift(uint64_t vsid_word)
{
	switch (vsid_word & SIM_SLB_LLP_MASK) {
	case SIM_SLB_LLP_4K:
		return 12;
	case SIM_SLB_LLP_64K:
		return 16;
	case SIM_SLB_LLP_16M:
		return 24;
	}
	return 0;
}

/* ---- hash and virtual address --------------------------------------------- */

uint64_t sim_mmu_va(uint64_t vsid_word, uint64_t ea)
{
	uint64_t vsid = slb_vsid(vsid_word);

	if (slb_b(vsid_word) == SEG_1T)
		return (vsid << 40) | (ea & 0xffffffffffULL);
	return (vsid << 28) | (ea & 0x0fffffffULL);
}

/*
 * ISA 2.06 5.7.7.3: the primary hash is the low-order 39 bits of
 *   256 MB: VSID XOR (EA[36:63] >> p)
 *   1 TB:   VSID XOR (VSID << 25) XOR (EA[24:63] >> p)
 */
uint64_t sim_mmu_hash(uint64_t vsid_word, uint64_t ea, unsigned int p)
{
	uint64_t vsid = slb_vsid(vsid_word);
	uint64_t hash;

	if (slb_b(vsid_word) == SEG_1T)
		hash = vsid ^ (vsid << 25) ^ ((ea & 0xffffffffffULL) >> p);
	else
		hash = vsid ^ ((ea & 0x0fffffffULL) >> p);
	return hash & 0x7fffffffffULL;
}

/* The AVA: virtual address bits 0:54 (VA >> 23), as HPTE dword 0 holds it. */
static uint64_t ava_of(uint64_t vsid_word, uint64_t ea)
{
	uint64_t vsid = slb_vsid(vsid_word);

	if (slb_b(vsid_word) == SEG_1T)
		return (vsid << 17) | ((ea & 0xffffffffffULL) >> 23);
	return (vsid << 5) | ((ea & 0x0fffffffULL) >> 23);
}

/*
 * Does HPTE (v, r) translate the page of @ea in the segment @vsid_word with
 * pages of 2^p bytes, found in the primary (@secondary false) or secondary
 * PTEG?  ISA 2.06 5.7.7.3 step "compare".
 */
static bool hpte_matches(uint64_t v, uint64_t r, uint64_t vsid_word, uint64_t ea, unsigned int p,
			 bool secondary)
{
	uint64_t avpn = (v & HPTE_V_AVPN) >> HPTE_V_AVPN_SHIFT;
	uint64_t want = ava_of(vsid_word, ea);
	unsigned int ignore = p > 23 ? p - 23 : 0;

	/* 1. Valid, and in the PTEG the search is looking at. */
	if (!(v & HPTE_V_VALID) || !!(v & HPTE_V_SECONDARY) != secondary)
		return false;
	/* 2. Same segment size. */
	if ((v >> HPTE_V_SSIZE_SHIFT) != slb_b(vsid_word))
		return false;
	/* 3. Same page size: L, and for large pages the LP encoding in dword 1. */
	if (!!(v & HPTE_V_LARGE) != (p > 12))
		return false;
	if (p == 16 && ((r >> 12) & 0xf) != 0x1)
		return false;
	if (p == 24 && ((r >> 12) & 0xff) != 0)
		return false;
	/* 4. AVA: VA bits 0:54, less the ones inside a page larger than 8 MB. */
	return ((avpn ^ want) >> ignore) == 0;
}

/* ---- protection ------------------------------------------------------------ */

/*
 * ISA 2.06 5.7.13.1, Figure "PP bit protection states": key is Kp in problem
 * state, Ks otherwise; pp is PP0||PP.  Encodings the ISA reserves give no
 * access.
 */
static void pp_access(unsigned int key, unsigned int pp, bool *rd, bool *wr)
{
	*rd = *wr = false;
	switch (pp) {
	case 0:
		*rd = *wr = key == 0;
		break;
	case 1:
		*rd = true;
		*wr = key == 0;
		break;
	case 2:
		*rd = *wr = true;
		break;
	case 3:
		*rd = true;
		break;
	case 6:
		*rd = key == 0;
		break;
	}
}

/* The 5-bit storage key of an HPTE: KEY_HI (bits 2:3) || KEY_LO (bits 52:54). */
static unsigned int hpte_key(uint64_t r)
{
	return (unsigned int)(((r & HPTE_R_KEY_HI) >> 57) | ((r & HPTE_R_KEY_LO) >> 9));
}

/* ---- faults ------------------------------------------------------------------ */

/*
 * Fill @irq for a storage exception on @ea.  @hv selects HDSI/HISI (the
 * hypervisor's) over DSI/ISI; @bits are the DSISR (data) or SRR1 (fetch)
 * reason bits.  Returns the vector.
 */
static unsigned int storage_fault(struct sim_intr *irq, unsigned int access, uint64_t ea,
				  bool hv, uint64_t bits)
{
	memset(irq, 0, sizeof(*irq));
	if (access == SIM_ACC_FETCH) {
		irq->vec = hv ? BOOK3S_INTERRUPT_H_INST_STORAGE : BOOK3S_INTERRUPT_INST_STORAGE;
		irq->bits = bits;
	} else {
		irq->vec = hv ? BOOK3S_INTERRUPT_H_DATA_STORAGE : BOOK3S_INTERRUPT_DATA_STORAGE;
		irq->dar = ea;
		irq->dsisr = (uint32_t)(bits | (access == SIM_ACC_STORE ? DSISR_ISSTORE : 0));
	}
	return irq->vec;
}

static unsigned int segment_fault(struct sim_intr *irq, unsigned int access, uint64_t ea)
{
	memset(irq, 0, sizeof(*irq));
	if (access == SIM_ACC_FETCH) {
		irq->vec = BOOK3S_INTERRUPT_INST_SEGMENT;
	} else {
		irq->vec = BOOK3S_INTERRUPT_DATA_SEGMENT;
		irq->dar = ea;
	}
	return irq->vec;
}

/* ---- the page table ---------------------------------------------------------- */

static uint64_t load_be64(const uint8_t *p)
{
	uint64_t v;

	memcpy(&v, p, 8);
	return __builtin_bswap64(v);
}

/*
 * Set R, and C for a store, in the HPTE at @hpte_ra with single-byte stores
 * as hardware does (R is in byte 14, C in byte 15; hardware only sets them).
 */
static void set_rc(struct sim_machine *m, uint64_t hpte_ra, bool store)
{
	uint8_t *b = sim_arena_ptr(&m->arena, hpte_ra, 16);

	if (!b)
		return;
	/* The reference as the HV core reads it (refbits.c), and in the HPTE. */
	sim_ref_set(m, hpte_ra, true);
	sim_rc_touched(m, hpte_ra);
	__atomic_fetch_or(&b[14], (uint8_t)(HPTE_R_R >> 8), __ATOMIC_RELAXED);
	if (store)
		__atomic_fetch_or(&b[15], (uint8_t)HPTE_R_C, __ATOMIC_RELAXED);
}

/*
 * Search the HPT for the page of @ea (ISA 2.06 5.7.7.3): the primary PTEG,
 * then the secondary one, eight HPTEs each.  Returns true with the HPTE's
 * address and dwords.
 */
static bool hpt_search(struct sim_thread *t, uint64_t vsid_word, uint64_t ea, unsigned int p,
		       uint64_t *hpte_ra, uint64_t *pv, uint64_t *pr)
{
	struct sim_machine *m = t->m;
	uint64_t sdr1 = t->spr[SPRN_SDR1];
	uint64_t htaborg = sdr1 & SIM_SDR1_HTABORG;
	unsigned int htabsize = sdr1 & SIM_SDR1_HTABSIZE;
	uint64_t mask, hash;

	/* HTABSIZE above 28 is reserved: no table, nothing translates. */
	if (htabsize > 28)
		return false;
	/* The table has 2^(11 + HTABSIZE) PTEGs of 128 bytes. */
	mask = (1ULL << (11 + htabsize)) - 1;
	hash = sim_mmu_hash(vsid_word, ea, p);

	for (int secondary = 0; secondary < 2; secondary++) {
		uint64_t pteg = (secondary ? ~hash : hash) & mask;
		uint64_t base = htaborg | (pteg << 7);
		const uint8_t *g = sim_arena_ptr(&m->arena, base, 128);

		if (!g)
			return false;
		for (unsigned int slot = 0; slot < 8; slot++) {
			uint64_t v = load_be64(g + slot * 16);
			uint64_t r = load_be64(g + slot * 16 + 8);

			if (hpte_matches(v, r, vsid_word, ea, p, secondary)) {
				*hpte_ra = base + slot * 16;
				*pv = v;
				*pr = r;
				return true;
			}
		}
	}
	return false;
}

/*
 * Translate through the segment @vsid_word: TLB, then the HPT; protection;
 * R and C.  @hv_fault routes storage exceptions to HDSI/HISI.
 */
static unsigned int xlate_segment(struct sim_thread *t, uint64_t vsid_word, uint64_t ea,
				  unsigned int access, unsigned int flags, bool hv_fault,
				  struct sim_xlate *x, struct sim_intr *irq)
{
	unsigned int p = sim_slb_page_shift(vsid_word);
	uint32_t lpid = (uint32_t)t->spr[SPRN_LPID];
	uint64_t va = sim_mmu_va(vsid_word, ea);
	struct sim_tlb *tlb = sim_tlb_of(t);
	struct sim_tlbe *e = NULL;
	uint64_t v, r, hpte_ra, bits = 0;
	unsigned int key;
	bool rd, wr;

	/* a. An L||LP encoding POWER7 does not have maps nothing. */
	if (!p)
		return storage_fault(irq, access, ea, hv_fault, DSISR_NOHPTE);

	/* b. The TLB first: hardware uses what it holds until invalidated. */
	if (!(flags & SIM_XL_NO_TLB))
		e = sim_tlb_lookup(tlb, lpid, slb_b(vsid_word), va, p);
	if (e) {
		tlb->hits++;
		r = e->pte_r;
		hpte_ra = e->hpte_ra;
	} else {
		/* c. Search the page table: no HPTE is a storage exception. */
		if (!hpt_search(t, vsid_word, ea, p, &hpte_ra, &v, &r))
			return storage_fault(irq, access, ea, hv_fault, DSISR_NOHPTE);
		tlb->misses++;
	}

	/* d. Instruction fetch: not from no-execute or guarded storage. */
	if (access == SIM_ACC_FETCH && (r & (HPTE_R_N | HPTE_R_G)))
		bits |= SRR1_ISI_N_OR_G;

	/* e. Page protection, with the key MSR[PR] selects. */
	key = (t->msr & MSR_PR) ? !!(vsid_word & SLB_VSID_KP) : !!(vsid_word & SLB_VSID_KS);
	pp_access(key, (unsigned int)(((r & HPTE_R_PP0) >> 61) | (r & HPTE_R_PP)), &rd, &wr);
	if (access == SIM_ACC_STORE ? !wr : !rd)
		bits |= access == SIM_ACC_FETCH ? SRR1_ISI_PROT : DSISR_PROTFAULT;

	/*
	 * f. Storage key against the AMR: data accesses with translation on
	 * (POWER7 has no IAMR).  Real-mode accesses through the VRMA are not
	 * key-checked: KVM's HDSI handler (kvmppc_hpte_hv_fault) looks at the
	 * key only for MSR[DR]=1 faults.
	 */
	if (access != SIM_ACC_FETCH && !(flags & XL_REAL_MODE)) {
		unsigned int k = hpte_key(r);
		uint64_t amr = (t->spr[SPRN_AMR] >> (62 - 2 * k)) & 3;

		if (access == SIM_ACC_STORE ? (amr & 2) : (amr & 1))
			bits |= DSISR_KEYFAULT;
	}
	if (bits)
		return storage_fault(irq, access, ea, hv_fault, bits);

	/* g. The real address: RPN above the page offset, offset from the EA. */
	x->page_shift = p;
	x->relocated = true;
	x->tlb_hit = e != NULL;
	x->hpte_ra = hpte_ra;
	x->pte_r = r;
	x->ra = (r & HPTE_R_RPN & ~((1ULL << p) - 1)) | (ea & ((1ULL << p) - 1));
	if (flags & SIM_XL_PROBE)
		return 0;

	/* h. Record the reference, and the change for a store. */
	if (!(r & HPTE_R_R) || (t->m->virtual_r && !sim_ref_get(t->m, hpte_ra)) ||
	    (access == SIM_ACC_STORE && !(r & HPTE_R_C))) {
		set_rc(t->m, hpte_ra, access == SIM_ACC_STORE);
		r |= HPTE_R_R | (access == SIM_ACC_STORE ? HPTE_R_C : 0);
	}
	/* i. Keep the translation in the TLB. */
	if (e) {
		e->pte_r = r;
	} else if (!(flags & SIM_XL_NO_TLB)) {
		struct sim_tlbe n = {
			.valid = true, .b = slb_b(vsid_word), .page_shift = p, .lpid = lpid,
			.va = va & ~((1ULL << p) - 1), .ra = x->ra & ~((1ULL << p) - 1),
			.pte_r = r, .hpte_ra = hpte_ra,
		};

		sim_tlb_insert(tlb, &n);
	}
	return 0;
}

uint64_t sim_rmls_limit(uint64_t lpcr)
{
	/* POWER7's 4-bit RMLS (LPCR bits 34:37); the kernel's LPCR_RMLS names 3 of them. */
	switch ((lpcr >> LPCR_RMLS_SH) & 0xf) {
	case 0:
		return 256ULL << 30;
	case 1:
		return 16ULL << 30;
	case 2:
		return 1ULL << 30;
	case 3:
		return 64ULL << 20;
	case 4:
		return 256ULL << 20;
	case 7:
		return 128ULL << 20;
	case 8:
		return 32ULL << 20;
	}
	return 0;
}

/*
 * Translate @ea (ISA 2.06 5.7.2 - 5.7.8) in the steps:
 *  1. 32-bit mode uses the low word of the EA.
 *  2. Relocation off, hypervisor: EA bits 0:3 are ignored; HRMOR is ORed in
 *     unless EA bit 0 is 1.
 *  3. Relocation off, guest, LPCR[VPM0]=1: the VRMA, a 1 TB segment with
 *     VSID VRMA_VSID, page size from LPCR[VRMASD], keys 0, translated through
 *     the HPT; its exceptions are HDSI/HISI.
 *  4. Relocation off, guest, LPCR[VPM0]=0: the RMA, RMOR | EA[4:63] below
 *     the RMLS limit.
 *  5. Relocation on: the SLB entry for the EA, or a segment interrupt.
 *  6. The segment's translation (xlate_segment); exceptions of a guest go
 *     to HDSI/HISI when LPCR[VPM1]=1.
 */
unsigned int sim_mmu_xlate(struct sim_thread *t, uint64_t ea, unsigned int access,
			   unsigned int flags, struct sim_xlate *x, struct sim_intr *irq)
{
	uint64_t msr = t->msr, lpcr = t->spr[SPRN_LPCR];
	bool relocate = access == SIM_ACC_FETCH ? (msr & MSR_IR) : (msr & MSR_DR);
	bool guest = !(msr & MSR_HV);
	const struct sim_slbe *slbe;
	struct sim_intr dummy;

	if (!irq)
		irq = &dummy;
	memset(x, 0, sizeof(*x));

	/* 1. */
	if (!(msr & MSR_SF))
		ea &= 0xffffffffULL;

	if (!relocate) {
		uint64_t off = ea & 0x0fffffffffffffffULL;

		/* 2. */
		if (!guest) {
			x->ra = (ea >> 63) ? off : off | t->spr[SPRN_HRMOR];
			return 0;
		}
		/* 3. */
		if (lpcr & LPCR_VPM0) {
			uint64_t vrma = SLB_VSID_B_1T | (VRMA_VSID << SLB_VSID_SHIFT_1T) |
					(((lpcr & LPCR_VRMASD) >> LPCR_VRMASD_SH) << 4);

			unsigned int vec = xlate_segment(t, vrma, off & 0xffffffffffULL, access,
							 flags | XL_REAL_MODE, true, x, irq);

			/* HDAR is the EA as the guest presented it. */
			if (vec == BOOK3S_INTERRUPT_H_DATA_STORAGE)
				irq->dar = ea;
			return vec;
		}
		/* 4. Beyond the RMA: a storage exception the hypervisor sees when LPES1=0. */
		if (off >= sim_rmls_limit(lpcr))
			return storage_fault(irq, access, ea, !(lpcr & LPCR_LPES1),
					     access == SIM_ACC_FETCH ? SRR1_ISI_PROT :
								       DSISR_PROTFAULT);
		x->ra = off | t->spr[SPRN_RMOR];
		return 0;
	}

	/* 5. */
	slbe = sim_slb_find(t, ea);
	if (!slbe)
		return segment_fault(irq, access, ea);
	/* A no-execute segment faults before the page table is consulted. */
	if (access == SIM_ACC_FETCH && (slbe->vsid & SLB_VSID_N))
		return storage_fault(irq, access, ea, guest && (lpcr & LPCR_VPM1),
				     SRR1_ISI_N_OR_G);
	/* 6. */
	return xlate_segment(t, slbe->vsid, ea, access, flags, guest && (lpcr & LPCR_VPM1), x,
			     irq);
}
