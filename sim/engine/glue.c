// SPDX-License-Identifier: GPL-2.0-only
/*
 * The model's engine operations (sim/engine.h) over the Unicorn engine: one
 * Unicorn instance over the machine's arena that runs every thread in turn.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "hv_consts.h"
#include "hv_env_sim.h"
#include "interrupt.h"
#include "machine.h"
#include "mmu.h"
#include "rctrace.h"
#include "refbits.h"
#include "spr.h"

static struct sim_ue *UE(struct sim_engine *e)
{
	return ((struct ue_glue *)e->priv)->ue;
}

/*
 * Called before every block when the TB is not linear in the instructions
 * executed: the model's TB after @executed instructions of this run.
 */
static uint64_t glue_tb(void *ctx, uint64_t executed)
{
	struct ue_glue *g = ctx;

	return g->cur ? sim_engine_timebase(g->cur, executed) : 0;
}

/*
 * At the start of each slice (a run, or its part after a stop answered in
 * it; the engine's count of this slice starts here too).  With a whole
 * number of TB ticks per instruction (the usual ratio) the model's TB is
 * tb0 + executed * ticks, which the engine computes itself before each
 * block (sim_ue_set_tb): no call out per block, no general ratio
 * arithmetic.  Otherwise it asks the model (glue_tb).
 */
static void glue_tb_start(struct ue_glue *g, struct sim_thread *t)
{
	if (t->m->tb_den == 1 && t->m->tb_num <= UINT32_MAX) {
		sim_ue_set_tb_fn(g->ue, NULL, NULL);
		sim_ue_set_tb(g->ue, sim_engine_timebase(t, 0), (uint32_t)t->m->tb_num, 0);
	} else {
		sim_ue_set_tb_fn(g->ue, glue_tb, g);
	}
}

_Static_assert(sizeof(((struct ue_glue *)0)->slb_src) == sizeof(((struct sim_thread *)0)->slb),
	       "the glue's copy of the SLB is the thread's");

/* The engine's spr[1024] holds every SPR number of the model's table. */
_Static_assert(SIM_NR_SPRS <= 1024, "SPR numbers beyond the engine's spr[]");

/* The SPR storage an engine-served SPR number reads (USPRG3 reads SPRG3). */
static unsigned int engine_spr_store(unsigned int sprn)
{
	const struct sim_spr *s = &sim_spr_table[sprn];

	return s->store ? s->store : sprn;
}

/*
 * The SPR table's engine-served entries, once: those a reload writes (not
 * the ones kept in thread fields, nor the TB, which the engine reads from
 * the model), and those the guest can write without trapping.
 */
static void served_sprs(struct ue_glue *g)
{
	for (unsigned int n = 0; n < SIM_NR_SPRS; n++) {
		const struct sim_spr *s = &sim_spr_table[n];

		if (s->name && (s->flags & SIM_SPR_ENGINE_SV) && g->nsv < UE_MAX_SV)
			g->sv_spr[g->nsv++] = n;
		if (!s->name || !(s->flags & SIM_SPR_ENGINE) || s->fx == SIM_FX_REG)
			continue;
		if (s->fx != SIM_FX_TB && g->nput < UE_MAX_SERVED)
			g->put_spr[g->nput++] = engine_spr_store(n);
		if (s->write == SIM_SPR_PROB && g->nget < UE_MAX_SERVED)
			g->get_spr[g->nget++] = engine_spr_store(n);
	}
}

/* Write @v into the engine unless it already holds it (@all: it does not). */
#define PUT_IF_CHANGED(all, held, v, set)	\
	do {					\
		if ((all) || (held) != (v)) {	\
			set;			\
			(held) = (v);		\
		}				\
	} while (0)

/*
 * The vector state (VR 0-31, VSCR, VSR 0-31 bits 64:127) is each thread's
 * own, but only instructions that need MSR[VEC] or MSR[VSX] change it and
 * the model never does: it moves into the engine only when another thread
 * runs, and back only after a run with one of those bits set.
 */
