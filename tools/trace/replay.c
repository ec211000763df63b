// SPDX-License-Identifier: GPL-2.0-only
/*
 * The replay framework (p7trace_replay.h): state rebuilt from the trace,
 * replay units, record-by-record comparison and the divergence report.
 * The HV core is reached only through struct p7trace_replay_ops.
 */
#include <stdlib.h>
#include <string.h>

#include "p7trace_replay.h"
#include "trace_int.h"

/* A hook that emits more than this for one exit is running away. */
#define MAX_UNIT_EVENTS 65536
/* HPTE dword 1 R (0x100) and C (0x80), ISA 2.06 Book III-S 5.7.7.1. */
#define HPTE_RC_BITS	0x180ULL

enum unit_kind { UNIT_NONE, UNIT_EXIT, UNIT_HCALL };

struct unit {
	enum unit_kind kind;
	bool skipped;			/* the hook could not: follow the trace */
	bool end_only;			/* imported text: compare the closing record only */
	struct p7trace_event trigger;
	uint64_t trigger_index;
	struct p7trace_event *out;	/* what the core emitted */
	size_t n, cap, pos;
	bool overflow, bad_len;
};

struct p7trace_replay {
	const struct p7trace_header *hdr;
	/*
	 * Per vcpu, grown to the highest id seen: most traces have one or two
	 * vcpus, and all 1024 cost half a megabyte cleared per replay (a third
	 * of trace.fuzz's time went to those page faults).
	 */
	struct p7trace_vcpu_state *vcpu;
	struct unit *unit;
	unsigned int nvcpu;
	struct p7trace_hpte *hpt;	/* open addressing on index */
	bool *used;
	size_t hpt_n, hpt_slots;
	uint64_t hpt_entries;		/* 2^(order - 4), 0 when the order is unknown */
};

/* ---- rebuilt state ----------------------------------------------------------- */

const struct p7trace_header *p7trace_replay_header(const struct p7trace_replay *rp)
{
	return rp->hdr;
}

const struct p7trace_vcpu_state *p7trace_replay_vcpu(const struct p7trace_replay *rp,
						       uint32_t vcpu)
{
	static const struct p7trace_vcpu_state none;	/* a vcpu no record named yet */

	if (vcpu < rp->nvcpu)
		return &rp->vcpu[vcpu];
	return vcpu < P7TRACE_MAX_VCPUS ? &none : NULL;
}

/* Room for vcpu ID (below P7TRACE_MAX_VCPUS: the readers refuse more). 0 or -1. */
static int grow_vcpus(struct p7trace_replay *rp, uint64_t id)
{
	unsigned int n = rp->nvcpu ? rp->nvcpu : 4;
	struct p7trace_vcpu_state *vs;
	struct unit *us;

	if (id < rp->nvcpu)
		return 0;
	if (id >= P7TRACE_MAX_VCPUS)
		return -1;
	while (n <= id)
		n *= 2;
	vs = realloc(rp->vcpu, n * sizeof(*vs));
	if (!vs)
		return -1;
	rp->vcpu = vs;
	us = realloc(rp->unit, n * sizeof(*us));
	if (!us)
		return -1;
	rp->unit = us;
	memset(vs + rp->nvcpu, 0, (n - rp->nvcpu) * sizeof(*vs));
	memset(us + rp->nvcpu, 0, (n - rp->nvcpu) * sizeof(*us));
	rp->nvcpu = n;
	return 0;
}

static size_t hpt_hash(uint64_t index)
{
	return (size_t)((index * 0x9e3779b97f4a7c15ULL) >> 17);
}

static struct p7trace_hpte *hpt_find(const struct p7trace_replay *rp, uint64_t index)
{
	if (!rp->hpt_slots)
		return NULL;
	for (size_t h = hpt_hash(index);; h++) {
		size_t i = h % rp->hpt_slots;

		if (!rp->used[i])
			return NULL;
		if (rp->hpt[i].index == index)
			return &rp->hpt[i];
	}
}

