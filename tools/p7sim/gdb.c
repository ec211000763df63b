// SPDX-License-Identifier: GPL-2.0-only
/*
 * The gdb session: all-stop state and the run loop's hooks (gdb.h).
 *
 * While the debugger has the machine, every vcpu is stopped: the run loop
 * blocks in p7sim_gdb_turn() or p7sim_gdb_after_run() serving packets.  A
 * stop comes from the model (a breakpoint, a completed step, a watched
 * store: sim/debug.h ends the run slice before the next instruction), from
 * a trace point (`monitor stop`), from Ctrl-C (seen between two vcpu turns)
 * or from a debugger connecting.  A step runs only the stepping vcpu.
 * Nothing the client does ends p7sim except kill; a dropped connection lets
 * the guest run on, and the next debugger may connect at any time.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gdb_int.h"
#include "hv/hv_vcpu.h"
#include "machine.h"
#include "p7sim_platform.h"

#define GDB_SIGINT	2
#define GDB_SIGTRAP	5

void gdb_clear(struct p7sim_gdb *g)
{
	struct sim_debug *d = &g->dbg;

	d->nbrk = 0;
	d->nwatch = 0;
	d->step_thread = -1;
	g->nhw = 0;
	g->xs = GDB_XS_NONE;
	g->step_vcpu = -1;
}

void gdb_resume(struct p7sim_gdb *g)
{
	struct sim_debug *d = &g->dbg;

	for (unsigned int i = 0; i < g->t.nvcpu; i++)
		sim_debug_resume(d, g->t.m, i * SIM_THREADS_PER_CORE, g->t.vcpu[i]->regs.pc);
	d->step_thread = g->step_vcpu >= 0 ? g->step_vcpu * SIM_THREADS_PER_CORE : -1;
	/* A watch compares with the value at the resume: the debugger may have written it. */
	for (unsigned int k = 0; k < d->nwatch; k++) {
		struct sim_watch *w = &d->watch[k];
		uint8_t b[8];

		w->valid = gdb_mem_read(g, g->c_vcpu, w->ea, b, w->len) == w->len;
		w->val = 0;
		for (unsigned int j = 0; w->valid && j < w->len; j++)
			w->val = w->val << 8 | b[j];
	}
	g->xs_hit = false;
	g->stop_pending = false;
	g->stopped = false;
}

int p7sim_gdb_open(struct p7sim_gdb **out, const char *spec, bool wait,
		   const struct p7sim_gdb_target *t, char *err, size_t errlen)
{
	struct p7sim_gdb *g = calloc(1, sizeof(*g));

	*out = NULL;
	if (!g) {
		snprintf(err, errlen, "--gdb: out of memory");
		return -1;
	}
	g->t = *t;
		g->step_vcpu = -1;
	sim_debug_init(&g->dbg);
	if (gdb_listen(&g->c, spec, err, errlen)) {
		free(g);
		return -1;
	}
	t->m->debug = &g->dbg;
	/* --quiet keeps it to what the user cannot know: the port tcp::0 chose. */
	if (!t->quiet || !strncmp(spec, "tcp::0", 7)) {
		fprintf(t->diag, "p7sim: gdb: %s on %s\n", wait ? "waiting for a debugger" :
			"listening", g->c.where);
		fflush(t->diag);
	}
	if (wait) {
		gdb_accept(&g->c, true);
		/* Stopped before the first instruction; gdb asks why with '?'. */
		g->stopped = g->c.fd >= 0;
		g->stop_signal = GDB_SIGTRAP;
	}
	*out = g;
	return 0;
}

void p7sim_gdb_close(struct p7sim_gdb *g, int status)
{
	char buf[8];

	if (!g)
		return;
	if (g->c.fd >= 0 && !g->killed) {
		/* W: the process exited with this status (the run's exit status). */
		snprintf(buf, sizeof(buf), "W%02x", status & 0xff);
		gdb_send(&g->c, buf);
	}
	g->t.m->debug = NULL;
	gdb_conn_close(&g->c);
	free(g);
}

