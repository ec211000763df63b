/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Benchmark guest: a loop of in-kernel hcalls.  H_SET_DABR (0x28) is
 * a real-mode hcall on p7sim, handled in the guest partition with no
 * partition switch (DESIGN.md "The exit path"); under QEMU TCG
 * QEMU handles it.  5 instructions per iteration, one round trip.
 */
#include "benchlib.h"

	.section .text
	.globl _start
_start:
	BENCH_START(100000)
1:	li	3, 0x28			/* H_SET_DABR */
	li	4, 0x1236		/* DABR: address | read | write */
	sc	1
	addic.	14, 14, -1
	bne	1b
	BENCH_END

bench_name:	.asciz	"b_hcall_rm"
	.balign	4
#include "benchlib.S"
