// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of hv/book3s_64_mmu_hv.c: VM creation (HPT, SDR1, guest LPCR),
 * the LPID allocator, guest memory in 16 MB pages, the VRMA and the hash
 * functions, through the simulator's hv_env and real address space.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "hv_env.h"
#include "hv/hv_hpt.h"
#include "hv/hv_kvm.h"
#include "machine.h"

#define MB (1ULL << 20)

static struct sim_machine mach;

static int setup(void **state)
{
	if (sim_machine_init(&mach, 256 * MB, 1))
		return -1;
	sim_machine_select(&mach, 0);
	mach.log_level = 0;
	return 0;
}

static int teardown(void **state)
{
	sim_machine_destroy(&mach);
	return 0;
}

/* Dword @dw of HPTE @idx as hardware reads it: big-endian bytes in the arena. */
static u64 hpt_dw(const struct hv_kvm *kvm, unsigned long idx, int dw)
{
	const uint8_t *p = sim_arena_ptr(&mach.arena, kvm->hpt_real + idx * 16 + dw * 8, 8);
	u64 v = 0;

	assert_non_null(p);
	for (int i = 0; i < 8; i++)
		v = v << 8 | p[i];
	return v;
}

static struct hv_kvm *new_vm(unsigned int order)
{
	struct hv_kvm *kvm;

	assert_int_equal(hv_kvm_create(&kvm, order), 0);
	assert_non_null(kvm);
	return kvm;
}

/*
 * Allocating an LPID before hv_mmu_hv_init is refused (the host's LPID would
 * not be reserved yet).  Must run first: init is process-wide.
 */
static void test_lpid_alloc_before_init(void **state)
{
	struct hv_kvm *kvm = (void *)1;

	assert_int_equal(hv_lpid_alloc(), -HV_EINVAL);
	assert_int_equal(hv_kvm_create(&kvm, 18), -HV_EINVAL);
	assert_null(kvm);
}

/*
 * Every LPID but the host's and LPID_RSVD is handed out exactly once; then
 * the allocator reports exhaustion; a freed LPID is handed out again.
 */
static void test_lpid_allocation_and_exhaustion(void **state)
{
	static int got[HV_NR_LPIDS];
	static bool seen[HV_NR_LPIDS];
	const unsigned int host = 5;
	unsigned int n = 0;
	int lpid;

	mach.cur->spr[SPRN_LPID] = host;
	assert_int_equal(hv_mmu_hv_init(), 0);
	memset(seen, 0, sizeof(seen));
	while ((lpid = hv_lpid_alloc()) >= 0) {
		assert_true(lpid < (int)HV_NR_LPIDS);
		assert_int_not_equal(lpid, host);
		assert_int_not_equal(lpid, LPID_RSVD);
		assert_false(seen[lpid]);
		seen[lpid] = true;
		got[n++] = lpid;
	}
	assert_int_equal(lpid, -HV_ENOSPC);
	/* 1024 LPIDs minus the host's and the reserved one. */
	assert_int_equal(n, HV_NR_LPIDS - 2);

	hv_lpid_free(got[100]);
	assert_int_equal(hv_lpid_alloc(), got[100]);
	assert_int_equal(hv_lpid_alloc(), -HV_ENOSPC);
	/* Re-initialising while LPIDs are out would hand them out twice. */
	assert_int_equal(hv_mmu_hv_init(), -HV_EBUSY);
	for (unsigned int i = 0; i < n; i++)
		hv_lpid_free(got[i]);
	assert_int_equal(hv_mmu_hv_init(), 0);
	mach.cur->spr[SPRN_LPID] = 0;
	assert_int_equal(hv_mmu_hv_init(), 0);
}

