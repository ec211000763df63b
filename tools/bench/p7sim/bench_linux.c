// SPDX-License-Identifier: GPL-2.0-only
/*
 * bench_p7sim's Linux phase (bench_linux.h): the same vmlinux and initramfs
 * on p7sim and on QEMU, timed by the console.
 *
 * The machines run exactly as tests/linux/run-linux.sh runs them, so the
 * figures are those of the ctest label linux.  The child's stdout is a pipe
 * read as it comes (p7sim and QEMU both write each console line when the
 * guest prints it); CLOCK_MONOTONIC is taken at fork, when the chunk holding
 * "P7INIT: start" arrives, when the chunk holding the summary
 * "P7INIT: PASS n/n" arrives, and when the machine has exited:
 *
 *   boot   = fork -> "P7INIT: start"   (firmware-less boot, kernel init,
 *                                       initramfs unpacked, /init exec'd)
 *   stress = "P7INIT: start" -> summary (fork/exec/mmap/COW across cpus,
 *                                       context switches, IPIs, timers)
 *   total  = fork -> exit              (includes power-off and teardown)
 *
 * A run passes as in run-linux.sh: exit status 0 after the summary
 * "P7INIT: PASS n/n", no FAIL line, no "Kernel panic".  A panicked kernel
 * never powers off, so a panic line ends the run at once.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bench_linux.h"

/* run-linux.sh: a hang stops at this many instructions (p7sim exit 4). */
#define P7SIM_MAX_INSNS "4000000000"
/* run-linux.sh: a fixed RTC keeps the p7sim run deterministic. */
#define P7SIM_RTC "2024-01-01"

enum { L_P7SIM, L_QEMU, L_MACHINES };
static const char *const lname[L_MACHINES] = { "p7sim", "qemu" };

/* What one boot measured. */
struct boot_run {
	double boot, stress, total;
};

/* The console of one run, and what was seen on it. */
struct console {
	char *buf;
	size_t len, cap, line;	/* line: start of the line not yet looked at */
	double t_start, t_summary;	/* < 0: not seen */
	bool pass, fail, panic;	/* the last summary passed; a FAIL line; a panic */
	char first_fail[160];	/* the first P7INIT: FAIL line */
};

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* "P7INIT: PASS n/n" with both numbers equal, or the FAIL summary. */
static bool is_summary(const char *l, bool *pass)
{
	unsigned long a, b;
	int end = 0;

	*pass = false;
	if (sscanf(l, "P7INIT: PASS %lu/%lu%n", &a, &b, &end) == 2 && end) {
		*pass = a == b && !l[end];
		return true;
	}
	end = 0;
	sscanf(l, "P7INIT: FAIL %lu/%lu failed:%n", &a, &b, &end);
	return end > 0;
}

static void look_at_line(struct console *c, const char *l, double t)
{
	bool pass;

	if (strstr(l, "Kernel panic"))
		c->panic = true;
	if (strncmp(l, "P7INIT: ", 8))
		return;
	if (!strncmp(l, "P7INIT: start", 13)) {
		if (c->t_start < 0)
			c->t_start = t;
	} else if (is_summary(l, &pass)) {
		c->pass = pass;
		c->t_summary = t;
	} else if (!strncmp(l, "P7INIT: FAIL", 12) && !c->fail) {
		c->fail = true;
		snprintf(c->first_fail, sizeof(c->first_fail), "%s", l);
	}
}

/* Append console bytes (without CR) and look at each completed line. */
static void console_add(struct console *c, const char *p, size_t n, double t)
{
	if (c->len + n + 1 > c->cap) {
		size_t cap = c->cap ? c->cap : 16384;
		char *b;

		while (c->len + n + 1 > cap)
			cap *= 2;
		b = realloc(c->buf, cap);
		if (!b)
			return;	/* out of memory: the run fails for want of its summary */
		c->buf = b;
		c->cap = cap;
	}
	for (size_t i = 0; i < n; i++) {
		if (p[i] == '\r')
			continue;
		c->buf[c->len++] = p[i];
		if (p[i] == '\n') {
			c->buf[c->len - 1] = 0;
			look_at_line(c, c->buf + c->line, t);
			c->buf[c->len - 1] = '\n';
			c->line = c->len;
		}
	}
	c->buf[c->len] = 0;
}

