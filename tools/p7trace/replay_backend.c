// SPDX-License-Identifier: GPL-2.0-only
/*
 * The HV core behind `p7trace replay`: hv/ built for the simulator, on a
 * machine laid out exactly as p7sim lays it out (same arena, same allocation
 * order, so the hardware HPTE words match), with no engine: no guest code
 * runs.  For each recorded exit the vcpu is loaded from the record and the
 * run loop's own after-exit code (hv_vcpu_exit_dispatch: exit routing,
 * in-kernel hcalls, preparation of the next entry) runs; what it traces goes
 * back to the framework for comparison.
 *
 * What cannot be replayed from a trace: hcalls that read guest memory the
 * trace does not carry (H_REGISTER_VPA) are skipped; from imported text,
 * only r3..r7 of an hcall are known, so only the dispatcher runs.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hv_env.h"
#include "hv_env_sim.h"
#include "hv/hv_hpt.h"
#include "hv/hv_vcpu.h"
#include "hv/trace.h"
#include "machine.h"
#include "p7trace_replay.h"
#include "timebase.h"

#define MB		((uint64_t)1 << 20)

struct rb {
	struct sim_machine m;
	bool machine_up;
	struct hv_vm *vm;
	struct hv_vcpu *vcpu[HV_MAX_VCPUS];
	unsigned int ncpus;
	p7trace_emit_fn *emit;
	void *ectx;
	uint32_t drop;		/* record type the hook does not compare (its own trigger) */
};

static struct rb backend;

static void rb_sink(void *ctx, uint32_t type, const void *payload, uint32_t len)
{
	struct rb *b = ctx;

	if (b->emit && type != b->drop)
		b->emit(b->ectx, type, payload, len);
}

static void rb_finish(void *ctx)
{
	struct rb *b = ctx;

	hv_vm_destroy(b->vm);
	b->vm = NULL;
	if (b->machine_up)
		sim_machine_destroy(&b->m);
	b->machine_up = false;
}

static int rb_start(void *ctx, const struct p7trace_header *hdr)
{
	struct rb *b = ctx;
	uint64_t mem = hdr->cfg.mem_bytes ? hdr->cfg.mem_bytes : 256 * MB;
	unsigned int order = hdr->cfg.hpt_order ? (unsigned int)hdr->cfg.hpt_order : 24;
	/* p7sim's machine (tools/p7sim/vmm.c): the same arena, the same order of allocation. */
	uint64_t arena = sim_arena_size_for(mem, (uint64_t)1 << order);

	memset(b, 0, sizeof(*b));
	b->ncpus = hdr->cfg.cores ? (unsigned int)hdr->cfg.cores : 1;
	if (b->ncpus > HV_MAX_VCPUS || mem % (16 * MB))
		return -1;
	if (sim_machine_init(&b->m, arena, b->ncpus))
		return -1;
	b->machine_up = true;
	sim_machine_select(&b->m, 0);
	b->m.log_events = false;
	b->m.log_level = 3;
	b->m.trace_sink = rb_sink;
	b->m.trace_ctx = b;
	if (hdr->cfg.tb_per_64k)
		sim_tb_set_ratio(&b->m, hdr->cfg.tb_per_64k, 1 << 16);
	if (hv_vm_create(&b->vm, order) || hv_vm_add_memory(b->vm, 0, mem))
		goto fail;
	/* The core sets the VRMA up on the first run: untraced, like here. */
	if (hv_kvm_setup_vrma(b->vm->kvm))
		goto fail;
	b->vm->rma_setup_done = true;
	for (unsigned int i = 0; i < b->ncpus; i++)
		if (hv_vcpu_create(b->vm, i, &b->vcpu[i]))
			goto fail;
	return 0;
fail:
	rb_finish(b);
	return -1;
}

static int rb_set_hpte(void *ctx, uint64_t index, uint64_t v, uint64_t r)
{
	struct rb *b = ctx;
	struct hv_kvm *kvm = b->vm->kvm;
	const struct hv_ram_page *pg = hv_kvm_ram_page(kvm, r & HPTE_R_RPN);

	if (index >= kvm->hpt_npte)
		return -1;
	kvm->rev[index].guest_rpte = r;
	hv_hpte_store(kvm->hpt_virt + 2 * index + 1,
		      (v & HPTE_V_VALID) && pg ? hv_hpte_hw_rpte(kvm, r, pg->real) : 0);
	hv_hpte_store(kvm->hpt_virt + 2 * index, v & ~HPTE_V_HVLOCK);
	return 0;
}

/*
 * The R and C the guest's references left in an HPTE (HV_TR_HW_RC): the
 * hardware's doing, so straight into dword 1, nothing else changes (with no
 * engine the machine keeps R in the HPTE itself, not in refbits.c).
 */
static int rb_set_rc(void *ctx, uint64_t index, uint64_t rc)
{
	struct rb *b = ctx;
	struct hv_kvm *kvm = b->vm->kvm;
	hv_be64 *r;

	if (index >= kvm->hpt_npte)
		return -1;
	r = kvm->hpt_virt + 2 * index + 1;
	hv_hpte_store(r, (hv_hpte_load(r) & ~(HPTE_R_R | HPTE_R_C)) | (rc & (HPTE_R_R | HPTE_R_C)));
	return 0;
}

