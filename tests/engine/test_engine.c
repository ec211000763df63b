// SPDX-License-Identifier: GPL-2.0-only
/*
 * Proof of the execution engine (sim/engine/) on Debian's
 * libunicorn 2.0.1: every mechanism the design relies on, exercised with
 * guest instructions executing on the engine.  docs/engine.md explains each.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>

#include "engine_fixture.h"

static struct fx F;

static int setup(void **state)
{
	if (fx_open(&F, 0)) {
		fprintf(stderr, "%s\n", F.err);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	fx_close(&F);
	return 0;
}

static void reset(uint64_t msr)
{
	sim_ue_set_msr(F.e, msr);
	sim_ue_set_pc(F.e, FX_CODE);
}

/*
 * Start-up probing found the internals, switched the CPU to the ISA 2.06
 * MMU, and the guest context is engine problem state with HV=0.
 */
static void test_probe_and_context(void **state)
{
	assert_non_null(F.e);
	assert_int_equal(sim_ue_msr(F.e), FX_MSR_SF | FX_MSR_ME);
	assert_int_equal(sim_ue_spr(F.e, 287), 0x003f0203);	/* POWER7 PVR poked */
}

/*
 * Guest real mode through the VRMA: an integer loop runs, and its stores
 * land in the 16 MB page at host real 0x5000000, not at real 0x2000.
 */
static void test_vrma_real_mode_loop(void **state)
{
	const uint32_t code[] = {
		ppc_li(3, 0), ppc_li(4, 100), ppc_mtctr(4),
		ppc_addi(3, 3, 2),		/* loop: */
		ppc_bdnz(-4),
		ppc_li(5, 0x2000), ppc_std(3, 5, 0),
		ppc_ld(6, 5, 0),
		ppc_sc(1),
	};
	struct sim_ue_exit x;

	fx_code(&F, FX_CODE, code, 9);
	reset(FX_MSR_SF | FX_MSR_ME);
	assert_int_equal(sim_ue_run(F.e, 100000, &x), 0);
	assert_int_equal(x.ev, SIM_UE_SC);
	assert_int_equal(sim_ue_gpr(F.e, 3), 200);
	assert_int_equal(sim_ue_gpr(F.e, 6), 200);
	assert_int_equal(fx_rd64(&F, FX_RMA + 0x2000), 200);
	assert_int_equal(fx_rd64(&F, 0x2000), 0);
	/* 3 + 100 * 2 + 3 + 1 (the sc) instructions completed. */
	assert_int_equal(x.insns, 3 + 200 + 4);
}

/*
 * A real-mode access beyond the VRMA is an HDSI with HDAR/HDSISR (load:
 * 0x40000000, no translation), a fetch beyond it an HISI; both at the
 * faulting instruction's address.
 */
static void test_vrma_miss_hdsi_hisi(void **state)
{
	const uint32_t code[] = {
		ppc_addis(5, 0, 0x100),		/* r5 = 16 MB: first byte past the RMA */
		ppc_nop(),
		ppc_lwz(3, 5, 8),
	};
	const uint32_t store[] = { ppc_addis(5, 0, 0x100), ppc_stw(3, 5, 0) };
	const uint32_t jump[] = { ppc_addis(5, 0, 0x100), ppc_mtspr(9, 5), 0x4e800420 /* bctr */ };
	struct sim_ue_exit x;

	fx_code(&F, FX_CODE, code, 3);
	reset(FX_MSR_SF | FX_MSR_ME);
	sim_ue_run(F.e, 1000, &x);
	assert_int_equal(x.ev, SIM_UE_HDSI);
	assert_int_equal(x.pc, FX_CODE + 8);
	assert_int_equal(x.dar, 0x1000008);
	assert_int_equal(x.dsisr, 0x40000000);
	assert_int_equal(x.insns, 2);

	fx_code(&F, FX_CODE, store, 2);
	reset(FX_MSR_SF | FX_MSR_ME);
	sim_ue_run(F.e, 1000, &x);
	assert_int_equal(x.ev, SIM_UE_HDSI);
	assert_int_equal(x.dsisr, 0x42000000);

	fx_code(&F, FX_CODE, jump, 3);
	reset(FX_MSR_SF | FX_MSR_ME);
	sim_ue_run(F.e, 1000, &x);
	assert_int_equal(x.ev, SIM_UE_HISI);
	assert_int_equal(x.pc, 0x1000000);
	assert_int_equal(x.srr1_bits & 0x40000000, 0x40000000);
}