/* Freeing a reserved or out-of-range LPID is an internal error: logged, ignored. */
static void test_lpid_free_reserved_is_ignored(void **state)
{
	int a;

	assert_int_equal(hv_mmu_hv_init(), 0);
	hv_lpid_free(LPID_RSVD);
	hv_lpid_free(0);		/* the host's */
	hv_lpid_free(HV_NR_LPIDS);
	assert_non_null(strstr(mach.last_log, "invariant violated"));
	a = hv_lpid_alloc();
	assert_int_equal(a, 1);
	hv_lpid_free(a);
}

/*
 * A VM without a free LPID is refused with -HV_ENOSPC and leaks nothing.
 */
static void test_create_without_lpid(void **state)
{
	static int got[HV_NR_LPIDS];
	u64 free_before = sim_arena_free_bytes(&mach.arena);
	struct hv_kvm *kvm;
	unsigned int n = 0;
	int lpid;

	assert_int_equal(hv_mmu_hv_init(), 0);
	while ((lpid = hv_lpid_alloc()) >= 0)
		got[n++] = lpid;
	assert_int_equal(hv_kvm_create(&kvm, 18), -HV_ENOSPC);
	assert_null(kvm);
	assert_int_equal(sim_arena_free_bytes(&mach.arena), free_before);
	while (n)
		hv_lpid_free(got[--n]);
}

/*
 * Default VM: a 16 MB HPT (order 24) in the real address space, naturally
 * aligned and zeroed; SDR1 = HTABORG | (24 - 18) = base | 6; 2^20 HPTEs,
 * 2^17 PTEGs, hash mask 0x1ffff; an LPID that is not the host's; the host's
 * SDR1, LPID and LPCR saved.
 */
static void test_create_default_hpt(void **state)
{
	const uint8_t *hpt;
	struct hv_kvm *kvm;

	assert_int_equal(hv_mmu_hv_init(), 0);
	mach.cur->spr[SPRN_SDR1] = 0x1230000;
	kvm = new_vm(0);
	assert_int_equal(kvm->hpt_order, 24);
	assert_int_equal(kvm->hpt_real & (16 * MB - 1), 0);
	assert_true(kvm->hpt_real >= SIM_ARENA_HOST_RESERVED);
	assert_int_equal(kvm->sdr1, kvm->hpt_real | 6);
	assert_int_equal(kvm->hpt_npte, 1UL << 20);
	assert_int_equal(kvm->hpt_mask, 0x1ffff);
	assert_ptr_equal(hv_real_to_virt(kvm->hpt_real), kvm->hpt_virt);
	hpt = sim_arena_ptr(&mach.arena, kvm->hpt_real, 16 * MB);
	assert_non_null(hpt);
	for (u64 i = 0; i < 16 * MB; i += 8)
		assert_int_equal(*(const u64 *)(hpt + i), 0);
	assert_int_not_equal(kvm->lpid, 0);
	assert_int_not_equal(kvm->lpid, LPID_RSVD);
	assert_int_equal(kvm->host_lpid, 0);
	assert_int_equal(kvm->host_sdr1, 0x1230000);
	/* No R preset: R is set by references (the sim hides its engine's bug, sim/refbits.c). */
	assert_int_equal(kvm->hpte_r_preset, 0);
	assert_int_equal(kvm->vrma_npages, 0);
	hv_kvm_destroy(kvm);
	mach.cur->spr[SPRN_SDR1] = 0;
}

/*
 * HPT order bounds: 18 (256 KB, HTABSIZE 0) is the smallest, 46 the largest
 * HTABSIZE (28) allows; outside is -HV_EINVAL.  An order the machine cannot
 * back fails with -HV_ENOMEM, and the LPID and memory are released.
 */
