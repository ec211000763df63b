/* A real-mode load beyond the VRMA: HDSI (0xe00) with HDAR = the address. */
/* SPDX-License-Identifier: GPL-2.0-only */
#include "guest_asm.h"
	.section .text
	.globl _start
ALL_REPORT_VECTORS
	. = 0x2000
_start:
	LOAD_IMM64(5, 0x40000000)
	li	6, 0x10
	lwzx	7, 5, 6
	GUEST_DONE(1)
