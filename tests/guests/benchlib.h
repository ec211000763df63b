/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Macros of the benchmark guests (tests/guests/b_*.S): position-independent
 * big-endian ppc64 programs, linked at 0 with _start first, that boot the
 * same way on p7sim (loaded at the default --kernel-addr 0x400000) and on
 * QEMU's pseries machine (-kernel at 0x400000, entered from a boot ROM that
 * branches from 0x100 to 0x400000).  They carry no vectors and run with
 * MSR[EE]=0, so no interrupt is expected.
 *
 * Everything they need from the platform comes from the device tree and
 * PAPR: the loop count from /chosen/bootargs (the first decimal number in
 * it; a built-in default without one), the RTAS power-off token from
 * /rtas/power-off (fdtlib.S), output through H_PUT_TERM_CHAR.
 *
 * Output: "<name>: start count 0x<n>" before the loop, "<name>: end" after
 * it; then RTAS power-off.  Benchmark harnesses time the whole run.
 *
 * Registers (on top of p7lib.h): r14 = loop count; r22-r23 are used by
 * bench_start; the loop may use r3-r12 and r15-r21 freely.
 */
#ifndef BENCHLIB_H
#define BENCHLIB_H

#include "p7lib.h"

#define LI32(r, v)	lis r, (v) >> 16; ori r, r, (v) & 0xffff

/*
 * BENCH_START(default): base in r31, device tree in r30, stack, MSR[SF]=1
 * (QEMU enters with MSR=0), r14 = the loop count, the start line printed.
 * The guest defines bench_name: .asciz "<name>".
 */
#define BENCH_START(dflt)		\
	GUEST_ENTRY;			\
	LI32(3, dflt);			\
	bl	bench_start

/* BENCH_END: print the end line and power off through /rtas/power-off. */
#define BENCH_END			\
	b	bench_end

#endif /* BENCHLIB_H */
