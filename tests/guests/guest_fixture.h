/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A harness that plays the hypervisor for guest programs on the POWER7
 * model directly, without the HV core: a machine with the Unicorn engine
 * and the model's instruction emulation, a hashed page table in the arena,
 * guest RAM in 16 MB pages at non-identity real addresses mapped through
 * the VRMA, the LPCR of a POWER7 partition, and the sc 1 protocol of
 * guest_asm.h.  Header-only, shared by tests/guests/test_guests.c and
 * tools/bench/guest.
 *
 * Every HPTE is written with R already set: QEMU 5.0, inside the engine,
 * stores the R bit one byte too far (docs/engine.md).
 */
#ifndef GUEST_FIXTURE_H
#define GUEST_FIXTURE_H

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cpu.h"
#include "emulate.h"
#include "engine.h"
#include "engine_unicorn.h"
#include "hv_consts.h"
#include "interrupt.h"
#include "machine.h"
#include "spr.h"
#include "timebase.h"

#ifndef G_REPORT
#define G_REPORT	0xf100
#define G_DONE		0xf104
#define G_VALUE		0xf108
#endif

#define GX_ARENA	(256ULL << 20)
#define GX_RAM_PAGES	2			/* 32 MB of guest RAM */
#define GX_PAGE		(16ULL << 20)
#define GX_HTAB_SIZE	(256ULL << 10)		/* SDR1 HTABSIZE 0: 2048 PTEGs */
#define GX_PTEG_MASK	0x7ffULL
#define GX_LPID		1
#define GX_ENTRY	0x2000ULL
#define GX_MSR_ENTRY	(MSR_SF | MSR_ME)	/* guest real mode, supervisor, EE=0 */
/* LPCR[VRMASD] for 16 MB VRMA pages: L=1, LP=00 (ISA 2.06 Book III-S, LPCR). */
#define GX_VRMASD_16M	(0x10ULL << LPCR_VRMASD_SH)
/*
 * The partition's LPCR: guest real mode through the VRMA (VPM0) with 16 MB
 * pages; relocated-mode storage interrupts go to the guest (VPM1=0); HDEC
 * interrupts enabled; external interrupts to the hypervisor (LPES0=0);
 * RMA-mode faults to the OS (LPES1=1, unused with VPM0).
 */
#define GX_LPCR		(LPCR_VPM0 | GX_VRMASD_16M | LPCR_LPES1 | LPCR_HDICE)

/* Fixture options. */
#define GX_CHECK	0x1	/* the engine's translation check mode */

#define GX_MAX_EXITS	64

struct gx_exit {
	uint32_t trap;
	uint64_t srr0, srr1;	/* HSRR0/1, or SRR0/1 for sc 1 */
	uint64_t clock, executed;
	uint64_t r3;
};

struct gx {
	struct sim_machine m;
	struct sim_thread *t;
	struct sim_engine *eng;
	uint64_t htab;
	uint64_t ram[GX_RAM_PAGES];	/* real address of guest real page i */
	size_t image_len;
	char err[640];

	/* What the guest said through sc 1 (guest_asm.h). */
	bool reported, done;
	uint64_t report[5];		/* vector, SRR0, SRR1, DAR, DSISR */
	uint64_t result;
	uint64_t value[8][5];
	unsigned int nvalues;

	/* Every exit to the hypervisor, in order. */
	struct gx_exit exits[GX_MAX_EXITS];
	unsigned int nexits;
	uint64_t entry_clock;
};

static inline void gx_store_be64(struct gx *g, uint64_t ra, uint64_t v)
{
	uint8_t *p = sim_arena_ptr(&g->m.arena, ra, 8);

	v = __builtin_bswap64(v);
	memcpy(p, &v, 8);
}

static inline uint64_t gx_load_be64(struct gx *g, uint64_t ra)
{
	uint8_t *p = sim_arena_ptr(&g->m.arena, ra, 8);
	uint64_t v;

	memcpy(&v, p, 8);
	return __builtin_bswap64(v);
}

static inline uint32_t gx_load_be32(struct gx *g, uint64_t ra)
{
	uint8_t *p = sim_arena_ptr(&g->m.arena, ra, 4);
	uint32_t v;

	memcpy(&v, p, 4);
	return __builtin_bswap32(v);
}

/* Real address of guest real address @gra. */
static inline uint64_t gx_real(struct gx *g, uint64_t gra)
{
	return g->ram[gra / GX_PAGE] + gra % GX_PAGE;
}

/*
 * The hashes of ISA 2.06 Book III-S 5.7.7.3, written here independently of
 * the model so that the engine's walker and the model's each meet HPTEs
 * placed by a third party.
 */
static inline uint64_t gx_hash_256m(uint64_t vsid, uint64_t ea, unsigned int p)
{
	return (vsid ^ ((ea & 0x0fffffffULL) >> p)) & 0x7fffffffffULL;
}

