// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of the model's emulation of stopped instructions
 * (sim/emulate.c), called directly with instruction words: privilege per
 * state, SPR access through the table, MSR changes, the SLB and TLB
 * instructions, trap conditions, power-saving and wait, cache-inhibited
 * accesses, and HEA for everything POWER7 lacks.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "cpu.h"
#include "emulate.h"
#include "engine.h"
#include "interrupt.h"
#include "mmu.h"
#include "sim_fixture.h"
#include "spr.h"
#include "timebase.h"
#include "tlb.h"

static struct sim_machine mach;
static struct sim_thread *t;

#define PC	0x4000ULL
#define MSR_USER	(MSR_SF | MSR_ME | MSR_PR | MSR_EE | MSR_IR | MSR_DR)

/* Instruction encodings (ISA 2.06 Book I 1.6 forms). */
#define X(op, rt, ra, rb, xo)	(((uint32_t)(op) << 26) | ((rt) << 21) | ((ra) << 16) | \
				 ((rb) << 11) | ((xo) << 1))
#define D(op, rt, ra, d)	(((uint32_t)(op) << 26) | ((rt) << 21) | ((ra) << 16) | \
				 ((uint32_t)(d) & 0xffff))
#define MFSPR(rt, spr)		X(31, rt, (spr) & 31, ((spr) >> 5) & 31, 339)
#define MTSPR(spr, rs)		X(31, rs, (spr) & 31, ((spr) >> 5) & 31, 467)
#define MFTB(rt, tbr)		X(31, rt, (tbr) & 31, ((tbr) >> 5) & 31, 371)
#define MFMSR(rt)		X(31, rt, 0, 0, 83)
#define MTMSR(rs, l)		X(31, rs, l, 0, 146)
#define MTMSRD(rs, l)		X(31, rs, l, 0, 178)
#define RFID			X(19, 0, 0, 0, 18)
#define HRFID			X(19, 0, 0, 0, 274)
#define RFI			X(19, 0, 0, 0, 50)
#define SLBMTE(rs, rb)		X(31, rs, 0, rb, 402)
#define SLBIE(rb)		X(31, 0, 0, rb, 434)
#define SLBIA			X(31, 0, 0, 0, 498)
#define SLBMFEE(rt, rb)		X(31, rt, 0, rb, 915)
#define SLBMFEV(rt, rb)		X(31, rt, 0, rb, 851)
#define SLBFEE(rt, rb)		(X(31, rt, 0, rb, 979) | 1)
#define TLBIE(rb, rs)		X(31, rs, 0, rb, 306)
#define TLBIEL(rb)		X(31, 0, 0, rb, 274)
#define TLBSYNC			X(31, 0, 0, 0, 566)
#define TW(to, ra, rb)		X(31, to, ra, rb, 4)
#define TD(to, ra, rb)		X(31, to, ra, rb, 68)
#define TWI(to, ra, si)		D(3, to, ra, si)
#define TDI(to, ra, si)		D(2, to, ra, si)
#define NAP			X(19, 0, 0, 0, 434)
#define DOZE			X(19, 0, 0, 0, 402)
#define SLEEP			X(19, 0, 0, 0, 466)
#define RVWINKLE		X(19, 0, 0, 0, 498)
#define WAIT			X(31, 0, 0, 0, 62)
#define LDCIX(rt, ra, rb)	X(31, rt, ra, rb, 885)
#define STWCIX(rs, ra, rb)	X(31, rs, ra, rb, 917)
#define LBZCIX(rt, ra, rb)	X(31, rt, ra, rb, 853)
#define LQARX(rt, ra, rb)	X(31, rt, ra, rb, 276)

static int setup(void **state)
{
	if (sim_machine_init(&mach, 128 * MB, 1))
		return -1;
	t = &mach.threads[0];
	t->msr = MSR_GUEST_REAL;
	t->pc = PC;
	t->spr[SPRN_LPID] = 1;
	return 0;
}

static int teardown(void **state)
{
	sim_machine_destroy(&mach);
	return 0;
}

