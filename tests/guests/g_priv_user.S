/*
 * mfmsr at guest problem state: program interrupt (0x700), SRR1 0x40000.
 * Problem state always runs relocated (MSR[PR]=1 sets IR and DR), so the
 * guest first maps its first segment with its own SLB entry (ESID 0, VSID
 * 0x124, Ks=0 Kp=1, 4 KiB pages); the harness places the HPTE of the code
 * page 0x2000 (PP=2: user read/write/execute).
 */
/* SPDX-License-Identifier: GPL-2.0-only */
#include "guest_asm.h"
	.section .text
	.globl _start
ALL_REPORT_VECTORS
	. = 0x2000
_start:
	ENTER_USER_SEG0((0x124 << 12) | 0x400, user)	/* VSID 0x124, Kp */
user:
	li	20, 1
	mfmsr	7
	GUEST_DONE(1)
