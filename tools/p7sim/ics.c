// SPDX-License-Identifier: GPL-2.0-only
/*
 * The XICS interrupt source controller (ICS, PAPR "Interrupt Source
 * Layer"): the platform's device interrupt sources, configured through the
 * RTAS calls ibm,set-xive / ibm,get-xive / ibm,int-off / ibm,int-on, and
 * presented to the ICP of their server (xics.c).
 *
 * Sources are numbered from P7SIM_ICS_BASE, as QEMU numbers its XICS
 * sources; the only one is the vty's.  Each is level-sensitive: asserted
 * while its device wants service (the vty: while console input is
 * pending).  A source is presented when it is asserted, enabled (int-on),
 * its priority is not 0xff and it is not already being serviced: accepting
 * it (H_XIRR) puts it in service until its H_EOI, after which a source
 * still asserted is presented again.
 *
 * At reset every source has priority 0xff (masked) and server 0, as PAPR
 * requires before the OS configures it.
 */
#include "p7sim_hcalls.h"
#include "p7sim_rtas.h"

static struct p7sim_ics_src *ics_src(struct p7sim_platform *p, uint32_t irq)
{
	if (irq < P7SIM_ICS_BASE || irq - P7SIM_ICS_BASE >= P7SIM_ICS_NSRC)
		return NULL;
	return &p->ics[irq - P7SIM_ICS_BASE];
}

void p7sim_ics_reset(struct p7sim_platform *p)
{
	for (unsigned int i = 0; i < P7SIM_ICS_NSRC; i++) {
		p->ics[i].server = 0;
		p->ics[i].priority = P7SIM_XICS_PRIO_NONE;
		p->ics[i].enabled = true;
		p->ics[i].asserted = false;
		p->ics[i].in_service = false;
	}
}

bool p7sim_ics_wants(const struct p7sim_platform *p, unsigned int server, uint32_t *irq,
		     uint8_t *prio)
{
	bool found = false;

	for (unsigned int i = 0; i < P7SIM_ICS_NSRC; i++) {
		const struct p7sim_ics_src *s = &p->ics[i];

		if (s->server != server || !s->asserted || !s->enabled || s->in_service ||
		    s->priority == P7SIM_XICS_PRIO_NONE)
			continue;
		if (!found || s->priority < *prio) {
			*irq = P7SIM_ICS_BASE + i;
			*prio = s->priority;
			found = true;
		}
	}
	return found;
}

void p7sim_ics_set_level(struct p7sim_platform *p, uint32_t irq, bool level)
{
	struct p7sim_ics_src *s = ics_src(p, irq);

	if (!s || s->asserted == level)
		return;
	s->asserted = level;
	p7sim_icp_update(p, s->server);
}

bool p7sim_ics_accept(struct p7sim_platform *p, uint32_t irq)
{
	struct p7sim_ics_src *s = ics_src(p, irq);

	if (!s)
		return false;
	s->in_service = true;
	return true;
}

bool p7sim_ics_eoi(struct p7sim_platform *p, uint32_t irq)
{
	struct p7sim_ics_src *s = ics_src(p, irq);

	if (!s)
		return false;
	s->in_service = false;
	return true;
}

/* A change of server or priority takes the source away from its old ICP first. */
static void ics_reroute(struct p7sim_platform *p, struct p7sim_ics_src *s, uint32_t server,
			uint8_t prio)
{
	uint32_t old = s->server;

	s->server = server;
	s->priority = prio;
	p7sim_icp_update(p, old);
	if (server != old)
		p7sim_icp_update(p, server);
}

/* ibm,set-xive(irq, server, priority) -> status: -3 for no such source or server. */
void p7sim_rtas_set_xive(struct p7sim_platform *p, unsigned int vcpu, const uint32_t *args,
			 uint32_t *rets)
{
	struct p7sim_ics_src *s = ics_src(p, args[0]);

	if (!s || args[1] >= p->ncpus || args[2] > P7SIM_XICS_PRIO_NONE) {
		rets[0] = P7SIM_RTAS_PARAM_ERROR;
		return;
	}
	ics_reroute(p, s, args[1], (uint8_t)args[2]);
	rets[0] = P7SIM_RTAS_OK;
}

/* ibm,get-xive(irq) -> status, server, priority. */
void p7sim_rtas_get_xive(struct p7sim_platform *p, unsigned int vcpu, const uint32_t *args,
			 uint32_t *rets)
{
	struct p7sim_ics_src *s = ics_src(p, args[0]);

	if (!s) {
		rets[0] = P7SIM_RTAS_PARAM_ERROR;
		return;
	}
	rets[0] = P7SIM_RTAS_OK;
	rets[1] = s->server;
	rets[2] = s->priority;
}

/* ibm,int-off(irq) / ibm,int-on(irq) -> status: disable / enable, priority kept. */
static void ics_enable(struct p7sim_platform *p, const uint32_t *args, uint32_t *rets, bool on)
{
	struct p7sim_ics_src *s = ics_src(p, args[0]);

	if (!s) {
		rets[0] = P7SIM_RTAS_PARAM_ERROR;
		return;
	}
	s->enabled = on;
	p7sim_icp_update(p, s->server);
	rets[0] = P7SIM_RTAS_OK;
}

void p7sim_rtas_int_off(struct p7sim_platform *p, unsigned int vcpu, const uint32_t *args,
			uint32_t *rets)
{
	ics_enable(p, args, rets, false);
}

void p7sim_rtas_int_on(struct p7sim_platform *p, unsigned int vcpu, const uint32_t *args,
		       uint32_t *rets)
{
	ics_enable(p, args, rets, true);
}
