// SPDX-License-Identifier: GPL-2.0-only
/*
 * The Unicorn engine's guest registers, engine-owned while the guest runs.
 */
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
	return (uint32_t)reg_read(e, UC_PPC_REG_CR);
}

void sim_ue_set_cr(struct sim_ue *e, uint32_t cr)
{
	reg_write(e, UC_PPC_REG_CR, cr);
}

uint64_t sim_ue_lr(struct sim_ue *e)
{
	return reg_read(e, UC_PPC_REG_LR);
}

void sim_ue_set_lr(struct sim_ue *e, uint64_t v)
{
	reg_write(e, UC_PPC_REG_LR, v);
}

uint64_t sim_ue_ctr(struct sim_ue *e)
{
	return reg_read(e, UC_PPC_REG_CTR);
}

void sim_ue_set_ctr(struct sim_ue *e, uint64_t v)
{
	reg_write(e, UC_PPC_REG_CTR, v);
}

uint64_t sim_ue_xer(struct sim_ue *e)
{
	return reg_read(e, UC_PPC_REG_XER);
}

void sim_ue_set_xer(struct sim_ue *e, uint64_t v)
{
	reg_write(e, UC_PPC_REG_XER, v);
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

uint64_t sim_ue_spr(struct sim_ue *e, unsigned int sprn)
{
	return sprn < 1024 ? *ENVP(e, ENV_SPR + 8 * sprn, uint64_t) : 0;
}

void sim_ue_set_spr(struct sim_ue *e, unsigned int sprn, uint64_t v)
{
	if (sprn < 1024)
		*ENVP(e, ENV_SPR + 8 * sprn, uint64_t) = v;
}
