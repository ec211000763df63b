/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Macros for the assembly guest programs of tests/guests.
 *
 * Layout of every such program (linked at 0, loaded at guest real 0):
 *   0x0000-0x0fff  interrupt vectors; by default each one reports itself
 *   0x1800         the common report code of the vectors
 *   0x2000         _start (entry, real mode, MSR = SF|ME)
 *   0x3000-        code and data of the scenario
 *
 * The guest reports to whoever plays the hypervisor with `sc 1` and a
 * private-range code in r3 (PAPR's platform-specific range 0xf000-0xfffc
 * is unknown to the HV core, so through it these arrive in userspace as
 * KVM_EXIT_PAPR_HCALL):
 *   G_REPORT  r4 = vector, r5 = SRR0, r6 = SRR1, r7 = DAR, r8 = DSISR
 *   G_DONE    r4 = result (0 = pass)
 *   G_VALUE   r4..r8 = values the harness checks
 */
#ifndef GUEST_ASM_H
#define GUEST_ASM_H

#define G_REPORT	0xf100
#define G_DONE		0xf104
#define G_VALUE		0xf108

/* The kernel's names (hv_consts.h has them too when a C harness includes both). */
#ifndef SPRN_SRR0
#define SPRN_SRR0	26
#define SPRN_SRR1	27
#define SPRN_DAR	19
#define SPRN_DSISR	18
#define SPRN_DEC	22
#endif

/* r = an unsigned 16-bit code (li sign-extends). */
#define LI_CODE(r, v)	li r, 0; ori r, r, v

/*
 * A vector that reports vector number, SRR0/1, DAR, DSISR to the hypervisor
 * (two instructions: 0xf00, 0xf20 and 0xf40 are only 0x20 apart).  r4 is
 * clobbered; these guests do not return from interrupts.
 */
#define REPORT_VECTOR(vec)		\
	. = vec;			\
	li	4, vec;			\
	b	report_common

#define REPORT_COMMON			\
	. = 0x1800;			\
report_common:				\
	LI_CODE(3, G_REPORT);		\
	mfspr	5, SPRN_SRR0;		\
	mfspr	6, SPRN_SRR1;		\
	mfspr	7, SPRN_DAR;		\
	mfspr	8, SPRN_DSISR;		\
	sc	1;			\
	b	.

/* All architected vectors a POWER7 guest can take, each reporting itself. */
#define ALL_REPORT_VECTORS			\
	REPORT_VECTOR(0x100);			\
	REPORT_VECTOR(0x200);			\
	REPORT_VECTOR(0x300);			\
	REPORT_VECTOR(0x380);			\
	REPORT_VECTOR(0x400);			\
	REPORT_VECTOR(0x480);			\
	REPORT_VECTOR(0x500);			\
	REPORT_VECTOR(0x600);			\
	REPORT_VECTOR(0x700);			\
	REPORT_VECTOR(0x800);			\
	REPORT_VECTOR(0x900);			\
	REPORT_VECTOR(0xa00);			\
	REPORT_VECTOR(0xc00);			\
	REPORT_VECTOR(0xd00);			\
	REPORT_VECTOR(0xe00);			\
	REPORT_VECTOR(0xf00);			\
	REPORT_VECTOR(0xf20);			\
	REPORT_VECTOR(0xf40);			\
	REPORT_COMMON

/* Load a 64-bit constant into a register. */
#define LOAD_IMM64(r, v)			\
	lis	r, ((v) >> 48) & 0xffff;	\
	ori	r, r, ((v) >> 32) & 0xffff;	\
	rldicr	r, r, 32, 31;			\
	oris	r, r, ((v) >> 16) & 0xffff;	\
	ori	r, r, (v) & 0xffff

/*
 * Map segment 0 with SLB entry 0 (ESID 0, @slbv: VSID and key bits) and
 * rfid to label @target at problem state (MSR[PR]=1 sets IR and DR: the
 * caller's harness places the HPTE of the code page).
 */
#define ENTER_USER_SEG0(slbv, target)		\
	LOAD_IMM64(5, 0x08000000);		\
	LOAD_IMM64(6, slbv);			\
	slbmte	6, 5;				\
	mfmsr	5;				\
	ori	5, 5, 0x4000;			\
	mtspr	SPRN_SRR1, 5;			\
	lis	6, target@ha;			\
	addi	6, 6, target@l;			\
	mtspr	SPRN_SRR0, 6;			\
	rfid

#define GUEST_DONE(result)			\
	LI_CODE(3, G_DONE);			\
	li	4, result;			\
	sc	1;				\
	b	.

#endif /* GUEST_ASM_H */
