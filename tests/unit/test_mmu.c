// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of the MMU model (sim/mmu.c): SLB instructions, the hash and
 * PTEG search, page sizes, real mode (HRMOR, VRMA, RMA), protection, keys,
 * N/G, R/C, and the interrupt each fault names.  Expected values are worked
 * out by hand from ISA 2.06 Book III-S chapter 5 in the comments.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "interrupt.h"
#include "mmu.h"
#include "sim_fixture.h"
#include "tlb.h"

static struct sim_machine mach;
static struct sim_thread *t;
static uint64_t htab;

static int setup(void **state)
{
	if (sim_machine_init(&mach, 128 * MB, 2))
		return -1;
	t = &mach.threads[0];
	htab = fx_hpt(&mach, t);
	t->msr = MSR_GUEST_KERN;
	return 0;
}

static int teardown(void **state)
{
	sim_machine_destroy(&mach);
	return 0;
}

/*
 * The 256 MB / 4 KB example used below:
 *   VSID 0x123456, EA 0x10003678 (ESID 1, page 3 of the segment).
 *   hash = 0x123456 ^ 3 = 0x123455; primary PTEG = hash & 0x7ff = 0x455;
 *   secondary = ~hash & 0x7ff = 0x3aa.
 *   AVA = VA >> 23 = VSID << 5 = 0x2468ac0; dword 0 = AVA << 7 | V = 0x123456001.
 */
#define EX_VSID		0x123456ULL
#define EX_EA		0x10003678ULL
#define EX_SLB_RB	(0x10000000ULL | SLB_ESID_V | 0)
#define EX_SLB_RS	(EX_VSID << SLB_VSID_SHIFT)
#define EX_V		0x123456001ULL
#define EX_R(pp)	(0x02345000ULL | HPTE_R_M | (pp))

static unsigned int xl(uint64_t ea, unsigned int acc, unsigned int flags, struct sim_xlate *x,
		       struct sim_intr *irq)
{
	return sim_mmu_xlate(t, ea, acc, flags, x, irq);
}

/* The hash of 5.7.7.3 for both segment sizes. */
static void test_hash(void **state)
{
	assert_int_equal(sim_mmu_hash(EX_SLB_RS, EX_EA, 12), 0x123455);
	/* 1 TB, VSID 0x1234, 16 MB page 3: 0x1234 ^ 0x2468000000 ^ 3 = 0x2468001237. */
	assert_int_equal(sim_mmu_hash(SLB_VSID_B_1T | (0x1234ULL << 24) | SLB_VSID_L,
				      0x20003001234ULL, 24), 0x2468001237ULL);
	/* The VRMA: VRMA_VSID ^ VRMA_VSID << 25 is 50 ones; 39 of them remain. */
	assert_int_equal(sim_mmu_hash(SLB_VSID_B_1T | (VRMA_VSID << 24), 0, 24), 0x7fffffffffULL);
	assert_int_equal(sim_mmu_va(EX_SLB_RS, EX_EA), 0x1234560003678ULL);
	assert_int_equal(sim_slb_page_shift(0x110), 16);
	assert_int_equal(sim_slb_page_shift(0x100), 24);
	assert_int_equal(sim_slb_page_shift(0), 12);
	assert_int_equal(sim_slb_page_shift(0x120), 0);
}

