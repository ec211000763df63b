// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of p7trace dump, stat and diff (tools/trace/{format,dump,stat,
 * diff}.c) on small synthetic traces built with the writer: the exact lines
 * and table rows, and the exit codes.
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

struct outbuf {
	char *text;
	size_t len;
	FILE *f;
};

static void out_open(struct outbuf *o)
{
	o->text = NULL;
	o->len = 0;
	o->f = open_memstream(&o->text, &o->len);
	assert_non_null(o->f);
}

static void out_close(struct outbuf *o)
{
	fclose(o->f);
}

static void expect_line(const struct outbuf *o, const char *line)
{
	if (!strstr(o->text, line))
		fail_msg("missing \"%s\" in:\n%s", line, o->text);
}

static struct p7trace_reader *open_synth(struct synth *s, enum synth_variant v)
{
	assert_int_equal(synth_trace(s, v), 0);
	return p7trace_open_mem(s->buf, s->len);
}

/*
 * dump: a "#" header, then perf script lines with the kernel's formats; the
 * records without a kernel tracepoint under "p7:"; simulated seconds in the
 * time column (instructions with --raw-time).
 */
static void test_dump_lines(void **state)
{
	struct synth s;
	struct p7trace_reader *r = open_synth(&s, SYNTH_BASE);
	struct outbuf o, e;

	out_open(&o);
	out_open(&e);
	assert_int_equal(p7trace_dump(o.f, e.f, r, 0), P7TRACE_EXIT_OK);
	out_close(&o);
	out_close(&e);
	assert_int_equal(e.len, 0);
	expect_line(&o, "# p7trace version 1: cores=1 mem=0x10000000 hpt_order=18 tb_freq=512000000 "
		    "tb_per_64k_insns=65536 seed=1\n"
		    "# options: p7sim --mem 256M --trace synth.p7t tests/guests/synth.elf\n");
	expect_line(&o, "           p7sim      0 [000]  0.000000000: kvm_hv:kvm_guest_enter: "
		    "VCPU 0: pc=0x400000 pexcp=0x0 ceded=0 msr=0x8000000000001000\n");
	expect_line(&o, "  0.000019531: kvm_hv:kvm_guest_exit: VCPU 0: trap=HV_DECREMENTER "
		    "pc=0x400100 msr=0x8000000000001000, ceded=0\n");
	expect_line(&o, ": kvm_hv:kvm_hcall_enter: VCPU 0: hcall=H_ENTER "
		    "GPR4-7=0x0,0x40,0x4001001,0x1000190\n");
	expect_line(&o, ": p7:hpte: VCPU 0: index=0x40 v_old=0x0 r_old=0x0 v_new=0x4001001 "
		    "r_new=0x1000190 hw_v=0x4001001 hw_r=0x41000190\n");
	expect_line(&o, ": kvm_hv:kvm_hcall_exit: VCPU 0: ret=RESUME_GUEST hcall_rc=H_NOT_FOUND "
		    "req=H_REMOVE\n");
	expect_line(&o, ": kvm_hv:kvm_page_fault_enter: VCPU 0: ea=0x12345000,40000000 "
		    "trap=H_DATA_STORAGE pc=0x400500\n");
	expect_line(&o, ": p7:inject: VCPU 0: vec=DATA_STORAGE srr0=0x400500 "
		    "srr1=0x8000000000009032\n");
	expect_line(&o, ": p7:cede: VCPU 0: ceded=1 wake_tb=0x1ea60\n");
	expect_line(&o, ": kvm:kvm_userspace_exit: reason KVM_EXIT_HLT (5) vcpu=0 detail=0x1ea60\n");
	expect_line(&o, ": kvm:kvm_userspace_exit: reason KVM_EXIT_PAPR_HCALL (19) vcpu=0 "
		    "detail=0x58\n");
	expect_line(&o, ": kvm_hv:kvm_hcall_exit: VCPU 0: ret=RESUME_HOST hcall_rc=H_SUCCESS "
		    "req=H_PUT_TERM_CHAR\n");
	free(o.text);
	free(e.text);

	/* -v: every word; --raw-time: instructions */
	p7trace_rewind(r);
	out_open(&o);
	assert_int_equal(p7trace_dump(o.f, stderr, r, P7TRACE_DUMP_VERBOSE | P7TRACE_FMT_RAW_TIME),
			 0);
	out_close(&o);
	expect_line(&o, "        10000: kvm_hv:kvm_guest_exit: VCPU 0: trap=HV_DECREMENTER");
	expect_line(&o, "    vcpu=0  trap=0x980 HV_DECREMENTER  pc=0x400100  msr=0x8000000000001000\n");
	expect_line(&o, "    dec_expires=0x12710  lr=0x4000e0  ctr=0x0  cr=0x20000000\n");
	expect_line(&o, "    vcpu=0  req=0x4 H_REMOVE  hcall_rc=-7 H_NOT_FOUND  where=0 RESUME_GUEST\n");
	free(o.text);
	p7trace_close(r);
	free(s.buf);
}

