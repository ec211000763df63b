/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * p7sim: code that the VMM or the HV core rewrites in guest memory is
 * fetched anew (issue 14 item 4).  Each site is a two-instruction function
 * "li r3,N; blr", called once (the engine translates it), then overwritten by
 * someone other than the guest, then called again after isync:
 *   1. the VMM's RTAS results: get-time-of-day's status word (0) lands on
 *      the site; 0 is an illegal word: program interrupt at the site;
 *   2. the HV's VPA registration: the yield count (1, then bumped at every
 *      partition switch) lands on the site at VPA + 0x100: program interrupt;
 *   3. the HV's H_PAGE_INIT copy of another page over the site's page: the
 *      copied function runs (r3 = 0x44).
 * The program vector prints its SRR0 relative to the image and continues at
 * r15.
 */
#include "p7lib.h"

#define H_PAGE_INIT		0x2c
#define H_REGISTER_VPA		0xdc
#define H_PAGE_INIT_COPY	0x4000
#define VPA_REGISTER		(1 << 13)	/* flags bits 16:18 = 1, shifted down by 32 */

	.section .text
	.globl _start
	UNEXPECTED(0x100); UNEXPECTED(0x200); UNEXPECTED(0x300); UNEXPECTED(0x380)
	UNEXPECTED(0x400); UNEXPECTED(0x480); UNEXPECTED(0x500); UNEXPECTED(0x600)
	. = 0x700
	b	program
	UNEXPECTED(0x800); UNEXPECTED(0x900); UNEXPECTED(0xa00); UNEXPECTED(0xc00)
	UNEXPECTED(0xd00); UNEXPECTED(0xe00); UNEXPECTED(0xf00); UNEXPECTED(0xf20)
	UNEXPECTED(0xf40)
	. = 0x2000
_start:
	GUEST_ENTRY
	/* 1. RTAS results over translated code */
	addi	14, 31, rtas_site - _start
	bl	call_site
	addi	15, 31, 1f - _start
	addi	16, 31, rtas_buf - _start
	li	3, 0
	ori	3, 3, RTAS_GET_TOD
	stw	3, 0(16)
	li	3, 0
	stw	3, 4(16)		/* nargs 0 */
	li	3, 8
	stw	3, 8(16)		/* nret 8: rets[0] = status, on rtas_site */
	mr	3, 16
	bl	rtas
	isync
	bl	call_site
1:	/* 2. the VPA's yield count over translated code */
	addi	14, 31, vpa - _start + 0x100
	bl	call_site
	addi	15, 31, 1f - _start
	li	3, H_REGISTER_VPA
	lis	4, VPA_REGISTER
	sldi	4, 4, 16
	li	5, 0
	addi	6, 31, vpa - _start
	sc	1
	mr	17, 3
	PUTS(m_vpa_rc)
	PUTHEX(17)
	isync
	bl	call_site
1:	/* 3. H_PAGE_INIT copies a page over translated code */
	addi	14, 31, page_a - _start
	bl	call_site
	addi	15, 31, 1f - _start
	li	3, H_PAGE_INIT
	li	4, H_PAGE_INIT_COPY
	addi	5, 31, page_a - _start
	addi	6, 31, page_b - _start
	sc	1
	mr	17, 3
	PUTS(m_page_rc)
	PUTHEX(17)
	isync
	bl	call_site
1:	PUTS(m_done)
	POWER_OFF

/* call the site at r14 and print what it returns in r3 */
call_site:
	mflr	18
	mtctr	14
	bctrl
	mr	19, 3
	PUTS(m_ret)
	PUTHEX(19)
	mtlr	18
	blr

program:
	mfspr	20, SPRN_SRR0
	subf	20, 31, 20
	PUTS(m_prog)
	PUTHEX(20)
	mtsrr0	15
	li	3, 1
	sldi	3, 3, 63
	ori	3, 3, 0x1000		/* MSR_SF | MSR_ME */
	mtsrr1	3
	rfid

m_ret:		.asciz	"site returned "
m_prog:		.asciz	"program interrupt at image offset "
m_vpa_rc:	.asciz	"H_REGISTER_VPA: "
m_page_rc:	.asciz	"H_PAGE_INIT: "
m_done:		.asciz	"code rewrites seen\n"
	.balign	4
#include "p7lib.S"

	.balign	256
rtas_buf:	.long	0, 0, 0
rtas_site:	li	3, 0x11
		blr
		.space	24		/* rets[2..7] */

	.balign	4096
vpa:		.long	0
		.short	640, 0		/* size at offset 4 (be16) */
		.space	0x100 - 8
		li	3, 0x22		/* VPA + 0x100: the yield count */
		blr
		.space	640 - 0x108

	.balign	4096
page_a:		li	3, 0x33
		blr
	.balign	4096
page_b:		li	3, 0x44
		blr
	.balign	4096
