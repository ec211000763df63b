// SPDX-License-Identifier: GPL-2.0-only
/*
 * p7kvm_hv.ko: the /dev/p7kvm character device over the HV core
 * (hv/env/kernel/p7kvm_uapi.h has the interface, docs/bringup.md the design).
 *
 * The hv/ C files compile unchanged for the simulator, so none of them can
 * carry module_init(), file operations or MODULE_LICENSE(); they live here.
 * In the patched kernel (tools/bringup/gen-patches.sh) the HV core is in
 * vmlinux, because the partition switch runs with the MMU off, and this
 * module only calls it; in the out-of-tree build check (tools/kmod-check.sh)
 * the same file links with the hv/ C files into one module.
 *
 * Objects: a VM fd owns a struct hv_vm; each vcpu fd holds a reference on
 * its VM and owns one page, the shared run structure.  One mutex per VM
 * serialises everything, which single-thread mode (one vcpu running at a
 * time on thread 0) needs anyway.
 */
#include <linux/module.h>
#include <linux/init.h>
#include <linux/miscdevice.h>
#include <linux/anon_inodes.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/kref.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/uaccess.h>
#include <asm/switch_to.h>

#include "hv_env.h"
#include "hv/hv_vcpu.h"
#include "p7kvm_uapi.h"

static_assert(sizeof(struct p7kvm_regs) == sizeof(struct hv_regs));
static_assert(offsetof(struct p7kvm_regs, gpr) == offsetof(struct hv_regs, gpr));
static_assert(sizeof(struct p7kvm_run) == sizeof(struct hv_run));
static_assert(offsetof(struct p7kvm_run, papr_hcall.args) ==
	      offsetof(struct hv_run, papr_hcall.args));
static_assert(P7KVM_EXIT_PAPR_HCALL == KVM_EXIT_PAPR_HCALL);
static_assert(P7KVM_EXIT_INTR == KVM_EXIT_INTR);
static_assert(P7KVM_EXIT_HLT == HV_EXIT_CEDED);
static_assert(P7KVM_EXIT_INTERNAL_ERROR == KVM_EXIT_INTERNAL_ERROR);

struct p7kvm_vm {
	struct kref ref;
	struct mutex lock;
	struct hv_vm *vm;
};

struct p7kvm_vcpu {
	struct p7kvm_vm *pvm;
	struct hv_vcpu *vcpu;
	struct hv_run *run_page;	/* one zeroed page, mapped by the VMM */
};

static void p7kvm_vm_release_ref(struct kref *ref)
{
	struct p7kvm_vm *pvm = container_of(ref, struct p7kvm_vm, ref);

	hv_vm_destroy(pvm->vm);
	kfree(pvm);
}

/* ---- vcpu fd ---------------------------------------------------------------- */

static long p7kvm_vcpu_run(struct p7kvm_vcpu *pv)
{
	struct hv_vcpu *vcpu = pv->vcpu;
	int r;

	/* The VMM's answer to the last hcall exit comes through the shared page. */
	memcpy(&vcpu->run, pv->run_page, sizeof(vcpu->run));
	/*
	 * The switch does not save the FP, VMX and VSX registers: the task's
	 * own values go to its thread struct first, so the guest may clobber
	 * the hardware copies.
	 */
	preempt_disable();
	giveup_all(current);
	r = hv_vcpu_run(vcpu);
	/* The run loop leaves interrupts off after an exit (hv_host_irq_enable). */
	local_irq_enable();
	preempt_enable();
	memcpy(pv->run_page, &vcpu->run, sizeof(vcpu->run));
	return r;
}

static long p7kvm_vcpu_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct p7kvm_vcpu *pv = f->private_data;
	void __user *uarg = (void __user *)arg;
	struct hv_regs regs;
	long r = 0;

	mutex_lock(&pv->pvm->lock);
	switch (cmd) {
	case P7KVM_GET_REGS:
		hv_vcpu_get_regs(pv->vcpu, &regs);
		if (copy_to_user(uarg, &regs, sizeof(regs)))
			r = -EFAULT;
		break;
	case P7KVM_SET_REGS:
		if (copy_from_user(&regs, uarg, sizeof(regs)))
			r = -EFAULT;
		else
			hv_vcpu_set_regs(pv->vcpu, &regs);
		break;
	case P7KVM_RUN:
		r = p7kvm_vcpu_run(pv);
		break;
	case P7KVM_INTERRUPT:
		hv_vcpu_interrupt(pv->vcpu, arg != 0);
		break;
	default:
		r = -ENOTTY;
		break;
	}
	mutex_unlock(&pv->pvm->lock);
	return r;
}

static int p7kvm_vcpu_mmap(struct file *f, struct vm_area_struct *vma)
{
	struct p7kvm_vcpu *pv = f->private_data;

	if (vma->vm_pgoff != 0 || vma->vm_end - vma->vm_start != PAGE_SIZE)
		return -EINVAL;
	return remap_pfn_range(vma, vma->vm_start, __pa(pv->run_page) >> PAGE_SHIFT,
			       PAGE_SIZE, vma->vm_page_prot);
}

static int p7kvm_vcpu_release(struct inode *inode, struct file *f)
{
	struct p7kvm_vcpu *pv = f->private_data;

	/* The hv_vcpu itself belongs to the VM and goes with it. */
	free_page((unsigned long)pv->run_page);
	kref_put(&pv->pvm->ref, p7kvm_vm_release_ref);
	kfree(pv);
	return 0;
}

static const struct file_operations p7kvm_vcpu_fops = {
	.owner = THIS_MODULE,
	.unlocked_ioctl = p7kvm_vcpu_ioctl,
	.mmap = p7kvm_vcpu_mmap,
	.release = p7kvm_vcpu_release,
	.llseek = noop_llseek,
};