static void test_create_hpt_order_bounds(void **state)
{
	u64 free_before = sim_arena_free_bytes(&mach.arena);
	struct hv_kvm *kvm;
	int lpid;

	assert_int_equal(hv_mmu_hv_init(), 0);
	kvm = new_vm(18);
	assert_int_equal(kvm->sdr1, kvm->hpt_real);	/* HTABSIZE 0 */
	assert_int_equal(kvm->sdr1 & HV_SDR1_HTABSIZE, 0);
	assert_int_equal(kvm->hpt_real & (256 * 1024 - 1), 0);
	assert_int_equal(kvm->hpt_npte, 16384);
	assert_int_equal(kvm->hpt_mask, 0x7ff);
	hv_kvm_destroy(kvm);

	assert_int_equal(hv_kvm_create(&kvm, 17), -HV_EINVAL);
	assert_int_equal(hv_kvm_create(&kvm, 47), -HV_EINVAL);
	assert_int_equal(hv_kvm_create(&kvm, 30), -HV_ENOMEM);	/* 1 GB > arena */
	assert_null(kvm);
	lpid = hv_lpid_alloc();
	assert_int_equal(lpid, 1);	/* the failed creation gave its LPID back */
	hv_lpid_free(lpid);
	assert_int_equal(sim_arena_free_bytes(&mach.arena), free_before);
}

/*
 * Guest LPCR: the host's PECE and LPES bits, VPM0, DPFD = 4, HDICE; nothing
 * else of the host's (VPM1, ILE here); VRMASD only once the VRMA exists.
 */
static void test_guest_lpcr(void **state)
{
	struct hv_kvm *kvm;

	assert_int_equal(hv_mmu_hv_init(), 0);
	mach.cur->spr[SPRN_LPCR] = LPCR_VPM1 | LPCR_ILE | LPCR_PECE0 | LPCR_PECE2 | LPCR_LPES1 |
				   LPCR_RMI;
	kvm = new_vm(18);
	assert_int_equal(kvm->host_lpcr, mach.cur->spr[SPRN_LPCR]);
	/* 0x8000... | 4 << 52 = 0x0040... | 0x5000 | 0x4 | 0x1 */
	assert_int_equal(kvm->lpcr, 0x8040000000005005ULL);
	assert_int_equal(kvm->lpcr & LPCR_VRMASD, 0);
	hv_kvm_destroy(kvm);
	mach.cur->spr[SPRN_LPCR] = 0;
}

/*
 * Guest memory: 16 MB pages at 16 MB-aligned, non-identity real addresses,
 * each its own allocation; gpa -> real translation through the table.
 */
static void test_add_memory(void **state)
{
	struct hv_kvm *kvm;
	u64 real;

	assert_int_equal(hv_mmu_hv_init(), 0);
	kvm = new_vm(18);
	assert_int_equal(hv_kvm_add_memory(kvm, 0, 48 * MB), 0);
	assert_int_equal(hv_kvm_add_memory(kvm, 64 * MB, 16 * MB), 0);
	assert_int_equal(kvm->ram_npages, 4);
	for (int i = 0; i < 5; i++) {
		const struct hv_ram_page *pg = hv_kvm_ram_page(kvm, i * 16 * MB);

		if (i == 3) {
			assert_null(pg);	/* the hole */
			continue;
		}
		assert_non_null(pg);
		assert_int_equal(pg->real & (16 * MB - 1), 0);
		assert_int_not_equal(pg->real, (u64)i * 16 * MB);
		assert_ptr_equal(hv_real_to_virt(pg->real), pg->virt);
		for (int j = 0; j < i; j++)
			if (j != 3)
				assert_int_not_equal(kvm->ram[j].real, pg->real);
	}
	assert_true(hv_kvm_gpa_to_real(kvm, 16 * MB + 0x1234, &real));
	assert_int_equal(real, kvm->ram[1].real + 0x1234);
	assert_false(hv_kvm_gpa_to_real(kvm, 48 * MB, &real));
	assert_false(hv_kvm_gpa_to_real(kvm, 1ULL << 36, &real));
	assert_null(hv_kvm_ram_page(kvm, ~0ULL));
	hv_kvm_destroy(kvm);
}

/*
 * Memory ranges must be 16 MB aligned, non-empty, below 64 GB, without
 * overflow, and not already backed; a failure adds nothing.
 */
