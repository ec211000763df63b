/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The simulated POWER7 machine as the HV core's environment sees it: the real
 * address space, the hardware threads' architected state, and the event log
 * and rule checks through which the model observes what the HV core does.
 *
 * The CPU/MMU model (cpu.c, spr.c, mmu.c, tlb.c, interrupt.c, timebase.c,
 * rules.c) works on the state here; hv_env_sim.c implements the hv_env
 * primitives on it.  docs/sim-fidelity.md says what is modelled and what not.
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
/* MSR of a thread running the host kernel: SF | HV | ME. */
#define SIM_MSR_HOST		0x9000000000001000ULL
/* Instructions per hv_enter_guest() slice when the machine runs guests itself. */
#define SIM_DEFAULT_SLICE	1000000ULL
/*
 * An exception storm: this many interrupts in a row on a thread with no
 * instruction completed between them (a vector holding an illegal word, a
 * handler whose first fetch faults).  Nothing the thread does can end it; the
 * run slice ends (sim_run, hv_enter_guest) so that the VMM can report it.
 */
#define SIM_STORM_LIMIT		1024

struct sim_slbe {
	uint64_t esid;		/* as written by slbmte RB: ESID | V | index */
	uint64_t vsid;		/* as written by slbmte RS */
};

/* Exceptions that wait for their interrupt to be enabled (interrupt.c). */
#define SIM_PEND_SRESET		0x001u	/* injected system reset */
#define SIM_PEND_MCE		0x002u	/* injected machine check */
#define SIM_PEND_HMI		0x004u	/* injected HMI (HMER bits are set by the injection) */
#define SIM_PEND_EXT		0x008u	/* injected external (one-shot, besides ext_level) */
#define SIM_PEND_HDEC		0x010u	/* HDEC went negative */
#define SIM_PEND_DEC		0x020u	/* DEC went negative */
#define SIM_PEND_PERFMON	0x040u	/* injected performance monitor */
#define SIM_PEND_FORCED		0x080u	/* injected synchronous interrupt (forced[]) */

/* The last interrupt the model delivered on a thread (for tests and traces). */
struct sim_irq_record {
	unsigned int vec;
	bool hv;		/* set MSR[HV] (from guest or hypervisor state) */
	bool hsrr;		/* saved the state in HSRR0/1 (else SRR0/1) */
	uint64_t srr0, srr1;
	uint64_t count;		/* interrupts delivered on this thread so far */
};

struct sim_machine;

/* VSCR non-Java mode (ISA 2.06 Book I 5.4.1). */
#define SIM_VSCR_NJ		0x00010000u

struct sim_thread {
	uint64_t gpr[32];
	uint64_t cr, lr, ctr, xer;
	uint64_t pc, msr;
	uint64_t spr[SIM_NR_SPRS];
	struct sim_slbe slb[SIM_SLB_ENTRIES];
	unsigned int core, thread;	/* position: core number, thread 0..3 */
	bool online;

	/* FP, VMX and VSX storage: the model only holds them for the engine. */
	uint64_t fpr[32];
	uint64_t fpscr;
	uint64_t vr[32][2];		/* big-endian halves: [0] = bits 0:63 */
	uint32_t vscr;
	uint64_t vsr_lo[32];		/* VSR 0-31 bits 64:127 (bits 0:63 are the FPRs) */
	bool vec_dirty;			/* the model wrote vr/vscr/vsr_lo: the engine reloads them */
	bool fpr_dirty;			/* the model wrote fpr[]: the engine reloads them */

	struct sim_machine *m;
	unsigned int index;		/* m->threads[index] */

	/*
	 * Time (timebase.c).  "Ticks" count TB periods since power-on: the
	 * machine's clock scaled by tb_num / tb_den.  TB = ticks + tb_offset,
	 * so writing the TB does not disturb the decrementers.
	 */
	uint64_t tb_offset;
	uint32_t dec_val, hdec_val;	/* value last written */
	uint64_t dec_tick, hdec_tick;	/* ticks when it was written */
	uint64_t dec_seen, hdec_seen;	/* ticks when last checked for the 0 -> 1 edge */

	/* Interrupt state (interrupt.c). */
	uint32_t pending;		/* SIM_PEND_* */
	bool ext_level;			/* external interrupt input asserted (a device's line) */
	struct {			/* the injected synchronous interrupt (SIM_PEND_FORCED) */
		unsigned int vec;
		uint64_t bits;
		int route;
	} forced;
	struct sim_irq_record last_irq;

