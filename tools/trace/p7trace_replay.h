/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * p7trace_replay: re-drive an HV core from a trace alone (no guest code
 * runs) and compare what it does with what the trace recorded.
 *
 * The framework walks the trace and rebuilds, from the records alone, each
 * vcpu's register state (the words of kvm_guest_exit, updated by the hcall
 * results, entries, injections) and the HPT (from the HPTE change records,
 * checking each record's "before" against what the trace itself wrote
 * there; an entry it never wrote holds what set-up put there).  At
 * each replay point it calls the HV core through struct p7trace_replay_ops
 * (and, between them, hands it the R/C bits the guest's references set,
 * HV_TR_HW_RC):
 *
 *   - exit:  a complete kvm_guest_exit record (p7trace files).  The core's
 *            exit handler runs on the recorded state; the "unit" to compare
 *            is every record of that vcpu after the exit up to and including
 *            its next kvm_guest_enter, or kvm_userspace_exit when the exit
 *            went to the VMM (what the VMM answers is not the core's doing);
 *   - hcall: a kvm_hcall_enter outside any exit unit (imported text, which
 *            has no registers for the exit handler, or a core connected
 *            only at its hcall dispatcher).  The unit ends at kvm_hcall_exit;
 *            from text only that record is compared, on the fields the text
 *            has (return code, and whether the hcall went to userspace).
 *
 * The hook emits the trace events the core produces through emit(), the
 * same signature as the hv_trace() sink (p7trace_sink), and the framework
 * compares them with the recorded unit record by record, word by word
 * (time and sequence numbers excepted).  The first difference is printed
 * with the recorded and replayed fields side by side.
 */
#ifndef P7TRACE_REPLAY_H
#define P7TRACE_REPLAY_H

#include "p7trace.h"

struct p7trace_replay;

/* Same shape as hv_trace()'s sink: payload = len / 8 u64 words in host order. */
typedef void p7trace_emit_fn(void *ctx, uint32_t type, const void *payload, uint32_t len);

/* What a hook returns. */
enum {
	P7TRACE_REPLAY_DONE = 0,	/* replayed: compare what was emitted */
	P7TRACE_REPLAY_SKIP = 1,	/* cannot replay this one (inputs missing): did nothing */
	/* < 0: the core failed; replay stops with an error */
};

struct p7trace_replay_ops {
	const char *name;
	/* A fresh machine as the header describes it: empty HPT, vcpus reset. */
	int (*start)(void *ctx, const struct p7trace_header *hdr);
	/*
	 * Load one HPTE (guest view) as the trace has it: called for HPTE
	 * changes recorded outside a replayed unit (set-up, skipped units) so
	 * the core's HPT follows the trace.  May be NULL.
	 */
	int (*set_hpte)(void *ctx, uint64_t index, uint64_t v, uint64_t r);
	/*
	 * Set the hardware R and C of one HPTE (HPTE_R_R | HPTE_R_C in @rc):
	 * what the guest's references did to it (HV_TR_HW_RC), before the
	 * core's next decision reads them.  May be NULL.
	 */
	int (*set_rc)(void *ctx, uint64_t index, uint64_t rc);
	/*
	 * A ceded vcpu woke up outside any replayed unit (HV_TR_CEDE 0: the
	 * VMM ran it again after a HV_EXIT_CEDED): what the run loop's entry
	 * did then, which no later record says (a pending H_PROD is used up).
	 * May be NULL.
	 */
	int (*woke)(void *ctx, uint32_t vcpu);
	/* Feed one recorded guest exit (all words known) to the exit handler. */
	int (*exit)(void *ctx, struct p7trace_replay *rp, uint32_t vcpu,
		    const struct p7trace_event *exit, p7trace_emit_fn *emit, void *ectx);
	/* Feed one recorded hcall (kvm_hcall_enter; maybe partly known) to the dispatcher. */
	int (*hcall)(void *ctx, struct p7trace_replay *rp, uint32_t vcpu,
		     const struct p7trace_event *enter, p7trace_emit_fn *emit, void *ectx);
	void (*finish)(void *ctx);
};

/* A vcpu's state rebuilt from the trace, in the word order of kvm_guest_exit. */
struct p7trace_vcpu_state {
	uint64_t known;			/* bit i: regs[i] came from the trace */
	uint64_t regs[TRX_NWORDS];	/* TRX_PC, TRX_MSR, TRX_GPR0 + n, ... */
	uint64_t pending;		/* pexcp of the last kvm_guest_enter */
	bool pending_known;
};

const struct p7trace_header *p7trace_replay_header(const struct p7trace_replay *rp);
/* NULL for a vcpu id beyond P7TRACE_MAX_VCPUS. */
const struct p7trace_vcpu_state *p7trace_replay_vcpu(const struct p7trace_replay *rp,
						       uint32_t vcpu);

/* One HPTE as the trace leaves it: guest V, guest R, hardware V, hardware R. */
struct p7trace_hpte {
	uint64_t index;
	uint64_t v, r, hw_v, hw_r;
};

/* 1 and *e filled when the trace wrote the entry, 0 when it did not (all zero). */
int p7trace_replay_hpte(const struct p7trace_replay *rp, uint64_t index, struct p7trace_hpte *e);
/* Calls fn for every entry the trace wrote, in no particular order; stops on non-zero. */
int p7trace_replay_hpt_foreach(const struct p7trace_replay *rp,
			       int (*fn)(void *ctx, const struct p7trace_hpte *e), void *ctx);

struct p7trace_replay_result {
	int status;			/* P7TRACE_EXIT_* */
	uint64_t events;		/* events read */
	uint64_t compared;		/* recorded events compared with replayed ones */
	uint64_t exits, hcalls;		/* replay points the trace offers */
	uint64_t exits_replayed, hcalls_replayed;
	uint64_t exits_no_state;	/* exits without registers (imported text) */
	uint64_t exits_skipped, hcalls_skipped;	/* the core said it could not */
	uint64_t unclosed;		/* text: hcalls whose kvm_hcall_exit is missing */
	uint64_t divergence;		/* event index of the first difference */
};

/*
 * Replays a trace.  ops NULL: not connected; the trace is still read whole
 * and its state rebuilt (so a bad or inconsistent trace is reported), and
 * the result says what would have been replayed.  Prints the outcome on
 * out, problems with the trace on err; returns res->status: OK, DIFFERENT,
 * BAD_INPUT (malformed or inconsistent trace, or a hook error) or
 * NOT_CONNECTED.
 */
int p7trace_replay_run(struct p7trace_reader *r, const struct p7trace_replay_ops *ops, void *ctx,
		       FILE *out, FILE *err, struct p7trace_replay_result *res);

/*
 * The HV core behind `p7trace replay` (tools/p7trace/replay_backend.c):
 * returns its ops and context, or NULL while no core is connected.
 */
const struct p7trace_replay_ops *p7trace_replay_backend(void **ctx);

#endif /* P7TRACE_REPLAY_H */
