/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The interrupt-driven console, as Linux's hvc_vio drives it: route the
 * vty's XICS source to server 0 at priority 5 (RTAS ibm,set-xive) and turn
 * it on (ibm,int-on), open CPPR, enable MSR[EE] and wait.  Each external
 * interrupt: H_XIRR names the source, H_GET_TERM_CHAR takes up to 16 bytes,
 * H_PUT_TERM_CHAR echoes them, H_EOI ends it (the level source comes back
 * while input is left).  The input's newline ends the run with power-off.
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
	addi	3, 31, xive_args - _start
	bl	rtas
	lwz	14, xive_args + 24 - _start(31)
	PUTS(m_xive)
	PUTHEX(14)
	addi	3, 31, on_args - _start
	bl	rtas
	li	3, H_CPPR
	li	4, 0xff
	sc	1
	mfmsr	5
	ori	5, 5, 0x8000		/* MSR_EE */
	mtmsrd	5, 1
1:	b	1b

ext_handler:
	li	3, H_XIRR
	sc	1
	mr	20, 4
	PUTS(m_xirr)
	PUTHEX(20)
	li	3, H_GET_TERM_CHAR
	li	4, 0
	sc	1
	mr	21, 4			/* length */
	std	5, buf - _start(31)
	std	6, buf + 8 - _start(31)
	PUTS(m_got)
	PUTHEX(21)
	li	3, H_PUT_TERM_CHAR
	li	4, 0
	mr	5, 21
	ld	6, buf - _start(31)
	ld	7, buf + 8 - _start(31)
	sc	1
	li	3, H_EOI
	mr	4, 20
	sc	1
	/* the last byte taken a newline: done */
	cmpdi	21, 0
	beq	2f
	addi	14, 31, buf - _start
	add	14, 14, 21
	lbz	14, -1(14)
	cmpwi	14, 10
	bne	2f
	PUTS(m_done)
	POWER_OFF
2:	rfid

	.balign	8
xive_args:	.long	RTAS_SET_XIVE, 3, 1, VTY_IRQ, 0, 5, -1
on_args:	.long	RTAS_INT_ON, 1, 1, VTY_IRQ, -1
buf:		.quad	0, 0
m_xive:		.asciz	"ibm,set-xive: "
m_xirr:		.asciz	"external interrupt, H_XIRR = "
m_got:		.asciz	"H_GET_TERM_CHAR bytes: "
m_done:		.asciz	"\nconsole ok\n"
	.balign	4
#include "p7lib.S"
