// SPDX-License-Identifier: GPL-2.0-only
/* Unit tests of the SPR table and of mfspr/mtspr access rules (sim/spr.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "cpu.h"
#include "engine.h"
#include "interrupt.h"
#include "sim_fixture.h"
#include "spr.h"
#include "timebase.h"

static struct sim_machine mach;
static struct sim_thread *t;

static int setup(void **state)
{
	if (sim_machine_init(&mach, 64 * MB, 1))
		return -1;
	t = &mach.threads[0];
	return 0;
}

static int teardown(void **state)
{
	sim_machine_destroy(&mach);
	return 0;
}

/* Access as the thread's current MSR allows; returns the result code. */
static enum sim_spr_ret acc(uint64_t msr, unsigned int sprn, bool write, uint64_t *val,
			    struct sim_intr *irq)
{
	t->msr = msr;
	return sim_spr_access(t, sprn, write, val, irq);
}

/*
 * The table carries POWER7's facts: width, read/write privilege, and the
 * SPRs the engine serves natively (problem-state accessible ones).
 */
static void test_table_entries(void **state)
{
	const struct sim_spr *s;

	s = sim_spr_info(SPRN_PVR);
	assert_non_null(s);
	assert_string_equal(s->name, "PVR");
	assert_int_equal(s->width, 32);
	assert_int_equal(s->read, SIM_SPR_PRIV);
	assert_int_equal(s->write, SIM_SPR_NONE);

	s = sim_spr_info(SPRN_LPCR);
	assert_int_equal(s->width, 64);
	assert_int_equal(s->read, SIM_SPR_HYP);
	assert_int_equal(s->write, SIM_SPR_HYP);
	assert_int_equal(s->fx, SIM_FX_LPCR);

	assert_int_equal(sim_spr_info(SPRN_DEC)->width, 32);
	assert_int_equal(sim_spr_info(SPRN_HDEC)->read, SIM_SPR_HYP);
	assert_int_equal(sim_spr_info(SPRN_SRR0)->read, SIM_SPR_PRIV);
	assert_int_equal(sim_spr_info(SPRN_USPRG3)->store, SPRN_SPRG3);
	assert_int_equal(sim_spr_info(SPRN_USPRG3)->write, SIM_SPR_NONE);
	/* PPR traps: POWER7 keeps only PRI, and only allowed priorities. */
	assert_false(sim_spr_info(SPRN_PPR)->flags & SIM_SPR_ENGINE);
	assert_true(sim_spr_info(SPRN_TBRL)->flags & SIM_SPR_ENGINE);
	assert_true(sim_spr_info(SPRN_UAMR)->flags & SIM_SPR_ENGINE);
	assert_false(sim_spr_info(SPRN_AMR)->flags & SIM_SPR_ENGINE);
	assert_false(sim_spr_info(SPRN_SPRG0)->flags & SIM_SPR_ENGINE);
	/* Numbers POWER7 does not have. */
	assert_null(sim_spr_info(2));
	assert_null(sim_spr_info(0x3e));
	assert_null(sim_spr_info(5000));

	/* Every SPR the issue lists is in the table. */
	static const unsigned int listed[] = {
		SPRN_SRR0, SPRN_SRR1, SPRN_HSRR0, SPRN_HSRR1, SPRN_DAR, SPRN_DSISR, SPRN_HDAR,
		SPRN_HDSISR, SPRN_HEIR, SPRN_SPRG0, SPRN_SPRG1, SPRN_SPRG2, SPRN_SPRG3,
		SPRN_HSPRG0, SPRN_HSPRG1, SPRN_DEC, SPRN_HDEC, SPRN_TBRL, SPRN_PURR, SPRN_SPURR,
		SPRN_LPCR, SPRN_LPID, SPRN_SDR1, SPRN_RMOR, SPRN_HRMOR, SPRN_AMR, SPRN_UAMOR,
		SPRN_AMOR, SPRN_DABR, SPRN_DABRX, SPRN_DSCR, SPRN_CTRLF, SPRN_CTRLT, SPRN_PIR,
		SPRN_PVR, SPRN_CFAR, SPRN_PPR, SPRN_PMC1, SPRN_PMC2, SPRN_PMC3, SPRN_PMC4,
		SPRN_PMC5, SPRN_PMC6, SPRN_MMCR0, SPRN_MMCR1, SPRN_MMCRA, SPRN_SIAR, SPRN_SDAR,
	};
	for (unsigned int i = 0; i < sizeof(listed) / sizeof(listed[0]); i++)
		assert_non_null(sim_spr_info(listed[i]));
}

