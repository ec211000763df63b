/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The guest the gdb tests debug (tests/p7sim/gdb, p7sim --smp 2 --gdb):
 * global symbols for every place a test stops at, known register values,
 * a counter in memory to watch, an hcall to stop at, an FP register with a
 * known value, and a second vcpu (started with RTAS start-cpu) that loads a
 * marker into r20, spins and stops itself.  CPU 0 waits for it, then
 * powers off.  Without a debugger it prints the same lines and exits 0.
 */
#include "p7lib.h"
	.section .text
	.globl _start
	UNEXPECTED_VECTORS
	. = 0x2000
_start:
	GUEST_ENTRY
	PUTS(m_hello)
	/* CPU 1 at secondary, r3 = 0x77 */
	addi	15, 31, s_args - _start
	addi	16, 31, secondary - _start
	stw	16, 16(15)
	addi	3, 31, s_args - _start
	bl	rtas
	/* f1 = 2.5 (MSR[FP] on first) */
	mfmsr	5
	ori	5, 5, 0x2000
	mtmsrd	5, 0
	lfd	1, two_and_half - _start(31)
	li	14, 0
	.globl	count_loop
count_loop:
	addi	14, 14, 1
	.globl	count_store
count_store:
	stw	14, counter - _start(31)
	bl	marker_fn
	cmpwi	14, 3
	blt	count_loop
	/* The hcall a `monitor stop hcall H_RANDOM` stops after. */
	LI16(3, H_RANDOM)
	sc	1
	.globl	after_random
after_random:
	PUTS(m_random)
	/* Wait for CPU 1's flag. */
1:	lwz	15, flag - _start(31)
	cmpwi	15, 1
	bne	1b
	PUTS(m_done)
	POWER_OFF

	.globl	marker_fn
marker_fn:
	li	16, 0x5a
	blr

	.globl	secondary
secondary:
	bl	2f
2:	mflr	31
	addi	31, 31, _start - 2b
	lis	20, 0x1234
	ori	20, 20, 0x5678
	li	22, 1000
	mtctr	22
	.globl	second_spin
second_spin:
	addi	21, 21, 1
	bdnz	second_spin
	li	14, 1
	stw	14, flag - _start(31)
	addi	3, 31, stop_args - _start
	bl	rtas
	b	.

	.balign	8
two_and_half:	.double	2.5
	.globl	counter
counter:	.long	0
	.globl	flag
flag:		.long	0
s_args:		.long	RTAS_START_CPU, 3, 1, 1, 0, 0x77, 0
stop_args:	.long	RTAS_STOP_SELF, 0, 1, 0
m_hello:	.asciz	"p_gdb: hello\n"
m_random:	.asciz	"p_gdb: H_RANDOM done\n"
m_done:		.asciz	"p_gdb: cpu 1 done; bye\n"
	.balign	4
#include "p7lib.S"
