// SPDX-License-Identifier: GPL-2.0-only
/*
 * p7kvm_trace.c: hv_trace() of the kernel flavour: each trace record of the
 * HV core (hv/include/hv/trace.h) becomes the kvm_hv trace event of the
 * same name (p7kvm_trace.h).  Records the kernel has no event for (HPTE
 * changes, injections, cedes) are the simulator's and are not traced here.
 * Records made in real mode are queued and emitted once the MMU is on.
 */
#include <linux/moduleparam.h>

#include "hv_env.h"
#include "hv/trace.h"

#define CREATE_TRACE_POINTS
#include "p7kvm_trace.h"

static void p7kvm_trace_emit(u32 type, const u64 *w, u32 len)
{
	switch (type) {
	case HV_TR_GUEST_ENTER:
		if (len >= TRE_NWORDS * 8)
			trace_kvm_guest_enter(w);
		break;
	case HV_TR_GUEST_EXIT:
		if (len >= TRX_NWORDS * 8)
			trace_kvm_guest_exit(w);
		break;
	case HV_TR_HCALL_ENTER:
		if (len >= TRH_NWORDS * 8)
			trace_kvm_hcall_enter(w);
		break;
	case HV_TR_HCALL_EXIT:
		if (len >= TRHX_NWORDS * 8)
			trace_kvm_hcall_exit(w);
		break;
	case HV_TR_PAGE_FAULT:
		if (len >= TRP_NWORDS * 8)
			trace_kvm_page_fault_enter(w);
		break;
	case HV_TR_USER_EXIT:
		if (len >= TRU_NWORDS * 8)
			trace_kvmppc_run_vcpu_exit(w);
		break;
	default:
		break;
	}
}

/*
 * The real-mode hcall path (hv_vcpu_exit_fast) dispatches with the MMU off,
 * where a tracepoint must not run (its buffers and callbacks may be in
 * vmalloc space).  Records made there wait in a per-CPU queue in vmlinux's
 * .bss (linear map, reachable in real mode) and are emitted, in order, as
 * soon as translation is back: from hv_host_irq_enable() or the next
 * virtual-mode record.  A CPU beyond the queues, or a full queue (a guest
 * making more real-mode hcalls in a row than it holds), loses records; they
 * are counted and reported once per flush.
 */
#define P7KVM_TRACE_CPUS	(NR_CPUS < 8 ? NR_CPUS : 8)
#define P7KVM_TRACE_QLEN	64

struct p7kvm_trace_rec {
	u32 type, len;
	u64 w[TRX_NWORDS];
};

struct p7kvm_trace_queue {
	unsigned int n;
	unsigned int lost;
	struct p7kvm_trace_rec rec[P7KVM_TRACE_QLEN];
};

static struct p7kvm_trace_queue p7kvm_trace_q[P7KVM_TRACE_CPUS];

/*
 * Records made in real mode so far, for all CPUs: the evidence that the
 * real-mode hcall path ran (/sys/module/p7kvm_trace/parameters/, read by
 * p7vmm and the rehearsal).  Updated in virtual mode only, at the flush.
 */
static unsigned long real_mode_records;
module_param(real_mode_records, ulong, 0444);
MODULE_PARM_DESC(real_mode_records, "trace records made with the MMU off (real-mode hcalls)");

/* raw_smp_processor_id() reads the PACA (r13): usable in real mode. */
static bool p7kvm_real_mode(void)
{
	return !(mfmsr() & MSR_DR);
}

void p7kvm_trace_flush(void)
{
	unsigned int cpu = raw_smp_processor_id();
	struct p7kvm_trace_queue *q;

	if (cpu >= P7KVM_TRACE_CPUS)
		return;
	q = &p7kvm_trace_q[cpu];
	real_mode_records += q->n + q->lost;
	for (unsigned int i = 0; i < q->n; i++)
		p7kvm_trace_emit(q->rec[i].type, q->rec[i].w, q->rec[i].len);
	q->n = 0;
	if (q->lost) {
		hv_pr_warn("%u trace records of the real-mode hcall path lost\n", q->lost);
		q->lost = 0;
	}
}

void p7kvm_trace(u32 type, const void *payload, u32 len)
{
	unsigned int cpu = raw_smp_processor_id();
	struct p7kvm_trace_queue *q;

	if (!p7kvm_real_mode()) {
		p7kvm_trace_flush();
		p7kvm_trace_emit(type, payload, len);
		return;
	}
	if (cpu >= P7KVM_TRACE_CPUS)
		return;
	q = &p7kvm_trace_q[cpu];
	if (q->n == P7KVM_TRACE_QLEN || len > sizeof(q->rec[0].w)) {
		q->lost++;
		return;
	}
	q->rec[q->n].type = type;
	q->rec[q->n].len = len;
	memcpy(q->rec[q->n].w, payload, len);
	q->n++;
}
