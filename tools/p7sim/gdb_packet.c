// SPDX-License-Identifier: GPL-2.0-only
/*
 * GDB remote serial protocol framing (the gdb manual, "Overview" of the
 * remote protocol): a packet is `$payload#cs` with cs the modulo-256 sum of
 * the payload as two hex digits; '}' escapes '#', '$', '}' and '*' (XOR
 * 0x20) in binary data; the receiver acknowledges with '+' or asks again
 * with '-' until QStartNoAckMode; a lone 0x03 byte is the interrupt
 * request.  Nothing a client sends can end the server: a bad checksum is
 * refused with '-', an oversized packet is dropped, a closed socket only
 * closes the connection.
 */
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "gdb_int.h"
#include "vmm.h"

int gdb_hexval(int ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	if (ch >= 'A' && ch <= 'F')
		return ch - 'A' + 10;
	return -1;
}

void gdb_hex_encode(char *out, const void *buf, size_t len)
{
	static const char digits[] = "0123456789abcdef";
	const uint8_t *p = buf;

	for (size_t i = 0; i < len; i++) {
		*out++ = digits[p[i] >> 4];
		*out++ = digits[p[i] & 15];
	}
	*out = 0;
}

int gdb_hex_decode(void *out, const char *in, size_t n)
{
	uint8_t *p = out;

	for (size_t i = 0; i < n; i++) {
		int hi = gdb_hexval(in[2 * i]), lo = hi < 0 ? -1 : gdb_hexval(in[2 * i + 1]);

		if (lo < 0)
			return -1;
		p[i] = (uint8_t)(hi << 4 | lo);
	}
	return 0;
}

int gdb_parse_hex(const char **s, uint64_t *v)
{
	const char *p = *s;
	uint64_t x = 0;
	int d, n = 0;

	while ((d = gdb_hexval(*p)) >= 0) {
		if (n == 16)
			return -1;
		x = x << 4 | (uint64_t)d;
		p++;
		n++;
	}
	if (!n)
		return -1;
	*v = x;
	*s = p;
	return 0;
}

/* ---- sockets ------------------------------------------------------------------------ */

static int listen_tcp(struct gdb_conn *c, const char *host, const char *port, char *err,
		      size_t errlen)
{
	struct addrinfo hints = { .ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM,
				  .ai_flags = AI_PASSIVE };
	struct addrinfo *res, *ai;
	int r, one = 1;

	r = getaddrinfo(*host ? host : "127.0.0.1", port, &hints, &res);
	if (r) {
		snprintf(err, errlen, "--gdb: cannot resolve '%s:%s': %s", host, port,
			 gai_strerror(r));
		return -1;
	}
	for (ai = res; ai; ai = ai->ai_next) {
		c->listen_fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, 0);
		if (c->listen_fd < 0)
			continue;
		setsockopt(c->listen_fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
		if (!bind(c->listen_fd, ai->ai_addr, ai->ai_addrlen) && !listen(c->listen_fd, 1))
			break;
		close(c->listen_fd);
		c->listen_fd = -1;
	}
	freeaddrinfo(res);
	if (c->listen_fd < 0) {
		snprintf(err, errlen, "--gdb: cannot listen on port %s: %s", port, strerror(errno));
		return -1;
	}
	/* Port 0 lets the system choose: say which one it is. */
	{
		struct sockaddr_storage ss;
		socklen_t sl = sizeof(ss);
		char h[64] = "?", p[16] = "?";

		if (!getsockname(c->listen_fd, (struct sockaddr *)&ss, &sl))
			getnameinfo((struct sockaddr *)&ss, sl, h, sizeof(h), p, sizeof(p),
				    NI_NUMERICHOST | NI_NUMERICSERV);
		snprintf(c->where, sizeof(c->where), "tcp:%s:%s", h, p);
	}
	return 0;
}

/*
 * The socket is bound under a temporary name and renamed to @path once it
 * listens: a client that sees the file can connect (bound but not yet
 * listening, a connect is refused, and a debugger started by a script that
 * waits for the file would give up while p7sim waits for it).
 */
