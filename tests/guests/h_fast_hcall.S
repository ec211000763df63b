/*
 * The exit path's two sides: H_SET_DABR (real mode) then a report, then
 * H_SET_SPRG0 (virtual mode) then a report.  Each G_VALUE carries the
 * hcall's return in r4.
 */
/* SPDX-License-Identifier: GPL-2.0-only */
#include "guest_asm.h"
	.section .text
	.globl _start
ALL_REPORT_VECTORS
	. = 0x2000
_start:
	li	3, 0x28			/* H_SET_DABR */
	li	4, 0x1234
	ori	4, 4, 0x6		/* DABR: address | read | write */
	sc	1
	mr	4, 3
	LI_CODE(3, G_VALUE)
	sc	1
	li	3, 0x24			/* H_SET_SPRG0 */
	li	4, 0x5a5a
	sc	1
	mr	4, 3
	LI_CODE(3, G_VALUE)
	sc	1
	GUEST_DONE(0)
