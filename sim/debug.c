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

/*
 * The bytes a store instruction @insn would write, from the registers of
 * @t (ISA 2.06 Book I: 3.3.3 fixed-point stores, 3.3.5 byte-reverse, 3.3.6
 * multiple, 3.3.7 string, 4.6.3 FP stores, 6.7.2 vector stores, 7.6 VSX
 * stores, Book II 3.3.2 store conditional and 3.2.2 dcbz).  Returns the
 * length (0: not a store) and the effective address in @ea.
 */
static unsigned int store_extent(const struct sim_thread *t, uint32_t insn, uint64_t *ea)
{
	unsigned int op = insn >> 26, rs = (insn >> 21) & 31, ra = (insn >> 16) & 31;
	unsigned int rb = (insn >> 11) & 31, xo = (insn >> 1) & 0x3ff;
	uint64_t base = ra ? t->gpr[ra] : 0;
	int64_t d = (int16_t)(insn & 0xffff);
	unsigned int len = 0;

	switch (op) {
	case 38: case 39: len = 1; break;		/* stb, stbu */
	case 44: case 45: len = 2; break;		/* sth, sthu */
	case 36: case 37: case 52: case 53: len = 4; break;	/* stw, stwu, stfs, stfsu */
	case 54: case 55: len = 8; break;		/* stfd, stfdu */
	case 47: len = 4 * (32 - rs); break;		/* stmw */
	case 62:					/* std, stdu, stq (DS form) */
		d &= ~3LL;
		len = (insn & 3) == 2 ? 16 : (insn & 3) < 2 ? 8 : 0;
		break;
	case 31:
		switch (xo) {
		case 215: case 247: case 694: len = 1; break;	/* stbx stbux stbcx. */
		case 407: case 439: case 918: case 726: case 167: len = 2; break;
		case 151: case 183: case 662: case 150: case 663: case 695: case 983: case 199:
			len = 4; break;
		case 149: case 181: case 660: case 214: case 727: case 759: case 716:
			len = 8; break;
		case 135: len = 1; break;			/* stvebx */
		case 231: case 487: case 972: case 908: len = 16; break;	/* stvx(l), stxv */
		case 725: len = rb ? rb : 32; break;		/* stswi: NB */
		case 661: len = (unsigned int)(t->xer & 0x7f); break;	/* stswx */
		case 1014: len = 128; break;			/* dcbz: the cache block */
		default: return 0;
		}
		*ea = (op == 31 && xo == 725) ? base : base + t->gpr[rb];
		if (xo == 231 || xo == 487)
			*ea &= ~15ULL;
		if (xo == 1014)
			*ea &= ~127ULL;
		if (!(t->msr & MSR_SF))
			*ea &= 0xffffffffULL;
		return len;
	default:
		return 0;
	}
	*ea = base + (uint64_t)d;
	if (!(t->msr & MSR_SF))
		*ea &= 0xffffffffULL;
	return len;
}

/* Will the instruction at t->pc store into a watched location? */
static struct sim_watch *store_hits(struct sim_debug *d, struct sim_thread *t)
{
	struct sim_xlate x;
	struct sim_intr irq;
	const uint8_t *p;
	uint64_t ea;
	unsigned int len;

	if (sim_mmu_xlate(t, t->pc, SIM_ACC_FETCH, SIM_XL_PROBE | SIM_XL_NO_TLB, &x, &irq))
		return NULL;
	p = sim_arena_ptr(&t->m->arena, x.ra, 4);
	if (!p)
		return NULL;
	len = store_extent(t, (uint32_t)p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3], &ea);
	for (unsigned int i = 0; len && i < d->nwatch; i++)
		if (ea < d->watch[i].ea + d->watch[i].len && d->watch[i].ea < ea + len)
			return &d->watch[i];
	return NULL;
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
	/*
	 * 2. The next instruction stores into a watched location: stop before
	 * it, as POWER's DABR match does (gdb steps over it and compares).
	 */
	if (d->nwatch && !resuming(d, t)) {
		struct sim_watch *w = store_hits(d, t);

		if (w) {
			d->hit = SIM_DBG_WATCH;
			d->hit_addr = w->ea;
			goto hit;
		}
	}
	/*
	 * 3. A watched location that holds another value although no guest
	 * store of this thread wrote it (the hypervisor, another vcpu).
	 */
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
	/* 4. A breakpoint at the next instruction, unless the thread resumes from it. */
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