	/* Engine mirroring (cpu.c): what changed since the engine last saw it. */
	unsigned int mirror_dirty;	/* SIM_ENG_* */
	bool flush_pending;
	bool regs_dirty;		/* GPRs or engine-served SPRs changed: put_regs */
	bool pcmsr_dirty;		/* only PC/MSR changed: set_pc_msr */
	uint64_t executed;		/* instructions this thread executed */
	uint64_t storm;			/* interrupts since an instruction last completed */

	/*
	 * sim_run's loop state, kept here so that the engine can hand it a
	 * stop mid-run (sim_run_stop): the budget left, the slice's start
	 * clock and budget, the stall count and the run's result once over.
	 */
	struct sim_run_state {
		uint64_t budget, budget0, start, slice;
		unsigned int stalls;
		bool entry;
		bool active;		/* inside sim_run */
		bool taken;		/* m->run_ended took its end: registers are out */
		uint32_t result;
	} run;
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
	SIM_EV_NR		/* the number of types */
};

/*
 * The event types the hardware rule checks act on (sim_rules_observe in
 * rules.c, which sees nothing else).  Every other type would leave the
 * rules' state and counts as they were (test_rules checks each one), so an
 * event of those types costs nothing while the log is off: the partition
 * switch's fifty-odd mtsprs on every exit and entry, for one.
 */
#define SIM_EV_BIT(type)	(1u << (type))
_Static_assert(SIM_EV_NR <= 32, "SIM_RULES_EVENTS holds one bit per event type");
#define SIM_RULES_EVENTS	(SIM_EV_BIT(SIM_EV_HPTE_STORE) |		\
				 SIM_EV_BIT(SIM_EV_HPTE_STORE_BYTE) |		\
				 SIM_EV_BIT(SIM_EV_HPTE_UNLOCK) |		\
				 SIM_EV_BIT(SIM_EV_PTESYNC) |			\
				 SIM_EV_BIT(SIM_EV_EIEIO) |			\
				 SIM_EV_BIT(SIM_EV_TLBIE) |			\
				 SIM_EV_BIT(SIM_EV_TLBIEL) |			\
				 SIM_EV_BIT(SIM_EV_TLBSYNC) |			\
				 SIM_EV_BIT(SIM_EV_ENTER_GUEST))

struct sim_event {
	enum sim_event_type type;
	uint64_t addr;
	uint64_t val;
};

/* The hardware rules the model checks (rules.c); each violation is counted. */
enum sim_rule {
	SIM_RULE_OTHER,			/* reported through sim_rule_violation() */
	SIM_RULE_GUEST_HV,		/* guest entered with MSR[HV]=1 */
	SIM_RULE_SDR1_LPID,		/* SDR1 changed while LPID is a guest's */
	SIM_RULE_TLBIE_NO_PTESYNC,	/* tlbie/tlbiel not preceded by ptesync after HPTE stores */
	SIM_RULE_TLBIE_SEQUENCE,	/* tlbie not followed by eieio; tlbsync; ptesync */
	SIM_RULE_HPTE_VALID_ORDER,	/* HPTE made valid before its dword 1 was written */
	SIM_RULE_HPTE_UNLOCK,		/* unlock stored HVLOCK */
	SIM_RULE_ENGINE,		/* the engine and the model disagree */
	SIM_RULE_NR
};

/* Rule-check state (rules.c). */
struct sim_rules {
	bool ptesync_since_store;	/* a ptesync followed the last HPTE store */
	enum {
		SIM_TLBSEQ_IDLE,
		SIM_TLBSEQ_TLBIE,	/* tlbie issued */
		SIM_TLBSEQ_EIEIO,	/* ... then eieio */
		SIM_TLBSEQ_TLBSYNC,	/* ... then tlbsync: ptesync completes it */
		SIM_TLBSEQ_TLBIEL,	/* tlbiel issued: ptesync completes it */
	} tlbseq;
	uint8_t *dw1_written;		/* one bit per 16-byte HPTE slot of the arena */
};

struct sim_machine;
typedef void (*sim_tlbie_hook_fn)(struct sim_machine *m, uint64_t rb, uint64_t lpid, void *ctx);
struct hv_guest_regs;
typedef uint32_t (*sim_enter_fn)(struct sim_machine *m, struct hv_guest_regs *regs);
struct sim_engine;
struct sim_stop_info;
struct sim_intr;
struct sim_tlb;
struct sim_injection;
struct sim_debug;

