/* rfid to a relocated address with no SLB entry: instruction segment (0x480). */
/* SPDX-License-Identifier: GPL-2.0-only */
#include "guest_asm.h"
	.section .text
	.globl _start
ALL_REPORT_VECTORS
	. = 0x2000
_start:
	mfmsr	5
	ori	5, 5, 0x20		/* MSR_IR */
	mtspr	SPRN_SRR1, 5
	LOAD_IMM64(6, 0x20000000)
	mtspr	SPRN_SRR0, 6
	rfid