static int listen_unix(struct gdb_conn *c, const char *path, char *err, size_t errlen)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	static const char suffix[] = ".new";
	bool staged;

	if (!*path || strlen(path) >= sizeof(sa.sun_path)) {
		snprintf(err, errlen, "--gdb: bad unix socket path '%s'", path);
		return -1;
	}
	staged = strlen(path) + sizeof(suffix) <= sizeof(sa.sun_path);
	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s%s", path, staged ? suffix : "");
	if (staged)
		unlink(sa.sun_path);
	c->listen_fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (c->listen_fd < 0 || bind(c->listen_fd, (struct sockaddr *)&sa, sizeof(sa)) ||
	    listen(c->listen_fd, 1) || (staged && rename(sa.sun_path, path))) {
		snprintf(err, errlen, "--gdb: cannot listen on unix:%s: %s", path, strerror(errno));
		if (c->listen_fd >= 0) {
			close(c->listen_fd);
			if (staged)
				unlink(sa.sun_path);
		}
		c->listen_fd = -1;
		return -1;
	}
	snprintf(c->sock_path, sizeof(c->sock_path), "%s", path);
	snprintf(c->where, sizeof(c->where), "unix:%s", path);
	return 0;
}

int gdb_listen(struct gdb_conn *c, const char *spec, char *err, size_t errlen)
{
	char host[256];
	const char *colon;

	c->fd = c->listen_fd = -1;
	/* A debugger that goes away must not kill p7sim with SIGPIPE. */
	signal(SIGPIPE, SIG_IGN);
	if (!strncmp(spec, "unix:", 5))
		return listen_unix(c, spec + 5, err, errlen);
	if (strncmp(spec, "tcp:", 4) || !(colon = strrchr(spec + 4, ':')) ||
	    (size_t)(colon - spec - 4) >= sizeof(host) || !colon[1]) {
		snprintf(err, errlen, "bad --gdb: '%s' (tcp::PORT, tcp:HOST:PORT or unix:PATH)",
			 spec);
		return -1;
	}
	memcpy(host, spec + 4, colon - spec - 4);
	host[colon - spec - 4] = 0;
	return listen_tcp(c, host, colon + 1, err, errlen);
}

int gdb_accept(struct gdb_conn *c, bool wait)
{
	struct pollfd p = { .fd = c->listen_fd, .events = POLLIN };
	int one = 1;

	if (c->fd >= 0 || c->listen_fd < 0)
		return 0;
	if (poll(&p, 1, wait ? -1 : 0) <= 0)
		return 0;
	c->fd = accept(c->listen_fd, NULL, NULL);
	if (c->fd < 0)
		return 0;
	fcntl(c->fd, F_SETFD, FD_CLOEXEC);
	setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	c->no_ack = false;
	c->interrupt = false;
	return 1;
}

void gdb_drop(struct gdb_conn *c)
{
	if (c->fd >= 0)
		close(c->fd);
	c->fd = -1;
}

void gdb_conn_close(struct gdb_conn *c)
{
	gdb_drop(c);
	if (c->listen_fd >= 0)
		close(c->listen_fd);
	c->listen_fd = -1;
	if (c->sock_path[0])
		unlink(c->sock_path);
	c->sock_path[0] = 0;
	free(c->rx);
	c->rx = NULL;
}

/* ---- bytes --------------------------------------------------------------------------- */

static int get_byte(struct gdb_conn *c)
{
	uint8_t b;
	ssize_t n;

	/* A SIGINT/SIGTERM to p7sim ends the session: the run loop then ends the run. */
	do
		n = read(c->fd, &b, 1);
	while (n < 0 && errno == EINTR && !p7sim_signal_caught());
	if (n <= 0) {
		gdb_drop(c);
		return -1;
	}
	return b;
}

