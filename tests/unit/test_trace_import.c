// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of the import of kvm_hv tracepoint text (tools/trace/import.c):
 * what `trace-cmd report`, `perf script` and the ftrace buffer print for the
 * kernel's kvm_hv tracepoints becomes the same records a p7trace file has,
 * with exactly the fields the text gives marked known.  The samples follow
 * the kernel's TP_printk formats (arch/powerpc/kvm/trace_hv.h).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "p7trace.h"
#include "trace_synth.h"

static struct p7trace_reader *open_text(const char *text)
{
	struct p7trace_reader *r = p7trace_open_mem(text, strlen(text));

	assert_non_null(r);
	return r;
}

/* The i-th event (0-based) of a text, which must have at least i + 1. */
static struct p7trace_event nth(const char *text, unsigned int i)
{
	struct p7trace_reader *r = open_text(text);
	struct p7trace_event ev;

	for (unsigned int k = 0; k <= i; k++)
		if (p7trace_next(r, &ev) != 1)
			fail_msg("event %u: %s", k, p7trace_error(r) ? p7trace_error(r) : "end");
	p7trace_close(r);
	return ev;
}

/* Bit mask of the known words 0..n-1. */
static uint64_t known_mask(const struct p7trace_event *ev, unsigned int n)
{
	uint64_t m = 0;

	for (unsigned int i = 0; i < n; i++)
		if (p7trace_known(ev, i))
			m |= 1ULL << i;
	return m;
}

/*
 * trace-cmd report: every kvm_hv line with a record becomes one, with the
 * task columns, the timestamp in nanoseconds and the kernel's fields; the
 * header lines and the kvm_hv events without a record are skipped.
 */
static void test_trace_cmd_sample(void **state)
{
	struct p7trace_reader *r = open_text(synth_trace_cmd_text);
	struct p7trace_event ev[SYNTH_TEXT_EVENTS + 1];
	const struct p7trace_header *h = p7trace_header(r);
	unsigned int n = 0;
	int rc;

	while (n <= SYNTH_TEXT_EVENTS && (rc = p7trace_next(r, &ev[n])) > 0)
		n++;
	assert_null(p7trace_error(r));
	assert_int_equal(n, SYNTH_TEXT_EVENTS);
	assert_int_equal(p7trace_ignored_lines(r), SYNTH_TEXT_IGNORED);
	assert_int_equal(h->source, P7TRACE_SRC_TEXT);
	assert_string_equal(h->flavour, "trace-cmd report");
	assert_int_equal(h->time_unit, P7TRACE_TIME_NS);
	assert_int_equal(h->time_decimals, 6);

	/* kvm_guest_enter: VCPU 0: pc=0x400000 pexcp=0x0 ceded=0 */
	assert_int_equal(ev[0].type, HV_TR_GUEST_ENTER);
	assert_int_equal(ev[0].seq, 0);
	assert_int_equal(ev[0].line, 3);
	assert_int_equal(ev[0].time, 5123402117000ULL);
	assert_string_equal(ev[0].comm, "CPU 0/KVM");
	assert_int_equal(ev[0].pid, 4242);
	assert_int_equal(ev[0].cpu, 1);
	assert_int_equal(known_mask(&ev[0], TRE_NWORDS),
			 (1 << TRE_VCPU) | (1 << TRE_PC) | (1 << TRE_PENDING) | (1 << TRE_CEDED));
	assert_int_equal(ev[0].w[TRE_PC], 0x400000);

	/* kvm_guest_exit: trap, pc, msr, ceded; no registers */
	assert_int_equal(ev[1].type, HV_TR_GUEST_EXIT);
	assert_int_equal(ev[1].nwords, TRX_NWORDS);
	assert_int_equal(ev[1].w[TRX_TRAP], 0x980);
	assert_int_equal(ev[1].w[TRX_MSR], 0x8000000000001000ULL);
	assert_int_equal(known_mask(&ev[1], TRX_NWORDS),
			 (1 << TRX_VCPU) | (1 << TRX_TRAP) | (1 << TRX_PC) | (1 << TRX_MSR) |
			 (1 << TRX_CEDED));

	/* kvm_hcall_enter: hcall=H_ENTER GPR4-7=... */
	assert_int_equal(ev[4].type, HV_TR_HCALL_ENTER);
	assert_int_equal(ev[4].w[TRH_REQ], 0x08);
	assert_int_equal(ev[4].w[TRH_ARG0 + 2], 0x4001001);
	assert_int_equal(known_mask(&ev[4], TRH_NWORDS), 0x3f);

	/* kvm_hcall_exit: ret=RESUME_GUEST hcall_rc=H_SUCCESS; no req, no results */
	assert_int_equal(ev[5].type, HV_TR_HCALL_EXIT);
	assert_int_equal(known_mask(&ev[5], TRHX_NWORDS),
			 (1 << TRHX_VCPU) | (1 << TRHX_RET) | (1 << TRHX_WHERE));
	assert_int_equal(ev[5].w[TRHX_WHERE], 0);
	assert_int_equal(ev[13].w[TRHX_RET], (uint64_t)-7);	/* H_NOT_FOUND */

	/* kvm_page_fault_enter: ea and DSISR; hpte=, guest=, slot= have no word */
	assert_int_equal(ev[16].type, HV_TR_PAGE_FAULT);
	assert_int_equal(ev[16].w[TRP_EA], 0x12345000);
	assert_int_equal(ev[16].w[TRP_DSISR], 0x40000000);
	assert_int_equal(known_mask(&ev[16], TRP_NWORDS),
			 (1 << TRP_VCPU) | (1 << TRP_EA) | (1 << TRP_DSISR));

	/* RESUME_HOST: the kernel prints H_TOO_HARD whatever r3 was: not known */
	assert_int_equal(ev[24].type, HV_TR_HCALL_EXIT);
	assert_int_equal(ev[24].w[TRHX_WHERE], 1);
	assert_false(p7trace_known(&ev[24], TRHX_RET));

	/* kvmppc_run_vcpu_exit: VCPU 0: exit=19, ret=0 */
	assert_int_equal(ev[25].type, HV_TR_USER_EXIT);
	assert_int_equal(ev[25].w[TRU_REASON], 19);
	assert_int_equal(known_mask(&ev[25], TRU_NWORDS), (1 << TRU_VCPU) | (1 << TRU_REASON));
	assert_int_equal(p7trace_next(r, &ev[0]), 0);
	p7trace_close(r);
}

