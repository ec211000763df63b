/*
 * Long basic blocks: 1000 straight-line instructions and a branch back,
 * spinning with MSR[EE]=0 until the hypervisor decrementer takes the
 * thread away.  Timers are checked between the engine's translated blocks:
 * this guest shows how late an HDEC (or DEC) can be taken.
 */
/* SPDX-License-Identifier: GPL-2.0-only */
#include "guest_asm.h"
	.section .text
	.globl _start
ALL_REPORT_VECTORS
	. = 0x2000
_start:
	li	20, 0
1:
	.rept	1000
	addi	20, 20, 1
	.endr
	b	1b
