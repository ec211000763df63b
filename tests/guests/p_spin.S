/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * p7sim: prints a line, then spins forever, with a userspace hcall now and
 * then (H_PUT_TERM_CHAR of length 0) so that the run keeps producing trace
 * records; only a signal or --max-insns ends it.
 */
#include "p7lib.h"
	.section .text
	.globl _start
UNEXPECTED_VECTORS
	. = 0x2000
_start:
	GUEST_ENTRY
	PUTS(m_hello)
1:	lis	14, 1			/* 65536 iterations between hcalls */
	mtctr	14
2:	bdnz	2b
	li	3, H_PUT_TERM_CHAR
	li	4, 0
	li	5, 0
	sc	1
	b	1b

m_hello:	.asciz	"spinning until a signal\n"
	.balign	4
#include "p7lib.S"
