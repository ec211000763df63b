// SPDX-License-Identifier: GPL-2.0-only
/*
 * Hcall dispatch: one table indexed by opcode / 4, registered here in one
 * place and grouped by PAPR function set.  Each entry may have a real-mode
 * handler (tried first, as the kernel's hcall_real_table) and a virtual-mode
 * one (kvmppc_pseries_do_hcall); H_TOO_HARD from the first falls through to
 * the second, and from the second to userspace.  Disabled hcalls, hcalls with
 * no entry and the private range (H_RTAS) go to userspace as
 * KVM_EXIT_PAPR_HCALL.
 */
#include "hv_env.h"
#include "hv/hv_hpt.h"
#include "hv/hv_vcpu.h"
#include "hv/trace.h"

typedef long (*hv_hcall_fn)(struct hv_vcpu *vcpu, unsigned long *args);

struct hv_hcall_entry {
	hv_hcall_fn real_mode;		/* book3s_hv_rm_*.c: runs with the MMU off */
	hv_hcall_fn virt_mode;		/* book3s_hv.c: kernel virtual mode */
	bool default_on;		/* in the kernel's default_hcall_list */
};

/* DABRX bits (asm/reg.h) */
#define HV_DABRX_USER		0x1UL
#define HV_DABRX_KERNEL		0x2UL
#define HV_DABRX_BTI		0x8UL

/* H_PAGE_INIT flags in r4 (PAPR 14.5.4.3.6): zero, copy, icache sync/invalidate. */
#define HV_PAGE_INIT_ZERO	0x8000UL
#define HV_PAGE_INIT_COPY	0x4000UL
#define HV_PAGE_INIT_ICINV	0x1000UL
#define HV_PAGE_INIT_ICSYNC	0x0800UL
#define HV_PAGE_4K		4096UL

/* H_REGISTER_VPA (PAPR 14.11.3.2; reference 9) */
#define HV_VPA_ALIGN		128
#define HV_VPA_MIN_LEN		640
#define HV_DTL_ENTRY_LEN	48
#define HV_SLB_SHADOW_MIN	8
#define HV_LPPACA_OLD_STATUS	9	/* byte holding the shared-processor bit */
#define HV_LPPACA_SHARED_PROC	0x02
#define HV_LPPACA_YIELD_COUNT	0x100

/* ---- pft: the HPT hcalls, real mode ----------------------------------------- */

/*
 * HPT change trace points: the guest-visible dwords of the HPTEs an hcall may
 * touch are snapshot before it, and every one that changed is reported with
 * its before/after guest view and the dwords hardware now walks.
 */
#define HV_HPTE_SNAP_MAX	8
/* The RPN bits that select the 16 MB backing page: the host's in hardware, the guest's in a trace. */
#define HV_HW_R_PAGE		(HPTE_R_RPN & ~(HV_RAM_PAGE_SIZE - 1))

struct hv_hpte_snap {
	unsigned int n;
	unsigned long idx[HV_HPTE_SNAP_MAX];
	u64 v[HV_HPTE_SNAP_MAX], r[HV_HPTE_SNAP_MAX];
};

static void hv_hpte_view(const struct hv_kvm *kvm, unsigned long i, u64 *v, u64 *r)
{
	*v = hv_hpte_load(kvm->hpt_virt + 2 * i) & ~HPTE_V_HVLOCK;
	*r = kvm->rev[i].guest_rpte;
}

static void hv_snap_add(const struct hv_kvm *kvm, struct hv_hpte_snap *s, unsigned long i)
{
	if (i >= kvm->hpt_npte || s->n >= HV_HPTE_SNAP_MAX)
		return;
	/*
	 * Once per entry: an H_BULK_REMOVE may name one several times, and
	 * two records with the same "before" would contradict each other.
	 */
	for (unsigned int k = 0; k < s->n; k++)
		if (s->idx[k] == i)
			return;
	s->idx[s->n] = i;
	hv_hpte_view(kvm, i, &s->v[s->n], &s->r[s->n]);
	s->n++;
}

