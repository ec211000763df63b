// SPDX-License-Identifier: GPL-2.0-only
/*
 * Emulation of the instructions the engine stops on (sim/emulate.h).
 *
 * The engine runs every guest at its own problem state, so it stops on each
 * privileged instruction a guest kernel executes, on every word it cannot
 * decode (instructions POWER7 lacks, and the POWER7 ones its CPU model lacks:
 * tlbie, tlbiel, nap, doze, sleep, rvwinkle, wait), on a trap instruction
 * whose condition is met, and on mffs and mcrfs (sim/fpscr.c).  For one instruction word the model:
 *
 *  1. Decodes the primary and extended opcode.  A word that is no POWER7
 *     instruction gives the Hypervisor Emulation Assistance interrupt with
 *     HEIR = the word (ISA 2.06 Book III-S 6.5.18), in every state: illegal
 *     takes precedence over privileged.
 *  2. Checks privilege.  A privileged instruction in problem state, or a
 *     hypervisor-privileged one below hypervisor state (a guest kernel),
 *     gives the Privileged Instruction type Program interrupt, SRR1[45], to
 *     the OS (6.5.9).  POWER7 has no LPCR[EVIRT] (ISA 3.0), so no HEA for
 *     these; spr.c applies the same rule to the hypervisor SPRs.
 *  3. Performs it with the model's own functions (SPR table, MSR changes,
 *     SLB, TLB, time) and moves PC past it.
 *
 * Translation state changes reach the engine through the model's mirror:
 * slbmte/slbie/slbia, tlbie/tlbiel and mtspr SDR1/LPCR/LPID/AMR record what
 * the engine must reload or flush (sim_cpu_mirror); MSR changes go through
 * sim_cpu_set_pc_msr, which switches the engine's execution context.
 */
#include "emulate.h"

#include <string.h>

#include "cpu.h"
#include "engine.h"
#include "fpscr.h"
#include "hv_env_sim.h"
#include "interrupt.h"
#include "mmu.h"
#include "spr.h"
#include "timebase.h"
#include "tlb.h"

/* Instruction fields (ISA 2.06 Book I 1.6, MSB-0 bit numbers in comments). */
#define F_PO(i)		((i) >> 26)			/* 0:5 */
#define F_RT(i)		(((i) >> 21) & 31)		/* 6:10: RT, RS, TO */
#define F_RA(i)		(((i) >> 16) & 31)		/* 11:15 */
#define F_RB(i)		(((i) >> 11) & 31)		/* 16:20 */
#define F_XO(i)		(((i) >> 1) & 0x3ff)		/* 21:30 */
#define F_RC(i)		((i) & 1)			/* 31 */
#define F_L15(i)	(((i) >> 16) & 1)		/* 15: mtmsr(d) L */
#define F_SI(i)		((int64_t)(int16_t)((i) & 0xffff))
/* mfspr/mtspr: the SPR number's halves are swapped in bits 11:20. */
#define F_SPR(i)	((((i) >> 16) & 31) | (((i) >> 6) & 0x3e0))

/* Primary opcodes. */
#define PO_TDI		2
#define PO_TWI		3
#define PO_XL		19
#define PO_X		31
#define PO_FP		63

/* Extended opcodes of primary 19. */
#define XL_RFID		18
#define XL_HRFID	274
#define XL_DOZE		402
#define XL_NAP		434
#define XL_SLEEP	466
#define XL_RVWINKLE	498

/* Extended opcodes of primary 31. */
#define X_TW		4
#define X_ICBI		982
/* POWER7's cache block, the unit of icbi and dcbz. */
#define SIM_ICACHE_BLOCK	128
#define X_WAIT		62
#define X_TD		68
#define X_MFMSR		83
#define X_MTMSR		146
#define X_MTMSRD	178
#define X_TLBIEL	274
#define X_TLBIE		306
#define X_MFSPR		339
#define X_MFTB		371
#define X_SLBMTE	402
#define X_SLBIE		434
#define X_MTSPR		467
#define X_SLBIA		498
#define X_TLBSYNC	566
#define X_LWZCIX	789
#define X_LHZCIX	821
#define X_SLBMFEV	851
#define X_LBZCIX	853
#define X_LDCIX		885
#define X_SLBMFEE	915
#define X_STWCIX	917
#define X_STHCIX	949
#define X_SLBFEE	979
#define X_STBCIX	981
#define X_STDCIX	1013

