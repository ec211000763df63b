/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The HV core's KVM-shaped API: VMs, vcpus, registers, run, and the run
 * structure through which exits reach the VMM (the kvm_run subset a pseries
 * VMM uses).  Mirrors arch/powerpc/kvm/book3s_hv.c of 2011 (seed) plus the
 * in-kernel hcalls of the following commits; names are hv_-prefixed so that
 * they never collide with the kernel's own.
 */
#ifndef HV_VCPU_H
#define HV_VCPU_H

#include "hv_env.h"
#include "hv/hv_kvm.h"

#define HV_MAX_VCPUS		64
#define HV_SLB_NR		32	/* POWER7 SLB entries (slb_nr) */
#define HV_MAX_HCALL		0x45c	/* hcalls indexed by nr / 4 up to H_WATCHDOG */
#define HV_NR_HCALLS		(HV_MAX_HCALL / 4 + 1)
#define HV_INST_FETCH_FAILED	0xffffffffU	/* KVM_INST_FETCH_FAILED */
#define HV_DEC_MAX		0x7fffffffUL	/* the largest positive 32-bit DEC */

/* Exit reason this core adds: the vcpu ceded with nothing pending (like a halt). */
#define HV_EXIT_CEDED		5	/* KVM_EXIT_HLT */

/* struct kvm_run, the subset a pseries VMM uses. */
struct hv_run {
	u32 exit_reason;
	u8 ready_for_interrupt_injection;
	u8 if_flag;
	u16 pad;
	union {
		/* KVM_EXIT_UNKNOWN */
		struct {
			u64 hardware_exit_reason;
		} hw;
		/* KVM_EXIT_INTERNAL_ERROR */
		struct {
			u32 suberror;
			u32 ndata;
			u64 data[4];
		} internal;
		/* KVM_EXIT_PAPR_HCALL: nr = r3, args = r4..r12; the VMM sets ret and args */
		struct {
			u64 nr;
			u64 ret;
			u64 args[9];
		} papr_hcall;
		/* HV_EXIT_CEDED: the time base at which the vcpu wants to wake (DEC expiry) */
		struct {
			u64 wake_tb;
		} ceded;
	};
};

/* struct kvm_vcpu_arch_shared (uapi kvm_para.h): on HV the guest's own copies. */
struct hv_vcpu_shared {
	u64 scratch1, scratch2, scratch3;
	u64 critical;
	u64 sprg0, sprg1, sprg2, sprg3;
	u64 srr0, srr1;
	u64 dar;
	u64 msr;
	u32 dsisr;
	u32 int_pending;
};

/* struct kvm_regs for Book3S: what get/set regs move. */
struct hv_regs {
	u64 pc, cr, ctr, lr, xer, msr;
	u64 srr0, srr1;
	u64 pid;
	u64 sprg0, sprg1, sprg2, sprg3, sprg4, sprg5, sprg6, sprg7;
	u64 gpr[32];
};

/* One saved guest SLB entry (ESID word with the index in its low bits, VSID word). */
struct hv_slb_entry {
	u64 orige;
	u64 origv;
};

/* Pending interrupts queued for delivery at the next entry. */
#define HV_PEND_EXTERNAL_LEVEL	0x1	/* KVM_INTERRUPT raised, until lowered */
#define HV_PEND_DEC		0x2	/* the guest DEC expired while out of the guest */

struct hv_vcpu_stats {
	u64 exits[128];			/* by trap >> 5 */
	u64 hcalls[HV_NR_HCALLS];	/* by nr / 4, handled in the kernel or not */
	u64 hcalls_private;		/* nr >= 0xf000 (KVM/QEMU private range) */
	u64 hcalls_to_user;
	u64 dec_exits, ext_exits, ceded;
};

struct hv_vm;

struct hv_vcpu {
	struct hv_vm *vm;
	unsigned int vcpu_id;
	struct hv_run run;

	/* Volatile state handed to the entry trampoline. */
	struct hv_guest_regs regs;	/* regs.msr mirrors shregs.msr */
	struct hv_vcpu_shared shregs;	/* MSR, SRR0/1, SPRG0-3, DAR, DSISR */

	/* Context-switched SPRs (book3s_hv_switch.c). */
	u64 pvr;
	u64 ctrl;
	u64 dscr, amr, uamor;
	u64 dabr, dabrx;
	u64 purr, spurr;
	u64 cfar, ppr;
	u64 mmcr[3];			/* MMCR0, MMCR1, MMCRA */
	u64 pmc[6];
	u64 siar, sdar;
	u64 dec_expires;		/* guest DEC as an absolute time base value */
	struct hv_slb_entry slb[HV_SLB_NR];
	unsigned int slb_max;

