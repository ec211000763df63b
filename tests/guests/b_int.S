/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Benchmark guest: an integer loop of long basic blocks.  Each iteration is
 * 60 ALU instructions (add, xor, rotate, subf, and, or, addi, nand, andc)
 * and a bdnz: 61 instructions; the count comes from the command line
 * (benchlib.h).  Runs on p7sim and on QEMU pseries alike.
 */
#include "benchlib.h"

#define ALU10						\
	add	15, 15, 16;	xor	17, 17, 15;	\
	rotldi	18, 18, 7;	subf	19, 18, 17;	\
	and	20, 19, 16;	or	21, 21, 20;	\
	addi	16, 16, 3;	nand	3, 15, 21;	\
	andc	4, 3, 18;	add	15, 15, 4

	.section .text
	.globl _start
_start:
	BENCH_START(1000000)
	li	15, 1
	li	16, 2
	li	17, 3
	li	18, 4
	li	19, 5
	li	20, 6
	li	21, 7
	mtctr	14
1:	ALU10
	ALU10
	ALU10
	ALU10
	ALU10
	ALU10
	bdnz	1b
	BENCH_END

bench_name:	.asciz	"b_int"
	.balign	4
#include "benchlib.S"
