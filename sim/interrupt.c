// SPDX-License-Identifier: GPL-2.0-only
/*
 * Interrupt routing and delivery (ISA 2.06 Book III-S chapter 6, POWER7).
 *
 * An interrupt either goes to the OS that runs on the thread (SRR0/1, MSR[HV]
 * unchanged: the guest's own DSI, DEC, program, ...) or to the hypervisor
 * (MSR[HV] set): HDEC, HDSI, HISI, HEA and HMI save the state in HSRR0/1;
 * the external interrupt does so when LPCR[LPES0]=0 or for a mediated
 * external (LPCR[MER]); sc 1, system reset and machine check set MSR[HV] but
 * use SRR0/1.
 */
#include "interrupt.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cpu.h"
#include "timebase.h"

/* Vectors whose interrupt is always a hypervisor interrupt using HSRR0/1. */
static bool hsrr_vector(unsigned int vec)
{
	switch (vec) {
	case BOOK3S_INTERRUPT_HV_DECREMENTER:
	case BOOK3S_INTERRUPT_H_DATA_STORAGE:
	case BOOK3S_INTERRUPT_H_INST_STORAGE:
	case BOOK3S_INTERRUPT_H_EMUL_ASSIST:
	case BOOK3S_INTERRUPT_HMI:
		return true;
	}
	return false;
}

static bool uses_hsrr(const struct sim_intr *irq)
{
	return hsrr_vector(irq->vec) ||
	       (irq->vec == BOOK3S_INTERRUPT_EXTERNAL && irq->hv_external);
}

bool sim_intr_is_hv(const struct sim_thread *t, const struct sim_intr *irq)
{
	if (irq->route == SIM_ROUTE_HV)
		return true;
	if (irq->route == SIM_ROUTE_OS)
		return false;
	switch (irq->vec) {
	case BOOK3S_INTERRUPT_SYSTEM_RESET:
	case BOOK3S_INTERRUPT_MACHINE_CHECK:
		/* ISA 2.06 6.5.1, 6.5.2: both set MSR[HV] to 1. */
		return true;
	case BOOK3S_INTERRUPT_SYSCALL:
		/* sc LEV=1 is the hypervisor call, from any state (6.5.14). */
		return irq->lev1;
	}
	return uses_hsrr(irq);
}

struct sim_intr sim_intr_program(uint64_t srr1_bits)
{
	return (struct sim_intr){ .vec = BOOK3S_INTERRUPT_PROGRAM, .bits = srr1_bits };
}

struct sim_intr sim_intr_hea(uint32_t insn)
{
	return (struct sim_intr){ .vec = BOOK3S_INTERRUPT_H_EMUL_ASSIST, .heir = insn };
}

/*
 * Deliver an interrupt, in the steps of ISA 2.06 Book III-S 6.4 / 6.5.
 */
