// SPDX-License-Identifier: GPL-2.0-only
/*
 * p7fuzz-gen: the PRNG, records, instruction encodings, and the rules and
 * addresses every op generator uses (gen.h).
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen.h"

/* ---- PRNG ------------------------------------------------------------------ */

uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

/* xoshiro256** */
uint64_t rnd(struct gen *g)
{
	uint64_t *s = g->s;
	uint64_t result = rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

uint64_t below(struct gen *g, uint64_t n)
{
	return n ? rnd(g) % n : 0;
}

/* true with probability num/den */
bool chance(struct gen *g, unsigned int num, unsigned int den)
{
	return below(g, den) < num;
}


/* A 64-bit value with the shapes that break code: edges, patterns, random. */
uint64_t edge_value(struct gen *g)
{
	static const uint64_t edges[] = {
		0, 1, 2, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff, 0x7fffffff, 0x80000000,
		0xffffffff, 0x100000000ULL, 0x7fffffffffffffffULL, 0x8000000000000000ULL,
		~0ULL, ~0ULL - 1, 0x5555555555555555ULL, 0xaaaaaaaaaaaaaaaaULL,
		0x0123456789abcdefULL, 0xfffffffffffff000ULL,
	};

	switch (below(g, 4)) {
	case 0:
		return PICK(g, edges);
	case 1:
		return below(g, 64);
	case 2:
		return 1ULL << below(g, 64);
	default:
		return rnd(g);
	}
}

/* ---- records ----------------------------------------------------------------- */

struct rec *new_rec(struct gen *g, uint16_t op)
{
	struct rec *r;

	if (g->n == g->cap) {
		g->cap = g->cap ? 2 * g->cap : 1024;
		g->rec = realloc(g->rec, g->cap * sizeof(*g->rec));
		if (!g->rec) {
			fprintf(stderr, "p7fuzz-gen: out of memory\n");
			exit(1);
		}
	}
	r = &g->rec[g->n++];
	memset(r, 0, sizeof(*r));
	r->op = op;
	for (int i = 0; i < 4; i++)
		r->insn[i] = NOP;
	/* A CTR/LR that goes nowhere useful unless an op sets it. */
	r->ctr = P7FUZZ_POISON(9);
	for (int i = 0; i < 8; i++)
		r->r[i] = P7FUZZ_POISON(3 + i);
	return r;
}

struct rec *exec1(struct gen *g, uint32_t insn)
{
	struct rec *r = new_rec(g, P7FUZZ_OP_EXEC);

	r->insn[0] = insn;
	return r;
}

void put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

void put32(uint8_t *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (uint8_t)(v >> (24 - 8 * i));
}

void put64(uint8_t *p, uint64_t v)
{
	put32(p, (uint32_t)(v >> 32));
	put32(p + 4, (uint32_t)v);
}

/* ---- instruction encodings (ISA 2.06 Book I/III formats) -------------------- */

uint32_t d_form(unsigned int op, unsigned int rt, unsigned int ra, int64_t d)
{
	return (op << 26) | (rt << 21) | (ra << 16) | ((uint32_t)d & 0xffff);
}

uint32_t x_form(unsigned int xo, unsigned int rt, unsigned int ra, unsigned int rb,
		unsigned int rc)
{
	return (31u << 26) | (rt << 21) | (ra << 16) | (rb << 11) | (xo << 1) | rc;
}

static uint32_t spr_field(unsigned int spr)
{
	return ((spr & 0x1f) << 16) | (((spr >> 5) & 0x1f) << 11);
}

uint32_t mfspr(unsigned int rt, unsigned int spr)
{
	return (31u << 26) | (rt << 21) | spr_field(spr) | (339u << 1);
}

uint32_t mtspr(unsigned int spr, unsigned int rs)
{
	return (31u << 26) | (rs << 21) | spr_field(spr) | (467u << 1);
}

/* ---- the rules that keep the interpreter alive ------------------------------ */

/* Does an access of @len bytes at @ea touch the interpreter in real mode? */
bool hits_interpreter(uint64_t ea, uint64_t len, uint64_t msr)
{
	for (uint64_t i = 0; i < len; i++) {
		uint64_t a = ea + i;

		if (!(msr & MSR_SF))
			a &= 0xffffffffULL;
		/* VRMA: EA bits 0:3 ignored, one 1 TB segment (sim/mmu.c step 3). */
		a &= 0xffffffffffULL;
		if (a >= P7FUZZ_FREE_END && a < P7FUZZ_PROTECT_END)
			return true;
	}
	return false;
}

/* A guest real range the HV or the VMM may write: [a, a + len). */
bool range_safe(uint64_t a, uint64_t len)
{
	if (a + len < a)
		return a >= P7FUZZ_PROTECT_END;
	return a + len <= P7FUZZ_FREE_END || a >= P7FUZZ_PROTECT_END;
}

/* The slots begin a page: a view of the page finds them at offset 0. */
_Static_assert((P7FUZZ_GADGET & 0xfff) == 0, "the gadget slots must start a page");

/* A branch target that would make the gadget run forever. */
bool loops(struct gen *g, uint64_t target, uint64_t msr)
{
	uint64_t a = target & ~3ULL;

	if (!(msr & MSR_SF))
		a &= 0xffffffffULL;
	a &= 0xffffffffffULL;
	/* the slot's own instructions (its sc 0 is fine) */
	if (a >= SLOT && a < SLOTS_END && (a - SLOT) % P7FUZZ_SLOT_SIZE < P7FUZZ_SLOT_SC)
		return true;
	/* the stubs of the vectors that return to SRR0 (the slot again) */
	if ((a >= 0x500 && a < 0x520) || (a >= 0x900 && a < 0x920) ||
	    (a >= 0xa00 && a < 0xa20) || (a >= 0xf00 && a < 0xf20))
		return true;
	/* the interpreter itself */
	if (a >= 0x2000 && a < P7FUZZ_PROTECT_END && !(a >= SLOT && a < SLOT + 0x1000))
		return true;
	/* through the script's view of the gadget page */
	for (unsigned int i = 0; i < g->nmap; i++) {
		const struct mapping *m = &g->map[i];

		/* the slots start the gadget page: page offset 0 */
		uint64_t off = target & 0xfff;

		if (m->gadget && (target & ~0xfffULL) == m->ea && off < SLOTS_END - SLOT &&
		    off % P7FUZZ_SLOT_SIZE < P7FUZZ_SLOT_SC)
			return true;
	}
	return false;
}

/* ---- addresses ----------------------------------------------------------------- */

uint64_t scratch(struct gen *g)
{
	return P7FUZZ_PROTECT_END + below(g, g->mem - P7FUZZ_PROTECT_END);
}

/* An EA for a real-mode data access: the edges an MMU gets wrong. */
uint64_t ea_real(struct gen *g)
{
	static const uint64_t near[] = { 0, 1, 8, 0x7f, 0xf8, 0x100, 0x300, 0x1000, 0x7000, 0x8000 };
	static const int64_t off[] = { -16, -8, -4, -2, -1, 0, 1, 2, 4, 7, 8 };
	uint64_t ea;

	switch (below(g, 12)) {
	case 0:
		return PICK(g, near) + below(g, 16);
	case 1:
		return scratch(g);
	case 2:
		return (scratch(g) & ~0xfffULL) + (uint64_t)(0x1000 + PICK(g, off));
	case 3:
		return g->mem + (uint64_t)PICK(g, off) * (chance(g, 1, 4) ? 4096 : 1);
	case 4:
		return 0x10000000ULL + (uint64_t)PICK(g, off);		/* 256 MB segment */
	case 5:
		return 0x100000000ULL + (uint64_t)PICK(g, off);		/* 4 GB */
	case 6:
		return 0x10000000000ULL + (uint64_t)PICK(g, off);	/* 1 TB segment */
	case 7:
		return 0xfffffffffffff000ULL + below(g, 0x1000);	/* the last 4 KiB */
	case 8:
		return 0xfffffffffffffff8ULL + below(g, 8);
	case 9:
		ea = (chance(g, 1, 2) ? 0xc000000000000000ULL : 0x8000000000000000ULL);
		return ea + (chance(g, 1, 2) ? scratch(g) : below(g, 0x100));
	case 10:
		return P7FUZZ_POISON(below(g, 32));
	default:
		return edge_value(g);
	}
}

