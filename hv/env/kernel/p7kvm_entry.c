// SPDX-License-Identifier: GPL-2.0-only
/*
 * p7kvm_entry.c: the vmlinux side of the kernel flavour that is not hv/
 * itself (docs/bringup.md): hv_enter_guest, which hv/book3s_hv_switch.c calls
 * in real mode, and the exports through which p7kvm_hv.ko (/dev/p7kvm)
 * reaches the HV core.
 */
#include <linux/export.h>
#include <linux/sched/signal.h>

#include "hv_env.h"
#include "hv/hv_vcpu.h"

u32 p7kvm_hrfid_guest(struct hv_guest_regs *regs);

/*
 * Real mode, interrupts off, the guest's partition loaded.  A pending signal
 * gives the CPU back before the entry (HV_TRAP_NONE: hv_vcpu_run returns
 * -EINTR with KVM_EXIT_INTR); reading current's flags is safe in real mode,
 * the task struct is in the linear map.
 */
u32 hv_enter_guest(struct hv_guest_regs *regs)
{
	if (signal_pending(current))
		return HV_TRAP_NONE;
	return p7kvm_hrfid_guest(regs);
}

EXPORT_SYMBOL_GPL(hv_vm_create);
EXPORT_SYMBOL_GPL(hv_vm_destroy);
EXPORT_SYMBOL_GPL(hv_vm_add_memory);
EXPORT_SYMBOL_GPL(hv_vm_gpa_ptr);
EXPORT_SYMBOL_GPL(hv_vm_enable_hcall);
EXPORT_SYMBOL_GPL(hv_vcpu_create);
EXPORT_SYMBOL_GPL(hv_vcpu_get_regs);
EXPORT_SYMBOL_GPL(hv_vcpu_set_regs);
EXPORT_SYMBOL_GPL(hv_vcpu_interrupt);
EXPORT_SYMBOL_GPL(hv_vcpu_run);
