// SPDX-License-Identifier: GPL-2.0-only
/*
 * The remote protocol's commands, served while every vcpu is stopped
 * (all-stop mode; the gdb manual, "Packets" and "General Query Packets").
 * Every packet gets an answer: an unknown one the empty reply, a malformed
 * or impossible one "E01"..."E03"; none changes anything before it parsed
 * completely.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gdb_int.h"
#include "hv/hv_vcpu.h"
#include "p7sim_platform.h"

#define E_BAD	"E01"	/* malformed packet */
#define E_FAULT	"E02"	/* the address does not translate */
#define E_NOSUP	"E03"	/* no such thread or register, read-only, table full */

static char reply[2 * GDB_PKT_MAX + 8];

static unsigned int tid_vcpu(uint64_t tid)
{
	return (unsigned int)(tid - 1);
}

/* "-1" and "0" select any thread: the one that stopped. */
static int parse_tid(struct p7sim_gdb *g, const char *s, unsigned int *vcpu)
{
	uint64_t tid;

	if (!strcmp(s, "-1") || !strcmp(s, "0")) {
		*vcpu = g->stop_vcpu;
		return 0;
	}
	if (gdb_parse_hex(&s, &tid) || *s || !tid || tid > g->t.nvcpu)
		return -1;
	*vcpu = tid_vcpu(tid);
	return 0;
}

void gdb_report_stop(struct p7sim_gdb *g)
{
	char buf[160];

	snprintf(buf, sizeof(buf), "T%02xthread:%x;%s", g->stop_signal, g->stop_vcpu + 1,
		 g->stop_reason);
	gdb_send(&g->c, buf);
}

static void send_regs(struct p7sim_gdb *g)
{
	uint8_t buf[16];
	size_t n = 0;

	for (unsigned int r = 0; r < gdb_nregs(); r++) {
		unsigned int sz = gdb_reg_read(g, g->g_vcpu, r, buf);

		gdb_hex_encode(reply + n, buf, sz);
		n += 2 * sz;
	}
	gdb_send(&g->c, reply);
}

static void write_regs(struct p7sim_gdb *g, const char *hex)
{
	size_t len = strlen(hex), off = 0;
	uint8_t buf[16];

	/* Parse all first: a short or bad packet changes nothing. */
	for (unsigned int r = 0; r < gdb_nregs(); r++) {
		unsigned int sz = gdb_reg_read(g, g->g_vcpu, r, buf);

		if (off + 2 * sz > len || gdb_hex_decode(buf, hex + off, sz)) {
			gdb_send(&g->c, E_BAD);
			return;
		}
		off += 2 * sz;
	}
	off = 0;
	for (unsigned int r = 0; r < gdb_nregs(); r++) {
		unsigned int sz = gdb_reg_read(g, g->g_vcpu, r, buf);

		gdb_hex_decode(buf, hex + off, sz);
		gdb_reg_write(g, g->g_vcpu, r, buf);	/* read-only ones stay as they are */
		off += 2 * sz;
	}
	gdb_send(&g->c, "OK");
}

static void reg_one(struct p7sim_gdb *g, const char *s, bool write)
{
	uint64_t n;
	uint8_t buf[16];
	unsigned int sz;

	if (gdb_parse_hex(&s, &n) || (write ? *s != '=' : *s != 0)) {
		gdb_send(&g->c, E_BAD);
		return;
	}
	if (n >= gdb_nregs()) {
		gdb_send(&g->c, E_NOSUP);
		return;
	}
	sz = gdb_reg_read(g, g->g_vcpu, (unsigned int)n, buf);
	if (!write) {
		gdb_hex_encode(reply, buf, sz);
		gdb_send(&g->c, reply);
		return;
	}
	if (strlen(s + 1) != 2 * sz || gdb_hex_decode(buf, s + 1, sz)) {
		gdb_send(&g->c, E_BAD);
		return;
	}
	gdb_send(&g->c, gdb_reg_write(g, g->g_vcpu, (unsigned int)n, buf) ? E_NOSUP : "OK");
}

/* "ADDR,LEN" then @sep. */
static int parse_range(const char **s, uint64_t *addr, uint64_t *len, char sep)
{
	if (gdb_parse_hex(s, addr) || **s != ',')
		return -1;
	(*s)++;
	if (gdb_parse_hex(s, len) || **s != sep)
		return -1;
	if (sep)
		(*s)++;
	return 0;
}

