/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * p7trace_io: the trace file library.
 *
 * Writes and reads the binary trace format of docs/trace-format.md (the
 * record payloads are hv/include/hv/trace.h) and imports the text that
 * `trace-cmd report` and `perf script` print for the kernel's kvm_hv
 * tracepoints (arch/powerpc/kvm/trace_hv.h), so that every tool works on one
 * in-memory event stream whichever the source.  An imported event carries a
 * mask saying which payload words the text gave; a binary event knows all.
 *
 * The reader never trusts its input: every problem is reported as one line
 * naming the byte offset (and, for text, the line), and no input makes it
 * crash, loop or allocate without bound (tests/fuzz/fuzz_trace.c).
 */
#ifndef P7TRACE_H
#define P7TRACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "hv/trace.h"

/* ---- the file format (docs/trace-format.md) ------------------------------ */

#define P7TRACE_MAGIC		"P7TRACE"	/* 8 bytes with its NUL */
#define P7TRACE_VERSION		1
#define P7TRACE_BOM		0x0102
#define P7TRACE_HDR_FIXED	72	/* header bytes before the options string */
#define P7TRACE_REC_HDR		16	/* record header: type, nwords, seq, time */
#define P7TRACE_TYPE_END	0xffff	/* end record, written by the writer at close */
#define P7TRACE_END_NWORDS	2	/* end record: record count, CRC-32 */

/* Payload words an in-memory event keeps; records may carry more. */
#define P7TRACE_MAX_WORDS	64
/* vcpu ids the tools accept (POWER7 systems have at most 1024 threads). */
#define P7TRACE_MAX_VCPUS	1024

/* The machine and run a trace was recorded on: the file header. */
struct p7trace_config {
	uint64_t cores;		/* one vcpu per core */
	uint64_t mem_bytes;
	uint64_t hpt_order;	/* HPT size is 2^hpt_order bytes */
	uint64_t tb_freq;	/* time-base frequency, Hz */
	uint64_t tb_per_64k;	/* TB ticks per 2^16 instructions */
	uint64_t seed;
	const char *options;	/* the run's command line (NUL-terminated) */
};

/* Minimum payload words of a record type (0: type unknown to this reader). */
uint32_t p7trace_min_words(uint32_t type);

/* CRC-32 (IEEE 802.3, reflected, as zlib's crc32()) continuing from crc. */
uint32_t p7trace_crc32(uint32_t crc, const void *buf, size_t len);

/* ---- writer ---------------------------------------------------------------- */

struct p7trace_writer;

/* Supplies the time of a record appended through p7trace_sink(). */
typedef uint64_t p7trace_clock_fn(void *ctx);

/*
 * Opens path (truncating it) and writes the header.  Returns NULL with a
 * message in err when the file cannot be created.
 */
struct p7trace_writer *p7trace_writer_open(const char *path, const struct p7trace_config *cfg,
					   char *err, size_t errlen);
/* The same on a stream the caller owns (and closes after p7trace_writer_close). */
struct p7trace_writer *p7trace_writer_stream(FILE *f, const struct p7trace_config *cfg,
					     char *err, size_t errlen);
void p7trace_writer_set_clock(struct p7trace_writer *w, p7trace_clock_fn *clock, void *ctx);

/*
 * Appends one record with the next sequence number.  words are in host
 * order; the file gets them big-endian.  Type 0 and P7TRACE_TYPE_END are
 * reserved.  Returns 0, or -1 (and every later call fails too: the first
 * error is kept for p7trace_writer_close).
 */
int p7trace_writer_append(struct p7trace_writer *w, uint32_t type, uint64_t time,
			  const uint64_t *words, uint32_t nwords);

/*
 * The hv_trace() sink: ctx is the writer, payload an array of len / 8 u64
 * words in host order (hv/include/hv/trace.h), the time comes from the
 * writer's clock (0 without one).  Errors are kept for p7trace_writer_close.
 */
