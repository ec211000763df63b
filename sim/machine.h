/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The simulated POWER7 machine as the HV core's environment sees it: the real
 * address space, the hardware threads' architected state, and the event log
 * and rule checks through which the model observes what the HV core does.
 *
 * The CPU/MMU model (cpu.c, spr.c, mmu.c, interrupt.c, timebase.c) grows the
 * state here; hv_env_sim.c implements the hv_env primitives on it.
 */
#ifndef SIM_MACHINE_H
#define SIM_MACHINE_H

#include <stdbool.h>
#include <stdint.h>

#include "arena.h"

#define SIM_THREADS_PER_CORE	4
#define SIM_SLB_ENTRIES		32
#define SIM_NR_SPRS		1024
/* POWER7 v2.3 (the model's PVR). */
#define SIM_PVR_POWER7		0x003f0203ULL

struct sim_slbe {
	uint64_t esid;		/* as written by slbmte RB: ESID | V | index */
	uint64_t vsid;		/* as written by slbmte RS */
};

struct sim_thread {
	uint64_t gpr[32];
	uint64_t cr, lr, ctr, xer;
	uint64_t pc, msr;
	uint64_t spr[SIM_NR_SPRS];
	struct sim_slbe slb[SIM_SLB_ENTRIES];
	unsigned int core, thread;	/* position: core number, thread 0..3 */
	bool online;
};

/* What the model saw the HV core do, in order (for tests and rule checks). */
enum sim_event_type {
	SIM_EV_HPTE_STORE,	/* addr = real address of the dword, val = value */
	SIM_EV_HPTE_STORE_BYTE,	/* addr = real address of the byte, val = byte */
	SIM_EV_HPTE_LOCK,	/* addr = dword 0, val = 1 taken / 0 failed */
	SIM_EV_HPTE_UNLOCK,	/* addr = dword 0, val = value stored */
	SIM_EV_SYNC,
	SIM_EV_LWSYNC,
	SIM_EV_PTESYNC,
	SIM_EV_EIEIO,
	SIM_EV_ISYNC,
	SIM_EV_TLBIE,		/* addr = RB, val = LPID */
	SIM_EV_TLBIEL,		/* addr = RB */
	SIM_EV_TLBSYNC,
	SIM_EV_MTSPR,		/* addr = SPR number, val = value */
	SIM_EV_SLBMTE,		/* addr = RB, val = RS */
	SIM_EV_SLBIE,
	SIM_EV_SLBIA,
	SIM_EV_ENTER_GUEST,	/* val = guest MSR */
};

struct sim_event {
	enum sim_event_type type;
	uint64_t addr;
	uint64_t val;
};

struct sim_machine;
typedef void (*sim_tlbie_hook_fn)(struct sim_machine *m, uint64_t rb, uint64_t lpid, void *ctx);
struct hv_guest_regs;
typedef uint32_t (*sim_enter_fn)(struct sim_machine *m, struct hv_guest_regs *regs);

struct sim_machine {
	struct sim_arena arena;
	unsigned int ncores;
	unsigned int nthreads;
	struct sim_thread *threads;	/* ncores * SIM_THREADS_PER_CORE */
	struct sim_thread *cur;		/* the thread HV code runs on */

	/* Event log: every primitive the HV core calls, in order. */
	struct sim_event *events;
	unsigned int nevents, events_cap;
	bool log_events;

	/* Hardware-rule violations the model detected. */
	unsigned int violations;
	char last_violation[256];

	/* Environment controls for tests. */
	unsigned int lock_fail_next;	/* fail this many try_locks spuriously */
	unsigned int lock_fail_every;	/* and then every Nth one (0 = never) */
	unsigned int lock_attempts;
	sim_tlbie_hook_fn tlbie_hook;	/* runs inside tlbie: the "hardware walker" */
	void *tlbie_hook_ctx;
	sim_enter_fn enter_guest;	/* implements hv_enter_guest */
	void *enter_ctx;

	/* hv_log: messages at or below this level go to stderr. */
	int log_level;
	char last_log[256];

	/* hv_trace sink */
	void (*trace_sink)(void *ctx, uint32_t type, const void *payload, uint32_t len);
	void *trace_ctx;
};

/* The machine the hv_env primitives act on (one per process at a time). */
extern struct sim_machine *sim_env_machine;

int sim_machine_init(struct sim_machine *m, uint64_t mem_bytes, unsigned int ncores);
void sim_machine_destroy(struct sim_machine *m);
void sim_machine_select(struct sim_machine *m, unsigned int cpu);

void sim_event(struct sim_machine *m, enum sim_event_type type, uint64_t addr, uint64_t val);
void sim_events_clear(struct sim_machine *m);
/* Index of the first event of @type at or after @from, or -1. */
int sim_events_find(const struct sim_machine *m, unsigned int from, enum sim_event_type type,
		    uint64_t addr);
void sim_rule_violation(struct sim_machine *m, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif /* SIM_MACHINE_H */
