/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * RTAS, entered through hcall 0xf000 (KVMPPC_H_RTAS) with r4 = the guest
 * real address of the argument buffer, as QEMU's pseries machine does when
 * the device tree has no linux,rtas-entry (pseries-guest-contract.md 5.3).
 *
 * The buffer is big-endian 32-bit words: token, nargs, nret, args[nargs],
 * rets[nret]; rets[0] is the RTAS status.  One table below lists each call
 * with its token, which the device tree builder publishes as a property of
 * /rtas, and the argument counts the call requires.
 *
 * Errors: a buffer that is not inside guest RAM, or has no room for a
 * status (nret 0), cannot be answered and gives H_PARAMETER.  An unknown
 * token gives status -3 and H_PARAMETER, as QEMU does.  Wrong nargs/nret
 * or bad argument values give status -3 (parameter error) with H_SUCCESS.
 */
#ifndef P7SIM_RTAS_H
#define P7SIM_RTAS_H

#include <stddef.h>
#include <stdint.h>

#include "p7sim_platform.h"

/* RTAS status values (PAPR, RTAS "Status" word). */
#define P7SIM_RTAS_OK		0
#define P7SIM_RTAS_NO_EVENT	1	/* event-scan: no errors found */
#define P7SIM_RTAS_HW_ERROR	(-1)
#define P7SIM_RTAS_PARAM_ERROR	(-3)

/* The largest nargs/nret any call here takes is 8 (get-time-of-day's nret). */
#define P7SIM_RTAS_MAX_WORDS	16

/* query-cpu-stopped-state results (rets[1]). */
#define P7SIM_RTAS_CPU_STOPPED	0
#define P7SIM_RTAS_CPU_RUNNING	2

struct p7sim_rtas_call {
	const char *name;	/* the /rtas property name */
	uint32_t token;
	uint32_t nargs;
	uint32_t nret;
	void (*fn)(struct p7sim_platform *p, unsigned int vcpu, const uint32_t *args,
		   uint32_t *rets);
};

/* rtas-error-log-max: the largest error log event-scan could return. */
#define P7SIM_RTAS_ERROR_LOG_MAX	2048

/* The calls, in token order; *n receives their number. */
const struct p7sim_rtas_call *p7sim_rtas_calls(unsigned int *n);
/* The token of call @name, or 0 when there is no such call. */
uint32_t p7sim_rtas_token(const char *name);
/* The RTAS blob's instruction words (big-endian values) and its size in bytes. */
const uint32_t *p7sim_rtas_blob(size_t *len);

/* Format @size bytes of NVRAM as one free CHRP partition (power-on state). */
void p7sim_nvram_format(uint8_t *nvram, uint32_t size);

/* The calls implemented elsewhere: NVRAM (nvram.c), XICS sources (ics.c). */
void p7sim_rtas_nvram_fetch(struct p7sim_platform *p, unsigned int vcpu, const uint32_t *args,
			    uint32_t *rets);
void p7sim_rtas_nvram_store(struct p7sim_platform *p, unsigned int vcpu, const uint32_t *args,
			    uint32_t *rets);
void p7sim_rtas_set_xive(struct p7sim_platform *p, unsigned int vcpu, const uint32_t *args,
			 uint32_t *rets);
void p7sim_rtas_get_xive(struct p7sim_platform *p, unsigned int vcpu, const uint32_t *args,
			 uint32_t *rets);
void p7sim_rtas_int_off(struct p7sim_platform *p, unsigned int vcpu, const uint32_t *args,
			uint32_t *rets);
void p7sim_rtas_int_on(struct p7sim_platform *p, unsigned int vcpu, const uint32_t *args,
		       uint32_t *rets);

#endif /* P7SIM_RTAS_H */
