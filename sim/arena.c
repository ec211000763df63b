// SPDX-License-Identifier: GPL-2.0-only
/*
 * The real address space as one anonymous mapping, with a block allocator.
 *
 * Hardware only ever sees real addresses: the HPT the MMU walks, guest RAM in
 * 16 MB pages.  Keeping all of it in one host mapping lets the engine map it
 * once (its region count is capped, see docs/engine.md) and lets tests read
 * back exactly what hardware would read.
 */
#include "arena.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

int sim_arena_init(struct sim_arena *a, uint64_t size)
{
	memset(a, 0, sizeof(*a));
	if (size == 0 || size % SIM_PAGE_16M || size <= SIM_ARENA_HOST_RESERVED)
		return -EINVAL;
	a->base = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS |
		       MAP_NORESERVE, -1, 0);
	if (a->base == MAP_FAILED) {
		a->base = NULL;
		return -ENOMEM;
	}
	a->size = size;
	a->nblocks = size >> SIM_ARENA_BLOCK_SHIFT;
	a->used = calloc(a->nblocks, 1);
	if (!a->used) {
		munmap(a->base, size);
		a->base = NULL;
		return -ENOMEM;
	}
	memset(a->used, 1, SIM_ARENA_HOST_RESERVED >> SIM_ARENA_BLOCK_SHIFT);
	return 0;
}

uint64_t sim_arena_size_for(uint64_t guest_mem, uint64_t hpt_bytes)
{
	uint64_t size = SIM_ARENA_HOST_RESERVED + guest_mem + 2 * hpt_bytes + (64ULL << 20);

	return (size + SIM_PAGE_16M - 1) & ~(SIM_PAGE_16M - 1);
}

void sim_arena_destroy(struct sim_arena *a)
{
	if (a->base)
		munmap(a->base, a->size);
	free(a->used);
	memset(a, 0, sizeof(*a));
}

void *sim_arena_ptr(const struct sim_arena *a, uint64_t ra, uint64_t len)
{
	if (ra >= a->size || len > a->size - ra)
		return NULL;
	return a->base + ra;
}

uint64_t sim_arena_ra(const struct sim_arena *a, const void *p)
{
	const uint8_t *b = p;

	if (!a->base || b < a->base || b >= a->base + a->size)
		return SIM_RA_NONE;
	return (uint64_t)(b - a->base);
}

/* used[] per block: free and never handed out (still the mmap's zeroes), in use, free again. */
#define BLK_FRESH	0
#define BLK_USED	1
#define BLK_FREED	2

static bool range_free(const struct sim_arena *a, uint64_t first, uint64_t n)
{
	for (uint64_t i = 0; i < n; i++)
		if (a->used[first + i] == BLK_USED)
			return false;
	return true;
}

static uint64_t take(struct sim_arena *a, uint64_t first, uint64_t n)
{
	uint64_t ra = first << SIM_ARENA_BLOCK_SHIFT;

	/*
	 * Zero only blocks that were handed out before: fresh anonymous memory
	 * is zero already, and touching it would commit every page of guest
	 * RAM at start-up.
	 */
	for (uint64_t i = 0; i < n; i++) {
		if (a->used[first + i] == BLK_FREED)
			memset(a->base + ra + (i << SIM_ARENA_BLOCK_SHIFT), 0, SIM_ARENA_BLOCK);
		a->used[first + i] = BLK_USED;
	}
	return ra;
}

static uint64_t blocks_for(uint64_t size)
{
	return (size + SIM_ARENA_BLOCK - 1) >> SIM_ARENA_BLOCK_SHIFT;
}

uint64_t sim_arena_alloc(struct sim_arena *a, uint64_t size)
{
	uint64_t n = blocks_for(size);
	uint64_t step;

	if (size == 0 || (size & (size - 1)) || !a->used)
		return SIM_RA_NONE;
	step = n;	/* natural alignment, in blocks */
	for (uint64_t first = 0; first + n <= a->nblocks; first += step)
		if (range_free(a, first, n))
			return take(a, first, n);
	return SIM_RA_NONE;
}

uint64_t sim_arena_alloc_16m(struct sim_arena *a)
{
	uint64_t n = SIM_PAGE_16M >> SIM_ARENA_BLOCK_SHIFT;

	if (!a->used || a->nblocks < n)
		return SIM_RA_NONE;
	for (uint64_t first = a->nblocks - n;; first -= n) {
		if (range_free(a, first, n))
			return take(a, first, n);
		if (first < n)
			break;
	}
	return SIM_RA_NONE;
}

void sim_arena_free(struct sim_arena *a, uint64_t ra, uint64_t size)
{
	uint64_t first = ra >> SIM_ARENA_BLOCK_SHIFT;
	uint64_t n = blocks_for(size);

	if (ra == SIM_RA_NONE || first + n > a->nblocks || first * SIM_ARENA_BLOCK <
	    SIM_ARENA_HOST_RESERVED)
		return;
	memset(a->used + first, BLK_FREED, n);
}

uint64_t sim_arena_free_bytes(const struct sim_arena *a)
{
	uint64_t n = 0;

	for (uint64_t i = 0; i < a->nblocks; i++)
		n += a->used[i] != BLK_USED;
	return n << SIM_ARENA_BLOCK_SHIFT;
}
