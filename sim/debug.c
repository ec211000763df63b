// SPDX-License-Identifier: GPL-2.0-only
/*
 * Debugger support: exact breakpoints, single step and watchpoints
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
 * effects (no R/C update, no TLB fill): one translation per 4 KiB page it
 * touches (the smallest page), so a location that crosses a page is read
 * through both translations.
 */
bool sim_debug_peek(struct sim_thread *t, uint64_t ea, unsigned int len, uint64_t *val)
{
	const uint8_t *p = NULL;
	uint64_t v = 0;

	for (unsigned int i = 0; i < len; i++) {
		struct sim_xlate x;
		struct sim_intr irq;

		if (!p || !((ea + i) & 0xfff)) {
			if (sim_mmu_xlate(t, ea + i, SIM_ACC_LOAD, SIM_XL_PROBE | SIM_XL_NO_TLB, &x,
					  &irq))
				return false;
			p = sim_arena_ptr(&t->m->arena, x.ra, 4096 - ((ea + i) & 0xfff));
			if (!p)
				return false;
		}
		v = (v << 8) | *p++;
	}
	*val = v;
	return true;
}

/*
 * The storage access instructions of POWER7 (ISA 2.06 Book I: 3.3.2-3.3.7
 * fixed-point loads and stores, byte-reverse, multiple, string; 4.6.2/4.6.3
 * FP; 6.7.2/6.7.3 vector; 7.6 VSX; Book II 3.3.2 load and reserve / store
 * conditional, 3.2.2 dcbz).  Length 0 means "computed" (multiple, string,
 * the cache block).  D/DS forms by primary opcode, X forms by opcode 31's
 * extended opcode.
 */
#define ACC_STORE	0x1
#define ACC_ALIGN16	0x2	/* EA rounded down to 16 bytes (lvx, stvx) */
#define ACC_DS		0x4	/* DS form: the low 2 bits of D select the instruction */

struct acc_form {
	uint16_t op;		/* primary opcode, or 31 << 10 | extended opcode */
	uint8_t len;
	uint8_t flags;
};

static const struct acc_form acc_forms[] = {
	{ 34, 1, 0 }, { 35, 1, 0 }, { 40, 2, 0 }, { 41, 2, 0 }, { 42, 2, 0 }, { 43, 2, 0 },
	{ 32, 4, 0 }, { 33, 4, 0 }, { 48, 4, 0 }, { 49, 4, 0 }, { 50, 8, 0 }, { 51, 8, 0 },
	{ 46, 0, 0 },						/* lmw */
	{ 38, 1, ACC_STORE }, { 39, 1, ACC_STORE }, { 44, 2, ACC_STORE }, { 45, 2, ACC_STORE },
	{ 36, 4, ACC_STORE }, { 37, 4, ACC_STORE }, { 52, 4, ACC_STORE }, { 53, 4, ACC_STORE },
	{ 54, 8, ACC_STORE }, { 55, 8, ACC_STORE }, { 47, 0, ACC_STORE },	/* stmw */
	{ 58, 0, ACC_DS }, { 62, 0, ACC_DS | ACC_STORE },	/* ld ldu lwa; std stdu stq */
#define X(xo)	(31 << 10 | (xo))
	/* loads */
	{ X(87), 1, 0 }, { X(119), 1, 0 }, { X(52), 1, 0 }, { X(7), 1, 0 },
	{ X(279), 2, 0 }, { X(311), 2, 0 }, { X(343), 2, 0 }, { X(375), 2, 0 },
	{ X(790), 2, 0 }, { X(116), 2, 0 }, { X(39), 2, 0 },
	{ X(23), 4, 0 }, { X(55), 4, 0 }, { X(341), 4, 0 }, { X(373), 4, 0 }, { X(534), 4, 0 },
	{ X(20), 4, 0 }, { X(535), 4, 0 }, { X(567), 4, 0 }, { X(855), 4, 0 }, { X(71), 4, 0 },
	{ X(21), 8, 0 }, { X(53), 8, 0 }, { X(532), 8, 0 }, { X(84), 8, 0 }, { X(599), 8, 0 },
	{ X(631), 8, 0 }, { X(588), 8, 0 }, { X(332), 8, 0 },
	{ X(103), 16, ACC_ALIGN16 }, { X(359), 16, ACC_ALIGN16 }, { X(844), 16, 0 },
	{ X(780), 16, 0 }, { X(597), 0, 0 }, { X(533), 0, 0 },	/* lswi, lswx */
	/* stores */
	{ X(215), 1, ACC_STORE }, { X(247), 1, ACC_STORE }, { X(694), 1, ACC_STORE },
	{ X(135), 1, ACC_STORE },
	{ X(407), 2, ACC_STORE }, { X(439), 2, ACC_STORE }, { X(918), 2, ACC_STORE },
	{ X(726), 2, ACC_STORE }, { X(167), 2, ACC_STORE },
	{ X(151), 4, ACC_STORE }, { X(183), 4, ACC_STORE }, { X(662), 4, ACC_STORE },
	{ X(150), 4, ACC_STORE }, { X(663), 4, ACC_STORE }, { X(695), 4, ACC_STORE },
	{ X(983), 4, ACC_STORE }, { X(199), 4, ACC_STORE },
	{ X(149), 8, ACC_STORE }, { X(181), 8, ACC_STORE }, { X(660), 8, ACC_STORE },
	{ X(214), 8, ACC_STORE }, { X(727), 8, ACC_STORE }, { X(759), 8, ACC_STORE },
	{ X(716), 8, ACC_STORE },
	{ X(231), 16, ACC_STORE | ACC_ALIGN16 }, { X(487), 16, ACC_STORE | ACC_ALIGN16 },
	{ X(972), 16, ACC_STORE }, { X(908), 16, ACC_STORE },
	{ X(725), 0, ACC_STORE }, { X(661), 0, ACC_STORE },	/* stswi, stswx */
	{ X(1014), 0, ACC_STORE },				/* dcbz */
#undef X
};

