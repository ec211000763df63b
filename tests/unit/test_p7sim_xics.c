// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of XICS presentation (tools/p7sim/xics.c): the IPI flow of
 * kvm-unit-tests' smp test, CPPR masking, EOI and re-presentation, and the
 * hcalls' register discipline (H_XIRR writes r4 and nothing else).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "hv_consts.h"
#include "p7sim_test.h"

static int setup(void **state)
{
	*state = fixture_new(16 * MB, 3, 0, 0);
	return 0;
}

static int teardown(void **state)
{
	fixture_free(*state);
	return 0;
}

static void assert_untouched_from(const uint64_t *args, int from)
{
	for (int i = from; i < 9; i++)
		assert_int_equal(args[i], 0x5a5a5a5a00000000ULL | (4 + i));
}

static int64_t hcall1(struct fixture *f, unsigned int vcpu, uint64_t nr, uint64_t a0)
{
	uint64_t args[9];
	int64_t ret;

	args_pattern(args);
	args[0] = a0;
	ret = p7sim_hcall(&f->plat, vcpu, nr, args);
	assert_int_equal(args[0], a0);
	assert_untouched_from(args, 1);
	return ret;
}

static int64_t h_ipi(struct fixture *f, unsigned int vcpu, uint64_t server, uint64_t mfrr)
{
	uint64_t args[9];
	int64_t ret;

	args_pattern(args);
	args[0] = server;
	args[1] = mfrr;
	ret = p7sim_hcall(&f->plat, vcpu, H_IPI, args);
	assert_int_equal(args[0], server);
	assert_int_equal(args[1], mfrr);
	assert_untouched_from(args, 2);
	return ret;
}

/* H_XIRR: returns r4; r5..r12 must come back exactly as they went in. */
static uint64_t h_xirr(struct fixture *f, unsigned int vcpu)
{
	uint64_t args[9];

	args_pattern(args);
	assert_int_equal(p7sim_hcall(&f->plat, vcpu, H_XIRR, args), H_SUCCESS);
	assert_untouched_from(args, 1);
	return args[0];
}

/*
 * The smp test's ipi_cpus flow: the target sets CPPR 5; H_IPI(target, 4)
 * raises its external line; H_XIRR returns CPPR 5 and XISR 2 (0x05000002)
 * and lowers the line; the handler's H_IPI(self, 0xff) and H_EOI(xirr)
 * both succeed and nothing is presented again.  The sender is unaffected.
 */
static void test_ipi_flow(void **state)
{
	struct fixture *f = *state;
	uint64_t xirr;

	assert_int_equal(hcall1(f, 1, H_CPPR, 5), H_SUCCESS);
	assert_int_equal(f->vmm.raise_calls, 0);

	assert_int_equal(h_ipi(f, 0, 1, 4), H_SUCCESS);
	assert_int_equal(f->vmm.raise_calls, 1);
	assert_int_equal(f->vmm.last_vcpu, 1);
	assert_true(f->vmm.last_level);
	assert_true(p7sim_external_pending(&f->plat, 1));
	assert_false(p7sim_external_pending(&f->plat, 0));

	xirr = h_xirr(f, 1);
	assert_int_equal(xirr, 0x05000002);
	assert_int_equal(f->vmm.raise_calls, 2);
	assert_false(f->vmm.last_level);
	assert_false(p7sim_external_pending(&f->plat, 1));
	/* While handling, CPPR is the IPI's priority. */
	assert_int_equal(f->plat.icp[1].cppr, 4);

	assert_int_equal(h_ipi(f, 1, 1, 0xff), H_SUCCESS);
	assert_int_equal(hcall1(f, 1, H_EOI, xirr), H_SUCCESS);
	assert_int_equal(f->plat.icp[1].cppr, 5);
	assert_int_equal(f->vmm.raise_calls, 2);
	assert_false(p7sim_external_pending(&f->plat, 1));
	/* Nothing pending any more: XIRR reads CPPR and XISR 0. */
	assert_int_equal(h_xirr(f, 1), 0x05000000);
	assert_int_equal(f->plat.icp[0].mfrr, 0xff);
	assert_int_equal(f->vmm.raise_calls, 2);
}

/*
 * CPPR masking: at reset CPPR is 0 and an IPI stays requested but not
 * presented; CPPR 5 then presents it; H_CPPR(0) withdraws it again (the
 * smp test disables IPIs that way); an IPI at the CPPR's own priority is
 * not presented either.
 */