/*
 * A privileged instruction, sc 1 and an illegal word each stop the engine
 * with the precise address and the instruction word.
 */
static void test_priv_sc_illegal_precise(void **state)
{
	const uint32_t code[] = {
		ppc_li(3, 1), ppc_li(4, 2), ppc_mfmsr(7), ppc_sc(1), 0x00000000,
		ppc_mtspr(0x13e, 4), ppc_tw(31, 0, 0),
	};
	struct sim_ue_exit x;

	fx_code(&F, FX_CODE, code, 7);
	reset(FX_MSR_SF | FX_MSR_ME);
	sim_ue_run(F.e, 1000, &x);
	assert_int_equal(x.ev, SIM_UE_PRIV);
	assert_int_equal(x.pc, FX_CODE + 8);
	assert_int_equal(x.insn, ppc_mfmsr(7));
	assert_int_equal(x.insns, 2);

	sim_ue_set_pc(F.e, x.pc + 4);
	sim_ue_run(F.e, 1000, &x);
	assert_int_equal(x.ev, SIM_UE_SC);
	assert_int_equal(x.lev, 1);
	assert_int_equal(x.pc, FX_CODE + 12);
	assert_int_equal(x.insns, 1);

	sim_ue_set_pc(F.e, x.pc + 4);
	sim_ue_run(F.e, 1000, &x);
	assert_int_equal(x.ev, SIM_UE_ILLEGAL);
	assert_int_equal(x.pc, FX_CODE + 16);
	assert_int_equal(x.insn, 0);

	sim_ue_set_pc(F.e, x.pc + 4);
	sim_ue_run(F.e, 1000, &x);
	assert_int_equal(x.ev, SIM_UE_PRIV);
	assert_int_equal(x.insn, ppc_mtspr(0x13e, 4));

	sim_ue_set_pc(F.e, x.pc + 4);
	sim_ue_run(F.e, 1000, &x);
	assert_int_equal(x.ev, SIM_UE_TRAP);
	assert_int_equal(x.pc, FX_CODE + 24);
}

/*
 * lqarx (ISA 2.07) executes on the engine's POWER10 CPU; after the opcode
 * filter it traps as illegal at its address, where POWER7 raises HEA.
 * ldarx (POWER7 has it) still executes.
 */
static void test_power7_instruction_set(void **state)
{
	const uint32_t code[] = {
		ppc_li(4, 0x3000), ppc_ldarx(3, 0, 4), ppc_lqarx(6, 0, 4), ppc_sc(1),
	};
	struct sim_ue_exit x;

	fx_code(&F, FX_CODE, code, 4);
	fx_be64(&F, FX_RMA + 0x3000, 0x1122334455667788ULL);
	reset(FX_MSR_SF | FX_MSR_ME);
	sim_ue_run(F.e, 1000, &x);
	assert_int_equal(x.ev, SIM_UE_ILLEGAL);
	assert_int_equal(x.pc, FX_CODE + 8);
	assert_int_equal(x.insn, ppc_lqarx(6, 0, 4));
	assert_int_equal(sim_ue_gpr(F.e, 3), 0x1122334455667788ULL);
}

/*
 * mftb does not trap and does not crash: it reads the simulator's TB,
 * which advances with counted instructions (here 1 tick per instruction).
 */
