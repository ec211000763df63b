// SPDX-License-Identifier: GPL-2.0-only
/*
 * p7kvm_trace.c: hv_trace() of the kernel flavour: each trace record of the
 * HV core (hv/include/hv/trace.h) becomes the kvm_hv trace event of the
 * same name (p7kvm_trace.h).  Records the kernel has no event for (HPTE
 * changes, injections, cedes) are the simulator's and are not traced here.
 * Called in virtual mode only: a tracepoint must not run with the MMU off.
 */
#include "hv_env.h"
#include "hv/trace.h"

#define CREATE_TRACE_POINTS
#include "p7kvm_trace.h"

void p7kvm_trace(u32 type, const void *payload, u32 len)
{
	const u64 *w = payload;

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
