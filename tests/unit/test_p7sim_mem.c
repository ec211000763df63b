// SPDX-License-Identifier: GPL-2.0-only
/* Unit tests of guest memory access across scattered 16 MB pages (tools/p7sim/mem.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "p7sim_test.h"

/*
 * Bounds: [gpa, gpa + len) must lie inside RAM, and no gpa + len overflow
 * can sneak an access past the end.
 */
static void test_contains(void **state)
{
	struct p7sim_mem m = { .size = 32 * MB };

	assert_true(p7sim_mem_contains(&m, 0, 32 * MB));
	assert_true(p7sim_mem_contains(&m, 32 * MB, 0));
	assert_true(p7sim_mem_contains(&m, 32 * MB - 4, 4));
	assert_false(p7sim_mem_contains(&m, 32 * MB - 4, 5));
	assert_false(p7sim_mem_contains(&m, 32 * MB + 1, 0));
	assert_false(p7sim_mem_contains(&m, UINT64_MAX - 3, 8));
	assert_false(p7sim_mem_contains(&m, 16, UINT64_MAX));
}

static uint64_t written_len, written_calls;
static void *written_first;

static void count_written(void *ctx, void *host, uint64_t len)
{
	if (!written_calls++)
		written_first = host;
	written_len += len;
}

/*
 * The written hook (code invalidation in p7sim) sees every byte a write or
 * zero puts in RAM, page by page, and nothing for reads or refused accesses.
 */
static void test_written_hook(void **state)
{
	struct fake_ram r;
	uint8_t buf[64] = { 0 };

	fake_ram_init(&r, 48 * MB);
	r.mem.written = count_written;
	written_len = written_calls = 0;
	assert_int_equal(p7sim_mem_write(&r.mem, 16 * MB - 24, buf, 64), 0);
	assert_int_equal(written_calls, 2);
	assert_int_equal(written_len, 64);
	assert_ptr_equal(written_first, (uint8_t *)r.pages[0] + 16 * MB - 24);
	assert_int_equal(p7sim_mem_zero(&r.mem, 0, 100), 0);
	assert_int_equal(written_len, 164);
	assert_int_equal(p7sim_mem_read(&r.mem, 0, buf, 64), 0);
	assert_int_equal(p7sim_mem_st_be32(&r.mem, 48 * MB, 1), -1);
	assert_int_equal(written_calls, 3);
	fake_ram_fini(&r);
}

/*
 * A write across the 16 MB boundary lands in two different host pages, at
 * the right offsets, and reads back whole.
 */
static void test_cross_page_write_read(void **state)
{
	struct fake_ram r;
	uint8_t in[64], out[64];
	uint64_t gpa = 16 * MB - 24;

	fake_ram_init(&r, 48 * MB);
	for (int i = 0; i < 64; i++)
		in[i] = i + 1;
	assert_int_equal(p7sim_mem_write(&r.mem, gpa, in, sizeof(in)), 0);
	assert_int_equal(*fake_ram_byte(&r, 16 * MB - 24), 1);
	assert_int_equal(*fake_ram_byte(&r, 16 * MB - 1), 24);
	assert_int_equal(*fake_ram_byte(&r, 16 * MB), 25);
	assert_int_equal(*(uint8_t *)r.pages[1], 25);
	assert_int_equal(p7sim_mem_read(&r.mem, gpa, out, sizeof(out)), 0);
	assert_memory_equal(in, out, sizeof(in));
	fake_ram_fini(&r);
}

/*
 * An access that starts inside RAM and runs past its end fails and changes
 * nothing; RAM whose size is not a multiple of 16 MB ends where it says.
 */