static struct p7trace_hpte *hpt_insert(struct p7trace_replay *rp, uint64_t index)
{
	struct p7trace_hpte *e = hpt_find(rp, index);
	size_t h;

	if (e)
		return e;
	if (2 * (rp->hpt_n + 1) > rp->hpt_slots) {
		size_t ns = rp->hpt_slots ? 2 * rp->hpt_slots : 1024;
		struct p7trace_hpte *nh = calloc(ns, sizeof(*nh));
		bool *nu = calloc(ns, sizeof(*nu));

		if (!nh || !nu) {
			free(nh);
			free(nu);
			return NULL;
		}
		for (size_t i = 0; i < rp->hpt_slots; i++) {
			if (!rp->used[i])
				continue;
			for (h = hpt_hash(rp->hpt[i].index); nu[h % ns]; h++)
				;
			nh[h % ns] = rp->hpt[i];
			nu[h % ns] = true;
		}
		free(rp->hpt);
		free(rp->used);
		rp->hpt = nh;
		rp->used = nu;
		rp->hpt_slots = ns;
	}
	for (h = hpt_hash(index); rp->used[h % rp->hpt_slots]; h++)
		;
	e = &rp->hpt[h % rp->hpt_slots];
	memset(e, 0, sizeof(*e));
	e->index = index;
	rp->used[h % rp->hpt_slots] = true;
	rp->hpt_n++;
	return e;
}

int p7trace_replay_hpte(const struct p7trace_replay *rp, uint64_t index, struct p7trace_hpte *e)
{
	const struct p7trace_hpte *f = hpt_find(rp, index);

	if (f) {
		*e = *f;
		return 1;
	}
	memset(e, 0, sizeof(*e));
	e->index = index;
	return 0;
}

int p7trace_replay_hpt_foreach(const struct p7trace_replay *rp,
			       int (*fn)(void *ctx, const struct p7trace_hpte *e), void *ctx)
{
	for (size_t i = 0; i < rp->hpt_slots; i++) {
		int rc;

		if (rp->used[i] && (rc = fn(ctx, &rp->hpt[i])))
			return rc;
	}
	return 0;
}

static void set_reg(struct p7trace_vcpu_state *s, unsigned int i, const struct p7trace_event *ev,
		    unsigned int w)
{
	if (p7trace_known(ev, w)) {
		s->regs[i] = ev->w[w];
		s->known |= 1ULL << i;
	} else {
		s->known &= ~(1ULL << i);
	}
}

/*
 * Applies a recorded event to the rebuilt state.  Returns 0, or -1 with a
 * message when the trace contradicts itself (an HPTE's "before" is not what
 * the trace so far left there, an index beyond the HPT).
 */