bool sim_intr_deliver(struct sim_thread *t, const struct sim_intr *irq)
{
	uint64_t old_msr = t->msr;
	bool hv = sim_intr_is_hv(t, irq);
	bool hsrr = uses_hsrr(irq) && hv;
	uint64_t srr0, srr1, msr;

	/*
	 * 0. Time passes while interrupts are taken.  The first interrupt after
	 *    a completed instruction is folded into that instruction's time;
	 *    each further one in a row costs a TB tick, so that in an exception
	 *    storm (no instruction completes at all) the decrementers, the run
	 *    budget and the VMM's limits still see time pass.
	 */
	if (t->storm++)
		sim_clock_advance(t->m, t, 1);

	/*
	 * 1. Save the return address: the instruction that caused the
	 *    interrupt, or the next one for sc and trace.  In 32-bit mode the
	 *    high word of the address is zero.
	 */
	srr0 = t->pc + (irq->next ? 4 : 0);
	if (!(old_msr & MSR_SF))
		srr0 &= 0xffffffffULL;
	/*
	 * 2. Save the MSR: bits 33:36 and 42:47 carry the interrupt-specific
	 *    information, every other bit is copied from the MSR.
	 */
	srr1 = (old_msr & ~SIM_SRR1_INT_BITS) | (irq->bits & SIM_SRR1_INT_BITS);
	if (hsrr) {
		t->spr[SPRN_HSRR0] = srr0;
		t->spr[SPRN_HSRR1] = srr1;
	} else {
		t->spr[SPRN_SRR0] = srr0;
		t->spr[SPRN_SRR1] = srr1;
	}

	/* SRR0/1 and DAR are served by the engine in supervisor state: reload them. */
	t->regs_dirty = true;

	/* 3. Interrupt-specific registers. */
	switch (irq->vec) {
	case BOOK3S_INTERRUPT_DATA_STORAGE:
	case BOOK3S_INTERRUPT_ALIGNMENT:
		t->spr[SPRN_DAR] = irq->dar;
		t->spr[SPRN_DSISR] = irq->dsisr;
		break;
	case BOOK3S_INTERRUPT_DATA_SEGMENT:
		/* 6.5.4: DAR is set, DSISR is left undefined (unchanged here). */
		t->spr[SPRN_DAR] = irq->dar;
		break;
	case BOOK3S_INTERRUPT_H_DATA_STORAGE:
		t->spr[SPRN_HDAR] = irq->dar;
		t->spr[SPRN_HDSISR] = irq->dsisr;
		break;
	case BOOK3S_INTERRUPT_H_EMUL_ASSIST:
		t->spr[SPRN_HEIR] = irq->heir;
		break;
	}

	/*
	 * 4. The new MSR (6.5, "MSR setting due to interrupt"): SF=1; HV set
	 *    for hypervisor interrupts, else unchanged; ME unchanged except by
	 *    machine check, which clears it; LE from LPCR[ILE] for interrupts
	 *    to the OS (POWER7 hypervisor interrupts are big-endian: HILE is
	 *    not modelled); every other bit 0: relocation off, EE=0, PR=0, and
	 *    the FP/VMX/VSX facilities unavailable.
	 */
	msr = (old_msr & (MSR_HV | MSR_ME)) | MSR_SF;
	if (hv)
		msr |= MSR_HV;
	if (irq->vec == BOOK3S_INTERRUPT_MACHINE_CHECK)
		msr &= ~MSR_ME;
	if (!hv && (t->spr[SPRN_LPCR] & LPCR_ILE))
		msr |= MSR_LE;

	/*
	 * 5. Go to the vector.  POWER7 has no AIL: the handler runs in real
	 *    mode, where the hypervisor's fetch is offset by HRMOR and the
	 *    guest's goes through its VRMA or RMA (mmu.c).
	 */
	sim_cpu_set_pc_msr(t, irq->vec, msr);

	t->last_irq.vec = irq->vec;
	t->last_irq.hv = hv;
	t->last_irq.hsrr = hsrr;
	t->last_irq.srr0 = srr0;
	t->last_irq.srr1 = srr1;
	t->last_irq.count++;
	return hv && !(old_msr & MSR_HV);
}

/*
 * Asynchronous interrupts in the order of ISA 2.06 Book III-S 6.8 (as the
 * model takes it, see docs/sim-fidelity.md): system reset, machine check, an
 * injected synchronous interrupt (it stands for the instruction-dependent
 * ones), hypervisor maintenance, direct external, mediated external,
 * hypervisor decrementer, decrementer, performance monitor.
 */
bool sim_intr_pending(struct sim_thread *t, struct sim_intr *irq)
{
	uint64_t msr = t->msr, lpcr = t->spr[SPRN_LPCR];
	bool ee = msr & MSR_EE;
	/*
	 * Hypervisor interrupts are masked by MSR[EE] only in hypervisor
	 * state: a guest (or hypervisor problem state) cannot hold them off.
	 */
	bool hv_enabled = ee || !sim_cpu_hyp_state(msr);

	sim_timers_update(t);
	memset(irq, 0, sizeof(*irq));

	if (t->pending & SIM_PEND_SRESET) {
		irq->vec = BOOK3S_INTERRUPT_SYSTEM_RESET;
		irq->source = SIM_PEND_SRESET;
		return true;
	}
	if (t->pending & SIM_PEND_MCE) {
		irq->vec = BOOK3S_INTERRUPT_MACHINE_CHECK;
		irq->source = SIM_PEND_MCE;
		return true;
	}
	if (t->pending & SIM_PEND_FORCED) {
		irq->vec = t->forced.vec;
		irq->bits = t->forced.bits;
		irq->route = t->forced.route;
		irq->source = SIM_PEND_FORCED;
		return true;
	}
	if ((t->pending & SIM_PEND_HMI) && hv_enabled) {
		irq->vec = BOOK3S_INTERRUPT_HMI;
		irq->source = SIM_PEND_HMI;
		return true;
	}
	if (t->ext_level || (t->pending & SIM_PEND_EXT)) {
		/*
		 * LPCR[LPES0]=0: the external interrupt goes to the hypervisor
		 * and cannot be masked by a guest; LPES0=1: to the OS when EE=1.
		 */
		bool to_hv = !(lpcr & LPCR_LPES0);

		if (to_hv ? hv_enabled : ee) {
			irq->vec = BOOK3S_INTERRUPT_EXTERNAL;
			irq->hv_external = to_hv;
			irq->source = SIM_PEND_EXT;
			return true;
		}
	}
	if ((lpcr & LPCR_MER) && ee && !(msr & MSR_HV)) {
		/*
		 * Mediated external exception (LPCR[MER]): the hypervisor asks
		 * to regain control as soon as the guest enables EE, so that it
		 * can present a virtual external interrupt.
		 */
		irq->vec = BOOK3S_INTERRUPT_EXTERNAL;
		irq->hv_external = true;
		return true;
	}
	if ((t->pending & SIM_PEND_HDEC) && (lpcr & LPCR_HDICE) && hv_enabled) {
		irq->vec = BOOK3S_INTERRUPT_HV_DECREMENTER;
		irq->source = SIM_PEND_HDEC;
		return true;
	}
	if ((t->pending & SIM_PEND_DEC) && ee) {
		irq->vec = BOOK3S_INTERRUPT_DECREMENTER;
		irq->source = SIM_PEND_DEC;
		return true;
	}
	if ((t->pending & SIM_PEND_PERFMON) && ee) {
		irq->vec = BOOK3S_INTERRUPT_PERFMON;
		irq->source = SIM_PEND_PERFMON;
		return true;
	}
	return false;
}