void p7trace_sink(void *ctx, uint32_t type, const void *payload, uint32_t len);

uint64_t p7trace_writer_records(const struct p7trace_writer *w);

/*
 * Writes the end record (record count and CRC-32 of every byte before it),
 * flushes, closes the file (not a caller's stream) and frees w.  Returns 0,
 * or -1 with the first error of the writer's life in err.
 */
int p7trace_writer_close(struct p7trace_writer *w, char *err, size_t errlen);

/* ---- reader ---------------------------------------------------------------- */

enum p7trace_source {
	P7TRACE_SRC_BINARY = 1,	/* docs/trace-format.md */
	P7TRACE_SRC_TEXT,	/* kvm_hv tracepoint text (trace-cmd report, perf script) */
};

enum p7trace_time_unit {
	P7TRACE_TIME_INSNS,	/* binary: the machine's global instruction clock */
	P7TRACE_TIME_NS,	/* text: the tracer's timestamps, in nanoseconds */
};

struct p7trace_header {
	enum p7trace_source source;
	const char *flavour;	/* "p7trace v1", "trace-cmd report", "perf script", "ftrace" */
	enum p7trace_time_unit time_unit;
	unsigned time_decimals;	/* text: digits after the seconds' point (6 or 9) */
	uint32_t version;
	uint32_t header_len;
	struct p7trace_config cfg;	/* all zero for text; options "" */
	size_t options_len;
};

/* Event flags. */
#define P7TRACE_EV_TIME		0x1	/* time is known */
#define P7TRACE_EV_TASK		0x2	/* text: comm, pid and cpu are known */

struct p7trace_event {
	uint32_t type;		/* enum hv_trace_type, or a type this reader does not know */
	uint32_t nwords;	/* payload words of the record (w[] keeps P7TRACE_MAX_WORDS) */
	uint32_t seq;		/* record sequence number; text: event index */
	uint32_t flags;		/* P7TRACE_EV_* */
	uint64_t time;		/* header's time_unit */
	uint64_t offset;	/* byte offset of the record, or of the text line */
	uint32_t line;		/* text: line number (from 1); binary: 0 */
	uint32_t cpu, pid;	/* text: the tracer's cpu and pid */
	char comm[20];		/* text: the tracer's task name */
	uint64_t known;		/* bit i: w[i] is known; bit 63 stands for words 63 and up */
	uint64_t w[P7TRACE_MAX_WORDS];
};

static inline bool p7trace_known(const struct p7trace_event *ev, unsigned int i)
{
	return i < ev->nwords && i < P7TRACE_MAX_WORDS && ((ev->known >> (i < 63 ? i : 63)) & 1);
}

static inline void p7trace_set(struct p7trace_event *ev, unsigned int i, uint64_t val)
{
	if (i >= P7TRACE_MAX_WORDS)
		return;
	ev->w[i] = val;
	ev->known |= 1ULL << (i < 63 ? i : 63);
	if (ev->nwords <= i)
		ev->nwords = i + 1;
}

/* Why a reader stopped (p7trace_errcode). */
enum p7trace_errcode {
	P7TRACE_OK = 0,
	P7TRACE_E_IO,		/* cannot open or read the file */
	P7TRACE_E_MAGIC,	/* not a p7trace file (nor tracepoint text) */
	P7TRACE_E_ENDIAN,	/* byte-order mark wrong: written little-endian, or corrupt */
	P7TRACE_E_VERSION,	/* a format version this reader does not read */
	P7TRACE_E_HEADER,	/* header length, options length, padding or config out of range */
	P7TRACE_E_TRUNC_HEADER,	/* the file ends inside the header */
	P7TRACE_E_TRUNC_RECORD,	/* the file ends inside a record */
	P7TRACE_E_TYPE,		/* record type 0 (zeroed or corrupt data) */
	P7TRACE_E_SHORT,	/* fewer payload words than the record's type needs */
	P7TRACE_E_SEQ,		/* sequence gap: records lost, or a corrupt record header */
	P7TRACE_E_VCPU,		/* vcpu id beyond the header's cores (or P7TRACE_MAX_VCPUS) */
	P7TRACE_E_NO_END,	/* no end record: truncated at a record boundary, or not closed */
	P7TRACE_E_END,		/* end record inconsistent, or data after it */
	P7TRACE_E_CRC,		/* checksum mismatch: corrupt bytes */
	P7TRACE_E_TEXT,		/* imported text: a malformed kvm_hv line, or no events */
};

