/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Interrupts: what an interrupt carries, where it goes (ISA 2.06 Book III-S
 * chapter 6 and POWER7's LPCR routing), and the asynchronous exceptions that
 * wait until their interrupt is enabled.  Also the injection of interrupts at
 * a chosen instruction count.
 */
#ifndef SIM_INTERRUPT_H
#define SIM_INTERRUPT_H

#include <stdbool.h>
#include <stdint.h>

#include "hv_consts.h"
#include "machine.h"

/*
 * SRR1 and DSISR bits (kernel names, asm/reg.h).  MSB-0 bit n is 1 << (63-n)
 * in SRR1 and 1 << (31-n+32) in the 32-bit DSISR.
 */
#ifndef SRR1_ISI_NOPT
#define SRR1_ISI_NOPT		0x40000000UL	/* 33: no HPTE */
#define SRR1_ISI_N_OR_G		0x10000000UL	/* 35: no-execute or guarded */
#define SRR1_ISI_PROT		0x08000000UL	/* 36: protection */
#define SRR1_PROGFPE		0x00100000UL	/* 43: FP enabled exception */
#define SRR1_PROGILL		0x00080000UL	/* 44: illegal instruction */
#define SRR1_PROGPRIV		0x00040000UL	/* 45: privileged instruction */
#define SRR1_PROGTRAP		0x00020000UL	/* 46: trap */
#define SRR1_PROGADDR		0x00010000UL	/* 47: SRR0 holds the next instruction */
#endif
#ifndef DSISR_NOHPTE
#define DSISR_NOHPTE		0x40000000UL	/* 33: no HPTE / no translation */
#define DSISR_PROTFAULT		0x08000000UL	/* 36: protection */
#define DSISR_ISSTORE		0x02000000UL	/* 38: the access was a store */
#define DSISR_DABRMATCH		0x00400000UL	/* 41 */
#define DSISR_KEYFAULT		0x00200000UL	/* 42: AMR key */
#endif
/* SRR1 bits 33:36 and 42:47 are interrupt specific; the rest copy the MSR. */
#define SIM_SRR1_INT_BITS	0x00000000783f0000ULL
/* ISI key fault (SRR1 bit 42), for completeness; POWER7 has no IAMR. */
#define SIM_SRR1_ISI_KEY	0x0000000000200000ULL

/* How an interrupt is routed. */
enum sim_route {
	SIM_ROUTE_ARCH = 0,	/* as ISA 2.06 and the LPCR say */
	SIM_ROUTE_HV,		/* forced to the hypervisor: HSRR0/1, MSR[HV]=1 */
	SIM_ROUTE_OS,		/* forced to the OS: SRR0/1, MSR[HV] unchanged */
};

/* An interrupt to deliver, as computed by the MMU, SPR access or emulation. */
struct sim_intr {
	unsigned int vec;	/* BOOK3S_INTERRUPT_* vector; 0 = none */
	uint64_t bits;		/* interrupt-specific SRR1/HSRR1 bits */
	uint64_t dar;		/* DSI, HDSI, DSegI, alignment: the effective address */
	uint32_t dsisr;		/* DSI, HDSI */
	uint32_t heir;		/* HEA: the instruction image */
	bool next;		/* SRR0 = the next instruction (sc, trace) */
	bool lev1;		/* sc 1: the hypervisor call */
	bool hv_external;	/* 0x500 directed to the hypervisor (LPES0=0 or MER) */
	enum sim_route route;
	uint32_t source;	/* SIM_PEND_* bit that produced it; 0 = synchronous */
};

/* Is @vec, as @irq describes it and the LPCR routes it, a hypervisor interrupt? */
bool sim_intr_is_hv(const struct sim_thread *t, const struct sim_intr *irq);
/*
 * Deliver @irq on @t at t->pc (the instruction that caused it, or the next
 * one to execute for asynchronous interrupts; @irq->next moves SRR0 past it).
 * Returns true when the interrupt took the thread from guest state
 * (MSR[HV]=0) into hypervisor state: the run must end there.
 */
bool sim_intr_deliver(struct sim_thread *t, const struct sim_intr *irq);

/* Helpers that fill a struct sim_intr. */
struct sim_intr sim_intr_program(uint64_t srr1_bits);
struct sim_intr sim_intr_hea(uint32_t insn);

/*
 * The highest-priority asynchronous interrupt that is pending and enabled on
 * @t now (timers are brought up to date first).  False when none.
 */
bool sim_intr_pending(struct sim_thread *t, struct sim_intr *irq);
enum sim_check {
	SIM_CHECK_NONE,		/* nothing deliverable */
	SIM_CHECK_DELIVERED,	/* delivered; the thread stays in its state */
	SIM_CHECK_EXIT,		/* delivered into hypervisor state from guest state */
};
/* Deliver the interrupt sim_intr_pending() finds, if any. */
enum sim_check sim_intr_check(struct sim_thread *t);
/* Clear the exception whose interrupt was just delivered (edge sources). */
void sim_intr_acknowledge(struct sim_thread *t, const struct sim_intr *irq);

/* A device's external interrupt line (level). */
void sim_intr_set_external(struct sim_thread *t, bool level);

/* ---- injection ------------------------------------------------------------ */

enum sim_inject_kind {
	SIM_INJ_EXTERNAL,	/* one-shot external exception, routed by LPES */
	SIM_INJ_MACHINE_CHECK,
	SIM_INJ_SYSTEM_RESET,
	SIM_INJ_HMI,		/* sets @bits in HMER (HMER bit 0 if 0) */
	SIM_INJ_PERFMON,
	SIM_INJ_INTERRUPT,	/* any vector with SRR1 @bits, delivered as it stands */
};

struct sim_injection {
	uint64_t at;		/* global instruction clock value */
	unsigned int cpu;	/* thread index */
	enum sim_inject_kind kind;
	unsigned int vec;	/* SIM_INJ_INTERRUPT */
	uint64_t bits;
	enum sim_route route;
};

/*
 * Schedule an injection: when the machine's clock reaches @inj->at, the
 * exception comes into existence on thread @inj->cpu (a run slice stops at
 * exactly that instruction).  Returns 0 or -errno.
 */
int sim_inject(struct sim_machine *m, const struct sim_injection *inj);
/* Instructions until the next scheduled injection (UINT64_MAX: none). */
uint64_t sim_inject_next(const struct sim_machine *m);
/* Make every injection due at the current clock pending. */
void sim_inject_fire(struct sim_machine *m);

#endif /* SIM_INTERRUPT_H */
