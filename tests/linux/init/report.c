// SPDX-License-Identifier: GPL-2.0-only
/*
 * report.c: one line per check and the summary the runners look for.
 */
#include "check.h"

static int nr_checks;
static int nr_failed;
static char failed_names[256];

void report(bool ok, const char *name, const char *fmt, ...)
{
	char detail[320];
	va_list ap;

	va_start(ap, fmt);
	vformat(detail, sizeof(detail), fmt, ap);
	va_end(ap);
	nr_checks++;
	if (!ok) {
		size_t len = strlen(failed_names);

		nr_failed++;
		format(failed_names + len, sizeof(failed_names) - len, " %s", name);
	}
	out("P7INIT: %s %s: %s\n", ok ? "ok  " : "FAIL", name, detail);
}

bool report_summary(void)
{
	if (nr_failed) {
		out("P7INIT: FAIL %d/%d failed:%s\n", nr_failed, nr_checks, failed_names);
		return false;
	}
	out("P7INIT: PASS %d/%d\n", nr_checks, nr_checks);
	return true;
}
