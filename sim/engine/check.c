// SPDX-License-Identifier: GPL-2.0-only
/*
 * The Unicorn engine's test mode: every translation that enters the engine's
 * TLB is checked against the model's MMU (docs/sim-fidelity.md).
 */
#include <errno.h>
#include <stdio.h>

#include "internal.h"
#include "interrupt.h"
#include "machine.h"
#include "mmu.h"
#include "rules.h"
#include "tlb.h"

/*
 * The guest context an MMU index of the engine stands for (sim_ue_set_msr):
 * 0 guest problem state relocated, 2 guest real mode, 4 guest supervisor
 * relocated.  The engine never uses another index; false for those.
 */
static bool context_msr(unsigned int idx, uint64_t *msr)
{
	switch (idx) {
	case MMU_IDX_USER_VIRT:
		*msr = M_SF | M_PR | M_EE | M_IR | M_DR;
		return true;
	case MMU_IDX_REAL:
		*msr = M_SF;
		return true;
	case MMU_IDX_KERNEL_VIRT:
		*msr = M_SF | M_IR | M_DR;
		return true;
	}
	return false;
}

/*
 * Does the model translate @ea for @access in context @msr as the engine
 * did (to real page @ra, or beyond the arena when the engine's entry is
 * not RAM)?  Hardware may still use a translation its TLB holds after the
 * HPTE changed, or may walk the page table again: either answer of the
 * model is one POWER7 could give, so the model's TLB is asked first and
 * then the page table alone.  The model's state is left as it was.
 */
static bool model_agrees(struct sim_thread *t, uint64_t msr, uint64_t ea, unsigned int access,
			 const struct sim_ue_tlbe *te, uint64_t *model_ra, unsigned int *vec)
{
	static const unsigned int tries[] = { SIM_XL_PROBE, SIM_XL_PROBE | SIM_XL_NO_TLB };
	struct sim_tlb *tlb = sim_tlb_of(t);
	uint64_t saved_msr = t->msr, hits = tlb->hits, misses = tlb->misses;
	bool ok = false;

	t->msr = msr;
	for (unsigned int i = 0; i < 2 && !ok; i++) {
		struct sim_xlate x;
		struct sim_intr irq;

		*vec = sim_mmu_xlate(t, ea, access, tries[i], &x, &irq);
		*model_ra = x.ra;
		if (*vec)
			continue;
		ok = te->ram ? (x.ra & ~0xfffULL) == te->ra : x.ra >= t->m->arena.size;
	}
	t->msr = saved_msr;
	tlb->hits = hits;
	tlb->misses = misses;
	return ok;
}

static bool check_entry(void *ctx, const struct sim_ue_tlbe *te)
{
	static const char *const kind[] = { "load", "store", "fetch" };
	struct ue_glue *g = ctx;
	struct sim_thread *t = g->cur;
	bool grants[3] = { te->read, te->write, te->exec };
	uint64_t msr, model_ra = 0;
	unsigned int vec = 0;

	if (!context_msr(te->mmu_idx, &msr)) {
		g->stats.mismatches++;
		snprintf(g->ue->err, sizeof(g->ue->err),
			 "engine: translation of EA 0x%llx in MMU context %u, which no guest uses",
			 (unsigned long long)te->ea, te->mmu_idx);
		sim_rule_report(g->eng.m, SIM_RULE_ENGINE, "%s", g->ue->err);
		return false;
	}
	for (unsigned int a = SIM_ACC_LOAD; a <= SIM_ACC_FETCH; a++) {
		if (!grants[a])
			continue;
		g->stats.checked++;
		if (model_agrees(t, msr, te->ea, a, te, &model_ra, &vec))
			continue;
		g->stats.mismatches++;
		snprintf(g->ue->err, sizeof(g->ue->err),
			 "engine: %s at EA 0x%llx (context %u) reaches real 0x%llx%s; the model %s "
			 "0x%llx", kind[a], (unsigned long long)te->ea, te->mmu_idx,
			 (unsigned long long)te->ra, te->ram ? "" : " (not RAM)",
			 vec ? "raises vector" : "translates to",
			 vec ? (unsigned long long)vec : (unsigned long long)model_ra);
		sim_rule_report(g->eng.m, SIM_RULE_ENGINE, "%s", g->ue->err);
		return false;
	}
	return true;
}

/* Check every translation that entered the engine's TLB since the last look. */
bool ue_check_tlb(void *ctx)
{
	struct ue_glue *g = ctx;

	if (!g->cur)
		return true;
	g->stats.walks++;
	return sim_ue_tlb_walk(g->ue, true, check_entry, g) >= 0;
}

int sim_engine_unicorn_set_check(struct sim_engine *eng, bool on)
{
	struct ue_glue *g = eng->priv;

	if (on && !sim_ue_tlb_available(g->ue))
		return -ENOTSUP;
	g->check = on;
	sim_ue_tlb_forget(g->ue);
	sim_ue_set_block_cb(g->ue, on ? ue_check_tlb : NULL, g);
	return 0;
}

struct sim_engine_check_stats sim_engine_unicorn_check_stats(struct sim_engine *eng)
{
	return ((struct ue_glue *)eng->priv)->stats;
}

/*
 * The model changed state the engine mirrors: in test mode every entry is
 * checked again, so that a translation the engine keeps although the model
 * no longer allows it shows up.
 */
void ue_check_again(struct ue_glue *g)
{
	if (g->check)
		sim_ue_tlb_forget(g->ue);
}
