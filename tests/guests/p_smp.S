/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * p7sim --smp 2: CPU 0 finds CPU 1 stopped, starts it with RTAS start-cpu,
 * and sends it an IPI through XICS (H_IPI priority 4); CPU 1 (CPPR 5, EE on)
 * takes the external interrupt at 0x500, reads H_XIRR, clears the IPI, EOIs,
 * prints and stops itself; CPU 0 waits for that and powers off.
 */
#include "p7lib.h"
	.section .text
	.globl _start
	UNEXPECTED(0x100); UNEXPECTED(0x200); UNEXPECTED(0x300); UNEXPECTED(0x380)
	UNEXPECTED(0x400); UNEXPECTED(0x480)
	. = 0x500
	b	ext_handler
	UNEXPECTED(0x600); UNEXPECTED(0x700); UNEXPECTED(0x800); UNEXPECTED(0x900)
	UNEXPECTED(0xa00); UNEXPECTED(0xc00); UNEXPECTED(0xd00); UNEXPECTED(0xe00)
	UNEXPECTED(0xf00); UNEXPECTED(0xf20); UNEXPECTED(0xf40)
	. = 0x2000
_start:
	GUEST_ENTRY
	PUTS(m_query)
	addi	3, 31, q_args - _start
	bl	rtas
	addi	15, 31, q_args - _start
	lwz	14, 20(15)		/* rets: status at +16, state at +20 */
	PUTHEX(14)
	/* start-cpu 1 at secondary with r3 = 0x77 */
	addi	15, 31, s_args - _start
	addi	16, 31, secondary - _start
	stw	16, 16(15)		/* args[1] = entry (a 32-bit cell) */
	addi	3, 31, s_args - _start
	bl	rtas
	PUTS(m_started)
	/* wait until CPU 1 has set its CPPR (a flag in memory) */
1:	lwz	14, flag - _start(31)
	cmpwi	14, 1
	bne	1b
	/* IPI to server 1 at priority 4 */
	li	3, H_IPI
	li	4, 1
	li	5, 4
	sc	1
	PUTS(m_ipi_rc)
	PUTHEX(3)
	/* wait for CPU 1 to be stopped again */
2:	addi	3, 31, q_args - _start
	bl	rtas
	addi	15, 31, q_args - _start
	lwz	14, 20(15)
	cmpwi	14, 0
	bne	2b
	PUTS(m_done)
	POWER_OFF

secondary:
	bl	3f
3:	mflr	31
	addi	31, 31, _start - 3b
	mr	20, 3
	PUTS(m_second)
	PUTHEX(20)
	li	3, H_CPPR
	li	4, 5
	sc	1
	li	14, 1
	stw	14, flag - _start(31)
	mfmsr	5
	ori	5, 5, 0x8000		/* MSR_EE */
	mtmsrd	5, 1
4:	b	4b

ext_handler:
	li	3, H_XIRR
	sc	1
	mr	21, 4
	PUTS(m_xirr)
	PUTHEX(21)
	li	3, H_IPI
	li	4, 1
	li	5, 0xff
	sc	1
	li	3, H_EOI
	mr	4, 21
	sc	1
	PUTS(m_eoi)
	PUTHEX(3)
	addi	3, 31, stop_args - _start
	bl	rtas
	b	.

	.balign	8
q_args:		.long	RTAS_QUERY_STOPPED, 1, 2, 1, 0, 0
s_args:		.long	RTAS_START_CPU, 3, 1, 1, 0, 0x77, 0
stop_args:	.long	RTAS_STOP_SELF, 0, 1, 0
flag:		.long	0
m_query:	.asciz	"cpu 1 state before start-cpu: "
m_started:	.asciz	"started cpu 1\n"
m_second:	.asciz	"cpu 1 running, r3 = "
m_ipi_rc:	.asciz	"H_IPI: "
m_xirr:		.asciz	"cpu 1 got the IPI, H_XIRR = "
m_eoi:		.asciz	"H_EOI: "
m_done:		.asciz	"cpu 1 stopped itself; smp ok\n"
	.balign	4
#include "p7lib.S"
