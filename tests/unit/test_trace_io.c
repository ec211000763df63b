// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of the trace file library (tools/trace): the writer and the
 * reader of docs/trace-format.md.  Round trips through the writer, then
 * every kind of bad input, each refused with its error code, the byte
 * offset of the problem and a one-line message that names it.
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

#include "p7trace.h"
#include "trace_synth.h"

/* Reads a buffer to its end: the number of events, and the reader for its error. */
static struct p7trace_reader *read_all(const void *buf, size_t len, uint64_t *n, int *last)
{
	struct p7trace_reader *r = p7trace_open_mem(buf, len);
	struct p7trace_event ev;
	int rc;

	assert_non_null(r);
	*n = 0;
	while ((rc = p7trace_next(r, &ev)) > 0)
		(*n)++;
	*last = rc;
	return r;
}

/*
 * The header carries the configuration and the options string; records come
 * back with their type, sequence number, time and every word, in host order.
 */
static void test_roundtrip(void **state)
{
	struct p7trace_config cfg = synth_config;
	uint64_t w1[TRE_NWORDS] = { 0, 0x400000, 0x8000000000001000ULL, 0x5, 1 };
	uint64_t w2[TRC_NWORDS] = { 0, 1, 0x123456789abcdef0ULL };
	const uint64_t *words[] = { w1, w2 };
	uint32_t types[] = { HV_TR_GUEST_ENTER, HV_TR_CEDE }, nw[] = { TRE_NWORDS, TRC_NWORDS };
	struct synth s;
	struct p7trace_reader *r;
	const struct p7trace_header *h;
	struct p7trace_event ev;

	cfg.options = "p7sim --smp 1 guest.elf";	/* 23 bytes: padded to 24 */
	assert_int_equal(synth_records(&s, &cfg, 2, types, words, nw), 0);
	/* 72 + 24 header, 16 + 40 and 16 + 24 records, 16 + 16 end */
	assert_int_equal(s.len, 96 + 56 + 40 + 32);
	r = p7trace_open_mem(s.buf, s.len);
	assert_non_null(r);
	assert_null(p7trace_error(r));
	h = p7trace_header(r);
	assert_int_equal(h->source, P7TRACE_SRC_BINARY);
	assert_int_equal(h->version, 1);
	assert_int_equal(h->header_len, 96);
	assert_int_equal(h->cfg.cores, 1);
	assert_int_equal(h->cfg.mem_bytes, 256ULL << 20);
	assert_int_equal(h->cfg.hpt_order, 18);
	assert_int_equal(h->cfg.tb_freq, 512000000);
	assert_int_equal(h->cfg.tb_per_64k, 65536);
	assert_int_equal(h->cfg.seed, 1);
	assert_string_equal(h->cfg.options, "p7sim --smp 1 guest.elf");
	assert_int_equal(h->options_len, 23);

	assert_int_equal(p7trace_next(r, &ev), 1);
	assert_int_equal(ev.type, HV_TR_GUEST_ENTER);
	assert_int_equal(ev.seq, 0);
	assert_int_equal(ev.time, 1000);
	assert_int_equal(ev.offset, 96);
	assert_int_equal(ev.nwords, TRE_NWORDS);
	assert_memory_equal(ev.w, w1, sizeof(w1));
	assert_true(p7trace_known(&ev, TRE_CEDED));
	assert_int_equal(p7trace_next(r, &ev), 1);
	assert_int_equal(ev.type, HV_TR_CEDE);
	assert_int_equal(ev.seq, 1);
	assert_int_equal(ev.w[TRC_WAKE_TB], 0x123456789abcdef0ULL);
	assert_int_equal(p7trace_next(r, &ev), 0);
	assert_int_equal(p7trace_next(r, &ev), 0);

	/* Big-endian on disk whatever the host. */
	assert_memory_equal(s.buf, "P7TRACE\0\x00\x01\x01\x02\x00\x00\x00\x60", 16);
	assert_int_equal(synth_get_be(s.buf + 96 + 16 + 8, 8), 0x400000);
	p7trace_close(r);
	free(s.buf);
}

/*
 * Newer writers may append words: a record longer than its type needs is
 * read (the extra words kept up to P7TRACE_MAX_WORDS), and a type this
 * reader does not know is returned as is, so tools can skip it by nwords.
 */
