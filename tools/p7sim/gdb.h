/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * p7sim --gdb: a GDB remote serial protocol server in the VMM.  The run
 * loop (vmm.c) calls it at three points: before each vcpu's turn, after
 * each return from the HV core's run, and from every trace point.  It
 * drives the model's debugger support (sim/debug.h), never the engine, so
 * stops, steps and breakpoints are exact and deterministic.
 * docs/p7sim.md "Debugging with gdb" is the user's guide.
 */
#ifndef P7SIM_GDB_H
#define P7SIM_GDB_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

struct p7sim_gdb;
struct sim_machine;
struct hv_vm;
struct hv_vcpu;
struct p7sim_platform;
struct p7sim_stats;

/* What the server may look at and change: the VMM's own objects. */
struct p7sim_gdb_target {
	struct sim_machine *m;
	struct hv_vm *vm;
	struct hv_vcpu **vcpu;
	unsigned int nvcpu;
	struct p7sim_platform *plat;
	const struct p7sim_stats *exits, *hcalls;
	FILE *diag;
	bool quiet;			/* --quiet: only errors on diag */
};

/*
 * Listen on @spec: "tcp::PORT", "tcp:HOST:PORT" or "unix:PATH".  With
 * @wait, block until a debugger connects: the guest is then stopped before
 * its first instruction.  0, or -1 with @err set.
 */
int p7sim_gdb_open(struct p7sim_gdb **g, const char *spec, bool wait,
		   const struct p7sim_gdb_target *t, char *err, size_t errlen);
/* The run ends with @status: tell a connected debugger (W packet), close. */
void p7sim_gdb_close(struct p7sim_gdb *g, int status);

/* What the hooks tell the run loop. */
#define P7SIM_GDB_RUN		0	/* go on */
#define P7SIM_GDB_SKIP		1	/* skip this vcpu's turn: another one steps */
#define P7SIM_GDB_KILL		2	/* the debugger killed the run */

/*
 * Before vcpu @i's turn: serve the connection (Ctrl-C, a new debugger, the
 * commands while stopped).  A P7SIM_GDB_* value.
 */
int p7sim_gdb_turn(struct p7sim_gdb *g, unsigned int i);
/*
 * After each return from hv_vcpu_run() of vcpu @i: report a stop the model
 * or an exit-kind stop caused and serve the debugger.  P7SIM_GDB_RUN or
 * P7SIM_GDB_KILL.
 */
int p7sim_gdb_after_run(struct p7sim_gdb *g, unsigned int i);
/* Every HV trace point: exit-kind stops and `monitor trace on`. */
void p7sim_gdb_trace(struct p7sim_gdb *g, uint32_t type, const void *payload, uint32_t len);

#endif /* P7SIM_GDB_H */