static void put_vector(struct ue_glue *g, const struct sim_thread *t)
{
	struct sim_ue *e = g->ue;

	if (g->held_vec == t && !t->vec_dirty)
		return;
	for (unsigned int i = 0; i < 32; i++) {
		uint64_t dw0, dw1;

		sim_ue_vsr(e, i, &dw0, &dw1);
		sim_ue_set_vsr(e, i, dw0, t->vsr_lo[i]);
		sim_ue_set_vsr(e, 32 + i, t->vr[i][0], t->vr[i][1]);
	}
	sim_ue_set_vscr(e, t->vscr);
	g->held_vec = t;
	((struct sim_thread *)t)->vec_dirty = false;
}

static void get_vector(struct ue_glue *g, struct sim_thread *t)
{
	struct sim_ue *e = g->ue;
	uint64_t dw0;

	if (!(e->guest_msr & (M_VEC | M_VSX)))
		return;
	for (unsigned int i = 0; i < 32; i++) {
		sim_ue_vsr(e, 32 + i, &t->vr[i][0], &t->vr[i][1]);
		if (e->guest_msr & M_VSX)
			sim_ue_vsr(e, i, &dw0, &t->vsr_lo[i]);
	}
	t->vscr = sim_ue_vscr(e);
}

static void ops_put_regs(struct sim_engine *eng, const struct sim_thread *t)
{
	struct ue_glue *g = eng->priv;
	struct sim_ue *e = g->ue;
	bool all = g->held.t != t;

	g->cur = (struct sim_thread *)t;
	memcpy(ENVP(e, ENV_GPR, uint64_t), t->gpr, sizeof(t->gpr));
	/*
	 * The FPRs change only in the engine (get_regs takes them back) or
	 * where the model says so (fpr_dirty: mffs, the debugger, reset).
	 */
	if (all || t->fpr_dirty) {
		for (unsigned int i = 0; i < 32; i++)
			PUT_IF_CHANGED(all, g->held.fpr[i], t->fpr[i],
				       sim_ue_set_fpr(e, i, t->fpr[i]));
		((struct sim_thread *)t)->fpr_dirty = false;
	}
	PUT_IF_CHANGED(all, g->held.cr, t->cr, ue_set_cr(e, (uint32_t)t->cr));
	PUT_IF_CHANGED(all, g->held.lr, t->lr, *ENVP(e, ENV_LR, uint64_t) = t->lr);
	PUT_IF_CHANGED(all, g->held.ctr, t->ctr, *ENVP(e, ENV_CTR, uint64_t) = t->ctr);
	PUT_IF_CHANGED(all, g->held.xer, t->xer, ue_set_xer(e, t->xer));
	PUT_IF_CHANGED(all, g->held.fpscr, t->fpscr, sim_ue_set_fpscr(e, t->fpscr));
	g->held.t = t;
	put_vector(g, t);
	for (unsigned int i = 0; i < g->nput; i++)
		*ENVP(e, ENV_SPR + 8 * g->put_spr[i], uint64_t) = t->spr[g->put_spr[i]];
	for (unsigned int i = 0; i < g->nsv; i++)
		*ENVP(e, ENV_SPR + 8 * g->sv_spr[i], uint64_t) = t->spr[g->sv_spr[i]];
	e->amr = t->spr[SPRN_AMR];
	sim_ue_set_pc(e, t->pc);
	sim_ue_set_msr(e, t->msr);
	ue_check_again(g);
}