static void test_out_of_range_has_no_effect(void **state)
{
	struct fake_ram r;
	uint8_t buf[16];

	fake_ram_init(&r, 20 * MB);
	memset(buf, 0xee, sizeof(buf));
	assert_int_equal(p7sim_mem_write(&r.mem, 20 * MB - 8, buf, 16), -1);
	assert_int_equal(*fake_ram_byte(&r, 20 * MB - 8), 0);
	assert_int_equal(p7sim_mem_write(&r.mem, 20 * MB - 16, buf, 16), 0);
	assert_int_equal(p7sim_mem_read(&r.mem, 20 * MB, buf, 1), -1);
	assert_int_equal(p7sim_mem_zero(&r.mem, UINT64_MAX, 2), -1);
	assert_int_equal(p7sim_mem_read(&r.mem, 0, buf, 0), 0);
	fake_ram_fini(&r);
}

static void *sparse_page(void *ctx, uint64_t gpa)
{
	void **pages = ctx;

	/* Page 1 is absent: a hole in the backing. */
	return gpa >> P7SIM_MEM_PAGE_SHIFT == 1 ? NULL : pages[gpa >> P7SIM_MEM_PAGE_SHIFT];
}

/*
 * A page the backing cannot provide makes the access fail before any byte
 * moves, even the bytes in the page before it.
 */
static void test_absent_page(void **state)
{
	struct fake_ram r;
	uint8_t buf[32];

	fake_ram_init(&r, 48 * MB);
	r.mem.page = sparse_page;
	memset(buf, 0x11, sizeof(buf));
	assert_int_equal(p7sim_mem_write(&r.mem, 16 * MB - 16, buf, 32), -1);
	assert_int_equal(*fake_ram_byte(&r, 16 * MB - 16), 0);
	assert_int_equal(p7sim_mem_write(&r.mem, 32 * MB, buf, 32), 0);
	fake_ram_fini(&r);
}

/* Big-endian loads and stores, also straddling a page boundary; zeroing. */
static void test_be_helpers_and_zero(void **state)
{
	struct fake_ram r;
	uint32_t v32 = 0;
	uint64_t v64 = 0;

	fake_ram_init(&r, 32 * MB);
	assert_int_equal(p7sim_mem_st_be32(&r.mem, 0x100, 0x11223344), 0);
	assert_int_equal(*fake_ram_byte(&r, 0x100), 0x11);
	assert_int_equal(*fake_ram_byte(&r, 0x103), 0x44);
	assert_int_equal(p7sim_mem_ld_be32(&r.mem, 0x100, &v32), 0);
	assert_int_equal(v32, 0x11223344);

	assert_int_equal(p7sim_mem_st_be64(&r.mem, 16 * MB - 3, 0x0102030405060708ULL), 0);
	assert_int_equal(*fake_ram_byte(&r, 16 * MB - 3), 0x01);
	assert_int_equal(*fake_ram_byte(&r, 16 * MB + 4), 0x08);
	assert_int_equal(p7sim_mem_ld_be64(&r.mem, 16 * MB - 3, &v64), 0);
	assert_int_equal(v64, 0x0102030405060708ULL);

	v32 = 7;
	assert_int_equal(p7sim_mem_ld_be32(&r.mem, 32 * MB - 2, &v32), -1);
	assert_int_equal(v32, 7);
	assert_int_equal(p7sim_mem_st_be64(&r.mem, 32 * MB - 4, 1), -1);
	assert_int_equal(p7sim_mem_ld_be64(&r.mem, 32 * MB, &v64), -1);

	assert_int_equal(p7sim_mem_zero(&r.mem, 16 * MB - 3, 8), 0);
	assert_int_equal(p7sim_mem_ld_be64(&r.mem, 16 * MB - 3, &v64), 0);
	assert_int_equal(v64, 0);
	fake_ram_fini(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_contains),
		cmocka_unit_test(test_cross_page_write_read),
		cmocka_unit_test(test_written_hook),
		cmocka_unit_test(test_out_of_range_has_no_effect),
		cmocka_unit_test(test_absent_page),
		cmocka_unit_test(test_be_helpers_and_zero),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
