// SPDX-License-Identifier: GPL-2.0-only
/*
 * Synthetic traces for the trace tool tests (trace_synth.h).
 *
 * The binary ones are written with the real writer (tools/trace/writer.c)
 * into memory.  The text ones follow the kernel's TP_printk formats
 * (arch/powerpc/kvm/trace_hv.h) and the line layout of `trace-cmd report`
 * and `perf script`; QEMU names its vcpu threads "CPU n/KVM".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "trace_synth.h"

const struct p7trace_config synth_config = {
	.cores = 1,
	.mem_bytes = 256ULL << 20,
	.hpt_order = 18,
	.tb_freq = 512000000,
	.tb_per_64k = 65536,		/* one TB tick per instruction */
	.seed = 1,
	.options = "p7sim --mem 256M --trace synth.p7t tests/guests/synth.elf",
};

#define MSR_REAL	0x8000000000001000ULL	/* SF | ME: real mode */
#define MSR_VIRT	0x8000000000009032ULL	/* SF | EE | ME | IR | DR | RI */
#define MSR_EE		0x8000ULL
#define PTEH		0x4001001ULL
#define PTEL		0x1000190ULL
#define HW_PTEL		0x41000190ULL	/* the host's real address: never identity */

struct gen {
	struct p7trace_writer *w;
	uint64_t t;		/* the SMP variant's running clock */
};

static void rec(struct gen *g, uint64_t t, uint32_t type, const uint64_t *w, uint32_t n)
{
	p7trace_writer_append(g->w, type, t, w, n);
}

static void enter(struct gen *g, uint64_t t, uint64_t vcpu, uint64_t pc, uint64_t msr)
{
	uint64_t w[TRE_NWORDS] = { [TRE_VCPU] = vcpu, [TRE_PC] = pc, [TRE_MSR] = msr };

	rec(g, t, HV_TR_GUEST_ENTER, w, TRE_NWORDS);
}

/* An exit with a plausible register file: r1 a stack, r2 a TOC, r3..r7 given. */
static void exit_(struct gen *g, uint64_t t, uint64_t vcpu, uint64_t trap, uint64_t pc,
		  uint64_t msr, const uint64_t r3_7[5], uint64_t hdar, uint64_t hdsisr)
{
	uint64_t w[TRX_NWORDS] = { 0 };

	w[TRX_VCPU] = vcpu;
	w[TRX_TRAP] = trap;
	w[TRX_PC] = pc;
	w[TRX_MSR] = msr;
	w[TRX_SRR0] = 0x400010;
	w[TRX_SRR1] = MSR_REAL;
	w[TRX_HDAR] = hdar;
	w[TRX_HDSISR] = hdsisr;
	w[TRX_HEIR] = 0x7c0004ac;
	w[TRX_DEC_EXPIRES] = t + 0x10000;
	w[TRX_LR] = pc - 0x20;
	w[TRX_CTR] = 0;
	w[TRX_CR] = 0x20000000;
	w[TRX_XER] = 0;
	w[TRX_GPR0 + 1] = 0x7ff0 + 0x100 * vcpu;
	w[TRX_GPR0 + 2] = 0x408000;
	for (int i = 0; i < 5; i++)
		w[TRX_GPR0 + 3 + i] = r3_7 ? r3_7[i] : 0;
	rec(g, t, HV_TR_GUEST_EXIT, w, TRX_NWORDS);
}

static void hcall_enter(struct gen *g, uint64_t t, uint64_t vcpu, const uint64_t r3_7[5])
{
	uint64_t w[TRH_NWORDS] = { [TRH_VCPU] = vcpu, [TRH_REQ] = r3_7[0] };

	for (int i = 0; i < 4; i++)
		w[TRH_ARG0 + i] = r3_7[1 + i];
	rec(g, t, HV_TR_HCALL_ENTER, w, TRH_NWORDS);
}

static void hcall_exit(struct gen *g, uint64_t t, uint64_t vcpu, uint64_t req, int64_t ret,
		       uint64_t where, uint64_t r4, uint64_t r5)
{
	uint64_t w[TRHX_NWORDS] = {
		[TRHX_VCPU] = vcpu, [TRHX_REQ] = req, [TRHX_RET] = (uint64_t)ret,
		[TRHX_WHERE] = where, [TRHX_RES0] = r4, [TRHX_RES0 + 1] = r5,
	};

	rec(g, t, HV_TR_HCALL_EXIT, w, TRHX_NWORDS);
}