static enum sim_emu_result emu(uint32_t insn, struct sim_intr *irq)
{
	struct sim_stop_info stop = { .reason = SIM_STOP_INSN, .pc = t->pc, .insn = insn };

	return sim_emulate(t, &stop, irq);
}

/* Run @insn expecting it to complete: PC moves past it. */
static void done(uint32_t insn)
{
	struct sim_intr irq;
	uint64_t pc = t->pc;

	assert_int_equal(emu(insn, &irq), SIM_EMU_DONE);
	assert_int_equal(t->pc, pc + 4);
}

/* Run @insn expecting the interrupt @vec with SRR1 bits @bits; PC stays. */
static void raises(uint32_t insn, unsigned int vec, uint64_t bits)
{
	struct sim_intr irq;
	uint64_t pc = t->pc;

	assert_int_equal(emu(insn, &irq), SIM_EMU_RAISE);
	assert_int_equal(irq.vec, vec);
	assert_int_equal(irq.bits, bits);
	assert_int_equal(t->pc, pc);
	if (vec == BOOK3S_INTERRUPT_H_EMUL_ASSIST)
		assert_int_equal(irq.heir, insn);
}

static void priv(uint32_t insn)
{
	raises(insn, BOOK3S_INTERRUPT_PROGRAM, SRR1_PROGPRIV);
}

/*
 * mfspr/mtspr through the SPR table: a guest kernel reads and writes
 * SPRG0 and DEC; problem state gets the privileged-instruction program
 * interrupt; a hypervisor SPR from the guest kernel too; an SPR number
 * POWER7 lacks is a no-op for the kernel (RT unchanged) and HEA, with the
 * instruction in HEIR, in problem state.
 */
static void test_spr_access(void **state)
{
	t->gpr[5] = 0x1122334455667788ULL;
	done(MTSPR(SPRN_SPRG0, 5));
	assert_int_equal(t->spr[SPRN_SPRG0], 0x1122334455667788ULL);
	done(MFSPR(6, SPRN_SPRG0));
	assert_int_equal(t->gpr[6], 0x1122334455667788ULL);

	t->gpr[5] = 1000;
	done(MTSPR(SPRN_DEC, 5));
	sim_clock_advance(&mach, t, 10);
	done(MFSPR(7, SPRN_DEC));
	assert_int_equal(t->gpr[7], 990);

	priv(MTSPR(SPRN_LPCR, 5));
	priv(MFSPR(7, SPRN_HDEC));

	t->gpr[8] = 0xabc;
	done(MFSPR(8, 815));			/* TAR: ISA 2.07 */
	assert_int_equal(t->gpr[8], 0xabc);

	t->msr = MSR_USER;
	priv(MFSPR(9, SPRN_SPRG0));
	priv(MFSPR(9, SPRN_DEC));
	raises(MFSPR(9, 815), BOOK3S_INTERRUPT_H_EMUL_ASSIST, 0);
	/* mftb encoded as mftb reads the model's TB, from any state. */
	done(MFTB(10, 268));
	assert_int_equal(t->gpr[10], sim_tb_read(t));

	/* The hypervisor may touch hypervisor SPRs. */
	t->msr = MSR_HYP;
	t->gpr[5] = LPCR_HDICE;
	done(MTSPR(SPRN_LPCR, 5));
	assert_int_equal(t->spr[SPRN_LPCR], LPCR_HDICE);
}

/*
 * mfmsr; mtmsrd L=1 changes only EE and RI; L=0 everything but HV, ME and
 * LE; mtmsr only bits 32:63; all privileged.  The new MSR applies after the
 * instruction, and the engine is told.
 */
