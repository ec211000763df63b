// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of the hardware-rule checks (sim/rules.c), driven through the
 * hv_env primitives as the HV core calls them: SDR1 under a guest LPID, the
 * tlbie/tlbiel sequences, the publish order of an HPTE, and that tlbie and
 * tlbiel reach the model's TLB.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "hv_env.h"
#include "interrupt.h"
#include "mmu.h"
#include "rules.h"
#include "sim_fixture.h"
#include "tlb.h"

static struct sim_machine mach;
static hv_be64 *hpt;
static u64 hpt_ra;

static int setup(void **state)
{
	if (sim_machine_init(&mach, 128 * MB, 1))
		return -1;
	sim_machine_select(&mach, 0);
	mach.log_level = 0;
	hpt = hv_alloc_contig(256 * 1024, &hpt_ra);
	return hpt ? 0 : -1;
}

static int teardown(void **state)
{
	sim_machine_destroy(&mach);
	return 0;
}

static unsigned int count(enum sim_rule r)
{
	return mach.rule_count[r];
}

/*
 * SDR1 may change only while LPIDR is LPID_RSVD or the host's LPID: the
 * partition switch's detour (LPID_RSVD; ptesync; SDR1; LPID) is clean,
 * writing SDR1 under the guest's LPID is reported.
 */
static void test_sdr1_lpid(void **state)
{
	hv_mtspr(SPRN_SDR1, 0x1000000);		/* host LPID 0 */
	hv_mtspr(SPRN_LPID, LPID_RSVD);
	hv_ptesync();
	hv_mtspr(SPRN_SDR1, hpt_ra);
	hv_mtspr(SPRN_LPID, 5);
	hv_isync();
	assert_int_equal(mach.violations, 0);
	/* The same value again changes nothing. */
	hv_mtspr(SPRN_SDR1, hpt_ra);
	assert_int_equal(mach.violations, 0);
	hv_mtspr(SPRN_SDR1, 0x1000000);
	assert_int_equal(count(SIM_RULE_SDR1_LPID), 1);
	assert_int_equal(mach.last_rule, SIM_RULE_SDR1_LPID);
	/* A host that runs with another LPID may change its own SDR1. */
	mach.host_lpid = 5;
	hv_mtspr(SPRN_SDR1, hpt_ra);
	assert_int_equal(count(SIM_RULE_SDR1_LPID), 1);
}

/* tlbie/tlbiel need a ptesync after the last HPTE store. */
static void test_ptesync_before(void **state)
{
	hv_hpte_store(&hpt[1], 0);
	hv_tlbie(0x1000, 5);
	assert_int_equal(count(SIM_RULE_TLBIE_NO_PTESYNC), 1);
	hv_eieio();
	hv_tlbsync();
	hv_ptesync();
	/* The completing ptesync orders the next one. */
	hv_tlbie(0x1000, 5);
	hv_eieio();
	hv_tlbsync();
	hv_ptesync();
	assert_int_equal(count(SIM_RULE_TLBIE_NO_PTESYNC), 1);
	hv_hpte_store_byte(&hpt[0], 14, 0);
	hv_tlbiel(0x1000);
	assert_int_equal(count(SIM_RULE_TLBIE_NO_PTESYNC), 2);
	hv_ptesync();
	assert_int_equal(mach.violations, 2);
}

/* The full global sequence, batched: ptesync; tlbie x3; eieio; tlbsync; ptesync. */
static void test_good_sequences(void **state)
{
	hv_hpte_store(&hpt[0], 0);
	hv_ptesync();
	hv_tlbie(0x1000, 5);
	hv_tlbie(0x2000, 5);
	hv_tlbie(0x3000, 5);
	hv_eieio();
	hv_tlbsync();
	hv_ptesync();
	hv_hpte_unlock(&hpt[0], 0);
	/* Local: ptesync; tlbiel; ptesync. */
	hv_ptesync();
	for (unsigned int s = 0; s < 128; s++)
		hv_tlbiel(((u64)s << 12) | 0x800);
	hv_ptesync();
	hv_hpte_unlock(&hpt[0], 0);
	assert_int_equal(mach.violations, 0);
	assert_false(sim_rules_tlb_sequence_open(&mach));
}

