// SPDX-License-Identifier: GPL-2.0-only
/*
 * bench_gdb: what a debugger costs on p7sim.  The integer benchmark guest
 * (tests/guests/b_int.S: 61 instructions per iteration, count from the
 * command line) runs on p7sim with --gdb on a unix socket, driven through
 * the GDB remote protocol by this program (no gdb needed):
 *
 *   plain       no --gdb at all
 *   attached    a debugger connected, no breakpoint (vCont;c to the end)
 *   far break   a breakpoint in code that never runs
 *   watch       a write watchpoint on a word nothing writes
 *   loop break  a breakpoint in the loop: stop replies per second
 *   step        vCont;s round trips per second
 *
 * Prints wall time and guest MIPS of each run (boot included, like
 * bench_p7sim), the ratio to plain, and the two round-trip rates.  A
 * benchmark, not a test: it asserts nothing about speed; it fails only when
 * p7sim does not answer as the protocol says or does not power off.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <inttypes.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifndef BENCH_P7SIM_PATH
#define BENCH_P7SIM_PATH "p7sim"
#endif
#ifndef BENCH_GUEST_DIR
#define BENCH_GUEST_DIR "guests"
#endif

#define INSNS_PER_ITER	61
#define MTCTR_R14	0x7dc903a6u	/* the instruction before b_int's loop */

static int fd = -1;
static char reply[65536];
static char sock[108];

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

static void die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fprintf(stderr, "bench_gdb: ");
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, "\n");
	va_end(ap);
	exit(1);
}

static void put(const char *buf, size_t len)
{
	if (write(fd, buf, len) != (ssize_t)len)
		die("write to p7sim: %s", strerror(errno));
}

static void send_pkt(const char *payload)
{
	char tail[4];
	unsigned int sum = 0;

	for (const char *p = payload; *p; p++)
		sum += (unsigned char)*p;
	snprintf(tail, sizeof(tail), "#%02x", sum & 0xff);
	put("$", 1);
	put(payload, strlen(payload));
	put(tail, 3);
}

static int get(void)
{
	unsigned char b;

	return read(fd, &b, 1) == 1 ? b : -1;
}

/* The next packet (acks skipped; acknowledged). */
static const char *recv_pkt(void)
{
	size_t n = 0;
	int b;

	do
		b = get();
	while (b >= 0 && b != '$');
	while ((b = get()) >= 0 && b != '#' && n < sizeof(reply) - 1)
		reply[n++] = (char)b;
	if (b < 0)
		die("p7sim closed the connection");
	reply[n] = 0;
	get();
	get();
	put("+", 1);
	return reply;
}

static const char *cmd(const char *pkt, const char *want)
{
	const char *r;

	send_pkt(pkt);
	r = recv_pkt();
	if (strncmp(r, want, strlen(want)))
		die("'%s' -> '%.40s', expected '%s'", pkt, r, want);
	return r;
}

/* Start p7sim on b_int with @count; with @gdb, connect to it (stopped at entry). */
static pid_t start(uint64_t count, bool gdb)
{
	char cnt[32], guest[512];
	pid_t pid;

	snprintf(cnt, sizeof(cnt), "%" PRIu64, count);
	snprintf(guest, sizeof(guest), "%s/b_int.elf", BENCH_GUEST_DIR);
	unlink(sock);
	fflush(stdout);
	pid = fork();
	if (pid < 0)
		die("fork: %s", strerror(errno));
	if (!pid) {
		char spec[128];
		char *argv[16];
		int n = 0;

		snprintf(spec, sizeof(spec), "unix:%s", sock);
		argv[n++] = BENCH_P7SIM_PATH;
		argv[n++] = "run";
		argv[n++] = "--quiet";
		argv[n++] = "--append";
		argv[n++] = cnt;
		if (gdb) {
			argv[n++] = "--gdb";
			argv[n++] = spec;
			argv[n++] = "--gdb-wait";
		}
		argv[n++] = guest;
		argv[n] = NULL;
		if (!freopen("/dev/null", "w", stdout))
			_exit(127);
		execv(argv[0], argv);
		_exit(127);
	}
	if (gdb) {
		struct sockaddr_un sa = { .sun_family = AF_UNIX };

		strcpy(sa.sun_path, sock);
		fd = socket(AF_UNIX, SOCK_STREAM, 0);
		for (int i = 0; i < 200; i++) {
			if (!connect(fd, (struct sockaddr *)&sa, sizeof(sa)))
				break;
			usleep(20000);
		}
		cmd("?", "T05");
	}
	return pid;
}

static void finish(pid_t pid)
{
	int st;

	if (fd >= 0) {
		close(fd);
		fd = -1;
	}
	if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st) || WEXITSTATUS(st))
		die("p7sim did not power off cleanly (status 0x%x)", st);
}

