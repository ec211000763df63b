// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of the model's debugger support (sim/debug.c) through sim_run
 * on the null engine (one no-op per instruction, PC + 4): a breakpoint stops
 * before its instruction whatever the budget, a resumed thread executes the
 * instruction it stopped on, a step completes exactly one instruction, and a
 * watchpoint stops before the load or store that touches it, for each form
 * of storage access the decoder knows (the instruction words are in guest
 * memory at the PC; the null engine never executes them; the words are
 * the assembler's, checked with powerpc64-linux-gnu-as -mpower7).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "cpu.h"
#include "debug.h"
#include "engine.h"
#include "hv_env.h"
#include "sim_fixture.h"

static struct sim_machine mach;
static struct sim_thread *t;
static struct sim_debug dbg;

#define START	0x400000ULL
#define DATA	0x500000ULL
#define GREAL	(MSR_SF | MSR_ME)

static int setup(void **state)
{
	if (sim_machine_init(&mach, 128 * MB, 1))
		return -1;
	sim_machine_select(&mach, 0);
	mach.log_level = 0;
	t = mach.cur;
	sim_engine_attach(&mach, sim_engine_null_create(&mach));
	t->msr = GREAL;
	t->pc = START;
	/* No VRMA, RMA of 256 GB at 0: every guest real address translates as itself. */
	t->spr[SPRN_LPCR] = LPCR_HDICE;
	sim_debug_init(&dbg);
	mach.debug = &dbg;
	return 0;
}

static int teardown(void **state)
{
	sim_machine_destroy(&mach);
	return 0;
}

static void put_insn(uint64_t ra, uint32_t w)
{
	uint8_t *p = sim_arena_ptr(&mach.arena, ra, 4);

	p[0] = (uint8_t)(w >> 24);
	p[1] = (uint8_t)(w >> 16);
	p[2] = (uint8_t)(w >> 8);
	p[3] = (uint8_t)w;
}

/*
 * A breakpoint 10 instructions ahead stops the run there, before that
 * instruction, although the budget allows 1000; the resumed thread runs on
 * through it without stopping again.
 */
static void test_break_exact(void **state)
{
	assert_int_equal(sim_debug_add_break(&dbg, START + 40), 0);
	assert_int_equal(sim_run(t, 1000), 0);
	assert_int_equal(dbg.hit, SIM_DBG_BREAK);
	assert_int_equal(dbg.hit_addr, START + 40);
	assert_int_equal(t->pc, START + 40);
	assert_int_equal(mach.clock, 10);
	/* Stays stopped until the debugger resumes it. */
	assert_int_equal(sim_run(t, 1000), 0);
	assert_int_equal(mach.clock, 10);
	sim_debug_resume(&dbg, &mach, t->index, t->pc);
	assert_int_equal(sim_run(t, 100), 0);
	assert_int_equal(dbg.hit, SIM_DBG_NONE);
	assert_int_equal(mach.clock, 110);
	assert_int_equal(sim_debug_del_break(&dbg, START + 40), 0);
	assert_int_equal(sim_debug_del_break(&dbg, START + 40), -1);
}

/* A step: exactly one instruction, then the run ends with SIM_DBG_STEP. */
static void test_step_one(void **state)
{
	dbg.step_thread = (int)t->index;
	sim_debug_resume(&dbg, &mach, t->index, t->pc);
	assert_int_equal(sim_run(t, 1000), 0);
	assert_int_equal(dbg.hit, SIM_DBG_STEP);
	assert_int_equal(t->pc, START + 4);
	assert_int_equal(mach.clock, 1);
	assert_int_equal(t->executed, 1);
}

struct form {
	const char *name;
	uint32_t insn;
	uint64_t ea;		/* what it touches, from r3 = DATA, r4 = 0x10, r30 = 30 */
	unsigned int len;
	bool store;
};

/* Watch [ea, ea + 1) with @kind at START + 8, where @insn is: does the run stop there? */
static bool stops_at(uint32_t insn, uint64_t ea, enum sim_watch_kind kind)
{
	sim_machine_destroy(&mach);
	setup(NULL);
	t->gpr[3] = DATA;
	t->gpr[4] = 0x10;
	t->gpr[30] = 30;
	put_insn(START + 8, insn);
	dbg.watch[0] = (struct sim_watch){ .ea = ea, .len = 1, .kind = kind };
	dbg.nwatch = 1;
	sim_debug_resume(&dbg, &mach, t->index, t->pc);
	sim_run(t, 20);
	return dbg.hit == SIM_DBG_WATCH && t->pc == START + 8;
}

/*
 * Every kind of access form: the first and the last byte it touches are
 * hits (for a store: write and access watches; for a load: read and access),
 * the bytes just outside are not, and the other direction never is.
 */
static void test_watch_forms(void **state)
{
	static const struct form forms[] = {
		{ "stw r5,8(r3)", 0x90a30008, DATA + 8, 4, true },
		{ "stb r5,-1(r3)", 0x98a3ffff, DATA - 1, 1, true },
		{ "sthu r5,2(r3)", 0xb4a30002, DATA + 2, 2, true },
		{ "std r5,16(r3)", 0xf8a30010, DATA + 16, 8, true },
		{ "stdu r5,-8(r3)", 0xf8a3fff9, DATA - 8, 8, true },
		{ "stwx r5,r3,r4", 0x7ca3212e, DATA + 0x10, 4, true },
		{ "stdx r5,r3,r4", 0x7ca3212a, DATA + 0x10, 8, true },
		{ "stmw r30,0(r3)", 0xbfc30000, DATA, 8, true },
		{ "stfd f1,24(r3)", 0xd8230018, DATA + 24, 8, true },
		{ "stvx v1,r3,r4 (aligned down)", 0x7c2321ce, DATA + 0x10, 16, true },
		{ "stswi r5,r3,3", 0x7ca31daa, DATA, 3, true },
		{ "stwcx. r5,r3,r4", 0x7ca3212d, DATA + 0x10, 4, true },
		{ "lwz r5,8(r3)", 0x80a30008, DATA + 8, 4, false },
		{ "lbz r5,1(r3)", 0x88a30001, DATA + 1, 1, false },
		{ "ld r5,16(r3)", 0xe8a30010, DATA + 16, 8, false },
		{ "lwa r5,4(r3)", 0xe8a30006, DATA + 4, 4, false },
		{ "lwzx r5,r3,r4", 0x7ca3202e, DATA + 0x10, 4, false },
		{ "lfd f1,32(r3)", 0xc8230020, DATA + 32, 8, false },
		{ "lvx v1,r3,r4", 0x7c2320ce, DATA + 0x10, 16, false },
		{ "ldarx r5,r3,r4", 0x7ca320a8, DATA + 0x10, 8, false },
	};

	for (unsigned int i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
		const struct form *f = &forms[i];
		enum sim_watch_kind same = f->store ? SIM_WATCH_WRITE : SIM_WATCH_READ;
		enum sim_watch_kind other = f->store ? SIM_WATCH_READ : SIM_WATCH_WRITE;

		print_message("%s\n", f->name);
		assert_true(stops_at(f->insn, f->ea, same));
		assert_true(stops_at(f->insn, f->ea + f->len - 1, SIM_WATCH_ACCESS));
		assert_false(stops_at(f->insn, f->ea + f->len, same));
		assert_false(stops_at(f->insn, f->ea - 1, same));
		assert_false(stops_at(f->insn, f->ea, other));
	}
	/* dcbz zeroes the whole 128-byte block holding the EA. */
	assert_true(stops_at(0x7c0327ec, DATA + 0x7f, SIM_WATCH_WRITE));	/* dcbz r3,r4 */
	assert_false(stops_at(0x7c0327ec, DATA + 0x80, SIM_WATCH_WRITE));
	/* Not an access: an add never stops. */
	assert_false(stops_at(0x7ca32214, DATA, SIM_WATCH_ACCESS));	/* add r5,r3,r4 */
}

/*
 * A write watch also sees a value that changed without a store of this
 * thread (the hypervisor, another vcpu): it stops at the next boundary.
 */
static void test_watch_value_change(void **state)
{
	uint8_t *p = sim_arena_ptr(&mach.arena, DATA, 4);

	p[0] = 1;
	dbg.watch[0] = (struct sim_watch){ .ea = DATA, .len = 4, .kind = SIM_WATCH_WRITE };
	dbg.nwatch = 1;
	sim_debug_resume(&dbg, &mach, t->index, t->pc);
	assert_int_equal(sim_run(t, 5), 0);
	assert_int_equal(dbg.hit, SIM_DBG_NONE);
	p[3] = 7;
	assert_int_equal(sim_run(t, 5), 0);
	assert_int_equal(dbg.hit, SIM_DBG_WATCH);
	assert_int_equal(dbg.watch[0].val, 0x01000007);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_break_exact, setup, teardown),
		cmocka_unit_test_setup_teardown(test_step_one, setup, teardown),
		cmocka_unit_test_setup_teardown(test_watch_forms, setup, teardown),
		cmocka_unit_test_setup_teardown(test_watch_value_change, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
