// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of hv/book3s_hv_rm_mmu.c: the HPT hcalls H_ENTER, H_REMOVE,
 * H_READ, H_PROTECT, H_BULK_REMOVE, H_CLEAR_REF and H_CLEAR_MOD, driven
 * through their args[] adapters (r4.. in, r4.. out) or core functions, with
 * the results read back from the big-endian HPT in the machine's real address
 * space and the order of HPTE stores, locks, barriers and tlbies checked
 * against the simulator's event log.
 *
 * The VM: a 256 KB HPT (order 18: 2048 PTEGs, mask 0x7ff, 16384 HPTEs) and
 * 64 MB of guest memory at guest real 0 (four 16 MB pages at non-identity
 * host real addresses).
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

#define MB	(1ULL << 20)
#define ANY	(~0ULL)

static struct sim_machine mach;
static struct hv_kvm *kvm;

static int setup(void **state)
{
	if (sim_machine_init(&mach, 256 * MB, 1))
		return -1;
	sim_machine_select(&mach, 0);
	mach.log_level = 0;
	return hv_mmu_hv_init();
}

static int teardown(void **state)
{
	sim_machine_destroy(&mach);
	return 0;
}

/*
 * A fresh VM per test, with the R preset on unless a test clears it: the
 * policy's plumbing is tested here (production has none, HV_HPTE_R_PRESET).
 */
static int vm_setup(void **state)
{
	if (hv_kvm_create(&kvm, 18) || hv_kvm_add_memory(kvm, 0, 64 * MB))
		return -1;
	kvm->hpte_r_preset = HPTE_R_R;
	mach.tlbie_hook = NULL;
	mach.lock_fail_next = 0;
	mach.lock_fail_every = 0;
	mach.violations = 0;
	sim_events_clear(&mach);
	return 0;
}

static int vm_teardown(void **state)
{
	/* No hcall may leave a lock behind or break a hardware rule. */
	for (unsigned long i = 0; i < kvm->hpt_npte; i++) {
		const uint8_t *p = sim_arena_ptr(&mach.arena, kvm->hpt_real + i * 16, 8);

		if (p[7] & HPTE_V_HVLOCK)
			fail_msg("HPTE %lu left locked", i);
	}
	assert_int_equal(mach.violations, 0);
	hv_kvm_destroy(kvm);
	kvm = NULL;
	mach.tlbie_hook = NULL;
	mach.lock_fail_next = 0;
	mach.lock_fail_every = 0;
	return 0;
}

/* ---- helpers --------------------------------------------------------------- */

/* Real address of dword @dw of HPTE @idx. */
static u64 hpte_ra(unsigned long idx, int dw)
{
	return kvm->hpt_real + idx * 16 + dw * 8;
}

/* Dword of an HPTE as hardware reads it: big-endian bytes in the arena. */
static u64 hpt_dw(unsigned long idx, int dw)
{
	const uint8_t *p = sim_arena_ptr(&mach.arena, hpte_ra(idx, dw), 8);
	u64 v = 0;

	for (int i = 0; i < 8; i++)
		v = v << 8 | p[i];
	return v;
}

/* Store a dword as another agent would (hardware walker, another CPU). */
static void hpt_set(unsigned long idx, int dw, u64 v)
{
	uint8_t *p = sim_arena_ptr(&mach.arena, hpte_ra(idx, dw), 8);

	for (int i = 7; i >= 0; i--, v >>= 8)
		p[i] = (uint8_t)v;
}

/* Host real address of the 16 MB page behind guest real address @gpa. */
static u64 host_page(u64 gpa)
{
	return kvm->ram[gpa >> 24].real;
}

/*
 * Dword 0 for a page at @ea in a 256 MB segment with VSID @vsid:
 * AVPN = VA >> 23 at bit 7, i.e. VA >> 16 with the low 7 bits clear.
 */
static u64 avpn_256m(u64 vsid, u64 ea)
{
	return ((vsid << 28 | (ea & 0x0fffffff)) >> 16) & HPTE_V_AVPN;
}

/* H_ENTER through the adapter; returns the H_* code, *idx the index. */
static long enter(unsigned long flags, unsigned long ptex, u64 pteh, u64 ptel,
		  unsigned long *idx)
{
	unsigned long args[9] = { flags, ptex, pteh, ptel };
	long rc = hv_h_enter(kvm, args);

	if (idx)
		*idx = args[0];
	return rc;
}

/* A valid 4 KB entry in slot @slot of PTEG @pteg mapping guest real @gpa. */
static unsigned long enter_4k(unsigned long pteg, unsigned int slot, u64 pteh, u64 gpa)
{
	unsigned long idx;

	assert_int_equal(enter(H_EXACT, pteg * 8 + slot, pteh | HPTE_V_VALID, gpa | HPTE_R_M,
			       &idx), H_SUCCESS);
	assert_int_equal(idx, pteg * 8 + slot);
	return idx;
}

struct ev {
	enum sim_event_type type;
	u64 addr;
	u64 val;
};

/* The event log from @from on must be exactly @exp (ANY matches anything). */
static void expect_events(unsigned int from, const struct ev *exp, unsigned int n)
{
	static const char *const names[] = {
		"HPTE_STORE", "HPTE_STORE_BYTE", "HPTE_LOCK", "HPTE_UNLOCK", "SYNC", "LWSYNC",
		"PTESYNC", "EIEIO", "ISYNC", "TLBIE", "TLBIEL", "TLBSYNC", "MTSPR", "SLBMTE",
		"SLBIE", "SLBIA", "ENTER_GUEST",
	};

	for (unsigned int i = 0; i < n && from + i < mach.nevents; i++) {
		const struct sim_event *e = &mach.events[from + i];

		if (e->type != exp[i].type || (exp[i].addr != ANY && e->addr != exp[i].addr) ||
		    (exp[i].val != ANY && e->val != exp[i].val))
			fail_msg("event %u: got %s 0x%llx 0x%llx, expected %s 0x%llx 0x%llx", i,
				 names[e->type], (unsigned long long)e->addr,
				 (unsigned long long)e->val, names[exp[i].type],
				 (unsigned long long)exp[i].addr, (unsigned long long)exp[i].val);
	}
	assert_int_equal(mach.nevents - from, n);
}

static unsigned int count_events(enum sim_event_type type)
{
	unsigned int n = 0;

	for (unsigned int i = 0; i < mach.nevents; i++)
		n += mach.events[i].type == type;
	return n;
}

/*
 * The "hardware walker": inside each tlbie, before the invalidation has
 * completed, set R/C bits in chosen HPTEs (as a translation still cached in a
 * TLB would), and record that the HPTE was invalid and locked meanwhile.
 */
struct walker {
	unsigned long idx[4];
	u64 bits[4];
	unsigned int n;
	unsigned int calls;
	bool locked_and_invalid;
	u64 lpid;
};

static void walker_hook(struct sim_machine *m, uint64_t rb, uint64_t lpid, void *ctx)
{
	struct walker *w = ctx;

	w->calls++;
	w->lpid = lpid;
	w->locked_and_invalid = true;
	for (unsigned int i = 0; i < w->n; i++) {
		u64 v = hpt_dw(w->idx[i], 0);

		if (!(v & HPTE_V_HVLOCK) || (v & HPTE_V_VALID))
			w->locked_and_invalid = false;
		hpt_set(w->idx[i], 1, hpt_dw(w->idx[i], 1) | w->bits[i]);
	}
}

static void walker_attach(struct walker *w)
{
	mach.tlbie_hook = walker_hook;
	mach.tlbie_hook_ctx = w;
}

/* ---- HPTE helpers ---------------------------------------------------------- */

/*
 * Page sizes POWER7 supports: L = 0 is 4 KB; L = 1 with LP (dword 1 bits
 * 12..19) rrrr_0001 is 64 KB (the r bits are address bits), 0000_0000 with
 * the lowest AVA bit (0x80) clear is 16 MB; anything else is unsupported.
 */
static void test_page_shift(void **state)
{
	assert_int_equal(hv_hpte_page_shift(0, 0xff000), 12);
	assert_int_equal(hv_hpte_page_shift(HPTE_V_LARGE, 0x1000), 16);
	assert_int_equal(hv_hpte_page_shift(HPTE_V_LARGE, 0xf1000), 16);
	assert_int_equal(hv_hpte_page_shift(HPTE_V_LARGE, 0x0), 24);
	assert_int_equal(hv_hpte_page_shift(HPTE_V_LARGE, 0xf00000), 24);
	assert_int_equal(hv_hpte_page_shift(HPTE_V_LARGE | 0x80, 0x0), 0);
	assert_int_equal(hv_hpte_page_shift(HPTE_V_LARGE, 0x2000), 0);
	assert_int_equal(hv_hpte_page_shift(HPTE_V_LARGE, 0x10000), 0);
}

/*
 * tlbie RB for 4 KB pages, 256 MB segment, VSID 0x123456, EA 0x12345000 in a
 * 16 MB HPT (hash 0x121713, see test_mmu_hv):
 *   VA = 0x123456 << 28 | 0x2345000 = 0x1234562345000
 *   dword 0 = VA >> 16, low 7 bits clear = 0x123456200
 *   RB = AVPN << 16 = 0x1234562000000, plus the page number's low 11 bits
 *   recovered from the PTEG: (0x01713 ^ 0x123456) & 0x7ff = 0x345 -> << 12
 *   RB = 0x1234562345000 (= VA[14:65] << 12: the VA with the offset cleared).
 * Secondary PTEG ~0x121713 & 0x1ffff = 0x1e8ec with H set: the same RB.
 * 1 TB segment, VSID 0x1234, EA 0x12_3456_7000 (hash 0x24_6923_5753, PTEG
 * 0x15753): VA = 0x1234 << 40 | 0x1234567000 = 0x12341234567000, dword 0 =
 * 1TB | VA >> 16 = 0x4000001234123400 (low 7 bits 0x56 cleared -> ...3400);
 * page low bits (0x15753 ^ 0x1234) & 0x7ff = 0x567; RB = 0x12341234000000 |
 * 0x567000 | B=1 << 8 = 0x12341234567100.
 */