/* Reset values: POWER7 PVR, PIR = thread index, CTRL run latch, MMCR0[FC]. */
static void test_reset_values(void **state)
{
	assert_int_equal(sim_spr_read(t, SPRN_PVR), SIM_PVR_POWER7);
	assert_int_equal(sim_spr_read(&mach.threads[3], SPRN_PIR), 3);
	assert_int_equal(sim_spr_read(t, SPRN_CTRLF), 1);
	assert_int_equal(sim_spr_read(t, SPRN_MMCR0), 0x80000000);
	assert_int_equal(sim_spr_read(t, SPRN_DEC), 0x7fffffff);
}

/* 32-bit SPRs keep the low word; mfspr returns it zero-extended. */
static void test_width(void **state)
{
	uint64_t v = 0xffffffff12345678ULL;

	assert_int_equal(acc(MSR_GUEST_KERN, SPRN_DSISR, true, &v, NULL), SIM_SPR_DONE);
	v = 0;
	assert_int_equal(acc(MSR_GUEST_KERN, SPRN_DSISR, false, &v, NULL), SIM_SPR_DONE);
	assert_int_equal(v, 0x12345678);
	/* A negative DEC reads as 0x00000000_fffffff0, not sign-extended. */
	v = 0xfffffffffffffff0ULL;
	acc(MSR_GUEST_KERN, SPRN_DEC, true, &v, NULL);
	acc(MSR_GUEST_KERN, SPRN_DEC, false, &v, NULL);
	assert_int_equal(v, 0xfffffff0ULL);
	/* 64-bit ones keep all 64. */
	v = 0xfedcba9876543210ULL;
	acc(MSR_GUEST_KERN, SPRN_SPRG1, true, &v, NULL);
	assert_int_equal(sim_spr_read(t, SPRN_SPRG1), 0xfedcba9876543210ULL);
}

/*
 * Problem state: LR/CTR/XER, the user AMR, VRSAVE, PPR, TB and the user
 * SPRG3 view are allowed; a privileged SPR gives a Privileged Instruction
 * type Program interrupt (SRR1 bit 45).
 */
static void test_problem_state(void **state)
{
	struct sim_intr irq;
	uint64_t v = 0x1234;

	assert_int_equal(acc(MSR_GUEST_USER, SPRN_LR, true, &v, &irq), SIM_SPR_DONE);
	assert_int_equal(t->lr, 0x1234);
	t->spr[SPRN_SPRG3] = 0xabc;
	assert_int_equal(acc(MSR_GUEST_USER, SPRN_USPRG3, false, &v, &irq), SIM_SPR_DONE);
	assert_int_equal(v, 0xabc);
	assert_int_equal(acc(MSR_GUEST_USER, SPRN_TBRL, false, &v, &irq), SIM_SPR_DONE);

	assert_int_equal(acc(MSR_GUEST_USER, SPRN_SRR0, false, &v, &irq), SIM_SPR_RAISE);
	assert_int_equal(irq.vec, BOOK3S_INTERRUPT_PROGRAM);
	assert_int_equal(irq.bits, SRR1_PROGPRIV);
	assert_int_equal(acc(MSR_GUEST_USER, SPRN_SPRG3, true, &v, &irq), SIM_SPR_RAISE);
	assert_int_equal(irq.bits, SRR1_PROGPRIV);
	/* Hypervisor SPRs from problem state: the same program interrupt. */
	assert_int_equal(acc(MSR_GUEST_USER, SPRN_LPCR, false, &v, &irq), SIM_SPR_RAISE);
	assert_int_equal(irq.vec, BOOK3S_INTERRUPT_PROGRAM);
	/* Also from hypervisor problem state (MSR[HV]=1, PR=1). */
	assert_int_equal(acc(MSR_HYP | MSR_PR, SPRN_HSRR0, false, &v, &irq), SIM_SPR_RAISE);
	assert_int_equal(irq.bits, SRR1_PROGPRIV);
}

