// SPDX-License-Identifier: GPL-2.0-only
/*
 * The hardware thread: reset, MSR changes, the engine's mirror of the model
 * state, and the run loop.
 *
 * While sim_run() executes a guest, the engine holds the registers; between
 * two engine runs the model has them (get_regs after every run) and tells
 * the engine what it changed before the next one: the MMU state it mirrors
 * (mmu_changed), its TLB (tlb_flush), GPRs and engine-served SPRs (put_regs)
 * or only PC and MSR (set_pc_msr).
 */
#include "cpu.h"

#include <stdio.h>
#include <string.h>

#include "debug.h"
#include "engine.h"
#include "hv_env.h"
#include "interrupt.h"
#include "mmu.h"
#include "spr.h"
#include "timebase.h"

/* Stops in a row that neither complete nor deliver anything: an engine bug. */
#define SIM_MAX_STALLS	64

void sim_cpu_reset(struct sim_thread *t)
{
	memset(t->gpr, 0, sizeof(t->gpr));
	t->cr = t->lr = t->ctr = t->xer = 0;
	t->pc = 0;
	t->msr = SIM_MSR_HOST;
	memset(t->slb, 0, sizeof(t->slb));
	memset(t->vr, 0, sizeof(t->vr));
	memset(t->vsr_lo, 0, sizeof(t->vsr_lo));
	/* VSCR[NJ] set, as QEMU's pseries resets it (Linux sets it for every task too). */
	t->vscr = SIM_VSCR_NJ;
	t->vec_dirty = true;
	t->fpr_dirty = true;
	t->pending = 0;
	t->ext_level = false;
	sim_spr_reset(t);
	t->mirror_dirty = SIM_ENG_ALL;
	t->flush_pending = true;
	t->regs_dirty = true;
}

bool sim_cpu_hyp_state(uint64_t msr)
{
	return (msr & MSR_HV) && !(msr & MSR_PR);
}

void sim_cpu_set_pc_msr(struct sim_thread *t, uint64_t pc, uint64_t msr)
{
	/* Problem state always runs relocated with EE on (ISA 2.06 4.2.1). */
	if (msr & MSR_PR)
		msr |= MSR_EE | MSR_IR | MSR_DR;
	if (!(msr & MSR_SF))
		pc &= 0xffffffffULL;
	t->pc = pc & ~3ULL;
	t->msr = msr;
	t->pcmsr_dirty = true;
}

/*
 * mtmsrd RS,L / mtmsr RS,L (ISA 2.06 Book III-S 4.4.3):
 *  L=1: only EE and RI are set from RS;
 *  L=0: every bit except HV, ME and LE (and for mtmsr, bits 0:31) from RS,
 *       with EE, IR and DR forced on when RS sets PR.
 */
void sim_cpu_mtmsr(struct sim_thread *t, uint64_t rs, bool l, bool word)
{
	uint64_t mask, msr;

	if (l) {
		mask = MSR_EE | MSR_RI;
	} else {
		mask = ~(MSR_HV | MSR_ME | MSR_LE);
		if (word)
			mask &= 0xffffffffULL;
	}
	msr = (t->msr & ~mask) | (rs & mask);
	sim_cpu_set_pc_msr(t, t->pc, msr);
}

/*
 * rfid (ISA 2.06 Book III-S 4.4.2): MSR from SRR1, except that HV can only
 * be kept or cleared (HV <- SRR1[HV] & MSR[HV]) and ME changes only in
 * hypervisor state; then NIA <- SRR0.  hrfid takes HSRR0/1 and HV as given.
 */
static void return_from(struct sim_thread *t, uint64_t srr0, uint64_t srr1, bool hyp_return)
{
	uint64_t msr = t->msr;
	uint64_t new = srr1 & ~(MSR_HV | MSR_ME);

	if (hyp_return) {
		new |= srr1 & (MSR_HV | MSR_ME);
	} else {
		new |= srr1 & msr & MSR_HV;
		new |= ((msr & MSR_HV) ? srr1 : msr) & MSR_ME;
	}
	sim_cpu_set_pc_msr(t, srr0, new);
}