static void test_msr(void **state)
{
	done(MFMSR(3));
	assert_int_equal(t->gpr[3], MSR_GUEST_REAL);

	t->gpr[4] = ~0ULL;
	t->pcmsr_dirty = false;
	done(MTMSRD(4, 1));
	assert_int_equal(t->msr, MSR_GUEST_REAL | MSR_EE | MSR_RI);
	assert_true(t->pcmsr_dirty);

	t->gpr[4] = MSR_SF | MSR_HV | MSR_IR | MSR_DR;
	done(MTMSRD(4, 0));
	assert_int_equal(t->msr, MSR_SF | MSR_ME | MSR_IR | MSR_DR);

	/* mtmsr leaves bits 0:31 (SF) alone. */
	t->gpr[4] = MSR_EE;
	done(MTMSR(4, 0));
	assert_int_equal(t->msr, MSR_SF | MSR_ME | MSR_EE);

	t->msr = MSR_USER;
	priv(MFMSR(3));
	priv(MTMSRD(4, 1));
	priv(MTMSR(4, 0));
}

/*
 * rfid returns through SRR0/1 and cannot set HV from a guest; hrfid is
 * hypervisor privileged: a guest kernel gets the program interrupt.
 */
static void test_rfid_hrfid(void **state)
{
	struct sim_intr irq;

	t->spr[SPRN_SRR0] = 0x8000;
	t->spr[SPRN_SRR1] = MSR_SF | MSR_HV | MSR_ME | MSR_PR;
	assert_int_equal(emu(RFID, &irq), SIM_EMU_DONE);
	assert_int_equal(t->pc, 0x8000);
	assert_int_equal(t->msr, MSR_SF | MSR_ME | MSR_PR | MSR_EE | MSR_IR | MSR_DR);

	priv(RFID);
	t->msr = MSR_GUEST_KERN;
	priv(HRFID);

	t->msr = MSR_HYP;
	t->spr[SPRN_HSRR0] = 0x9000;
	t->spr[SPRN_HSRR1] = MSR_GUEST_REAL;
	assert_int_equal(emu(HRFID, &irq), SIM_EMU_DONE);
	assert_int_equal(t->pc, 0x9000);
	assert_int_equal(t->msr, MSR_GUEST_REAL);
}

/*
 * slbmte/slbmfee/slbmfev/slbfee./slbie/slbia by a guest kernel act on the
 * model's SLB and make the engine reload it and flush; problem state gets
 * the program interrupt.
 */
static void test_slb(void **state)
{
	struct sim_intr irq;

	t->gpr[5] = 0x10000000 | SLB_ESID_V | 3;
	t->gpr[6] = (0x123ULL << 12) | SLB_VSID_KP;
	t->mirror_dirty = 0;
	t->flush_pending = false;
	done(SLBMTE(6, 5));
	assert_int_equal(t->slb[3].vsid, (0x123ULL << 12) | SLB_VSID_KP);
	assert_true(t->mirror_dirty & SIM_ENG_SLB);
	/* The engine flushes what an SLB change invalidates itself (engine.h). */
	assert_false(t->flush_pending);

	t->gpr[7] = 3;
	done(SLBMFEE(8, 7));
	assert_int_equal(t->gpr[8], 0x10000000 | SLB_ESID_V);
	done(SLBMFEV(8, 7));
	assert_int_equal(t->gpr[8], (0x123ULL << 12) | SLB_VSID_KP);

	/* slbfee.: found sets CR0[EQ] (and copies XER[SO]); not found clears it. */
	t->gpr[9] = 0x10000abc;
	t->xer = 0x80000000;
	t->cr = 0xf0000000;
	done(SLBFEE(10, 9));
	assert_int_equal(t->gpr[10], (0x123ULL << 12) | SLB_VSID_KP);
	assert_int_equal(t->cr, 0x30000000);
	t->gpr[9] = 0x20000000;
	t->xer = 0;
	done(SLBFEE(10, 9));
	assert_int_equal(t->gpr[10], 0);
	assert_int_equal(t->cr, 0);
	/* Only the record form exists. */
	raises(SLBFEE(10, 9) & ~1u, BOOK3S_INTERRUPT_H_EMUL_ASSIST, 0);

	t->gpr[9] = 0x10000000;
	done(SLBIE(9));
	assert_int_equal(t->slb[3].esid & SLB_ESID_V, 0);
	t->slb[0].esid = SLB_ESID_V;
	t->slb[5].esid = 0x50000000 | SLB_ESID_V;
	done(SLBIA);
	assert_int_equal(t->slb[0].esid, SLB_ESID_V);
	assert_int_equal(t->slb[5].esid & SLB_ESID_V, 0);

	t->msr = MSR_USER;
	priv(SLBMTE(6, 5));
	priv(SLBIE(9));
	priv(SLBIA);
	priv(SLBMFEE(8, 7));
	assert_int_equal(emu(SLBFEE(10, 9), &irq), SIM_EMU_RAISE);
}

