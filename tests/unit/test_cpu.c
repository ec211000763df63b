// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of the thread model and run loop (sim/cpu.c) on the null
 * engine: MSR changes (mtmsr/mtmsrd, rfid, hrfid), the engine mirroring, and
 * sim_run's handling of each engine stop, of timers and of injection, down
 * to hv_enter_guest on the model.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "cpu.h"
#include "engine.h"
#include "hv_env.h"
#include "interrupt.h"
#include "mmu.h"
#include "sim_fixture.h"
#include "timebase.h"

static struct sim_machine mach;
static struct sim_thread *t;
static struct sim_engine *eng;

#define START	0x400000ULL
/* A guest kernel, translation off, EE on (DEC deliverable): SF | EE | ME. */
#define GREAL	(MSR_SF | MSR_EE | MSR_ME)

static int setup(void **state)
{
	if (sim_machine_init(&mach, 128 * MB, 1))
		return -1;
	sim_machine_select(&mach, 0);
	mach.log_level = 0;
	t = mach.cur;
	eng = sim_engine_null_create(&mach);
	sim_engine_attach(&mach, eng);
	t->msr = GREAL;
	t->pc = START;
	/* No VRMA, RMA of 256 GB at 0: every guest real address translates. */
	t->spr[SPRN_LPCR] = LPCR_HDICE;
	return 0;
}

static int teardown(void **state)
{
	sim_machine_destroy(&mach);
	return 0;
}

static const struct sim_engine_null_stats *stats(void)
{
	return sim_engine_null_stats(eng);
}

static void queue(uint64_t after, struct sim_stop_info s)
{
	assert_int_equal(sim_engine_null_queue(eng, after, &s), 0);
}

/* With nothing happening, the budget runs out: PC and clock advance. */
static void test_budget(void **state)
{
	assert_int_equal(sim_run(t, 100), 0);
	assert_int_equal(mach.clock, 100);
	assert_int_equal(t->pc, START + 400);
	assert_int_equal(t->executed, 100);
	assert_string_equal(mach.engine_error, "");
	/* The first run gave the engine everything. */
	assert_int_equal(stats()->put_regs, 1);
	assert_int_equal(stats()->last_mmu_what, SIM_ENG_ALL);
	assert_true(stats()->tlb_flush >= 1);
	/* Nothing changed since: the next run does not reload. */
	assert_int_equal(sim_run(t, 10), 0);
	assert_int_equal(stats()->put_regs, 1);
	assert_int_equal(stats()->mmu_changed, 1);
}

/*
 * sc 1 after 10 instructions: the sc completes (clock 11), SRR0 = the
 * instruction after it, MSR[HV] set, and the run returns 0xc00.
 */
static void test_sc1_exit(void **state)
{
	queue(10, (struct sim_stop_info){ .reason = SIM_STOP_SC, .insn = 0x44000022 });
	assert_int_equal(sim_run(t, 1000), BOOK3S_INTERRUPT_SYSCALL);
	assert_int_equal(mach.clock, 11);
	assert_int_equal(t->spr[SPRN_SRR0], START + 40 + 4);
	assert_int_equal(t->spr[SPRN_SRR1], GREAL);
	assert_int_equal(t->msr, MSR_SF | MSR_HV | MSR_ME);
	/* A thread in hypervisor state does not run on the engine. */
	assert_int_equal(sim_run(t, 10), 0);
	assert_string_not_equal(mach.engine_error, "");
}

/* sc 0 goes to the guest's 0xc00 and the guest goes on. */
static void test_sc0_stays_in_guest(void **state)
{
	queue(10, (struct sim_stop_info){ .reason = SIM_STOP_SC, .insn = 0x44000002 });
	assert_int_equal(sim_run(t, 100), 0);
	assert_int_equal(t->spr[SPRN_SRR0], START + 44);
	/* 11 used, 89 left, run from 0xc00. */
	assert_int_equal(t->pc, 0xc00 + 89 * 4);
	assert_int_equal(mach.clock, 100);
	/* SRR0/1 reach the engine (it serves them in supervisor state): a reload. */
	assert_true(stats()->put_regs >= 2);
}

/*
 * HDEC = 50 with LPCR[HDICE]: it reaches -1 after 51 ticks, so the run
 * stops at exactly instruction 51 with 0x980, HSRR0 = the 52nd instruction.
 */