static int put_all(struct gdb_conn *c, const char *buf, size_t len)
{
	while (len) {
		ssize_t n = write(c->fd, buf, len);

		if (n < 0 && errno == EINTR && !p7sim_signal_caught())
			continue;
		if (n <= 0) {
			gdb_drop(c);
			return -1;
		}
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

int gdb_poll_interrupt(struct gdb_conn *c)
{
	struct pollfd p = { .fd = c->fd, .events = POLLIN };

	if (c->fd < 0)
		return -1;
	/* Only the interrupt byte may come while the guest runs; drop anything else. */
	while (poll(&p, 1, 0) > 0) {
		int b = get_byte(c);

		if (b < 0)
			return -1;
		if (b == 0x03)
			c->interrupt = true;
	}
	return 0;
}

int gdb_recv(struct gdb_conn *c)
{
	if (!c->rx) {
		c->rx = malloc(GDB_PKT_MAX + 1);
		if (!c->rx)
			return -1;
	}
	for (;;) {
		unsigned int sum = 0, cs;
		size_t n = 0;
		bool overflow = false;
		int b, hi, lo;

		if (c->fd < 0)
			return -1;
		/* Skip to the start of a packet; acks from the client need nothing. */
		do {
			b = get_byte(c);
			if (b < 0)
				return -1;
			if (b == 0x03) {
				c->interrupt = true;
				return 0;
			}
		} while (b != '$');
		for (;;) {
			b = get_byte(c);
			if (b < 0)
				return -1;
			if (b == '#')
				break;
			sum += (unsigned int)b;
			if (n < GDB_PKT_MAX)
				c->rx[n++] = (char)b;
			else
				overflow = true;
		}
		hi = get_byte(c);
		lo = hi < 0 ? -1 : get_byte(c);
		if (lo < 0)
			return -1;
		cs = (unsigned int)(gdb_hexval(hi) << 4 | gdb_hexval(lo));
		if (gdb_hexval(hi) < 0 || gdb_hexval(lo) < 0 || cs != (sum & 0xff)) {
			/* Ask again; without acks there is nobody to ask: ignore it. */
			if (!c->no_ack && put_all(c, "-", 1))
				return -1;
			continue;
		}
		/* A client gone right after its packet (k, D) still gets it acted on. */
		if (!c->no_ack)
			put_all(c, "+", 1);
		if (overflow)
			n = 0;	/* beyond our PacketSize: answered like an unknown packet */
		c->rx[n] = 0;
		c->rx_len = n;
		return 1;
	}
}

int gdb_send_bin(struct gdb_conn *c, const char *payload, size_t len)
{
	char *buf = malloc(len + 5);
	unsigned int sum = 0;
	int r;

	if (c->fd < 0 || !buf) {
		free(buf);
		return -1;
	}
	buf[0] = '$';
	for (size_t i = 0; i < len; i++) {
		buf[1 + i] = payload[i];
		sum += (uint8_t)payload[i];
	}
	snprintf(buf + 1 + len, 4, "#%02x", sum & 0xff);
	for (int tries = 0; tries < 8; tries++) {
		r = put_all(c, buf, len + 4);
		if (r || c->no_ack)
			break;
		/* Wait for the ack; a '-' asks for the packet again. */
		int b;

		do
			b = get_byte(c);
		while (b >= 0 && b != '+' && b != '-' && b != 0x03);
		if (b == 0x03)
			c->interrupt = true;
		if (b < 0) {
			r = -1;
			break;
		}
		if (b != '-')
			break;
	}
	free(buf);
	return r;
}

int gdb_send(struct gdb_conn *c, const char *payload)
{
	return gdb_send_bin(c, payload, strlen(payload));
}

int gdb_send_console(struct gdb_conn *c, const char *text)
{
	size_t n = strlen(text);
	char *buf = malloc(2 * n + 2);
	int r;

	if (!buf)
		return -1;
	buf[0] = 'O';
	gdb_hex_encode(buf + 1, text, n);
	r = gdb_send(c, buf);
	free(buf);
	return r;
}
