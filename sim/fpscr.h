/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The FPSCR instructions the model executes (sim/fpscr.c): mffs and mcrfs,
 * the two that read the FPSCR into an FPR or a CR field.  The engine stops
 * on them because its CPU keeps the FPSCR the floating-point arithmetic
 * updates apart from the copy these instructions read (docs/engine.md,
 * "FPSCR").
 */
#ifndef SIM_FPSCR_H
#define SIM_FPSCR_H

#include <stdint.h>

#include "emulate.h"
#include "machine.h"

struct sim_intr;

/*
 * FPSCR bits 32:63 (ISA 2.06 Book I 4.2.2), as bits of the low word; bits
 * 0:31 hold only DRN (decimal rounding mode).
 */
#define FPSCR_FX	0x80000000u	/* exception summary */
#define FPSCR_FEX	0x40000000u	/* enabled exception summary */
#define FPSCR_VX	0x20000000u	/* invalid operation summary */
#define FPSCR_OX	0x10000000u
#define FPSCR_UX	0x08000000u
#define FPSCR_ZX	0x04000000u
#define FPSCR_XX	0x02000000u
#define FPSCR_VX_ANY	0x01f80700u	/* VXSNAN VXISI VXIDI VXZDZ VXIMZ VXVC, VXSOFT VXSQRT VXCVI */
#define FPSCR_ENABLES	0x000000f8u	/* VE OE UE ZE XE */
#define FPSCR_RN	0x00000003u

/* @fpscr with VX and FEX recomputed from the bits they summarise. */
uint64_t sim_fpscr_summarise(uint64_t fpscr);

/*
 * Execute primary opcode 63 word @insn the engine stopped on: mffs[.] and
 * mcrfs.  Anything else under opcode 63 is no instruction the engine stops
 * on for a reason of the model's: HEA.
 */
enum sim_emu_result sim_emulate_fp(struct sim_thread *t, uint32_t insn, struct sim_intr *irq);

#endif /* SIM_FPSCR_H */
