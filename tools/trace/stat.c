// SPDX-License-Identifier: GPL-2.0-only
/*
 * p7trace stat: the tables of `perf kvm stat report` for a trace.
 *
 *   VM-EXIT  by trap: an exit's time runs from kvm_guest_exit to the next
 *            kvm_guest_enter of the same vcpu (the time the hypervisor, and
 *            userspace if it went there, spent on it);
 *   HCALL    by hcall number: from kvm_hcall_enter to kvm_hcall_exit.
 *
 * perf kvm stat pairs the same events on a POWER host.  Times are simulated
 * time when the trace's header gives the time base (instructions -> TB
 * ticks -> microseconds), imported timestamps as printed, else instructions.
 * An event without its partner counts as a sample but has no time.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "trace_int.h"

struct acc {
	uint64_t key;
	uint64_t count, timed;
	double sum, min, max, mean, m2;		/* of the timed ones (Welford) */
};

struct table {
	struct acc *a;
	size_t n, cap;
	size_t *slots;		/* open addressing: index + 1, 0 = empty */
	size_t nslots;
	uint64_t count;
	double sum;
};

#define KEY_UNKNOWN UINT64_MAX

static struct acc *lookup(struct table *t, uint64_t key)
{
	size_t h;

	if (t->n * 2 >= t->nslots) {
		size_t ns = t->nslots ? t->nslots * 2 : 64;
		size_t *s = calloc(ns, sizeof(*s));

		if (!s)
			return NULL;
		for (size_t i = 0; i < t->n; i++) {
			h = (t->a[i].key * 0x9e3779b97f4a7c15ULL) >> 20;
			while (s[h % ns])
				h++;
			s[h % ns] = i + 1;
		}
		free(t->slots);
		t->slots = s;
		t->nslots = ns;
	}
	h = (key * 0x9e3779b97f4a7c15ULL) >> 20;
	for (;; h++) {
		size_t i = t->slots[h % t->nslots];

		if (!i)
			break;
		if (t->a[i - 1].key == key)
			return &t->a[i - 1];
	}
	if (t->n == t->cap) {
		size_t nc = t->cap ? t->cap * 2 : 32;
		struct acc *na = realloc(t->a, nc * sizeof(*na));

		if (!na)
			return NULL;
		t->a = na;
		t->cap = nc;
	}
	t->slots[h % t->nslots] = t->n + 1;
	memset(&t->a[t->n], 0, sizeof(t->a[t->n]));
	t->a[t->n].key = key;
	return &t->a[t->n++];
}

static void add_time(struct table *t, struct acc *a, double dt)
{
	double d;

	a->timed++;
	if (a->timed == 1 || dt < a->min)
		a->min = dt;
	if (a->timed == 1 || dt > a->max)
		a->max = dt;
	d = dt - a->mean;
	a->mean += d / a->timed;
	a->m2 += d * (dt - a->mean);
	a->sum += dt;
	t->sum += dt;
}

static int by_count(const void *pa, const void *pb)
{
	const struct acc *a = pa, *b = pb;

	if (a->count != b->count)
		return a->count > b->count ? -1 : 1;
	return a->key < b->key ? -1 : a->key > b->key;
}

struct unit {
	double scale;		/* trace time units -> printed unit */
	const char *name;	/* "us" or "insn" */
	int decimals;
};

static void print_time(FILE *out, const struct unit *u, double v)
{
	char b[32];

	snprintf(b, sizeof(b), "%.*f%s", u->decimals, v * u->scale, u->name);
	fprintf(out, " %11s", b);
}

static void print_table(FILE *out, struct table *t, const char *title, bool hcalls,
			const struct unit *u)
{
	char name[24];

	if (t->n)
		qsort(t->a, t->n, sizeof(*t->a), by_count);
	fprintf(out, "\n%20s %10s %9s %9s %11s %11s %16s\n\n", title, "Samples", "Samples%",
		"Time%", "Min Time", "Max Time", "Avg time");
	for (size_t i = 0; i < t->n; i++) {
		struct acc *a = &t->a[i];
		const char *n = hcalls ? p7trace_hcall_name(a->key) : p7trace_trap_name(a->key);

		if (a->key == KEY_UNKNOWN)
			n = "?";
		if (!n) {
			snprintf(name, sizeof(name), "0x%llx", (unsigned long long)a->key);
			n = name;
		}
		fprintf(out, "%20s %10llu %8.2f%% %8.2f%%", n, (unsigned long long)a->count,
			100.0 * a->count / t->count, t->sum > 0 ? 100.0 * a->sum / t->sum : 0.0);
		if (a->timed) {
			double sd = a->timed > 1 ? sqrt(a->m2 / (a->timed - 1) / a->timed) : 0;

			print_time(out, u, a->min);
			print_time(out, u, a->max);
			print_time(out, u, a->mean);
			fprintf(out, " ( +- %6.2f%% )", a->mean > 0 ? 100.0 * sd / a->mean : 0.0);
		} else {
			fprintf(out, " %11s %11s %11s", "-", "-", "-");
		}
		fputc('\n', out);
	}
	fprintf(out, "\nTotal Samples:%llu, Total events handled time:",
		(unsigned long long)t->count);
	fprintf(out, "%.*f%s.\n", u->decimals, t->sum * u->scale, u->name);
}

