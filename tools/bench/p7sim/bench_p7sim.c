// SPDX-License-Identifier: GPL-2.0-only
/*
 * bench_p7sim: the same benchmark guests (tests/guests/b_*.S) on p7sim and on
 * QEMU's pseries machine (qemu-system-ppc64 -M pseries -cpu POWER7, TCG), in
 * one run.  Prints wall time, MIPS and hcall round trips per second of each,
 * and the p7sim/QEMU ratios.
 *
 * Each guest takes its loop count from the kernel command line, so both
 * machines run the same ELF; QEMU gets a larger count where it is so much
 * faster that its loop would otherwise vanish in the noise of a shared
 * machine (the rates are per iteration, the table shows both counts).  Both
 * boot the ELF without firmware: p7sim loads it at 0x400000 and enters it
 * directly, QEMU gets a boot ROM generated here (-bios: loaded at guest real
 * 0, the CPU starts at 0x100, where the ROM branches to 0x400000, the -kernel
 * load address).
 *
 * Wall time is CLOCK_MONOTONIC around fork/exec/wait of the whole machine,
 * boot included.  The boot cost of each machine is measured with a run of
 * count 1 and subtracted before the rates are computed; the table shows both.
 *
 * A benchmark, not a test: it asserts nothing about speed.  It fails (exit 1)
 * only when a guest run does not power off cleanly with the expected output.
 * Without qemu-system-ppc64 the QEMU column says "not installed" and the
 * p7sim figures are still printed (exit 0).
 *
 * Then the Linux phase (bench_linux.c): the tiny POWER7 kernel cached by
 * tests/linux/build-kernel.sh and the test initramfs, boot to /init and the
 * stress phase of /init on both machines.  It runs when the kernel is cached
 * and the initramfs built (else one line says why not), not with --quick
 * unless --linux asks for it.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bench_linux.h"

#ifndef BENCH_P7SIM_PATH
#define BENCH_P7SIM_PATH "p7sim"
#endif
#ifndef BENCH_GUEST_DIR
#define BENCH_GUEST_DIR "guests"
#endif
#ifndef BENCH_BUILD_KERNEL
#define BENCH_BUILD_KERNEL "tests/linux/build-kernel.sh"
#endif
#ifndef BENCH_LINUX_INITRD
#define BENCH_LINUX_INITRD "tests/linux/init.cpio"
#endif
#define BENCH_LINUX_KERNEL "tiny"

#define QEMU_NAME "qemu-system-ppc64"

struct guest {
	const char *name;
	unsigned int insns_per_iter;	/* guest instructions per loop iteration */
	bool hcall;			/* one hcall round trip per iteration */
	uint64_t count;			/* full run, p7sim */
	unsigned int qemu_mult;		/* full run, QEMU: count x qemu_mult */
	uint64_t quick;			/* --quick, both */
	const char *what;
};

/*
 * Counts chosen so that, on the machine of docs/p7sim.md, each loop runs for
 * a few seconds on each machine.
 */
static const struct guest guests[] = {
	{ "b_int", 61, false, 100000000, 1, 1000,
	  "integer loop, 60 ALU insns + bdnz per iteration" },
	{ "b_mem", 28, false, 20000000, 10, 1000,
	  "load/store loop, 8 ld + 8 std per 28 insns" },
	{ "b_hcall_kernel", 5, true, 2000000, 10, 100,
	  "H_SET_SPRG0 loop (virtual-mode hcall on p7sim)" },
	{ "b_hcall_rm", 5, true, 2000000, 10, 100,
	  "H_SET_DABR loop (real-mode hcall on p7sim: no partition switch)" },
	{ "b_hcall_user", 6, true, 2000000, 10, 100,
	  "H_PUT_TERM_CHAR len 0 loop (userspace hcall)" },
	{ "b_tb", 6, false, 50000000, 1, 1000,
	  "time-base polling loop (mftb, compare, count)" },
	{ "b_exc", 7, false, 2000000, 10, 100,
	  "program interrupt (trap) at the guest's 0x700, handler returns with rfid" },
	{ "b_fault", 21, true, 500000, 10, 100,
	  "DSI at 0x300, H_ENTER in the handler, rfid, retried load, H_REMOVE" },
};
#define NGUESTS (sizeof(guests) / sizeof(guests[0]))

