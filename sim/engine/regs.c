// SPDX-License-Identifier: GPL-2.0-only
/*
 * The Unicorn engine's guest registers, engine-owned while the guest runs.
 */
#include <string.h>

#include "internal.h"

uint64_t sim_ue_gpr(struct sim_ue *e, unsigned int n)
{
	return n < 32 ? ENVP(e, ENV_GPR, uint64_t)[n] : 0;
}

void sim_ue_set_gpr(struct sim_ue *e, unsigned int n, uint64_t v)
{
	if (n < 32)
		ENVP(e, ENV_GPR, uint64_t)[n] = v;
}

uint64_t sim_ue_pc(struct sim_ue *e)
{
	return *ENVP(e, ENV_NIP, uint64_t);
}

void sim_ue_set_pc(struct sim_ue *e, uint64_t pc)
{
	*ENVP(e, ENV_NIP, uint64_t) = pc;
}

uint32_t sim_ue_cr(struct sim_ue *e)
{
	return ue_cr(e);
}

void sim_ue_set_cr(struct sim_ue *e, uint32_t cr)
{
	ue_set_cr(e, cr);
}

uint64_t sim_ue_lr(struct sim_ue *e)
{
	return *ENVP(e, ENV_LR, uint64_t);
}

void sim_ue_set_lr(struct sim_ue *e, uint64_t v)
{
	*ENVP(e, ENV_LR, uint64_t) = v;
}

uint64_t sim_ue_ctr(struct sim_ue *e)
{
	return *ENVP(e, ENV_CTR, uint64_t);
}

void sim_ue_set_ctr(struct sim_ue *e, uint64_t v)
{
	*ENVP(e, ENV_CTR, uint64_t) = v;
}

uint64_t sim_ue_xer(struct sim_ue *e)
{
	return ue_xer(e);
}

void sim_ue_set_xer(struct sim_ue *e, uint64_t v)
{
	ue_set_xer(e, v);
}

uint64_t sim_ue_fpr(struct sim_ue *e, unsigned int n)
{
	return n < 32 ? reg_read(e, UC_PPC_REG_FPR0 + n) : 0;
}

void sim_ue_set_fpr(struct sim_ue *e, unsigned int n, uint64_t v)
{
	if (n < 32)
		reg_write(e, UC_PPC_REG_FPR0 + n, v);
}

/* VSR @n (0-63): doubleword 0 (ISA bits 0:63) and 1. */
static uint8_t *vsr(struct sim_ue *e, unsigned int n)
{
	return e->env + ENV_VSR + ENV_VSR_SIZE * n;
}

void sim_ue_vsr(struct sim_ue *e, unsigned int n, uint64_t *dw0, uint64_t *dw1)
{
	*dw0 = *dw1 = 0;
	if (n >= 64)
		return;
	memcpy(dw0, vsr(e, n) + ENV_VSR_DW0, 8);
	memcpy(dw1, vsr(e, n) + ENV_VSR_DW1, 8);
}

void sim_ue_set_vsr(struct sim_ue *e, unsigned int n, uint64_t dw0, uint64_t dw1)
{
	if (n >= 64)
		return;
	memcpy(vsr(e, n) + ENV_VSR_DW0, &dw0, 8);
	memcpy(vsr(e, n) + ENV_VSR_DW1, &dw1, 8);
}

uint32_t sim_ue_vscr(struct sim_ue *e)
{
	return helper_mfvscr_ppc64(e->env);
}

void sim_ue_set_vscr(struct sim_ue *e, uint32_t vscr)
{
	helper_mtvscr_ppc64(e->env, vscr);
}

/* FPSCR enable bits VE OE UE ZE XE (ISA 2.06 Book I 4.2.2). */
#define FPSCR_ENABLES	0xf8u

uint64_t sim_ue_fpscr(struct sim_ue *e)
{
	return *ENVP(e, ENV_FPSCR_FP, uint32_t);
}

void sim_ue_set_fpscr(struct sim_ue *e, uint64_t fpscr)
{
	/*
	 * mtfsf's own helper sets the rounding mode the arithmetic uses; with
	 * the enables clear it cannot raise an exception.  The value itself,
	 * enables and summaries as given, is stored after it.  The copy that
	 * uc_reg_read sees follows for the record forms (ENV_FPSCR_FP).
	 */
	helper_store_fpscr(e->env, fpscr & ~(uint64_t)FPSCR_ENABLES, 0xff);
	*ENVP(e, ENV_FPSCR_FP, uint32_t) = (uint32_t)fpscr;
	reg_write(e, UC_PPC_REG_FPSCR, (uint32_t)fpscr);
}

uint64_t sim_ue_spr(struct sim_ue *e, unsigned int sprn)
{
	return sprn < 1024 ? *ENVP(e, ENV_SPR + 8 * sprn, uint64_t) : 0;
}

void sim_ue_set_spr(struct sim_ue *e, unsigned int sprn, uint64_t v)
{
	if (sprn < 1024)
		*ENVP(e, ENV_SPR + 8 * sprn, uint64_t) = v;
}

/*
 * The SPRs the engine serves while the guest is in supervisor state
 * (SIM_SPR_ENGINE_SV: SRR0/1, DAR, SPRG0-3, plain storage).  The engine
 * runs the guest at its problem state, where QEMU's translator takes the
 * problem-state callbacks when it translates an mfspr/mtspr.  Kernel and
 * user blocks never share a translation (HFLAGS_GUEST_KERNEL), and every
 * change between the two passes through sim_ue_set_msr, so the callbacks
 * are switched there: the supervisor ones while the guest runs in
 * supervisor state, the privileged sentinel otherwise (the access traps
 * and the model raises the program interrupt).
 */
void ue_sv_sprs(struct sim_ue *e, bool kernel)
{
	for (unsigned int i = 0; i < e->nsv; i++) {
		uint8_t *cb = e->env + ENV_SPR_CB + SPR_CB_SIZE * e->sv[i].n;
		void *rd = kernel ? e->sv[i].rd : e->noaccess;
		void *wr = kernel ? e->sv[i].wr : e->noaccess;

		memcpy(cb + SPR_CB_UEA_READ, &rd, sizeof(rd));
		memcpy(cb + SPR_CB_UEA_WRITE, &wr, sizeof(wr));
	}
}
