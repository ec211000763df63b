// SPDX-License-Identifier: GPL-2.0-only
/*
 * POWER7's SPRs as data, and mfspr/mtspr as POWER7 performs them.
 *
 * The table follows ISA 2.06 Book III-S 4.4.4 (Figure "SPR encodings") and
 * the POWER7 additions the HV switches (CFAR, PPR, DSCR, the PMU).  For each
 * direction it names the lowest privilege that may access the SPR:
 * problem state, privileged (MSR[PR]=0) or hypervisor (MSR[HV]=1, PR=0).
 *
 * Access from the wrong privilege (ISA 2.06 4.4.4 and chapter 2; the choices
 * where the ISA leaves room are in docs/sim-fidelity.md):
 *  1. A defined SPR from problem state that needs more: Privileged
 *     Instruction type Program interrupt.
 *  2. A hypervisor SPR from privileged non-hypervisor state (a guest
 *     kernel): the ISA allows "no effect" or a Privileged Instruction type
 *     Program interrupt; POWER7 (no LPCR[EVIRT], which came with ISA 3.0)
 *     raises the program interrupt, to the guest.
 *  3. An SPR number POWER7 does not have for that direction (including
 *     writes to read-only SPRs such as PVR), as ISA 2.07 made explicit for
 *     the behaviour of its POWER7/POWER8 implementations:
 *     - spr0=1 (SPR number bit 0x10, "privileged"): problem state gets the
 *       Privileged Instruction program interrupt, privileged states a no-op;
 *     - spr0=0: problem state gets a Hypervisor Emulation Assistance
 *       interrupt, privileged states a no-op, except SPRs 0, 4, 5 and 6,
 *       which always give HEA.
 */
#include "spr.h"

#include "cpu.h"
#include "engine.h"
#include "interrupt.h"
#include "rules.h"
#include "timebase.h"

#define P	SIM_SPR_PROB
#define S	SIM_SPR_PRIV
#define H	SIM_SPR_HYP
#define N	SIM_SPR_NONE
#define E	SIM_SPR_ENGINE
#define V	SIM_SPR_ENGINE_SV

/* LPCR bits POWER7 implements: VPM0/1, ISL, DPFD, VRMASD, RMLS (4 bits), ILE,
 * PECE0-2, MER, TC, LPES0/1, RMI, HDICE.  Others are ignored on write. */
#define SIM_LPCR_P7_MASK	0xe07f80003e007a0fULL
/* POWER7 implements a 10-bit LPIDR. */
#define SIM_LPID_MASK		0x3ffULL
/* CTRL: only the run latch is writable (bit 63). */
#define SIM_CTRL_RUN		0x1ULL

