// SPDX-License-Identifier: GPL-2.0-only
/*
 * p7fuzz-gen: loads and stores, SPRs, the MSR, branches, odd and random
 * instruction words, self-modifying code.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "gen.h"

/* ---- loads and stores ---------------------------------------------------------- */

enum form { FORM_D, FORM_DS, FORM_X, FORM_DQ };

struct mem_insn {
	unsigned int op;	/* primary opcode, or XO for X-form */
	enum form form;
	unsigned int len;	/* bytes accessed (stores: written) */
	uint64_t msr;		/* facility the instruction needs */
	unsigned int rt;	/* target/source register */
	unsigned int xo;	/* DS/DQ-form XO bits */
};

static const struct mem_insn loads[] = {
	{ 34, FORM_D, 1, 0, 5, 0 },		/* lbz */
	{ 35, FORM_D, 1, 0, 5, 0 },		/* lbzu */
	{ 40, FORM_D, 2, 0, 5, 0 },		/* lhz */
	{ 42, FORM_D, 2, 0, 5, 0 },		/* lha */
	{ 32, FORM_D, 4, 0, 5, 0 },		/* lwz */
	{ 58, FORM_DS, 8, 0, 5, 0 },		/* ld */
	{ 58, FORM_DS, 4, 0, 5, 2 },		/* lwa */
	{ 46, FORM_D, 4 * 27, 0, 5, 0 },	/* lmw r5 */
	{ 56, FORM_DQ, 16, 0, 6, 0 },		/* lq r6 */
	{ 48, FORM_D, 4, MSR_FP, 5, 0 },	/* lfs */
	{ 50, FORM_D, 8, MSR_FP, 5, 0 },	/* lfd */
	{ 57, FORM_DS, 16, MSR_FP, 6, 0 },	/* lfdp */
	{ 87, FORM_X, 1, 0, 5, 0 },		/* lbzx */
	{ 279, FORM_X, 2, 0, 5, 0 },		/* lhzx */
	{ 790, FORM_X, 2, 0, 5, 0 },		/* lhbrx */
	{ 23, FORM_X, 4, 0, 5, 0 },		/* lwzx */
	{ 534, FORM_X, 4, 0, 5, 0 },		/* lwbrx */
	{ 21, FORM_X, 8, 0, 5, 0 },		/* ldx */
	{ 532, FORM_X, 8, 0, 5, 0 },		/* ldbrx */
	{ 20, FORM_X, 4, 0, 5, 0 },		/* lwarx */
	{ 84, FORM_X, 8, 0, 5, 0 },		/* ldarx */
	{ 52, FORM_X, 1, 0, 5, 0 },		/* lbarx */
	{ 116, FORM_X, 2, 0, 5, 0 },		/* lharx */
	{ 597, FORM_X, 32, 0, 5, 0 },		/* lswi r5, r4, 0 (32 bytes) */
	{ 103, FORM_X, 16, MSR_VEC, 5, 0 },	/* lvx */
	{ 7, FORM_X, 1, MSR_VEC, 5, 0 },	/* lvebx */
	{ 844, FORM_X, 16, MSR_VSX, 5, 0 },	/* lxvd2x */
	{ 855, FORM_X, 4, MSR_FP, 5, 0 },	/* lfiwax */
	{ 276, FORM_X, 16, 0, 6, 0 },		/* lqarx (ISA 2.07) */
	{ 1014, FORM_X, 128, 0, 0, 0 },		/* dcbz: a store, listed below too */
};

