/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Trace events of the HV core, named and shaped like the kernel's kvm_hv
 * tracepoints (arch/powerpc/kvm/trace_hv.h): kvm_guest_enter,
 * kvm_guest_exit, kvm_hcall_enter, kvm_hcall_exit, kvm_page_fault_enter/exit,
 * plus what replaying a decision needs (the full register state an exit
 * handler reads, HPT changes).  docs/trace-format.md is the file format.
 *
 * Every payload is an array of u64 words in CPU order: hv/ calls
 * hv_trace(type, words, nwords * 8) and the environment's sink writes them
 * in the file's fixed (big-endian) order.  The word indexes below are the
 * format; append new words at the end of a record, never reorder.
 */
#ifndef HV_TRACE_H
#define HV_TRACE_H

/*
 * Types 0 and 0xffff are the file format's: 0 is never valid (zeroed data)
 * and 0xffff is the end record the file writer appends at close
 * (docs/trace-format.md).  hv/ emits neither.
 */
enum hv_trace_type {
	HV_TR_GUEST_ENTER = 1,	/* kvm_guest_enter */
	HV_TR_GUEST_EXIT = 2,	/* kvm_guest_exit, with the exit handler's inputs */
	HV_TR_HCALL_ENTER = 3,	/* kvm_hcall_enter */
	HV_TR_HCALL_EXIT = 4,	/* kvm_hcall_exit, with the result registers */
	HV_TR_PAGE_FAULT = 5,	/* kvm_page_fault_enter: HDSI/HISI reflected */
	HV_TR_HPTE = 6,		/* an HPTE changed: index, before and after */
	HV_TR_USER_EXIT = 7,	/* kvm_userspace_exit: run returns to the VMM */
	HV_TR_INJECT = 8,	/* an interrupt injected into the guest */
	HV_TR_CEDE = 9,		/* a vcpu ceded / woke */
	HV_TR_HW_RC = 10,	/* R/C the guest's references set (the simulator's, not hv/'s) */
	HV_TR_MAX
};

/* Words of HV_TR_GUEST_ENTER. */
enum { TRE_VCPU, TRE_PC, TRE_MSR, TRE_PENDING, TRE_CEDED, TRE_NWORDS };

/* Words of HV_TR_GUEST_EXIT: trap and the state the exit handler reads. */
enum {
	TRX_VCPU, TRX_TRAP, TRX_PC, TRX_MSR, TRX_CEDED,
	TRX_SRR0, TRX_SRR1, TRX_DAR, TRX_DSISR, TRX_HDAR, TRX_HDSISR, TRX_HEIR,
	TRX_DEC_EXPIRES, TRX_LR, TRX_CTR, TRX_CR, TRX_XER,
	TRX_GPR0,		/* 32 words: r0..r31 */
	TRX_NWORDS = TRX_GPR0 + 32
};

/* Words of HV_TR_HCALL_ENTER: req = r3, args = r4..r12. */
enum { TRH_VCPU, TRH_REQ, TRH_ARG0, TRH_NWORDS = TRH_ARG0 + 9 };

/* Words of HV_TR_HCALL_EXIT: ret = r3 (H_* code), results = r4..r12, where = 0 kernel / 1 user. */
enum { TRHX_VCPU, TRHX_REQ, TRHX_RET, TRHX_WHERE, TRHX_RES0, TRHX_NWORDS = TRHX_RES0 + 9 };

/* Words of HV_TR_PAGE_FAULT: the guest address and DSISR/SRR1 bits reflected. */
enum { TRP_VCPU, TRP_TRAP, TRP_PC, TRP_EA, TRP_DSISR, TRP_NWORDS };

/*
 * Words of HV_TR_HPTE: index, guest-visible dwords before and after, and the
 * hardware dwords after (dword 1 with the guest's page number, never a host address).
 */
enum { TRT_VCPU, TRT_INDEX, TRT_V_OLD, TRT_R_OLD, TRT_V_NEW, TRT_R_NEW, TRT_HW_V, TRT_HW_R,
       TRT_NWORDS };

/* Words of HV_TR_USER_EXIT: the kvm_run exit reason and the trap or hcall behind it. */
enum { TRU_VCPU, TRU_REASON, TRU_DETAIL, TRU_NWORDS };

/* Words of HV_TR_INJECT: vector, SRR0, SRR1 given to the guest. */
enum { TRI_VCPU, TRI_VEC, TRI_SRR0, TRI_SRR1, TRI_NWORDS };

/* Words of HV_TR_CEDE: 1 = ceded, 0 = woke; the TB it wakes at. */
enum { TRC_VCPU, TRC_STATE, TRC_WAKE_TB, TRC_NWORDS };

/*
 * Words of HV_TR_HW_RC: after a guest run, the R and C bits (HPTE_R_R,
 * HPTE_R_C in their dword 1 positions) of an HPTE whose R/C the run's
 * references changed, as the HV core reads them.  They are an input of the
 * core like an exit's registers: the hardware sets them behind its back
 * (ISA 2.06 Book III-S 5.7.8).  The simulator's environment emits it, at the
 * end of the run, before the run's kvm_guest_exit (sim/rctrace.c).
 */
enum { TRR_VCPU, TRR_INDEX, TRR_RC, TRR_NWORDS };

#endif /* HV_TRACE_H */
