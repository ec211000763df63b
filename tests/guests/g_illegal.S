/* An illegal instruction: HEA (0xe40) with HEIR = 0x00000000. */
/* SPDX-License-Identifier: GPL-2.0-only */
#include "guest_asm.h"
	.section .text
	.globl _start
ALL_REPORT_VECTORS
	. = 0x2000
_start:
	li	20, 7
	.long	0x00000000
	GUEST_DONE(0)
