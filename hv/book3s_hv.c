// SPDX-License-Identifier: GPL-2.0-only
/*
 * VMs and vcpus, the run loop and exit routing: the 2011 POWER7 book3s_hv.c
 * (kvmppc_vcpu_run, kvmppc_handle_exit) with the later fixes of reference
 * 8: no BUG() on an unknown trap, SRR1 masking on injection, MSR[HV] in a
 * saved guest MSR as an internal error, hcall_needed cleared whenever the
 * kernel completes an hcall.
 */
#include "hv_env.h"
#include "hv/hv_vcpu.h"
#include "hv/trace.h"

/* SRR1 bits that depend on the interrupt, never copied from the MSR (reg.h). */
#define HV_SRR1_MSR_BITS	(~0x783f0000UL)
#define HV_SRR1_PROGILL		0x00080000UL
#define HV_SRR1_PROGTRAP_BITS	0x001f0000UL	/* reason bits a firmware 0x700 carries */
#define HV_SRR1_HISI_ISI	0x08000000UL	/* the seed's flag for a reflected HISI */
#define HV_MMCR0_FC		0x80000000UL
#define HV_CTRL_RUNLATCH	0x1UL
/* For the rare records; the busy ones ask hv_trace_enabled() before building theirs. */
static void hv_trace_words(u32 type, const u64 *w, unsigned int n)
{
	if (hv_trace_enabled())
		hv_trace(type, w, n * 8);
}

/* ---- lifecycle ------------------------------------------------------------ */

int hv_vm_create(struct hv_vm **vmp, unsigned int hpt_order)
{
	struct hv_vm *vm;
	int ret;

	*vmp = NULL;
	ret = hv_mmu_hv_init();
	if (ret && ret != -HV_EBUSY)
		return ret;
	vm = hv_zalloc(sizeof(*vm));
	if (!vm)
		return -HV_ENOMEM;
	ret = hv_kvm_create(&vm->kvm, hpt_order);
	if (ret) {
		hv_free(vm);
		return ret;
	}
	/* The LPID may have been used before: flush its TLB entries first. */
	vm->need_tlb_flush = true;
	hv_hcall_enable_defaults(vm);
	*vmp = vm;
	return 0;
}

void hv_vm_destroy(struct hv_vm *vm)
{
	if (!vm)
		return;
	for (unsigned int i = 0; i < HV_MAX_VCPUS; i++)
		hv_free(vm->vcpus[i]);
	hv_kvm_destroy(vm->kvm);
	hv_free(vm);
}

int hv_vm_add_memory(struct hv_vm *vm, u64 gpa, u64 size)
{
	if (vm->rma_setup_done)
		return -HV_EBUSY;
	return hv_kvm_add_memory(vm->kvm, gpa, size);
}

void *hv_vm_gpa_ptr(struct hv_vm *vm, u64 gpa, u64 len)
{
	const struct hv_ram_page *pg = hv_kvm_ram_page(vm->kvm, gpa);
	u64 off = gpa & (HV_RAM_PAGE_SIZE - 1);

	if (!pg || len > HV_RAM_PAGE_SIZE - off)
		return NULL;
	return (u8 *)pg->virt + off;
}

int hv_vm_enable_hcall(struct hv_vm *vm, unsigned long nr, bool enable)
{
	unsigned long i = nr / 4;

	/* RTAS is the VMM's business (the kernel keeps H_RTAS out of the list). */
	if ((nr & 3) || nr > HV_MAX_HCALL || nr == H_RTAS || !hv_hcall_implemented(nr))
		return -HV_EINVAL;
	if (enable)
		vm->enabled_hcalls[i / 64] |= 1UL << (i % 64);
	else
		vm->enabled_hcalls[i / 64] &= ~(1UL << (i % 64));
	return 0;
}

bool hv_vm_hcall_enabled(const struct hv_vm *vm, unsigned long nr)
{
	unsigned long i = nr / 4;

	if ((nr & 3) || nr > HV_MAX_HCALL)
		return false;
	return vm->enabled_hcalls[i / 64] & (1UL << (i % 64));
}