static void test_longer_and_unknown_records(void **state)
{
	uint64_t big[100], enter[TRE_NWORDS + 2] = { 0, 1, 2, 3, 4, 55, 66 };
	const uint64_t *words[] = { enter, big, enter };
	uint32_t types[] = { HV_TR_GUEST_ENTER, 0x4242, HV_TR_GUEST_ENTER };
	uint32_t nw[] = { TRE_NWORDS + 2, 100, TRE_NWORDS };
	struct p7trace_reader *r;
	struct p7trace_event ev;
	struct synth s;

	for (int i = 0; i < 100; i++)
		big[i] = i * 3;
	assert_int_equal(synth_records(&s, NULL, 3, types, words, nw), 0);
	r = p7trace_open_mem(s.buf, s.len);
	assert_int_equal(p7trace_next(r, &ev), 1);
	assert_int_equal(ev.nwords, TRE_NWORDS + 2);
	assert_int_equal(ev.w[TRE_NWORDS + 1], 66);
	assert_int_equal(p7trace_next(r, &ev), 1);
	assert_int_equal(ev.type, 0x4242);
	assert_int_equal(ev.nwords, 100);
	assert_int_equal(ev.w[63], 189);
	assert_true(p7trace_known(&ev, 63));
	assert_false(p7trace_known(&ev, 64));	/* not kept */
	assert_null(p7trace_event_name(ev.type));
	assert_int_equal(p7trace_next(r, &ev), 1);
	assert_int_equal(ev.seq, 2);
	assert_int_equal(p7trace_next(r, &ev), 0);
	p7trace_close(r);
	free(s.buf);
}

static uint64_t fake_clock(void *ctx)
{
	return (*(uint64_t *)ctx += 7);
}

/*
 * The hv_trace() sink: payload words in host order, time from the writer's
 * clock; a payload that is not whole words or a reserved type is an error
 * the writer keeps and reports at close (the sink itself cannot fail).
 */
static void test_sink_and_writer_errors(void **state)
{
	uint64_t clk = 100, words[TRU_NWORDS] = { 0, 19, 0x58 };
	struct p7trace_writer *w;
	struct p7trace_reader *r;
	struct p7trace_event ev;
	char *buf = NULL, err[200];
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	w = p7trace_writer_stream(f, &synth_config, err, sizeof(err));
	assert_non_null(w);
	p7trace_writer_set_clock(w, fake_clock, &clk);
	p7trace_sink(w, HV_TR_USER_EXIT, words, sizeof(words));
	assert_int_equal(p7trace_writer_records(w), 1);
	assert_int_equal(p7trace_writer_close(w, err, sizeof(err)), 0);
	fclose(f);
	r = p7trace_open_mem(buf, len);
	assert_int_equal(p7trace_next(r, &ev), 1);
	assert_int_equal(ev.time, 107);
	assert_int_equal(ev.w[TRU_DETAIL], 0x58);
	assert_int_equal(p7trace_next(r, &ev), 0);
	p7trace_close(r);
	free(buf);

	buf = NULL;
	f = open_memstream(&buf, &len);
	w = p7trace_writer_stream(f, &synth_config, err, sizeof(err));
	p7trace_sink(w, HV_TR_USER_EXIT, words, 12);
	p7trace_sink(w, HV_TR_USER_EXIT, words, sizeof(words));	/* refused after an error */
	assert_int_equal(p7trace_writer_records(w), 0);
	assert_int_equal(p7trace_writer_close(w, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "payload of 12 bytes is not whole 64-bit words"));
	fclose(f);
	free(buf);

	buf = NULL;
	f = open_memstream(&buf, &len);
	w = p7trace_writer_stream(f, &synth_config, err, sizeof(err));
	assert_int_equal(p7trace_writer_append(w, P7TRACE_TYPE_END, 0, words, 2), -1);
	assert_int_equal(p7trace_writer_close(w, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "type 65535 is reserved"));
	fclose(f);
	free(buf);

	assert_null(p7trace_writer_open("/nonexistent-dir/x.p7t", &synth_config, err, sizeof(err)));
	assert_non_null(strstr(err, "cannot create /nonexistent-dir/x.p7t"));
}

