/* SPDX-License-Identifier: GPL-2.0-only */
/* The reference bits the guest really set, per HPTE (refbits.c says why). */
#ifndef SIM_REFBITS_H
#define SIM_REFBITS_H

#include <stdbool.h>
#include <stdint.h>

struct sim_machine;

/* Record (or clear) the reference bit of the HPTE at real address @hpte_ra. */
void sim_ref_set(struct sim_machine *m, uint64_t hpte_ra, bool referenced);
/* Has the page of the HPTE at @hpte_ra been referenced since R was last cleared? */
bool sim_ref_get(struct sim_machine *m, uint64_t hpte_ra);
void sim_ref_destroy(struct sim_machine *m);

#endif /* SIM_REFBITS_H */
