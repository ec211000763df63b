// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of time (sim/timebase.c): the TB follows the instruction clock
 * at the configured ratio; DEC and HDEC count down with it as 32-bit values;
 * their exception appears when bit 0 goes from 0 to 1, stays while not
 * taken, and a positive mtdec cancels it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "engine.h"
#include "interrupt.h"
#include "sim_fixture.h"
#include "spr.h"
#include "timebase.h"

static struct sim_machine mach;
static struct sim_thread *t;

static int setup(void **state)
{
	if (sim_machine_init(&mach, 64 * MB, 2))
		return -1;
	t = &mach.threads[0];
	return 0;
}

static int teardown(void **state)
{
	sim_machine_destroy(&mach);
	return 0;
}

/* Ratio 1:1 by default; 1 tick per 8 instructions counts whole ticks only. */
static void test_tb_ratio(void **state)
{
	assert_int_equal(sim_tb_read(t), 0);
	sim_clock_advance(&mach, t, 100);
	assert_int_equal(sim_tb_read(t), 100);
	assert_int_equal(sim_tb_at(t, 5), 105);
	assert_int_equal(sim_engine_timebase(t, 7), 107);

	sim_tb_set_ratio(&mach, 1, 8);
	assert_int_equal(sim_tb_read(t), 100);	/* continuous across the change */
	/* Ticks fall on multiples of 8 of the clock: the next one at 104. */
	sim_clock_advance(&mach, t, 3);
	assert_int_equal(sim_tb_read(t), 100);
	sim_clock_advance(&mach, t, 1);
	assert_int_equal(sim_tb_read(t), 101);
	sim_clock_advance(&mach, t, 16);
	assert_int_equal(sim_tb_read(t), 103);
	/* 0 is not a ratio. */
	sim_tb_set_ratio(&mach, 0, 8);
	assert_int_equal(mach.tb_num, 1);
	assert_int_equal(mach.tb_den, 8);
}

/*
 * DEC = 10: after 10 ticks it reads 0 with no exception; the 11th tick makes
 * it 0xffffffff (bit 0 goes 0 -> 1) and the exception exists.
 * sim_timers_next says 11 instructions ahead of time.
 */
static void test_dec_countdown(void **state)
{
	sim_dec_write(t, 10);
	sim_hdec_write(t, 0x7fffffff);
	assert_int_equal(sim_timers_next(t), 11);
	sim_clock_advance(&mach, t, 10);
	assert_int_equal(sim_dec_read(t), 0);
	assert_false(t->pending & SIM_PEND_DEC);
	assert_int_equal(sim_timers_next(t), 1);
	sim_clock_advance(&mach, t, 1);
	assert_int_equal(sim_dec_read(t), 0xffffffff);
	assert_true(t->pending & SIM_PEND_DEC);
	/* It stays pending while the DEC keeps counting (negative). */
	sim_clock_advance(&mach, t, 1000);
	sim_timers_update(t);
	assert_int_equal(sim_dec_read(t), (uint32_t)-1001);
	assert_true(t->pending & SIM_PEND_DEC);
	/* A positive mtdec cancels it. */
	sim_dec_write(t, 50);
	assert_false(t->pending & SIM_PEND_DEC);
}

/* Crossing -1 between two looks still counts, even over a long stretch. */
static void test_dec_edge_over_long_step(void **state)
{
	sim_dec_write(t, 5);
	sim_clock_advance(&mach, t, 100000);
	sim_timers_update(t);
	assert_true(t->pending & SIM_PEND_DEC);
	/* Taken: gone; the counter stays negative and does not re-arm. */
	t->pending &= ~SIM_PEND_DEC;
	sim_clock_advance(&mach, t, 100000);
	sim_timers_update(t);
	assert_false(t->pending & SIM_PEND_DEC);
}

/*
 * mtdec with bit 0 = 1 makes the exception exist at once; the next edge
 * after -1 is 2^32 ticks away.
 */
