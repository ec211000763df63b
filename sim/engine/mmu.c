// SPDX-License-Identifier: GPL-2.0-only
/*
 * The Unicorn engine's translation state: the guest's MSR as an engine
 * context, SDR1/LPCR/RMOR/LPID, the SLB, TLB flushes and code invalidation.
 * Translation is QEMU's own ISA 2.06 hash MMU walking the big-endian HPT in
 * the arena, configured from the model's SDR1/LPCR/SLB.  Also the walk of
 * QEMU's software TLB that test mode uses.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "hv_consts.h"

static const void *sps_for(struct sim_ue *e, uint64_t vsid)
{
	/* PPCHash64Options: flags, slb_size, then sps[8] of 72 bytes each. */
	for (int i = 0; i < 8; i++) {
		const uint8_t *sps = e->hash_opts + 8 + 72 * i;
		uint32_t shift, enc;

		memcpy(&shift, sps, 4);
		memcpy(&enc, sps + 4, 4);
		if (!shift)
			break;
		if (enc == (vsid & SLB_LLP))
			return sps;
	}
	return NULL;
}

/*
 * Load the engine's SLB from the guest's, with Kp taken from Ks while the
 * guest is in supervisor state: the engine always applies Kp (it runs at
 * PR=1), and the guest kernel's accesses must be checked with its Ks.
 */
void ue_load_slb(struct sim_ue *e)
{
	bool kernel = !(e->guest_msr & M_PR);

	for (int i = 0; i < 64; i++) {
		uint8_t *s = e->env + ENV_SLB + ENV_SLB_SIZE * i;
		uint64_t esid = 0, vsid = 0;
		const void *sps = NULL;

		if (e->slb[i].valid) {
			esid = e->slb[i].esid;
			vsid = e->slb[i].vsid;
			if (kernel)
				vsid = (vsid & ~SLB_KP) | ((vsid & SLB_KS) ? SLB_KP : 0);
			sps = sps_for(e, vsid);
			if (!sps)
				esid = vsid = 0;
		}
		memcpy(s, &esid, 8);
		memcpy(s + 8, &vsid, 8);
		memcpy(s + 16, &sps, sizeof(sps));
	}
}

void sim_ue_set_msr(struct sim_ue *e, uint64_t guest_msr)
{
	uint64_t msr, hflags;
	bool was_kernel = !(e->guest_msr & M_PR);
	bool kernel = !(guest_msr & M_PR);

	e->guest_msr = guest_msr & ~M_HV;
	msr = (guest_msr & (M_SF | M_VEC | M_VSX | M_EE | M_FP | M_ME | M_FE0 | M_SE | M_BE |
			    M_FE1 | M_IR | M_DR | M_RI)) | M_PR;
	/* A debugger's single step uses the CPU's trace too (sim_ue_set_debug). */
	if (e->dbg_step)
		msr |= M_SE;
	hflags = msr & HFLAGS_MSR_MASK;
	if (msr & M_SF)
		hflags |= HFLAGS_SF_MIRROR;
	if (kernel)
		hflags |= HFLAGS_GUEST_KERNEL;
	*ENVP(e, ENV_MSR, uint64_t) = msr;
	*ENVP(e, ENV_HFLAGS, uint64_t) = hflags;
	*ENVP(e, ENV_IMMU_IDX, int32_t) = !(msr & M_IR) ? MMU_IDX_REAL :
		kernel ? MMU_IDX_KERNEL_VIRT : MMU_IDX_USER_VIRT;
	*ENVP(e, ENV_DMMU_IDX, int32_t) = !(msr & M_DR) ? MMU_IDX_REAL :
		kernel ? MMU_IDX_KERNEL_VIRT : MMU_IDX_USER_VIRT;
	/*
	 * QEMU applies the AMR's key-0 bits to VRMA accesses, which hardware
	 * does not check in real mode: clear them while translation is off.
	 */
	*ENVP(e, ENV_SPR + 8 * SPRN_AMR, uint64_t) =
		(msr & (M_IR | M_DR)) ? e->amr : e->amr & ~(3ULL << 62);
	if (kernel != was_kernel) {
		ue_load_slb(e);
		ue_sv_sprs(e, kernel);
	}
}