/* slbmte / slbmfee / slbmfev / slbie / slbia. */
static void test_slb_instructions(void **state)
{
	/* Reserved RS bits (2:3 of the low nibble) are not kept. */
	sim_slb_mte(t, EX_SLB_RS | SLB_VSID_KP | 0xf, EX_SLB_RB);
	assert_int_equal(sim_slb_mfev(t, 0), EX_SLB_RS | SLB_VSID_KP);
	assert_int_equal(sim_slb_mfee(t, 0), 0x10000000ULL | SLB_ESID_V);
	/* A 1 TB segment in entry 5: ESID = EA bits 0:23. */
	sim_slb_mte(t, SLB_VSID_B_1T | (0x1234ULL << 24), (2ULL << 40) | SLB_ESID_V | 5);
	assert_ptr_equal(sim_slb_find(t, 0x20003001234ULL), &t->slb[5]);
	assert_ptr_equal(sim_slb_find(t, EX_EA), &t->slb[0]);
	assert_null(sim_slb_find(t, 0x30000000ULL));
	/* Index 32 does not exist on POWER7: nothing changes. */
	sim_slb_mte(t, 1, 0x30000000ULL | SLB_ESID_V | 32);
	assert_null(sim_slb_find(t, 0x30000000ULL));
	assert_int_equal(sim_slb_mfee(t, 32), 0);
	assert_int_equal(sim_slb_mfev(t, 40), 0);
	/* slbie compares at the entry's segment size: any EA of the 1 TB segment. */
	sim_slb_ie(t, (2ULL << 40) | 0x5000000ULL);
	assert_null(sim_slb_find(t, 0x20003001234ULL));
	sim_slb_mte(t, 0x5ULL << 12, 0x40000000ULL | SLB_ESID_V | 7);
	/* slbia spares entry 0. */
	sim_slb_ia(t);
	assert_null(sim_slb_find(t, 0x40000000ULL));
	assert_non_null(sim_slb_find(t, EX_EA));
	assert_true(t->mirror_dirty & SIM_ENG_SLB);
}

/* Primary PTEG hit: RA, R set on a load, C on a store, in big-endian memory. */
static void test_primary_hit_and_rc(void **state)
{
	struct sim_xlate x;
	struct sim_intr irq;
	uint64_t ra;

	sim_slb_mte(t, EX_SLB_RS, EX_SLB_RB);
	ra = fx_hpte(&mach, htab, 0x455, 3, EX_V, EX_R(2));

	assert_int_equal(xl(EX_EA, SIM_ACC_LOAD, SIM_XL_PROBE, &x, &irq), 0);
	assert_int_equal(x.ra, 0x2345678);
	assert_int_equal(x.hpte_ra, ra);
	assert_int_equal(x.page_shift, 12);
	/* A probe leaves R alone. */
	assert_int_equal(fx_load_be64(&mach, ra + 8), EX_R(2));
	assert_int_equal(xl(EX_EA, SIM_ACC_LOAD, 0, &x, &irq), 0);
	assert_false(x.tlb_hit);
	assert_int_equal(fx_load_be64(&mach, ra + 8), EX_R(2) | HPTE_R_R);
	assert_int_equal(xl(EX_EA, SIM_ACC_STORE, 0, &x, &irq), 0);
	assert_true(x.tlb_hit);
	/* The store through the TLB entry sets C in the HPTE it came from. */
	assert_int_equal(fx_load_be64(&mach, ra + 8), EX_R(2) | HPTE_R_R | HPTE_R_C);
	assert_int_equal(fx_load_be64(&mach, ra), EX_V);
}

/* Secondary PTEG: the entry carries H; an H entry in the primary PTEG does not match. */
static void test_secondary_and_h_bit(void **state)
{
	struct sim_xlate x;
	struct sim_intr irq;

	sim_slb_mte(t, EX_SLB_RS, EX_SLB_RB);
	fx_hpte(&mach, htab, 0x455, 0, EX_V | HPTE_V_SECONDARY, EX_R(2));
	assert_int_equal(xl(EX_EA, SIM_ACC_LOAD, SIM_XL_PROBE, &x, &irq),
			 BOOK3S_INTERRUPT_DATA_STORAGE);
	fx_hpte(&mach, htab, 0x3aa, 7, EX_V | HPTE_V_SECONDARY, EX_R(2));
	assert_int_equal(xl(EX_EA, SIM_ACC_LOAD, SIM_XL_PROBE, &x, &irq), 0);
	assert_int_equal(x.hpte_ra, htab + (0x3aaULL << 7) + 7 * 16);
	assert_int_equal(x.ra, 0x2345678);
	/* A wrong AVPN or segment size does not match either. */
	fx_hpte(&mach, htab, 0x3aa, 7, (EX_V + 0x80) | HPTE_V_SECONDARY, EX_R(2));
	assert_int_equal(xl(EX_EA, SIM_ACC_LOAD, SIM_XL_PROBE, &x, &irq),
			 BOOK3S_INTERRUPT_DATA_STORAGE);
	fx_hpte(&mach, htab, 0x3aa, 7, EX_V | HPTE_V_SECONDARY | HPTE_V_1TB_SEG, EX_R(2));
	assert_int_equal(xl(EX_EA, SIM_ACC_LOAD, SIM_XL_PROBE, &x, &irq),
			 BOOK3S_INTERRUPT_DATA_STORAGE);
}