static uint32_t fake_guest(struct sim_machine *m, struct hv_guest_regs *regs)
{
	return 0x980;
}

/* Each way of not completing a tlbie sequence. */
static void test_bad_sequences(void **state)
{
	struct hv_guest_regs regs = { .msr = MSR_SF | MSR_ME };

	/* tlbsync without eieio. */
	hv_ptesync();
	hv_tlbie(0x1000, 5);
	hv_tlbsync();
	hv_ptesync();
	assert_int_equal(count(SIM_RULE_TLBIE_SEQUENCE), 1);
	/* ptesync straight after tlbie. */
	hv_tlbie(0x1000, 5);
	hv_ptesync();
	assert_int_equal(count(SIM_RULE_TLBIE_SEQUENCE), 2);
	/* HPTE unlocked before the ptesync that completes it. */
	hv_tlbie(0x1000, 5);
	hv_eieio();
	hv_tlbsync();
	assert_true(sim_rules_tlb_sequence_open(&mach));
	hv_hpte_unlock(&hpt[0], 0);
	assert_int_equal(count(SIM_RULE_TLBIE_SEQUENCE), 3);
	/* Guest entered with a tlbiel not completed. */
	hv_ptesync();
	hv_tlbiel(0x800);
	mach.enter_guest = fake_guest;
	assert_int_equal(hv_enter_guest(&regs), 0x980);
	mach.enter_guest = NULL;
	assert_int_equal(count(SIM_RULE_TLBIE_SEQUENCE), 4);
	/* An HPTE stored (or byte-stored) in the middle of a sequence. */
	hv_ptesync();
	hv_tlbie(0x1000, 5);
	hv_hpte_store(&hpt[2], 0);
	assert_int_equal(count(SIM_RULE_TLBIE_SEQUENCE), 5);
	hv_ptesync();
	hv_tlbie(0x1000, 5);
	hv_hpte_store_byte(&hpt[2], 15, 0);
	assert_int_equal(count(SIM_RULE_TLBIE_SEQUENCE), 6);
	assert_int_equal(count(SIM_RULE_TLBIE_NO_PTESYNC), 0);
	assert_int_equal(mach.violations, 6);
	/* Counting again from zero. */
	sim_rules_reset_counts(&mach);
	assert_int_equal(mach.violations, 0);
	assert_int_equal(count(SIM_RULE_TLBIE_SEQUENCE), 0);
}

/*
 * A new HPTE: dword 1 while dword 0 is invalid, then dword 0 with V=1.
 * Making it valid first, or re-validating a removed entry without writing
 * dword 1 again, is reported.
 */
