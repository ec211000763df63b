// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of the replay framework (tools/trace/replay.c) with a toy HV
 * core behind struct p7trace_replay_ops: a few lines of H_ENTER / H_REMOVE /
 * H_CEDE / HDEC / HDSI handling that behaves like hv/ does on the synthetic
 * guest, and the same toy with one deliberate change (H_REMOVE of an absent
 * entry returns H_PARAMETER instead of H_NOT_FOUND).  The framework must
 * find the toy identical to the trace, and the changed toy diverging at the
 * right event with both versions side by side.  The real HV core connects
 * through the same ops (tools/p7trace/replay_backend.c).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "p7trace_replay.h"
#include "trace_synth.h"

#define H_SUCCESS	0
#define H_TOO_HARD	9999
#define H_PARAMETER	((uint64_t)-4)
#define H_NOT_FOUND	((uint64_t)-7)
#define H_PTEG_FULL	((uint64_t)-6)

struct toy {
	bool buggy;		/* H_REMOVE of an absent entry: H_PARAMETER */
	bool drop_enter;	/* forget the kvm_guest_enter after an HDEC */
	bool extra_event;	/* an HPTE change too many after H_ENTER */
	bool skip_h_enter;	/* cannot replay H_ENTER: SKIP */
	bool fail;		/* the core fails */
	uint64_t v[1024], r[1024];
	unsigned int starts, set_hptes, set_rcs, wakes, exits, hcalls, finishes;
	uint64_t rc_index, rc_bits;	/* the last set_rc */
	/* what the hooks saw of the rebuilt state */
	uint64_t seen_hpte_v, seen_r3;
	bool seen_r8_known;
	unsigned int seen_hpt_entries;
};

static void emit_words(p7trace_emit_fn *emit, void *ectx, uint32_t type, const uint64_t *w,
		       unsigned int n)
{
	emit(ectx, type, w, n * 8);
}

static int toy_start(void *ctx, const struct p7trace_header *h)
{
	struct toy *t = ctx;

	memset(t->v, 0, sizeof(t->v));
	memset(t->r, 0, sizeof(t->r));
	t->starts++;
	return h->cfg.hpt_order == 0 || h->cfg.hpt_order == 18 ? 0 : -1;
}

static int toy_set_hpte(void *ctx, uint64_t index, uint64_t v, uint64_t r)
{
	struct toy *t = ctx;

	if (index >= 1024)
		return -1;
	t->v[index] = v;
	t->r[index] = r;
	t->set_hptes++;
	return 0;
}

static int toy_set_rc(void *ctx, uint64_t index, uint64_t rc)
{
	struct toy *t = ctx;

	t->set_rcs++;
	t->rc_index = index;
	t->rc_bits = rc;
	return 0;
}

static int toy_woke(void *ctx, uint32_t vcpu)
{
	((struct toy *)ctx)->wakes += vcpu + 1;
	return 0;
}

static void toy_finish(void *ctx)
{
	((struct toy *)ctx)->finishes++;
}

/* The hcall dispatcher: H_ENTER, H_REMOVE, H_CEDE in the kernel, the rest to userspace. */
static uint64_t toy_dispatch(struct toy *t, uint64_t vcpu, uint64_t req, const uint64_t *args,
			     uint64_t *res, p7trace_emit_fn *emit, void *ectx, bool *user)
{
	uint64_t ptex = args[1], h[TRT_NWORDS] = { vcpu, ptex };

	*user = false;
	switch (req) {
	case 0x08:	/* H_ENTER: flags, ptex, pteh, ptel */
		if (ptex >= 1024 || (t->v[ptex] & 1))
			return H_PTEG_FULL;
		h[TRT_V_NEW] = h[TRT_HW_V] = args[2];
		h[TRT_R_NEW] = args[3];
		h[TRT_HW_R] = args[3] + 0x40000000;
		emit_words(emit, ectx, HV_TR_HPTE, h, TRT_NWORDS);
		if (t->extra_event)
			emit_words(emit, ectx, HV_TR_HPTE, h, TRT_NWORDS);
		t->v[ptex] = args[2];
		t->r[ptex] = args[3];
		res[0] = ptex;
		return H_SUCCESS;
	case 0x04:	/* H_REMOVE: flags, ptex, avpn */
		if (ptex >= 1024 || !(t->v[ptex] & 1))
			return t->buggy ? H_PARAMETER : H_NOT_FOUND;
		h[TRT_V_OLD] = res[0] = t->v[ptex];
		h[TRT_R_OLD] = res[1] = t->r[ptex];
		emit_words(emit, ectx, HV_TR_HPTE, h, TRT_NWORDS);
		t->v[ptex] = t->r[ptex] = 0;
		return H_SUCCESS;
	case 0xe0:	/* H_CEDE */
		return H_SUCCESS;
	default:
		*user = true;
		return H_TOO_HARD;
	}
}