struct pending {
	bool valid;
	bool timed;
	uint64_t key, time;
};

int p7trace_stat(FILE *out, FILE *err, struct p7trace_reader *r, int vcpu)
{
	const struct p7trace_header *h = p7trace_header(r);
	struct table exits = { 0 }, hcalls = { 0 };
	struct pending *pexit = NULL, *phcall = NULL;
	struct p7trace_event ev;
	struct unit u = { 1.0, "insn", 0 };
	uint64_t ns, n;
	int rc, ret = P7TRACE_EXIT_OK;

	/* A table of a trace that turns out corrupt half-way would mislead. */
	if (p7trace_validate(r, &n)) {
		p7trace_report_error(err, r);
		return P7TRACE_EXIT_BAD_INPUT;
	}
	if (p7trace_time_ns(h, 1ULL << 40, &ns) == 0) {
		u.scale = (double)ns / (double)(1ULL << 40) / 1000.0;
		u.name = "us";
		u.decimals = 2;
	}
	pexit = calloc(P7TRACE_MAX_VCPUS, sizeof(*pexit));
	phcall = calloc(P7TRACE_MAX_VCPUS, sizeof(*phcall));
	if (!pexit || !phcall) {
		fprintf(err, "p7trace: out of memory\n");
		ret = P7TRACE_EXIT_BAD_INPUT;
		goto out;
	}

	while ((rc = p7trace_next(r, &ev)) > 0) {
		struct pending *p;
		struct acc *a;
		uint64_t v;

		if (!p7trace_min_words(ev.type) || !p7trace_known(&ev, 0))
			continue;
		v = ev.w[0];
		if (vcpu >= 0 && v != (uint64_t)vcpu)
			continue;
		switch (ev.type) {
		case HV_TR_GUEST_EXIT:
		case HV_TR_HCALL_ENTER: {
			bool ex = ev.type == HV_TR_GUEST_EXIT;
			unsigned int kw = ex ? TRX_TRAP : TRH_REQ;
			struct table *t = ex ? &exits : &hcalls;

			p = ex ? &pexit[v] : &phcall[v];
			p->valid = true;
			p->key = p7trace_known(&ev, kw) ? ev.w[kw] : KEY_UNKNOWN;
			p->timed = ev.flags & P7TRACE_EV_TIME;
			p->time = ev.time;
			a = lookup(t, p->key);
			if (!a)
				goto oom;
			a->count++;
			t->count++;
			break;
		}
		case HV_TR_GUEST_ENTER:
		case HV_TR_HCALL_EXIT: {
			bool ex = ev.type == HV_TR_GUEST_ENTER;
			struct table *t = ex ? &exits : &hcalls;

			p = ex ? &pexit[v] : &phcall[v];
			if (p->valid && p->timed && (ev.flags & P7TRACE_EV_TIME) && ev.time >= p->time) {
				a = lookup(t, p->key);
				if (!a)
					goto oom;
				add_time(t, a, (double)(ev.time - p->time));
			}
			p->valid = false;
			break;
		}
		}
	}
	if (rc < 0) {
		p7trace_report_error(err, r);
		ret = P7TRACE_EXIT_BAD_INPUT;
		goto out;
	}
	if (vcpu >= 0)
		fprintf(out, "Analyze events for all VMs, VCPU %d:\n", vcpu);
	else
		fprintf(out, "Analyze events for all VMs, all VCPUs:\n");
	print_table(out, &exits, "VM-EXIT", false, &u);
	print_table(out, &hcalls, "HCALL", true, &u);
	if (!strcmp(u.name, "insn"))
		fprintf(out, "\nTimes are in instructions: the trace's header has no time-base rate.\n");
	goto out;
oom:
	fprintf(err, "p7trace: out of memory\n");
	ret = P7TRACE_EXIT_BAD_INPUT;
out:
	free(pexit);
	free(phcall);
	free(exits.a);
	free(exits.slots);
	free(hcalls.a);
	free(hcalls.slots);
	return ret;
}
