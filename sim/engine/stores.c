// SPDX-License-Identifier: GPL-2.0-only
/*
 * Stores at engine speed.
 *
 * Unicorn 2.0.1 has no dirty-memory tracking: every RAM page counts as one
 * that may hold translated code, so QEMU marks every write entry of its
 * software TLB TLB_NOTDIRTY and each guest store takes the slow path
 * (notdirty_write -> tb_invalidate_phys_page_fast, a page-collection lock
 * with a malloc'ed tree per store: docs/engine.md).  Here the CPU class's
 * tlb_fill is wrapped: after QEMU's own fill, the new write entry of a RAM
 * page loses TLB_NOTDIRTY, so stores to it run inline.
 *
 * Translated code then no longer notices guest stores to it.  POWER7 does
 * not promise that either: software that modifies instructions must run
 * dcbst; sync; icbi; isync (ISA 2.06 Book II 1.8, "Instruction storage").
 * icbi traps (probe.c) and the model, emulating it, drops the code
 * translated from that block.
 * Writes by the host (loader, VMM, HV) already say so themselves
 * (sim_ue_invalidate_code).
 */
#include <stdio.h>
#include <string.h>

#include "internal.h"

/* The engine running on this host thread: tlb_fill has no context argument. */
static __thread struct sim_ue *ue_running;

/*
 * An instruction fetch filled the code entry of @addr: translated code can
 * come from its real page from now on (sim_ue_invalidate_code).
 */
static void mark_code_page(struct sim_ue *e, unsigned int mmu_idx, uint64_t addr)
{
	const uint64_t *te = ue_tlb_entry(e, mmu_idx, addr);
	uint64_t host, ra;

	if (te[2] == UINT64_MAX || (te[2] & ~UE_TLB_FLAGS) != (addr & ~UE_TLB_FLAGS))
		return;
	host = (addr & ~UE_TLB_FLAGS) + te[3];
	if (host < (uintptr_t)e->arena || host >= (uintptr_t)e->arena + e->arena_size)
		return;
	ra = (host - (uintptr_t)e->arena) / UE_PAGE;
	e->code_pages[ra / 64] |= 1ULL << (ra % 64);
}

static bool ue_tlb_fill(void *cs, uint64_t addr, int size, int access_type, int mmu_idx,
			bool probe, uintptr_t retaddr)
{
	struct sim_ue *e = ue_running;
	uint64_t *te, w, host;
	bool ok;

	/* A failed fill does not return here unless it only probed. */
	ok = ppc_cpu_tlb_fill_ppc64(cs, addr, size, access_type, mmu_idx, probe, retaddr);
	if (!ok || !e || mmu_idx < 0 || (unsigned int)mmu_idx >= e->tlb_modes)
		return ok;
	e->fills++;
	if (access_type == UE_ACC_FETCH)
		mark_code_page(e, (unsigned int)mmu_idx, addr);
	/* A real reference (a probe is not one): the model records R. */
	if (!probe && e->ref_fn)
		e->ref_fn(e->ref_ctx, addr, (unsigned int)access_type);
	te = ue_tlb_entry(e, (unsigned int)mmu_idx, addr);
	w = te[1];
	/* Only a RAM page of the arena whose one flag is NOTDIRTY. */
	if (w == UINT64_MAX || (w & UE_TLB_FLAGS) != UE_TLB_NOTDIRTY ||
	    (w & ~UE_TLB_FLAGS) != (addr & ~UE_TLB_FLAGS))
		return ok;
	host = (w & ~UE_TLB_FLAGS) + te[3];
	if (host < (uintptr_t)e->arena || host >= (uintptr_t)e->arena + e->arena_size)
		return ok;
	te[1] = w & ~UE_TLB_NOTDIRTY;
	e->fast_fills++;
	return ok;
}

int ue_fast_stores_install(struct sim_ue *e, char *err, size_t len)
{
	uint8_t *cls;
	void **slot = NULL;

	if (!e->tlb_fast) {
		snprintf(err, len, "engine: libunicorn internals do not match (software TLB "
			 "not found)");
		return -1;
	}
	/* CPUState.cc is the CPU's class; tlb_fill must be in it exactly once. */
	memcpy(&cls, e->cpu + UE_CPU_CC_OFF, sizeof(cls));
	if ((uintptr_t)cls & (sizeof(void *) - 1))
		cls = NULL;
	for (unsigned int off = 0; cls && off < UE_CLASS_SCAN; off += sizeof(void *)) {
		void **p = (void **)(cls + off);

		if (*p != (void *)ppc_cpu_tlb_fill_ppc64 && *p != (void *)ue_tlb_fill)
			continue;
		if (slot) {
			slot = NULL;
			break;
		}
		slot = p;
	}
	if (!slot) {
		snprintf(err, len, "engine: libunicorn internals do not match (tlb_fill not "
			 "found once in the CPU class)");
		return -1;
	}
	*slot = (void *)ue_tlb_fill;
	e->tlb_fill_slot = slot;
	return 0;
}

void sim_ue_set_ref_fn(struct sim_ue *e, void (*fn)(void *ctx, uint64_t ea, unsigned int access),
		       void *ctx)
{
	e->ref_fn = fn;
	e->ref_ctx = ctx;
}

void ue_fast_stores_enter(struct sim_ue *e)
{
	ue_running = e;
}

void ue_fast_stores_leave(struct sim_ue *e)
{
	ue_running = NULL;
}
