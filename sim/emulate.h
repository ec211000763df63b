/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the model does with each instruction the engine stops on
 * (SIM_STOP_INSN): privileged instructions, instructions POWER7 lacks, trap
 * instructions whose condition is met, and the POWER7 instructions the
 * engine's CPU does not decode (tlbie, tlbiel, nap, doze, sleep, rvwinkle).
 *
 * The guest always runs at the engine's problem state, so every privileged
 * instruction of a guest kernel arrives here; the model performs it with its
 * own functions (SPR table, MSR changes, SLB, TLB) at the privilege the
 * thread's MSR gives, or computes the interrupt POWER7 raises instead.
 * docs/guest-scenarios.md lists the decisions where the ISA leaves room.
 */
#ifndef SIM_EMULATE_H
#define SIM_EMULATE_H

#include <stdbool.h>
#include <stdint.h>

#include "machine.h"

struct sim_stop_info;
struct sim_intr;

/*
 * Emulate the instruction @stop->insn at t->pc (the thread's registers are
 * in @t).  SIM_EMU_DONE: performed, t->pc is the next instruction;
 * SIM_EMU_RAISE: *@irq is the interrupt the instruction causes (t->pc still
 * addresses it); SIM_EMU_STOP: the run must end here (a power-saving
 * instruction with no event that could ever wake the thread).
 */
enum sim_emu_result sim_emulate(struct sim_thread *t, const struct sim_stop_info *stop,
				struct sim_intr *irq);

/* An emulated instruction completed: PC to the next one (32-bit wrap without MSR[SF]). */
enum sim_emu_result sim_emu_done(struct sim_thread *t);

/* Install sim_emulate as @m's emulation of stopped instructions. */
void sim_emulate_install(struct sim_machine *m);

/*
 * The power-saving instructions' wake-up (ISA 2.06 Book III-S, Power-Saving
 * Modes, and 6.5.1 System Reset): SRR1 bits 42:45, the reason, and 46:47, how much state was kept.
 */
#define SIM_SRR1_WAKE_MASK	0x00000000003c0000ULL
#define SIM_SRR1_WAKE_EE	0x0000000000200000ULL	/* 0b1000 external */
#define SIM_SRR1_WAKE_HMI	0x0000000000280000ULL	/* 0b1010 hypervisor maintenance */
#define SIM_SRR1_WAKE_DEC	0x0000000000180000ULL	/* 0b0110 decrementer */
#define SIM_SRR1_WAKE_RESET	0x0000000000100000ULL	/* 0b0100 system reset */
#define SIM_SRR1_WAKE_STATE	0x0000000000030000ULL
#define SIM_SRR1_WS_KEPT	0x0000000000010000ULL	/* 0b01: nap, doze: nothing lost */
#define SIM_SRR1_WS_LOSS	0x0000000000020000ULL	/* 0b10: sleep */
#define SIM_SRR1_WS_DEEPEST	0x0000000000030000ULL	/* 0b11: rvwinkle */

#endif /* SIM_EMULATE_H */
