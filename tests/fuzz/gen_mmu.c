// SPDX-License-Identifier: GPL-2.0-only
/*
 * p7fuzz-gen: the script's own SLB entries and HPTEs, the PTEXs the HPT
 * hcalls aim at, and the SLB/TLB/cache instructions.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "gen.h"

/* ---- the MMU: SLB entries and HPTEs the script owns ------------------------- */

static uint64_t slb_llp(unsigned int shift)
{
	switch (shift) {
	case 16:
		return SLB_VSID_L | 0x10;	/* LP = 01 */
	case 24:
		return SLB_VSID_L;		/* LP = 00 */
	}
	return 0;
}

/* ISA 2.06 5.7.7.3 primary hash, as sim/mmu.c computes it. */
static uint64_t hash_of(uint64_t vsid, bool seg1t, uint64_t ea, unsigned int shift)
{
	if (seg1t)
		return (vsid ^ (vsid << 25) ^ ((ea & 0xffffffffffULL) >> shift)) & 0x7fffffffffULL;
	return (vsid ^ ((ea & 0x0fffffffULL) >> shift)) & 0x7fffffffffULL;
}

bool is_vrma_ptex(struct gen *g, uint64_t ptex)
{
	uint64_t npages = g->mem >> 24;

	if ((ptex & 7) != 7)
		return false;
	if (npages > g->pteg_mask + 1)
		npages = g->pteg_mask + 1;
	for (uint64_t i = 0; i < npages; i++)
		if (((i ^ (VRMA_VSID ^ (VRMA_VSID << 25))) & g->pteg_mask) == ptex >> 3)
			return true;
	return false;
}

/* The last mapping the script made, or a random one. */
const struct mapping *some_mapping(struct gen *g)
{
	if (!g->nmap)
		return NULL;
	return &g->map[below(g, g->nmap)];
}

/* A PTEX to aim an HPT hcall at: a mapping's, its PTEG's, or a bad one. */
uint64_t some_ptex(struct gen *g)
{
	const struct mapping *m = some_mapping(g);
	uint64_t nptes = (g->pteg_mask + 1) * 8, ptex;

	switch (below(g, 8)) {
	case 0:
	case 1:
	case 2:
		if (m) {
			ptex = m->ptex;
			break;
		}
		/* fall through */
	case 3:
		ptex = m ? (m->ptex & ~7ULL) + below(g, 8) : below(g, nptes);
		break;
	case 4:
		ptex = below(g, nptes);
		break;
	case 5:
		ptex = nptes - 1 - below(g, 2);
		break;
	case 6:
		ptex = nptes + below(g, 16);		/* beyond the table */
		break;
	default:
		ptex = edge_value(g);
		break;
	}
	/* Never the VRMA's entries: real mode (the interpreter) lives on them. */
	if (ptex < nptes && is_vrma_ptex(g, ptex))
		ptex &= ~1ULL;
	return ptex;
}

/*
 * One record: slbmte (r9 = RS, r10 = RB), isync, H_ENTER (r3..r7).  The
 * page goes to scratch memory, beyond RAM (H_ENTER refuses it), or, read-only
 * and 4 KiB, onto the gadget page so that relocated fetches reach the slot.
 */