/* What emulation of a stopped instruction decided (cpu.c calls m->emulate). */
enum sim_emu_result {
	SIM_EMU_DONE,		/* emulated; the hook advanced t->pc */
	SIM_EMU_RAISE,		/* deliver the interrupt in *irq */
	SIM_EMU_STOP,		/* end the run slice here (nap, or an error) */
};
typedef enum sim_emu_result (*sim_emulate_fn)(struct sim_thread *t,
					      const struct sim_stop_info *stop,
					      struct sim_intr *irq);

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
	unsigned int rule_count[SIM_RULE_NR];
	enum sim_rule last_rule;
	struct sim_rules rules;

	/* Environment controls for tests. */
	unsigned int lock_fail_next;	/* fail this many try_locks spuriously */
	unsigned int lock_fail_every;	/* and then every Nth one (0 = never) */
	unsigned int lock_attempts;
	sim_tlbie_hook_fn tlbie_hook;	/* runs inside tlbie: the "hardware walker" */
	void *tlbie_hook_ctx;
	sim_enter_fn enter_guest;	/* implements hv_enter_guest */
	/*
	 * A run of the engine ended with an interrupt to the hypervisor
	 * (t->run.result) inside the engine (sim_run_stop): the environment
	 * may take the exit and enter again, returning true after
	 * sim_run_restart(); false leaves the run ended (t->run.taken when it
	 * stored the registers itself).
	 */
	bool (*run_ended)(struct sim_thread *t);
	void *enter_ctx;

	/* hv_log: messages at or below this level go to stderr. */
	int log_level;
	char last_log[256];

	/* hv_trace sink */
	void (*trace_sink)(void *ctx, uint32_t type, const void *payload, uint32_t len);
	void *trace_ctx;

	/* ---- the CPU model ------------------------------------------------ */
	uint64_t clock;			/* global instruction clock */
	uint64_t tb_num, tb_den;	/* TB ticks per instruction = tb_num / tb_den */
	uint64_t host_lpid;		/* the host's LPID (SDR1 may change under it) */
	uint64_t slice;			/* budget of one hv_enter_guest() run */
	struct sim_engine *engine;	/* executes guest instructions; NULL = none */
	sim_emulate_fn emulate;		/* privileged-instruction emulation (emulate.c) */
	struct sim_tlb *tlb;		/* one per core (tlb.c) */
	struct sim_injection *inj;	/* scheduled injections, sorted by time */
	unsigned int ninj, inj_cap;
	bool stop_request;		/* ends the current run slice (a host event) */
	char engine_error[128];
	/*
	 * refbits.c: the engine cannot store R (it stores it one byte off), so
	 * the HV core's HPTE stores keep hardware R set and its loads see R as
	 * the guest's references set it.  Set by engines that need it.
	 */
	bool virtual_r;
	uint8_t **ref_chunks;
	/* rctrace.c: the R/C changes of guest runs, for the trace sink */
	struct sim_rctrace *rctrace;
	struct sim_debug *debug;	/* a debugger's breakpoints and steps (debug.h); NULL = none */
};

/* The machine the hv_env primitives act on (one per process at a time). */
extern struct sim_machine *sim_env_machine;

int sim_machine_init(struct sim_machine *m, uint64_t mem_bytes, unsigned int ncores);
void sim_machine_destroy(struct sim_machine *m);
void sim_machine_select(struct sim_machine *m, unsigned int cpu);

/* An event to the rule checks (its type in SIM_RULES_EVENTS) and to the log (log_events). */
void sim_event_record(struct sim_machine *m, enum sim_event_type type, uint64_t addr,
		      uint64_t val);

/* What the HV core did: every primitive reports itself here, before it takes effect. */
static inline void sim_event(struct sim_machine *m, enum sim_event_type type, uint64_t addr,
			     uint64_t val)
{
	if ((SIM_RULES_EVENTS & SIM_EV_BIT(type)) || m->log_events)
		sim_event_record(m, type, addr, val);
}
void sim_events_clear(struct sim_machine *m);
/* Index of the first event of @type at or after @from, or -1. */
int sim_events_find(const struct sim_machine *m, unsigned int from, enum sim_event_type type,
		    uint64_t addr);
void sim_rule_violation(struct sim_machine *m, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Report a violation of a specific rule (counted in rule_count[rule]). */
void sim_rule_report(struct sim_machine *m, enum sim_rule rule, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Forget counted violations (tests call it between cases). */
void sim_rules_reset_counts(struct sim_machine *m);

#endif /* SIM_MACHINE_H */