/* CR0 and XER bits for slbfee. (Book I 2.3.1, 3.2.2). */
#define CR0_SHIFT	28
#define CR_EQ		0x2u
#define CR_SO		0x1u
#define XER_SO		0x80000000ULL

/* Power-saving instructions wait for at most this many timer steps. */
#define IDLE_MAX_STEPS	64

/* The level the instruction needs, as enum sim_spr_priv names it. */
static bool allowed(const struct sim_thread *t, unsigned int need)
{
	return sim_spr_level(t->msr) >= need;
}

static enum sim_emu_result raise_priv(struct sim_intr *irq)
{
	*irq = sim_intr_program(SRR1_PROGPRIV);
	return SIM_EMU_RAISE;
}

static enum sim_emu_result raise_hea(struct sim_intr *irq, uint32_t insn)
{
	*irq = sim_intr_hea(insn);
	return SIM_EMU_RAISE;
}

enum sim_emu_result sim_emu_done(struct sim_thread *t)
{
	t->pc += 4;
	if (!(t->msr & MSR_SF))
		t->pc &= 0xffffffffULL;
	return SIM_EMU_DONE;
}

/* ---- trap instructions ---------------------------------------------------------- */

/*
 * The trap condition of tw/twi/td/tdi (ISA 2.06 Book I 3.3.11): TO bits
 * 0:4 select a < b, a > b, a = b (signed) and a <u b, a >u b.
 */
static bool trap_condition(unsigned int to, int64_t a, int64_t b)
{
	return ((to & 0x10) && a < b) || ((to & 0x08) && a > b) || ((to & 0x04) && a == b) ||
	       ((to & 0x02) && (uint64_t)a < (uint64_t)b) ||
	       ((to & 0x01) && (uint64_t)a > (uint64_t)b);
}

/*
 * The engine stops on a trap instruction only when its condition holds;
 * the model evaluates it again, so that a disagreement shows as a trap
 * that does not happen rather than a spurious program interrupt.  Trap
 * type Program interrupt: SRR1[46], SRR0 = the trap instruction (6.5.9).
 */
static enum sim_emu_result emulate_trap(struct sim_thread *t, uint32_t insn, bool dword,
					bool imm, struct sim_intr *irq)
{
	int64_t a = (int64_t)t->gpr[F_RA(insn)];
	int64_t b = imm ? F_SI(insn) : (int64_t)t->gpr[F_RB(insn)];

	if (!dword) {
		/* Word forms compare the sign-extended low words. */
		a = (int32_t)a;
		b = (int32_t)b;
	}
	if (!trap_condition(F_RT(insn), a, b))
		return sim_emu_done(t);
	*irq = sim_intr_program(SRR1_PROGTRAP);
	return SIM_EMU_RAISE;
}

/* ---- mfspr / mtspr ---------------------------------------------------------------- */

/*
 * mfspr/mtspr as sim_spr_access performs them for the thread's privilege:
 * the value with its width and side effects, a no-op, or the program
 * interrupt / HEA POWER7 raises (spr.c says which).  An HEA carries the
 * instruction image, which only this level knows.
 */
static enum sim_emu_result emulate_spr(struct sim_thread *t, uint32_t insn, bool write,
				       struct sim_intr *irq)
{
	unsigned int rt = F_RT(insn);
	uint64_t val = write ? t->gpr[rt] : 0;

	switch (sim_spr_access(t, F_SPR(insn), write, &val, irq)) {
	case SIM_SPR_DONE:
		if (!write)
			t->gpr[rt] = val;
		return sim_emu_done(t);
	case SIM_SPR_NOOP:
		return sim_emu_done(t);
	case SIM_SPR_RAISE:
		if (irq->vec == BOOK3S_INTERRUPT_H_EMUL_ASSIST)
			irq->heir = insn;
		return SIM_EMU_RAISE;
	}
	return SIM_EMU_RAISE;
}

