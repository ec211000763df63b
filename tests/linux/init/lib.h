/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * lib.h: what the test /init needs from a C library: memory and string
 * helpers, console output, whole-file reads, and the process helpers the
 * checks share (pinning, forking, waiting).
 */
#ifndef P7INIT_LIB_H
#define P7INIT_LIB_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include "sys.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define PAGE_SIZE	4096UL
#define NSEC_PER_SEC	1000000000L
#define NSEC_PER_MSEC	1000000L
/* Upper bound of cpus the checks handle (the tiny kernel has NR_CPUS = 8). */
#define MAX_CPUS	64

void *memset(void *s, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
const char *strstr(const char *h, const char *n);

/* Console output: one write() per call, so lines from processes never mix. */
void out(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void vformat(char *buf, size_t size, const char *fmt, va_list ap);
void format(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Read a whole (small) file into buf, NUL-terminated: length or -errno. */
long read_file(const char *path, char *buf, size_t size);
/* Parse a decimal number at *s, advancing *s; false if there is none. */
bool parse_ulong(const char **s, u64 *v);

/* Filled in by main from the kernel command line and the auxiliary vector. */
struct init_env {
	u64 hwcap;
	u64 hwcap2;
	const char *platform;
	u64 pagesz;
	long want_cpus;		/* p7.cpus=N, or -1 when the command line lacks it */
	int ncpus;		/* cpus this process may run on (sched_getaffinity) */
	int cpu[MAX_CPUS];	/* their numbers */
	const char *self;	/* argv[0], the exec target */
	u64 tb_freq;		/* timebase frequency from /proc/cpuinfo (check_boot) */
};
extern struct init_env env;

s64 now_ns(int clock);
/* Pin the calling process to one cpu and check it runs there: 0 or -errno. */
long pin_to_cpu(int cpu);
/* Let the calling process run on every cpu again. */
long unpin(void);
/* Fork a child that runs fn(arg) and exits with its result (0 = good). */
long spawn(int (*fn)(long), long arg);
/* Wait for a child: its exit code, 128 + signal if killed, or -errno. */
int reap(long pid);

/*
 * Expected faults: after segv_expect(addr, code), a SIGSEGV ends the process
 * with FAULT_AS_EXPECTED when it reports that address and si_code, else with
 * FAULT_ELSEWHERE.  A handled fault also keeps the kernel from logging it.
 */
#define FAULT_AS_EXPECTED	99
#define FAULT_ELSEWHERE		98
void segv_expect(void *addr, int code);

#endif /* P7INIT_LIB_H */