static int apply(struct p7trace_replay *rp, const struct p7trace_event *ev, char *why, size_t len)
{
	struct p7trace_vcpu_state *s = &rp->vcpu[ev->w[0]];
	struct p7trace_hpte *e, old;

	switch (ev->type) {
	case HV_TR_GUEST_EXIT:
		for (unsigned int i = 0; i < TRX_NWORDS; i++)
			set_reg(s, i, ev, i);
		break;
	case HV_TR_GUEST_ENTER:
		set_reg(s, TRX_PC, ev, TRE_PC);
		set_reg(s, TRX_MSR, ev, TRE_MSR);
		set_reg(s, TRX_CEDED, ev, TRE_CEDED);
		s->pending = ev->w[TRE_PENDING];
		s->pending_known = p7trace_known(ev, TRE_PENDING);
		break;
	case HV_TR_HCALL_ENTER:
		set_reg(s, TRX_GPR0 + 3, ev, TRH_REQ);
		for (unsigned int i = 0; i < 9; i++)
			set_reg(s, TRX_GPR0 + 4 + i, ev, TRH_ARG0 + i);
		break;
	case HV_TR_HCALL_EXIT:
		set_reg(s, TRX_GPR0 + 3, ev, TRHX_RET);
		for (unsigned int i = 0; i < 9; i++)
			set_reg(s, TRX_GPR0 + 4 + i, ev, TRHX_RES0 + i);
		break;
	case HV_TR_PAGE_FAULT:
		/* Reflected to the guest as a storage interrupt: DAR and DSISR. */
		set_reg(s, TRX_DAR, ev, TRP_EA);
		set_reg(s, TRX_DSISR, ev, TRP_DSISR);
		break;
	case HV_TR_INJECT:
		set_reg(s, TRX_SRR0, ev, TRI_SRR0);
		set_reg(s, TRX_SRR1, ev, TRI_SRR1);
		set_reg(s, TRX_PC, ev, TRI_VEC);
		s->known &= ~(1ULL << TRX_MSR);	/* changed by delivery, not recorded */
		break;
	case HV_TR_CEDE:
		set_reg(s, TRX_CEDED, ev, TRC_STATE);
		break;
	case HV_TR_HPTE:
		if (!p7trace_known(ev, TRT_INDEX))
			break;
		if (rp->hpt_entries && ev->w[TRT_INDEX] >= rp->hpt_entries) {
			snprintf(why, len, "HPTE index 0x%llx beyond the %llu entries of an order-%llu HPT",
				 (unsigned long long)ev->w[TRT_INDEX],
				 (unsigned long long)rp->hpt_entries,
				 (unsigned long long)rp->hdr->cfg.hpt_order);
			return -1;
		}
		/*
		 * An entry the trace never wrote holds what set-up put there
		 * (the VRMA): the record tells.  One it wrote must agree.
		 */
		if (p7trace_replay_hpte(rp, ev->w[TRT_INDEX], &old) &&
		    ((p7trace_known(ev, TRT_V_OLD) && ev->w[TRT_V_OLD] != old.v) ||
		     (p7trace_known(ev, TRT_R_OLD) && ev->w[TRT_R_OLD] != old.r))) {
			snprintf(why, len,
				 "HPTE 0x%llx was 0x%llx:0x%llx by the trace so far, the record says it was 0x%llx:0x%llx (an HPTE change the trace lacks)",
				 (unsigned long long)old.index, (unsigned long long)old.v,
				 (unsigned long long)old.r, (unsigned long long)ev->w[TRT_V_OLD],
				 (unsigned long long)ev->w[TRT_R_OLD]);
			return -1;
		}
		e = hpt_insert(rp, ev->w[TRT_INDEX]);
		if (!e) {
			snprintf(why, len, "out of memory");
			return -1;
		}
		e->v = ev->w[TRT_V_NEW];
		e->r = ev->w[TRT_R_NEW];
		e->hw_v = ev->w[TRT_HW_V];
		e->hw_r = ev->w[TRT_HW_R];
		break;
	case HV_TR_HW_RC:
		if (!p7trace_known(ev, TRR_INDEX) || !p7trace_known(ev, TRR_RC))
			break;
		if (rp->hpt_entries && ev->w[TRR_INDEX] >= rp->hpt_entries) {
			snprintf(why, len, "R/C of HPTE index 0x%llx beyond the %llu entries of an order-%llu HPT",
				 (unsigned long long)ev->w[TRR_INDEX],
				 (unsigned long long)rp->hpt_entries,
				 (unsigned long long)rp->hdr->cfg.hpt_order);
			return -1;
		}
		/* Hardware R/C of an entry the trace never wrote: set-up's (the VRMA). */
		e = hpt_insert(rp, ev->w[TRR_INDEX]);
		if (!e) {
			snprintf(why, len, "out of memory");
			return -1;
		}
		e->hw_r = (e->hw_r & ~(HPTE_RC_BITS)) | (ev->w[TRR_RC] & HPTE_RC_BITS);
		break;
	}
	return 0;
}


/* ---- units --------------------------------------------------------------------- */

struct emit_ctx {
	struct unit *u;
};

