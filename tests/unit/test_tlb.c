// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of the TLB model (sim/tlb.c) and of its use by the model's
 * translation: a stale translation stays visible after an HPTE change until
 * the right tlbie/tlbiel removes it; entries are tagged with the LPID.
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

/* The 256 MB / 4 KB example of test_mmu.c: VSID 0x123456, EA 0x10003678, PTEG 0x455. */
#define EX_VSID		0x123456ULL
#define EX_EA		0x10003678ULL
#define EX_SLB_RB	(0x10000000ULL | SLB_ESID_V | 0)
#define EX_SLB_RS	(EX_VSID << SLB_VSID_SHIFT)
#define EX_V		0x123456001ULL
/* tlbie RB for it: VA bits 14:65 = (VA mod 2^64) with the page offset cleared; B = 0; L = 0. */
#define EX_RB		0x1234560003000ULL

static int setup(void **state)
{
	if (sim_machine_init(&mach, 128 * MB, 2))
		return -1;
	t = &mach.threads[0];
	htab = fx_hpt(&mach, t);
	t->msr = MSR_GUEST_KERN;
	t->spr[SPRN_LPID] = 5;
	sim_slb_mte(t, EX_SLB_RS, EX_SLB_RB);
	fx_hpte(&mach, htab, 0x455, 0, EX_V, 0x02345000ULL | HPTE_R_M | 2);
	return 0;
}

static int teardown(void **state)
{
	sim_machine_destroy(&mach);
	return 0;
}

static uint64_t ra_of(uint64_t ea, bool *hit)
{
	struct sim_xlate x;
	struct sim_intr irq;

	if (sim_mmu_xlate(t, ea, SIM_ACC_LOAD, 0, &x, &irq))
		return ~0ULL;
	if (hit)
		*hit = x.tlb_hit;
	return x.ra;
}

/* Point the example HPTE at another page, as software would, without invalidating. */
static void remap(uint64_t rpn)
{
	fx_store_be64(&mach, htab + (0x455ULL << 7) + 8, rpn | HPTE_R_M | 2);
}

/*
 * After the HPTE changes, the model keeps translating through the TLB entry
 * (what hardware may do) until a tlbie for that VA and LPID.
 */
static void test_stale_until_tlbie(void **state)
{
	bool hit;

	assert_int_equal(ra_of(EX_EA, &hit), 0x2345678);
	assert_false(hit);
	assert_int_equal(sim_tlb_count(sim_tlb_of(t), 5), 1);
	remap(0x7777000);
	assert_int_equal(ra_of(EX_EA, &hit), 0x2345678);
	assert_true(hit);
	/* Wrong LPID, wrong page, wrong segment size: still stale. */
	sim_tlb_tlbie(&mach, EX_RB, 6);
	sim_tlb_tlbie(&mach, EX_RB + 0x1000, 5);
	sim_tlb_tlbie(&mach, EX_RB | (1 << 8), 5);
	assert_int_equal(ra_of(EX_EA, NULL), 0x2345678);
	/* The right one. */
	sim_tlb_tlbie(&mach, EX_RB, 5);
	assert_int_equal(sim_tlb_count(sim_tlb_of(t), 5), 0);
	assert_int_equal(ra_of(EX_EA, &hit), 0x7777678);
	assert_false(hit);
	/* The VSID in the SLB keeps the same translation for the next access. */
	assert_int_equal(ra_of(EX_EA + 8, &hit), 0x7777680);
	assert_true(hit);
}

/* Removing the HPTE is not enough either: the TLB entry outlives it. */
static void test_removed_hpte_still_translates(void **state)
{
	assert_int_equal(ra_of(EX_EA, NULL), 0x2345678);
	fx_store_be64(&mach, htab + (0x455ULL << 7), 0);
	assert_int_equal(ra_of(EX_EA, NULL), 0x2345678);
	sim_tlb_tlbie(&mach, EX_RB, 5);
	assert_int_equal(ra_of(EX_EA, NULL), ~0ULL);
}