void gen_map(struct gen *g)
{
	static const uint64_t esids[] = {
		0, 0x10000000ULL, 0xc000000000000000ULL, 0xfffffffff0000000ULL,
		0x8000000000000000ULL, 0x0000000100000000ULL, 0x000000fff0000000ULL,
	};
	static const unsigned int shifts[] = { 12, 12, 12, 16, 24 };
	struct mapping m = { 0 };
	bool seg1t = chance(g, 1, 4);
	uint64_t vsid, seg, hash, pteg, pteh, ptel, flags = 0, rb;
	unsigned int slbi = (unsigned int)below(g, 32), slot;
	struct rec *r;

	m.shift = PICK(g, shifts);
	m.gadget = m.shift == 12 && chance(g, 1, 4);
	/* A VSID of the right width, never the VRMA's. */
	vsid = rnd(g) & (seg1t ? 0xffffffULL : 0xfffffffffULL);
	if (vsid == VRMA_VSID || vsid == 0)
		vsid ^= 0x5a5a5;
	seg = chance(g, 1, 2) ? PICK(g, esids) : (rnd(g) & ~0x0fffffffULL);
	if (seg1t)
		seg &= ~0xffffffffffULL;
	else
		seg &= ~0x0fffffffULL;
	m.ea = seg + ((rnd(g) & (seg1t ? 0xffffffffffULL : 0x0fffffffULL)) &
		      ~((1ULL << m.shift) - 1));
	if (m.gadget)
		m.ra = SLOT & ~0xfffULL;
	else if (chance(g, 1, 10))
		m.ra = (g->mem + (rnd(g) & 0xfffffffULL)) & ~((1ULL << m.shift) - 1);
	else
		m.ra = (P7FUZZ_PROTECT_END + below(g, g->mem - P7FUZZ_PROTECT_END)) &
		       ~((1ULL << m.shift) - 1);
	if (m.ra < P7FUZZ_PROTECT_END && !m.gadget)
		m.ra = P7FUZZ_PROTECT_END;

	m.vsid_word = (seg1t ? SLB_VSID_B_1T | (vsid << SLB_VSID_SHIFT_1T) :
			       (vsid << SLB_VSID_SHIFT)) | slb_llp(m.shift);
	if (chance(g, 1, 3))
		m.vsid_word |= SLB_VSID_KP;
	if (chance(g, 1, 6))
		m.vsid_word |= SLB_VSID_KS;
	if (chance(g, 1, 10))
		m.vsid_word |= SLB_VSID_N;
	rb = (m.ea & (seg1t ? ~0xffffffffffULL : ~0x0fffffffULL)) | SLB_ESID_V | slbi;

	hash = hash_of(vsid, seg1t, m.ea, m.shift);
	pteg = hash & g->pteg_mask;
	pteh = ((seg1t ? 1ULL : 0ULL) << HPTE_V_SSIZE_SHIFT) | HPTE_V_VALID;
	/* AVA: VA >> 23 in bits 2:56, as sim/mmu.c compares it */
	pteh |= ((seg1t ? (vsid << 17) | ((m.ea & 0xffffffffffULL) >> 23) :
			  (vsid << 5) | ((m.ea & 0x0fffffffULL) >> 23)) << HPTE_V_AVPN_SHIFT) &
		HPTE_V_AVPN;
	if (m.shift > 12)
		pteh |= HPTE_V_LARGE;
	if (m.shift == 24)
		pteh &= ~HPTE_V_AVA_LOW;
	if (chance(g, 1, 8)) {
		pteh |= HPTE_V_SECONDARY;
		pteg = ~hash & g->pteg_mask;
	}
	ptel = m.ra | HPTE_R_M;
	if (m.shift == 16)
		ptel |= 0x1000;			/* LP = 1: 64 KB */
	if (m.gadget) {
		ptel |= 3;			/* PP = 011: read-only in both states */
	} else {
		ptel |= below(g, 4);		/* PP */
		if (chance(g, 1, 6))
			ptel |= HPTE_R_PP0;
		if (chance(g, 1, 8))
			ptel |= HPTE_R_N;
		if (chance(g, 1, 10))
			ptel |= HPTE_R_KEY_LO & (rnd(g) << 9);
		if (chance(g, 1, 10))
			ptel |= HPTE_R_I | HPTE_R_W;	/* W|I|M, the other legal WIMG */
		if (chance(g, 1, 16))
			ptel ^= HPTE_R_WIMG & rnd(g);	/* usually refused */
	}
	slot = (unsigned int)below(g, 7);
	if (m.gadget || chance(g, 3, 4))
		flags |= H_EXACT;
	/* The HV ignores these (docs/hcalls.md); never on the gadget page. */
	if (!m.gadget && chance(g, 1, 8))
		flags |= H_ZERO_PAGE;
	m.ptex = pteg * 8 + slot;

	r = new_rec(g, P7FUZZ_OP_EXEC);
	r->insn[0] = x_form(402, 9, 0, 10, 0);		/* slbmte r9, r10 */
	r->insn[1] = 0x4c00012c;			/* isync */
	r->insn[2] = SC1;
	r->r[0] = H_ENTER;
	r->r[1] = flags;
	r->r[2] = m.ptex;
	r->r[3] = pteh;
	r->r[4] = ptel;
	r->r[6] = m.vsid_word;
	r->r[7] = rb;
	/* Keep it for later accesses (the HV may still refuse it: fine). */
	g->map[g->map_next] = m;
	g->map_next = (g->map_next + 1) % ARRAY_SIZE(g->map);
	if (g->nmap < ARRAY_SIZE(g->map))
		g->nmap++;
}