/*
 * A guest kernel (MSR[HV]=0, PR=0) touching a hypervisor SPR: POWER7 gives
 * the Privileged Instruction type Program interrupt (no LPCR[EVIRT] before
 * ISA 3.0), and nothing changes.
 */
static void test_guest_supervisor_hv_spr(void **state)
{
	struct sim_intr irq;
	uint64_t v = 0x5555;

	t->spr[SPRN_LPCR] = 0;
	assert_int_equal(acc(MSR_GUEST_KERN, SPRN_LPCR, true, &v, &irq), SIM_SPR_RAISE);
	assert_int_equal(irq.vec, BOOK3S_INTERRUPT_PROGRAM);
	assert_int_equal(irq.bits, SRR1_PROGPRIV);
	assert_int_equal(t->spr[SPRN_LPCR], 0);
	assert_int_equal(acc(MSR_GUEST_KERN, SPRN_HDEC, false, &v, &irq), SIM_SPR_RAISE);
	assert_int_equal(acc(MSR_GUEST_KERN, SPRN_SDR1, false, &v, &irq), SIM_SPR_RAISE);
	/* Privileged (non-hypervisor) SPRs are the guest's own. */
	assert_int_equal(acc(MSR_GUEST_KERN, SPRN_SRR0, true, &v, &irq), SIM_SPR_DONE);
	assert_int_equal(acc(MSR_GUEST_KERN, SPRN_PVR, false, &v, &irq), SIM_SPR_DONE);
	assert_int_equal(v, SIM_PVR_POWER7);
	/* Hypervisor state may do all of it. */
	v = LPCR_HDICE;
	assert_int_equal(acc(MSR_HYP, SPRN_LPCR, true, &v, &irq), SIM_SPR_DONE);
	assert_int_equal(t->spr[SPRN_LPCR], LPCR_HDICE);
}

/*
 * SPR numbers POWER7 lacks for that direction (ISA 2.06 4.4.4, made
 * explicit in 2.07): spr0 (number bit 0x10) = 1: privileged program
 * interrupt from problem state, no-op otherwise; spr0 = 0: HEA from problem
 * state, no-op otherwise except SPRs 0, 4, 5, 6 (HEA).
 */
