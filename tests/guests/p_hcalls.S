/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * p7sim: one call of each hcall class with its return code printed, so the
 * expected output pins down where each is handled and what it returns.
 */
#include "p7lib.h"
	.section .text
	.globl _start
UNEXPECTED_VECTORS
	. = 0x2000
_start:
	GUEST_ENTRY
	/* H_RANDOM (userspace, seeded) */
	PUTS(m_random)
	LI16(3, H_RANDOM)
	sc	1
	mr	14, 3
	mr	15, 4
	PUTHEX(14)
	PUTHEX(15)
	/* H_SET_MODE LE: refused; BE: accepted */
	PUTS(m_le)
	LI16(3, H_SET_MODE)
	li	4, 1
	li	5, 4
	li	6, 0
	li	7, 0
	sc	1
	PUTHEX(3)
	PUTS(m_be)
	LI16(3, H_SET_MODE)
	li	4, 0
	li	5, 4
	li	6, 0
	li	7, 0
	sc	1
	PUTHEX(3)
	/* H_LOGICAL_CI_LOAD: H_PARAMETER */
	PUTS(m_ci)
	li	3, H_LOGICAL_CI_LOAD
	li	4, 8
	lis	5, 0x1000
	sc	1
	PUTHEX(3)
	/* an hcall nobody implements: H_FUNCTION */
	PUTS(m_unknown)
	LI16(3, 0x1f0)
	sc	1
	PUTHEX(3)
	/* H_GET_TERM_CHAR with no input: H_SUCCESS, length 0 */
	PUTS(m_getc)
	li	3, H_GET_TERM_CHAR
	li	4, 0
	sc	1
	mr	14, 4
	PUTHEX(3)
	PUTHEX(14)
	/* H_PUT_TERM_CHAR of 9 bytes packed in r6/r7 */
	li	3, H_PUT_TERM_CHAR
	li	4, 0
	li	5, 9
	addi	8, 31, nine - _start
	ld	6, 0(8)
	ld	7, 8(8)
	sc	1
	/* in the HV core: H_SET_SPRG0, then H_ENTER with a bad WIMG and a good one */
	PUTS(m_sprg0)
	li	3, H_SET_SPRG0
	li	4, 0x5a
	sc	1
	mfspr	14, 272
	PUTHEX(14)
	PUTS(m_enter)
	li	3, H_ENTER
	li	4, 0
	li	5, 0x800
	lis	6, 0x10
	ori	6, 6, 1
	lis	7, 0x80
	ori	7, 7, 0x28		/* I|G without M: refused */
	sc	1
	PUTHEX(3)
	li	3, H_ENTER
	li	4, 0
	li	5, 0x800
	lis	6, 0x10
	ori	6, 6, 1
	lis	7, 0x80
	ori	7, 7, 0x10
	sc	1
	mr	14, 4
	PUTHEX(3)
	PUTHEX(14)
	PUTS(m_remove)
	li	3, H_REMOVE
	li	4, 0
	mr	5, 14
	sc	1
	PUTHEX(3)
	POWER_OFF
	.balign	8
nine:	.ascii	"ninechar\n"
	.byte	0, 0, 0, 0, 0, 0, 0
m_random:	.asciz	"H_RANDOM: "
m_le:		.asciz	"H_SET_MODE little-endian: "
m_be:		.asciz	"H_SET_MODE big-endian: "
m_ci:		.asciz	"H_LOGICAL_CI_LOAD: "
m_unknown:	.asciz	"hcall 0x1f0: "
m_getc:		.asciz	"H_GET_TERM_CHAR: "
m_sprg0:	.asciz	"H_SET_SPRG0 then mfsprg0: "
m_enter:	.asciz	"H_ENTER I|G, then M: "
m_remove:	.asciz	"H_REMOVE: "
	.balign	4
#include "p7lib.S"
