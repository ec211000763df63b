/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Event counters for --stats: one table per kind of event (exits by trap,
 * hcalls by number), each entry a count and the simulated time spent, and
 * a report shaped like `perf kvm stat report`:
 *
 *	    VM-EXIT    Samples  Samples%     Time%    Min Time    Max Time         Avg time
 *	HV_DECREMENTER     120    60.00%    10.00%      0.50us      2.00us          0.83us
 *
 * (the name column is 20 characters wide; shortened here).
 * Rows are sorted by count, then by number, so the report is deterministic.
 * What the time is belongs to the caller: p7sim counts the simulated guest
 * time that ran up to each event (time_what names it in the totals line).
 */
#ifndef P7SIM_STATS_H
#define P7SIM_STATS_H

#include <stdint.h>
#include <stdio.h>

#define P7SIM_STATS_MAX	128

struct p7sim_stat {
	uint64_t key;		/* trap or hcall number */
	uint64_t count;
	uint64_t total_ns;	/* simulated time, summed */
	uint64_t min_ns;
	uint64_t max_ns;
};

struct p7sim_stats {
	const char *title;			/* the first column's header, e.g. "VM-EXIT" */
	const char *(*name)(uint64_t key);	/* p7sim_trap_name, p7sim_hcall_name... */
	struct p7sim_stat e[P7SIM_STATS_MAX];
	unsigned int n;
	uint64_t dropped;			/* events of keys beyond the first 128 */
	const char *time_what;			/* what the time is (NULL: "events handled time") */
};

void p7sim_stats_init(struct p7sim_stats *s, const char *title, const char *(*name)(uint64_t));
/* Count one event of @key that took @ns of simulated time. */
void p7sim_stats_add(struct p7sim_stats *s, uint64_t key, uint64_t ns);
/* The entry of @key, or NULL if none was counted. */
const struct p7sim_stat *p7sim_stats_find(const struct p7sim_stats *s, uint64_t key);
uint64_t p7sim_stats_total(const struct p7sim_stats *s);
void p7sim_stats_print(const struct p7sim_stats *s, FILE *out);

#endif /* P7SIM_STATS_H */