static void test_mftb_reads_sim_timebase(void **state)
{
	const uint32_t code[] = {
		ppc_mftb(3), ppc_li(4, 50), ppc_mtctr(4), ppc_nop(), ppc_bdnz(-4),
		ppc_mftb(5), ppc_sc(1),
	};
	struct sim_ue_exit x;

	fx_code(&F, FX_CODE, code, 7);
	reset(FX_MSR_SF | FX_MSR_ME);
	sim_ue_set_tb(F.e, 0x123456789ULL, 1, 0);
	sim_ue_run(F.e, 1000, &x);
	assert_int_equal(x.ev, SIM_UE_SC);
	/* The first block starts at the TB base. */
	assert_int_equal(sim_ue_gpr(F.e, 3), 0x123456789ULL);
	/* Later reads see the block-start time: between base and base + insns. */
	assert_true(sim_ue_gpr(F.e, 5) > 0x123456789ULL + 50);
	assert_true(sim_ue_gpr(F.e, 5) <= 0x123456789ULL + x.insns);
}

/*
 * Priority hints (or 1,1,1 / or 2,2,2 / or 31,31,31 / or 26,26,26) do not
 * end the run: QEMU translates each with a pause that made uc_emu_start
 * return, so this loop used to stop with "budget" after its first hint.
 * Now the 1000 iterations run in one go up to the sc.  An OR of different
 * registers, mr and "or." (which sets CR0 and is no hint) still work.
 */
static void test_priority_hints_stay_in_engine(void **state)
{
	const uint32_t code[] = {
		ppc_li(4, 1000), ppc_mtctr(4),
		ppc_or(1, 1, 1), ppc_or(2, 2, 2), ppc_or(31, 31, 31), ppc_or(26, 26, 26),
		ppc_addi(3, 3, 1), ppc_bdnz(-20),
		ppc_li(5, 0x50), ppc_li(6, 0x0a), ppc_or(7, 5, 6), ppc_or(8, 7, 7),
		ppc_li(9, -1), ppc_or_dot(9, 9, 9), ppc_mfcr(10), ppc_sc(1),
	};
	struct sim_ue_exit x;
	uint64_t before, after;
	bool fallback;

	sim_ue_hint_stats(&before, &fallback);
	fx_code(&F, FX_CODE, code, 16);
	reset(FX_MSR_SF | FX_MSR_ME);
	sim_ue_set_gpr(F.e, 1, 0x1111);
	sim_ue_set_gpr(F.e, 2, 0x2222);
	sim_ue_set_gpr(F.e, 3, 0);
	sim_ue_set_gpr(F.e, 31, 0x3131);
	sim_ue_run(F.e, 100000, &x);
	sim_ue_hint_stats(&after, &fallback);
	assert_false(fallback);
	assert_int_equal(x.ev, SIM_UE_SC);
	assert_int_equal(x.pc, FX_CODE + 15 * 4);
	assert_int_equal(x.insns, 2 + 6 * 1000 + 8);
	assert_int_equal(sim_ue_gpr(F.e, 3), 1000);
	/* Hints leave their register alone. */
	assert_int_equal(sim_ue_gpr(F.e, 1), 0x1111);
	assert_int_equal(sim_ue_gpr(F.e, 2), 0x2222);
	assert_int_equal(sim_ue_gpr(F.e, 31), 0x3131);
	assert_int_equal(sim_ue_gpr(F.e, 7), 0x5a);
	assert_int_equal(sim_ue_gpr(F.e, 8), 0x5a);
	/* or. 9,9,9 of -1: CR0 = LT (0x8), not a hint. */
	assert_int_equal(sim_ue_gpr(F.e, 10) >> 28, 0x8);
	/* Four hints, each translated once (or anew, never fewer). */
	assert_true(after - before >= 4);
}

/*
 * FPSCR: mtfsf, mtfsb1 and an FP divide by zero (FX, ZX; FPRF +infinity)
 * update the one FPSCR the engine keeps (sim_ue_fpscr); mffs stops for
 * the model, which executes it on that value (sim/fpscr.c).
 */
