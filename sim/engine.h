/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The one interface between the POWER7 model and an instruction engine.
 *
 * The model (sim/) owns every piece of architected state.  An engine only
 * executes guest instructions: it holds a thread's registers while it runs,
 * translates with the MMU state the model mirrors into it, and stops with a
 * precise PC at anything the model must decide: sc, every instruction it
 * cannot execute at its problem state (the guest always runs there, so every
 * privileged instruction stops), illegal or non-POWER7 instructions, traps,
 * storage faults, alignment and facility-unavailable conditions.  The model
 * then emulates, routes and delivers interrupts itself and runs it again.
 *
 * Nothing but an engine implementation and sim/cpu.c includes this file; no
 * model file knows which engine is behind it (DESIGN.md "The model and the
 * engine").  engine/null.c is an engine that executes nothing, for tests.
 */
#ifndef SIM_ENGINE_H
#define SIM_ENGINE_H

#include <stdbool.h>
#include <stdint.h>

struct sim_machine;
struct sim_thread;
struct sim_engine;

/* Why run() returned. */
enum sim_stop {
	SIM_STOP_BUDGET = 0,	/* budget used up; t->pc is the next instruction */
	SIM_STOP_SC,		/* sc at pc (not executed yet); LEV is in insn */
	SIM_STOP_INSN,		/* pc/insn: privileged, illegal, non-POWER7 or trap instruction */
	SIM_STOP_STORAGE,	/* pc: instruction; ea/access: the access that did not translate */
	SIM_STOP_ALIGN,		/* pc/insn/ea: alignment interrupt condition */
	SIM_STOP_FACILITY,	/* pc/insn: needs MSR[FP], [VEC] or [VSX] (facility = that bit) */
	SIM_STOP_ERROR,		/* the engine failed; msg says why; the run cannot continue */
	SIM_STOP_BREAK,		/* pc: the next block holds a debug break address (debug()) */
	SIM_STOP_DONE,		/* the model ended the run in sim_run_stop(); nothing to handle */
};

/* Kind of storage access (also used by the model's MMU). */
#define SIM_ACC_LOAD	0
#define SIM_ACC_STORE	1
#define SIM_ACC_FETCH	2

struct sim_stop_info {
	enum sim_stop reason;
	/* Instructions completed in this run, not counting the one at pc. */
	uint64_t executed;
	uint64_t pc;
	uint32_t insn;		/* instruction image, when the engine has it */
	uint64_t ea;
	unsigned int access;	/* SIM_ACC_* */
	uint64_t facility;	/* MSR_FP, MSR_VEC or MSR_VSX */
	const char *msg;
	/* SIM_STOP_BUDGET after a block that ended in a trace exception: its last instruction. */
	bool traced;
	uint64_t last_pc;
};

/* What mmu_changed() must mirror from the thread (a mask). */
#define SIM_ENG_SDR1	0x01u
#define SIM_ENG_LPCR	0x02u	/* VPM0/VPM1, VRMASD, RMLS, ILE */
#define SIM_ENG_LPID	0x04u
#define SIM_ENG_RMOR	0x08u	/* RMOR and HRMOR */
#define SIM_ENG_AMR	0x10u	/* AMR, UAMOR, AMOR */
#define SIM_ENG_SLB	0x20u	/* all 32 SLB entries */
#define SIM_ENG_ALL	0x3fu

struct sim_engine_ops {
	const char *name;
	/*
	 * Load the thread's registers into the engine before a run: GPRs, CR,
	 * LR, CTR, XER, FPRs, FPSCR, VRs, VSCR, the VSX halves, PC, MSR, and the
	 * SPRs the engine serves without trapping (sim_spr_table entries with
	 * SIM_SPR_ENGINE, stored at the entry's .store number when set).  Every
	 * other mfspr/mtspr must stop with SIM_STOP_INSN.  The engine must leave
	 * its execution mode matching t->msr, as set_pc_msr() does.
	 */
	void (*put_regs)(struct sim_engine *e, const struct sim_thread *t);
	/*
	 * Store the same registers back into the thread after a run (for a
	 * stop other than SIM_STOP_BUDGET the model then sets t->pc to
	 * stop->pc itself).
	 */
	void (*get_regs)(struct sim_engine *e, struct sim_thread *t);
	/*
	 * t->pc and t->msr changed (rfid, mtmsrd, interrupt delivery): switch
	 * the engine's execution mode (privilege, SF, IR/DR, LE) and the SLB
	 * key it applies (Kp <- Ks while the guest is in supervisor state).
	 */
	void (*set_pc_msr)(struct sim_engine *e, const struct sim_thread *t);
	/*
	 * Translation state changed: mirror the SIM_ENG_* parts in @what, and
	 * drop the cached translations they invalidate (the model does not ask
	 * for a flush on LPID or SLB writes: a partition switch rewrites both
	 * and usually comes back to the same state, which the engine can see).
	 */
	void (*mmu_changed)(struct sim_engine *e, const struct sim_thread *t, unsigned int what);
	/* Drop cached translations: every one, or those of the page holding @ea. */
	void (*tlb_flush)(struct sim_engine *e, bool all, uint64_t ea);
	/*
	 * Execute at most @budget instructions of @t from t->pc and fill @stop.
	 * Registers stay in the engine until get_regs().  An engine that can
	 * go on after a stop without returning offers it to sim_run_stop()
	 * first (below).
	 */
	void (*run)(struct sim_engine *e, struct sim_thread *t, uint64_t budget,
		    struct sim_stop_info *stop);
	void (*destroy)(struct sim_engine *e);
	/*
	 * Debugger support (sim/debug.h), optional.  Before each run: with
	 * @step, the run executes one instruction at most (and stops after
	 * it with SIM_STOP_BUDGET, executed = 1); otherwise it stops with
	 * SIM_STOP_BREAK before starting a block that holds one of the @n
	 * effective addresses in @brk (that block not executed).  An engine
	 * without it must honour a budget of 1 exactly.
	 */
	void (*debug)(struct sim_engine *e, bool step, const uint64_t *brk, unsigned int n);
};

struct sim_engine {
	const struct sim_engine_ops *ops;
	struct sim_machine *m;
	void *priv;		/* the implementation's state */
};

/*
 * Provided by the model for the engine: the time base as the thread sees it
 * after @executed more instructions of the current run (mftb never traps, so
 * the engine answers it from this).
 */
uint64_t sim_engine_timebase(const struct sim_thread *t, uint64_t executed);

/* What the model did with a stop the engine offered it from inside run(). */
enum sim_go {
	SIM_GO_OUT,	/* not taken: return from run() with the stop, as without the offer */
	SIM_GO_ON,	/* handled; the model synced the engine: run on for *budget more */
	SIM_GO_DONE,	/* handled, and the run is over: return SIM_STOP_DONE */
};

/*
 * Provided by the model for the engine: the stop @stop of the thread run()
 * is executing, offered before run() returns, with the registers still in the
 * engine.  The model gets them (get_regs), handles the stop and prepares the
 * next slice exactly as between two runs, calling the engine's operations;
 * on SIM_GO_ON the engine goes on from the state it was given, counting
 * @stop->executed and the stop itself as done.  Saving the return from and
 * re-entry to the engine is the point: rfid, mtmsr, trap and fault
 * delivery cost no restart (docs/engine.md).
 */
enum sim_go sim_run_stop(struct sim_thread *t, const struct sim_stop_info *stop, uint64_t *budget);

/* ---- the null engine (engine/null.c): no execution, for tests ----------- */

/*
 * Each run() "executes" no-ops: PC advances by 4 per instruction until the
 * budget is used up or the next scripted stop is reached.  Scripted stops
 * fire in order, each @after instructions after the previous one (the first
 * counted from the engine's creation); a stop's pc is the PC at that point.
 */
struct sim_engine *sim_engine_null_create(struct sim_machine *m);
int sim_engine_null_queue(struct sim_engine *e, uint64_t after, const struct sim_stop_info *stop);
/* Calls seen by the null engine, for tests that check the mirroring. */
struct sim_engine_null_stats {
	unsigned int put_regs, get_regs, set_pc_msr, mmu_changed, tlb_flush, runs;
	unsigned int last_mmu_what;
	bool last_flush_all;
	uint64_t last_flush_ea;
	uint64_t executed;
};
const struct sim_engine_null_stats *sim_engine_null_stats(const struct sim_engine *e);

#endif /* SIM_ENGINE_H */
