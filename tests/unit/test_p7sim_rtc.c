// SPDX-License-Identifier: GPL-2.0-only
/* Unit tests of the RTAS clock and its calendar arithmetic (tools/p7sim/rtc.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <time.h>

#include "p7sim_test.h"

static void assert_tm(const struct p7sim_tm *tm, int y, unsigned int mo, unsigned int d,
		      unsigned int h, unsigned int mi, unsigned int s)
{
	assert_int_equal(tm->year, y);
	assert_int_equal(tm->month, mo);
	assert_int_equal(tm->day, d);
	assert_int_equal(tm->hour, h);
	assert_int_equal(tm->min, mi);
	assert_int_equal(tm->sec, s);
}

/*
 * Calendar conversions at known points: the epoch, a leap day, the last
 * second of a century that is not a leap year, before 1970, and year 9999;
 * and against the C library's gmtime_r on a sweep of dates.
 */
static void test_calendar(void **state)
{
	struct p7sim_tm tm;

	p7sim_tm_from_epoch(0, 0, &tm);
	assert_tm(&tm, 1970, 1, 1, 0, 0, 0);
	p7sim_tm_from_epoch(951782400, 5, &tm);		/* 2000-02-29 00:00:00 */
	assert_tm(&tm, 2000, 2, 29, 0, 0, 0);
	assert_int_equal(tm.ns, 5);
	p7sim_tm_from_epoch(4107542399LL, 0, &tm);	/* 2100-02-28 23:59:59 */
	assert_tm(&tm, 2100, 2, 28, 23, 59, 59);
	p7sim_tm_from_epoch(4107542400LL, 0, &tm);	/* no Feb 29 in 2100 */
	assert_tm(&tm, 2100, 3, 1, 0, 0, 0);
	p7sim_tm_from_epoch(-1, 0, &tm);
	assert_tm(&tm, 1969, 12, 31, 23, 59, 59);
	p7sim_tm_from_epoch(253402300799LL, 0, &tm);
	assert_tm(&tm, 9999, 12, 31, 23, 59, 59);
	assert_int_equal(p7sim_tm_to_epoch(&tm), 253402300799LL);

	for (int64_t t = -2000000000LL; t < 4000000000LL; t += 86400 * 37 + 3671) {
		time_t tt = t;
		struct tm g;

		gmtime_r(&tt, &g);
		p7sim_tm_from_epoch(t, 0, &tm);
		assert_tm(&tm, g.tm_year + 1900, g.tm_mon + 1, g.tm_mday, g.tm_hour, g.tm_min,
			  g.tm_sec);
		assert_int_equal(p7sim_tm_to_epoch(&tm), t);
	}
}

/* Validation: month, day of that month (leap years), hour, minute, second, year. */
static void test_valid(void **state)
{
	struct p7sim_tm ok = { 2024, 2, 29, 23, 59, 59, 0 };
	struct p7sim_tm t;

	assert_true(p7sim_tm_valid(&ok));
	t = ok, t.year = 2023;
	assert_false(p7sim_tm_valid(&t));
	t = ok, t.month = 13;
	assert_false(p7sim_tm_valid(&t));
	t = ok, t.month = 0;
	assert_false(p7sim_tm_valid(&t));
	t = ok, t.month = 4, t.day = 31;
	assert_false(p7sim_tm_valid(&t));
	t = ok, t.day = 0;
	assert_false(p7sim_tm_valid(&t));
	t = ok, t.hour = 24;
	assert_false(p7sim_tm_valid(&t));
	t = ok, t.min = 60;
	assert_false(p7sim_tm_valid(&t));
	t = ok, t.sec = 60;
	assert_false(p7sim_tm_valid(&t));
	t = ok, t.year = 0;
	assert_false(p7sim_tm_valid(&t));
	t = ok, t.year = 10000;
	assert_false(p7sim_tm_valid(&t));
}

