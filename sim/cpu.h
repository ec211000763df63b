/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hardware thread: MSR changes (mtmsr/mtmsrd, rfid, hrfid), the engine
 * attached to the machine and the mirroring of model state into it, and the
 * run loop that executes a guest until an interrupt takes it to the
 * hypervisor (DESIGN.md "Contracts between the parts: Entering the guest").
 */
#ifndef SIM_CPU_H
#define SIM_CPU_H

#include <stdbool.h>
#include <stdint.h>

#include "machine.h"

struct hv_guest_regs;

/* Reset a thread to its power-on state (the host, in hypervisor real mode). */
void sim_cpu_reset(struct sim_thread *t);

/* Set MSR and PC as hardware does when it changes them; the engine follows. */
void sim_cpu_set_pc_msr(struct sim_thread *t, uint64_t pc, uint64_t msr);
/* mtmsrd RS,L (ISA 2.06 Book III-S 4.4.3); mtmsr when @word (bits 32:63 only). */
void sim_cpu_mtmsr(struct sim_thread *t, uint64_t rs, bool l, bool word);
/* rfid and hrfid: return from (hypervisor) interrupt through (H)SRR0/1. */
void sim_cpu_rfid(struct sim_thread *t);
void sim_cpu_hrfid(struct sim_thread *t);
/* MSR[HV]=1 and MSR[PR]=0. */
bool sim_cpu_hyp_state(uint64_t msr);

/*
 * Record that the engine must see SIM_ENG_* parts of @t again / flush its
 * TLB.  Inline: every partition switch changes LPID, SDR1, LPCR, the AMR
 * registers and the SLB, each a call.
 */
static inline void sim_cpu_mirror(struct sim_thread *t, unsigned int what, bool flush)
{
	t->mirror_dirty |= what;
	if (flush)
		t->flush_pending = true;
}

/* Attach an engine (NULL detaches); the machine destroys it on destroy. */
void sim_engine_attach(struct sim_machine *m, struct sim_engine *e);

/*
 * Run @t, which must be in guest state, for at most @budget instructions:
 * deliver the interrupts the ISA and the LPCR give to the guest, handle the
 * engine's stops, and return the trap number of the first interrupt routed to
 * the hypervisor (0x980, 0xe00, 0xc00 for sc 1, ...), with its state in the
 * SPRs.  Returns 0 (HV_TRAP_NONE) when the budget ran out, a stop was
 * requested, or the engine failed (m->engine_error says why).
 */
uint32_t sim_run(struct sim_thread *t, uint64_t budget);

/*
 * hv_enter_guest on the model: load @regs into the current thread, hrfid
 * through HSRR0/1 (sim_guest_in), sim_run() for @budget instructions, and
 * store the state at the exit back into @regs (sim_guest_out: PC/MSR from
 * HSRR0/1, or SRR0/1 for sc 1), unless m->run_ended stored it already.
 */
uint32_t sim_enter_guest(struct sim_machine *m, struct hv_guest_regs *regs, uint64_t budget);
/* false: HSRR1 would leave the thread in hypervisor state; nothing to run. */
bool sim_guest_in(struct sim_thread *t, const struct hv_guest_regs *regs);
void sim_guest_out(struct sim_thread *t, struct hv_guest_regs *regs, uint32_t trap);
/* For m->run_ended: the thread entered again runs a new run of @budget. */
bool sim_run_restart(struct sim_thread *t, uint64_t budget);

#endif /* SIM_CPU_H */