static const struct mem_insn stores[] = {
	{ 38, FORM_D, 1, 0, 5, 0 },		/* stb */
	{ 44, FORM_D, 2, 0, 5, 0 },		/* sth */
	{ 36, FORM_D, 4, 0, 5, 0 },		/* stw */
	{ 37, FORM_D, 4, 0, 5, 0 },		/* stwu */
	{ 62, FORM_DS, 8, 0, 5, 0 },		/* std */
	{ 62, FORM_DS, 8, 0, 5, 1 },		/* stdu */
	{ 62, FORM_DS, 16, 0, 6, 2 },		/* stq r6 */
	{ 47, FORM_D, 4 * 27, 0, 5, 0 },	/* stmw r5 */
	{ 52, FORM_D, 4, MSR_FP, 5, 0 },	/* stfs */
	{ 54, FORM_D, 8, MSR_FP, 5, 0 },	/* stfd */
	{ 61, FORM_DS, 16, MSR_FP, 6, 0 },	/* stfdp */
	{ 215, FORM_X, 1, 0, 5, 0 },		/* stbx */
	{ 407, FORM_X, 2, 0, 5, 0 },		/* sthx */
	{ 918, FORM_X, 2, 0, 5, 0 },		/* sthbrx */
	{ 151, FORM_X, 4, 0, 5, 0 },		/* stwx */
	{ 662, FORM_X, 4, 0, 5, 0 },		/* stwbrx */
	{ 149, FORM_X, 8, 0, 5, 0 },		/* stdx */
	{ 660, FORM_X, 8, 0, 5, 0 },		/* stdbrx */
	{ 725, FORM_X, 32, 0, 5, 0 },		/* stswi r5, r4, 0 (32 bytes) */
	{ 231, FORM_X, 16, MSR_VEC, 5, 0 },	/* stvx */
	{ 135, FORM_X, 1, MSR_VEC, 5, 0 },	/* stvebx */
	{ 972, FORM_X, 16, MSR_VSX, 5, 0 },	/* stxvd2x */
	{ 983, FORM_X, 4, MSR_FP, 5, 0 },	/* stfiwx */
	{ 150, FORM_X, 4, 0, 5, 1 },		/* stwcx. (rc) */
	{ 214, FORM_X, 8, 0, 5, 1 },		/* stdcx. */
	{ 694, FORM_X, 1, 0, 5, 1 },		/* stbcx. */
	{ 726, FORM_X, 2, 0, 5, 1 },		/* sthcx. */
	{ 182, FORM_X, 16, 0, 6, 1 },		/* stqcx. (ISA 2.07) */
	{ 1014, FORM_X, 128, 0, 0, 0 },		/* dcbz */
};

/* The MSR for a data access; relocated ones may pick a mapping for @ea. */
static uint64_t data_msr(struct gen *g, uint64_t need, bool *relocated)
{
	uint64_t msr = SANE_MSR;

	*relocated = g->nmap && chance(g, 1, 3);
	if (*relocated) {
		msr |= MSR_DR;
		if (chance(g, 1, 4))
			msr |= MSR_PR | MSR_EE | MSR_IR | MSR_DR;
	}
	if (!chance(g, 1, 8))
		msr |= need;
	if (chance(g, 1, 16))
		msr &= ~MSR_SF;
	if (chance(g, 1, 16))
		msr |= MSR_EE;
	return msr;
}

/*
 * One load or store template at a chosen EA: r4 = base, r6 = index, r5 =
 * data (stores), and the MSR that relocates it or not.
 */