static void test_tlbie_rb_4k(void **state)
{
	u64 v = avpn_256m(0x123456, 0x12345000) | HPTE_V_VALID;
	u64 v1t = HPTE_V_1TB_SEG | (((0x1234ULL << 40) | 0x1234567000ULL) >> 16 & HPTE_V_AVPN) |
		  HPTE_V_VALID;

	assert_int_equal(v, 0x123456201ULL);
	assert_int_equal(hv_compute_tlbie_rb(v, 0, 0x01713 * 8 + 3), 0x1234562345000ULL);
	assert_int_equal(hv_compute_tlbie_rb(v | HPTE_V_SECONDARY, 0, 0x1e8ec * 8 + 5),
			 0x1234562345000ULL);
	assert_int_equal(v1t, 0x4000001234123401ULL);
	assert_int_equal(hv_compute_tlbie_rb(v1t, 0, 0x15753 * 8), 0x12341234567100ULL);
}

/*
 * tlbie RB for large pages:
 * 64 KB, 256 MB segment, VSID 0x123456, EA 0x12340000 (page 0x234 in the
 * segment, hash 0x123662, PTEG 0x03662 in a 16 MB HPT):
 *   dword 0 = 0x123456200 | L, LP = 0x1000
 *   RB = 0x1234562000000 | (0x234 << 16 & 0x7f0000 = 0x340000) | LP 0x1000
 *        | AVAL (0x234 & 0xf) << 4 = 0x40 | L 1 = 0x1234562341041
 * 16 MB, VRMA page 3 (1 TB segment, VSID 0x1ffffff):
 *   dword 0 = 0x4001ffffff000315: AVPN << 16 drops B and VA[0:13]:
 *   (0x1ffffff << 40 | 3 << 24) mod 2^64 = 0xffffff0003000000, | B 1 << 8
 *   | L = 0xffffff0003000101.
 */
static void test_tlbie_rb_large(void **state)
{
	u64 v64 = avpn_256m(0x123456, 0x12340000) | HPTE_V_LARGE | HPTE_V_VALID;
	u64 vrma = 0x4001ffffff000315ULL;

	assert_int_equal(hv_compute_tlbie_rb(v64, 0x1000, 0x03662 * 8), 0x1234562341041ULL);
	assert_int_equal(hv_compute_tlbie_rb(vrma, 0x190, 0x7fc * 8 + 7), 0xffffff0003000101ULL);
}

/* ---- H_ENTER --------------------------------------------------------------- */

/* The running example: VSID 0x123456, EA 0x12345000 hashes to PTEG 0x713 here. */
#define EX_PTEG		0x713UL
#define EX_PTEH		(avpn_256m(0x123456, 0x12345000) | HPTE_V_VALID)
#define EX_RB		0x1234562345000ULL	/* see test_tlbie_rb_4k */

/*
 * A 4 KB H_ENTER without H_EXACT takes the first free slot of the PTEG the
 * index names (its slot bits are ignored) and returns that index.  Hardware
 * sees dword 0 = pteh | V and dword 1 with the host page's real address in
 * place of the guest's 16 MB page (the offset in it kept) and R preset; the
 * guest's view is exactly its ptel.  Publish order: lock, dword 1, eieio,
 * dword 0 with V (the unlock), ptesync.
 */
static void test_enter_4k(void **state)
{
	u64 ptel = (16 * MB + 0x345000) | HPTE_R_M | HPTE_R_N | 0x2;
	u64 hw_r = host_page(16 * MB) | 0x345000 | HPTE_R_M | HPTE_R_N | 0x2 | HPTE_R_R;
	unsigned long idx, args[9] = { 0 };

	assert_int_equal(enter(0, EX_PTEG * 8 + 5, EX_PTEH, ptel, &idx), H_SUCCESS);
	assert_int_equal(idx, EX_PTEG * 8);
	assert_int_equal(hpt_dw(idx, 0), EX_PTEH);
	assert_int_equal(hpt_dw(idx, 1), hw_r);
	assert_int_not_equal(host_page(16 * MB), 16 * MB);
	assert_int_equal(kvm->rev[idx].guest_rpte, ptel);
	expect_events(0, (const struct ev[]){
		{ SIM_EV_HPTE_LOCK, hpte_ra(idx, 0), 1 },
		{ SIM_EV_HPTE_STORE, hpte_ra(idx, 1), hw_r },
		{ SIM_EV_EIEIO, 0, 0 },
		{ SIM_EV_HPTE_UNLOCK, hpte_ra(idx, 0), EX_PTEH },
		{ SIM_EV_PTESYNC, 0, 0 },
	}, 5);

	/* H_READ gives the guest's view; R shows because hardware has it preset. */
	args[1] = idx;
	assert_int_equal(hv_h_read(kvm, args), H_SUCCESS);
	assert_int_equal(args[0], EX_PTEH);
	assert_int_equal(args[1], ptel | HPTE_R_R);

	/* The next one goes to slot 1. */
	assert_int_equal(enter(0, EX_PTEG * 8, EX_PTEH, ptel, &idx), H_SUCCESS);
	assert_int_equal(idx, EX_PTEG * 8 + 1);
}

/*
 * 64 KB page: L = 1, LP = 0001 in dword 1 bits 12..15; the RPN bits 16..23
 * (including the "rrrr" of LP) are the offset in the 16 MB page and stay.
 * 16 MB page: L = 1, LP = 0; the whole RPN is the host page.
 */
static void test_enter_64k_and_16m(void **state)
{
	u64 pteh64 = avpn_256m(0x77, 0x10000) | HPTE_V_LARGE | HPTE_V_VALID;
	u64 pteh16m = avpn_256m(0x42, 0x3000000) | HPTE_V_LARGE | HPTE_V_VALID;
	unsigned long idx;

	assert_int_equal(enter(0, 0x40 * 8, pteh64, 0x12f0000 | 0x1000 | HPTE_R_M, &idx),
			 H_SUCCESS);
	assert_int_equal(hpt_dw(idx, 0), pteh64);
	assert_int_equal(hpt_dw(idx, 1),
			 host_page(16 * MB) | 0x2f0000 | 0x1000 | HPTE_R_M | HPTE_R_R);

	assert_int_equal(pteh16m & HV_HPTE_V_AVA_LOW, 0);
	assert_int_equal(enter(0, 0x41 * 8, pteh16m, 32 * MB | HPTE_R_M | 0x3, &idx), H_SUCCESS);
	assert_int_equal(hpt_dw(idx, 0), pteh16m);
	assert_int_equal(hpt_dw(idx, 1), host_page(32 * MB) | HPTE_R_M | 0x3 | HPTE_R_R);
	assert_int_equal(kvm->rev[idx].guest_rpte, 32 * MB | HPTE_R_M | 0x3);
}

/*
 * Unsupported page-size encodings and reserved segment sizes are
 * H_PARAMETER, and a refused H_ENTER touches nothing.
 */
static void test_enter_rejects_bad_encodings(void **state)
{
	const struct {
		u64 pteh, ptel;
	} bad[] = {
		{ HPTE_V_LARGE, 0x2000 },		/* LP 0010: no such size */
		{ HPTE_V_LARGE, 0x10000 },		/* LP 0001_0000 */
		{ HPTE_V_LARGE | 0x80, 0 },		/* 16 MB with the low AVA bit */
		{ 2UL << HPTE_V_SSIZE_SHIFT, 0 },	/* B = 0b10 */
		{ 3UL << HPTE_V_SSIZE_SHIFT, 0 },	/* B = 0b11 */
	};

	for (unsigned int i = 0; i < HV_ARRAY_SIZE(bad); i++) {
		unsigned long idx = 0xdead;

		assert_int_equal(enter(0, 8 * i, bad[i].pteh | HPTE_V_VALID,
				       bad[i].ptel | HPTE_R_M, &idx), H_PARAMETER);
		assert_int_equal(idx, 0);	/* args[0] (the flags) left alone */
		assert_int_equal(hpt_dw(8 * i, 0), 0);
	}
	assert_int_equal(mach.nevents, 0);
}

/*
 * The 2011 WIMG rule: of the 16 combinations only M (0010) and W|I|M (1110)
 * are accepted; everything else is H_PARAMETER.
 */
static void test_enter_wimg_rule(void **state)
{
	for (u64 w = 0; w < 16; w++) {
		u64 wimg = w << 3;
		long want = (wimg == HPTE_R_M || wimg == (HPTE_R_W | HPTE_R_I | HPTE_R_M)) ?
			    H_SUCCESS : H_PARAMETER;

		if (enter(0, w * 8, 0x1000 | HPTE_V_VALID, 0x5000 | wimg, NULL) != want)
			fail_msg("WIMG 0x%llx: expected %ld", (unsigned long long)wimg, want);
	}
	assert_int_equal(hpt_dw(0x0e * 8, 1) & HPTE_R_WIMG, 0x70);
}

/*
 * Every RPN goes through the guest page table: beyond guest memory, in a
 * hole, or beyond 64 GB is H_PARAMETER.  A host real address used as a guest
 * RPN maps whatever the guest owns at that guest address, never the host
 * page itself.
 */
