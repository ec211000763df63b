/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Benchmark guest: a load/store loop.  Each iteration loads 8 doublewords
 * from a 64 KiB buffer 1 MiB above the image, increments them, stores them
 * back and moves 64 bytes on (wrapping): 8 ld, 8 addi, 8 std and 4 more
 * (address, offset step, wrap, bdnz), 28 instructions.
 */
#include "benchlib.h"

	.section .text
	.globl _start
_start:
	BENCH_START(1000000)
	addis	19, 31, 0x10		/* buffer: image + 1 MiB, guest real */
	li	20, 0
	mtctr	14
1:	add	21, 19, 20
	ld	3, 0(21)
	ld	4, 8(21)
	ld	5, 16(21)
	ld	6, 24(21)
	ld	7, 32(21)
	ld	8, 40(21)
	ld	9, 48(21)
	ld	10, 56(21)
	addi	3, 3, 1
	addi	4, 4, 1
	addi	5, 5, 1
	addi	6, 6, 1
	addi	7, 7, 1
	addi	8, 8, 1
	addi	9, 9, 1
	addi	10, 10, 1
	std	3, 0(21)
	std	4, 8(21)
	std	5, 16(21)
	std	6, 24(21)
	std	7, 32(21)
	std	8, 40(21)
	std	9, 48(21)
	std	10, 56(21)
	addi	20, 20, 64
	andi.	20, 20, 0xffc0
	bdnz	1b
	BENCH_END

bench_name:	.asciz	"b_mem"
	.balign	4
#include "benchlib.S"
