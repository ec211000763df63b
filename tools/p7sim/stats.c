// SPDX-License-Identifier: GPL-2.0-only
/* --stats counters and their perf-kvm-stat-like report. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "p7sim_stats.h"

void p7sim_stats_init(struct p7sim_stats *s, const char *title, const char *(*name)(uint64_t))
{
	memset(s, 0, sizeof(*s));
	s->title = title;
	s->name = name;
}

const struct p7sim_stat *p7sim_stats_find(const struct p7sim_stats *s, uint64_t key)
{
	for (unsigned int i = 0; i < s->n; i++)
		if (s->e[i].key == key)
			return &s->e[i];
	return NULL;
}

void p7sim_stats_add(struct p7sim_stats *s, uint64_t key, uint64_t ns)
{
	struct p7sim_stat *e = (struct p7sim_stat *)p7sim_stats_find(s, key);

	if (!e) {
		if (s->n == P7SIM_STATS_MAX) {
			s->dropped++;
			return;
		}
		e = &s->e[s->n++];
		e->key = key;
		e->min_ns = UINT64_MAX;
	}
	e->count++;
	e->total_ns += ns;
	if (ns < e->min_ns)
		e->min_ns = ns;
	if (ns > e->max_ns)
		e->max_ns = ns;
}

uint64_t p7sim_stats_total(const struct p7sim_stats *s)
{
	uint64_t t = 0;

	for (unsigned int i = 0; i < s->n; i++)
		t += s->e[i].count;
	return t;
}

static int by_count(const void *a, const void *b)
{
	const struct p7sim_stat *x = a, *y = b;

	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return x->key < y->key ? -1 : x->key > y->key;
}

static double pct(uint64_t part, uint64_t whole)
{
	return whole ? 100.0 * (double)part / (double)whole : 0.0;
}

void p7sim_stats_print(const struct p7sim_stats *s, FILE *out)
{
	struct p7sim_stat sorted[P7SIM_STATS_MAX];
	uint64_t samples = 0, time = 0;

	memcpy(sorted, s->e, s->n * sizeof(sorted[0]));
	qsort(sorted, s->n, sizeof(sorted[0]), by_count);
	for (unsigned int i = 0; i < s->n; i++) {
		samples += s->e[i].count;
		time += s->e[i].total_ns;
	}

	fprintf(out, "%20s %10s %9s %9s %11s %11s %16s\n\n", s->title, "Samples", "Samples%",
		"Time%", "Min Time", "Max Time", "Avg time");
	for (unsigned int i = 0; i < s->n; i++) {
		const struct p7sim_stat *e = &sorted[i];
		const char *name = s->name ? s->name(e->key) : NULL;
		char fallback[24];

		if (!name) {
			snprintf(fallback, sizeof(fallback), "0x%" PRIx64, e->key);
			name = fallback;
		}
		fprintf(out, "%20s %10" PRIu64 " %8.2f%% %8.2f%% %9.2fus %9.2fus %14.2fus\n", name,
			e->count, pct(e->count, samples), pct(e->total_ns, time),
			e->min_ns / 1e3, e->max_ns / 1e3, (double)e->total_ns / e->count / 1e3);
	}
	fprintf(out, "\nTotal Samples:%" PRIu64 ", Total %s:%.2fus.\n", samples,
		s->time_what ? s->time_what : "events handled time", time / 1e3);
	if (s->dropped)
		fprintf(out, "(%" PRIu64 " events of further kinds not shown)\n", s->dropped);
}
