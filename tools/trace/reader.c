// SPDX-License-Identifier: GPL-2.0-only
/*
 * The trace reader.  The input is mapped (or, from a pipe, read) whole and
 * walked record by record; every field that says how far to go is checked
 * against what is left before it is used, so a hostile file can neither
 * read out of bounds nor make the reader allocate more than the file's
 * size.  Checks, in file order (docs/trace-format.md):
 *
 *   1. magic, then the byte-order mark (before the version, so that a file
 *      written little-endian is named as such rather than as "version 256"),
 *      then the version;
 *   2. header length (>= 72, a multiple of 8, within the file), the options
 *      length within it, the options' zero padding, the config in range;
 *   3. per record: a whole record header, type not 0, the sequence number,
 *      a whole payload, at least the words its type needs, a vcpu id below
 *      the header's cores;
 *   4. the end record: its count, the CRC-32 of every byte before it, and
 *      nothing after it.  A file without one was truncated at a record
 *      boundary or never closed.
 *
 * Text that is not a p7trace file goes to the importer (import.c).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "trace_int.h"

#define NO_OFFSET UINT64_MAX

static uint64_t get_be(const uint8_t *p, int bytes)
{
	uint64_t v = 0;

	for (int i = 0; i < bytes; i++)
		v = (v << 8) | p[i];
	return v;
}

int p7trace_fail(struct p7trace_reader *r, enum p7trace_errcode code, uint64_t offset,
		 const char *fmt, ...)
{
	char msg[200];
	va_list ap;

	if (r->err)
		return -1;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	r->err = code;
	r->err_offset = offset;
	if (offset == NO_OFFSET)
		snprintf(r->errmsg, sizeof(r->errmsg), "%s", msg);
	else if (r->hdr.source == P7TRACE_SRC_TEXT && r->line)
		snprintf(r->errmsg, sizeof(r->errmsg), "line %u, offset %llu: %s", r->line,
			 (unsigned long long)offset, msg);
	else
		snprintf(r->errmsg, sizeof(r->errmsg), "offset %llu: %s",
			 (unsigned long long)offset, msg);
	return -1;
}

/* ---- binary header ----------------------------------------------------- */