static void test_enter_rpn_must_be_guest_memory(void **state)
{
	const u64 bad[] = { 64 * MB, 112 * MB, 1ULL << 36, HPTE_R_RPN };
	u64 leak = host_page(0);
	unsigned long idx;

	assert_int_equal(hv_kvm_add_memory(kvm, 128 * MB, 16 * MB), 0);
	for (unsigned int i = 0; i < HV_ARRAY_SIZE(bad); i++)
		assert_int_equal(enter(0, 0, 0x1000 | HPTE_V_VALID, bad[i] | HPTE_R_M, NULL),
				 H_PARAMETER);
	assert_int_equal(hpt_dw(0, 0), 0);
	assert_int_equal(enter(0, 0, 0x1000 | HPTE_V_VALID, (128 * MB + 0x1000) | HPTE_R_M, &idx),
			 H_SUCCESS);
	assert_int_equal(hpt_dw(idx, 1) & HPTE_R_RPN, host_page(128 * MB) + 0x1000);

	if (leak < 64 * MB) {
		assert_int_equal(enter(0, 8, 0x1000 | HPTE_V_VALID, leak | HPTE_R_M, &idx),
				 H_SUCCESS);
		assert_int_equal(hpt_dw(idx, 1) & HPTE_R_RPN, host_page(leak));
		assert_int_not_equal(host_page(leak), leak);
	} else {
		assert_int_equal(enter(0, 8, 0x1000 | HPTE_V_VALID, leak | HPTE_R_M, NULL),
				 H_PARAMETER);
	}
}

/* The index must name an HPTE of the table; the last one is fine. */
static void test_enter_index_range(void **state)
{
	unsigned long idx, last = kvm->hpt_npte - 1;

	assert_int_equal(enter(0, kvm->hpt_npte, 0x1000 | HPTE_V_VALID, HPTE_R_M, NULL),
			 H_PARAMETER);
	assert_int_equal(enter(H_EXACT, ~0UL, 0x1000 | HPTE_V_VALID, HPTE_R_M, NULL),
			 H_PARAMETER);
	assert_int_equal(enter(H_EXACT, last, 0x1000 | HPTE_V_VALID, HPTE_R_M, &idx), H_SUCCESS);
	assert_int_equal(idx, last);
	assert_int_equal(enter(0, last, 0x1000 | HPTE_V_VALID, HPTE_R_M, &idx), H_SUCCESS);
	assert_int_equal(idx, last - 7);
}

/*
 * A full PTEG gives H_PTEG_FULL (after a locked second look at every slot,
 * which leaves each entry as it was); H_EXACT on a taken slot too.  The guest
 * then uses the secondary PTEG with H set, which H_ENTER stores as given.
 */
static void test_enter_pteg_full(void **state)
{
	unsigned long idx;
	u64 before[8];
	unsigned int from;

	for (unsigned int s = 0; s < 8; s++) {
		assert_int_equal(enter(0, EX_PTEG * 8 + 7, EX_PTEH, (s * 0x1000) | HPTE_R_M, &idx),
				 H_SUCCESS);
		assert_int_equal(idx, EX_PTEG * 8 + s);
		before[s] = hpt_dw(idx, 0);
	}
	from = mach.nevents;
	assert_int_equal(enter(0, EX_PTEG * 8, EX_PTEH, HPTE_R_M, &idx), H_PTEG_FULL);
	assert_int_equal(idx, 0);
	for (unsigned int s = 0; s < 8; s++) {
		assert_int_equal(hpt_dw(EX_PTEG * 8 + s, 0), before[s]);
		assert_int_equal(mach.events[from + 2 * s].type, SIM_EV_HPTE_LOCK);
		assert_int_equal(mach.events[from + 2 * s].val, 1);
		assert_int_equal(mach.events[from + 2 * s + 1].type, SIM_EV_HPTE_UNLOCK);
		assert_int_equal(mach.events[from + 2 * s + 1].val, before[s]);
	}
	assert_int_equal(mach.nevents - from, 16);
	assert_int_equal(enter(H_EXACT, EX_PTEG * 8 + 3, EX_PTEH, HPTE_R_M, NULL), H_PTEG_FULL);

	assert_int_equal(enter(0, (EX_PTEG ^ 0x7ff) * 8, EX_PTEH | HPTE_V_SECONDARY, HPTE_R_M,
			       &idx), H_SUCCESS);
	assert_int_equal(idx, (EX_PTEG ^ 0x7ff) * 8);
	assert_int_equal(hpt_dw(idx, 0), EX_PTEH | HPTE_V_SECONDARY);
	assert_int_equal(enter(H_EXACT, 0x99 * 8 + 6, EX_PTEH, HPTE_R_M, &idx), H_SUCCESS);
	assert_int_equal(idx, 0x99 * 8 + 6);
}

/*
 * HVLOCK and ABSENT are the HV's software bits: stripped from pteh, which is
 * always made valid; the guest's own software bits (BOLTED, LOCK) stay.  The
 * reserved dword 1 bit 1 (TS) is dropped from both views.  Flags H_ENTER does
 * not implement (zero/copy page, icache) are ignored.
 */
static void test_enter_software_bits_and_flags(void **state)
{
	u64 pteh = 0x1000 | HPTE_V_HVLOCK | HPTE_V_ABSENT | HPTE_V_BOLTED | HPTE_V_LOCK;
	unsigned long idx;

	assert_int_equal(enter(H_ZERO_PAGE | H_COPY_PAGE | H_ICACHE_INVALIDATE |
			       H_ICACHE_SYNCHRONIZE, 0, pteh, HPTE_R_TS | 0x7000 | HPTE_R_M, &idx),
			 H_SUCCESS);
	assert_int_equal(hpt_dw(idx, 0), 0x1000 | HPTE_V_BOLTED | HPTE_V_LOCK | HPTE_V_VALID);
	assert_int_equal(hpt_dw(idx, 1), host_page(0) | 0x7000 | HPTE_R_M | HPTE_R_R);
	assert_int_equal(kvm->rev[idx].guest_rpte, 0x7000 | HPTE_R_M);
}

/*
 * Spurious lock failures (lost stdcx. reservations) never produce a spurious
 * H_PTEG_FULL: all 8 first-pass try-locks failing, the second pass failing
 * too for a while, a PTEG with only its last slot free, H_EXACT, and a steady
 * failure rate over a whole PTEG.
 */
static void test_enter_spurious_lock_failures(void **state)
{
	unsigned long idx;

	/* All 8 first-pass try-locks fail: 8 failed + 1 taken in pass 2. */
	mach.lock_fail_next = 8;
	assert_int_equal(enter(0, 0x10 * 8, 0x1000 | HPTE_V_VALID, HPTE_R_M, &idx), H_SUCCESS);
	assert_int_equal(idx, 0x10 * 8);
	assert_int_equal(count_events(SIM_EV_HPTE_LOCK), 9);

	/* Pass 2 spins through 4 more failures on slot 0. */
	mach.lock_fail_next = 12;
	assert_int_equal(enter(0, 0x11 * 8, 0x1000 | HPTE_V_VALID, HPTE_R_M, &idx), H_SUCCESS);
	assert_int_equal(idx, 0x11 * 8);

	/* Only slot 7 free: its one try-lock fails; pass 2 relocks 0..6 and finds 7. */
	for (unsigned int s = 0; s < 7; s++)
		enter_4k(0x12, s, 0x2000, s * 0x1000);
	mach.lock_fail_next = 1;
	assert_int_equal(enter(0, 0x12 * 8, 0x1000 | HPTE_V_VALID, HPTE_R_M, &idx), H_SUCCESS);
	assert_int_equal(idx, 0x12 * 8 + 7);
	for (unsigned int s = 0; s < 7; s++)
		assert_int_equal(hpt_dw(0x12 * 8 + s, 0), 0x2001);

	/* H_EXACT gets the same second chance. */
	mach.lock_fail_next = 3;
	assert_int_equal(enter(H_EXACT, 0x13 * 8 + 4, 0x1000 | HPTE_V_VALID, HPTE_R_M, &idx),
			 H_SUCCESS);
	assert_int_equal(idx, 0x13 * 8 + 4);

	/*
	 * Every other attempt fails: a PTEG still takes exactly 8 entries (not
	 * necessarily in slot order: a slot whose try-lock failed is passed
	 * over while a later one is free).
	 */
	mach.lock_fail_next = 0;
	mach.lock_attempts = 0;
	mach.lock_fail_every = 2;
	for (unsigned int s = 0; s < 8; s++) {
		assert_int_equal(enter(0, 0x14 * 8, 0x1000 | HPTE_V_VALID, HPTE_R_M, &idx),
				 H_SUCCESS);
		assert_int_equal(idx / 8, 0x14);
	}
	for (unsigned int s = 0; s < 8; s++)
		assert_int_equal(hpt_dw(0x14 * 8 + s, 0), 0x1001);
	assert_int_equal(enter(0, 0x14 * 8, 0x1000 | HPTE_V_VALID, HPTE_R_M, &idx), H_PTEG_FULL);
	mach.lock_fail_every = 3;
	for (unsigned int g = 0x100; g < 0x200; g++)
		assert_int_equal(enter(0, g * 8, 0x1000 | HPTE_V_VALID, HPTE_R_M, NULL), H_SUCCESS);
	mach.lock_fail_every = 0;
}

/*
 * A slot another CPU holds locked (an H_ENTER in progress there: HVLOCK,
 * V = 0) is skipped by the first pass.
 */
static void test_enter_skips_slot_locked_elsewhere(void **state)
{
	unsigned long idx;

	hpt_set(0x20 * 8, 0, HPTE_V_HVLOCK);
	assert_int_equal(enter(0, 0x20 * 8, 0x1000 | HPTE_V_VALID, HPTE_R_M, &idx), H_SUCCESS);
	assert_int_equal(idx, 0x20 * 8 + 1);
	assert_int_equal(hpt_dw(0x20 * 8, 0), HPTE_V_HVLOCK);
	hpt_set(0x20 * 8, 0, 0);
}

/* ---- H_REMOVE -------------------------------------------------------------- */

/*
 * H_REMOVE returns the old entry as the guest sees it (its RPN, not the
 * host's) in r4/r5.  The HPTE stays locked with V = 0 through the whole
 * invalidation (ptesync; tlbie RB,LPID; eieio; tlbsync; ptesync) and R/C are
 * read after it: C set by the walker during the tlbie is reported.  Only then
 * is dword 0 cleared, which releases the lock.
 */