static void test_negative_mtdec(void **state)
{
	sim_dec_write(t, 0xffffffff);
	sim_hdec_write(t, 0xffffffff);
	assert_true(t->pending & SIM_PEND_DEC);
	assert_true(t->pending & SIM_PEND_HDEC);
	assert_int_equal(sim_timers_next(t), 1ULL << 32);
	/* Through the SPR interface, from the guest kernel. */
	uint64_t v = 0x80000000;

	t->pending = 0;
	t->msr = MSR_GUEST_KERN;
	assert_int_equal(sim_spr_access(t, SPRN_DEC, true, &v, NULL), SIM_SPR_DONE);
	assert_true(t->pending & SIM_PEND_DEC);
	v = 1;
	sim_spr_access(t, SPRN_DEC, true, &v, NULL);
	assert_false(t->pending & SIM_PEND_DEC);
}

/* HDEC counts like DEC and independently of it. */
static void test_hdec(void **state)
{
	sim_dec_write(t, 1000);
	sim_hdec_write(t, 3);
	assert_int_equal(sim_timers_next(t), 4);
	sim_clock_advance(&mach, t, 4);
	assert_int_equal(sim_hdec_read(t), 0xffffffff);
	assert_true(t->pending & SIM_PEND_HDEC);
	assert_false(t->pending & SIM_PEND_DEC);
	assert_int_equal(sim_dec_read(t), 996);
}

/* With 8 instructions per tick, DEC = 10 needs 11 ticks = 88 instructions. */
static void test_next_with_ratio(void **state)
{
	sim_tb_set_ratio(&mach, 1, 8);
	sim_dec_write(t, 10);
	sim_hdec_write(t, 0x7fffffff);
	assert_int_equal(sim_timers_next(t), 88);
	sim_clock_advance(&mach, t, 87);
	sim_timers_update(t);
	assert_false(t->pending & SIM_PEND_DEC);
	sim_clock_advance(&mach, t, 1);
	sim_timers_update(t);
	assert_true(t->pending & SIM_PEND_DEC);
	/* Two ticks per instruction: DEC = 9 reaches -1 in 5 instructions. */
	sim_tb_set_ratio(&mach, 2, 1);
	sim_dec_write(t, 9);
	assert_int_equal(sim_timers_next(t), 5);
}

/* The TB is one per core, and writing it does not disturb the decrementers. */
static void test_tb_write_per_core(void **state)
{
	struct sim_thread *sib = &mach.threads[1], *other = &mach.threads[4];

	sim_dec_write(t, 100);
	sim_tb_write_upper(t, 0x12);
	sim_tb_write_lower(t, 0x34);
	assert_int_equal(sim_tb_read(t), 0x0000001200000034ULL);
	assert_int_equal(sim_tb_read(sib), 0x0000001200000034ULL);
	assert_int_equal(sim_tb_read(other), 0);
	assert_int_equal(sim_dec_read(t), 100);
	sim_clock_advance(&mach, t, 10);
	assert_int_equal(sim_tb_read(sib), 0x000000120000003eULL);
	assert_int_equal(sim_dec_read(t), 90);
}

/* PURR/SPURR count the ticks of the thread's own instructions. */
static void test_purr(void **state)
{
	sim_clock_advance(&mach, t, 30);
	sim_clock_advance(&mach, &mach.threads[1], 20);
	sim_clock_advance(&mach, NULL, 5);
	assert_int_equal(t->spr[SPRN_PURR], 30);
	assert_int_equal(t->spr[SPRN_SPURR], 30);
	assert_int_equal(mach.threads[1].spr[SPRN_PURR], 20);
	assert_int_equal(mach.clock, 55);
	assert_int_equal(t->executed, 30);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_tb_ratio),
		T(test_dec_countdown),
		T(test_dec_edge_over_long_step),
		T(test_negative_mtdec),
		T(test_hdec),
		T(test_next_with_ratio),
		T(test_tb_write_per_core),
		T(test_purr),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
