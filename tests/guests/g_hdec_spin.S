/* HDEC while the guest spins with MSR[EE]=0: the hypervisor gets 0x980. */
/* SPDX-License-Identifier: GPL-2.0-only */
#include "guest_asm.h"
	.section .text
	.globl _start
ALL_REPORT_VECTORS
	. = 0x2000
_start:
	li	20, 0
1:	addi	20, 20, 1
	b	1b
