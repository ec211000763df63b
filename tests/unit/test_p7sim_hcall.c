// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of the userspace hcall table and its small handlers
 * (tools/p7sim/hcall.c): console, set-mode, random, logical CI access,
 * unknown hcalls and registration.  Every call checks that only the
 * hcall's defined outputs changed in args[] (r4..r12).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "hv_consts.h"
#include "p7sim_test.h"

static int setup(void **state)
{
	*state = fixture_new(32 * MB, 1, 0, 42);
	return 0;
}

static int teardown(void **state)
{
	fixture_free(*state);
	return 0;
}

/* args[from..8] still hold what args_pattern() put there. */
static void assert_untouched_from(const uint64_t *args, int from)
{
	for (int i = from; i < 9; i++)
		assert_int_equal(args[i], 0x5a5a5a5a00000000ULL | (4 + i));
}

static int64_t put_term(struct fixture *f, uint64_t termno, uint64_t len, uint64_t r6,
			uint64_t r7)
{
	uint64_t args[9];
	int64_t ret;

	args_pattern(args);
	args[0] = termno;
	args[1] = len;
	args[2] = r6;
	args[3] = r7;
	ret = p7sim_hcall(&f->plat, 0, H_PUT_TERM_CHAR, args);
	assert_int_equal(args[0], termno);
	assert_int_equal(args[1], len);
	assert_int_equal(args[2], r6);
	assert_int_equal(args[3], r7);
	assert_untouched_from(args, 4);
	return ret;
}

/*
 * H_PUT_TERM_CHAR: bytes are taken big-endian from r6 then r7, len of them
 * (0..16), on vterm 0 or the vty's reg; output is passed through unchanged
 * (no \r added).
 */
static void test_put_term_char(void **state)
{
	struct fixture *f = *state;

	/* kvm-unit-tests: one byte per call, in the top byte of r6. */
	assert_int_equal(put_term(f, 0, 1, (uint64_t)'h' << 56, 0), H_SUCCESS);
	assert_int_equal(put_term(f, 0, 1, (uint64_t)'\n' << 56, 0), H_SUCCESS);
	/* 16 bytes through the vty's unit address. */
	assert_int_equal(put_term(f, P7SIM_VTY_REG, 16, 0x3031323334353637ULL,
				  0x38396162636465ffULL), H_SUCCESS);
	assert_int_equal(put_term(f, 0, 3, 0x78797a0000000000ULL, 0x4141414141414141ULL),
			 H_SUCCESS);
	assert_int_equal(put_term(f, 0, 0, 0x4242424242424242ULL, 0), H_SUCCESS);
	assert_memory_equal(fixture_out(f), "h\n0123456789abcde\xffxyz", 21);

	assert_int_equal(put_term(f, 0, 17, 0, 0), H_PARAMETER);
	assert_int_equal(put_term(f, 0, UINT64_MAX, 0, 0), H_PARAMETER);
	assert_int_equal(put_term(f, 1, 1, (uint64_t)'x' << 56, 0), H_PARAMETER);
	assert_int_equal(put_term(f, P7SIM_VTY_REG + 1, 1, (uint64_t)'x' << 56, 0), H_PARAMETER);
	fixture_out(f);
	assert_int_equal(f->out_len, 21);
	assert_int_equal(f->plat.con.out_bytes, 21);
}

/*
 * H_GET_TERM_CHAR: r4 = count, r5:r6 = bytes big-endian, zero padded; 16 at
 * most per call; 0 when the input is empty; r7..r12 untouched.
 */