void gen_access(struct gen *g, bool store)
{
	const struct mem_insn *t = store ? &PICK(g, stores) : &PICK(g, loads);
	uint64_t ea = 0, msr, len = t->len, idx = 0;
	int64_t d = 0;
	bool relocated, ra_zero = false;
	const struct mapping *m = NULL;
	struct rec *r;

	store |= t->op == 1014 && t->form == FORM_X;
	msr = data_msr(g, t->msr, &relocated);
	for (int tries = 0; tries < 16; tries++) {
		if (relocated && (m = some_mapping(g))) {
			uint64_t size = 1ULL << m->shift;

			ea = m->ea + (chance(g, 1, 4) ? size - below(g, 16) : below(g, size));
			/* A page of the same segment the script did not map, sometimes. */
			if (chance(g, 1, 8))
				ea += size;
		} else {
			ea = ea_real(g);
		}
		if (t->op == 1014 && t->form == FORM_X)
			ea &= ~127ULL;
		if (!store || relocated || !hits_interpreter(ea, len, msr))
			break;
		ea = scratch(g);
		if (!hits_interpreter(ea, len, msr))
			break;
	}
	if (store && !relocated && hits_interpreter(ea, len, msr))
		ea = P7FUZZ_PROTECT_END + 0x100;
	/*
	 * Relocated and problem state with IR: the slot must be fetched through
	 * the gadget mapping, or the fetch faults first.  Otherwise keep IR off.
	 */
	r = new_rec(g, P7FUZZ_OP_EXEC);
	if (msr & MSR_IR) {
		const struct mapping *gm = NULL;

		for (unsigned int i = 0; i < g->nmap; i++)
			if (g->map[i].gadget)
				gm = &g->map[i];
		if (gm && chance(g, 7, 8)) {
			r->flags |= P7FUZZ_F_EA;
			r->srr0 = gm->ea | (SLOT_OF(g->cpu) & 0xfff);
		}
	}
	switch (t->form) {
	case FORM_D:
		d = chance(g, 1, 2) ? 0 : (int64_t)(int16_t)edge_value(g);
		ra_zero = !store && chance(g, 1, 8);
		r->insn[0] = d_form(t->op, t->rt, ra_zero ? 0 : 4, d);
		break;
	case FORM_DS:
		d = chance(g, 1, 2) ? 0 : (int64_t)(int16_t)(edge_value(g) & ~3ULL);
		r->insn[0] = d_form(t->op, t->rt, 4, d) | t->xo;
		break;
	case FORM_DQ:
		d = chance(g, 1, 2) ? 0 : (int64_t)(int16_t)(edge_value(g) & ~15ULL);
		r->insn[0] = d_form(t->op, t->rt, 4, d);
		break;
	case FORM_X:
		if (t->op == 597 || t->op == 725) {
			/* lswi/stswi r5, r4, 0: NB in the RB field, 0 means 32 bytes */
			r->insn[0] = x_form(t->op, t->rt, 4, 0, 0);
		} else {
			idx = chance(g, 1, 2) ? 0 : below(g, 64);
			r->insn[0] = x_form(t->op, t->rt, 4, 6, t->xo);
		}
		break;
	}
	/* With RA = 0 the EA is d itself (loads only: anything goes). */
	r->r[1] = ra_zero ? edge_value(g) : ea - (uint64_t)d - idx;
	r->r[2] = edge_value(g);
	r->r[3] = idx;
	r->msr = msr;
	r->flags |= P7FUZZ_F_MSR;
	/* A conditional store, usually after its load-and-reserve at the same EA. */
	if (store && t->xo == 1 && t->form == FORM_X && chance(g, 3, 4)) {
		static const unsigned int reserve[] = { 20, 84, 52, 116, 276 };

		r->insn[1] = r->insn[0];
		r->insn[0] = x_form(PICK(g, reserve), 8, 4, 6, 0);
	}
}

/* ---- SPRs and the MSR ------------------------------------------------------------ */

static unsigned int spr_number(struct gen *g)
{
	static const unsigned int sprs[] = {
		1, 3, 8, 9, 13, SPRN_DSCR, SPRN_DSISR, SPRN_DAR, SPRN_DEC, SPRN_SDR1, SPRN_SRR0,
		SPRN_SRR1, SPRN_CFAR, SPRN_AMR, 61, SPRN_CTRLF, SPRN_CTRLT, SPRN_UAMOR, 177,
		SPRN_VRSAVE, SPRN_USPRG3, SPRN_TBRL, SPRN_TBRU, SPRN_SPRG0, SPRN_SPRG1,
		SPRN_SPRG2, SPRN_SPRG3, SPRN_TBWL, SPRN_TBWU, SPRN_PVR, SPRN_HSPRG0,
		SPRN_HSPRG1, SPRN_HDSISR, SPRN_HDAR, SPRN_SPURR, SPRN_PURR, SPRN_HDEC,
		SPRN_RMOR, SPRN_HRMOR, SPRN_HSRR0, SPRN_HSRR1, SPRN_LPCR, SPRN_LPID,
		SPRN_HMER, SPRN_HMEER, SPRN_HEIR, SPRN_AMOR, 0x152, 768, 769, 770, 771, 772,
		773, 774, 775, 776, 779, 780, 781, 782, 784, SPRN_MMCRA, SPRN_PMC1, SPRN_PMC6,
		SPRN_MMCR0, SPRN_SIAR, SPRN_SDAR, SPRN_MMCR1, 800, 815, SPRN_PPR, 898, 943,
		1006, 1008, 1009, 1010, 1012, 1013, 1014, SPRN_DABR, SPRN_DABRX, 1017,
		SPRN_PIR, 0, 4, 5, 6, 7, 16, 17, 48, 153, 190, 304,
	};

	if (chance(g, 1, 3))
		return (unsigned int)below(g, 1024);
	return PICK(g, sprs);
}