static void ops_get_regs(struct sim_engine *eng, struct sim_thread *t)
{
	struct ue_glue *g = eng->priv;
	struct sim_ue *e = g->ue;

	memcpy(t->gpr, ENVP(e, ENV_GPR, uint64_t), sizeof(t->gpr));
	t->cr = g->held.cr = ue_cr(e);
	t->lr = g->held.lr = *ENVP(e, ENV_LR, uint64_t);
	t->ctr = g->held.ctr = *ENVP(e, ENV_CTR, uint64_t);
	t->xer = g->held.xer = ue_xer(e);
	/*
	 * FPRs and FPSCR change only by instructions that need MSR[FP] (or
	 * MSR[VSX]); without them the thread's copies are still current.
	 */
	if (e->guest_msr & (M_FP | M_VSX)) {
		for (unsigned int i = 0; i < 32; i++)
			t->fpr[i] = g->held.fpr[i] = sim_ue_fpr(e, i);
		t->fpscr = g->held.fpscr = sim_ue_fpscr(e);
	}
	get_vector(g, t);
	/* Only SPRs the guest can write without trapping can have changed. */
	for (unsigned int i = 0; i < g->nget; i++) {
		unsigned int n = g->get_spr[i];
		uint64_t v = *ENVP(e, ENV_SPR + 8 * n, uint64_t);

		/* In real mode the engine's AMR lacks key 0 (sim_ue_set_msr): keep the guest's. */
		if (n == SPRN_AMR && !(e->guest_msr & (M_IR | M_DR)))
			v = (v & ~(3ULL << 62)) | (e->amr & (3ULL << 62));
		t->spr[n] = v;
	}
	/* A run in supervisor state may have written these (ue_sv_sprs). */
	if (!(e->guest_msr & M_PR))
		for (unsigned int i = 0; i < g->nsv; i++)
			t->spr[g->sv_spr[i]] = *ENVP(e, ENV_SPR + 8 * g->sv_spr[i], uint64_t);
	t->pc = sim_ue_pc(e);
}

static void ops_set_pc_msr(struct sim_engine *eng, const struct sim_thread *t)
{
	struct ue_glue *g = eng->priv;

	g->cur = (struct sim_thread *)t;
	sim_ue_set_pc(g->ue, t->pc);
	sim_ue_set_msr(g->ue, t->msr);
	ue_check_again(g);
}

static void ops_mmu_changed(struct sim_engine *eng, const struct sim_thread *t, unsigned int what)
{
	struct ue_glue *g = eng->priv;
	struct sim_ue *e = g->ue;

	ue_check_again(g);
	if (what & (SIM_ENG_SDR1 | SIM_ENG_LPCR | SIM_ENG_LPID | SIM_ENG_RMOR))
		sim_ue_set_mmu(e, t->spr[SPRN_SDR1], t->spr[SPRN_LPCR], t->spr[SPRN_RMOR],
			       t->spr[SPRN_LPID]);
	if (what & SIM_ENG_AMR) {
		/*
		 * QEMU folds the AMR into the access rights it caches per page,
		 * where hardware applies the AMR at every access: a new AMR
		 * must not meet translations made under the old one.
		 */
		if (t->spr[SPRN_AMR] != e->amr) {
			sim_ue_set_amr(e, t->spr[SPRN_AMR]);
			tlb_flush_ppc64(e->cpu);
		}
	}
	/*
	 * A partition switch clears and reloads the whole SLB, mostly with
	 * what it held: the same entries as made last time, with nothing else
	 * written since, leave the engine's as they are.
	 */
	if ((what & SIM_ENG_SLB) && g->slb_src_valid && g->slb_src_writes == e->slb_writes &&
	    !memcmp(g->slb_src, t->slb, sizeof(t->slb)))
		what &= ~SIM_ENG_SLB;
	if (what & SIM_ENG_SLB) {
		bool changed = false;

		/*
		 * The ISA's SLB index is in RB's low bits; position i holds it.
		 * Every partition switch clears and reloads the SLB; when the
		 * guest's entries come back the same, the engine's translations
		 * are still valid and no flush is needed.
		 */
		for (unsigned int i = 0; i < 64; i++) {
			typeof(e->slb[0]) old = e->slb[i];

			ue_store_slb(e, i, i < SIM_SLB_ENTRIES ? t->slb[i].esid : 0,
				  i < SIM_SLB_ENTRIES ? t->slb[i].vsid : 0);
			if (old.valid != e->slb[i].valid ||
			    (old.valid && (old.esid != e->slb[i].esid || old.vsid != e->slb[i].vsid)))
				changed = true;
		}
		if (changed) {
			ue_load_slb(e);
			tlb_flush_ppc64(e->cpu);
		}
		memcpy(g->slb_src, t->slb, sizeof(t->slb));
		g->slb_src_writes = e->slb_writes;
		g->slb_src_valid = true;
	}
}

static void ops_tlb_flush(struct sim_engine *eng, bool all, uint64_t ea)
{
	/* A whole flush costs 0.2-0.4 us; per-page precision buys nothing here. */
	tlb_flush_ppc64(UE(eng)->cpu);
	ue_check_again(eng->priv);
}