static void test_hpte_publish_order(void **state)
{
	/* Valid first. */
	hv_hpte_store(&hpt[0], HPTE_V_VALID);
	assert_int_equal(count(SIM_RULE_HPTE_VALID_ORDER), 1);
	/* The right order (as KVM's VRMA setup: R, barrier, V). */
	hv_hpte_store(&hpt[3], 0x1000);
	hv_eieio();
	hv_hpte_store(&hpt[2], HPTE_V_VALID | HPTE_V_BOLTED);
	assert_int_equal(count(SIM_RULE_HPTE_VALID_ORDER), 1);
	/* Valid to valid (an AVPN change under the lock) is no publication. */
	hv_hpte_store(&hpt[2], HPTE_V_VALID | 0x80);
	assert_int_equal(count(SIM_RULE_HPTE_VALID_ORDER), 1);
	/* Removed, then made valid again without a fresh dword 1. */
	hv_hpte_store(&hpt[2], 0);
	hv_hpte_store(&hpt[2], HPTE_V_VALID);
	assert_int_equal(count(SIM_RULE_HPTE_VALID_ORDER), 2);
	/* H_ENTER's path: lock the free slot, dword 1, eieio, unlock with V=1. */
	assert_true(hv_hpte_try_lock(&hpt[4], HPTE_V_HVLOCK | HPTE_V_VALID));
	hv_hpte_store(&hpt[5], 0x2000);
	hv_eieio();
	hv_hpte_unlock(&hpt[4], HPTE_V_VALID);
	hv_ptesync();
	assert_int_equal(count(SIM_RULE_HPTE_VALID_ORDER), 2);
	/* Dword 1 written while the entry was still valid does not count. */
	hv_hpte_store(&hpt[5], 0x3000);
	hv_hpte_unlock(&hpt[4], 0);
	hv_hpte_unlock(&hpt[4], HPTE_V_VALID);
	assert_int_equal(count(SIM_RULE_HPTE_VALID_ORDER), 3);
	/* Unlock that stores HVLOCK is its own rule. */
	hv_hpte_unlock(&hpt[4], HPTE_V_VALID | HPTE_V_HVLOCK);
	assert_int_equal(count(SIM_RULE_HPTE_UNLOCK), 1);
	/* Stores outside the arena are ignored. */
	u64 outside = 0;

	hv_hpte_store(&outside, HPTE_V_VALID);
	assert_int_equal(count(SIM_RULE_HPTE_VALID_ORDER), 3);
}

/* The rules hold with the event log off, too. */
static void test_rules_without_log(void **state)
{
	mach.log_events = false;
	hv_hpte_store(&hpt[6], HPTE_V_VALID);
	assert_int_equal(count(SIM_RULE_HPTE_VALID_ORDER), 1);
	assert_int_equal(mach.nevents, 0);
}

/* What an observed event could change: the rules' state, the counts, the entry's dword-1 bit. */
struct rules_state {
	struct sim_rules rules;
	unsigned int violations;
	unsigned int rule_count[SIM_RULE_NR];
	uint8_t dw1_byte;
};

static void rules_state(struct rules_state *st, uint64_t ra)
{
	memset(st, 0, sizeof(*st));
	st->rules = mach.rules;
	st->violations = mach.violations;
	memcpy(st->rule_count, mach.rule_count, sizeof(st->rule_count));
	st->dw1_byte = mach.rules.dw1_written[(ra >> 4) >> 3];
}

/*
 * One event of @type observed from sequence state @seq, @ptesync since the
 * last HPTE store: whether it changed anything.  The state is put back.
 */
static bool observe_changes(unsigned int type, int seq, bool ptesync, uint64_t ra, uint64_t val)
{
	struct sim_rules saved = mach.rules;
	uint8_t *dw1 = &mach.rules.dw1_written[(ra >> 4) >> 3], saved_dw1 = *dw1;
	struct rules_state before, after;

	mach.rules.tlbseq = seq;
	mach.rules.ptesync_since_store = ptesync;
	rules_state(&before, ra);
	sim_rules_observe(&mach, type, ra, val);
	rules_state(&after, ra);
	mach.rules.tlbseq = saved.tlbseq;
	mach.rules.ptesync_since_store = saved.ptesync_since_store;
	*dw1 = saved_dw1;
	sim_rules_reset_counts(&mach);
	return memcmp(&before, &after, sizeof(before)) != 0;
}

/*
 * sim_event hands the rule checks only the event types of SIM_RULES_EVENTS
 * (an mtspr of the partition switch with the log off costs nothing).  That
 * is safe only while sim_rules_observe acts on no other type: each type is
 * observed in every sequence state, with and without a ptesync since the
 * last HPTE store, at HPTE dwords with and without V and elsewhere.  A
 * type outside the mask must change nothing (rules state, counts, the
 * dword-1 bit of the entry); each type inside it must change something in
 * one of those states, so that the mask lists no type in vain.
 */
