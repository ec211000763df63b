// SPDX-License-Identifier: GPL-2.0-only
/*
 * Debugger support: exact breakpoints, single step and write watchpoints
 * (debug.h).  Everything here runs between two engine runs, with the
 * thread's registers in the model and the thread in guest state, so a
 * watched location is read through the guest's own translation, as the
 * guest would load it at that instant.
 */
#include "debug.h"

#include <string.h>

#include "interrupt.h"
#include "mmu.h"

void sim_debug_init(struct sim_debug *d)
{
	memset(d, 0, sizeof(*d));
	d->step_thread = -1;
}

void sim_debug_resume(struct sim_debug *d, const struct sim_machine *m, unsigned int ti,
		      uint64_t pc)
{
	if (ti >= SIM_DEBUG_MAX_THREADS || ti >= m->nthreads)
		return;
	d->resume_pc[ti] = pc;
	d->resume_exec[ti] = m->threads[ti].executed;
	d->hit = SIM_DBG_NONE;
	d->near_break = false;
}

bool sim_debug_has_break(const struct sim_debug *d, uint64_t ea)
{
	for (unsigned int i = 0; i < d->nbrk; i++)
		if (d->brk[i] == ea)
			return true;
	return false;
}

int sim_debug_add_break(struct sim_debug *d, uint64_t ea)
{
	if (sim_debug_has_break(d, ea))
		return 0;
	if (d->nbrk == SIM_DEBUG_MAX_BREAKS)
		return -1;
	d->brk[d->nbrk++] = ea;
	return 0;
}

int sim_debug_del_break(struct sim_debug *d, uint64_t ea)
{
	for (unsigned int i = 0; i < d->nbrk; i++)
		if (d->brk[i] == ea) {
			d->brk[i] = d->brk[--d->nbrk];
			return 0;
		}
	return -1;
}

/*
 * A load of @len bytes as the thread would do it now, without its side
 * effects (no R/C update, no TLB fill): byte by byte, so that a location
 * that crosses a page is read through both translations.
 */
bool sim_debug_peek(struct sim_thread *t, uint64_t ea, unsigned int len, uint64_t *val)
{
	uint64_t v = 0;

	for (unsigned int i = 0; i < len; i++) {
		struct sim_xlate x;
		struct sim_intr irq;
		const uint8_t *p;

		if (sim_mmu_xlate(t, ea + i, SIM_ACC_LOAD, SIM_XL_PROBE | SIM_XL_NO_TLB, &x, &irq))
			return false;
		p = sim_arena_ptr(&t->m->arena, x.ra, 1);
		if (!p)
			return false;
		v = (v << 8) | *p;
	}
	*val = v;
	return true;
}

/* The thread executed nothing since the debugger resumed it at that PC. */
static bool resuming(const struct sim_debug *d, const struct sim_thread *t)
{
	return t->index < SIM_DEBUG_MAX_THREADS && d->resume_exec[t->index] == t->executed &&
	       d->resume_pc[t->index] == t->pc;
}

bool sim_debug_should_stop(struct sim_thread *t)
{
	struct sim_debug *d = t->m->debug;

	if (!d)
		return false;
	if (d->hit)
		return true;
	/* 1. A single step ends at the first instruction boundary after the resume. */
	if (d->step_thread == (int)t->index && !resuming(d, t)) {
		d->hit = SIM_DBG_STEP;
		d->hit_addr = t->pc;
		goto hit;
	}
	/* 2. A watched location that now holds another value: the store just completed. */
	for (unsigned int i = 0; i < d->nwatch; i++) {
		struct sim_watch *w = &d->watch[i];
		uint64_t v;
		bool ok = sim_debug_peek(t, w->ea, w->len, &v);

		if (ok && w->valid && v != w->val && !resuming(d, t)) {
			w->val = v;
			w->valid = true;
			d->hit = SIM_DBG_WATCH;
			d->hit_addr = w->ea;
			goto hit;
		}
		w->val = ok ? v : w->val;
		w->valid = ok;
	}
	/* 3. A breakpoint at the next instruction, unless the thread resumes from it. */
	if (d->nbrk && sim_debug_has_break(d, t->pc) && !resuming(d, t)) {
		d->hit = SIM_DBG_BREAK;
		d->hit_addr = t->pc;
		goto hit;
	}
	return false;
hit:
	d->hit_thread = t->index;
	return true;
}

bool sim_debug_step_mode(const struct sim_thread *t)
{
	const struct sim_debug *d = t->m->debug;

	return d && (d->near_break || d->nwatch || d->step_thread == (int)t->index);
}
