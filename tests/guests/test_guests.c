// SPDX-License-Identifier: GPL-2.0-only
/*
 * Guest scenarios on the POWER7 model: real ppc64 guest programs
 * (tests/guests/g_*.S, cross-built) executed by the Unicorn engine, with the
 * model emulating every privileged instruction and delivering every
 * interrupt, and this harness playing the hypervisor (guest_fixture.h).  An
 * interrupt in these tests is caused by a guest instruction.
 *
 * Every scenario runs in the engine's translation check mode: each
 * translation the engine makes is checked against the model's MMU.  After
 * every scenario the model must have seen no broken hardware rule and the
 * engine no error.
 *
 * Usage: test_guests [scenario]; exit code 77 (skipped) when the guest
 * programs could not be built (no powerpc64 cross toolchain).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "guest_fixture.h"
#include "ppc_enc.h"

#ifndef P7_GUEST_DIR
#define P7_GUEST_DIR "guests"
#endif
#ifndef P7_GUESTS_AVAILABLE
#define P7_GUESTS_AVAILABLE 0
#endif

#define SKIP_CODE	77
#define BUDGET		2000000ULL

/*
 * The engine stops at translated-block boundaries: a timer exception that
 * comes into existence inside a block is taken after that block, at most
 * this many instructions late (QEMU's limit of 512 instructions per block).
 */
#define TIMER_BOUND	511

/* Instruction words the scenarios look for in their images. */
#define W_SC0		0x44000002u	/* sc 0 */
#define W_SC1		0x44000022u	/* sc 1 */
#define W_TW		0x7fe00008u	/* tw 31,0,0 (trap) */
#define W_LI20_7	0x3a800007u	/* li r20,7 */
#define W_LQARX		0x7cc02228u	/* lqarx r6,0,r4 */
#define W_LWZX		0x7ce5302eu	/* lwzx r7,r5,r6 */
#define W_LD7_0_6	0xe8e60000u	/* ld r7,0(r6) */
#define W_MFMSR7	0x7ce000a6u	/* mfmsr r7 */
#define W_MFSRR0_7	0x7cfa02a6u	/* mfspr r7, SRR0 */
#define W_STD9_16_8	0xf9280010u	/* std r9,16(r8) */
#define W_LD9_24_8	0xe9280018u	/* ld r9,24(r8) */

static struct gx G;