static void test_fpscr(void **state)
{
	const uint32_t code[] = {
		PPC_D(50, 1, 0, 0x3000),	/* lfd f1, 0x3000 */
		0xfdfe0d8e,			/* mtfsf 0xff, f1 */
		0xffe0004c,			/* mtfsb1 31 */
		PPC_D(50, 3, 0, 0x3008),	/* lfd f3, 0x3008 (1.0) */
		PPC_D(50, 4, 0, 0x3010),	/* lfd f4, 0x3010 (0.0) */
		0xfca32024,			/* fdiv f5, f3, f4 */
		0xfc40048e,			/* mffs f2 */
		ppc_sc(1),
	};
	struct sim_ue_exit x;

	fx_code(&F, FX_CODE, code, 8);
	fx_be64(&F, FX_RMA + 0x3000, 0x02000000);
	fx_be64(&F, FX_RMA + 0x3008, 0x3ff0000000000000ULL);
	fx_be64(&F, FX_RMA + 0x3010, 0);
	reset(FX_MSR_SF | FX_MSR_ME | 0x2000);
	sim_ue_run(F.e, 1000, &x);
	assert_int_equal(x.ev, SIM_UE_ILLEGAL);
	assert_int_equal(x.pc, FX_CODE + 24);
	assert_int_equal(x.insn, 0xfc40048e);
	/* XX and RN = 01 from mtfsf/mtfsb1; FX, ZX, FPRF = 00101 (+infinity). */
	assert_int_equal(sim_ue_fpscr(F.e), 0x02000001 | 0x80000000 | 0x04000000 | 0x5000);
	sim_ue_set_fpscr(F.e, 0);
	assert_int_equal(sim_ue_fpscr(F.e), 0);
}

/*
 * XER's SO, OV and CA live apart from the rest of XER in the engine: the
 * carry the guest sets before an exit is in the XER the model reads, and
 * the XER the model writes is the one the guest's next adde adds.
 */
static void test_xer_carry_across_exits(void **state)
{
	const uint32_t code[] = {
		ppc_li(3, -1),
		PPC_D(12, 3, 3, 1),		/* addic r3, r3, 1: 0, CA = 1 */
		ppc_sc(1),
		ppc_li(4, 0),
		0x7c842114,			/* adde r4, r4, r4: CA */
		ppc_sc(1),
	};
	struct sim_ue_exit x;

	fx_code(&F, FX_CODE, code, 6);
	reset(FX_MSR_SF | FX_MSR_ME);
	sim_ue_set_xer(F.e, 0);
	sim_ue_run(F.e, 1000, &x);
	assert_int_equal(x.ev, SIM_UE_SC);
	assert_int_equal(sim_ue_gpr(F.e, 3), 0);
	assert_int_equal(sim_ue_xer(F.e), 0x20000000);
	for (uint64_t ca = 0; ca < 2; ca++) {
		/* SO and OV set too, and a byte count: they do not reach CA. */
		sim_ue_set_xer(F.e, 0xc000007f | ca << 29);
		assert_int_equal(sim_ue_xer(F.e), 0xc000007f | ca << 29);
		sim_ue_set_pc(F.e, FX_CODE + 12);
		sim_ue_run(F.e, 1000, &x);
		assert_int_equal(x.ev, SIM_UE_SC);
		assert_int_equal(sim_ue_gpr(F.e, 4), ca);
		/* adde sets CA from its own sum (0 here) and leaves the rest. */
		assert_int_equal(sim_ue_xer(F.e), 0xc000007f);
	}
}

/* The stop function of test_stop_fn_goes_on: skip each sc, end at the 100th. */
static struct {
	unsigned int calls;
	uint64_t first_insns, later_insns_min, later_insns_max;
} stop_seen;

static int skip_sc(void *ctx, struct sim_ue_exit *x, uint64_t *budget)
{
	struct sim_ue *e = ctx;

	if (x->ev != SIM_UE_SC)
		return SIM_UE_GO_OUT;
	if (!stop_seen.calls++) {
		stop_seen.first_insns = x->insns;
	} else {
		if (x->insns < stop_seen.later_insns_min)
			stop_seen.later_insns_min = x->insns;
		if (x->insns > stop_seen.later_insns_max)
			stop_seen.later_insns_max = x->insns;
	}
	if (stop_seen.calls == 100)
		return SIM_UE_GO_DONE;
	sim_ue_set_pc(e, x->pc + 4);
	*budget = 1000;
	return SIM_UE_GO_ON;
}

