/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Ending the run other than by power-off: with bootargs "reboot" RTAS
 * system-reboot, otherwise ibm,os-term with a message (what a Linux panic
 * hands the firmware).  Either must end p7sim with its own exit status.
 */
#include "p7lib.h"
	.section .text
	.globl _start
	UNEXPECTED_VECTORS
	. = 0x2000
_start:
	GUEST_ENTRY
	/* bootargs starting with 'r' (reboot) select system-reboot */
	mr	3, 30
	addi	4, 31, s_bootargs - _start
	bl	fdt_prop
	cmpdi	4, 0
	beq	2f
	lbz	3, 0(3)
	cmpwi	3, 'r'
	beq	1f
2:
	PUTS(m_term)
	addi	14, 31, msg - _start
	stw	14, term_args + 12 - _start(31)
	addi	3, 31, term_args - _start
	bl	rtas
	PUTS(m_back)
	b	.
1:	PUTS(m_reboot)
	addi	3, 31, reboot_args - _start
	bl	rtas
	PUTS(m_back)
	b	.

	.balign	8
term_args:	.long	RTAS_OS_TERM, 1, 1, 0, -1
reboot_args:	.long	RTAS_SYSTEM_REBOOT, 0, 1, -1
msg:		.asciz	"Kernel panic - not syncing: p_halt test\n"
m_term:		.asciz	"calling ibm,os-term\n"
m_reboot:	.asciz	"calling system-reboot\n"
m_back:		.asciz	"RTAS returned: wrong\n"
s_bootargs:	.asciz	"bootargs"
	.balign	4
#include "p7lib.S"
#include "fdtlib.S"