/* perf script prints the same events with "comm pid" and "kvm_hv:" prefixes. */
static void test_perf_script_equals_trace_cmd(void **state)
{
	struct p7trace_reader *a = open_text(synth_trace_cmd_text);
	struct p7trace_reader *b = open_text(synth_perf_script_text);
	struct p7trace_event ea, eb;
	unsigned int n = 0;
	int ra, rb, what;

	while ((ra = p7trace_next(a, &ea)) > 0 && (rb = p7trace_next(b, &eb)) > 0) {
		if (p7trace_event_cmp(&ea, &eb, P7TRACE_CMP_TIME, &what))
			fail_msg("event %u differs at %d", n, what);
		assert_int_equal(ea.known, eb.known);
		assert_string_equal(eb.comm, "CPU 0/KVM");
		assert_int_equal(eb.pid, 4242);
		n++;
	}
	assert_int_equal(n, SYNTH_TEXT_EVENTS);
	assert_int_equal(p7trace_next(b, &eb), 0);
	assert_string_equal(p7trace_header(b)->flavour, "perf script");
	assert_int_equal(p7trace_ignored_lines(b), SYNTH_TEXT_IGNORED);
	p7trace_close(a);
	p7trace_close(b);
}

/*
 * Other shapes of the same lines: the ftrace buffer with its latency column
 * and comment header, CRLF line ends, nanosecond timestamps, perf script
 * without task or time columns, values the importer's tables lack.
 */
