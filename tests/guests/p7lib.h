/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Macros for the p7sim test guests (tests/guests/p_*.S): big-endian ppc64
 * programs that p7sim boots like a pseries kernel, linked at 0 and loaded
 * with --kernel-addr 0 (they bring their own vectors):
 *   0x0000-0x1fff  vectors: unexpected interrupts print themselves and fail
 *   0x2000         _start, entered with r3 = device tree, real mode
 * They talk to the platform only through PAPR: H_PUT_TERM_CHAR for output,
 * H_RTAS for the clock, CPUs and power-off.  p7lib.S holds the routines.
 *
 * Registers: r31 = image base, r30 = device tree; r14-r29 are the program's;
 * every hcall clobbers r0 and r3-r12.
 */
#ifndef P7LIB_H
#define P7LIB_H

#define H_ENTER			0x08
#define H_REMOVE		0x04
#define H_SET_SPRG0		0x24
#define H_LOGICAL_CI_LOAD	0x3c
#define H_GET_TERM_CHAR		0x54
#define H_PUT_TERM_CHAR		0x58
#define H_EOI			0x64
#define H_CPPR			0x68
#define H_IPI			0x6c
#define H_XIRR			0x74
#define H_CEDE			0xe0
#define H_RANDOM		0x300
#define H_SET_MODE		0x31c
#define H_RTAS			0xf000

/* p7sim's RTAS tokens (a real kernel reads them from /rtas) */
#define RTAS_GET_TOD		0x2001
#define RTAS_POWER_OFF		0x2003
#define RTAS_QUERY_STOPPED	0x2005
#define RTAS_START_CPU		0x2006
#define RTAS_STOP_SELF		0x2007
#define RTAS_SYSTEM_REBOOT	0x2008
#define RTAS_OS_TERM		0x2009
#define RTAS_SET_XIVE		0x2010
#define RTAS_INT_ON		0x2013

/* The vty's XICS source in p7sim's device tree (/vdevice/vty interrupts). */
#define VTY_IRQ			0x1000
#define SPRN_SRR0		26
#define SPRN_SRR1		27
#define SPRN_DEC		22

#define LI16(r, v)	li r, 0; ori r, r, v

/* An unexpected interrupt: print its vector and power off. */
#define UNEXPECTED(vec)		\
	. = vec;		\
	li	4, vec;		\
	b	unexpected

#define UNEXPECTED_VECTORS			\
	UNEXPECTED(0x100); UNEXPECTED(0x200);	\
	UNEXPECTED(0x300); UNEXPECTED(0x380);	\
	UNEXPECTED(0x400); UNEXPECTED(0x480);	\
	UNEXPECTED(0x600); UNEXPECTED(0x700);	\
	UNEXPECTED(0x800); UNEXPECTED(0x900);	\
	UNEXPECTED(0xa00); UNEXPECTED(0xc00);	\
	UNEXPECTED(0xd00); UNEXPECTED(0xe00);	\
	UNEXPECTED(0xf00); UNEXPECTED(0xf20);	\
	UNEXPECTED(0xf40)

/* Set up r31 (base, from the link register) and r30 (device tree). */
#define GUEST_ENTRY			\
	bl	1f;			\
1:	mflr	31;			\
	addi	31, 31, _start - 1b;	\
	mr	30, 3;			\
	lis	1, 0x80

#define PUTS(label)			\
	addi	3, 31, label - _start;	\
	bl	print

#define PUTHEX(reg)			\
	mr	3, reg;			\
	bl	print_hex

#define POWER_OFF	b	power_off

#endif /* P7LIB_H */
