// SPDX-License-Identifier: GPL-2.0-only
/*
 * c_time.c: time on every cpu: nanosleep and a periodic POSIX timer end
 * when they should (the decrementer), CLOCK_MONOTONIC advances with the
 * timebase at the frequency the device tree gave, and the time of day came
 * from RTAS at boot.
 */
#include "check.h"

#define SLEEP_NS	(20 * NSEC_PER_MSEC)
#define SLEEP_TRIES	3
#define TIMER_NS	(10 * NSEC_PER_MSEC)
#define TIMER_TICKS	5
/*
 * Slack over the requested time: without high-resolution timers (the tiny
 * kernel) expiry is rounded up to jiffies (4 ms at HZ=250, 10 ms at HZ=100),
 * plus one more jiffy of timer wheel granularity.
 */
#define SLACK_NS	(30 * NSEC_PER_MSEC)
/* 2000-01-01T00:00:00Z: a time of day before this was never set. */
#define Y2000		946684800L

static s64 tb_to_ns(u64 ticks)
{
	return (s64)(ticks / env.tb_freq * NSEC_PER_SEC +
		     ticks % env.tb_freq * NSEC_PER_SEC / env.tb_freq);
}

/*
 * CLOCK_MONOTONIC read between two timebase reads: the clock's value lies in
 * that window of timebase ticks.  Returns the clock; *tb gets the window's
 * middle and *err its half width.
 */
static s64 bracketed_clock(u64 *tb, u64 *err)
{
	u64 tb0 = mftb();
	s64 t = now_ns(CLOCK_MONOTONIC);
	u64 tb1 = mftb();

	*tb = tb0 + (tb1 - tb0) / 2;
	*err = (tb1 - tb0) / 2 + 1;
	return t;
}

/*
 * v[0] = shortest sleep, v[1] = the smallest disagreement between timebase
 * and CLOCK_MONOTONIC over a sleep beyond what the read windows explain.
 */
static void sleep_on_cpu(struct result *r)
{
	struct timespec ts = { 0, SLEEP_NS };

	r->v[0] = -1;
	r->v[1] = -1;
	for (int n = 0; n < SLEEP_TRIES; n++) {
		u64 tb0, tb1, e0, e1;
		s64 t0 = bracketed_clock(&tb0, &e0);
		long err = sys_nanosleep(&ts);
		s64 t1 = bracketed_clock(&tb1, &e1), d = t1 - t0, tb_ns = tb_to_ns(tb1 - tb0);
		s64 off = (tb_ns > d ? tb_ns - d : d - tb_ns) - tb_to_ns(e0 + e1);

		if (err)
			return fail_why(r, 1, "nanosleep failed (%ld)", err);
		if (d < SLEEP_NS)
			return fail_why(r, 1, "20 ms nanosleep returned after %ld us", d / 1000);
		if (r->v[0] < 0 || d < r->v[0])
			r->v[0] = d;
		off = off < 0 ? 0 : off;
		if (r->v[1] < 0 || off < r->v[1])
			r->v[1] = off;
	}
	if (r->v[0] > SLEEP_NS + SLACK_NS)
		fail_why(r, 1, "20 ms nanosleep took at least %ld us", r->v[0] / 1000);
	/* 0.1% of the interval: a wrong timebase-frequency is off by far more. */
	if (r->v[1] > SLEEP_NS / 1000)
		fail_why(r, 1, "timebase and CLOCK_MONOTONIC disagree by %ld us over 20 ms",
			 r->v[1] / 1000);
}