/*
 * No HPTE: DSI with DAR = EA and DSISR[33] (0x40000000), plus [38] for a
 * store; ISI with SRR1[33].  LPCR[VPM1] sends a guest's to HDSI/HISI; the
 * hypervisor's own stay DSI/ISI.
 */
static void test_no_hpte_faults(void **state)
{
	struct sim_xlate x;
	struct sim_intr irq;

	sim_slb_mte(t, EX_SLB_RS, EX_SLB_RB);
	assert_int_equal(xl(EX_EA, SIM_ACC_LOAD, 0, &x, &irq), BOOK3S_INTERRUPT_DATA_STORAGE);
	assert_int_equal(irq.dar, EX_EA);
	assert_int_equal(irq.dsisr, 0x40000000);
	assert_int_equal(xl(EX_EA, SIM_ACC_STORE, 0, &x, &irq), BOOK3S_INTERRUPT_DATA_STORAGE);
	assert_int_equal(irq.dsisr, 0x42000000);
	assert_int_equal(xl(EX_EA, SIM_ACC_FETCH, 0, &x, &irq), BOOK3S_INTERRUPT_INST_STORAGE);
	assert_int_equal(irq.bits, 0x40000000);

	t->spr[SPRN_LPCR] = LPCR_VPM1;
	assert_int_equal(xl(EX_EA, SIM_ACC_STORE, 0, &x, &irq), BOOK3S_INTERRUPT_H_DATA_STORAGE);
	assert_int_equal(irq.dar, EX_EA);
	assert_int_equal(irq.dsisr, 0x42000000);
	assert_int_equal(xl(EX_EA, SIM_ACC_FETCH, 0, &x, &irq), BOOK3S_INTERRUPT_H_INST_STORAGE);
	assert_int_equal(irq.bits, 0x40000000);
	t->msr = MSR_HYP | MSR_IR | MSR_DR;
	assert_int_equal(xl(EX_EA, SIM_ACC_LOAD, 0, &x, &irq), BOOK3S_INTERRUPT_DATA_STORAGE);
	/* A NULL irq is allowed. */
	assert_int_equal(xl(EX_EA, SIM_ACC_LOAD, 0, &x, NULL), BOOK3S_INTERRUPT_DATA_STORAGE);
}

/* No SLB entry: data/instruction segment interrupts (never routed to the HV). */
static void test_segment_faults(void **state)
{
	struct sim_xlate x;
	struct sim_intr irq;

	t->spr[SPRN_LPCR] = LPCR_VPM1;
	assert_int_equal(xl(0x20000000, SIM_ACC_LOAD, 0, &x, &irq), BOOK3S_INTERRUPT_DATA_SEGMENT);
	assert_int_equal(irq.dar, 0x20000000);
	assert_int_equal(xl(0x20000000, SIM_ACC_FETCH, 0, &x, &irq),
			 BOOK3S_INTERRUPT_INST_SEGMENT);
}

/*
 * 1 TB segment with 16 MB pages: VSID 0x1234, EA 0x200_0300_1234 (page 3).
 * PTEG 0x2468001237 & 0x7ff = 0x237; AVA = 0x1234 << 17 | 0x3001234 >> 23
 * = 0x24680006; dword 0 = B=1 | AVA << 7 | L | V = 0x4000001234000305;
 * RA = 0x5000000 | 0x001234.  The AVA bit inside the 16 MB page is ignored.
 */