static inline uint64_t gx_hash_1t(uint64_t vsid, uint64_t ea, unsigned int p)
{
	return (vsid ^ (vsid << 25) ^ ((ea & 0xffffffffffULL) >> p)) & 0x7fffffffffULL;
}

/*
 * Insert an HPTE (dword 1 first, then dword 0 with V) in the first free slot
 * of its primary PTEG; returns its real address, 0 when the PTEG is full.
 */
static inline uint64_t gx_hpte_insert(struct gx *g, uint64_t hash, uint64_t v, uint64_t r)
{
	uint64_t pteg = g->htab + ((hash & GX_PTEG_MASK) << 7);

	for (unsigned int slot = 0; slot < 8; slot++) {
		uint64_t ra = pteg + 16 * slot;

		if (gx_load_be64(g, ra) & HPTE_V_VALID)
			continue;
		gx_store_be64(g, ra + 8, r | HPTE_R_R);
		gx_store_be64(g, ra, v | HPTE_V_VALID);
		return ra;
	}
	return 0;
}

/*
 * Map the 4 KiB page of @ea in the 256 MB segment of @vsid to guest real
 * @gra with dword-1 bits @rbits (PP, N, C...); returns the HPTE's address.
 */
static inline uint64_t gx_map_4k(struct gx *g, uint64_t vsid, uint64_t ea, uint64_t gra,
				 uint64_t rbits)
{
	uint64_t v = (vsid << 12) | (((ea & 0x0fffffffULL) >> 23) << HPTE_V_AVPN_SHIFT);
	uint64_t r = (gx_real(g, gra) & HPTE_R_RPN & ~0xfffULL) | HPTE_R_M | rbits;

	return gx_hpte_insert(g, gx_hash_256m(vsid, ea, 12), v, r);
}

/*
 * The VRMA: guest real page i (16 MB) is page i of the 1 TB segment
 * VRMA_VSID, bolted, Ks=Kp=0 and PP=00, R and C set, as the hypervisor
 * places it for a POWER7 partition.
 */
static inline int gx_map_vrma(struct gx *g)
{
	for (unsigned int i = 0; i < GX_RAM_PAGES; i++) {
		uint64_t ea = (uint64_t)i << 24;
		uint64_t v = (1ULL << HPTE_V_SSIZE_SHIFT) | (VRMA_VSID << 24) |
			     ((ea >> 23) << HPTE_V_AVPN_SHIFT) | HPTE_V_BOLTED | HPTE_V_LARGE;
		uint64_t r = g->ram[i] | HPTE_R_C | HPTE_R_M;

		if (!gx_hpte_insert(g, gx_hash_1t(VRMA_VSID, ea, 24), v, r))
			return -ENOSPC;
	}
	return 0;
}

/*
 * A machine playing one POWER7 partition, in the hypervisor's order:
 *  1. machine, Unicorn engine, the model's instruction emulation;
 *  2. HPT and guest RAM in the arena, VRMA HPTEs;
 *  3. SDR1 while LPIDR still holds the host's LPID, then LPCR and LPIDR;
 *  4. HDEC and DEC at their largest positive value (no timer interrupt
 *     unless a scenario arms one).
 */
static inline int gx_open(struct gx *g, unsigned int flags)
{
	int ret;

	memset(g, 0, sizeof(*g));
	/* 1. */
	ret = sim_machine_init(&g->m, GX_ARENA, 1);
	if (ret) {
		snprintf(g->err, sizeof(g->err), "machine: %d", ret);
		return ret;
	}
	sim_machine_select(&g->m, 0);
	g->t = g->m.cur;
	g->m.log_level = 0;
	g->eng = sim_engine_unicorn_create(&g->m, g->err, sizeof(g->err));
	if (!g->eng)
		return -EIO;
	sim_engine_attach(&g->m, g->eng);
	sim_emulate_install(&g->m);
	if ((flags & GX_CHECK) && sim_engine_unicorn_set_check(g->eng, true)) {
		snprintf(g->err, sizeof(g->err), "engine: no translation check mode");
		return -ENOTSUP;
	}
	/* 2. */
	g->htab = sim_arena_alloc(&g->m.arena, GX_HTAB_SIZE);
	for (unsigned int i = 0; i < GX_RAM_PAGES; i++)
		g->ram[i] = sim_arena_alloc_16m(&g->m.arena);
	if (g->htab == SIM_RA_NONE || g->ram[GX_RAM_PAGES - 1] == SIM_RA_NONE) {
		snprintf(g->err, sizeof(g->err), "arena full");
		return -ENOMEM;
	}
	ret = gx_map_vrma(g);
	if (ret)
		return ret;
	/* 3. */
	sim_spr_write(g->t, SPRN_SDR1, g->htab);
	sim_spr_write(g->t, SPRN_LPCR, GX_LPCR);
	sim_spr_write(g->t, SPRN_LPID, GX_LPID);
	/* 4. */
	sim_spr_write(g->t, SPRN_HDEC, 0x7fffffff);
	sim_spr_write(g->t, SPRN_DEC, 0x7fffffff);
	return 0;
}