const struct sim_spr sim_spr_table[SIM_NR_SPRS] = {
	/*			name		width	read	write	side effect	flags	store */
	[SPRN_XER]	= { "XER",	64,	P,	P,	SIM_FX_REG,	E },
	[SPRN_LR]	= { "LR",	64,	P,	P,	SIM_FX_REG,	E },
	[SPRN_CTR]	= { "CTR",	64,	P,	P,	SIM_FX_REG,	E },
	[SPRN_UAMR]	= { "AMR(13)",	64,	P,	P,	SIM_FX_UAMR,	E,	SPRN_AMR },
	[SPRN_DSCR]	= { "DSCR",	64,	S,	S,	SIM_FX_NONE,	0 },
	[SPRN_DSISR]	= { "DSISR",	32,	S,	S,	SIM_FX_NONE,	0 },
	[SPRN_DAR]	= { "DAR",	64,	S,	S,	SIM_FX_NONE,	V },
	[SPRN_DEC]	= { "DEC",	32,	S,	S,	SIM_FX_DEC,	0 },
	[SPRN_SDR1]	= { "SDR1",	64,	H,	H,	SIM_FX_SDR1,	0 },
	[SPRN_SRR0]	= { "SRR0",	64,	S,	S,	SIM_FX_NONE,	V },
	[SPRN_SRR1]	= { "SRR1",	64,	S,	S,	SIM_FX_NONE,	V },
	[SPRN_CFAR]	= { "CFAR",	64,	S,	S,	SIM_FX_NONE,	0 },
	[SPRN_AMR]	= { "AMR",	64,	S,	S,	SIM_FX_AMR,	0 },
	[SPRN_CTRLF]	= { "CTRL",	32,	P,	N,	SIM_FX_CTRL,	E },
	[SPRN_CTRLT]	= { "CTRL(w)",	32,	N,	S,	SIM_FX_CTRL,	0,	SPRN_CTRLF },
	[SPRN_UAMOR]	= { "UAMOR",	64,	S,	S,	SIM_FX_UAMOR,	0 },
	[SPRN_VRSAVE]	= { "VRSAVE",	32,	P,	P,	SIM_FX_NONE,	E },
	[SPRN_USPRG3]	= { "SPRG3(r)",	64,	P,	N,	SIM_FX_NONE,	E,	SPRN_SPRG3 },
	[SPRN_TBRL]	= { "TB",	64,	P,	N,	SIM_FX_TB,	E },
	[SPRN_TBRU]	= { "TBU",	32,	P,	N,	SIM_FX_TB,	E },
	[SPRN_SPRG0]	= { "SPRG0",	64,	S,	S,	SIM_FX_NONE,	V },
	[SPRN_SPRG1]	= { "SPRG1",	64,	S,	S,	SIM_FX_NONE,	V },
	[SPRN_SPRG2]	= { "SPRG2",	64,	S,	S,	SIM_FX_NONE,	V },
	[SPRN_SPRG3]	= { "SPRG3",	64,	S,	S,	SIM_FX_NONE,	V },
	[SPRN_TBWL]	= { "TBL(w)",	32,	N,	H,	SIM_FX_TBL_W,	0 },
	[SPRN_TBWU]	= { "TBU(w)",	32,	N,	H,	SIM_FX_TBU_W,	0 },
	[SPRN_PVR]	= { "PVR",	32,	S,	N,	SIM_FX_NONE,	0 },
	[SPRN_HSPRG0]	= { "HSPRG0",	64,	H,	H,	SIM_FX_NONE,	0 },
	[SPRN_HSPRG1]	= { "HSPRG1",	64,	H,	H,	SIM_FX_NONE,	0 },
	[SPRN_HDSISR]	= { "HDSISR",	32,	H,	H,	SIM_FX_NONE,	0 },
	[SPRN_HDAR]	= { "HDAR",	64,	H,	H,	SIM_FX_NONE,	0 },
	[SPRN_SPURR]	= { "SPURR",	64,	S,	H,	SIM_FX_PURR,	0 },
	[SPRN_PURR]	= { "PURR",	64,	S,	H,	SIM_FX_PURR,	0 },
	[SPRN_HDEC]	= { "HDEC",	32,	H,	H,	SIM_FX_HDEC,	0 },
	[SPRN_RMOR]	= { "RMOR",	64,	H,	H,	SIM_FX_RMOR,	0 },
	[SPRN_HRMOR]	= { "HRMOR",	64,	H,	H,	SIM_FX_RMOR,	0 },
	[SPRN_HSRR0]	= { "HSRR0",	64,	H,	H,	SIM_FX_NONE,	0 },
	[SPRN_HSRR1]	= { "HSRR1",	64,	H,	H,	SIM_FX_NONE,	0 },
	[SPRN_LPCR]	= { "LPCR",	64,	H,	H,	SIM_FX_LPCR,	0 },
	[SPRN_LPID]	= { "LPIDR",	32,	H,	H,	SIM_FX_LPID,	0 },
	[SPRN_HMER]	= { "HMER",	64,	H,	H,	SIM_FX_HMER,	0 },
	[SPRN_HMEER]	= { "HMEER",	64,	H,	H,	SIM_FX_NONE,	0 },
	[SPRN_HEIR]	= { "HEIR",	32,	H,	H,	SIM_FX_NONE,	0 },
	[SPRN_AMOR]	= { "AMOR",	64,	H,	H,	SIM_FX_AMOR,	0 },
	/* Problem-state views of the performance monitor (read-only). */
	[SPRN_UMMCRA]	= { "MMCRA(r)",	64,	P,	N,	SIM_FX_NONE,	0,	SPRN_MMCRA },
	[SPRN_UPMC1]	= { "PMC1(r)",	32,	P,	N,	SIM_FX_NONE,	0,	SPRN_PMC1 },
	[SPRN_UPMC1 + 1] = { "PMC2(r)",	32,	P,	N,	SIM_FX_NONE,	0,	SPRN_PMC2 },
	[SPRN_UPMC1 + 2] = { "PMC3(r)",	32,	P,	N,	SIM_FX_NONE,	0,	SPRN_PMC3 },
	[SPRN_UPMC1 + 3] = { "PMC4(r)",	32,	P,	N,	SIM_FX_NONE,	0,	SPRN_PMC4 },
	[SPRN_UPMC1 + 4] = { "PMC5(r)",	32,	P,	N,	SIM_FX_NONE,	0,	SPRN_PMC5 },
	[SPRN_UPMC6]	= { "PMC6(r)",	32,	P,	N,	SIM_FX_NONE,	0,	SPRN_PMC6 },
	[SPRN_UMMCR0]	= { "MMCR0(r)",	32,	P,	N,	SIM_FX_NONE,	0,	SPRN_MMCR0 },
	[SPRN_USIAR]	= { "SIAR(r)",	64,	P,	N,	SIM_FX_NONE,	0,	SPRN_SIAR },
	[SPRN_USDAR]	= { "SDAR(r)",	64,	P,	N,	SIM_FX_NONE,	0,	SPRN_SDAR },
	[SPRN_UMMCR1]	= { "MMCR1(r)",	64,	P,	N,	SIM_FX_NONE,	0,	SPRN_MMCR1 },
	[SPRN_MMCRA]	= { "MMCRA",	64,	S,	S,	SIM_FX_NONE,	0 },
	[SPRN_PMC1]	= { "PMC1",	32,	S,	S,	SIM_FX_NONE,	0 },
	[SPRN_PMC2]	= { "PMC2",	32,	S,	S,	SIM_FX_NONE,	0 },
	[SPRN_PMC3]	= { "PMC3",	32,	S,	S,	SIM_FX_NONE,	0 },
	[SPRN_PMC4]	= { "PMC4",	32,	S,	S,	SIM_FX_NONE,	0 },
	[SPRN_PMC5]	= { "PMC5",	32,	S,	S,	SIM_FX_NONE,	0 },
	[SPRN_PMC6]	= { "PMC6",	32,	S,	S,	SIM_FX_NONE,	0 },
	[SPRN_MMCR0]	= { "MMCR0",	32,	S,	S,	SIM_FX_NONE,	0 },
	[SPRN_SIAR]	= { "SIAR",	64,	S,	S,	SIM_FX_NONE,	0 },
	[SPRN_SDAR]	= { "SDAR",	64,	S,	S,	SIM_FX_NONE,	0 },
	[SPRN_MMCR1]	= { "MMCR1",	64,	S,	S,	SIM_FX_NONE,	0 },
	[SPRN_PPR]	= { "PPR",	64,	P,	P,	SIM_FX_PPR,	0 },
	/*
	 * POWER7's hardware implementation registers: all four are
	 * hypervisor resources, so a guest kernel's access is the same
	 * privileged-instruction interrupt for each (4.4.4).
	 */
	[SPRN_HID0]	= { "HID0",	64,	H,	H,	SIM_FX_NONE,	0 },
	[SPRN_HID1]	= { "HID1",	64,	H,	H,	SIM_FX_NONE,	0 },
	[SPRN_HID4]	= { "HID4",	64,	H,	H,	SIM_FX_NONE,	0 },
	[SPRN_HID5]	= { "HID5",	64,	H,	H,	SIM_FX_NONE,	0 },
	[SPRN_DABR]	= { "DABR",	64,	H,	H,	SIM_FX_NONE,	0 },
	[SPRN_DABRX]	= { "DABRX",	64,	H,	H,	SIM_FX_NONE,	0 },
	[SPRN_PIR]	= { "PIR",	32,	S,	N,	SIM_FX_NONE,	0 },
};

