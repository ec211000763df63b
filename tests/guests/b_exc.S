/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Benchmark guest: an exception-heavy loop.  Each iteration takes a program
 * interrupt (trap) at the guest's own 0x700, whose handler steps SRR0 past
 * the trap and returns with rfid: tw, addic., bne in the loop, mfspr, addi,
 * mtspr, rfid in the handler, 7 instructions.  The vector is written at run
 * time (a ba to the handler, with the ISA's code-modification sequence),
 * as the guest image lives at 0x400000.
 */
#include "benchlib.h"

	.section .text
	.globl _start
_start:
	BENCH_START(1000000)
	addi	3, 31, handler - _start
	li	4, 0x700
	bl	set_vector
1:	trap
	addic.	14, 14, -1
	bne	1b
	BENCH_END

handler:
	mfspr	3, SPRN_SRR0
	addi	3, 3, 4
	mtspr	SPRN_SRR0, 3
	rfid

/* Write "ba r3" at real address r4 and make it visible to instruction fetch. */
set_vector:
	oris	3, 3, 0x4800
	ori	3, 3, 2
	stw	3, 0(4)
	dcbst	0, 4
	sync
	icbi	0, 4
	isync
	blr

bench_name:	.asciz	"b_exc"
	.balign	4
#include "benchlib.S"
