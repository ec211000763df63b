/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * p7sim --smp 2: a CPU restarted with RTAS start-cpu after stop-self enters
 * with the r3 start-cpu gives it (PAPR R1-7.3.10.1), not with the completion
 * of the H_RTAS(stop-self) it last made (r3 = 0, r4 = the RTAS buffer).
 * CPU 0 starts CPU 1 twice, with r3 = 0x77 then 0x88; CPU 1 prints r3 and
 * r4 on entry and stops itself each time.
 */
#include "p7lib.h"
	.section .text
	.globl _start
UNEXPECTED_VECTORS
	. = 0x2000
_start:
	GUEST_ENTRY
	li	14, 0x77
	bl	start_and_wait
	li	14, 0x88
	bl	start_and_wait
	PUTS(m_done)
	POWER_OFF

/* start CPU 1 at secondary with r3 = r14, wait until it is stopped again */
start_and_wait:
	mflr	17
	addi	15, 31, s_args - _start
	addi	16, 31, secondary - _start
	stw	16, 16(15)		/* args[1] = entry (a 32-bit cell) */
	stw	14, 20(15)		/* args[2] = r3 */
	addi	3, 31, s_args - _start
	bl	rtas
	addi	15, 31, s_args - _start
	lwz	3, 24(15)		/* status */
	cmpwi	3, 0
	bne	fail
1:	addi	3, 31, q_args - _start
	bl	rtas
	addi	15, 31, q_args - _start
	lwz	3, 20(15)		/* state: 0 = stopped */
	cmpwi	3, 0
	bne	1b
	mtlr	17
	blr

fail:
	mr	14, 3
	PUTS(m_fail)
	PUTHEX(14)
	POWER_OFF

secondary:
	mr	20, 3
	mr	21, 4
	bl	3f
3:	mflr	31
	addi	31, 31, _start - 3b
	PUTS(m_r3)
	PUTHEX(20)
	PUTS(m_r4)
	PUTHEX(21)
	addi	3, 31, stop_args - _start
	bl	rtas
	PUTS(m_stop_returned)
	b	.

	.balign	8
q_args:		.long	RTAS_QUERY_STOPPED, 1, 2, 1, 0, 0
s_args:		.long	RTAS_START_CPU, 3, 1, 1, 0, 0, 0
stop_args:	.long	RTAS_STOP_SELF, 0, 1, 0
m_r3:		.asciz	"cpu 1 entered, r3 = "
m_r4:		.asciz	"r4 = "
m_fail:		.asciz	"start-cpu failed: "
m_stop_returned: .asciz	"stop-self returned\n"
m_done:		.asciz	"restarted twice; restart ok\n"
	.balign	4
#include "p7lib.S"