/* The hv_trace() sink of the core under replay: collect into the unit. */
static void emit(void *ctx, uint32_t type, const void *payload, uint32_t len)
{
	struct unit *u = ((struct emit_ctx *)ctx)->u;
	struct p7trace_event *ev;
	uint32_t n = len / 8;

	if (len % 8) {
		u->bad_len = true;
		return;
	}
	if (u->n == u->cap) {
		size_t nc = u->cap ? 2 * u->cap : 16;
		struct p7trace_event *no;

		if (nc > MAX_UNIT_EVENTS) {
			u->overflow = true;
			return;
		}
		no = realloc(u->out, nc * sizeof(*no));
		if (!no) {
			u->overflow = true;
			return;
		}
		u->out = no;
		u->cap = nc;
	}
	ev = &u->out[u->n++];
	memset(ev, 0, offsetof(struct p7trace_event, w));
	ev->type = type;
	ev->nwords = n;
	ev->known = ~0ULL;
	for (uint32_t i = 0; i < n && i < P7TRACE_MAX_WORDS; i++)
		memcpy(&ev->w[i], (const uint8_t *)payload + 8 * i, 8);
}

static bool ends_unit(const struct unit *u, const struct p7trace_event *ev)
{
	if (u->kind == UNIT_EXIT)
		return ev->type == HV_TR_GUEST_ENTER || ev->type == HV_TR_USER_EXIT;
	return ev->type == HV_TR_HCALL_EXIT;
}

static bool exit_complete(const struct p7trace_event *ev)
{
	for (unsigned int i = 0; i < TRX_NWORDS; i++)
		if (!p7trace_known(ev, i))
			return false;
	return true;
}

struct run {
	struct p7trace_reader *r;
	struct p7trace_replay *rp;
	const struct p7trace_replay_ops *ops;
	void *ctx;
	FILE *out, *err;
	struct p7trace_replay_result *res;
};

static void print_event(FILE *out, const char *label, struct run *x, const struct p7trace_event *ev)
{
	char buf[768];

	if (!ev) {
		fprintf(out, "  %s: (nothing)\n", label);
		return;
	}
	p7trace_format_fields(buf, sizeof(buf), ev);
	fprintf(out, "  %s: %s\n", label, buf);
}

/*
 * The report of the first divergence: where, in which unit, and the two
 * versions side by side.  rec or rep may be NULL (one side has no event).
 */
static int diverged(struct run *x, struct unit *u, uint64_t index,
		    const struct p7trace_event *rec, const struct p7trace_event *rep,
		    const char *what)
{
	const struct p7trace_header *h = p7trace_header(x->r);
	char where[64] = "", tl[768];

	if (rec && h->source == P7TRACE_SRC_TEXT)
		snprintf(where, sizeof(where), ", line %u", rec->line);
	fprintf(x->out, "p7trace replay: %s: first divergence at event %llu", p7trace_path(x->r),
		(unsigned long long)index);
	if (rec)
		fprintf(x->out, " (offset %llu%s)", (unsigned long long)rec->offset, where);
	fprintf(x->out, ", vcpu %llu: %s\n", (unsigned long long)u->trigger.w[0], what);
	p7trace_format_event(tl, sizeof(tl), h, &u->trigger, 0);
	fprintf(x->out, "  replaying the %s of event %llu:\n    %s\n",
		u->kind == UNIT_EXIT ? "exit" : "hcall", (unsigned long long)u->trigger_index, tl);
	print_event(x->out, "recorded", x, rec);
	print_event(x->out, "replayed", x, rep);
	if (rec && rep)
		p7trace_print_side_by_side(x->out, "recorded", rec, "replayed", rep, 0);
	x->res->divergence = index;
	x->res->status = P7TRACE_EXIT_DIFFERENT;
	return 1;
}

