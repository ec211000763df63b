// SPDX-License-Identifier: GPL-2.0-only
/*
 * The Unicorn engine's hooks: the block hook counts instructions (budget and
 * time), the interrupt hook turns every exception of the engine into an exit
 * with a precise PC.  The guest always executes at the engine's problem
 * state (MSR[PR]=1, MSR[HV]=0), so every privileged instruction, sc, trap
 * and storage fault arrives here with the faulting address; the model
 * decides what POWER7 does.
 */
#include <string.h>

#include "internal.h"
#include "hv_consts.h"

/*
 * Runs before each translated block executes.  Stopping here (uc_emu_stop)
 * keeps the block from executing, so a block that would cross the budget is
 * not started, except as the first block of a run so that every run makes
 * progress.  Time therefore advances per block; see docs/engine.md.
 */
void ue_hook_block(uc_engine *uc, uint64_t address, uint32_t size, void *data)
{
	struct sim_ue *e = data;
	uint64_t n = size / 4;

	if (e->stop_requested || (e->insns + n > e->budget_end && e->insns > e->run_start)) {
		uc_emu_stop(uc);
		return;
	}
	/* A debug break in this block: the model steps through it instead. */
	for (unsigned int i = 0; i < e->dbg_nbrk && !e->dbg_step; i++)
		if (e->dbg_brk[i] - address < size) {
			e->dbg_stopped = true;
			uc_emu_stop(uc);
			return;
		}
	/* Test mode: look at the TLB before anything else runs. */
	if (e->block_cb && !e->block_cb(e->block_ctx)) {
		e->block_cb_failed = true;
		uc_emu_stop(uc);
		return;
	}
	e->blk_pc = address;
	e->blk_base = e->insns;
	/* mftb reads tb_offset: the time at the start of this block. */
	*(int64_t *)e->tb_env = (int64_t)tb_now(e);
	e->insns += n;
}

/*
 * The instruction word at @pc from the code translation QEMU's TLB holds for
 * the current fetch context: the engine translated the block from it, so it
 * is there unless evicted.  Spares an HPT walk per trapped instruction.
 */
static bool fetch_from_tlb(struct sim_ue *e, uint64_t pc, uint32_t *w)
{
	int32_t idx = *ENVP(e, ENV_IMMU_IDX, int32_t);
	const uint64_t *te;
	uint64_t host;

	if (!e->tlb_fast || idx < 0 || (unsigned int)idx >= e->tlb_modes || (pc & 3))
		return false;
	te = ue_tlb_entry(e, (unsigned int)idx, pc);
	if (te[2] == UINT64_MAX || (te[2] & UE_TLB_FLAGS) ||
	    (te[2] & ~UE_TLB_FLAGS) != (pc & ~UE_TLB_FLAGS))
		return false;
	host = pc + te[3];
	if (host < (uintptr_t)e->arena || host + 4 > (uintptr_t)e->arena + e->arena_size)
		return false;
	memcpy(w, (const void *)(uintptr_t)host, 4);
	return true;
}

static uint32_t fetch_insn(struct sim_ue *e, uint64_t pc, bool *ok)
{
	uint64_t ra;
	uint32_t w;

	if (fetch_from_tlb(e, pc, &w)) {
		*ok = true;
		return __builtin_bswap32(w);
	}
	*ok = false;
	uint64_t *msr = ENVP(e, ENV_MSR, uint64_t), saved = *msr;
	bool found;

	/*
	 * QEMU's debug translation follows MSR[DR]; an instruction fetch is
	 * translated as MSR[IR] says, so present IR as DR for the walk.
	 */
	*msr = (saved & ~M_DR) | ((saved & M_IR) ? M_DR : 0);
	found = sim_ue_translate(e, pc, &ra);
	*msr = saved;
	if (!found || ra + 4 > e->arena_size)
		return 0;
	memcpy(&w, e->arena + ra, 4);
	*ok = true;
	return __builtin_bswap32(w);
}

/* Is the instruction at @pc a branch (b, bc, bclr, bcctr, bctar)? */
static bool ends_in_branch(struct sim_ue *e, uint64_t pc)
{
	bool ok;
	uint32_t w = fetch_insn(e, pc, &ok);
	unsigned int po = w >> 26, xo = (w >> 1) & 0x3ff;

	/* Unknown: keep what the engine said. */
	if (!ok)
		return true;
	return po == 16 || po == 18 || (po == 19 && (xo == 16 || xo == 528 || xo == 560));
}

static enum sim_ue_event classify(struct sim_ue *e, uint32_t intno, uint32_t code)
{
	switch (intno) {
	case QX_SYSCALL:
		return SIM_UE_SC;
	case QX_PROGRAM:
		switch (code & QX_PROG_TYPE_MASK) {
		case QX_PROG_PRIV:
			return SIM_UE_PRIV;
		case QX_PROG_TRAP:
			return SIM_UE_TRAP;
		case QX_PROG_INVAL:
			return SIM_UE_ILLEGAL;
		}
		return SIM_UE_OTHER;
	case QX_HV_EMU:
		return SIM_UE_ILLEGAL;
	case QX_DSI:
		return SIM_UE_DSI;
	case QX_ISI:
		return SIM_UE_ISI;
	case QX_DSEG:
		return SIM_UE_DSEG;
	case QX_ISEG:
		return SIM_UE_ISEG;
	case QX_HDSI:
		return SIM_UE_HDSI;
	case QX_HISI:
		return SIM_UE_HISI;
	case QX_ALIGN:
		return SIM_UE_ALIGN;
	case QX_FPU:
		return SIM_UE_FPU;
	case QX_VPU:
		return SIM_UE_VEC;
	case QX_VSXU:
		return SIM_UE_VSX;
	case QX_TRACE:
		return SIM_UE_TRACE;
	}
	return SIM_UE_OTHER;
}