/* ---- MMU instructions ------------------------------------------------------------ */

void gen_mmu(struct gen *g)
{
	const struct mapping *m = some_mapping(g);
	struct rec *r;

	switch (below(g, 10)) {
	case 0:
		r = exec1(g, x_form(402, 5, 0, 4, 0));		/* slbmte r5, r4 */
		r->r[1] = chance(g, 1, 2) ? (rnd(g) & ~0xfe0ULL) | below(g, 40) : edge_value(g);
		r->r[2] = edge_value(g);
		if ((r->r[2] >> SLB_VSID_SHIFT_1T & 0xffffffffff) == VRMA_VSID ||
		    (r->r[2] >> SLB_VSID_SHIFT & 0xfffffffff) == VRMA_VSID)
			r->r[2] ^= 1ULL << 30;
		r->insn[1] = 0x4c00012c;
		break;
	case 1:
		r = exec1(g, x_form(434, 0, 0, 4, 0));		/* slbie r4 */
		r->r[1] = m ? m->ea : ea_real(g);
		break;
	case 2:
		r = exec1(g, x_form(498, 0, 0, 0, 0));		/* slbia */
		break;
	case 3:
		r = exec1(g, x_form(915, 3, 0, 4, 0));		/* slbmfee r3, r4 */
		r->insn[1] = x_form(851, 5, 0, 4, 0);		/* slbmfev r5, r4 */
		r->r[1] = chance(g, 3, 4) ? below(g, 34) : edge_value(g);
		break;
	case 4:
		r = exec1(g, x_form(979, 3, 0, 4, 1));		/* slbfee. r3, r4 */
		r->r[1] = m ? m->ea : ea_real(g);
		break;
	case 5:
		/* tlbie r4, r5 (RS = LPID on later ISAs), eieio, tlbsync, ptesync */
		r = exec1(g, x_form(306, 5, 0, 4, 0));
		r->insn[1] = x_form(854, 0, 0, 0, 0);
		r->insn[2] = x_form(566, 0, 0, 0, 0);
		r->insn[3] = x_form(598, 2, 0, 0, 0);
		r->r[1] = m ? (m->ea & ~0xfffULL) | (m->shift > 12 ? 1 : 0) : edge_value(g);
		r->r[2] = edge_value(g);
		break;
	case 6:
		r = exec1(g, x_form(274, 5, 0, 4, 0));		/* tlbiel r4 */
		r->r[1] = m ? m->ea & ~0xfffULL : edge_value(g);
		r->insn[1] = x_form(598, 2, 0, 0, 0);
		break;
	case 7:
		r = exec1(g, x_form(598, (unsigned int)below(g, 4), 0, 0, 0));	/* sync L */
		r->insn[1] = 0x4c00012c;
		break;
	default:
		/* cache block instructions anywhere (no store) */
		{
			/* dcbst dcbf dcbt dcbtst icbi icbt; dcbi and dcba may change data */
			static const unsigned int xos[] = { 54, 86, 278, 246, 982, 22, 470, 758 };
			unsigned int xo = PICK(g, xos);

			r = exec1(g, x_form(xo, xo == 22 ? (unsigned int)below(g, 16) : 0, 0, 4,
					    0));
			r->r[1] = chance(g, 1, 2) ? ea_real(g) : branch_target(g);
			if ((xo == 470 || xo == 758) &&
			    hits_interpreter(r->r[1] & ~127ULL, 128, SANE_MSR))
				r->r[1] = scratch(g);
			if (chance(g, 1, 3) && g->nmap) {
				r->msr = SANE_MSR | MSR_DR;
				r->flags |= P7FUZZ_F_MSR;
			}
		}
		break;
	}
}

