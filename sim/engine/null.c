// SPDX-License-Identifier: GPL-2.0-only
/*
 * The null engine: executes nothing, so that the model can be tested with no
 * instruction engine behind it.  A run "executes" no-ops (PC += 4 each) until
 * the budget is used up or a scripted stop is due; tests script the stops the
 * engine would report (sc, privileged instructions, storage faults, ...).
 * It keeps its own copy of the registers, like a real engine, so the
 * put_regs/get_regs contract is exercised.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "machine.h"

#define NULL_MAX_SCRIPT	256

struct null_engine {
	struct sim_engine e;
	struct {
		uint64_t after;		/* instructions still to run before the stop */
		struct sim_stop_info stop;
	} script[NULL_MAX_SCRIPT];
	unsigned int nscript;
	uint64_t gpr[32], pc, msr;
	struct sim_engine_null_stats stats;
};

static struct null_engine *N(struct sim_engine *e)
{
	return (struct null_engine *)e->priv;
}

static void null_put_regs(struct sim_engine *e, const struct sim_thread *t)
{
	struct null_engine *n = N(e);

	memcpy(n->gpr, t->gpr, sizeof(n->gpr));
	n->pc = t->pc;
	n->msr = t->msr;
	n->stats.put_regs++;
}

static void null_get_regs(struct sim_engine *e, struct sim_thread *t)
{
	struct null_engine *n = N(e);

	memcpy(t->gpr, n->gpr, sizeof(n->gpr));
	t->pc = n->pc;
	n->stats.get_regs++;
}

static void null_set_pc_msr(struct sim_engine *e, const struct sim_thread *t)
{
	struct null_engine *n = N(e);

	n->pc = t->pc;
	n->msr = t->msr;
	n->stats.set_pc_msr++;
}

static void null_mmu_changed(struct sim_engine *e, const struct sim_thread *t, unsigned int what)
{
	N(e)->stats.mmu_changed++;
	N(e)->stats.last_mmu_what = what;
}

static void null_tlb_flush(struct sim_engine *e, bool all, uint64_t ea)
{
	N(e)->stats.tlb_flush++;
	N(e)->stats.last_flush_all = all;
	N(e)->stats.last_flush_ea = ea;
}

static void null_run(struct sim_engine *e, struct sim_thread *t, uint64_t budget,
		     struct sim_stop_info *stop)
{
	struct null_engine *n = N(e);
	uint64_t run = budget;

	n->stats.runs++;
	memset(stop, 0, sizeof(*stop));
	if (n->nscript && n->script[0].after <= budget) {
		run = n->script[0].after;
		*stop = n->script[0].stop;
		n->nscript--;
		memmove(&n->script[0], &n->script[1], n->nscript * sizeof(n->script[0]));
	} else {
		stop->reason = SIM_STOP_BUDGET;
		if (n->nscript)
			n->script[0].after -= budget;
	}
	n->pc += 4 * run;
	stop->executed = run;
	if (stop->reason != SIM_STOP_BUDGET) {
		/* The stop is precise: the PC is the stopping instruction's. */
		stop->pc = n->pc;
	}
	n->stats.executed += run;
}

static void null_destroy(struct sim_engine *e)
{
	free(N(e));
}

static const struct sim_engine_ops null_ops = {
	.name = "null",
	.put_regs = null_put_regs,
	.get_regs = null_get_regs,
	.set_pc_msr = null_set_pc_msr,
	.mmu_changed = null_mmu_changed,
	.tlb_flush = null_tlb_flush,
	.run = null_run,
	.destroy = null_destroy,
};

struct sim_engine *sim_engine_null_create(struct sim_machine *m)
{
	struct null_engine *n = calloc(1, sizeof(*n));

	if (!n)
		return NULL;
	n->e.ops = &null_ops;
	n->e.m = m;
	n->e.priv = n;
	return &n->e;
}

int sim_engine_null_queue(struct sim_engine *e, uint64_t after, const struct sim_stop_info *stop)
{
	struct null_engine *n = N(e);

	if (n->nscript == NULL_MAX_SCRIPT)
		return -ENOSPC;
	/* @after counts from the previous scripted stop. */
	n->script[n->nscript].after = after;
	n->script[n->nscript].stop = *stop;
	n->nscript++;
	return 0;
}

const struct sim_engine_null_stats *sim_engine_null_stats(const struct sim_engine *e)
{
	return &((const struct null_engine *)e->priv)->stats;
}
