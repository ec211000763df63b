// SPDX-License-Identifier: GPL-2.0-only
/* Unit tests of the guest console buffer (tools/p7sim/console.c). */
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <unistd.h>
#include <cmocka.h>

#include "p7sim_test.h"

/* Output is passed through byte for byte, NULs and \n included; counted. */
static void test_output_unchanged(void **state)
{
	struct p7sim_console con;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	p7sim_console_init(&con, f);
	p7sim_console_put(&con, "a\nb", 3);
	p7sim_console_put(&con, "\0\r", 2);
	p7sim_console_put(&con, "", 0);
	p7sim_console_flush(&con);
	assert_int_equal(len, 5);
	assert_memory_equal(buf, "a\nb\0\r", 5);
	assert_int_equal(con.out_bytes, 5);
	p7sim_console_fini(&con);
	fclose(f);
	free(buf);

	/* No output stream: bytes are counted and dropped. */
	p7sim_console_init(&con, NULL);
	p7sim_console_put(&con, "xyz", 3);
	assert_int_equal(con.out_bytes, 3);
	p7sim_console_fini(&con);
}

/*
 * Output into a pipe (a fully buffered stream) reaches the reader at each
 * newline, not only at exit: harnesses time the guest by its lines.
 */
static void test_output_line_flushed(void **state)
{
	struct p7sim_console con;
	char got[64];
	int fd[2];
	FILE *f;

	assert_int_equal(pipe(fd), 0);
	assert_int_equal(fcntl(fd[0], F_SETFL, O_NONBLOCK), 0);
	f = fdopen(fd[1], "w");
	assert_non_null(f);
	assert_int_equal(setvbuf(f, NULL, _IOFBF, 4096), 0);
	p7sim_console_init(&con, f);
	p7sim_console_put(&con, "boot", 4);
	assert_int_equal(read(fd[0], got, sizeof(got)), -1);
	p7sim_console_put(&con, "ed\r\nmore", 8);
	assert_int_equal(read(fd[0], got, sizeof(got)), 12);
	assert_memory_equal(got, "booted\r\nmore", 12);
	p7sim_console_fini(&con);
	fclose(f);
	close(fd[0]);
}

/*
 * Input is a FIFO filled before or during the run and drained by the
 * guest in order, in pieces of any size, with no loss when feeding again
 * after partial draining (the buffer compacts and grows).
 */
static void test_input_fifo(void **state)
{
	struct p7sim_console con;
	char big[1000], out[1100];
	size_t got = 0, n;

	p7sim_console_init(&con, NULL);
	assert_int_equal(p7sim_console_get(&con, out, sizeof(out)), 0);
	for (int i = 0; i < 1000; i++)
		big[i] = (char)(i * 7);
	assert_int_equal(p7sim_console_feed(&con, "hello", 5), 0);
	assert_int_equal(p7sim_console_pending(&con), 5);
	assert_int_equal(p7sim_console_get(&con, out, 2), 2);
	assert_memory_equal(out, "he", 2);
	assert_int_equal(p7sim_console_feed(&con, big, sizeof(big)), 0);
	assert_int_equal(p7sim_console_pending(&con), 1003);
	while ((n = p7sim_console_get(&con, out + got, 16)) > 0)
		got += n;
	assert_int_equal(got, 1003);
	assert_memory_equal(out, "llo", 3);
	assert_memory_equal(out + 3, big, sizeof(big));
	assert_int_equal(p7sim_console_feed(&con, NULL, 0), 0);
	assert_int_equal(p7sim_console_pending(&con), 0);
	p7sim_console_fini(&con);
}

/* Input from a file (stdin when it is not a tty) is read to its end up front. */
static void test_feed_file(void **state)
{
	struct p7sim_console con;
	char text[] = "line one\nline two\n", out[64];
	FILE *f = fmemopen(text, strlen(text), "r");

	p7sim_console_init(&con, NULL);
	assert_int_equal(p7sim_console_feed_file(&con, f), 0);
	fclose(f);
	assert_int_equal(p7sim_console_pending(&con), strlen(text));
	assert_int_equal(p7sim_console_get(&con, out, sizeof(out)), strlen(text));
	assert_memory_equal(out, text, strlen(text));
	p7sim_console_fini(&con);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_output_unchanged),
		cmocka_unit_test(test_output_line_flushed),
		cmocka_unit_test(test_input_fifo),
		cmocka_unit_test(test_feed_file),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
