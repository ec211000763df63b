/* An hcall the HV core does not handle goes to the VMM; the guest gets r3. */
/* SPDX-License-Identifier: GPL-2.0-only */
#include "guest_asm.h"
	.section .text
	.globl _start
ALL_REPORT_VECTORS
	. = 0x2000
_start:
	li	3, 0x1f0
	li	4, 0x11
	li	5, 0x22
	li	12, 0x99
	sc	1
	mr	20, 3
	mr	21, 4
	LI_CODE(3, G_VALUE)
	mr	4, 20
	mr	5, 21
	sc	1
	GUEST_DONE(0)