static int setup(void **state)
{
	if (gx_open(&G, GX_CHECK)) {
		fprintf(stderr, "test_guests: %s\n", G.err);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	gx_close(&G);
	return 0;
}

/* Load and enter a guest at 0x2000 in real mode, supervisor, EE=0. */
static void boot(const char *name)
{
	if (gx_load(&G, P7_GUEST_DIR, name))
		fail_msg("%s", G.err);
	gx_enter(&G, GX_ENTRY, GX_MSR_ENTRY);
}

/* What every scenario must end with: no rule broken, the check ran clean. */
static void assert_clean(void)
{
	struct sim_engine_check_stats cs = sim_engine_unicorn_check_stats(G.eng);

	if (G.m.engine_error[0])
		fail_msg("engine error: %s", G.m.engine_error);
	if (G.m.violations)
		fail_msg("%u hardware rule violations, last: %s", G.m.violations,
			 G.m.last_violation);
	assert_int_equal(cs.mismatches, 0);
	assert_true(cs.checked > 0);
	assert_true(G.t->msr & MSR_HV);
}

/* The guest's own interrupt, as its vector reported it through sc 1. */
static void assert_report(uint64_t vec, uint64_t srr0)
{
	assert_true(G.reported);
	assert_int_equal(G.report[0], vec);
	assert_int_equal(G.report[1], srr0);
}

/*
 * HDEC while the guest spins with MSR[EE]=0: the hypervisor decrementer
 * interrupt cannot be masked by a guest and takes the thread to the
 * hypervisor (0x980, HSRR0/1), within the documented bound of the
 * instruction at which HDEC went negative.
 */
static void test_hdec_spin(void **state)
{
	const uint64_t hdec = 10000;
	uint64_t late;

	boot("g_hdec_spin");
	sim_spr_write(G.t, SPRN_HDEC, hdec);
	assert_int_equal(gx_run(&G, BUDGET), BOOK3S_INTERRUPT_HV_DECREMENTER);
	assert_int_equal(G.t->last_irq.hsrr, true);
	assert_int_equal(G.t->spr[SPRN_HSRR1] & (MSR_EE | MSR_HV | MSR_PR), 0);
	assert_int_equal(G.t->spr[SPRN_HSRR1] & MSR_SF, MSR_SF);
	/* Stopped inside the loop: addi r20 (0x2004) or b (0x2008). */
	assert_in_range(G.t->spr[SPRN_HSRR0], 0x2004, 0x2008);
	/* HDEC decrements once per instruction: negative after hdec + 1. */
	assert_true(G.t->executed >= hdec + 1);
	late = G.t->executed - (hdec + 1);
	assert_in_range(late, 0, TIMER_BOUND);
	assert_true(G.t->gpr[20] > 0);
	assert_true((int32_t)sim_spr_read(G.t, SPRN_HDEC) < 0);
	assert_clean();
}

/*
 * The bound itself, with 1000-instruction blocks: for a spread of HDEC
 * values the exit comes at most TIMER_BOUND instructions after HDEC went
 * negative, and never before.
 */
static void test_hdec_bound_long_blocks(void **state)
{
	static const uint64_t hdecs[] = { 100, 777, 1500, 2345, 4096, 9999 };
	uint64_t worst = 0;

	for (unsigned int i = 0; i < sizeof(hdecs) / sizeof(hdecs[0]); i++) {
		uint64_t start, late;

		gx_close(&G);
		assert_int_equal(gx_open(&G, GX_CHECK), 0);
		boot("g_long_block");
		start = G.t->executed;
		sim_spr_write(G.t, SPRN_HDEC, hdecs[i]);
		assert_int_equal(gx_run(&G, BUDGET), BOOK3S_INTERRUPT_HV_DECREMENTER);
		assert_true(G.t->executed - start >= hdecs[i] + 1);
		late = G.t->executed - start - (hdecs[i] + 1);
		assert_in_range(late, 0, TIMER_BOUND);
		if (late > worst)
			worst = late;
		assert_clean();
	}
	print_message("worst HDEC lateness with long blocks: %llu instructions\n",
		      (unsigned long long)worst);
}

/*
 * A guest real-mode load beyond the VRMA: no VRMA HPTE translates it, so
 * the hypervisor gets an HDSI (0xe00) with HDAR = the address and HDSISR
 * = no translation; HSRR0 is the load.
 */
static void test_vrma_miss_hdsi(void **state)
{
	boot("g_vrma_miss");
	assert_int_equal(gx_run(&G, BUDGET), BOOK3S_INTERRUPT_H_DATA_STORAGE);
	assert_int_equal(G.t->spr[SPRN_HDAR], 0x40000010);
	assert_int_equal(G.t->spr[SPRN_HDSISR], DSISR_NOHPTE);
	assert_int_equal(G.t->spr[SPRN_HSRR0], gx_find(&G, W_LWZX, GX_ENTRY));
	assert_int_equal(G.t->spr[SPRN_HSRR1] & MSR_HV, 0);
	assert_clean();
}

/* A real-mode branch beyond the VRMA: HISI (0xe20) at the target, no HPTE. */
static void test_hisi(void **state)
{
	boot("g_hisi");
	assert_int_equal(gx_run(&G, BUDGET), BOOK3S_INTERRUPT_H_INST_STORAGE);
	assert_int_equal(G.t->spr[SPRN_HSRR0], 0x40000000);
	assert_int_equal(G.t->spr[SPRN_HSRR1] & SRR1_ISI_NOPT, SRR1_ISI_NOPT);
	assert_int_equal(G.t->spr[SPRN_HSRR1] & (MSR_HV | MSR_IR), 0);
	assert_clean();
}

/*
 * An illegal instruction word (0): HEA (0xe40) with HEIR = the word and
 * HSRR0 = its address; the instruction before it completed.
 */
static void test_illegal_hea(void **state)
{
	uint64_t li = 0;

	boot("g_illegal");
	li = gx_find(&G, W_LI20_7, GX_ENTRY);
	assert_true(li != 0);
	/* HEIR must be written: make the old value differ. */
	G.t->spr[SPRN_HEIR] = 0xdeadbeef;
	assert_int_equal(gx_run(&G, BUDGET), BOOK3S_INTERRUPT_H_EMUL_ASSIST);
	assert_int_equal(G.t->spr[SPRN_HEIR], 0);
	assert_int_equal(G.t->spr[SPRN_HSRR0], li + 4);
	assert_int_equal(G.t->gpr[20], 7);
	assert_clean();
}

/*
 * lqarx is ISA 2.07: the engine's CPU has it, POWER7 does not.  HEA with
 * HEIR = the lqarx image at its address.
 */
static void test_isa207_hea(void **state)
{
	boot("g_lqarx");
	assert_int_equal(gx_run(&G, BUDGET), BOOK3S_INTERRUPT_H_EMUL_ASSIST);
	assert_int_equal(G.t->spr[SPRN_HEIR], W_LQARX);
	assert_int_equal(G.t->spr[SPRN_HSRR0], gx_find(&G, W_LQARX, GX_ENTRY));
	assert_clean();
}

/*
 * sc 1 reaches the hypervisor (0xc00 with MSR[HV] set, state in SRR0/1,
 * SRR0 after the sc) with the guest's r3-r5; resumed, the guest's sc 0
 * goes to its own 0xc00 vector, which reports SRR0 = after that sc.
 */
static void test_sc(void **state)
{
	uint64_t sc1, sc0;

	boot("g_sc");
	sc1 = gx_find(&G, W_SC1, GX_ENTRY);
	sc0 = gx_find(&G, W_SC0, GX_ENTRY);
	assert_true(sc1 && sc0);
	assert_int_equal(gx_run(&G, BUDGET), BOOK3S_INTERRUPT_SYSCALL);
	/* G_VALUE was handled by the harness; the next exit is the report. */
	assert_int_equal(G.nvalues, 1);
	assert_int_equal(G.value[0][0], 0x1234);
	assert_int_equal(G.value[0][1], 0x5678);
	assert_int_equal(G.exits[0].trap, BOOK3S_INTERRUPT_SYSCALL);
	assert_int_equal(G.exits[0].srr0, sc1 + 4);
	assert_int_equal(G.exits[0].srr1 & MSR_HV, 0);
	assert_report(BOOK3S_INTERRUPT_SYSCALL, sc0 + 4);
	/* The guest's own sc 0 kept MSR[HV]=0: SRR1 is its MSR. */
	assert_int_equal(G.report[2] & (MSR_HV | MSR_PR), 0);
	assert_clean();
}

/*
 * The guest turns data relocation on with its own SLB entry (ESID 1, VSID
 * 0x123, 4 KiB pages) over HPTEs the harness placed: EA 0x10005000
 * read/write (R preset, C clear), 0x10007000 PP=3 read-only, 0x10009000
 * none.  @fault selects the path (g_reloc r14).
 */
static void boot_reloc(uint64_t fault, uint64_t *rw_hpte, uint64_t *ro_hpte)
{
	boot("g_reloc");
	*rw_hpte = gx_map_4k(&G, 0x123, 0x10005000, 0x1005000, 0x2);
	*ro_hpte = gx_map_4k(&G, 0x123, 0x10007000, 0x1007000, 0x3);
	assert_true(*rw_hpte && *ro_hpte);
	G.t->gpr[14] = fault;
}

/*
 * Relocation on, store and load through the read/write page: the value
 * reaches the guest page behind it (guest real 0x1005000, in the second
 * 16 MB page), the guest reads it back, and the HPTE has R and C set.
 */
static void test_reloc_read_write(void **state)
{
	uint64_t rw, ro;

	boot_reloc(0, &rw, &ro);
	assert_int_equal(gx_run(&G, BUDGET), BOOK3S_INTERRUPT_SYSCALL);
	assert_true(G.done);
	assert_int_equal(G.result, 0);
	assert_int_equal(G.nvalues, 1);
	assert_int_equal(G.value[0][0], 0x4bcd);
	assert_int_equal(gx_load_be64(&G, gx_real(&G, 0x1005008)), 0x4bcd);
	assert_int_equal(gx_load_be64(&G, rw + 8) & (HPTE_R_R | HPTE_R_C), HPTE_R_R | HPTE_R_C);
	/* The read-only page was not touched: C still clear. */
	assert_int_equal(gx_load_be64(&G, ro + 8) & HPTE_R_C, 0);
	/* The guest's SLB entry reached the model through slbmte. */
	assert_int_equal(G.t->slb[0].esid, 0x10000000 | SLB_ESID_V);
	assert_int_equal(G.t->slb[0].vsid, (0x123ULL << 12) | SLB_VSID_KP);
	assert_clean();
}

/* A store to the PP=3 page: the guest's DSI, DSISR protection | store. */
static void test_reloc_dsi_protfault(void **state)
{
	uint64_t rw, ro;

	boot_reloc(1, &rw, &ro);
	assert_int_equal(gx_run(&G, BUDGET), BOOK3S_INTERRUPT_SYSCALL);
	assert_report(BOOK3S_INTERRUPT_DATA_STORAGE, gx_find(&G, W_STD9_16_8, GX_ENTRY));
	assert_int_equal(G.report[3], 0x10007010);
	assert_int_equal(G.report[4], DSISR_PROTFAULT | DSISR_ISSTORE);
	/* SRR1: the guest's MSR at the store, relocation on, no HV. */
	assert_int_equal(G.report[2] & (MSR_DR | MSR_HV), MSR_DR);
	assert_int_equal(gx_load_be64(&G, gx_real(&G, 0x1007010)), 0);
	assert_clean();
}

/* A load from a page with no HPTE: the guest's DSI, DSISR no translation. */
static void test_reloc_dsi_nohpte(void **state)
{
	uint64_t rw, ro;

	boot_reloc(2, &rw, &ro);
	assert_int_equal(gx_run(&G, BUDGET), BOOK3S_INTERRUPT_SYSCALL);
	assert_report(BOOK3S_INTERRUPT_DATA_STORAGE, gx_find(&G, W_LD9_24_8, GX_ENTRY));
	assert_int_equal(G.report[3], 0x10009018);
	assert_int_equal(G.report[4], DSISR_NOHPTE);
	assert_clean();
}

/* A relocated load with an empty SLB: the guest's data segment interrupt. */
static void test_dseg(void **state)
{
	boot("g_dseg");
	assert_int_equal(gx_run(&G, BUDGET), BOOK3S_INTERRUPT_SYSCALL);
	assert_report(BOOK3S_INTERRUPT_DATA_SEGMENT, gx_find(&G, W_LD7_0_6, GX_ENTRY));
	assert_int_equal(G.report[3], 0x30000008);
	assert_int_equal(G.report[2] & (MSR_DR | MSR_IR), MSR_DR);
	assert_clean();
}

/* rfid to a relocated address with no SLB entry: instruction segment. */
static void test_iseg(void **state)
{
	boot("g_iseg");
	assert_int_equal(gx_run(&G, BUDGET), BOOK3S_INTERRUPT_SYSCALL);
	assert_report(BOOK3S_INTERRUPT_INST_SEGMENT, 0x20000000);
	assert_int_equal(G.report[2] & (MSR_DR | MSR_IR | MSR_HV), MSR_IR);
	assert_clean();
}

/*
 * DEC 200, then EE on: the guest's own decrementer interrupt (0x900), in
 * its spin loop, SRR1 with EE set, within the timer bound.
 */
static void test_dec(void **state)
{
	uint64_t after;

	boot("g_dec");
	assert_int_equal(gx_run(&G, BUDGET), BOOK3S_INTERRUPT_SYSCALL);
	assert_true(G.reported);
	assert_int_equal(G.report[0], BOOK3S_INTERRUPT_DECREMENTER);
	assert_int_equal(G.report[2] & (MSR_EE | MSR_HV), MSR_EE);
	/*
	 * From the mtspr DEC on: 5 instructions to turn EE on, then 2 per
	 * loop iteration (r20 counts them), and the interrupt due 201 ticks
	 * after the mtspr.
	 */
	after = 5 + 2 * G.t->gpr[20];
	assert_in_range(after + 1, 201, 201 + TIMER_BOUND);
	/* The hypervisor decrementer did not fire. */
	assert_int_equal(G.nexits, 1);
	assert_clean();
}

/* tw 31,0,0: program interrupt at the guest's 0x700, SRR1 trap bit. */
static void test_trap(void **state)
{
	boot("g_trap");
	assert_int_equal(gx_run(&G, BUDGET), BOOK3S_INTERRUPT_SYSCALL);
	assert_report(BOOK3S_INTERRUPT_PROGRAM, gx_find(&G, W_TW, GX_ENTRY));
	assert_int_equal(G.report[2] & SIM_SRR1_INT_BITS, SRR1_PROGTRAP);
	assert_clean();
}

/*
 * mfmsr at guest problem state (reached by rfid, relocated through the
 * guest's SLB entry and the HPTE of the code page): the guest's program
 * interrupt with SRR1 privileged bit and PR set; the instruction before it
 * ran in problem state.
 */
static void test_priv_user(void **state)
{
	boot("g_priv_user");
	assert_true(gx_map_4k(&G, 0x124, 0x2000, 0x2000, 0x2) != 0);
	assert_int_equal(gx_run(&G, BUDGET), BOOK3S_INTERRUPT_SYSCALL);
	assert_report(BOOK3S_INTERRUPT_PROGRAM, gx_find(&G, W_MFMSR7, GX_ENTRY));
	assert_int_equal(G.report[2] & SIM_SRR1_INT_BITS, SRR1_PROGPRIV);
	assert_int_equal(G.report[2] & (MSR_PR | MSR_IR | MSR_DR | MSR_EE),
			 MSR_PR | MSR_IR | MSR_DR | MSR_EE);
	assert_int_equal(G.t->gpr[20], 1);
	assert_clean();
}

/*
 * mfspr SRR0 at guest problem state: the privileged-instruction program
 * interrupt, although the guest kernel's own mtspr SRR0 just before ran in
 * the engine (SIM_SPR_ENGINE_SV) and its rfid used that value.
 */
static void test_priv_spr(void **state)
{
	boot("g_priv_spr");
	assert_true(gx_map_4k(&G, 0x124, 0x2000, 0x2000, 0x2) != 0);
	assert_int_equal(gx_run(&G, BUDGET), BOOK3S_INTERRUPT_SYSCALL);
	assert_report(BOOK3S_INTERRUPT_PROGRAM, gx_find(&G, W_MFSRR0_7, GX_ENTRY));
	assert_int_equal(G.report[2] & SIM_SRR1_INT_BITS, SRR1_PROGPRIV);
	assert_int_equal(G.report[2] & MSR_PR, MSR_PR);
	assert_int_equal(G.t->gpr[20], 1);
	assert_clean();
}

/*
 * SPRs the engine's later-ISA CPU would serve without trapping reach the
 * model, which answers as POWER7: PURR with the model's count, TAR and SIER
 * (not in POWER7) as no-ops for the guest kernel, the AMR through its
 * problem-state number 13 with the model's value, written under AMOR.
 * Hand-encoded: this scenario needs no cross-built program.
 */
static void test_spr_fidelity(void **state)
{
	const uint32_t code[] = {
		ppc_li(4, 0x55), ppc_li(5, 0x66),
		ppc_mfspr(3, SPRN_PURR), ppc_mfspr(4, 815 /* TAR */), ppc_mfspr(5, 768 /* SIER */),
		ppc_mfspr(6, SPRN_UAMR), ppc_li(7, -1), ppc_mtspr(SPRN_UAMR, 7),
		ppc_sc(1),
	};

	gx_load_words(&G, GX_ENTRY, code, sizeof(code) / sizeof(code[0]));
	G.t->spr[SPRN_AMR] = 0x1234;
	G.t->spr[SPRN_AMOR] = 0xff00;
	gx_enter(&G, GX_ENTRY, GX_MSR_ENTRY);
	assert_int_equal(gx_run(&G, BUDGET), BOOK3S_INTERRUPT_SYSCALL);
	/* PURR counts the TB ticks of the thread's instructions before the mfspr. */
	assert_int_equal(G.t->gpr[3], 2);
	assert_int_equal(G.t->gpr[4], 0x55);
	assert_int_equal(G.t->gpr[5], 0x66);
	assert_int_equal(G.t->gpr[6], 0x1234);
	assert_int_equal(G.t->spr[SPRN_AMR], 0xff34);
	assert_clean();
}

/*
 * Single step over emulated instructions (ISA 2.06 6.5.15, and the
 * guest contract): the mtmsrd that sets MSR[SE] is not traced; the next
 * instruction, an mfspr the model emulates, is, with SRR0 = the one after
 * it and the mfspr's result in place.
 */
static void test_trace_emulated(void **state)
{
	const uint32_t code[] = {
		ppc_mfmsr(5), ppc_ori(5, 5, 0x400 /* MSR_SE */), PPC_X(31, 5, 0, 0, 178) /* mtmsrd */,
		ppc_mfspr(7, SPRN_SPRG0), ppc_li(20, 1), ppc_li(21, 1),
	};
	const uint32_t vector[] = {
		ppc_li(4, BOOK3S_INTERRUPT_TRACE), ppc_mfspr(5, SPRN_SRR0), ppc_mfspr(6, SPRN_SRR1),
		ppc_li(3, 0), ppc_ori(3, 3, G_REPORT), ppc_sc(1),
	};

	gx_load_words(&G, GX_ENTRY, code, sizeof(code) / sizeof(code[0]));
	gx_load_words(&G, BOOK3S_INTERRUPT_TRACE, vector, sizeof(vector) / sizeof(vector[0]));
	G.t->spr[SPRN_SPRG0] = 0x77;
	gx_enter(&G, GX_ENTRY, GX_MSR_ENTRY);
	assert_int_equal(gx_run(&G, BUDGET), BOOK3S_INTERRUPT_SYSCALL);
	assert_report(BOOK3S_INTERRUPT_TRACE, GX_ENTRY + 16);
	assert_int_equal(G.t->gpr[7], 0x77);
	assert_int_equal(G.t->gpr[20], 0);
	assert_int_equal(G.report[2] & MSR_SE, MSR_SE);
	assert_clean();
}

/*
 * Branch trace across a page: with MSR[BE] the engine ends every block in a
 * trace stop, and the block that ends at a page boundary without a branch
 * reported its own last instruction as the next one: the nop at the end of
 * the page ran again forever (found by the guest-driven fuzzer).  Nothing
 * is traced; execution goes on into the next page.
 */
static void test_branch_trace_page_end(void **state)
{
	const uint64_t at = 0x3ff0;
	const uint32_t code[] = {
		ppc_mfmsr(5), ppc_ori(5, 5, 0x200 /* MSR_BE */), PPC_X(31, 5, 0, 0, 178),
		ppc_addi(21, 21, 1),	/* the last word of the page */
		ppc_li(20, 1), ppc_sc(1),
	};
	const uint32_t vector[] = {
		ppc_li(4, BOOK3S_INTERRUPT_TRACE), ppc_mfspr(5, SPRN_SRR0), ppc_mfspr(6, SPRN_SRR1),
		ppc_li(3, 0), ppc_ori(3, 3, G_REPORT), ppc_sc(1),
	};

	gx_load_words(&G, at, code, sizeof(code) / sizeof(code[0]));
	gx_load_words(&G, BOOK3S_INTERRUPT_TRACE, vector, sizeof(vector) / sizeof(vector[0]));
	G.t->gpr[21] = 0;
	gx_enter(&G, at, GX_MSR_ENTRY);
	assert_int_equal(gx_run(&G, BUDGET), BOOK3S_INTERRUPT_SYSCALL);
	assert_int_equal(G.t->gpr[20], 1);
	assert_int_equal(G.t->gpr[21], 1);
	assert_int_equal(G.t->spr[SPRN_SRR0], 0x4008);
	assert_clean();
}

/*
 * Branch trace (ISA 2.06 6.5.15, MSR[BE]): no trace for the mtmsrd that sets
 * BE, none for a conditional branch not taken (bdnz with CTR = 1), nor for
 * the nop after it; the taken b gives 0xd00 with SRR0 = its target and the
 * trace-time MSR (BE set) in SRR1, before the target runs.
 */
static void test_branch_trace(void **state)
{
	const uint32_t code[] = {
		ppc_li(7, 1), ppc_mtctr(7), ppc_mfmsr(5), ppc_ori(5, 5, 0x200 /* MSR_BE */),
		PPC_X(31, 5, 0, 0, 178) /* mtmsrd */, ppc_bdnz(8), ppc_nop(), ppc_b(8), ppc_nop(),
		ppc_li(20, 1),
	};
	const uint32_t vector[] = {
		ppc_li(4, BOOK3S_INTERRUPT_TRACE), ppc_mfspr(5, SPRN_SRR0), ppc_mfspr(6, SPRN_SRR1),
		ppc_li(3, 0), ppc_ori(3, 3, G_REPORT), ppc_sc(1),
	};

	gx_load_words(&G, GX_ENTRY, code, sizeof(code) / sizeof(code[0]));
	gx_load_words(&G, BOOK3S_INTERRUPT_TRACE, vector, sizeof(vector) / sizeof(vector[0]));
	gx_enter(&G, GX_ENTRY, GX_MSR_ENTRY);
	assert_int_equal(gx_run(&G, BUDGET), BOOK3S_INTERRUPT_SYSCALL);
	assert_report(BOOK3S_INTERRUPT_TRACE, GX_ENTRY + 36);
	assert_int_equal(G.report[2] & MSR_BE, MSR_BE);
	assert_int_equal(G.t->gpr[20], 0);
	assert_int_equal(G.t->ctr, 0);
	assert_clean();
}

/*
 * PPR through the engine (ISA 2.06 Book II 3.2): the guest kernel writes
 * medium-low with junk in the other bits and reads back PRI alone; very high
 * (hypervisor only) leaves it unchanged.
 */
static void test_ppr(void **state)
{
	const uint32_t code[] = {
		ppc_li(5, 3), ppc_sldi(5, 5, 50), ppc_ori(5, 5, 0xffff), ppc_mtspr(SPRN_PPR, 5),
		ppc_mfspr(6, SPRN_PPR), ppc_li(7, -1), ppc_mtspr(SPRN_PPR, 7), ppc_mfspr(8, SPRN_PPR),
		ppc_li(3, 0), ppc_sc(1),
	};

	gx_load_words(&G, GX_ENTRY, code, sizeof(code) / sizeof(code[0]));
	gx_enter(&G, GX_ENTRY, GX_MSR_ENTRY);
	assert_int_equal(gx_run(&G, BUDGET), BOOK3S_INTERRUPT_SYSCALL);
	assert_int_equal(G.t->gpr[6], 3ULL << 50);
	assert_int_equal(G.t->gpr[8], 3ULL << 50);
	assert_clean();
}

/*
 * Instruction storage coherence (ISA 2.06 Book II 1.8 and 4.3.1): code the
 * host rewrites behind the engine's back (no invalidation of its own) is
 * fetched anew once the guest runs dcbst, sync, icbi, isync for it.  The
 * first pass through the block translates "li r20,7"; the host then puts
 * "li r20,9" there; after the sequence the guest branches back and must get
 * 9.  icbi of a page the guest cannot translate is a storage interrupt.
 */
static void test_icbi(void **state)
{
	const uint32_t code[] = {
		ppc_li(20, 7), ppc_li(3, 0), ppc_sc(1),
		ppc_li(5, GX_ENTRY), PPC_X(31, 0, 0, 5, 54) /* dcbst 0,r5 */,
		PPC_X(31, 0, 0, 0, 598) /* sync */, PPC_X(31, 0, 0, 5, 982) /* icbi 0,r5 */,
		0x4c00012c /* isync */, ppc_b(-32),
	};
	uint32_t be = __builtin_bswap32(ppc_li(20, 9));

	gx_load_words(&G, GX_ENTRY, code, sizeof(code) / sizeof(code[0]));
	gx_enter(&G, GX_ENTRY, GX_MSR_ENTRY);
	assert_int_equal(gx_run(&G, BUDGET), BOOK3S_INTERRUPT_SYSCALL);
	assert_int_equal(G.t->gpr[20], 7);
	memcpy(sim_arena_ptr(&G.m.arena, gx_real(&G, GX_ENTRY), 4), &be, 4);
	gx_resume_sc(&G, 0);
	assert_int_equal(gx_run(&G, BUDGET), BOOK3S_INTERRUPT_SYSCALL);
	assert_int_equal(G.t->gpr[20], 9);
	assert_clean();
}

/* ---- determinism ---------------------------------------------------------------------------- */

struct outcome {
	struct gx_exit exits[GX_MAX_EXITS];
	unsigned int nexits;
	uint64_t gpr[32], executed, clock, tb, report[5];
	uint64_t mem[4];
};

static void run_once(const char *name, uint64_t hdec, uint64_t r14, struct outcome *o)
{
	gx_close(&G);
	assert_int_equal(gx_open(&G, GX_CHECK), 0);
	boot(name);
	if (!strcmp(name, "g_reloc")) {
		assert_true(gx_map_4k(&G, 0x123, 0x10005000, 0x1005000, 0x2) != 0);
		assert_true(gx_map_4k(&G, 0x123, 0x10007000, 0x1007000, 0x3) != 0);
	}
	G.t->gpr[14] = r14;
	if (hdec)
		sim_spr_write(G.t, SPRN_HDEC, hdec);
	gx_run(&G, BUDGET);
	memset(o, 0, sizeof(*o));
	memcpy(o->exits, G.exits, sizeof(o->exits));
	o->nexits = G.nexits;
	memcpy(o->gpr, G.t->gpr, sizeof(o->gpr));
	o->executed = G.t->executed;
	o->clock = G.m.clock;
	o->tb = sim_tb_read(G.t);
	memcpy(o->report, G.report, sizeof(o->report));
	for (unsigned int i = 0; i < 4; i++)
		o->mem[i] = gx_load_be64(&G, gx_real(&G, 0x1005000 + 8 * i));
	assert_clean();
}

/*
 * Two runs of the same guest, each on a fresh machine and engine, give the
 * same exits at the same instruction counts, the same registers, time and
 * memory: time is instruction count, not host time.
 */
static void test_deterministic(void **state)
{
	static const struct { const char *name; uint64_t hdec, r14; } runs[] = {
		{ "g_dec", 0, 0 }, { "g_hdec_spin", 54321, 0 }, { "g_long_block", 33333, 0 },
		{ "g_reloc", 0, 0 }, { "g_priv_user", 0, 0 },
	};
	static struct outcome a, b;

	for (unsigned int i = 0; i < sizeof(runs) / sizeof(runs[0]); i++) {
		run_once(runs[i].name, runs[i].hdec, runs[i].r14, &a);
		run_once(runs[i].name, runs[i].hdec, runs[i].r14, &b);
		assert_true(a.nexits > 0);
		assert_int_equal(a.nexits, b.nexits);
		for (unsigned int n = 0; n < a.nexits; n++) {
			assert_int_equal(a.exits[n].trap, b.exits[n].trap);
			assert_int_equal(a.exits[n].srr0, b.exits[n].srr0);
			assert_int_equal(a.exits[n].srr1, b.exits[n].srr1);
			assert_int_equal(a.exits[n].executed, b.exits[n].executed);
			assert_int_equal(a.exits[n].clock, b.exits[n].clock);
		}
		assert_int_equal(a.executed, b.executed);
		assert_int_equal(a.clock, b.clock);
		assert_int_equal(a.tb, b.tb);
		assert_memory_equal(a.gpr, b.gpr, sizeof(a.gpr));
		assert_memory_equal(a.report, b.report, sizeof(a.report));
		assert_memory_equal(a.mem, b.mem, sizeof(a.mem));
	}
}

/* ---- the check mode itself ------------------------------------------------------------------- */

/*
 * The check catches a translation the engine keeps that the model does not
 * give: the harness changes the read/write page's HPTE to another real
 * page without any TLB invalidation while the guest is stopped at its
 * G_VALUE call, so the engine's TLB still maps the old page.  On resume
 * the check reports it as an engine rule violation and the run ends with
 * an engine error.
 */
static void test_check_catches_stale_translation(void **state)
{
	uint64_t rw, ro, r;

	boot_reloc(0, &rw, &ro);
	/* Run up to the G_VALUE call, whose exit the harness normally resumes. */
	assert_int_equal(sim_run(G.t, BUDGET), BOOK3S_INTERRUPT_SYSCALL);
	assert_int_equal(G.t->gpr[3], G_VALUE);
	r = gx_load_be64(&G, rw + 8);
	gx_store_be64(&G, rw + 8, (r & ~HPTE_R_RPN) | (gx_real(&G, 0x1006000) & HPTE_R_RPN));
	gx_resume_sc(&G, 0);
	G.m.log_level = -1;
	assert_int_equal(sim_run(G.t, BUDGET), 0);
	assert_true(strstr(G.m.engine_error, "EA 0x10005000") != NULL);
	assert_int_equal(G.m.rule_count[SIM_RULE_ENGINE], 1);
	assert_int_equal(sim_engine_unicorn_check_stats(G.eng).mismatches, 1);
	sim_rules_reset_counts(&G.m);
	G.m.engine_error[0] = 0;
}

#define SCENARIO(f)	cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		SCENARIO(test_hdec_spin),
		SCENARIO(test_hdec_bound_long_blocks),
		SCENARIO(test_vrma_miss_hdsi),
		SCENARIO(test_hisi),
		SCENARIO(test_illegal_hea),
		SCENARIO(test_isa207_hea),
		SCENARIO(test_sc),
		SCENARIO(test_reloc_read_write),
		SCENARIO(test_reloc_dsi_protfault),
		SCENARIO(test_reloc_dsi_nohpte),
		SCENARIO(test_dseg),
		SCENARIO(test_iseg),
		SCENARIO(test_dec),
		SCENARIO(test_trap),
		SCENARIO(test_priv_user),
		SCENARIO(test_priv_spr),
		SCENARIO(test_spr_fidelity),
		SCENARIO(test_trace_emulated),
		SCENARIO(test_icbi),
		SCENARIO(test_branch_trace),
		SCENARIO(test_branch_trace_page_end),
		SCENARIO(test_ppr),
		SCENARIO(test_deterministic),
		SCENARIO(test_check_catches_stale_translation),
	};

	if (!P7_GUESTS_AVAILABLE) {
		printf("test_guests: no powerpc64 cross toolchain, guest programs not built: "
		       "skipped\n");
		return SKIP_CODE;
	}
	if (argc > 1)
		cmocka_set_test_filter(argv[1]);
	return cmocka_run_group_tests_name("guests", tests, NULL, NULL);
}