void sim_cpu_rfid(struct sim_thread *t)
{
	return_from(t, t->spr[SPRN_SRR0], t->spr[SPRN_SRR1], false);
}

void sim_cpu_hrfid(struct sim_thread *t)
{
	return_from(t, t->spr[SPRN_HSRR0], t->spr[SPRN_HSRR1], true);
}

void sim_engine_attach(struct sim_machine *m, struct sim_engine *e)
{
	m->engine = e;
	for (unsigned int i = 0; i < m->nthreads; i++) {
		sim_cpu_mirror(&m->threads[i], SIM_ENG_ALL, true);
		m->threads[i].regs_dirty = true;
	}
}

/* Give the engine what changed in the model since its last run. */
static void sync_engine(struct sim_engine *e, struct sim_thread *t)
{
	if (t->mirror_dirty) {
		e->ops->mmu_changed(e, t, t->mirror_dirty);
		t->mirror_dirty = 0;
	}
	if (t->flush_pending) {
		e->ops->tlb_flush(e, true, 0);
		t->flush_pending = false;
	}
	if (t->regs_dirty) {
		e->ops->put_regs(e, t);
	} else if (t->pcmsr_dirty) {
		e->ops->set_pc_msr(e, t);
	}
	t->regs_dirty = t->pcmsr_dirty = false;
}

static uint32_t engine_failed(struct sim_machine *m, const char *msg)
{
	snprintf(m->engine_error, sizeof(m->engine_error), "%s", msg ? msg : "engine error");
	return 0;
}

static uint64_t min3(uint64_t a, uint64_t b, uint64_t c)
{
	uint64_t x = a < b ? a : b;

	return x < c ? x : c;
}

/* Vector of a facility-unavailable stop (ISA 2.06 6.5.10, 6.5.15, 6.5.16). */
static unsigned int facility_vector(uint64_t facility)
{
	if (facility == MSR_VEC)
		return BOOK3S_INTERRUPT_ALTIVEC;
	if (facility == MSR_VSX)
		return BOOK3S_INTERRUPT_VSX;
	return BOOK3S_INTERRUPT_FP_UNAVAIL;
}

/*
 * Branch trace (ISA 2.06 Book III-S 6.5.15, MSR[BE]): was the instruction
 * at @pc, now completed, a branch that was taken?  b always is; bc, bclr
 * and bcctr are when the thread did not go on at @pc + 4 (a conditional
 * branch taken to the next instruction cannot be told apart and is not
 * traced).
 */
