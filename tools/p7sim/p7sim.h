/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The p7sim platform library (libp7sim_platform.a): everything the pseries
 * VMM needs besides the HV core and the run loop.  One header per piece:
 *
 *   p7sim_mem.h       guest RAM access across scattered 16 MB pages
 *   p7sim_elf.h       the guest kernel loader (libelf)
 *   p7sim_fdt.h       the device tree (libfdt)
 *   p7sim_platform.h  platform state, the userspace hcall table, vcpu states
 *   p7sim_hcalls.h    the individual hcall handlers
 *   p7sim_rtas.h      RTAS calls and tokens
 *   p7sim_rtc.h       the RTAS clock
 *   p7sim_console.h   the vty console
 *   p7sim_stats.h     --stats tables
 *   p7sim_names.h     hcall and trap names
 *
 * docs/p7sim-platform.md describes the platform as implemented and how the
 * CLI glues it to the HV core.  In comments, "contract N.M" is section N.M
 * of the pseries guest contract (shared/reference/pseries-guest-contract.md).
 */
#ifndef P7SIM_H
#define P7SIM_H

#include "p7sim_console.h"
#include "p7sim_elf.h"
#include "p7sim_fdt.h"
#include "p7sim_hcalls.h"
#include "p7sim_mem.h"
#include "p7sim_names.h"
#include "p7sim_platform.h"
#include "p7sim_rtas.h"
#include "p7sim_rtc.h"
#include "p7sim_stats.h"

#endif /* P7SIM_H */
