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

/* hcall-vio: the vty's interrupt enable */
int64_t p7sim_h_vio_signal(struct p7sim_platform *p, unsigned int vcpu, uint64_t *args);

/*
 * H_GET_CPU_CHARACTERISTICS bits (PAPR; Linux asm/hvcall.h names, bit 0
 * the most significant).
 */
#define H_CPU_CHAR_SPEC_BAR_ORI31		(1ULL << 63)
#define H_CPU_CHAR_BRANCH_HINTS_HONORED		(1ULL << 58)
#define H_CPU_CHAR_BCCTR_FLUSH_ASSIST		(1ULL << 54)
#define H_CPU_BEHAV_FAVOUR_SECURITY		(1ULL << 63)
#define H_CPU_BEHAV_L1D_FLUSH_PR		(1ULL << 62)
#define H_CPU_BEHAV_BNDS_CHK_SPEC_BAR		(1ULL << 61)
#define H_CPU_BEHAV_FLUSH_COUNT_CACHE		(1ULL << 58)
/*
 * What QEMU 7.2's pseries machine answers a TCG POWER7 guest with its
 * default capabilities (cap-cfpc=broken, cap-sbbc=workaround,
 * cap-ibs=workaround, cap-ccf-assist=on): 0x8440000000000000 and
 * 0xe400000000000000, read with gdb from the buffer Linux 6.1 receives.
 */
#define P7SIM_CPU_CHARACTERISTICS	(H_CPU_CHAR_SPEC_BAR_ORI31 |		\
					 H_CPU_CHAR_BRANCH_HINTS_HONORED |	\
					 H_CPU_CHAR_BCCTR_FLUSH_ASSIST)
#define P7SIM_CPU_BEHAVIOUR		(H_CPU_BEHAV_FAVOUR_SECURITY |		\
					 H_CPU_BEHAV_L1D_FLUSH_PR |		\
					 H_CPU_BEHAV_BNDS_CHK_SPEC_BAR |	\
					 H_CPU_BEHAV_FLUSH_COUNT_CACHE)
int64_t p7sim_h_get_cpu_characteristics(struct p7sim_platform *p, unsigned int vcpu,
					uint64_t *args);

/*
 * ibm,hypertas-functions: the function sets whose every hcall is
 * implemented by the platform or, per @in_kernel, by the HV core.  A
 * NULL-terminated list, valid until the next call.
 */
const char *const *p7sim_hypertas(const struct p7sim_platform *p,
				  bool (*in_kernel)(unsigned long nr));

/* KVM/QEMU private: RTAS entered by hcall 0xf000 (rtas.c) */
int64_t p7sim_h_rtas(struct p7sim_platform *p, unsigned int vcpu, uint64_t *args);

#endif /* P7SIM_HCALLS_H */