#undef P
#undef S
#undef H
#undef N
#undef E
#undef V

const struct sim_spr *sim_spr_info(unsigned int sprn)
{
	if (sprn >= SIM_NR_SPRS || !sim_spr_table[sprn].name)
		return NULL;
	return &sim_spr_table[sprn];
}

unsigned int sim_spr_level(uint64_t msr)
{
	if (msr & MSR_PR)
		return SIM_SPR_PROB;
	return (msr & MSR_HV) ? SIM_SPR_HYP : SIM_SPR_PRIV;
}

static unsigned int store_of(unsigned int sprn, const struct sim_spr *s)
{
	return s->store ? s->store : sprn;
}

static uint64_t do_read(struct sim_thread *t, unsigned int sprn, const struct sim_spr *s)
{
	unsigned int st = store_of(sprn, s);
	uint64_t v;

	switch (s->fx) {
	case SIM_FX_REG:
		v = sprn == SPRN_XER ? t->xer : sprn == SPRN_LR ? t->lr : t->ctr;
		break;
	case SIM_FX_DEC:
		v = sim_dec_read(t);
		break;
	case SIM_FX_HDEC:
		v = sim_hdec_read(t);
		break;
	case SIM_FX_TB:
		/* mfspr 268 (mftb) reads all 64 bits in 64-bit mode; 269 the upper half. */
		v = sim_tb_read(t);
		if (sprn == SPRN_TBRU)
			v >>= 32;
		break;
	default:
		v = t->spr[st];
		break;
	}
	/* mfspr of a 32-bit SPR: RT <- 32 zeros || SPR (ISA 2.06 4.4.4). */
	if (s->width == 32)
		v &= 0xffffffffULL;
	return v;
}

