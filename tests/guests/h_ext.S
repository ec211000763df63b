/* MSR[EE] on and spin: an external interrupt raised by the VMM arrives at 0x500. */
/* SPDX-License-Identifier: GPL-2.0-only */
#include "guest_asm.h"
	.section .text
	.globl _start
ALL_REPORT_VECTORS
	. = 0x2000
_start:
	lis	5, 0x7fff
	mtspr	SPRN_DEC, 5
	mfmsr	5
	ori	5, 5, 0x8000
	mtmsrd	5, 1
1:	addi	20, 20, 1
	b	1b
