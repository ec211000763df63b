// SPDX-License-Identifier: GPL-2.0-only
/*
 * Import of kvm_hv tracepoint text, as printed by
 *
 *   trace-cmd report:  "CPU 0/KVM-2305  [003]  5123.402117: kvm_guest_exit:   VCPU 0: ..."
 *   perf script:       "CPU 0/KVM  2305 [003]  5123.402117: kvm_hv:kvm_guest_exit: VCPU 0: ..."
 *   the ftrace buffer: "CPU 0/KVM-2305  [003] d..2.  5123.402117: kvm_guest_exit: VCPU 0: ..."
 *
 * and by `p7trace dump`.  The fields are those of the kernel's TP_printk
 * formats (arch/powerpc/kvm/trace_hv.h, include/trace/events/kvm.h):
 *
 *   kvm_guest_enter       VCPU %d: pc=0x%lx pexcp=0x%lx ceded=%d
 *   kvm_guest_exit        VCPU %d: trap=%s pc=0x%lx msr=0x%lx, ceded=%d
 *   kvm_hcall_enter       VCPU %d: hcall=%s GPR4-7=0x%lx,0x%lx,0x%lx,0x%lx
 *   kvm_hcall_exit        VCPU %d: ret=%s hcall_rc=%s
 *   kvm_page_fault_enter  VCPU %d: hpte=0x%lx:0x%lx guest=0x%lx ea=0x%lx,%x slot=0x%llx,0x%x
 *   kvmppc_run_vcpu_exit  VCPU %d: exit=%d, ret=%d
 *   kvm_userspace_exit    reason %s (%d)
 *
 * Each becomes the record of the same tracepoint (hv/include/hv/trace.h)
 * with only the words the text gives marked known.  Fields the kernel
 * prints and the record has no word for (hpte=, guest=, slot=) are dropped.
 * kvm_hcall_exit prints hcall_rc=H_TOO_HARD whatever r3 was when ret has
 * RESUME_FLAG_HOST, so that value is not taken as known.  Other kvm_hv
 * events (kvm_page_fault_exit, kvmppc_run_core, ...) have no record and are
 * counted and skipped; lines that are not kvm_hv events are skipped.  A
 * kvm_hv line that does not parse is an error: silently losing part of a
 * bring-up trace would make every later check meaningless.
 */
#include <string.h>

#include "trace_int.h"

enum { EV_NONE, EV_IGNORED, EV_OURS };

struct ev_map {
	const char *name;
	const char *sys;	/* the system perf script prints, "kvm_hv:" ... */
	uint32_t type;		/* 0: a kvm_hv event without a record */
	int style;
};

enum { ST_VCPU, ST_USERSPACE_EXIT, ST_RUN_VCPU_EXIT };

static const struct ev_map events[] = {
	{ "kvm_guest_enter", "kvm_hv", HV_TR_GUEST_ENTER, ST_VCPU },
	{ "kvm_guest_exit", "kvm_hv", HV_TR_GUEST_EXIT, ST_VCPU },
	{ "kvm_hcall_enter", "kvm_hv", HV_TR_HCALL_ENTER, ST_VCPU },
	{ "kvm_hcall_exit", "kvm_hv", HV_TR_HCALL_EXIT, ST_VCPU },
	{ "kvm_page_fault_enter", "kvm_hv", HV_TR_PAGE_FAULT, ST_VCPU },
	{ "kvmppc_run_vcpu_exit", "kvm_hv", HV_TR_USER_EXIT, ST_RUN_VCPU_EXIT },
	{ "kvm_userspace_exit", "kvm", HV_TR_USER_EXIT, ST_USERSPACE_EXIT },
	{ "hpte", "p7", HV_TR_HPTE, ST_VCPU },
	{ "inject", "p7", HV_TR_INJECT, ST_VCPU },
	{ "cede", "p7", HV_TR_CEDE, ST_VCPU },
	{ "hpte_rc", "p7", HV_TR_HW_RC, ST_VCPU },
	/* kvm_hv events without a record of their own. */
	{ "kvm_page_fault_exit", "kvm_hv", 0, 0 },
	{ "kvmppc_run_core", "kvm_hv", 0, 0 },
	{ "kvmppc_vcore_blocked", "kvm_hv", 0, 0 },
	{ "kvmppc_vcore_wakeup", "kvm_hv", 0, 0 },
	{ "kvmppc_run_vcpu_enter", "kvm_hv", 0, 0 },
	{ "kvmppc_vcpu_exit_cs_time", "kvm_hv", 0, 0 },
};