void ue_hook_intr(uc_engine *uc, uint32_t intno, void *data)
{
	struct sim_ue *e = data;
	struct sim_ue_exit *x = e->x;
	uint32_t code = *ENVP(e, ENV_ERROR_CODE, uint32_t);
	/* Unicorn reports every exception with nip one instruction past it. */
	uint64_t pc = *ENVP(e, ENV_NIP, uint64_t) - 4;

	memset(x, 0, sizeof(*x));
	x->ev = classify(e, intno, code);
	x->intno = intno;
	x->error_code = code;
	x->pc = pc;
	/*
	 * The block hook counted the whole block; only the instructions before
	 * the faulting one completed (sc completes, the rest do not).
	 */
	if (x->ev == SIM_UE_TRACE) {
		/*
		 * A trace exception follows a completed block (one instruction
		 * with MSR[SE]; up to its branch with MSR[BE]): nothing to take
		 * back, and pc is the next instruction, the branch target or
		 * not.  The block's last instruction is what was traced.
		 */
		if (e->insns > e->blk_base)
			x->last_pc = e->blk_pc + 4 * (e->insns - e->blk_base - 1);
		/*
		 * With MSR[BE] alone, a block that ends without a branch (at
		 * a page boundary, at QEMU's block size limit) raises its
		 * trace with nip at the next instruction itself, not one past
		 * it: the guest ran that last instruction again and again
		 * (found by the guest-driven fuzzer).  A non-branch always
		 * continues at the next instruction (ISA 2.06 Book III-S
		 * 6.5.15: nothing is traced).
		 */
		if (!(*ENVP(e, ENV_MSR, uint64_t) & M_SE) && e->insns > e->blk_base &&
		    !ends_in_branch(e, x->last_pc)) {
			pc = x->last_pc + 4;
			if (!(*ENVP(e, ENV_MSR, uint64_t) & M_SF))
				pc &= 0xffffffffULL;
			x->pc = pc;
		}
	} else if (e->counting && pc >= e->blk_pc &&
		   pc < e->blk_pc + 4 * (e->insns - e->blk_base)) {
		e->insns = e->blk_base + (pc - e->blk_pc) / 4;
	}
	if (x->ev == SIM_UE_SC) {
		e->insns++;
		x->lev = code;
	}
	switch (x->ev) {
	case SIM_UE_DSI:
	case SIM_UE_ALIGN:
		x->dar = *ENVP(e, ENV_SPR + 8 * SPRN_DAR, uint64_t);
		x->dsisr = (uint32_t)*ENVP(e, ENV_SPR + 8 * SPRN_DSISR, uint64_t);
		break;
	case SIM_UE_DSEG:
		x->dar = *ENVP(e, ENV_SPR + 8 * SPRN_DAR, uint64_t);
		break;
	case SIM_UE_HDSI:
		x->dar = *ENVP(e, ENV_SPR + 8 * SPRN_HDAR, uint64_t);
		x->dsisr = (uint32_t)*ENVP(e, ENV_SPR + 8 * SPRN_HDSISR, uint64_t);
		break;
	case SIM_UE_ISI:
	case SIM_UE_HISI:
		x->srr1_bits = code;
		break;
	default:
		break;
	}
	/*
	 * The model decodes what it emulates; fetching costs an HPT walk, so
	 * only instructions it must decode are fetched.
	 */
	if (x->ev == SIM_UE_PRIV || x->ev == SIM_UE_ILLEGAL || x->ev == SIM_UE_ALIGN ||
	    x->ev == SIM_UE_TRAP || x->ev == SIM_UE_OTHER || x->ev == SIM_UE_FPU ||
	    x->ev == SIM_UE_VEC || x->ev == SIM_UE_VSX)
		x->insn = fetch_insn(e, pc, &x->insn_valid);
	*ENVP(e, ENV_NIP, uint64_t) = pc;
	x->insns = e->insns - e->run_start;
	/*
	 * Offered first: when the stop function goes on, Unicorn's CPU loop
	 * drops the exception and runs on from nip, MSR and hflags as the
	 * function left them (the exception is handled outside any
	 * translated block, so TLB flushes and code invalidation are safe).
	 */
	if (e->stop_fn) {
		uint64_t budget = 0;
		int go = e->stop_fn(e->stop_ctx, x, &budget);

		if (go == SIM_UE_GO_ON) {
			e->resumes++;
			ue_slice_start(e, budget);
			return;
		}
		e->run_done = go == SIM_UE_GO_DONE;
	}
	e->trapped = true;
	uc_emu_stop(uc);
}

void sim_ue_set_block_cb(struct sim_ue *e, bool (*fn)(void *ctx), void *ctx)
{
	e->block_cb = fn;
	e->block_ctx = ctx;
}