static void test_1t_16m(void **state)
{
	struct sim_xlate x;
	struct sim_intr irq;
	uint64_t ea = 0x20003001234ULL;

	sim_slb_mte(t, SLB_VSID_B_1T | (0x1234ULL << 24) | SIM_SLB_LLP_16M,
		    (2ULL << 40) | SLB_ESID_V | 1);
	fx_hpte(&mach, htab, 0x237, 2, 0x4000001234000305ULL, 0x5000000ULL | HPTE_R_M | 2);
	assert_int_equal(xl(ea, SIM_ACC_LOAD, SIM_XL_PROBE, &x, &irq), 0);
	assert_int_equal(x.ra, 0x5001234);
	assert_int_equal(x.page_shift, 24);
	fx_hpte(&mach, htab, 0x237, 2, 0x4000001234000385ULL, 0x5000000ULL | HPTE_R_M | 2);
	assert_int_equal(xl(ea, SIM_ACC_LOAD, SIM_XL_PROBE, &x, &irq), 0);
	/* LP bits other than 0 do not name 16 MB. */
	fx_hpte(&mach, htab, 0x237, 2, 0x4000001234000305ULL, 0x5001000ULL | HPTE_R_M | 2);
	assert_int_equal(xl(ea, SIM_ACC_LOAD, SIM_XL_PROBE, &x, &irq),
			 BOOK3S_INTERRUPT_DATA_STORAGE);
	/* Without L the entry is a 4 KB one. */
	fx_hpte(&mach, htab, 0x237, 2, 0x4000001234000301ULL, 0x5000000ULL | HPTE_R_M | 2);
	assert_int_equal(xl(ea, SIM_ACC_LOAD, SIM_XL_PROBE, &x, &irq),
			 BOOK3S_INTERRUPT_DATA_STORAGE);
}

/*
 * 256 MB segment with 64 KB pages: VSID 0x777, EA 0x30012345 (page 1).
 * hash = 0x777 ^ 1 = 0x776; AVA = 0x777 << 5 = 0xeee0; dword 0 = 0x777005;
 * dword 1 = RPN 0x6010000 | LP 0b0001 (0x1000); RA = 0x6012345.
 */
static void test_64k(void **state)
{
	struct sim_xlate x;
	struct sim_intr irq;

	sim_slb_mte(t, (0x777ULL << 12) | SIM_SLB_LLP_64K, 0x30000000ULL | SLB_ESID_V | 2);
	fx_hpte(&mach, htab, 0x776, 0, 0x777005ULL, 0x6011000ULL | HPTE_R_M | 2);
	assert_int_equal(xl(0x30012345, SIM_ACC_LOAD, SIM_XL_PROBE, &x, &irq), 0);
	assert_int_equal(x.ra, 0x6012345);
	assert_int_equal(x.page_shift, 16);
	/* The 16 MB encoding does not serve a 64 KB segment. */
	fx_hpte(&mach, htab, 0x776, 0, 0x777005ULL, 0x6010000ULL | HPTE_R_M | 2);
	assert_int_equal(xl(0x30012345, SIM_ACC_LOAD, SIM_XL_PROBE, &x, &irq),
			 BOOK3S_INTERRUPT_DATA_STORAGE);
	/* An SLB size POWER7 lacks (L||LP = 0x120) translates nothing. */
	sim_slb_mte(t, (0x777ULL << 12) | 0x120, 0x30000000ULL | SLB_ESID_V | 2);
	assert_int_equal(xl(0x30012345, SIM_ACC_LOAD, 0, &x, &irq),
			 BOOK3S_INTERRUPT_DATA_STORAGE);
	assert_int_equal(irq.dsisr, 0x40000000);
}

/* One protection case: HPTE with PP0||PP = @pp, thread MSR @msr, SLB keys @keys. */
static unsigned int prot(unsigned int pp, uint64_t msr, uint64_t keys, unsigned int acc,
			 struct sim_intr *irq)
{
	struct sim_xlate x;
	uint64_t r = 0x02345000ULL | HPTE_R_M | (pp & 3) | ((uint64_t)(pp >> 2) << 63);

	sim_slb_mte(t, EX_SLB_RS | keys, EX_SLB_RB);
	fx_hpte(&mach, htab, 0x455, 0, EX_V, r);
	t->msr = msr;
	return xl(EX_EA, acc, SIM_XL_PROBE | SIM_XL_NO_TLB, &x, irq);
}

/*
 * PP protection (ISA 2.06 5.7.13.1): key = Kp in problem state, Ks
 * otherwise.  key 0: PP 0-2 RW, 3 and 6 RO; key 1: 0 none, 1 and 3 RO,
 * 2 RW, 6 none.  Violations: DSISR[36] (| [38] for stores), SRR1[36].
 */