/* Merge @val into @old under @mask: what AMOR/UAMOR-controlled writes do. */
static uint64_t masked(uint64_t old, uint64_t val, uint64_t mask)
{
	return (val & mask) | (old & ~mask);
}

static void do_write(struct sim_thread *t, unsigned int sprn, const struct sim_spr *s,
		     uint64_t val, unsigned int level)
{
	unsigned int st = store_of(sprn, s);
	uint64_t old;

	if (s->width == 32)
		val &= 0xffffffffULL;
	/* Engine-served SPRs and MSR-independent state: the engine reloads. */
	t->regs_dirty = true;

	switch (s->fx) {
	case SIM_FX_REG:
		if (sprn == SPRN_XER)
			t->xer = val;
		else if (sprn == SPRN_LR)
			t->lr = val;
		else
			t->ctr = val;
		return;
	case SIM_FX_DEC:
		sim_dec_write(t, (uint32_t)val);
		return;
	case SIM_FX_HDEC:
		sim_hdec_write(t, (uint32_t)val);
		return;
	case SIM_FX_TBL_W:
		sim_tb_write_lower(t, (uint32_t)val);
		return;
	case SIM_FX_TBU_W:
		sim_tb_write_upper(t, (uint32_t)val);
		return;
	case SIM_FX_SDR1:
		old = t->spr[st];
		sim_rules_sdr1(t, old, val);
		t->spr[st] = val;
		sim_cpu_mirror(t, SIM_ENG_SDR1, false);	/* the engine flushes on a change */
		return;
	case SIM_FX_LPID:
		old = t->spr[st];
		t->spr[st] = val & SIM_LPID_MASK;
		/*
		 * The engine drops its cached translations itself when the
		 * partition it runs with differs (engine.h, mmu_changed): every
		 * switch passes through LPID_RSVD and back to the same guest.
		 */
		sim_cpu_mirror(t, SIM_ENG_LPID, false);
		return;
	case SIM_FX_LPCR:
		old = t->spr[st];
		t->spr[st] = val & SIM_LPCR_P7_MASK;
		sim_cpu_mirror(t, SIM_ENG_LPCR, false);	/* the engine flushes on a change */
		return;
	case SIM_FX_RMOR:
		old = t->spr[st];
		t->spr[st] = val;
		sim_cpu_mirror(t, SIM_ENG_RMOR, false);	/* the engine flushes on a change */
		return;
	case SIM_FX_AMR:
		/* mtspr 29 below hypervisor state changes only the AMOR-enabled bits. */
		t->spr[st] = level == SIM_SPR_HYP ? val : masked(t->spr[st], val, t->spr[SPRN_AMOR]);
		sim_cpu_mirror(t, SIM_ENG_AMR, false);
		return;
	case SIM_FX_UAMR:
		/* mtspr 13: UAMOR decides in problem state, AMOR when privileged. */
		if (level == SIM_SPR_PROB)
			t->spr[st] = masked(t->spr[st], val, t->spr[SPRN_UAMOR]);
		else if (level == SIM_SPR_PRIV)
			t->spr[st] = masked(t->spr[st], val, t->spr[SPRN_AMOR]);
		else
			t->spr[st] = val;
		sim_cpu_mirror(t, SIM_ENG_AMR, false);
		return;
	case SIM_FX_UAMOR:
		t->spr[st] = level == SIM_SPR_HYP ? val : val & t->spr[SPRN_AMOR];
		sim_cpu_mirror(t, SIM_ENG_AMR, false);
		return;
	case SIM_FX_AMOR:
		t->spr[st] = val;
		sim_cpu_mirror(t, SIM_ENG_AMR, false);
		return;
	case SIM_FX_CTRL:
		t->spr[st] = (t->spr[st] & ~SIM_CTRL_RUN) | (val & SIM_CTRL_RUN);
		return;
	case SIM_FX_HMER:
		/* mtspr HMER ANDs: software clears the bits it has handled. */
		t->spr[st] &= val;
		return;
	case SIM_FX_PPR: {
		/*
		 * ISA 2.06 Book II 3.2 / Book III-S 3.1: only PRI exists; a
		 * priority the privilege may not set (problem state: low,
		 * medium low, medium; privileged: very low to high; the
		 * hypervisor: any; 0 is reserved) leaves PPR unchanged.
		 */
		uint64_t pri = (val & SIM_PPR_PRI_MASK) >> SIM_PPR_PRI_SHIFT;
		uint64_t lo = level == SIM_SPR_PROB ? 2 : 1;
		uint64_t hi = level == SIM_SPR_PROB ? 4 : level == SIM_SPR_PRIV ? 6 : 7;

		if (pri >= lo && pri <= hi)
			t->spr[st] = pri << SIM_PPR_PRI_SHIFT;
		return;
	}
	default:
		t->spr[st] = val;
		return;
	}
}