static bool branch_taken(struct sim_thread *t, uint64_t pc)
{
	struct sim_xlate x;
	struct sim_intr irq;
	const uint8_t *p;
	uint64_t next = pc + 4;
	uint32_t w, po, xo;

	if (sim_mmu_xlate(t, pc, SIM_ACC_FETCH, SIM_XL_PROBE, &x, &irq))
		return false;
	p = sim_arena_ptr(&t->m->arena, x.ra, 4);
	if (!p)
		return false;
	w = (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
	po = w >> 26;
	xo = (w >> 1) & 0x3ff;
	if (!(t->msr & MSR_SF))
		next &= 0xffffffffULL;
	if (po == 18)
		return true;
	if (po == 16 || (po == 19 && (xo == 16 || xo == 528)))
		return t->pc != next;
	return false;
}

/*
 * Turn one engine stop into what the ISA does.  Returns 1 when the run must
 * end with the interrupt in t->last_irq (it entered the hypervisor), -1 when
 * the run must end otherwise, 0 to go on.
 */
static int handle_stop(struct sim_thread *t, const struct sim_stop_info *stop, uint64_t *budget)
{
	struct sim_machine *m = t->m;
	struct sim_intr irq = { 0 };
	struct sim_xlate x;
	uint64_t msr_before;

	switch (stop->reason) {
	case SIM_STOP_BUDGET:
		/*
		 * Single step: the trace interrupt after each instruction; branch
		 * trace: after each taken branch, SRR0 = its target (6.5.15).
		 */
		if (!(t->msr & MSR_SE) &&
		    !((t->msr & MSR_BE) && stop->traced && branch_taken(t, stop->last_pc)))
			return 0;
		irq.vec = BOOK3S_INTERRUPT_TRACE;
		break;
	case SIM_STOP_SC:
		/* sc completes: SRR0 is the next instruction; LEV (bits 20:26) picks the target. */
		t->pc = stop->pc;
		sim_clock_advance(m, t, 1);
		t->storm = 0;
		if (*budget)
			(*budget)--;
		irq.vec = BOOK3S_INTERRUPT_SYSCALL;
		irq.next = true;
		irq.lev1 = ((stop->insn >> 5) & 0x7f) == 1;
		break;
	case SIM_STOP_INSN:
		t->pc = stop->pc;
		msr_before = t->msr;
		if (!m->emulate) {
			/* Without emulation every such instruction is one POWER7 lacks. */
			irq = sim_intr_hea(stop->insn);
			break;
		}
		switch (m->emulate(t, stop, &irq)) {
		case SIM_EMU_DONE:
			sim_clock_advance(m, t, 1);
			t->storm = 0;
			if (*budget)
				(*budget)--;
			t->regs_dirty = true;
			/*
			 * Single step (6.5.15): an emulated instruction is traced
			 * like one the engine ran, SRR0 = the next instruction;
			 * not rfid or hrfid, nor the mtmsr(d) that sets SE.
			 */
			if (!(msr_before & MSR_SE) || !(t->msr & MSR_SE) ||
			    ((stop->insn >> 26) == 19 && (((stop->insn >> 1) & 0x3ff) == 18 ||
							 ((stop->insn >> 1) & 0x3ff) == 274)))
				return 0;
			irq.vec = BOOK3S_INTERRUPT_TRACE;
			break;
		case SIM_EMU_STOP:
			t->regs_dirty = true;
			return -1;
		case SIM_EMU_RAISE:
			t->regs_dirty = true;
			break;
		}
		break;
	case SIM_STOP_STORAGE:
		/* The model is the referee: its own translation decides the interrupt. */
		t->pc = stop->pc;
		if (!sim_mmu_xlate(t, stop->ea, stop->access, 0, &x, &irq)) {
			sim_rule_report(m, SIM_RULE_ENGINE,
					"engine faulted on EA 0x%llx at 0x%llx; the model translates it",
					(unsigned long long)stop->ea, (unsigned long long)stop->pc);
			engine_failed(m, "engine translation differs from the model's");
			return -1;
		}
		break;
	case SIM_STOP_ALIGN:
		t->pc = stop->pc;
		irq.vec = BOOK3S_INTERRUPT_ALIGNMENT;
		irq.dar = stop->ea;
		break;
	case SIM_STOP_FACILITY:
		t->pc = stop->pc;
		if (t->msr & stop->facility) {
			sim_rule_report(m, SIM_RULE_ENGINE, "engine reports facility 0x%llx off; MSR has it",
					(unsigned long long)stop->facility);
			engine_failed(m, "engine facility state differs from the model's MSR");
			return -1;
		}
		irq.vec = facility_vector(stop->facility);
		break;
	case SIM_STOP_BREAK:
		/* The debugger's break is in the block at pc: step through it (debug.h). */
		t->pc = stop->pc;
		if (m->debug)
			m->debug->near_break = true;
		return 0;
	case SIM_STOP_ERROR:
	default:
		engine_failed(m, stop->msg);
		return -1;
	}
	return sim_intr_deliver(t, &irq) ? 1 : 0;
}

/* End the run with @result (sim_run's return value); false, for the callers. */
static bool run_end(struct sim_thread *t, uint32_t result)
{
	t->run.result = result;
	return false;
}

/*
 * The run loop, per slice:
 *  1. injections due now become pending; the timers catch up;
 *  2. the highest-priority enabled asynchronous interrupt is delivered; one
 *     that takes the thread to the hypervisor ends the run;
 *  3. a debugger's stop (debug.h) ends the run before the next instruction;
 *     the slice ends at the budget, the next timer event or the next
 *     injection (one instruction when single-stepping);
 *  4. the engine gets the model's changes, runs, and gives back the state;
 *  5. its stop is handled as the ISA says.
 * run_pre() is steps 1-3 and the first half of 4, run_post() the rest; the
 * engine runs between them, either returning from run() or, when it can go
 * on by itself, handing the stop to sim_run_stop() from inside its run.
 * Both return false when the run is over (t->run.result).
 */
static bool run_pre(struct sim_thread *t)
{
	struct sim_machine *m = t->m;
	struct sim_engine *e = m->engine;
	struct sim_run_state *rs = &t->run;
	uint64_t slice;

	rs->start = m->clock;
	rs->budget0 = rs->budget;

	/* 1, 2. */
	sim_inject_fire(m);
	if (sim_intr_check(t) == SIM_CHECK_EXIT)
		return run_end(t, t->last_irq.vec);
	/* Interrupt time counts against the budget (sim_intr_deliver). */
	rs->budget -= m->clock - rs->start < rs->budget ? m->clock - rs->start : rs->budget;
	if (!rs->budget || m->stop_request || t->storm >= SIM_STORM_LIMIT)
		return run_end(t, 0);
	if (!e)
		return run_end(t, engine_failed(m, "sim_run: no engine attached"));

	/* 3. */
	if (m->debug && sim_debug_should_stop(t, rs->entry))
		return run_end(t, 0);
	rs->entry = false;
	slice = min3(rs->budget, sim_timers_next(t), sim_inject_next(m));
	if (!slice)
		slice = 1;
	if (t->msr & MSR_SE)
		slice = 1;

	/* 4. */
	sync_engine(e, t);
	if (m->debug) {
		/* An engine that cannot stop at a break steps wherever one is set. */
		bool step = sim_debug_step_mode(t) || (m->debug->nbrk && !e->ops->debug);

		if (step)
			slice = 1;
		m->debug->near_break = false;
		if (e->ops->debug)
			e->ops->debug(e, step, m->debug->brk, m->debug->nbrk);
	}
	rs->slice = slice;
	return true;
}

static bool run_post(struct sim_thread *t, const struct sim_stop_info *stop)
{
	struct sim_machine *m = t->m;
	struct sim_run_state *rs = &t->run;
	uint64_t done, before;
	int r;

	m->engine->ops->get_regs(m->engine, t);
	/*
	 * An engine that stops only between translated blocks completes
	 * the block a run starts with even past the slice, so that every
	 * run makes progress (docs/engine.md): time counts what ran.
	 */
	done = stop->executed;
	sim_clock_advance(m, t, done);
	if (done)
		t->storm = 0;

	/* 5. */
	before = m->clock;
	r = handle_stop(t, stop, &rs->budget);
	/* Everything since step 1: instructions, sc, emulation, interrupts. */
	rs->budget = m->clock - rs->start < rs->budget0 ? rs->budget0 - (m->clock - rs->start) : 0;
	if (r > 0)
		return run_end(t, t->last_irq.vec);
	if (r < 0)
		return run_end(t, 0);
	/*
	 * Every stop either completes something or delivers an
	 * interrupt, and both advance the clock (an interrupt storm
	 * ends at SIM_STORM_LIMIT above).  An engine that keeps
	 * stopping without either is broken.
	 */
	if (done || m->clock != before)
		rs->stalls = 0;
	else if (++rs->stalls > SIM_MAX_STALLS)
		return run_end(t, engine_failed(m, "sim_run: no instruction completes (interrupt loop)"));
	return true;
}

/* A run's start (sim_run, and a new entry inside one: sim_run_stop). */
static bool run_begin(struct sim_thread *t, uint64_t budget)
{
	struct sim_machine *m = t->m;
	struct sim_run_state *rs = &t->run;

	m->stop_request = false;
	m->engine_error[0] = 0;
	if (t->msr & MSR_HV)
		return run_end(t, engine_failed(m, "sim_run: the thread is in hypervisor state"));
	rs->budget = budget;
	rs->stalls = 0;
	rs->entry = true;
	rs->taken = false;
	return true;
}

uint32_t sim_run(struct sim_thread *t, uint64_t budget)
{
	struct sim_machine *m = t->m;
	struct sim_run_state *rs = &t->run;

	if (!run_begin(t, budget))
		return rs->result;
	rs->active = true;
	while (run_pre(t)) {
		struct sim_stop_info stop;

		memset(&stop, 0, sizeof(stop));
		m->engine->ops->run(m->engine, t, rs->slice, &stop);
		/* The engine went on through sim_run_stop, which ended the run. */
		if (stop.reason == SIM_STOP_DONE)
			break;
		if (!run_post(t, &stop))
			break;
	}
	rs->active = false;
	return rs->result;
}

/*
 * The engine's stop mid-run: steps 5 and 1-4 of the next slice, exactly as
 * the loop of sim_run() would run them, so that results, time and traces do
 * not depend on where the engine stopped.  A run that ends with an
 * interrupt to the hypervisor goes to the environment's m->run_ended,
 * which may take the exit and enter the guest again as its callers would
 * (a new run: t->run restarted by sim_run_restart).  Not with a debugger
 * attached, whose stops and breaks are set between engine runs.
 */
enum sim_go sim_run_stop(struct sim_thread *t, const struct sim_stop_info *stop, uint64_t *budget)
{
	struct sim_machine *m = t->m;
	bool go;

	if (!t->run.active || m->debug)
		return SIM_GO_OUT;
	go = run_post(t, stop);
	for (;;) {
		if (go && run_pre(t)) {
			*budget = t->run.slice;
			return SIM_GO_ON;
		}
		if (!t->run.result || !m->run_ended || !m->run_ended(t))
			return SIM_GO_DONE;
		go = true;
	}
}

bool sim_run_restart(struct sim_thread *t, uint64_t budget)
{
	return run_begin(t, budget);
}

bool sim_guest_in(struct sim_thread *t, const struct hv_guest_regs *regs)
{
	memcpy(t->gpr, regs->gpr, sizeof(t->gpr));
	t->cr = regs->cr;
	t->lr = regs->lr;
	t->ctr = regs->ctr;
	t->xer = regs->xer;
	t->regs_dirty = true;
	/* The entry's last instruction: hrfid through HSRR0/1. */
	t->spr[SPRN_HSRR0] = regs->pc;
	t->spr[SPRN_HSRR1] = regs->msr;
	sim_cpu_hrfid(t);
	if (t->msr & MSR_HV) {
		/* hv_enter_guest already reported the rule; nothing runs. */
		t->msr = SIM_MSR_HOST;
		return false;
	}
	return true;
}

void sim_guest_out(struct sim_thread *t, struct hv_guest_regs *regs, uint32_t trap)
{
	memcpy(regs->gpr, t->gpr, sizeof(t->gpr));
	regs->cr = t->cr;
	regs->lr = t->lr;
	regs->ctr = t->ctr;
	regs->xer = t->xer;
	if (trap) {
		regs->pc = t->last_irq.srr0;
		regs->msr = t->last_irq.srr1;
	} else {
		/* The slice ended in the guest: the host takes the thread back as is. */
		regs->pc = t->pc;
		regs->msr = t->msr;
		t->msr = SIM_MSR_HOST;
	}
}

uint32_t sim_enter_guest(struct sim_machine *m, struct hv_guest_regs *regs, uint64_t budget)
{
	struct sim_thread *t = m->cur;
	uint32_t trap;

	t->run.taken = false;
	if (!sim_guest_in(t, regs))
		return HV_TRAP_NONE;
	trap = sim_run(t, budget);
	/* m->run_ended may have taken the last exit, registers and all. */
	if (!t->run.taken)
		sim_guest_out(t, regs, trap);
	return trap;
}
