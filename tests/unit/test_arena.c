// SPDX-License-Identifier: GPL-2.0-only
/* Unit tests of the real-address arena (sim/arena.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "arena.h"

#define MB (1ULL << 20)

/*
 * Bad sizes are refused: zero, not a multiple of 16 MB, or not larger than
 * the host reservation.
 */
static void test_init_rejects_bad_sizes(void **state)
{
	struct sim_arena a;

	assert_int_not_equal(sim_arena_init(&a, 0), 0);
	assert_int_not_equal(sim_arena_init(&a, 17 * MB), 0);
	assert_int_not_equal(sim_arena_init(&a, 32 * MB), 0);
	assert_int_equal(sim_arena_init(&a, 64 * MB), 0);
	sim_arena_destroy(&a);
}

/*
 * 16 MB pages come from the top down, so guest page i never sits at real
 * address i * 16 MB, and never inside the host reservation.
 */
static void test_16m_pages_are_not_identity(void **state)
{
	struct sim_arena a;
	uint64_t ra[4];

	assert_int_equal(sim_arena_init(&a, 128 * MB), 0);
	for (int i = 0; i < 4; i++) {
		ra[i] = sim_arena_alloc_16m(&a);
		assert_int_not_equal(ra[i], SIM_RA_NONE);
		assert_int_not_equal(ra[i], (uint64_t)i * 16 * MB);
		assert_true(ra[i] >= SIM_ARENA_HOST_RESERVED);
		assert_int_equal(ra[i] % (16 * MB), 0);
	}
	assert_int_equal(ra[0], 112 * MB);
	assert_int_equal(ra[1], 96 * MB);
	/* 128 MB - 32 MB reserved - 4 * 16 MB = 32 MB: two more, then none. */
	assert_int_not_equal(sim_arena_alloc_16m(&a), SIM_RA_NONE);
	assert_int_not_equal(sim_arena_alloc_16m(&a), SIM_RA_NONE);
	assert_int_equal(sim_arena_alloc_16m(&a), SIM_RA_NONE);
	sim_arena_destroy(&a);
}

/*
 * Contiguous allocations are naturally aligned, zeroed, bounds checked and
 * reusable after free; pointer <-> real address conversions round-trip.
 */
static void test_contig_alloc_align_zero_free(void **state)
{
	struct sim_arena a;
	uint64_t hpt, small;
	uint8_t *p;

	assert_int_equal(sim_arena_init(&a, 64 * MB), 0);
	assert_int_equal(sim_arena_alloc(&a, 3 * MB), SIM_RA_NONE);	/* not a power of 2 */
	hpt = sim_arena_alloc(&a, 16 * MB);
	assert_int_equal(hpt, 32 * MB);
	p = sim_arena_ptr(&a, hpt, 16 * MB);
	assert_non_null(p);
	assert_int_equal(sim_arena_ra(&a, p + 5), hpt + 5);
	p[100] = 0xaa;
	small = sim_arena_alloc(&a, 256 * 1024);
	assert_int_equal(small % (256 * 1024), 0);
	assert_true(small >= hpt + 16 * MB);
	sim_arena_free(&a, hpt, 16 * MB);
	assert_int_equal(sim_arena_alloc(&a, 16 * MB), hpt);
	assert_int_equal(((uint8_t *)sim_arena_ptr(&a, hpt, 1))[100], 0);
	assert_null(sim_arena_ptr(&a, 64 * MB - 8, 16));
	assert_int_equal(sim_arena_ra(&a, &a), SIM_RA_NONE);
	assert_int_equal(sim_arena_free_bytes(&a), 64 * MB - 32 * MB - 16 * MB - 256 * 1024);
	/* Freeing inside the host reservation or out of range is ignored. */
	sim_arena_free(&a, 0, 16 * MB);
	sim_arena_free(&a, SIM_RA_NONE, 16);
	assert_int_equal(sim_arena_alloc(&a, 64 * MB), SIM_RA_NONE);
	sim_arena_destroy(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_init_rejects_bad_sizes),
		cmocka_unit_test(test_16m_pages_are_not_identity),
		cmocka_unit_test(test_contig_alloc_align_zero_free),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
