/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * p7sim: SRR0/1, DAR and SPRG0-3 as the engine serves them in supervisor
 * state without trapping (SIM_SPR_ENGINE_SV).  Values written are read
 * back; an interrupt's SRR0/SRR1 (written by the model) read right in the
 * handler; SPRG0-3 survive an hcall (the partition switch saves and
 * restores them).  At problem state the same mfspr is a privileged
 * instruction: guest.priv_spr.
 */
#include "p7lib.h"
#define SPRN_SPRG0	272
#define SPRN_SPRG1	273
#define SPRN_SPRG2	274
#define SPRN_SPRG3	275
#define SPRN_DAR	19
	.section .text
	.globl _start
	UNEXPECTED(0x100); UNEXPECTED(0x200); UNEXPECTED(0x300); UNEXPECTED(0x380)
	UNEXPECTED(0x400); UNEXPECTED(0x480); UNEXPECTED(0x500); UNEXPECTED(0x600)
	. = 0x700
	b	program
	UNEXPECTED(0x800); UNEXPECTED(0x900); UNEXPECTED(0xa00)
	UNEXPECTED(0xc00); UNEXPECTED(0xd00); UNEXPECTED(0xe00); UNEXPECTED(0xf00)
	UNEXPECTED(0xf20); UNEXPECTED(0xf40)
	. = 0x1000
program:
	/* Read in the handler: the interrupt's SRR0 and SRR1. */
	mfspr	20, SPRN_SRR0
	mfspr	21, SPRN_SRR1
	/* The trap at trap_at, SRR1[46] (trap). */
	mr	23, 20			/* the hcalls below clobber SRR0/1 (sc) */
	addi	22, 31, trap_at - _start
	subf	20, 22, 20		/* 0 */
	PUTS(m_trap)
	PUTHEX(20)
	rldicl	21, 21, 64 - 17, 63	/* SRR1 bit 46 */
	PUTHEX(21)
	addi	20, 23, 4
	mtspr	SPRN_SRR0, 20
	mfmsr	21
	mtspr	SPRN_SRR1, 21
	rfid

	. = 0x2000
_start:
	GUEST_ENTRY
	/* Write each, read each back. */
	lis	6, 0x1234
	ori	6, 6, 0x5678
	sldi	6, 6, 16
	mtspr	SPRN_SPRG0, 6
	addi	7, 6, 1
	mtspr	SPRN_SPRG1, 7
	addi	8, 6, 2
	mtspr	SPRN_SPRG2, 8
	addi	9, 6, 3
	mtspr	SPRN_SPRG3, 9
	addi	10, 6, 4
	mtspr	SPRN_SRR0, 10
	addi	11, 6, 5
	mtspr	SPRN_SRR1, 11
	addi	12, 6, 6
	mtspr	SPRN_DAR, 12
	li	16, 0
	mfspr	20, SPRN_SPRG0
	xor	20, 20, 6
	or	16, 16, 20
	mfspr	20, SPRN_SPRG1
	xor	20, 20, 7
	or	16, 16, 20
	mfspr	20, SPRN_SPRG2
	xor	20, 20, 8
	or	16, 16, 20
	mfspr	20, SPRN_SPRG3
	xor	20, 20, 9
	or	16, 16, 20
	mfspr	20, SPRN_SRR0
	xor	20, 20, 10
	or	16, 16, 20
	mfspr	20, SPRN_SRR1
	xor	20, 20, 11
	or	16, 16, 20
	mfspr	20, SPRN_DAR
	xor	20, 20, 12
	or	16, 16, 20
	mr	17, 6
	PUTS(m_rw)
	PUTHEX(16)
	/* An hcall in between (PUTS) kept SPRG0-3. */
	mfspr	20, SPRN_SPRG0
	subf	20, 17, 20
	mfspr	21, SPRN_SPRG3
	subf	21, 17, 21
	addi	21, 21, -3
	or	20, 20, 21
	PUTS(m_hcall)
	PUTHEX(20)
	/* A program interrupt: its SRR0/SRR1 in the handler. */
trap_at:
	trap
	PUTS(m_done)
	POWER_OFF

m_rw:	.asciz	"SPRG0-3, SRR0/1, DAR read back (0 = all): "
m_hcall: .asciz	"SPRG0/3 after hcalls (0 = kept): "
m_trap:	.asciz	"trap: SRR0 - trap address, SRR1[46]:\n"
m_done:	.asciz	"done\n"
	.balign	4
#include "p7lib.S"