/* The exit handler, shaped like hv_handle_exit() + the run loop up to the next entry. */
static int toy_exit(void *ctx, struct p7trace_replay *rp, uint32_t vcpu,
		    const struct p7trace_event *ex, p7trace_emit_fn *emit, void *ectx)
{
	struct toy *t = ctx;
	const uint64_t *w = ex->w;
	uint64_t enter[TRE_NWORDS] = { vcpu, w[TRX_PC], w[TRX_MSR], 0, 0 };
	struct p7trace_hpte e;

	t->exits++;
	if (t->fail)
		return -1;
	/* The rebuilt state is the exit record's, and the HPT the trace's so far. */
	t->seen_r3 = p7trace_replay_vcpu(rp, vcpu)->regs[TRX_GPR0 + 3];
	if (p7trace_replay_hpte(rp, 0x40, &e))
		t->seen_hpte_v = e.v;

	switch (w[TRX_TRAP]) {
	case 0x980:
		if (!t->drop_enter)
			emit_words(emit, ectx, HV_TR_GUEST_ENTER, enter, TRE_NWORDS);
		return P7TRACE_REPLAY_DONE;
	case 0xe00: {
		uint64_t pf[TRP_NWORDS] = { vcpu, 0xe00, w[TRX_PC], w[TRX_HDAR], w[TRX_HDSISR] };
		uint64_t inj[TRI_NWORDS] = { vcpu, 0x300, w[TRX_PC], w[TRX_MSR] };

		emit_words(emit, ectx, HV_TR_PAGE_FAULT, pf, TRP_NWORDS);
		emit_words(emit, ectx, HV_TR_INJECT, inj, TRI_NWORDS);
		enter[TRE_PC] = 0x300;
		enter[TRE_MSR] = 0x8000000000001000ULL;
		emit_words(emit, ectx, HV_TR_GUEST_ENTER, enter, TRE_NWORDS);
		return P7TRACE_REPLAY_DONE;
	}
	case 0xc00: {
		uint64_t he[TRH_NWORDS] = { vcpu, w[TRX_GPR0 + 3] }, hx[TRHX_NWORDS] = { vcpu };
		uint64_t req = w[TRX_GPR0 + 3], ret, res[9] = { 0 };
		bool user;

		if (req == 0x08 && t->skip_h_enter)
			return P7TRACE_REPLAY_SKIP;
		memcpy(&he[TRH_ARG0], &w[TRX_GPR0 + 4], 9 * 8);
		emit_words(emit, ectx, HV_TR_HCALL_ENTER, he, TRH_NWORDS);
		ret = toy_dispatch(t, vcpu, req, &w[TRX_GPR0 + 4], res, emit, ectx, &user);
		if (user) {
			uint64_t u[TRU_NWORDS] = { vcpu, 19, req };

			emit_words(emit, ectx, HV_TR_USER_EXIT, u, TRU_NWORDS);
			return P7TRACE_REPLAY_DONE;
		}
		if (req == 0xe0) {
			uint64_t c[TRC_NWORDS] = { vcpu, 1, w[TRX_DEC_EXPIRES] };

			emit_words(emit, ectx, HV_TR_CEDE, c, TRC_NWORDS);
		}
		hx[TRHX_REQ] = req;
		hx[TRHX_RET] = ret;
		memcpy(&hx[TRHX_RES0], res, sizeof(res));
		emit_words(emit, ectx, HV_TR_HCALL_EXIT, hx, TRHX_NWORDS);
		if (req == 0xe0) {
			uint64_t u[TRU_NWORDS] = { vcpu, 5, w[TRX_DEC_EXPIRES] };

			emit_words(emit, ectx, HV_TR_USER_EXIT, u, TRU_NWORDS);
			return P7TRACE_REPLAY_DONE;
		}
		emit_words(emit, ectx, HV_TR_GUEST_ENTER, enter, TRE_NWORDS);
		return P7TRACE_REPLAY_DONE;
	}
	}
	return P7TRACE_REPLAY_SKIP;
}