/* dump of a trace cut short: the events before the cut, then the one-line error, exit 2. */
static void test_dump_truncated(void **state)
{
	struct synth s;
	struct p7trace_reader *r;
	struct outbuf o, e;
	size_t cut;

	assert_int_equal(synth_trace(&s, SYNTH_BASE), 0);
	cut = synth_record_offset(&s, 3) + 30;
	r = p7trace_open_mem(s.buf, cut);
	out_open(&o);
	out_open(&e);
	assert_int_equal(p7trace_dump(o.f, e.f, r, 0), P7TRACE_EXIT_BAD_INPUT);
	out_close(&o);
	out_close(&e);
	expect_line(&o, "kvm_hv:kvm_guest_enter: VCPU 0: pc=0x400100");
	assert_null(strstr(o.text, "SYSCALL"));
	assert_string_equal(e.text, "p7trace: <memory>: offset 656: truncated record: "
			    "kvm_guest_exit record of 49 words (392 bytes), the file has 14\n");
	free(o.text);
	free(e.text);
	p7trace_close(r);
	free(s.buf);
}

/*
 * stat: exits by trap and hcalls by number, sorted by samples; an exit's
 * time runs to the next kvm_guest_enter, an hcall's to its kvm_hcall_exit;
 * simulated microseconds (1 instruction = 1 TB tick at 512 MHz).
 */
static void test_stat_table(void **state)
{
	struct synth s;
	struct p7trace_reader *r = open_synth(&s, SYNTH_BASE);
	struct outbuf o;

	out_open(&o);
	assert_int_equal(p7trace_stat(o.f, stderr, r, -1), P7TRACE_EXIT_OK);
	out_close(&o);
	expect_line(&o, "Analyze events for all VMs, all VCPUs:\n\n"
		    "             VM-EXIT    Samples  Samples%     Time%    Min Time    Max Time"
		    "         Avg time\n\n");
	/* 5 SYSCALLs: 40, 40, 30, 10020 (cede: to the wake-up) and 10000 (to the VMM) */
	expect_line(&o, "             SYSCALL          5    71.43%    99.36%      0.06us     19.57us"
		    "      7.86us ( +-  60.68% )\n");
	expect_line(&o, "      HV_DECREMENTER          1    14.29%     0.49%      0.20us      0.20us"
		    "      0.20us ( +-   0.00% )\n");
	expect_line(&o, "Total Samples:7, Total events handled time:39.57us.\n");
	/* H_PUT_TERM_CHAR's time includes the VMM's: 85000 - 80010 */
	expect_line(&o, "     H_PUT_TERM_CHAR          1    20.00%    98.62%      9.75us      9.75us"
		    "      9.75us ( +-   0.00% )\n");
	expect_line(&o, "            H_REMOVE          2    40.00%     0.59%      0.02us      0.04us");
	expect_line(&o, "Total Samples:5, Total events handled time:9.88us.\n");
	free(o.text);
	p7trace_close(r);
	free(s.buf);
}

