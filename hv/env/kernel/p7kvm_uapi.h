/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * p7kvm_uapi.h: the /dev/p7kvm interface of the kernel flavour
 * (docs/bringup.md), KVM-shaped and nothing more than the HV core offers:
 *
 *   /dev/p7kvm  P7KVM_CREATE_VM(hpt_order)      -> a VM fd      (KVM_CREATE_VM + HPT)
 *   VM fd       P7KVM_ADD_MEMORY(&p7kvm_memory) -> 0             (16 MB pages, in the kernel)
 *               mmap(offset = guest real addr)  -> guest memory  (16 MB aligned, backed)
 *               P7KVM_CREATE_VCPU(id)           -> a vcpu fd    (KVM_CREATE_VCPU)
 *   vcpu fd     P7KVM_GET_REGS / P7KVM_SET_REGS(&p7kvm_regs)     (KVM_GET/SET_REGS)
 *               P7KVM_RUN                       -> 0, -EINTR, -EBUSY (KVM_RUN)
 *               mmap(offset 0, one page)        -> struct p7kvm_run, shared
 *
 * The layouts are those of struct hv_regs and struct hv_run
 * (hv/include/hv/hv_vcpu.h); the device checks that at build time.  The
 * header is self-contained (no libc, no kernel headers) so that the static
 * VMM can include it.  The ioctl numbers are the powerpc _IO('p', nr) ones
 * (_IOC_NONE is 1 at bit 29 on powerpc); arguments are passed by value or
 * as a pointer in the third ioctl argument.
 */
#ifndef P7KVM_UAPI_H
#define P7KVM_UAPI_H

#define P7KVM_IO(nr)		((1U << 29) | ((unsigned int)'p' << 8) | (nr))
#define P7KVM_CREATE_VM		P7KVM_IO(0x01)	/* arg: HPT order (0 = 16 MB); returns a VM fd */
#define P7KVM_ADD_MEMORY	P7KVM_IO(0x02)	/* arg: struct p7kvm_memory * */
#define P7KVM_CREATE_VCPU	P7KVM_IO(0x03)	/* arg: vcpu id; returns a vcpu fd */
#define P7KVM_GET_REGS		P7KVM_IO(0x04)	/* arg: struct p7kvm_regs * */
#define P7KVM_SET_REGS		P7KVM_IO(0x05)	/* arg: struct p7kvm_regs * */
#define P7KVM_RUN		P7KVM_IO(0x06)
#define P7KVM_ENABLE_HCALL	P7KVM_IO(0x07)	/* arg: hcall number | 1UL << 63 to enable */
#define P7KVM_INTERRUPT		P7KVM_IO(0x08)	/* arg: 1 raise, 0 lower the external line */

/* Exit reasons in p7kvm_run.exit_reason (the KVM_EXIT_* values). */
#define P7KVM_EXIT_UNKNOWN		0
#define P7KVM_EXIT_HLT			5	/* the vcpu ceded: wait until ceded.wake_tb */
#define P7KVM_EXIT_INTR			10
#define P7KVM_EXIT_INTERNAL_ERROR	17
#define P7KVM_EXIT_PAPR_HCALL		19

struct p7kvm_memory {
	unsigned long long gpa;		/* 16 MB aligned guest real address */
	unsigned long long size;	/* a multiple of 16 MB */
};

/* struct hv_regs */
struct p7kvm_regs {
	unsigned long long pc, cr, ctr, lr, xer, msr;
	unsigned long long srr0, srr1;
	unsigned long long pid;
	unsigned long long sprg0, sprg1, sprg2, sprg3, sprg4, sprg5, sprg6, sprg7;
	unsigned long long gpr[32];
};

/* struct hv_run */
struct p7kvm_run {
	unsigned int exit_reason;
	unsigned char ready_for_interrupt_injection;
	unsigned char if_flag;
	unsigned short pad;
	union {
		struct {
			unsigned long long hardware_exit_reason;
		} hw;
		struct {
			unsigned int suberror;
			unsigned int ndata;
			unsigned long long data[4];
		} internal;
		struct {
			unsigned long long nr;
			unsigned long long ret;
			unsigned long long args[9];
		} papr_hcall;
		struct {
			unsigned long long wake_tb;
		} ceded;
	};
};

#endif /* P7KVM_UAPI_H */
