// SPDX-License-Identifier: GPL-2.0-only
/*
 * c_klog.c: the kernel log of the whole run has no warning, oops or
 * complaint about the platform.  Run last, so it covers the other checks.
 */
#include "check.h"

#define KLOG_MAX	(256 * 1024)

/*
 * Each marks a kernel bug (WARN, BUG, oops, lockups) or a platform the kernel
 * found wanting.  Not listed: "WARNING: nvram corruption detected", which is
 * how Linux greets a blank NVRAM (QEMU's, a new machine's).
 */
static const char *const bad_marks[] = {
	"WARNING: CPU",
	"BUG:",
	"Oops",
	"Call Trace",
	"cut here",
	"Kernel panic",
	"Unable to handle",
	"hcall failed",
	"Cannot find a Source Controller",
	"No MMU hash ops",
	"rtas_call",
	"soft lockup",
	"hard LOCKUP",
	"rcu_sched self-detected",
	"rcu: INFO",
	"failed to start",
	"Processor is stuck",
};

void check_klog(void)
{
	long size = sys3(__NR_syslog, SYSLOG_ACTION_SIZE_BUFFER, 0, 0);
	char *log;
	long len, lines = 0;

	if (size <= 0 || size > KLOG_MAX)
		size = KLOG_MAX;
	log = sys_mmap(NULL, size + 1, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS);
	if ((long)log < 0) {
		report(false, "klog", "mmap failed");
		return;
	}
	len = sys3(__NR_syslog, SYSLOG_ACTION_READ_ALL, log, size);
	if (len <= 0) {
		report(false, "klog", "syslog(READ_ALL) gave %ld", len);
		return;
	}
	for (const char *p = log, *end = log + len; p < end; lines++) {
		const char *eol = p;
		char line[256];
		size_t n;

		while (eol < end && *eol != '\n')
			eol++;
		n = (size_t)(eol - p) < sizeof(line) - 1 ? (size_t)(eol - p) : sizeof(line) - 1;
		memcpy(line, p, n);
		line[n] = 0;
		p = eol + 1;
		for (size_t m = 0; m < ARRAY_SIZE(bad_marks); m++)
			if (strstr(line, bad_marks[m])) {
				report(false, "klog", "line %ld: %s", lines + 1, line);
				return;
			}
	}
	sys_munmap(log, size + 1);
	report(true, "klog", "%ld lines, no warning, oops or platform complaint", lines);
}
