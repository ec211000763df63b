/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Controls of the simulator's hv_env implementation (sim/hv_env_sim.c) that
 * are not part of the hv_env contract: the modelled host (its timer tick,
 * its handling of external interrupts) and the hook through which host
 * writes to guest memory reach the engine.
 */
#ifndef SIM_HV_ENV_SIM_H
#define SIM_HV_ENV_SIM_H

#include <signal.h>
#include <stdint.h>

struct sim_machine;

/*
 * The host kernel's timer tick, in TB ticks: when the host DEC has expired
 * by the time the HV core re-enables interrupts, the modelled host "handles"
 * the tick and reloads DEC with this period, so the next entry gets a full
 * HDEC slice.  Default SIM_HOST_TICK_DEFAULT.
 */
#define SIM_HOST_TICK_DEFAULT	0x80000ULL
/* A host tick due in fewer TB ticks than this is taken at once (>= hdec_soon). */
#define SIM_HOST_TICK_SOON	1024
struct sim_host {
	uint64_t tick;			/* DEC reload period */
	uint64_t ticks_handled;		/* host timer interrupts taken */
	uint64_t externals_handled;	/* host external interrupts taken */
	/* Host wrote guest memory at real [ra, ra + len): drop translated code. */
	void (*code_written)(void *ctx, uint64_t ra, uint64_t len);
	void *code_ctx;
	/*
	 * The VMM's quantum: a machine clock value (0 = none) at which the host
	 * wants the CPU back; hv_enter_guest returns HV_TRAP_NONE once it is
	 * reached, so the run loop returns KVM_EXIT_INTR.
	 */
	uint64_t deadline;
	/*
	 * A host signal (set from a signal handler): hv_enter_guest returns
	 * HV_TRAP_NONE at once, as the kernel's run loop does on
	 * signal_pending() before an entry.
	 */
	volatile sig_atomic_t stop;
};

extern struct sim_host sim_host;

#endif /* SIM_HV_ENV_SIM_H */
