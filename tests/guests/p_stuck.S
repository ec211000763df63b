/* SPDX-License-Identifier: GPL-2.0-only */
/* p7sim: the only CPU stops itself (RTAS stop-self): no vcpu can make progress. */
#include "p7lib.h"
	.section .text
	.globl _start
UNEXPECTED_VECTORS
	. = 0x2000
_start:
	GUEST_ENTRY
	PUTS(msg)
	addi	3, 31, stop - _start
	bl	rtas
	b	.
	.balign	8
stop:	.long	RTAS_STOP_SELF, 0, 1, 0
msg:	.asciz	"stopping the only cpu\n"
	.balign	4
#include "p7lib.S"
