// SPDX-License-Identifier: GPL-2.0-only
/*
 * The trace writer: the file header, then one record per hv_trace() event
 * with consecutive sequence numbers, then at close the end record that lets
 * a reader tell a complete file from a truncated one and detect corrupt
 * bytes (docs/trace-format.md).  Everything is written big-endian, whatever
 * the host: the kernel environment will write the same bytes.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "p7trace.h"

struct p7trace_writer {
	FILE *f;
	bool own;		/* f was opened here */
	uint64_t records;	/* records written, = next sequence number */
	uint32_t crc;		/* of every byte written so far */
	p7trace_clock_fn *clock;
	void *clock_ctx;
	char err[160];		/* first error; empty while all is well */
};

static uint32_t crc_table[256];

static void crc_init(void)
{
	for (uint32_t i = 0; i < 256; i++) {
		uint32_t c = i;

		for (int k = 0; k < 8; k++)
			c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
		crc_table[i] = c;
	}
}

uint32_t p7trace_crc32(uint32_t crc, const void *buf, size_t len)
{
	const uint8_t *p = buf;

	if (!crc_table[1])
		crc_init();
	crc = ~crc;
	while (len--)
		crc = crc_table[(crc ^ *p++) & 0xff] ^ (crc >> 8);
	return ~crc;
}

static void put_be(uint8_t *p, uint64_t v, int bytes)
{
	for (int i = bytes - 1; i >= 0; i--) {
		p[i] = v & 0xff;
		v >>= 8;
	}
}

static void fail(struct p7trace_writer *w, const char *fmt, ...)
{
	va_list ap;

	if (w->err[0])
		return;
	va_start(ap, fmt);
	vsnprintf(w->err, sizeof(w->err), fmt, ap);
	va_end(ap);
}

static int out(struct p7trace_writer *w, const void *buf, size_t len)
{
	if (w->err[0])
		return -1;
	if (fwrite(buf, 1, len, w->f) != len) {
		fail(w, "write failed: %s", strerror(errno ? errno : EIO));
		return -1;
	}
	w->crc = p7trace_crc32(w->crc, buf, len);
	return 0;
}

static struct p7trace_writer *start(FILE *f, bool own, const struct p7trace_config *cfg,
				    char *err, size_t errlen)
{
	const char *opt = cfg && cfg->options ? cfg->options : "";
	size_t olen = strlen(opt), padded = (olen + 7) & ~(size_t)7;
	uint8_t hdr[P7TRACE_HDR_FIXED];
	struct p7trace_writer *w;
	static const uint8_t zero[8];

	if (P7TRACE_HDR_FIXED + padded > UINT32_MAX) {
		snprintf(err, errlen, "options string too long (%zu bytes)", olen);
		return NULL;
	}
	w = calloc(1, sizeof(*w));
	if (!w) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	w->f = f;
	w->own = own;

	memcpy(hdr, P7TRACE_MAGIC, 8);
	put_be(hdr + 8, P7TRACE_VERSION, 2);
	put_be(hdr + 10, P7TRACE_BOM, 2);
	put_be(hdr + 12, P7TRACE_HDR_FIXED + padded, 4);
	put_be(hdr + 16, cfg ? cfg->cores : 0, 8);
	put_be(hdr + 24, cfg ? cfg->mem_bytes : 0, 8);
	put_be(hdr + 32, cfg ? cfg->hpt_order : 0, 8);
	put_be(hdr + 40, cfg ? cfg->tb_freq : 0, 8);
	put_be(hdr + 48, cfg ? cfg->tb_per_64k : 0, 8);
	put_be(hdr + 56, cfg ? cfg->seed : 0, 8);
	put_be(hdr + 64, olen, 8);
	out(w, hdr, sizeof(hdr));
	out(w, opt, olen);
	out(w, zero, padded - olen);
	if (w->err[0]) {
		snprintf(err, errlen, "%s", w->err);
		if (own)
			fclose(f);
		free(w);
		return NULL;
	}
	return w;
}

