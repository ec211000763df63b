// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of interrupt routing and delivery (sim/interrupt.c): each
 * interrupt's registers and new MSR, the LPCR routing (LPES, MER, HDICE),
 * enabling by MSR[EE] and state, priorities, and injection.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>

#include "interrupt.h"
#include "sim_fixture.h"
#include "spr.h"
#include "timebase.h"

static struct sim_machine mach;
static struct sim_thread *t;

/* A guest kernel with translation and EE on: SF | EE | ME | IR | DR. */
#define GMSR	(MSR_SF | MSR_EE | MSR_ME | MSR_IR | MSR_DR)

static int setup(void **state)
{
	if (sim_machine_init(&mach, 64 * MB, 1))
		return -1;
	t = &mach.threads[0];
	t->msr = GMSR;
	t->pc = 0x700010;
	return 0;
}

static int teardown(void **state)
{
	sim_machine_destroy(&mach);
	return 0;
}

/*
 * DSI to the guest: SRR0 = faulting PC, SRR1 = MSR (bits 33:36, 42:47
 * from the interrupt), DAR/DSISR, new MSR = SF | ME, PC = 0x300.  It stays
 * in guest state, so it is not an exit.
 */
static void test_dsi_to_guest(void **state)
{
	struct sim_intr irq = { .vec = BOOK3S_INTERRUPT_DATA_STORAGE, .dar = 0xdead0000,
				.dsisr = 0x42000000 };

	assert_false(sim_intr_deliver(t, &irq));
	assert_int_equal(t->spr[SPRN_SRR0], 0x700010);
	assert_int_equal(t->spr[SPRN_SRR1], GMSR);
	assert_int_equal(t->spr[SPRN_DAR], 0xdead0000);
	assert_int_equal(t->spr[SPRN_DSISR], 0x42000000);
	assert_int_equal(t->msr, MSR_SF | MSR_ME);
	assert_int_equal(t->pc, 0x300);
	assert_int_equal(t->last_irq.vec, 0x300);
	assert_false(t->last_irq.hv);
	assert_int_equal(t->spr[SPRN_HSRR0], 0);
}

/* SRR1 carries the interrupt's bits in 33:36 and 42:47 only, MSR bits elsewhere. */
static void test_srr1_bits(void **state)
{
	struct sim_intr irq = sim_intr_program(SRR1_PROGTRAP | 0x8000000000000000ULL);

	t->msr = GMSR | 0x00010000ULL;	/* bit 47 set in the MSR: not carried */
	sim_intr_deliver(t, &irq);
	assert_int_equal(t->spr[SPRN_SRR1], GMSR | SRR1_PROGTRAP);
	assert_int_equal(t->pc, 0x700);
	/* LPCR[ILE]: guest interrupts run little-endian. */
	t->msr = GMSR;
	t->spr[SPRN_LPCR] = LPCR_ILE;
	sim_intr_deliver(t, &irq);
	assert_int_equal(t->msr, MSR_SF | MSR_ME | MSR_LE);
	/* 32-bit mode: SRR0 has a zero high word. */
	t->msr = (GMSR & ~MSR_SF);
	t->pc = 0x1000;
	sim_intr_deliver(t, &(struct sim_intr){ .vec = BOOK3S_INTERRUPT_SYSCALL, .next = true });
	assert_int_equal(t->spr[SPRN_SRR0], 0x1004);
	assert_int_equal(t->msr & MSR_SF, MSR_SF);
}

/*
 * HDSI: HSRR0/1, HDAR/HDSISR, MSR = SF | HV | ME, PC = 0xe00; it takes the
 * guest to the hypervisor.  The guest's SRR0/1, DAR, DSISR are untouched.
 */
