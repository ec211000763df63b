// SPDX-License-Identifier: GPL-2.0-only
/*
 * The Unicorn engine's time base and run loop.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

void sim_ue_set_tb_fn(struct sim_ue *e, uint64_t (*fn)(void *ctx, uint64_t executed), void *ctx)
{
	e->tb_fn = fn;
	e->tb_ctx = ctx;
}

void sim_ue_set_tb(struct sim_ue *e, uint64_t tb_base, uint32_t mul, unsigned int shift)
{
	e->tb_base = tb_base;
	e->tb_insns0 = e->insns;
	e->tb_mul = mul;
	e->tb_shift = shift;
	*(int64_t *)e->tb_env = (int64_t)tb_base;
}

uint64_t sim_ue_tb(struct sim_ue *e)
{
	return tb_now(e);
}

uint64_t sim_ue_insns(const struct sim_ue *e)
{
	return e->insns;
}

void sim_ue_stop(struct sim_ue *e)
{
	e->stop_requested = true;
	uc_emu_stop(e->uc);
}

/* The budget and the accounting start of a run, or of its part after an exit gone on from. */
void ue_slice_start(struct sim_ue *e, uint64_t budget)
{
	e->budget_end = budget > UINT64_MAX - e->insns ? UINT64_MAX : e->insns + budget;
	e->blk_pc = UINT64_MAX;
	e->run_start = e->insns;
	*(int64_t *)e->tb_env = (int64_t)tb_now(e);
}

void sim_ue_set_stop_fn(struct sim_ue *e, int (*fn)(void *ctx, struct sim_ue_exit *x,
						    uint64_t *budget), void *ctx)
{
	e->stop_fn = fn;
	e->stop_ctx = ctx;
}

void sim_ue_run_stats(const struct sim_ue *e, uint64_t *starts, uint64_t *resumes)
{
	*starts = e->starts;
	*resumes = e->resumes;
}

int sim_ue_run(struct sim_ue *e, uint64_t budget, struct sim_ue_exit *x)
{
	uc_err ue;

	memset(x, 0, sizeof(*x));
	e->x = x;
	e->trapped = false;
	e->run_done = false;
	e->stop_requested = false;
	e->block_cb_failed = false;
	e->dbg_stopped = false;
	ue_slice_start(e, budget);
	e->starts++;
	ue_fast_stores_enter(e);
	ue = uc_emu_start(e->uc, sim_ue_pc(e), UNTIL_NEVER, 0, 0);
	ue_fast_stores_leave(e);
	if (e->run_done) {
		memset(x, 0, sizeof(*x));
		x->ev = SIM_UE_DONE;
		x->pc = sim_ue_pc(e);
	} else if (!e->trapped) {
		memset(x, 0, sizeof(*x));
		if (ue != UC_ERR_OK) {
			x->ev = SIM_UE_ERROR;
			snprintf(e->err, sizeof(e->err), "engine: uc_emu_start at 0x%llx: %s",
				 (unsigned long long)sim_ue_pc(e), uc_strerror(ue));
		} else if (e->block_cb_failed) {
			/* The callback left its reason in e->err. */
			x->ev = SIM_UE_ERROR;
		} else if (e->dbg_stopped) {
			x->ev = SIM_UE_BREAK;
		} else {
			x->ev = SIM_UE_BUDGET;
		}
		x->pc = sim_ue_pc(e);
	}
	/* Since the run began, or since the last exit it went on from. */
	x->insns = e->insns - e->run_start;
	e->x = NULL;
	return x->ev == SIM_UE_ERROR ? -EIO : 0;
}

void sim_ue_set_debug(struct sim_ue *e, bool step, const uint64_t *brk, unsigned int n)
{
	e->dbg_brk = brk;
	e->dbg_nbrk = n;
	if (step != e->dbg_step) {
		e->dbg_step = step;
		sim_ue_set_msr(e, e->guest_msr);
	}
}

const char *sim_ue_event_name(enum sim_ue_event ev)
{
	static const char *const names[] = {
		[SIM_UE_BUDGET] = "budget", [SIM_UE_SC] = "sc", [SIM_UE_PRIV] = "privileged",
		[SIM_UE_ILLEGAL] = "illegal", [SIM_UE_TRAP] = "trap", [SIM_UE_DSI] = "dsi",
		[SIM_UE_ISI] = "isi", [SIM_UE_DSEG] = "dseg", [SIM_UE_ISEG] = "iseg",
		[SIM_UE_HDSI] = "hdsi", [SIM_UE_HISI] = "hisi", [SIM_UE_ALIGN] = "alignment",
		[SIM_UE_FPU] = "fp-unavailable", [SIM_UE_VEC] = "vec-unavailable",
		[SIM_UE_VSX] = "vsx-unavailable", [SIM_UE_TRACE] = "trace",
		[SIM_UE_OTHER] = "other", [SIM_UE_ERROR] = "error", [SIM_UE_BREAK] = "break",
		[SIM_UE_DONE] = "done",
	};

	return ev < sizeof(names) / sizeof(names[0]) && names[ev] ? names[ev] : "?";
}