static int count_entry(void *ctx, const struct p7trace_hpte *e)
{
	(*(unsigned int *)ctx)++;
	return 0;
}

/* The dispatcher alone (imported text): inputs from the rebuilt vcpu state. */
static int toy_hcall(void *ctx, struct p7trace_replay *rp, uint32_t vcpu,
		     const struct p7trace_event *en, p7trace_emit_fn *emit, void *ectx)
{
	struct toy *t = ctx;
	const struct p7trace_vcpu_state *s = p7trace_replay_vcpu(rp, vcpu);
	uint64_t hx[TRHX_NWORDS] = { vcpu }, args[9] = { 0 }, res[9] = { 0 }, req;
	bool user;

	t->hcalls++;
	t->seen_r8_known = (s->known >> (TRX_GPR0 + 8)) & 1;
	t->seen_hpt_entries = 0;
	p7trace_replay_hpt_foreach(rp, count_entry, &t->seen_hpt_entries);
	for (int i = 3; i <= 7; i++)
		if (!((s->known >> (TRX_GPR0 + i)) & 1))
			return P7TRACE_REPLAY_SKIP;	/* r3..r7: what our hcalls read */
	req = s->regs[TRX_GPR0 + 3];
	for (int i = 0; i < 4; i++)
		args[i] = s->regs[TRX_GPR0 + 4 + i];
	hx[TRHX_REQ] = req;
	hx[TRHX_RET] = toy_dispatch(t, vcpu, req, args, res, emit, ectx, &user);
	hx[TRHX_WHERE] = user;		/* the kernel's RESUME_HOST */
	memcpy(&hx[TRHX_RES0], res, sizeof(res));
	emit_words(emit, ectx, HV_TR_HCALL_EXIT, hx, TRHX_NWORDS);
	return P7TRACE_REPLAY_DONE;
}

static const struct p7trace_replay_ops toy_ops = {
	.name = "toy core",
	.start = toy_start,
	.set_hpte = toy_set_hpte,
	.set_rc = toy_set_rc,
	.woke = toy_woke,
	.exit = toy_exit,
	.hcall = toy_hcall,
	.finish = toy_finish,
};

struct run {
	struct p7trace_replay_result res;
	char *out, *err;
	size_t out_len, err_len;
	int rc;
};

static void replay(struct run *x, const void *buf, size_t len, const struct p7trace_replay_ops *ops,
		   struct toy *t)
{
	struct p7trace_reader *r = p7trace_open_mem(buf, len);
	FILE *out = open_memstream(&x->out, &x->out_len), *err = open_memstream(&x->err, &x->err_len);

	assert_non_null(r);
	x->rc = p7trace_replay_run(r, ops, t, out, err, &x->res);
	fclose(out);
	fclose(err);
	p7trace_close(r);
}

static void run_free(struct run *x)
{
	free(x->out);
	free(x->err);
}

static void expect(const char *text, const char *what)
{
	if (!strstr(text, what))
		fail_msg("missing \"%s\" in:\n%s", what, text);
}

/*
 * The toy core does what the trace recorded: every exit replayed, every
 * record of every unit compared, identical; the hooks saw the rebuilt state.
 */