/*
 * tlbie, tlbiel and tlbsync are hypervisor privileged in ISA 2.06: a guest
 * kernel gets the program interrupt.  In hypervisor state tlbie drops the
 * model's TLB entry for the LPID in RS, and the engine's TLB goes too.
 */
static void test_tlb(void **state)
{
	struct sim_tlb *tlb = sim_tlb_of(t);
	struct sim_tlbe e = { .valid = true, .page_shift = 12, .lpid = 5, .va = 0x123456000ULL,
			      .ra = 0x5000 };

	t->msr = MSR_GUEST_KERN;
	priv(TLBIE(4, 5));
	priv(TLBIEL(4));
	priv(TLBSYNC);

	t->msr = MSR_HYP;
	sim_tlb_insert(tlb, &e);
	assert_int_equal(sim_tlb_count(tlb, 5), 1);
	t->gpr[4] = 0x123456000ULL;
	t->gpr[5] = 4;			/* another LPID: nothing goes */
	done(TLBIE(4, 5));
	assert_int_equal(sim_tlb_count(tlb, 5), 1);
	t->gpr[5] = 5;
	t->flush_pending = false;
	done(TLBIE(4, 5));
	assert_int_equal(sim_tlb_count(tlb, 5), 0);
	assert_true(t->flush_pending);

	/* tlbiel: this core, LPIDR's translations. */
	t->spr[SPRN_LPID] = 5;
	sim_tlb_insert(tlb, &e);
	t->flush_pending = false;
	done(TLBIEL(4));
	assert_int_equal(sim_tlb_count(tlb, 5), 0);
	assert_true(t->flush_pending);
	done(TLBSYNC);
}

/*
 * Trap instructions: the condition is evaluated again (TO bits lt, gt, eq,
 * ltu, gtu); met, a trap type program interrupt at the instruction; not
 * met, a no-op.  Word forms compare the sign-extended low words.
 */
static void test_traps(void **state)
{
	t->gpr[3] = 5;
	t->gpr[4] = 7;
	raises(TW(0x10, 3, 4), BOOK3S_INTERRUPT_PROGRAM, SRR1_PROGTRAP);	/* 5 < 7 */
	done(TW(0x08, 3, 4));						/* 5 > 7: no */
	done(TW(0x04, 3, 4));
	raises(TW(31, 0, 0), BOOK3S_INTERRUPT_PROGRAM, SRR1_PROGTRAP);	/* trap */
	/* Unsigned: -1 >u 5. */
	t->gpr[3] = ~0ULL;
	t->gpr[4] = 5;
	raises(TD(0x01, 3, 4), BOOK3S_INTERRUPT_PROGRAM, SRR1_PROGTRAP);
	done(TD(0x10, 4, 3));						/* 5 < -1: no */
	raises(TD(0x02, 4, 3), BOOK3S_INTERRUPT_PROGRAM, SRR1_PROGTRAP);	/* 5 <u ~0 */
	/* tw looks at the low words only: 0x1_00000005 == 5. */
	t->gpr[3] = 0x100000005ULL;
	raises(TW(0x04, 3, 4), BOOK3S_INTERRUPT_PROGRAM, SRR1_PROGTRAP);
	done(TD(0x04, 3, 4));
	/* Immediate forms, SI sign-extended. */
	t->gpr[3] = (uint64_t)-3;
	raises(TWI(0x04, 3, -3), BOOK3S_INTERRUPT_PROGRAM, SRR1_PROGTRAP);
	raises(TDI(0x10, 3, 0), BOOK3S_INTERRUPT_PROGRAM, SRR1_PROGTRAP);
	done(TDI(0x08, 3, 0));
}