enum machine { M_P7SIM, M_QEMU, M_COUNT };
static const char *const mname[M_COUNT] = { "p7sim", "qemu" };

struct result {
	bool ran;		/* attempted */
	bool ok;		/* every attempt succeeded */
	double wall;		/* best wall time, seconds */
	char why[256];		/* the last failure */
};

/* Record one attempt: keep the best time; one failure makes the result fail. */
static void record(struct result *r, bool ok, double wall, const char *why)
{
	if (!r->ran) {
		r->ok = true;
		r->wall = wall;
	}
	r->ran = true;
	if (!ok) {
		r->ok = false;
		snprintf(r->why, sizeof(r->why), "%s", why);
	} else if (wall < r->wall) {
		r->wall = wall;
	}
}

static struct {
	const char *p7sim;
	const char *qemu;	/* NULL: not installed / --no-qemu */
	const char *guest_dir;
	unsigned int mem_mb;
	unsigned int reps;
	unsigned int timeout;
	double scale;
	bool quick;
	bool guests;		/* run the b_* guests (not with --linux-only) */
	int want_linux;		/* -1: when available (not with --quick), 0: no, 1: must */
	struct bench_linux lx;
	char tmpdir[64];
	char rom[128];
} cfg = {
	.p7sim = BENCH_P7SIM_PATH, .guest_dir = BENCH_GUEST_DIR, .mem_mb = 256,
	.reps = 1, .timeout = 600, .scale = 1.0, .guests = true, .want_linux = -1,
	.lx = { .initrd = BENCH_LINUX_INITRD, .smp = 2, .reps = 3 },
};

static const char usage[] =
"usage: bench_p7sim [options]\n"
"\n"
"Run the benchmark guests (integer loop, load/store loop, in-kernel hcall loop,\n"
"userspace hcall loop) on p7sim and on " QEMU_NAME " -M pseries -cpu POWER7 (TCG),\n"
"and print wall time, MIPS, hcall round trips per second and p7sim/QEMU ratios.\n"
"\n"
"Options:\n"
"  --quick         tiny loop counts (a smoke run; the figures mean nothing)\n"
"  --scale F       multiply the loop counts by F (default 1; QEMU runs 10x\n"
"                  p7sim's count of the memory and hcall loops)\n"
"  --reps N        run everything N times, keep the best time (default 1)\n"
"  --mem MB        guest RAM of both machines in MiB (default 256; QEMU takes only\n"
"                  multiples of 256, p7sim multiples of 16)\n"
"  --timeout S     kill a run after S seconds (default 600, 120 with --quick)\n"
"  --no-qemu       do not run QEMU\n"
"  --qemu PATH     the QEMU binary (default: " QEMU_NAME " from PATH)\n"
"  --p7sim PATH    the p7sim binary (default: " BENCH_P7SIM_PATH ")\n"
"  --guests DIR    where the b_*.elf guests are (default: " BENCH_GUEST_DIR ")\n"
"\n"
"Linux phase: boot to /init and the /init stress phase of the tiny POWER7 kernel\n"
"(tests/linux/build-kernel.sh, only if cached) with the test initramfs on both\n"
"machines, as tests/linux/run-linux.sh runs them (QEMU: -M pseries,x-vof=on).\n"
"  --linux         run it (exit 2 if the kernel or initramfs is missing); default:\n"
"                  run it when both are there, except with --quick\n"
"  --no-linux      do not run it\n"
"  --linux-only    only the Linux phase, no benchmark guests\n"
"  --linux-kernel PATH  the vmlinux (default: build-kernel.sh --print-path tiny)\n"
"  --linux-initrd PATH  the initramfs (default: " BENCH_LINUX_INITRD ")\n"
"  --linux-smp N   cpus of both machines (default 2)\n"
"  --linux-reps N  boots per machine, the medians are shown (default 3)\n"
"  -h, --help      this text\n"
"\n"
"Exit status: 0 when every run powered off with the expected output (even if\n"
"QEMU is not installed, or the Linux phase was skipped), 1 when one did not\n"
"(a Linux boot without P7INIT: PASS), 2 on bad options or setup errors.\n";

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static void die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("bench_p7sim: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	exit(2);
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf;
	long n;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc(n > 0 ? n + 1 : 1);
	if (!buf) {
		fclose(f);
		return NULL;
	}
	n = n > 0 ? (long)fread(buf, 1, n, f) : 0;
	buf[n] = 0;
	fclose(f);
	return buf;
}