/*
 * An exit the stop function answers costs no uc_emu_start: Unicorn's CPU
 * loop goes on at the PC the function wrote, each exit counts the
 * instructions since the previous one (sc included), and the run ends with
 * SIM_UE_DONE when the function says so.
 */
static void test_stop_fn_goes_on(void **state)
{
	const uint32_t code[] = { ppc_li(3, 0), ppc_sc(1), ppc_addi(3, 3, 1), ppc_b(-8) };
	struct sim_ue_exit x;
	uint64_t starts0, resumes0, starts, resumes;

	fx_code(&F, FX_CODE, code, 4);
	reset(FX_MSR_SF | FX_MSR_ME);
	memset(&stop_seen, 0, sizeof(stop_seen));
	stop_seen.later_insns_min = UINT64_MAX;
	sim_ue_run_stats(F.e, &starts0, &resumes0);
	sim_ue_set_stop_fn(F.e, skip_sc, F.e);
	sim_ue_run(F.e, 1000, &x);
	sim_ue_set_stop_fn(F.e, NULL, NULL);
	sim_ue_run_stats(F.e, &starts, &resumes);
	assert_int_equal(x.ev, SIM_UE_DONE);
	assert_int_equal(stop_seen.calls, 100);
	assert_int_equal(starts - starts0, 1);
	assert_int_equal(resumes - resumes0, 99);
	/* li, sc; then addi, b, sc each time. */
	assert_int_equal(stop_seen.first_insns, 2);
	assert_int_equal(stop_seen.later_insns_min, 3);
	assert_int_equal(stop_seen.later_insns_max, 3);
	assert_int_equal(sim_ue_gpr(F.e, 3), 99);
}

/* A budget ends an endless loop within one translated block. */
static void test_budget(void **state)
{
	const uint32_t code[] = { ppc_addi(3, 3, 1), ppc_b(-4) };
	struct sim_ue_exit x;

	fx_code(&F, FX_CODE, code, 2);
	reset(FX_MSR_SF | FX_MSR_ME);
	sim_ue_set_gpr(F.e, 3, 0);
	sim_ue_run(F.e, 10000, &x);
	assert_int_equal(x.ev, SIM_UE_BUDGET);
	assert_int_equal(x.insns, 10000);
	assert_int_equal(sim_ue_gpr(F.e, 3), x.insns / 2);
	/* A budget smaller than the first block still makes progress. */
	sim_ue_run(F.e, 1, &x);
	assert_int_equal(x.ev, SIM_UE_BUDGET);
	assert_int_equal(x.insns, 2);
}

/*
 * Relocation on at guest supervisor state: an SLB entry (Ks=0, Kp=1) over a
 * 4 KiB HPTE with PP=00 works only because the engine applies Kp := Ks; a
 * missing HPTE gives DSI with DSISR NOHPTE (VPM1=0); an EA with no SLB entry
 * gives a data segment interrupt.
 */