/* The loop's first instruction: right after b_int's mtctr r14, found in guest memory. */
static uint64_t find_loop(void)
{
	uint64_t pc, base;
	char pkt[64];
	const char *r;

	r = cmd("p20", "");
	pc = strtoull(r, NULL, 16);
	base = pc & ~0xfffULL;
	snprintf(pkt, sizeof(pkt), "m%" PRIx64 ",1000", base);
	r = cmd(pkt, "");
	for (size_t off = 0; off + 8 <= strlen(r); off += 8) {
		char w[9];

		memcpy(w, r + off, 8);
		w[8] = 0;
		if (strtoul(w, NULL, 16) == MTCTR_R14)
			return base + off / 2 + 4;
	}
	die("no mtctr r14 in the guest's first page at 0x%" PRIx64, base);
}

struct row {
	const char *name;
	double wall;
};

static double run_to_end(uint64_t count, int mode, uint64_t *loop)
{
	double t0;
	pid_t pid;
	char pkt[64];

	t0 = now();
	pid = start(count, mode != 0);
	if (mode) {
		*loop = find_loop();
		if (mode == 2)
			cmd("Z0,100,4", "OK");		/* vector 0x100: never runs here */
		if (mode == 3) {
			snprintf(pkt, sizeof(pkt), "Z2,%" PRIx64 ",4", (uint64_t)0x100);
			cmd(pkt, "OK");
		}
		cmd("vCont;c", "W00");
	}
	finish(pid);
	return now() - t0;
}

/* Stop replies per second: a breakpoint in the loop, @n continues. */
static double loop_breaks(unsigned int n)
{
	pid_t pid = start(1000000, true);
	char pkt[64];
	double t0;
	uint64_t loop = find_loop();

	snprintf(pkt, sizeof(pkt), "Z0,%" PRIx64 ",4", loop + 8);
	cmd(pkt, "OK");
	t0 = now();
	for (unsigned int i = 0; i < n; i++)
		cmd("vCont;c", "T05");
	t0 = now() - t0;
	snprintf(pkt, sizeof(pkt), "z0,%" PRIx64 ",4", loop + 8);
	cmd(pkt, "OK");
	send_pkt("k");
	close(fd);
	fd = -1;
	waitpid(pid, NULL, 0);
	return n / t0;
}

static double steps(unsigned int n)
{
	pid_t pid = start(1000000, true);
	double t0 = now();

	for (unsigned int i = 0; i < n; i++)
		cmd("vCont;s:1", "T05");
	t0 = now() - t0;
	send_pkt("k");
	close(fd);
	fd = -1;
	waitpid(pid, NULL, 0);
	return n / t0;
}

int main(int argc, char **argv)
{
	bool quick = argc > 1 && !strcmp(argv[1], "--quick");
	uint64_t count = quick ? 2000 : 5000000, wcount = quick ? 200 : 20000, loop = 0;
	unsigned int n = quick ? 20 : 2000;
	struct row rows[4];
	double plain;

	if (argc > 1 && !quick) {
		fprintf(stderr, "usage: bench_gdb [--quick]\n");
		return 1;
	}
	signal(SIGPIPE, SIG_IGN);
	snprintf(sock, sizeof(sock), "/tmp/bench_gdb.%d.sock", (int)getpid());
	rows[0] = (struct row){ "plain", run_to_end(count, 0, &loop) };
	rows[1] = (struct row){ "attached", run_to_end(count, 1, &loop) };
	rows[2] = (struct row){ "far break", run_to_end(count, 2, &loop) };
	rows[3] = (struct row){ "watch", run_to_end(wcount, 3, &loop) };
	plain = rows[0].wall / count;
	printf("bench_gdb: b_int (%u instructions per iteration), loop at 0x%" PRIx64 "\n",
	       INSNS_PER_ITER, loop);
	printf("%-12s %10s %12s %10s %10s\n", "run", "count", "wall s", "MIPS", "x plain");
	for (unsigned int i = 0; i < 4; i++) {
		uint64_t c = i == 3 ? wcount : count;

		printf("%-12s %10" PRIu64 " %12.3f %10.1f %10.2f\n", rows[i].name, c, rows[i].wall,
		       (double)c * INSNS_PER_ITER / rows[i].wall / 1e6,
		       rows[i].wall / c / plain);
	}
	printf("%-12s %10u %12s %10.0f stops/s\n", "loop break", n, "", loop_breaks(n));
	printf("%-12s %10u %12s %10.0f steps/s\n", "step", n, "", steps(n));
	unlink(sock);
	return 0;
}
