// SPDX-License-Identifier: GPL-2.0-only
/*
 * XICS interrupt presentation for SMP guests: one presentation controller
 * (ICP) per server, driven by the hcall-interrupt hcalls.
 *
 * XISR values presented are the IPI source, 2, and the device sources of
 * the ICS (ics.c: the vty).  The rules are the
 * ICP's (PAPR "Interrupt Presentation Layer"; Linux's book3s_xics.c and
 * QEMU's xics.c implement the same):
 *
 *  - priorities are 0 (most favored) to 0xff (least); an interrupt is
 *    presented only when its priority is more favored than CPPR;
 *  - MFRR < 0xff requests an IPI at priority MFRR;
 *  - reading XIRR (H_XIRR) accepts the pending interrupt: it returns
 *    CPPR << 24 | XISR, raises CPPR to the interrupt's priority and clears
 *    XISR, lowering the interrupt line;
 *  - writing XIRR (H_EOI) sets CPPR from its top byte and ends the
 *    interrupt; a still-requested IPI is then presented again;
 *  - a CPPR made more restrictive than the pending interrupt withdraws it
 *    (it stays requested in MFRR and comes back when CPPR is relaxed).
 *
 * The ICP output is a level: raise_external(vcpu, true) while an interrupt
 * is presented and not yet accepted, false once accepted or withdrawn.
 */
#include "hv_consts.h"
#include "p7sim_hcalls.h"

#define XIRR_CPPR_SHIFT	24
#define XIRR_XISR_MASK	0x00ffffffU

static void icp_set_output(struct p7sim_platform *p, unsigned int server, bool level)
{
	struct p7sim_icp *icp = &p->icp[server];

	if (icp->output == level)
		return;
	icp->output = level;
	if (p->ops.raise_external)
		p->ops.raise_external(p->ops.ctx, server, level);
}

static void icp_withdraw(struct p7sim_platform *p, unsigned int server)
{
	struct p7sim_icp *icp = &p->icp[server];

	icp->xisr = 0;
	icp->pending_prio = P7SIM_XICS_PRIO_NONE;
	icp_set_output(p, server, false);
}

/*
 * Re-evaluate what the ICP of @server presents, after anything that can
 * change it (CPPR, MFRR, a source's level, route or mask, acceptance, EOI).
 *
 * 1. The candidates: the IPI when MFRR requests one, and the most favoured
 *    source the ICS wants to present to this server.
 * 2. A presented IPI stays until accepted or until CPPR no longer lets it
 *    through (it is still requested in MFRR and comes back); a presented
 *    source stays only while it is still the candidate.
 * 3. The candidate is presented when it beats CPPR and what is presented.
 */
void p7sim_icp_update(struct p7sim_platform *p, unsigned int server)
{
	struct p7sim_icp *icp;
	uint32_t irq = 0, sirq;
	uint8_t prio = P7SIM_XICS_PRIO_NONE, sprio;

	if (server >= p->ncpus)
		return;
	icp = &p->icp[server];
	/* 1. */
	if (icp->mfrr != P7SIM_XICS_PRIO_NONE) {
		irq = P7SIM_XICS_IPI;
		prio = icp->mfrr;
	}
	if (p7sim_ics_wants(p, server, &sirq, &sprio) && sprio < prio) {
		irq = sirq;
		prio = sprio;
	}
	/* 2. */
	if (icp->xisr && (icp->cppr <= icp->pending_prio ||
			  (icp->xisr != P7SIM_XICS_IPI && icp->xisr != irq)))
		icp_withdraw(p, server);
	/* 3. */
	if (irq && prio < icp->cppr && (!icp->xisr || prio < icp->pending_prio)) {
		icp->xisr = irq;
		icp->pending_prio = prio;
		icp_set_output(p, server, true);
	}
}

static uint32_t icp_xirr(const struct p7sim_icp *icp)
{
	return (uint32_t)icp->cppr << XIRR_CPPR_SHIFT | icp->xisr;
}

/* H_CPPR(cppr r4): set this server's current processor priority. */
int64_t p7sim_h_cppr(struct p7sim_platform *p, unsigned int vcpu, uint64_t *args)
{
	struct p7sim_icp *icp = &p->icp[vcpu];
	uint8_t cppr = args[0] & 0xff;

	icp->cppr = cppr;
	p7sim_icp_update(p, vcpu);
	return H_SUCCESS;
}

/* H_IPI(server r4, mfrr r5): request (or with 0xff, stop requesting) an IPI. */
int64_t p7sim_h_ipi(struct p7sim_platform *p, unsigned int vcpu, uint64_t *args)
{
	uint64_t server = args[0];

	if (server >= p->ncpus)
		return H_PARAMETER;
	p->icp[server].mfrr = args[1] & 0xff;
	p7sim_icp_update(p, server);
	return H_SUCCESS;
}

/*
 * H_XIRR -> xirr in r4: accept the pending interrupt.  Nothing but r4 is
 * written: the kvm-unit-tests caller declares no clobbers (contract 4.2).
 */
int64_t p7sim_h_xirr(struct p7sim_platform *p, unsigned int vcpu, uint64_t *args)
{
	struct p7sim_icp *icp = &p->icp[vcpu];

	args[0] = icp_xirr(icp);
	if (icp->xisr) {
		if (icp->xisr != P7SIM_XICS_IPI)
			p7sim_ics_accept(p, icp->xisr);
		icp->cppr = icp->pending_prio;
		icp->xisr = 0;
		icp->pending_prio = P7SIM_XICS_PRIO_NONE;
		icp_set_output(p, vcpu, false);
	}
	return H_SUCCESS;
}

/* H_IPOLL(server r4) -> xirr r4, mfrr r5, without accepting anything. */
int64_t p7sim_h_ipoll(struct p7sim_platform *p, unsigned int vcpu, uint64_t *args)
{
	uint64_t server = args[0];

	if (server >= p->ncpus)
		return H_PARAMETER;
	args[0] = icp_xirr(&p->icp[server]);
	args[1] = p->icp[server].mfrr;
	return H_SUCCESS;
}

/*
 * H_EOI(xirr r4): end of interrupt.  CPPR is restored from the top byte
 * first, as the ICP does for any XIRR store; the source leaves service
 * (a level source still asserted is presented again) and the ICP is
 * re-evaluated.  EOI of a source that does not exist is H_PARAMETER
 * (KVM's answer for an unknown source), after the CPPR update.
 */
int64_t p7sim_h_eoi(struct p7sim_platform *p, unsigned int vcpu, uint64_t *args)
{
	struct p7sim_icp *icp = &p->icp[vcpu];
	uint32_t xirr = args[0], irq = xirr & XIRR_XISR_MASK;
	bool known = irq == 0 || irq == P7SIM_XICS_IPI || p7sim_ics_eoi(p, irq);

	icp->cppr = xirr >> XIRR_CPPR_SHIFT;
	p7sim_icp_update(p, vcpu);
	if (!known)
		return H_PARAMETER;
	return H_SUCCESS;
}
