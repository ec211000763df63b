// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of p7vmm's gzip writer (tools/bringup/gzip.c): every stream is
 * decoded by the host's gzip, an implementation that is not ours, and must
 * give the input back byte for byte.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "gzip.h"

/* Compress IN, decode it with `gzip -dc`; returns the stream's length. */
static size_t round_trip(const uint8_t *in, size_t n)
{
	char path[] = "/tmp/p7gzip.XXXXXX", cmd[64];
	size_t cap = GZIP_BOUND(n), zlen, got = 0;
	uint8_t *z = malloc(cap), *back = malloc(n + 1);
	FILE *f;
	int fd;

	assert_non_null(z);
	assert_non_null(back);
	zlen = gzip_compress(in, n, z, cap);
	assert_true(zlen > 0 && zlen <= cap);
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, z, zlen), (ssize_t)zlen);
	close(fd);
	snprintf(cmd, sizeof(cmd), "gzip -dc <%s", path);
	f = popen(cmd, "r");
	assert_non_null(f);
	got = fread(back, 1, n + 1, f);
	assert_int_equal(pclose(f), 0);
	unlink(path);
	assert_int_equal(got, n);
	assert_memory_equal(back, in, n);
	free(back);
	free(z);
	return zlen;
}

static uint64_t xorshift(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

static void test_empty_and_short(void **state)
{
	static const uint8_t hello[] = "hello, hello, hello";

	(void)state;
	assert_int_equal(round_trip(hello, 0), 20);	/* header, empty block, trailer */
	round_trip(hello, 1);
	round_trip(hello, 2);
	round_trip(hello, sizeof(hello) - 1);
}

/* Lines like the kvm_hv trace's: the stream must be small, or p7vmm gains nothing. */
static void test_trace_text_compresses(void **state)
{
	size_t cap = 1 << 20, n = 0, zlen;
	uint8_t *in = malloc(cap);
	uint64_t s = 1;

	(void)state;
	assert_non_null(in);
	while (n + 200 < cap)
		n += (size_t)sprintf((char *)in + n,
			"            init-1       [000] d....     %u.%06u: kvm_guest_exit: "
			"VCPU 0: trap=0x%x pc=0x%llx msr=0x8000000000001000, ceded=0\n",
			(unsigned int)(n >> 16), (unsigned int)(n & 0xfffff),
			(xorshift(&s) & 1) ? 0xc00 : 0x980,
			(unsigned long long)(0x400000 + (xorshift(&s) & 0xffc)));
	zlen = round_trip(in, n);
	assert_true(zlen * 6 < n);
	free(in);
}

/* Incompressible bytes: all literals, at most nine bits each. */
static void test_random_bytes(void **state)
{
	size_t n = 300000, i, zlen;
	uint8_t *in = malloc(n);
	uint64_t s = 7;

	(void)state;
	assert_non_null(in);
	for (i = 0; i < n; i++)
		in[i] = (uint8_t)xorshift(&s);
	zlen = round_trip(in, n);
	assert_true(zlen <= n + n / 8 + 20);
	free(in);
}

/*
 * Runs (distance 1, the longest lengths), and blocks repeated at the edge of
 * the window: 32767 bytes back is reachable, 40000 bytes back is not.
 */
static void test_runs_and_window_edge(void **state)
{
	size_t n = 200000, i;
	uint8_t *in = malloc(n);
	uint64_t s = 3;

	(void)state;
	assert_non_null(in);
	memset(in, 'a', n);
	assert_true(round_trip(in, n) < n / 100);
	for (i = 0; i < 32767; i++)
		in[i] = (uint8_t)xorshift(&s);
	for (i = 32767; i < n; i++)
		in[i] = in[i - 32767];
	assert_true(round_trip(in, n) < n / 2);
	for (i = 0; i < 40000; i++)
		in[i] = (uint8_t)xorshift(&s);
	for (i = 40000; i < n; i++)
		in[i] = in[i - 40000];
	round_trip(in, n);
	free(in);
}

/* Too small an output buffer is refused, never overrun. */
static void test_small_buffer_refused(void **state)
{
	uint8_t in[4096], out[256 + 16];
	uint64_t s = 5;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(in); i++)
		in[i] = (uint8_t)xorshift(&s);
	memset(out, 0x5a, sizeof(out));
	assert_int_equal(gzip_compress(in, sizeof(in), out, 256), 0);
	for (i = 256; i < sizeof(out); i++)
		assert_int_equal(out[i], 0x5a);
	assert_int_equal(gzip_compress(in, sizeof(in), out, 10), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty_and_short),
		cmocka_unit_test(test_trace_text_compresses),
		cmocka_unit_test(test_random_bytes),
		cmocka_unit_test(test_runs_and_window_edge),
		cmocka_unit_test(test_small_buffer_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