static int hook_error(struct run *x, struct unit *u, const char *why)
{
	fprintf(x->err, "p7trace replay: %s: event %llu: the %s %s\n", p7trace_path(x->r),
		(unsigned long long)u->trigger_index, x->ops->name ? x->ops->name : "HV core", why);
	x->res->status = P7TRACE_EXIT_BAD_INPUT;
	return -1;
}

/* Starts a unit at a trigger: runs the hook. */
static int start_unit(struct run *x, struct unit *u, enum unit_kind kind,
		      const struct p7trace_event *ev, uint64_t index)
{
	struct emit_ctx ec = { u };
	uint32_t vcpu = (uint32_t)ev->w[0];
	int rc;

	u->kind = kind;
	u->skipped = false;
	u->end_only = p7trace_header(x->r)->source == P7TRACE_SRC_TEXT;
	u->trigger = *ev;
	u->trigger_index = index;
	u->n = u->pos = 0;
	u->overflow = u->bad_len = false;
	if (kind == UNIT_EXIT)
		rc = x->ops->exit(x->ctx, x->rp, vcpu, ev, emit, &ec);
	else
		rc = x->ops->hcall(x->ctx, x->rp, vcpu, ev, emit, &ec);
	if (rc < 0)
		return hook_error(x, u, "failed");
	if (u->overflow)
		return hook_error(x, u, "emitted too many events for one unit");
	if (u->bad_len)
		return hook_error(x, u, "emitted a payload that is not whole 64-bit words");
	if (rc == P7TRACE_REPLAY_SKIP) {
		u->skipped = true;
		if (kind == UNIT_EXIT)
			x->res->exits_skipped++;
		else
			x->res->hcalls_skipped++;
	}
	return 0;
}

/* A recorded event inside an active unit: compare with the replayed one. */
static int in_unit(struct run *x, struct unit *u, const struct p7trace_event *ev, uint64_t index)
{
	const struct p7trace_event *rep = NULL;
	bool end = ends_unit(u, ev);
	int what;

	if (u->skipped)
		goto done;
	if (u->end_only) {
		if (!end)
			goto done;
		/* The last event of the closing type the core emitted. */
		for (size_t i = u->n; i-- > 0;)
			if (u->out[i].type == ev->type) {
				rep = &u->out[i];
				break;
			}
		x->res->compared++;
		if (!rep)
			return diverged(x, u, index, ev, NULL, "the replay did not emit this event");
		if (p7trace_event_cmp(ev, rep, 0, &what))
			return diverged(x, u, index, ev, rep, "recorded and replayed differ");
		goto done;
	}
	x->res->compared++;
	if (u->pos >= u->n)
		return diverged(x, u, index, ev, NULL, "the replay emitted nothing more");
	rep = &u->out[u->pos++];
	if (p7trace_event_cmp(ev, rep, 0, &what))
		return diverged(x, u, index, ev, rep, "recorded and replayed differ");
	if (end && u->pos < u->n)
		return diverged(x, u, index + 1, NULL, &u->out[u->pos],
				"the replay emitted more than the trace recorded for this unit");
done:
	if (end) {
		if (!u->skipped) {
			if (u->kind == UNIT_EXIT)
				x->res->exits_replayed++;
			else
				x->res->hcalls_replayed++;
		}
		u->kind = UNIT_NONE;
	}
	return 0;
}

static int bad_trace(struct run *x, const struct p7trace_event *ev, uint64_t index, const char *why)
{
	fprintf(x->err, "p7trace: %s: offset %llu: event %llu: inconsistent trace: %s\n",
		p7trace_path(x->r), (unsigned long long)ev->offset, (unsigned long long)index, why);
	x->res->status = P7TRACE_EXIT_BAD_INPUT;
	return -1;
}

/*
 * The core follows a record outside a replayed unit: an HPTE change, the
 * R/C a guest run left, a ceded vcpu's wake-up.
 */
