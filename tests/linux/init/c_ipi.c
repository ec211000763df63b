// SPDX-License-Identifier: GPL-2.0-only
/*
 * c_ipi.c: cross-cpu wakeups and migrations, the IPI-heavy phase.
 *
 * Pairs of processes on neighbouring cpus ping-pong a counter through two
 * pipes: every message wakes a process sleeping on the other cpu, which
 * takes a reschedule IPI (H_IPI on pseries) when that cpu idles in H_CEDE.
 * Then one process per cpu migrates round the cpus with sched_setaffinity,
 * each move an IPI to the cpu's stopper thread.
 */
#include "check.h"

#define PING_ROUNDS	200
#define MIGRATE_HOPS	16

static int pipes[MAX_CPUS][2][2];	/* pair k: [0] A->B, [1] B->A */

static int ping_child(int i, struct result *r, long arg)
{
	int pair = i / 2;
	int *to_b = pipes[pair][0], *to_a = pipes[pair][1];
	s64 t0 = now_ns(CLOCK_MONOTONIC);

	for (u32 n = 0; n < PING_ROUNDS; n++) {
		u32 got = ~0u, want = (i & 1) ? n * 2 : n * 2 + 1;

		if (i & 1) {
			/* B: receive 2n, send 2n+1 */
			if (sys_read(to_b[0], &got, 4) != 4 || got != want)
				return fail_why(r, 1, "round %u: got %u, want %u", n, got, want), 1;
			got++;
			if (sys_write(to_a[1], &got, 4) != 4)
				return fail_why(r, 1, "round %u: write failed", n), 1;
		} else {
			u32 msg = n * 2;

			if (sys_write(to_b[1], &msg, 4) != 4)
				return fail_why(r, 1, "round %u: write failed", n), 1;
			if (sys_read(to_a[0], &got, 4) != 4 || got != want)
				return fail_why(r, 1, "round %u: got %u, want %u", n, got, want), 1;
		}
	}
	r->v[0] = (now_ns(CLOCK_MONOTONIC) - t0) / PING_ROUNDS;
	return 0;
}

static void check_pingpong(void)
{
	static struct result res[2 * MAX_CPUS];
	int cpus[2 * MAX_CPUS] = { 0 }, nr = 2 * env.ncpus, bad = -1, k;
	s64 worst = 0;

	for (k = 0; k < env.ncpus; k++) {
		if (sys_pipe(pipes[k][0]) < 0 || sys_pipe(pipes[k][1]) < 0)
			break;
		cpus[2 * k] = env.cpu[k];
		cpus[2 * k + 1] = env.cpu[(k + 1) % env.ncpus];
	}
	if (k == env.ncpus)
		bad = run_children(nr, cpus, ping_child, 0, res);
	for (int j = 0; j < k; j++)
		for (int d = 0; d < 2; d++) {
			sys_close(pipes[j][d][0]);
			sys_close(pipes[j][d][1]);
		}
	if (k != env.ncpus) {
		report(false, "ipi-pingpong", "cannot create the pipes");
		return;
	}
	for (int i = 0; i < nr; i += 2)
		if (res[i].v[0] > worst)
			worst = res[i].v[0];
	if (bad >= 0)
		report(false, "ipi-pingpong", "process %d on cpu %d: %s", bad, cpus[bad],
		       res[bad].why);
	else
		report(true, "ipi-pingpong", "%d pairs on cpus i and i+1, %d round trips each, "
		       "slowest %ld us per round trip", env.ncpus, PING_ROUNDS, worst / 1000);
}

static int migrate_child(int i, struct result *r, long arg)
{
	for (int hop = 1; hop <= MIGRATE_HOPS; hop++) {
		int cpu = env.cpu[(i + hop) % env.ncpus];
		long err = pin_to_cpu(cpu);

		if (err)
			return fail_why(r, 1, "hop %d to cpu %d: %s (%ld)", hop, cpu,
					err == -EAGAIN ? "still on another cpu" : "refused", err), 1;
		r->v[0]++;
	}
	return 0;
}

static void check_migrate(void)
{
	static struct result res[MAX_CPUS];
	int bad = run_children(env.ncpus, NULL, migrate_child, 0, res);

	if (bad >= 0)
		report(false, "migrate", "process %d: %s", bad, res[bad].why);
	else
		report(true, "migrate", "%d processes, %d sched_setaffinity moves each, every one "
		       "landed on its cpu", env.ncpus, MIGRATE_HOPS);
}

void check_ipi(void)
{
	check_pingpong();
	check_migrate();
}