/*
 * Taking the interrupt consumes edge-triggered exceptions and injected
 * one-shots; level sources (the external input line, LPCR[MER], HMER) stay
 * until software removes their cause.
 */
void sim_intr_acknowledge(struct sim_thread *t, const struct sim_intr *irq)
{
	t->pending &= ~irq->source;
}

enum sim_check sim_intr_check(struct sim_thread *t)
{
	struct sim_intr irq;

	if (!sim_intr_pending(t, &irq))
		return SIM_CHECK_NONE;
	sim_intr_acknowledge(t, &irq);
	return sim_intr_deliver(t, &irq) ? SIM_CHECK_EXIT : SIM_CHECK_DELIVERED;
}

void sim_intr_set_external(struct sim_thread *t, bool level)
{
	t->ext_level = level;
}

/* ---- injection ------------------------------------------------------------ */

int sim_inject(struct sim_machine *m, const struct sim_injection *inj)
{
	unsigned int i;

	if (inj->cpu >= m->nthreads)
		return -EINVAL;
	if (m->ninj == m->inj_cap) {
		unsigned int cap = m->inj_cap ? m->inj_cap * 2 : 16;
		struct sim_injection *n = realloc(m->inj, cap * sizeof(*n));

		if (!n)
			return -ENOMEM;
		m->inj = n;
		m->inj_cap = cap;
	}
	/* Keep the queue sorted by time, in order of scheduling for ties. */
	for (i = m->ninj; i > 0 && m->inj[i - 1].at > inj->at; i--)
		m->inj[i] = m->inj[i - 1];
	m->inj[i] = *inj;
	m->ninj++;
	return 0;
}

uint64_t sim_inject_next(const struct sim_machine *m)
{
	if (!m->ninj)
		return UINT64_MAX;
	return m->inj[0].at > m->clock ? m->inj[0].at - m->clock : 0;
}

static void inject_now(struct sim_machine *m, const struct sim_injection *inj)
{
	struct sim_thread *t = &m->threads[inj->cpu];

	switch (inj->kind) {
	case SIM_INJ_EXTERNAL:
		t->pending |= SIM_PEND_EXT;
		break;
	case SIM_INJ_MACHINE_CHECK:
		t->pending |= SIM_PEND_MCE;
		break;
	case SIM_INJ_SYSTEM_RESET:
		t->pending |= SIM_PEND_SRESET;
		break;
	case SIM_INJ_HMI:
		/* HMER bit 0 ("malfunction alert") unless the test names bits. */
		t->spr[SPRN_HMER] |= inj->bits ? inj->bits : 0x8000000000000000ULL;
		t->pending |= SIM_PEND_HMI;
		break;
	case SIM_INJ_PERFMON:
		t->pending |= SIM_PEND_PERFMON;
		break;
	case SIM_INJ_INTERRUPT:
		t->forced.vec = inj->vec;
		t->forced.bits = inj->bits;
		t->forced.route = inj->route;
		t->pending |= SIM_PEND_FORCED;
		break;
	}
}

void sim_inject_fire(struct sim_machine *m)
{
	unsigned int n = 0;

	while (n < m->ninj && m->inj[n].at <= m->clock)
		inject_now(m, &m->inj[n++]);
	if (n) {
		memmove(m->inj, m->inj + n, (m->ninj - n) * sizeof(*m->inj));
		m->ninj -= n;
	}
}
