// SPDX-License-Identifier: GPL-2.0-only
/*
 * `monitor` commands: what the hypervisor saw, for a debugger that only
 * sees the guest.
 *
 *   stop hcall NR|NAME|any    stop after the next hcall of that number
 *   stop KIND|TRAP|any        stop after the next exit of that kind: hdsi,
 *                             hisi, hdec, hea, hmi, external, syscall, or a
 *                             trap number
 *   stop off                  forget it
 *   why                       which exit caused the last such stop
 *   hpte EA|pc                the SLB entry and HPTE translating EA (Hg vcpu)
 *   slb                       the guest SLB saved at the last exit
 *   stats                     the exit and hcall tables of --stats so far
 *   trace on|off              one line on p7sim's stderr per exit and hcall
 *
 * An exit-kind stop happens once the HV core has handled the exit (in the
 * kernel, or by the VMM for a userspace hcall), before the guest runs again:
 * the vcpu then shows the state the guest resumes with.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "gdb_int.h"
#include "hv/hv_vcpu.h"
#include "hv/trace.h"
#include "hv_env_sim.h"
#include "machine.h"
#include "p7sim_names.h"
#include "p7sim_stats.h"

static const struct {
	const char *name;
	uint64_t trap;
} kinds[] = {
	{ "hdsi", 0xe00 }, { "hisi", 0xe20 }, { "hea", 0xe40 }, { "hmi", 0xe60 },
	{ "hdec", 0x980 }, { "external", 0x500 }, { "syscall", 0xc00 }, { "mce", 0x200 },
	{ "sreset", 0x100 },
};

static const char help[] =
"p7sim monitor commands:\n"
"  stop hcall NR|NAME|any   stop after the next hcall of that number\n"
"  stop KIND|TRAP|any       stop after the next exit of a kind (hdsi hisi hdec hea\n"
"                           hmi external syscall mce sreset) or trap number\n"
"  stop off                 no exit-kind stop\n"
"  why                      the exit behind the last exit-kind stop\n"
"  hpte EA|pc               SLB entry and HPTE translating EA (selected thread)\n"
"  slb                      the guest SLB saved at the last exit\n"
"  stats                    exit and hcall tables so far (as --stats)\n"
"  trace on|off             one line on p7sim's stderr per exit and hcall\n";

static int parse_num(const char *s, uint64_t *v)
{
	char *end;

	if (!*s)
		return -1;
	*v = strtoull(s, &end, 0);
	return *end ? -1 : 0;
}

static int hcall_by_name(const char *s, uint64_t *nr)
{
	/* PAPR's range (hcalls are multiples of 4), then the KVM/QEMU private one. */
	static const uint64_t ranges[][2] = { { 0, 0x1000 }, { 0xf000, 0xf100 } };

	for (unsigned int r = 0; r < 2; r++)
		for (uint64_t n = ranges[r][0]; n < ranges[r][1]; n += 4) {
			const char *name = p7sim_hcall_name(n);

			if (name && !strcasecmp(name, s)) {
				*nr = n;
				return 0;
			}
		}
	return parse_num(s, nr);
}

static void stop_cmd(struct p7sim_gdb *g, const char *arg, char *out, size_t len)
{
	uint64_t v;

	if (!strcmp(arg, "off")) {
		g->xs = GDB_XS_NONE;
		snprintf(out, len, "no exit-kind stop\n");
		return;
	}
	if (!strncmp(arg, "hcall ", 6)) {
		const char *a = arg + 6;

		if (!strcmp(a, "any")) {
			v = ~0ULL;
		} else if (hcall_by_name(a, &v)) {
			snprintf(out, len, "unknown hcall '%s'\n", a);
			return;
		}
		g->xs = GDB_XS_HCALL;
		g->xs_arg = v;
		if (v == ~0ULL)
			snprintf(out, len, "will stop after the next hcall\n");
		else
			snprintf(out, len, "will stop after the next hcall 0x%" PRIx64 " (%s)\n", v,
				 p7sim_hcall_name(v) ? p7sim_hcall_name(v) : "?");
		return;
	}
	if (!strcmp(arg, "any")) {
		v = 0;
	} else {
		unsigned int k;

		for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++)
			if (!strcasecmp(arg, kinds[k].name))
				break;
		if (k < sizeof(kinds) / sizeof(kinds[0])) {
			v = kinds[k].trap;
		} else if (parse_num(arg, &v) || !v) {
			snprintf(out, len, "unknown exit kind '%s' (see monitor help)\n", arg);
			return;
		}
	}
	g->xs = GDB_XS_TRAP;
	g->xs_arg = v;
	if (v)
		snprintf(out, len, "will stop after the next exit 0x%" PRIx64 " (%s)\n", v,
			 p7sim_trap_name(v) ? p7sim_trap_name(v) : "?");
	else
		snprintf(out, len, "will stop after the next exit\n");
}