/* The last non-empty line of @s, for failure messages. */
static void last_line(const char *s, char *out, size_t n)
{
	const char *end, *start;

	out[0] = 0;
	if (!s)
		return;
	end = s + strlen(s);
	while (end > s && (end[-1] == '\n' || end[-1] == '\r'))
		end--;
	start = end;
	while (start > s && start[-1] != '\n')
		start--;
	snprintf(out, n, "%.*s", (int)(end - start), start);
}

/* A PATH lookup, so that a missing QEMU is reported rather than failing exec. */
static char *find_in_path(const char *name)
{
	const char *path = getenv("PATH");
	char buf[4096];

	if (strchr(name, '/'))
		return access(name, X_OK) ? NULL : strdup(name);
	if (!path)
		path = "/usr/local/bin:/usr/bin:/bin";
	while (*path) {
		size_t n = strcspn(path, ":");

		snprintf(buf, sizeof(buf), "%.*s/%s", (int)n, n ? path : ".", name);
		if (!access(buf, X_OK))
			return strdup(buf);
		path += n;
		if (*path == ':')
			path++;
	}
	return NULL;
}

static volatile sig_atomic_t timed_out;

static void on_alarm(int sig)
{
	timed_out = 1;
}

/*
 * Run argv with stdin from /dev/null and stdout/stderr to files in the
 * temporary directory; returns the wait status (or -1 on a fork/exec setup
 * error, or after killing it at the timeout) and the wall time.
 */
static int run(char *const argv[], const char *out, const char *err, double *wall, bool *killed)
{
	struct sigaction sa = { .sa_handler = on_alarm };
	int status = -1;
	double t0;
	pid_t pid;

	*killed = false;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, NULL);	/* no SA_RESTART: waitpid returns EINTR */
	timed_out = 0;
	t0 = now();
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		int in = open("/dev/null", O_RDONLY);
		int o = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		int e = open(err, O_WRONLY | O_CREAT | O_TRUNC, 0644);

		if (in < 0 || o < 0 || e < 0)
			_exit(126);
		dup2(in, 0);
		dup2(o, 1);
		dup2(e, 2);
		execv(argv[0], argv);
		dprintf(2, "exec %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	alarm(cfg.timeout);
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			status = -1;
			break;
		}
		if (timed_out) {
			kill(pid, SIGKILL);
			*killed = true;
			timed_out = 0;
		}
	}
	*wall = now() - t0;
	alarm(0);
	return status;
}