struct p7trace_reader;

/*
 * Opens a trace: a binary p7trace file or tracepoint text, told apart by
 * content; "-" reads standard input.  Returns NULL only when out of memory;
 * a file that cannot be opened or whose header is bad gives a reader in the
 * error state (p7trace_error() is non-NULL and p7trace_next() returns -1).
 */
struct p7trace_reader *p7trace_open(const char *path);
/* The same on a buffer the caller keeps alive until p7trace_close. */
struct p7trace_reader *p7trace_open_mem(const void *buf, size_t len);
void p7trace_close(struct p7trace_reader *r);

const struct p7trace_header *p7trace_header(const struct p7trace_reader *r);
const char *p7trace_path(const struct p7trace_reader *r);

/* Next event: 1, 0 at the (valid) end, -1 on an error. */
int p7trace_next(struct p7trace_reader *r, struct p7trace_event *ev);
/* Back to the first event (after a complete pass, for two-pass tools). */
void p7trace_rewind(struct p7trace_reader *r);
/* Reads to the end and rewinds: 0 when the whole trace is valid, else -1. */
int p7trace_validate(struct p7trace_reader *r, uint64_t *nevents);

enum p7trace_errcode p7trace_errcode(const struct p7trace_reader *r);
/* One line, "offset N: problem" (text: "line L, offset N: problem"); NULL if none. */
const char *p7trace_error(const struct p7trace_reader *r);
uint64_t p7trace_error_offset(const struct p7trace_reader *r);
/* Text: lines seen with kvm_hv events this importer does not map (informational). */
uint64_t p7trace_ignored_lines(const struct p7trace_reader *r);

/* ---- names, as the kernel prints them -------------------------------------- */

/* kvm_trace_symbol_exit (trace_book3s.h); NULL when the kernel prints hex. */
const char *p7trace_trap_name(uint64_t trap);
/* kvm_trace_symbol_hcall (trace_hv.h). */
const char *p7trace_hcall_name(uint64_t req);
/* kvm_trace_symbol_hcall_rc (trace_hv.h): the value as the kernel's unsigned long. */
const char *p7trace_hcall_rc_name(uint64_t rc);
/* kvm_trace_symbol_kvmret: RESUME_GUEST, RESUME_GUEST_NV, RESUME_HOST, RESUME_HOST_NV. */
const char *p7trace_kvmret_name(uint64_t ret);
/* kvm_trace_exit_reason (include/trace/events/kvm.h): "KVM_EXIT_PAPR_HCALL". */
const char *p7trace_exit_reason_name(uint64_t reason);

/* Reverse lookups for the importer: 0 and *val set, or -1. */
int p7trace_trap_value(const char *name, size_t len, uint64_t *val);
int p7trace_hcall_value(const char *name, size_t len, uint64_t *val);
int p7trace_hcall_rc_value(const char *name, size_t len, uint64_t *val);
int p7trace_kvmret_value(const char *name, size_t len, uint64_t *val);
int p7trace_exit_reason_value(const char *name, size_t len, uint64_t *val);

/* "kvm_guest_exit"; NULL for a type this library does not know. */
const char *p7trace_event_name(uint32_t type);
/* The tracing system the event is printed under: "kvm_hv", "kvm" or "p7". */
const char *p7trace_event_system(uint32_t type);
/* Number of named payload words of a type (its minimum), and their names. */
unsigned int p7trace_nfields(uint32_t type);
const char *p7trace_field_name(uint32_t type, unsigned int word);
/* Word index of a field name of a type, or -1. */
int p7trace_field_index(uint32_t type, const char *name, size_t len);