static void mem_read(struct p7sim_gdb *g, const char *s)
{
	uint64_t addr, len;
	static uint8_t buf[GDB_PKT_MAX / 2];
	size_t got;

	if (parse_range(&s, &addr, &len, 0)) {
		gdb_send(&g->c, E_BAD);
		return;
	}
	if (len > sizeof(buf))
		len = sizeof(buf);
	got = gdb_mem_read(g, g->g_vcpu, addr, buf, len);
	if (!got && len) {
		gdb_send(&g->c, E_FAULT);
		return;
	}
	gdb_hex_encode(reply, buf, got);
	gdb_send(&g->c, reply);
}

static void mem_write(struct p7sim_gdb *g, const char *s, size_t plen, bool binary)
{
	const char *start = s;
	uint64_t addr, len;
	static uint8_t buf[GDB_PKT_MAX];
	size_t n = 0;

	if (parse_range(&s, &addr, &len, ':') || len > sizeof(buf)) {
		gdb_send(&g->c, E_BAD);
		return;
	}
	plen -= (size_t)(s - start);
	if (binary) {
		/* X: '}' escapes the next byte (XOR 0x20). */
		for (size_t k = 0; k < plen && n < len; k++) {
			uint8_t b = (uint8_t)s[k];

			if (b == '}') {
				if (++k == plen)
					break;
				b = (uint8_t)s[k] ^ 0x20;
			}
			buf[n++] = b;
		}
	} else if (plen == 2 * len && !gdb_hex_decode(buf, s, len)) {
		n = len;
	}
	if (n != len) {
		gdb_send(&g->c, E_BAD);
		return;
	}
	gdb_send(&g->c, gdb_mem_write(g, g->g_vcpu, addr, buf, len) == len ? "OK" : E_FAULT);
}

/*
 * Z/z TYPE,ADDR,KIND: 0 software and 1 hardware breakpoints (the same
 * model breakpoints), 2 write, 3 read and 4 access watchpoints.
 */
static void break_cmd(struct p7sim_gdb *g, const char *s, bool insert)
{
	struct sim_debug *d = &g->dbg;
	uint64_t type, addr, kind;
	int r = -1;

	if (gdb_parse_hex(&s, &type) || *s++ != ',' || gdb_parse_hex(&s, &addr) ||
	    *s++ != ',' || gdb_parse_hex(&s, &kind) || (*s && *s != ';')) {
		gdb_send(&g->c, E_BAD);
		return;
	}
	if (type > 4) {
		gdb_send(&g->c, "");
		return;
	}
	if (type >= 2) {
		enum sim_watch_kind wk = type == 2 ? SIM_WATCH_WRITE :
					 type == 3 ? SIM_WATCH_READ : SIM_WATCH_ACCESS;

		if (!kind || kind > 8) {
			gdb_send(&g->c, E_NOSUP);
			return;
		}
		for (unsigned int k = 0; k < d->nwatch; k++)
			if (d->watch[k].ea == addr && d->watch[k].len == kind &&
			    d->watch[k].kind == wk) {
				if (!insert)
					d->watch[k] = d->watch[--d->nwatch];
				r = 0;
				break;
			}
		if (insert && r && d->nwatch < SIM_DEBUG_MAX_WATCH) {
			d->watch[d->nwatch++] = (struct sim_watch){ .ea = addr,
								   .len = (unsigned int)kind,
								   .kind = wk };
			r = 0;
		}
		if (!insert && r)
			r = 0;	/* removing what is not there is fine */
		gdb_send(&g->c, r ? E_NOSUP : "OK");
		return;
	}
	if (type == 1) {
		unsigned int k;

		for (k = 0; k < g->nhw && g->hw_brk[k] != addr; k++)
			;
		if (insert && k == g->nhw) {
			if (g->nhw == sizeof(g->hw_brk) / sizeof(g->hw_brk[0])) {
				gdb_send(&g->c, E_NOSUP);
				return;
			}
			g->hw_brk[g->nhw++] = addr;
		} else if (!insert && k < g->nhw) {
			g->hw_brk[k] = g->hw_brk[--g->nhw];
		}
	}
	r = insert ? sim_debug_add_break(d, addr) : (sim_debug_del_break(d, addr), 0);
	gdb_send(&g->c, r ? E_NOSUP : "OK");
}