/* A value for mtspr @spr; keep the interpreter's decrementer and data alive. */
uint64_t spr_value(struct gen *g, unsigned int spr)
{
	uint64_t v = edge_value(g);

	/* A long decrementer and a cede after it: the run ends at --max-insns. */
	if (spr == SPRN_DEC && chance(g, 63, 64))
		v = below(g, 0x200000);
	/* A DABR matching the interpreter's own data in real mode (BT = 0). */
	if ((spr == SPRN_DABR || spr == 1013) && (v & 3) && !(v & 4) &&
	    (v & ~7ULL & 0xffffffffffULL) < P7FUZZ_PROTECT_END)
		v &= ~3ULL;
	return v;
}

uint64_t msr_value(struct gen *g)
{
	/* every MSR bit, and reserved ones (ISA 2.07's TM bits 29:31 among them) */
	static const uint64_t bits[] = {
		MSR_EE, MSR_PR, MSR_FP, MSR_FE0, MSR_SE, MSR_BE, MSR_FE1, MSR_IR, MSR_DR,
		MSR_PMM, MSR_RI, MSR_LE, MSR_VEC, MSR_VSX, MSR_HV, MSR_ILE,
		1ULL << 62, 1ULL << 34, 1ULL << 33, 1ULL << 32, 1ULL << 26,
	};
	uint64_t msr = chance(g, 15, 16) ? SANE_MSR : MSR_ME;

	for (unsigned int i = (unsigned int)below(g, 4); i; i--)
		msr |= PICK(g, bits);
	if (chance(g, 1, 32))
		msr = rnd(g);
	return msr;
}

void gen_spr(struct gen *g)
{
	unsigned int spr = spr_number(g);
	struct rec *r;

	if (chance(g, 1, 2)) {
		r = exec1(g, mfspr(3, spr));
	} else {
		r = exec1(g, mtspr(spr, 4));
		r->r[1] = spr_value(g, spr);
		/* and read it back */
		r->insn[1] = mfspr(5, spr);
	}
	if (chance(g, 1, 6)) {
		r->msr = msr_value(g);
		r->flags |= P7FUZZ_F_MSR;
		if (loops(g, SLOT_OF(g->cpu), r->msr))
			r->msr |= MSR_SF;
	}
}

void gen_msr(struct gen *g)
{
	struct rec *r;
	uint64_t target;

	switch (below(g, 5)) {
	case 0:
		r = exec1(g, (31u << 26) | (4u << 21) | (178u << 1));	/* mtmsrd r4 */
		r->r[1] = msr_value(g);
		break;
	case 1:
		r = exec1(g, (31u << 26) | (4u << 21) | (1u << 16) | (178u << 1));
		r->r[1] = msr_value(g);			/* mtmsrd r4, 1 */
		break;
	case 2:
		r = exec1(g, (31u << 26) | (4u << 21) | (146u << 1));	/* mtmsr r4 */
		r->r[1] = msr_value(g);
		break;
	case 3:
		r = exec1(g, (31u << 26) | (3u << 21) | (83u << 1));	/* mfmsr r3 */
		r->msr = msr_value(g);
		r->flags |= P7FUZZ_F_MSR;
		break;
	default:
		/* rfid to a target with a new MSR: mtsrr0 r4, mtsrr1 r5, rfid */
		r = new_rec(g, P7FUZZ_OP_EXEC);
		r->insn[0] = mtspr(SPRN_SRR0, 4);
		r->insn[1] = mtspr(SPRN_SRR1, 5);
		r->insn[2] = 0x4c000024;
		r->r[2] = msr_value(g);
		target = chance(g, 1, 2) ? SLOT_OF(g->cpu) + P7FUZZ_SLOT_SC : ea_real(g);
		if (loops(g, target, r->r[2]) || loops(g, target, MSR_SF))
			target = SLOT_OF(g->cpu) + P7FUZZ_SLOT_SC;
		r->r[1] = target;
		break;
	}
}

/* ---- branches ------------------------------------------------------------------- */

