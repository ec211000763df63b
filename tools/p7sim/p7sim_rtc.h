/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The time-of-day clock behind RTAS get-time-of-day / set-time-of-day.
 *
 * Wall-clock time enters the simulation only here, and only once: the clock
 * is a base UTC time plus the *simulated* time elapsed since the base was
 * set.  The base is the host's UTC read once at start-up, or a fixed value
 * (--rtc), so with a fixed base two runs give identical clock readings.
 * Simulated time comes from a callback (the CLI derives it from the model's
 * TB), which is also how tests drive the clock.  set-time-of-day replaces
 * the base, and the clock keeps running from it (contract 5.3, as the
 * kvm-unit-tests rtas test requires).
 *
 * Calendar arithmetic is proleptic Gregorian UTC with no leap seconds,
 * computed here (days from civil date and back) rather than by the C
 * library, so no time zone or locale setting can change it.
 */
#ifndef P7SIM_RTC_H
#define P7SIM_RTC_H

#include <stdbool.h>
#include <stdint.h>

/* A broken-down UTC time as RTAS carries it (PAPR RTAS get-time-of-day). */
struct p7sim_tm {
	int32_t year;		/* e.g. 2024 */
	uint32_t month;		/* 1..12 */
	uint32_t day;		/* 1..31 */
	uint32_t hour;		/* 0..23 */
	uint32_t min;		/* 0..59 */
	uint32_t sec;		/* 0..59 */
	uint32_t ns;		/* 0..999999999 */
};

struct p7sim_rtc {
	int64_t base_s;		/* UTC seconds since 1970 at simulated time ref_ns */
	uint32_t base_ns;
	uint64_t ref_ns;
	uint64_t (*now_ns)(void *ctx);	/* simulated ns since start; NULL: the clock stops */
	void *ctx;
};

/* Start the clock at @base_s (UTC seconds since the epoch) at simulated time now. */
void p7sim_rtc_init(struct p7sim_rtc *rtc, int64_t base_s, uint64_t (*now_ns)(void *ctx),
		    void *ctx);
void p7sim_rtc_get(const struct p7sim_rtc *rtc, struct p7sim_tm *tm);
/* 0, or -1 (clock unchanged) when @tm is not a valid date and time; tm->ns is ignored. */
int p7sim_rtc_set(struct p7sim_rtc *rtc, const struct p7sim_tm *tm);

/* The host's UTC time, in seconds: the default base, read once by the CLI. */
int64_t p7sim_rtc_host_utc(void);
/*
 * Parse an --rtc value: seconds since the epoch ("1700000000"), a date
 * ("2024-02-29", midnight UTC) or a date and time ("2024-02-29T12:34:56",
 * also with a space instead of the T).  0, or -1 when malformed.
 */
int p7sim_rtc_parse(const char *s, int64_t *epoch_s);

/* Calendar helpers (UTC, proleptic Gregorian). */
bool p7sim_tm_valid(const struct p7sim_tm *tm);
int64_t p7sim_tm_to_epoch(const struct p7sim_tm *tm);
void p7sim_tm_from_epoch(int64_t s, uint32_t ns, struct p7sim_tm *tm);

#endif /* P7SIM_RTC_H */