/* A file on disk is mapped; a missing one is an I/O error without an offset. */
static void test_open_file(void **state)
{
	char path[] = "/tmp/p7trace-test-XXXXXX", err[200];
	struct p7trace_writer *w;
	struct p7trace_reader *r;
	uint64_t n;
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	close(fd);
	w = p7trace_writer_open(path, &synth_config, err, sizeof(err));
	assert_non_null(w);
	assert_int_equal(p7trace_writer_close(w, err, sizeof(err)), 0);
	r = p7trace_open(path);
	assert_int_equal(p7trace_validate(r, &n), 0);
	assert_int_equal(n, 0);
	assert_string_equal(p7trace_path(r), path);
	p7trace_close(r);
	unlink(path);

	r = p7trace_open(path);
	assert_int_equal(p7trace_errcode(r), P7TRACE_E_IO);
	assert_string_equal(p7trace_error(r), "cannot open: No such file or directory");
	{
		struct p7trace_event ev;

		assert_int_equal(p7trace_next(r, &ev), -1);
	}
	p7trace_close(r);

	r = p7trace_open("/tmp");
	assert_int_equal(p7trace_errcode(r), P7TRACE_E_IO);
	assert_string_equal(p7trace_error(r), "is a directory");
	p7trace_close(r);
}

/* validate() reads to the end and rewinds: the events come again, identical. */
static void test_validate_rewind(void **state)
{
	struct p7trace_event a, b;
	struct p7trace_reader *r;
	struct synth s;
	uint64_t n;

	assert_int_equal(synth_trace(&s, SYNTH_BASE), 0);
	r = p7trace_open_mem(s.buf, s.len);
	assert_int_equal(p7trace_validate(r, &n), 0);
	assert_int_equal(n, SYNTH_BASE_EVENTS);
	for (int i = 0; i < 5; i++)
		assert_int_equal(p7trace_next(r, &a), 1);
	p7trace_rewind(r);
	for (int i = 0; i < 5; i++)
		assert_int_equal(p7trace_next(r, &b), 1);
	assert_int_equal(p7trace_event_cmp(&a, &b, P7TRACE_CMP_TIME, NULL), 0);
	assert_int_equal(a.offset, b.offset);
	p7trace_close(r);
	free(s.buf);
}

/* ---- bad input ------------------------------------------------------------- */

/* Reads buf, which must be refused with code at offset, the message containing msg. */
static void expect_bad(const void *buf, size_t len, const char *what, enum p7trace_errcode code,
		       uint64_t offset, const char *msg, uint64_t events)
{
	uint64_t n;
	int last;
	struct p7trace_reader *r = read_all(buf, len, &n, &last);
	const char *e = p7trace_error(r);

	if (!e || p7trace_errcode(r) != code || p7trace_error_offset(r) != offset ||
	    !strstr(e, msg) || n != events || strchr(e, '\n'))
		fail_msg("%s: got code %d offset %llu after %llu events: \"%s\"; expected code %d "
			 "offset %llu after %llu events: \"...%s...\"", what, p7trace_errcode(r),
			 (unsigned long long)p7trace_error_offset(r), (unsigned long long)n,
			 e ? e : "(no error)", code, (unsigned long long)offset,
			 (unsigned long long)events, msg);
	assert_int_equal(last, -1);
	p7trace_close(r);
}

/*
 * The header: magic, byte-order mark (little-endian named as such), version,
 * lengths, padding, configuration ranges, truncation at every point.
 */