int hv_vcpu_create(struct hv_vm *vm, unsigned int id, struct hv_vcpu **vcpup)
{
	struct hv_vcpu *vcpu;

	*vcpup = NULL;
	if (id >= HV_MAX_VCPUS)
		return -HV_EINVAL;
	if (vm->vcpus[id])
		return -HV_EEXIST;
	/* Zeroed like the seed's kzalloc'd vcpu. */
	vcpu = hv_zalloc(sizeof(*vcpu));
	if (!vcpu)
		return -HV_ENOMEM;
	vcpu->vm = vm;
	vcpu->vcpu_id = id;
	vcpu->shregs.msr = MSR_SF | MSR_ME;
	vcpu->regs.msr = vcpu->shregs.msr;
	/* The host's PVR: a POWER7 guest cannot be told it runs on anything else. */
	vcpu->pvr = hv_mfspr(SPRN_PVR);
	vcpu->mmcr[0] = HV_MMCR0_FC;
	vcpu->ctrl = HV_CTRL_RUNLATCH;
	vcpu->last_cpu = -1;
	vcpu->last_inst = HV_INST_FETCH_FAILED;
	/* DEC at its largest positive value: nothing pending until the guest sets it. */
	vcpu->dec_expires = hv_mftb() + HV_DEC_MAX;
	vm->vcpus[id] = vcpu;
	vm->nvcpus++;
	*vcpup = vcpu;
	return 0;
}

struct hv_vcpu *hv_vm_vcpu(struct hv_vm *vm, unsigned int id)
{
	return id < HV_MAX_VCPUS ? vm->vcpus[id] : NULL;
}

void hv_vcpu_get_regs(const struct hv_vcpu *vcpu, struct hv_regs *regs)
{
	hv_memset(regs, 0, sizeof(*regs));
	regs->pc = vcpu->regs.pc;
	regs->cr = vcpu->regs.cr;
	regs->ctr = vcpu->regs.ctr;
	regs->lr = vcpu->regs.lr;
	regs->xer = vcpu->regs.xer;
	regs->msr = vcpu->shregs.msr;
	regs->srr0 = vcpu->shregs.srr0;
	regs->srr1 = vcpu->shregs.srr1;
	regs->sprg0 = vcpu->shregs.sprg0;
	regs->sprg1 = vcpu->shregs.sprg1;
	regs->sprg2 = vcpu->shregs.sprg2;
	regs->sprg3 = vcpu->shregs.sprg3;
	for (unsigned int i = 0; i < 32; i++)
		regs->gpr[i] = vcpu->regs.gpr[i];
}

void hv_vcpu_set_regs(struct hv_vcpu *vcpu, const struct hv_regs *regs)
{
	vcpu->regs.pc = regs->pc;
	vcpu->regs.cr = regs->cr;
	vcpu->regs.ctr = regs->ctr;
	vcpu->regs.lr = regs->lr;
	vcpu->regs.xer = regs->xer;
	/* kvmppc_set_msr: a new MSR ends a cede. */
	vcpu->shregs.msr = regs->msr;
	vcpu->regs.msr = regs->msr;
	vcpu->ceded = false;
	vcpu->shregs.srr0 = regs->srr0;
	vcpu->shregs.srr1 = regs->srr1;
	vcpu->shregs.sprg0 = regs->sprg0;
	vcpu->shregs.sprg1 = regs->sprg1;
	vcpu->shregs.sprg2 = regs->sprg2;
	vcpu->shregs.sprg3 = regs->sprg3;
	for (unsigned int i = 0; i < 32; i++)
		vcpu->regs.gpr[i] = regs->gpr[i];
	/*
	 * The VMM gave the vcpu a whole new register state (RTAS start-cpu
	 * after stop-self, a reset): the completion of the userspace hcall it
	 * last exited with belongs to the old state and would overwrite r3-r12
	 * of the new one on the next run.
	 */
	vcpu->hcall_needed = false;
}

u64 hv_vcpu_get_dec_expires(const struct hv_vcpu *vcpu)
{
	return vcpu->dec_expires;
}

void hv_vcpu_set_dec_expires(struct hv_vcpu *vcpu, u64 tb)
{
	vcpu->dec_expires = tb;
	vcpu->pending_exceptions &= ~HV_PEND_DEC;
}

void hv_vcpu_interrupt(struct hv_vcpu *vcpu, bool raise)
{
	if (raise)
		vcpu->pending_exceptions |= HV_PEND_EXTERNAL_LEVEL;
	else
		vcpu->pending_exceptions &= ~HV_PEND_EXTERNAL_LEVEL;
}

/* ---- interrupts to the guest ----------------------------------------------- */

