/* lqarx: ISA 2.07, not in POWER7: HEA (0xe40) with HEIR = the instruction. */
/* SPDX-License-Identifier: GPL-2.0-only */
#include "guest_asm.h"
	.section .text
	.globl _start
ALL_REPORT_VECTORS
	. = 0x2000
_start:
	li	4, 0x3000
	lqarx	6, 0, 4
	GUEST_DONE(0)
