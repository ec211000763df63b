/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The Unicorn execution engine's own interface.
 *
 * Only the model's engine-ops glue and the engine's proof test use this
 * header; nothing else in the project knows which engine executes guest code.
 * See docs/engine.md for the mechanisms and their measured costs.
 */
#ifndef SIM_ENGINE_UNICORN_H
#define SIM_ENGINE_UNICORN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct sim_ue;

/* Why a run stopped. */
enum sim_ue_event {
	SIM_UE_BUDGET,		/* the instruction budget ran out, or sim_ue_stop() */
	SIM_UE_SC,		/* sc; lev = LEV field */
	SIM_UE_PRIV,		/* privileged instruction or SPR at (engine) problem state */
	SIM_UE_ILLEGAL,		/* illegal instruction, including POWER7-absent ones */
	SIM_UE_TRAP,		/* tw/td/twi/tdi condition met */
	SIM_UE_DSI,		/* data storage: dar, dsisr */
	SIM_UE_ISI,		/* instruction storage: srr1_bits */
	SIM_UE_DSEG,		/* data segment: dar */
	SIM_UE_ISEG,		/* instruction segment */
	SIM_UE_HDSI,		/* hypervisor data storage (VRMA miss): dar=HDAR, dsisr=HDSISR */
	SIM_UE_HISI,		/* hypervisor instruction storage: srr1_bits */
	SIM_UE_ALIGN,		/* alignment: dar, dsisr */
	SIM_UE_FPU,		/* floating-point unavailable */
	SIM_UE_VEC,		/* vector unavailable */
	SIM_UE_VSX,		/* VSX unavailable */
	SIM_UE_TRACE,		/* single-step / branch trace */
	SIM_UE_OTHER,		/* any other engine exception: intno, error_code */
	SIM_UE_ERROR,		/* the engine failed: message in sim_ue_error() */
	SIM_UE_BREAK,		/* stopped before a block holding a debug break (sim_ue_set_debug) */
	SIM_UE_DONE,		/* the stop function ended the run (sim_ue_set_stop_fn) */
};

struct sim_ue_exit {
	enum sim_ue_event ev;
	uint64_t pc;		/* the instruction that caused it (sc: the sc itself) */
	uint32_t insn;		/* its instruction word, if insn_valid */
	bool insn_valid;
	uint32_t intno;		/* the engine's raw exception number */
	uint32_t error_code;	/* and its raw error code */
	uint64_t dar;
	uint32_t dsisr;
	uint64_t srr1_bits;	/* ISI/HISI cause bits, as SRR1 would carry them */
	unsigned int lev;	/* sc LEV */
	uint64_t insns;		/* instructions completed by this run */
	uint64_t last_pc;	/* trace: the last instruction completed (a branch, for BE) */
};

/*
 * Open the engine over the machine's real address space [0, size) at host
 * address @arena.  Probes every library internal relied on; on mismatch
 * returns a negative value with one line in @err and no engine.
 */
#define SIM_UE_NO_COUNT		0x1	/* no block hook: no budget, no time (baseline only) */
#define SIM_UE_TEST_MISMATCH	0x2	/* test only: expect a wrong PVR to prove the refusal */
int sim_ue_open(struct sim_ue **out, void *arena, uint64_t size, unsigned int flags, char *err,
		size_t errlen);
void sim_ue_close(struct sim_ue *e);
const char *sim_ue_error(const struct sim_ue *e);

/* Guest registers (engine-owned while the guest runs). */
uint64_t sim_ue_gpr(struct sim_ue *e, unsigned int n);
void sim_ue_set_gpr(struct sim_ue *e, unsigned int n, uint64_t v);
uint64_t sim_ue_pc(struct sim_ue *e);
void sim_ue_set_pc(struct sim_ue *e, uint64_t pc);
uint32_t sim_ue_cr(struct sim_ue *e);
void sim_ue_set_cr(struct sim_ue *e, uint32_t cr);
uint64_t sim_ue_lr(struct sim_ue *e);
void sim_ue_set_lr(struct sim_ue *e, uint64_t v);
uint64_t sim_ue_ctr(struct sim_ue *e);
void sim_ue_set_ctr(struct sim_ue *e, uint64_t v);
uint64_t sim_ue_xer(struct sim_ue *e);
void sim_ue_set_xer(struct sim_ue *e, uint64_t v);
uint64_t sim_ue_fpr(struct sim_ue *e, unsigned int n);
void sim_ue_set_fpr(struct sim_ue *e, unsigned int n, uint64_t v);
/*
 * VSR @n (0-63; 0-31 overlay the FPRs in doubleword 0, 32-63 are VR 0-31):
 * doubleword 0 = ISA bits 0:63, doubleword 1 = bits 64:127.
 */
