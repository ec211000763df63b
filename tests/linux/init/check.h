/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * check.h: the checks of the test /init, how they report, and the child
 * processes they run on every cpu.
 *
 * Each check prints one line, "P7INIT: ok   <name>: <detail>" or
 * "P7INIT: FAIL <name>: <why>"; main prints the summary.
 */
#ifndef P7INIT_CHECK_H
#define P7INIT_CHECK_H

#include "lib.h"

void report(bool ok, const char *name, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Print the summary line; true when every check passed. */
bool report_summary(void);

/*
 * What a child process sends back through its pipe: small enough (< PIPE_BUF)
 * for one atomic write, so results of concurrent children never interleave.
 */
struct result {
	int idx;		/* which child */
	int cpu;		/* where it ran (getcpu at the end) */
	int code;		/* 0 = good */
	int pad;
	s64 v[4];		/* measurements, meaning per check */
	char why[96];		/* the first thing that went wrong */
};

void fail_why(struct result *r, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Send a result on fd (children and exec'd children). */
void send_result(int fd, struct result *r);

/*
 * Run fn(i, r, arg) in nr children at once, child i pinned to cpus[i] (or to
 * env.cpu[i % env.ncpus] when cpus is NULL), and collect their results in
 * res[0..nr-1].  A child that dies or sends nothing gets a failing result.
 * Returns the index of the first failed child, or -1 when all passed.
 */
typedef int (*child_fn)(int i, struct result *r, long arg);
int run_children(int nr, const int *cpus, child_fn fn, long arg, struct result *res);
/* The write end of the result pipe, in a child of run_children. */
extern int result_fd;

/* The checks, in the order main runs them. */
void check_boot(void);
void check_mm(void);
void check_vec(void);
void check_time(void);
void check_ipi(void);
void check_klog(void);
/* An exec'd image of /init started by check_mm ("p7init-exec" in argv[1]). */
int exec_child_main(int argc, char **argv, char **envp);

#endif /* P7INIT_CHECK_H */