/* stat --vcpu, and a trace without a time base: times in instructions. */
static void test_stat_vcpu_and_units(void **state)
{
	struct p7trace_config cfg = synth_config;
	uint64_t exit[TRX_NWORDS] = { [TRX_TRAP] = 0xe60 }, enter[TRE_NWORDS] = { 0 };
	const uint64_t *words[] = { exit, enter };
	uint32_t types[] = { HV_TR_GUEST_EXIT, HV_TR_GUEST_ENTER }, nw[] = { TRX_NWORDS, TRE_NWORDS };
	struct p7trace_reader *r;
	struct outbuf o;
	struct synth s;

	r = open_synth(&s, SYNTH_SMP);
	out_open(&o);
	assert_int_equal(p7trace_stat(o.f, stderr, r, 1), P7TRACE_EXIT_OK);
	out_close(&o);
	expect_line(&o, "Analyze events for all VMs, VCPU 1:\n");
	expect_line(&o, "             SYSCALL          1    50.00%");
	expect_line(&o, "             H_ENTER          1   100.00%");
	free(o.text);
	p7trace_close(r);
	free(s.buf);

	cfg.tb_freq = 0;
	assert_int_equal(synth_records(&s, &cfg, 2, types, words, nw), 0);
	r = p7trace_open_mem(s.buf, s.len);
	out_open(&o);
	assert_int_equal(p7trace_stat(o.f, stderr, r, -1), P7TRACE_EXIT_OK);
	out_close(&o);
	/* 0xe60 (HMI) is not in the kernel's table: printed in hex */
	expect_line(&o, "               0xe60          1   100.00%   100.00%    1000insn    1000insn");
	expect_line(&o, "Times are in instructions");
	free(o.text);
	p7trace_close(r);
	free(s.buf);
}

/* diff: identical traces exit 0; a changed return code exits 1 at the right event. */
static void test_diff(void **state)
{
	struct synth a, b;
	struct p7trace_reader *ra = open_synth(&a, SYNTH_BASE), *rb = open_synth(&b, SYNTH_RC_CHANGED);
	struct p7trace_reader *rc;
	struct outbuf o;

	out_open(&o);
	assert_int_equal(p7trace_diff(o.f, stderr, ra, rb, 2, 0),
			 P7TRACE_EXIT_DIFFERENT);
	out_close(&o);
	expect_line(&o, "--- A: <memory>\n+++ B: <memory>\nfirst difference at event 11: hcall_rc\n");
	/* two events of context before, A's and B's version, the fields, two after */
	expect_line(&o, "  #9      ");
	expect_line(&o, "  #10     ");
	assert_null(strstr(o.text, "  #8 "));
	expect_line(&o, "- #11                p7sim      0 [000]  0.000058652: kvm_hv:kvm_hcall_exit: "
		    "VCPU 0: ret=RESUME_GUEST hcall_rc=H_SUCCESS req=H_REMOVE\n");
	expect_line(&o, "+ #11                p7sim      0 [000]  0.000058652: kvm_hv:kvm_hcall_exit: "
		    "VCPU 0: ret=RESUME_GUEST hcall_rc=H_NOT_FOUND req=H_REMOVE\n");
	expect_line(&o, "    * hcall_rc     0 H_SUCCESS                    -7 H_NOT_FOUND\n");
	expect_line(&o, "    * r4           0x4001001                      0x0\n");
	expect_line(&o, "      req          0x4 H_REMOVE                   0x4 H_REMOVE\n");
	expect_line(&o, "- #13 ");
	expect_line(&o, "+ #13 ");
	assert_null(strstr(o.text, "#14"));
	free(o.text);

	/* the same trace twice */
	p7trace_rewind(ra);
	rc = p7trace_open_mem(a.buf, a.len);
	out_open(&o);
	assert_int_equal(p7trace_diff(o.f, stderr, ra, rc, 3, 0), P7TRACE_EXIT_OK);
	out_close(&o);
	expect_line(&o, "identical: 33 events\n");
	free(o.text);
	p7trace_close(rc);
	p7trace_close(ra);
	p7trace_close(rb);
	free(a.buf);
	free(b.buf);
}