static void test_line_variants(void **state)
{
	struct p7trace_event ev;
	struct p7trace_reader *r;

	ev = nth("# tracer: nop\n#\n#           TASK-PID     CPU#  |||||  TIMESTAMP  FUNCTION\n"
		 "       CPU 1/KVM-4243    [002] d..2.  77.000000123: kvm_guest_exit: VCPU 1: "
		 "trap=H_EMUL_ASSIST pc=0xc000000000001234 msr=0x8000000000009033, ceded=1\n", 0);
	assert_int_equal(ev.type, HV_TR_GUEST_EXIT);
	assert_int_equal(ev.w[TRX_VCPU], 1);
	assert_int_equal(ev.w[TRX_TRAP], 0xe40);
	assert_int_equal(ev.w[TRX_CEDED], 1);
	assert_int_equal(ev.time, 77000000123ULL);
	assert_int_equal(ev.cpu, 2);
	assert_int_equal(ev.pid, 4243);
	assert_string_equal(ev.comm, "CPU 1/KVM");
	r = open_text("       CPU 1/KVM-4243    [002] d..2.  77.000000123: kvm_guest_exit: VCPU 1: trap=0xe60\n");
	assert_int_equal(p7trace_next(r, &ev), 1);
	assert_string_equal(p7trace_header(r)->flavour, "ftrace");
	assert_int_equal(p7trace_header(r)->time_decimals, 9);
	assert_int_equal(ev.w[TRX_TRAP], 0xe60);	/* HMI: not in the kernel's table */
	p7trace_close(r);

	ev = nth("cpus=1\r\n qemu-1 [000] 1.5: kvm_hcall_enter: VCPU 0: hcall=H_WATCHDOG "
		 "GPR4-7=0x1,0x2,0x3,0x4\r\n", 0);
	assert_int_equal(ev.type, HV_TR_HCALL_ENTER);
	assert_false(p7trace_known(&ev, TRH_REQ));	/* a newer kernel's name: unknown */
	assert_int_equal(ev.w[TRH_ARG0 + 3], 4);
	assert_int_equal(ev.time, 1500000000ULL);

	ev = nth("kvm_hv:kvm_hcall_enter: VCPU 3: hcall=0x45c GPR4-7=0x0,0x0,0x0,0x0\n", 0);
	assert_int_equal(ev.w[TRH_REQ], 0x45c);
	assert_int_equal(ev.w[TRH_VCPU], 3);
	assert_false(ev.flags & P7TRACE_EV_TIME);
	assert_false(ev.flags & P7TRACE_EV_TASK);

	/* The generic kvm:kvm_userspace_exit: a reason, no vcpu; "restart" is no exit. */
	r = open_text(" qemu 9 [000] 2.0: kvm:kvm_userspace_exit: reason restart (4)\n"
		      " qemu 9 [000] 2.1: kvm:kvm_userspace_exit: reason KVM_EXIT_PAPR_HCALL (19)\n"
		      " qemu 9 [000] 2.2: kvm_pr:kvm_guest_exit: VCPU 0: trap=SYSCALL\n");
	assert_int_equal(p7trace_next(r, &ev), 1);
	assert_int_equal(ev.type, HV_TR_USER_EXIT);
	assert_int_equal(ev.w[TRU_REASON], 19);
	assert_false(p7trace_known(&ev, TRU_VCPU));
	assert_int_equal(ev.line, 2);
	assert_int_equal(p7trace_next(r, &ev), 0);	/* kvm_pr: not kvm_hv */
	assert_int_equal(p7trace_ignored_lines(r), 1);
	p7trace_close(r);
}