/* ISA 2.06 4.4.4 for an SPR number not defined for this direction. */
static enum sim_spr_ret undefined_spr(unsigned int sprn, unsigned int level, struct sim_intr *irq)
{
	bool spr0 = sprn & 0x10;

	if (spr0) {
		if (level != SIM_SPR_PROB)
			return SIM_SPR_NOOP;
		*irq = sim_intr_program(SRR1_PROGPRIV);
		return SIM_SPR_RAISE;
	}
	if (level != SIM_SPR_PROB && sprn != 0 && (sprn < 4 || sprn > 6))
		return SIM_SPR_NOOP;
	/* HEIR is the instruction image, which only the caller knows. */
	*irq = sim_intr_hea(0);
	return SIM_SPR_RAISE;
}

enum sim_spr_ret sim_spr_access(struct sim_thread *t, unsigned int sprn, bool write,
				uint64_t *val, struct sim_intr *irq)
{
	const struct sim_spr *s = sim_spr_info(sprn);
	unsigned int level = sim_spr_level(t->msr);
	unsigned int need;
	struct sim_intr dummy;

	if (!irq)
		irq = &dummy;
	/* 1. Is there such an SPR for this direction? */
	need = s ? (write ? s->write : s->read) : SIM_SPR_NONE;
	if (need == SIM_SPR_NONE)
		return undefined_spr(sprn, level, irq);
	/*
	 * 2. Privilege: problem state, or a guest kernel touching a
	 *    hypervisor SPR, gets the privileged-instruction program interrupt.
	 */
	if (level < need) {
		*irq = sim_intr_program(SRR1_PROGPRIV);
		return SIM_SPR_RAISE;
	}
	/* 3. Perform it, with width and side effects. */
	if (write)
		do_write(t, sprn, s, *val, level);
	else
		*val = do_read(t, sprn, s);
	return SIM_SPR_DONE;
}

