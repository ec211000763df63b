// SPDX-License-Identifier: GPL-2.0-only
/*
 * p7trace diff A B: the first event where two traces of the same guest
 * part ways (say, before and after a change to the HV core), with a few
 * events of context on either side, like a unified diff: common events
 * prefixed "  ", A's version "-", B's "+", and the differing event's fields
 * side by side.
 *
 * Events are compared on what both know (p7trace_event_cmp), so a p7trace
 * file can be compared with imported text of the same run, field by field,
 * where the text has the field.  The time of events is compared too unless
 * --no-time, or the two traces count time in different units.  Header
 * differences (machine configuration) are printed as notes; the options
 * string is not compared, since it names the trace files themselves.
 */
#include <stdlib.h>
#include <string.h>

#include "trace_int.h"

#define MAX_CONTEXT 100

static void line(FILE *out, const char *prefix, struct p7trace_reader *r,
		 const struct p7trace_event *ev, uint64_t index)
{
	char buf[768];

	p7trace_format_event(buf, sizeof(buf), p7trace_header(r), ev, 0);
	fprintf(out, "%s#%-6llu %s\n", prefix, (unsigned long long)index, buf);
}

static void header_notes(FILE *out, const struct p7trace_header *a, const struct p7trace_header *b)
{
	static const char *const names[] = {
		"cores", "mem_bytes", "hpt_order", "tb_freq", "tb_per_64k", "seed",
	};
	const uint64_t va[] = { a->cfg.cores, a->cfg.mem_bytes, a->cfg.hpt_order, a->cfg.tb_freq,
				a->cfg.tb_per_64k, a->cfg.seed };
	const uint64_t vb[] = { b->cfg.cores, b->cfg.mem_bytes, b->cfg.hpt_order, b->cfg.tb_freq,
				b->cfg.tb_per_64k, b->cfg.seed };

	if (a->source != b->source) {
		fprintf(out, "note: comparing %s with %s: only the fields both have are compared, "
			"time is not\n", a->flavour, b->flavour);
		return;
	}
	if (a->source != P7TRACE_SRC_BINARY)
		return;
	for (size_t i = 0; i < sizeof(va) / sizeof(va[0]); i++)
		if (va[i] != vb[i])
			fprintf(out, "note: the headers differ: %s %llu in A, %llu in B\n", names[i],
				(unsigned long long)va[i], (unsigned long long)vb[i]);
}

static const char *what_name(const struct p7trace_event *ev, int what, char *buf, size_t len)
{
	const char *f;

	switch (what) {
	case -1:	return "the event";
	case -2:	return "the number of words";
	case -3:	return "the time";
	}
	f = p7trace_field_name(ev->type, (unsigned int)what);
	if (f)
		return f;
	snprintf(buf, len, "word %d", what);
	return buf;
}

int p7trace_diff(FILE *out, FILE *err, struct p7trace_reader *a, struct p7trace_reader *b,
		 unsigned int context, unsigned int flags)
{
	struct p7trace_event *ring = NULL, ea, eb;
	unsigned int cmp = 0, nring = 0, head = 0;
	uint64_t index = 0;
	int ra, rb, what = 0, ret = P7TRACE_EXIT_OK;
	char wb[16];

	if (p7trace_validate(a, NULL)) {
		p7trace_report_error(err, a);
		return P7TRACE_EXIT_BAD_INPUT;
	}
	if (p7trace_validate(b, NULL)) {
		p7trace_report_error(err, b);
		return P7TRACE_EXIT_BAD_INPUT;
	}
	if (context > MAX_CONTEXT)
		context = MAX_CONTEXT;
	if (!(flags & P7TRACE_DIFF_NO_TIME) &&
	    p7trace_header(a)->time_unit == p7trace_header(b)->time_unit)
		cmp |= P7TRACE_CMP_TIME;
	ring = calloc(context ? context : 1, sizeof(*ring));
	if (!ring) {
		fprintf(err, "p7trace: out of memory\n");
		return P7TRACE_EXIT_BAD_INPUT;
	}

	fprintf(out, "--- A: %s\n+++ B: %s\n", p7trace_path(a), p7trace_path(b));
	header_notes(out, p7trace_header(a), p7trace_header(b));
	for (;; index++) {
		ra = p7trace_next(a, &ea);
		rb = p7trace_next(b, &eb);
		if (ra < 0 || rb < 0)
			goto bad;	/* cannot happen after validation, unless the file changed */
		if (!ra && !rb) {
			fprintf(out, "identical: %llu events\n", (unsigned long long)index);
			goto out;
		}
		if (ra && rb && !p7trace_event_cmp(&ea, &eb, cmp, &what)) {
			if (context) {
				ring[head] = ea;
				head = (head + 1) % context;
				if (nring < context)
					nring++;
			}
			continue;
		}
		break;
	}

	/* The first difference, with what led to it. */
	ret = P7TRACE_EXIT_DIFFERENT;
	if (ra && rb)
		fprintf(out, "first difference at event %llu: %s\n", (unsigned long long)index,
			what_name(&ea, what, wb, sizeof(wb)));
	else
		fprintf(out, "first difference at event %llu: %s ends there\n",
			(unsigned long long)index, ra ? "B" : "A");
	for (unsigned int i = 0; i < nring; i++)
		line(out, "  ", a, &ring[(head + context - nring + i) % context],
		     index - nring + i);
	if (ra)
		line(out, "- ", a, &ea, index);
	if (rb)
		line(out, "+ ", b, &eb, index);
	if (ra && rb)
		p7trace_print_side_by_side(out, "A", &ea, "B", &eb, cmp);

	/* What follows in each. */
	for (unsigned int i = 1; i <= context; i++) {
		if (ra > 0 && (ra = p7trace_next(a, &ea)) > 0)
			line(out, "- ", a, &ea, index + i);
		if (rb > 0 && (rb = p7trace_next(b, &eb)) > 0)
			line(out, "+ ", b, &eb, index + i);
		if (ra < 0 || rb < 0)
			goto bad;
	}
	goto out;
bad:
	p7trace_report_error(err, ra < 0 ? a : b);
	ret = P7TRACE_EXIT_BAD_INPUT;
out:
	free(ring);
	return ret;
}
