/* SPDX-License-Identifier: GPL-2.0-only */
/* Routines of the p7sim test guests (see p7lib.h); included at their end. */

/* print: the NUL-terminated string at r3, one H_PUT_TERM_CHAR per byte. */
print:
	mflr	29
	mr	28, 3
5:	lbz	6, 0(28)
	cmpwi	6, 0
	beq	6f
	sldi	6, 6, 56
	li	3, H_PUT_TERM_CHAR
	li	4, 0
	li	5, 1
	sc	1
	addi	28, 28, 1
	b	5b
6:	mtlr	29
	blr

/* print_hex: r3 as 0x%x then a newline. */
print_hex:
	mflr	27
	mr	26, 3
	li	25, 60
	li	24, 0
	addi	3, 31, p7lib_0x - _start
	bl	print
7:	srd	6, 26, 25
	andi.	6, 6, 0xf
	cmpdi	1, 25, 0
	or.	0, 6, 24
	bne	8f
	bne	1, 9f
8:	li	24, 1
	cmpdi	6, 10
	addi	6, 6, '0'
	blt	10f
	addi	6, 6, 'a' - '0' - 10
10:	sldi	6, 6, 56
	li	3, H_PUT_TERM_CHAR
	li	4, 0
	li	5, 1
	sc	1
9:	addi	25, 25, -4
	cmpdi	25, 0
	bge	7b
	addi	3, 31, p7lib_nl - _start
	bl	print
	mtlr	27
	blr

/* rtas: call the RTAS argument buffer at r3 (guest real). */
rtas:
	mr	4, 3
	LI16(3, H_RTAS)
	sc	1
	blr

unexpected:
	mr	20, 4
	mfspr	21, SPRN_SRR0
	PUTS(p7lib_unexp)
	PUTHEX(20)
	PUTS(p7lib_at)
	PUTHEX(21)
power_off:
	addi	3, 31, p7lib_rtas_off - _start
	bl	rtas
	b	.

	.balign	8
p7lib_rtas_off:
	.long	RTAS_POWER_OFF, 2, 1, 0, 0, 0
p7lib_0x:	.asciz	"0x"
p7lib_nl:	.asciz	"\n"
p7lib_unexp:	.asciz	"unexpected interrupt "
p7lib_at:	.asciz	"at "
	.balign	4
