/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * p7sim --smp 2: each CPU's vector state is its own.  CPU 0 fills VR0-31
 * with 3s, VSCR[SAT] clear; CPU 1 fills them with -4s, sets VSCR[SAT], and
 * each copies VR0 into all of VSR0 (the VSX half beside FPR0).  Both spin
 * across several vcpu turns, then store everything and compare: with state
 * shared between vcpus, one sees the other's values.
 */
#include "p7lib.h"
	.section .text
	.globl _start
	UNEXPECTED(0x100); UNEXPECTED(0x200); UNEXPECTED(0x300); UNEXPECTED(0x380)
	UNEXPECTED(0x400); UNEXPECTED(0x480); UNEXPECTED(0x500); UNEXPECTED(0x600)
	UNEXPECTED(0x700); UNEXPECTED(0x800); UNEXPECTED(0x900); UNEXPECTED(0xa00)
	UNEXPECTED(0xc00); UNEXPECTED(0xd00); UNEXPECTED(0xe00); UNEXPECTED(0xf00)
	UNEXPECTED(0xf20); UNEXPECTED(0xf40)
	. = 0x2000
_start:
	GUEST_ENTRY
	addi	3, 31, s_args - _start
	addi	16, 31, secondary - _start
	addi	15, 31, s_args - _start
	stw	16, 16(15)
	bl	rtas
	li	17, 3			/* this CPU's splat value */
	li	18, 0			/* expected VSCR[SAT] */
	addi	19, 31, buf0 - _start
	bl	vmx_check
	mr	20, 3
	PUTS(m_cpu0)
	PUTHEX(20)
1:	lwz	14, flag - _start(31)
	cmpwi	14, 0
	beq	1b
	PUTS(m_cpu1)
	lwz	20, flag - _start(31)
	addi	20, 20, -1		/* flag = result + 1 */
	PUTHEX(20)
	POWER_OFF

secondary:
	bl	2f
2:	mflr	31
	addi	31, 31, _start - 2b
	lis	1, 0x70
	li	17, -4
	li	18, 1
	addi	19, 31, buf1 - _start
	bl	vmx_check
	addi	3, 3, 1
	stw	3, flag - _start(31)
	addi	3, 31, stop_args - _start
	bl	rtas
	b	.

/*
 * r17 = splat value, r18 = VSCR[SAT] to set, r19 = 16-aligned buffer of
 * 34 * 16 bytes.  Returns r3 = 0 when every VR, VSCR and VSR0 still hold
 * what was set after a long spin, else the number of the first bad slot + 1.
 */
vmx_check:
	mflr	29
	mfmsr	5
	oris	5, 5, 0x0280		/* MSR[VEC] | MSR[VSX] */
	mtmsrd	5
	/* Splat through memory: vspltisw takes an immediate. */
	stw	17, 0(19)
	lvewx	0, 0, 19
	vspltw	0, 0, 0
	.irp	n, 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	vor	\n, 0, 0
	.endr
	/* VSCR: NJ | SAT as asked (mtvscr takes word 3 of VRB). */
	lis	6, 1
	or	6, 6, 18
	stw	6, 12(19)
	lvx	1, 0, 19
	mtvscr	1
	vor	1, 0, 0
	xxlor	0, 32, 32		/* VSR0 = VR0 (both halves) */
	/* Spin over several vcpu turns (quantum 100000). */
	lis	7, 8
	mtctr	7
3:	bdnz	3b
	/* Store VR0-31, VSCR (via VR0 after it is saved), VSR0. */
	.irp	n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	li	8, \n * 16
	stvx	\n, 19, 8
	.endr
	li	8, 32 * 16
	stxvw4x	0, 19, 8
	mfvscr	0
	li	8, 33 * 16
	stvx	0, 19, 8
	/* Compare: 33 slots of four words equal to r17, then VSCR. */
	li	3, 0
	mr	9, 19
	li	10, 33 * 4
	mtctr	10
4:	lwz	11, 0(9)
	addi	9, 9, 4
	cmpw	11, 17
	bne	5f
	bdnz	4b
	lwz	11, 33 * 16 + 12(19)
	lis	6, 1
	or	6, 6, 18
	cmpw	11, 6
	beq	6f
	li	3, 34
	b	6f
5:	subf	3, 19, 9
	srdi	3, 3, 4
	addi	3, 3, 1
6:	mtlr	29
	blr

	.balign	8
s_args:		.long	RTAS_START_CPU, 3, 1, 1, 0, 0, 0
stop_args:	.long	RTAS_STOP_SELF, 0, 1, 0
flag:		.long	0
m_cpu0:		.asciz	"cpu 0 vector state (0 = kept): "
m_cpu1:		.asciz	"cpu 1 vector state (0 = kept): "
	.balign	16
buf0:		.space	34 * 16
buf1:		.space	34 * 16
	.balign	4
#include "p7lib.S"