void sim_ue_vsr(struct sim_ue *e, unsigned int n, uint64_t *dw0, uint64_t *dw1);
void sim_ue_set_vsr(struct sim_ue *e, unsigned int n, uint64_t dw0, uint64_t dw1);
/* VSCR as mfvscr reads it (NJ, SAT). */
uint32_t sim_ue_vscr(struct sim_ue *e);
/* The FPSCR the FP instructions update (bits 32:63; DRN is not kept). */
uint64_t sim_ue_fpscr(struct sim_ue *e);
void sim_ue_set_fpscr(struct sim_ue *e, uint64_t fpscr);
void sim_ue_set_vscr(struct sim_ue *e, uint32_t vscr);
/* SPRs the engine serves without trapping (AMR, PPR, SPRG3, DSCR...). */
uint64_t sim_ue_spr(struct sim_ue *e, unsigned int sprn);
void sim_ue_set_spr(struct sim_ue *e, unsigned int sprn, uint64_t v);

/*
 * Execution state: the guest's architected MSR (HV must be 0).  The engine
 * always runs at its own problem state; the guest's PR, IR, DR, SF, FP, VEC,
 * VSX, SE, BE select the translation context.
 */
void sim_ue_set_msr(struct sim_ue *e, uint64_t guest_msr);
uint64_t sim_ue_msr(struct sim_ue *e);

/* The guest's AMR (applied to relocated accesses only). */
void sim_ue_set_amr(struct sim_ue *e, uint64_t amr);

/* Translation state: SDR1, LPCR (VPM0/VPM1/VRMASD, RMLS), RMOR, AMR, LPID. */
void sim_ue_set_mmu(struct sim_ue *e, uint64_t sdr1, uint64_t lpcr, uint64_t rmor,
		    uint64_t lpid);
/* One guest SLB entry as slbmte wrote it (RB with V and index, RS). */
int sim_ue_set_slb(struct sim_ue *e, unsigned int index, uint64_t rb, uint64_t rs);
void sim_ue_clear_slb(struct sim_ue *e);
void sim_ue_flush_tlb(struct sim_ue *e);
/* Host code wrote [ra, ra + len) of the arena: drop translated code there. */
void sim_ue_invalidate_code(struct sim_ue *e, uint64_t ra, uint64_t len);
/* Guest real address of a guest effective address as the engine sees it. */
bool sim_ue_translate(struct sim_ue *e, uint64_t ea, uint64_t *ra);

/*
 * The translations the engine's TLB holds (QEMU's software TLB, found by
 * probing at open).  One entry: the 4 KiB page at @ea in MMU context
 * @mmu_idx (0 guest problem state relocated, 2 guest real mode, 4 guest
 * supervisor relocated), the accesses it grants, and the real address of
 * the page when it is RAM in the arena.
 */
struct sim_ue_tlbe {
	unsigned int mmu_idx;
	uint64_t ea;
	bool read, write, exec;
	bool ram;
	uint64_t ra;
};
/* Was the TLB found at open?  Without it the walk below is unavailable. */
bool sim_ue_tlb_available(const struct sim_ue *e);
/*
 * Call @fn for each entry that grants an access (with @changed_only, each
 * that changed since the last walk).  Returns the number visited, -ENOTSUP
 * without a TLB, -EFAULT when @fn returned false (the walk stops there).
 */
int sim_ue_tlb_walk(struct sim_ue *e, bool changed_only,
		    bool (*fn)(void *ctx, const struct sim_ue_tlbe *te), void *ctx);
/* Make the next changed_only walk visit every entry again. */
void sim_ue_tlb_forget(struct sim_ue *e);
/*
 * Call @fn before every translated block executes (counting engines only);
 * when it returns false the run ends with SIM_UE_ERROR and the message @fn
 * left for sim_ue_error().
 */
void sim_ue_set_block_cb(struct sim_ue *e, bool (*fn)(void *ctx), void *ctx);
/*
 * Called after each successful fill of the engine's TLB for a guest access:
 * the only moment the engine's own MMU references a page (R is the model's
 * business, sim/refbits.c).
 */