static void test_remove_invalidates_and_reports(void **state)
{
	struct walker w = { .idx = { EX_PTEG * 8 }, .bits = { HPTE_R_C }, .n = 1 };
	unsigned long args[9] = { 0 };
	unsigned long idx = enter_4k(EX_PTEG, 0, EX_PTEH, 16 * MB + 0x345000);

	sim_events_clear(&mach);
	walker_attach(&w);
	args[1] = idx;
	assert_int_equal(hv_h_remove(kvm, args), H_SUCCESS);
	assert_int_equal(args[0], EX_PTEH);
	assert_int_equal(args[1], (16 * MB + 0x345000) | HPTE_R_M | HPTE_R_R | HPTE_R_C);
	assert_int_equal(w.calls, 1);
	assert_true(w.locked_and_invalid);
	assert_int_equal(w.lpid, kvm->lpid);
	expect_events(0, (const struct ev[]){
		{ SIM_EV_HPTE_LOCK, hpte_ra(idx, 0), 1 },
		{ SIM_EV_HPTE_STORE, hpte_ra(idx, 0), (EX_PTEH & ~HPTE_V_VALID) | HPTE_V_HVLOCK },
		{ SIM_EV_PTESYNC, 0, 0 },
		{ SIM_EV_TLBIE, EX_RB, kvm->lpid },
		{ SIM_EV_EIEIO, 0, 0 },
		{ SIM_EV_TLBSYNC, 0, 0 },
		{ SIM_EV_PTESYNC, 0, 0 },
		{ SIM_EV_HPTE_UNLOCK, hpte_ra(idx, 0), 0 },
	}, 8);
	assert_int_equal(hpt_dw(idx, 0), 0);
	/* Reading it back: nothing, and in particular no host RPN. */
	args[0] = 0;
	args[1] = idx;
	assert_int_equal(hv_h_read(kvm, args), H_SUCCESS);
	assert_int_equal(args[0], 0);
	assert_int_equal(args[1], 0);
	assert_int_not_equal(hpt_dw(idx, 1) & HPTE_R_RPN, 0);
}

/*
 * Without the R preset, R and C both set by the walker during the
 * invalidation are reported; before it hardware had neither.
 */
static void test_remove_rc_race_without_preset(void **state)
{
	struct walker w = { .idx = { 0x30 * 8 }, .bits = { HPTE_R_R | HPTE_R_C }, .n = 1 };
	unsigned long hpret[2];
	unsigned long idx;

	kvm->hpte_r_preset = 0;
	idx = enter_4k(0x30, 0, 0x3000, 0x8000);
	assert_int_equal(hpt_dw(idx, 1) & (HPTE_R_R | HPTE_R_C), 0);
	walker_attach(&w);
	assert_int_equal(hv_do_h_remove(kvm, 0, idx, 0, hpret), H_SUCCESS);
	assert_int_equal(hpret[1], 0x8000 | HPTE_R_M | HPTE_R_R | HPTE_R_C);
}

/*
 * H_NOT_FOUND: an empty slot; H_AVPN with a different AVPN (B included);
 * H_ANDCOND with a bit the entry has.  The entry is then left as it was and
 * unlocked, and r4/r5 untouched.  A bad index is H_PARAMETER before any lock.
 */
static void test_remove_not_found_and_flags(void **state)
{
	unsigned long idx = enter_4k(0x31, 2, 0x3100 | HPTE_V_BOLTED, 0x9000);
	u64 v = hpt_dw(idx, 0);
	unsigned long args[9];

	args[0] = 0;
	args[1] = 0x31 * 8 + 3;
	assert_int_equal(hv_h_remove(kvm, args), H_NOT_FOUND);
	expect_events(mach.nevents - 2, (const struct ev[]){
		{ SIM_EV_HPTE_LOCK, hpte_ra(0x31 * 8 + 3, 0), 1 },
		{ SIM_EV_HPTE_UNLOCK, hpte_ra(0x31 * 8 + 3, 0), 0 },
	}, 2);

	args[0] = H_AVPN;
	args[1] = idx;
	args[2] = (v & ~0x7fUL) ^ 0x80;
	assert_int_equal(hv_h_remove(kvm, args), H_NOT_FOUND);
	assert_int_equal(args[0], H_AVPN);
	args[2] = (v & ~0x7fUL) | HPTE_V_1TB_SEG;
	assert_int_equal(hv_h_remove(kvm, args), H_NOT_FOUND);
	args[0] = H_ANDCOND;
	args[2] = HPTE_V_BOLTED;
	assert_int_equal(hv_h_remove(kvm, args), H_NOT_FOUND);
	assert_int_equal(hpt_dw(idx, 0), v);

	args[0] = H_AVPN | H_ANDCOND;
	args[2] = v & ~0x7fUL;	/* matches the AVPN, but ANDs non-zero with it */
	assert_int_equal(hv_h_remove(kvm, args), H_NOT_FOUND);
	args[0] = H_ANDCOND;
	args[2] = HPTE_V_SECONDARY | HPTE_V_LARGE;
	assert_int_equal(hv_h_remove(kvm, args), H_SUCCESS);
	assert_int_equal(args[0], v);

	idx = enter_4k(0x31, 2, 0x3100, 0x9000);
	args[0] = H_AVPN | H_LOCAL;	/* H_LOCAL: still a global tlbie */
	args[1] = idx;
	args[2] = hpt_dw(idx, 0) & ~0x7fUL;
	assert_int_equal(hv_h_remove(kvm, args), H_SUCCESS);
	assert_true(sim_events_find(&mach, 0, SIM_EV_TLBIE, hv_compute_tlbie_rb(0x3101,
				    0, idx)) >= 0);
	assert_int_equal(count_events(SIM_EV_TLBIEL), 0);

	sim_events_clear(&mach);
	args[0] = 0;
	args[1] = kvm->hpt_npte;
	assert_int_equal(hv_h_remove(kvm, args), H_PARAMETER);
	assert_int_equal(mach.nevents, 0);
}

/*
 * An ABSENT entry (valid for the guest, never seen by hardware) is removed
 * without a tlbie and reported to the guest as VALID, without ABSENT.
 */
static void test_remove_absent_entry(void **state)
{
	unsigned long hpret[2];
	unsigned long idx = 0x32 * 8;

	hpt_set(idx, 0, 0x3200 | HPTE_V_ABSENT);
	hpt_set(idx, 1, host_page(0) | 0xa000 | HPTE_R_M | HPTE_R_C);
	kvm->rev[idx].guest_rpte = 0xa000 | HPTE_R_M;
	assert_int_equal(hv_do_h_remove(kvm, 0, idx, 0, hpret), H_SUCCESS);
	assert_int_equal(hpret[0], 0x3200 | HPTE_V_VALID);
	assert_int_equal(hpret[1], 0xa000 | HPTE_R_M | HPTE_R_C);
	assert_int_equal(count_events(SIM_EV_TLBIE), 0);
	assert_int_equal(hpt_dw(idx, 0), 0);
}

/* ---- H_READ ---------------------------------------------------------------- */

/*
 * H_READ returns one entry in r4/r5; with H_READ_4 the index is rounded down
 * to a multiple of 4 and four entries come back in r4..r11.  H_R_XLATE
 * changes nothing (the guest view already holds logical addresses).  No lock
 * or store is involved.  A bad index is H_PARAMETER.
 */
static void test_read_one_and_four(void **state)
{
	unsigned long args[9];
	unsigned long base = 0x40 * 8;

	for (unsigned int s = 0; s < 3; s++)
		enter_4k(0x40, s, 0x4000 + s * 0x100, (s + 1) * 0x1000);
	sim_events_clear(&mach);
	memset(args, 0xee, sizeof(args));
	args[0] = 0;
	args[1] = base + 1;
	assert_int_equal(hv_h_read(kvm, args), H_SUCCESS);
	assert_int_equal(args[0], 0x4101);
	assert_int_equal(args[1], 0x2000 | HPTE_R_M | HPTE_R_R);
	assert_int_equal(args[2], 0xeeeeeeeeeeeeeeeeUL);

	args[0] = H_READ_4 | H_R_XLATE;
	args[1] = base + 2;
	assert_int_equal(hv_h_read(kvm, args), H_SUCCESS);
	for (unsigned int s = 0; s < 3; s++) {
		assert_int_equal(args[2 * s], 0x4001 + s * 0x100);
		assert_int_equal(args[2 * s + 1], (s + 1) * 0x1000 | HPTE_R_M | HPTE_R_R);
	}
	assert_int_equal(args[6], 0);
	assert_int_equal(args[7], 0);
	assert_int_equal(args[8], 0xeeeeeeeeeeeeeeeeUL);
	assert_int_equal(mach.nevents, 0);

	args[0] = H_READ_4;
	args[1] = kvm->hpt_npte - 1;
	assert_int_equal(hv_h_read(kvm, args), H_SUCCESS);
	args[0] = H_READ_4;
	args[1] = kvm->hpt_npte;
	assert_int_equal(hv_h_read(kvm, args), H_PARAMETER);
	assert_int_equal(args[0], H_READ_4);
}

/*
 * H_READ never shows HVLOCK (an entry another CPU holds), shows ABSENT as
 * VALID, ORs in hardware R/C, and never returns a host RPN.
 */
static void test_read_hides_hv_state(void **state)
{
	unsigned long hpret[8];
	unsigned long idx;

	kvm->hpte_r_preset = 0;
	idx = enter_4k(0x41, 0, 0x4100, 0xb000);
	hpt_set(idx, 0, hpt_dw(idx, 0) | HPTE_V_HVLOCK);
	hpt_set(idx, 1, hpt_dw(idx, 1) | HPTE_R_C);
	assert_int_equal(hv_do_h_read(kvm, 0, idx, hpret), H_SUCCESS);
	assert_int_equal(hpret[0], 0x4101);
	assert_int_equal(hpret[1], 0xb000 | HPTE_R_M | HPTE_R_C);
	assert_int_equal(hpret[1] & HPTE_R_RPN, 0xb000);
	hpt_set(idx, 0, 0x4101);

	hpt_set(idx + 1, 0, 0x4200 | HPTE_V_ABSENT);
	hpt_set(idx + 1, 1, host_page(0) | 0xc000 | HPTE_R_M);
	kvm->rev[idx + 1].guest_rpte = 0xc000 | HPTE_R_M;
	assert_int_equal(hv_do_h_read(kvm, 0, idx + 1, hpret), H_SUCCESS);
	assert_int_equal(hpret[0], 0x4201);
	assert_int_equal(hpret[1], 0xc000 | HPTE_R_M);
	hpt_set(idx + 1, 0, 0);
}