static void test_identical(void **state)
{
	struct toy t = { 0 };
	struct synth s;
	struct run x;

	assert_int_equal(synth_trace(&s, SYNTH_BASE), 0);
	replay(&x, s.buf, s.len, &toy_ops, &t);
	if (x.rc)
		fail_msg("rc %d:\n%s%s", x.rc, x.out, x.err);
	assert_int_equal(x.res.status, P7TRACE_EXIT_OK);
	assert_int_equal(x.res.events, SYNTH_BASE_EVENTS);
	assert_int_equal(x.res.exits, 7);
	assert_int_equal(x.res.exits_replayed, 7);
	/* 1 (HDEC) + 4 + 4 (H_ENTER, H_REMOVE) + 3 + 3 (H_REMOVE absent, HDSI) + 4 + 2 */
	assert_int_equal(x.res.compared, 21);
	assert_int_equal(t.starts, 1);
	assert_int_equal(t.finishes, 1);
	assert_int_equal(t.set_hptes, 0);	/* no HPTE change outside a replayed exit */
	expect(x.out, "p7trace replay: <memory>: identical: 7 exits and 0 hcalls replayed, "
	       "21 events compared\n");
	assert_int_equal(x.err_len, 0);
	/* The last exit (H_PUT_TERM_CHAR): r3 from the exit; 0x40 was removed again. */
	assert_int_equal(t.seen_r3, 0x58);
	assert_int_equal(t.seen_hpte_v, 0);
	run_free(&x);
	free(s.buf);
}

/*
 * One behaviour change: H_REMOVE of an absent entry returns H_PARAMETER.
 * Replay stops at the kvm_hcall_exit of the second H_REMOVE (event 15, in
 * the unit of the exit at event 13) and shows both versions.
 */
static void test_divergence(void **state)
{
	struct toy t = { .buggy = true };
	struct synth s;
	struct run x;

	assert_int_equal(synth_trace(&s, SYNTH_BASE), 0);
	replay(&x, s.buf, s.len, &toy_ops, &t);
	assert_int_equal(x.rc, P7TRACE_EXIT_DIFFERENT);
	assert_int_equal(x.res.divergence, 15);
	expect(x.out, "p7trace replay: <memory>: first divergence at event 15 (offset 2704), vcpu 0: "
	       "recorded and replayed differ\n");
	expect(x.out, "  replaying the exit of event 13:\n");
	expect(x.out, "kvm_hv:kvm_guest_exit: VCPU 0: trap=SYSCALL pc=0x400404");
	expect(x.out, "  recorded: kvm_hv:kvm_hcall_exit: VCPU 0: ret=RESUME_GUEST "
	       "hcall_rc=H_NOT_FOUND req=H_REMOVE\n");
	expect(x.out, "  replayed: kvm_hv:kvm_hcall_exit: VCPU 0: ret=RESUME_GUEST "
	       "hcall_rc=H_PARAMETER req=H_REMOVE\n");
	expect(x.out, "      field        recorded                       replayed\n");
	expect(x.out, "    * hcall_rc     -7 H_NOT_FOUND                 -4 H_PARAMETER\n");
	expect(x.out, "      req          0x4 H_REMOVE                   0x4 H_REMOVE\n");
	assert_null(strstr(x.out, "identical"));
	assert_int_equal(t.finishes, 1);
	run_free(&x);
	free(s.buf);
}

/* A core that emits less, or more, than the trace recorded for an exit. */
static void test_unit_length(void **state)
{
	struct toy t = { .drop_enter = true };
	struct synth s;
	struct run x;

	assert_int_equal(synth_trace(&s, SYNTH_BASE), 0);
	replay(&x, s.buf, s.len, &toy_ops, &t);
	assert_int_equal(x.rc, P7TRACE_EXIT_DIFFERENT);
	expect(x.out, "first divergence at event 2 (offset 600), vcpu 0: the replay emitted "
	       "nothing more\n");
	expect(x.out, "  replayed: (nothing)\n");
	run_free(&x);

	t = (struct toy){ .extra_event = true };
	replay(&x, s.buf, s.len, &toy_ops, &t);
	assert_int_equal(x.rc, P7TRACE_EXIT_DIFFERENT);
	expect(x.out, "first divergence at event 6 (offset 1248), vcpu 0: recorded and replayed "
	       "differ\n");
	expect(x.out, "    * event        kvm_hcall_exit                 hpte\n");
	run_free(&x);
	free(s.buf);
}