static void test_pp_protection(void **state)
{
	struct sim_intr irq;
	const uint64_t U = MSR_GUEST_USER, K = MSR_GUEST_KERN;

	/* key 0 (supervisor, Ks=0). */
	assert_int_equal(prot(0, K, 0, SIM_ACC_STORE, &irq), 0);
	assert_int_equal(prot(1, K, 0, SIM_ACC_STORE, &irq), 0);
	assert_int_equal(prot(2, K, 0, SIM_ACC_STORE, &irq), 0);
	assert_int_equal(prot(3, K, 0, SIM_ACC_LOAD, &irq), 0);
	assert_int_equal(prot(3, K, 0, SIM_ACC_STORE, &irq), BOOK3S_INTERRUPT_DATA_STORAGE);
	assert_int_equal(irq.dsisr, 0x0a000000);
	assert_int_equal(prot(6, K, 0, SIM_ACC_LOAD, &irq), 0);
	assert_int_equal(prot(6, K, 0, SIM_ACC_STORE, &irq), BOOK3S_INTERRUPT_DATA_STORAGE);
	/* key 1 (problem state with Kp=1, or supervisor with Ks=1). */
	assert_int_equal(prot(0, U, SLB_VSID_KP, SIM_ACC_LOAD, &irq),
			 BOOK3S_INTERRUPT_DATA_STORAGE);
	assert_int_equal(irq.dsisr, 0x08000000);
	assert_int_equal(prot(0, U, 0, SIM_ACC_STORE, &irq), 0);
	assert_int_equal(prot(0, K, SLB_VSID_KS, SIM_ACC_LOAD, &irq),
			 BOOK3S_INTERRUPT_DATA_STORAGE);
	assert_int_equal(prot(1, U, SLB_VSID_KP, SIM_ACC_LOAD, &irq), 0);
	assert_int_equal(prot(1, U, SLB_VSID_KP, SIM_ACC_STORE, &irq),
			 BOOK3S_INTERRUPT_DATA_STORAGE);
	assert_int_equal(prot(2, U, SLB_VSID_KP, SIM_ACC_STORE, &irq), 0);
	assert_int_equal(prot(3, U, SLB_VSID_KP, SIM_ACC_LOAD, &irq), 0);
	assert_int_equal(prot(3, U, SLB_VSID_KP, SIM_ACC_STORE, &irq),
			 BOOK3S_INTERRUPT_DATA_STORAGE);
	assert_int_equal(prot(6, U, SLB_VSID_KP, SIM_ACC_LOAD, &irq),
			 BOOK3S_INTERRUPT_DATA_STORAGE);
	/* Reserved PP0||PP = 0b100: no access at all. */
	assert_int_equal(prot(4, K, 0, SIM_ACC_LOAD, &irq), BOOK3S_INTERRUPT_DATA_STORAGE);
	/* Fetch needs read permission: SRR1[36]; under VPM1 it is the hypervisor's. */
	assert_int_equal(prot(0, U, SLB_VSID_KP, SIM_ACC_FETCH, &irq),
			 BOOK3S_INTERRUPT_INST_STORAGE);
	assert_int_equal(irq.bits, 0x08000000);
	t->spr[SPRN_LPCR] = LPCR_VPM1;
	assert_int_equal(prot(0, U, SLB_VSID_KP, SIM_ACC_LOAD, &irq),
			 BOOK3S_INTERRUPT_H_DATA_STORAGE);
	assert_int_equal(irq.dsisr, 0x08000000);
}

/*
 * Storage keys (5.7.13.2): key 5 is KEY_LO 0b101 (0xa00); its AMR bits are
 * 10:11, i.e. (AMR >> 52) & 3 with 2 = store-deny, 1 = load-deny.  A key
 * fault is DSISR[42] (0x00200000).  Fetches ignore the AMR.
 */
