/*
 * Through the HV core: H_ENTER maps EA 0x10005000 (VSID 0x123, 4 KiB) to
 * guest real 0x800000; relocation on with our SLB entry; store and load
 * (G_VALUE r4 = value, r5 = HPTE index); H_REMOVE it; the same load then
 * takes a DSI (NOHPTE) at our 0x300, which reports itself.
 */
/* SPDX-License-Identifier: GPL-2.0-only */
#include "guest_asm.h"
	.section .text
	.globl _start
ALL_REPORT_VECTORS
	. = 0x2000
_start:
	li	3, 0x08			/* H_ENTER */
	li	4, 0
	li	5, (0x123 ^ 5) * 8	/* PTEG of hash(VSID 0x123, page 5) */
	LOAD_IMM64(6, (0x123 << 12) | 1)	/* AVPN | V */
	LOAD_IMM64(7, 0x800000 | 0x10)	/* RPN | M */
	sc	1
	mr	20, 4
	LOAD_IMM64(5, 0x10000000 | 0x08000000)
	LOAD_IMM64(6, 0x123 << 12)
	slbmte	6, 5
	mfmsr	7
	ori	7, 7, 0x10
	mtmsrd	7
	LOAD_IMM64(8, 0x10005000)
	li	9, 0x3c3c
	std	9, 0x80(8)
	ld	21, 0x80(8)
	LI_CODE(3, G_VALUE)
	mr	4, 21
	mr	5, 20
	sc	1
	li	3, 0x04			/* H_REMOVE */
	li	4, 0
	mr	5, 20
	sc	1
	LOAD_IMM64(8, 0x10005000)
	ld	21, 0x80(8)
	GUEST_DONE(1)