/* ---- H_PROTECT ------------------------------------------------------------- */

/*
 * H_PROTECT flags: 0x100 -> pp0, 0x3000 -> key bits 0:1 (dword 1 bits 60,61),
 * 0xe00 -> key bits 2:4, 0x4 -> N, 0x3 -> pp1:2.  RPN, WIMG and R/C stay.
 * Sequence: lock, V cleared (lock kept), the tlbie sequence, new dword 1,
 * eieio, V restored (unlock), ptesync.  The same protection again changes
 * nothing in hardware and needs no tlbie.
 */
static void test_protect_sets_bits(void **state)
{
	unsigned long idx = enter_4k(EX_PTEG, 1, EX_PTEH & ~1UL, 0x345000 | 0x2);
	u64 hw = hpt_dw(idx, 1);
	u64 prot = HPTE_R_PP0 | HPTE_R_KEY_HI | HPTE_R_KEY_LO | HPTE_R_N | 0x1;
	u64 nhw = (hw & ~0x3UL) | prot;
	unsigned long args[9] = { 0x100 | 0x3000 | 0xe00 | 0x4 | 0x1, idx, 0 };
	unsigned long rb = hv_compute_tlbie_rb(EX_PTEH, hw, idx);

	sim_events_clear(&mach);
	assert_int_equal(hv_h_protect(kvm, args), H_SUCCESS);
	assert_int_equal(hpt_dw(idx, 1), nhw);
	assert_int_equal(hpt_dw(idx, 0), EX_PTEH);
	assert_int_equal(kvm->rev[idx].guest_rpte, 0x345000 | HPTE_R_M | prot);
	expect_events(0, (const struct ev[]){
		{ SIM_EV_HPTE_LOCK, hpte_ra(idx, 0), 1 },
		{ SIM_EV_HPTE_STORE, hpte_ra(idx, 0), (EX_PTEH & ~HPTE_V_VALID) | HPTE_V_HVLOCK },
		{ SIM_EV_PTESYNC, 0, 0 },
		{ SIM_EV_TLBIE, rb, kvm->lpid },
		{ SIM_EV_EIEIO, 0, 0 },
		{ SIM_EV_TLBSYNC, 0, 0 },
		{ SIM_EV_PTESYNC, 0, 0 },
		{ SIM_EV_HPTE_STORE, hpte_ra(idx, 1), nhw },
		{ SIM_EV_EIEIO, 0, 0 },
		{ SIM_EV_HPTE_UNLOCK, hpte_ra(idx, 0), EX_PTEH },
		{ SIM_EV_PTESYNC, 0, 0 },
	}, 11);

	sim_events_clear(&mach);
	assert_int_equal(hv_h_protect(kvm, args), H_SUCCESS);
	expect_events(0, (const struct ev[]){
		{ SIM_EV_HPTE_LOCK, hpte_ra(idx, 0), 1 },
		{ SIM_EV_HPTE_UNLOCK, hpte_ra(idx, 0), EX_PTEH },
		{ SIM_EV_PTESYNC, 0, 0 },
	}, 3);

	/* Back to PP = 2: pp0, key and N go. */
	args[0] = 0x2;
	assert_int_equal(hv_h_protect(kvm, args), H_SUCCESS);
	assert_int_equal(hpt_dw(idx, 1), (hw & ~0x3UL) | 0x2);
	assert_int_equal(kvm->rev[idx].guest_rpte, 0x345000 | HPTE_R_M | 0x2);
}

/*
 * R/C set by hardware while H_PROTECT invalidates are kept in the new dword
 * 1 (fix f064a0de) and reported by H_READ.
 */
static void test_protect_keeps_hw_rc(void **state)
{
	struct walker w = { .idx = { 0x50 * 8 }, .bits = { HPTE_R_R | HPTE_R_C }, .n = 1 };
	unsigned long hpret[2];
	unsigned long idx;

	kvm->hpte_r_preset = 0;
	idx = enter_4k(0x50, 0, 0x5000, 0xd000);
	walker_attach(&w);
	assert_int_equal(hv_do_h_protect(kvm, 0x3, idx, 0), H_SUCCESS);
	assert_true(w.locked_and_invalid);
	assert_int_equal(hpt_dw(idx, 1), host_page(0) | 0xd000 | HPTE_R_M | HPTE_R_R | HPTE_R_C |
			 0x3);
	assert_int_equal(hv_do_h_read(kvm, 0, idx, hpret), H_SUCCESS);
	assert_int_equal(hpret[1], 0xd000 | HPTE_R_M | HPTE_R_R | HPTE_R_C | 0x3);
}

/*
 * H_PROTECT: empty slot and H_AVPN mismatch are H_NOT_FOUND (entry
 * untouched); H_AVPN match succeeds; a bad index is H_PARAMETER.  An ABSENT
 * entry is updated without a tlbie.
 */
static void test_protect_not_found_and_absent(void **state)
{
	unsigned long idx = enter_4k(0x51, 0, 0x5100, 0xe000);
	u64 v = hpt_dw(idx, 0), r = hpt_dw(idx, 1);

	assert_int_equal(hv_do_h_protect(kvm, 0x3, idx + 1, 0), H_NOT_FOUND);
	assert_int_equal(hv_do_h_protect(kvm, H_AVPN | 0x3, idx, 0x5180), H_NOT_FOUND);
	assert_int_equal(hpt_dw(idx, 1), r);
	assert_int_equal(hv_do_h_protect(kvm, H_AVPN | 0x3, idx, v & ~0x7fUL), H_SUCCESS);
	assert_int_equal(hpt_dw(idx, 1), r | 0x3);
	assert_int_equal(hv_do_h_protect(kvm, 0x3, kvm->hpt_npte, 0), H_PARAMETER);

	hpt_set(idx + 2, 0, 0x5200 | HPTE_V_ABSENT);
	hpt_set(idx + 2, 1, host_page(0) | 0xf000 | HPTE_R_M);
	kvm->rev[idx + 2].guest_rpte = 0xf000 | HPTE_R_M;
	sim_events_clear(&mach);
	assert_int_equal(hv_do_h_protect(kvm, 0x1, idx + 2, 0), H_SUCCESS);
	assert_int_equal(count_events(SIM_EV_TLBIE), 0);
	assert_int_equal(hpt_dw(idx + 2, 1), host_page(0) | 0xf000 | HPTE_R_M | 0x1);
	assert_int_equal(hpt_dw(idx + 2, 0), 0x5200 | HPTE_V_ABSENT);
	hpt_set(idx + 2, 0, 0);
}

/* ---- H_BULK_REMOVE --------------------------------------------------------- */

static unsigned long req(unsigned long flags, unsigned long ptex)
{
	return (HV_BULK_REQUEST << 62) | (flags << 56) | ptex;
}

static unsigned long resp(unsigned long code, unsigned long flags, unsigned long ptex)
{
	return (HV_BULK_RESPONSE << 62) | (code << 60) | (flags << 56) | ptex;
}

/*
 * Four requests, one of each kind plus a miss: absolute, ANDCOND (entry has
 * none of the bits), AVPN (equal), AVPN (different).  Responses: 0x80/0x81/
 * 0x82 | R/C read after the invalidation (0x08 R, 0x04 C in the top byte) and
 * 0x92 not found.  The three removals share one tlbie sequence and stay
 * locked (V = 0) until it has completed.
 */