void hv_inject_interrupt(struct hv_vcpu *vcpu, unsigned int vec, u64 srr1_flags)
{
	u64 w[TRI_NWORDS];

	vcpu->shregs.srr0 = vcpu->regs.pc;
	vcpu->shregs.srr1 = (vcpu->shregs.msr & HV_SRR1_MSR_BITS) | srr1_flags;
	vcpu->regs.pc = vec;
	/* The interrupt MSR of a HV guest: 64-bit, machine checks on (reset_msr). */
	vcpu->shregs.msr = MSR_SF | MSR_ME;
	vcpu->regs.msr = vcpu->shregs.msr;
	w[TRI_VCPU] = vcpu->vcpu_id;
	w[TRI_VEC] = vec;
	w[TRI_SRR0] = vcpu->shregs.srr0;
	w[TRI_SRR1] = vcpu->shregs.srr1;
	hv_trace_words(HV_TR_INJECT, w, TRI_NWORDS);
}

void hv_deliver_interrupts(struct hv_vcpu *vcpu)
{
	struct hv_kvm *kvm = vcpu->vm->kvm;
	bool ee = vcpu->shregs.msr & MSR_EE;

	/*
	 * LPCR[MER] asks hardware for an external interrupt as soon as the
	 * guest sets MSR[EE]: set while the line is up and EE is off.
	 */
	if ((vcpu->pending_exceptions & HV_PEND_EXTERNAL_LEVEL) && !ee)
		kvm->lpcr |= LPCR_MER;
	else
		kvm->lpcr &= ~LPCR_MER;
	if (!ee)
		return;
	/*
	 * Only the external line needs software: a guest DEC that expired
	 * while the vcpu was out is negative on entry and hardware delivers it.
	 */
	if (vcpu->pending_exceptions & HV_PEND_EXTERNAL_LEVEL)
		hv_inject_interrupt(vcpu, BOOK3S_INTERRUPT_EXTERNAL, 0);
}

/* ---- exit routing ------------------------------------------------------------ */

static void hv_trace_exit(struct hv_vcpu *vcpu)
{
	u64 w[TRX_NWORDS];

	if (!hv_trace_enabled())
		return;
	w[TRX_VCPU] = vcpu->vcpu_id;
	w[TRX_TRAP] = vcpu->trap;
	w[TRX_PC] = vcpu->regs.pc;
	w[TRX_MSR] = vcpu->shregs.msr;
	w[TRX_CEDED] = vcpu->ceded;
	w[TRX_SRR0] = vcpu->shregs.srr0;
	w[TRX_SRR1] = vcpu->shregs.srr1;
	w[TRX_DAR] = vcpu->shregs.dar;
	w[TRX_DSISR] = vcpu->shregs.dsisr;
	w[TRX_HDAR] = vcpu->fault_dar;
	w[TRX_HDSISR] = vcpu->fault_dsisr;
	w[TRX_HEIR] = vcpu->last_inst;
	w[TRX_DEC_EXPIRES] = vcpu->dec_expires;
	w[TRX_LR] = vcpu->regs.lr;
	w[TRX_CTR] = vcpu->regs.ctr;
	w[TRX_CR] = vcpu->regs.cr;
	w[TRX_XER] = vcpu->regs.xer;
	for (unsigned int i = 0; i < 32; i++)
		w[TRX_GPR0 + i] = vcpu->regs.gpr[i];
	hv_trace(HV_TR_GUEST_EXIT, w, sizeof(w));
}

static void hv_trace_page_fault(struct hv_vcpu *vcpu, u64 ea, u64 bits)
{
	u64 w[TRP_NWORDS] = { vcpu->vcpu_id, vcpu->trap, vcpu->regs.pc, ea, bits };

	hv_trace_words(HV_TR_PAGE_FAULT, w, TRP_NWORDS);
}

