/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Benchmark guest: a loop of userspace hcalls.  H_PUT_TERM_CHAR (0x58) on
 * vterm 0 with length 0 leaves the HV core for the VMM on p7sim
 * (KVM_EXIT_PAPR_HCALL) and returns at once without output; QEMU answers it
 * from its vty (it is also a userspace hcall under KVM).  6 instructions per
 * iteration, one round trip.  (H_GET_TERM_CHAR would do on p7sim, but QEMU
 * 7.2 spends ~7 us in its chardev on each one, which measures QEMU's
 * console, not the round trip.)
 */
#include "benchlib.h"

	.section .text
	.globl _start
_start:
	BENCH_START(100000)
1:	li	3, H_PUT_TERM_CHAR
	li	4, 0			/* vterm 0 */
	li	5, 0			/* length 0 */
	sc	1
	addic.	14, 14, -1
	bne	1b
	BENCH_END

bench_name:	.asciz	"b_hcall_user"
	.balign	4
#include "benchlib.S"
