/* tw 31,0,0: program interrupt at the guest's 0x700, SRR1 trap bit 0x20000. */
/* SPDX-License-Identifier: GPL-2.0-only */
#include "guest_asm.h"
	.section .text
	.globl _start
ALL_REPORT_VECTORS
	. = 0x2000
_start:
	tw	31, 0, 0
	GUEST_DONE(1)