static void test_hdec_exit(void **state)
{
	sim_hdec_write(t, 50);
	t->msr = MSR_SF | MSR_ME;	/* EE = 0: HDEC still comes */
	assert_int_equal(sim_run(t, 1000), BOOK3S_INTERRUPT_HV_DECREMENTER);
	assert_int_equal(mach.clock, 51);
	assert_int_equal(t->spr[SPRN_HSRR0], START + 51 * 4);
	assert_int_equal(t->spr[SPRN_HSRR1], MSR_SF | MSR_ME);
}

/* DEC = 20 with EE = 1: the guest takes 0x900 after 21 instructions and continues. */
static void test_dec_to_guest(void **state)
{
	sim_dec_write(t, 20);
	assert_int_equal(sim_run(t, 30), 0);
	assert_int_equal(t->last_irq.vec, BOOK3S_INTERRUPT_DECREMENTER);
	assert_int_equal(t->spr[SPRN_SRR0], START + 21 * 4);
	assert_int_equal(t->pc, 0x900 + 9 * 4);
}

/* An instruction the engine stops on, with no emulation: HEA with HEIR. */
static void test_insn_without_emulation(void **state)
{
	queue(3, (struct sim_stop_info){ .reason = SIM_STOP_INSN, .insn = 0x7c0004ac });
	assert_int_equal(sim_run(t, 100), BOOK3S_INTERRUPT_H_EMUL_ASSIST);
	assert_int_equal(t->spr[SPRN_HEIR], 0x7c0004ac);
	assert_int_equal(t->spr[SPRN_HSRR0], START + 12);
	assert_int_equal(mach.clock, 3);
}

static int emu_mode;

static enum sim_emu_result emu(struct sim_thread *th, const struct sim_stop_info *s,
			       struct sim_intr *irq)
{
	switch (emu_mode) {
	case 0:
		th->gpr[3] = 42;
		th->pc += 4;
		return SIM_EMU_DONE;
	case 1:
		*irq = sim_intr_program(SRR1_PROGPRIV);
		return SIM_EMU_RAISE;
	case 2:
		th->pc += 4;
		th->m->stop_request = true;
		return SIM_EMU_DONE;
	}
	return SIM_EMU_STOP;
}

/* The emulation hook: emulated, raising a program interrupt, stopping. */
static void test_emulation_hook(void **state)
{
	mach.emulate = emu;
	emu_mode = 0;
	queue(5, (struct sim_stop_info){ .reason = SIM_STOP_INSN, .insn = 0x7c0000a6 });
	assert_int_equal(sim_run(t, 10), 0);
	assert_int_equal(t->gpr[3], 42);
	/* 5 + the emulated one + 4 more. */
	assert_int_equal(t->pc, START + 40);
	assert_int_equal(mach.clock, 10);
	assert_int_equal(stats()->put_regs, 2);

	emu_mode = 1;
	queue(0, (struct sim_stop_info){ .reason = SIM_STOP_INSN });
	assert_int_equal(sim_run(t, 1), 0);
	assert_int_equal(t->last_irq.vec, BOOK3S_INTERRUPT_PROGRAM);
	assert_int_equal(t->spr[SPRN_SRR1], GREAL | SRR1_PROGPRIV);
	assert_int_equal(t->spr[SPRN_SRR0], START + 40);

	emu_mode = 2;
	queue(0, (struct sim_stop_info){ .reason = SIM_STOP_INSN });
	assert_int_equal(sim_run(t, 100), 0);
	assert_int_equal(t->pc, 0x700 + 4 + 4);

	emu_mode = 3;
	queue(0, (struct sim_stop_info){ .reason = SIM_STOP_INSN });
	assert_int_equal(sim_run(t, 100), 0);
	mach.emulate = NULL;
}

/*
 * Storage stops: the model's MMU decides.  No SLB entry: the guest's data
 * segment interrupt.  With VPM1 and no HPTE: HDSI to the hypervisor.
 */
