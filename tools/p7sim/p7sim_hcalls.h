/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The userspace hcall handlers, one per opcode, each with the
 * p7sim_hcall_fn shape.  hcall.c registers all of them in one place,
 * grouped by PAPR function set; they are declared here so that the
 * registration, the files that implement them (hcall.c, rtas.c, xics.c)
 * and the tests agree on one list.
 */
#ifndef P7SIM_HCALLS_H
#define P7SIM_HCALLS_H

#include "p7sim_platform.h"

/* Fill the table (hcall.c); p7sim_platform_init calls it. */
void p7sim_hcall_register_all(struct p7sim_platform *p);

/* hcall-term: the vty console (PAPR "Virtual Terminal Support") */
int64_t p7sim_h_put_term_char(struct p7sim_platform *p, unsigned int vcpu, uint64_t *args);
int64_t p7sim_h_get_term_char(struct p7sim_platform *p, unsigned int vcpu, uint64_t *args);

/* hcall-interrupt: XICS presentation (xics.c) */
int64_t p7sim_h_eoi(struct p7sim_platform *p, unsigned int vcpu, uint64_t *args);
int64_t p7sim_h_cppr(struct p7sim_platform *p, unsigned int vcpu, uint64_t *args);
int64_t p7sim_h_ipi(struct p7sim_platform *p, unsigned int vcpu, uint64_t *args);
int64_t p7sim_h_ipoll(struct p7sim_platform *p, unsigned int vcpu, uint64_t *args);
int64_t p7sim_h_xirr(struct p7sim_platform *p, unsigned int vcpu, uint64_t *args);

/* hcall-debug: logical cache-inhibited access; there is no MMIO to reach */
int64_t p7sim_h_logical_ci_load(struct p7sim_platform *p, unsigned int vcpu, uint64_t *args);
int64_t p7sim_h_logical_ci_store(struct p7sim_platform *p, unsigned int vcpu, uint64_t *args);

/* hcall-random */
int64_t p7sim_h_random(struct p7sim_platform *p, unsigned int vcpu, uint64_t *args);

/* hcall-set-mode */
int64_t p7sim_h_set_mode(struct p7sim_platform *p, unsigned int vcpu, uint64_t *args);

/* KVM/QEMU private: RTAS entered by hcall 0xf000 (rtas.c) */
int64_t p7sim_h_rtas(struct p7sim_platform *p, unsigned int vcpu, uint64_t *args);

#endif /* P7SIM_HCALLS_H */
