/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The machine's real address space: one host allocation that the engine maps
 * once and that the model and the HV core address by real address.
 */
#ifndef SIM_ARENA_H
#define SIM_ARENA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SIM_ARENA_BLOCK_SHIFT	16		/* allocation granule: 64 KiB */
#define SIM_ARENA_BLOCK		(1ULL << SIM_ARENA_BLOCK_SHIFT)
#define SIM_PAGE_16M		(16ULL << 20)
/*
 * Real addresses below this are the host's own (its kernel, exception
 * vectors): never handed out, so that no allocation sits at real address 0
 * and an identity-mapped guest page is impossible.
 */
#define SIM_ARENA_HOST_RESERVED	(32ULL << 20)
#define SIM_RA_NONE		(~0ULL)

struct sim_arena {
	uint8_t *base;		/* host address of real address 0 */
	uint64_t size;		/* bytes, a multiple of 16 MB */
	uint64_t nblocks;
	uint8_t *used;		/* one byte per 64 KiB block */
};

int sim_arena_init(struct sim_arena *a, uint64_t size);
/*
 * The arena a VMM needs for @guest_mem bytes of guest RAM and an HPT of
 * @hpt_bytes: the host reservation, the RAM, room for the HPT at its natural
 * alignment, and slack for the VMM's own allocations; a multiple of 16 MB.
 */
uint64_t sim_arena_size_for(uint64_t guest_mem, uint64_t hpt_bytes);
void sim_arena_destroy(struct sim_arena *a);

/* Host pointer for [ra, ra + len), or NULL when any byte lies outside. */
void *sim_arena_ptr(const struct sim_arena *a, uint64_t ra, uint64_t len);
/* Real address of a host pointer into the arena, or SIM_RA_NONE. */
uint64_t sim_arena_ra(const struct sim_arena *a, const void *p);

/*
 * Contiguous, zeroed, naturally aligned allocation of @size bytes (a power of
 * two, at least one block), placed bottom-up above the host reservation.
 */
uint64_t sim_arena_alloc(struct sim_arena *a, uint64_t size);
/*
 * One zeroed 16 MB page for guest memory, placed top-down so that successive
 * guest pages land at descending, non-identity real addresses.
 */
uint64_t sim_arena_alloc_16m(struct sim_arena *a);
void sim_arena_free(struct sim_arena *a, uint64_t ra, uint64_t size);
/* Bytes still free. */
uint64_t sim_arena_free_bytes(const struct sim_arena *a);

#endif /* SIM_ARENA_H */
