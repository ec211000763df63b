// SPDX-License-Identifier: GPL-2.0-only
/*
 * SIGINT and SIGTERM end a run cleanly: the handler only records the signal
 * and asks the modelled host for the CPU back (sim_host.stop), so the guest
 * leaves at its next entry, every trace record already written stays whole,
 * and the VMM flushes the console and closes the trace as after any other
 * end of the run.  The handler is reset when it runs: a second signal ends
 * p7sim at once (the default action), for the case the first is not seen.
 */
#include <signal.h>
#include <string.h>

#include "hv_env_sim.h"
#include "vmm.h"

static volatile sig_atomic_t caught;

static void on_signal(int sig)
{
	caught = sig;
	sim_host.stop = 1;
}

void p7sim_signals_install(void)
{
	static const int sigs[] = { SIGINT, SIGTERM };
	struct sigaction sa;

	caught = 0;
	sim_host.stop = 0;
	for (unsigned int i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		struct sigaction old;

		/* A signal ignored at start (a background job's SIGINT) stays ignored. */
		if (sigaction(sigs[i], NULL, &old) || old.sa_handler == SIG_IGN)
			continue;
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_signal;
		sa.sa_flags = SA_RESETHAND;
		sigemptyset(&sa.sa_mask);
		sigaction(sigs[i], &sa, NULL);
	}
}

int p7sim_signal_caught(void)
{
	return caught;
}