static void test_undefined_sprs(void **state)
{
	struct sim_intr irq;
	uint64_t v = 77;

	/* 0x3e: spr0 = 1. */
	assert_int_equal(acc(MSR_GUEST_USER, 0x3e, false, &v, &irq), SIM_SPR_RAISE);
	assert_int_equal(irq.vec, BOOK3S_INTERRUPT_PROGRAM);
	assert_int_equal(irq.bits, SRR1_PROGPRIV);
	assert_int_equal(acc(MSR_GUEST_KERN, 0x3e, false, &v, &irq), SIM_SPR_NOOP);
	assert_int_equal(v, 77);
	assert_int_equal(acc(MSR_HYP, 0x3e, true, &v, &irq), SIM_SPR_NOOP);
	/* 2: spr0 = 0. */
	assert_int_equal(acc(MSR_GUEST_USER, 2, false, &v, &irq), SIM_SPR_RAISE);
	assert_int_equal(irq.vec, BOOK3S_INTERRUPT_H_EMUL_ASSIST);
	assert_int_equal(acc(MSR_GUEST_KERN, 2, false, &v, &irq), SIM_SPR_NOOP);
	/* 0, 4, 5, 6: HEA even when privileged. */
	assert_int_equal(acc(MSR_GUEST_KERN, 0, false, &v, &irq), SIM_SPR_RAISE);
	assert_int_equal(irq.vec, BOOK3S_INTERRUPT_H_EMUL_ASSIST);
	assert_int_equal(acc(MSR_GUEST_KERN, 4, true, &v, &irq), SIM_SPR_RAISE);
	assert_int_equal(acc(MSR_HYP, 6, false, &v, &irq), SIM_SPR_RAISE);
	assert_int_equal(acc(MSR_GUEST_KERN, 7, false, &v, &irq), SIM_SPR_NOOP);
	/* Writing read-only PVR (287, spr0 = 1): no-op privileged, program from problem. */
	v = 1;
	assert_int_equal(acc(MSR_GUEST_KERN, SPRN_PVR, true, &v, &irq), SIM_SPR_NOOP);
	assert_int_equal(sim_spr_read(t, SPRN_PVR), SIM_PVR_POWER7);
	assert_int_equal(acc(MSR_GUEST_USER, SPRN_PVR, true, &v, &irq), SIM_SPR_RAISE);
	assert_int_equal(irq.bits, SRR1_PROGPRIV);
	/* Writing the user SPRG3 view (259, spr0 = 0) from problem state: HEA. */
	assert_int_equal(acc(MSR_GUEST_USER, SPRN_USPRG3, true, &v, &irq), SIM_SPR_RAISE);
	assert_int_equal(irq.vec, BOOK3S_INTERRUPT_H_EMUL_ASSIST);
	/* And hv_mtspr of PVR (hypervisor) changes nothing either. */
	sim_spr_write(t, SPRN_PVR, 0);
	assert_int_equal(sim_spr_read(t, SPRN_PVR), SIM_PVR_POWER7);
	/* A NULL irq pointer is allowed. */
	assert_int_equal(acc(MSR_GUEST_USER, 2, false, &v, NULL), SIM_SPR_RAISE);
}

/*
 * AMR, UAMR (13) and UAMOR writes below hypervisor state are masked (ISA
 * 2.06 mtspr): AMR by AMOR when privileged, by UAMOR in problem state;
 * UAMOR by AMOR.
 */
static void test_amr_masking(void **state)
{
	uint64_t v;

	sim_spr_write(t, SPRN_AMR, 0);
	sim_spr_write(t, SPRN_AMOR, 0xf000000000000000ULL);
	sim_spr_write(t, SPRN_UAMOR, 0x0c00000000000000ULL);

	v = ~0ULL;
	acc(MSR_GUEST_KERN, SPRN_AMR, true, &v, NULL);
	assert_int_equal(t->spr[SPRN_AMR], 0xf000000000000000ULL);
	v = 0;
	acc(MSR_GUEST_USER, SPRN_UAMR, true, &v, NULL);
	/* Only UAMOR's bits 4:5 change: 0xf0.. -> 0xf0.. & ~0x0c.. = 0xf0.. */
	assert_int_equal(t->spr[SPRN_AMR], 0xf000000000000000ULL);
	sim_spr_write(t, SPRN_UAMOR, 0x3000000000000000ULL);
	acc(MSR_GUEST_USER, SPRN_UAMR, true, &v, NULL);
	assert_int_equal(t->spr[SPRN_AMR], 0xc000000000000000ULL);
	v = ~0ULL;
	acc(MSR_GUEST_KERN, SPRN_UAMR, true, &v, NULL);
	assert_int_equal(t->spr[SPRN_AMR], 0xf000000000000000ULL);
	acc(MSR_GUEST_KERN, SPRN_UAMOR, true, &v, NULL);
	assert_int_equal(t->spr[SPRN_UAMOR], 0xf000000000000000ULL);
	acc(MSR_HYP, SPRN_UAMR, true, &v, NULL);
	assert_int_equal(t->spr[SPRN_AMR], ~0ULL);
	acc(MSR_HYP, SPRN_UAMOR, true, &v, NULL);
	assert_int_equal(t->spr[SPRN_UAMOR], ~0ULL);
	acc(MSR_GUEST_USER, SPRN_UAMR, false, &v, NULL);
	assert_int_equal(v, ~0ULL);
	/* The change is for the engine to mirror. */
	assert_true(t->mirror_dirty & SIM_ENG_AMR);
}