/* The command line of @m for @g with @count; strings live in @store. */
static void build_argv(enum machine m, const struct guest *g, uint64_t count, char *argv[32],
		       char store[4][512])
{
	int n = 0;

	snprintf(store[0], sizeof(store[0]), "%s/%s.elf", cfg.guest_dir, g->name);
	snprintf(store[1], sizeof(store[1]), "%" PRIu64, count);
	if (m == M_P7SIM) {
		snprintf(store[2], sizeof(store[2]), "%uM", cfg.mem_mb);
		argv[n++] = (char *)cfg.p7sim;
		argv[n++] = "run";
		argv[n++] = "--quiet";
		argv[n++] = "--mem";
		argv[n++] = store[2];
		argv[n++] = "--append";
		argv[n++] = store[1];
		argv[n++] = store[0];
	} else {
		/*
		 * TCG only (no KVM on this host); no network, graphics or
		 * default devices; the console on stdio (a spapr-vty, reached
		 * through vterm 0); the generated ROM instead of SLOF; exit on
		 * a reboot request too.  TCG cannot provide the spectre
		 * workarounds pseries-7.2 asks for by default: declaring them
		 * broken only silences the warnings.
		 */
		snprintf(store[2], sizeof(store[2]), "%u", cfg.mem_mb);
		argv[n++] = (char *)cfg.qemu;
		argv[n++] = "-M";
		argv[n++] = "pseries,cap-sbbc=broken,cap-ibs=broken,cap-ccf-assist=off";
		argv[n++] = "-accel";
		argv[n++] = "tcg";
		argv[n++] = "-cpu";
		argv[n++] = "POWER7";
		argv[n++] = "-nographic";
		argv[n++] = "-nodefaults";
		argv[n++] = "-serial";
		argv[n++] = "stdio";
		argv[n++] = "-monitor";
		argv[n++] = "none";
		argv[n++] = "-no-reboot";
		argv[n++] = "-m";
		argv[n++] = store[2];
		argv[n++] = "-bios";
		argv[n++] = cfg.rom;
		argv[n++] = "-kernel";
		argv[n++] = store[0];
		argv[n++] = "-append";
		argv[n++] = store[1];
	}
	argv[n] = NULL;
}

/*
 * One run of @g with @count on @m: true when it powered off (exit 0) after
 * printing the start line with that count and the end line.
 */
static bool run_guest(enum machine m, const struct guest *g, uint64_t count, double *wall,
		      char *why, size_t whylen)
{
	char store[4][512], out[160], err[160], want[128], line[200];
	char *argv[32], *o, *e;
	bool killed, ok = false;
	int st;

	build_argv(m, g, count, argv, store);
	snprintf(out, sizeof(out), "%s/%s.%s.out", cfg.tmpdir, g->name, mname[m]);
	snprintf(err, sizeof(err), "%s/%s.%s.err", cfg.tmpdir, g->name, mname[m]);
	st = run(argv, out, err, wall, &killed);
	o = slurp(out);
	e = slurp(err);
	snprintf(want, sizeof(want), "%s: start count 0x%" PRIx64 "\n", g->name, count);
	if (killed) {
		snprintf(why, whylen, "killed after %u s", cfg.timeout);
	} else if (st < 0 || !WIFEXITED(st)) {
		snprintf(why, whylen, "did not exit normally (%s)",
			 st >= 0 && WIFSIGNALED(st) ? strsignal(WTERMSIG(st)) : "wait failed");
	} else if (WEXITSTATUS(st)) {
		last_line(e, line, sizeof(line));
		snprintf(why, whylen, "exit status %d%s%s", WEXITSTATUS(st),
			 line[0] ? ": " : "", line);
	} else if (!o || !strstr(o, want)) {
		snprintf(why, whylen, "no line \"%.*s\" on its console", (int)strlen(want) - 1,
			 want);
	} else {
		snprintf(want, sizeof(want), "%s: end\n", g->name);
		if (!strstr(o, want))
			snprintf(why, whylen, "no end line on its console");
		else
			ok = true;
	}
	free(o);
	free(e);
	return ok;
}