static void test_get_term_char(void **state)
{
	struct fixture *f = *state;
	uint64_t args[9];

	assert_int_equal(p7sim_console_feed(&f->plat.con, "0123456789abcdefXY", 18), 0);
	args_pattern(args);
	args[0] = 0;
	assert_int_equal(p7sim_hcall(&f->plat, 0, H_GET_TERM_CHAR, args), H_SUCCESS);
	assert_int_equal(args[0], 16);
	assert_int_equal(args[1], 0x3031323334353637ULL);
	assert_int_equal(args[2], 0x3839616263646566ULL);
	assert_untouched_from(args, 3);

	args_pattern(args);
	args[0] = P7SIM_VTY_REG;
	assert_int_equal(p7sim_hcall(&f->plat, 0, H_GET_TERM_CHAR, args), H_SUCCESS);
	assert_int_equal(args[0], 2);
	assert_int_equal(args[1], 0x5859000000000000ULL);
	assert_int_equal(args[2], 0);
	assert_untouched_from(args, 3);

	args_pattern(args);
	args[0] = 0;
	assert_int_equal(p7sim_hcall(&f->plat, 0, H_GET_TERM_CHAR, args), H_SUCCESS);
	assert_int_equal(args[0], 0);
	assert_int_equal(args[1], 0);
	assert_int_equal(args[2], 0);

	/* A bad vterm: H_PARAMETER, no input consumed, nothing written. */
	p7sim_console_feed(&f->plat.con, "z", 1);
	args_pattern(args);
	args[0] = 7;
	assert_int_equal(p7sim_hcall(&f->plat, 0, H_GET_TERM_CHAR, args), H_PARAMETER);
	assert_int_equal(args[0], 7);
	assert_untouched_from(args, 1);
	assert_int_equal(p7sim_console_pending(&f->plat.con), 1);
}

static int64_t set_mode(struct fixture *f, uint64_t mflags, uint64_t resource, uint64_t v1,
			uint64_t v2)
{
	uint64_t args[9];
	int64_t ret;

	args_pattern(args);
	args[0] = mflags;
	args[1] = resource;
	args[2] = v1;
	args[3] = v2;
	ret = p7sim_hcall(&f->plat, 0, H_SET_MODE, args);
	assert_int_equal(args[0], mflags);
	assert_untouched_from(args, 4);
	return ret;
}

/*
 * H_SET_MODE: the LE resource (4) accepts big-endian (what kvm-unit-tests
 * asks for) and refuses little-endian with H_UNSUPPORTED_FLAG; reserved
 * value1/value2 are H_P3/H_P4; every other resource is H_P2 on POWER7.
 */
static void test_set_mode(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(set_mode(f, 0, 4, 0, 0), H_SUCCESS);
	assert_int_equal(set_mode(f, 1, 4, 0, 0), H_UNSUPPORTED_FLAG_START);
	assert_int_equal(set_mode(f, 2, 4, 0, 0), H_UNSUPPORTED_FLAG_START);
	assert_int_equal(set_mode(f, 0, 4, 1, 0), H_P3);
	assert_int_equal(set_mode(f, 0, 4, 0, 1), H_P4);
	for (uint64_t res = 0; res < 8; res++)
		if (res != 4)
			assert_int_equal(set_mode(f, 0, res, 0, 0), H_P2);
}

/*
 * H_RANDOM: 64 bits in r4 and nothing else changed; the sequence is fixed
 * by the seed (two platforms with seed 42 agree, seed 43 differs) and does
 * not repeat at once.
 */
static void test_random(void **state)
{
	struct fixture *f = *state, *g = fixture_new(16 * MB, 1, 0, 42), *h;
	uint64_t a[9], b[9], prev = 0;

	h = fixture_new(16 * MB, 1, 0, 43);
	for (int i = 0; i < 100; i++) {
		args_pattern(a);
		args_pattern(b);
		assert_int_equal(p7sim_hcall(&f->plat, 0, H_RANDOM, a), H_SUCCESS);
		assert_int_equal(p7sim_hcall(&g->plat, 0, H_RANDOM, b), H_SUCCESS);
		assert_int_equal(a[0], b[0]);
		assert_int_not_equal(a[0], prev);
		assert_untouched_from(a, 1);
		prev = a[0];
		assert_int_equal(p7sim_hcall(&h->plat, 0, H_RANDOM, b), H_SUCCESS);
		assert_int_not_equal(a[0], b[0]);
	}
	fixture_free(g);
	fixture_free(h);
}

/* H_LOGICAL_CI_LOAD/STORE: there is no MMIO, so H_PARAMETER, nothing written. */
static void test_logical_ci(void **state)
{
	struct fixture *f = *state;
	uint64_t args[9];

	args_pattern(args);
	assert_int_equal(p7sim_hcall(&f->plat, 0, H_LOGICAL_CI_LOAD, args), H_PARAMETER);
	assert_untouched_from(args, 0);
	assert_int_equal(p7sim_hcall(&f->plat, 0, H_LOGICAL_CI_STORE, args), H_PARAMETER);
	assert_untouched_from(args, 0);
}