/* Side effects: LPID is 10 bits, LPCR keeps POWER7's bits, HMER ANDs, CTRL's run latch. */
static void test_side_effects(void **state)
{
	sim_spr_write(t, SPRN_LPID, 0x12345);
	assert_int_equal(sim_spr_read(t, SPRN_LPID), 0x345);
	sim_spr_write(t, SPRN_LPID, 0);
	sim_spr_write(t, SPRN_LPCR, ~0ULL);
	assert_int_equal(sim_spr_read(t, SPRN_LPCR), 0xe07f80003e007a0fULL);
	sim_spr_write(t, SPRN_LPCR, 0);

	t->spr[SPRN_HMER] = 0xff00000000000000ULL;
	sim_spr_write(t, SPRN_HMER, 0x7fffffffffffffffULL);
	assert_int_equal(sim_spr_read(t, SPRN_HMER), 0x7f00000000000000ULL);

	sim_spr_write(t, SPRN_CTRLT, 0);
	assert_int_equal(sim_spr_read(t, SPRN_CTRLF), 0);
	sim_spr_write(t, SPRN_CTRLT, 0xffff);
	assert_int_equal(sim_spr_read(t, SPRN_CTRLF), 1);
	/* The write number reads as a no-op, the read number cannot be written. */
	assert_int_equal(sim_spr_read(t, SPRN_CTRLT), 0);

	/* XER/LR/CTR live in the thread's own fields. */
	sim_spr_write(t, SPRN_CTR, 99);
	assert_int_equal(t->ctr, 99);
	sim_spr_write(t, SPRN_XER, 7);
	assert_int_equal(sim_spr_read(t, SPRN_XER), 7);

	/*
	 * SDR1, LPCR and RMOR/HRMOR changes ask the engine to mirror them; the
	 * engine flushes what a change invalidates itself (engine.h), so no
	 * flush is requested: a partition switch rewrites them on every entry.
	 */
	t->mirror_dirty = 0;
	t->flush_pending = false;
	sim_spr_write(t, SPRN_SDR1, 0x4000000);
	assert_true(t->mirror_dirty & SIM_ENG_SDR1);
	sim_spr_write(t, SPRN_LPCR, LPCR_VPM0);
	assert_true(t->mirror_dirty & SIM_ENG_LPCR);
	sim_spr_write(t, SPRN_LPCR, 0);
	sim_spr_write(t, SPRN_HRMOR, 0x1000000);
	assert_true(t->mirror_dirty & SIM_ENG_RMOR);
	assert_false(t->flush_pending);

	/* Non-POWER7 numbers: hv_mtspr keeps the value for tests to read back. */
	sim_spr_write(t, 0x3e, 5);
	assert_int_equal(sim_spr_read(t, 0x3e), 5);
	assert_int_equal(sim_spr_read(t, 5000), 0);
	sim_spr_write(t, 5000, 1);
}

/*
 * Time SPRs: 268 reads the whole TB, 269 its upper word; 284/285 (hypervisor)
 * write one half each; PURR counts the thread's ticks.
 */