/* --rtc values: epoch seconds, a date, a date and time; junk and overflow are refused. */
static void test_parse(void **state)
{
	int64_t s = -1;

	assert_int_equal(p7sim_rtc_parse("1700000000", &s), 0);
	assert_int_equal(s, 1700000000);
	assert_int_equal(p7sim_rtc_parse("2024-02-29", &s), 0);
	assert_int_equal(s, 1709164800);
	assert_int_equal(p7sim_rtc_parse("2024-02-29T12:34:56", &s), 0);
	assert_int_equal(s, 1709164800 + 12 * 3600 + 34 * 60 + 56);
	assert_int_equal(p7sim_rtc_parse("2024-02-29 12:34:56", &s), 0);

	s = 42;
	assert_int_equal(p7sim_rtc_parse("", &s), -1);
	assert_int_equal(p7sim_rtc_parse("-5", &s), -1);
	assert_int_equal(p7sim_rtc_parse("2023-02-29", &s), -1);
	assert_int_equal(p7sim_rtc_parse("2024-2-29", &s), -1);
	assert_int_equal(p7sim_rtc_parse("2024-02-29T12:34", &s), -1);
	assert_int_equal(p7sim_rtc_parse("2024-02-29T25:00:00", &s), -1);
	assert_int_equal(p7sim_rtc_parse("2024-02-29Z", &s), -1);
	assert_int_equal(p7sim_rtc_parse("now", &s), -1);
	/* Epoch seconds past strtoll, and past the last second of year 9999. */
	assert_int_equal(p7sim_rtc_parse("99999999999999999999", &s), -1);
	assert_int_equal(p7sim_rtc_parse("253402300800", &s), -1);
	assert_int_equal(s, 42);
	assert_int_equal(p7sim_rtc_parse("253402300799", &s), 0);
	assert_int_equal(s, 253402300799LL);
}

/*
 * The clock is base + simulated elapsed time: it moves only when simulated
 * time does, carries nanoseconds into seconds, and after a set it runs on
 * from the value set.  An invalid set changes nothing.
 */
static void test_clock_runs_on_simulated_time(void **state)
{
	struct fake_vmm v = { .now_ns = 5000 };
	struct p7sim_rtc rtc;
	struct p7sim_tm tm;
	struct p7sim_tm set = { 2011, 6, 15, 10, 20, 30, 999 };

	p7sim_rtc_init(&rtc, 1700000000, fake_now_ns, &v);	/* 2023-11-14 22:13:20 */
	p7sim_rtc_get(&rtc, &tm);
	assert_tm(&tm, 2023, 11, 14, 22, 13, 20);
	assert_int_equal(tm.ns, 0);

	v.now_ns += 1500000000ULL;
	p7sim_rtc_get(&rtc, &tm);
	assert_tm(&tm, 2023, 11, 14, 22, 13, 21);
	assert_int_equal(tm.ns, 500000000);

	assert_int_equal(p7sim_rtc_set(&rtc, &set), 0);
	p7sim_rtc_get(&rtc, &tm);
	assert_tm(&tm, 2011, 6, 15, 10, 20, 30);
	assert_int_equal(tm.ns, 0);
	v.now_ns += 61000000000ULL;
	p7sim_rtc_get(&rtc, &tm);
	assert_tm(&tm, 2011, 6, 15, 10, 21, 31);

	set.month = 2, set.day = 30;
	assert_int_equal(p7sim_rtc_set(&rtc, &set), -1);
	p7sim_rtc_get(&rtc, &tm);
	assert_tm(&tm, 2011, 6, 15, 10, 21, 31);

	/* Without a time source the clock stands still at its base. */
	p7sim_rtc_init(&rtc, 0, NULL, NULL);
	p7sim_rtc_get(&rtc, &tm);
	assert_tm(&tm, 1970, 1, 1, 0, 0, 0);
}

/* The host clock is read as UTC seconds, close to what time() says. */
static void test_host_utc(void **state)
{
	int64_t a = time(NULL), b = p7sim_rtc_host_utc();

	assert_true(b >= a && b - a < 5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_calendar),
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_clock_runs_on_simulated_time),
		cmocka_unit_test(test_host_utc),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
