/* SPDX-License-Identifier: GPL-2.0-only */
/* p7sim: RTAS get-time-of-day; prints year, month, day, hour, minute, second. */
#include "p7lib.h"
	.section .text
	.globl _start
UNEXPECTED_VECTORS
	. = 0x2000
_start:
	GUEST_ENTRY
	addi	3, 31, tod - _start
	bl	rtas
	PUTS(msg_status)
	addi	15, 31, tod - _start
	lwz	14, 12(15)		/* status */
	PUTHEX(14)
	li	16, 16			/* year at +16, then month, day, hour, min, sec */
1:	PUTS(msg_field)
	lwzx	14, 15, 16
	PUTHEX(14)
	addi	16, 16, 4
	cmpdi	16, 40
	blt	1b
	POWER_OFF
	.balign	8
tod:	.long	RTAS_GET_TOD, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0
msg_status:	.asciz	"get-time-of-day status "
msg_field:	.asciz	"field "
	.balign	4
#include "p7lib.S"