static void test_storage_stops(void **state)
{
	t->msr = MSR_GUEST_KERN;
	queue(2, (struct sim_stop_info){ .reason = SIM_STOP_STORAGE, .ea = 0x20000000,
					 .access = SIM_ACC_LOAD });
	assert_int_equal(sim_run(t, 2), 0);
	assert_int_equal(t->last_irq.vec, BOOK3S_INTERRUPT_DATA_SEGMENT);
	assert_int_equal(t->spr[SPRN_DAR], 0x20000000);
	assert_int_equal(t->spr[SPRN_SRR0], START + 8);

	fx_hpt(&mach, t);
	t->msr = MSR_GUEST_KERN;
	t->pc = START;
	t->spr[SPRN_LPCR] = LPCR_VPM1;
	sim_slb_mte(t, 0x123456ULL << 12, 0x10000000ULL | SLB_ESID_V);
	queue(0, (struct sim_stop_info){ .reason = SIM_STOP_STORAGE, .ea = 0x10003678,
					 .access = SIM_ACC_STORE });
	assert_int_equal(sim_run(t, 5), BOOK3S_INTERRUPT_H_DATA_STORAGE);
	assert_int_equal(t->spr[SPRN_HDAR], 0x10003678);
	assert_int_equal(t->spr[SPRN_HDSISR], 0x42000000);
	assert_int_equal(t->spr[SPRN_HSRR0], START);
	/* The SLB change reached the engine before that run. */
	assert_true(stats()->last_mmu_what & SIM_ENG_SLB);
}

/* An engine fault the model does not confirm is an engine/model disagreement. */
static void test_storage_mismatch(void **state)
{
	queue(1, (struct sim_stop_info){ .reason = SIM_STOP_STORAGE, .ea = 0x1000,
					 .access = SIM_ACC_LOAD });
	assert_int_equal(sim_run(t, 5), 0);
	assert_int_equal(mach.rule_count[SIM_RULE_ENGINE], 1);
	assert_string_not_equal(mach.engine_error, "");
}

/* Alignment and facility-unavailable stops. */
static void test_align_and_facility(void **state)
{
	queue(1, (struct sim_stop_info){ .reason = SIM_STOP_ALIGN, .ea = 0x1003 });
	queue(1, (struct sim_stop_info){ .reason = SIM_STOP_FACILITY, .facility = MSR_FP });
	assert_int_equal(sim_run(t, 1), 0);
	assert_int_equal(t->last_irq.vec, BOOK3S_INTERRUPT_ALIGNMENT);
	assert_int_equal(t->spr[SPRN_DAR], 0x1003);
	assert_int_equal(sim_run(t, 1), 0);
	assert_int_equal(t->last_irq.vec, BOOK3S_INTERRUPT_FP_UNAVAIL);
	queue(0, (struct sim_stop_info){ .reason = SIM_STOP_FACILITY, .facility = MSR_VEC });
	assert_int_equal(sim_run(t, 1), 0);
	assert_int_equal(t->last_irq.vec, BOOK3S_INTERRUPT_ALTIVEC);
	queue(0, (struct sim_stop_info){ .reason = SIM_STOP_FACILITY, .facility = MSR_VSX });
	assert_int_equal(sim_run(t, 1), 0);
	assert_int_equal(t->last_irq.vec, BOOK3S_INTERRUPT_VSX);
	/* The engine claiming FP is off while the MSR has it on is an error. */
	t->msr |= MSR_FP;
	queue(0, (struct sim_stop_info){ .reason = SIM_STOP_FACILITY, .facility = MSR_FP });
	assert_int_equal(sim_run(t, 1), 0);
	assert_int_equal(mach.rule_count[SIM_RULE_ENGINE], 1);
}

/* An engine error ends the run with its message. */
static void test_engine_error(void **state)
{
	queue(1, (struct sim_stop_info){ .reason = SIM_STOP_ERROR, .msg = "boom" });
	assert_int_equal(sim_run(t, 10), 0);
	assert_string_equal(mach.engine_error, "boom");
	queue(0, (struct sim_stop_info){ .reason = SIM_STOP_ERROR });
	assert_int_equal(sim_run(t, 10), 0);
	assert_string_equal(mach.engine_error, "engine error");
	sim_engine_attach(&mach, NULL);
	assert_int_equal(sim_run(t, 10), 0);
	assert_string_not_equal(mach.engine_error, "");
	sim_engine_attach(&mach, eng);
}

/*
 * A handler that faults before completing anything (here: an RMA of size 0,
 * RMLS reserved, with LPES1=1, so each ISI's handler fetch takes another
 * ISI) is an exception storm: time passes (one tick per interrupt after the
 * first), so the budget ends the run, with no engine error.
 */
