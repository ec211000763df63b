/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The demo guest p7sim boots when no GUEST.elf is given: a position-
 * independent big-endian ppc64 program (linked at 0, loaded at
 * kernel-addr + p_vaddr) that shows what the HV core does, through the
 * console, and powers off:
 *   1. prints through H_PUT_TERM_CHAR (userspace hcall);
 *   2. inserts an HPTE with H_ENTER (in-kernel hcall) and prints its index;
 *   3. turns data relocation on with its own SLB entry and uses the page;
 *   4. asks H_RANDOM (userspace hcall);
 *   5. cedes with the DEC armed (in-kernel H_CEDE) and wakes at 0x900;
 *   6. spins long enough for HDEC exits;
 *   7. calls RTAS power-off through H_RTAS.
 * Register use: r31 image base (runtime), r30 FDT address, r20 a value kept
 * across calls; the print routines are the test guests' (tests/guests/p7lib.S,
 * which use r24-r29); hcalls clobber r0 and r3-r12.
 */
#include "p7lib.h"

	.section .text
	.globl _start
_start:
	bl	1f
1:	mflr	31
	addi	31, 31, _start - 1b
	mr	30, 3

	/* The DEC vector: rearm DEC far away and return (4 words to 0x900). */
	addi	4, 31, dec_stub - _start
	li	5, 0x900
	li	6, 4
	mtctr	6
2:	lwz	6, 0(4)
	stw	6, 0(5)
	addi	4, 4, 4
	addi	5, 5, 4
	bdnz	2b
	sync
	li	5, 0x900
	icbi	0, 5
	isync

	PUTS(msg_hello)

	/* H_ENTER: EA 0x10000000 (VSID 0x100, 4 KiB) -> guest real 0x800000. */
	li	3, H_ENTER
	li	4, 0
	li	5, 0x800		/* PTEG 0x100 = hash(0x100, page 0) */
	lis	6, 0x10
	ori	6, 6, 1			/* AVPN 0x100000 | V */
	lis	7, 0x80
	ori	7, 7, 0x10		/* RPN 0x800000 | M, PP 0 */
	sc	1
	mr	20, 4
	PUTS(msg_enter)
	PUTHEX(20)

	/* Relocation on with our own SLB entry over that HPTE. */
	lis	5, 0x1800		/* ESID 1 | V | index 0 */
	lis	6, 0x10			/* VSID 0x100 << 12, Ks = Kp = 0 */
	slbmte	6, 5
	mfmsr	7
	ori	8, 7, 0x10		/* MSR_DR */
	mtmsrd	8
	isync
	lis	9, 0x1000
	lis	10, 0x7777
	std	10, 0x40(9)
	ld	11, 0x40(9)
	mtmsrd	7
	isync
	cmpd	10, 11
	addi	3, 31, msg_reloc - _start
	beq	3f
	addi	3, 31, msg_reloc_bad - _start
3:	bl	print

	LI16(3, H_RANDOM)
	sc	1
	mr	20, 4
	PUTS(msg_random)
	PUTHEX(20)

	/* Cede with the DEC armed; the DEC interrupt wakes us at 0x900. */
	lis	5, 0x2
	mtspr	SPRN_DEC, 5
	li	3, H_CEDE
	sc	1
	PUTS(msg_cede)

	/*
	 * Spin with EE=0 past a few host ticks: HDEC exits.  16M iterations:
	 * QEMU's TCG runs this loop at about a nanosecond an iteration and the
	 * powernv host's tick is 4 ms (HZ 250): 2M iterations crossed a tick
	 * only now and then (bringup.rehearsal wants HDEC exits).
	 */
	mfmsr	7
	li	8, 0
	ori	8, 8, 0x8000
	andc	7, 7, 8
	mtmsrd	7, 1
	lis	5, 0x100
	mtctr	5
4:	bdnz	4b
	PUTS(msg_spin)

	PUTS(msg_bye)
	POWER_OFF

	.balign	4
dec_stub:
	lis	0, 0x7fff
	mtspr	SPRN_DEC, 0
	rfid
	nop

msg_hello:	.asciz	"p7sim demo guest: hello from POWER7 guest real mode (VRMA)\n"
msg_enter:	.asciz	"H_ENTER (in the HV core) placed the HPTE at index "
msg_reloc:	.asciz	"relocation on through our own SLB entry: store/load ok\n"
msg_reloc_bad:	.asciz	"relocation on through our own SLB entry: MISMATCH\n"
msg_random:	.asciz	"H_RANDOM (in userspace) says "
msg_cede:	.asciz	"H_CEDE slept until the decrementer woke us\n"
msg_spin:	.asciz	"spun with EE=0 through host timer ticks (HDEC exits)\n"
msg_bye:	.asciz	"bye: RTAS power-off\n"
	.balign	4
#include "p7lib.S"