static void test_storage_keys(void **state)
{
	struct sim_xlate x;
	struct sim_intr irq;

	sim_slb_mte(t, EX_SLB_RS, EX_SLB_RB);
	fx_hpte(&mach, htab, 0x455, 0, EX_V, EX_R(2) | 0xa00);
	t->spr[SPRN_AMR] = 2ULL << 52;
	assert_int_equal(xl(EX_EA, SIM_ACC_LOAD, SIM_XL_NO_TLB, &x, &irq), 0);
	assert_int_equal(xl(EX_EA, SIM_ACC_STORE, SIM_XL_NO_TLB, &x, &irq),
			 BOOK3S_INTERRUPT_DATA_STORAGE);
	assert_int_equal(irq.dsisr, 0x02200000);
	t->spr[SPRN_AMR] = 1ULL << 52;
	assert_int_equal(xl(EX_EA, SIM_ACC_LOAD, SIM_XL_NO_TLB, &x, &irq),
			 BOOK3S_INTERRUPT_DATA_STORAGE);
	assert_int_equal(irq.dsisr, 0x00200000);
	assert_int_equal(xl(EX_EA, SIM_ACC_FETCH, SIM_XL_NO_TLB, &x, &irq), 0);
	/* Key 31 (KEY_HI and KEY_LO all ones) uses AMR bits 62:63. */
	fx_hpte(&mach, htab, 0x455, 0, EX_V, EX_R(2) | HPTE_R_KEY_HI | HPTE_R_KEY_LO);
	t->spr[SPRN_AMR] = 3;
	assert_int_equal(xl(EX_EA, SIM_ACC_LOAD, SIM_XL_NO_TLB, &x, &irq),
			 BOOK3S_INTERRUPT_DATA_STORAGE);
	t->spr[SPRN_AMR] = 3ULL << 62;
	assert_int_equal(xl(EX_EA, SIM_ACC_STORE, SIM_XL_NO_TLB, &x, &irq), 0);
	/* A page-protection and a key fault together set both bits. */
	fx_hpte(&mach, htab, 0x455, 0, EX_V, EX_R(3) | 0xa00);
	t->spr[SPRN_AMR] = 2ULL << 52;
	assert_int_equal(xl(EX_EA, SIM_ACC_STORE, SIM_XL_NO_TLB, &x, &irq),
			 BOOK3S_INTERRUPT_DATA_STORAGE);
	assert_int_equal(irq.dsisr, 0x0a200000);
}

/* Fetch from N=1 or G=1 pages, or an SLB N=1 segment: ISI SRR1[35] (0x10000000). */
static void test_no_execute(void **state)
{
	struct sim_xlate x;
	struct sim_intr irq;

	sim_slb_mte(t, EX_SLB_RS, EX_SLB_RB);
	fx_hpte(&mach, htab, 0x455, 0, EX_V, EX_R(2) | HPTE_R_N);
	assert_int_equal(xl(EX_EA, SIM_ACC_FETCH, SIM_XL_NO_TLB, &x, &irq),
			 BOOK3S_INTERRUPT_INST_STORAGE);
	assert_int_equal(irq.bits, 0x10000000);
	assert_int_equal(xl(EX_EA, SIM_ACC_LOAD, SIM_XL_NO_TLB, &x, &irq), 0);
	fx_hpte(&mach, htab, 0x455, 0, EX_V, EX_R(2) | HPTE_R_G);
	assert_int_equal(xl(EX_EA, SIM_ACC_FETCH, SIM_XL_NO_TLB, &x, &irq),
			 BOOK3S_INTERRUPT_INST_STORAGE);
	assert_int_equal(irq.bits, 0x10000000);
	fx_hpte(&mach, htab, 0x455, 0, EX_V, EX_R(2));
	assert_int_equal(xl(EX_EA, SIM_ACC_FETCH, SIM_XL_NO_TLB, &x, &irq), 0);
	sim_slb_mte(t, EX_SLB_RS | SLB_VSID_N, EX_SLB_RB);
	assert_int_equal(xl(EX_EA, SIM_ACC_FETCH, SIM_XL_NO_TLB, &x, &irq),
			 BOOK3S_INTERRUPT_INST_STORAGE);
	assert_int_equal(irq.bits, 0x10000000);
	/* N and G together with a protection fault set both bits. */
	sim_slb_mte(t, EX_SLB_RS | SLB_VSID_KP, EX_SLB_RB);
	fx_hpte(&mach, htab, 0x455, 0, EX_V, (EX_R(2) & ~3ULL) | HPTE_R_N);
	t->msr = MSR_GUEST_USER;
	assert_int_equal(xl(EX_EA, SIM_ACC_FETCH, SIM_XL_NO_TLB, &x, &irq),
			 BOOK3S_INTERRUPT_INST_STORAGE);
	assert_int_equal(irq.bits, 0x18000000);
}

/*
 * Hypervisor real mode: EA bits 0:3 ignored, HRMOR ORed in unless EA bit 0
 * is 1.
 */