/* v[2] = time for TIMER_TICKS periods, v[3] = overruns. */
static void timer_on_cpu(int i, struct result *r)
{
	u64 set = 1UL << (SIGALRM - 1);
	struct sigevent sev = { .sigev_value = 0x7e57 + i, .sigev_signo = SIGALRM,
				.sigev_notify = SIGEV_SIGNAL };
	struct itimerspec its = { { 0, TIMER_NS }, { 0, TIMER_NS } };
	struct timespec limit = { 1, 0 };
	struct siginfo si;
	int timer = -1;
	s64 t0, d;

	/* Blocked, the signal stays pending for rt_sigtimedwait. */
	sys4(__NR_rt_sigprocmask, SIG_BLOCK, &set, 0, 8);
	if (sys3(__NR_timer_create, CLOCK_MONOTONIC, &sev, &timer) < 0)
		return fail_why(r, 1, "timer_create failed");
	t0 = now_ns(CLOCK_MONOTONIC);
	if (sys4(__NR_timer_settime, timer, 0, &its, 0) < 0)
		return fail_why(r, 1, "timer_settime failed");
	for (int n = 0; n < TIMER_TICKS; n++) {
		long sig = sys4(__NR_rt_sigtimedwait, &set, &si, &limit, 8);

		if (sig != SIGALRM)
			return fail_why(r, 1, "tick %d: rt_sigtimedwait gave %ld, not SIGALRM", n, sig);
		if (si.si_code != SI_TIMER || si.si_value != sev.sigev_value)
			return fail_why(r, 1, "tick %d: si_code %d value %lx", n, si.si_code,
					si.si_value);
		r->v[3] += si.si_overrun;
	}
	d = now_ns(CLOCK_MONOTONIC) - t0;
	r->v[2] = d;
	sys1(__NR_timer_delete, timer);
	/* Overruns count periods that fired while the signal was still pending. */
	if (d < (TIMER_TICKS + r->v[3]) * TIMER_NS)
		fail_why(r, 1, "%d periods of 10 ms took %ld us", TIMER_TICKS, d / 1000);
	else if (d > TIMER_TICKS * TIMER_NS + SLACK_NS + r->v[3] * TIMER_NS)
		fail_why(r, 1, "%d periods of 10 ms took %ld us", TIMER_TICKS, d / 1000);
}

static int time_child(int i, struct result *r, long arg)
{
	sleep_on_cpu(r);
	if (!r->code)
		timer_on_cpu(i, r);
	return r->code;
}

static void check_rtc(void)
{
	s64 t = now_ns(CLOCK_REALTIME) / NSEC_PER_SEC;
	s64 days = t / 86400, y = 1970;

	/* Whole years only: enough to show the date the RTC gave. */
	while (days >= ((y % 4 == 0 && (y % 100 || y % 400 == 0)) ? 366 : 365)) {
		days -= (y % 4 == 0 && (y % 100 || y % 400 == 0)) ? 366 : 365;
		y++;
	}
	report(t >= Y2000, "rtc", "CLOCK_REALTIME %ld s (year %ld): the time of day %s", t, y,
	       t >= Y2000 ? "came from RTAS get-time-of-day" : "was never set");
}

void check_time(void)
{
	static struct result res[MAX_CPUS];
	s64 shortest = 0, longest_timer = 0, skew = 0;
	int bad;

	if (!env.tb_freq) {
		report(false, "timers", "no timebase frequency in /proc/cpuinfo");
		return;
	}
	bad = run_children(env.ncpus, NULL, time_child, 0, res);
	for (int i = 0; i < env.ncpus; i++) {
		if (!shortest || res[i].v[0] < shortest)
			shortest = res[i].v[0];
		if (res[i].v[2] > longest_timer)
			longest_timer = res[i].v[2];
		if (res[i].v[1] > skew)
			skew = res[i].v[1];
	}
	if (bad >= 0)
		report(false, "timers", "cpu %d: %s", env.cpu[bad], res[bad].why);
	else
		report(true, "timers", "on %d cpus: 20 ms nanosleep >= %ld us, %d x 10 ms POSIX "
		       "timer <= %ld us, CLOCK_MONOTONIC runs with the timebase (%ld ns off)", env.ncpus,
		       shortest / 1000, TIMER_TICKS, longest_timer / 1000, skew);
	check_rtc();
}