static void xfer_features(struct p7sim_gdb *g, const char *s)
{
	const char *colon = strchr(s, ':');
	char annex[64];
	const char *doc;
	uint64_t off, len;
	size_t dlen, n = 0;

	if (!colon || (size_t)(colon - s) >= sizeof(annex)) {
		gdb_send(&g->c, E_BAD);
		return;
	}
	memcpy(annex, s, colon - s);
	annex[colon - s] = 0;
	s = colon + 1;
	doc = gdb_target_xml(annex);
	if (!doc || parse_range(&s, &off, &len, 0)) {
		gdb_send(&g->c, doc ? E_BAD : "E00");
		return;
	}
	dlen = strlen(doc);
	if (len > GDB_PKT_MAX - 8)
		len = GDB_PKT_MAX - 8;
	reply[n++] = off + len < dlen ? 'm' : 'l';
	for (size_t k = off; k < dlen && k < off + len; k++)
		reply[n++] = doc[k];
	gdb_send_bin(&g->c, reply, n);
}

static const char *vcpu_state(struct p7sim_gdb *g, unsigned int i)
{
	if (!p7sim_cpu_running(g->t.plat, i))
		return ", not started or stopped (RTAS)";
	if (g->t.vcpu[i]->ceded)
		return ", ceded";
	return "";
}

static void query(struct p7sim_gdb *g, const char *p)
{
	char buf[256];

	if (!strncmp(p, "qSupported", 10)) {
		snprintf(buf, sizeof(buf), "PacketSize=%x;qXfer:features:read+;QStartNoAckMode+;"
			 "swbreak+;hwbreak+;vContSupported+", GDB_PKT_MAX);
		gdb_send(&g->c, buf);
	} else if (!strcmp(p, "QStartNoAckMode")) {
		gdb_send(&g->c, "OK");
		g->c.no_ack = true;
	} else if (!strncmp(p, "qXfer:features:read:", 20)) {
		xfer_features(g, p + 20);
	} else if (!strcmp(p, "qfThreadInfo")) {
		size_t n = 0;

		reply[n++] = 'm';
		for (unsigned int i = 0; i < g->t.nvcpu; i++)
			n += (size_t)sprintf(reply + n, "%s%x", i ? "," : "", i + 1);
		gdb_send(&g->c, reply);
	} else if (!strcmp(p, "qsThreadInfo")) {
		gdb_send(&g->c, "l");
	} else if (!strcmp(p, "qC")) {
		snprintf(buf, sizeof(buf), "QC%x", g->stop_vcpu + 1);
		gdb_send(&g->c, buf);
	} else if (!strcmp(p, "qAttached")) {
		gdb_send(&g->c, "1");
	} else if (!strncmp(p, "qThreadExtraInfo,", 17)) {
		unsigned int i;
		char text[128];

		if (parse_tid(g, p + 17, &i)) {
			gdb_send(&g->c, E_NOSUP);
			return;
		}
		snprintf(text, sizeof(text), "vcpu %u%s", i, vcpu_state(g, i));
		gdb_hex_encode(reply, text, strlen(text));
		gdb_send(&g->c, reply);
	} else if (!strncmp(p, "qSymbol", 7)) {
		gdb_send(&g->c, "OK");
	} else if (!strncmp(p, "qRcmd,", 6)) {
		size_t hl = strlen(p + 6);
		char cmd[512];
		static char out[8192];

		if (hl % 2 || hl / 2 >= sizeof(cmd) || gdb_hex_decode(cmd, p + 6, hl / 2)) {
			gdb_send(&g->c, E_BAD);
			return;
		}
		cmd[hl / 2] = 0;
		out[0] = 0;
		gdb_monitor(g, cmd, out, sizeof(out));
		/* The console text goes out in pieces that fit a packet. */
		for (size_t off = 0; out[off];) {
			char piece[2048];
			size_t k = strlen(out + off);

			if (k > sizeof(piece) - 1)
				k = sizeof(piece) - 1;
			memcpy(piece, out + off, k);
			piece[k] = 0;
			gdb_send_console(&g->c, piece);
			off += k;
		}
		gdb_send(&g->c, "OK");
	} else {
		gdb_send(&g->c, "");
	}
}

/*
 * vCont;ACTION[:TID];...: a step of one thread steps only that vcpu (the
 * others stay stopped until it completes, so a step is exact and
 * deterministic); otherwise every vcpu continues.
 */