void sim_ue_set_amr(struct sim_ue *e, uint64_t amr)
{
	e->amr = amr;
	sim_ue_set_msr(e, e->guest_msr);
}

uint64_t sim_ue_msr(struct sim_ue *e)
{
	return e->guest_msr;
}

void sim_ue_set_mmu(struct sim_ue *e, uint64_t sdr1, uint64_t lpcr, uint64_t rmor, uint64_t lpid)
{
	/*
	 * Every partition switch passes through LPID_RSVD and the host's
	 * values and back; what matters is the state the guest runs with.  The
	 * same as before: the engine's translations are still right.
	 */
	if (sim_ue_spr(e, SPRN_SDR1) == sdr1 && sim_ue_spr(e, SPRN_LPCR) == lpcr &&
	    sim_ue_spr(e, SPRN_RMOR) == rmor && sim_ue_spr(e, SPRN_LPID) == lpid)
		return;
	sim_ue_set_spr(e, SPRN_SDR1, sdr1);
	sim_ue_set_spr(e, SPRN_LPCR, lpcr);
	sim_ue_set_spr(e, SPRN_RMOR, rmor);
	sim_ue_set_spr(e, SPRN_LPID, lpid);
	tlb_flush_ppc64(e->cpu);
}

int ue_store_slb(struct sim_ue *e, unsigned int index, uint64_t rb, uint64_t rs)
{
	if (index >= 64)
		return -EINVAL;
	e->slb_writes++;
	e->slb[index].valid = !!(rb & SLB_V);
	/* ESID and V as QEMU compares them; 1 TB segments drop ESID bits 36-39. */
	e->slb[index].esid = rb & ((rs & SLB_B_1T) ? 0xffffff0000000000ULL : 0xfffffffff0000000ULL);
	e->slb[index].esid |= rb & SLB_V;
	e->slb[index].vsid = rs;
	if (e->slb[index].valid && !sps_for(e, rs)) {
		e->slb[index].valid = false;
		return -EINVAL;
	}
	return 0;
}

int sim_ue_set_slb(struct sim_ue *e, unsigned int index, uint64_t rb, uint64_t rs)
{
	int ret = ue_store_slb(e, index, rb, rs);

	ue_load_slb(e);
	tlb_flush_ppc64(e->cpu);
	return ret;
}

void sim_ue_clear_slb(struct sim_ue *e)
{
	memset(e->slb, 0, sizeof(e->slb));
	e->slb_writes++;
	ue_load_slb(e);
	tlb_flush_ppc64(e->cpu);
}

void sim_ue_flush_tlb(struct sim_ue *e)
{
	tlb_flush_ppc64(e->cpu);
}

void sim_ue_invalidate_code(struct sim_ue *e, uint64_t ra, uint64_t len)
{
	/*
	 * Neither guest stores (stores.c: the guest's icbi says so, through
	 * the model) nor writes by the host into the arena invalidate
	 * translated code, so whoever writes guest memory says so.  The arena
	 * is the first RAM block, so its ram_addr is the real address.
	 */
	uint64_t end;

	if (ra >= e->arena_size || !len)
		return;
	end = ra + len > e->arena_size || ra + len < ra ? e->arena_size : ra + len;
	/*
	 * QEMU's invalidation locks its page descriptors through a tree it
	 * allocates each time: only pages code was ever fetched from need it
	 * (RTAS and hcall results are written into data pages thousands of
	 * times a second).
	 */
	for (uint64_t p = ra / UE_PAGE; p <= (end - 1) / UE_PAGE; p++)
		if (e->code_pages[p / 64] & (1ULL << (p % 64))) {
			tb_invalidate_phys_range_ppc64(e->uc, ra, end);
			return;
		}
}

