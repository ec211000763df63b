/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Benchmark guest: Linux's hash fault path in miniature.  With data
 * relocation on, each iteration loads from a page that has no HPTE: the DSI
 * goes to the guest's 0x300, whose handler inserts the translation with
 * H_ENTER and returns with rfid; the load is retried and succeeds; then
 * H_REMOVE takes the translation away again.  Two hcalls, one DSI and one
 * rfid per iteration: ld, 4 for H_REMOVE, addic., bne in the loop, 14 in the
 * handler (the faulting ld counted once), 21 instructions.
 *
 * Translation: one SLB entry, ESID 0x10000000 -> VSID 0x123 (256 MB, 4 KiB
 * pages); EA 0x10005000 maps to guest real 0x800000.
 */
#include "benchlib.h"

#define VSID		0x123
#define EA		0x10005000
#define RA		0x800000

/* Load a 64-bit constant into a register. */
#define LOAD_IMM64(r, v)			\
	lis	r, ((v) >> 48) & 0xffff;	\
	ori	r, r, ((v) >> 32) & 0xffff;	\
	rldicr	r, r, 32, 31;			\
	oris	r, r, ((v) >> 16) & 0xffff;	\
	ori	r, r, (v) & 0xffff

	.section .text
	.globl _start
_start:
	BENCH_START(100000)
	addi	3, 31, handler - _start
	li	4, 0x300
	bl	set_vector
	li	15, (VSID ^ 5) * 8	/* PTEG of hash(VSID, page 5) */
	LOAD_IMM64(16, (VSID << 12) | 1)	/* AVPN | V */
	LOAD_IMM64(17, RA | 0x190)	/* RPN | R | C | M, PP = 00 */
	LOAD_IMM64(5, 0x10000000 | 0x08000000)	/* ESID | V, index 0 */
	LOAD_IMM64(6, VSID << 12)
	slbmte	6, 5
	isync
	LOAD_IMM64(8, EA)
	mfmsr	3
	ori	3, 3, 0x10		/* MSR[DR] */
	mtmsrd	3
	isync
1:	ld	9, 0(8)
	li	3, H_REMOVE
	li	4, 0
	mr	5, 20
	sc	1
	addic.	14, 14, -1
	bne	1b
	mfmsr	3
	li	4, 0x10			/* MSR[DR] off again */
	andc	3, 3, 4
	mtmsrd	3
	isync
	BENCH_END

handler:
	mfspr	18, SPRN_SRR0		/* sc 1 clobbers SRR0/1 */
	mfspr	19, SPRN_SRR1
	li	3, H_ENTER
	li	4, 0
	mr	5, 15
	mr	6, 16
	mr	7, 17
	sc	1
	cmpdi	3, 0
	mr	20, 4			/* the slot H_ENTER chose */
	bne	2f
	mtspr	SPRN_SRR0, 18
	mtspr	SPRN_SRR1, 19
	rfid
2:	PUTS(m_fail)
	BENCH_END

/* Write "ba r3" at real address r4 and make it visible to instruction fetch. */
set_vector:
	oris	3, 3, 0x4800
	ori	3, 3, 2
	stw	3, 0(4)
	dcbst	0, 4
	sync
	icbi	0, 4
	isync
	blr

m_fail:		.asciz	"b_fault: H_ENTER failed\n"
bench_name:	.asciz	"b_fault"
	.balign	4
#include "benchlib.S"
