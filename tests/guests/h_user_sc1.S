/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sc 1 from guest problem state lands at the guest's own 0xc00.  Problem
 * state runs relocated (rfid to PR=1 sets IR and DR), so the guest maps its
 * code page 0x2000 at EA 0x2000 first: H_ENTER (VSID 0x456, 4 KiB, PP 00)
 * and an SLB entry for ESID 0 with Ks = Kp = 0.
 */
#include "guest_asm.h"
	.section .text
	.globl _start
ALL_REPORT_VECTORS
	. = 0x2000
_start:
	li	3, 0x08			/* H_ENTER */
	li	4, 0
	li	5, (0x456 ^ 2) * 8	/* PTEG of hash(VSID 0x456, page 2) */
	LOAD_IMM64(6, (0x456 << 12) | 1)
	LOAD_IMM64(7, 0x2000 | 0x10)
	sc	1
	ENTER_USER_SEG0(0x456 << 12, user)	/* VSID 0x456 */
user:
	li	3, 0x1234
	sc	1
	GUEST_DONE(1)
