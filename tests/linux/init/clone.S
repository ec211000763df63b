/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * clone.S: long clone_vm(int (*fn)(long), long arg, void *stack_top)
 *
 * Starts fn(arg) in a new process that shares the caller's memory
 * (CLONE_VM, SIGCHLD to the parent at exit, so wait4 reaps it) on its own
 * stack, and returns its pid (or -errno).  The child runs on stack_top and
 * exits with fn's result.  This must be assembly: the child comes back from
 * sc on a stack the C caller never set up.
 *
 * powerpc has CLONE_BACKWARDS: clone(flags, newsp, ptid, tls, ctid).
 */
	.machine power7
	.abiversion 2
	.text
#define CLONE_VM	0x100
#define SIGCHLD		17
#define __NR_clone	120
#define __NR_exit	1

	.globl	clone_vm
	.type	clone_vm, @function
clone_vm:
	mflr	0
	std	0, 16(1)
	stdu	1, -64(1)
	std	30, 48(1)
	std	31, 56(1)
	mr	30, 3		/* fn and arg survive sc in nonvolatile registers */
	mr	31, 4
	mr	4, 5
	li	3, CLONE_VM | SIGCHLD
	li	5, 0
	li	6, 0
	li	7, 0
	li	0, __NR_clone
	sc
	bns+	1f
	neg	3, 3
1:	cmpdi	3, 0
	bne	2f
	/* The child, on its own stack. */
	li	0, 0
	stdu	0, -32(1)
	mr	12, 30		/* ELFv2: r12 = the callee's address at its global entry */
	mtctr	12
	mr	3, 31
	bctrl
	li	0, __NR_exit
	sc
	b	.
2:	ld	30, 48(1)
	ld	31, 56(1)
	addi	1, 1, 64
	ld	0, 16(1)
	mtlr	0
	blr
	.size	clone_vm, . - clone_vm
	.section .note.GNU-stack, "", @progbits