/* Stop every vcpu with the stop of vcpu @i, tell the debugger, serve it. */
static void stop_and_serve(struct p7sim_gdb *g, unsigned int i, int sig, const char *reason)
{
	g->stopped = true;
	g->stop_vcpu = g->g_vcpu = g->c_vcpu = i;
	g->stop_signal = sig;
	snprintf(g->stop_reason, sizeof(g->stop_reason), "%s", reason);
	g->step_vcpu = -1;
	g->dbg.step_thread = -1;
	gdb_report_stop(g);
	gdb_serve(g);
}

int p7sim_gdb_turn(struct p7sim_gdb *g, unsigned int i)
{
	if (g->c.fd < 0 && gdb_accept(&g->c, false)) {
		/* A debugger attaches: it expects the target stopped. */
		fprintf(g->t.diag, "p7sim: gdb: debugger connected\n");
		g->stopped = true;
		g->stop_vcpu = g->g_vcpu = g->c_vcpu = i;
		g->stop_signal = GDB_SIGTRAP;
		g->stop_reason[0] = 0;
	}
	if (g->c.fd >= 0 && !g->stopped) {
		if (gdb_poll_interrupt(&g->c)) {
			fprintf(g->t.diag, "p7sim: gdb: connection lost; the guest runs on\n");
			gdb_clear(g);
			gdb_resume(g);
		} else if (g->c.interrupt) {
			g->c.interrupt = false;
			stop_and_serve(g, i, GDB_SIGINT, "");
		}
	}
	if (g->stopped)
		gdb_serve(g);
	if (g->killed)
		return P7SIM_GDB_KILL;
	/* A stepping vcpu that cannot run (stopped) completes its step at once. */
	if (g->step_vcpu >= 0 && !p7sim_cpu_running(g->t.plat, (unsigned int)g->step_vcpu)) {
		stop_and_serve(g, (unsigned int)g->step_vcpu, GDB_SIGTRAP, "");
		return g->killed ? P7SIM_GDB_KILL : P7SIM_GDB_SKIP;
	}
	if (g->step_vcpu >= 0 && (unsigned int)g->step_vcpu != i)
		return P7SIM_GDB_SKIP;
	return P7SIM_GDB_RUN;
}

/* The stop reply's watch kind: "watch", "rwatch" or "awatch". */
static const char *watch_prefix(const struct sim_debug *d)
{
	for (unsigned int k = 0; k < d->nwatch; k++)
		if (d->watch[k].ea == d->hit_addr)
			return d->watch[k].kind == SIM_WATCH_READ ? "r" :
			       d->watch[k].kind == SIM_WATCH_ACCESS ? "a" : "";
	return "";
}

int p7sim_gdb_after_run(struct p7sim_gdb *g, unsigned int i)
{
	struct sim_debug *d = &g->dbg;
	char reason[64] = "";

	if (d->hit) {
		unsigned int vcpu = d->hit_thread / SIM_THREADS_PER_CORE;
		bool hw = false;

		for (unsigned int k = 0; k < g->nhw; k++)
			hw |= g->hw_brk[k] == d->hit_addr;
		if (d->hit == SIM_DBG_BREAK)
			snprintf(reason, sizeof(reason), "%s", hw ? "hwbreak:;" : "swbreak:;");
		else if (d->hit == SIM_DBG_WATCH)
			snprintf(reason, sizeof(reason), "%swatch:%llx;", watch_prefix(d),
				 (unsigned long long)d->hit_addr);
		d->hit = SIM_DBG_NONE;
		stop_and_serve(g, vcpu < g->t.nvcpu ? vcpu : i, GDB_SIGTRAP, reason);
	} else if (g->xs_hit) {
		g->xs_hit = false;
		fprintf(g->t.diag, "p7sim: gdb: stopped after %s\n", g->xs_what);
		stop_and_serve(g, g->xs_vcpu, GDB_SIGTRAP, "");
	}
	return g->killed ? P7SIM_GDB_KILL : P7SIM_GDB_RUN;
}

void p7sim_gdb_trace(struct p7sim_gdb *g, uint32_t type, const void *payload, uint32_t len)
{
	if (g->xs != GDB_XS_NONE || g->trace_on)
		gdb_monitor_trace(g, type, payload, len / 8);
}