static void hv_snap_report(struct hv_vcpu *vcpu, const struct hv_hpte_snap *s)
{
	const struct hv_kvm *kvm = vcpu->vm->kvm;

	for (unsigned int k = 0; k < s->n; k++) {
		u64 w[TRT_NWORDS];

		hv_hpte_view(kvm, s->idx[k], &w[TRT_V_NEW], &w[TRT_R_NEW]);
		if (w[TRT_V_NEW] == s->v[k] && w[TRT_R_NEW] == s->r[k])
			continue;
		w[TRT_VCPU] = vcpu->vcpu_id;
		w[TRT_INDEX] = s->idx[k];
		w[TRT_V_OLD] = s->v[k];
		w[TRT_R_OLD] = s->r[k];
		w[TRT_HW_V] = hv_hpte_load(kvm->hpt_virt + 2 * s->idx[k]);
		/*
		 * What hardware holds in dword 1, but with the guest's page
		 * number: a trace never carries a host real address.
		 */
		w[TRT_HW_R] = (hv_hpte_load(kvm->hpt_virt + 2 * s->idx[k] + 1) & ~HV_HW_R_PAGE) |
			      (w[TRT_R_NEW] & HV_HW_R_PAGE);
		hv_trace(HV_TR_HPTE, w, sizeof(w));
	}
}

static long hv_rm_h_enter(struct hv_vcpu *vcpu, unsigned long *args)
{
	struct hv_kvm *kvm = vcpu->vm->kvm;
	struct hv_hpte_snap s = { 0 };
	unsigned long group = args[1] & ~7UL;
	long ret;

	/* H_ENTER picks a slot of the PTEG holding pte_index (or that one, H_EXACT). */
	for (unsigned int i = 0; i < HV_HPTES_PER_GROUP; i++)
		hv_snap_add(kvm, &s, group + i);
	ret = hv_h_enter(kvm, args);
	hv_snap_report(vcpu, &s);
	return ret;
}

static long hv_rm_one(struct hv_vcpu *vcpu, unsigned long *args,
		      long (*fn)(struct hv_kvm *kvm, unsigned long *args))
{
	struct hv_kvm *kvm = vcpu->vm->kvm;
	struct hv_hpte_snap s = { 0 };
	long ret;

	hv_snap_add(kvm, &s, args[1]);
	ret = fn(kvm, args);
	hv_snap_report(vcpu, &s);
	return ret;
}

static long hv_rm_h_remove(struct hv_vcpu *vcpu, unsigned long *args)
{
	return hv_rm_one(vcpu, args, hv_h_remove);
}

static long hv_rm_h_read(struct hv_vcpu *vcpu, unsigned long *args)
{
	return hv_h_read(vcpu->vm->kvm, args);
}

static long hv_rm_h_protect(struct hv_vcpu *vcpu, unsigned long *args)
{
	return hv_rm_one(vcpu, args, hv_h_protect);
}

static long hv_rm_h_clear_ref(struct hv_vcpu *vcpu, unsigned long *args)
{
	return hv_rm_one(vcpu, args, hv_h_clear_ref);
}

static long hv_rm_h_clear_mod(struct hv_vcpu *vcpu, unsigned long *args)
{
	return hv_rm_one(vcpu, args, hv_h_clear_mod);
}

static long hv_rm_h_bulk_remove(struct hv_vcpu *vcpu, unsigned long *args)
{
	struct hv_kvm *kvm = vcpu->vm->kvm;
	struct hv_hpte_snap s = { 0 };
	long ret;

	for (unsigned int i = 0; i < 4; i++)
		if ((args[2 * i] >> HV_BULK_TYPE_SHIFT) == HV_BULK_REQUEST)
			hv_snap_add(kvm, &s, args[2 * i] & HV_BULK_PTEX);
	ret = hv_h_bulk_remove(kvm, args);
	hv_snap_report(vcpu, &s);
	return ret;
}

/* ---- dabr / xdabr ----------------------------------------------------------------- */

static long hv_set_xdabr(struct hv_vcpu *vcpu, unsigned long dabr, unsigned long dabrx)
{
	/* Only user/kernel matching (and BTI); at least one of user and kernel. */
	if ((dabrx & ~(HV_DABRX_USER | HV_DABRX_KERNEL | HV_DABRX_BTI)) ||
	    !(dabrx & (HV_DABRX_USER | HV_DABRX_KERNEL)))
		return H_PARAMETER;
	vcpu->dabr = dabr;
	vcpu->dabrx = dabrx;
	return H_SUCCESS;
}

static long hv_rm_h_set_dabr(struct hv_vcpu *vcpu, unsigned long *args)
{
	return hv_set_xdabr(vcpu, args[0], HV_DABRX_USER | HV_DABRX_KERNEL);
}