static int load_hpt(struct run *x, const struct p7trace_event *ev)
{
	if (!x->ops)
		return 0;
	if (ev->type == HV_TR_HPTE && x->ops->set_hpte)
		return x->ops->set_hpte(x->ctx, ev->w[TRT_INDEX], ev->w[TRT_V_NEW], ev->w[TRT_R_NEW]);
	if (ev->type == HV_TR_HW_RC && x->ops->set_rc && p7trace_known(ev, TRR_INDEX) &&
	    p7trace_known(ev, TRR_RC))
		return x->ops->set_rc(x->ctx, ev->w[TRR_INDEX], ev->w[TRR_RC] & HPTE_RC_BITS);
	if (ev->type == HV_TR_CEDE && x->ops->woke && p7trace_known(ev, TRC_STATE) &&
	    !ev->w[TRC_STATE])
		return x->ops->woke(x->ctx, (uint32_t)ev->w[TRC_VCPU]);
	return 0;
}

static int step(struct run *x, const struct p7trace_event *ev, uint64_t index)
{
	struct unit *u;
	char why[200];
	bool connected = x->ops != NULL;
	int rc;

	if (!p7trace_min_words(ev->type) || !p7trace_known(ev, 0))
		return 0;	/* unknown types; kvm_userspace_exit text has no vcpu */
	if (grow_vcpus(x->rp, ev->w[0])) {
		fprintf(x->err, "p7trace: out of memory\n");
		x->res->status = P7TRACE_EXIT_BAD_INPUT;
		return -1;
	}
	u = &x->rp->unit[ev->w[0]];

	/*
	 * A unit the trace never closed (the closing record was lost, as the
	 * kernel's trace buffer may): where nothing is compared record by
	 * record, the next replay point ends it unchecked.
	 */
	if (u->kind != UNIT_NONE && (u->skipped || u->end_only) &&
	    ev->type == (u->kind == UNIT_EXIT ? HV_TR_GUEST_EXIT : HV_TR_HCALL_ENTER)) {
		if (!u->skipped)
			x->res->unclosed++;
		u->kind = UNIT_NONE;
	}

	if (u->kind != UNIT_NONE) {
		rc = in_unit(x, u, ev, index);
		if (rc)
			return rc;
		if (apply(x->rp, ev, why, sizeof(why)))
			return bad_trace(x, ev, index, why);
		/* A skipped unit: the core's HPT follows the trace. */
		if (u->skipped && load_hpt(x, ev) < 0)
			return hook_error(x, u, "could not load the state of a record");
		return 0;
	}

	if (apply(x->rp, ev, why, sizeof(why)))
		return bad_trace(x, ev, index, why);
	switch (ev->type) {
	case HV_TR_GUEST_EXIT:
		if (!exit_complete(ev)) {
			x->res->exits_no_state++;
			return 0;
		}
		x->res->exits++;
		if (connected && x->ops->exit)
			return start_unit(x, u, UNIT_EXIT, ev, index);
		return 0;
	case HV_TR_HCALL_ENTER:
		x->res->hcalls++;
		if (connected && x->ops->hcall)
			return start_unit(x, u, UNIT_HCALL, ev, index);
		return 0;
	case HV_TR_HPTE:
	case HV_TR_HW_RC:
	case HV_TR_CEDE:
		if (load_hpt(x, ev) < 0)
			return hook_error(x, u, "could not load the state of a record");
		return 0;
	}
	return 0;
}

