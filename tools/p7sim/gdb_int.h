/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The gdb server's parts (gdb.h is the VMM's view):
 *
 *   gdb_packet.c  sockets, packet framing ($...#cs, acks, escapes, RLE-free
 *                 replies), the Ctrl-C byte
 *   gdb_regs.c    the target description (XML) and register access by number
 *   gdb_mem.c     guest memory by effective address through the model's MMU,
 *                 HPTE and SLB lookups for `monitor`
 *   gdb_cmds.c    the packet commands (q, v, g, m, Z, vCont ...)
 *   gdb_monitor.c `monitor` commands (exit-kind stops, hpte, slb, stats, trace)
 *   gdb.c         the session: stop/resume state and the run loop hooks
 *
 * Thread ids are vcpu numbers + 1 (gdb reserves 0 and -1).
 */
#ifndef P7SIM_GDB_INT_H
#define P7SIM_GDB_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "debug.h"
#include "gdb.h"

#define GDB_PKT_MAX	16384		/* PacketSize we advertise */

/* An exit kind `monitor stop` waits for. */
enum gdb_exit_stop {
	GDB_XS_NONE = 0,
	GDB_XS_TRAP,			/* any exit with trap == arg (0 = any exit) */
	GDB_XS_HCALL,			/* an hcall with number arg (~0 = any) */
};

struct gdb_conn {
	int listen_fd;
	int fd;				/* -1: no debugger connected */
	bool no_ack;			/* QStartNoAckMode */
	char *rx;			/* one packet's payload, NUL-terminated */
	size_t rx_len;
	bool interrupt;			/* a Ctrl-C byte arrived */
	char sock_path[108];		/* unix socket to remove at the end */
	char where[160];		/* what we listen on, with the real port */
};

struct p7sim_gdb {
	struct p7sim_gdb_target t;
	struct gdb_conn c;
	struct sim_debug dbg;

	bool stopped;			/* all-stop: every vcpu is stopped */
	int step_vcpu;			/* vcpu to step (-1: none); others wait */
	unsigned int g_vcpu, c_vcpu;	/* Hg / Hc selections */
	unsigned int stop_vcpu;		/* the vcpu the last stop was on */
	bool killed;			/* the debugger ended the run (k, vKill) */

	/* A pending stop to report: set by the model, a trace point or Ctrl-C. */
	bool stop_pending;
	char stop_reason[96];		/* the reply's reason ("swbreak:;", "watch:..;") */
	int stop_signal;

	/* monitor stop */
	enum gdb_exit_stop xs;
	uint64_t xs_arg;
	bool xs_hit;
	unsigned int xs_vcpu;
	char xs_what[96];		/* what stopped it, printed by `monitor why` */
	bool trace_on;			/* monitor trace on: one stderr line per exit */

	uint64_t hw_brk[8];		/* Z1 addresses (also in dbg.brk) */
	unsigned int nhw;
};

/* ---- gdb_packet.c -------------------------------------------------------------- */

int gdb_listen(struct gdb_conn *c, const char *spec, char *err, size_t errlen);
/* Accept a connection: block when @wait, else only when one is pending.  1 accepted. */
int gdb_accept(struct gdb_conn *c, bool wait);
void gdb_drop(struct gdb_conn *c);
void gdb_conn_close(struct gdb_conn *c);
/*
 * Receive one packet (blocking): 1 with c->rx set, 0 when only Ctrl-C came
 * (c->interrupt), -1 when the connection dropped.
 */
int gdb_recv(struct gdb_conn *c);
/* Non-blocking: look for a Ctrl-C byte while the guest runs.  -1 dropped. */
int gdb_poll_interrupt(struct gdb_conn *c);
int gdb_send(struct gdb_conn *c, const char *payload);
int gdb_send_bin(struct gdb_conn *c, const char *payload, size_t len);
/* An 'O' console packet with @text hex-encoded. */
int gdb_send_console(struct gdb_conn *c, const char *text);

/* hex helpers */
int gdb_hexval(int ch);
void gdb_hex_encode(char *out, const void *buf, size_t len);
/* Decode @n hex digit pairs; -1 on a bad digit. */
int gdb_hex_decode(void *out, const char *in, size_t n);
/* Parse a hex number at *s, advancing it; -1 when there is none. */
int gdb_parse_hex(const char **s, uint64_t *v);

/* ---- gdb_regs.c ---------------------------------------------------------------- */

/* The target description document @annex ("target.xml"), or NULL. */
const char *gdb_target_xml(const char *annex);
unsigned int gdb_nregs(void);
/* Register @n of vcpu @i into @buf (big-endian); its size, or 0 if no such register. */
unsigned int gdb_reg_read(struct p7sim_gdb *g, unsigned int i, unsigned int n, uint8_t *buf);
/* Write register @n; -1 when it does not exist or is read-only. */
int gdb_reg_write(struct p7sim_gdb *g, unsigned int i, unsigned int n, const uint8_t *buf);

/* ---- gdb_mem.c ------------------------------------------------------------------- */

/* Guest EA -> real address for vcpu @i's current guest state; -1 when it faults. */
int gdb_xlate(struct p7sim_gdb *g, unsigned int i, uint64_t ea, uint64_t *ra);
/* Read/write guest memory by EA; bytes done (short on a fault). */
size_t gdb_mem_read(struct p7sim_gdb *g, unsigned int i, uint64_t ea, void *buf, size_t len);
size_t gdb_mem_write(struct p7sim_gdb *g, unsigned int i, uint64_t ea, const void *buf,
		     size_t len);
/* Text about the SLB entry and the HPTE translating @ea for vcpu @i (monitor). */
void gdb_describe_ea(struct p7sim_gdb *g, unsigned int i, uint64_t ea, char *out, size_t len);
void gdb_describe_slb(struct p7sim_gdb *g, unsigned int i, char *out, size_t len);

/* ---- gdb_cmds.c -------------------------------------------------------------------- */

/* Serve packets while stopped until a resume, detach or kill (or a drop). */
void gdb_serve(struct p7sim_gdb *g);
/* Send the stop reply for the current stop. */
void gdb_report_stop(struct p7sim_gdb *g);

/* ---- gdb_monitor.c ------------------------------------------------------------------ */

/* Run `monitor @cmd`; the text for gdb's console goes to @out. */
void gdb_monitor(struct p7sim_gdb *g, const char *cmd, char *out, size_t len);
/* A trace point: does it end the run for a `monitor stop`?  Also prints trace lines. */
void gdb_monitor_trace(struct p7sim_gdb *g, uint32_t type, const uint64_t *w, uint32_t nwords);

/* ---- gdb.c -------------------------------------------------------------------------- */

/* The debugger resumes every vcpu (or steps g->step_vcpu). */
void gdb_resume(struct p7sim_gdb *g);
/* Drop every breakpoint, watchpoint and step (detach, a new connection). */
void gdb_clear(struct p7sim_gdb *g);

#endif /* P7SIM_GDB_INT_H */