static void stats_cmd(struct p7sim_gdb *g, char *out, size_t len)
{
	FILE *f = fmemopen(out, len, "w");

	if (!f) {
		snprintf(out, len, "cannot format the tables\n");
		return;
	}
	p7sim_stats_print(g->t.exits, f);
	fprintf(f, "\n");
	p7sim_stats_print(g->t.hcalls, f);
	fclose(f);
	out[len - 1] = 0;
}

void gdb_monitor(struct p7sim_gdb *g, const char *cmd, char *out, size_t len)
{
	uint64_t ea;

	while (*cmd == ' ')
		cmd++;
	if (!strncmp(cmd, "stop ", 5)) {
		stop_cmd(g, cmd + 5, out, len);
	} else if (!strcmp(cmd, "why")) {
		snprintf(out, len, "%s\n", g->xs_what[0] ? g->xs_what : "no exit-kind stop yet");
	} else if (!strncmp(cmd, "hpte ", 5)) {
		/* gdb does not expand $pc in a monitor command: "pc" stands for it. */
		if (!strcmp(cmd + 5, "pc"))
			ea = g->t.vcpu[g->g_vcpu]->regs.pc;
		else if (parse_num(cmd + 5, &ea))
			ea = ~0ULL;
		if (ea == ~0ULL)
			snprintf(out, len, "usage: monitor hpte EA|pc\n");
		else
			gdb_describe_ea(g, g->g_vcpu, ea, out, len);
	} else if (!strcmp(cmd, "slb")) {
		gdb_describe_slb(g, g->g_vcpu, out, len);
	} else if (!strcmp(cmd, "stats")) {
		stats_cmd(g, out, len);
	} else if (!strcmp(cmd, "trace on") || !strcmp(cmd, "trace off")) {
		g->trace_on = !strcmp(cmd, "trace on");
		snprintf(out, len, "exit trace %s\n", g->trace_on ? "on (p7sim's stderr)" : "off");
	} else if (!strcmp(cmd, "help") || !*cmd) {
		snprintf(out, len, "%s", help);
	} else {
		snprintf(out, len, "unknown monitor command '%s'\n%s", cmd, help);
	}
}

static void hit(struct p7sim_gdb *g, unsigned int vcpu, const char *what)
{
	g->xs_hit = true;
	g->xs_vcpu = vcpu;
	snprintf(g->xs_what, sizeof(g->xs_what), "%s", what);
	/* The host takes the CPU back before the next guest entry (hv_env_sim). */
	sim_host.deadline = g->t.m->clock ? g->t.m->clock : 1;
}

void gdb_monitor_trace(struct p7sim_gdb *g, uint32_t type, const uint64_t *w, uint32_t nwords)
{
	unsigned int vcpu = nwords ? (unsigned int)w[0] : 0;
	char what[96];
	const char *name;

	if (vcpu >= g->t.nvcpu)
		return;
	if (type == HV_TR_GUEST_EXIT && nwords > TRX_PC) {
		name = p7sim_trap_name(w[TRX_TRAP]);
		snprintf(what, sizeof(what), "vcpu %u: exit 0x%" PRIx64 " (%s) at pc 0x%" PRIx64,
			 vcpu, w[TRX_TRAP], name ? name : "?", w[TRX_PC]);
		if (g->trace_on)
			fprintf(g->t.diag, "p7sim: [%" PRIu64 "] %s\n", g->t.m->clock, what);
		if (g->xs == GDB_XS_TRAP && (!g->xs_arg || g->xs_arg == w[TRX_TRAP]))
			hit(g, vcpu, what);
	} else if (type == HV_TR_HCALL_ENTER && nwords > TRH_ARG0 + 2) {
		name = p7sim_hcall_name(w[TRH_REQ]);
		snprintf(what, sizeof(what), "vcpu %u: hcall 0x%" PRIx64 " (%s) r4 0x%" PRIx64
			 " r5 0x%" PRIx64 " r6 0x%" PRIx64, vcpu, w[TRH_REQ], name ? name : "?",
			 w[TRH_ARG0], w[TRH_ARG0 + 1], w[TRH_ARG0 + 2]);
		if (g->trace_on)
			fprintf(g->t.diag, "p7sim: [%" PRIu64 "] %s\n", g->t.m->clock, what);
		if (g->xs == GDB_XS_HCALL && (g->xs_arg == ~0ULL || g->xs_arg == w[TRH_REQ]))
			hit(g, vcpu, what);
	}
}
