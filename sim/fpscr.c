// SPDX-License-Identifier: GPL-2.0-only
/*
 * mffs and mcrfs, executed by the model (sim/fpscr.h).
 *
 * The engine's floating-point arithmetic keeps the FPSCR where its
 * arithmetic helpers see it, and the engine moves that copy in and out
 * with the thread's registers (t->fpscr).  mffs and mcrfs would read a
 * second copy the arithmetic never updates, so the engine stops on them
 * and they run here on t->fpscr: one FPSCR, as on POWER7.
 */
#include "fpscr.h"

#include "hv_consts.h"
#include "interrupt.h"

/* Instruction fields (ISA 2.06 Book I 1.6). */
#define F_XO(i)		(((i) >> 1) & 0x3ff)
#define F_FRT(i)	(((i) >> 21) & 31)
#define F_BF(i)		(((i) >> 23) & 7)
#define F_BFA(i)	(((i) >> 18) & 7)
#define F_RC(i)		((i) & 1)

#define XO_MCRFS	64
#define XO_MFFS		583

/*
 * The exception bits mcrfs clears when it copies their field (Book I
 * 4.6.10): FX, OX, UX, ZX, XX and the VX* causes; FEX and VX are summaries
 * and follow from the rest.
 */
#define FPSCR_MCRFS_CLEARS	(FPSCR_FX | FPSCR_OX | FPSCR_UX | FPSCR_ZX | FPSCR_XX | FPSCR_VX_ANY)

uint64_t sim_fpscr_summarise(uint64_t fpscr)
{
	uint32_t lo = (uint32_t)fpscr;

	lo &= ~(FPSCR_VX | FPSCR_FEX);
	if (lo & FPSCR_VX_ANY)
		lo |= FPSCR_VX;
	/* VE: VX; OE: OX; UE: UX; ZE: ZX; XE: XX (Book I 4.2.2, bits 56:60). */
	if (((lo & FPSCR_VX) && (lo & 0x80)) || ((lo & FPSCR_OX) && (lo & 0x40)) ||
	    ((lo & FPSCR_UX) && (lo & 0x20)) || ((lo & FPSCR_ZX) && (lo & 0x10)) ||
	    ((lo & FPSCR_XX) && (lo & 0x08)))
		lo |= FPSCR_FEX;
	return (fpscr & ~0xffffffffULL) | lo;
}

/* CR field 1 of a record form: FX, FEX, VX, OX (Book I 4.3.2). */
static void set_cr1(struct sim_thread *t)
{
	t->cr = (t->cr & ~0x0f000000ULL) | ((t->fpscr >> 4) & 0x0f000000ULL);
}

enum sim_emu_result sim_emulate_fp(struct sim_thread *t, uint32_t insn, struct sim_intr *irq)
{
	unsigned int xo = F_XO(insn);

	if (xo != XO_MFFS && xo != XO_MCRFS) {
		*irq = sim_intr_hea(insn);
		return SIM_EMU_RAISE;
	}
	/* Both need the FP facility (Book III-S 6.5.10). */
	if (!(t->msr & MSR_FP)) {
		*irq = (struct sim_intr){ .vec = BOOK3S_INTERRUPT_FP_UNAVAIL };
		return SIM_EMU_RAISE;
	}
	if (xo == XO_MFFS) {
		/* FRT = the FPSCR; the record form copies FX FEX VX OX to CR1. */
		t->fpr[F_FRT(insn)] = t->fpscr;
		t->fpr_dirty = true;
		if (F_RC(insn))
			set_cr1(t);
	} else {
		/* CR[BF] = FPSCR field BFA (bits 32 + 4 * BFA); its exceptions clear. */
		unsigned int bfa_shift = 28 - 4 * F_BFA(insn);
		unsigned int bf_shift = 28 - 4 * F_BF(insn);
		uint64_t field = (t->fpscr >> bfa_shift) & 0xf;

		t->cr = (t->cr & ~(0xfULL << bf_shift)) | (field << bf_shift);
		t->fpscr &= ~((uint64_t)FPSCR_MCRFS_CLEARS & (0xfULL << bfa_shift));
		t->fpscr = sim_fpscr_summarise(t->fpscr);
	}
	return sim_emu_done(t);
}