/*
 * diff: a trace that stops early, one shifted in time (and --no-time), a
 * different machine (a note, not a difference), a bad trace (exit 2).
 */
static void test_diff_edges(void **state)
{
	struct synth a, c;
	struct p7trace_reader *ra, *rb;
	struct outbuf o, e;

	assert_int_equal(synth_trace(&a, SYNTH_BASE), 0);

	/* B stops after 10 records (cut, and closed there) */
	ra = p7trace_open_mem(a.buf, a.len);
	{
		uint32_t types[10], nw[10];
		const uint64_t *words[10];
		struct p7trace_event ev[10];

		for (int i = 0; i < 10; i++) {
			assert_int_equal(p7trace_next(ra, &ev[i]), 1);
			types[i] = ev[i].type;
			nw[i] = ev[i].nwords;
			words[i] = ev[i].w;
		}
		assert_int_equal(synth_records(&c, NULL, 10, types, words, nw), 0);
	}
	p7trace_rewind(ra);
	rb = p7trace_open_mem(c.buf, c.len);
	out_open(&o);
	/* synth_records times records 1000 * (i + 1): they differ from event 0 */
	assert_int_equal(p7trace_diff(o.f, stderr, ra, rb, 1, 0), P7TRACE_EXIT_DIFFERENT);
	out_close(&o);
	expect_line(&o, "first difference at event 0: the time\n");
	expect_line(&o, "    * time         0                              1000\n");
	free(o.text);
	p7trace_rewind(ra);
	p7trace_rewind(rb);
	out_open(&o);
	assert_int_equal(p7trace_diff(o.f, stderr, ra, rb, 1, P7TRACE_DIFF_NO_TIME),
			 P7TRACE_EXIT_DIFFERENT);
	out_close(&o);
	expect_line(&o, "first difference at event 10: B ends there\n");
	expect_line(&o, "- #10 ");
	expect_line(&o, "- #11 ");
	free(o.text);
	p7trace_close(rb);
	free(c.buf);

	/* another machine: a note only */
	c.buf = malloc(a.len);
	memcpy(c.buf, a.buf, a.len);
	synth_put_be(c.buf + 56, 2, 8);		/* seed; the CRC must follow */
	synth_put_be(c.buf + a.len - 8, p7trace_crc32(0, c.buf, a.len - 32), 8);
	rb = p7trace_open_mem(c.buf, a.len);
	p7trace_rewind(ra);
	out_open(&o);
	assert_int_equal(p7trace_diff(o.f, stderr, ra, rb, 1, 0), P7TRACE_EXIT_OK);
	out_close(&o);
	expect_line(&o, "note: the headers differ: seed 1 in A, 2 in B\nidentical: 33 events\n");
	free(o.text);
	p7trace_close(rb);

	/* a bad B */
	c.buf[0] = 'Q';
	rb = p7trace_open_mem(c.buf, a.len);
	p7trace_rewind(ra);
	out_open(&o);
	out_open(&e);
	assert_int_equal(p7trace_diff(o.f, e.f, ra, rb, 1, 0), P7TRACE_EXIT_BAD_INPUT);
	out_close(&o);
	out_close(&e);
	expect_line(&e, "p7trace: <memory>: offset 0: bad magic (51 37");
	free(o.text);
	free(e.text);
	p7trace_close(rb);
	p7trace_close(ra);
	free(c.buf);
	free(a.buf);
}