#define NEVENTS (sizeof(events) / sizeof(events[0]))

struct tok {
	const char *s;
	size_t n;
};

static bool is_space(char c)
{
	return c == ' ' || c == '\t';
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool tok_eq(struct tok t, const char *lit)
{
	return strlen(lit) == t.n && !memcmp(t.s, lit, t.n);
}

static int hexval(char c)
{
	if (is_digit(c))
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Whole-token numbers: "0x1f" (hex), "31" (decimal, or hex when hex is set), "-7". */
static int parse_num(struct tok t, bool hex, uint64_t *val)
{
	uint64_t v = 0;
	size_t i = 0;
	bool neg = false;
	int base = hex ? 16 : 10;

	if (t.n && t.s[0] == '-') {
		neg = true;
		i = 1;
	}
	if (t.n - i > 2 && t.s[i] == '0' && (t.s[i + 1] == 'x' || t.s[i + 1] == 'X')) {
		base = 16;
		i += 2;
	}
	if (i >= t.n)
		return -1;
	for (; i < t.n; i++) {
		int d = hexval(t.s[i]);

		if (d < 0 || d >= base)
			return -1;
		if (v > (UINT64_MAX - d) / base)
			return -1;
		v = v * base + d;
	}
	*val = neg ? (uint64_t)-(int64_t)v : v;
	return 0;
}

static bool is_symbol(struct tok t)
{
	if (!t.n || is_digit(t.s[0]))
		return false;
	for (size_t i = 0; i < t.n; i++) {
		char c = t.s[i];

		if (!(is_digit(c) || c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')))
			return false;
	}
	return true;
}

/* A number, or a symbol this table does not have (a newer kernel's): unknown. */
static int number_or_symbol(struct tok t, uint64_t *val)
{
	if (!parse_num(t, false, val))
		return 0;
	return is_symbol(t) ? 1 : -1;
}

/*
 * A value of a field: a number, a symbol of the field's table, or "?".
 * Returns 0 with *val set, 1 when the value is unknown, -1 when malformed.
 */
static int parse_value(enum p7trace_field_kind kind, struct tok t, uint64_t *val)
{
	if (tok_eq(t, "?"))
		return 1;
	switch (kind) {
	case P7TRACE_FK_HEX:
		return parse_num(t, true, val);
	case P7TRACE_FK_DEC:
		return parse_num(t, false, val);
	case P7TRACE_FK_TRAP:
		if (!p7trace_trap_value(t.s, t.n, val))
			return 0;
		return number_or_symbol(t, val);
	case P7TRACE_FK_HCALL:
		if (!p7trace_hcall_value(t.s, t.n, val))
			return 0;
		return number_or_symbol(t, val);
	case P7TRACE_FK_RC:
		if (!p7trace_hcall_rc_value(t.s, t.n, val))
			return 0;
		return number_or_symbol(t, val);
	case P7TRACE_FK_REASON:
		if (!p7trace_exit_reason_value(t.s, t.n, val))
			return 0;
		return number_or_symbol(t, val);
	case P7TRACE_FK_WHERE:
		/* Printed as kvm_trace_symbol_kvmret: RESUME_FLAG_HOST (2) means userspace. */
		if (!p7trace_kvmret_value(t.s, t.n, val)) {
			*val = (*val & 2) ? 1 : 0;
			return 0;
		}
		return number_or_symbol(t, val);
	}
	return -1;
}

/* Splits the next whitespace-separated token off *s. */
static bool next_tok(struct tok *s, struct tok *t)
{
	while (s->n && is_space(*s->s)) {
		s->s++;
		s->n--;
	}
	if (!s->n)
		return false;
	t->s = s->s;
	while (s->n && !is_space(*s->s)) {
		s->s++;
		s->n--;
	}
	t->n = s->s - t->s;
	return true;
}

static const struct ev_map *lookup_event(struct tok t)
{
	struct tok sys = { NULL, 0 }, name = t;
	const char *colon = memchr(t.s, ':', t.n);

	if (colon) {
		sys.s = t.s;
		sys.n = colon - t.s;
		name.s = colon + 1;
		name.n = t.n - sys.n - 1;
	}
	for (size_t i = 0; i < NEVENTS; i++) {
		if (!tok_eq(name, events[i].name))
			continue;
		if (sys.s && !tok_eq(sys, events[i].sys))
			return NULL;
		/* Our own p7 events always come with their system. */
		if (!sys.s && !strcmp(events[i].sys, "p7"))
			return NULL;
		return &events[i];
	}
	return NULL;
}

/* "5123.402117:" -> nanoseconds and the number of decimals. */
static int parse_timestamp(struct tok t, uint64_t *ns, unsigned int *decimals)
{
	uint64_t sec = 0, frac = 0;
	size_t i = 0;
	unsigned int d = 0;

	if (t.n < 2 || t.s[t.n - 1] != ':')
		return -1;
	t.n--;
	/* Up to 18e9 seconds (570 years), so that nanoseconds fit in 64 bits. */
	while (i < t.n && is_digit(t.s[i])) {
		sec = sec * 10 + (t.s[i++] - '0');
		if (sec > 18000000000ULL)
			return -1;
	}
	if (i == 0)
		return -1;
	if (i < t.n) {
		if (t.s[i++] != '.' || i == t.n)
			return -1;
		for (; i < t.n; i++) {
			if (!is_digit(t.s[i]))
				return -1;
			if (d < 9) {
				frac = frac * 10 + (t.s[i] - '0');
				d++;
			}
		}
	}
	*decimals = d;
	for (unsigned int k = d; k < 9; k++)
		frac *= 10;
	*ns = sec * 1000000000ULL + frac;
	return 0;
}

/* The task columns: "comm-pid" (trace-cmd, ftrace) or "comm pid" (perf). */
static void parse_task(struct tok pre, struct p7trace_event *ev)
{
	size_t n = pre.n, end, start;
	uint64_t pid;

	while (n && is_space(pre.s[n - 1]))
		n--;
	while (n && is_space(*pre.s)) {
		pre.s++;
		n--;
	}
	end = n;
	start = end;
	while (start && is_digit(pre.s[start - 1]))
		start--;
	if (start < end && parse_num((struct tok){ pre.s + start, end - start }, false, &pid) == 0 &&
	    (start == 0 || is_space(pre.s[start - 1]) || pre.s[start - 1] == '-')) {
		ev->pid = (uint32_t)pid;
		n = start ? start - 1 : 0;
		while (n && is_space(pre.s[n - 1]))
			n--;
	}
	if (n >= sizeof(ev->comm))
		n = sizeof(ev->comm) - 1;
	memcpy(ev->comm, pre.s, n);
	ev->comm[n] = 0;
}

/* Once per line, however often the trace is read. */
static void count_ignored(struct p7trace_reader *r, uint64_t off)
{
	if (off < r->ignored_upto)
		return;
	r->ignored++;
	r->ignored_upto = off + 1;
}

static int bad_field(struct p7trace_reader *r, uint64_t off, const char *ev, const char *what,
		     struct tok t)
{
	return p7trace_fail(r, P7TRACE_E_TEXT, off, "%s: %s '%.*s'", ev, what,
			    (int)(t.n > 40 ? 40 : t.n), t.s);
}

/* key=value, with a trailing comma dropped from the value. */
static int field(struct p7trace_reader *r, uint64_t off, const struct ev_map *m,
		 struct p7trace_event *ev, struct tok t, bool *rc_host)
{
	const char *eq = memchr(t.s, '=', t.n);
	struct tok key, val;
	uint32_t type = m->type;
	uint64_t v, v2;
	int idx, rc;

	if (!eq)
		return 0;		/* words without '=' carry nothing we keep */
	key = (struct tok){ t.s, eq - t.s };
	val = (struct tok){ eq + 1, t.n - key.n - 1 };
	if (val.n && val.s[val.n - 1] == ',')
		val.n--;

	/* The kernel's names that are not simply one word of the record. */
	if (type == HV_TR_HCALL_ENTER && tok_eq(key, "hcall")) {
		key = (struct tok){ "req", 3 };
	} else if (type == HV_TR_HCALL_ENTER && tok_eq(key, "GPR4-7")) {
		struct tok rest = val;

		for (int i = 0; i < 4; i++) {
			const char *c = memchr(rest.s, ',', rest.n);
			struct tok one = { rest.s, c ? (size_t)(c - rest.s) : rest.n };

			if ((i < 3 && !c) || (i == 3 && c) || parse_num(one, true, &v))
				return bad_field(r, off, m->name, "bad GPR4-7", val);
			p7trace_set(ev, TRH_ARG0 + i, v);
			if (c) {
				rest.n -= one.n + 1;
				rest.s = c + 1;
			}
		}
		return 0;
	} else if (type == HV_TR_HCALL_EXIT && tok_eq(key, "ret")) {
		/* kvm_trace_symbol_kvmret, or its value: RESUME_FLAG_HOST is userspace. */
		if (p7trace_kvmret_value(val.s, val.n, &v)) {
			rc = number_or_symbol(val, &v);
			if (rc < 0)
				return bad_field(r, off, m->name, "bad ret", val);
			if (rc > 0)
				return 0;
		}
		v = (v & 2) ? 1 : 0;
		p7trace_set(ev, TRHX_WHERE, v);
		*rc_host = v == 1;
		return 0;
	} else if (type == HV_TR_PAGE_FAULT && tok_eq(key, "ea")) {
		/* "ea=0x%lx,%x": the address, then DSISR in hex without 0x. */
		const char *c = memchr(val.s, ',', val.n);
		struct tok ea = { val.s, c ? (size_t)(c - val.s) : val.n };

		if (parse_num(ea, true, &v))
			return bad_field(r, off, m->name, "bad ea", val);
		p7trace_set(ev, TRP_EA, v);
		if (c) {
			if (parse_num((struct tok){ c + 1, val.n - ea.n - 1 }, true, &v2))
				return bad_field(r, off, m->name, "bad ea", val);
			p7trace_set(ev, TRP_DSISR, v2);
		}
		return 0;
	} else if (m->style == ST_RUN_VCPU_EXIT && tok_eq(key, "exit")) {
		key = (struct tok){ "reason", 6 };
	} else if (m->style == ST_RUN_VCPU_EXIT && tok_eq(key, "ret")) {
		return 0;		/* the ioctl's return, not a record word */
	}

	idx = p7trace_field_index(type, key.s, key.n);
	if (idx < 0 || (idx == 0 && m->style == ST_VCPU))
		return 0;		/* hpte=, guest=, slot=, ...: no word of the record */
	rc = parse_value(p7trace_field_kind(type, idx), val, &v);
	if (rc < 0)
		return bad_field(r, off, m->name, "cannot parse", t);
	if (rc == 0)
		p7trace_set(ev, idx, v);
	return 0;
}

/* Parses the part after the event name into ev. */
static int parse_fields(struct p7trace_reader *r, uint64_t off, const struct ev_map *m,
			struct tok f, struct p7trace_event *ev)
{
	struct tok t, all;
	bool rc_host = false;
	uint64_t v;

	while (f.n && is_space(*f.s)) {
		f.s++;
		f.n--;
	}
	all = f;

	if (m->style == ST_USERSPACE_EXIT) {
		/* "reason %s (%d)"; "restart (4)" / "error (N)" are failed runs, not exits. */
		struct tok name, num;

		if (!next_tok(&f, &t) || !tok_eq(t, "reason") || !next_tok(&f, &name) ||
		    !next_tok(&f, &num) || num.n < 3 || num.s[0] != '(' || num.s[num.n - 1] != ')')
			return bad_field(r, off, m->name, "expected 'reason NAME (N)', got", all);
		if (tok_eq(name, "restart") || tok_eq(name, "error")) {
			count_ignored(r, off);
			return 0;
		}
		if (parse_num((struct tok){ num.s + 1, num.n - 2 }, false, &v))
			return bad_field(r, off, m->name, "bad reason number", num);
		p7trace_set(ev, TRU_REASON, v);
		while (next_tok(&f, &t)) {
			if (field(r, off, m, ev, t, &rc_host))
				return -1;
		}
		return 1;
	}

	/* "VCPU %d:" */
	if (!next_tok(&f, &t) || !tok_eq(t, "VCPU") || !next_tok(&f, &t) || t.n < 2 ||
	    t.s[t.n - 1] != ':' || parse_num((struct tok){ t.s, t.n - 1 }, false, &v))
		return bad_field(r, off, m->name, "expected 'VCPU n:', got", all);
	p7trace_set(ev, 0, v);
	while (next_tok(&f, &t)) {
		if (field(r, off, m, ev, t, &rc_host))
			return -1;
	}
	/*
	 * With RESUME_FLAG_HOST the kernel prints H_TOO_HARD, not r3: only a
	 * different value (printed by p7trace dump) is the real return code.
	 */
	if (m->type == HV_TR_HCALL_EXIT && rc_host && p7trace_known(ev, TRHX_RET) &&
	    ev->w[TRHX_RET] == 9999)
		ev->known &= ~(1ULL << TRHX_RET);
	return 1;
}

static const char *flavour(bool sys, bool flags)
{
	if (sys)
		return "perf script";
	return flags ? "ftrace" : "trace-cmd report";
}

/*
 * One line: 1 and ev filled for one of our events, 0 for anything else,
 * -1 on a malformed kvm_hv line.
 */
static int parse_line(struct p7trace_reader *r, const char *s, size_t n, uint64_t off,
		      struct p7trace_event *ev)
{
	struct tok rest = { s, n }, t, prev = { NULL, 0 }, cpu_tok = { NULL, 0 };
	const struct ev_map *m = NULL;
	unsigned int ntok = 0, decimals = 0;
	bool after_cpu_flags = false;
	uint64_t ns;
	int rc;

	while (n && (s[n - 1] == '\r' || is_space(s[n - 1])))
		n--;
	rest.n = n;
	while (next_tok(&rest, &t)) {
		ntok++;
		if (t.n >= 3 && t.s[0] == '[' && t.s[t.n - 1] == ']') {
			cpu_tok = t;
		} else if (cpu_tok.s && !m && t.n > 1 && t.s[t.n - 1] != ':') {
			after_cpu_flags = true;		/* ftrace's "d..2." latency column */
		}
		if (t.n > 1 && t.s[t.n - 1] == ':') {
			m = lookup_event((struct tok){ t.s, t.n - 1 });
			if (m)
				break;
		}
		prev = t;
		if (ntok == 1 && t.s[0] == '#')
			return 0;
	}
	if (!m)
		return 0;
	if (!m->type) {
		count_ignored(r, off);
		return 0;
	}

	memset(ev, 0, offsetof(struct p7trace_event, w));
	ev->type = m->type;
	ev->seq = (uint32_t)r->count;
	ev->offset = off;
	ev->line = r->line;
	if (prev.s && parse_timestamp(prev, &ns, &decimals) == 0) {
		ev->time = ns;
		ev->flags |= P7TRACE_EV_TIME;
	}
	if (cpu_tok.s) {
		uint64_t cpu;

		if (parse_num((struct tok){ cpu_tok.s + 1, cpu_tok.n - 2 }, false, &cpu) == 0) {
			ev->cpu = (uint32_t)cpu;
			ev->flags |= P7TRACE_EV_TASK;
			parse_task((struct tok){ s, cpu_tok.s - s }, ev);
		}
	}
	rc = parse_fields(r, off, m, rest, ev);
	if (rc <= 0)
		return rc;
	if (p7trace_known(ev, 0) && ev->w[0] >= P7TRACE_MAX_VCPUS)
		return p7trace_fail(r, P7TRACE_E_VCPU, off, "%s: vcpu %llu beyond the %d the tools accept",
				    m->name, (unsigned long long)ev->w[0], P7TRACE_MAX_VCPUS);
	if (ev->nwords < p7trace_min_words(ev->type))
		ev->nwords = p7trace_min_words(ev->type);
	if (!r->count) {
		r->hdr.flavour = flavour(memchr(t.s, ':', t.n - 1) != NULL, after_cpu_flags);
		if (ev->flags & P7TRACE_EV_TIME)
			r->hdr.time_decimals = decimals;
	}
	return 1;
}

bool p7trace_text_detect(const uint8_t *buf, size_t len)
{
	size_t n = len < 4096 ? len : 4096;

	for (size_t i = 0; i < n; i++) {
		uint8_t c = buf[i];

		if (c == 0 || c == 0x7f || (c < 0x20 && c != '\t' && c != '\n' && c != '\r' &&
					    c != '\f' && c != '\v'))
			return false;
	}
	return n > 0;
}

void p7trace_text_start(struct p7trace_reader *r)
{
	r->hdr.source = P7TRACE_SRC_TEXT;
	r->hdr.flavour = "kvm_hv tracepoint text";
	r->hdr.time_unit = P7TRACE_TIME_NS;
	r->hdr.time_decimals = 6;
	r->pos = 0;
}

int p7trace_text_next(struct p7trace_reader *r, struct p7trace_event *ev)
{
	while (r->pos < r->len) {
		const char *s = (const char *)r->buf + r->pos;
		size_t left = r->len - r->pos;
		const char *nl = memchr(s, '\n', left);
		size_t n = nl ? (size_t)(nl - s) : left;
		uint64_t off = r->pos;
		int rc;

		r->pos += nl ? n + 1 : n;
		r->line++;
		rc = parse_line(r, s, n, off, ev);
		if (rc < 0)
			return -1;
		if (rc > 0) {
			r->count++;
			return 1;
		}
	}
	if (!r->count) {
		r->line = 0;
		return p7trace_fail(r, P7TRACE_E_TEXT, 0,
				    "no kvm_hv events: neither a p7trace file nor trace-cmd/perf script text of kvm_hv tracepoints");
	}
	r->done = true;
	return 0;
}