static void test_interrupt_loop(void **state)
{
	t->spr[SPRN_LPCR] = LPCR_LPES1 | (5ULL << LPCR_RMLS_SH);
	for (unsigned int i = 0; i < 200; i++)
		queue(0, (struct sim_stop_info){ .reason = SIM_STOP_STORAGE, .ea = 0x400,
						 .access = SIM_ACC_FETCH });
	assert_int_equal(sim_run(t, 100), 0);
	assert_string_equal(mach.engine_error, "");
	assert_int_equal(mach.clock, 100);
	assert_int_equal(t->storm, 101);
	assert_int_equal(t->last_irq.vec, BOOK3S_INTERRUPT_INST_STORAGE);
}

/*
 * Past SIM_STORM_LIMIT interrupts in a row the run ends although budget is
 * left, and an instruction that completes ends the storm.
 */
static void test_storm_limit(void **state)
{
	t->spr[SPRN_LPCR] = LPCR_LPES1 | (5ULL << LPCR_RMLS_SH);
	for (unsigned int i = 0; i < 200; i++)
		queue(0, (struct sim_stop_info){ .reason = SIM_STOP_STORAGE, .ea = 0x400,
						 .access = SIM_ACC_FETCH });
	t->storm = SIM_STORM_LIMIT - 200;
	assert_int_equal(sim_run(t, 100000), 0);
	assert_string_equal(mach.engine_error, "");
	assert_int_equal(t->storm, SIM_STORM_LIMIT);
	assert_int_equal(mach.clock, 200);
	/* The budget of a new run cannot restart it. */
	assert_int_equal(sim_run(t, 100000), 0);
	assert_int_equal(mach.clock, 200);
	/* Instructions completing end it. */
	t->storm = 0;
	assert_int_equal(sim_run(t, 10), 0);
	assert_int_equal(mach.clock, 210);
	assert_int_equal(t->storm, 0);
}

/* An injected external (LPES0=0) ends the run at exactly its instruction count. */
static void test_injected_external(void **state)
{
	sim_inject(&mach, &(struct sim_injection){ .at = 30, .kind = SIM_INJ_EXTERNAL });
	assert_int_equal(sim_run(t, 1000), BOOK3S_INTERRUPT_EXTERNAL);
	assert_int_equal(mach.clock, 30);
	assert_int_equal(t->spr[SPRN_HSRR0], START + 30 * 4);
	assert_true(t->last_irq.hsrr);
}

/* MSR[SE]: one instruction, then the trace interrupt (SRR0 = the next one). */
static void test_single_step(void **state)
{
	t->msr |= MSR_SE;
	assert_int_equal(sim_run(t, 3), 0);
	assert_int_equal(t->spr[SPRN_SRR0], START + 4);
	assert_int_equal(t->last_irq.vec, BOOK3S_INTERRUPT_TRACE);
	/* The handler runs with SE off: two more plain instructions. */
	assert_int_equal(t->pc, 0xd00 + 8);
	assert_int_equal(stats()->runs, 2);
}

/*
 * rfid: HV can only be cleared; ME changes only from hypervisor state; PR
 * forces EE, IR and DR.  hrfid takes HV and ME from HSRR1.
 */
static void test_rfid_hrfid(void **state)
{
	t->msr = MSR_SF | MSR_ME;			/* guest kernel */
	t->spr[SPRN_SRR0] = 0x10000;
	t->spr[SPRN_SRR1] = MSR_SF | MSR_HV | MSR_PR;	/* asks for HV, no ME */
	sim_cpu_rfid(t);
	assert_int_equal(t->msr, MSR_SF | MSR_ME | MSR_PR | MSR_EE | MSR_IR | MSR_DR);
	assert_int_equal(t->pc, 0x10000);

	t->msr = MSR_HYP;
	t->spr[SPRN_SRR1] = MSR_SF;			/* leaves HV, drops ME */
	sim_cpu_rfid(t);
	assert_int_equal(t->msr, MSR_SF);

	t->msr = MSR_HYP;
	t->spr[SPRN_HSRR0] = 0x123;			/* low bits are not an address */
	t->spr[SPRN_HSRR1] = MSR_SF | MSR_ME | MSR_IR | MSR_DR;
	sim_cpu_hrfid(t);
	assert_int_equal(t->msr, MSR_SF | MSR_ME | MSR_IR | MSR_DR);
	assert_int_equal(t->pc, 0x120);
	assert_false(sim_cpu_hyp_state(t->msr));
	/* 32-bit target: the high word of the address is dropped. */
	t->spr[SPRN_SRR0] = 0x1234567800001000ULL;
	t->spr[SPRN_SRR1] = MSR_ME;
	sim_cpu_rfid(t);
	assert_int_equal(t->pc, 0x1000);
}

