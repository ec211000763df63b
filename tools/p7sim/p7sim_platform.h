/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The pseries platform as the VMM implements it: the state behind the
 * hcalls that reach userspace (KVM_EXIT_PAPR_HCALL), RTAS, the console and
 * the XICS interrupt presentation controllers.
 *
 * This library has no run loop and never calls the HV core.  The CLI glues
 * the two together:
 *
 *	on KVM_EXIT_PAPR_HCALL from vcpu v:
 *		run->papr_hcall.ret = p7sim_hcall(plat, v, run->papr_hcall.nr,
 *						  run->papr_hcall.args);
 *	and the HV core writes ret to r3 and args[0..8] back to r4..r12 on the
 *	next entry, as KVM does (powerpc.c, kvm_arch_vcpu_ioctl_run: hcall_needed).
 *
 * Handlers therefore only store into the args[] slots that are outputs of
 * their hcall: every other slot keeps the guest's register value, so those
 * registers are preserved across the call (H_XIRR must leave r5-r12 alone,
 * contract 4.2).
 *
 * What the platform needs from the VMM goes through struct p7sim_ops:
 * simulated time for the RTAS clock, starting and stopping vcpus (RTAS
 * start-cpu/stop-self), power-off, and the level of each vcpu's external
 * interrupt line (the XICS ICP output).  Every callback may be NULL.
 *
 * vcpu indexes and XICS/RTAS server numbers are the same numbers: one
 * vcpu per core, thread 0 only (DESIGN.md "SMP"), so the device tree gives
 * core N the server number N (ibm,ppc-interrupt-server#s = <N>).
 */
#ifndef P7SIM_PLATFORM_H
#define P7SIM_PLATFORM_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "p7sim_console.h"
#include "p7sim_mem.h"
#include "p7sim_rtc.h"

/* The vty's unit address (reg) in /vdevice; vterm 0 also means this vty. */
#define P7SIM_VTY_REG		0x30000000U
/* H_PUT_TERM_CHAR / H_GET_TERM_CHAR move at most two registers of bytes. */
#define P7SIM_TERM_MAX		16

/* Hcall number spaces: PAPR opcodes are multiples of 4 up to H_WATCHDOG... */
#define P7SIM_HCALL_PAPR_MAX	0x45c
/* ...plus the KVM/QEMU private range starting at KVMPPC_HCALL_BASE (H_RTAS). */
#define P7SIM_HCALL_PRIV_BASE	0xf000
#define P7SIM_HCALL_PRIV_COUNT	16

/* XICS (PAPR, "Interrupt Presentation Layer"). */
#define P7SIM_XICS_IPI		2	/* XISR of an IPI, as Linux and QEMU number it */
#define P7SIM_XICS_PRIO_NONE	0xff	/* least favored: nothing pending / MFRR off */

struct p7sim_platform;

/* A userspace hcall handler: args[0..8] = r4..r12 in, outputs written back. */
typedef int64_t (*p7sim_hcall_fn)(struct p7sim_platform *p, unsigned int vcpu, uint64_t *args);

struct p7sim_ops {
	void *ctx;
	/* Simulated time since power-on in ns (the RTAS clock runs on it). */
	uint64_t (*now_ns)(void *ctx);
	/*
	 * RTAS start-cpu: make stopped @vcpu run from @entry (guest real) with
	 * r3 = @r3, r1 = r4 = 0, MSR = SF | ME, real mode, big-endian
	 * (contract 5.3).  Return 0, or -1 to fail the call (hardware error).
	 */
	int (*start_cpu)(void *ctx, unsigned int vcpu, uint64_t entry, uint64_t r3);
	/* RTAS stop-self: @vcpu must not run again until a start-cpu. */
	void (*stop_cpu)(void *ctx, unsigned int vcpu);
	/* RTAS power-off: end the run (exit status 0). */
	void (*power_off)(void *ctx);
	/*
	 * The ICP's output to @vcpu changed: @level true means an external
	 * interrupt (0x500) is pending until called again with false.  Only
	 * changes are reported.
	 */
	void (*raise_external)(void *ctx, unsigned int vcpu, bool level);
};

struct p7sim_config {
	struct p7sim_mem mem;	/* guest RAM */
	unsigned int ncpus;	/* vcpus = cores, at least 1 */
	unsigned int boot_cpu;	/* the vcpu running at power-on; the others are stopped */
	int64_t rtc_base;	/* RTC at power-on, UTC seconds since 1970 */
	uint64_t seed;		/* H_RANDOM's generator */
	FILE *console_out;	/* guest console output (stdout); NULL discards */
	FILE *log;		/* diagnostics (unknown hcalls, once each); NULL is silent */
};

enum p7sim_cpu_state {
	P7SIM_CPU_STOPPED,
	P7SIM_CPU_RUNNING,
};

/* One XICS presentation controller: the per-server state PAPR defines. */
struct p7sim_icp {
	uint8_t cppr;		/* current processor priority: only more favored (lower) wins */
	uint8_t mfrr;		/* most favored request: an IPI at this priority, 0xff none */
	uint8_t pending_prio;	/* priority of the interrupt in xisr */
	uint32_t xisr;		/* source of the pending interrupt, 0 none */
	bool output;		/* the level reported through raise_external */
};

/* XICS sources (ics.c): numbered from QEMU's base; the vty's is the first. */
#define P7SIM_ICS_BASE		0x1000U
#define P7SIM_ICS_NSRC		1
#define P7SIM_VTY_IRQ		P7SIM_ICS_BASE
/* The NVRAM size /vdevice/nvram advertises (#bytes), QEMU's default. */
#define P7SIM_NVRAM_SIZE	(64 * 1024)

/* One interrupt source of the ICS: its XIVE (server, priority) and state. */
struct p7sim_ics_src {
	uint32_t server;
	uint8_t priority;	/* 0xff: masked */
	bool enabled;		/* ibm,int-on / ibm,int-off */
	bool asserted;		/* the device's level */
	bool in_service;	/* accepted (H_XIRR), not yet EOI'd */
};

/* Why the guest ended the run (RTAS). */
enum p7sim_halt {
	P7SIM_HALT_NONE,
	P7SIM_HALT_POWER_OFF,	/* power-off */
	P7SIM_HALT_REBOOT,	/* system-reboot */
	P7SIM_HALT_OS_TERM,	/* ibm,os-term: the OS died (a Linux panic) */
};

struct p7sim_platform {
	struct p7sim_mem mem;
	struct p7sim_console con;
	struct p7sim_rtc rtc;
	struct p7sim_ops ops;
	unsigned int ncpus;
	enum p7sim_cpu_state *cpu_state;
	struct p7sim_icp *icp;
	uint64_t rng;
	bool powered_off;	/* the run must end: see halt */
	enum p7sim_halt halt;
	char halt_msg[256];	/* ibm,os-term's message, one line */
	struct p7sim_ics_src ics[P7SIM_ICS_NSRC];
	uint8_t *nvram;
	uint32_t nvram_size;
	FILE *log;

	/* The hcall table: PAPR opcodes by nr / 4, private ones by nr - 0xf000. */
	p7sim_hcall_fn papr[P7SIM_HCALL_PAPR_MAX / 4 + 1];
	p7sim_hcall_fn priv[P7SIM_HCALL_PRIV_COUNT];
	/* Unknown hcalls already reported, so each is logged once. */
	uint64_t unknown_seen[32];
	unsigned int nunknown_seen;
};

/*
 * Set up @p from @cfg and @ops (copied) and register every hcall the
 * platform implements.  Returns 0, or -1 on a bad config or no memory.
 */
int p7sim_platform_init(struct p7sim_platform *p, const struct p7sim_config *cfg,
			const struct p7sim_ops *ops);
void p7sim_platform_fini(struct p7sim_platform *p);

/*
 * Handle hcall @nr made by @vcpu: args[0..8] hold r4..r12 and receive the
 * results; the return value goes to r3.  Unknown hcalls return H_FUNCTION.
 */
int64_t p7sim_hcall(struct p7sim_platform *p, unsigned int vcpu, uint64_t nr, uint64_t *args);

/*
 * Add a handler, e.g. a test channel in the private range.  Returns 0, or -1
 * when @nr is not a valid opcode (not a multiple of 4 up to 0x45c, nor in
 * 0xf000-0xf00f) or already has a handler.
 */
int p7sim_hcall_register(struct p7sim_platform *p, uint64_t nr, p7sim_hcall_fn fn);
bool p7sim_hcall_implemented(const struct p7sim_platform *p, uint64_t nr);

/* State the run loop consults after each exit. */
bool p7sim_powered_off(const struct p7sim_platform *p);
bool p7sim_cpu_running(const struct p7sim_platform *p, unsigned int vcpu);
/* The ICP output level of @vcpu (what raise_external last reported). */
bool p7sim_external_pending(const struct p7sim_platform *p, unsigned int vcpu);

/* ---- XICS between the source controller (ics.c) and the ICPs (xics.c) ---- */

/* Re-evaluate what @server's ICP presents (a no-op for a server that does not exist). */
void p7sim_icp_update(struct p7sim_platform *p, unsigned int server);
/* All sources masked (priority 0xff), server 0, enabled, idle. */
void p7sim_ics_reset(struct p7sim_platform *p);
/* Device @irq's level changed. */
void p7sim_ics_set_level(struct p7sim_platform *p, uint32_t irq, bool level);
/* The most favoured source wanting @server: true with *irq and *prio. */
bool p7sim_ics_wants(const struct p7sim_platform *p, unsigned int server, uint32_t *irq,
		     uint8_t *prio);
/* @irq accepted (H_XIRR) / ended (H_EOI): false when no such source exists. */
bool p7sim_ics_accept(struct p7sim_platform *p, uint32_t irq);
bool p7sim_ics_eoi(struct p7sim_platform *p, uint32_t irq);

#endif /* P7SIM_PLATFORM_H */