struct p7trace_writer *p7trace_writer_open(const char *path, const struct p7trace_config *cfg,
					   char *err, size_t errlen)
{
	FILE *f = fopen(path, "wb");

	if (!f) {
		snprintf(err, errlen, "cannot create %s: %s", path, strerror(errno));
		return NULL;
	}
	return start(f, true, cfg, err, errlen);
}

struct p7trace_writer *p7trace_writer_stream(FILE *f, const struct p7trace_config *cfg,
					     char *err, size_t errlen)
{
	return start(f, false, cfg, err, errlen);
}

void p7trace_writer_set_clock(struct p7trace_writer *w, p7trace_clock_fn *clock, void *ctx)
{
	w->clock = clock;
	w->clock_ctx = ctx;
}

static int append(struct p7trace_writer *w, uint32_t type, uint64_t time,
		  const void *words, uint32_t nwords)
{
	uint8_t rh[P7TRACE_REC_HDR], wb[8];
	const uint8_t *src = words;

	if (w->err[0])
		return -1;
	if (nwords > 0xffff) {
		fail(w, "record %llu: %u payload words, the format allows 65535",
		     (unsigned long long)w->records, nwords);
		return -1;
	}
	/* Sequence numbers are 32 bits, and the end record needs one too. */
	if (w->records >= UINT32_MAX && type != P7TRACE_TYPE_END) {
		fail(w, "too many records: the 32-bit sequence number would wrap");
		return -1;
	}
	put_be(rh, type, 2);
	put_be(rh + 2, nwords, 2);
	put_be(rh + 4, w->records, 4);
	put_be(rh + 8, time, 8);
	if (out(w, rh, sizeof(rh)))
		return -1;
	for (uint32_t i = 0; i < nwords; i++) {
		uint64_t v;

		/* The payload may be unaligned; words are in host order. */
		memcpy(&v, src + 8 * (size_t)i, 8);
		put_be(wb, v, 8);
		if (out(w, wb, 8))
			return -1;
	}
	w->records++;
	return 0;
}

int p7trace_writer_append(struct p7trace_writer *w, uint32_t type, uint64_t time,
			  const uint64_t *words, uint32_t nwords)
{
	if (type == 0 || type == P7TRACE_TYPE_END) {
		fail(w, "record %llu: type %u is reserved", (unsigned long long)w->records, type);
		return -1;
	}
	return append(w, type, time, words, nwords);
}

void p7trace_sink(void *ctx, uint32_t type, const void *payload, uint32_t len)
{
	struct p7trace_writer *w = ctx;

	if (len % 8) {
		fail(w, "record %llu: payload of %u bytes is not whole 64-bit words",
		     (unsigned long long)w->records, len);
		return;
	}
	if (type == 0 || type == P7TRACE_TYPE_END) {
		fail(w, "record %llu: type %u is reserved", (unsigned long long)w->records, type);
		return;
	}
	append(w, type, w->clock ? w->clock(w->clock_ctx) : 0, payload, len / 8);
}

uint64_t p7trace_writer_records(const struct p7trace_writer *w)
{
	return w->records;
}

int p7trace_writer_close(struct p7trace_writer *w, char *err, size_t errlen)
{
	uint64_t end[P7TRACE_END_NWORDS];
	int ret;

	/* The checksum covers every byte before the end record. */
	end[0] = w->records;
	end[1] = w->crc;
	append(w, P7TRACE_TYPE_END, w->clock ? w->clock(w->clock_ctx) : 0, end,
	       P7TRACE_END_NWORDS);
	if (fflush(w->f))
		fail(w, "flush failed: %s", strerror(errno));
	if (w->own && fclose(w->f))
		fail(w, "close failed: %s", strerror(errno));
	ret = w->err[0] ? -1 : 0;
	if (ret && err)
		snprintf(err, errlen, "%s", w->err);
	free(w);
	return ret;
}