void sim_ue_set_ref_fn(struct sim_ue *e, void (*fn)(void *ctx, uint64_t ea, unsigned int access),
		       void *ctx);

/*
 * Time: instructions are counted per translated block; mftb reads
 * tb_base + ((insns since sim_ue_set_tb) * mul >> shift).
 */
void sim_ue_set_tb(struct sim_ue *e, uint64_t tb_base, uint32_t mul, unsigned int shift);
uint64_t sim_ue_tb(struct sim_ue *e);
/* Or let the model own the TB: fn(ctx, instructions executed in this run). */
void sim_ue_set_tb_fn(struct sim_ue *e, uint64_t (*fn)(void *ctx, uint64_t executed), void *ctx);
uint64_t sim_ue_insns(const struct sim_ue *e);

/*
 * Priority hints (or Rx,Rx,Rx) are translated as nothing instead of QEMU's
 * pause, which ended every run at each one (hints.c).  @dropped counts the
 * hints translated so, process-wide; @fallback is true once the translator's
 * context did not look as expected and QEMU's own handler runs instead.
 */
void sim_ue_hint_stats(uint64_t *dropped, bool *fallback);

/*
 * How many exit addresses Unicorn holds for its runs: 0 when exits are
 * enabled with none set (probe.c: no post-run code lookup), -1 when the
 * library cannot say (exits not enabled).
 */
int sim_ue_exit_count(struct sim_ue *e);

/* Run at most @budget instructions (block granularity) from the current PC. */
int sim_ue_run(struct sim_ue *e, uint64_t budget, struct sim_ue_exit *x);
/* From a hook or another thread: end the current run at the next block. */
void sim_ue_stop(struct sim_ue *e);

/*
 * Offer every exit to @fn before the run ends, with the engine's registers
 * as the exit left them (PC at the exit's instruction).  @fn returns
 * SIM_UE_GO_ON with *budget set to go on from the registers it left (the
 * exit and x->insns count as done: the next exit counts from there),
 * SIM_UE_GO_DONE to end the run (sim_ue_run then returns SIM_UE_DONE) or
 * SIM_UE_GO_OUT to end it with the exit as without @fn.  NULL: no offer.
 */
#define SIM_UE_GO_OUT	0
#define SIM_UE_GO_ON	1
#define SIM_UE_GO_DONE	2
void sim_ue_set_stop_fn(struct sim_ue *e, int (*fn)(void *ctx, struct sim_ue_exit *x,
						    uint64_t *budget), void *ctx);
/* uc_emu_start calls so far, and exits that went on without one (SIM_UE_GO_ON). */
void sim_ue_run_stats(const struct sim_ue *e, uint64_t *starts, uint64_t *resumes);

/*
 * Debugger support: with @step every run executes one instruction (the CPU's
 * own single-step trace, whatever the guest's MSR[SE]); otherwise a run stops
 * with SIM_UE_BREAK before any block that holds one of the @n addresses in
 * @brk (kept by reference until the next call).
 */
void sim_ue_set_debug(struct sim_ue *e, bool step, const uint64_t *brk, unsigned int n);
const char *sim_ue_event_name(enum sim_ue_event ev);

/*
 * The engine behind the model's struct sim_engine_ops (sim/engine.h): one
 * Unicorn instance over @m's arena that runs every thread in turn.  NULL with
 * one line in @err when the library does not match.
 */
struct sim_machine;
struct sim_engine *sim_engine_unicorn_create(struct sim_machine *m, char *err, size_t errlen);
/* The underlying engine of a struct sim_engine made above (tests, benchmarks). */
struct sim_ue *sim_engine_unicorn_ue(struct sim_engine *e);

/*
 * Test mode: before every translated block and at every stop, each
 * translation that entered the engine's TLB (and, after any change of the
 * model's state, every one it holds) is checked against the model's MMU
 * for every access it grants: same real page, and the model allows the
 * access in that context.  A difference is a SIM_RULE_ENGINE violation and
 * ends the run with an engine error naming the address.  Costs a TLB scan
 * per block: for tests, not for speed.  -ENOTSUP when the TLB was not found.
 */
struct sim_engine_check_stats {
	uint64_t walks;		/* TLB scans */
	uint64_t checked;	/* (translation, access) pairs checked */
	uint64_t mismatches;
};
int sim_engine_unicorn_set_check(struct sim_engine *e, bool on);
struct sim_engine_check_stats sim_engine_unicorn_check_stats(struct sim_engine *e);

#endif /* SIM_ENGINE_UNICORN_H */