static void test_bad_header(void **state)
{
	struct synth s, c;

	assert_int_equal(synth_trace(&s, SYNTH_BASE), 0);
#define CORRUPT(stmt, ...) do {							\
		c.buf = malloc(s.len);						\
		memcpy(c.buf, s.buf, s.len);					\
		c.len = s.len;							\
		stmt;								\
		expect_bad(c.buf, c.len, __VA_ARGS__);			\
		free(c.buf);							\
	} while (0)

	expect_bad("", 0, "empty", P7TRACE_E_TRUNC_HEADER, 0, "empty file", 0);
	expect_bad("P7TR", 4, "4 bytes", P7TRACE_E_TRUNC_HEADER, 4,
		"the file ends after 4 bytes", 0);
	expect_bad(s.buf, 11, "11 bytes", P7TRACE_E_TRUNC_HEADER, 11,
		"truncated header", 0);
	expect_bad(s.buf, 71, "71 bytes", P7TRACE_E_TRUNC_HEADER, 71,
		"the header needs 72", 0);
	expect_bad(s.buf, 100, "options cut", P7TRACE_E_TRUNC_HEADER, 100,
		"header length 136, the file ends after 100 bytes", 0);
	CORRUPT(c.buf[3] = 'X', "magic", P7TRACE_E_MAGIC, 0, "bad magic (50 37 54 58", 0);
	CORRUPT(synth_put_be(c.buf + 10, 0x0201, 2), "little-endian", P7TRACE_E_ENDIAN, 10,
		"written little-endian", 0);
	CORRUPT((synth_put_be(c.buf + 10, 0x0201, 2), synth_put_be(c.buf + 8, 0x0100, 2)),
		"little-endian, version too", P7TRACE_E_ENDIAN, 10, "written little-endian", 0);
	CORRUPT(synth_put_be(c.buf + 10, 0x0103, 2), "bom", P7TRACE_E_ENDIAN, 10,
		"bad byte-order mark 0x0103", 0);
	CORRUPT(synth_put_be(c.buf + 8, 2, 2), "version", P7TRACE_E_VERSION, 8,
		"format version 2: this reader reads version 1", 0);
	CORRUPT(synth_put_be(c.buf + 12, 64, 4), "hlen < 72", P7TRACE_E_HEADER, 12,
		"header length 64 is below the 72 bytes", 0);
	CORRUPT(synth_put_be(c.buf + 12, 140, 4), "hlen % 8", P7TRACE_E_HEADER, 12,
		"header length 140 is not a multiple of 8", 0);
	CORRUPT(synth_put_be(c.buf + 12, 0x7ffffff8, 4), "hlen > file", P7TRACE_E_TRUNC_HEADER,
		s.len, "header length 2147483640", 0);
	CORRUPT(synth_put_be(c.buf + 64, 65, 8), "options length", P7TRACE_E_HEADER, 64,
		"options length 65 does not fit in the header length 136", 0);
	CORRUPT(synth_put_be(c.buf + 64, ~0ULL, 8), "options length huge", P7TRACE_E_HEADER, 64,
		"options length 18446744073709551615", 0);
	CORRUPT(c.buf[72 + 58] = 1, "padding", P7TRACE_E_HEADER, 72 + 58,
		"nonzero padding after the options string", 0);
	CORRUPT(synth_put_be(c.buf + 16, 1025, 8), "cores", P7TRACE_E_HEADER, 16,
		"1025 cores: more than the 1024 vcpus", 0);
	CORRUPT(synth_put_be(c.buf + 32, 64, 8), "hpt order", P7TRACE_E_HEADER, 32,
		"HPT order 64 out of range", 0);
	free(s.buf);
#undef CORRUPT
}

/*
 * Records: truncated header, truncated payload, a type that needs more
 * words, a sequence gap, type 0, a vcpu beyond the header, no end record,
 * corrupt bytes the checksum catches, data after the end.
 */
