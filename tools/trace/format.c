// SPDX-License-Identifier: GPL-2.0-only
/*
 * Events as text.  A kvm_hv event is printed with the kernel's TP_printk
 * format (arch/powerpc/kvm/trace_hv.h) behind the `perf script` prefix
 * "comm tid [cpu] time: system:event: ", so that a dump of a simulator trace
 * and a capture from a POWER7 host read the same and the importer reads
 * both.  Rules (docs/trace-tools.md):
 *
 *   - the kernel's field names, order and value style (symbols from its
 *     tables, hex where it prints hex);
 *   - a field the event does not know (imported text) is left out, as is
 *     a kernel field the record has no word for (kvm_page_fault_enter's
 *     hpte=, guest=, slot=);
 *   - the record's words the kernel's line lacks are appended as name=value
 *     (kvm_guest_enter msr=, kvm_hcall_exit req=); the full state of an exit
 *     is shown by `dump -v`;
 *   - events with no kernel tracepoint are printed under system "p7" as
 *     "VCPU n: name=value ...".
 */
#include <inttypes.h>
#include <stdarg.h>
#include <string.h>

#include "trace_int.h"

struct sbuf {
	char *buf;
	size_t len;
	size_t pos;		/* length so far, even past len */
};

static void sb_printf(struct sbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void sb_printf(struct sbuf *sb, const char *fmt, ...)
{
	size_t room = sb->pos < sb->len ? sb->len - sb->pos : 0;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(room ? sb->buf + sb->pos : NULL, room, fmt, ap);
	va_end(ap);
	if (n > 0)
		sb->pos += n;
}

static void sb_init(struct sbuf *sb, char *buf, size_t len)
{
	sb->buf = buf;
	sb->len = len;
	sb->pos = 0;
	if (len)
		buf[0] = 0;
}

typedef unsigned long long ull;

/* A value as the kernel's line shows it: a symbol, else hex. */
static void sb_sym(struct sbuf *sb, enum p7trace_field_kind kind, uint64_t v)
{
	const char *n = NULL;

	switch (kind) {
	case P7TRACE_FK_TRAP:	n = p7trace_trap_name(v); break;
	case P7TRACE_FK_HCALL:	n = p7trace_hcall_name(v); break;
	case P7TRACE_FK_RC:	n = p7trace_hcall_rc_name(v); break;
	case P7TRACE_FK_REASON:	n = p7trace_exit_reason_name(v); break;
	case P7TRACE_FK_WHERE:	n = v == 0 ? "RESUME_GUEST" : v == 1 ? "RESUME_HOST" : NULL; break;
	case P7TRACE_FK_DEC:
		sb_printf(sb, "%llu", (ull)v);
		return;
	case P7TRACE_FK_HEX:
		break;
	}
	if (n)
		sb_printf(sb, "%s", n);
	else
		sb_printf(sb, "0x%llx", (ull)v);
}

/* " name=value" for word i when known. */
static void sb_field(struct sbuf *sb, const struct p7trace_event *ev, unsigned int i)
{
	if (!p7trace_known(ev, i))
		return;
	sb_printf(sb, " %s=", p7trace_field_name(ev->type, i));
	sb_sym(sb, p7trace_field_kind(ev->type, i), ev->w[i]);
}

static void fields_guest_enter(struct sbuf *sb, const struct p7trace_event *ev)
{
	/* "VCPU %d: pc=0x%lx pexcp=0x%lx ceded=%d" */
	sb_field(sb, ev, TRE_PC);
	sb_field(sb, ev, TRE_PENDING);
	sb_field(sb, ev, TRE_CEDED);
	sb_field(sb, ev, TRE_MSR);
}

static void fields_guest_exit(struct sbuf *sb, const struct p7trace_event *ev)
{
	/* "VCPU %d: trap=%s pc=0x%lx msr=0x%lx, ceded=%d" */
	sb_field(sb, ev, TRX_TRAP);
	sb_field(sb, ev, TRX_PC);
	sb_field(sb, ev, TRX_MSR);
	if (p7trace_known(ev, TRX_MSR))
		sb_printf(sb, ",");
	sb_field(sb, ev, TRX_CEDED);
}

static void fields_hcall_enter(struct sbuf *sb, const struct p7trace_event *ev)
{
	/* "VCPU %d: hcall=%s GPR4-7=0x%lx,0x%lx,0x%lx,0x%lx" */
	if (p7trace_known(ev, TRH_REQ)) {
		sb_printf(sb, " hcall=");
		sb_sym(sb, P7TRACE_FK_HCALL, ev->w[TRH_REQ]);
	}
	if (p7trace_known(ev, TRH_ARG0) && p7trace_known(ev, TRH_ARG0 + 1) &&
	    p7trace_known(ev, TRH_ARG0 + 2) && p7trace_known(ev, TRH_ARG0 + 3))
		sb_printf(sb, " GPR4-7=0x%llx,0x%llx,0x%llx,0x%llx", (ull)ev->w[TRH_ARG0],
			  (ull)ev->w[TRH_ARG0 + 1], (ull)ev->w[TRH_ARG0 + 2],
			  (ull)ev->w[TRH_ARG0 + 3]);
}

static void fields_hcall_exit(struct sbuf *sb, const struct p7trace_event *ev)
{
	/* "VCPU %d: ret=%s hcall_rc=%s"; ret is where the hcall was handled */
	if (p7trace_known(ev, TRHX_WHERE) && ev->w[TRHX_WHERE] <= 1) {
		sb_printf(sb, " ret=");
		sb_sym(sb, P7TRACE_FK_WHERE, ev->w[TRHX_WHERE]);
	} else {
		sb_field(sb, ev, TRHX_WHERE);	/* not a value the kernel has: as is */
	}
	sb_field(sb, ev, TRHX_RET);
	sb_field(sb, ev, TRHX_REQ);
}

static void fields_page_fault(struct sbuf *sb, const struct p7trace_event *ev)
{
	/* "VCPU %d: hpte=0x%lx:0x%lx guest=0x%lx ea=0x%lx,%x slot=0x%llx,0x%x" */
	if (p7trace_known(ev, TRP_EA)) {
		sb_printf(sb, " ea=0x%llx", (ull)ev->w[TRP_EA]);
		if (p7trace_known(ev, TRP_DSISR))
			sb_printf(sb, ",%llx", (ull)ev->w[TRP_DSISR]);
	}
	sb_field(sb, ev, TRP_TRAP);
	sb_field(sb, ev, TRP_PC);
}

int p7trace_format_fields(char *buf, size_t len, const struct p7trace_event *ev)
{
	const char *name = p7trace_event_name(ev->type);
	struct sbuf sb;

	sb_init(&sb, buf, len);
	if (!name) {
		sb_printf(&sb, "p7:type_%u: nwords=%u", ev->type, ev->nwords);
		return (int)sb.pos;
	}
	sb_printf(&sb, "%s:%s:", p7trace_event_system(ev->type), name);
	if (ev->type == HV_TR_USER_EXIT) {
		/* kvm_userspace_exit: "reason %s (%d)", then the vcpu and what caused it. */
		if (p7trace_known(ev, TRU_REASON)) {
			sb_printf(&sb, " reason ");
			sb_sym(&sb, P7TRACE_FK_REASON, ev->w[TRU_REASON]);
			sb_printf(&sb, " (%llu)", (ull)ev->w[TRU_REASON]);
		}
		sb_field(&sb, ev, TRU_VCPU);
		sb_field(&sb, ev, TRU_DETAIL);
		return (int)sb.pos;
	}
	if (p7trace_known(ev, 0))
		sb_printf(&sb, " VCPU %llu:", (ull)ev->w[0]);
	else
		sb_printf(&sb, " VCPU ?:");
	switch (ev->type) {
	case HV_TR_GUEST_ENTER:
		fields_guest_enter(&sb, ev);
		break;
	case HV_TR_GUEST_EXIT:
		fields_guest_exit(&sb, ev);
		break;
	case HV_TR_HCALL_ENTER:
		fields_hcall_enter(&sb, ev);
		break;
	case HV_TR_HCALL_EXIT:
		fields_hcall_exit(&sb, ev);
		break;
	case HV_TR_PAGE_FAULT:
		fields_page_fault(&sb, ev);
		break;
	default:
		for (unsigned int i = 1; i < p7trace_nfields(ev->type); i++)
			sb_field(&sb, ev, i);
		break;
	}
	return (int)sb.pos;
}

int p7trace_time_ns(const struct p7trace_header *h, uint64_t time, uint64_t *ns)
{
	unsigned __int128 t;

	if (h->time_unit == P7TRACE_TIME_NS) {
		*ns = time;
		return 0;
	}
	if (!h->cfg.tb_freq || !h->cfg.tb_per_64k)
		return -1;
	/* instructions -> TB ticks -> nanoseconds, without overflow */
	t = (unsigned __int128)time * h->cfg.tb_per_64k;
	t = t * 1000000000u / ((unsigned __int128)h->cfg.tb_freq << 16);
	*ns = t > UINT64_MAX ? UINT64_MAX : (uint64_t)t;
	return 0;
}

int p7trace_format_time(char *buf, size_t len, const struct p7trace_header *h,
			const struct p7trace_event *ev, unsigned int flags)
{
	uint64_t ns;

	if (!(ev->flags & P7TRACE_EV_TIME))
		return snprintf(buf, len, "?");
	if ((flags & P7TRACE_FMT_RAW_TIME) || p7trace_time_ns(h, ev->time, &ns))
		return snprintf(buf, len, "%llu", (ull)ev->time);
	if (h->time_unit == P7TRACE_TIME_NS && h->time_decimals <= 6)
		return snprintf(buf, len, "%llu.%06llu", (ull)(ns / 1000000000u),
				(ull)(ns % 1000000000u / 1000));
	return snprintf(buf, len, "%llu.%09llu", (ull)(ns / 1000000000u),
			(ull)(ns % 1000000000u));
}

int p7trace_format_event(char *buf, size_t len, const struct p7trace_header *h,
			 const struct p7trace_event *ev, unsigned int flags)
{
	char tm[32], fields[512];
	const char *comm = "p7sim";
	unsigned int tid = 0, cpu = 0;

	if (ev->flags & P7TRACE_EV_TASK) {
		comm = ev->comm[0] ? ev->comm : "-";
		tid = ev->pid;
		cpu = ev->cpu;
	} else if (h->source == P7TRACE_SRC_TEXT) {
		comm = "-";
	} else if (p7trace_min_words(ev->type) && p7trace_known(ev, 0)) {
		/* The simulator runs vcpu n on core n: its thread and cpu are n. */
		tid = cpu = (unsigned int)ev->w[0];
	}
	p7trace_format_time(tm, sizeof(tm), h, ev, flags);
	p7trace_format_fields(fields, sizeof(fields), ev);
	return snprintf(buf, len, "%16s %6u [%03u] %12s: %s", comm, tid, cpu, tm, fields);
}

int p7trace_format_value(char *buf, size_t len, const struct p7trace_event *ev, unsigned int word)
{
	enum p7trace_field_kind kind = p7trace_field_kind(ev->type, word);
	uint64_t v = ev->w[word < P7TRACE_MAX_WORDS ? word : 0];
	const char *n = NULL;

	if (word >= ev->nwords)
		return snprintf(buf, len, "-");
	if (!p7trace_known(ev, word))
		return snprintf(buf, len, "?");
	switch (kind) {
	case P7TRACE_FK_HEX:
		return snprintf(buf, len, "0x%llx", (ull)v);
	case P7TRACE_FK_DEC:
		return snprintf(buf, len, "%llu", (ull)v);
	case P7TRACE_FK_RC:
		n = p7trace_hcall_rc_name(v);
		return snprintf(buf, len, "%lld%s%s", (long long)v, n ? " " : "", n ? n : "");
	case P7TRACE_FK_WHERE:
		n = v == 0 ? "RESUME_GUEST" : v == 1 ? "RESUME_HOST" : NULL;
		return snprintf(buf, len, "%llu%s%s", (ull)v, n ? " " : "", n ? n : "");
	case P7TRACE_FK_REASON:
		n = p7trace_exit_reason_name(v);
		return snprintf(buf, len, "%llu%s%s", (ull)v, n ? " " : "", n ? n : "");
	case P7TRACE_FK_TRAP:
		n = p7trace_trap_name(v);
		break;
	case P7TRACE_FK_HCALL:
		n = p7trace_hcall_name(v);
		break;
	}
	return snprintf(buf, len, "0x%llx%s%s", (ull)v, n ? " " : "", n ? n : "");
}

int p7trace_event_cmp(const struct p7trace_event *a, const struct p7trace_event *b,
		      unsigned int flags, int *what)
{
	unsigned int n = a->nwords > b->nwords ? a->nwords : b->nwords;
	int dummy;

	if (!what)
		what = &dummy;
	if (a->type != b->type) {
		*what = -1;
		return 1;
	}
	for (unsigned int i = 0; i < n && i < P7TRACE_MAX_WORDS; i++) {
		if (p7trace_known(a, i) && p7trace_known(b, i) && a->w[i] != b->w[i]) {
			*what = (int)i;
			return 1;
		}
	}
	/* Two complete records: a writer that appends words is a difference too. */
	if (a->known == ~0ULL && b->known == ~0ULL && a->nwords != b->nwords) {
		*what = -2;
		return 1;
	}
	if ((flags & P7TRACE_CMP_TIME) && (a->flags & b->flags & P7TRACE_EV_TIME) &&
	    a->time != b->time) {
		*what = -3;
		return 1;
	}
	return 0;
}

void p7trace_print_side_by_side(FILE *out, const char *la, const struct p7trace_event *a,
				const char *lb, const struct p7trace_event *b, unsigned int flags)
{
	unsigned int n = a->nwords > b->nwords ? a->nwords : b->nwords;
	char va[64], vb[64], fname[16];
	const char *na = p7trace_event_name(a->type), *nb = p7trace_event_name(b->type);

	fprintf(out, "      %-12s %-30s %s\n", "field", la, lb);
	if (!na) {
		snprintf(va, sizeof(va), "type %u", a->type);
		na = va;
	}
	if (!nb) {
		snprintf(vb, sizeof(vb), "type %u", b->type);
		nb = vb;
	}
	fprintf(out, "    %c %-12s %-30s %s\n", a->type != b->type ? '*' : ' ', "event", na, nb);
	if (a->type != b->type)
		return;		/* the words mean different things */
	if (a->known == ~0ULL && b->known == ~0ULL && a->nwords != b->nwords)
		fprintf(out, "    * %-12s %-30u %u\n", "nwords", a->nwords, b->nwords);
	if ((a->flags & b->flags & P7TRACE_EV_TIME) && (flags & P7TRACE_CMP_TIME)) {
		snprintf(va, sizeof(va), "%llu", (ull)a->time);
		snprintf(vb, sizeof(vb), "%llu", (ull)b->time);
		fprintf(out, "    %c %-12s %-30s %s\n", a->time != b->time ? '*' : ' ', "time", va, vb);
	}
	for (unsigned int i = 0; i < n && i < P7TRACE_MAX_WORDS; i++) {
		const char *f = p7trace_field_name(a->type, i);
		bool differ = p7trace_known(a, i) && p7trace_known(b, i) && a->w[i] != b->w[i];

		if (!p7trace_known(a, i) && !p7trace_known(b, i))
			continue;
		if (!f) {
			snprintf(fname, sizeof(fname), "w%u", i);
			f = fname;
		}
		p7trace_format_value(va, sizeof(va), a, i);
		p7trace_format_value(vb, sizeof(vb), b, i);
		fprintf(out, "    %c %-12s %-30s %s\n", differ ? '*' : ' ', f, va, vb);
	}
}
