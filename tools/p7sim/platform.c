// SPDX-License-Identifier: GPL-2.0-only
/* Platform state: set-up, tear-down, and what the run loop asks of it. */
#include <stdlib.h>
#include <string.h>

#include "p7sim_hcalls.h"
#include "p7sim_rtas.h"

int p7sim_platform_init(struct p7sim_platform *p, const struct p7sim_config *cfg,
			const struct p7sim_ops *ops)
{
	memset(p, 0, sizeof(*p));
	if (!cfg->ncpus || cfg->boot_cpu >= cfg->ncpus || !cfg->mem.page)
		return -1;
	p->cpu_state = calloc(cfg->ncpus, sizeof(*p->cpu_state));
	p->icp = calloc(cfg->ncpus, sizeof(*p->icp));
	p->nvram = calloc(1, P7SIM_NVRAM_SIZE);
	if (!p->cpu_state || !p->icp || !p->nvram) {
		free(p->cpu_state);
		free(p->icp);
		free(p->nvram);
		return -1;
	}
	p->nvram_size = P7SIM_NVRAM_SIZE;
	p7sim_nvram_format(p->nvram, p->nvram_size);
	p->mem = cfg->mem;
	p->ncpus = cfg->ncpus;
	p->log = cfg->log;
	if (ops)
		p->ops = *ops;
	p7sim_console_init(&p->con, cfg->console_out);
	p7sim_rtc_init(&p->rtc, cfg->rtc_base, p->ops.now_ns, p->ops.ctx);
	p->rng = cfg->seed;

	/*
	 * At power-on only the boot CPU runs; secondaries wait for start-cpu
	 * (contract 5.1).  Every ICP starts with CPPR 0, which masks
	 * everything, and no IPI requested, as after a reset.
	 */
	for (unsigned int i = 0; i < p->ncpus; i++) {
		p->cpu_state[i] = i == cfg->boot_cpu ? P7SIM_CPU_RUNNING : P7SIM_CPU_STOPPED;
		p->icp[i].cppr = 0;
		p->icp[i].mfrr = P7SIM_XICS_PRIO_NONE;
		p->icp[i].pending_prio = P7SIM_XICS_PRIO_NONE;
	}
	p7sim_ics_reset(p);
	p7sim_hcall_register_all(p);
	return 0;
}

void p7sim_platform_fini(struct p7sim_platform *p)
{
	p7sim_console_fini(&p->con);
	free(p->cpu_state);
	free(p->icp);
	free(p->nvram);
	p->cpu_state = NULL;
	p->icp = NULL;
	p->nvram = NULL;
}

bool p7sim_powered_off(const struct p7sim_platform *p)
{
	return p->powered_off;
}

bool p7sim_cpu_running(const struct p7sim_platform *p, unsigned int vcpu)
{
	return vcpu < p->ncpus && p->cpu_state[vcpu] == P7SIM_CPU_RUNNING;
}

bool p7sim_external_pending(const struct p7sim_platform *p, unsigned int vcpu)
{
	return vcpu < p->ncpus && p->icp[vcpu].output;
}