static void hpte(struct gen *g, uint64_t t, uint64_t vcpu, uint64_t index, uint64_t v_old,
		 uint64_t r_old, uint64_t v_new, uint64_t r_new, uint64_t hw_r)
{
	uint64_t w[TRT_NWORDS] = {
		[TRT_VCPU] = vcpu, [TRT_INDEX] = index, [TRT_V_OLD] = v_old, [TRT_R_OLD] = r_old,
		[TRT_V_NEW] = v_new, [TRT_R_NEW] = r_new, [TRT_HW_V] = v_new, [TRT_HW_R] = hw_r,
	};

	rec(g, t, HV_TR_HPTE, w, TRT_NWORDS);
}

/* The single-vcpu run (SYNTH_BASE_EVENTS records); rc_changed: the first H_REMOVE fails. */
static void base_run(struct gen *g, bool rc_changed)
{
	static const uint64_t h_enter[5] = { 0x08, 0, 0x40, PTEH, PTEL };
	static const uint64_t h_remove[5] = { 0x04, 0, 0x40, 0, 0 };
	static const uint64_t h_cede[5] = { 0xe0, 0, 0, 0, 0 };
	static const uint64_t h_put_term[5] = { 0x58, 0, 1, 0x4869000000000000ULL, 0 };
	uint64_t pf[TRP_NWORDS] = { 0, 0xe00, 0x400500, 0x12345000, 0x40000000 };
	uint64_t inj[TRI_NWORDS] = { 0, 0x300, 0x400500, MSR_VIRT };
	/* H_CEDE sleeps until the DEC expires: the exit's dec_expires. */
	uint64_t cede[TRC_NWORDS] = { 0, 1, 60000 + 0x10000 };
	uint64_t ceded[TRU_NWORDS] = { 0, 5, 60000 + 0x10000 };	/* HV_EXIT_CEDED */
	uint64_t uex[TRU_NWORDS] = { 0, 19, 0x58 };		/* KVM_EXIT_PAPR_HCALL */

	enter(g, 0, 0, 0x400000, MSR_REAL);					/* 0 */
	exit_(g, 10000, 0, 0x980, 0x400100, MSR_REAL, NULL, 0, 0);		/* 1 */
	enter(g, 10100, 0, 0x400100, MSR_REAL);					/* 2 */
	exit_(g, 20000, 0, 0xc00, 0x400204, MSR_VIRT, h_enter, 0, 0);		/* 3 */
	hcall_enter(g, 20010, 0, h_enter);					/* 4 */
	hpte(g, 20020, 0, 0x40, 0, 0, PTEH, PTEL, HW_PTEL);			/* 5 */
	hcall_exit(g, 20030, 0, 0x08, 0, 0, 0x40, 0);				/* 6 */
	enter(g, 20040, 0, 0x400204, MSR_VIRT);					/* 7 */
	exit_(g, 30000, 0, 0xc00, 0x400304, MSR_VIRT, h_remove, 0, 0);		/* 8 */
	hcall_enter(g, 30010, 0, h_remove);					/* 9 */
	hpte(g, 30020, 0, 0x40, PTEH, PTEL, 0, 0, 0);				/* 10 */
	if (rc_changed)
		hcall_exit(g, 30030, 0, 0x04, -7, 0, 0, 0);			/* 11 */
	else
		hcall_exit(g, 30030, 0, 0x04, 0, 0, PTEH, PTEL);		/* 11 */
	enter(g, 30040, 0, 0x400304, MSR_VIRT);					/* 12 */
	exit_(g, 40000, 0, 0xc00, 0x400404, MSR_VIRT, h_remove, 0, 0);		/* 13 */
	hcall_enter(g, 40010, 0, h_remove);					/* 14 */
	hcall_exit(g, 40020, 0, 0x04, -7, 0, 0, 0);				/* 15 */
	enter(g, 40030, 0, 0x400404, MSR_VIRT);					/* 16 */
	exit_(g, 50000, 0, 0xe00, 0x400500, MSR_VIRT, NULL, 0x12345000, 0x40000000); /* 17 */
	rec(g, 50010, HV_TR_PAGE_FAULT, pf, TRP_NWORDS);			/* 18 */
	rec(g, 50020, HV_TR_INJECT, inj, TRI_NWORDS);				/* 19 */
	enter(g, 50030, 0, 0x300, MSR_REAL);					/* 20 */
	exit_(g, 60000, 0, 0xc00, 0x400604, MSR_VIRT, h_cede, 0, 0);		/* 21 */
	hcall_enter(g, 60010, 0, h_cede);					/* 22 */
	rec(g, 60020, HV_TR_CEDE, cede, TRC_NWORDS);				/* 23 */
	hcall_exit(g, 60030, 0, 0xe0, 0, 0, 0, 0);				/* 24 */
	rec(g, 60040, HV_TR_USER_EXIT, ceded, TRU_NWORDS);			/* 25 */
	cede[TRC_STATE] = 0;
	cede[TRC_WAKE_TB] = 60000 + 0x10000;
	rec(g, 70000, HV_TR_CEDE, cede, TRC_NWORDS);				/* 26 */
	enter(g, 70020, 0, 0x400604, MSR_VIRT | MSR_EE);			/* 27 */
	/* To the VMM and back: the kvm_hcall_exit comes with its answer. */
	exit_(g, 80000, 0, 0xc00, 0x400704, MSR_VIRT, h_put_term, 0, 0);	/* 28 */
	hcall_enter(g, 80010, 0, h_put_term);					/* 29 */
	rec(g, 80020, HV_TR_USER_EXIT, uex, TRU_NWORDS);			/* 30 */
	hcall_exit(g, 85000, 0, 0x58, 0, 1, 0, 0);				/* 31 */
	enter(g, 90000, 0, 0x400704, MSR_VIRT);					/* 32 */
}

