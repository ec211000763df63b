/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Hardware rules the HV core must follow, checked by the model and reported
 * as counted violations (struct sim_machine rule_count[], last_violation):
 * guest entry with MSR[HV]=1, SDR1 changed under a guest's LPID, tlbie and
 * tlbiel sequences, and the publish order of a new HPTE.
 */
#ifndef SIM_RULES_H
#define SIM_RULES_H

#include <stdbool.h>
#include <stdint.h>

#include "machine.h"

/*
 * Every event of a type in SIM_RULES_EVENTS (machine.h) passes here first,
 * logged or not; those of the other types do not, as nothing here acts on
 * them (a new case in rules.c must add its type there).
 */
void sim_rules_observe(struct sim_machine *m, enum sim_event_type type, uint64_t addr,
		       uint64_t val);
/* mtspr SDR1 by @t from @old to @val. */
void sim_rules_sdr1(struct sim_thread *t, uint64_t old, uint64_t val);
/* True while a tlbie/tlbiel sequence has not been completed. */
bool sim_rules_tlb_sequence_open(const struct sim_machine *m);
void sim_rules_destroy(struct sim_machine *m);

#endif /* SIM_RULES_H */