/* ---- VM fd ------------------------------------------------------------------ */

static long p7kvm_create_vcpu(struct p7kvm_vm *pvm, unsigned long id)
{
	struct p7kvm_vcpu *pv;
	int r;

	if (id >= HV_MAX_VCPUS)
		return -EINVAL;
	pv = kzalloc(sizeof(*pv), GFP_KERNEL);
	if (!pv)
		return -ENOMEM;
	pv->run_page = (struct hv_run *)get_zeroed_page(GFP_KERNEL);
	if (!pv->run_page) {
		kfree(pv);
		return -ENOMEM;
	}
	r = hv_vcpu_create(pvm->vm, (unsigned int)id, &pv->vcpu);
	if (r)
		goto fail;
	pv->pvm = pvm;
	kref_get(&pvm->ref);
	r = anon_inode_getfd("p7kvm-vcpu", &p7kvm_vcpu_fops, pv, O_RDWR | O_CLOEXEC);
	if (r < 0) {
		/* The vcpu stays in the VM (hv/ has no vcpu destroy), unused. */
		kref_put(&pvm->ref, p7kvm_vm_release_ref);
		goto fail;
	}
	return r;
fail:
	free_page((unsigned long)pv->run_page);
	kfree(pv);
	return r;
}

static long p7kvm_vm_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct p7kvm_vm *pvm = f->private_data;
	struct p7kvm_memory mem;
	long r;

	mutex_lock(&pvm->lock);
	switch (cmd) {
	case P7KVM_ADD_MEMORY:
		if (copy_from_user(&mem, (void __user *)arg, sizeof(mem)))
			r = -EFAULT;
		else
			r = hv_vm_add_memory(pvm->vm, mem.gpa, mem.size);
		break;
	case P7KVM_CREATE_VCPU:
		r = p7kvm_create_vcpu(pvm, arg);
		break;
	case P7KVM_ENABLE_HCALL:
		r = hv_vm_enable_hcall(pvm->vm, arg & ~(1UL << 63), arg >> 63);
		break;
	default:
		r = -ENOTTY;
		break;
	}
	mutex_unlock(&pvm->lock);
	return r;
}

/* Guest memory at offset = guest real address, one 16 MB page after the other. */
static int p7kvm_vm_mmap(struct file *f, struct vm_area_struct *vma)
{
	struct p7kvm_vm *pvm = f->private_data;
	u64 gpa = (u64)vma->vm_pgoff << PAGE_SHIFT;
	unsigned long addr = vma->vm_start;
	int r = 0;

	mutex_lock(&pvm->lock);
	while (addr < vma->vm_end) {
		const struct hv_ram_page *pg = hv_kvm_ram_page(pvm->vm->kvm, gpa);
		u64 off = gpa & (HV_RAM_PAGE_SIZE - 1);
		unsigned long len = min_t(unsigned long, HV_RAM_PAGE_SIZE - off,
					  vma->vm_end - addr);

		if (!pg) {
			r = -EINVAL;
			break;
		}
		r = remap_pfn_range(vma, addr, (pg->real + off) >> PAGE_SHIFT, len,
				    vma->vm_page_prot);
		if (r)
			break;
		addr += len;
		gpa += len;
	}
	mutex_unlock(&pvm->lock);
	return r;
}

static int p7kvm_vm_release(struct inode *inode, struct file *f)
{
	struct p7kvm_vm *pvm = f->private_data;

	kref_put(&pvm->ref, p7kvm_vm_release_ref);
	return 0;
}

static const struct file_operations p7kvm_vm_fops = {
	.owner = THIS_MODULE,
	.unlocked_ioctl = p7kvm_vm_ioctl,
	.mmap = p7kvm_vm_mmap,
	.release = p7kvm_vm_release,
	.llseek = noop_llseek,
};

/* ---- /dev/p7kvm ------------------------------------------------------------- */

static long p7kvm_create_vm(unsigned long hpt_order)
{
	struct p7kvm_vm *pvm;
	int r;

	if (hpt_order > HV_HPT_ORDER_MAX)
		return -EINVAL;
	pvm = kzalloc(sizeof(*pvm), GFP_KERNEL);
	if (!pvm)
		return -ENOMEM;
	kref_init(&pvm->ref);
	mutex_init(&pvm->lock);
	r = hv_vm_create(&pvm->vm, (unsigned int)hpt_order);
	if (r) {
		kfree(pvm);
		return r;
	}
	r = anon_inode_getfd("p7kvm-vm", &p7kvm_vm_fops, pvm, O_RDWR | O_CLOEXEC);
	if (r < 0)
		kref_put(&pvm->ref, p7kvm_vm_release_ref);
	return r;
}

static long p7kvm_dev_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	if (cmd == P7KVM_CREATE_VM)
		return p7kvm_create_vm(arg);
	return -ENOTTY;
}

static const struct file_operations p7kvm_dev_fops = {
	.owner = THIS_MODULE,
	.unlocked_ioctl = p7kvm_dev_ioctl,
	.llseek = noop_llseek,
};

static struct miscdevice p7kvm_dev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "p7kvm",
	.fops = &p7kvm_dev_fops,
	.mode = 0600,
};

static int __init p7kvm_hv_init(void)
{
	int r = misc_register(&p7kvm_dev);

	if (!r)
		hv_pr_info("HV core ready: /dev/p7kvm (POWER7 partitions, PVR 0x%lx)\n",
			   mfspr(SPRN_PVR));
	return r;
}

static void __exit p7kvm_hv_exit(void)
{
	misc_deregister(&p7kvm_dev);
}

module_init(p7kvm_hv_init);
module_exit(p7kvm_hv_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("p7kvm: KVM Book3S HV core for POWER7, built from hv/; /dev/p7kvm");
