// SPDX-License-Identifier: GPL-2.0-only
/*
 * The module wrapper of the kernel build of hv/: p7kvm_hv.ko.
 *
 * The hv/ C files compile unchanged for the simulator, so none of them can
 * carry module_init() or MODULE_LICENSE(); they live here, in the kernel
 * environment.  Loading the module does nothing yet: its purpose today is to
 * prove that hv/ compiles, passes sparse and links as a ppc64 POWER7 module
 * (tools/kmod-check.sh, docs/kmod.md).
 */
#include <linux/module.h>
#include <linux/init.h>

#include "hv_env.h"

static int __init p7kvm_hv_init(void)
{
	hv_pr_info("HV core loaded (build check only, no VM support)\n");
	return 0;
}

static void __exit p7kvm_hv_exit(void)
{
}

module_init(p7kvm_hv_init);
module_exit(p7kvm_hv_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("p7kvm: KVM Book3S HV core for POWER7, built from hv/");