/*
 * A core that cannot replay an exit says SKIP: the exit is not checked, its
 * recorded HPTE changes are loaded into the core (set_hpte), and the next
 * exits, which read that entry, replay identically.
 */
static void test_skip_follows_trace(void **state)
{
	struct toy t = { .skip_h_enter = true };
	struct synth s;
	struct run x;

	assert_int_equal(synth_trace(&s, SYNTH_BASE), 0);
	replay(&x, s.buf, s.len, &toy_ops, &t);
	if (x.rc)
		fail_msg("rc %d:\n%s%s", x.rc, x.out, x.err);
	assert_int_equal(x.res.exits_skipped, 1);
	assert_int_equal(x.res.exits_replayed, 6);
	assert_int_equal(t.set_hptes, 1);
	expect(x.out, "identical: 6 exits and 0 hcalls replayed, 17 events compared\n");
	expect(x.out, "  not checked: 0 exits without register state in the trace, 1 exits and 0 "
	       "hcalls the toy core could not replay");
	run_free(&x);
	free(s.buf);
}

/*
 * Imported text has no registers: exits are counted, hcalls go to the
 * dispatcher with r3..r7 from kvm_hcall_enter, and only each hcall's
 * kvm_hcall_exit is compared, on the fields the text has.
 */
static void test_text(void **state)
{
	const char *text = synth_trace_cmd_text;
	struct toy t = { 0 };
	struct run x;

	replay(&x, text, strlen(text), &toy_ops, &t);
	if (x.rc)
		fail_msg("rc %d:\n%s%s", x.rc, x.out, x.err);
	assert_int_equal(x.res.exits_no_state, 7);
	assert_int_equal(x.res.hcalls_replayed, 5);
	assert_int_equal(x.res.compared, 5);
	assert_int_equal(t.exits, 0);
	assert_false(t.seen_r8_known);
	assert_int_equal(t.seen_hpt_entries, 0);	/* the text has no HPTE changes */
	expect(x.out, "identical: 0 exits and 5 hcalls replayed, 5 events compared\n"
	       "  not checked: 7 exits without register state in the trace");
	expect(x.out, "from imported text only each hcall's return code and whether it went to "
	       "userspace are compared\n");
	run_free(&x);

	t = (struct toy){ .buggy = true };
	replay(&x, text, strlen(text), &toy_ops, &t);
	assert_int_equal(x.rc, P7TRACE_EXIT_DIFFERENT);
	expect(x.out, "first divergence at event 13 (offset ");
	expect(x.out, ", line 16), vcpu 0: recorded and replayed differ\n");
	expect(x.out, "  replaying the hcall of event 12:\n");
	expect(x.out, "    * hcall_rc     -7 H_NOT_FOUND                 -4 H_PARAMETER\n");
	/* what the text does not have is shown as unknown, not compared */
	expect(x.out, "      req          ?                              0x4 H_REMOVE\n");
	run_free(&x);
}

/*
 * Not connected (no ops): the trace is read, its state rebuilt, and the
 * result says so with exit code 77, the same as `p7trace replay` today.
 */
static void test_not_connected(void **state)
{
	struct synth s;
	struct run x;

	assert_int_equal(synth_trace(&s, SYNTH_SMP), 0);
	replay(&x, s.buf, s.len, NULL, NULL);
	assert_int_equal(x.rc, P7TRACE_EXIT_NOT_CONNECTED);
	assert_int_equal(x.res.exits, 4);
	expect(x.out, "p7trace replay: <memory>: not connected: no HV core is linked into this "
	       "p7trace");
	expect(x.out, "rebuilt consistently over 15 events.\n"
	       "  It offers 4 exits with full register state for the exit handler");
	run_free(&x);
	free(s.buf);
}

/*
 * An HPTE change whose "before" is not what the trace itself wrote there
 * means records are missing: refused as an inconsistent trace.  An entry
 * the trace never wrote may hold anything set-up put there (the VRMA).
 */