static int binary_header(struct p7trace_reader *r)
{
	const uint8_t *b = r->buf;
	size_t len = r->len;
	uint64_t olen, padded;
	uint32_t hlen, bom, version;
	struct p7trace_config *cfg = &r->hdr.cfg;

	r->hdr.source = P7TRACE_SRC_BINARY;
	r->hdr.flavour = "p7trace v1";
	r->hdr.time_unit = P7TRACE_TIME_INSNS;

	/* 1. Magic, byte-order mark, version. */
	if (len == 0)
		return p7trace_fail(r, P7TRACE_E_TRUNC_HEADER, 0, "empty file: no header");
	if (len < 8 && !memcmp(b, P7TRACE_MAGIC, len))
		return p7trace_fail(r, P7TRACE_E_TRUNC_HEADER, len,
				    "truncated header: the file ends after %zu bytes, the header needs %d",
				    len, P7TRACE_HDR_FIXED);
	if (len < 8 || memcmp(b, P7TRACE_MAGIC, 8)) {
		char hex[3 * 8 + 1] = "";

		for (size_t i = 0; i < 8 && i < len; i++)
			snprintf(hex + 3 * i, 4, "%02x ", b[i]);
		hex[strlen(hex) ? strlen(hex) - 1 : 0] = 0;
		return p7trace_fail(r, P7TRACE_E_MAGIC, 0,
				    "bad magic (%s): not a p7trace file, nor kvm_hv tracepoint text",
				    hex);
	}
	if (len < 12)
		return p7trace_fail(r, P7TRACE_E_TRUNC_HEADER, len,
				    "truncated header: the file ends after %zu bytes, the header needs %d",
				    len, P7TRACE_HDR_FIXED);
	bom = get_be(b + 10, 2);
	if (bom == 0x0201)
		return p7trace_fail(r, P7TRACE_E_ENDIAN, 10,
				    "byte-order mark 0x0201: the file was written little-endian; the format is big-endian");
	if (bom != P7TRACE_BOM)
		return p7trace_fail(r, P7TRACE_E_ENDIAN, 10,
				    "bad byte-order mark 0x%04x (expected 0x0102)", bom);
	version = get_be(b + 8, 2);
	r->hdr.version = version;
	if (version != P7TRACE_VERSION)
		return p7trace_fail(r, P7TRACE_E_VERSION, 8,
				    "format version %u: this reader reads version %d", version,
				    P7TRACE_VERSION);
	if (len < P7TRACE_HDR_FIXED)
		return p7trace_fail(r, P7TRACE_E_TRUNC_HEADER, len,
				    "truncated header: the file ends after %zu bytes, the header needs %d",
				    len, P7TRACE_HDR_FIXED);

	/* 2. Lengths and the machine configuration. */
	hlen = get_be(b + 12, 4);
	r->hdr.header_len = hlen;
	if (hlen < P7TRACE_HDR_FIXED || hlen % 8)
		return p7trace_fail(r, P7TRACE_E_HEADER, 12,
				    "header length %u is %s", hlen,
				    hlen < P7TRACE_HDR_FIXED ? "below the 72 bytes of the fixed header"
							     : "not a multiple of 8");
	cfg->cores = get_be(b + 16, 8);
	cfg->mem_bytes = get_be(b + 24, 8);
	cfg->hpt_order = get_be(b + 32, 8);
	cfg->tb_freq = get_be(b + 40, 8);
	cfg->tb_per_64k = get_be(b + 48, 8);
	cfg->seed = get_be(b + 56, 8);
	if (cfg->cores > P7TRACE_MAX_VCPUS)
		return p7trace_fail(r, P7TRACE_E_HEADER, 16,
				    "%llu cores: more than the %d vcpus the tools accept",
				    (unsigned long long)cfg->cores, P7TRACE_MAX_VCPUS);
	if (cfg->hpt_order > 63)
		return p7trace_fail(r, P7TRACE_E_HEADER, 32, "HPT order %llu out of range",
				    (unsigned long long)cfg->hpt_order);
	olen = get_be(b + 64, 8);
	if (olen > hlen - P7TRACE_HDR_FIXED)
		return p7trace_fail(r, P7TRACE_E_HEADER, 64,
				    "options length %llu does not fit in the header length %u",
				    (unsigned long long)olen, hlen);
	if (hlen > len)
		return p7trace_fail(r, P7TRACE_E_TRUNC_HEADER, len,
				    "truncated header: header length %u, the file ends after %zu bytes",
				    hlen, len);
	padded = (olen + 7) & ~7ULL;
	for (uint64_t i = P7TRACE_HDR_FIXED + olen; i < P7TRACE_HDR_FIXED + padded; i++)
		if (b[i])
			return p7trace_fail(r, P7TRACE_E_HEADER, i,
					    "nonzero padding after the options string");
	r->options = malloc(olen + 1);
	if (!r->options)
		return p7trace_fail(r, P7TRACE_E_IO, NO_OFFSET, "out of memory");
	memcpy(r->options, b + P7TRACE_HDR_FIXED, olen);
	r->options[olen] = 0;
	cfg->options = r->options;
	r->hdr.options_len = olen;
	r->pos = hlen;
	return 0;
}

/* ---- binary records ------------------------------------------------------ */

static const char *type_name(uint32_t type, char *buf, size_t len)
{
	const char *n = type == P7TRACE_TYPE_END ? "end" : p7trace_event_name(type);

	if (n)
		return n;
	snprintf(buf, len, "type %u", type);
	return buf;
}