static void test_add_memory_rejects(void **state)
{
	struct hv_kvm *kvm;

	assert_int_equal(hv_mmu_hv_init(), 0);
	kvm = new_vm(18);
	assert_int_equal(hv_kvm_add_memory(kvm, 0, 0), -HV_EINVAL);
	assert_int_equal(hv_kvm_add_memory(kvm, 4096, 16 * MB), -HV_EINVAL);
	assert_int_equal(hv_kvm_add_memory(kvm, 0, 16 * MB + 4096), -HV_EINVAL);
	assert_int_equal(hv_kvm_add_memory(kvm, 1ULL << 36, 16 * MB), -HV_EINVAL);
	assert_int_equal(hv_kvm_add_memory(kvm, (1ULL << 36) - 16 * MB, 32 * MB), -HV_EINVAL);
	assert_int_equal(hv_kvm_add_memory(kvm, 16 * MB, ~(16 * MB - 1)), -HV_EINVAL);
	assert_int_equal(kvm->ram_npages, 0);
	assert_int_equal(hv_kvm_add_memory(kvm, 16 * MB, 16 * MB), 0);
	assert_int_equal(hv_kvm_add_memory(kvm, 0, 32 * MB), -HV_EEXIST);
	assert_null(hv_kvm_ram_page(kvm, 0));
	/* The last page below 64 GB is fine. */
	assert_int_equal(hv_kvm_add_memory(kvm, (1ULL << 36) - 16 * MB, 16 * MB), 0);
	assert_int_equal(kvm->ram_npages, 2);
	hv_kvm_destroy(kvm);
}

/*
 * When the machine runs out of real memory half way, the pages already
 * allocated for the request are given back: -HV_ENOMEM, nothing added.
 */
static void test_add_memory_out_of_memory_rolls_back(void **state)
{
	struct hv_kvm *kvm;
	u64 free_before;

	assert_int_equal(hv_mmu_hv_init(), 0);
	kvm = new_vm(18);
	free_before = sim_arena_free_bytes(&mach.arena);
	assert_int_equal(hv_kvm_add_memory(kvm, 0, 512 * MB), -HV_ENOMEM);
	assert_int_equal(sim_arena_free_bytes(&mach.arena), free_before);
	assert_int_equal(kvm->ram_npages, 0);
	for (int i = 0; i < 32; i++)
		assert_null(hv_kvm_ram_page(kvm, i * 16 * MB));
	hv_kvm_destroy(kvm);
}

/* Destroying a VM returns every byte of real memory and its LPID. */
static void test_destroy_frees_everything(void **state)
{
	u64 free_before = sim_arena_free_bytes(&mach.arena);
	struct hv_kvm *kvm;
	u32 lpid;

	assert_int_equal(hv_mmu_hv_init(), 0);
	kvm = new_vm(20);
	lpid = kvm->lpid;
	assert_int_equal(hv_kvm_add_memory(kvm, 0, 64 * MB), 0);
	assert_int_equal(hv_kvm_setup_vrma(kvm), 0);
	assert_true(sim_arena_free_bytes(&mach.arena) < free_before - 64 * MB);
	hv_kvm_destroy(kvm);
	hv_kvm_destroy(NULL);
	assert_int_equal(sim_arena_free_bytes(&mach.arena), free_before);
	assert_int_equal(hv_lpid_alloc(), (int)lpid);
	hv_lpid_free(lpid);
}

/*
 * Hash, 256 MB segment (VSID ^ page number in the segment), by hand:
 *   VSID 0x123456, EA 0x12345000, 4 KB pages:
 *     EA & 0x0fffffff = 0x02345000, >> 12 = 0x2345
 *     0x123456 ^ 0x002345 = 0x121713
 *   primary PTEG in a 16 MB HPT (mask 0x1ffff): 0x01713,
 *   secondary: ~0x121713 & 0x1ffff = 0x1e8ec.
 *   The ESID bits (EA 0:35) do not enter: EA 0xf0000000_12345000 gives the same.
 *   16 MB page at EA 0x0a000000, VSID 0x42: 0x42 ^ (0x0a000000 >> 24 = 0xa) = 0x48.
 *   64 KB page at EA 0x12340000, VSID 0x123456: 0x123456 ^ 0x234 = 0x123662.
 *   A 50-bit VSID is cut to the 39-bit hash: 0x3ffffffffffff -> 0x7fffffffff.
 */
