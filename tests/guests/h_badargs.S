/*
 * Every in-kernel hcall with a bad argument: for each row of the table
 * (r3..r7) the guest reports G_VALUE r4 = the return code, r5 = the row.
 */
/* SPDX-License-Identifier: GPL-2.0-only */
#include "guest_asm.h"
	.section .text
	.globl _start
ALL_REPORT_VECTORS
	. = 0x2000
_start:
	lis	14, table@ha
	addi	14, 14, table@l
	li	15, 0
1:	ld	3, 0(14)
	cmpdi	3, 0
	beq	2f
	ld	4, 8(14)
	ld	5, 16(14)
	ld	6, 24(14)
	ld	7, 32(14)
	li	8, 0
	li	9, 0
	li	10, 0
	li	11, 0
	sc	1
	mr	4, 3
	LI_CODE(3, G_VALUE)
	mr	5, 15
	sc	1
	addi	14, 14, 40
	addi	15, 15, 1
	b	1b
2:	GUEST_DONE(0)
	.balign	8
table:
	.quad	0x08, 0, 0, 0x1001, 0x28	/* H_ENTER: I|G without M */
	.quad	0x08, 0, 0, 0x1001, 0x7f0000010 /* H_ENTER: RPN beyond guest RAM */
	.quad	0x08, 0, 0x100000, 0x1001, 0x10 /* H_ENTER: index beyond the HPT */
	.quad	0x04, 0, 0x100000, 0, 0	/* H_REMOVE: bad index */
	.quad	0x04, 0, 8, 0, 0	/* H_REMOVE: empty slot */
	.quad	0x0c, 0, 0x100000, 0, 0	/* H_READ: bad index */
	.quad	0x18, 0, 0x100000, 0, 0	/* H_PROTECT: bad index */
	.quad	0x18, 0, 8, 0, 0	/* H_PROTECT: empty slot */
	.quad	0x14, 0, 0x100000, 0, 0	/* H_CLEAR_REF: bad index */
	.quad	0x10, 0, 8, 0, 0	/* H_CLEAR_MOD: empty slot */
	.quad	0x124, 0x0000000000000005, 0, 0, 0 /* H_BULK_REMOVE: type 00 */
	.quad	0xdc, 0, 0, 0x3000, 0	/* H_REGISTER_VPA: subfunction 0 */
	.quad	0xdc, 1 << 45, 77, 0x3000, 0 /* H_REGISTER_VPA: no such vcpu */
	.quad	0x2c, 0x2000, 0x10000, 0, 0 /* H_PAGE_INIT: bad flags */
	.quad	0x2c, 0x8000, 0x10008, 0, 0 /* H_PAGE_INIT: unaligned */
	.quad	0x134, 0, 0x4, 0, 0	/* H_SET_XDABR: bad DABRX */
	.quad	0xe8, 77, 0, 0, 0	/* H_PROD: no such vcpu */
	.quad	0, 0, 0, 0, 0
