/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Debugger support in the model: breakpoints on guest effective addresses,
 * single step and watchpoints (write, read, access), exact to the instruction.
 *
 * A debugger (p7sim's gdb server) fills a struct sim_debug and hangs it on
 * the machine (m->debug).  sim_run() then checks, before each instruction
 * the thread would execute next, whether the thread must stop there: its
 * PC is a breakpoint, its single step completed, or a watched location
 * changed.  It ends the run slice like a host event (HV_TRAP_NONE), with
 * the reason in @hit, and the VMM sees KVM_EXIT_INTR.  A watch stops before
 * the load or store that touches it (its instruction decoded with the
 * registers of the moment), and a write watch also after any other change
 * of the value (the hypervisor, another vcpu).
 *
 * Exactness: the engine runs whole blocks, so with breakpoints set it is
 * told to stop before any block that holds one (SIM_STOP_BREAK); the model
 * then steps that block one instruction at a time.  A single step and a
 * watchpoint run the thread one instruction per engine run.  Breakpoints
 * never patch guest memory: the guest reads its own code unchanged.
 */
#ifndef SIM_DEBUG_H
#define SIM_DEBUG_H

#include <stdbool.h>
#include <stdint.h>

#include "machine.h"

#define SIM_DEBUG_MAX_BREAKS	64
#define SIM_DEBUG_MAX_WATCH	4
#define SIM_DEBUG_MAX_THREADS	(64 * SIM_THREADS_PER_CORE)

enum sim_debug_hit {
	SIM_DBG_NONE = 0,
	SIM_DBG_BREAK,		/* the PC is a breakpoint; not executed */
	SIM_DBG_STEP,		/* a step completed an instruction (or took an interrupt) */
	SIM_DBG_WATCH,		/* the next access hits a watch, or a watched value changed */
};

enum sim_watch_kind {
	SIM_WATCH_WRITE = 0,	/* stores (and values that change otherwise) */
	SIM_WATCH_READ,		/* loads */
	SIM_WATCH_ACCESS,	/* both */
};

struct sim_watch {
	uint64_t ea;		/* guest effective address */
	unsigned int len;	/* 1..8 bytes */
	enum sim_watch_kind kind;
	uint64_t val;		/* last value seen, big-endian as loaded */
	bool valid;		/* @val was read (the address translated) */
};

struct sim_debug {
	/* Set by the debugger between runs. */
	uint64_t brk[SIM_DEBUG_MAX_BREAKS];
	unsigned int nbrk;
	struct sim_watch watch[SIM_DEBUG_MAX_WATCH];
	unsigned int nwatch;
	int step_thread;	/* index in m->threads that single-steps, -1 none */

	/* What stopped the run (sim_run sets it; the debugger clears it on resume). */
	enum sim_debug_hit hit;
	unsigned int hit_thread;
	uint64_t hit_addr;	/* the break PC or the watched EA */

	/* Resume state: a thread's first instruction is never a break hit. */
	uint64_t resume_pc[SIM_DEBUG_MAX_THREADS];
	uint64_t resume_exec[SIM_DEBUG_MAX_THREADS];
	bool near_break;	/* the engine stopped before a block with a break: step it */
};

/* Reset @d (no breaks, watches or step). */
void sim_debug_init(struct sim_debug *d);
/*
 * The debugger resumes thread @ti of @m, whose guest PC is @pc: it may
 * execute the instruction there even when a breakpoint is set on it (it
 * stopped on it).  Also forgets the last hit.
 */
void sim_debug_resume(struct sim_debug *d, const struct sim_machine *m, unsigned int ti,
		      uint64_t pc);
bool sim_debug_has_break(const struct sim_debug *d, uint64_t ea);
int sim_debug_add_break(struct sim_debug *d, uint64_t ea);
int sim_debug_del_break(struct sim_debug *d, uint64_t ea);
/* Read @len bytes at @ea as @t sees them now (no side effects); false when it faults. */
bool sim_debug_peek(struct sim_thread *t, uint64_t ea, unsigned int len, uint64_t *val);

/* ---- for sim_run (cpu.c) ------------------------------------------------------ */

/* Must @t stop before its next instruction (@entry: the first of a run)?  Sets d->hit. */
bool sim_debug_should_stop(struct sim_thread *t, bool entry);
/* Must the next engine run execute one instruction only (single-step mode)? */
bool sim_debug_step_mode(const struct sim_thread *t);

#endif /* SIM_DEBUG_H */