/*
 * Unknown hcalls, including in-kernel ones that should never reach us,
 * unaligned numbers and numbers outside both ranges: H_FUNCTION, args
 * untouched, and one log line per number however often it is made.
 */
static void test_unknown(void **state)
{
	struct fixture *f = *state;
	uint64_t nrs[] = { H_ENTER, H_CEDE, 0x5a, 0x460, 0xefff, 0xf00f, 0xf010, UINT64_MAX, 0 };
	uint64_t args[9];

	for (int rep = 0; rep < 3; rep++) {
		for (unsigned int i = 0; i < sizeof(nrs) / sizeof(nrs[0]); i++) {
			args_pattern(args);
			assert_int_equal(p7sim_hcall(&f->plat, 0, nrs[i], args), H_FUNCTION);
			assert_untouched_from(args, 0);
		}
	}
	assert_non_null(strstr(fixture_log(f), "unimplemented hcall 0x8 (H_ENTER): H_FUNCTION"));
	assert_non_null(strstr(fixture_log(f), "unimplemented hcall 0xe0 (H_CEDE)"));
	assert_non_null(strstr(fixture_log(f), "unimplemented hcall 0x5a: H_FUNCTION"));
	assert_null(strstr(strstr(fixture_log(f), "0x8 (H_ENTER)") + 1, "0x8 (H_ENTER)"));
	{
		int lines = 0;

		for (const char *p = fixture_log(f); *p; p++)
			lines += *p == '\n';
		assert_int_equal(lines, sizeof(nrs) / sizeof(nrs[0]));
	}
}

static int64_t test_handler(struct p7sim_platform *p, unsigned int vcpu, uint64_t *args)
{
	args[0] = 0x600d;
	return 77;
}

/*
 * Registration: the table implements exactly the userspace hcalls; a new
 * handler (a private test channel, say) can be added at a free slot, never
 * twice, never at an invalid number.
 */
static void test_register(void **state)
{
	struct fixture *f = *state;
	uint64_t impl[] = { H_PUT_TERM_CHAR, H_GET_TERM_CHAR, H_EOI, H_CPPR, H_IPI, H_IPOLL,
			    H_XIRR, H_LOGICAL_CI_LOAD, H_LOGICAL_CI_STORE, H_RANDOM, H_SET_MODE,
			    H_VIO_SIGNAL, H_GET_CPU_CHARACTERISTICS, H_RTAS };
	unsigned int count = 0;
	uint64_t args[9];

	for (unsigned int i = 0; i < sizeof(impl) / sizeof(impl[0]); i++)
		assert_true(p7sim_hcall_implemented(&f->plat, impl[i]));
	for (uint64_t nr = 0; nr <= 0xf100; nr++)
		count += p7sim_hcall_implemented(&f->plat, nr);
	assert_int_equal(count, sizeof(impl) / sizeof(impl[0]));

	assert_int_equal(p7sim_hcall_register(&f->plat, H_PUT_TERM_CHAR, test_handler), -1);
	assert_int_equal(p7sim_hcall_register(&f->plat, 0x5a, test_handler), -1);
	assert_int_equal(p7sim_hcall_register(&f->plat, 0x460, test_handler), -1);
	assert_int_equal(p7sim_hcall_register(&f->plat, 0xf010, test_handler), -1);
	assert_int_equal(p7sim_hcall_register(&f->plat, 0xf00f, NULL), -1);
	assert_int_equal(p7sim_hcall_register(&f->plat, 0xf00f, test_handler), 0);
	assert_int_equal(p7sim_hcall_register(&f->plat, 0xf00f, test_handler), -1);
	assert_int_equal(p7sim_hcall_register(&f->plat, H_CEDE, test_handler), 0);
	args_pattern(args);
	assert_int_equal(p7sim_hcall(&f->plat, 0, 0xf00f, args), 77);
	assert_int_equal(args[0], 0x600d);
	assert_int_equal(p7sim_hcall(&f->plat, 0, H_CEDE, args), 77);
}