/* The model's stop for the engine's exit @x (no side effects: it may be made twice). */
static void glue_convert(struct sim_ue *e, const struct sim_ue_exit *x, struct sim_stop_info *stop)
{
	memset(stop, 0, sizeof(*stop));
	stop->executed = x->insns;
	stop->pc = x->pc;
	stop->insn = x->insn;
	switch (x->ev) {
	case SIM_UE_BUDGET:
		stop->reason = SIM_STOP_BUDGET;
		break;
	case SIM_UE_TRACE:
		/*
		 * With MSR[SE] the engine runs one-instruction blocks and stops
		 * after each: the instruction completed, pc is the next one.
		 * The model decides whether a trace interrupt follows.  With
		 * MSR[BE] every block ends so: its last instruction says
		 * whether it was a taken branch.
		 */
		stop->reason = SIM_STOP_BUDGET;
		stop->traced = true;
		stop->last_pc = x->last_pc;
		break;
	case SIM_UE_SC:
		/* The engine counted the sc; the model executes it. */
		stop->reason = SIM_STOP_SC;
		stop->executed = x->insns ? x->insns - 1 : 0;
		stop->insn = 0x44000002 | (x->lev << 5);
		break;
	case SIM_UE_PRIV:
	case SIM_UE_ILLEGAL:
	case SIM_UE_TRAP:
	case SIM_UE_OTHER:
		stop->reason = SIM_STOP_INSN;
		if (!x->insn_valid) {
			stop->reason = SIM_STOP_ERROR;
			stop->msg = "engine: cannot fetch the trapping instruction";
		}
		break;
	case SIM_UE_DSI:
	case SIM_UE_HDSI:
	case SIM_UE_DSEG:
		stop->reason = SIM_STOP_STORAGE;
		stop->ea = x->dar;
		stop->access = (x->dsisr & DSISR_STORE) ? SIM_ACC_STORE : SIM_ACC_LOAD;
		break;
	case SIM_UE_ISI:
	case SIM_UE_HISI:
	case SIM_UE_ISEG:
		stop->reason = SIM_STOP_STORAGE;
		stop->ea = x->pc;
		stop->access = SIM_ACC_FETCH;
		break;
	case SIM_UE_ALIGN:
		stop->reason = SIM_STOP_ALIGN;
		stop->ea = x->dar;
		break;
	case SIM_UE_FPU:
		stop->reason = SIM_STOP_FACILITY;
		stop->facility = SIM_MSR_FP;
		break;
	case SIM_UE_VEC:
		stop->reason = SIM_STOP_FACILITY;
		stop->facility = SIM_MSR_VEC;
		break;
	case SIM_UE_VSX:
		stop->reason = SIM_STOP_FACILITY;
		stop->facility = SIM_MSR_VSX;
		break;
	case SIM_UE_ERROR:
		stop->reason = SIM_STOP_ERROR;
		stop->msg = sim_ue_error(e);
		break;
	case SIM_UE_BREAK:
		stop->reason = SIM_STOP_BREAK;
		break;
	case SIM_UE_DONE:
		stop->reason = SIM_STOP_DONE;
		break;
	}
}

/*
 * The engine counted the sc it reports (its exits count it as completed);
 * the model executes it and counts it itself.
 */
static void glue_taken(struct sim_ue *e, const struct sim_ue_exit *x)
{
	if (x->ev == SIM_UE_SC)
		e->insns--;
}

/*
 * Every exit is offered to the model before the engine returns: the model
 * handles it and sets up the next slice without the engine's stop and
 * restart (sim_run_stop).  Test mode looks at the TLB first, as ops_run
 * does after a run, before the model acts.
 */
static int glue_stop_fn(void *ctx, struct sim_ue_exit *x, uint64_t *budget)
{
	struct ue_glue *g = ctx;
	struct sim_stop_info stop;
	enum sim_go go;

	if (!g->cur)
		return SIM_UE_GO_OUT;
	if (g->check && !ue_check_tlb(g)) {
		g->check_failed = true;
		return SIM_UE_GO_OUT;
	}
	glue_convert(g->ue, x, &stop);
	go = sim_run_stop(g->cur, &stop, budget);
	if (go == SIM_GO_OUT)
		return SIM_UE_GO_OUT;
	glue_taken(g->ue, x);
	if (go == SIM_GO_DONE)
		return SIM_UE_GO_DONE;
	glue_tb_start(g, g->cur);
	return SIM_UE_GO_ON;
}