static void test_bulk_remove_kinds(void **state)
{
	unsigned long a, b, c, d;
	unsigned long tsx[8];
	struct walker w = { .n = 3 };
	u64 vc;

	kvm->hpte_r_preset = 0;
	a = enter_4k(0x60, 0, 0x6000, 0x1000);
	b = enter_4k(0x61, 3, 0x6100, 0x2000);
	c = enter_4k(0x62, 7, 0x6200, 0x3000);
	d = enter_4k(0x63, 1, 0x6300, 0x4000);
	vc = hpt_dw(c, 0);
	w.idx[0] = a;
	w.bits[0] = HPTE_R_R;
	w.idx[1] = b;
	w.bits[1] = HPTE_R_R | HPTE_R_C;
	w.idx[2] = c;
	w.bits[2] = HPTE_R_C;
	tsx[0] = req(HV_BULK_ABSOLUTE, a);
	tsx[1] = 0xdead;
	tsx[2] = req(HV_BULK_ANDCOND, b);
	tsx[3] = HPTE_V_BOLTED | HPTE_V_LARGE;
	tsx[4] = req(HV_BULK_AVPN, c);
	tsx[5] = vc & ~0x7fUL;
	tsx[6] = req(HV_BULK_AVPN, d);
	tsx[7] = 0x6380;
	sim_events_clear(&mach);
	walker_attach(&w);
	assert_int_equal(hv_h_bulk_remove(kvm, tsx), H_SUCCESS);
	assert_int_equal(tsx[0], resp(HV_BULK_SUCCESS, HV_BULK_ABSOLUTE, a) | HV_BULK_R);
	assert_int_equal(tsx[0] >> 56, 0x88);
	assert_int_equal(tsx[2], resp(HV_BULK_SUCCESS, HV_BULK_ANDCOND, b) | HV_BULK_R |
			 HV_BULK_C);
	assert_int_equal(tsx[2] >> 56, 0x8d);
	assert_int_equal(tsx[4], resp(HV_BULK_SUCCESS, HV_BULK_AVPN, c) | HV_BULK_C);
	assert_int_equal(tsx[4] >> 56, 0x86);
	assert_int_equal(tsx[6], resp(HV_BULK_NOT_FOUND, HV_BULK_AVPN, d));
	assert_int_equal(tsx[6] >> 56, 0x92);
	assert_int_equal(tsx[1], 0xdead);
	assert_int_equal(tsx[5], vc & ~0x7fUL);
	assert_int_equal(w.calls, 3);
	assert_true(w.locked_and_invalid);
	assert_int_equal(hpt_dw(a, 0), 0);
	assert_int_equal(hpt_dw(b, 0), 0);
	assert_int_equal(hpt_dw(c, 0), 0);
	assert_int_equal(hpt_dw(d, 0), 0x6301);
	expect_events(0, (const struct ev[]){
		{ SIM_EV_HPTE_LOCK, hpte_ra(a, 0), 1 },
		{ SIM_EV_HPTE_STORE, hpte_ra(a, 0), 0x6000 | HPTE_V_HVLOCK },
		{ SIM_EV_HPTE_LOCK, hpte_ra(b, 0), 1 },
		{ SIM_EV_HPTE_STORE, hpte_ra(b, 0), 0x6100 | HPTE_V_HVLOCK },
		{ SIM_EV_HPTE_LOCK, hpte_ra(c, 0), 1 },
		{ SIM_EV_HPTE_STORE, hpte_ra(c, 0), 0x6200 | HPTE_V_HVLOCK },
		{ SIM_EV_HPTE_LOCK, hpte_ra(d, 0), 1 },
		{ SIM_EV_HPTE_UNLOCK, hpte_ra(d, 0), 0x6301 },
		{ SIM_EV_PTESYNC, 0, 0 },
		{ SIM_EV_TLBIE, hv_compute_tlbie_rb(0x6001, 0, a), kvm->lpid },
		{ SIM_EV_TLBIE, hv_compute_tlbie_rb(0x6101, 0, b), kvm->lpid },
		{ SIM_EV_TLBIE, hv_compute_tlbie_rb(0x6201, 0, c), kvm->lpid },
		{ SIM_EV_EIEIO, 0, 0 },
		{ SIM_EV_TLBSYNC, 0, 0 },
		{ SIM_EV_PTESYNC, 0, 0 },
		{ SIM_EV_HPTE_UNLOCK, hpte_ra(a, 0), 0 },
		{ SIM_EV_HPTE_UNLOCK, hpte_ra(b, 0), 0 },
		{ SIM_EV_HPTE_UNLOCK, hpte_ra(c, 0), 0 },
	}, 18);
}

/*
 * An END specifier stops the list: what follows is neither processed nor
 * rewritten.  END first means nothing happens at all.  ANDCOND with a bit
 * the entry has is not found (0x91).
 */
static void test_bulk_remove_end_stops(void **state)
{
	unsigned long a = enter_4k(0x64, 0, 0x6400 | HPTE_V_BOLTED, 0x1000);
	unsigned long b = enter_4k(0x65, 0, 0x6500, 0x2000);
	unsigned long tsx[8] = {
		req(HV_BULK_ANDCOND, a), HPTE_V_BOLTED,
		HV_BULK_END << 62, 0,
		req(HV_BULK_ABSOLUTE, b), 0,
		req(HV_BULK_ABSOLUTE, b), 0,
	};

	assert_int_equal(hv_do_h_bulk_remove(kvm, tsx), H_SUCCESS);
	assert_int_equal(tsx[0] >> 56, 0x91);
	assert_int_equal(tsx[2], HV_BULK_END << 62);
	assert_int_equal(tsx[4], req(HV_BULK_ABSOLUTE, b));
	assert_int_equal(tsx[6], req(HV_BULK_ABSOLUTE, b));
	assert_int_not_equal(hpt_dw(a, 0), 0);
	assert_int_not_equal(hpt_dw(b, 0), 0);

	sim_events_clear(&mach);
	tsx[0] = HV_BULK_END << 62;
	tsx[2] = req(HV_BULK_ABSOLUTE, b);
	assert_int_equal(hv_do_h_bulk_remove(kvm, tsx), H_SUCCESS);
	assert_int_equal(tsx[2], req(HV_BULK_ABSOLUTE, b));
	assert_int_equal(mach.nevents, 0);
}

/*
 * A parameter error (an unused or response specifier, flags 0b11, an index
 * outside the table) gets response 0xa0 | flags with its index, makes the
 * call return H_PARAMETER and stops the list; entries before it are done
 * (and their batch invalidated), entries after it untouched.
 */
static void test_bulk_remove_parameter_errors(void **state)
{
	const unsigned long bad[] = {
		(HV_BULK_UNUSED << 62) | (2UL << 56) | 5,
		(HV_BULK_RESPONSE << 62) | 5,
		req(3, 5),
		req(HV_BULK_ABSOLUTE, kvm->hpt_npte),
	};
	const unsigned long want[] = {
		(0xa2UL << 56) | 5, (0xa0UL << 56) | 5, (0xa3UL << 56) | 5,
		(0xa0UL << 56) | kvm->hpt_npte,
	};

	for (unsigned int i = 0; i < HV_ARRAY_SIZE(bad); i++) {
		unsigned long a = enter_4k(0x66, 0, 0x6600, 0x1000);
		unsigned long b = enter_4k(0x67, 0, 0x6700, 0x2000);
		unsigned long tsx[8] = {
			req(HV_BULK_ABSOLUTE, a), 0, bad[i], 0,
			req(HV_BULK_ABSOLUTE, b), 0, HV_BULK_END << 62, 0,
		};

		assert_int_equal(hv_do_h_bulk_remove(kvm, tsx), H_PARAMETER);
		assert_int_equal(tsx[0] >> 56, 0x88);	/* done; R preset */
		assert_int_equal(tsx[2], want[i]);
		assert_int_equal(tsx[4], req(HV_BULK_ABSOLUTE, b));
		assert_int_equal(hpt_dw(a, 0), 0);
		assert_int_not_equal(hpt_dw(b, 0), 0);
		assert_int_equal(hv_do_h_remove(kvm, 0, b, 0, tsx), H_SUCCESS);
	}

	/* A bad first specifier: nothing is done, no tlbie. */
	{
		unsigned long b = enter_4k(0x67, 0, 0x6700, 0x2000);
		unsigned long tsx[8] = { req(3, b), 0, req(HV_BULK_ABSOLUTE, b), 0 };

		sim_events_clear(&mach);
		assert_int_equal(hv_do_h_bulk_remove(kvm, tsx), H_PARAMETER);
		assert_int_equal(tsx[0], (0xa3UL << 56) | b);
		assert_int_equal(mach.nevents, 0);
	}
}

/*
 * Deadlock avoidance: only the first HPTE of a batch is waited for.  With
 * every second try-lock failing, each later entry's failure cuts the batch:
 * four batches of one, each invalidated and unlocked before the next lock is
 * taken; all four entries are removed.
 */
static void test_bulk_remove_batch_cut(void **state)
{
	unsigned long idx[4], tsx[8];
	struct ev exp[64];	/* 4 batches of up to 9 events, with room */
	unsigned int n = 0;

	for (unsigned int i = 0; i < 4; i++) {
		idx[i] = enter_4k(0x68 + i, 0, 0x6800 + i * 0x100, 0x1000);
		tsx[2 * i] = req(HV_BULK_ABSOLUTE, idx[i]);
		tsx[2 * i + 1] = 0;
	}
	sim_events_clear(&mach);
	mach.lock_attempts = 0;
	mach.lock_fail_every = 2;
	assert_int_equal(hv_do_h_bulk_remove(kvm, tsx), H_SUCCESS);
	mach.lock_fail_every = 0;
	for (unsigned int i = 0; i < 4; i++) {
		u64 v = 0x6801 + i * 0x100;

		assert_int_equal(tsx[2 * i] >> 56, 0x88);
		assert_int_equal(hpt_dw(idx[i], 0), 0);
		exp[n++] = (struct ev){ SIM_EV_HPTE_LOCK, hpte_ra(idx[i], 0), 1 };
		exp[n++] = (struct ev){ SIM_EV_HPTE_STORE, hpte_ra(idx[i], 0),
					(v & ~1UL) | HPTE_V_HVLOCK };
		if (i < 3)
			exp[n++] = (struct ev){ SIM_EV_HPTE_LOCK, hpte_ra(idx[i + 1], 0), 0 };
		exp[n++] = (struct ev){ SIM_EV_PTESYNC, 0, 0 };
		exp[n++] = (struct ev){ SIM_EV_TLBIE, hv_compute_tlbie_rb(v, 0, idx[i]),
					kvm->lpid };
		exp[n++] = (struct ev){ SIM_EV_EIEIO, 0, 0 };
		exp[n++] = (struct ev){ SIM_EV_TLBSYNC, 0, 0 };
		exp[n++] = (struct ev){ SIM_EV_PTESYNC, 0, 0 };
		exp[n++] = (struct ev){ SIM_EV_HPTE_UNLOCK, hpte_ra(idx[i], 0), 0 };
	}
	expect_events(0, exp, n);
}

/*
 * The first entry of a batch is waited for (spurious failures on it do not
 * cut anything): one batch, one tlbie sequence for all four.
 */
static void test_bulk_remove_first_entry_spins(void **state)
{
	unsigned long tsx[8];

	for (unsigned int i = 0; i < 4; i++)
		tsx[2 * i] = req(HV_BULK_ABSOLUTE, enter_4k(0x70 + i, 1, 0x7000, 0x1000));
	sim_events_clear(&mach);
	mach.lock_fail_next = 3;
	assert_int_equal(hv_do_h_bulk_remove(kvm, tsx), H_SUCCESS);
	assert_int_equal(count_events(SIM_EV_TLBSYNC), 1);
	assert_int_equal(count_events(SIM_EV_TLBIE), 4);
	assert_int_equal(count_events(SIM_EV_HPTE_LOCK), 7);
	for (unsigned int i = 0; i < 4; i++)
		assert_int_equal(tsx[2 * i] >> 56, 0x88);
}