/* A p7trace file and the text of its dump are compared on what the text has. */
static void test_diff_binary_with_text(void **state)
{
	struct synth a;
	struct p7trace_reader *ra, *rb;
	struct outbuf d, o;

	ra = open_synth(&a, SYNTH_RC_CHANGED);
	out_open(&d);
	assert_int_equal(p7trace_dump(d.f, stderr, ra, 0), 0);
	out_close(&d);
	p7trace_close(ra);
	/* The dumped variant's buffer is done with: the base trace replaces it. */
	free(a.buf);
	assert_int_equal(synth_trace(&a, SYNTH_BASE), 0);
	ra = p7trace_open_mem(a.buf, a.len);
	rb = p7trace_open_mem(d.text, d.len);
	out_open(&o);
	assert_int_equal(p7trace_diff(o.f, stderr, ra, rb, 0, 0), P7TRACE_EXIT_DIFFERENT);
	out_close(&o);
	expect_line(&o, "note: comparing p7trace v1 with perf script: only the fields both have are "
		    "compared, time is not\n");
	expect_line(&o, "first difference at event 11: hcall_rc\n");
	/* the results r4.. are not in the text: shown unknown, not compared */
	expect_line(&o, "      r4           0x4001001                      ?\n");
	free(o.text);
	free(d.text);
	p7trace_close(ra);
	p7trace_close(rb);
	free(a.buf);
}

/* Names: the kernel's symbols both ways, hex for what its tables lack. */
static void test_names(void **state)
{
	uint64_t v;

	assert_string_equal(p7trace_trap_name(0x980), "HV_DECREMENTER");
	assert_null(p7trace_trap_name(0xe60));
	assert_string_equal(p7trace_hcall_name(0xf000), "H_RTAS");
	assert_string_equal(p7trace_hcall_rc_name((uint64_t)-4), "H_PARAMETER");
	assert_string_equal(p7trace_hcall_rc_name(9900), "H_LONG_BUSY_START_RANGE");
	assert_string_equal(p7trace_kvmret_name(2), "RESUME_HOST");
	assert_string_equal(p7trace_exit_reason_name(19), "KVM_EXIT_PAPR_HCALL");
	assert_int_equal(p7trace_hcall_value("H_DISABLE_AND_GETC", 18, &v), 0);
	assert_int_equal(v, 0x1b0);
	assert_int_equal(p7trace_trap_value("H_EMUL_ASSIST", 13, &v), 0);
	assert_int_equal(v, 0xe40);
	assert_int_equal(p7trace_hcall_rc_value("H_TOO_HARD", 10, &v), 0);
	assert_int_equal(v, 9999);
	assert_int_equal(p7trace_field_index(HV_TR_GUEST_EXIT, "r31", 3), TRX_GPR0 + 31);
	assert_int_equal(p7trace_field_index(HV_TR_HCALL_EXIT, "hcall_rc", 8), TRHX_RET);
	assert_int_equal(p7trace_field_index(HV_TR_HCALL_ENTER, "r12", 3), TRH_ARG0 + 8);
	assert_int_equal(p7trace_field_index(HV_TR_HPTE, "nope", 4), -1);
	for (uint32_t t = HV_TR_GUEST_ENTER; t < HV_TR_MAX; t++) {
		assert_non_null(p7trace_event_name(t));
		for (unsigned int i = 0; i < p7trace_nfields(t); i++)
			assert_non_null(p7trace_field_name(t, i));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dump_lines),
		cmocka_unit_test(test_dump_truncated),
		cmocka_unit_test(test_stat_table),
		cmocka_unit_test(test_stat_vcpu_and_units),
		cmocka_unit_test(test_diff),
		cmocka_unit_test(test_diff_edges),
		cmocka_unit_test(test_diff_binary_with_text),
		cmocka_unit_test(test_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