static void test_hash_256m(void **state)
{
	assert_int_equal(hv_hpt_hash_256m(0x123456, 0x12345000, 12), 0x121713);
	assert_int_equal(hv_hpt_hash_256m(0x123456, 0x12345000, 12) & 0x1ffff, 0x01713);
	assert_int_equal(~hv_hpt_hash_256m(0x123456, 0x12345000, 12) & 0x1ffff, 0x1e8ec);
	assert_int_equal(hv_hpt_hash_256m(0x123456, 0xf000000012345000ULL, 12), 0x121713);
	assert_int_equal(hv_hpt_hash_256m(0x42, 0x0a000000, 24), 0x48);
	assert_int_equal(hv_hpt_hash_256m(0x123456, 0x12340000, 16), 0x123662);
	assert_int_equal(hv_hpt_hash_256m(0x3ffffffffffffULL, 0, 12), 0x7fffffffffULL);
}

/*
 * Hash, 1 TB segment (VSID ^ VSID << 25 ^ page number in the segment):
 *   VSID 0x1234, EA 0x12_3456_7000, 4 KB pages:
 *     EA & 0xff_ffff_ffff >> 12        = 0x00_0123_4567
 *     VSID << 25 = 0x1234 * 2^25       = 0x24_6800_0000
 *     0x0123_4567 ^ 0x1234             = 0x0123_5753
 *     0x24_6800_0000 ^ 0x0123_5753     = 0x24_6923_5753
 *   VRMA_VSID 0x1ffffff: VSID ^ VSID << 25 sets bits 0..49, so the 39-bit
 *   hash of VRMA page i is 0x7f_ffff_ffff ^ i (page 3: 0x7f_ffff_fffc).
 */
static void test_hash_1t(void **state)
{
	assert_int_equal(hv_hpt_hash_1t(0x1234, 0x1234567000ULL, 12), 0x2469235753ULL);
	assert_int_equal(hv_hpt_hash_1t(0x1234, 0xffff001234567000ULL, 12), 0x2469235753ULL);
	assert_int_equal(hv_hpt_hash_1t(VRMA_VSID, 3ULL << 24, 24), 0x7ffffffffcULL);
}

/*
 * VRMA in a 256 KB HPT (mask 0x7ff), 64 MB of RAM = 4 pages.  Page i goes
 * to slot 7 of PTEG (i ^ (VRMA_VSID ^ VRMA_VSID << 25)) & 0x7ff = 0x7ff - i:
 *   V = 1TB (0x4000...) | VRMA_VSID << 24 (0x0001ffffff000000) | i << 8
 *       | BOLTED 0x10 | LARGE 0x4 | VALID 0x1 = 0x4001ffffff000015 | i << 8
 *   R = host real address of guest page i | R 0x100 | C 0x80 | M 0x10, PP 0
 * No other slot is written, no SPR is written (no guest register is touched),
 * LPCR gets VRMASD = L (16 MB) = 0x0008000000000000, and the SLB word for
 * real-mode faults is 1TB | VRMA_VSID << 24 | L = 0x4001ffffff000100.
 */
