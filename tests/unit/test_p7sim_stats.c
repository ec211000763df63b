// SPDX-License-Identifier: GPL-2.0-only
/* Unit tests of --stats tables and the hcall/trap name tables (tools/p7sim/stats.c, names.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "hv_consts.h"
#include "p7sim_test.h"

/* Names are the kernel's: H_* for hcalls, BOOK3S_INTERRUPT_* without the prefix for traps. */
static void test_names(void **state)
{
	assert_string_equal(p7sim_hcall_name(H_ENTER), "H_ENTER");
	assert_string_equal(p7sim_hcall_name(H_PUT_TERM_CHAR), "H_PUT_TERM_CHAR");
	assert_string_equal(p7sim_hcall_name(H_SET_MODE), "H_SET_MODE");
	assert_string_equal(p7sim_hcall_name(H_RTAS), "H_RTAS");
	assert_string_equal(p7sim_hcall_name(H_WATCHDOG), "H_WATCHDOG");
	assert_null(p7sim_hcall_name(0));
	assert_null(p7sim_hcall_name(0x5a));
	assert_string_equal(p7sim_trap_name(BOOK3S_INTERRUPT_HV_DECREMENTER), "HV_DECREMENTER");
	assert_string_equal(p7sim_trap_name(BOOK3S_INTERRUPT_SYSCALL), "SYSCALL");
	assert_string_equal(p7sim_trap_name(BOOK3S_INTERRUPT_H_DATA_STORAGE), "H_DATA_STORAGE");
	assert_string_equal(p7sim_trap_name(BOOK3S_INTERRUPT_EXTERNAL_HV), "EXTERNAL_HV");
	assert_null(p7sim_trap_name(0x123));

	/* Every hcall number the HV core's constants name has a name here. */
	static const uint64_t known[] = {
		H_REMOVE, H_ENTER, H_READ, H_CLEAR_MOD, H_CLEAR_REF, H_PROTECT, H_GET_TCE,
		H_PUT_TCE, H_SET_SPRG0, H_SET_DABR, H_PAGE_INIT, H_LOGICAL_CI_LOAD,
		H_LOGICAL_CI_STORE, H_GET_TERM_CHAR, H_PUT_TERM_CHAR, H_EOI, H_CPPR, H_IPI,
		H_IPOLL, H_XIRR, H_REGISTER_VPA, H_CEDE, H_CONFER, H_PROD, H_BULK_REMOVE,
		H_SET_XDABR, H_XIRR_X, H_RANDOM, H_SET_MODE, H_WATCHDOG, H_RTAS,
	};
	for (unsigned int i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		assert_non_null(p7sim_hcall_name(known[i]));
}

/* Counting: per key count, total, min, max; lookups of absent keys. */
static void test_counts(void **state)
{
	struct p7sim_stats s;
	const struct p7sim_stat *e;

	p7sim_stats_init(&s, "HCALL", p7sim_hcall_name);
	p7sim_stats_add(&s, H_PUT_TERM_CHAR, 100);
	p7sim_stats_add(&s, H_PUT_TERM_CHAR, 300);
	p7sim_stats_add(&s, H_RTAS, 50);
	e = p7sim_stats_find(&s, H_PUT_TERM_CHAR);
	assert_non_null(e);
	assert_int_equal(e->count, 2);
	assert_int_equal(e->total_ns, 400);
	assert_int_equal(e->min_ns, 100);
	assert_int_equal(e->max_ns, 300);
	assert_null(p7sim_stats_find(&s, H_ENTER));
	assert_int_equal(p7sim_stats_total(&s), 3);

	/* Beyond 128 distinct keys, events are counted as dropped. */
	for (uint64_t k = 0; k < 200; k++)
		p7sim_stats_add(&s, 0x10000 + k, 1);
	assert_int_equal(s.n, P7SIM_STATS_MAX);
	assert_int_equal(s.dropped, 200 - (P7SIM_STATS_MAX - 2));
}

/*
 * The report: perf-kvm-stat columns, rows by count then number, names or
 * hex for unnamed numbers, percentages and microseconds, totals.
 */
static void test_report(void **state)
{
	struct p7sim_stats s;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	const char *hd, *hc, *sys, *unk;

	p7sim_stats_init(&s, "VM-EXIT", p7sim_trap_name);
	p7sim_stats_add(&s, 0xc00, 1000);
	for (int i = 0; i < 3; i++)
		p7sim_stats_add(&s, 0x980, 2000);
	p7sim_stats_add(&s, 0x123, 1000);
	p7sim_stats_print(&s, f);
	fclose(f);
	print_message("%s", buf);

	assert_non_null(strstr(buf, "VM-EXIT    Samples  Samples%     Time%    Min Time"));
	hd = strstr(buf, "HV_DECREMENTER          3    60.00%    75.00%      2.00us      2.00us");
	hc = strstr(buf, "0x123");
	sys = strstr(buf, "SYSCALL          1    20.00%    12.50%      1.00us");
	assert_non_null(hd);
	assert_non_null(sys);
	assert_non_null(hc);
	/* Ties in count are ordered by number: 0x123 before 0xc00. */
	assert_true(hd < hc && hc < sys);
	assert_non_null(strstr(buf, "Total Samples:5, Total events handled time:8.00us."));
	unk = strstr(buf, "not shown");
	assert_null(unk);
	free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_counts),
		cmocka_unit_test(test_report),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