int hv_handle_exit(struct hv_vcpu *vcpu)
{
	struct hv_run *run = &vcpu->run;
	u32 trap = vcpu->trap;

	run->exit_reason = KVM_EXIT_UNKNOWN;
	run->ready_for_interrupt_injection = 1;
	vcpu->stats.exits[(trap >> 5) & 127]++;

	/* A saved MSR with HV set: the exit came from the entry/exit window. */
	if (vcpu->shregs.msr & MSR_HV) {
		run->exit_reason = KVM_EXIT_INTERNAL_ERROR;
		run->internal.suberror = 0;
		run->internal.ndata = 2;
		run->internal.data[0] = trap;
		run->internal.data[1] = vcpu->shregs.msr;
		return RESUME_HOST;
	}

	switch (trap) {
	case BOOK3S_INTERRUPT_HV_DECREMENTER:
		/* The host only wanted the CPU back for its timer tick. */
		vcpu->stats.dec_exits++;
		return RESUME_GUEST;
	case BOOK3S_INTERRUPT_EXTERNAL:
		/* The host's handler ran when interrupts came back on. */
		vcpu->stats.ext_exits++;
		return RESUME_GUEST;
	case BOOK3S_INTERRUPT_PERFMON:
		return RESUME_GUEST;
	case BOOK3S_INTERRUPT_PROGRAM:
		/*
		 * Firmware turned an HEA into a 0x700: reflect it with the
		 * reason bits of the trapping MSR.
		 */
		hv_inject_interrupt(vcpu, BOOK3S_INTERRUPT_PROGRAM,
				    vcpu->shregs.srr1 & HV_SRR1_PROGTRAP_BITS);
		return RESUME_GUEST;
	case BOOK3S_INTERRUPT_SYSCALL:
		/* sc 1 from guest problem state is the guest kernel's syscall. */
		if (vcpu->shregs.msr & MSR_PR) {
			hv_inject_interrupt(vcpu, BOOK3S_INTERRUPT_SYSCALL, 0);
			return RESUME_GUEST;
		}
		run->papr_hcall.nr = vcpu->regs.gpr[3];
		for (unsigned int i = 0; i < 9; i++)
			run->papr_hcall.args[i] = vcpu->regs.gpr[4 + i];
		run->exit_reason = KVM_EXIT_PAPR_HCALL;
		vcpu->hcall_needed = true;
		return RESUME_HOST;
	case BOOK3S_INTERRUPT_H_DATA_STORAGE:
		/*
		 * A bad real-mode (VRMA) access: with only LPCR[VPM0] set,
		 * relocated faults go to the guest by hardware.
		 */
		vcpu->shregs.dar = vcpu->fault_dar;
		vcpu->shregs.dsisr = vcpu->fault_dsisr;
		hv_trace_page_fault(vcpu, vcpu->fault_dar, vcpu->fault_dsisr);
		hv_inject_interrupt(vcpu, BOOK3S_INTERRUPT_DATA_STORAGE, 0);
		return RESUME_GUEST;
	case BOOK3S_INTERRUPT_H_INST_STORAGE:
		hv_trace_page_fault(vcpu, vcpu->regs.pc, HV_SRR1_HISI_ISI);
		hv_inject_interrupt(vcpu, BOOK3S_INTERRUPT_INST_STORAGE, HV_SRR1_HISI_ISI);
		return RESUME_GUEST;
	case BOOK3S_INTERRUPT_H_EMUL_ASSIST:
		/* No instruction is emulated: an illegal-instruction program interrupt. */
		hv_inject_interrupt(vcpu, BOOK3S_INTERRUPT_PROGRAM, HV_SRR1_PROGILL);
		return RESUME_GUEST;
	default:
		hv_pr_warn("vcpu %u: unhandled trap 0x%x at pc 0x%llx msr 0x%llx",
			   vcpu->vcpu_id, trap, (unsigned long long)vcpu->regs.pc,
			   (unsigned long long)vcpu->shregs.msr);
		run->hw.hardware_exit_reason = trap;
		return RESUME_HOST;
	}
}

/* ---- the run loop ------------------------------------------------------------- */

static void hv_complete_user_hcall(struct hv_vcpu *vcpu)
{
	vcpu->regs.gpr[3] = vcpu->run.papr_hcall.ret;
	for (unsigned int i = 0; i < 9; i++)
		vcpu->regs.gpr[4 + i] = vcpu->run.papr_hcall.args[i];
	vcpu->hcall_needed = false;
	hv_trace_hcall_exit(vcpu, vcpu->run.papr_hcall.nr, (long)vcpu->run.papr_hcall.ret, true);
}

static int hv_user_exit(struct hv_vcpu *vcpu, int ret)
{
	u64 w[TRU_NWORDS];

	w[TRU_VCPU] = vcpu->vcpu_id;
	w[TRU_REASON] = vcpu->run.exit_reason;
	w[TRU_DETAIL] = vcpu->run.exit_reason == KVM_EXIT_PAPR_HCALL ? vcpu->run.papr_hcall.nr :
		vcpu->run.exit_reason == HV_EXIT_CEDED ? vcpu->run.ceded.wake_tb : vcpu->trap;
	hv_trace_words(HV_TR_USER_EXIT, w, TRU_NWORDS);
	return ret;
}