static long hv_rm_h_set_xdabr(struct hv_vcpu *vcpu, unsigned long *args)
{
	return hv_set_xdabr(vcpu, args[0], args[1]);
}

/* ---- splpar: cede, prod, confer, VPA ------------------------------------------- */

static long hv_h_cede(struct hv_vcpu *vcpu, unsigned long *args)
{
	/* The guest sleeps with interrupts enabled (PAPR H_CEDE). */
	vcpu->shregs.msr |= MSR_EE;
	vcpu->regs.msr = vcpu->shregs.msr;
	vcpu->stats.ceded++;
	if (vcpu->prodded) {
		vcpu->prodded = false;
		return H_SUCCESS;
	}
	vcpu->ceded = true;
	{
		u64 w[TRC_NWORDS] = { vcpu->vcpu_id, 1, vcpu->dec_expires };

		hv_trace(HV_TR_CEDE, w, sizeof(w));
	}
	return H_SUCCESS;
}

static long hv_h_prod(struct hv_vcpu *vcpu, unsigned long *args)
{
	struct hv_vcpu *target = hv_vm_vcpu(vcpu->vm, (unsigned int)args[0]);

	if (args[0] >= HV_MAX_VCPUS || !target)
		return H_PARAMETER;
	target->prodded = true;
	return H_SUCCESS;
}

static long hv_h_confer(struct hv_vcpu *vcpu, unsigned long *args)
{
	/* A no-op in 2011: one vcpu per core, nothing to yield to. */
	return H_SUCCESS;
}

static long hv_h_set_sprg0(struct hv_vcpu *vcpu, unsigned long *args)
{
	vcpu->shregs.sprg0 = args[0];
	return H_SUCCESS;
}

/* Guest memory area [addr, addr + len) inside one 4 KiB page, or NULL. */
static u8 *hv_vpa_area(struct hv_vcpu *vcpu, u64 addr, u64 len)
{
	if ((addr & (HV_PAGE_4K - 1)) + len > HV_PAGE_4K)
		return NULL;
	return hv_vm_gpa_ptr(vcpu->vm, addr, len);
}

static long hv_register_vpa(struct hv_vcpu *tvcpu, unsigned long subfunc, u64 addr)
{
	u8 *p;
	u64 len;

	if (addr & (HV_VPA_ALIGN - 1))
		return H_PARAMETER;
	p = hv_vm_gpa_ptr(tvcpu->vm, addr, 8);
	if (!p)
		return H_PARAMETER;
	switch (subfunc) {
	case H_VPA_REG_VPA:
		len = hv_load_be16(p + 4);
		if (len < HV_VPA_MIN_LEN)
			return H_PARAMETER;
		p = hv_vpa_area(tvcpu, addr, len);
		if (!p)
			return H_PARAMETER;
		/* init_vpa: shared processor, yield count 1 (odd: not running). */
		p[HV_LPPACA_OLD_STATUS] |= HV_LPPACA_SHARED_PROC;
		hv_store_be32(p + HV_LPPACA_YIELD_COUNT, 1);
		/* Guest memory changed under the guest: as after H_PAGE_INIT. */
		hv_flush_icache_range(p, HV_LPPACA_YIELD_COUNT + 4);
		tvcpu->vpa = addr;
		tvcpu->vpa_len = len;
		return H_SUCCESS;
	case H_VPA_REG_DTL:
		len = hv_load_be32(p + 4);
		len -= len % HV_DTL_ENTRY_LEN;
		if (len < HV_DTL_ENTRY_LEN || !hv_vpa_area(tvcpu, addr, len))
			return H_PARAMETER;
		if (!tvcpu->vpa)
			return H_RESOURCE;
		tvcpu->dtl = addr;
		tvcpu->dtl_len = len;
		return H_SUCCESS;
	default: /* H_VPA_REG_SLB */
		len = hv_load_be32(p + 4);
		if (len < HV_SLB_SHADOW_MIN || !hv_vpa_area(tvcpu, addr, len))
			return H_PARAMETER;
		if (!tvcpu->vpa)
			return H_RESOURCE;
		tvcpu->slb_shadow = addr;
		tvcpu->slb_shadow_len = len;
		return H_SUCCESS;
	}
}