/* A malformed kvm_hv line is an error naming the line, its offset and the field. */
static void test_malformed_lines(void **state)
{
	static const struct {
		const char *text;
		enum p7trace_errcode code;
		const char *msg;
	} bad[] = {
		{ "x [0] 1.0: kvm_guest_exit: VCPU zero: trap=SYSCALL\n", P7TRACE_E_TEXT,
		  "line 2, offset 5: kvm_guest_exit: expected 'VCPU n:', got 'VCPU zero: trap=SYSCALL'" },
		{ "x [0] 1.0: kvm_hcall_enter: VCPU 0: hcall=H_ENTER GPR4-7=0x1,0x2,0x3\n",
		  P7TRACE_E_TEXT, "kvm_hcall_enter: bad GPR4-7 '0x1,0x2,0x3'" },
		{ "x [0] 1.0: kvm_guest_enter: VCPU 0: pc=0xzz pexcp=0x0 ceded=0\n", P7TRACE_E_TEXT,
		  "kvm_guest_enter: cannot parse 'pc=0xzz'" },
		{ "x [0] 1.0: kvm_page_fault_enter: VCPU 0: ea=0x1000,4g\n", P7TRACE_E_TEXT,
		  "kvm_page_fault_enter: bad ea '0x1000,4g'" },
		{ "x [0] 1.0: kvm_hcall_exit: VCPU 0: ret=RESUME_GUEST hcall_rc=-x\n", P7TRACE_E_TEXT,
		  "cannot parse 'hcall_rc=-x'" },
		{ "x [0] 1.0: kvm:kvm_userspace_exit: reason KVM_EXIT_MMIO\n", P7TRACE_E_TEXT,
		  "expected 'reason NAME (N)'" },
		{ "x [0] 1.0: kvm_guest_enter: VCPU 5000: pc=0x0\n", P7TRACE_E_VCPU,
		  "vcpu 5000 beyond the 1024" },
		{ "x [0] 1.0: kvm_guest_enter: VCPU 99999999999999999999: pc=0x0\n", P7TRACE_E_TEXT,
		  "expected 'VCPU n:'" },
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char text[256];
		struct p7trace_reader *r;
		struct p7trace_event ev;

		snprintf(text, sizeof(text), "#hdr\n%s", bad[i].text);
		r = open_text(text);
		assert_int_equal(p7trace_next(r, &ev), -1);
		if (p7trace_errcode(r) != bad[i].code || !strstr(p7trace_error(r), bad[i].msg) ||
		    p7trace_error_offset(r) != 5)
			fail_msg("case %zu: code %d offset %llu \"%s\", expected code %d \"...%s...\"", i,
				 p7trace_errcode(r), (unsigned long long)p7trace_error_offset(r),
				 p7trace_error(r), bad[i].code, bad[i].msg);
		p7trace_close(r);
	}
}

/*
 * p7trace dump's lines import back: every field a line shows is known again
 * with its value, so a dump can stand in for the binary trace (the importer
 * reads the dump format exactly; the fuzz target checks the same on mutated
 * traces).
 */
static void test_dump_reimports(void **state)
{
	struct p7trace_reader *a, *b;
	struct p7trace_event ea, eb;
	struct synth s;
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	unsigned int n = 0;
	int what;

	assert_int_equal(synth_trace(&s, SYNTH_BASE), 0);
	a = p7trace_open_mem(s.buf, s.len);
	assert_int_equal(p7trace_dump(f, stderr, a, 0), P7TRACE_EXIT_OK);
	fclose(f);
	p7trace_rewind(a);
	b = p7trace_open_mem(text, len);
	while (p7trace_next(a, &ea) > 0) {
		assert_int_equal(p7trace_next(b, &eb), 1);
		if (p7trace_event_cmp(&ea, &eb, 0, &what))
			fail_msg("event %u differs at %d", n, what);
		n++;
	}
	assert_int_equal(p7trace_next(b, &eb), 0);
	assert_int_equal(n, SYNTH_BASE_EVENTS);
	p7trace_rewind(b);
	/* kvm_hcall_exit shows req= too; the first H_REMOVE: */
	for (unsigned int i = 0; i <= SYNTH_RC_EVENT; i++)
		assert_int_equal(p7trace_next(b, &eb), 1);
	assert_int_equal(eb.type, HV_TR_HCALL_EXIT);
	assert_true(p7trace_known(&eb, TRHX_REQ));
	assert_int_equal(eb.w[TRHX_REQ], 0x04);
	assert_true(p7trace_known(&eb, TRHX_RET));
	/* the time column is simulated seconds: 30030 instructions at 512 MHz, 1 tick each */
	assert_int_equal(eb.time, 58652);
	p7trace_close(a);
	p7trace_close(b);
	free(text);
	free(s.buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_trace_cmd_sample),
		cmocka_unit_test(test_perf_script_equals_trace_cmd),
		cmocka_unit_test(test_line_variants),
		cmocka_unit_test(test_malformed_lines),
		cmocka_unit_test(test_dump_reimports),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