static int binary_next(struct p7trace_reader *r, struct p7trace_event *ev)
{
	const uint8_t *b = r->buf, *rec, *pl;
	size_t pos = r->pos, left = r->len - pos, bytes;
	uint32_t type, nwords, seq, min;
	uint64_t vcpu, limit;
	char tn[16];

	if (left == 0)
		return p7trace_fail(r, P7TRACE_E_NO_END, pos,
				    "the file ends after %llu records without an end record: truncated, or never closed",
				    (unsigned long long)r->count);
	if (left < P7TRACE_REC_HDR)
		return p7trace_fail(r, P7TRACE_E_TRUNC_RECORD, pos,
				    "truncated record header: %zu of %d bytes", left, P7TRACE_REC_HDR);
	rec = b + pos;
	pl = rec + P7TRACE_REC_HDR;
	type = get_be(rec, 2);
	nwords = get_be(rec + 2, 2);
	seq = get_be(rec + 4, 4);
	if (type == 0)
		return p7trace_fail(r, P7TRACE_E_TYPE, pos,
				    "record type 0 is invalid (zeroed or corrupt data)");
	if (seq != (uint32_t)r->count)
		return p7trace_fail(r, P7TRACE_E_SEQ, pos,
				    "sequence number %u, expected %u: records lost, or a corrupt record header",
				    seq, (uint32_t)r->count);
	bytes = 8 * (size_t)nwords;
	if (left - P7TRACE_REC_HDR < bytes)
		return p7trace_fail(r, P7TRACE_E_TRUNC_RECORD, pos,
				    "truncated record: %s record of %u words (%zu bytes), the file has %zu",
				    type_name(type, tn, sizeof(tn)), nwords, bytes,
				    left - P7TRACE_REC_HDR);
	min = p7trace_min_words(type);
	if (nwords < min)
		return p7trace_fail(r, P7TRACE_E_SHORT, pos,
				    "%s record of %u words: its type needs %u",
				    type_name(type, tn, sizeof(tn)), nwords, min);

	if (type == P7TRACE_TYPE_END) {
		uint64_t count = get_be(pl, 8), crc = get_be(pl + 8, 8);
		uint32_t calc = p7trace_crc32(0, b, pos);

		if (count != r->count)
			return p7trace_fail(r, P7TRACE_E_END, pos,
					    "the end record counts %llu records, the file has %llu",
					    (unsigned long long)count, (unsigned long long)r->count);
		if (crc != calc)
			return p7trace_fail(r, P7TRACE_E_CRC, pos,
					    "checksum mismatch: the end record says 0x%08llx, the %zu bytes before it give 0x%08x (corrupt data)",
					    (unsigned long long)crc, pos, calc);
		if (left - P7TRACE_REC_HDR != bytes)
			return p7trace_fail(r, P7TRACE_E_END, pos + P7TRACE_REC_HDR + bytes,
					    "%zu bytes after the end record",
					    left - P7TRACE_REC_HDR - bytes);
		r->done = true;
		return 0;
	}

	/* Every known type starts with the vcpu id: tools index by it. */
	if (min) {
		vcpu = get_be(pl, 8);
		limit = r->hdr.cfg.cores ? r->hdr.cfg.cores : P7TRACE_MAX_VCPUS;
		if (vcpu >= limit)
			return p7trace_fail(r, P7TRACE_E_VCPU, pos,
					    "%s record for vcpu %llu, beyond the header's cores=%llu",
					    type_name(type, tn, sizeof(tn)), (unsigned long long)vcpu,
					    (unsigned long long)limit);
	}

	memset(ev, 0, offsetof(struct p7trace_event, w));
	ev->type = type;
	ev->nwords = nwords;
	ev->seq = seq;
	ev->flags = P7TRACE_EV_TIME;
	ev->time = get_be(rec + 8, 8);
	ev->offset = pos;
	ev->known = ~0ULL;
	for (uint32_t i = 0; i < nwords && i < P7TRACE_MAX_WORDS; i++)
		ev->w[i] = get_be(pl + 8 * i, 8);
	r->pos = pos + P7TRACE_REC_HDR + bytes;
	r->count++;
	return 1;
}

/* ---- opening --------------------------------------------------------------- */

static void setup(struct p7trace_reader *r)
{
	size_t m = r->len < 8 ? r->len : 8;

	/* The magic, or a file cut inside it, is binary whatever follows. */
	if (r->len && !memcmp(r->buf, P7TRACE_MAGIC, m))
		binary_header(r);
	else if (r->len && p7trace_text_detect(r->buf, r->len))
		p7trace_text_start(r);
	else
		binary_header(r);
}

static struct p7trace_reader *alloc_reader(const char *path)
{
	struct p7trace_reader *r = calloc(1, sizeof(*r));

	if (!r)
		return NULL;
	r->path = strdup(path);
	if (!r->path) {
		free(r);
		return NULL;
	}
	r->buf = (const uint8_t *)"";
	r->hdr.cfg.options = "";
	return r;
}

