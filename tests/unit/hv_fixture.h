/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A machine, a VM and a vcpu for unit tests of the HV core's run loop, with
 * a scripted "hardware" in place of the engine: each hv_enter_guest() call
 * runs the next step of the script, which looks at the state the partition
 * switch established (SPRs, registers, MSR) and leaves the state of an
 * interrupt (trap, HDAR/HDSISR, HEIR, PC) as POWER7 would.
 */
#ifndef HV_FIXTURE_H
#define HV_FIXTURE_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "hv_env.h"
#include "hv/hv_vcpu.h"
#include "hv/trace.h"
#include "hv_env_sim.h"
#include "machine.h"
#include "spr.h"
#include "timebase.h"

#define FX_MB		(1ULL << 20)

struct hvfx;
/* One step of guest execution: inspect, change state, return the trap. */
typedef uint32_t (*hvfx_step)(struct hvfx *f, struct hv_guest_regs *regs);

struct hvfx {
	struct sim_machine m;
	struct hv_vm *vm;
	struct hv_vcpu *vcpu;
	hvfx_step steps[16];
	unsigned int nsteps, next;
	/* What the steps saw at their entry. */
	struct hv_guest_regs seen[16];
	uint64_t seen_spr[16][8];	/* see HVFX_SEEN_* */
	unsigned int entries;
	/* Trace records captured from the sink. */
	uint32_t tr_type[256];
	uint64_t tr_w0[256][4];
	unsigned int ntr;
};

enum { HVFX_SEEN_LPID, HVFX_SEEN_SDR1, HVFX_SEEN_LPCR, HVFX_SEEN_HDEC, HVFX_SEEN_DEC,
       HVFX_SEEN_SRR0, HVFX_SEEN_SRR1, HVFX_SEEN_DAR };

static struct hvfx *hvfx_cur;

static uint32_t hvfx_enter(struct sim_machine *m, struct hv_guest_regs *regs)
{
	struct hvfx *f = hvfx_cur;
	unsigned int i = f->entries++;
	struct sim_thread *t = m->cur;

	if (i < 16) {
		f->seen[i] = *regs;
		f->seen_spr[i][HVFX_SEEN_LPID] = sim_spr_read(t, SPRN_LPID);
		f->seen_spr[i][HVFX_SEEN_SDR1] = sim_spr_read(t, SPRN_SDR1);
		f->seen_spr[i][HVFX_SEEN_LPCR] = sim_spr_read(t, SPRN_LPCR);
		f->seen_spr[i][HVFX_SEEN_HDEC] = sim_spr_read(t, SPRN_HDEC);
		f->seen_spr[i][HVFX_SEEN_DEC] = sim_spr_read(t, SPRN_DEC);
		f->seen_spr[i][HVFX_SEEN_SRR0] = sim_spr_read(t, SPRN_SRR0);
		f->seen_spr[i][HVFX_SEEN_SRR1] = sim_spr_read(t, SPRN_SRR1);
		f->seen_spr[i][HVFX_SEEN_DAR] = sim_spr_read(t, SPRN_DAR);
	}
	if (f->next >= f->nsteps)
		return HV_TRAP_NONE;	/* script over: the host wants the CPU back */
	return f->steps[f->next++](f, regs);
}

static void hvfx_sink(void *ctx, uint32_t type, const void *payload, uint32_t len)
{
	struct hvfx *f = ctx;
	const uint64_t *w = payload;

	if (f->ntr >= 256)
		return;
	f->tr_type[f->ntr] = type;
	for (unsigned int i = 0; i < 4 && i < len / 8; i++)
		f->tr_w0[f->ntr][i] = w[i];
	f->ntr++;
}

static int hvfx_setup(struct hvfx *f, unsigned int hpt_order)
{
	memset(f, 0, sizeof(*f));
	hvfx_cur = f;
	if (sim_machine_init(&f->m, 256 * FX_MB, 2))
		return -1;
	sim_machine_select(&f->m, 0);
	f->m.log_level = 0;
	f->m.enter_guest = hvfx_enter;
	f->m.trace_sink = hvfx_sink;
	f->m.trace_ctx = f;
	/* The host's timer: a full tick before the first entry. */
	sim_spr_write(f->m.cur, SPRN_DEC, SIM_HOST_TICK_DEFAULT);
	if (hv_vm_create(&f->vm, hpt_order))
		return -1;
	if (hv_vm_add_memory(f->vm, 0, 32 * FX_MB))
		return -1;
	if (hv_vcpu_create(f->vm, 0, &f->vcpu))
		return -1;
	f->vcpu->regs.pc = 0x2000;
	return 0;
}

static void hvfx_teardown(struct hvfx *f)
{
	hv_vm_destroy(f->vm);
	sim_machine_destroy(&f->m);
}

static void hvfx_script(struct hvfx *f, unsigned int n, ...)
{
	va_list ap;

	va_start(ap, n);
	for (unsigned int i = 0; i < n; i++)
		f->steps[i] = va_arg(ap, hvfx_step);
	va_end(ap);
	f->nsteps = n;
	f->next = 0;
	f->entries = 0;
}

/* Let @insns instructions of simulated time pass, as a running guest would. */
static void hvfx_time(struct hvfx *f, uint64_t insns)
{
	sim_clock_advance(&f->m, f->m.cur, insns);
}

#endif /* HV_FIXTURE_H */