/* Two vcpus: vcpu 1 takes HDECs and makes an H_ENTER between vcpu 0's exits. */
static void smp_run(struct gen *g)
{
	static const uint64_t h_enter[5] = { 0x08, 0, 0x80, PTEH + 0x100, PTEL + 0x1000 };
	static const uint64_t h_remove[5] = { 0x04, 0, 0x40, 0, 0 };

	enter(g, g->t += 100, 0, 0x400000, MSR_REAL);
	enter(g, g->t += 100, 1, 0x400000, MSR_REAL);
	exit_(g, g->t += 100, 0, 0x980, 0x400100, MSR_REAL, NULL, 0, 0);
	exit_(g, g->t += 100, 1, 0xc00, 0x400204, MSR_VIRT, h_enter, 0, 0);
	hcall_enter(g, g->t += 10, 1, h_enter);
	enter(g, g->t += 10, 0, 0x400100, MSR_REAL);
	hpte(g, g->t += 10, 1, 0x80, 0, 0, PTEH + 0x100, PTEL + 0x1000, HW_PTEL + 0x1000);
	hcall_exit(g, g->t += 10, 1, 0x08, 0, 0, 0x80, 0);
	enter(g, g->t += 10, 1, 0x400204, MSR_VIRT);
	exit_(g, g->t += 100, 0, 0xc00, 0x400304, MSR_VIRT, h_remove, 0, 0);
	hcall_enter(g, g->t += 10, 0, h_remove);
	hcall_exit(g, g->t += 10, 0, 0x04, -7, 0, 0, 0);
	exit_(g, g->t += 10, 1, 0x980, 0x400300, MSR_VIRT, NULL, 0, 0);
	enter(g, g->t += 10, 0, 0x400304, MSR_VIRT);
	enter(g, g->t += 10, 1, 0x400300, MSR_VIRT);
}

int synth_trace(struct synth *s, enum synth_variant v)
{
	struct p7trace_config cfg = synth_config;
	struct gen g = { 0 };
	char err[200];
	FILE *f;

	s->buf = NULL;
	s->len = 0;
	f = open_memstream(&s->buf, &s->len);
	if (!f)
		return -1;
	if (v == SYNTH_SMP)
		cfg.cores = 2;
	g.w = p7trace_writer_stream(f, &cfg, err, sizeof(err));
	if (!g.w) {
		fclose(f);
		return -1;
	}
	if (v == SYNTH_BASE || v == SYNTH_RC_CHANGED)
		base_run(&g, v == SYNTH_RC_CHANGED);
	else if (v == SYNTH_SMP)
		smp_run(&g);
	if (p7trace_writer_close(g.w, err, sizeof(err))) {
		fclose(f);
		return -1;
	}
	return fclose(f) ? -1 : 0;
}

