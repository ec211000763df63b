/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * p7kvm_trace.h: the kvm_hv trace events of the kernel flavour, with the
 * TP_printk text of the kernel's own (arch/powerpc/kvm/trace_hv.h), so that
 * `p7trace import` reads the host's tracing buffer as it reads a real
 * KVM-HV trace (tools/trace/import.c lists the formats).  Symbolic fields
 * (trap=, hcall=, ret=, hcall_rc=) are printed as numbers, which the
 * importer accepts as well.  Fed by hv_trace() (p7kvm_trace.c).
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM kvm_hv

#if !defined(P7KVM_TRACE_H) || defined(TRACE_HEADER_MULTI_READ)
#define P7KVM_TRACE_H

#include <linux/tracepoint.h>

TRACE_EVENT(kvm_guest_enter,
	TP_PROTO(const u64 *w),
	TP_ARGS(w),
	TP_STRUCT__entry(
		__field(int, vcpu_id)
		__field(unsigned long, pc)
		__field(unsigned long, pending_exceptions)
		__field(u8, ceded)
	),
	TP_fast_assign(
		__entry->vcpu_id = (int)w[0];
		__entry->pc = w[1];
		__entry->pending_exceptions = w[3];
		__entry->ceded = (u8)w[4];
	),
	TP_printk("VCPU %d: pc=0x%lx pexcp=0x%lx ceded=%d",
		  __entry->vcpu_id, __entry->pc, __entry->pending_exceptions, __entry->ceded)
);

TRACE_EVENT(kvm_guest_exit,
	TP_PROTO(const u64 *w),
	TP_ARGS(w),
	TP_STRUCT__entry(
		__field(int, vcpu_id)
		__field(int, trap)
		__field(unsigned long, pc)
		__field(unsigned long, msr)
		__field(u8, ceded)
	),
	TP_fast_assign(
		__entry->vcpu_id = (int)w[0];
		__entry->trap = (int)w[1];
		__entry->pc = w[2];
		__entry->msr = w[3];
		__entry->ceded = (u8)w[4];
	),
	TP_printk("VCPU %d: trap=0x%x pc=0x%lx msr=0x%lx, ceded=%d",
		  __entry->vcpu_id, __entry->trap, __entry->pc, __entry->msr, __entry->ceded)
);

TRACE_EVENT(kvm_hcall_enter,
	TP_PROTO(const u64 *w),
	TP_ARGS(w),
	TP_STRUCT__entry(
		__field(int, vcpu_id)
		__field(unsigned long, req)
		__field(unsigned long, gpr4)
		__field(unsigned long, gpr5)
		__field(unsigned long, gpr6)
		__field(unsigned long, gpr7)
	),
	TP_fast_assign(
		__entry->vcpu_id = (int)w[0];
		__entry->req = w[1];
		__entry->gpr4 = w[2];
		__entry->gpr5 = w[3];
		__entry->gpr6 = w[4];
		__entry->gpr7 = w[5];
	),
	TP_printk("VCPU %d: hcall=0x%lx GPR4-7=0x%lx,0x%lx,0x%lx,0x%lx",
		  __entry->vcpu_id, __entry->req, __entry->gpr4, __entry->gpr5, __entry->gpr6,
		  __entry->gpr7)
);

/*
 * ret= is the kernel's kvmret: RESUME_GUEST 0, RESUME_HOST (RESUME_FLAG_HOST)
 * 2.  For an hcall completed in userspace the kernel's event says
 * hcall_rc=H_TOO_HARD, not the VMM's answer, and the importer reads it so:
 * the same here, where the record is made after the VMM answered.
 */
TRACE_EVENT(kvm_hcall_exit,
	TP_PROTO(const u64 *w),
	TP_ARGS(w),
	TP_STRUCT__entry(
		__field(int, vcpu_id)
		__field(int, ret)
		__field(long, hcall_rc)
	),
	TP_fast_assign(
		__entry->vcpu_id = (int)w[0];
		__entry->ret = w[3] ? 2 : 0;
		__entry->hcall_rc = w[3] ? H_TOO_HARD : (long)w[2];
	),
	TP_printk("VCPU %d: ret=%d hcall_rc=%ld",
		  __entry->vcpu_id, __entry->ret, __entry->hcall_rc)
);

/* The HV core reflects the fault without looking up an HPTE: hpte=, guest=, slot= are 0. */
TRACE_EVENT(kvm_page_fault_enter,
	TP_PROTO(const u64 *w),
	TP_ARGS(w),
	TP_STRUCT__entry(
		__field(int, vcpu_id)
		__field(unsigned long, ea)
		__field(unsigned long, fault_code)
	),
	TP_fast_assign(
		__entry->vcpu_id = (int)w[0];
		__entry->ea = w[3];
		__entry->fault_code = w[4];
	),
	TP_printk("VCPU %d: hpte=0x0:0x0 guest=0x0 ea=0x%lx,%lx slot=0x0,0x0",
		  __entry->vcpu_id, __entry->ea, __entry->fault_code)
);

TRACE_EVENT(kvmppc_run_vcpu_exit,
	TP_PROTO(const u64 *w),
	TP_ARGS(w),
	TP_STRUCT__entry(
		__field(int, vcpu_id)
		__field(int, exit)
		__field(int, ret)
	),
	TP_fast_assign(
		__entry->vcpu_id = (int)w[0];
		__entry->exit = (int)w[1];
		__entry->ret = 0;
	),
	TP_printk("VCPU %d: exit=%d, ret=%d", __entry->vcpu_id, __entry->exit, __entry->ret)
);

#endif /* P7KVM_TRACE_H */

#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH .
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_FILE p7kvm_trace
#include <trace/define_trace.h>
