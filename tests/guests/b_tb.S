/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Benchmark guest: a time-base polling loop, the shape of a busy-wait on
 * mftb (kvm-unit-tests timebase, Linux's udelay): each iteration reads the
 * TB, checks that it did not go backwards and counts.  mftb, cmpld, a
 * branch, mr, addic., bne: 6 instructions.
 */
#include "benchlib.h"

	.section .text
	.globl _start
_start:
	BENCH_START(1000000)
	mftb	16
1:	mftb	15
	cmpld	15, 16
	blt	2f
	mr	16, 15
	addic.	14, 14, -1
	bne	1b
	BENCH_END
2:	PUTS(m_back)
	BENCH_END

m_back:		.asciz	"b_tb: the time base went backwards\n"
bench_name:	.asciz	"b_tb"
	.balign	4
#include "benchlib.S"