/* Platform set-up refuses configurations it cannot run. */
static void test_platform_init_rejects(void **state)
{
	struct fake_ram r;
	struct p7sim_platform p;
	struct p7sim_config cfg = { .ncpus = 1 };

	fake_ram_init(&r, 16 * MB);
	cfg.mem = r.mem;
	cfg.ncpus = 0;
	assert_int_equal(p7sim_platform_init(&p, &cfg, NULL), -1);
	cfg.ncpus = 2;
	cfg.boot_cpu = 2;
	assert_int_equal(p7sim_platform_init(&p, &cfg, NULL), -1);
	cfg.boot_cpu = 1;
	cfg.mem.page = NULL;
	assert_int_equal(p7sim_platform_init(&p, &cfg, NULL), -1);
	cfg.mem = r.mem;
	/* No callbacks at all, boot CPU 1: works, and power-off is still seen. */
	assert_int_equal(p7sim_platform_init(&p, &cfg, NULL), 0);
	assert_false(p7sim_cpu_running(&p, 0));
	assert_true(p7sim_cpu_running(&p, 1));
	assert_false(p7sim_cpu_running(&p, 2));
	assert_false(p7sim_external_pending(&p, 5));
	p7sim_platform_fini(&p);
	fake_ram_fini(&r);
}

static bool kernel_has_pft_only(unsigned long nr)
{
	return nr == H_REMOVE || nr == H_ENTER || nr == H_READ || nr == H_CLEAR_MOD ||
	       nr == H_CLEAR_REF || nr == H_PROTECT || nr == H_SET_DABR;
}

/*
 * ibm,hypertas-functions lists a set only when each of its hcalls is
 * implemented by the platform or the kernel: with a kernel that has only
 * the HPT hcalls and H_SET_DABR, hcall-pft and hcall-dabr appear, the
 * platform's sets (term, interrupt, set-mode, vio) appear, and hcall-bulk,
 * hcall-xdabr, hcall-splpar and hcall-sprg0 do not.  A kernel with
 * nothing leaves only the platform's.
 */
static void test_hypertas(void **state)
{
	struct fixture *f = *state;
	const char *const *l = p7sim_hypertas(&f->plat, kernel_has_pft_only);
	const char *want[] = { "hcall-pft", "hcall-term", "hcall-dabr", "hcall-interrupt",
			       "hcall-set-mode", "hcall-vio", NULL };
	unsigned int i;

	for (i = 0; want[i]; i++) {
		assert_non_null(l[i]);
		assert_string_equal(l[i], want[i]);
	}
	assert_null(l[i]);
	l = p7sim_hypertas(&f->plat, NULL);
	assert_string_equal(l[0], "hcall-term");
}

/*
 * H_GET_CPU_CHARACTERISTICS answers the documented values in r4/r5 and
 * leaves r6.. alone; H_VIO_SIGNAL accepts modes 0/1 for the vty only.
 */
static void test_cpu_characteristics_and_vio_signal(void **state)
{
	struct fixture *f = *state;
	uint64_t args[9];

	args_pattern(args);
	assert_int_equal(p7sim_hcall(&f->plat, 0, H_GET_CPU_CHARACTERISTICS, args), H_SUCCESS);
	assert_int_equal(args[0], 0x8440000000000000ULL);
	assert_int_equal(args[1], 0xe400000000000000ULL);
	assert_int_equal(args[2], 0x5a5a5a5a00000000ULL | 6);

	args[0] = P7SIM_VTY_REG;
	args[1] = 0;
	assert_int_equal(p7sim_hcall(&f->plat, 0, H_VIO_SIGNAL, args), H_SUCCESS);
	assert_false(f->plat.ics[0].enabled);
	args[1] = 1;
	assert_int_equal(p7sim_hcall(&f->plat, 0, H_VIO_SIGNAL, args), H_SUCCESS);
	assert_true(f->plat.ics[0].enabled);
	args[1] = 2;
	assert_int_equal(p7sim_hcall(&f->plat, 0, H_VIO_SIGNAL, args), H_PARAMETER);
	args[0] = P7SIM_VTY_REG + 7;
	args[1] = 1;
	assert_int_equal(p7sim_hcall(&f->plat, 0, H_VIO_SIGNAL, args), H_PARAMETER);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_put_term_char, setup, teardown),
		cmocka_unit_test_setup_teardown(test_get_term_char, setup, teardown),
		cmocka_unit_test_setup_teardown(test_set_mode, setup, teardown),
		cmocka_unit_test_setup_teardown(test_random, setup, teardown),
		cmocka_unit_test_setup_teardown(test_logical_ci, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unknown, setup, teardown),
		cmocka_unit_test_setup_teardown(test_register, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hypertas, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cpu_characteristics_and_vio_signal, setup, teardown),
		cmocka_unit_test(test_platform_init_rejects),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
