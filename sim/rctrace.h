/* SPDX-License-Identifier: GPL-2.0-only */
/* The R/C bits guest references set, as trace records (rctrace.c says why). */
#ifndef SIM_RCTRACE_H
#define SIM_RCTRACE_H

#include <stdbool.h>
#include <stdint.h>

struct sim_machine;

/* A guest access went through the HPTE at @hpte_ra: its R or C may have changed. */
void sim_rc_touched(struct sim_machine *m, uint64_t hpte_ra);
/* The HV core stored dword 1 of the HPTE at @hpte_ra: R/C are now @rc (HPTE_R_R|HPTE_R_C). */
void sim_rc_stored(struct sim_machine *m, uint64_t hpte_ra, uint64_t rc);
/* The same for one of its bits only (a byte store): @bit is HPTE_R_R or HPTE_R_C. */
void sim_rc_stored_bit(struct sim_machine *m, uint64_t hpte_ra, uint64_t bit, bool set);
/* A guest run ended: one HV_TR_HW_RC record per HPTE whose R/C it changed. */
void sim_rc_flush(struct sim_machine *m);
void sim_rc_destroy(struct sim_machine *m);

#endif /* SIM_RCTRACE_H */
