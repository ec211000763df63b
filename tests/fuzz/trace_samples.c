// SPDX-License-Identifier: GPL-2.0-only
/*
 * trace_samples DIR: writes the sample traces the p7trace CLI tests run on
 * and the fuzz driver starts from: the synthetic runs (tests/unit/
 * trace_synth.c), their trace-cmd and perf script text, and one file per
 * kind of bad input, each derived from the good trace by the damage its
 * name says.  Generated at test time: nothing binary is checked in.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "trace_synth.h"

static const char *dir;
static int failed;

static void put(const char *name, const void *buf, size_t len)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "wb");
	if (!f || fwrite(buf, 1, len, f) != len || fclose(f)) {
		fprintf(stderr, "trace_samples: cannot write %s: %s\n", path, strerror(errno));
		failed = 1;
	}
}

static struct synth copy(const struct synth *s, size_t extra)
{
	struct synth c = { malloc(s->len + extra), s->len };

	if (!c.buf) {
		fprintf(stderr, "trace_samples: out of memory\n");
		exit(1);
	}
	memcpy(c.buf, s->buf, s->len);
	memset(c.buf + s->len, 0, extra);
	return c;
}

/* The same run as a little-endian writer would have produced it. */
static void to_little_endian(struct synth *c)
{
	size_t hlen = synth_get_be(c->buf + 12, 4), off = hlen;

	for (size_t o = 8; o < 16; o += (o < 12 ? 2 : 4)) {
		int n = o < 12 ? 2 : 4;
		uint64_t v = synth_get_be(c->buf + o, n);

		for (int i = 0; i < n; i++)
			c->buf[o + i] = (char)(v >> (8 * i));
	}
	for (size_t o = 16; o < 72; o += 8) {
		uint64_t v = synth_get_be(c->buf + o, 8);

		for (int i = 0; i < 8; i++)
			c->buf[o + i] = (char)(v >> (8 * i));
	}
	while (off + P7TRACE_REC_HDR <= c->len) {
		uint64_t nw = synth_get_be(c->buf + off + 2, 2);
		static const int f[] = { 2, 2, 4, 8 };
		size_t o = off;

		for (int k = 0; k < 4; o += f[k++]) {
			uint64_t v = synth_get_be(c->buf + o, f[k]);

			for (int i = 0; i < f[k]; i++)
				c->buf[o + i] = (char)(v >> (8 * i));
		}
		for (uint64_t w = 0; w < nw; w++, o += 8) {
			uint64_t v = synth_get_be(c->buf + o, 8);

			for (int i = 0; i < 8; i++)
				c->buf[o + i] = (char)(v >> (8 * i));
		}
		off = o;
	}
}

int main(int argc, char **argv)
{
	struct synth good, rc, smp, empty, c;
	size_t r3, r4, r5, r10;

	if (argc != 2) {
		fprintf(stderr, "usage: trace_samples DIR\n");
		return 2;
	}
	dir = argv[1];
	if (mkdir(dir, 0777) && errno != EEXIST) {
		fprintf(stderr, "trace_samples: cannot create %s: %s\n", dir, strerror(errno));
		return 1;
	}
	if (synth_trace(&good, SYNTH_BASE) || synth_trace(&rc, SYNTH_RC_CHANGED) ||
	    synth_trace(&smp, SYNTH_SMP) || synth_trace(&empty, SYNTH_EMPTY)) {
		fprintf(stderr, "trace_samples: cannot build the synthetic traces\n");
		return 1;
	}
	put("good.p7t", good.buf, good.len);
	put("good-rc-changed.p7t", rc.buf, rc.len);
	put("good-smp.p7t", smp.buf, smp.len);
	put("empty.p7t", empty.buf, empty.len);
	put("trace-cmd.txt", synth_trace_cmd_text, strlen(synth_trace_cmd_text));
	put("perf-script.txt", synth_perf_script_text, strlen(synth_perf_script_text));

	r3 = synth_record_offset(&good, 3);
	r4 = synth_record_offset(&good, 4);
	r5 = synth_record_offset(&good, 5);
	r10 = synth_record_offset(&good, 10);

	c = copy(&good, 0);
	c.buf[0] = 'X';
	put("bad-magic.p7t", c.buf, c.len);
	free(c.buf);

	c = copy(&good, 0);
	synth_put_be(c.buf + 8, 2, 2);
	put("bad-version.p7t", c.buf, c.len);
	free(c.buf);

	c = copy(&good, 0);
	to_little_endian(&c);
	put("bad-endian.p7t", c.buf, c.len);
	free(c.buf);

	c = copy(&good, 0);
	synth_put_be(c.buf + 12, 100, 4);
	put("bad-header-length.p7t", c.buf, c.len);
	free(c.buf);

	put("trunc-header.p7t", good.buf, 40);
	put("trunc-record.p7t", good.buf, r5 + 20);
	put("trunc-boundary.p7t", good.buf, r10);

	c = copy(&good, 0);
	synth_put_be(c.buf + r3 + 2, 5, 2);
	put("short-record.p7t", c.buf, c.len);
	free(c.buf);

	/* Record 4 lost: record 5 follows record 3. */
	c = copy(&good, 0);
	memmove(c.buf + r4, c.buf + r5, good.len - r5);
	c.len -= r5 - r4;
	put("seq-gap.p7t", c.buf, c.len);
	free(c.buf);

	c = copy(&good, 0);
	c.buf[r3 + P7TRACE_REC_HDR + 8 * TRX_PC + 7] ^= 0x04;
	put("corrupt-payload.p7t", c.buf, c.len);
	free(c.buf);

	c = copy(&good, 0);
	synth_put_be(c.buf + synth_record_offset(&good, 2), 0, 2);
	put("type-zero.p7t", c.buf, c.len);
	free(c.buf);

	c = copy(&good, 8);
	c.len += 8;
	put("after-end.p7t", c.buf, c.len);
	free(c.buf);

	c = copy(&good, 0);
	synth_put_be(c.buf + synth_record_offset(&good, 0) + P7TRACE_REC_HDR, 5, 8);
	put("bad-vcpu.p7t", c.buf, c.len);
	free(c.buf);

	{
		static const char bad_text[] =
			"       CPU 0/KVM-4242  [001]  5123.402117: kvm_guest_enter:      VCPU 0: pc=0x400000 pexcp=0x0 ceded=0\n"
			"       CPU 0/KVM-4242  [001]  5123.402137: kvm_guest_exit:       VCPU 0: trap=HV_DECREMENTER pc=0x40zz00 msr=0x8000000000001000, ceded=0\n";
		static const char no_events[] =
			"cpus=4\n"
			"          <idle>-0     [000]  6536.405245: sched_switch:         prev_comm=swapper/0 prev_pid=0\n";

		put("bad-text.txt", bad_text, strlen(bad_text));
		put("no-events.txt", no_events, strlen(no_events));
	}
	free(good.buf);
	free(rc.buf);
	free(smp.buf);
	free(empty.buf);
	return failed;
}
