// SPDX-License-Identifier: GPL-2.0-only
/*
 * Guest memory by effective address, for a stopped vcpu.
 *
 * The vcpu is out of the guest: its hardware thread holds the host's MSR,
 * SLB and partition registers.  A debugger access is translated as the
 * guest would see it at that moment: the thread is given the guest's MSR
 * (without HV), SLB, LPID, SDR1, LPCR and AMR, the model's MMU translates
 * without side effects (no R/C update, no TLB fill: SIM_XL_PROBE,
 * SIM_XL_NO_TLB), and the host's state is put back.  The engine never sees
 * the borrowed state: nothing it mirrors is marked changed.
 *
 * Protection: a debugger may write what the guest may only read (it plants
 * code, patches constants), so every access is checked as a load: present
 * and readable is enough.  A fault is an error reply, never a failure.
 * Written bytes drop the engine's translated code for them (sim_host).
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "gdb_int.h"
#include "hv/hv_vcpu.h"
#include "hv_env_sim.h"
#include "interrupt.h"
#include "machine.h"
#include "mmu.h"

/* The host state a translation borrows the thread from. */
struct borrowed {
	uint64_t msr, lpcr, sdr1, lpidr, amr;
	struct sim_slbe slb[SIM_SLB_ENTRIES];
};

static struct sim_thread *guest_view(struct p7sim_gdb *g, unsigned int i, struct borrowed *b)
{
	struct hv_vcpu *vc = g->t.vcpu[i];
	struct sim_thread *t = &g->t.m->threads[i * SIM_THREADS_PER_CORE];

	b->msr = t->msr;
	b->lpcr = t->spr[SPRN_LPCR];
	b->sdr1 = t->spr[SPRN_SDR1];
	b->lpidr = t->spr[SPRN_LPID];
	b->amr = t->spr[SPRN_AMR];
	memcpy(b->slb, t->slb, sizeof(b->slb));

	t->msr = vc->shregs.msr & ~MSR_HV;
	t->spr[SPRN_LPCR] = vc->vm->kvm->lpcr;
	t->spr[SPRN_SDR1] = vc->vm->kvm->sdr1;
	t->spr[SPRN_LPID] = vc->vm->kvm->lpid;
	t->spr[SPRN_AMR] = vc->amr;
	memset(t->slb, 0, sizeof(t->slb));
	for (unsigned int j = 0; j < vc->slb_max && j < HV_SLB_NR; j++) {
		unsigned int idx = (unsigned int)(vc->slb[j].orige & 0xfff);

		if (idx < SIM_SLB_ENTRIES) {
			t->slb[idx].esid = vc->slb[j].orige;
			t->slb[idx].vsid = vc->slb[j].origv;
		}
	}
	return t;
}

static void give_back(struct sim_thread *t, const struct borrowed *b)
{
	t->msr = b->msr;
	t->spr[SPRN_LPCR] = b->lpcr;
	t->spr[SPRN_SDR1] = b->sdr1;
	t->spr[SPRN_LPID] = b->lpidr;
	t->spr[SPRN_AMR] = b->amr;
	memcpy(t->slb, b->slb, sizeof(b->slb));
}

static int xlate_full(struct p7sim_gdb *g, unsigned int i, uint64_t ea, struct sim_xlate *x,
		      struct sim_intr *irq)
{
	struct borrowed b;
	struct sim_thread *t = guest_view(g, i, &b);
	unsigned int vec;

	memset(irq, 0, sizeof(*irq));
	vec = sim_mmu_xlate(t, ea, SIM_ACC_LOAD, SIM_XL_PROBE | SIM_XL_NO_TLB, x, irq);
	give_back(t, &b);
	return vec ? -(int)vec : 0;
}

int gdb_xlate(struct p7sim_gdb *g, unsigned int i, uint64_t ea, uint64_t *ra)
{
	struct sim_xlate x;
	struct sim_intr irq;

	if (xlate_full(g, i, ea, &x, &irq))
		return -1;
	*ra = x.ra;
	return 0;
}

/*
 * Before its first entry the HV core has not built the VRMA yet (it does on
 * the first run, like KVM), so a guest in real mode has no translation: a
 * debugger attached with --gdb-wait still reads and writes guest real
 * memory, as the VRMA will map it.
 */
static bool before_vrma(struct p7sim_gdb *g, unsigned int i)
{
	struct hv_vcpu *vc = g->t.vcpu[i];

	return !vc->vm->kvm->vrma_npages && !(vc->shregs.msr & (MSR_IR | MSR_DR));
}