static long hv_h_register_vpa(struct hv_vcpu *vcpu, unsigned long *args)
{
	unsigned long flags = args[0];
	unsigned long subfunc = (flags >> H_VPA_FUNC_SHIFT) & H_VPA_FUNC_MASK;
	struct hv_vcpu *tvcpu;

	if (args[1] >= HV_MAX_VCPUS)
		return H_PARAMETER;
	tvcpu = hv_vm_vcpu(vcpu->vm, (unsigned int)args[1]);
	if (!tvcpu)
		return H_PARAMETER;
	switch (subfunc) {
	case H_VPA_REG_VPA:
	case H_VPA_REG_DTL:
	case H_VPA_REG_SLB:
		return hv_register_vpa(tvcpu, subfunc, args[2]);
	case H_VPA_DEREG_VPA:
		/* The DTL and SLB shadow depend on the VPA. */
		if (tvcpu->dtl || tvcpu->slb_shadow)
			return H_RESOURCE;
		tvcpu->vpa = 0;
		tvcpu->vpa_len = 0;
		return H_SUCCESS;
	case H_VPA_DEREG_DTL:
		tvcpu->dtl = 0;
		tvcpu->dtl_len = 0;
		return H_SUCCESS;
	case H_VPA_DEREG_SLB:
		tvcpu->slb_shadow = 0;
		tvcpu->slb_shadow_len = 0;
		return H_SUCCESS;
	default:	/* 0 and 4 are reserved */
		return H_PARAMETER;
	}
}

/* ---- H_PAGE_INIT ------------------------------------------------------------------ */

static long hv_h_page_init(struct hv_vcpu *vcpu, unsigned long *args)
{
	unsigned long flags = args[0];
	u64 dst = args[1], src = args[2];
	u8 *d, *s = NULL;

	if (flags & ~(HV_PAGE_INIT_ZERO | HV_PAGE_INIT_COPY | HV_PAGE_INIT_ICINV |
		      HV_PAGE_INIT_ICSYNC))
		return H_PARAMETER;
	if (dst & (HV_PAGE_4K - 1))
		return H_PARAMETER;
	d = hv_vm_gpa_ptr(vcpu->vm, dst, HV_PAGE_4K);
	if (!d)
		return H_PARAMETER;
	if (flags & HV_PAGE_INIT_COPY) {
		if (src & (HV_PAGE_4K - 1))
			return H_PARAMETER;
		s = hv_vm_gpa_ptr(vcpu->vm, src, HV_PAGE_4K);
		if (!s)
			return H_PARAMETER;
		/* Copy wins when both are asked for. */
		hv_memcpy(d, s, HV_PAGE_4K);
	} else if (flags & HV_PAGE_INIT_ZERO) {
		hv_memset(d, 0, HV_PAGE_4K);
	}
	if (flags & (HV_PAGE_INIT_ZERO | HV_PAGE_INIT_COPY | HV_PAGE_INIT_ICINV |
		     HV_PAGE_INIT_ICSYNC))
		hv_flush_icache_range(d, HV_PAGE_4K);
	return H_SUCCESS;
}

/* ---- the table ------------------------------------------------------------------- */

static const struct hv_hcall_entry hv_hcall_table[HV_NR_HCALLS] = {
	/* hcall-pft: the guest's HPT (real mode) */
	[H_REMOVE / 4]		= { .real_mode = hv_rm_h_remove, .default_on = true },
	[H_ENTER / 4]		= { .real_mode = hv_rm_h_enter, .default_on = true },
	[H_READ / 4]		= { .real_mode = hv_rm_h_read, .default_on = true },
	[H_CLEAR_MOD / 4]	= { .real_mode = hv_rm_h_clear_mod, .default_on = true },
	[H_CLEAR_REF / 4]	= { .real_mode = hv_rm_h_clear_ref, .default_on = true },
	[H_PROTECT / 4]	= { .real_mode = hv_rm_h_protect, .default_on = true },
	/* hcall-bulk */
	[H_BULK_REMOVE / 4]	= { .real_mode = hv_rm_h_bulk_remove, .default_on = true },
	/* hcall-dabr / hcall-xdabr */
	[H_SET_DABR / 4]	= { .real_mode = hv_rm_h_set_dabr, .default_on = true },
	[H_SET_XDABR / 4]	= { .real_mode = hv_rm_h_set_xdabr, .default_on = true },
	/* hcall-splpar: virtual mode */
	[H_CEDE / 4]		= { .virt_mode = hv_h_cede, .default_on = true },
	[H_CONFER / 4]		= { .virt_mode = hv_h_confer, .default_on = true },
	[H_PROD / 4]		= { .virt_mode = hv_h_prod, .default_on = true },
	[H_REGISTER_VPA / 4]	= { .virt_mode = hv_h_register_vpa, .default_on = true },
	/* hcall-sprg0 */
	[H_SET_SPRG0 / 4]	= { .virt_mode = hv_h_set_sprg0, .default_on = true },
	/* hcall-page-init */
	[H_PAGE_INIT / 4]	= { .virt_mode = hv_h_page_init, .default_on = true },
};