/* The last non-empty line of @s (at most @n - 1 bytes) in @out. */
static void tail_line(const char *s, char *out, size_t n)
{
	const char *end = s + strlen(s), *start;

	while (end > s && (end[-1] == '\n' || end[-1] == '\r'))
		end--;
	start = end;
	while (start > s && start[-1] != '\n')
		start--;
	snprintf(out, n, "%.*s", (int)(end - start), start);
}

static void file_tail_line(const char *path, char *out, size_t n)
{
	char buf[4096];
	FILE *f = fopen(path, "r");
	size_t got;
	long sz;

	out[0] = 0;
	if (!f)
		return;
	fseek(f, 0, SEEK_END);
	sz = ftell(f);
	fseek(f, sz > (long)sizeof(buf) - 1 ? sz - (long)sizeof(buf) + 1 : 0, SEEK_SET);
	got = fread(buf, 1, sizeof(buf) - 1, f);
	buf[got] = 0;
	fclose(f);
	tail_line(buf, out, n);
}

/*
 * Fork @argv with stdin from /dev/null, stdout into a pipe (returned in
 * @fd) and stderr into @err (NULL: /dev/null).  Returns the pid, or -1.
 */
static pid_t spawn(char *const argv[], const char *err, int *fd)
{
	int p[2];
	pid_t pid;

	if (pipe2(p, O_CLOEXEC))
		return -1;
	pid = fork();
	if (pid < 0) {
		close(p[0]);
		close(p[1]);
		return -1;
	}
	if (pid == 0) {
		int in = open("/dev/null", O_RDONLY);
		int e = err ? open(err, O_WRONLY | O_CREAT | O_TRUNC, 0644) :
			      open("/dev/null", O_WRONLY);

		if (in < 0 || e < 0)
			_exit(126);
		dup2(in, 0);
		dup2(p[1], 1);
		dup2(e, 2);
		execv(argv[0], argv);
		dprintf(2, "exec %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	close(p[1]);
	*fd = p[0];
	return pid;
}

static int reap(pid_t pid)
{
	int st;

	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -1;
	return st;
}

/* Run @argv and keep its stdout (NUL-terminated, truncated to @n - 1). */
static int capture(char *const argv[], char *out, size_t n)
{
	size_t len = 0;
	ssize_t r;
	int fd;
	pid_t pid = spawn(argv, NULL, &fd);

	out[0] = 0;
	if (pid < 0)
		return -1;
	while ((r = read(fd, out + len, n - 1 - len)) != 0) {
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			break;
		len += r;
		if (len == n - 1) {	/* full: drain the rest */
			char sink[256];

			while (read(fd, sink, sizeof(sink)) > 0)
				;
			break;
		}
	}
	out[len] = 0;
	close(fd);
	return reap(pid);
}

bool bench_linux_find_kernel(const char *script, const char *name, char *path, size_t n,
			     char *why, size_t whylen)
{
	char *cached[] = { (char *)script, "--cached", (char *)name, NULL };
	char *print[] = { (char *)script, "--print-path", (char *)name, NULL };
	char out[1024], line[512];
	int st;

	if (access(script, X_OK)) {
		snprintf(why, whylen, "%s not found", script);
		return false;
	}
	/* --cached builds nothing; --print-path would build a missing kernel. */
	st = capture(cached, out, sizeof(out));
	if (st < 0 || !WIFEXITED(st) || WEXITSTATUS(st)) {
		tail_line(out, line, sizeof(line));
		snprintf(why, whylen, "%s (%s %s builds it, about 5 minutes)",
			 line[0] ? line : "the kernel is not cached", script, name);
		return false;
	}
	st = capture(print, out, sizeof(out));
	tail_line(out, path, n);
	if (st < 0 || !WIFEXITED(st) || WEXITSTATUS(st) || access(path, R_OK)) {
		snprintf(why, whylen, "%s --print-path %s gave no readable vmlinux", script, name);
		return false;
	}
	return true;
}

/* The command line of @m; strings live in @store. */
static void build_argv(const struct bench_linux *c, int m, char *argv[40], char store[3][64])
{
	int n = 0;

	snprintf(store[0], sizeof(store[0]), "%u", c->smp);
	snprintf(store[1], sizeof(store[1]), "console=hvc0 p7.cpus=%u", c->smp);
	if (m == L_P7SIM) {
		argv[n++] = (char *)c->p7sim;
		argv[n++] = "run";
		argv[n++] = "--smp";
		argv[n++] = store[0];
		argv[n++] = "--initrd";
		argv[n++] = (char *)c->initrd;
		argv[n++] = "--append";
		argv[n++] = store[1];
		argv[n++] = "--max-insns";
		argv[n++] = P7SIM_MAX_INSNS;
		argv[n++] = "--rtc";
		argv[n++] = P7SIM_RTC;
		argv[n++] = (char *)c->kernel;
	} else {
		/* No firmware (x-vof); -vga none: QEMU 7.2 stops on a missing VGA BIOS. */
		argv[n++] = (char *)c->qemu;
		argv[n++] = "-M";
		argv[n++] = "pseries,x-vof=on";
		argv[n++] = "-cpu";
		argv[n++] = "POWER7";
		argv[n++] = "-vga";
		argv[n++] = "none";
		argv[n++] = "-nographic";
		argv[n++] = "-no-reboot";
		argv[n++] = "-m";
		argv[n++] = "512";
		argv[n++] = "-smp";
		argv[n++] = store[0];
		argv[n++] = "-kernel";
		argv[n++] = (char *)c->kernel;
		argv[n++] = "-initrd";
		argv[n++] = (char *)c->initrd;
		argv[n++] = "-append";
		argv[n++] = store[1];
	}
	argv[n] = NULL;
}

/* The reason a finished run failed, or "" when it passed. */
static void judge(int m, const struct console *con, int st, bool hung, const char *err,
		  unsigned int timeout, char *why, size_t n)
{
	char line[256];

	why[0] = 0;
	if (con->panic) {
		snprintf(why, n, "kernel panic");
	} else if (hung) {
		snprintf(why, n, "hang: still running after %u s", timeout);
	} else if (st < 0 || !WIFEXITED(st)) {
		snprintf(why, n, "%s did not exit normally (%s)", lname[m],
			 st >= 0 && WIFSIGNALED(st) ? strsignal(WTERMSIG(st)) : "wait failed");
	} else if (WEXITSTATUS(st)) {
		static const char *const p7why[] = {
			[2] = "no vcpu can make progress", [4] = "hang: --max-insns reached",
			[6] = "the guest rebooted", [7] = "kernel panic (ibm,os-term)",
		};
		int s = WEXITSTATUS(st);

		file_tail_line(err, line, sizeof(line));
		snprintf(why, n, "%s exit %d%s%s%s%s", lname[m], s,
			 m == L_P7SIM && s < 8 && p7why[s] ? ": " : "",
			 m == L_P7SIM && s < 8 && p7why[s] ? p7why[s] : "",
			 line[0] ? ": " : "", line);
	} else if (con->fail) {
		snprintf(why, n, "a check failed: %s", con->first_fail);
	} else if (!con->pass || con->t_summary < 0) {
		tail_line(con->buf ? con->buf : "", line, sizeof(line));
		snprintf(why, n, "powered off without a P7INIT: PASS summary%s%s",
			 line[0] ? "; last line: " : "", line);
	}
}

/* One boot on @m: true with its figures, false with the reason in @why. */
static bool boot_once(const struct bench_linux *c, int m, struct boot_run *r, char *why,
		      size_t n)
{
	struct console con = { .t_start = -1, .t_summary = -1 };
	char store[3][64], err[256], *argv[40];
	double t0, deadline, t_kill = -1;
	bool hung = false;
	int fd, st;
	pid_t pid;

	build_argv(c, m, argv, store);
	snprintf(err, sizeof(err), "%s/linux.%s.err", c->tmpdir, lname[m]);
	t0 = now();
	pid = spawn(argv, err, &fd);
	if (pid < 0) {
		snprintf(why, n, "cannot start %s: %s", argv[0], strerror(errno));
		return false;
	}
	deadline = t0 + c->timeout;
	for (;;) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		char buf[4096];
		double t = now();
		ssize_t got;
		int ms;

		if (t_kill < 0 && con.panic)
			t_kill = t + 1;	/* let the panic message arrive */
		if (t >= deadline || (t_kill >= 0 && t >= t_kill)) {
			hung = !con.panic;
			kill(pid, SIGKILL);
			break;
		}
		ms = (int)(((t_kill >= 0 ? t_kill : deadline) - t) * 1000) + 1;
		if (poll(&p, 1, ms < 200 ? ms : 200) <= 0)
			continue;
		got = read(fd, buf, sizeof(buf));
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			break;	/* end of file: the machine has exited */
		console_add(&con, buf, got, now());
	}
	close(fd);
	st = reap(pid);
	r->total = now() - t0;
	judge(m, &con, st, hung, err, c->timeout, why, n);
	if (!why[0] && con.t_start < 0)
		snprintf(why, n, "no \"P7INIT: start\" line on the console");
	if (!why[0]) {
		r->boot = con.t_start - t0;
		r->stress = con.t_summary - con.t_start;
	}
	free(con.buf);
	unlink(err);
	return !why[0];
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* Median, minimum and maximum of field @off of @n runs. */
static void stats(const struct boot_run *r, unsigned int n, size_t off, double out[3])
{
	double v[BENCH_LINUX_MAX_REPS];

	for (unsigned int i = 0; i < n; i++)
		v[i] = *(const double *)((const char *)&r[i] + off);
	qsort(v, n, sizeof(v[0]), cmp_double);
	out[0] = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
	out[1] = v[0];
	out[2] = v[n - 1];
}

bool bench_linux_run(const struct bench_linux *c)
{
	static const struct {
		const char *what;
		size_t off;
		const char *target;	/* issue 13, as a p7sim/QEMU time ratio */
		double limit;
	} rows[] = {
		{ "boot to /init", offsetof(struct boot_run, boot), "<= 1.0", 1.0 },
		{ "stress (/init checks)", offsetof(struct boot_run, stress), "<= 2.0", 2.0 },
		{ "whole run (to exit)", offsetof(struct boot_run, total), "", 0 },
	};
	struct boot_run runs[L_MACHINES][BENCH_LINUX_MAX_REPS];
	unsigned int done[L_MACHINES] = { 0, 0 };
	char why[L_MACHINES][512];
	bool failed[L_MACHINES] = { false, false };
	int nm = c->qemu ? L_MACHINES : 1;

	printf("linux (the kernel and initramfs above), --smp %u, median (min-max) of %u run%s:\n",
	       c->smp, c->reps, c->reps > 1 ? "s" : "");
	printf("       p7sim run --smp %u --initrd INITRD --append 'console=hvc0 p7.cpus=%u' "
	       "--max-insns %s --rtc %s VMLINUX\n", c->smp, c->smp, P7SIM_MAX_INSNS, P7SIM_RTC);
	if (c->qemu)
		printf("       qemu -M pseries,x-vof=on -cpu POWER7 -vga none -nographic -no-reboot "
		       "-m 512 -smp %u -kernel VMLINUX -initrd INITRD -append ...\n", c->smp);
	else
		printf("       qemu: not run\n");
	fflush(stdout);
	/* Interleaved, so that a change in the machine's load hits both alike. */
	for (unsigned int rep = 0; rep < c->reps; rep++) {
		for (int m = 0; m < nm; m++) {
			if (failed[m])
				continue;
			if (boot_once(c, m, &runs[m][done[m]], why[m], sizeof(why[m])))
				done[m]++;
			else
				failed[m] = true;
		}
	}

	printf("%-22s | %-26s | %-26s | %-10s | %s\n", "", "p7sim s", "qemu s", "p7sim/qemu",
	       "target");
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		double s[L_MACHINES][3];

		printf("%-22s |", rows[i].what);
		for (int m = 0; m < L_MACHINES; m++) {
			char cell[64];

			if (m >= nm)
				snprintf(cell, sizeof(cell), "not run");
			else if (failed[m])
				snprintf(cell, sizeof(cell), "FAILED (see below)");
			else {
				stats(runs[m], done[m], rows[i].off, s[m]);
				snprintf(cell, sizeof(cell), "%7.3f (%.3f-%.3f)", s[m][0], s[m][1],
					 s[m][2]);
			}
			printf(" %-26s |", cell);
		}
		if (nm == L_MACHINES && !failed[L_P7SIM] && !failed[L_QEMU] && s[L_QEMU][0] > 0) {
			double ratio = s[L_P7SIM][0] / s[L_QEMU][0];

			printf(" %10.2f |%s%s%s\n", ratio, rows[i].limit ? " " : "", rows[i].target,
			       !rows[i].limit ? "" : ratio <= rows[i].limit ? " met" : " not met");
		} else {
			printf(" %10s |%s%s\n", "-", rows[i].limit ? " " : "", rows[i].target);
		}
	}
	printf("boot = fork to \"P7INIT: start\"; stress = from there to \"P7INIT: PASS n/n\";\n"
	       "p7sim/qemu = ratio of the median times: below 1, p7sim is faster.\n");
	for (int m = 0; m < nm; m++)
		if (failed[m])
			printf("FAILED: linux on %s (run %u of %u): %s\n", lname[m], done[m] + 1,
			       c->reps, why[m]);
	return !failed[L_P7SIM] && !failed[L_QEMU];
}