/* Copy in pieces that never cross a 4 KiB page: each is translated on its own. */
static size_t access(struct p7sim_gdb *g, unsigned int i, uint64_t ea, void *buf, size_t len,
		     bool write)
{
	struct sim_arena *a = &g->t.m->arena;
	size_t done = 0;

	while (done < len) {
		uint64_t cur = ea + done, ra;
		size_t n = 4096 - (cur & 4095);
		uint8_t *p;

		if (n > len - done)
			n = len - done;
		if (!gdb_xlate(g, i, cur, &ra)) {
			p = sim_arena_ptr(a, ra, n);
		} else if (!before_vrma(g, i)) {
			break;
		} else {
			/* Guest real mode before the VRMA exists: guest real = EA bits 4:63. */
			p = hv_vm_gpa_ptr(g->t.vm, cur & ~(0xfULL << 60), n);
			ra = p ? sim_arena_ra(a, p) : SIM_RA_NONE;
		}
		if (!p)
			break;
		if (write) {
			memcpy(p, (const uint8_t *)buf + done, n);
			if (sim_host.code_written)
				sim_host.code_written(sim_host.code_ctx, ra, n);
		} else {
			memcpy((uint8_t *)buf + done, p, n);
		}
		done += n;
	}
	return done;
}

size_t gdb_mem_read(struct p7sim_gdb *g, unsigned int i, uint64_t ea, void *buf, size_t len)
{
	return access(g, i, ea, buf, len, false);
}

size_t gdb_mem_write(struct p7sim_gdb *g, unsigned int i, uint64_t ea, const void *buf,
		     size_t len)
{
	return access(g, i, ea, (void *)buf, len, true);
}

/* ---- monitor hpte / slb ------------------------------------------------------------ */

static uint64_t be64_at(const void *p)
{
	const uint8_t *b = p;
	uint64_t v = 0;

	for (int k = 0; k < 8; k++)
		v = v << 8 | b[k];
	return v;
}

void gdb_describe_ea(struct p7sim_gdb *g, unsigned int i, uint64_t ea, char *out, size_t len)
{
	struct hv_vcpu *vc = g->t.vcpu[i];
	struct hv_kvm *kvm = vc->vm->kvm;
	struct borrowed b;
	struct sim_thread *t;
	const struct sim_slbe *s;
	struct sim_xlate x;
	struct sim_intr irq;
	uint64_t msr = vc->shregs.msr;
	bool relocated = msr & MSR_DR;
	size_t n = 0;
	int r;

	t = guest_view(g, i, &b);
	s = relocated ? sim_slb_find(t, ea) : NULL;
	n += (size_t)snprintf(out + n, len - n, "ea 0x%016" PRIx64 " vcpu %u, %s\n", ea, i,
			      relocated ? "data relocation on (MSR[DR]=1)" :
			      "guest real mode: through the VRMA");
	if (relocated && s)
		n += (size_t)snprintf(out + n, len - n, "  SLB  esid 0x%016" PRIx64 "  vsid 0x%016"
				      PRIx64 "\n", s->esid, s->vsid);
	else if (relocated)
		n += (size_t)snprintf(out + n, len - n, "  SLB  no entry (a segment fault)\n");
	give_back(t, &b);
	r = xlate_full(g, i, ea, &x, &irq);
	if (r) {
		snprintf(out + n, len - n, "  no translation: interrupt 0x%x, DSISR 0x%08x\n", -r,
			 irq.dsisr);
		return;
	}
	if (x.relocated && x.hpte_ra >= kvm->hpt_real &&
	    x.hpte_ra < kvm->hpt_real + (1ULL << kvm->hpt_order)) {
		uint64_t idx = (x.hpte_ra - kvm->hpt_real) / 16;
		const uint8_t *p = sim_arena_ptr(&g->t.m->arena, x.hpte_ra, 16);

		n += (size_t)snprintf(out + n, len - n,
				      "  HPTE index 0x%" PRIx64 " (PTEG 0x%" PRIx64 " slot %" PRIu64
				      ")  v 0x%016" PRIx64 "  r 0x%016" PRIx64 " (hardware)\n",
				      idx, idx / 8, idx % 8, p ? be64_at(p) : 0,
				      p ? be64_at(p + 8) : 0);
		if (kvm->rev && idx < kvm->hpt_npte)
			n += (size_t)snprintf(out + n, len - n, "  guest's r 0x%016" PRIx64
					      " (guest real page number)\n",
					      (uint64_t)kvm->rev[idx].guest_rpte);
	}
	snprintf(out + n, len - n, "  real address 0x%" PRIx64 " (host), page size %u KiB\n",
		 x.ra, x.page_shift ? (1u << x.page_shift) >> 10 : 0);
}

void gdb_describe_slb(struct p7sim_gdb *g, unsigned int i, char *out, size_t len)
{
	struct hv_vcpu *vc = g->t.vcpu[i];
	size_t n = 0;

	n += (size_t)snprintf(out + n, len - n, "vcpu %u: %u SLB entries saved at the last exit\n",
			      i, vc->slb_max);
	for (unsigned int j = 0; j < vc->slb_max && j < HV_SLB_NR && n < len; j++)
		n += (size_t)snprintf(out + n, len - n, "  %2u  esid 0x%016" PRIx64 "  vsid 0x%016"
				      PRIx64 "\n", j, (uint64_t)vc->slb[j].orige,
				      (uint64_t)vc->slb[j].origv);
}