int synth_records(struct synth *s, const struct p7trace_config *cfg, unsigned int n,
		  const uint32_t *types, const uint64_t *const *words, const uint32_t *nwords)
{
	struct p7trace_writer *w;
	char err[200];
	FILE *f = open_memstream(&s->buf, &s->len);

	if (!f)
		return -1;
	w = p7trace_writer_stream(f, cfg ? cfg : &synth_config, err, sizeof(err));
	if (!w) {
		fclose(f);
		return -1;
	}
	for (unsigned int i = 0; i < n; i++)
		p7trace_writer_append(w, types[i], 1000 * (i + 1), words[i], nwords[i]);
	if (p7trace_writer_close(w, err, sizeof(err))) {
		fclose(f);
		return -1;
	}
	return fclose(f) ? -1 : 0;
}

void synth_put_be(char *p, uint64_t v, int bytes)
{
	for (int i = bytes - 1; i >= 0; i--) {
		p[i] = (char)(v & 0xff);
		v >>= 8;
	}
}

uint64_t synth_get_be(const char *p, int bytes)
{
	uint64_t v = 0;

	for (int i = 0; i < bytes; i++)
		v = (v << 8) | (uint8_t)p[i];
	return v;
}

size_t synth_record_offset(const struct synth *s, unsigned int i)
{
	size_t off = synth_get_be(s->buf + 12, 4);

	while (i--)
		off += P7TRACE_REC_HDR + 8 * synth_get_be(s->buf + off + 2, 2);
	return off;
}

/*
 * The same guest run as a POWER7 host's kernel would trace it: no records
 * for HPTE changes, injections and cedes (the kernel has no tracepoints for
 * them), kvm_page_fault_exit and kvmppc_run_core (which have no record of
 * ours), the kernel's order for a hcall that goes to userspace
 * (kvm_hcall_exit with RESUME_HOST before kvmppc_run_vcpu_exit), and H_CEDE
 * handled in the kernel.
 */
const char synth_trace_cmd_text[] =
	"version = 6\n"
	"cpus=4\n"
	"       CPU 0/KVM-4242  [001]  5123.402117: kvm_guest_enter:      VCPU 0: pc=0x400000 pexcp=0x0 ceded=0\n"
	"       CPU 0/KVM-4242  [001]  5123.402137: kvm_guest_exit:       VCPU 0: trap=HV_DECREMENTER pc=0x400100 msr=0x8000000000001000, ceded=0\n"
	"       CPU 0/KVM-4242  [001]  5123.402138: kvm_guest_enter:      VCPU 0: pc=0x400100 pexcp=0x0 ceded=0\n"
	"       CPU 0/KVM-4242  [001]  5123.402157: kvm_guest_exit:       VCPU 0: trap=SYSCALL pc=0x400204 msr=0x8000000000009032, ceded=0\n"
	"       CPU 0/KVM-4242  [001]  5123.402158: kvm_hcall_enter:      VCPU 0: hcall=H_ENTER GPR4-7=0x0,0x40,0x4001001,0x1000190\n"
	"       CPU 0/KVM-4242  [001]  5123.402160: kvm_hcall_exit:       VCPU 0: ret=RESUME_GUEST hcall_rc=H_SUCCESS\n"
	"       CPU 0/KVM-4242  [001]  5123.402161: kvm_guest_enter:      VCPU 0: pc=0x400204 pexcp=0x0 ceded=0\n"
	"       CPU 0/KVM-4242  [001]  5123.402177: kvm_guest_exit:       VCPU 0: trap=SYSCALL pc=0x400304 msr=0x8000000000009032, ceded=0\n"
	"       CPU 0/KVM-4242  [001]  5123.402178: kvm_hcall_enter:      VCPU 0: hcall=H_REMOVE GPR4-7=0x0,0x40,0x0,0x0\n"
	"       CPU 0/KVM-4242  [001]  5123.402180: kvm_hcall_exit:       VCPU 0: ret=RESUME_GUEST hcall_rc=H_SUCCESS\n"
	"       CPU 0/KVM-4242  [001]  5123.402181: kvm_guest_enter:      VCPU 0: pc=0x400304 pexcp=0x0 ceded=0\n"
	"       CPU 0/KVM-4242  [001]  5123.402197: kvm_guest_exit:       VCPU 0: trap=SYSCALL pc=0x400404 msr=0x8000000000009032, ceded=0\n"
	"       CPU 0/KVM-4242  [001]  5123.402198: kvm_hcall_enter:      VCPU 0: hcall=H_REMOVE GPR4-7=0x0,0x40,0x0,0x0\n"
	"       CPU 0/KVM-4242  [001]  5123.402199: kvm_hcall_exit:       VCPU 0: ret=RESUME_GUEST hcall_rc=H_NOT_FOUND\n"
	"       CPU 0/KVM-4242  [001]  5123.402200: kvm_guest_enter:      VCPU 0: pc=0x400404 pexcp=0x0 ceded=0\n"
	"       CPU 0/KVM-4242  [001]  5123.402217: kvm_guest_exit:       VCPU 0: trap=H_DATA_STORAGE pc=0x400500 msr=0x8000000000009032, ceded=0\n"
	"       CPU 0/KVM-4242  [001]  5123.402218: kvm_page_fault_enter: VCPU 0: hpte=0x0:0x0 guest=0x0 ea=0x12345000,40000000 slot=0xffffffffffffffff,0x0\n"
	"       CPU 0/KVM-4242  [001]  5123.402219: kvm_page_fault_exit:  VCPU 0: hpte=0x0:0x0 ret=0x0\n"
	"       CPU 0/KVM-4242  [001]  5123.402220: kvm_guest_enter:      VCPU 0: pc=0x300 pexcp=0x0 ceded=0\n"
	"       CPU 0/KVM-4242  [001]  5123.402237: kvm_guest_exit:       VCPU 0: trap=SYSCALL pc=0x400604 msr=0x8000000000009032, ceded=0\n"
	"       CPU 0/KVM-4242  [001]  5123.402238: kvm_hcall_enter:      VCPU 0: hcall=H_CEDE GPR4-7=0x0,0x0,0x0,0x0\n"
	"       CPU 0/KVM-4242  [001]  5123.402257: kvm_hcall_exit:       VCPU 0: ret=RESUME_GUEST hcall_rc=H_SUCCESS\n"
	"       CPU 0/KVM-4242  [001]  5123.402258: kvmppc_run_core:      Enter runner_vcpu==0 runnable=1 tgid=4240\n"
	"       CPU 0/KVM-4242  [001]  5123.402259: kvm_guest_enter:      VCPU 0: pc=0x400604 pexcp=0x0 ceded=0\n"
	"       CPU 0/KVM-4242  [001]  5123.402277: kvm_guest_exit:       VCPU 0: trap=SYSCALL pc=0x400704 msr=0x8000000000009032, ceded=0\n"
	"       CPU 0/KVM-4242  [001]  5123.402278: kvm_hcall_enter:      VCPU 0: hcall=H_PUT_TERM_CHAR GPR4-7=0x0,0x1,0x4869000000000000,0x0\n"
	"       CPU 0/KVM-4242  [001]  5123.402279: kvm_hcall_exit:       VCPU 0: ret=RESUME_HOST hcall_rc=H_TOO_HARD\n"
	"       CPU 0/KVM-4242  [001]  5123.402280: kvmppc_run_vcpu_exit: VCPU 0: exit=19, ret=0\n"
	"       CPU 0/KVM-4242  [001]  5123.402297: kvm_guest_enter:      VCPU 0: pc=0x400704 pexcp=0x0 ceded=0\n";