	/* Exit state. */
	u32 trap;
	u64 fault_dar;
	u32 fault_dsisr;
	u32 last_inst;			/* HEIR for 0xe40, else HV_INST_FETCH_FAILED */
	bool hcall_needed;
	u32 pending_exceptions;		/* HV_PEND_* */
	bool ceded, prodded;
	int last_cpu;			/* CPU this vcpu last ran on, -1 never */

	/* Registered areas (guest real addresses; 0 = none). */
	u64 vpa, vpa_len;
	u64 dtl, dtl_len;
	u64 slb_shadow, slb_shadow_len;

	struct hv_vcpu_stats stats;
};

struct hv_vm {
	struct hv_kvm *kvm;
	struct hv_vcpu *vcpus[HV_MAX_VCPUS];
	unsigned int nvcpus;
	/* KVM_CAP_PPC_ENABLE_HCALL: bit nr/4 set = handled in the kernel. */
	unsigned long enabled_hcalls[(HV_NR_HCALLS + 63) / 64];
	bool need_tlb_flush;		/* a fresh LPID may have stale TLB entries */
	bool rma_setup_done;
};

/* ---- book3s_hv.c: lifecycle --------------------------------------------- */

/* Create a VM with a 2^@hpt_order byte HPT (0 = 16 MB). 0 or -HV_E*. */
int hv_vm_create(struct hv_vm **vmp, unsigned int hpt_order);
void hv_vm_destroy(struct hv_vm *vm);
/* Back guest real [@gpa, @gpa + @size) with 16 MB pages (16 MB aligned). */
int hv_vm_add_memory(struct hv_vm *vm, u64 gpa, u64 size);
/* Guest real -> HV pointer for [gpa, gpa + len) inside one 16 MB page, or NULL. */
void *hv_vm_gpa_ptr(struct hv_vm *vm, u64 gpa, u64 len);
/* KVM_CAP_PPC_ENABLE_HCALL: 0, or -HV_EINVAL (unknown nr, or H_RTAS). */
int hv_vm_enable_hcall(struct hv_vm *vm, unsigned long nr, bool enable);
bool hv_vm_hcall_enabled(const struct hv_vm *vm, unsigned long nr);

/* Create vcpu @id: zeroed, MSR = SF|ME, PVR = the host's, MMCR0 = FC, CTRL run latch. */
int hv_vcpu_create(struct hv_vm *vm, unsigned int id, struct hv_vcpu **vcpup);
struct hv_vcpu *hv_vm_vcpu(struct hv_vm *vm, unsigned int id);

void hv_vcpu_get_regs(const struct hv_vcpu *vcpu, struct hv_regs *regs);
/*
 * Replace the vcpu's registers.  A pending userspace hcall completion is
 * dropped: the registers set are the whole new state (what the next run enters with).
 */
void hv_vcpu_set_regs(struct hv_vcpu *vcpu, const struct hv_regs *regs);
/* KVM_REG_PPC_DEC_EXPIRY */
u64 hv_vcpu_get_dec_expires(const struct hv_vcpu *vcpu);
void hv_vcpu_set_dec_expires(struct hv_vcpu *vcpu, u64 tb);
/* KVM_INTERRUPT: raise (true) or lower the external interrupt line of the vcpu. */
void hv_vcpu_interrupt(struct hv_vcpu *vcpu, bool raise);

/*
 * KVM_RUN.  Completes a pending userspace hcall first (r3 = run.papr_hcall.ret,
 * r4..r12 = args), then runs the guest until an exit needs the VMM:
 * KVM_EXIT_PAPR_HCALL, KVM_EXIT_UNKNOWN, KVM_EXIT_INTERNAL_ERROR,
 * HV_EXIT_CEDED (returns 0), or KVM_EXIT_INTR when the host wants the CPU back
 * (-HV_EINTR).  -HV_EBUSY when not on thread 0 of a core with its siblings
 * offline (single-thread mode).
 */
int hv_vcpu_run(struct hv_vcpu *vcpu);

/* ---- book3s_hv.c: exit routing (exposed for tests and replay) ----------- */

