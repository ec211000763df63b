/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The guest console: the vty behind H_PUT_TERM_CHAR / H_GET_TERM_CHAR and
 * RTAS display-character.
 *
 * Output bytes go to a FILE * unchanged (no "\n" -> "\r\n", no filtering):
 * the guest's console text is the test protocol (PASS:/FAIL:/EXIT:,
 * contract 5.5), and a harness diffs it byte for byte.  A write holding a
 * newline is flushed at once, so a reader of a pipe sees each line as the
 * guest prints it.
 *
 * Input never comes from a live terminal while the guest runs: the CLI fills
 * a buffer before the run (stdin when it is not a tty, a --input string),
 * and the guest drains it.  So the bytes a guest reads, and when it reads
 * them, depend only on the guest: runs stay deterministic.
 */
#ifndef P7SIM_CONSOLE_H
#define P7SIM_CONSOLE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct p7sim_console {
	FILE *out;		/* NULL discards output */
	uint8_t *in;		/* pending input, in[in_pos..in_len) */
	size_t in_len;
	size_t in_pos;
	size_t in_cap;
	uint64_t out_bytes;	/* bytes written, for --stats */
};

void p7sim_console_init(struct p7sim_console *con, FILE *out);
void p7sim_console_fini(struct p7sim_console *con);

/* Write guest output. */
void p7sim_console_put(struct p7sim_console *con, const void *buf, size_t len);
void p7sim_console_flush(struct p7sim_console *con);

/* Queue input for the guest; 0, or -1 when out of memory. */
int p7sim_console_feed(struct p7sim_console *con, const void *buf, size_t len);
/* Queue everything readable from @f until end of file; 0, or -1 on error. */
int p7sim_console_feed_file(struct p7sim_console *con, FILE *f);

/* Take up to @max queued input bytes; returns how many (0 when none). */
size_t p7sim_console_get(struct p7sim_console *con, void *buf, size_t max);
size_t p7sim_console_pending(const struct p7sim_console *con);

#endif /* P7SIM_CONSOLE_H */