/*
 * What the storage access instruction @insn would touch, from the registers
 * of @t: 0 when it is none, else its length, with @ea and @store set.
 */
static unsigned int access_extent(const struct sim_thread *t, uint32_t insn, uint64_t *ea,
				  bool *store)
{
	unsigned int op = insn >> 26, rt = (insn >> 21) & 31, ra = (insn >> 16) & 31;
	unsigned int rb = (insn >> 11) & 31;
	unsigned int key = op == 31 ? (31 << 10 | ((insn >> 1) & 0x3ff)) : op;
	uint64_t base = ra ? t->gpr[ra] : 0;
	const struct acc_form *f = NULL;
	unsigned int len;

	/* Most instructions are none: the D/DS forms are primary opcodes 32-62. */
	if (op != 31 && op < 32)
		return 0;
	for (unsigned int i = 0; i < sizeof(acc_forms) / sizeof(acc_forms[0]); i++)
		if (acc_forms[i].op == key) {
			f = &acc_forms[i];
			break;
		}
	if (!f)
		return 0;
	*store = f->flags & ACC_STORE;
	len = f->len;
	if (op != 31) {
		int64_t d = (int16_t)(insn & 0xffff);

		if (f->flags & ACC_DS) {
			/* ld/std 0, ldu/stdu 1, lwa 2 / stq 2 */
			len = (insn & 3) < 2 ? 8 : (insn & 3) == 2 ? (*store ? 16 : 4) : 0;
			d &= ~3LL;
		} else if (!len) {
			len = 4 * (32 - rt);	/* lmw, stmw */
		}
		*ea = base + (uint64_t)d;
	} else if (key == (31 << 10 | 597) || key == (31 << 10 | 725)) {
		len = rb ? rb : 32;		/* lswi, stswi: NB, EA = (RA|0) */
		*ea = base;
	} else {
		*ea = base + t->gpr[rb];
		if (key == (31 << 10 | 1014)) {
			len = 128;		/* dcbz: POWER7's cache block */
			*ea &= ~127ULL;
		} else if (!len) {
			len = (unsigned int)(t->xer & 0x7f);	/* lswx, stswx */
		}
	}
	if (f->flags & ACC_ALIGN16)
		*ea &= ~15ULL;
	if (!(t->msr & MSR_SF))
		*ea &= 0xffffffffULL;
	return len;
}

/* Does the instruction at t->pc access a watched location the way it is watched? */
static struct sim_watch *access_hits(struct sim_debug *d, struct sim_thread *t)
{
	struct sim_xlate x;
	struct sim_intr irq;
	const uint8_t *p;
	uint64_t ea;
	unsigned int len;
	bool store;

	if (sim_mmu_xlate(t, t->pc, SIM_ACC_FETCH, SIM_XL_PROBE | SIM_XL_NO_TLB, &x, &irq))
		return NULL;
	p = sim_arena_ptr(&t->m->arena, x.ra, 4);
	if (!p)
		return NULL;
	len = access_extent(t, (uint32_t)p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3], &ea, &store);
	for (unsigned int i = 0; len && i < d->nwatch; i++) {
		struct sim_watch *w = &d->watch[i];

		if (ea < w->ea + w->len && w->ea < ea + len &&
		    (w->kind == SIM_WATCH_ACCESS || (w->kind == SIM_WATCH_WRITE) == store))
			return w;
	}
	return NULL;
}

/* The thread executed nothing since the debugger resumed it at that PC. */
static bool resuming(const struct sim_debug *d, const struct sim_thread *t)
{
	return t->index < SIM_DEBUG_MAX_THREADS && d->resume_exec[t->index] == t->executed &&
	       d->resume_pc[t->index] == t->pc;
}

bool sim_debug_should_stop(struct sim_thread *t, bool entry)
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
	 * 2. The next instruction accesses a watched location: stop before it,
	 * as POWER's DABR match does (gdb steps over it and compares).
	 */
	if (d->nwatch && !resuming(d, t)) {
		struct sim_watch *w = access_hits(d, t);

		if (w) {
			d->hit = SIM_DBG_WATCH;
			d->hit_addr = w->ea;
			goto hit;
		}
	}
	/*
	 * 3. A watched location that holds another value although no guest
	 * store of this thread wrote it (the hypervisor, another vcpu): both
	 * run only while this thread is out of the guest, so once per entry.
	 */
	for (unsigned int i = 0; entry && i < d->nwatch; i++) {
		struct sim_watch *w = &d->watch[i];
		uint64_t v;
		bool ok = w->kind != SIM_WATCH_READ && sim_debug_peek(t, w->ea, w->len, &v);

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
