/* SPDX-License-Identifier: GPL-2.0-only */
/* p7sim: a guest that never stops (for --max-insns). */
#include "p7lib.h"
	.section .text
	.globl _start
UNEXPECTED_VECTORS
	. = 0x2000
_start:
	GUEST_ENTRY
1:	addi	14, 14, 1
	b	1b
#include "p7lib.S"