/*
 * A ceded vcpu woke up in the run loop's entry, outside a replayed unit
 * (hv_vcpu_prepare_entry): it is no longer ceded and a prod it had is used
 * up.  Without this a later H_CEDE returned at once in replay where it
 * slept in the run (found by the guest-driven fuzzer, --smp with H_PROD).
 */
static int rb_woke(void *ctx, uint32_t id)
{
	struct rb *b = ctx;

	if (id >= b->ncpus)
		return -1;
	b->vcpu[id]->ceded = false;
	b->vcpu[id]->prodded = false;
	return 0;
}

/* The machine's clock at the record: host code takes no simulated time. */
static void rb_time(struct rb *b, const struct p7trace_event *ev)
{
	if ((ev->flags & P7TRACE_EV_TIME) && ev->time > b->m.clock)
		sim_clock_advance(&b->m, NULL, ev->time - b->m.clock);
}

static int rb_exit(void *ctx, struct p7trace_replay *rp, uint32_t id,
		   const struct p7trace_event *ev, p7trace_emit_fn *emit, void *ectx)
{
	struct rb *b = ctx;
	const struct p7trace_vcpu_state *st = p7trace_replay_vcpu(rp, id);
	struct hv_vcpu *v = id < b->ncpus ? b->vcpu[id] : NULL;
	const uint64_t *w = ev->w;

	if (!v)
		return P7TRACE_REPLAY_SKIP;
	/* H_REGISTER_VPA reads guest memory the trace does not have. */
	if (w[TRX_TRAP] == BOOK3S_INTERRUPT_SYSCALL && w[TRX_GPR0 + 3] == H_REGISTER_VPA)
		return P7TRACE_REPLAY_SKIP;
	sim_machine_select(&b->m, id * SIM_THREADS_PER_CORE);
	rb_time(b, ev);
	v->trap = (u32)w[TRX_TRAP];
	v->regs.pc = w[TRX_PC];
	v->shregs.msr = v->regs.msr = w[TRX_MSR];
	v->ceded = w[TRX_CEDED];
	v->shregs.srr0 = w[TRX_SRR0];
	v->shregs.srr1 = w[TRX_SRR1];
	v->shregs.dar = w[TRX_DAR];
	v->shregs.dsisr = (u32)w[TRX_DSISR];
	v->fault_dar = w[TRX_HDAR];
	v->fault_dsisr = (u32)w[TRX_HDSISR];
	v->last_inst = (u32)w[TRX_HEIR];
	v->dec_expires = w[TRX_DEC_EXPIRES];
	v->regs.lr = w[TRX_LR];
	v->regs.ctr = w[TRX_CTR];
	v->regs.cr = w[TRX_CR];
	v->regs.xer = w[TRX_XER];
	for (unsigned int i = 0; i < 32; i++)
		v->regs.gpr[i] = w[TRX_GPR0 + i];
	if (st && st->pending_known)
		v->pending_exceptions = (u32)st->pending;
	v->hcall_needed = false;
	b->emit = emit;
	b->ectx = ectx;
	b->drop = HV_TR_GUEST_EXIT;	/* the record being replayed */
	hv_vcpu_exit_dispatch(v);
	b->emit = NULL;
	return P7TRACE_REPLAY_DONE;
}

static int rb_hcall(void *ctx, struct p7trace_replay *rp, uint32_t id,
		    const struct p7trace_event *ev, p7trace_emit_fn *emit, void *ectx)
{
	struct rb *b = ctx;
	struct hv_vcpu *v = id < b->ncpus ? b->vcpu[id] : NULL;

	if (!v || !p7trace_known(ev, TRH_REQ) || ev->w[TRH_REQ] == H_REGISTER_VPA)
		return P7TRACE_REPLAY_SKIP;
	sim_machine_select(&b->m, id * SIM_THREADS_PER_CORE);
	rb_time(b, ev);
	v->regs.gpr[3] = ev->w[TRH_REQ];
	for (unsigned int i = 0; i < 9; i++)
		v->regs.gpr[4 + i] = p7trace_known(ev, TRH_ARG0 + i) ? ev->w[TRH_ARG0 + i] : 0;
	b->emit = emit;
	b->ectx = ectx;
	b->drop = HV_TR_HCALL_ENTER;
	/* To userspace: the kernel's kvm_hcall_exit says H_TOO_HARD. */
	if (hv_pseries_do_hcall(v) != RESUME_GUEST)
		hv_trace_hcall_exit(v, ev->w[TRH_REQ], H_TOO_HARD, true);
	b->emit = NULL;
	return P7TRACE_REPLAY_DONE;
}

static const struct p7trace_replay_ops hv_replay_ops = {
	.name = "hv (simulator build)",
	.start = rb_start,
	.set_hpte = rb_set_hpte,
	.set_rc = rb_set_rc,
	.woke = rb_woke,
	.exit = rb_exit,
	.hcall = rb_hcall,
	.finish = rb_finish,
};

const struct p7trace_replay_ops *p7trace_replay_backend(void **ctx)
{
	*ctx = &backend;
	return &hv_replay_ops;
}
