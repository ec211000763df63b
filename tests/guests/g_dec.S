/* DEC expires with MSR[EE]=1: decrementer interrupt at the guest's 0x900. */
/* SPDX-License-Identifier: GPL-2.0-only */
#include "guest_asm.h"
	.section .text
	.globl _start
ALL_REPORT_VECTORS
	. = 0x2000
_start:
	li	5, 200
	mtspr	SPRN_DEC, 5
	li	5, 0x4000		/* MSR_EE, low 16 bits */
	ori	5, 5, 0x8000
	mfmsr	6
	or	6, 6, 5
	mtmsrd	6, 1			/* L=1: only EE and RI change */
1:	addi	20, 20, 1
	b	1b
