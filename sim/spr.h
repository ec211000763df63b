/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * POWER7's special purpose registers as data: one table entry per SPR number
 * with its name, width, who may read and write it, its side effect, and
 * whether the engine serves it without trapping (then the model mirrors it).
 * The access rules for the wrong privilege level are in spr.c and
 * docs/sim-fidelity.md.
 */
#ifndef SIM_SPR_H
#define SIM_SPR_H

#include <stdbool.h>
#include <stdint.h>

#include "hv_consts.h"
#include "machine.h"

struct sim_intr;

/* SPR numbers POWER7 has that hv_consts.h does not name (kernel names). */
#ifndef SPRN_LR
#define SPRN_LR		0x008
#define SPRN_CTR	0x009
#endif
#ifndef SPRN_UAMR
#define SPRN_UAMR	0x00d	/* problem-state view of the AMR */
#endif
#ifndef SPRN_TBWL
#define SPRN_TBWL	0x11C
#define SPRN_TBWU	0x11D
#endif
#ifndef SPRN_HID0
#define SPRN_HID0	0x3F0
#endif
#ifndef SPRN_HID1
#define SPRN_HID1	0x3F1
#define SPRN_HID4	0x3F4
#define SPRN_HID5	0x3F6
#endif
/* PPR[PRI], bits 11:13 (ISA 2.06 Book II 3.2): the only bits POWER7 implements. */
#define SIM_PPR_PRI_SHIFT	50
#define SIM_PPR_PRI_MASK	(7ULL << SIM_PPR_PRI_SHIFT)
#define SIM_PPR_MEDIUM		(4ULL << SIM_PPR_PRI_SHIFT)
#ifndef SPRN_UMMCRA
#define SPRN_UMMCRA	770
#define SPRN_UPMC1	771
#define SPRN_UPMC6	776
#define SPRN_UMMCR0	779
#define SPRN_USIAR	780
#define SPRN_USDAR	781
#define SPRN_UMMCR1	782
#endif

/* Privilege needed for one direction of access. */
enum sim_spr_priv {
	SIM_SPR_NONE = 0,	/* that direction does not exist (read-only, write-only) */
	SIM_SPR_PROB = 1,	/* problem state and up */
	SIM_SPR_PRIV = 2,	/* privileged: MSR[PR]=0 */
	SIM_SPR_HYP = 3,	/* hypervisor state: MSR[HV]=1, MSR[PR]=0 */
};

/* Side effects beyond storing the value (spr.c). */
enum sim_spr_fx {
	SIM_FX_NONE = 0,
	SIM_FX_REG,		/* XER, LR, CTR: kept in struct sim_thread fields */
	SIM_FX_DEC,
	SIM_FX_HDEC,
	SIM_FX_TB,		/* 268 reads the whole TB, 269 its upper half */
	SIM_FX_TBL_W,		/* 284: writes TB bits 32:63 */
	SIM_FX_TBU_W,		/* 285: writes TB bits 0:31 */
	SIM_FX_PURR,		/* PURR/SPURR: advanced before read */
	SIM_FX_SDR1,		/* rule check; mirror; TLB context */
	SIM_FX_LPID,
	SIM_FX_LPCR,
	SIM_FX_RMOR,		/* RMOR, HRMOR */
	SIM_FX_AMR,		/* 29: AMOR-masked below hypervisor state */
	SIM_FX_UAMR,		/* 13: UAMOR-masked in problem state, AMOR-masked privileged */
	SIM_FX_UAMOR,		/* AMOR-masked below hypervisor state */
	SIM_FX_AMOR,
	SIM_FX_CTRL,		/* 136 reads, 152 writes; only RUN is writable */
	SIM_FX_HMER,		/* mtspr ANDs */
	SIM_FX_PPR,		/* only PRI, and only the priorities the privilege allows */
};

/* Flags. */
#define SIM_SPR_ENGINE	0x1	/* the engine serves it without trapping; mirror it */
/*
 * The engine serves it without trapping while the guest is in supervisor
 * state (MSR[PR] = 0), where the table lets it read and write; at problem
 * state it traps as every privileged SPR does.  Plain storage only.
 */
#define SIM_SPR_ENGINE_SV	0x2

struct sim_spr {
	const char *name;	/* NULL: no SPR with this number on POWER7 */
	uint8_t width;		/* 32 or 64 */
	uint8_t read;		/* enum sim_spr_priv */
	uint8_t write;
	uint8_t fx;		/* enum sim_spr_fx */
	uint8_t flags;
	uint16_t store;		/* SPR number whose storage this one shares (0: itself) */
};

extern const struct sim_spr sim_spr_table[SIM_NR_SPRS];

/* The table entry of @sprn, or NULL when POWER7 has no such SPR. */
const struct sim_spr *sim_spr_info(unsigned int sprn);
/* The privilege level the thread runs at (enum sim_spr_priv). */
unsigned int sim_spr_level(uint64_t msr);

enum sim_spr_ret {
	SIM_SPR_DONE,		/* performed (mfspr: *val holds the value) */
	SIM_SPR_NOOP,		/* treated as a no-op (mfspr leaves RT unchanged) */
	SIM_SPR_RAISE,		/* *irq holds the interrupt the access causes */
};

/*
 * mfspr (@write false) or mtspr (@write true) of @sprn by @t at the privilege
 * its MSR gives, as POWER7 performs it: width, side effects, and for the wrong
 * privilege level the program interrupt, HEA or no-op (spr.c explains which).
 */
enum sim_spr_ret sim_spr_access(struct sim_thread *t, unsigned int sprn, bool write,
				uint64_t *val, struct sim_intr *irq);

/*
 * Hypervisor-state access (what hv_mfspr/hv_mtspr do): no privilege check,
 * but width and side effects as for mfspr/mtspr in hypervisor state.
 */
uint64_t sim_spr_read(struct sim_thread *t, unsigned int sprn);
void sim_spr_write(struct sim_thread *t, unsigned int sprn, uint64_t val);

/* Reset values of a thread's SPRs (cpu.c calls it at machine init). */
void sim_spr_reset(struct sim_thread *t);

#endif /* SIM_SPR_H */