/*
 * nap (and doze, sleep, rvwinkle) idles the hypervisor thread until an
 * enabled wake-up event: the clock moves to the DEC expiry, and the exit is
 * a system reset with SRR1 wake reason "decrementer" and the state-loss
 * code of the instruction, SRR0 after it.  The HDEC does not wake it; with
 * no event possible the run stops.  Below hypervisor state: the program
 * interrupt.
 */
static void test_power_saving(void **state)
{
	struct sim_intr irq;
	uint64_t c0;

	t->msr = MSR_GUEST_KERN;
	priv(NAP);
	t->msr = MSR_USER;
	priv(DOZE);

	t->msr = MSR_HYP;
	t->spr[SPRN_LPCR] = LPCR_PECE1;
	sim_dec_write(t, 1000);
	sim_hdec_write(t, 10);
	c0 = mach.clock;
	assert_int_equal(emu(NAP, &irq), SIM_EMU_RAISE);
	assert_int_equal(irq.vec, BOOK3S_INTERRUPT_SYSTEM_RESET);
	assert_int_equal(irq.bits, SIM_SRR1_WAKE_DEC | SIM_SRR1_WS_KEPT);
	assert_true(irq.next);
	assert_int_equal(mach.clock - c0, 1001);
	/* Idle time is not the thread's execution. */
	assert_int_equal(t->executed, 0);
	/* The DEC exception stays for the handler to take. */
	assert_true(t->pending & SIM_PEND_DEC);

	/* Delivered: system reset at SRR0 = next instruction, HV kept. */
	assert_false(sim_intr_deliver(t, &irq));
	assert_int_equal(t->spr[SPRN_SRR0], PC + 4);
	assert_int_equal(t->spr[SPRN_SRR1] & SIM_SRR1_INT_BITS,
			 SIM_SRR1_WAKE_DEC | SIM_SRR1_WS_KEPT);
	assert_int_equal(t->pc, BOOK3S_INTERRUPT_SYSTEM_RESET);

	/* Without PECE1 the DEC does not wake it, nor does anything else: no time passes. */
	t->msr = MSR_HYP;
	t->pc = PC;
	t->pending = 0;
	t->spr[SPRN_LPCR] = 0;
	sim_dec_write(t, 100);
	c0 = mach.clock;
	assert_int_equal(emu(SLEEP, &irq), SIM_EMU_STOP);
	assert_int_equal(t->pc, PC);
	assert_int_equal(mach.clock, c0);

	/* An external exception with PECE0; sleep and rvwinkle report state loss. */
	t->spr[SPRN_LPCR] = LPCR_PECE0;
	sim_intr_set_external(t, true);
	assert_int_equal(emu(SLEEP, &irq), SIM_EMU_RAISE);
	assert_int_equal(irq.bits, SIM_SRR1_WAKE_EE | SIM_SRR1_WS_LOSS);
	assert_int_equal(emu(RVWINKLE, &irq), SIM_EMU_RAISE);
	assert_int_equal(irq.bits, SIM_SRR1_WAKE_EE | SIM_SRR1_WS_DEEPEST);
	sim_intr_set_external(t, false);

	/* A system reset injected later wakes it, and is the wake-up itself. */
	{
		struct sim_injection inj = { .at = mach.clock + 50, .cpu = 0,
					     .kind = SIM_INJ_SYSTEM_RESET };

		assert_int_equal(sim_inject(&mach, &inj), 0);
	}
	c0 = mach.clock;
	assert_int_equal(emu(DOZE, &irq), SIM_EMU_RAISE);
	assert_int_equal(irq.bits, SIM_SRR1_WAKE_RESET | SIM_SRR1_WS_KEPT);
	assert_int_equal(mach.clock - c0, 50);
	assert_int_equal(t->pending & SIM_PEND_SRESET, 0);
}

/*
 * wait completes and idles until any exception exists (here the DEC going
 * negative), in any state; with nothing ever to come the run stops after it.
 */
