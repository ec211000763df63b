/* SPDX-License-Identifier: GPL-2.0-only */
/* Routines of the benchmark guests (see benchlib.h); included at their end. */
#include "p7lib.S"
#include "fdtlib.S"

/*
 * bench_start: r3 = default loop count.  Sets MSR[SF], reads the count from
 * /chosen/bootargs (first decimal number; at least 1) into r14 and prints
 * "<name>: start count 0x<n>".
 */
bench_start:
	mflr	23
	mr	22, 3
	mfmsr	3
	li	4, 1
	sldi	4, 4, 63
	or	3, 3, 4
	mtmsrd	3
	isync
	mr	3, 30
	addi	4, 31, bench_s_bootargs - _start
	bl	fdt_prop
	li	5, 0			/* value */
	li	6, 0			/* digits seen */
1:	cmpdi	4, 0
	beq	3f
	lbz	7, 0(3)
	addi	3, 3, 1
	addi	4, 4, -1
	addi	7, 7, -'0'
	cmpldi	7, 9
	bgt	2f
	mulli	5, 5, 10
	add	5, 5, 7
	li	6, 1
	b	1b
2:	cmpdi	6, 0			/* a non-digit ends a number */
	beq	1b
3:	cmpdi	6, 0
	beq	4f
	mr	22, 5
4:	cmpdi	22, 0
	bne	5f
	li	22, 1
5:	mr	14, 22
	addi	3, 31, bench_name - _start
	bl	print
	addi	3, 31, bench_s_start - _start
	bl	print
	mr	3, 14
	bl	print_hex
	mtlr	23
	blr

/* bench_end: "<name>: end", then RTAS power-off. */
bench_end:
	addi	3, 31, bench_name - _start
	bl	print
	addi	3, 31, bench_s_end - _start
	bl	print
	b	fdt_power_off

bench_s_bootargs:	.asciz	"bootargs"
bench_s_start:		.asciz	": start count "
bench_s_end:		.asciz	": end\n"
	.balign	4
