// SPDX-License-Identifier: GPL-2.0-only
/*
 * p7trace dump: one line per event in the style of `perf script`
 * (format.c), after "#" comment lines describing the header, which
 * `perf script`-style readers and our importer skip.  A trace that turns out
 * to be bad part-way is dumped up to the bad record, then refused: the
 * events before a truncation are often exactly what one wants to see.
 */
#include <string.h>

#include "trace_int.h"

static void print_escaped(FILE *out, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = s[i];

		if (c >= 0x20 && c < 0x7f && c != '\\')
			fputc(c, out);
		else
			fprintf(out, "\\x%02x", c);
	}
}

static void print_header(FILE *out, const struct p7trace_header *h)
{
	const struct p7trace_config *c = &h->cfg;

	if (h->source != P7TRACE_SRC_BINARY) {
		fprintf(out, "# kvm_hv tracepoint text (%s)\n", h->flavour);
		return;
	}
	fprintf(out, "# p7trace version %u: cores=%llu mem=0x%llx hpt_order=%llu tb_freq=%llu "
		"tb_per_64k_insns=%llu seed=%llu\n", h->version, (unsigned long long)c->cores,
		(unsigned long long)c->mem_bytes, (unsigned long long)c->hpt_order,
		(unsigned long long)c->tb_freq, (unsigned long long)c->tb_per_64k,
		(unsigned long long)c->seed);
	fprintf(out, "# options: ");
	print_escaped(out, c->options, h->options_len);
	fputc('\n', out);
}

/* dump -v: every payload word, four to a line. */
static void print_words(FILE *out, const struct p7trace_event *ev)
{
	unsigned int col = 0, n = ev->nwords < P7TRACE_MAX_WORDS ? ev->nwords : P7TRACE_MAX_WORDS;
	char v[64], name[16];

	for (unsigned int i = 0; i < n; i++) {
		const char *f = p7trace_field_name(ev->type, i);

		if (!p7trace_known(ev, i))
			continue;
		if (!f) {
			snprintf(name, sizeof(name), "w%u", i);
			f = name;
		}
		p7trace_format_value(v, sizeof(v), ev, i);
		fprintf(out, "%s%s=%s", col ? "  " : "    ", f, v);
		if (++col == 4) {
			fputc('\n', out);
			col = 0;
		}
	}
	if (col)
		fputc('\n', out);
	if (ev->nwords > P7TRACE_MAX_WORDS)
		fprintf(out, "    (%u more words not shown)\n", ev->nwords - P7TRACE_MAX_WORDS);
}

int p7trace_dump(FILE *out, FILE *err, struct p7trace_reader *r, unsigned int flags)
{
	struct p7trace_event ev;
	char line[768];
	uint64_t n = 0;
	int rc;

	if (p7trace_error(r)) {
		p7trace_report_error(err, r);
		return P7TRACE_EXIT_BAD_INPUT;
	}
	/* After the first event: what text it is shows only then. */
	while ((rc = p7trace_next(r, &ev)) > 0) {
		if (!n++)
			print_header(out, p7trace_header(r));
		p7trace_format_event(line, sizeof(line), p7trace_header(r), &ev, flags);
		fprintf(out, "%s\n", line);
		if (flags & P7TRACE_DUMP_VERBOSE)
			print_words(out, &ev);
	}
	if (!n && rc == 0)
		print_header(out, p7trace_header(r));
	if (rc < 0) {
		fflush(out);
		p7trace_report_error(err, r);
		return P7TRACE_EXIT_BAD_INPUT;
	}
	if (p7trace_ignored_lines(r))
		fprintf(out, "# %llu kvm_hv lines without a p7trace record were skipped\n",
			(unsigned long long)p7trace_ignored_lines(r));
	return P7TRACE_EXIT_OK;
}
