// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fuzz target of the trace reader, libFuzzer style: any bytes, as a file
 * given to p7trace.  Besides not crashing (run it under ASan/UBSan: the
 * standalone driver, fuzz_driver.c, is built with them), it checks
 * properties that must hold for every input:
 *
 *   1. reading twice gives the same answer (rewind is exact);
 *   2. every event formats, every word of it formats;
 *   3. a valid trace equals itself under p7trace diff;
 *   4. a valid binary trace of known events, dumped and re-imported, gives
 *      back every field the dump shows (the importer reads the dump's
 *      format exactly), so `p7trace diff FILE <(p7trace dump FILE)` holds;
 *   5. stat and replay (not connected) accept what the reader accepts.
 *
 * A broken property aborts, which the driver reports like a crash.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "p7trace.h"
#include "p7trace_replay.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static FILE *null_out(void)
{
	static FILE *f;

	if (!f)
		f = fopen("/dev/null", "w");
	if (!f)
		abort();
	return f;
}

static void property(bool ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "fuzz_trace: property broken: %s\n", what);
		abort();
	}
}

/* Property 4: dump, re-import, compare on what the dump shows. */
static void dump_roundtrip(const uint8_t *data, size_t size)
{
	struct p7trace_reader *a = p7trace_open_mem(data, size), *b;
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	int rc;

	property(a && f, "out of memory");
	rc = p7trace_dump(f, null_out(), a, 0);
	fclose(f);
	property(rc == P7TRACE_EXIT_OK, "dump of a valid trace succeeds");
	p7trace_rewind(a);
	b = p7trace_open_mem(text, len);
	property(b != NULL, "out of memory");
	if (p7trace_validate(b, NULL)) {
		fprintf(stderr, "fuzz_trace: %s\n", p7trace_error(b));
		property(false, "a dump re-imports");
	}
	rc = p7trace_diff(null_out(), null_out(), a, b, 0, P7TRACE_DIFF_NO_TIME);
	if (rc != P7TRACE_EXIT_OK) {
		p7trace_rewind(a);
		p7trace_rewind(b);
		p7trace_diff(stderr, stderr, a, b, 1, P7TRACE_DIFF_NO_TIME);
	}
	property(rc == P7TRACE_EXIT_OK, "a re-imported dump equals its trace");
	p7trace_close(b);
	p7trace_close(a);
	free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct p7trace_reader *r = p7trace_open_mem(data, size), *r2;
	struct p7trace_replay_result res;
	struct p7trace_event ev;
	uint64_t n1 = 0, n2 = 0;
	bool valid, all_known = true;
	char buf[1024];
	int rc;

	if (!r)
		return 0;
	/* 1, 2: read it all, formatting everything. */
	while ((rc = p7trace_next(r, &ev)) > 0) {
		n1++;
		p7trace_format_event(buf, sizeof(buf), p7trace_header(r), &ev, 0);
		p7trace_format_event(buf, sizeof(buf), p7trace_header(r), &ev, P7TRACE_FMT_RAW_TIME);
		for (unsigned int i = 0; i < ev.nwords && i < P7TRACE_MAX_WORDS; i++)
			p7trace_format_value(buf, sizeof(buf), &ev, i);
		property(p7trace_event_cmp(&ev, &ev, P7TRACE_CMP_TIME, NULL) == 0,
			 "an event equals itself");
		if (!p7trace_event_name(ev.type))
			all_known = false;
	}
	valid = rc == 0;
	property(valid == (p7trace_error(r) == NULL), "an error has a message");
	if (!valid) {
		property(strlen(p7trace_error(r)) < 256 && !strchr(p7trace_error(r), '\n'),
			 "the error is one line");
		p7trace_close(r);
		return 0;
	}
	p7trace_rewind(r);
	property(p7trace_validate(r, &n2) == 0 && n1 == n2, "a second reading agrees");

	/* 3 */
	r2 = p7trace_open_mem(data, size);
	property(r2 != NULL, "out of memory");
	property(p7trace_diff(null_out(), null_out(), r, r2, 3, 0) == P7TRACE_EXIT_OK,
		 "a trace equals itself");
	p7trace_close(r2);

	/* 5 */
	p7trace_rewind(r);
	property(p7trace_dump(null_out(), null_out(), r, P7TRACE_DUMP_VERBOSE) == 0, "dump");
	p7trace_rewind(r);
	property(p7trace_stat(null_out(), null_out(), r, -1) == 0, "stat");
	p7trace_rewind(r);
	rc = p7trace_replay_run(r, NULL, NULL, null_out(), null_out(), &res);
	property(rc == P7TRACE_EXIT_NOT_CONNECTED || rc == P7TRACE_EXIT_BAD_INPUT,
		 "replay, not connected, rebuilds or refuses an inconsistent trace");

	/* 4 */
	if (p7trace_header(r)->source == P7TRACE_SRC_BINARY && all_known && n1)
		dump_roundtrip(data, size);
	p7trace_close(r);
	return 0;
}