/*
 * The same index twice: the second finds the lock held by its own batch,
 * cuts it, then finds the entry gone (0x90, not found).
 */
static void test_bulk_remove_duplicate_index(void **state)
{
	unsigned long a = enter_4k(0x78, 0, 0x7800, 0x1000);
	unsigned long tsx[8] = {
		req(HV_BULK_ABSOLUTE, a), 0, req(HV_BULK_ABSOLUTE, a), 0, HV_BULK_END << 62, 0,
	};

	assert_int_equal(hv_do_h_bulk_remove(kvm, tsx), H_SUCCESS);
	assert_int_equal(tsx[0], resp(HV_BULK_SUCCESS, 0, a) | HV_BULK_R);
	assert_int_equal(tsx[2], resp(HV_BULK_NOT_FOUND, 0, a));
	assert_int_equal(count_events(SIM_EV_TLBSYNC), 1);
}

/* An ABSENT entry is removed without a tlbie; its guest R/C are reported. */
static void test_bulk_remove_absent(void **state)
{
	unsigned long idx = 0x79 * 8;
	unsigned long tsx[8] = { req(HV_BULK_ABSOLUTE, idx), 0, HV_BULK_END << 62, 0 };

	hpt_set(idx, 0, 0x7900 | HPTE_V_ABSENT);
	hpt_set(idx, 1, host_page(0) | HPTE_R_M);
	kvm->rev[idx].guest_rpte = 0x1000 | HPTE_R_M | HPTE_R_C;
	sim_events_clear(&mach);
	assert_int_equal(hv_do_h_bulk_remove(kvm, tsx), H_SUCCESS);
	assert_int_equal(tsx[0], resp(HV_BULK_SUCCESS, 0, idx) | HV_BULK_C);
	assert_int_equal(count_events(SIM_EV_TLBIE), 0);
	assert_int_equal(hpt_dw(idx, 0), 0);
}

/* ---- H_CLEAR_REF / H_CLEAR_MOD --------------------------------------------- */

/*
 * Without the preset: H_CLEAR_REF returns dword 1 as the guest sees it with
 * hardware R/C, then clears R with a one-byte store to HPTE byte 14 (C in
 * byte 15 is not touched) and invalidates while holding the lock; the entry
 * stays valid.  A reference made during the invalidation stays recorded.
 * A second call finds R clear: nothing to store or invalidate.
 */
static void test_clear_ref(void **state)
{
	struct walker w = { .n = 0 };
	unsigned long args[9];
	unsigned long idx;
	u64 hw;

	kvm->hpte_r_preset = 0;
	idx = enter_4k(0x80, 0, 0x8000, 0x1000);
	hpt_set(idx, 1, hpt_dw(idx, 1) | HPTE_R_R | HPTE_R_C);
	hw = hpt_dw(idx, 1);
	sim_events_clear(&mach);
	walker_attach(&w);
	args[0] = 0;
	args[1] = idx;
	assert_int_equal(hv_h_clear_ref(kvm, args), H_SUCCESS);
	assert_int_equal(args[0], 0x1000 | HPTE_R_M | HPTE_R_R | HPTE_R_C);
	assert_int_equal(hpt_dw(idx, 1), hw & ~HPTE_R_R);
	assert_int_equal(hpt_dw(idx, 0), 0x8001);
	expect_events(0, (const struct ev[]){
		{ SIM_EV_HPTE_LOCK, hpte_ra(idx, 0), 1 },
		{ SIM_EV_HPTE_STORE_BYTE, hpte_ra(idx, 0) + 14, ((hw & ~HPTE_R_R) >> 8) & 0xff },
		{ SIM_EV_PTESYNC, 0, 0 },
		{ SIM_EV_TLBIE, hv_compute_tlbie_rb(0x8001, hw, idx), kvm->lpid },
		{ SIM_EV_EIEIO, 0, 0 },
		{ SIM_EV_TLBSYNC, 0, 0 },
		{ SIM_EV_PTESYNC, 0, 0 },
		{ SIM_EV_HPTE_UNLOCK, hpte_ra(idx, 0), 0x8001 },
	}, 8);

	sim_events_clear(&mach);
	args[0] = 0;
	args[1] = idx;
	assert_int_equal(hv_h_clear_ref(kvm, args), H_SUCCESS);
	assert_int_equal(args[0], 0x1000 | HPTE_R_M | HPTE_R_C);
	assert_int_equal(mach.nevents, 2);

	/* R set by the guest itself, and a new reference during the tlbie. */
	assert_int_equal(hv_do_h_remove(kvm, 0, idx, 0, args), H_SUCCESS);
	assert_int_equal(enter(H_EXACT, idx, 0x8001, 0x1000 | HPTE_R_M | HPTE_R_R, NULL),
			 H_SUCCESS);
	w.idx[0] = idx;
	w.bits[0] = HPTE_R_R;
	w.n = 1;
	assert_int_equal(hv_do_h_clear_ref(kvm, 0, idx, &args[0]), H_SUCCESS);
	assert_int_equal(args[0], 0x1000 | HPTE_R_M | HPTE_R_R);
	assert_int_equal(kvm->rev[idx].guest_rpte, 0x1000 | HPTE_R_M);
	assert_int_equal(hpt_dw(idx, 1) & HPTE_R_R, HPTE_R_R);
}

/*
 * With the R preset (production), R always reads as set and H_CLEAR_REF
 * never clears it in hardware (the engine would then write R one HPTE too
 * far): no store, no tlbie; the guest's view loses R all the same.
 */
static void test_clear_ref_with_preset(void **state)
{
	unsigned long idx = enter_4k(0x81, 0, 0x8100, 0x1000 | HPTE_R_R);
	unsigned long rret;

	sim_events_clear(&mach);
	for (int i = 0; i < 2; i++) {
		assert_int_equal(hv_do_h_clear_ref(kvm, 0, idx, &rret), H_SUCCESS);
		assert_int_equal(rret, 0x1000 | HPTE_R_M | HPTE_R_R);
	}
	assert_int_equal(kvm->rev[idx].guest_rpte, 0x1000 | HPTE_R_M);
	assert_int_equal(hpt_dw(idx, 1) & HPTE_R_R, HPTE_R_R);
	assert_int_equal(count_events(SIM_EV_HPTE_STORE_BYTE), 0);
	assert_int_equal(count_events(SIM_EV_TLBIE), 0);
}

/*
 * H_CLEAR_MOD with C set in hardware: V cleared (lock kept), the tlbie
 * sequence, dword 1 re-read (C set meanwhile by a store through the old
 * translation is reported) and stored without C, eieio, V restored, ptesync.
 * The preset R stays.  A second call has nothing to clear.
 */
static void test_clear_mod(void **state)
{
	unsigned long idx = enter_4k(0x82, 0, 0x8200, 0x2000);
	struct walker w = { .idx = { idx }, .bits = { HPTE_R_C }, .n = 1 };
	unsigned long args[9] = { 0, idx };
	u64 hw;

	hpt_set(idx, 1, hpt_dw(idx, 1) | HPTE_R_C);
	hw = hpt_dw(idx, 1);
	sim_events_clear(&mach);
	walker_attach(&w);
	assert_int_equal(hv_h_clear_mod(kvm, args), H_SUCCESS);
	assert_int_equal(args[0], 0x2000 | HPTE_R_M | HPTE_R_R | HPTE_R_C);
	assert_true(w.locked_and_invalid);
	assert_int_equal(hpt_dw(idx, 1), hw & ~HPTE_R_C);
	assert_int_equal(hpt_dw(idx, 1) & HPTE_R_R, HPTE_R_R);
	assert_int_equal(hpt_dw(idx, 0), 0x8201);
	expect_events(0, (const struct ev[]){
		{ SIM_EV_HPTE_LOCK, hpte_ra(idx, 0), 1 },
		{ SIM_EV_HPTE_STORE, hpte_ra(idx, 0), 0x8200 | HPTE_V_HVLOCK },
		{ SIM_EV_PTESYNC, 0, 0 },
		{ SIM_EV_TLBIE, hv_compute_tlbie_rb(0x8201, hw, idx), kvm->lpid },
		{ SIM_EV_EIEIO, 0, 0 },
		{ SIM_EV_TLBSYNC, 0, 0 },
		{ SIM_EV_PTESYNC, 0, 0 },
		{ SIM_EV_HPTE_STORE, hpte_ra(idx, 1), hw & ~HPTE_R_C },
		{ SIM_EV_EIEIO, 0, 0 },
		{ SIM_EV_HPTE_UNLOCK, hpte_ra(idx, 0), 0x8201 },
		{ SIM_EV_PTESYNC, 0, 0 },
	}, 11);

	mach.tlbie_hook = NULL;
	sim_events_clear(&mach);
	args[0] = 0;
	args[1] = idx;
	assert_int_equal(hv_h_clear_mod(kvm, args), H_SUCCESS);
	assert_int_equal(args[0], 0x2000 | HPTE_R_M | HPTE_R_R);
	assert_int_equal(count_events(SIM_EV_TLBIE), 0);
}

/*
 * C set by the guest in H_ENTER is in both views: reported and cleared.  If
 * C were part of the preset it would be reported but never cleared in
 * hardware.
 */