static void test_vrma_contents(void **state)
{
	struct hv_kvm *kvm;

	assert_int_equal(hv_mmu_hv_init(), 0);
	kvm = new_vm(18);
	assert_int_equal(hv_kvm_add_memory(kvm, 0, 64 * MB), 0);
	sim_events_clear(&mach);
	assert_int_equal(hv_kvm_setup_vrma(kvm), 0);
	assert_int_equal(kvm->vrma_npages, 4);
	for (unsigned long i = 0; i < 4; i++) {
		unsigned long pteg = 0x7ff - i;
		unsigned long idx = pteg * 8 + 7;

		assert_int_equal(pteg, hv_hpt_hash_1t(VRMA_VSID, i << 24, 24) & kvm->hpt_mask);
		assert_int_equal(hpt_dw(kvm, idx, 0), 0x4001ffffff000015ULL | i << 8);
		assert_int_equal(hpt_dw(kvm, idx, 1), kvm->ram[i].real | 0x190);
		assert_int_not_equal(kvm->ram[i].real, i << 24);
		/* The guest's view holds the guest real address. */
		assert_int_equal(kvm->rev[idx].guest_rpte, (i << 24) | 0x190);
		for (int s = 0; s < 7; s++)
			assert_int_equal(hpt_dw(kvm, pteg * 8 + s, 0), 0);
	}
	assert_int_equal(hpt_dw(kvm, (0x7ff - 4) * 8 + 7, 0), 0);
	for (unsigned int e = 0; e < mach.nevents; e++)
		assert_int_not_equal(mach.events[e].type, SIM_EV_MTSPR);
	assert_int_equal(kvm->lpcr & LPCR_VRMASD, LPCR_VRMA_L);
	assert_int_equal(kvm->lpcr & LPCR_VRMASD, 0x0008000000000000ULL);
	assert_int_equal(kvm->vrma_slb_v, 0x4001ffffff000100ULL);
	assert_int_equal(hv_kvm_setup_vrma(kvm), -HV_EEXIST);
	hv_kvm_destroy(kvm);
}

/*
 * In the default 16 MB HPT (mask 0x1ffff) VRMA page 0 lands in PTEG 0x1ffff,
 * slot 7: the very last HPTE, index 0x1ffff * 8 + 7 = 0xfffff; page 1 in
 * PTEG 0x1fffe, index 0xffff7.
 */
static void test_vrma_default_hpt(void **state)
{
	struct hv_kvm *kvm;

	assert_int_equal(hv_mmu_hv_init(), 0);
	kvm = new_vm(0);
	assert_int_equal(hv_kvm_add_memory(kvm, 0, 32 * MB), 0);
	assert_int_equal(hv_kvm_setup_vrma(kvm), 0);
	assert_int_equal(hpt_dw(kvm, 0xfffff, 0), 0x4001ffffff000015ULL);
	assert_int_equal(hpt_dw(kvm, 0xfffff, 1), kvm->ram[0].real | 0x190);
	assert_int_equal(hpt_dw(kvm, 0xffff7, 0), 0x4001ffffff000115ULL);
	assert_int_equal(hpt_dw(kvm, 0xffff7, 1), kvm->ram[1].real | 0x190);
	hv_kvm_destroy(kvm);
}

/*
 * The RMA is the memory contiguous from 0: a hole ends it; no memory at 0
 * means no VRMA (-HV_EINVAL).
 */
static void test_vrma_needs_memory_at_zero(void **state)
{
	struct hv_kvm *kvm;

	assert_int_equal(hv_mmu_hv_init(), 0);
	kvm = new_vm(18);
	assert_int_equal(hv_kvm_setup_vrma(kvm), -HV_EINVAL);
	assert_int_equal(hv_kvm_add_memory(kvm, 16 * MB, 16 * MB), 0);
	assert_int_equal(hv_kvm_setup_vrma(kvm), -HV_EINVAL);
	assert_int_equal(hv_kvm_add_memory(kvm, 0, 16 * MB), 0);
	assert_int_equal(hv_kvm_add_memory(kvm, 48 * MB, 16 * MB), 0);
	assert_int_equal(hv_kvm_setup_vrma(kvm), 0);
	assert_int_equal(kvm->vrma_npages, 2);
	assert_int_equal(hpt_dw(kvm, (0x7ff - 3) * 8 + 7, 0), 0);
	hv_kvm_destroy(kvm);
}