static void write_rom(void)
{
	/*
	 * QEMU's pseries machine loads -bios as a raw image at guest real 0
	 * and starts the boot CPU at 0x100 with r3 = the device tree; -kernel
	 * goes to 0x400000 + p_vaddr.  The ROM: zeros up to 0x100, then
	 * "b +0x3fff00" (0x100 -> 0x400000), big-endian.
	 */
	uint8_t rom[0x104] = { 0 };
	uint32_t b = 0x48000000u | ((0x400000u - 0x100u) & 0x03fffffcu);
	FILE *f;

	rom[0x100] = b >> 24;
	rom[0x101] = b >> 16;
	rom[0x102] = b >> 8;
	rom[0x103] = b;
	snprintf(cfg.rom, sizeof(cfg.rom), "%s/boot.rom", cfg.tmpdir);
	f = fopen(cfg.rom, "wb");
	if (!f || fwrite(rom, 1, sizeof(rom), f) != sizeof(rom) || fclose(f))
		die("cannot write %s: %s", cfg.rom, strerror(errno));
}

static void cleanup(void)
{
	char path[192];

	if (!cfg.tmpdir[0])
		return;
	for (size_t i = 0; i < NGUESTS; i++)
		for (int m = 0; m < M_COUNT; m++) {
			snprintf(path, sizeof(path), "%s/%s.%s.out", cfg.tmpdir, guests[i].name,
				 mname[m]);
			unlink(path);
			snprintf(path, sizeof(path), "%s/%s.%s.err", cfg.tmpdir, guests[i].name,
				 mname[m]);
			unlink(path);
		}
	snprintf(path, sizeof(path), "%s/version.out", cfg.tmpdir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/version.err", cfg.tmpdir);
	unlink(path);
	if (cfg.rom[0])
		unlink(cfg.rom);
	rmdir(cfg.tmpdir);
}

/* "QEMU emulator version 7.2.x (...)" -> "7.2.x" or so; "" if unknown. */
static void qemu_version(char *buf, size_t n)
{
	char *argv[] = { (char *)cfg.qemu, "--version", NULL };
	char out[160], err[160];
	double w;
	bool killed;
	char *o, *p;

	buf[0] = 0;
	snprintf(out, sizeof(out), "%s/version.out", cfg.tmpdir);
	snprintf(err, sizeof(err), "%s/version.err", cfg.tmpdir);
	if (run(argv, out, err, &w, &killed) != 0)
		return;
	o = slurp(out);
	if (o && (p = strstr(o, "version "))) {
		p += 8;
		snprintf(buf, n, "%.*s", (int)strcspn(p, "\n"), p);
	}
	free(o);
}

static uint64_t scaled(const struct guest *g, enum machine m)
{
	double c;

	if (cfg.quick)
		return g->quick;
	c = g->count * cfg.scale * (m == M_QEMU ? g->qemu_mult : 1);
	return c < 1 ? 1 : (uint64_t)c;
}

static void fmt_rate(char *buf, size_t n, double v)
{
	if (v <= 0)
		snprintf(buf, n, "-");
	else if (v >= 100)
		snprintf(buf, n, "%.0f", v);
	else
		snprintf(buf, n, "%.2f", v);
}

/* The benchmark guests on both machines and their table; true if one failed. */
static bool run_guests(bool no_qemu)
{
	struct result res[NGUESTS][M_COUNT], boot[M_COUNT];
	bool failed = false;

	memset(res, 0, sizeof(res));
	memset(boot, 0, sizeof(boot));
	for (unsigned int rep = 0; rep < cfg.reps; rep++) {
		for (int m = 0; m < M_COUNT; m++) {
			double w;
			char why[256] = "";
			bool ok;

			if (m == M_QEMU && !cfg.qemu)
				continue;
			/* Boot cost: the integer guest with a count of 1. */
			ok = run_guest(m, &guests[0], 1, &w, why, sizeof(why));
			record(&boot[m], ok, w, why);
			for (size_t i = 0; i < NGUESTS; i++) {
				ok = run_guest(m, &guests[i], scaled(&guests[i], m), &w, why,
					       sizeof(why));
				record(&res[i][m], ok, w, why);
			}
		}
		if (cfg.reps > 1)
			fprintf(stderr, "bench_p7sim: repetition %u of %u done\n", rep + 1, cfg.reps);
	}

	printf("boot (a run with count 1, subtracted from the wall times for the rates):\n");
	for (int m = 0; m < M_COUNT; m++) {
		if (m == M_QEMU && !cfg.qemu) {
			printf("  %-6s %s\n", mname[m], no_qemu ? "not run" : "not installed");
			continue;
		}
		if (boot[m].ok)
			printf("  %-6s %.3f s\n", mname[m], boot[m].wall);
		else
			printf("  %-6s FAILED: %s\n", mname[m], boot[m].why);
	}
	printf("\n%-15s %5s | %-40s | %-40s | %s\n", "", "insns", "p7sim", "qemu",
	       "p7sim/qemu");
	printf("%-15s %5s | %10s %8s %9s %10s | %10s %8s %9s %10s | %s\n", "guest", "/iter",
	       "count", "wall s", "MIPS", "RT/s", "count", "wall s", "MIPS", "RT/s", "rate");
	for (size_t i = 0; i < NGUESTS; i++) {
		const struct guest *g = &guests[i];
		double rate[M_COUNT] = { 0, 0 };

		printf("%-15s %5u |", g->name, g->insns_per_iter);
		for (int m = 0; m < M_COUNT; m++) {
			struct result *r = &res[i][m];
			uint64_t count = scaled(g, m);
			char mips[32], rts[32];
			double net;

			if (m == M_QEMU && !cfg.qemu) {
				printf(" %-40s |", no_qemu ? "qemu: not run" : "qemu: not installed");
				continue;
			}
			if (!r->ok) {
				printf(" %-40s |", "FAILED (see below)");
				failed = true;
				continue;
			}
			net = r->wall - (boot[m].ok ? boot[m].wall : 0);
			if (net <= 0)
				net = 0;
			rate[m] = net > 0 ? (double)count / net : 0;
			fmt_rate(mips, sizeof(mips), net > 0 ?
				 (double)count * g->insns_per_iter / net / 1e6 : 0);
			fmt_rate(rts, sizeof(rts), g->hcall ? rate[m] : 0);
			printf(" %10" PRIu64 " %8.3f %9s %10s |", count, r->wall, mips, rts);
		}
		if (res[i][M_P7SIM].ok && cfg.qemu && res[i][M_QEMU].ok) {
			char rr[32];

			if (rate[M_P7SIM] > 0 && rate[M_QEMU] > 0)
				snprintf(rr, sizeof(rr), "%.3f", rate[M_P7SIM] / rate[M_QEMU]);
			else
				snprintf(rr, sizeof(rr), "-");
			printf(" %s", rr);
		} else {
			printf(" -");
		}
		printf("\n");
	}
	printf("\nMIPS = count x insns/iter / (wall - boot); RT/s = hcall round trips per second,\n"
	       "count / (wall - boot); rate = p7sim/qemu of MIPS (and so of RT/s): below 1,\n"
	       "p7sim is slower.  '-': the loop time is lost in the noise of the boot time.\n");
	if (boot[M_P7SIM].ok && cfg.qemu && boot[M_QEMU].ok && boot[M_QEMU].wall > 0)
		printf("boot time p7sim/qemu: %.2f\n", boot[M_P7SIM].wall / boot[M_QEMU].wall);
	for (size_t i = 0; i < NGUESTS; i++)
		for (int m = 0; m < M_COUNT; m++)
			if (res[i][m].ran && !res[i][m].ok)
				printf("FAILED: %s on %s: %s\n", guests[i].name, mname[m],
				       res[i][m].why);
	for (int m = 0; m < M_COUNT; m++)
		if (boot[m].ran && !boot[m].ok) {
			printf("FAILED: boot run on %s: %s\n", mname[m], boot[m].why);
			failed = true;
		}
	printf("\nguests:\n");
	for (size_t i = 0; i < NGUESTS; i++)
		printf("  %-15s %s\n", guests[i].name, guests[i].what);
	return failed;
}

/* Whether the Linux phase runs (kernel cached, initramfs built); else why not. */
static bool linux_setup(void)
{
	static char kernel[1024];
	char why[1024];

	if (!cfg.want_linux || (cfg.want_linux < 0 && cfg.quick)) {
		printf("             linux: not run (%s)\n",
		       cfg.want_linux ? "--quick; --linux runs it" : "--no-linux");
		return false;
	}
	why[0] = 0;
	if (!cfg.lx.kernel) {
		if (bench_linux_find_kernel(BENCH_BUILD_KERNEL, BENCH_LINUX_KERNEL, kernel,
					    sizeof(kernel), why, sizeof(why)))
			cfg.lx.kernel = kernel;
	} else if (access(cfg.lx.kernel, R_OK)) {
		snprintf(why, sizeof(why), "no kernel %s", cfg.lx.kernel);
	}
	if (!why[0] && access(cfg.lx.initrd, R_OK))
		snprintf(why, sizeof(why), "no initramfs %s (built by the default build with "
			 "powerpc64-linux-gnu-gcc and linux-source-6.1)", cfg.lx.initrd);
	if (why[0] && cfg.want_linux > 0)
		die("--linux: skipped: %s", why);
	if (why[0]) {
		printf("             linux: skipped: %s\n", why);
		return false;
	}
	printf("             linux %s, initrd %s\n", cfg.lx.kernel, cfg.lx.initrd);
	cfg.lx.p7sim = cfg.p7sim;
	cfg.lx.qemu = cfg.qemu;
	cfg.lx.tmpdir = cfg.tmpdir;
	cfg.lx.timeout = cfg.timeout;
	return true;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "quick", no_argument, NULL, 'q' },
		{ "scale", required_argument, NULL, 's' },
		{ "reps", required_argument, NULL, 'r' },
		{ "mem", required_argument, NULL, 'm' },
		{ "timeout", required_argument, NULL, 't' },
		{ "no-qemu", no_argument, NULL, 'n' },
		{ "qemu", required_argument, NULL, 'Q' },
		{ "p7sim", required_argument, NULL, 'P' },
		{ "guests", required_argument, NULL, 'g' },
		{ "linux", no_argument, NULL, 'L' },
		{ "no-linux", no_argument, NULL, 'N' },
		{ "linux-only", no_argument, NULL, 'O' },
		{ "linux-kernel", required_argument, NULL, 'K' },
		{ "linux-initrd", required_argument, NULL, 'I' },
		{ "linux-smp", required_argument, NULL, 'S' },
		{ "linux-reps", required_argument, NULL, 'R' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *qemu_opt = QEMU_NAME;
	bool no_qemu = false, timeout_set = false, failed, run_linux;
	char qver[128], *end;
	int c;

	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'q':
			cfg.quick = true;
			break;
		case 's':
			cfg.scale = strtod(optarg, &end);
			if (*end || !(cfg.scale > 0))
				die("bad --scale '%s'", optarg);
			break;
		case 'r':
			cfg.reps = strtoul(optarg, &end, 0);
			if (*end || !cfg.reps || cfg.reps > 100)
				die("bad --reps '%s' (1..100)", optarg);
			break;
		case 'm':
			cfg.mem_mb = strtoul(optarg, &end, 0);
			if (*end || !cfg.mem_mb || cfg.mem_mb % 16 || cfg.mem_mb > 65536)
				die("bad --mem '%s' (MiB, a multiple of 16)", optarg);
			break;
		case 't':
			cfg.timeout = strtoul(optarg, &end, 0);
			if (*end || !cfg.timeout)
				die("bad --timeout '%s'", optarg);
			timeout_set = true;
			break;
		case 'n':
			no_qemu = true;
			break;
		case 'Q':
			qemu_opt = optarg;
			break;
		case 'P':
			cfg.p7sim = optarg;
			break;
		case 'g':
			cfg.guest_dir = optarg;
			break;
		case 'L':
			cfg.want_linux = 1;
			break;
		case 'N':
			cfg.want_linux = 0;
			break;
		case 'O':
			cfg.want_linux = 1;
			cfg.guests = false;
			break;
		case 'K':
			cfg.lx.kernel = optarg;
			break;
		case 'I':
			cfg.lx.initrd = optarg;
			break;
		case 'S':
			cfg.lx.smp = strtoul(optarg, &end, 0);
			if (*end || !cfg.lx.smp || cfg.lx.smp > 8)
				die("bad --linux-smp '%s' (1..8, the tiny kernel's NR_CPUS)", optarg);
			break;
		case 'R':
			cfg.lx.reps = strtoul(optarg, &end, 0);
			if (*end || !cfg.lx.reps || cfg.lx.reps > BENCH_LINUX_MAX_REPS)
				die("bad --linux-reps '%s' (1..%d)", optarg, BENCH_LINUX_MAX_REPS);
			break;
		case 'h':
			fputs(usage, stdout);
			return 0;
		default:
			fputs(usage, stderr);
			return 2;
		}
	}
	if (optind < argc)
		die("unexpected argument '%s' (see --help)", argv[optind]);
	if (cfg.quick && !timeout_set)
		cfg.timeout = 120;
	if (access(cfg.p7sim, X_OK))
		die("p7sim not found at %s", cfg.p7sim);
	for (size_t i = 0; cfg.guests && i < NGUESTS; i++) {
		char p[512];

		snprintf(p, sizeof(p), "%s/%s.elf", cfg.guest_dir, guests[i].name);
		if (access(p, R_OK))
			die("guest %s not found (built with the ppc64 cross compiler)", p);
	}
	cfg.qemu = no_qemu ? NULL : find_in_path(qemu_opt);
	/*
	 * QEMU 7.2's pseries machine wants RAM in 256 MiB blocks (and applies
	 * its SLOF minimum of 80 MiB RMA even when -bios is not SLOF).
	 */
	if (cfg.qemu && cfg.guests && cfg.mem_mb % 256)
		die("--mem %u: QEMU's pseries machine takes only multiples of 256 MiB "
		    "(or use --no-qemu)", cfg.mem_mb);

	snprintf(cfg.tmpdir, sizeof(cfg.tmpdir), "%s/bench_p7sim.XXXXXX",
		 getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (strlen(cfg.tmpdir) >= sizeof(cfg.tmpdir) - 1 || !mkdtemp(cfg.tmpdir))
		die("cannot create a temporary directory: %s", strerror(errno));
	atexit(cleanup);
	write_rom();

	qver[0] = 0;
	if (cfg.qemu)
		qemu_version(qver, sizeof(qver));
	printf("bench_p7sim: p7sim %s\n", cfg.p7sim);
	if (cfg.qemu)
		printf("             qemu  %s%s%s%s, -M pseries -cpu POWER7, TCG, -bios <branch to "
		       "0x400000>\n", cfg.qemu, qver[0] ? " (" : "", qver, qver[0] ? ")" : "");
	else
		printf("             qemu: %s\n", no_qemu ? "not run (--no-qemu)" : "not installed");
	if (cfg.guests)
		printf("             guests %s, %u MiB RAM, best of %u%s\n", cfg.guest_dir,
		       cfg.mem_mb, cfg.reps, cfg.quick ? ", --quick (figures meaningless)" : "");
	run_linux = linux_setup();
	printf("\n");
	fflush(stdout);

	failed = cfg.guests && run_guests(no_qemu);
	if (cfg.guests && run_linux)
		printf("\n");
	if (run_linux && !bench_linux_run(&cfg.lx))
		failed = true;
	return failed ? 1 : 0;
}