bool hv_vcpu_has_wakeup(struct hv_vcpu *vcpu)
{
	if ((s64)(hv_mftb() - vcpu->dec_expires) >= 0)
		vcpu->pending_exceptions |= HV_PEND_DEC;
	return vcpu->prodded ||
	       (vcpu->pending_exceptions & (HV_PEND_EXTERNAL_LEVEL | HV_PEND_DEC));
}

/*
 * Before an entry: a ceded vcpu sleeps until a wakeup (returns 1: the VMM
 * must wait, run.exit_reason = HV_EXIT_CEDED), then queued interrupts are
 * delivered and the entry is traced.  0: enter now.
 */
int hv_vcpu_prepare_entry(struct hv_vcpu *vcpu)
{
	u64 w[TRE_NWORDS];

	if (vcpu->ceded) {
		if (!hv_vcpu_has_wakeup(vcpu)) {
			vcpu->run.exit_reason = HV_EXIT_CEDED;
			vcpu->run.ceded.wake_tb = vcpu->dec_expires;
			hv_user_exit(vcpu, 0);
			return 1;
		}
		vcpu->ceded = false;
		vcpu->prodded = false;
		/*
		 * Woken by its timer: the DEC interrupt is queued, as the
		 * kernel's cede timer does (the DEC may read 0, not yet
		 * negative, at the expiry tick).  An external goes first.
		 */
		if ((vcpu->pending_exceptions & HV_PEND_DEC) &&
		    !(vcpu->pending_exceptions & HV_PEND_EXTERNAL_LEVEL) &&
		    (vcpu->shregs.msr & MSR_EE))
			hv_inject_interrupt(vcpu, BOOK3S_INTERRUPT_DECREMENTER, 0);
		vcpu->pending_exceptions &= ~HV_PEND_DEC;
		{
			u64 c[TRC_NWORDS] = { vcpu->vcpu_id, 0, hv_mftb() };

			hv_trace_words(HV_TR_CEDE, c, TRC_NWORDS);
		}
	}
	hv_deliver_interrupts(vcpu);

	if (!hv_trace_enabled())
		return 0;
	w[TRE_VCPU] = vcpu->vcpu_id;
	w[TRE_PC] = vcpu->regs.pc;
	w[TRE_MSR] = vcpu->shregs.msr;
	w[TRE_PENDING] = vcpu->pending_exceptions;
	w[TRE_CEDED] = vcpu->ceded;
	hv_trace(HV_TR_GUEST_ENTER, w, sizeof(w));
	return 0;
}

/*
 * After an exit (vcpu->trap and the saved state set): route it, handle an
 * hcall in the kernel if it can be, and prepare the next entry.  RESUME_GUEST
 * when the guest can be entered at once, RESUME_HOST when the VMM must act
 * (run.exit_reason says why; the userspace exit is traced).  Exposed so that
 * trace replay drives exactly what the run loop does.
 */
int hv_vcpu_exit_dispatch(struct hv_vcpu *vcpu)
{
	int r;

	hv_trace_exit(vcpu);
	r = hv_handle_exit(vcpu);
	if (r == RESUME_HOST && vcpu->run.exit_reason == KVM_EXIT_PAPR_HCALL)
		r = hv_pseries_do_hcall(vcpu);
	if (r != RESUME_GUEST) {
		hv_user_exit(vcpu, 0);
		return RESUME_HOST;
	}
	return hv_vcpu_prepare_entry(vcpu) ? RESUME_HOST : RESUME_GUEST;
}

/*
 * hcall_try_real_mode (reference kvm-book3s-hv 2.3, 4.5 step 6): an hcall
 * the real-mode table handles is dispatched here, in the guest partition,
 * and the guest is entered again at once (fast_guest_return).
 *  1. Only sc 1 from guest supervisor state (problem state is reflected by
 *     the full exit), an enabled hcall with a real-mode handler, and a host
 *     tick not due soon (HV_HDEC_FAST_MIN); anything else takes the full
 *     exit.
 *  2. Save what the exit trace point and the dispatch read, exactly as the
 *     full exit saves it (hv_switch_to_host steps 3, 4, 7 and 9); the rest of
 *     the guest state stays live in the registers.
 *  3. Dispatch as the full exit does: the same trace points and statistics.
 *  4. fast_guest_return: load what the dispatch changed that the partition
 *     switch would otherwise load (SRR0/1 and PC/MSR of a delivered interrupt,
 *     LPCR[MER], DABR/DABRX of H_SET_DABR), then re-enter.
 */
