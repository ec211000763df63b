// SPDX-License-Identifier: GPL-2.0-only
/*
 * Names of hcall opcodes and interrupt vectors (see p7sim_names.h): the
 * trace tools' tables (tools/trace/names.c, the kernel's kvm_hv tracepoint
 * symbols), so that p7sim --stats and p7trace print the same names, plus the
 * few numbers those tracepoint tables do not name.
 */
#include <stddef.h>

#include "p7sim_names.h"
#include "p7trace.h"

struct name {
	uint64_t nr;
	const char *name;
};

static const struct name more_hcalls[] = {
	{ 0x358, "H_CLEAR_HPT" },	{ 0x45c, "H_WATCHDOG" },
};

static const struct name more_traps[] = {
	{ 0xa00, "DOORBELL" },		{ 0xe60, "HMI" },
	{ 0xf60, "FAC_UNAVAIL" },
};

static const char *lookup(const struct name *t, size_t n, uint64_t nr)
{
	for (size_t i = 0; i < n; i++)
		if (t[i].nr == nr)
			return t[i].name;
	return NULL;
}

const char *p7sim_hcall_name(uint64_t nr)
{
	const char *s = p7trace_hcall_name(nr);

	return s ? s : lookup(more_hcalls, sizeof(more_hcalls) / sizeof(more_hcalls[0]), nr);
}

const char *p7sim_trap_name(uint64_t trap)
{
	const char *s = p7trace_trap_name(trap);

	return s ? s : lookup(more_traps, sizeof(more_traps) / sizeof(more_traps[0]), trap);
}
