/* SPDX-License-Identifier: GPL-2.0-only */
/* Internals shared by the reader (reader.c) and the text importer (import.c). */
#ifndef P7TRACE_INT_H
#define P7TRACE_INT_H

#include "p7trace.h"

struct p7trace_reader {
	char *path;
	const uint8_t *buf;	/* the whole input */
	size_t len;
	void *map;		/* mmap of a file, or a malloc'd copy of a pipe */
	size_t map_len;
	bool mapped;
	struct p7trace_header hdr;
	char *options;		/* NUL-terminated copy of the header's options */

	size_t pos;		/* next record / line */
	uint64_t count;		/* events returned */
	uint32_t line;		/* text: line number of pos */
	bool done;		/* the valid end was reached */
	uint64_t ignored;	/* text: kvm_hv lines without a counterpart */
	size_t ignored_upto;	/* ... counted up to this offset (passes repeat) */

	enum p7trace_errcode err;
	uint64_t err_offset;
	char errmsg[256];
};

/* How a payload word is printed and parsed. */
enum p7trace_field_kind {
	P7TRACE_FK_HEX,		/* 0x%llx */
	P7TRACE_FK_DEC,		/* vcpu ids and flags */
	P7TRACE_FK_TRAP,	/* kvm_trace_symbol_exit */
	P7TRACE_FK_HCALL,	/* kvm_trace_symbol_hcall */
	P7TRACE_FK_RC,		/* kvm_trace_symbol_hcall_rc */
	P7TRACE_FK_WHERE,	/* 0 handled in the kernel (RESUME_GUEST), 1 userspace (RESUME_HOST) */
	P7TRACE_FK_REASON,	/* kvm_trace_exit_reason */
};

enum p7trace_field_kind p7trace_field_kind(uint32_t type, unsigned int word);

/* Puts the reader in the error state (first error wins); returns -1. */
int p7trace_fail(struct p7trace_reader *r, enum p7trace_errcode code, uint64_t offset,
		 const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Text: true when buf looks like text rather than a binary file. */
bool p7trace_text_detect(const uint8_t *buf, size_t len);
/* Text: header setup and the next event (1, 0 at the end, -1 error). */
void p7trace_text_start(struct p7trace_reader *r);
int p7trace_text_next(struct p7trace_reader *r, struct p7trace_event *ev);

#endif /* P7TRACE_INT_H */