static void test_time_sprs(void **state)
{
	uint64_t v;

	sim_spr_write(t, SPRN_TBWU, 0x11);
	sim_spr_write(t, SPRN_TBWL, 0x22);
	assert_int_equal(sim_spr_read(t, SPRN_TBRL), 0x0000001100000022ULL);
	assert_int_equal(sim_spr_read(t, SPRN_TBRU), 0x11);
	sim_clock_advance(&mach, t, 5);
	assert_int_equal(sim_spr_read(t, SPRN_TBRL), 0x0000001100000027ULL);
	assert_int_equal(acc(MSR_GUEST_KERN, SPRN_TBWL, true, &v, NULL), SIM_SPR_RAISE);
	sim_spr_write(t, SPRN_PURR, 100);
	sim_clock_advance(&mach, t, 3);
	assert_int_equal(sim_spr_read(t, SPRN_PURR), 103);
	sim_spr_write(t, SPRN_HDEC, 1000);
	assert_int_equal(sim_spr_read(t, SPRN_HDEC), 1000);
}

/*
 * PPR (ISA 2.06 Book II 3.2, Book III-S 3.1): only PRI (bits 11:13) reads
 * back; resets to medium; problem state may set low to medium, privileged
 * state very low to high, the hypervisor very high too; anything else (and
 * the reserved 0) leaves it unchanged.
 */
static void test_ppr(void **state)
{
	struct sim_intr irq;
	uint64_t v;

	assert_int_equal(t->spr[SPRN_PPR], SIM_PPR_MEDIUM);
	v = ~0ULL;
	assert_int_equal(acc(MSR_GUEST_KERN, SPRN_PPR, true, &v, &irq), SIM_SPR_DONE);
	assert_int_equal(t->spr[SPRN_PPR], SIM_PPR_MEDIUM);	/* 7: not below HV */
	v = (3ULL << SIM_PPR_PRI_SHIFT) | 0xffff;
	assert_int_equal(acc(MSR_GUEST_USER, SPRN_PPR, true, &v, &irq), SIM_SPR_DONE);
	assert_int_equal(acc(MSR_GUEST_USER, SPRN_PPR, false, &v, &irq), SIM_SPR_DONE);
	assert_int_equal(v, 3ULL << SIM_PPR_PRI_SHIFT);
	v = 6ULL << SIM_PPR_PRI_SHIFT;
	assert_int_equal(acc(MSR_GUEST_USER, SPRN_PPR, true, &v, &irq), SIM_SPR_DONE);
	assert_int_equal(t->spr[SPRN_PPR], 3ULL << SIM_PPR_PRI_SHIFT);
	assert_int_equal(acc(MSR_GUEST_KERN, SPRN_PPR, true, &v, &irq), SIM_SPR_DONE);
	assert_int_equal(t->spr[SPRN_PPR], 6ULL << SIM_PPR_PRI_SHIFT);
	v = 0;
	assert_int_equal(acc(MSR_GUEST_KERN, SPRN_PPR, true, &v, &irq), SIM_SPR_DONE);
	assert_int_equal(t->spr[SPRN_PPR], 6ULL << SIM_PPR_PRI_SHIFT);
	sim_spr_write(t, SPRN_PPR, 7ULL << SIM_PPR_PRI_SHIFT);
	assert_int_equal(sim_spr_read(t, SPRN_PPR), 7ULL << SIM_PPR_PRI_SHIFT);
}

/* HID0, HID1, HID4 and HID5 are all hypervisor resources: a guest kernel traps on each. */
static void test_hids(void **state)
{
	static const unsigned int hids[] = { SPRN_HID0, SPRN_HID1, SPRN_HID4, SPRN_HID5 };
	struct sim_intr irq;
	uint64_t v = 0x55;

	for (unsigned int i = 0; i < 4; i++) {
		memset(&irq, 0, sizeof(irq));
		assert_int_equal(acc(MSR_GUEST_KERN, hids[i], false, &v, &irq), SIM_SPR_RAISE);
		assert_int_equal(irq.vec, BOOK3S_INTERRUPT_PROGRAM);
		assert_int_equal(acc(MSR_GUEST_KERN, hids[i], true, &v, &irq), SIM_SPR_RAISE);
		sim_spr_write(t, hids[i], 0x1234 + i);
		assert_int_equal(sim_spr_read(t, hids[i]), 0x1234 + i);
	}
}