const char synth_perf_script_text[] =
	"       CPU 0/KVM  4242 [001]  5123.402117: kvm_hv:kvm_guest_enter: VCPU 0: pc=0x400000 pexcp=0x0 ceded=0\n"
	"       CPU 0/KVM  4242 [001]  5123.402137: kvm_hv:kvm_guest_exit: VCPU 0: trap=HV_DECREMENTER pc=0x400100 msr=0x8000000000001000, ceded=0\n"
	"       CPU 0/KVM  4242 [001]  5123.402138: kvm_hv:kvm_guest_enter: VCPU 0: pc=0x400100 pexcp=0x0 ceded=0\n"
	"       CPU 0/KVM  4242 [001]  5123.402157: kvm_hv:kvm_guest_exit: VCPU 0: trap=SYSCALL pc=0x400204 msr=0x8000000000009032, ceded=0\n"
	"       CPU 0/KVM  4242 [001]  5123.402158: kvm_hv:kvm_hcall_enter: VCPU 0: hcall=H_ENTER GPR4-7=0x0,0x40,0x4001001,0x1000190\n"
	"       CPU 0/KVM  4242 [001]  5123.402160: kvm_hv:kvm_hcall_exit: VCPU 0: ret=RESUME_GUEST hcall_rc=H_SUCCESS\n"
	"       CPU 0/KVM  4242 [001]  5123.402161: kvm_hv:kvm_guest_enter: VCPU 0: pc=0x400204 pexcp=0x0 ceded=0\n"
	"       CPU 0/KVM  4242 [001]  5123.402177: kvm_hv:kvm_guest_exit: VCPU 0: trap=SYSCALL pc=0x400304 msr=0x8000000000009032, ceded=0\n"
	"       CPU 0/KVM  4242 [001]  5123.402178: kvm_hv:kvm_hcall_enter: VCPU 0: hcall=H_REMOVE GPR4-7=0x0,0x40,0x0,0x0\n"
	"       CPU 0/KVM  4242 [001]  5123.402180: kvm_hv:kvm_hcall_exit: VCPU 0: ret=RESUME_GUEST hcall_rc=H_SUCCESS\n"
	"       CPU 0/KVM  4242 [001]  5123.402181: kvm_hv:kvm_guest_enter: VCPU 0: pc=0x400304 pexcp=0x0 ceded=0\n"
	"       CPU 0/KVM  4242 [001]  5123.402197: kvm_hv:kvm_guest_exit: VCPU 0: trap=SYSCALL pc=0x400404 msr=0x8000000000009032, ceded=0\n"
	"       CPU 0/KVM  4242 [001]  5123.402198: kvm_hv:kvm_hcall_enter: VCPU 0: hcall=H_REMOVE GPR4-7=0x0,0x40,0x0,0x0\n"
	"       CPU 0/KVM  4242 [001]  5123.402199: kvm_hv:kvm_hcall_exit: VCPU 0: ret=RESUME_GUEST hcall_rc=H_NOT_FOUND\n"
	"       CPU 0/KVM  4242 [001]  5123.402200: kvm_hv:kvm_guest_enter: VCPU 0: pc=0x400404 pexcp=0x0 ceded=0\n"
	"       CPU 0/KVM  4242 [001]  5123.402217: kvm_hv:kvm_guest_exit: VCPU 0: trap=H_DATA_STORAGE pc=0x400500 msr=0x8000000000009032, ceded=0\n"
	"       CPU 0/KVM  4242 [001]  5123.402218: kvm_hv:kvm_page_fault_enter: VCPU 0: hpte=0x0:0x0 guest=0x0 ea=0x12345000,40000000 slot=0xffffffffffffffff,0x0\n"
	"       CPU 0/KVM  4242 [001]  5123.402219: kvm_hv:kvm_page_fault_exit: VCPU 0: hpte=0x0:0x0 ret=0x0\n"
	"       CPU 0/KVM  4242 [001]  5123.402220: kvm_hv:kvm_guest_enter: VCPU 0: pc=0x300 pexcp=0x0 ceded=0\n"
	"       CPU 0/KVM  4242 [001]  5123.402237: kvm_hv:kvm_guest_exit: VCPU 0: trap=SYSCALL pc=0x400604 msr=0x8000000000009032, ceded=0\n"
	"       CPU 0/KVM  4242 [001]  5123.402238: kvm_hv:kvm_hcall_enter: VCPU 0: hcall=H_CEDE GPR4-7=0x0,0x0,0x0,0x0\n"
	"       CPU 0/KVM  4242 [001]  5123.402257: kvm_hv:kvm_hcall_exit: VCPU 0: ret=RESUME_GUEST hcall_rc=H_SUCCESS\n"
	"       CPU 0/KVM  4242 [001]  5123.402258: kvm_hv:kvmppc_run_core: Enter runner_vcpu==0 runnable=1 tgid=4240\n"
	"       CPU 0/KVM  4242 [001]  5123.402259: kvm_hv:kvm_guest_enter: VCPU 0: pc=0x400604 pexcp=0x0 ceded=0\n"
	"       CPU 0/KVM  4242 [001]  5123.402277: kvm_hv:kvm_guest_exit: VCPU 0: trap=SYSCALL pc=0x400704 msr=0x8000000000009032, ceded=0\n"
	"       CPU 0/KVM  4242 [001]  5123.402278: kvm_hv:kvm_hcall_enter: VCPU 0: hcall=H_PUT_TERM_CHAR GPR4-7=0x0,0x1,0x4869000000000000,0x0\n"
	"       CPU 0/KVM  4242 [001]  5123.402279: kvm_hv:kvm_hcall_exit: VCPU 0: ret=RESUME_HOST hcall_rc=H_TOO_HARD\n"
	"       CPU 0/KVM  4242 [001]  5123.402280: kvm_hv:kvmppc_run_vcpu_exit: VCPU 0: exit=19, ret=0\n"
	"       CPU 0/KVM  4242 [001]  5123.402297: kvm_hv:kvm_guest_enter: VCPU 0: pc=0x400704 pexcp=0x0 ceded=0\n";
