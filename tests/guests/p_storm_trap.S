/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * p7sim: an exception storm.  The program vector 0x700 holds trap
 * (tw 31,0,0): a program interrupt the model delivers straight to the guest,
 * never leaving the model's run loop.
 * After printing a line the guest executes the same word, so every
 * interrupt lands on another one and no instruction ever completes again.
 * Time must still pass (HDEC, --max-insns, signals) and p7sim must end the
 * run with one line instead of spinning (issue 14 item 1).
 */
#include "p7lib.h"
	.section .text
	.globl _start
	UNEXPECTED(0x100); UNEXPECTED(0x200); UNEXPECTED(0x300); UNEXPECTED(0x380)
	UNEXPECTED(0x400); UNEXPECTED(0x480); UNEXPECTED(0x500); UNEXPECTED(0x600)
	. = 0x700
	trap
	UNEXPECTED(0x800); UNEXPECTED(0x900); UNEXPECTED(0xa00); UNEXPECTED(0xc00)
	UNEXPECTED(0xd00); UNEXPECTED(0xe00); UNEXPECTED(0xf00); UNEXPECTED(0xf20)
	UNEXPECTED(0xf40)
	. = 0x2000
_start:
	GUEST_ENTRY
	PUTS(m_storm)
	trap
	PUTS(m_survived)
	POWER_OFF

m_storm:	.asciz	"starting an exception storm\n"
m_survived:	.asciz	"the storm ended?\n"
	.balign	4
#include "p7lib.S"
