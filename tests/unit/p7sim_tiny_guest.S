/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A tiny pseries guest for the ELF loader test (test_p7sim_elf): prints "hi"
 * with H_PUT_TERM_CHAR and spins.  Linked at 0 so it loads at kernel-addr.
 * It is only loaded, never run, by that test; its bss must come out zeroed.
 */
	.section ".text", "ax"
	.globl	_start
_start:
	li	3, 0x58			/* H_PUT_TERM_CHAR */
	li	4, 0			/* vterm 0 */
	li	5, 2			/* 2 bytes */
	lis	6, 0x6869		/* "hi" in the top bytes of r6 */
	sldi	6, 6, 32
	sc	1
1:	b	1b

	.section ".bss", "aw", @nobits
	.balign	8
	.space	0x2000