static void test_cppr_masks(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(h_ipi(f, 0, 2, 4), H_SUCCESS);
	assert_false(p7sim_external_pending(&f->plat, 2));
	assert_int_equal(hcall1(f, 2, H_CPPR, 5), H_SUCCESS);
	assert_true(p7sim_external_pending(&f->plat, 2));
	assert_int_equal(hcall1(f, 2, H_CPPR, 0), H_SUCCESS);
	assert_false(p7sim_external_pending(&f->plat, 2));
	assert_int_equal(h_xirr(f, 2), 0x00000000);
	/* Relaxing CPPR brings the still-requested IPI back. */
	assert_int_equal(hcall1(f, 2, H_CPPR, 0xff), H_SUCCESS);
	assert_true(p7sim_external_pending(&f->plat, 2));
	assert_int_equal(h_xirr(f, 2), 0xff000002);

	/* Equal priority does not beat CPPR. */
	assert_int_equal(hcall1(f, 2, H_EOI, 0x04000002), H_SUCCESS);
	assert_int_equal(h_ipi(f, 0, 2, 0xff), H_SUCCESS);
	assert_int_equal(hcall1(f, 2, H_CPPR, 4), H_SUCCESS);
	assert_int_equal(h_ipi(f, 0, 2, 4), H_SUCCESS);
	assert_false(p7sim_external_pending(&f->plat, 2));
	assert_int_equal(h_ipi(f, 0, 2, 3), H_SUCCESS);
	assert_true(p7sim_external_pending(&f->plat, 2));
}

/*
 * EOI with the IPI still requested (MFRR not reset) presents it again: one
 * raise per presentation, never a repeated raise while already raised.
 * A more favored IPI request while one is pending updates its priority.
 */
static void test_eoi_represents_and_priority(void **state)
{
	struct fixture *f = *state;
	uint64_t xirr;

	assert_int_equal(hcall1(f, 0, H_CPPR, 0xff), H_SUCCESS);
	assert_int_equal(h_ipi(f, 1, 0, 6), H_SUCCESS);
	assert_int_equal(h_ipi(f, 1, 0, 6), H_SUCCESS);
	assert_int_equal(f->vmm.raise_calls, 1);
	assert_int_equal(f->plat.icp[0].pending_prio, 6);
	assert_int_equal(h_ipi(f, 1, 0, 2), H_SUCCESS);
	assert_int_equal(f->plat.icp[0].pending_prio, 2);
	assert_int_equal(f->vmm.raise_calls, 1);

	xirr = h_xirr(f, 0);
	assert_int_equal(xirr, 0xff000002);
	assert_int_equal(f->plat.icp[0].cppr, 2);
	assert_int_equal(hcall1(f, 0, H_EOI, xirr), H_SUCCESS);
	assert_true(p7sim_external_pending(&f->plat, 0));
	assert_int_equal(f->vmm.raise_calls, 3);
}

/*
 * Bad input: H_IPI to a server that does not exist is H_PARAMETER and
 * changes nothing; H_EOI of a source other than the IPI is H_PARAMETER
 * (after restoring CPPR, as the ICP store does); H_IPOLL peeks without
 * accepting and rejects bad servers.
 */
static void test_bad_input_and_ipoll(void **state)
{
	struct fixture *f = *state;
	uint64_t args[9];

	assert_int_equal(h_ipi(f, 0, 3, 0), H_PARAMETER);
	assert_int_equal(h_ipi(f, 0, UINT64_MAX, 0), H_PARAMETER);
	assert_int_equal(f->vmm.raise_calls, 0);

	assert_int_equal(hcall1(f, 0, H_EOI, 0x07000010), H_PARAMETER);
	assert_int_equal(f->plat.icp[0].cppr, 7);
	assert_int_equal(hcall1(f, 0, H_EOI, 0xff000000), H_SUCCESS);

	assert_int_equal(h_ipi(f, 0, 1, 3), H_SUCCESS);
	assert_int_equal(hcall1(f, 1, H_CPPR, 0xff), H_SUCCESS);
	args_pattern(args);
	args[0] = 1;
	assert_int_equal(p7sim_hcall(&f->plat, 0, H_IPOLL, args), H_SUCCESS);
	assert_int_equal(args[0], 0xff000002);
	assert_int_equal(args[1], 3);
	assert_untouched_from(args, 2);
	assert_true(p7sim_external_pending(&f->plat, 1));
	args[0] = 3;
	assert_int_equal(p7sim_hcall(&f->plat, 0, H_IPOLL, args), H_PARAMETER);
	/* CPPR and MFRR take only their low byte. */
	assert_int_equal(hcall1(f, 2, H_CPPR, 0x1234), H_SUCCESS);
	assert_int_equal(f->plat.icp[2].cppr, 0x34);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_ipi_flow, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cppr_masks, setup, teardown),
		cmocka_unit_test_setup_teardown(test_eoi_represents_and_priority, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_input_and_ipoll, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