static void test_bad_records(void **state)
{
	struct synth s, c;
	size_t r3, r4, r5, r10, end;

	assert_int_equal(synth_trace(&s, SYNTH_BASE), 0);
	r3 = synth_record_offset(&s, 3);
	r4 = synth_record_offset(&s, 4);
	r5 = synth_record_offset(&s, 5);
	r10 = synth_record_offset(&s, 10);
	end = synth_record_offset(&s, SYNTH_BASE_EVENTS);
	assert_int_equal(end + P7TRACE_REC_HDR + 16, s.len);
#define CORRUPT(stmt, ...) do {							\
		c.buf = malloc(s.len + 64);					\
		memcpy(c.buf, s.buf, s.len);					\
		c.len = s.len;							\
		stmt;								\
		expect_bad(c.buf, c.len, __VA_ARGS__);			\
		free(c.buf);							\
	} while (0)

	expect_bad(s.buf, r5 + 10, "cut record header", P7TRACE_E_TRUNC_RECORD, r5,
		"truncated record header: 10 of 16 bytes", 5);
	expect_bad(s.buf, r5 + 20, "cut payload", P7TRACE_E_TRUNC_RECORD, r5,
		"hpte record of 8 words (64 bytes), the file has 4", 5);
	expect_bad(s.buf, r10, "cut at a record", P7TRACE_E_NO_END, r10,
		"ends after 10 records without an end record", 10);
	expect_bad(s.buf, end, "end record lost", P7TRACE_E_NO_END, end,
		"without an end record", SYNTH_BASE_EVENTS);
	CORRUPT(synth_put_be(c.buf + r3 + 2, 48, 2), "short exit", P7TRACE_E_SHORT, r3,
		"kvm_guest_exit record of 48 words: its type needs 49", 3);
	CORRUPT(synth_put_be(c.buf + r3 + 2, 0xffff, 2), "nwords huge", P7TRACE_E_TRUNC_RECORD, r3,
		"kvm_guest_exit record of 65535 words", 3);
	CORRUPT((memmove(c.buf + r4, c.buf + r5, s.len - r5), c.len -= r5 - r4), "record lost",
		P7TRACE_E_SEQ, r4, "sequence number 5, expected 4", 4);
	CORRUPT(synth_put_be(c.buf + r4 + 4, 3, 4), "seq repeated", P7TRACE_E_SEQ, r4,
		"sequence number 3, expected 4", 4);
	CORRUPT(memset(c.buf + r4, 0, 16), "zeroed", P7TRACE_E_TYPE, r4,
		"record type 0 is invalid", 4);
	CORRUPT(synth_put_be(c.buf + r3 + P7TRACE_REC_HDR, 1, 8), "vcpu", P7TRACE_E_VCPU, r3,
		"kvm_guest_exit record for vcpu 1, beyond the header's cores=1", 3);
	CORRUPT(c.buf[r3 + P7TRACE_REC_HDR + 8 * TRX_PC + 7] ^= 1, "payload bit", P7TRACE_E_CRC,
		end, "checksum mismatch", SYNTH_BASE_EVENTS);
	CORRUPT(c.buf[r3 + 9] ^= 0x80, "time bit", P7TRACE_E_CRC, end, "corrupt data",
		SYNTH_BASE_EVENTS);
	CORRUPT(c.buf[60] ^= 1, "config bit", P7TRACE_E_CRC, end, "checksum mismatch",
		SYNTH_BASE_EVENTS);
	CORRUPT(synth_put_be(c.buf + r3, 0x4242, 2), "type changed to unknown", P7TRACE_E_CRC, end,
		"checksum mismatch", SYNTH_BASE_EVENTS);
	CORRUPT(synth_put_be(c.buf + end + P7TRACE_REC_HDR, 31, 8), "end count", P7TRACE_E_END, end,
		"the end record counts 31 records, the file has 33", SYNTH_BASE_EVENTS);
	CORRUPT(synth_put_be(c.buf + end + 2, 1, 2), "end short", P7TRACE_E_SHORT, end,
		"end record of 1 words: its type needs 2", SYNTH_BASE_EVENTS);
	CORRUPT((memset(c.buf + s.len, 0, 8), c.len += 8), "after end", P7TRACE_E_END, s.len,
		"8 bytes after the end record", SYNTH_BASE_EVENTS);
	free(s.buf);
#undef CORRUPT
}

/* Garbage that is neither a p7trace file nor text is named by its first bytes. */
static void test_not_a_trace(void **state)
{
	static const uint8_t elf[] = { 0x7f, 'E', 'L', 'F', 2, 2, 1, 0, 0, 0 };

	expect_bad(elf, sizeof(elf), "elf", P7TRACE_E_MAGIC, 0,
		"bad magic (7f 45 4c 46 02 02 01 00)", 0);
	expect_bad("\x01\x02", 2, "two bytes", P7TRACE_E_MAGIC, 0,
		"bad magic (01 02)", 0);
	expect_bad("hello\n", 6, "text", P7TRACE_E_TEXT, 0, "no kvm_hv events", 0);
}

/* The CRC-32 is zlib's: the check value of "123456789" is 0xcbf43926. */
static void test_crc32(void **state)
{
	assert_int_equal(p7trace_crc32(0, "123456789", 9), 0xcbf43926);
	assert_int_equal(p7trace_crc32(p7trace_crc32(0, "1234", 4), "56789", 5), 0xcbf43926);
	assert_int_equal(p7trace_crc32(0, "", 0), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_roundtrip),
		cmocka_unit_test(test_longer_and_unknown_records),
		cmocka_unit_test(test_sink_and_writer_errors),
		cmocka_unit_test(test_open_file),
		cmocka_unit_test(test_validate_rewind),
		cmocka_unit_test(test_bad_header),
		cmocka_unit_test(test_bad_records),
		cmocka_unit_test(test_not_a_trace),
		cmocka_unit_test(test_crc32),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