/* Entries are tagged with LPIDR: another partition walks the table itself. */
static void test_lpid_tag(void **state)
{
	bool hit;

	assert_int_equal(ra_of(EX_EA, NULL), 0x2345678);
	remap(0x7777000);
	t->spr[SPRN_LPID] = 6;
	assert_int_equal(ra_of(EX_EA, &hit), 0x7777678);
	assert_false(hit);
	t->spr[SPRN_LPID] = 5;
	assert_int_equal(ra_of(EX_EA, &hit), 0x2345678);
	assert_true(hit);
	assert_int_equal(sim_tlb_count(sim_tlb_of(t), UINT32_MAX), 2);
}

/* tlbie reaches every core; tlbiel only its own, for LPIDR. */
static void test_tlbie_global_tlbiel_local(void **state)
{
	struct sim_thread *t4 = &mach.threads[4];	/* core 1 */

	t4->spr[SPRN_SDR1] = t->spr[SPRN_SDR1];
	t4->spr[SPRN_LPID] = 5;
	t4->msr = MSR_GUEST_KERN;
	sim_slb_mte(t4, EX_SLB_RS, EX_SLB_RB);
	assert_int_equal(ra_of(EX_EA, NULL), 0x2345678);
	assert_int_equal(sim_mmu_xlate(t4, EX_EA, SIM_ACC_LOAD, 0, &(struct sim_xlate){ 0 }, NULL),
			 0);
	assert_int_equal(sim_tlb_count(&mach.tlb[1], 5), 1);

	/* tlbiel on core 0 leaves core 1's entry. */
	sim_tlb_tlbiel(t, EX_RB);
	assert_int_equal(sim_tlb_count(&mach.tlb[0], 5), 0);
	assert_int_equal(sim_tlb_count(&mach.tlb[1], 5), 1);
	/* tlbie removes it everywhere. */
	assert_int_equal(ra_of(EX_EA, NULL), 0x2345678);
	sim_tlb_tlbie(&mach, EX_RB, 5);
	assert_int_equal(sim_tlb_count(&mach.tlb[0], 5), 0);
	assert_int_equal(sim_tlb_count(&mach.tlb[1], 5), 0);
}

/*
 * tlbiel by congruence class (IS=0b10: this LPID; 0b11: all LPIDs), as KVM
 * flushes a partition with 128 tlbiels of RB = set << 12 | 0x800.
 */
static void test_tlbiel_sets(void **state)
{
	struct sim_tlb *tlb = sim_tlb_of(t);
	/* The example page: VPN low 7 bits = (VA >> 12) & 127 = 3. */
	unsigned int set = (EX_RB >> 12) & 127;

	assert_int_equal(set, 3);
	assert_int_equal(ra_of(EX_EA, NULL), 0x2345678);
	t->spr[SPRN_LPID] = 6;
	assert_int_equal(ra_of(EX_EA, NULL), 0x2345678);
	assert_int_equal(sim_tlb_count(tlb, UINT32_MAX), 2);
	/* Another set: nothing. */
	sim_tlb_tlbiel(t, (4ULL << 12) | 0x800);
	assert_int_equal(sim_tlb_count(tlb, UINT32_MAX), 2);
	/* IS=0b10 for LPID 6 only. */
	sim_tlb_tlbiel(t, (3ULL << 12) | 0x800);
	assert_int_equal(sim_tlb_count(tlb, 6), 0);
	assert_int_equal(sim_tlb_count(tlb, 5), 1);
	/* IS=0b11: every LPID. */
	sim_tlb_tlbiel(t, (3ULL << 12) | 0xc00);
	assert_int_equal(sim_tlb_count(tlb, UINT32_MAX), 0);

	/* KVM's whole-partition flush loop. */
	t->spr[SPRN_LPID] = 5;
	assert_int_equal(ra_of(EX_EA, NULL), 0x2345678);
	for (unsigned int s = 0; s < 128; s++)
		sim_tlb_tlbiel(t, ((uint64_t)s << 12) | 0x800);
	assert_int_equal(sim_tlb_count(tlb, 5), 0);
}