uint64_t branch_target(struct gen *g)
{
	static const uint64_t targets[] = {
		0x100, 0x200, 0x300, 0x380, 0x400, 0x480, 0x600, 0x700, 0x800, 0x980,
		0xc00, 0xd00, 0xe00, 0xe20, 0xe40, 0xe60, 0xe80, 0xf20, 0xf40, 0xf60,
		0x1300, 0x1500, 0x1600, 0x1700, 0x1800, 0x0, 0x4, 0xfc,
		SLOT + P7FUZZ_SLOT_SC,
	};
	const struct mapping *m;

	switch (below(g, 7)) {
	case 0:
	case 1:
		return PICK(g, targets) + (chance(g, 1, 8) ? below(g, 0x20) : 0);
	case 2:
		return g->mem + below(g, 0x100000) - (chance(g, 1, 2) ? 0x1000 : 0);
	case 3:
		return 0xfffffffffffff000ULL + (below(g, 0x1000) & ~3ULL);
	case 4:
		return scratch(g) & ~3ULL;
	case 5:
		m = some_mapping(g);
		if (m)
			return m->ea + (below(g, 1ULL << m->shift) & ~3ULL);
		/* fall through */
	default:
		return edge_value(g);
	}
}

void gen_branch(struct gen *g)
{
	static const uint32_t via_reg[] = {
		0x4e800420, 0x4e800421, 0x4e800020, 0x4e800021,	/* bctr bctrl blr blrl */
		0x4c800420, 0x4c820420, 0x4d820020, 0x4c000420,	/* conditional forms */
		0x4e000420, 0x4e800460,				/* BO 16, bctar (2.07) */
	};
	uint64_t target = branch_target(g), msr = SANE_MSR;
	struct rec *r;

	r = new_rec(g, P7FUZZ_OP_EXEC);
	if (chance(g, 1, 4)) {
		msr = msr_value(g);
		r->msr = msr;
		r->flags |= P7FUZZ_F_MSR;
	}
	if (loops(g, target, msr) || loops(g, target, msr & ~MSR_SF))
		target = SLOT_OF(g->cpu) + P7FUZZ_SLOT_SC;
	r->ctr = target;
	r->cr = (uint32_t)rnd(g);
	switch (below(g, 4)) {
	case 0:
	case 1:
		r->insn[0] = PICK(g, via_reg);
		break;
	case 2:
		/* ba/bla to a target that fits 26 bits, else b/bl forward */
		if (target < 0x2000000 && !loops(g, target & 0x3fffffc, msr))
			r->insn[0] = (18u << 26) | ((uint32_t)target & 0x3fffffc) | 2 |
				     (uint32_t)below(g, 2);
		else
			r->insn[0] = (18u << 26) | 0x10 | (uint32_t)below(g, 2);
		break;
	default:
		/* bc forward over the rest of the slot, or bdnz with a CTR */
		r->insn[0] = (16u << 26) | ((uint32_t)below(g, 32) << 21) |
			     ((uint32_t)below(g, 32) << 16) | 0x10 | (uint32_t)below(g, 2);
		r->ctr = chance(g, 1, 2) ? below(g, 3) : target;
		if (loops(g, r->ctr, msr))
			r->ctr = 0;
		break;
	}
}

/* ---- odd instructions -------------------------------------------------------------- */

uint32_t random_word(struct gen *g)
{
	uint32_t w = (uint32_t)rnd(g);
	unsigned int op = w >> 26, ra = (w >> 16) & 31;

	/* Branches and rfid are gen_branch's business: they could loop. */
	if (op == 16 || op == 18 || (op == 19 && (((w >> 1) & 0x3ff) == 18 ||
						  ((w >> 1) & 0x3ff) == 16 ||
						  ((w >> 1) & 0x3ff) == 528 ||
						  ((w >> 1) & 0x3ff) == 560)))
		w = (w & ~(0x3fu << 26)) | (31u << 26);
	op = w >> 26;
	/* A D/DS-form store with RA = 0 stores at EA = d: keep it off the interpreter. */
	if (ra == 0 && ((op >= 36 && op <= 47) || (op >= 52 && op <= 55) || op == 61 ||
			op == 62 || op == 60 || op == 57 || op == 53) &&
	    hits_interpreter((uint64_t)(int64_t)(int16_t)(w & 0xffff), 128, MSR_SF))
		w |= 3u << 16;
	/* X-form with RA = 0 uses RB, poison; stswi RA=0 writes at most 32 bytes at 0 */
	return w;
}

