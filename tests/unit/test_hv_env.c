// SPDX-License-Identifier: GPL-2.0-only
/* Unit tests of the simulator's hv_env primitives (sim/hv_env_sim.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "hv_env.h"
#include "machine.h"

#define MB (1ULL << 20)

static struct sim_machine mach;

static int setup(void **state)
{
	if (sim_machine_init(&mach, 128 * MB, 2))
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

/*
 * HPTE doublewords are stored big-endian in the arena, whatever the host's
 * byte order, and every store is logged with its real address.
 */
static void test_hpte_store_is_big_endian_and_logged(void **state)
{
	u64 ra;
	hv_be64 *hpte = hv_alloc_contig(256 * 1024, &ra);
	u8 *b = (u8 *)hpte;

	assert_non_null(hpte);
	assert_int_equal(hv_virt_to_real(hpte), ra);
	assert_ptr_equal(hv_real_to_virt(ra), hpte);
	sim_events_clear(&mach);
	hv_hpte_store(&hpte[1], 0x0102030405060708ULL);
	assert_int_equal(b[8], 0x01);
	assert_int_equal(b[15], 0x08);
	assert_int_equal(hv_hpte_load(&hpte[1]), 0x0102030405060708ULL);
	assert_int_equal(mach.nevents, 1);
	assert_int_equal(mach.events[0].type, SIM_EV_HPTE_STORE);
	assert_int_equal(mach.events[0].addr, ra + 8);
	hv_hpte_store_byte(&hpte[1], 6, 0xff);
	assert_int_equal(hv_hpte_load(&hpte[1]), 0x010203040506ff08ULL);
	hv_free_contig(hpte, 256 * 1024);
}

/*
 * The HPTE bit lock takes HVLOCK when free, refuses when any of the given
 * bits is set, fails spuriously on request, and unlock stores the value.
 */
static void test_hpte_lock(void **state)
{
	u64 ra;
	hv_be64 *hpte = hv_alloc_contig(256 * 1024, &ra);

	hv_hpte_store(hpte, HPTE_V_VALID);
	assert_true(hv_hpte_try_lock(hpte, HPTE_V_HVLOCK));
	assert_int_equal(hv_hpte_load(hpte), HPTE_V_VALID | HPTE_V_HVLOCK);
	assert_false(hv_hpte_try_lock(hpte, HPTE_V_HVLOCK));
	hv_hpte_unlock(hpte, HPTE_V_VALID);
	assert_int_equal(hv_hpte_load(hpte), HPTE_V_VALID);
	assert_false(hv_hpte_try_lock(hpte, HPTE_V_HVLOCK | HPTE_V_VALID));
	mach.lock_fail_next = 2;
	assert_false(hv_hpte_try_lock(hpte, HPTE_V_HVLOCK));
	assert_false(hv_hpte_try_lock(hpte, HPTE_V_HVLOCK));
	assert_true(hv_hpte_try_lock(hpte, HPTE_V_HVLOCK));
	/* Storing HVLOCK through unlock is a rule violation. */
	mach.violations = 0;
	hv_hpte_unlock(hpte, HPTE_V_HVLOCK);
	assert_int_equal(mach.violations, 1);
	hv_free_contig(hpte, 256 * 1024);
}

static unsigned int hook_calls;
static void tlbie_hook(struct sim_machine *m, uint64_t rb, uint64_t lpid, void *ctx)
{
	hook_calls++;
	assert_int_equal(lpid, 5);
}

/* Barriers, tlbie and SPR writes are logged in program order. */
static void test_barrier_and_tlbie_order(void **state)
{
	sim_events_clear(&mach);
	mach.tlbie_hook = tlbie_hook;
	hv_ptesync();
	hv_tlbie(0x1000, 5);
	hv_eieio();
	hv_tlbsync();
	hv_ptesync();
	hv_mtspr(SPRN_LPID, 5);
	mach.tlbie_hook = NULL;
	assert_int_equal(hook_calls, 1);
	assert_int_equal(mach.nevents, 6);
	assert_int_equal(mach.events[0].type, SIM_EV_PTESYNC);
	assert_int_equal(mach.events[1].type, SIM_EV_TLBIE);
	assert_int_equal(mach.events[1].addr, 0x1000);
	assert_int_equal(mach.events[3].type, SIM_EV_TLBSYNC);
	assert_int_equal(sim_events_find(&mach, 0, SIM_EV_MTSPR, SPRN_LPID), 5);
	assert_int_equal(hv_mfspr(SPRN_LPID), 5);
	assert_int_equal(hv_mfspr(SPRN_PVR), SIM_PVR_POWER7);
}

/* SLB writes land in the current thread; slbia spares entry 0. */
static void test_slb(void **state)
{
	hv_slbmte(0x1234ULL << 12, (0x1ULL << 28) | SLB_ESID_V | 0);
	hv_slbmte(0x5678ULL << 12, (0x2ULL << 28) | SLB_ESID_V | 3);
	assert_int_equal(hv_slbmfev(3), 0x5678ULL << 12);
	assert_int_equal(hv_slbmfee(3), (0x2ULL << 28) | SLB_ESID_V);
	hv_slbia();
	assert_int_equal(hv_slbmfee(3), 0x2ULL << 28);
	assert_int_equal(hv_slbmfee(0), (0x1ULL << 28) | SLB_ESID_V);
	hv_slbie(0x1ULL << 28);
	assert_int_equal(hv_slbmfee(0), 0x1ULL << 28);
	assert_int_equal(hv_slbmfee(99), 0);
}

/* Thread identity and the single-thread-mode sibling check. */
static void test_thread_identity(void **state)
{
	assert_int_equal(hv_thread_id(), 0);
	assert_false(hv_siblings_online());
	mach.threads[1].online = true;
	assert_true(hv_siblings_online());
	mach.threads[1].online = false;
	sim_machine_select(&mach, 4);
	assert_int_equal(hv_cpu_id(), 4);
	sim_machine_select(&mach, 0);
}

/* Entering a guest with MSR[HV] set is reported; no runner is an error. */
static void test_enter_guest_rules(void **state)
{
	struct hv_guest_regs regs = { .msr = MSR_SF | MSR_HV };

	mach.violations = 0;
	assert_int_equal(hv_enter_guest(&regs), HV_TRAP_NONE);
	assert_int_equal(mach.violations, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hpte_store_is_big_endian_and_logged),
		cmocka_unit_test(test_hpte_lock),
		cmocka_unit_test(test_barrier_and_tlbie_order),
		cmocka_unit_test(test_slb),
		cmocka_unit_test(test_thread_identity),
		cmocka_unit_test(test_enter_guest_rules),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
