/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Names of hcall and interrupt (trap) numbers, for --stats, diagnostics and
 * trace tools.  The names are the Linux kernel's (asm/hvcall.h H_*, and the
 * exit symbols of arch/powerpc/kvm/trace_book3s.h without the
 * BOOK3S_INTERRUPT_ prefix), so output reads like perf kvm stat and
 * the kvm tracepoints.
 */
#ifndef P7SIM_NAMES_H
#define P7SIM_NAMES_H

#include <stdint.h>

/* "H_ENTER" for 0x08; NULL for a number without a name. */
const char *p7sim_hcall_name(uint64_t nr);
/* "HV_DECREMENTER" for 0x980; NULL for a number without a name. */
const char *p7sim_trap_name(uint64_t trap);

#endif /* P7SIM_NAMES_H */