static void test_hv_real_mode(void **state)
{
	struct sim_xlate x;

	t->msr = MSR_HYP;
	t->spr[SPRN_HRMOR] = 0x4000000;
	assert_int_equal(xl(0x1000, SIM_ACC_LOAD, 0, &x, NULL), 0);
	assert_int_equal(x.ra, 0x4001000);
	assert_int_equal(xl(0x4000000000001000ULL, SIM_ACC_FETCH, 0, &x, NULL), 0);
	assert_int_equal(x.ra, 0x4001000);
	assert_int_equal(xl(0x8000000000001000ULL, SIM_ACC_STORE, 0, &x, NULL), 0);
	assert_int_equal(x.ra, 0x1000);
	assert_false(x.relocated);
}

/*
 * Guest real mode through the VRMA (LPCR[VPM0], VRMASD = L: 16 MB pages).
 * Page i lives in PTEG (0x7fffffffff ^ i) & 0x7ff = 0x7ff ^ i, slot 7, with
 * dword 0 = B=1TB | VRMA_VSID << 24 | i << 8 | BOLTED | L | V, as KVM writes.
 */
static void test_vrma(void **state)
{
	struct sim_xlate x;
	struct sim_intr irq;
	uint64_t page = sim_arena_alloc_16m(&mach.arena);
	uint64_t v0 = HPTE_V_1TB_SEG | (VRMA_VSID << 24) | HPTE_V_BOLTED | HPTE_V_LARGE |
		      HPTE_V_VALID;

	assert_int_equal(v0, 0x4001ffffff000015ULL);
	fx_hpte(&mach, htab, 0x7ff, 7, v0, page | HPTE_R_R | HPTE_R_C | HPTE_R_M);
	t->msr = MSR_GUEST_REAL;
	t->spr[SPRN_LPCR] = LPCR_VPM0 | LPCR_VRMA_L;

	assert_int_equal(xl(0x1234, SIM_ACC_LOAD, 0, &x, &irq), 0);
	assert_int_equal(x.ra, page + 0x1234);
	assert_true(x.relocated);
	assert_int_equal(x.page_shift, 24);
	/* EA bits 0:3 are ignored in real mode. */
	assert_int_equal(xl(0xc000000000001234ULL, SIM_ACC_FETCH, 0, &x, &irq), 0);
	assert_int_equal(x.ra, page + 0x1234);
	/*
	 * An AMR that denies key 0 (the VRMA's) does not apply in real mode,
	 * loads or stores (the fuzzer's finding: the model's icbi faulted).
	 */
	t->spr[SPRN_AMR] = 3ULL << 62;
	assert_int_equal(xl(0x1234, SIM_ACC_LOAD, SIM_XL_NO_TLB, &x, &irq), 0);
	assert_int_equal(xl(0x1234, SIM_ACC_STORE, SIM_XL_NO_TLB, &x, &irq), 0);
	t->spr[SPRN_AMR] = 0;
	/* Beyond the mapped RMA: HDSI with HDAR/HDSISR, HISI with SRR1[33]. */
	assert_int_equal(xl(0x1000010, SIM_ACC_STORE, 0, &x, &irq),
			 BOOK3S_INTERRUPT_H_DATA_STORAGE);
	assert_int_equal(irq.dar, 0x1000010);
	assert_int_equal(irq.dsisr, 0x42000000);
	assert_int_equal(xl(0xc000000001000010ULL, SIM_ACC_LOAD, 0, &x, &irq),
			 BOOK3S_INTERRUPT_H_DATA_STORAGE);
	assert_int_equal(irq.dar, 0xc000000001000010ULL);
	assert_int_equal(xl(0x1000010, SIM_ACC_FETCH, 0, &x, &irq),
			 BOOK3S_INTERRUPT_H_INST_STORAGE);
	assert_int_equal(irq.bits, 0x40000000);
	/* Page 1 in PTEG 0x7fe. */
	fx_hpte(&mach, htab, 0x7fe, 7, v0 | (1ULL << 8), (page - SIM_PAGE_16M) | HPTE_R_M);
	assert_int_equal(xl(0x1000010, SIM_ACC_LOAD, 0, &x, &irq), 0);
	assert_int_equal(x.ra, page - SIM_PAGE_16M + 0x10);
	/* With VPM0 off and no RMA set up (RMLS 0 = 256 GB, RMOR 0) it is RMA mode. */
	t->spr[SPRN_LPCR] = 0;
	assert_int_equal(xl(0x1234, SIM_ACC_LOAD, 0, &x, &irq), 0);
	assert_int_equal(x.ra, 0x1234);
}

