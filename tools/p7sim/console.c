// SPDX-License-Identifier: GPL-2.0-only
/* The guest console: unchanged output, pre-filled deterministic input. */
#include <stdlib.h>
#include <string.h>

#include "p7sim_console.h"

void p7sim_console_init(struct p7sim_console *con, FILE *out)
{
	memset(con, 0, sizeof(*con));
	con->out = out;
}

void p7sim_console_fini(struct p7sim_console *con)
{
	p7sim_console_flush(con);
	free(con->in);
	con->in = NULL;
	con->in_len = con->in_pos = con->in_cap = 0;
}

void p7sim_console_put(struct p7sim_console *con, const void *buf, size_t len)
{
	con->out_bytes += len;
	if (!con->out || !len)
		return;
	fwrite(buf, 1, len, con->out);
	/*
	 * Line-buffered whatever stdout is, as on a terminal: a harness that
	 * reads a pipe sees each line when the guest prints it, not at exit
	 * (bench_p7sim times the Linux boot by the console).
	 */
	if (memchr(buf, '\n', len))
		fflush(con->out);
}

void p7sim_console_flush(struct p7sim_console *con)
{
	if (con->out)
		fflush(con->out);
}

int p7sim_console_feed(struct p7sim_console *con, const void *buf, size_t len)
{
	/* Drop what was consumed first, so a long-running feed does not grow. */
	if (con->in_pos) {
		memmove(con->in, con->in + con->in_pos, con->in_len - con->in_pos);
		con->in_len -= con->in_pos;
		con->in_pos = 0;
	}
	if (len > con->in_cap - con->in_len) {
		size_t cap = con->in_cap ? con->in_cap : 256;
		uint8_t *n;

		while (cap - con->in_len < len)
			cap *= 2;
		n = realloc(con->in, cap);
		if (!n)
			return -1;
		con->in = n;
		con->in_cap = cap;
	}
	if (len)
		memcpy(con->in + con->in_len, buf, len);
	con->in_len += len;
	return 0;
}

int p7sim_console_feed_file(struct p7sim_console *con, FILE *f)
{
	uint8_t buf[4096];
	size_t n;

	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		if (p7sim_console_feed(con, buf, n))
			return -1;
	return ferror(f) ? -1 : 0;
}

size_t p7sim_console_pending(const struct p7sim_console *con)
{
	return con->in_len - con->in_pos;
}

size_t p7sim_console_get(struct p7sim_console *con, void *buf, size_t max)
{
	size_t n = p7sim_console_pending(con);

	if (n > max)
		n = max;
	if (n)
		memcpy(buf, con->in + con->in_pos, n);
	con->in_pos += n;
	return n;
}