int hv_vcpu_exit_fast(struct hv_vcpu *vcpu, u32 trap)
{
	struct hv_kvm *kvm = vcpu->vm->kvm;

	/* 1. */
	if (trap != BOOK3S_INTERRUPT_SYSCALL || (vcpu->regs.msr & (MSR_PR | MSR_HV)) ||
	    !hv_hcall_real_mode(vcpu->vm, vcpu->regs.gpr[3]) ||
	    (s32)hv_mfspr(SPRN_HDEC) < HV_HDEC_FAST_MIN)
		return HV_FAST_NONE;

	/* 2. */
	vcpu->shregs.srr0 = hv_mfspr(SPRN_SRR0);
	vcpu->shregs.srr1 = hv_mfspr(SPRN_SRR1);
	vcpu->shregs.msr = vcpu->regs.msr;
	vcpu->last_inst = HV_INST_FETCH_FAILED;
	vcpu->shregs.dar = hv_mfspr(SPRN_DAR);
	vcpu->shregs.dsisr = (u32)hv_mfspr(SPRN_DSISR);
	vcpu->fault_dar = vcpu->shregs.dar;
	vcpu->fault_dsisr = vcpu->shregs.dsisr;
	vcpu->dec_expires = hv_mftb() + (u64)(s64)(s32)hv_mfspr(SPRN_DEC);

	/* 3. */
	vcpu->trap = trap;
	if (hv_vcpu_exit_dispatch(vcpu) != RESUME_GUEST)
		return HV_FAST_HOST;

	/* 4. */
	if (hv_mfspr(SPRN_SRR0) != vcpu->shregs.srr0)
		hv_mtspr(SPRN_SRR0, vcpu->shregs.srr0);
	if (hv_mfspr(SPRN_SRR1) != vcpu->shregs.srr1)
		hv_mtspr(SPRN_SRR1, vcpu->shregs.srr1);
	if (hv_mfspr(SPRN_DABR) != vcpu->dabr || hv_mfspr(SPRN_DABRX) != vcpu->dabrx) {
		hv_mtspr(SPRN_DABR, vcpu->dabr);
		hv_mtspr(SPRN_DABRX, vcpu->dabrx);
	}
	if (hv_mfspr(SPRN_LPCR) != kvm->lpcr) {
		hv_mtspr(SPRN_LPCR, kvm->lpcr);
		hv_isync();
	}
	vcpu->regs.msr = (vcpu->shregs.msr & ~MSR_HV) | MSR_ME;
	return HV_FAST_GUEST;
}

int hv_vcpu_run(struct hv_vcpu *vcpu)
{
	struct hv_vm *vm = vcpu->vm;
	int r;

	/* Single-thread mode (seed): thread 0 of a core with its siblings offline. */
	if (hv_thread_id() != 0 || hv_siblings_online())
		return -HV_EBUSY;
	if (!vm->rma_setup_done) {
		r = hv_kvm_setup_vrma(vm->kvm);
		if (r && r != -HV_EEXIST)
			return r;
		vm->rma_setup_done = true;
	}
	if (vcpu->hcall_needed)
		hv_complete_user_hcall(vcpu);
	vcpu->run.exit_reason = KVM_EXIT_UNKNOWN;

	if (hv_vcpu_prepare_entry(vcpu))
		return 0;
	for (;;) {
		u32 trap = hv_switch_and_run(vcpu);

		/* Dispatched in the guest partition; the VMM must act. */
		if (trap == HV_TRAP_DISPATCHED)
			return 0;
		vcpu->trap = trap;
		if (vcpu->trap == HV_TRAP_NONE) {
			/* The host wants the CPU back (a signal, in the kernel). */
			vcpu->run.exit_reason = KVM_EXIT_INTR;
			return hv_user_exit(vcpu, -HV_EINTR);
		}
		if (hv_vcpu_exit_dispatch(vcpu) != RESUME_GUEST)
			return 0;
	}
}