static void ops_run(struct sim_engine *eng, struct sim_thread *t, uint64_t budget,
		    struct sim_stop_info *stop)
{
	struct ue_glue *g = eng->priv;
	struct sim_ue *e = g->ue;
	struct sim_ue_exit x;

	g->cur = t;
	g->check_failed = false;
	glue_tb_start(g, t);
	sim_ue_run(e, budget, &x);
	/* Test mode: what the last blocks put in the TLB, before the model acts. */
	if (g->check && x.ev != SIM_UE_ERROR && x.ev != SIM_UE_DONE &&
	    (g->check_failed || !ue_check_tlb(g))) {
		x.ev = SIM_UE_ERROR;
		x.pc = sim_ue_pc(e);
	}
	glue_convert(e, &x, stop);
	if (x.ev != SIM_UE_DONE)
		glue_taken(e, &x);
}

static void ops_debug(struct sim_engine *eng, bool step, const uint64_t *brk, unsigned int n)
{
	sim_ue_set_debug(UE(eng), step, brk, n);
}

/*
 * The engine filled its TLB for a guest access to @ea (QEMU's access types
 * are SIM_ACC_LOAD/STORE/FETCH): the guest referenced the page, so the HPTE
 * the model finds for it gets R (sim/refbits.c; ISA 2.06 Book III-S 5.7.8).
 */
static void glue_ref(void *ctx, uint64_t ea, unsigned int access)
{
	struct ue_glue *g = ctx;
	struct sim_xlate x;
	struct sim_intr irq;

	if (g->cur && access <= SIM_ACC_FETCH &&
	    !sim_mmu_xlate(g->cur, ea, access, SIM_XL_PROBE, &x, &irq) && x.relocated) {
		sim_ref_set(g->cur->m, x.hpte_ra, true);
		/* and C for a store, which the engine sets itself: for the trace */
		sim_rc_touched(g->cur->m, x.hpte_ra);
	}
}

static void glue_code_written(void *ctx, uint64_t ra, uint64_t len)
{
	struct ue_glue *g = ctx;

	sim_ue_invalidate_code(g->ue, ra, len);
}

static void ops_destroy(struct sim_engine *eng)
{
	struct ue_glue *g = eng->priv;

	if (sim_host.code_ctx == g) {
		sim_host.code_written = NULL;
		sim_host.code_ctx = NULL;
	}
	sim_ue_close(g->ue);
	free(g);
}

static const struct sim_engine_ops unicorn_ops = {
	.name = "unicorn-2.0.1",
	.put_regs = ops_put_regs,
	.get_regs = ops_get_regs,
	.set_pc_msr = ops_set_pc_msr,
	.mmu_changed = ops_mmu_changed,
	.tlb_flush = ops_tlb_flush,
	.run = ops_run,
	.destroy = ops_destroy,
	.debug = ops_debug,
};

struct sim_engine *sim_engine_unicorn_create(struct sim_machine *m, char *err, size_t errlen)
{
	struct ue_glue *g = calloc(1, sizeof(*g));

	if (!g) {
		snprintf(err, errlen, "engine: out of memory");
		return NULL;
	}
	if (sim_ue_open(&g->ue, m->arena.base, m->arena.size, 0, err, errlen)) {
		free(g);
		return NULL;
	}
	sim_ue_set_stop_fn(g->ue, glue_stop_fn, g);
	served_sprs(g);
	sim_host.code_written = glue_code_written;
	sim_ue_set_ref_fn(g->ue, glue_ref, g);
	m->virtual_r = true;
	sim_host.code_ctx = g;
	g->eng.ops = &unicorn_ops;
	g->eng.m = m;
	g->eng.priv = g;
	return &g->eng;
}

struct sim_ue *sim_engine_unicorn_ue(struct sim_engine *e)
{
	return UE(e);
}