static void test_inconsistent_trace(void **state)
{
	uint64_t a[TRT_NWORDS] = { 0, 0x10, 0x0, 0x0, 0x5, 0x6, 0x5, 0x6 };
	uint64_t b[TRT_NWORDS] = { 0, 0x10, 0x7, 0x8, 0x0, 0x0, 0x0, 0x0 };
	uint64_t vrma[TRT_NWORDS] = { 0, 0x20, 0x4001, 0x1, 0x0, 0x0, 0x0, 0x0 };
	uint64_t far[TRT_NWORDS] = { 0, 1ULL << 20 };
	const uint64_t *words[] = { vrma, a, b };
	uint32_t types[] = { HV_TR_HPTE, HV_TR_HPTE, HV_TR_HPTE };
	uint32_t nw[] = { TRT_NWORDS, TRT_NWORDS, TRT_NWORDS };
	struct toy t = { 0 };
	struct synth s;
	struct run x;

	assert_int_equal(synth_records(&s, NULL, 3, types, words, nw), 0);
	replay(&x, s.buf, s.len, &toy_ops, &t);
	assert_int_equal(x.rc, P7TRACE_EXIT_BAD_INPUT);
	expect(x.err, "p7trace: <memory>: offset 296: event 2: inconsistent trace: HPTE 0x10 was "
	       "0x5:0x6 by the trace so far, the record says it was 0x7:0x8");
	assert_int_equal(t.set_hptes, 2);	/* the VRMA entry and a */
	run_free(&x);
	free(s.buf);

	words[0] = far;
	assert_int_equal(synth_records(&s, NULL, 1, types, words, nw), 0);
	replay(&x, s.buf, s.len, NULL, NULL);
	assert_int_equal(x.rc, P7TRACE_EXIT_BAD_INPUT);
	expect(x.err, "HPTE index 0x100000 beyond the 16384 entries of an order-18 HPT");
	run_free(&x);
	free(s.buf);
}

/*
 * The R/C a guest run left (HV_TR_HW_RC) go into the core before its next
 * decision, only the R and C bits of them; the rebuilt HPT has them in its
 * hardware dword 1.  An index beyond the HPT is refused like an HPTE's.  A
 * wake-up from cede outside a unit (HV_TR_CEDE 0) goes to woke(), a cede
 * (1) does not.
 */
static void test_hw_rc(void **state)
{
	uint64_t a[TRT_NWORDS] = { 0, 0x10, 0x0, 0x0, 0x5, 0x6, 0x5, 0x6 };
	uint64_t rc[TRR_NWORDS] = { 0, 0x10, 0x180 | 0x7 };
	uint64_t far[TRR_NWORDS] = { 0, 1ULL << 20, 0x100 };
	uint64_t woke[TRC_NWORDS] = { 0, 0, 0x1234 }, ceded[TRC_NWORDS] = { 0, 1, 0x1234 };
	const uint64_t *words[] = { a, rc, woke, ceded };
	uint32_t types[] = { HV_TR_HPTE, HV_TR_HW_RC, HV_TR_CEDE, HV_TR_CEDE };
	uint32_t nw[] = { TRT_NWORDS, TRR_NWORDS, TRC_NWORDS, TRC_NWORDS };
	struct toy t = { 0 };
	struct synth s;
	struct run x;

	assert_int_equal(synth_records(&s, NULL, 4, types, words, nw), 0);
	replay(&x, s.buf, s.len, &toy_ops, &t);
	if (x.rc)
		fail_msg("rc %d:\n%s%s", x.rc, x.out, x.err);
	assert_int_equal(t.wakes, 1);		/* vcpu 0, once */
	assert_int_equal(t.set_hptes, 1);
	assert_int_equal(t.set_rcs, 1);
	assert_int_equal(t.rc_index, 0x10);
	assert_int_equal(t.rc_bits, 0x180);
	run_free(&x);
	free(s.buf);

	words[0] = far;
	types[0] = HV_TR_HW_RC;
	nw[0] = TRR_NWORDS;
	assert_int_equal(synth_records(&s, NULL, 1, types, words, nw), 0);
	replay(&x, s.buf, s.len, NULL, NULL);
	assert_int_equal(x.rc, P7TRACE_EXIT_BAD_INPUT);
	expect(x.err, "R/C of HPTE index 0x100000 beyond the 16384 entries of an order-18 HPT");
	run_free(&x);
	free(s.buf);
}