void gen_misc(struct gen *g)
{
	static const uint32_t words[] = {
		0x00000000, 0xffffffff, 0x00000200,		/* illegal, fnmadd., attn */
		0x4c000364, 0x4c0003a4, 0x4c0003e4, 0x4c000324,	/* nap sleep rvwinkle doze */
		0x7c00007c,					/* wait (2.06) */
		0x4c000224, 0x4c000064,				/* hrfid, rfi */
		0x44000002, 0x44000022, 0x44000042, 0x44000fe2,	/* sc 0, 1, 2, 127 */
		0x44000003,					/* sc, reserved bit 31 */
		0x7fe00008, 0x7c842008, 0x0fe00000, 0x0c800000,	/* trap tweq twui tweqi */
		0x7c6c42a6, 0x7c6d42a6,				/* mftb mftbu */
		0x7c600026, 0x7c8ff120,				/* mfcr mtcr */
		0x7c0004ac, 0x7c2004ac, 0x7c4004ac, 0x7c0006ac,	/* hwsync lwsync ptesync eieio */
		0x7c00019c, 0x7c0001dc,				/* msgsnd msgclr (2.07) */
		0x7c830066, 0x7c830166, 0x10642cc8,		/* mfvsrd mtvsrd vpmsumd (2.07) */
		0x4c600004, 0x7c6005e6, 0x7c00068c,		/* addpcis darn cpabort (3.0) */
		0x7c0002a4, 0x7c0003a4,				/* slbsync slbieg (3.0) */
		0xfc20102a, 0xfc60048e, 0xfdfe058e, 0xfc20002c,	/* fadd mffs mtfsf fsqrt */
		0x1000020c, 0x10600604, 0x10002644,		/* vspltb mfvscr mtvscr */
		0xf0642c90,					/* xxlor */
		0x7c6303f4, 0x7c6323f8, 0x7c63205e,		/* popcntd cmpb isel */
		0x7c0007ac,					/* icbi 0, r0 */
		0x7c210b78, 0x7c421378, 0x7fffb378,		/* or 1,1,1 / 2,2,2 / 31,31,31: PPR */
		0x7d3f4ba6, 0x7c7e4aa6,				/* mtspr LPIDR, mfspr 318 */
	};

	struct rec *r;

	if (chance(g, 1, 2)) {
		r = exec1(g, random_word(g));
	} else {
		r = exec1(g, PICK(g, words));
		for (int i = 0; i < 8; i++)
			if (chance(g, 1, 3))
				r->r[i] = P7FUZZ_POISON(3 + i) | (edge_value(g) & 0xffff);
	}
	if (chance(g, 1, 3)) {
		r->msr = msr_value(g);
		r->flags |= P7FUZZ_F_MSR;
	}
	r->cr = (uint32_t)rnd(g);
	r->xer = (uint32_t)edge_value(g);
}

/* Code written to scratch memory, made fetchable or not, then run. */
void gen_smc(struct gen *g)
{
	uint64_t at = (scratch(g) & ~0xfULL);
	struct rec *r;
	uint32_t code[2] = { chance(g, 1, 2) ? random_word(g) : 0x38600000 | (uint32_t)below(g, 0x8000),
			     SC0 };

	if (at + 8 > g->mem)
		at = g->mem - 0x100;
	r = new_rec(g, P7FUZZ_OP_WRITE);
	r->r[0] = at;
	r->len = 8;
	r->r[1] = ((uint64_t)code[0] << 32) | code[1];
	if (chance(g, 3, 4)) {
		r = exec1(g, x_form(54, 0, 0, 4, 0));		/* dcbst 0, r4 */
		r->insn[1] = x_form(598, 0, 0, 0, 0);		/* sync */
		r->insn[2] = x_form(982, 0, 0, 4, 0);		/* icbi 0, r4 */
		r->insn[3] = 0x4c00012c;			/* isync */
		r->r[1] = at;
	}
	r = exec1(g, 0x4e800420);				/* bctr */
	r->ctr = at;
	if (chance(g, 1, 4)) {
		r->msr = msr_value(g) & ~(MSR_IR | MSR_PR);
		r->flags |= P7FUZZ_F_MSR;
	}
}