/*
 * If a slot 7 the VRMA needs is taken, setup fails with -HV_EBUSY and removes
 * the VRMA entries it had already written; the occupant is left alone.
 */
static void test_vrma_slot_taken(void **state)
{
	unsigned long args[9] = { 0 };
	struct hv_kvm *kvm;

	assert_int_equal(hv_mmu_hv_init(), 0);
	kvm = new_vm(18);
	assert_int_equal(hv_kvm_add_memory(kvm, 0, 64 * MB), 0);
	/* A 4 KB entry exactly where VRMA page 2 goes: PTEG 0x7fd, slot 7. */
	args[0] = H_EXACT;
	args[1] = 0x7fd * 8 + 7;
	args[2] = 0x1000 | HPTE_V_VALID;
	args[3] = 0x5000 | HPTE_R_M;
	assert_int_equal(hv_h_enter(kvm, args), H_SUCCESS);
	assert_int_equal(hv_kvm_setup_vrma(kvm), -HV_EBUSY);
	assert_int_equal(kvm->vrma_npages, 0);
	assert_int_equal(hpt_dw(kvm, 0x7ff * 8 + 7, 0), 0);
	assert_int_equal(hpt_dw(kvm, 0x7fe * 8 + 7, 0), 0);
	assert_int_equal(hpt_dw(kvm, 0x7fd * 8 + 7, 0), 0x1001);
	assert_int_equal(kvm->lpcr & LPCR_VRMASD, 0);
	hv_kvm_destroy(kvm);
}

/*
 * At most one VRMA entry per PTEG: with more RMA pages than the 2048 PTEGs
 * of a 256 KB HPT, only the first 2048 are mapped, and every PTEG's slot 7
 * is then used.  (The pages beyond the first are table entries only: the
 * VRMA setup writes HPTEs, never guest memory, so they alias page 0.)
 */
static void test_vrma_one_entry_per_pteg(void **state)
{
	static char not_in_arena;
	struct hv_kvm *kvm;

	assert_int_equal(hv_mmu_hv_init(), 0);
	kvm = new_vm(18);
	assert_int_equal(hv_kvm_add_memory(kvm, 0, 16 * MB), 0);
	for (unsigned long gfn = 1; gfn <= 2048; gfn++)
		kvm->ram[gfn] = (struct hv_ram_page){ &not_in_arena, kvm->ram[0].real };
	assert_int_equal(hv_kvm_setup_vrma(kvm), 0);
	assert_int_equal(kvm->vrma_npages, 2048);
	for (unsigned long pteg = 0; pteg < 2048; pteg++)
		assert_int_equal(hpt_dw(kvm, pteg * 8 + 7, 0),
				 0x4001ffffff000015ULL | (0x7ff - pteg) << 8);
	for (unsigned long gfn = 1; gfn <= 2048; gfn++)
		kvm->ram[gfn] = (struct hv_ram_page){ NULL, 0 };
	hv_kvm_destroy(kvm);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lpid_alloc_before_init),
		cmocka_unit_test(test_lpid_allocation_and_exhaustion),
		cmocka_unit_test(test_lpid_free_reserved_is_ignored),
		cmocka_unit_test(test_create_without_lpid),
		cmocka_unit_test(test_create_default_hpt),
		cmocka_unit_test(test_create_hpt_order_bounds),
		cmocka_unit_test(test_guest_lpcr),
		cmocka_unit_test(test_add_memory),
		cmocka_unit_test(test_add_memory_rejects),
		cmocka_unit_test(test_add_memory_out_of_memory_rolls_back),
		cmocka_unit_test(test_destroy_frees_everything),
		cmocka_unit_test(test_hash_256m),
		cmocka_unit_test(test_hash_1t),
		cmocka_unit_test(test_vrma_contents),
		cmocka_unit_test(test_vrma_default_hpt),
		cmocka_unit_test(test_vrma_needs_memory_at_zero),
		cmocka_unit_test(test_vrma_slot_taken),
		cmocka_unit_test(test_vrma_one_entry_per_pteg),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
