/* mfmsr at guest problem state: program interrupt (0x700), SRR1 0x40000. */
/* SPDX-License-Identifier: GPL-2.0-only */
#include "guest_asm.h"
	.section .text
	.globl _start
ALL_REPORT_VECTORS
	. = 0x2000
_start:
	mfmsr	5
	ori	5, 5, 0x4000		/* MSR_PR */
	mtspr	SPRN_SRR1, 5
	lis	6, user@ha
	addi	6, 6, user@l
	mtspr	SPRN_SRR0, 6
	rfid
user:
	li	20, 1
	mfmsr	7
	GUEST_DONE(1)
