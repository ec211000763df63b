// SPDX-License-Identifier: GPL-2.0-only
/*
 * The RTAS time-of-day clock: a base UTC time plus simulated elapsed time.
 *
 * days_from_civil / civil_from_days use the well-known era decomposition
 * (400-year eras of 146097 days, years starting on March 1 so that the leap
 * day is the last day of the year), written here from the description of
 * the Gregorian calendar, not copied.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "p7sim_rtc.h"

#define NSEC_PER_SEC	1000000000ULL
#define SECS_PER_DAY	86400

static bool is_leap(int64_t y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static uint32_t days_in_month(int64_t y, uint32_t m)
{
	static const uint8_t dim[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	return m == 2 && is_leap(y) ? 29 : dim[m - 1];
}

/* Days since 1970-01-01 of the date y-m-d. */
static int64_t days_from_civil(int64_t y, uint32_t m, uint32_t d)
{
	int64_t era, yoe, doy, doe;

	/* 1. Count years from March: Jan and Feb belong to the previous year. */
	if (m <= 2)
		y--;
	/* 2. Split into 400-year eras (floor division for negative years). */
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	/* 3. Day of the March-based year: 153 days per 5 months from March. */
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	/* 4. Day of the era: 365 per year, plus the leap days before it. */
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	/* 5. 719468 is the day number of 1970-01-01 counted from 0000-03-01. */
	return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int64_t *y, uint32_t *m, uint32_t *d)
{
	int64_t era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

bool p7sim_tm_valid(const struct p7sim_tm *tm)
{
	/* Four-digit years, as the RTAS call carries them. */
	if (tm->year < 1 || tm->year > 9999)
		return false;
	if (tm->month < 1 || tm->month > 12)
		return false;
	if (tm->day < 1 || tm->day > days_in_month(tm->year, tm->month))
		return false;
	return tm->hour < 24 && tm->min < 60 && tm->sec < 60;
}

int64_t p7sim_tm_to_epoch(const struct p7sim_tm *tm)
{
	return days_from_civil(tm->year, tm->month, tm->day) * SECS_PER_DAY +
	       tm->hour * 3600 + tm->min * 60 + tm->sec;
}

void p7sim_tm_from_epoch(int64_t s, uint32_t ns, struct p7sim_tm *tm)
{
	int64_t days = (s >= 0 ? s : s - (SECS_PER_DAY - 1)) / SECS_PER_DAY;
	int64_t rem = s - days * SECS_PER_DAY;
	int64_t y;

	civil_from_days(days, &y, &tm->month, &tm->day);
	tm->year = y;
	tm->hour = rem / 3600;
	tm->min = rem / 60 % 60;
	tm->sec = rem % 60;
	tm->ns = ns;
}

static uint64_t rtc_now(const struct p7sim_rtc *rtc)
{
	return rtc->now_ns ? rtc->now_ns(rtc->ctx) : 0;
}

void p7sim_rtc_init(struct p7sim_rtc *rtc, int64_t base_s, uint64_t (*now_ns)(void *ctx),
		    void *ctx)
{
	rtc->now_ns = now_ns;
	rtc->ctx = ctx;
	rtc->base_s = base_s;
	rtc->base_ns = 0;
	rtc->ref_ns = rtc_now(rtc);
}

void p7sim_rtc_get(const struct p7sim_rtc *rtc, struct p7sim_tm *tm)
{
	uint64_t t = rtc->base_ns + (rtc_now(rtc) - rtc->ref_ns);

	p7sim_tm_from_epoch(rtc->base_s + (int64_t)(t / NSEC_PER_SEC), t % NSEC_PER_SEC, tm);
}

int p7sim_rtc_set(struct p7sim_rtc *rtc, const struct p7sim_tm *tm)
{
	if (!p7sim_tm_valid(tm))
		return -1;
	/*
	 * The nanoseconds argument is not used: kvm-unit-tests passes garbage
	 * there (contract 5.3), and a set clock starts on a whole second.
	 */
	rtc->base_s = p7sim_tm_to_epoch(tm);
	rtc->base_ns = 0;
	rtc->ref_ns = rtc_now(rtc);
	return 0;
}

int64_t p7sim_rtc_host_utc(void)
{
	return (int64_t)time(NULL);
}

/* Parse exactly @n decimal digits at *s. */
static int digits(const char **s, int n, uint32_t *v)
{
	*v = 0;
	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)**s))
			return -1;
		*v = *v * 10 + (uint32_t)(**s - '0');
		(*s)++;
	}
	return 0;
}

int p7sim_rtc_parse(const char *s, int64_t *epoch_s)
{
	struct p7sim_tm tm = { 0 };
	const char *p = s;
	uint32_t y;
	char *end;

	if (!*s)
		return -1;
	/* A plain number is seconds since the epoch. */
	if (!s[strspn(s, "0123456789")]) {
		/* Up to 9999-12-31T23:59:59, the last second a date can name. */
		const struct p7sim_tm last = { .year = 9999, .month = 12, .day = 31,
					       .hour = 23, .min = 59, .sec = 59 };
		long long v;

		errno = 0;
		v = strtoll(s, &end, 10);
		if (errno || *end || v < 0 || v > p7sim_tm_to_epoch(&last))
			return -1;
		*epoch_s = v;
		return 0;
	}
	if (digits(&p, 4, &y) || *p++ != '-' || digits(&p, 2, &tm.month) || *p++ != '-' ||
	    digits(&p, 2, &tm.day))
		return -1;
	tm.year = y;
	if (*p == 'T' || *p == ' ') {
		p++;
		if (digits(&p, 2, &tm.hour) || *p++ != ':' || digits(&p, 2, &tm.min) ||
		    *p++ != ':' || digits(&p, 2, &tm.sec))
			return -1;
	}
	if (*p || !p7sim_tm_valid(&tm))
		return -1;
	*epoch_s = p7sim_tm_to_epoch(&tm);
	return 0;
}
