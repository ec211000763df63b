/* SPDX-License-Identifier: GPL-2.0-only */
/* p7sim: print a line through the console and power off. */
#include "p7lib.h"
	.section .text
	.globl _start
UNEXPECTED_VECTORS
	. = 0x2000
_start:
	GUEST_ENTRY
	PUTS(msg)
	POWER_OFF
msg:	.asciz	"hello from a pseries guest on the simulated POWER7\n"
	.balign	4
#include "p7lib.S"
