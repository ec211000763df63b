// SPDX-License-Identifier: GPL-2.0-only
/*
 * Hardware rules the HV core must follow, checked on the event stream of the
 * hv_env primitives (every event of the types acted on here, SIM_RULES_EVENTS,
 * passes here, logged or not):
 *
 *  - tlbie/tlbiel must follow a ptesync that orders the HPTE stores before
 *    them (ISA 2.06 Book III-S 5.10, "Page Table Update Synchronization");
 *  - a global invalidation completes only with eieio; tlbsync; ptesync after
 *    the tlbie(s), a local one with ptesync after the tlbiel(s); until then
 *    the HPTE must stay locked and the guest must not run (the kernel's fix
 *    "Keep HPTE locked when invalidating");
 *  - a new HPTE is published dword 1 first, then dword 0 with V=1 (5.10.1.1:
 *    otherwise another thread can translate through a half-written entry);
 *  - SDR1 changes only while LPIDR holds LPID_RSVD or the host's LPID (the
 *    partition switch: no translation may pair a new SDR1 with an old LPID).
 */
#include "rules.h"

#include <stdlib.h>
#include <string.h>

#include "hv_consts.h"

void sim_rules_destroy(struct sim_machine *m)
{
	free(m->rules.dw1_written);
	m->rules.dw1_written = NULL;
}

bool sim_rules_tlb_sequence_open(const struct sim_machine *m)
{
	return m->rules.tlbseq != SIM_TLBSEQ_IDLE;
}

/* One bit per 16-byte slot of the arena: "dword 1 written while V=0". */
static bool dw1_bit(struct sim_machine *m, uint64_t hpte_ra, int set)
{
	uint64_t slot = hpte_ra >> 4;
	uint8_t mask = (uint8_t)(1u << (slot & 7));
	bool was;

	if (!m->rules.dw1_written) {
		m->rules.dw1_written = calloc(m->arena.size / 16 / 8 + 1, 1);
		if (!m->rules.dw1_written)
			return true;	/* cannot track: do not report */
	}
	was = m->rules.dw1_written[slot >> 3] & mask;
	if (set > 0)
		m->rules.dw1_written[slot >> 3] |= mask;
	else if (set == 0)
		m->rules.dw1_written[slot >> 3] &= (uint8_t)~mask;
	return was;
}

static uint64_t dword0_now(struct sim_machine *m, uint64_t hpte_ra)
{
	const uint8_t *p = sim_arena_ptr(&m->arena, hpte_ra, 8);
	uint64_t v;

	if (!p)
		return 0;
	memcpy(&v, p, 8);
	return __builtin_bswap64(v);
}

/* A store of @val to the HPTE doubleword at real address @ra (before it happens). */
static void hpte_store(struct sim_machine *m, uint64_t ra, uint64_t val)
{
	uint64_t hpte = ra & ~15ULL;
	bool was_valid;

	if (ra == SIM_RA_NONE || (ra & 7))
		return;
	was_valid = dword0_now(m, hpte) & HPTE_V_VALID;
	if (ra & 8) {
		/* Dword 1 of an entry hardware cannot use yet. */
		if (!was_valid)
			dw1_bit(m, hpte, 1);
		return;
	}
	if (!was_valid && (val & HPTE_V_VALID)) {
		if (!dw1_bit(m, hpte, 0))
			sim_rule_report(m, SIM_RULE_HPTE_VALID_ORDER,
					"HPTE at 0x%llx made valid before its dword 1 was written",
					(unsigned long long)hpte);
	} else if (was_valid && !(val & HPTE_V_VALID)) {
		dw1_bit(m, hpte, 0);
	}
}

static void close_sequence(struct sim_machine *m, const char *what)
{
	sim_rule_report(m, SIM_RULE_TLBIE_SEQUENCE, "%s", what);
	m->rules.tlbseq = SIM_TLBSEQ_IDLE;
}

/* Only the types of SIM_RULES_EVENTS come here: a new case must add its type there. */
void sim_rules_observe(struct sim_machine *m, enum sim_event_type type, uint64_t addr,
		       uint64_t val)
{
	struct sim_rules *r = &m->rules;

	switch (type) {
	case SIM_EV_HPTE_STORE:
	case SIM_EV_HPTE_UNLOCK:
		if (r->tlbseq != SIM_TLBSEQ_IDLE)
			close_sequence(m, type == SIM_EV_HPTE_UNLOCK ?
				"HPTE unlocked before the TLB invalidation completed" :
				"HPTE stored before the TLB invalidation completed");
		hpte_store(m, addr, val);
		r->ptesync_since_store = false;
		break;
	case SIM_EV_HPTE_STORE_BYTE:
		if (r->tlbseq != SIM_TLBSEQ_IDLE)
			close_sequence(m, "HPTE byte stored before the TLB invalidation completed");
		r->ptesync_since_store = false;
		break;
	case SIM_EV_PTESYNC:
		if (r->tlbseq == SIM_TLBSEQ_TLBIE || r->tlbseq == SIM_TLBSEQ_EIEIO)
			close_sequence(m, "ptesync after tlbie without eieio; tlbsync");
		r->tlbseq = SIM_TLBSEQ_IDLE;
		r->ptesync_since_store = true;
		break;
	case SIM_EV_TLBIE:
	case SIM_EV_TLBIEL:
		if (!r->ptesync_since_store)
			sim_rule_report(m, SIM_RULE_TLBIE_NO_PTESYNC,
					"%s RB 0x%llx without a ptesync after the HPTE stores",
					type == SIM_EV_TLBIE ? "tlbie" : "tlbiel",
					(unsigned long long)addr);
		if (type == SIM_EV_TLBIE)
			r->tlbseq = SIM_TLBSEQ_TLBIE;
		else if (r->tlbseq == SIM_TLBSEQ_IDLE)
			r->tlbseq = SIM_TLBSEQ_TLBIEL;
		break;
	case SIM_EV_EIEIO:
		if (r->tlbseq == SIM_TLBSEQ_TLBIE)
			r->tlbseq = SIM_TLBSEQ_EIEIO;
		break;
	case SIM_EV_TLBSYNC:
		if (r->tlbseq == SIM_TLBSEQ_TLBIE)
			sim_rule_report(m, SIM_RULE_TLBIE_SEQUENCE, "tlbsync without eieio after tlbie");
		if (r->tlbseq == SIM_TLBSEQ_TLBIE || r->tlbseq == SIM_TLBSEQ_EIEIO)
			r->tlbseq = SIM_TLBSEQ_TLBSYNC;
		break;
	case SIM_EV_ENTER_GUEST:
		if (r->tlbseq != SIM_TLBSEQ_IDLE)
			close_sequence(m, "guest entered before the TLB invalidation completed");
		break;
	default:
		break;
	}
}

void sim_rules_sdr1(struct sim_thread *t, uint64_t old, uint64_t val)
{
	uint64_t lpid = t->spr[SPRN_LPID];

	if (old == val || lpid == LPID_RSVD || lpid == t->m->host_lpid)
		return;
	sim_rule_report(t->m, SIM_RULE_SDR1_LPID,
			"SDR1 changed to 0x%llx while LPIDR is %llu (neither LPID_RSVD nor the host's)",
			(unsigned long long)val, (unsigned long long)lpid);
}