static void test_relocated_mode(void **state)
{
	uint64_t vsid = 0x123, ea = 0x10000000ULL + 0x5000;
	uint64_t pteg = fx_hash_256m(vsid, 0x5), hpte = FX_HTAB + pteg * 128;
	const uint32_t code[] = {
		ppc_addis(5, 0, 0x1000), ppc_ori(5, 5, 0x5000), ppc_li(3, 77), ppc_std(3, 5, 8),
		ppc_ld(4, 5, 8), ppc_ld(6, 5, 0x1000), ppc_sc(1),
	};
	struct sim_ue_exit x;

	/* AVPN of a 256 MB segment, 4 KiB page: VSID << 12 | page index top bits. */
	fx_be64(&F, hpte + 8, FX_PAGE2 | 0x100 | 0x10);
	fx_be64(&F, hpte, (vsid << 12) | 0x1);
	fx_code(&F, FX_CODE, code, 7);
	assert_int_equal(sim_ue_set_slb(F.e, 0, 0x10000000ULL | 0x08000000, (vsid << 12) | 0x400),
			 0);
	/* Code stays in real mode (IR=0), data relocated (DR=1). */
	reset(FX_MSR_SF | FX_MSR_ME | FX_MSR_DR);
	sim_ue_run(F.e, 1000, &x);
	assert_int_equal(x.ev, SIM_UE_DSI);
	assert_int_equal(x.pc, FX_CODE + 20);
	assert_int_equal(x.dar, ea + 0x1000);
	assert_int_equal(x.dsisr, 0x40000000);
	assert_int_equal(sim_ue_gpr(F.e, 4), 77);
	assert_int_equal(fx_rd64(&F, FX_PAGE2 + 8), 77);
	/* The engine set C in the HPTE (R was preset). */
	assert_int_equal(fx_rd64(&F, hpte + 8) & 0x180, 0x180);

	/* No SLB entry: data segment interrupt with DAR. */
	sim_ue_clear_slb(F.e);
	reset(FX_MSR_SF | FX_MSR_ME | FX_MSR_DR);
	sim_ue_run(F.e, 1000, &x);
	assert_int_equal(x.ev, SIM_UE_DSEG);
	assert_int_equal(x.dar, ea + 8);
}

/*
 * 10^7 consecutive stop/resume round trips (sc, back to the engine) run
 * without a crash and keep exact instruction counts.
 */
static void test_ten_million_round_trips(void **state)
{
	const uint32_t code[] = { ppc_addi(3, 3, 1), ppc_sc(1), ppc_b(-8) };
	struct sim_ue_exit x;
	uint64_t before = sim_ue_insns(F.e);

	fx_code(&F, FX_CODE, code, 3);
	reset(FX_MSR_SF | FX_MSR_ME);
	sim_ue_set_gpr(F.e, 3, 0);
	for (long i = 0; i < 10000000; i++) {
		sim_ue_run(F.e, 1000, &x);
		if (x.ev != SIM_UE_SC)
			fail_msg("round trip %ld stopped with %s", i, sim_ue_event_name(x.ev));
		sim_ue_set_pc(F.e, x.pc + 4);
	}
	assert_int_equal(sim_ue_gpr(F.e, 3), 10000000);
	assert_int_equal(sim_ue_insns(F.e) - before, 3ULL * 10000000 - 1);
	/* No exit address: no run ended with a code lookup of until - 1. */
	assert_int_equal(sim_ue_exit_count(F.e), 0);
}

/* A second instance opens, and the refusal path names what did not match. */
static void test_refuses_unexpected_library(void **state)
{
	struct sim_ue *e2;
	char err[256];

	assert_int_equal(sim_ue_open(&e2, F.arena, FX_ARENA, SIM_UE_TEST_MISMATCH, err,
				     sizeof(err)), -22);
	assert_null(e2);
	assert_non_null(strstr(err, "libunicorn internals do not match"));
	assert_null(strchr(err, '\n'));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_probe_and_context),
		cmocka_unit_test(test_vrma_real_mode_loop),
		cmocka_unit_test(test_vrma_miss_hdsi_hisi),
		cmocka_unit_test(test_priv_sc_illegal_precise),
		cmocka_unit_test(test_power7_instruction_set),
		cmocka_unit_test(test_mftb_reads_sim_timebase),
		cmocka_unit_test(test_priority_hints_stay_in_engine),
		cmocka_unit_test(test_xer_carry_across_exits),
		cmocka_unit_test(test_stop_fn_goes_on),
		cmocka_unit_test(test_budget),
		cmocka_unit_test(test_fpscr),
		cmocka_unit_test(test_relocated_mode),
		cmocka_unit_test(test_ten_million_round_trips),
		cmocka_unit_test(test_refuses_unexpected_library),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