static void test_rules_event_mask(void **state)
{
	static const int seqs[] = {
		SIM_TLBSEQ_IDLE, SIM_TLBSEQ_TLBIE, SIM_TLBSEQ_EIEIO, SIM_TLBSEQ_TLBSYNC,
		SIM_TLBSEQ_TLBIEL,
	};
	const uint64_t addrs[] = { hpt_ra + 0x100, hpt_ra + 0x108, hpt_ra + 0x110, 0x123 };
	const uint64_t vals[] = { 0, HPTE_V_VALID, ~0ULL };

	/* A valid entry at +0x110: stores to it meet V=1. */
	hv_hpte_store(&hpt[0x110 / 8 + 1], 0);
	hv_hpte_store(&hpt[0x110 / 8], HPTE_V_VALID);
	sim_rules_reset_counts(&mach);
	assert_non_null(mach.rules.dw1_written);

	for (unsigned int type = 0; type < SIM_EV_NR; type++) {
		bool in_mask = SIM_RULES_EVENTS & SIM_EV_BIT(type), changed = false;

		for (unsigned int n = 0; n < HV_ARRAY_SIZE(seqs) * 2 * 4 * 3; n++) {
			int seq = seqs[n % HV_ARRAY_SIZE(seqs)];
			bool ps = (n / HV_ARRAY_SIZE(seqs)) % 2;
			uint64_t ra = addrs[(n / HV_ARRAY_SIZE(seqs) / 2) % 4];
			uint64_t val = vals[n / HV_ARRAY_SIZE(seqs) / 2 / 4];

			if (!observe_changes(type, seq, ps, ra, val))
				continue;
			if (!in_mask)
				fail_msg("event type %u is outside SIM_RULES_EVENTS but changed the "
					 "rules' state (sequence %d, ptesync %d, addr 0x%llx, val "
					 "0x%llx)", type, seq, ps, (unsigned long long)ra,
					 (unsigned long long)val);
			changed = true;
		}
		if (in_mask && !changed)
			fail_msg("event type %u is in SIM_RULES_EVENTS but no case changed anything",
				 type);
	}
}

/*
 * hv_tlbie and hv_tlbiel act on the model's TLB (all cores / this core),
 * and make the engine flush its own.
 */
static void test_tlbie_reaches_model_tlb(void **state)
{
	struct sim_thread *t = mach.cur;
	struct sim_xlate x;
	u64 va;

	t->spr[SPRN_SDR1] = hpt_ra;
	t->spr[SPRN_LPID] = 5;
	t->msr = MSR_GUEST_KERN;
	hv_slbmte(0x123456ULL << 12, 0x10000000ULL | SLB_ESID_V);
	fx_hpte(&mach, hpt_ra, 0x455, 0, 0x123456001ULL, 0x02345000ULL | HPTE_R_M | 2);
	assert_int_equal(sim_mmu_xlate(t, 0x10003678, SIM_ACC_LOAD, 0, &x, NULL), 0);
	assert_int_equal(sim_tlb_count(sim_tlb_of(t), 5), 1);
	va = sim_mmu_va(0x123456ULL << 12, 0x10003678) & ~0xfffULL;
	t->flush_pending = false;
	hv_ptesync();
	hv_tlbie(va, 5);
	hv_eieio();
	hv_tlbsync();
	hv_ptesync();
	assert_int_equal(sim_tlb_count(sim_tlb_of(t), 5), 0);
	assert_true(t->flush_pending);

	assert_int_equal(sim_mmu_xlate(t, 0x10003678, SIM_ACC_LOAD, 0, &x, NULL), 0);
	t->flush_pending = false;
	hv_ptesync();
	hv_tlbiel(va);
	hv_ptesync();
	assert_int_equal(sim_tlb_count(sim_tlb_of(t), 5), 0);
	assert_true(t->flush_pending);
	assert_int_equal(mach.violations, 0);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_sdr1_lpid),
		T(test_ptesync_before),
		T(test_good_sequences),
		T(test_bad_sequences),
		T(test_hpte_publish_order),
		T(test_rules_without_log),
		T(test_rules_event_mask),
		T(test_tlbie_reaches_model_tlb),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