bool sim_ue_translate(struct sim_ue *e, uint64_t ea, uint64_t *ra)
{
	uint64_t pa = ppc_cpu_get_phys_page_debug_ppc64(e->cpu, ea & ~0xfffULL);

	if (pa == (uint64_t)-1)
		return false;
	*ra = (pa & ~0xfffULL) | (ea & 0xfff);
	return true;
}

/* ---- the engine's TLB (test mode) -------------------------------------------------------- */

bool sim_ue_tlb_available(const struct sim_ue *e)
{
	return e->tlb_fast != NULL;
}

void sim_ue_tlb_forget(struct sim_ue *e)
{
	for (unsigned int i = 0; i < UE_TLB_MAX_MODES; i++)
		if (e->tlb_seen[i].w)
			memset(e->tlb_seen[i].w, 0xff, e->tlb_seen[i].n * UE_TLB_ENTRY);
}

/* One address word of an entry: does it grant the access, and for which page? */
static bool tlb_word(uint64_t w, uint64_t *ea, bool *mmio)
{
	if (w == UINT64_MAX || (w & UE_TLB_INVALID))
		return false;
	*ea = w & ~UE_TLB_FLAGS;
	if (w & UE_TLB_MMIO)
		*mmio = true;
	return true;
}

/* Decode one entry; false when it grants nothing. */
static bool tlb_decode(const struct sim_ue *e, unsigned int idx, const uint64_t *w,
		       struct sim_ue_tlbe *te)
{
	bool mmio = false;
	uint64_t host;

	memset(te, 0, sizeof(*te));
	te->mmu_idx = idx;
	te->read = tlb_word(w[0], &te->ea, &mmio);
	te->write = tlb_word(w[1], &te->ea, &mmio);
	te->exec = tlb_word(w[2], &te->ea, &mmio);
	if (!te->read && !te->write && !te->exec)
		return false;
	host = te->ea + w[3];
	if (!mmio && host >= (uintptr_t)e->arena && host < (uintptr_t)e->arena + e->arena_size) {
		te->ram = true;
		te->ra = host - (uintptr_t)e->arena;
	}
	return true;
}

int sim_ue_tlb_walk(struct sim_ue *e, bool changed_only,
		    bool (*fn)(void *ctx, const struct sim_ue_tlbe *te), void *ctx)
{
	int visited = 0;

	if (!e->tlb_fast)
		return -ENOTSUP;
	for (unsigned int idx = 0; idx < e->tlb_modes; idx++) {
		struct ue_tlb_shadow *sh = &e->tlb_seen[idx];
		uint64_t mask;
		const uint64_t *table;
		uint64_t n;

		memcpy(&mask, e->tlb_fast + 16 * idx, 8);
		memcpy(&table, e->tlb_fast + 16 * idx + 8, sizeof(table));
		n = mask / UE_TLB_ENTRY + 1;
		/* QEMU resizes a table on a flush: start its shadow again. */
		if (sh->n != n) {
			uint64_t *w = realloc(sh->w, n * UE_TLB_ENTRY);

			if (!w)
				return -ENOMEM;
			memset(w, 0xff, n * UE_TLB_ENTRY);
			sh->w = w;
			sh->n = n;
		}
		for (uint64_t i = 0; i < n; i++) {
			const uint64_t *cur = table + 4 * i;
			uint64_t *seen = sh->w + 4 * i;
			struct sim_ue_tlbe te;

			if (changed_only && !memcmp(cur, seen, UE_TLB_ENTRY))
				continue;
			if (tlb_decode(e, idx, cur, &te)) {
				visited++;
				if (!fn(ctx, &te))
					return -EFAULT;
			}
			memcpy(seen, cur, UE_TLB_ENTRY);
		}
	}
	return visited;
}