/* ---- idle: nap, doze, sleep, rvwinkle, wait ------------------------------------------ */

/*
 * Why a napping thread wakes (ISA 2.06 Book III-S, Power-Saving Modes, with POWER7's
 * LPCR[PECE]): a system reset always; an HMI always; an external
 * exception when PECE0 is set; a decrementer exception when PECE1 is set.
 * The hypervisor decrementer does not wake a napping thread (the kernel's
 * KVM cede path loads DEC with min(DEC, HDEC) for that reason).  Returns
 * the SRR1 wake reason, 0 for none.
 */
static uint64_t nap_wake_reason(struct sim_thread *t)
{
	uint64_t lpcr = t->spr[SPRN_LPCR];

	if (t->pending & SIM_PEND_SRESET)
		return SIM_SRR1_WAKE_RESET;
	if (t->pending & SIM_PEND_HMI)
		return SIM_SRR1_WAKE_HMI;
	if ((t->ext_level || (t->pending & SIM_PEND_EXT)) && (lpcr & LPCR_PECE0))
		return SIM_SRR1_WAKE_EE;
	if ((t->pending & SIM_PEND_DEC) && (lpcr & LPCR_PECE1))
		return SIM_SRR1_WAKE_DEC;
	return 0;
}

/* wait (ISA 2.06 Book II, the Wait instruction): any exception that exists ends it. */
static uint64_t wait_reason(struct sim_thread *t)
{
	return t->pending || t->ext_level;
}

static uint64_t min2(uint64_t a, uint64_t b)
{
	return a < b ? a : b;
}

/*
 * Idle until @reason finds a reason to go on, in the steps:
 *  1. make due injections pending and bring the decrementers up to date;
 *  2. stop when there is a reason;
 *  3. else let time pass up to the next scheduled injection, or decrementer
 *     crossing when @timers can give a reason (an idle thread executes
 *     nothing: the machine clock moves, the thread's own instruction count
 *     and PURR do not), and repeat.
 * Returns the reason, or 0 when nothing can ever happen; then no time has
 * passed beyond the last event.
 */
static uint64_t idle_until(struct sim_thread *t, uint64_t (*reason)(struct sim_thread *),
			   bool timers)
{
	struct sim_machine *m = t->m;

	for (unsigned int step = 0; step < IDLE_MAX_STEPS; step++) {
		uint64_t why, n;

		/* 1. */
		sim_inject_fire(m);
		sim_timers_update(t);
		/* 2. */
		why = reason(t);
		if (why)
			return why;
		/* 3. */
		n = sim_inject_next(m);
		if (timers)
			n = min2(n, sim_timers_next(t));
		if (n == UINT64_MAX)
			return 0;
		sim_clock_advance(m, NULL, n);
	}
	return 0;
}

/*
 * nap, doze, sleep, rvwinkle (ISA 2.06 Book III-S, Power-Saving Modes): hypervisor
 * privileged.  The thread idles until a wake-up event; the exit from the
 * power-saving mode is a System Reset interrupt with SRR0 = the next
 * instruction, SRR1[42:45] = the reason and SRR1[46:47] = how much state
 * was kept.  The model keeps every register in all four modes and reports
 * 0b01 for nap and doze, 0b10 for sleep and 0b11 for rvwinkle, which is
 * what POWER7 software expects to restore.  No event possible at all: the
 * run stops at the instruction (the host must make one).
 */
static enum sim_emu_result emulate_power_save(struct sim_thread *t, unsigned int xo,
					      struct sim_intr *irq)
{
	uint64_t why, state;

	if (!allowed(t, SIM_SPR_HYP))
		return raise_priv(irq);
	/* Only a decrementer exception (LPCR[PECE1]) is a wake-up time can bring. */
	why = idle_until(t, nap_wake_reason, t->spr[SPRN_LPCR] & LPCR_PECE1);
	if (!why)
		return SIM_EMU_STOP;
	/* The system reset that woke the thread is the wake-up itself. */
	if (why == SIM_SRR1_WAKE_RESET)
		t->pending &= ~SIM_PEND_SRESET;
	state = xo == XL_SLEEP ? SIM_SRR1_WS_LOSS :
		xo == XL_RVWINKLE ? SIM_SRR1_WS_DEEPEST : SIM_SRR1_WS_KEPT;
	memset(irq, 0, sizeof(*irq));
	irq->vec = BOOK3S_INTERRUPT_SYSTEM_RESET;
	irq->bits = why | state;
	irq->next = true;
	return SIM_EMU_RAISE;
}

