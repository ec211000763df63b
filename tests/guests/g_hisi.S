/* A real-mode branch beyond the VRMA: HISI (0xe20) at the target. */
/* SPDX-License-Identifier: GPL-2.0-only */
#include "guest_asm.h"
	.section .text
	.globl _start
ALL_REPORT_VECTORS
	. = 0x2000
_start:
	LOAD_IMM64(5, 0x40000000)
	mtctr	5
	bctr