static void test_hdsi(void **state)
{
	struct sim_intr irq = { .vec = BOOK3S_INTERRUPT_H_DATA_STORAGE, .dar = 0x1000010,
				.dsisr = 0x40000000 };

	t->spr[SPRN_SRR0] = 0x11;
	t->spr[SPRN_DAR] = 0x22;
	assert_true(sim_intr_deliver(t, &irq));
	assert_int_equal(t->spr[SPRN_HSRR0], 0x700010);
	assert_int_equal(t->spr[SPRN_HSRR1], GMSR);
	assert_int_equal(t->spr[SPRN_HDAR], 0x1000010);
	assert_int_equal(t->spr[SPRN_HDSISR], 0x40000000);
	assert_int_equal(t->spr[SPRN_SRR0], 0x11);
	assert_int_equal(t->spr[SPRN_DAR], 0x22);
	assert_int_equal(t->msr, MSR_SF | MSR_HV | MSR_ME);
	assert_int_equal(t->pc, 0xe00);
	assert_true(t->last_irq.hv);
	assert_true(t->last_irq.hsrr);
}

/* HISI keeps its SRR1-style bits in HSRR1; HEA sets HEIR. */
static void test_hisi_and_hea(void **state)
{
	assert_true(sim_intr_deliver(t, &(struct sim_intr){ .vec = BOOK3S_INTERRUPT_H_INST_STORAGE,
							    .bits = SRR1_ISI_NOPT }));
	assert_int_equal(t->spr[SPRN_HSRR1], GMSR | SRR1_ISI_NOPT);
	assert_int_equal(t->pc, 0xe20);

	t->msr = GMSR;
	t->pc = 0x4000;
	struct sim_intr hea = sim_intr_hea(0x7c0002e4);

	assert_true(sim_intr_deliver(t, &hea));
	assert_int_equal(t->spr[SPRN_HEIR], 0x7c0002e4);
	assert_int_equal(t->spr[SPRN_HSRR0], 0x4000);
	assert_int_equal(t->pc, 0xe40);
	/* HEA in hypervisor state stays there: not a guest exit. */
	assert_false(sim_intr_deliver(t, &hea));
	assert_int_equal(t->msr, MSR_SF | MSR_HV | MSR_ME);
}

/*
 * sc 1 (the hypervisor call) from guest supervisor or problem state: SRR0 =
 * the next instruction, SRR1 = MSR, MSR[HV] set; not HSRR.  sc 0 goes to the
 * guest's own 0xc00.
 */
static void test_system_call(void **state)
{
	struct sim_intr sc1 = { .vec = BOOK3S_INTERRUPT_SYSCALL, .next = true, .lev1 = true };
	struct sim_intr sc0 = { .vec = BOOK3S_INTERRUPT_SYSCALL, .next = true };

	assert_true(sim_intr_deliver(t, &sc1));
	assert_int_equal(t->spr[SPRN_SRR0], 0x700014);
	assert_int_equal(t->spr[SPRN_SRR1], GMSR);
	assert_int_equal(t->spr[SPRN_HSRR0], 0);
	assert_int_equal(t->msr, MSR_SF | MSR_HV | MSR_ME);
	assert_true(t->last_irq.hv);
	assert_false(t->last_irq.hsrr);

	t->msr = MSR_GUEST_USER;
	t->pc = 0x10000;
	assert_true(sim_intr_deliver(t, &sc1));
	assert_int_equal(t->spr[SPRN_SRR1], MSR_GUEST_USER);

	t->msr = MSR_GUEST_USER;
	assert_false(sim_intr_deliver(t, &sc0));
	assert_int_equal(t->msr, MSR_SF | MSR_ME);
	assert_int_equal(t->pc, 0xc00);
}

