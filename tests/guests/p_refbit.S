/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * p7sim: the reference bit is set by real references only (ISA 2.06 Book
 * III-S 5.7.8; issue 14 item 7).  An HPTE entered with R = C = 0 reads back
 * R = 0 (H_READ) until the guest touches its page; a load sets R, a store C;
 * H_CLEAR_REF reports the old R and clears it, the next touch sets it again;
 * H_REMOVE reports R as it is, and an HPTE never touched is removed with
 * R = 0.  Each line prints dword 1's R and C bits (0x100 R, 0x80 C).
 */
#include "p7lib.h"

#define H_READ		0x0c
#define H_CLEAR_REF	0x14
#define HPTE_RC		0x180

	.section .text
	.globl _start
UNEXPECTED_VECTORS
	. = 0x2000
_start:
	GUEST_ENTRY
	/* H_ENTER: EA 0x10000000 (VSID 0x100, 4 KiB) -> guest real 0x800000, R = C = 0 */
	li	3, H_ENTER
	li	4, 0
	li	5, 0x800		/* PTEG 0x100 = hash(0x100, page 0) */
	lis	6, 0x10
	ori	6, 6, 1			/* AVPN 0x100000 | V */
	lis	7, 0x80
	ori	7, 7, 0x10		/* RPN 0x800000 | M, PP 0 */
	sc	1
	mr	20, 4
	PUTS(m_entered)
	bl	read_rc
	/* our SLB entry for segment 1 (VSID 0x100) */
	lis	5, 0x1800		/* ESID 1 | V | index 0 */
	lis	6, 0x10			/* VSID 0x100 << 12, Ks = Kp = 0 */
	slbmte	6, 5
	PUTS(m_load)
	li	21, 0
	bl	touch
	bl	read_rc
	PUTS(m_clear)
	li	3, H_CLEAR_REF
	li	4, 0
	mr	5, 20
	sc	1
	andi.	14, 4, HPTE_RC
	PUTHEX(14)
	PUTS(m_after_clear)
	bl	read_rc
	PUTS(m_store)
	li	21, 1
	bl	touch
	bl	read_rc
	PUTS(m_remove)
	li	3, H_REMOVE
	li	4, 0
	mr	5, 20
	li	6, 0
	sc	1
	andi.	14, 5, HPTE_RC
	PUTHEX(14)
	/* a second HPTE (page 1, PTEG 0x101), never touched, removed */
	li	3, H_ENTER
	li	4, 0
	li	5, 0x808
	lis	6, 0x10
	ori	6, 6, 1
	lis	7, 0x80
	ori	7, 7, 0x1010		/* RPN 0x801000 | M */
	sc	1
	mr	22, 4
	PUTS(m_untouched)
	li	3, H_REMOVE
	li	4, 0
	mr	5, 22
	li	6, 0
	sc	1
	andi.	14, 5, HPTE_RC
	PUTHEX(14)
	PUTS(m_done)
	POWER_OFF

/* print R|C of HPTE r20 as H_READ reports it */
read_rc:
	mflr	19
	li	3, H_READ
	li	4, 0
	mr	5, 20
	sc	1
	andi.	14, 5, HPTE_RC
	PUTS(m_rc)
	PUTHEX(14)
	mtlr	19
	blr

/* with data relocation on, load (r21 = 0) or store (r21 = 1) at EA 0x10000040 */
touch:
	mfmsr	7
	ori	8, 7, 0x10		/* MSR_DR */
	lis	9, 0x1000
	cmpdi	21, 0
	mtmsrd	8
	isync
	bne	1f
	ld	11, 0x40(9)
	b	2f
1:	std	9, 0x40(9)
2:	mtmsrd	7
	isync
	blr

m_entered:	.asciz	"entered with R = C = 0\n"
m_rc:		.asciz	"  H_READ R|C: "
m_load:		.asciz	"load from the page\n"
m_clear:	.asciz	"H_CLEAR_REF returns R|C: "
m_after_clear:	.asciz	"after H_CLEAR_REF\n"
m_store:	.asciz	"store to the page\n"
m_remove:	.asciz	"H_REMOVE returns R|C: "
m_untouched:	.asciz	"H_REMOVE of an HPTE never touched returns R|C: "
m_done:		.asciz	"reference bits ok\n"
	.balign	4
#include "p7lib.S"