/*
 * wait (ISA 2.06 Book II, the Wait instruction; any privilege): the instruction completes
 * and the thread executes nothing until an exception exists; the run loop
 * then delivers it if it is enabled.  With nothing ever to come, the run
 * stops after it.
 */
static enum sim_emu_result emulate_wait(struct sim_thread *t)
{
	bool woke = idle_until(t, wait_reason, true);

	sim_emu_done(t);
	return woke ? SIM_EMU_DONE : SIM_EMU_STOP;
}

/* ---- cache-inhibited loads and stores (hypervisor) ------------------------------------ */

static uint64_t load_be(const uint8_t *p, unsigned int size)
{
	uint64_t v = 0;

	for (unsigned int i = 0; i < size; i++)
		v = (v << 8) | p[i];
	return v;
}

static void store_be(uint8_t *p, unsigned int size, uint64_t v)
{
	for (unsigned int i = size; i-- > 0; v >>= 8)
		p[i] = (uint8_t)v;
}

/*
 * l[bhwd]zcix / st[bhwd]cix (ISA 2.06 Book III-S, Fixed-Point Load and Store
 * Caching Inhibited Instructions; hypervisor
 * privileged): an access to EA = (RA|0) + (RB) as caching inhibited.  The
 * model has no caches, so it is an ordinary access translated by the
 * thread's MSR; a real address outside the machine is a machine check.
 */
static enum sim_emu_result emulate_ci(struct sim_thread *t, uint32_t insn, unsigned int size,
				      bool store, struct sim_intr *irq)
{
	struct sim_machine *m = t->m;
	unsigned int ra = F_RA(insn);
	uint64_t ea = (ra ? t->gpr[ra] : 0) + t->gpr[F_RB(insn)];
	struct sim_xlate x;
	uint8_t *p;

	if (!allowed(t, SIM_SPR_HYP))
		return raise_priv(irq);
	if (sim_mmu_xlate(t, ea, store ? SIM_ACC_STORE : SIM_ACC_LOAD, 0, &x, irq))
		return SIM_EMU_RAISE;
	p = sim_arena_ptr(&m->arena, x.ra, size);
	if (!p) {
		memset(irq, 0, sizeof(*irq));
		irq->vec = BOOK3S_INTERRUPT_MACHINE_CHECK;
		return SIM_EMU_RAISE;
	}
	if (store) {
		store_be(p, size, t->gpr[F_RT(insn)]);
		/* Code the engine translated from there must go. */
		if (sim_host.code_written)
			sim_host.code_written(sim_host.code_ctx, x.ra, size);
	} else {
		t->gpr[F_RT(insn)] = load_be(p, size);
	}
	return sim_emu_done(t);
}

/*
 * icbi RA,RB (ISA 2.06 Book II 4.3.1, Instruction Cache Instructions): the
 * block containing EA = (RA|0) + (RB) is no longer valid in the instruction
 * cache, so the next fetch from it sees what stores (of any agent) put there.
 * Here the cache is the engine's translated code: what it translated from
 * the 128-byte block goes.  The EA is translated as a load would be; a
 * translation fault is the storage interrupt a load would take.
 */
static enum sim_emu_result emulate_icbi(struct sim_thread *t, uint32_t insn, struct sim_intr *irq)
{
	unsigned int ra = F_RA(insn);
	uint64_t ea = (ra ? t->gpr[ra] : 0) + t->gpr[F_RB(insn)];
	struct sim_xlate x;

