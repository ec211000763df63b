// SPDX-License-Identifier: GPL-2.0-only
/*
 * Machine lifetime, thread selection, the event log and rule reports.
 */
#include "machine.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cpu.h"
#include "engine.h"
#include "rctrace.h"
#include "refbits.h"
#include "rules.h"
#include "tlb.h"

struct sim_machine *sim_env_machine;

int sim_machine_init(struct sim_machine *m, uint64_t mem_bytes, unsigned int ncores)
{
	int ret;

	memset(m, 0, sizeof(*m));
	if (ncores == 0)
		return -EINVAL;
	ret = sim_arena_init(&m->arena, mem_bytes);
	if (ret)
		return ret;
	m->ncores = ncores;
	m->nthreads = ncores * SIM_THREADS_PER_CORE;
	m->threads = calloc(m->nthreads, sizeof(*m->threads));
	if (!m->threads || sim_tlb_init(m)) {
		free(m->threads);
		sim_arena_destroy(&m->arena);
		return -ENOMEM;
	}
	m->tb_num = 1;
	m->tb_den = 1;
	m->slice = SIM_DEFAULT_SLICE;
	for (unsigned int i = 0; i < m->nthreads; i++) {
		struct sim_thread *t = &m->threads[i];

		t->m = m;
		t->index = i;
		t->core = i / SIM_THREADS_PER_CORE;
		t->thread = i % SIM_THREADS_PER_CORE;
		/* Single-thread mode: only thread 0 of each core is online. */
		t->online = t->thread == 0;
		sim_cpu_reset(t);
	}
	m->cur = &m->threads[0];
	m->log_events = true;
	m->log_level = 4;
	return 0;
}

void sim_machine_destroy(struct sim_machine *m)
{
	if (sim_env_machine == m)
		sim_env_machine = NULL;
	if (m->engine && m->engine->ops->destroy)
		m->engine->ops->destroy(m->engine);
	sim_rules_destroy(m);
	sim_tlb_destroy(m);
	sim_ref_destroy(m);
	sim_rc_destroy(m);
	free(m->inj);
	free(m->threads);
	free(m->events);
	sim_arena_destroy(&m->arena);
	memset(m, 0, sizeof(*m));
}

void sim_machine_select(struct sim_machine *m, unsigned int cpu)
{
	if (cpu < m->nthreads)
		m->cur = &m->threads[cpu];
	sim_env_machine = m;
}

void sim_event_record(struct sim_machine *m, enum sim_event_type type, uint64_t addr,
		      uint64_t val)
{
	/* The rules see every event of the types they check, before it takes effect. */
	if (SIM_RULES_EVENTS & SIM_EV_BIT(type))
		sim_rules_observe(m, type, addr, val);
	if (!m->log_events)
		return;
	if (m->nevents == m->events_cap) {
		unsigned int cap = m->events_cap ? m->events_cap * 2 : 1024;
		struct sim_event *ev;

		/* Bounded: a runaway loop must not eat the host's memory. */
		if (cap > (1U << 24)) {
			m->log_events = false;
			return;
		}
		ev = realloc(m->events, cap * sizeof(*ev));
		if (!ev) {
			m->log_events = false;
			return;
		}
		m->events = ev;
		m->events_cap = cap;
	}
	m->events[m->nevents++] = (struct sim_event){ type, addr, val };
}

void sim_events_clear(struct sim_machine *m)
{
	m->nevents = 0;
}

int sim_events_find(const struct sim_machine *m, unsigned int from, enum sim_event_type type,
		    uint64_t addr)
{
	for (unsigned int i = from; i < m->nevents; i++)
		if (m->events[i].type == type && m->events[i].addr == addr)
			return (int)i;
	return -1;
}

static void report(struct sim_machine *m, enum sim_rule rule, const char *fmt, va_list ap)
{
	m->violations++;
	m->rule_count[rule]++;
	m->last_rule = rule;
	vsnprintf(m->last_violation, sizeof(m->last_violation), fmt, ap);
	fprintf(stderr, "sim: hardware rule violated: %s\n", m->last_violation);
}

void sim_rule_violation(struct sim_machine *m, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report(m, SIM_RULE_OTHER, fmt, ap);
	va_end(ap);
}

void sim_rule_report(struct sim_machine *m, enum sim_rule rule, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report(m, rule, fmt, ap);
	va_end(ap);
}

void sim_rules_reset_counts(struct sim_machine *m)
{
	m->violations = 0;
	memset(m->rule_count, 0, sizeof(m->rule_count));
	m->last_rule = SIM_RULE_OTHER;
	m->last_violation[0] = 0;
}
