/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * p7sim: one FPSCR, as POWER7 has it (ISA 2.06 Book I 4.2.2, 4.6.10).
 * mtfsf, mtfsb1 and a divide by zero change it; mffs, mffs. and mcrfs read
 * it (the engine's FP arithmetic and its mffs used to see two different
 * copies: mffs read 0 whatever was stored).  An mtspr to SPR 943 after FP
 * arithmetic does not crash the simulator (the engine's FP state shares
 * that SPR's callback slot); mffs with MSR[FP] = 0 takes the FP
 * unavailable interrupt.
 */
#include "p7lib.h"
	.section .text
	.globl _start
	UNEXPECTED(0x100); UNEXPECTED(0x200); UNEXPECTED(0x300); UNEXPECTED(0x380)
	UNEXPECTED(0x400); UNEXPECTED(0x480); UNEXPECTED(0x500); UNEXPECTED(0x600)
	UNEXPECTED(0x700)
	. = 0x800
	mfspr	22, SPRN_SRR0
	PUTS(m_fpu)
	addi	20, 31, unavail - _start
	subf	20, 20, 22		/* 0: SRR0 is the mffs */
	PUTHEX(20)
	POWER_OFF
	UNEXPECTED(0x900); UNEXPECTED(0xa00)
	UNEXPECTED(0xc00); UNEXPECTED(0xd00); UNEXPECTED(0xe00); UNEXPECTED(0xf00)
	UNEXPECTED(0xf20); UNEXPECTED(0xf40)
	. = 0x2000
_start:
	GUEST_ENTRY
	mfmsr	5
	ori	5, 5, 0x2000		/* MSR[FP] */
	mtmsrd	5
	addi	19, 31, buf - _start
	/* mtfsf 0xff from a double whose low word is XX: mffs reads XX. */
	lis	6, 0x0200
	std	6, 0(19)
	lfd	1, 0(19)
	mtfsf	0xff, 1
	bl	show_fpscr
	/* mtfsb1 31: RN = 01. */
	mtfsb1	31
	bl	show_fpscr
	/* Cleared, then 1.0 / 0.0: FX, ZX, FPRF = +infinity (0x84005000). */
	li	6, 0
	std	6, 0(19)
	lfd	1, 0(19)
	mtfsf	0xff, 1
	lis	6, 0x3ff0
	sldi	6, 6, 32
	std	6, 8(19)
	lfd	3, 8(19)
	fdiv	5, 3, 1
	bl	show_fpscr
	/* mffs.: CR1 = FX FEX VX OX = 1000. */
	mffs.	2
	mfcr	20
	rlwinm	20, 20, 0, 4, 7
	PUTHEX(20)
	/* mcrfs 2, 1: CR2 = UX ZX XX VXSNAN = 0100, and ZX clears. */
	mcrfs	2, 1
	mfcr	20
	rlwinm	20, 20, 0, 8, 11
	PUTHEX(20)
	bl	show_fpscr
	/* The FP state's SPR slot: an mtspr there is the model's (a no-op). */
	fdiv	5, 3, 1
	mtspr	943, 3
	mfspr	20, 943
	PUTS(m_spr)
	/* MSR[FP] = 0: mffs is FP unavailable, SRR0 = its address. */
	mfmsr	5
	li	6, 0x2000
	andc	5, 5, 6
	mtmsrd	5
unavail:
	mffs	2
	PUTS(m_bad)
	POWER_OFF

/* Print the FPSCR through mffs and memory. */
show_fpscr:
	mflr	21
	mffs	2
	stfd	2, 16(19)
	ld	20, 16(19)
	PUTHEX(20)
	mtlr	21
	blr

m_fpu:	.asciz	"fp unavailable: SRR0 - mffs = "
m_spr:	.asciz	"mtspr 943: no crash\n"
m_bad:	.asciz	"mffs ran without MSR[FP]\n"
	.balign	16
buf:	.space	32
#include "p7lib.S"
