/* H_CEDE with the DEC armed: the vcpu sleeps and wakes at our 0x900. */
/* SPDX-License-Identifier: GPL-2.0-only */
#include "guest_asm.h"
	.section .text
	.globl _start
ALL_REPORT_VECTORS
	. = 0x2000
_start:
	lis	5, 0x1
	mtspr	SPRN_DEC, 5
	li	3, 0xe0			/* H_CEDE */
	sc	1
	GUEST_DONE(1)