/* The thread state an mtspr can change, for comparing two threads. */
static void assert_same_spr_state(const struct sim_thread *a, const struct sim_thread *b,
				  unsigned int sprn)
{
	for (unsigned int i = 0; i < SIM_NR_SPRS; i++)
		if (a->spr[i] != b->spr[i])
			fail_msg("mtspr %u: spr[%u] 0x%llx != 0x%llx", sprn, i,
				 (unsigned long long)a->spr[i], (unsigned long long)b->spr[i]);
	assert_int_equal(a->lr, b->lr);
	assert_int_equal(a->ctr, b->ctr);
	assert_int_equal(a->xer, b->xer);
	assert_int_equal(a->dec_val, b->dec_val);
	assert_int_equal(a->hdec_val, b->hdec_val);
	assert_int_equal(a->tb_offset, b->tb_offset);
	assert_int_equal(a->pending, b->pending);
	assert_int_equal(a->regs_dirty, b->regs_dirty);
	assert_int_equal(a->mirror_dirty, b->mirror_dirty);
	assert_int_equal(a->flush_pending, b->flush_pending);
}

/*
 * The hypervisor's mtspr (sim_spr_write) takes a short cut for the SPRs
 * that are plain storage: it must leave every SPR number of the table
 * exactly as the full path does (sim_spr_access at hypervisor state, which
 * performs the same write through the table and its side effects), from
 * the same state, for values with any bits set.
 */
static void test_hyp_write_short_cut(void **state)
{
	static const uint64_t vals[] = { 0, ~0ULL, 0x8123456789abcdefULL, 0x7fffffffULL };
	struct sim_machine one, other;
	struct sim_thread *fast, *full;

	/* Two fresh machines: the same clock, TB and decrementers to start from. */
	assert_int_equal(sim_machine_init(&one, 64 * MB, 1), 0);
	assert_int_equal(sim_machine_init(&other, 64 * MB, 1), 0);
	fast = &one.threads[0];
	full = &other.threads[0];
	for (unsigned int n = 0; n < SIM_NR_SPRS; n++) {
		const struct sim_spr *s = sim_spr_info(n);

		if (!s || s->write == SIM_SPR_NONE)
			continue;
		for (unsigned int i = 0; i < sizeof(vals) / sizeof(vals[0]); i++) {
			uint64_t v = vals[i];

			sim_cpu_reset(fast);
			sim_cpu_reset(full);
			fast->msr = full->msr = MSR_HV | MSR_SF | MSR_ME;
			fast->regs_dirty = full->regs_dirty = false;
			fast->mirror_dirty = full->mirror_dirty = 0;
			fast->flush_pending = full->flush_pending = false;
			sim_spr_write(fast, n, v);
			assert_int_equal(sim_spr_access(full, n, true, &v, NULL), SIM_SPR_DONE);
			assert_same_spr_state(fast, full, n);
		}
	}
	sim_machine_destroy(&one);
	sim_machine_destroy(&other);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table_entries),
		cmocka_unit_test(test_reset_values),
		cmocka_unit_test(test_width),
		cmocka_unit_test(test_problem_state),
		cmocka_unit_test(test_guest_supervisor_hv_spr),
		cmocka_unit_test(test_undefined_sprs),
		cmocka_unit_test(test_amr_masking),
		cmocka_unit_test(test_side_effects),
		cmocka_unit_test(test_time_sprs),
		cmocka_unit_test(test_ppr),
		cmocka_unit_test(test_hids),
		cmocka_unit_test(test_hyp_write_short_cut),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