static int vcont(struct p7sim_gdb *g, const char *s)
{
	int step = -1;

	while (*s == ';') {
		char act = *++s;
		unsigned int vcpu = g->c_vcpu;

		if (act != 'c' && act != 's' && act != 'C' && act != 'S' && act != 't')
			return -1;
		s++;
		if (act == 'C' || act == 'S') {
			uint64_t sig;

			/* Signals mean nothing to a whole machine: resumed without one. */
			if (gdb_parse_hex(&s, &sig))
				return -1;
		}
		if (*s == ':') {
			char tid[24];
			size_t k = 0;

			s++;
			while (*s && *s != ';' && k < sizeof(tid) - 1)
				tid[k++] = *s++;
			tid[k] = 0;
			if (parse_tid(g, tid, &vcpu))
				return -1;
		}
		if ((act == 's' || act == 'S') && step < 0)
			step = (int)vcpu;
	}
	if (*s)
		return -1;
	g->step_vcpu = step;
	return 0;
}

static void dispatch(struct p7sim_gdb *g, const char *p, size_t len)
{
	unsigned int i;

	switch (p[0]) {
	case '?':
		gdb_report_stop(g);
		return;
	case 'q':
	case 'Q':
		query(g, p);
		return;
	case 'H':
		if ((p[1] != 'g' && p[1] != 'c') || parse_tid(g, p + 2, &i)) {
			gdb_send(&g->c, E_NOSUP);
			return;
		}
		if (p[1] == 'g')
			g->g_vcpu = i;
		else
			g->c_vcpu = i;
		gdb_send(&g->c, "OK");
		return;
	case 'T':
		gdb_send(&g->c, parse_tid(g, p + 1, &i) ? E_NOSUP : "OK");
		return;
	case 'g':
		send_regs(g);
		return;
	case 'G':
		write_regs(g, p + 1);
		return;
	case 'p':
	case 'P':
		reg_one(g, p + 1, p[0] == 'P');
		return;
	case 'm':
		mem_read(g, p + 1);
		return;
	case 'M':
	case 'X':
		mem_write(g, p + 1, len - 1, p[0] == 'X');
		return;
	case 'Z':
	case 'z':
		break_cmd(g, p + 1, p[0] == 'Z');
		return;
	case 'c':
	case 's':
		/* c/s [ADDR]: resume at ADDR when given. */
		if (p[1]) {
			const char *s = p + 1;
			uint64_t addr;

			if (gdb_parse_hex(&s, &addr) || *s) {
				gdb_send(&g->c, E_BAD);
				return;
			}
			g->t.vcpu[g->c_vcpu]->regs.pc = addr & ~3ULL;
		}
		g->step_vcpu = p[0] == 's' ? (int)g->c_vcpu : -1;
		gdb_resume(g);
		return;
	case 'D':
		gdb_send(&g->c, "OK");
		gdb_drop(&g->c);
		fprintf(g->t.diag, "p7sim: gdb: debugger detached; the guest runs on\n");
		gdb_clear(g);
		gdb_resume(g);
		return;
	case 'k':
		g->killed = true;
		return;
	case 'v':
		if (!strcmp(p, "vCont?")) {
			gdb_send(&g->c, "vCont;c;C;s;S;t");
		} else if (!strncmp(p, "vCont", 5) && p[5] == ';') {
			if (vcont(g, p + 5)) {
				gdb_send(&g->c, E_BAD);
				return;
			}
			gdb_resume(g);
		} else if (!strncmp(p, "vKill", 5)) {
			gdb_send(&g->c, "OK");
			g->killed = true;
		} else {
			gdb_send(&g->c, "");
		}
		return;
	default:
		gdb_send(&g->c, "");
	}
}

void gdb_serve(struct p7sim_gdb *g)
{
	while (g->stopped && !g->killed) {
		int r = gdb_recv(&g->c);

		if (r < 0)
			break;
		if (r == 0)
			continue;	/* Ctrl-C while stopped: nothing to interrupt */
		if (!g->c.rx_len) {
			gdb_send(&g->c, "");
			continue;
		}
		dispatch(g, g->c.rx, g->c.rx_len);
	}
	if (g->stopped && !g->killed) {
		/* The connection dropped: the guest runs on without a debugger. */
		fprintf(g->t.diag, "p7sim: gdb: connection lost; the guest runs on\n");
		gdb_clear(g);
		gdb_resume(g);
	}
}