	if (!(t->msr & MSR_SF))
		ea &= 0xffffffffULL;
	if (sim_mmu_xlate(t, ea, SIM_ACC_LOAD, SIM_XL_PROBE, &x, irq))
		return SIM_EMU_RAISE;
	if (sim_host.code_written)
		sim_host.code_written(sim_host.code_ctx, x.ra & ~(SIM_ICACHE_BLOCK - 1ULL),
				      SIM_ICACHE_BLOCK);
	return sim_emu_done(t);
}

/* ---- the SLB and TLB instructions -------------------------------------------------------- */

/*
 * slbfee. RT,RB (ISA 2.06 Book III-S 5.9.3, SLB Management Instructions):
 * the VSID doubleword of the entry translating EA (RB), or 0; CR0[EQ] says
 * whether one was found, and CR0[SO] copies XER[SO].
 */
static void emulate_slbfee(struct sim_thread *t, uint32_t insn)
{
	const struct sim_slbe *e = sim_slb_find(t, t->gpr[F_RB(insn)]);
	unsigned int cr0 = (t->xer & XER_SO) ? CR_SO : 0;

	t->gpr[F_RT(insn)] = e ? e->vsid : 0;
	if (e)
		cr0 |= CR_EQ;
	t->cr = (t->cr & ~(0xfULL << CR0_SHIFT)) | ((uint64_t)cr0 << CR0_SHIFT);
}

/*
 * tlbie RB,RS (5.9.3.3): every core drops the translations of the page RB
 * names for the LPID in RS.  tlbiel RB (5.9.3.4): this core, LPIDR.  The
 * engine caches by effective address and cannot tell which one the VA had,
 * so every thread's engine TLB is flushed.
 */
static void emulate_tlbie(struct sim_thread *t, uint32_t insn, bool local)
{
	struct sim_machine *m = t->m;

	if (local) {
		sim_tlb_tlbiel(t, t->gpr[F_RB(insn)]);
		sim_cpu_mirror(t, 0, true);
		return;
	}
	sim_tlb_tlbie(m, t->gpr[F_RB(insn)], t->gpr[F_RT(insn)] & LPID_RSVD);
	for (unsigned int i = 0; i < m->nthreads; i++)
		sim_cpu_mirror(&m->threads[i], 0, true);
}

/* ---- decode ------------------------------------------------------------------------------ */

static enum sim_emu_result emulate_xl(struct sim_thread *t, uint32_t insn, struct sim_intr *irq)
{
	switch (F_XO(insn)) {
	case XL_RFID:
		/* rfid (4.4.2): privileged. */
		if (!allowed(t, SIM_SPR_PRIV))
			return raise_priv(irq);
		sim_cpu_rfid(t);
		return SIM_EMU_DONE;
	case XL_HRFID:
		/* hrfid (4.4.2): hypervisor privileged. */
		if (!allowed(t, SIM_SPR_HYP))
			return raise_priv(irq);
		sim_cpu_hrfid(t);
		return SIM_EMU_DONE;
	case XL_DOZE:
	case XL_NAP:
	case XL_SLEEP:
	case XL_RVWINKLE:
		return emulate_power_save(t, F_XO(insn), irq);
	}
	return raise_hea(irq, insn);
}

static enum sim_emu_result emulate_x(struct sim_thread *t, uint32_t insn, struct sim_intr *irq)
{
	unsigned int xo = F_XO(insn);

	switch (xo) {
	case X_TW:
	case X_TD:
		return emulate_trap(t, insn, xo == X_TD, false, irq);
	case X_MFSPR:
	case X_MFTB:
		/* mftb is served by the engine; one that stops reads like mfspr. */
		return emulate_spr(t, insn, false, irq);
	case X_MTSPR:
		return emulate_spr(t, insn, true, irq);
	case X_WAIT:
		return emulate_wait(t);
	case X_ICBI:
		return emulate_icbi(t, insn, irq);
	}

