/*
 * The guest turns data relocation on with its own SLB entry (ESID 1, VSID
 * 0x123, Ks=0 Kp=1, 4 KiB pages) over HPTEs the harness placed:
 *   EA 0x10005000: read/write page   -> store 0xabcd, load it back
 *   EA 0x10007000: read-only (PP=3)  -> store gives DSI PROTFAULT|STORE
 *   EA 0x10009000: no HPTE           -> load gives DSI NOHPTE
 * Which fault runs is chosen by the harness in r14 (0 = none, 1, 2).
 */
/* SPDX-License-Identifier: GPL-2.0-only */
#include "guest_asm.h"
	.section .text
	.globl _start
ALL_REPORT_VECTORS
	. = 0x2000
_start:
	LOAD_IMM64(5, 0x10000000 | 0x08000000)	/* ESID 1 | V | index 0 */
	LOAD_IMM64(6, (0x123 << 12) | 0x400)	/* VSID | Kp */
	slbmte	6, 5
	mfmsr	7
	ori	7, 7, 0x10			/* MSR_DR */
	mtmsrd	7
	LOAD_IMM64(8, 0x10005000)
	li	9, 0x4bcd
	std	9, 8(8)
	ld	10, 8(8)
	cmpdi	14, 1
	beq	1f
	cmpdi	14, 2
	beq	2f
	LI_CODE(3, G_VALUE)
	mr	4, 10
	sc	1
	GUEST_DONE(0)
1:	LOAD_IMM64(8, 0x10007000)
	std	9, 16(8)
	GUEST_DONE(1)
2:	LOAD_IMM64(8, 0x10009000)
	ld	9, 24(8)
	GUEST_DONE(1)
