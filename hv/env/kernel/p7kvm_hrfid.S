/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * p7kvm_hrfid.S: the last step into a POWER7 partition and the first step
 * out of it, in real mode (kernel flavour; docs/bringup.md).
 *
 * Everything else of the switch is C, hv/book3s_hv_switch.c, which runs in
 * real mode around this code (hv_host_irq_disable/enable in hv_env.h) and
 * stays the specification: its step 21 leaves the guest PC and MSR in
 * struct hv_guest_regs, and it reads SRR0/1, CFAR, PPR, DAR/DSISR, HDAR/
 * HDSISR and HEIR after this code returns.  What is here is what C cannot
 * do: hrfid with every GPR the guest's, and the exit vector.
 *
 * Entry, p7kvm_hrfid_guest(regs) (the seed's kvmppc_hv_entry, last part):
 *   1. save the host's non-volatile GPRs, CR and LR in a stack frame; r1, r2
 *      and @regs in the PACA's kvm_hstate (HSTATE_HOST_R1/R2, SCRATCH1);
 *   2. MSR[EE] = MSR[RI] = 0: from here an interrupt cannot be recovered;
 *   3. on a POWER8 (ISA 2.07) host, PCR = PCR_ARCH_206: the partition runs in
 *      POWER7 (ISA 2.06) compatibility mode; the host's PCR is kept;
 *   4. HSRR0/1 = guest PC/MSR (the C made MSR[HV] = 0, MSR[ME] = 1);
 *   5. HSTATE_IN_GUEST != 0, so that every interrupt vector of
 *      exceptions-64s.S (KVMTEST) comes to p7kvm's exit below;
 *   6. CR, LR, CTR, XER, then all 32 GPRs, r3 (the pointer) last; hrfid.
 *
 * Exit: exceptions-64s.S branches to kvmppc_interrupt (every HV interrupt
 * vector and, from the guest, the others that reach the hypervisor) or to
 * kvmppc_hcall (sc 1) in real mode, with r13 = PACA, the guest's r9-r13 and
 * CTR, CFAR, PPR in the PACA save area (PACA_EXGEN; PACA_EXMC for 0x200,
 * PACA_EXNMI for 0x100), r9 = guest CR, r11/r12 = (H)SRR0/1 (kvmppc_hcall:
 * still the guest's r11/r12), r10 = the vector (+2 for an HSRR interrupt):
 *   1. guest r0-r8, r14-r31, LR, XER into @regs; r9-r13, CTR from the save
 *      area; CR; PC/MSR from (H)SRR0/1 (SRR0/1 for sc 1);
 *   2. CFAR and PPR written back from the save area, so that the C reads
 *      the guest's values (the vector code clobbered both);
 *   3. HSTATE_IN_GUEST = 0; the host's PCR back;
 *   4. the host's r1, r2, non-volatile GPRs, CR and LR back; MSR[RI] = 1;
 *      return the trap (vector & ~3, BOOK3S_INTERRUPT_*) to the C.
 */
#include <asm/ppc_asm.h>
#include <asm/asm-offsets.h>
#include <asm/cache.h>
#include <asm/cputable.h>
#include <asm/exception-64s.h>
#include <asm/feature-fixups.h>
#include <asm/kvm_asm.h>
#include <asm/kvm_book3s_asm.h>
#include <asm/ptrace.h>
#include <asm/reg.h>

/* struct hv_guest_regs (hv/env/kernel/hv_env.h) */
#define GR_GPR(n)	((n) * 8)
#define GR_CR		256
#define GR_LR		264
#define GR_CTR		272
#define GR_XER		280
#define GR_PC		288
#define GR_MSR		296

/* The host frame: the ABI's overhead, r14-r31, the host PCR. */
#define FR_NVGPR(n)	(STACK_FRAME_OVERHEAD + ((n) - 14) * 8)
#define FR_PCR		(STACK_FRAME_OVERHEAD + 18 * 8)
#define FR_SIZE		(STACK_FRAME_OVERHEAD + 20 * 8)

#define P7KVM_IN_GUEST	KVM_GUEST_MODE_GUEST_HV

.macro p7_save_nvgprs
	.irp n, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	std	\n, FR_NVGPR(\n)(r1)
	.endr
.endm

.macro p7_restore_nvgprs
	.irp n, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	ld	\n, FR_NVGPR(\n)(r1)
	.endr
.endm

	.text

/* u32 p7kvm_hrfid_guest(struct hv_guest_regs *regs), called in real mode. */
_GLOBAL(p7kvm_hrfid_guest)
	/* 1. */
	mflr	r0
	std	r0, 16(r1)
	mfcr	r12
	stw	r12, 8(r1)
	stdu	r1, -FR_SIZE(r1)
	p7_save_nvgprs
	std	r1, HSTATE_HOST_R1(r13)
	std	r2, HSTATE_HOST_R2(r13)
	std	r3, HSTATE_SCRATCH1(r13)
	/* 2. */
	li	r0, 0
	mtmsrd	r0, 1
	/* 3. */
	li	r0, 0
	std	r0, FR_PCR(r1)
BEGIN_FTR_SECTION
	mfspr	r0, SPRN_PCR
	std	r0, FR_PCR(r1)
	li	r0, PCR_ARCH_206
	mtspr	SPRN_PCR, r0
	isync
END_FTR_SECTION_IFSET(CPU_FTR_ARCH_207S)
	/* 4. */
	ld	r4, GR_PC(r3)
	ld	r5, GR_MSR(r3)
	mtspr	SPRN_HSRR0, r4
	mtspr	SPRN_HSRR1, r5
	/* 5. */
	li	r0, P7KVM_IN_GUEST
	stb	r0, HSTATE_IN_GUEST(r13)
	/* 6. */
	ld	r4, GR_CR(r3)
	mtcr	r4
	ld	r4, GR_LR(r3)
	mtlr	r4
	ld	r4, GR_CTR(r3)
	mtctr	r4
	ld	r4, GR_XER(r3)
	mtxer	r4
	.irp n, 0, 1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	ld	\n, GR_GPR(\n)(r3)
	.endr
	ld	r3, GR_GPR(3)(r3)
	HRFI_TO_GUEST
	b	.

/* sc 1 from the guest: SRR0/1 hold its PC and MSR, r11/r12 are still its own. */
	.global kvmppc_hcall
	.balign IFETCH_ALIGN_BYTES
kvmppc_hcall:
	mfspr	r11, SPRN_SRR0
	mfspr	r12, SPRN_SRR1
	li	r10, BOOK3S_INTERRUPT_SYSCALL
	std	r10, HSTATE_SCRATCH0(r13)
	addi	r10, r13, PACA_EXGEN
	b	.Lp7_exit

	.global kvmppc_interrupt
	.balign IFETCH_ALIGN_BYTES
kvmppc_interrupt:
	/* The trap without the HSRR flag; the save area by vector. */
	clrrdi	r10, r10, 2
	std	r10, HSTATE_SCRATCH0(r13)
	cmpdi	r10, BOOK3S_INTERRUPT_MACHINE_CHECK
	addi	r10, r13, PACA_EXGEN
	bgt	.Lp7_exit
	addi	r10, r13, PACA_EXMC
	beq	.Lp7_exit
	addi	r10, r13, PACA_EXNMI

/* r9 = guest CR, r10 = save area, r11/r12 = guest PC/MSR, r13 = PACA. */
.Lp7_exit:
	/* 1. */
	std	r12, HSTATE_SCRATCH2(r13)
	ld	r12, HSTATE_SCRATCH1(r13)
	.irp n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	std	\n, GR_GPR(\n)(r12)
	.endr
	std	r9, GR_CR(r12)
	std	r11, GR_PC(r12)
	ld	r0, HSTATE_SCRATCH2(r13)
	std	r0, GR_MSR(r12)
	mflr	r0
	std	r0, GR_LR(r12)
	mfxer	r0
	std	r0, GR_XER(r12)
	ld	r0, EX_R9(r10)
	std	r0, GR_GPR(9)(r12)
	ld	r0, EX_R10(r10)
	std	r0, GR_GPR(10)(r12)
	ld	r0, EX_R11(r10)
	std	r0, GR_GPR(11)(r12)
	ld	r0, EX_R12(r10)
	std	r0, GR_GPR(12)(r12)
	ld	r0, EX_R13(r10)
	std	r0, GR_GPR(13)(r12)
	ld	r0, EX_CTR(r10)
	std	r0, GR_CTR(r12)
	/* 2. */
BEGIN_FTR_SECTION
	ld	r0, EX_CFAR(r10)
	mtspr	SPRN_CFAR, r0
END_FTR_SECTION_IFSET(CPU_FTR_CFAR)
BEGIN_FTR_SECTION
	ld	r0, EX_PPR(r10)
	mtspr	SPRN_PPR, r0
END_FTR_SECTION_IFSET(CPU_FTR_HAS_PPR)
	/* 3. */
	li	r0, 0
	stb	r0, HSTATE_IN_GUEST(r13)
	ld	r1, HSTATE_HOST_R1(r13)
	ld	r2, HSTATE_HOST_R2(r13)
BEGIN_FTR_SECTION
	ld	r0, FR_PCR(r1)
	mtspr	SPRN_PCR, r0
	isync
END_FTR_SECTION_IFSET(CPU_FTR_ARCH_207S)
	/* 4. */
	ld	r3, HSTATE_SCRATCH0(r13)
	p7_restore_nvgprs
	addi	r1, r1, FR_SIZE
	ld	r0, 16(r1)
	mtlr	r0
	lwz	r0, 8(r1)
	mtcr	r0
	li	r0, MSR_RI
	mtmsrd	r0, 1
	blr