/*
 * Guest real mode through an RMA (LPCR[VPM0]=0): RA = RMOR | EA[4:63] below
 * the RMLS limit; beyond it a protection-type storage exception, to the
 * hypervisor when LPES1=0.
 */
static void test_rma(void **state)
{
	struct sim_xlate x;
	struct sim_intr irq;

	t->msr = MSR_GUEST_REAL;
	t->spr[SPRN_LPCR] = 3ULL << LPCR_RMLS_SH;	/* 64 MB */
	t->spr[SPRN_RMOR] = 0x8000000;
	assert_int_equal(xl(0x100, SIM_ACC_LOAD, 0, &x, &irq), 0);
	assert_int_equal(x.ra, 0x8000100);
	assert_int_equal(xl(0x4000000, SIM_ACC_LOAD, 0, &x, &irq),
			 BOOK3S_INTERRUPT_H_DATA_STORAGE);
	assert_int_equal(irq.dsisr, 0x08000000);
	assert_int_equal(xl(0x4000000, SIM_ACC_FETCH, 0, &x, &irq),
			 BOOK3S_INTERRUPT_H_INST_STORAGE);
	assert_int_equal(irq.bits, 0x08000000);
	t->spr[SPRN_LPCR] |= LPCR_LPES1;
	assert_int_equal(xl(0x4000000, SIM_ACC_LOAD, 0, &x, &irq),
			 BOOK3S_INTERRUPT_DATA_STORAGE);

	/* POWER7 RMLS encodings (4 bits; 8 = 32 MB). */
	assert_int_equal(sim_rmls_limit(0ULL << 26), 256ULL << 30);
	assert_int_equal(sim_rmls_limit(1ULL << 26), 16ULL << 30);
	assert_int_equal(sim_rmls_limit(2ULL << 26), 1ULL << 30);
	assert_int_equal(sim_rmls_limit(4ULL << 26), 256ULL << 20);
	assert_int_equal(sim_rmls_limit(7ULL << 26), 128ULL << 20);
	assert_int_equal(sim_rmls_limit(8ULL << 26), 32ULL << 20);
	assert_int_equal(sim_rmls_limit(5ULL << 26), 0);
}

/* 32-bit mode: only EA bits 32:63 take part. */
static void test_32bit_mode(void **state)
{
	struct sim_xlate x;

	sim_slb_mte(t, EX_SLB_RS, EX_SLB_RB);
	fx_hpte(&mach, htab, 0x455, 3, EX_V, EX_R(2));
	t->msr = MSR_GUEST_KERN & ~MSR_SF;
	assert_int_equal(xl(0xffffffff00000000ULL | EX_EA, SIM_ACC_LOAD, 0, &x, NULL), 0);
	assert_int_equal(x.ra, 0x2345678);
}

/* A table HTABSIZE > 28 (reserved) or outside the arena translates nothing. */
static void test_bad_table(void **state)
{
	struct sim_xlate x;

	sim_slb_mte(t, EX_SLB_RS, EX_SLB_RB);
	fx_hpte(&mach, htab, 0x455, 3, EX_V, EX_R(2));
	t->spr[SPRN_SDR1] = htab | 29;
	assert_int_equal(xl(EX_EA, SIM_ACC_LOAD, 0, &x, NULL), BOOK3S_INTERRUPT_DATA_STORAGE);
	t->spr[SPRN_SDR1] = 0x0ff0000000000000ULL;
	assert_int_equal(xl(EX_EA, SIM_ACC_LOAD, 0, &x, NULL), BOOK3S_INTERRUPT_DATA_STORAGE);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_hash),
		T(test_slb_instructions),
		T(test_primary_hit_and_rc),
		T(test_secondary_and_h_bit),
		T(test_no_hpte_faults),
		T(test_segment_faults),
		T(test_1t_16m),
		T(test_64k),
		T(test_pp_protection),
		T(test_storage_keys),
		T(test_no_execute),
		T(test_hv_real_mode),
		T(test_vrma),
		T(test_rma),
		T(test_32bit_mode),
		T(test_bad_table),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