/* Machine check and system reset set MSR[HV] through SRR0/1; machine check clears ME. */
static void test_mce_sreset(void **state)
{
	assert_true(sim_intr_deliver(t, &(struct sim_intr){ .vec =
							    BOOK3S_INTERRUPT_MACHINE_CHECK }));
	assert_int_equal(t->msr, MSR_SF | MSR_HV);
	assert_int_equal(t->spr[SPRN_SRR0], 0x700010);
	t->msr = GMSR;
	assert_true(sim_intr_deliver(t, &(struct sim_intr){ .vec = BOOK3S_INTERRUPT_SYSTEM_RESET }));
	assert_int_equal(t->msr, MSR_SF | MSR_HV | MSR_ME);
	assert_int_equal(t->pc, 0x100);
}

/* Forced routes: a program interrupt "from firmware" reaches the HV through SRR0/1. */
static void test_forced_route(void **state)
{
	struct sim_intr irq = sim_intr_program(SRR1_PROGILL);

	irq.route = SIM_ROUTE_HV;
	assert_true(sim_intr_is_hv(t, &irq));
	assert_true(sim_intr_deliver(t, &irq));
	assert_int_equal(t->spr[SPRN_SRR1], GMSR | SRR1_PROGILL);
	assert_int_equal(t->msr & MSR_HV, MSR_HV);
	irq = (struct sim_intr){ .vec = BOOK3S_INTERRUPT_HV_DECREMENTER, .route = SIM_ROUTE_OS };
	assert_false(sim_intr_is_hv(t, &irq));
}

/*
 * HDEC (LPCR[HDICE]=1): taken in guest state even with EE=0, through HSRR;
 * masked by EE=0 in hypervisor state; never without HDICE.  It clears when
 * taken.
 */
static void test_hdec_routing(void **state)
{
	struct sim_intr irq;

	t->msr = MSR_SF | MSR_ME | MSR_IR | MSR_DR;	/* guest, EE = 0 */
	sim_hdec_write(t, 0xffffff00);
	assert_true(t->pending & SIM_PEND_HDEC);
	assert_false(sim_intr_pending(t, &irq));
	t->spr[SPRN_LPCR] = LPCR_HDICE;
	assert_true(sim_intr_pending(t, &irq));
	assert_int_equal(irq.vec, BOOK3S_INTERRUPT_HV_DECREMENTER);
	t->msr = MSR_HYP;
	assert_false(sim_intr_pending(t, &irq));
	t->msr = MSR_HYP | MSR_EE;
	assert_true(sim_intr_pending(t, &irq));
	/* Hypervisor problem state cannot mask it either. */
	t->msr = MSR_HYP | MSR_PR;
	assert_true(sim_intr_pending(t, &irq));

	t->msr = MSR_SF | MSR_ME;
	t->pc = 0x2000;
	assert_int_equal(sim_intr_check(t), SIM_CHECK_EXIT);
	assert_int_equal(t->pc, 0x980);
	assert_int_equal(t->spr[SPRN_HSRR0], 0x2000);
	assert_false(t->pending & SIM_PEND_HDEC);
	assert_int_equal(sim_intr_check(t), SIM_CHECK_NONE);
}

/* DEC goes to the guest when EE=1; with EE=0 it stays pending. */
static void test_dec_routing(void **state)
{
	struct sim_intr irq;

	t->msr = MSR_SF | MSR_ME;
	sim_dec_write(t, 0x80000000);
	assert_false(sim_intr_pending(t, &irq));
	assert_true(t->pending & SIM_PEND_DEC);
	t->msr = GMSR;
	assert_int_equal(sim_intr_check(t), SIM_CHECK_DELIVERED);
	assert_int_equal(t->pc, 0x900);
	assert_int_equal(t->spr[SPRN_SRR0], 0x700010);
	assert_false(t->pending & SIM_PEND_DEC);
}

/*
 * External: LPES0=0 sends it to the hypervisor (HSRR, not maskable by the
 * guest); LPES0=1 to the OS when EE=1.  The input line is a level.
 */