/* Reads a non-seekable input (a pipe, stdin) whole. */
static int slurp(struct p7trace_reader *r, int fd)
{
	size_t cap = 1 << 16, len = 0;
	uint8_t *buf = malloc(cap);

	if (!buf)
		return p7trace_fail(r, P7TRACE_E_IO, NO_OFFSET, "out of memory");
	for (;;) {
		ssize_t n;

		if (len == cap) {
			uint8_t *nb = cap > SIZE_MAX / 2 ? NULL : realloc(buf, cap * 2);

			if (!nb) {
				free(buf);
				return p7trace_fail(r, P7TRACE_E_IO, NO_OFFSET, "out of memory");
			}
			buf = nb;
			cap *= 2;
		}
		n = read(fd, buf + len, cap - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			free(buf);
			return p7trace_fail(r, P7TRACE_E_IO, NO_OFFSET, "read failed: %s",
					    strerror(errno));
		}
		if (n == 0)
			break;
		len += n;
	}
	r->map = buf;
	r->map_len = len;
	r->buf = buf;
	r->len = len;
	return 0;
}

struct p7trace_reader *p7trace_open(const char *path)
{
	struct p7trace_reader *r = alloc_reader(path);
	struct stat st;
	int fd;

	if (!r)
		return NULL;
	fd = strcmp(path, "-") ? open(path, O_RDONLY) : dup(0);
	if (fd < 0) {
		p7trace_fail(r, P7TRACE_E_IO, NO_OFFSET, "cannot open: %s", strerror(errno));
		return r;
	}
	if (fstat(fd, &st)) {
		p7trace_fail(r, P7TRACE_E_IO, NO_OFFSET, "cannot stat: %s", strerror(errno));
	} else if (S_ISDIR(st.st_mode)) {
		p7trace_fail(r, P7TRACE_E_IO, NO_OFFSET, "is a directory");
	} else if (S_ISREG(st.st_mode) && st.st_size > 0) {
		void *m = mmap(NULL, st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);

		if (m == MAP_FAILED) {
			p7trace_fail(r, P7TRACE_E_IO, NO_OFFSET, "cannot map: %s", strerror(errno));
		} else {
			r->map = m;
			r->map_len = st.st_size;
			r->mapped = true;
			r->buf = m;
			r->len = st.st_size;
		}
	} else if (!S_ISREG(st.st_mode)) {
		slurp(r, fd);
	}
	close(fd);
	if (!r->err)
		setup(r);
	return r;
}

struct p7trace_reader *p7trace_open_mem(const void *buf, size_t len)
{
	struct p7trace_reader *r = alloc_reader("<memory>");

	if (!r)
		return NULL;
	r->buf = len ? buf : (const uint8_t *)"";
	r->len = len;
	setup(r);
	return r;
}

void p7trace_close(struct p7trace_reader *r)
{
	if (!r)
		return;
	if (r->mapped)
		munmap(r->map, r->map_len);
	else
		free(r->map);
	free(r->options);
	free(r->path);
	free(r);
}

/* ---- iteration ------------------------------------------------------------- */

int p7trace_next(struct p7trace_reader *r, struct p7trace_event *ev)
{
	if (r->err)
		return -1;
	if (r->done)
		return 0;
	if (r->hdr.source == P7TRACE_SRC_TEXT)
		return p7trace_text_next(r, ev);
	return binary_next(r, ev);
}

void p7trace_rewind(struct p7trace_reader *r)
{
	if (r->err)
		return;
	r->pos = r->hdr.source == P7TRACE_SRC_TEXT ? 0 : r->hdr.header_len;
	r->count = 0;
	r->line = 0;
	r->done = false;
}

int p7trace_validate(struct p7trace_reader *r, uint64_t *nevents)
{
	struct p7trace_event ev;
	uint64_t n = 0;
	int rc;

	while ((rc = p7trace_next(r, &ev)) > 0)
		n++;
	if (nevents)
		*nevents = n;
	if (rc < 0)
		return -1;
	p7trace_rewind(r);
	return 0;
}

const struct p7trace_header *p7trace_header(const struct p7trace_reader *r)
{
	return &r->hdr;
}

const char *p7trace_path(const struct p7trace_reader *r)
{
	return r->path;
}

enum p7trace_errcode p7trace_errcode(const struct p7trace_reader *r)
{
	return r->err;
}

const char *p7trace_error(const struct p7trace_reader *r)
{
	return r->err ? r->errmsg : NULL;
}

uint64_t p7trace_error_offset(const struct p7trace_reader *r)
{
	return r->err_offset;
}

uint64_t p7trace_ignored_lines(const struct p7trace_reader *r)
{
	return r->ignored;
}

void p7trace_report_error(FILE *err, const struct p7trace_reader *r)
{
	if (r->err)
		fprintf(err, "p7trace: %s: %s\n", r->path, r->errmsg);
}