/* ---- formatting ------------------------------------------------------------ */

#define P7TRACE_FMT_RAW_TIME	0x1	/* time column: the recorded clock value */

/*
 * One line in the style of `perf script` for an event, without a newline:
 * "comm tid [cpu] time: system:event: fields" with the kernel's format for
 * the kvm_hv tracepoints (docs/trace-tools.md).  Returns the length
 * snprintf would (the line is truncated to len - 1).
 */
int p7trace_format_event(char *buf, size_t len, const struct p7trace_header *h,
			 const struct p7trace_event *ev, unsigned int flags);
/* Just the "system:event: fields" part. */
int p7trace_format_fields(char *buf, size_t len, const struct p7trace_event *ev);
/* One payload word as "0x4 H_REMOVE", "7", "0xc000000000001234" or "?". */
int p7trace_format_value(char *buf, size_t len, const struct p7trace_event *ev, unsigned int word);
/* The time column of an event. */
int p7trace_format_time(char *buf, size_t len, const struct p7trace_header *h,
			const struct p7trace_event *ev, unsigned int flags);
/* Time in nanoseconds when the header allows it: 0 and *ns set, else -1. */
int p7trace_time_ns(const struct p7trace_header *h, uint64_t time, uint64_t *ns);

/* Event comparison flags. */
#define P7TRACE_CMP_TIME	0x1	/* time must be equal too (when both know it) */

/*
 * Compares two events on what both know: type, then each payload word known
 * in both (and the word count when both are binary), then time if asked.
 * Returns 0 when equal, else 1 with *what set to the first differing word,
 * or to -1 (type), -2 (word count), -3 (time).
 */
int p7trace_event_cmp(const struct p7trace_event *a, const struct p7trace_event *b,
		      unsigned int flags, int *what);

/*
 * Prints two versions of an event side by side, one line per field, marking
 * differing fields with '*'.
 */
void p7trace_print_side_by_side(FILE *out, const char *la, const struct p7trace_event *a,
				const char *lb, const struct p7trace_event *b, unsigned int flags);

/* ---- the tools (tools/p7trace is their command line) ---------------------- */

/* Exit codes of every p7trace command (docs/trace-tools.md). */
enum {
	P7TRACE_EXIT_OK = 0,		/* done; traces identical; replay identical */
	P7TRACE_EXIT_DIFFERENT = 1,	/* diff: traces differ; replay: diverged */
	P7TRACE_EXIT_BAD_INPUT = 2,	/* a trace refused (malformed), or an I/O error */
	P7TRACE_EXIT_USAGE = 3,		/* bad command line */
	P7TRACE_EXIT_NOT_CONNECTED = 77,	/* replay: no HV core connected (ctest: skipped) */
};

#define P7TRACE_DUMP_VERBOSE	0x100	/* every payload word on lines of its own */

/* Prints every event; returns a P7TRACE_EXIT_* code, the reader's error on err. */
int p7trace_dump(FILE *out, FILE *err, struct p7trace_reader *r, unsigned int flags);

/* perf kvm stat: exits by trap and hcalls by number.  vcpu < 0: all. */
int p7trace_stat(FILE *out, FILE *err, struct p7trace_reader *r, int vcpu);

#define P7TRACE_DIFF_NO_TIME	0x200	/* do not compare the time of events */

/* First divergence of two traces, with context events around it. */
int p7trace_diff(FILE *out, FILE *err, struct p7trace_reader *a, struct p7trace_reader *b,
		 unsigned int context, unsigned int flags);

/* Reports a reader's error as "p7trace: PATH: offset N: problem". */
void p7trace_report_error(FILE *err, const struct p7trace_reader *r);

#endif /* P7TRACE_H */
