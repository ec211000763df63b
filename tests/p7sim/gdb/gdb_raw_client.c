// SPDX-License-Identifier: GPL-2.0-only
/*
 * gdb_raw_client SCENARIO SOCKET: speaks the GDB remote protocol to p7sim
 * --gdb byte by byte, to send what gdb itself never sends: bad checksums,
 * oversized and malformed packets, impossible addresses and registers, a
 * connection that drops, Ctrl-C while the guest runs, kill.  Each reply is
 * checked against what the server must answer; exit 0 when all matched.
 */
#include <poll.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

static int fd;
static int failures;
static char reply[65536];

static void put(const void *buf, size_t len)
{
	if (write(fd, buf, len) != (ssize_t)len) {
		perror("write");
		exit(2);
	}
}

static void send_pkt(const char *payload)
{
	char head[4], tail[4];
	unsigned int sum = 0;

	for (const char *p = payload; *p; p++)
		sum += (unsigned char)*p;
	snprintf(head, sizeof(head), "$");
	snprintf(tail, sizeof(tail), "#%02x", sum & 0xff);
	put(head, 1);
	put(payload, strlen(payload));
	put(tail, 3);
}

static int get(int timeout_ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	unsigned char b;

	if (poll(&p, 1, timeout_ms) <= 0 || read(fd, &b, 1) != 1)
		return -1;
	return b;
}

/* The next packet's payload (acks skipped, then acknowledged); NULL on timeout. */
static const char *recv_pkt(void)
{
	size_t n = 0;
	int b;

	do
		b = get(20000);
	while (b >= 0 && b != '$');
	if (b < 0)
		return NULL;
	while ((b = get(20000)) >= 0 && b != '#' && n < sizeof(reply) - 1)
		reply[n++] = (char)b;
	reply[n] = 0;
	get(1000);
	get(1000);
	put("+", 1);
	return reply;
}

/* Send @pkt; the reply must start with @want ("" = the empty reply). */
static void expect(const char *pkt, const char *want)
{
	const char *r;

	send_pkt(pkt);
	r = recv_pkt();
	while (r && r[0] == 'O' && r[1] && strcmp(r, "OK"))
		r = recv_pkt();	/* console output of a monitor command */
	if (!r || (*want ? strncmp(r, want, strlen(want)) : *r != 0)) {
		fprintf(stderr, "FAIL: '%.40s' -> '%.60s', expected '%s'\n", pkt,
			r ? r : "(nothing)", want);
		failures++;
	} else {
		printf("ok: '%.40s' -> '%.30s'\n", pkt, r);
	}
}

static void bad_packets(void)
{
	static char big[20000 + 8];
	char hex[64];
	const char *r;

	/* Noise and a bad checksum: the server asks again with '-'. */
	put("+-+xyz", 6);
	put("$g#00", 5);
	expect("qSupported:multiprocess+", "PacketSize=");
	expect("?", "T05thread:1;");
	expect("m7000000000,4", "E02");
	expect("mzz", "E01");
	expect("m2000", "E01");
	expect("M2000,4:zz", "E01");
	expect("M7000000000,1:00", "E02");
	expect("X7000000000,1:a", "E02");
	expect("p9999", "E03");
	expect("Pzz", "E01");
	expect("P1=00", "E01");
	expect("Hg99", "E03");
	expect("Hx1", "E03");
	expect("T9", "E03");
	expect("Z9,2000,4", "");
	expect("Z2,20d0,0", "E03");
	expect("Z0,zz", "E01");
	expect("qXfer:features:read:nosuch.xml:0,10", "E00");
	expect("qXfer:features:read:target.xml:zz", "E01");
	expect("vFrob", "");
	expect("vCont;x", "E01");
	expect("vCont;s:99", "E01");
	expect("G00", "E01");
	expect("c123zz", "E01");
	/* Longer than the advertised PacketSize: answered like an unknown packet. */
	memset(big, 'A', 20000);
	send_pkt(big);
	r = recv_pkt();
	if (!r || *r) {
		fprintf(stderr, "FAIL: oversized packet -> '%.20s'\n", r ? r : "(nothing)");
		failures++;
	}
	/* Still serving: registers, a monitor command, the thread list. */
	send_pkt("g");
	r = recv_pkt();
	if (!r || strlen(r) < 2000) {
		fprintf(stderr, "FAIL: g after garbage -> %zu chars\n", r ? strlen(r) : 0);
		failures++;
	}
	snprintf(hex, sizeof(hex), "qRcmd,%s", "7374617473");	/* "stats" */
	expect(hex, "OK");
	expect("qfThreadInfo", "m1,2");
	/* Resume, then vanish without a word while the guest runs. */
	send_pkt("vCont;c");
	usleep(100000);
}

static void drop_stopped(void)
{
	expect("?", "T05");
	expect("Z0,2048,4", "OK");
}

static void interrupt_kill(void)
{
	const char *r;

	expect("?", "T05");
	send_pkt("vCont;c");
	usleep(300000);
	put("\x03", 1);
	r = recv_pkt();
	if (!r || strncmp(r, "T02", 3)) {
		fprintf(stderr, "FAIL: Ctrl-C -> '%s'\n", r ? r : "(nothing)");
		failures++;
	}
	expect("p20", "00000000");	/* pc: a 64-bit value in real mode */
	send_pkt("k");
	usleep(100000);
}

int main(int argc, char **argv)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };

	if (argc != 3 || strlen(argv[2]) >= sizeof(sa.sun_path)) {
		fprintf(stderr, "usage: gdb_raw_client SCENARIO SOCKET\n");
		return 2;
	}
	strcpy(sa.sun_path, argv[2]);
	/*
	 * The socket file appears at p7sim's bind(), a moment before its
	 * listen(): on a loaded machine the first connect can be refused.
	 */
	for (int tries = 0;; tries++) {
		fd = socket(AF_UNIX, SOCK_STREAM, 0);
		if (fd >= 0 && !connect(fd, (struct sockaddr *)&sa, sizeof(sa)))
			break;
		if (fd < 0 || tries == 100 || (errno != ECONNREFUSED && errno != ENOENT)) {
			perror("connect");
			return 2;
		}
		close(fd);
		usleep(50000);
	}
	if (!strcmp(argv[1], "bad_packets"))
		bad_packets();
	else if (!strcmp(argv[1], "drop_stopped"))
		drop_stopped();
	else if (!strcmp(argv[1], "interrupt_kill"))
		interrupt_kill();
	else
		return 2;
	close(fd);
	return failures ? 1 : 0;
}