static inline void gx_close(struct gx *g)
{
	sim_machine_destroy(&g->m);
}

/* Host wrote guest memory: the engine drops what it translated from there. */
static inline void gx_code_written(struct gx *g, uint64_t gra, uint64_t len)
{
	sim_ue_invalidate_code(sim_engine_unicorn_ue(g->eng), gx_real(g, gra), len);
}

/* Place instruction words at guest real @gra (benchmarks, small tests). */
static inline void gx_load_words(struct gx *g, uint64_t gra, const uint32_t *w, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		uint32_t be = __builtin_bswap32(w[i]);

		memcpy(sim_arena_ptr(&g->m.arena, gx_real(g, gra + 4 * i), 4), &be, 4);
	}
	gx_code_written(g, gra, 4 * n);
}

/* Load @dir/@name.bin at guest real 0. */
static inline int gx_load(struct gx *g, const char *dir, const char *name)
{
	char path[384];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s.bin", dir, name);
	f = fopen(path, "rb");
	if (!f) {
		snprintf(g->err, sizeof(g->err), "cannot open %s", path);
		return -ENOENT;
	}
	g->image_len = fread(sim_arena_ptr(&g->m.arena, g->ram[0], GX_PAGE), 1, GX_PAGE, f);
	fclose(f);
	if (g->image_len <= GX_ENTRY) {
		snprintf(g->err, sizeof(g->err), "%s: %zu bytes, no entry point", path,
			 g->image_len);
		return -EINVAL;
	}
	gx_code_written(g, 0, g->image_len);
	return 0;
}

/* Guest address of the first instruction word @w at or after @from, or 0. */
static inline uint64_t gx_find(struct gx *g, uint32_t w, uint64_t from)
{
	for (uint64_t a = from; a + 4 <= g->image_len; a += 4)
		if (gx_load_be32(g, g->ram[0] + a) == w)
			return a;
	return 0;
}

/* The hypervisor's last step into the guest: HSRR0/1 and hrfid. */
static inline void gx_enter(struct gx *g, uint64_t pc, uint64_t msr)
{
	g->t->spr[SPRN_HSRR0] = pc;
	g->t->spr[SPRN_HSRR1] = msr;
	sim_cpu_hrfid(g->t);
	g->t->regs_dirty = true;
}

/* Resume after sc 1 with r3 = @ret: the guest goes on after its sc. */
static inline void gx_resume_sc(struct gx *g, uint64_t ret)
{
	g->t->gpr[3] = ret;
	gx_enter(g, g->t->spr[SPRN_SRR0], g->t->spr[SPRN_SRR1]);
}

static inline void gx_log_exit(struct gx *g, uint32_t trap)
{
	struct sim_thread *t = g->t;
	struct gx_exit *x;

	if (g->nexits == GX_MAX_EXITS)
		return;
	x = &g->exits[g->nexits++];
	x->trap = trap;
	x->srr0 = t->last_irq.srr0;
	x->srr1 = t->last_irq.srr1;
	x->clock = g->m.clock;
	x->executed = t->executed;
	x->r3 = t->gpr[3];
}

/*
 * Run the guest for at most @budget instructions, playing the hypervisor
 * for the guest_asm.h protocol: G_VALUE is recorded and the guest resumed;
 * G_REPORT and G_DONE are recorded and end the run.  Any other exit to the
 * hypervisor ends the run with its trap number (0: budget used up, or an
 * engine error in m.engine_error).
 */
static inline uint32_t gx_run(struct gx *g, uint64_t budget)
{
	struct sim_thread *t = g->t;

	g->entry_clock = g->m.clock;
	for (;;) {
		uint64_t before = t->executed;
		uint32_t trap = sim_run(t, budget);
		uint64_t used = t->executed - before;

		budget -= used < budget ? used : budget;
		if (trap)
			gx_log_exit(g, trap);
		if (trap != BOOK3S_INTERRUPT_SYSCALL)
			return trap;
		switch (t->gpr[3]) {
		case G_REPORT:
			memcpy(g->report, &t->gpr[4], sizeof(g->report));
			g->reported = true;
			return trap;
		case G_DONE:
			g->result = t->gpr[4];
			g->done = true;
			return trap;
		case G_VALUE:
			if (g->nvalues < 8)
				memcpy(g->value[g->nvalues++], &t->gpr[4], sizeof(g->value[0]));
			gx_resume_sc(g, 0);
			if (!budget)
				return 0;
			continue;
		}
		return trap;
	}
}

#endif /* GUEST_FIXTURE_H */
