/* A relocated load with an empty SLB: data segment interrupt (0x380), DAR. */
/* SPDX-License-Identifier: GPL-2.0-only */
#include "guest_asm.h"
	.section .text
	.globl _start
ALL_REPORT_VECTORS
	. = 0x2000
_start:
	mfmsr	5
	ori	5, 5, 0x10		/* MSR_DR */
	mtmsrd	5
	LOAD_IMM64(6, 0x30000008)
	ld	7, 0(6)
	GUEST_DONE(1)