static void test_clear_mod_guest_c_and_preset(void **state)
{
	unsigned long idx = enter_4k(0x83, 0, 0x8300, 0x3000 | HPTE_R_C);
	unsigned long rret;

	assert_int_equal(hv_do_h_clear_mod(kvm, 0, idx, &rret), H_SUCCESS);
	assert_int_equal(rret, 0x3000 | HPTE_R_M | HPTE_R_R | HPTE_R_C);
	assert_int_equal(kvm->rev[idx].guest_rpte, 0x3000 | HPTE_R_M);
	assert_int_equal(hpt_dw(idx, 1) & HPTE_R_C, 0);

	kvm->hpte_r_preset = HPTE_R_R | HPTE_R_C;
	idx = enter_4k(0x83, 1, 0x8300, 0x3000);
	sim_events_clear(&mach);
	assert_int_equal(hv_do_h_clear_mod(kvm, 0, idx, &rret), H_SUCCESS);
	assert_int_equal(rret, 0x3000 | HPTE_R_M | HPTE_R_R | HPTE_R_C);
	assert_int_equal(hpt_dw(idx, 1) & HPTE_R_C, HPTE_R_C);
	assert_int_equal(count_events(SIM_EV_TLBIE), 0);
}

/*
 * Both clear hcalls: an empty slot is H_NOT_FOUND, a bad index H_PARAMETER
 * (r4 untouched).  On an ABSENT entry they update dword 1 without a tlbie.
 */
static void test_clear_not_found_and_absent(void **state)
{
	unsigned long idx = 0x84 * 8;
	unsigned long args[9] = { 0, idx };

	assert_int_equal(hv_h_clear_ref(kvm, args), H_NOT_FOUND);
	assert_int_equal(hv_h_clear_mod(kvm, args), H_NOT_FOUND);
	args[1] = kvm->hpt_npte;
	assert_int_equal(hv_h_clear_ref(kvm, args), H_PARAMETER);
	assert_int_equal(hv_h_clear_mod(kvm, args), H_PARAMETER);
	assert_int_equal(args[0], 0);

	kvm->hpte_r_preset = 0;
	hpt_set(idx, 0, 0x8400 | HPTE_V_ABSENT);
	hpt_set(idx, 1, host_page(0) | 0x4000 | HPTE_R_M | HPTE_R_R | HPTE_R_C);
	kvm->rev[idx].guest_rpte = 0x4000 | HPTE_R_M;
	sim_events_clear(&mach);
	args[0] = 0;
	args[1] = idx;
	assert_int_equal(hv_h_clear_mod(kvm, args), H_SUCCESS);
	assert_int_equal(args[0], 0x4000 | HPTE_R_M | HPTE_R_R | HPTE_R_C);
	assert_int_equal(hpt_dw(idx, 1) & HPTE_R_C, 0);
	args[0] = 0;
	args[1] = idx;
	assert_int_equal(hv_h_clear_ref(kvm, args), H_SUCCESS);
	assert_int_equal(args[0], 0x4000 | HPTE_R_M | HPTE_R_R);
	assert_int_equal(count_events(SIM_EV_TLBIE), 0);
	assert_int_equal(hpt_dw(idx, 0), 0x8400 | HPTE_V_ABSENT);
	hpt_set(idx, 0, 0);
}

/*
 * Every hcall range-checks its index before touching anything: the first
 * index past the table and the largest value are H_PARAMETER with no event.
 */
static void test_all_hcalls_check_the_index(void **state)
{
	long (*const fns[])(struct hv_kvm *, unsigned long *) = {
		hv_h_enter, hv_h_remove, hv_h_read, hv_h_protect, hv_h_clear_ref, hv_h_clear_mod,
	};
	const unsigned long bad[] = { kvm->hpt_npte, kvm->hpt_npte + 7, ~0UL };

	for (unsigned int f = 0; f < HV_ARRAY_SIZE(fns); f++) {
		for (unsigned int b = 0; b < HV_ARRAY_SIZE(bad); b++) {
			unsigned long args[9] = { H_EXACT, bad[b], 0x1000 | HPTE_V_VALID,
						  HPTE_R_M };

			if (fns[f](kvm, args) != H_PARAMETER)
				fail_msg("hcall %u index 0x%lx: not H_PARAMETER", f, bad[b]);
			assert_int_equal(args[0], H_EXACT);
			assert_int_equal(args[1], bad[b]);
		}
	}
	assert_int_equal(mach.nevents, 0);
}

static u64 fuzz_state = 0x243f6a8885a308d3ULL;

static u64 fuzz(void)
{
	fuzz_state ^= fuzz_state >> 12;
	fuzz_state ^= fuzz_state << 25;
	fuzz_state ^= fuzz_state >> 27;
	return fuzz_state * 0x2545f4914f6cdd1dULL;
}

/*
 * A random argument @which (0 = r4, ...), in a quarter of the cases anything,
 * otherwise biased towards values that get past the first checks.
 */
static unsigned long fuzz_arg(unsigned int which)
{
	u64 r = fuzz();

	if (!(r & 3))
		return fuzz();
	switch (which) {
	case 0:		/* flags */
		return fuzz() & (H_EXACT | H_READ_4 | H_AVPN | H_ANDCOND | H_LOCAL | 0x3fff);
	case 1:		/* an index, sometimes just past the table */
		return fuzz() % (kvm->hpt_npte + 64);
	case 2:		/* pteh, mostly 4 KB; also the avpn / and-mask */
		return fuzz() & 0x7fffffffffffffffUL & ~(r & 0x10 ? 0 : HPTE_V_LARGE);
	case 3:		/* ptel: in guest memory or just beyond, mostly WIMG = M */
		return ((fuzz() % (96 * MB)) & ~0xfffUL) | (fuzz() & 0xfff & ~HPTE_R_WIMG) |
		       ((r >> 8) & 1 ? HPTE_R_M : fuzz() & HPTE_R_WIMG);
	default:
		return fuzz();
	}
}

/*
 * Guest-controlled input never breaks anything: 40000 hcalls with random,
 * biased arguments (and random bulk specifiers) only ever return their
 * documented codes, leave no HPTE locked, break no hardware rule, and every
 * valid HPTE hardware sees afterwards maps one of the VM's own host pages,
 * with the guest's view of it inside guest memory.
 */
static void test_fuzz_guest_cannot_escape(void **state)
{
	long (*const fns[])(struct hv_kvm *, unsigned long *) = {
		hv_h_enter, hv_h_remove, hv_h_read, hv_h_protect, hv_h_bulk_remove,
		hv_h_clear_ref, hv_h_clear_mod,
	};
	unsigned long valid = 0, entered = 0;

	mach.log_events = false;
	mach.lock_fail_every = 7;
	for (unsigned int n = 0; n < 40000; n++) {
		unsigned int f = fuzz() % HV_ARRAY_SIZE(fns);
		unsigned long args[9];
		long rc;

		for (unsigned int a = 0; a < 9; a++)
			args[a] = fuzz_arg(a);
		if (f == 4)
			for (unsigned int a = 0; a < 8; a += 2)
				args[a] = (fuzz() & 0xff00000000000000UL) |
					  (fuzz() % (kvm->hpt_npte + 4));
		rc = fns[f](kvm, args);
		if (rc != H_SUCCESS && rc != H_PARAMETER && rc != H_NOT_FOUND &&
		    rc != H_PTEG_FULL)
			fail_msg("hcall %u returned %ld", f, rc);
		entered += f == 0 && rc == H_SUCCESS;
	}
	mach.lock_fail_every = 0;
	mach.log_events = true;
	for (unsigned long i = 0; i < kvm->hpt_npte; i++) {
		u64 v = hpt_dw(i, 0), page = hpt_dw(i, 1) & HPTE_R_RPN & ~(16 * MB - 1);
		bool own = false;

		if (!(v & HPTE_V_VALID))
			continue;
		valid++;
		for (unsigned int p = 0; p < 4; p++)
			own |= page == kvm->ram[p].real;
		if (!own)
			fail_msg("HPTE %lu maps real page 0x%llx, not the guest's", i,
				 (unsigned long long)page);
		assert_true((kvm->rev[i].guest_rpte & HPTE_R_RPN) < 64 * MB);
	}
	/* The biased arguments do reach the interesting paths. */
	assert_true(entered > 500);
	assert_true(valid > 100);
}

#define VM_TEST(t)	cmocka_unit_test_setup_teardown(t, vm_setup, vm_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_page_shift),
		cmocka_unit_test(test_tlbie_rb_4k),
		cmocka_unit_test(test_tlbie_rb_large),
		VM_TEST(test_enter_4k),
		VM_TEST(test_enter_64k_and_16m),
		VM_TEST(test_enter_rejects_bad_encodings),
		VM_TEST(test_enter_wimg_rule),
		VM_TEST(test_enter_rpn_must_be_guest_memory),
		VM_TEST(test_enter_index_range),
		VM_TEST(test_enter_pteg_full),
		VM_TEST(test_enter_software_bits_and_flags),
		VM_TEST(test_enter_spurious_lock_failures),
		VM_TEST(test_enter_skips_slot_locked_elsewhere),
		VM_TEST(test_remove_invalidates_and_reports),
		VM_TEST(test_remove_rc_race_without_preset),
		VM_TEST(test_remove_not_found_and_flags),
		VM_TEST(test_remove_absent_entry),
		VM_TEST(test_read_one_and_four),
		VM_TEST(test_read_hides_hv_state),
		VM_TEST(test_protect_sets_bits),
		VM_TEST(test_protect_keeps_hw_rc),
		VM_TEST(test_protect_not_found_and_absent),
		VM_TEST(test_bulk_remove_kinds),
		VM_TEST(test_bulk_remove_end_stops),
		VM_TEST(test_bulk_remove_parameter_errors),
		VM_TEST(test_bulk_remove_batch_cut),
		VM_TEST(test_bulk_remove_first_entry_spins),
		VM_TEST(test_bulk_remove_duplicate_index),
		VM_TEST(test_bulk_remove_absent),
		VM_TEST(test_clear_ref),
		VM_TEST(test_clear_ref_with_preset),
		VM_TEST(test_clear_mod),
		VM_TEST(test_clear_mod_guest_c_and_preset),
		VM_TEST(test_clear_not_found_and_absent),
		VM_TEST(test_all_hcalls_check_the_index),
		VM_TEST(test_fuzz_guest_cannot_escape),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