/*
 * The per-vcpu state grows with the ids the trace names: an hcall of vcpu
 * 1023, the highest the tools accept, after one of vcpu 2 reaches the hook
 * with its own registers, and the trace ending inside both units is noted
 * for each.
 */
static void test_high_vcpu_id(void **state)
{
	struct p7trace_config cfg = synth_config;
	uint64_t low[TRH_NWORDS] = { 2, 0x4, 0, 0, 0, 0, 0, 0, 0, 0, 0 };
	uint64_t high[TRH_NWORDS] = { 1023, 0x4, 0, 0, 0, 0, 0, 0, 0, 0, 0 };
	const uint64_t *words[] = { low, high };
	uint32_t types[] = { HV_TR_HCALL_ENTER, HV_TR_HCALL_ENTER };
	uint32_t nw[] = { TRH_NWORDS, TRH_NWORDS };
	struct toy t = { 0 };
	struct synth s;
	struct run x;

	cfg.cores = P7TRACE_MAX_VCPUS;
	assert_int_equal(synth_records(&s, &cfg, 2, types, words, nw), 0);
	replay(&x, s.buf, s.len, &toy_ops, &t);
	if (x.rc)
		fail_msg("rc %d:\n%s%s", x.rc, x.out, x.err);
	assert_int_equal(t.hcalls, 2);
	assert_true(t.seen_r8_known);
	expect(x.out, "the trace ends inside the hcall of event 0 (vcpu 2)");
	expect(x.out, "the trace ends inside the hcall of event 1 (vcpu 1023)");
	run_free(&x);
	free(s.buf);
}

/* A core that fails, or cannot start: an error, not a divergence. */
static void test_core_errors(void **state)
{
	struct p7trace_config cfg = synth_config;
	uint64_t enter[TRE_NWORDS] = { 0 };
	const uint64_t *words[] = { enter };
	uint32_t types[] = { HV_TR_GUEST_ENTER }, nw[] = { TRE_NWORDS };
	struct toy t = { .fail = true };
	struct synth s;
	struct run x;

	assert_int_equal(synth_trace(&s, SYNTH_BASE), 0);
	replay(&x, s.buf, s.len, &toy_ops, &t);
	assert_int_equal(x.rc, P7TRACE_EXIT_BAD_INPUT);
	expect(x.err, "p7trace replay: <memory>: event 1: the toy core failed\n");
	run_free(&x);
	free(s.buf);

	cfg.hpt_order = 24;	/* the toy only does order 18 */
	assert_int_equal(synth_records(&s, &cfg, 1, types, words, nw), 0);
	t = (struct toy){ 0 };
	replay(&x, s.buf, s.len, &toy_ops, &t);
	assert_int_equal(x.rc, P7TRACE_EXIT_BAD_INPUT);
	expect(x.err, "the toy core could not start a machine");
	run_free(&x);
	free(s.buf);

	/* a bad trace is refused before anything is replayed */
	assert_int_equal(synth_trace(&s, SYNTH_BASE), 0);
	t = (struct toy){ 0 };
	replay(&x, s.buf, s.len - 1, &toy_ops, &t);
	assert_int_equal(x.rc, P7TRACE_EXIT_BAD_INPUT);
	assert_int_equal(t.starts, 0);
	expect(x.err, "truncated record");
	run_free(&x);
	free(s.buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_identical),
		cmocka_unit_test(test_divergence),
		cmocka_unit_test(test_unit_length),
		cmocka_unit_test(test_skip_follows_trace),
		cmocka_unit_test(test_text),
		cmocka_unit_test(test_not_connected),
		cmocka_unit_test(test_inconsistent_trace),
		cmocka_unit_test(test_hw_rc),
		cmocka_unit_test(test_high_vcpu_id),
		cmocka_unit_test(test_core_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