bool hv_hcall_implemented(unsigned long nr)
{
	const struct hv_hcall_entry *e;

	if ((nr & 3) || nr > HV_MAX_HCALL)
		return false;
	e = &hv_hcall_table[nr / 4];
	return e->real_mode || e->virt_mode;
}

void hv_hcall_enable_defaults(struct hv_vm *vm)
{
	for (unsigned long i = 0; i < HV_NR_HCALLS; i++)
		if (hv_hcall_table[i].default_on)
			hv_vm_enable_hcall(vm, i * 4, true);
}

bool hv_hcall_real_mode(const struct hv_vm *vm, unsigned long nr)
{
	return hv_vm_hcall_enabled(vm, nr) && hv_hcall_table[nr / 4].real_mode;
}

static void hv_trace_hcall_enter(struct hv_vcpu *vcpu)
{
	u64 w[TRH_NWORDS];

	if (!hv_trace_enabled())
		return;
	w[TRH_VCPU] = vcpu->vcpu_id;
	w[TRH_REQ] = vcpu->regs.gpr[3];
	for (unsigned int i = 0; i < 9; i++)
		w[TRH_ARG0 + i] = vcpu->regs.gpr[4 + i];
	hv_trace(HV_TR_HCALL_ENTER, w, sizeof(w));
}

void hv_trace_hcall_exit(struct hv_vcpu *vcpu, u64 req, long ret, bool in_user)
{
	u64 w[TRHX_NWORDS];

	if (!hv_trace_enabled())
		return;
	w[TRHX_VCPU] = vcpu->vcpu_id;
	w[TRHX_REQ] = req;
	w[TRHX_RET] = (u64)ret;
	w[TRHX_WHERE] = in_user;
	for (unsigned int i = 0; i < 9; i++)
		w[TRHX_RES0 + i] = vcpu->regs.gpr[4 + i];
	hv_trace(HV_TR_HCALL_EXIT, w, sizeof(w));
}

int hv_pseries_do_hcall(struct hv_vcpu *vcpu)
{
	unsigned long nr = vcpu->regs.gpr[3];
	unsigned long args[9];
	const struct hv_hcall_entry *e;
	long ret = H_TOO_HARD;

	hv_trace_hcall_enter(vcpu);
	if (nr >= 0xf000)
		vcpu->stats.hcalls_private++;
	else if (!(nr & 3) && nr <= HV_MAX_HCALL)
		vcpu->stats.hcalls[nr / 4]++;
	if (!hv_vm_hcall_enabled(vcpu->vm, nr))
		goto to_user;
	e = &hv_hcall_table[nr / 4];
	for (unsigned int i = 0; i < 9; i++)
		args[i] = vcpu->regs.gpr[4 + i];
	if (e->real_mode)
		ret = e->real_mode(vcpu, args);
	if (ret == H_TOO_HARD && e->virt_mode)
		ret = e->virt_mode(vcpu, args);
	if (ret == H_TOO_HARD)
		goto to_user;
	vcpu->regs.gpr[3] = (u64)ret;
	/* Outputs only on success, and only r4.. the call defines (args was a copy). */
	if (ret == H_SUCCESS)
		for (unsigned int i = 0; i < 9; i++)
			vcpu->regs.gpr[4 + i] = args[i];
	/* Completed here: the next run must not replay a stale userspace result. */
	vcpu->hcall_needed = false;
	vcpu->run.exit_reason = KVM_EXIT_UNKNOWN;
	hv_trace_hcall_exit(vcpu, nr, ret, false);
	return RESUME_GUEST;

to_user:
	vcpu->stats.hcalls_to_user++;
	return RESUME_HOST;
}
