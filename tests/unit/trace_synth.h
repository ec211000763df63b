/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Synthetic traces for the trace tool tests (tests/unit/test_trace_*.c and
 * the CLI and fuzz corpus of tests/fuzz): a small guest's run written with
 * the real writer, and the same run as trace-cmd and perf script would print
 * it on a POWER7 host, written by hand after the kernel's TP_printk formats.
 */
#ifndef TRACE_SYNTH_H
#define TRACE_SYNTH_H

#include <stddef.h>
#include <stdint.h>

#include "p7trace.h"

enum synth_variant {
	SYNTH_BASE,		/* one vcpu: HDEC, H_ENTER, H_REMOVE x2, HDSI, H_CEDE, H_PUT_TERM_CHAR */
	SYNTH_RC_CHANGED,	/* the same, but the first H_REMOVE returns H_NOT_FOUND */
	SYNTH_SMP,		/* two vcpus, their events interleaved */
	SYNTH_EMPTY,		/* header and end record only */
};

struct synth {
	char *buf;		/* malloc'd, free() it */
	size_t len;
};

/* Events of the SYNTH_BASE run (the text samples have the kvm_hv ones of them). */
#define SYNTH_BASE_EVENTS	33
/* Index of the first H_REMOVE's kvm_hcall_exit, where SYNTH_RC_CHANGED differs. */
#define SYNTH_RC_EVENT		11

/* The configuration the synthetic traces are recorded with. */
extern const struct p7trace_config synth_config;

/* Writes a variant into s (0), or -1. */
int synth_trace(struct synth *s, enum synth_variant v);

/*
 * Builds a trace from explicit records: types[i], words[i][0..nwords[i]),
 * time 1000 * (i + 1).  For tests that need one particular record.
 */
int synth_records(struct synth *s, const struct p7trace_config *cfg, unsigned int n,
		  const uint32_t *types, const uint64_t *const *words, const uint32_t *nwords);

/* The SYNTH_BASE guest as trace-cmd report and perf script print a host kernel's kvm_hv events. */
extern const char synth_trace_cmd_text[];
extern const char synth_perf_script_text[];
/* How many events the importer makes of either (kvm_hv lines with a record). */
#define SYNTH_TEXT_EVENTS	27
/* Lines of kvm_hv events without a record (kvm_page_fault_exit, kvmppc_run_core). */
#define SYNTH_TEXT_IGNORED	2

/* Big-endian field access for corrupting a trace in tests. */
void synth_put_be(char *p, uint64_t v, int bytes);
uint64_t synth_get_be(const char *p, int bytes);
/* Byte offset of record i (0-based) of a valid binary trace. */
size_t synth_record_offset(const struct synth *s, unsigned int i);

#endif /* TRACE_SYNTH_H */
