/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Benchmark guest: a loop of in-kernel hcalls.  H_SET_SPRG0 (0x24) is
 * handled inside the HV core on p7sim (no exit to the VMM); under QEMU TCG
 * QEMU handles it.  5 instructions per iteration, one round trip.
 */
#include "benchlib.h"

	.section .text
	.globl _start
_start:
	BENCH_START(100000)
1:	li	3, H_SET_SPRG0
	mr	4, 14
	sc	1
	addic.	14, 14, -1
	bne	1b
	BENCH_END

bench_name:	.asciz	"b_hcall_kernel"
	.balign	4
#include "benchlib.S"
