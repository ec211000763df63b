/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * start.S: the process entry of the test /init (ELFv2, static, no libc).
 *
 * The kernel enters with r1 pointing at argc, then argv[], envp[] and the
 * auxiliary vector (fs/binfmt_elf.c create_elf_tables).  The TOC pointer is
 * built from absolute relocations so that nothing depends on r12.
 */
	.machine power7
	.abiversion 2
	.section ".text._start", "ax"
	.globl	_start
	.type	_start, @function
_start:
	lis	2, .TOC.@highest
	ori	2, 2, .TOC.@higher
	rldicr	2, 2, 32, 31
	oris	2, 2, .TOC.@h
	ori	2, 2, .TOC.@l
	mr	3, 1
	clrrdi	1, 1, 4
	li	0, 0
	stdu	0, -32(1)	/* a minimal frame with a null back chain */
	bl	init_start
	nop
	li	0, 234		/* __NR_exit_group, with init_start's result in r3 */
	sc
	b	.
	.size	_start, . - _start
	.section .note.GNU-stack, "", @progbits