static void test_external_lpes(void **state)
{
	struct sim_intr irq;

	sim_intr_set_external(t, true);
	t->msr = MSR_SF | MSR_ME;	/* guest, EE = 0 */
	assert_true(sim_intr_pending(t, &irq));
	assert_true(irq.hv_external);
	assert_int_equal(sim_intr_check(t), SIM_CHECK_EXIT);
	assert_int_equal(t->pc, 0x500);
	assert_true(t->last_irq.hsrr);
	/* Still asserted: the hypervisor (EE=0) holds it off. */
	assert_false(sim_intr_pending(t, &irq));
	t->spr[SPRN_LPCR] = LPCR_LPES0;
	t->msr = MSR_SF | MSR_ME;
	assert_false(sim_intr_pending(t, &irq));
	t->msr = GMSR;
	t->pc = 0x700020;
	assert_int_equal(sim_intr_check(t), SIM_CHECK_DELIVERED);
	assert_int_equal(t->spr[SPRN_SRR0], 0x700020);
	assert_false(t->last_irq.hv);
	sim_intr_set_external(t, false);
	t->msr = GMSR;
	assert_false(sim_intr_pending(t, &irq));
}

/* LPCR[MER]: the guest enabling EE brings the hypervisor back at 0x500 (HSRR). */
static void test_mediated_external(void **state)
{
	struct sim_intr irq;

	t->spr[SPRN_LPCR] = LPCR_MER | LPCR_LPES0;
	t->msr = MSR_SF | MSR_ME;
	assert_false(sim_intr_pending(t, &irq));
	t->msr = GMSR;
	assert_int_equal(sim_intr_check(t), SIM_CHECK_EXIT);
	assert_int_equal(t->last_irq.vec, 0x500);
	assert_true(t->last_irq.hsrr);
	/* Not in hypervisor state. */
	t->msr = MSR_HYP | MSR_EE;
	assert_false(sim_intr_pending(t, &irq));
}

/* Priority: system reset, machine check, injected, HMI, external, MER, HDEC, DEC, perfmon. */
static void test_priority(void **state)
{
	struct sim_intr irq;

	t->msr = GMSR;
	t->spr[SPRN_LPCR] = LPCR_HDICE | LPCR_LPES0;
	t->pending = SIM_PEND_DEC | SIM_PEND_HDEC | SIM_PEND_PERFMON;
	assert_true(sim_intr_pending(t, &irq));
	assert_int_equal(irq.vec, 0x980);
	t->pending = SIM_PEND_DEC | SIM_PEND_PERFMON;
	sim_intr_pending(t, &irq);
	assert_int_equal(irq.vec, 0x900);
	t->pending = SIM_PEND_PERFMON;
	sim_intr_pending(t, &irq);
	assert_int_equal(irq.vec, 0xf00);
	t->pending |= SIM_PEND_EXT | SIM_PEND_HDEC;
	sim_intr_pending(t, &irq);
	assert_int_equal(irq.vec, 0x500);
	t->pending |= SIM_PEND_HMI;
	sim_intr_pending(t, &irq);
	assert_int_equal(irq.vec, 0xe60);
	t->pending |= SIM_PEND_MCE;
	sim_intr_pending(t, &irq);
	assert_int_equal(irq.vec, 0x200);
	t->pending |= SIM_PEND_SRESET;
	sim_intr_pending(t, &irq);
	assert_int_equal(irq.vec, 0x100);
	/* Taking one leaves the others pending. */
	sim_intr_check(t);
	assert_int_equal(t->pending, SIM_PEND_MCE | SIM_PEND_HMI | SIM_PEND_EXT | SIM_PEND_HDEC |
					     SIM_PEND_PERFMON);
}

/*
 * Injection: the exception comes into existence when the clock reaches the
 * chosen count, in order; sim_inject_next says how far away the next is.
 */
