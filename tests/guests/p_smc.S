/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Self-modifying code with the ISA's sequence (Book II 1.8): a routine runs,
 * is rewritten by stores, made visible with dcbst; sync; icbi; isync, and
 * runs again with its new instruction.  Twice, so that the second version
 * was itself translated before it is replaced.
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
	addi	20, 31, patched - _start
	li	22, 1
1:	bl	patched
	mr	21, 3
	PUTS(m_got)
	PUTHEX(21)
	/* li 3, n+1 replaces li 3, n */
	addi	22, 22, 1
	lis	5, 0x3860		/* li 3, 0 */
	or	5, 5, 22
	stw	5, 0(20)
	dcbst	0, 20
	sync
	icbi	0, 20
	isync
	cmpwi	22, 4
	blt	1b
	POWER_OFF

	.balign	128
patched:
	li	3, 1
	blr

m_got:	.asciz	"patched routine returns "
	.balign	4
#include "p7lib.S"
