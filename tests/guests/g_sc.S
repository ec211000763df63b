/* sc 1 reaches the hypervisor; sc 0 goes to the guest's own 0xc00. */
/* SPDX-License-Identifier: GPL-2.0-only */
#include "guest_asm.h"
	.section .text
	.globl _start
ALL_REPORT_VECTORS
	. = 0x2000
_start:
	LI_CODE(3, G_VALUE)
	li	4, 0x1234
	li	5, 0x5678
	sc	1
	sc	0
	GUEST_DONE(1)
