/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * p7sim: loads, stores and fetches in the last 4 KiB of the effective
 * address space (EA 0xffff_ffff_ffff_f000 and up) end in architected
 * interrupts like any other EA (ISA 2.06 Book III-S 5.7.3, 6.5.3-6.5.6): in
 * guest real mode the VRMA has nothing there (HDSI/HISI, reflected by the HV
 * as DSI 0x300 / ISI 0x400); relocated with an empty SLB they are segment
 * interrupts (0x380 / 0x480).  Each probe prints the vector, SRR0 and, for
 * data, DAR, and continues at r15.
 */
#include "p7lib.h"

#define SPRN_DAR	19
#define MSR_DR		0x10
#define MSR_IR		0x20

	.section .text
	.globl _start
	UNEXPECTED(0x100); UNEXPECTED(0x200)
	. = 0x300
	li	16, 0x300
	b	handler
	. = 0x380
	li	16, 0x380
	b	handler
	. = 0x400
	li	16, 0x400
	b	handler
	. = 0x480
	li	16, 0x480
	b	handler
	UNEXPECTED(0x500); UNEXPECTED(0x600); UNEXPECTED(0x700); UNEXPECTED(0x800)
	UNEXPECTED(0x900); UNEXPECTED(0xa00); UNEXPECTED(0xc00); UNEXPECTED(0xd00)
	UNEXPECTED(0xe00); UNEXPECTED(0xf00); UNEXPECTED(0xf20); UNEXPECTED(0xf40)

	. = 0x2000
_start:
	GUEST_ENTRY
	/* 1. real-mode load of the first doubleword of the last page */
	PUTS(m_ld)
	addi	15, 31, 1f - _start
	li	4, -4096
	ld	5, 0(4)
	PUTS(m_no_fault)
1:	/* 2. real-mode store to the last doubleword */
	PUTS(m_std)
	addi	15, 31, 1f - _start
	li	4, -8
	std	5, 0(4)
	PUTS(m_no_fault)
1:	/* 3. real-mode fetch from the last page and from its last word */
	PUTS(m_fetch)
	addi	15, 31, 1f - _start
	li	4, -4096
	mtctr	4
	bctr
1:	PUTS(m_fetch_last)
	addi	15, 31, 1f - _start
	li	4, -4
	mtctr	4
	bctr
1:	/* 4. data relocation on (fetches stay real), no SLB entry: segment interrupts */
	PUTS(m_reloc)
	addi	15, 31, 1f - _start
	mfmsr	3
	ori	3, 3, MSR_DR
	mtmsrd	3
	li	4, -4
	lwz	5, 0(4)
	PUTS(m_no_fault)
1:	PUTS(m_reloc_st)
	addi	15, 31, 1f - _start
	mfmsr	3
	ori	3, 3, MSR_DR
	mtmsrd	3
	li	4, -4096
	stb	5, 0(4)
	PUTS(m_no_fault)
1:	/* 5. fetch relocated (rfid with IR=1) from the last page: instruction segment */
	PUTS(m_reloc_fetch)
	addi	15, 31, 1f - _start
	li	4, -4096
	mtsrr0	4
	mfmsr	3
	ori	3, 3, MSR_IR | MSR_DR
	mtsrr1	3
	rfid
1:	PUTS(m_done)
	POWER_OFF

/* r16 = vector: print it, SRR0 and (data) DAR, then continue at r15, real mode */
handler:
	mfspr	17, SPRN_SRR0
	mfspr	18, SPRN_DAR
	PUTS(m_vec)
	PUTHEX(16)
	PUTS(m_srr0)
	PUTHEX(17)
	cmpwi	16, 0x400
	bge	2f
	PUTS(m_dar)
	PUTHEX(18)
2:	mtsrr0	15
	li	3, 1
	sldi	3, 3, 63
	ori	3, 3, 0x1000		/* MSR_SF | MSR_ME */
	mtsrr1	3
	rfid

m_ld:		.asciz	"ld 0xfffffffffffff000 (real mode)\n"
m_std:		.asciz	"std 0xfffffffffffffff8 (real mode)\n"
m_fetch:	.asciz	"fetch 0xfffffffffffff000 (real mode)\n"
m_fetch_last:	.asciz	"fetch 0xfffffffffffffffc (real mode)\n"
m_reloc:	.asciz	"lwz 0xfffffffffffffffc (data relocated, empty SLB)\n"
m_reloc_st:	.asciz	"stb 0xfffffffffffff000 (data relocated, empty SLB)\n"
m_reloc_fetch:	.asciz	"fetch 0xfffffffffffff000 (relocated, empty SLB)\n"
m_no_fault:	.asciz	"no interrupt\n"
m_vec:		.asciz	"  interrupt "
m_srr0:		.asciz	"  srr0 "
m_dar:		.asciz	"  dar "
m_done:		.asciz	"ea top ok\n"
	.balign	4
#include "p7lib.S"