/*
 * The hypervisor's reads and writes of SPRs that are plain storage (no
 * time, no register field, no side effect), by number: the storage index
 * + 1 (bit 15: 32 bits wide), 0 for every other.  The HV core reads a
 * dozen of them and writes some thirty on each exit and entry; the 16-byte
 * entries of the full table cost a cache line each, and do_write's switch
 * an indirect branch that every SPR number takes somewhere else.
 */
#define PLAIN_32	0x8000u
static uint16_t plain_read[SIM_NR_SPRS];
static uint16_t plain_write[SIM_NR_SPRS];
static bool plain_made;

static uint16_t plain_entry(unsigned int n, const struct sim_spr *s)
{
	return (uint16_t)(store_of(n, s) + 1) | (s->width == 32 ? PLAIN_32 : 0);
}

static void make_plain(void)
{
	for (unsigned int n = 0; n < SIM_NR_SPRS; n++) {
		const struct sim_spr *s = &sim_spr_table[n];

		if (!s->name)
			continue;
		if (s->read != SIM_SPR_NONE && s->fx != SIM_FX_REG && s->fx != SIM_FX_DEC &&
		    s->fx != SIM_FX_HDEC && s->fx != SIM_FX_TB)
			plain_read[n] = plain_entry(n, s);
		/* The writes do_write's default case performs. */
		if (s->write != SIM_SPR_NONE && (s->fx == SIM_FX_NONE || s->fx == SIM_FX_PURR))
			plain_write[n] = plain_entry(n, s);
	}
	plain_made = true;
}

uint64_t sim_spr_read(struct sim_thread *t, unsigned int sprn)
{
	const struct sim_spr *s;
	unsigned int p;

	if (sprn < SIM_NR_SPRS && (p = plain_read[sprn])) {
		uint64_t v = t->spr[(p & ~PLAIN_32) - 1];

		return (p & PLAIN_32) ? v & 0xffffffffULL : v;
	}
	s = sim_spr_info(sprn);
	if (!s)
		return sprn < SIM_NR_SPRS ? t->spr[sprn] : 0;
	/* A write-only number reads as a no-op in hypervisor state: RT stays. */
	if (s->read == SIM_SPR_NONE)
		return 0;
	return do_read(t, sprn, s);
}

void sim_spr_write(struct sim_thread *t, unsigned int sprn, uint64_t val)
{
	const struct sim_spr *s;
	unsigned int p;

	/* What do_write does for these, without its table look-up and switch. */
	if (sprn < SIM_NR_SPRS && (p = plain_write[sprn])) {
		t->spr[(p & ~PLAIN_32) - 1] = (p & PLAIN_32) ? val & 0xffffffffULL : val;
		t->regs_dirty = true;
		return;
	}
	s = sim_spr_info(sprn);
	if (!s) {
		/* Not a POWER7 SPR: keep the value so that a test can read it back. */
		if (sprn < SIM_NR_SPRS)
			t->spr[sprn] = val;
		return;
	}
	/* mtspr to a read-only SPR (PVR, PIR) is a no-op in hypervisor state. */
	if (s->write == SIM_SPR_NONE)
		return;
	do_write(t, sprn, s, val, SIM_SPR_HYP);
}

void sim_spr_reset(struct sim_thread *t)
{
	if (!plain_made)
		make_plain();
	for (unsigned int i = 0; i < SIM_NR_SPRS; i++)
		t->spr[i] = 0;
	t->spr[SPRN_PVR] = SIM_PVR_POWER7;
	t->spr[SPRN_PIR] = t->index;
	t->spr[SPRN_CTRLF] = SIM_CTRL_RUN;
	t->spr[SPRN_PPR] = SIM_PPR_MEDIUM;
	/* MMCR0[FC]: counters frozen until software starts them. */
	t->spr[SPRN_MMCR0] = 0x80000000ULL;
	/* The decrementers start at the largest positive value. */
	sim_dec_write(t, 0x7fffffff);
	sim_hdec_write(t, 0x7fffffff);
}