static void summary(struct run *x)
{
	struct p7trace_replay_result *s = x->res;
	const char *path = p7trace_path(x->r);

	if (!x->ops) {
		fprintf(x->out,
			"p7trace replay: %s: not connected: no HV core is linked into this p7trace "
			"(p7trace_replay_backend() has none yet), so nothing was replayed.\n"
			"  The trace was read whole and its vcpu and HPT state rebuilt consistently "
			"over %llu events.\n", path, (unsigned long long)s->events);
		if (s->exits)
			fprintf(x->out, "  It offers %llu exits with full register state for the exit "
				"handler (their hcalls included).\n", (unsigned long long)s->exits);
		if (s->exits_no_state)
			fprintf(x->out, "  %llu exits have no register state (imported text); its "
				"%llu hcalls can go to the hcall dispatcher.\n",
				(unsigned long long)s->exits_no_state, (unsigned long long)s->hcalls);
		return;
	}
	fprintf(x->out, "p7trace replay: %s: identical: %llu exits and %llu hcalls replayed, "
		"%llu events compared\n", path, (unsigned long long)s->exits_replayed,
		(unsigned long long)s->hcalls_replayed, (unsigned long long)s->compared);
	if (s->exits_no_state || s->exits_skipped || s->hcalls_skipped || s->unclosed)
		fprintf(x->out, "  not checked: %llu exits without register state in the trace, "
			"%llu exits and %llu hcalls the %s could not replay, %llu hcalls whose "
			"kvm_hcall_exit the trace lacks\n",
			(unsigned long long)s->exits_no_state, (unsigned long long)s->exits_skipped,
			(unsigned long long)s->hcalls_skipped, x->ops->name ? x->ops->name : "HV core",
			(unsigned long long)s->unclosed);
	if (p7trace_header(x->r)->source == P7TRACE_SRC_TEXT)
		fprintf(x->out, "  from imported text only each hcall's return code and whether it "
			"went to userspace are compared\n");
}

int p7trace_replay_run(struct p7trace_reader *r, const struct p7trace_replay_ops *ops, void *ctx,
		       FILE *out, FILE *err, struct p7trace_replay_result *res)
{
	struct p7trace_replay *rp;
	struct p7trace_event ev;
	struct run x = { r, NULL, ops, ctx, out, err, res };
	int rc = 0, n;

	memset(res, 0, sizeof(*res));
	res->status = P7TRACE_EXIT_OK;
	if (p7trace_validate(r, NULL)) {
		p7trace_report_error(err, r);
		return res->status = P7TRACE_EXIT_BAD_INPUT;
	}
	rp = calloc(1, sizeof(*rp));
	if (!rp) {
		fprintf(err, "p7trace: out of memory\n");
		return res->status = P7TRACE_EXIT_BAD_INPUT;
	}
	x.rp = rp;
	rp->hdr = p7trace_header(r);
	if (rp->hdr->cfg.hpt_order >= 4)
		rp->hpt_entries = 1ULL << (rp->hdr->cfg.hpt_order - 4);
	if (ops && ops->start && ops->start(ctx, rp->hdr) < 0) {
		fprintf(err, "p7trace replay: the %s could not start a machine for %s\n",
			ops->name ? ops->name : "HV core", p7trace_path(r));
		res->status = P7TRACE_EXIT_BAD_INPUT;
		goto out;
	}

	while ((n = p7trace_next(r, &ev)) > 0) {
		rc = step(&x, &ev, res->events);
		res->events++;
		if (rc)
			break;
	}
	if (n < 0) {
		p7trace_report_error(err, r);
		res->status = P7TRACE_EXIT_BAD_INPUT;
	}
	if (res->status == P7TRACE_EXIT_OK) {
		/* A trace that ends inside a unit (the run stopped there) is not a divergence. */
		for (unsigned int v = 0; v < rp->nvcpu; v++)
			if (rp->unit[v].kind != UNIT_NONE && !rp->unit[v].skipped)
				fprintf(out, "p7trace replay: note: the trace ends inside the %s of event "
					"%llu (vcpu %u); its recorded part matched\n",
					rp->unit[v].kind == UNIT_EXIT ? "exit" : "hcall",
					(unsigned long long)rp->unit[v].trigger_index, v);
		summary(&x);
		if (!ops)
			res->status = P7TRACE_EXIT_NOT_CONNECTED;
	}
	if (ops && ops->finish)
		ops->finish(ctx);
out:
	for (unsigned int v = 0; v < rp->nvcpu; v++)
		free(rp->unit[v].out);
	free(rp->unit);
	free(rp->vcpu);
	free(rp->hpt);
	free(rp->used);
	free(rp);
	return res->status;
}
