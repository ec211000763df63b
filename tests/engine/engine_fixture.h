/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A minimal machine for exercising the engine directly: an arena, an HPT,
 * one 16 MB RMA page mapped through the VRMA at a non-identity real address,
 * and a guest in real mode.  Shared by the engine test and benchmark.
 */
#ifndef ENGINE_FIXTURE_H
#define ENGINE_FIXTURE_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "engine_unicorn.h"
#include "ppc_enc.h"

#define FX_ARENA	(128ULL << 20)
#define FX_HTAB		0x2000000ULL		/* HPT real address, 256 KiB (order 18) */
#define FX_HTAB_ORDER	18
#define FX_RMA		0x5000000ULL		/* host real address of guest real 0 */
#define FX_PAGE2	0x6000000ULL		/* a second 16 MB page for relocation tests */
#define FX_VRMA_VSID	0x1ffffffULL
#define FX_LPCR_VPM0	0x8000000000000000ULL
#define FX_LPCR_VPM1	0x4000000000000000ULL
#define FX_LPCR_VRMASD_16M (0x10ULL << 47)	/* L=1, LP=00 */
#define FX_CODE		0x1000ULL		/* guest real address of test code */
#define FX_MSR_SF	0x8000000000000000ULL
#define FX_MSR_ME	0x1000ULL
#define FX_MSR_PR	0x4000ULL
#define FX_MSR_IR	0x20ULL
#define FX_MSR_DR	0x10ULL

struct fx {
	uint8_t *arena;
	struct sim_ue *e;
	char err[256];
};

static inline void fx_be64(struct fx *f, uint64_t ra, uint64_t v)
{
	v = __builtin_bswap64(v);
	memcpy(f->arena + ra, &v, 8);
}

static inline uint64_t fx_rd64(struct fx *f, uint64_t ra)
{
	uint64_t v;

	memcpy(&v, f->arena + ra, 8);
	return __builtin_bswap64(v);
}

static inline void fx_code(struct fx *f, uint64_t guest_ra, const uint32_t *w, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		uint32_t be = __builtin_bswap32(w[i]);

		memcpy(f->arena + FX_RMA + guest_ra + 4 * i, &be, 4);
	}
	if (f->e)
		sim_ue_invalidate_code(f->e, FX_RMA + guest_ra, 4 * n);
}

/* PTEG index of a 1 TB segment (VSID) and page number within it. */
static inline uint64_t fx_hash_1t(uint64_t vsid, uint64_t page)
{
	return (vsid ^ (vsid << 25) ^ page) & ((1ULL << (FX_HTAB_ORDER - 7)) - 1);
}

/* PTEG index for a 256 MB segment VSID and page offset (ISA 2.06 5.7.7.3). */
static inline uint64_t fx_hash_256m(uint64_t vsid, uint64_t page)
{
	return (vsid ^ page) & ((1ULL << (FX_HTAB_ORDER - 7)) - 1);
}

/* The bolted VRMA HPTE for guest RMA page 0, in slot 7 as KVM places it. */
static inline void fx_map_vrma(struct fx *f)
{
	uint64_t hpte = FX_HTAB + fx_hash_1t(FX_VRMA_VSID, 0) * 128 + 7 * 16;

	fx_be64(f, hpte + 8, FX_RMA | 0x100 | 0x80 | 0x10);	/* R C M, PP 00 */
	fx_be64(f, hpte, (1ULL << 62) | (FX_VRMA_VSID << 24) | 0x10 | 0x4 | 0x1);
}

static inline int fx_open(struct fx *f, unsigned int flags)
{
	memset(f, 0, sizeof(*f));
	f->arena = mmap(NULL, FX_ARENA, PROT_READ | PROT_WRITE,
			MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (f->arena == MAP_FAILED)
		return -1;
	if (sim_ue_open(&f->e, f->arena, FX_ARENA, flags, f->err, sizeof(f->err)))
		return -1;
	fx_map_vrma(f);
	sim_ue_set_mmu(f->e, FX_HTAB | (FX_HTAB_ORDER - 18), FX_LPCR_VPM0 | FX_LPCR_VRMASD_16M,
		       0, 1);
	sim_ue_set_msr(f->e, FX_MSR_SF | FX_MSR_ME);
	sim_ue_set_pc(f->e, FX_CODE);
	return 0;
}

static inline void fx_close(struct fx *f)
{
	sim_ue_close(f->e);
	munmap(f->arena, FX_ARENA);
}

#endif /* ENGINE_FIXTURE_H */