static void test_wait(void **state)
{
	struct sim_intr irq;
	uint64_t c0 = mach.clock;

	t->msr = MSR_USER;
	sim_dec_write(t, 30);
	done(WAIT);
	assert_int_equal(mach.clock - c0, 31);
	assert_true(t->pending & SIM_PEND_DEC);

	t->pending = 0;
	sim_dec_write(t, 0x7fffffff);
	sim_hdec_write(t, 0x7fffffff);
	/* Both decrementers far away still bound the wait: it ends at one. */
	assert_int_equal(emu(WAIT, &irq), SIM_EMU_DONE);
	assert_true(t->pending & (SIM_PEND_DEC | SIM_PEND_HDEC));
}

/*
 * Cache-inhibited loads and stores: hypervisor privileged; in hypervisor
 * real mode they access real memory (HRMOR applied); beyond the machine a
 * machine check.
 */
static void test_cache_inhibited(void **state)
{
	uint8_t *p = sim_arena_ptr(&mach.arena, 0x3000000, 16);

	t->msr = MSR_GUEST_KERN;
	priv(LDCIX(3, 4, 5));

	t->msr = MSR_HYP;
	t->spr[SPRN_HRMOR] = 0x2000000;
	fx_store_be64(&mach, 0x3000000, 0x0102030405060708ULL);
	t->gpr[4] = 0x1000000;
	t->gpr[5] = 0;
	done(LDCIX(3, 4, 5));
	assert_int_equal(t->gpr[3], 0x0102030405060708ULL);
	t->gpr[5] = 1;
	done(LBZCIX(3, 4, 5));
	assert_int_equal(t->gpr[3], 0x02);
	t->gpr[6] = 0xaabbccdd;
	t->gpr[5] = 8;
	done(STWCIX(6, 4, 5));
	assert_int_equal(p[8], 0xaa);
	assert_int_equal(p[11], 0xdd);
	/* RA=0 means 0, not r0. */
	t->gpr[0] = 0x1000000;
	t->gpr[5] = 0x1000000;
	done(LBZCIX(3, 0, 5));
	assert_int_equal(t->gpr[3], 0x01);

	t->gpr[4] = 0x7000000000ULL;
	raises(LDCIX(3, 4, 5), BOOK3S_INTERRUPT_MACHINE_CHECK, 0);
}

/*
 * Words POWER7 does not execute: reserved opcodes, ISA 2.07 lqarx, the
 * 32-bit rfi, unknown extended opcodes: HEA with HEIR = the word, also in
 * problem state (illegal takes precedence over privileged).
 */
static void test_hea(void **state)
{
	raises(0x00000000, BOOK3S_INTERRUPT_H_EMUL_ASSIST, 0);
	raises(LQARX(6, 0, 4), BOOK3S_INTERRUPT_H_EMUL_ASSIST, 0);
	raises(RFI, BOOK3S_INTERRUPT_H_EMUL_ASSIST, 0);
	raises(X(31, 0, 0, 0, 1023), BOOK3S_INTERRUPT_H_EMUL_ASSIST, 0);
	raises(0xfc000000 | (999 << 1), BOOK3S_INTERRUPT_H_EMUL_ASSIST, 0);
	t->msr = MSR_USER;
	raises(0x00000200, BOOK3S_INTERRUPT_H_EMUL_ASSIST, 0);	/* attn */
	raises(X(19, 0, 0, 0, 1000), BOOK3S_INTERRUPT_H_EMUL_ASSIST, 0);
}

/* 32-bit mode: the next instruction address wraps within the low word. */
static void test_32bit_pc(void **state)
{
	t->msr = MSR_ME;
	t->pc = 0xfffffffcULL;
	t->gpr[5] = 1;
	{
		struct sim_intr irq;

		assert_int_equal(emu(MTSPR(SPRN_SPRG1, 5), &irq), SIM_EMU_DONE);
	}
	assert_int_equal(t->pc, 0);
}

#define T(f)	cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_spr_access), T(test_msr), T(test_rfid_hrfid), T(test_slb), T(test_tlb),
		T(test_traps), T(test_power_saving), T(test_wait), T(test_cache_inhibited),
		T(test_hea), T(test_32bit_pc),
	};

	return cmocka_run_group_tests_name("emulate", tests, NULL, NULL);
}