/*
 * Large pages: RB has L=1; for 16 MB the VA bits below 24 are clear and LP
 * is 0; for 64 KB LP = 0b0001 sits in RB bits 44:51 (value 0x1000).
 */
static void test_large_page_rb(void **state)
{
	struct sim_tlb *tlb = sim_tlb_of(t);
	uint64_t v16 = 0x4000001234000305ULL;	/* test_mmu.c's 1 TB / 16 MB entry */
	uint64_t ea16 = 0x20003001234ULL;
	uint64_t va16 = sim_mmu_va(SLB_VSID_B_1T | (0x1234ULL << 24) | 0x100, ea16);

	sim_slb_mte(t, SLB_VSID_B_1T | (0x1234ULL << 24) | SIM_SLB_LLP_16M,
		    (2ULL << 40) | SLB_ESID_V | 1);
	fx_hpte(&mach, htab, 0x237, 2, v16, 0x5000000ULL | HPTE_R_M | 2);
	assert_int_equal(ra_of(ea16, NULL), 0x5001234);
	/* A 4 KB-form RB for the same VA does not name the 16 MB entry. */
	sim_tlb_tlbie(&mach, (va16 & ~0xfffULL) | (1 << 8), 5);
	assert_int_equal(sim_tlb_count(tlb, 5), 1);
	sim_tlb_tlbie(&mach, (va16 & ~0xffffffULL) | (1 << 8) | 1, 5);
	assert_int_equal(sim_tlb_count(tlb, 5), 0);

	sim_slb_mte(t, (0x777ULL << 12) | SIM_SLB_LLP_64K, 0x30000000ULL | SLB_ESID_V | 2);
	fx_hpte(&mach, htab, 0x776, 0, 0x777005ULL, 0x6011000ULL | HPTE_R_M | 2);
	assert_int_equal(ra_of(0x30012345, NULL), 0x6012345);
	assert_int_equal(sim_tlb_count(tlb, 5), 1);
	/* VA = 0x777 << 28 | 0x12345; RB = VA & ~0xffff | LP 0x1000 | L. */
	sim_tlb_tlbie(&mach, ((0x777ULL << 28) | 0x10000) | 0x1000 | 1, 5);
	assert_int_equal(sim_tlb_count(tlb, 5), 0);
}

/* A full congruence class evicts round-robin; counters track hits and misses. */
static void test_replacement(void **state)
{
	struct sim_tlb *tlb = sim_tlb_of(t);
	struct sim_tlbe e = { .valid = true, .page_shift = 12, .lpid = 9 };

	for (unsigned int i = 0; i < SIM_TLB_WAYS + 1; i++) {
		e.va = ((uint64_t)i << 19) | (3 << 12);	/* same set 3 */
		e.ra = i;
		sim_tlb_insert(tlb, &e);
	}
	assert_int_equal(sim_tlb_count(tlb, 9), SIM_TLB_WAYS);
	assert_null(sim_tlb_lookup(tlb, 9, 0, 3 << 12, 12));
	assert_non_null(sim_tlb_lookup(tlb, 9, 0, ((uint64_t)SIM_TLB_WAYS << 19) | (3 << 12), 12));
	/* Re-inserting an existing translation replaces it in place. */
	e.ra = 99;
	sim_tlb_insert(tlb, &e);
	assert_int_equal(sim_tlb_count(tlb, 9), SIM_TLB_WAYS);
	assert_int_equal(sim_tlb_lookup(tlb, 9, 0, e.va, 12)->ra, 99);

	ra_of(EX_EA, NULL);
	ra_of(EX_EA, NULL);
	assert_int_equal(tlb->misses, 1);
	assert_int_equal(tlb->hits, 1);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_stale_until_tlbie),
		T(test_removed_hpte_still_translates),
		T(test_lpid_tag),
		T(test_tlbie_global_tlbiel_local),
		T(test_tlbiel_sets),
		T(test_large_page_rb),
		T(test_replacement),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
