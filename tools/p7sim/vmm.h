/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The VMM proper: a POWER7 machine (sim/), the HV core's VM and vcpus (hv/),
 * the pseries platform (p7sim_platform), and the deterministic run loop
 * between them.  main.c is only the command line.
 */
#ifndef P7SIM_VMM_H
#define P7SIM_VMM_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

/* Exit statuses of `p7sim run` (documented in --help and docs/p7sim.md). */
enum p7sim_status {
	P7SIM_EXIT_POWEROFF = 0,	/* the guest called RTAS power-off */
	P7SIM_EXIT_BAD_INPUT = 1,	/* bad option, ELF, or a setup failure */
	P7SIM_EXIT_STUCK = 2,		/* no vcpu can make progress */
	P7SIM_EXIT_UNKNOWN = 3,		/* an exit the VMM cannot handle (unknown trap, ...) */
	P7SIM_EXIT_INSN_LIMIT = 4,	/* --max-insns reached */
	P7SIM_EXIT_SIM_ERROR = 5,	/* the simulator itself failed (engine, rule) */
	P7SIM_EXIT_REBOOT = 6,		/* the guest called RTAS system-reboot */
	P7SIM_EXIT_OS_TERM = 7,		/* the guest called RTAS ibm,os-term (a Linux panic) */
	P7SIM_EXIT_KILLED = 8,		/* the debugger killed the run (--gdb) */
	P7SIM_EXIT_SIGNAL = 128,	/* + the signal number: SIGINT 130, SIGTERM 143 */
};

struct p7sim_opts {
	uint64_t mem;			/* bytes of guest RAM */
	unsigned int smp;		/* cores, one vcpu each */
	unsigned int hpt_order;
	const char *append;		/* bootargs */
	uint64_t kernel_addr;
	bool rtc_set;
	int64_t rtc;			/* RTC base, epoch seconds */
	uint64_t seed;
	uint64_t max_insns;		/* 0 = no limit */
	bool stats;
	const char *trace;		/* trace file */
	bool quiet;
	bool hypervisor_node;
	const char *guest;		/* NULL: the built-in demo guest */
	const char *initrd;		/* --initrd FILE, or NULL */
	const char *dtb_out;		/* --dtb-out FILE: write the device tree there */
	const char *cmdline;		/* for the trace header */
	uint64_t quantum;		/* instructions per vcpu turn */
	/* --inject KIND@INSNS[:CPU]: exceptions no guest instruction causes */
	struct {
		int kind;		/* enum sim_inject_kind */
		uint64_t at;		/* global instruction clock */
		unsigned int cpu;	/* vcpu */
	} inject[8];
	unsigned int ninject;
	const char *gdb;		/* --gdb: tcp::PORT, tcp:HOST:PORT, unix:PATH */
	bool gdb_wait;			/* --gdb-wait: stopped before the first instruction */
};

/* Run a guest to completion: returns an enum p7sim_status. */
int p7sim_vmm_run(const struct p7sim_opts *o, FILE *diag);

/* signal.c: SIGINT/SIGTERM end the run at the next guest exit. */
void p7sim_signals_install(void);
/* The signal caught since p7sim_signals_install(), or 0. */
int p7sim_signal_caught(void);

/* The built-in demo guest (an ELF image), or NULL when not built. */
extern const unsigned char p7sim_demo_elf[];
extern const unsigned int p7sim_demo_elf_len;

#endif /* P7SIM_VMM_H */