	/* Everything below is privileged or hypervisor privileged. */
	switch (xo) {
	case X_MFMSR:
		if (!allowed(t, SIM_SPR_PRIV))
			return raise_priv(irq);
		t->gpr[F_RT(insn)] = t->msr;
		return sim_emu_done(t);
	case X_MTMSR:
	case X_MTMSRD:
		/* (4.4.3) The new MSR applies from the next instruction on. */
		if (!allowed(t, SIM_SPR_PRIV))
			return raise_priv(irq);
		sim_emu_done(t);
		sim_cpu_mtmsr(t, t->gpr[F_RT(insn)], F_L15(insn), xo == X_MTMSR);
		return SIM_EMU_DONE;
	case X_SLBMTE:
		if (!allowed(t, SIM_SPR_PRIV))
			return raise_priv(irq);
		sim_slb_mte(t, t->gpr[F_RT(insn)], t->gpr[F_RB(insn)]);
		return sim_emu_done(t);
	case X_SLBIE:
		if (!allowed(t, SIM_SPR_PRIV))
			return raise_priv(irq);
		sim_slb_ie(t, t->gpr[F_RB(insn)]);
		return sim_emu_done(t);
	case X_SLBIA:
		if (!allowed(t, SIM_SPR_PRIV))
			return raise_priv(irq);
		sim_slb_ia(t);
		return sim_emu_done(t);
	case X_SLBMFEE:
	case X_SLBMFEV:
		/* RB bits 52:63 index the SLB. */
		if (!allowed(t, SIM_SPR_PRIV))
			return raise_priv(irq);
		t->gpr[F_RT(insn)] = xo == X_SLBMFEE ?
			sim_slb_mfee(t, t->gpr[F_RB(insn)] & 0xfff) :
			sim_slb_mfev(t, t->gpr[F_RB(insn)] & 0xfff);
		return sim_emu_done(t);
	case X_SLBFEE:
		/* Only the Rc=1 form exists. */
		if (!F_RC(insn))
			return raise_hea(irq, insn);
		if (!allowed(t, SIM_SPR_PRIV))
			return raise_priv(irq);
		emulate_slbfee(t, insn);
		return sim_emu_done(t);
	case X_TLBIE:
	case X_TLBIEL:
		/*
		 * Hypervisor privileged in ISA 2.06: a guest kernel gets the
		 * program interrupt (ISA 3.0's LPCR[GTSE] does not exist).
		 */
		if (!allowed(t, SIM_SPR_HYP))
			return raise_priv(irq);
		emulate_tlbie(t, insn, xo == X_TLBIEL);
		return sim_emu_done(t);
	case X_TLBSYNC:
		/* Hypervisor privileged; the model's tlbie completes at once. */
		if (!allowed(t, SIM_SPR_HYP))
			return raise_priv(irq);
		return sim_emu_done(t);
	case X_LBZCIX:
		return emulate_ci(t, insn, 1, false, irq);
	case X_LHZCIX:
		return emulate_ci(t, insn, 2, false, irq);
	case X_LWZCIX:
		return emulate_ci(t, insn, 4, false, irq);
	case X_LDCIX:
		return emulate_ci(t, insn, 8, false, irq);
	case X_STBCIX:
		return emulate_ci(t, insn, 1, true, irq);
	case X_STHCIX:
		return emulate_ci(t, insn, 2, true, irq);
	case X_STWCIX:
		return emulate_ci(t, insn, 4, true, irq);
	case X_STDCIX:
		return emulate_ci(t, insn, 8, true, irq);
	}
	return raise_hea(irq, insn);
}

enum sim_emu_result sim_emulate(struct sim_thread *t, const struct sim_stop_info *stop,
				struct sim_intr *irq)
{
	uint32_t insn = stop->insn;

	memset(irq, 0, sizeof(*irq));
	switch (F_PO(insn)) {
	case PO_TDI:
	case PO_TWI:
		return emulate_trap(t, insn, F_PO(insn) == PO_TDI, true, irq);
	case PO_XL:
		return emulate_xl(t, insn, irq);
	case PO_X:
		return emulate_x(t, insn, irq);
	case PO_FP:
		return sim_emulate_fp(t, insn, irq);
	}
	/*
	 * Any other word the engine stops on is one POWER7 does not execute:
	 * reserved opcodes and ISA 2.07+ instructions (lqarx, stqcx., ...),
	 * which the engine's opcode filter makes stop as illegal.
	 */
	return raise_hea(irq, insn);
}

void sim_emulate_install(struct sim_machine *m)
{
	m->emulate = sim_emulate;
}