static void test_injection(void **state)
{
	struct sim_intr irq;

	assert_int_equal(sim_inject_next(&mach), UINT64_MAX);
	assert_int_equal(sim_inject(&mach, &(struct sim_injection){ .at = 200, .cpu = 0,
								  .kind = SIM_INJ_HMI }), 0);
	assert_int_equal(sim_inject(&mach, &(struct sim_injection){ .at = 100, .cpu = 0,
								  .kind = SIM_INJ_EXTERNAL }), 0);
	assert_int_equal(sim_inject(&mach, &(struct sim_injection){ .at = 1, .cpu = 9 }), -EINVAL);
	assert_int_equal(sim_inject_next(&mach), 100);
	sim_clock_advance(&mach, t, 99);
	sim_inject_fire(&mach);
	assert_int_equal(t->pending, 0);
	assert_int_equal(sim_inject_next(&mach), 1);
	sim_clock_advance(&mach, t, 1);
	sim_inject_fire(&mach);
	assert_int_equal(t->pending, SIM_PEND_EXT);
	assert_int_equal(sim_inject_next(&mach), 100);
	/* One-shot: delivering it consumes it. */
	t->msr = MSR_SF | MSR_ME;
	assert_int_equal(sim_intr_check(t), SIM_CHECK_EXIT);
	assert_int_equal(t->pending, 0);
	sim_clock_advance(&mach, t, 100);
	sim_inject_fire(&mach);
	assert_int_equal(t->spr[SPRN_HMER], 0x8000000000000000ULL);
	assert_true(sim_intr_pending(t, &irq) == false);	/* hypervisor, EE = 0 */
	t->msr = GMSR;
	assert_true(sim_intr_pending(t, &irq));
	assert_int_equal(irq.vec, BOOK3S_INTERRUPT_HMI);
	assert_int_equal(sim_inject_next(&mach), UINT64_MAX);
}

/* Every kind of injection, and a forced program interrupt routed to the HV. */
static void test_injection_kinds(void **state)
{
	static const struct {
		enum sim_inject_kind kind;
		unsigned int vec;
	} kinds[] = {
		{ SIM_INJ_MACHINE_CHECK, 0x200 },
		{ SIM_INJ_SYSTEM_RESET, 0x100 },
		{ SIM_INJ_PERFMON, 0xf00 },
	};
	struct sim_intr irq;

	for (unsigned int i = 0; i < 3; i++) {
		t->pending = 0;
		t->msr = GMSR;
		sim_inject(&mach, &(struct sim_injection){ .at = mach.clock, .kind = kinds[i].kind });
		sim_inject_fire(&mach);
		assert_true(sim_intr_pending(t, &irq));
		assert_int_equal(irq.vec, kinds[i].vec);
	}
	t->pending = 0;
	sim_inject(&mach, &(struct sim_injection){ .at = mach.clock, .kind = SIM_INJ_INTERRUPT,
						   .vec = 0x700, .bits = SRR1_PROGILL,
						   .route = SIM_ROUTE_HV });
	sim_inject_fire(&mach);
	t->msr = MSR_SF | MSR_ME;	/* delivered whatever EE says */
	assert_int_equal(sim_intr_check(t), SIM_CHECK_EXIT);
	assert_int_equal(t->pc, 0x700);
	assert_int_equal(t->spr[SPRN_SRR1], (MSR_SF | MSR_ME) | SRR1_PROGILL);
	/* Many injections grow the queue. */
	for (unsigned int i = 0; i < 40; i++)
		assert_int_equal(sim_inject(&mach, &(struct sim_injection){ .at = 1000 + i }), 0);
	assert_int_equal(mach.ninj, 40);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_dsi_to_guest),
		T(test_srr1_bits),
		T(test_hdsi),
		T(test_hisi_and_hea),
		T(test_system_call),
		T(test_mce_sreset),
		T(test_forced_route),
		T(test_hdec_routing),
		T(test_dec_routing),
		T(test_external_lpes),
		T(test_mediated_external),
		T(test_priority),
		T(test_injection),
		T(test_injection_kinds),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