/* mtmsrd L=1 sets EE and RI only; L=0 all but HV, ME, LE; mtmsr keeps bits 0:31. */
static void test_mtmsr(void **state)
{
	t->msr = MSR_SF | MSR_ME;
	sim_cpu_mtmsr(t, MSR_EE | MSR_RI | MSR_IR, true, false);
	assert_int_equal(t->msr, MSR_SF | MSR_ME | MSR_EE | MSR_RI);
	sim_cpu_mtmsr(t, MSR_SF | MSR_HV | MSR_IR | MSR_DR | MSR_LE, false, false);
	assert_int_equal(t->msr, MSR_SF | MSR_ME | MSR_IR | MSR_DR);
	sim_cpu_mtmsr(t, MSR_SF | MSR_PR, false, false);
	assert_int_equal(t->msr, MSR_SF | MSR_ME | MSR_PR | MSR_EE | MSR_IR | MSR_DR);
	sim_cpu_mtmsr(t, MSR_FP, false, true);
	assert_int_equal(t->msr, MSR_SF | MSR_ME | MSR_FP);
}

/*
 * hv_enter_guest on the model: the registers go in, hrfid enters through
 * HSRR0/1, and on the exit the registers come back with PC/MSR from SRR0/1
 * for sc 1 and from HSRR0/1 for an HSRR interrupt.
 */
static void test_enter_guest(void **state)
{
	struct hv_guest_regs regs = { .pc = START, .msr = GREAL };

	t->msr = MSR_HYP;
	regs.gpr[3] = 0x11;
	regs.lr = 0x22;
	queue(4, (struct sim_stop_info){ .reason = SIM_STOP_SC, .insn = 0x44000022 });
	assert_int_equal(hv_enter_guest(&regs), BOOK3S_INTERRUPT_SYSCALL);
	assert_int_equal(regs.pc, START + 20);
	assert_int_equal(regs.msr, GREAL);
	assert_int_equal(regs.gpr[3], 0x11);
	assert_int_equal(regs.lr, 0x22);
	assert_int_equal(t->msr & MSR_HV, MSR_HV);

	/* HDEC exit: PC/MSR from HSRR0/1. */
	sim_hdec_write(t, 9);
	regs.pc = START;
	assert_int_equal(hv_enter_guest(&regs), BOOK3S_INTERRUPT_HV_DECREMENTER);
	assert_int_equal(regs.pc, START + 40);
	assert_int_equal(regs.msr, GREAL);

	/* The slice ends in the guest: no trap, the state as it is. */
	mach.slice = 8;
	regs.pc = START;
	sim_hdec_write(t, 1000);
	assert_int_equal(hv_enter_guest(&regs), HV_TRAP_NONE);
	assert_int_equal(regs.pc, START + 32);
	assert_int_equal(t->msr, SIM_MSR_HOST);

	/* Entering with MSR[HV]=1: reported, and nothing runs. */
	regs.msr = MSR_HYP;
	assert_int_equal(hv_enter_guest(&regs), HV_TRAP_NONE);
	assert_int_equal(mach.rule_count[SIM_RULE_GUEST_HV], 1);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_budget),
		T(test_sc1_exit),
		T(test_sc0_stays_in_guest),
		T(test_hdec_exit),
		T(test_dec_to_guest),
		T(test_insn_without_emulation),
		T(test_emulation_hook),
		T(test_storage_stops),
		T(test_storage_mismatch),
		T(test_align_and_facility),
		T(test_engine_error),
		T(test_interrupt_loop),
		T(test_storm_limit),
		T(test_injected_external),
		T(test_single_step),
		T(test_rfid_hrfid),
		T(test_mtmsr),
		T(test_enter_guest),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