/* kvmppc_handle_exit: route vcpu->trap; RESUME_GUEST or RESUME_HOST. */
int hv_handle_exit(struct hv_vcpu *vcpu);
/* Make the guest take interrupt @vec now: SRR0/1 = PC/(MSR & ~0x783f0000 | @srr1_flags). */
void hv_inject_interrupt(struct hv_vcpu *vcpu, unsigned int vec, u64 srr1_flags);
/* Deliver queued interrupts the guest can take (external with EE, DEC). */
void hv_deliver_interrupts(struct hv_vcpu *vcpu);
/*
 * The two halves of the run loop around the hardware, used by hv_vcpu_run
 * and by trace replay: after an exit (route, in-kernel hcall, prepare the
 * next entry; RESUME_GUEST or RESUME_HOST) and before an entry (cede wait,
 * interrupt delivery; 1 when the vcpu stays ceded).
 */
int hv_vcpu_exit_dispatch(struct hv_vcpu *vcpu);
int hv_vcpu_prepare_entry(struct hv_vcpu *vcpu);

/*
 * The exit path's fast side (the seed's hcall_try_real_mode, DESIGN.md "The
 * exit path"), called by the partition switch right after hv_enter_guest()
 * returned @trap, with the guest partition still loaded.  An enabled hcall
 * with a real-mode handler is dispatched there (same trace points and
 * statistics as the full exit): HV_FAST_GUEST when the guest can be entered
 * again at once with no partition switch, HV_FAST_HOST when it was
 * dispatched but the VMM must act (switch out, then return to it), and
 * HV_FAST_NONE for every other exit (the full exit handles it).
 */
#define HV_FAST_NONE		0
#define HV_FAST_GUEST		1
#define HV_FAST_HOST		2
int hv_vcpu_exit_fast(struct hv_vcpu *vcpu, u32 trap);
/*
 * The fast side stays in the guest only with at least this many ticks of
 * the host's slice (HDEC) left: nearer the host's timer tick, the full exit
 * lets the host take it now instead of re-entering for a few ticks (the
 * reasoning of hdec_soon, with room for the host's own work).  The sim
 * environment takes a tick due within SIM_HOST_TICK_SOON at every exit; this
 * is not below it, so both paths see the same ticks.
 */
#define HV_HDEC_FAST_MIN	4096

/* ---- book3s_hv_switch.c --------------------------------------------------- */

/*
 * Partition switch in, run the guest (re-entering it directly after each
 * real-mode hcall, hv_vcpu_exit_fast), partition switch out: returns the
 * trap, or HV_TRAP_DISPATCHED when the exit was already dispatched in the
 * guest partition (vcpu->trap holds it; the VMM must act).
 */
#define HV_TRAP_DISPATCHED	0xfffffffeU
u32 hv_switch_and_run(struct hv_vcpu *vcpu);

/*
 * What follows an exit @trap in the guest partition (exit step 6, entry
 * step 19): HV_TURN_ENTER to enter the guest again at once, HV_TURN_EXIT
 * to leave with *trap (HDEC when the host's slice is nearly over), or
 * HV_TURN_DISPATCHED when the exit was dispatched there and the VMM must
 * act.  hv_switch_and_run() calls it after every hv_enter_guest(); an
 * environment that runs the guest itself may call it too, between
 * hv_guest_loop(vcpu) and hv_guest_loop(NULL), and go on without returning
 * from hv_enter_guest() (hv_env.h): it then returns the last turn's trap,
 * HV_TRAP_NONE when that entry did not take place, or HV_TRAP_DISPATCHED,
 * and taking the turn again for that trap gives the same answer.
 */
#define HV_TURN_ENTER		0
#define HV_TURN_EXIT		1
#define HV_TURN_DISPATCHED	2
int hv_exit_turn(struct hv_vcpu *vcpu, u32 *trap);

/* ---- book3s_hv_hcall.c ---------------------------------------------------- */

/*
 * Handle the hcall in r3 in the kernel if it is enabled and handled here:
 * RESUME_GUEST with r3 (and outputs) set, or RESUME_HOST with
 * run.papr_hcall filled for the VMM.
 */
int hv_pseries_do_hcall(struct hv_vcpu *vcpu);
/* The default in-kernel hcall set (the kernel's default_hcall_list). */
void hv_hcall_enable_defaults(struct hv_vm *vm);
/* Is @nr enabled and handled in real mode (hcall_try_real_mode steps 2-4)? */
bool hv_hcall_real_mode(const struct hv_vm *vm, unsigned long nr);
/* The kvm_hcall_exit trace point: @req's result @ret, completed in userspace or not. */
void hv_trace_hcall_exit(struct hv_vcpu *vcpu, u64 req, long ret, bool in_user);
/* True when hcall @nr has an in-kernel handler. */
bool hv_hcall_implemented(unsigned long nr);
/* Wake conditions of a ceded vcpu: DEC expired, external pending, prodded. */
bool hv_vcpu_has_wakeup(struct hv_vcpu *vcpu);

#endif /* HV_VCPU_H */
