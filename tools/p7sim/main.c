// SPDX-License-Identifier: GPL-2.0-only
/*
 * p7sim: boot a pseries guest kernel on the simulated POWER7 through the HV
 * core.  The command line only; the VMM is vmm.c.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interrupt.h"
#include "p7sim.h"
#include "vmm.h"

/*
 * Option limits.  The instruction clock, the TB derived from it and
 * clock + quantum must never wrap: 2^62 instructions are ~290 years of
 * simulated time at 512 MHz, and a quantum past 2^32 is longer than any
 * HDEC slice anyway.
 */
#define P7SIM_MAX_SMP		64
#define P7SIM_MAX_INSNS		(1ULL << 62)
#define P7SIM_MIN_QUANTUM	1000
#define P7SIM_MAX_QUANTUM	(1ULL << 32)

static const char usage[] =
"usage: p7sim run [options] [GUEST.elf | vmlinux]\n"
"       p7sim --help\n"
"\n"
"Boot a big-endian ppc64 pseries guest on the simulated POWER7 through the KVM\n"
"Book3S HV core: a test program (an ELF linked low, loaded at --kernel-addr +\n"
"p_vaddr like QEMU's pseries machine does) or an unmodified Linux vmlinux (linked\n"
"at 0xc000000000000000, ET_EXEC or relocatable: loaded by physical address, with\n"
"RTAS instantiated, entered with r3 = device tree, r4 = r5 = 0). Without an image\n"
"a built-in demo guest boots: it prints, makes hcalls (H_ENTER in the HV core,\n"
"H_RANDOM in userspace, H_CEDE), takes HDEC exits and powers off.\n"
"\n"
"Options:\n"
"  --mem SIZE          guest RAM, a multiple of 16M (default 256M; K, M, G suffixes)\n"
"  --smp N             N cores, one vcpu each on thread 0 (default 1, at most 64)\n"
"  --hpt-order N       HPT size 2^N bytes, 18..34 (default 24 = 16 MB)\n"
"  --append ARGS       kernel command line (/chosen/bootargs)\n"
"  --initrd FILE       load FILE above the image (/chosen linux,initrd-start/-end)\n"
"  --dtb-out FILE      also write the generated device tree blob to FILE\n"
"  --kernel-addr ADDR  load address base of an image linked low: PT_LOADs go to\n"
"                      ADDR + p_vaddr, below --mem (default 0x400000; a vmlinux\n"
"                      goes to p_paddr)\n"
"  --rtc WHEN          RTC base: epoch seconds, YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS\n"
"                      (years 1..9999; default: host UTC at start, the only\n"
"                      non-deterministic input)\n"
"  --seed N            H_RANDOM seed (default 0)\n"
"  --max-insns N       stop after N instructions, all vcpus together, 1..2^62\n"
"                      (default: none)\n"
"  --quantum N         instructions per vcpu turn, 1000..2^32 (default 100000)\n"
"  --hypervisor-node   add /hypervisor (compatible \"linux,kvm\") to the device tree\n"
"  --inject KIND@N[:CPU]  raise an exception no guest instruction causes when the\n"
"                      instruction clock reaches N, on vcpu CPU (below --smp,\n"
"                      default 0): KIND is external, mce, sreset or hmi (up to 8)\n"
"  --stats             print exits by trap and hcalls by number (like perf kvm stat)\n"
"                      with counts and simulated time, and the engine's runs,\n"
"                      on stderr at the end\n"
"  --trace FILE        write the HV core's event stream (docs/trace-format.md)\n"
"  --gdb WHERE         serve the GDB remote protocol on WHERE: tcp::PORT,\n"
"                      tcp:HOST:PORT or unix:PATH (docs/p7sim.md, Debugging)\n"
"  --gdb-wait          with --gdb: wait for the debugger, stopped before the\n"
"                      guest's first instruction\n"
"  --quiet             no diagnostics but errors\n"
"  -h, --help          this text\n"
"\n"
"The guest's console goes to stdout unchanged; diagnostics go to stderr. Console\n"
"input comes from stdin (H_GET_TERM_CHAR, with the vty's interrupt): a file is\n"
"read whole at the start, a terminal or pipe as it comes.\n"
"\n"
"Exit status:\n"
"  0  the guest powered off (RTAS power-off)\n"
"  1  bad input: options, GUEST.elf, or a machine that cannot be built\n"
"  2  no vcpu can make progress (all stopped, all ceded with no timer, or an\n"
"     exception storm: 1024 interrupts in a row without completing an instruction)\n"
"  3  an exit the VMM cannot handle (unknown trap, internal error)\n"
"  4  the --max-insns instruction limit was reached\n"
"  5  the simulator failed (engine or model error), or the HV core broke a\n"
"     hardware rule the model checks (each reported on stderr)\n"
"  6  the guest asked for a reboot (RTAS system-reboot)\n"
"  7  the guest terminated abnormally (RTAS ibm,os-term: a Linux panic; its\n"
"     message on stderr)\n"
"  8  the debugger killed the run (--gdb)\n"
"  128+N  stopped by signal N: 130 SIGINT, 143 SIGTERM (the console is flushed and\n"
"     the trace closed after the last whole record; a second signal ends p7sim at\n"
"     once)\n"
"The same GUEST.elf and options give the same stdout, exit status, --stats and\n"
"trace on every run, unless --rtc is left to follow the host clock.\n";

/*
 * An unsigned number (decimal, 0x hex or 0 octal) that must start with a
 * digit: strtoull alone skips blanks, accepts a sign and negates it.
 */
static int parse_u64(const char *s, uint64_t *out)
{
	char *end;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	*out = strtoull(s, &end, 0);
	return (errno || *end) ? -1 : 0;
}

/* A size with an optional K, M or G suffix; -1 on junk or past 2^64. */
static int parse_size(const char *s, uint64_t *out)
{
	unsigned int shift = 0;
	char num[32];
	size_t n = strlen(s);
	uint64_t v;

	if (n && strchr("kKmMgG", s[n - 1])) {
		shift = strchr("kK", s[n - 1]) ? 10 : strchr("mM", s[n - 1]) ? 20 : 30;
		n--;
	}
	if (!n || n >= sizeof(num))
		return -1;
	memcpy(num, s, n);
	num[n] = 0;
	if (parse_u64(num, &v) || v > (UINT64_MAX >> shift))
		return -1;
	*out = v << shift;
	return 0;
}

static int parse_inject(const char *s, struct p7sim_opts *o)
{
	static const struct { const char *name; int kind; } kinds[] = {
		{ "external", SIM_INJ_EXTERNAL }, { "mce", SIM_INJ_MACHINE_CHECK },
		{ "sreset", SIM_INJ_SYSTEM_RESET }, { "hmi", SIM_INJ_HMI },
	};
	const char *at = strchr(s, '@'), *colon;
	char num[32];
	uint64_t cpu;
	unsigned int i, k;
	size_t n;

	if (!at || o->ninject >= 8)
		return -1;
	for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++)
		if (strlen(kinds[k].name) == (size_t)(at - s) && !strncmp(s, kinds[k].name, at - s))
			break;
	if (k == sizeof(kinds) / sizeof(kinds[0]))
		return -1;
	i = o->ninject;
	colon = strchr(at + 1, ':');
	n = colon ? (size_t)(colon - (at + 1)) : strlen(at + 1);
	if (n >= sizeof(num))
		return -1;
	memcpy(num, at + 1, n);
	num[n] = 0;
	if (parse_u64(num, &o->inject[i].at))
		return -1;
	/* The vcpu is checked against --smp once every option is known. */
	cpu = 0;
	if (colon && (parse_u64(colon + 1, &cpu) || cpu >= P7SIM_MAX_SMP))
		return -1;
	o->inject[i].cpu = (unsigned int)cpu;
	o->inject[i].kind = kinds[k].kind;
	o->ninject++;
	return 0;
}

static int bad(const char *what, const char *val)
{
	fprintf(stderr, "p7sim: bad %s: '%s' (see p7sim --help)\n", what, val);
	return P7SIM_EXIT_BAD_INPUT;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "mem", required_argument, NULL, 'm' },
		{ "smp", required_argument, NULL, 's' },
		{ "hpt-order", required_argument, NULL, 'o' },
		{ "append", required_argument, NULL, 'a' },
		{ "initrd", required_argument, NULL, 'i' },
		{ "dtb-out", required_argument, NULL, 'D' },
		{ "kernel-addr", required_argument, NULL, 'k' },
		{ "rtc", required_argument, NULL, 'r' },
		{ "seed", required_argument, NULL, 'S' },
		{ "max-insns", required_argument, NULL, 'x' },
		{ "quantum", required_argument, NULL, 'Q' },
		{ "stats", no_argument, NULL, 't' },
		{ "trace", required_argument, NULL, 'T' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "hypervisor-node", no_argument, NULL, 'H' },
		{ "inject", required_argument, NULL, 'I' },
		{ "gdb", required_argument, NULL, 'g' },
		{ "gdb-wait", no_argument, NULL, 'W' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct p7sim_opts o = {
		.mem = 256ULL << 20, .smp = 1, .hpt_order = 24, .append = "",
		.kernel_addr = 0x400000, .quantum = 100000,
	};
	char cmdline[1024] = "";
	uint64_t v;
	int c;

	if (argc > 1 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		fputs(usage, stdout);
		return 0;
	}
	if (argc < 2 || strcmp(argv[1], "run")) {
		fprintf(stderr, "p7sim: expected a command: p7sim run [options] [GUEST.elf] "
			"(see p7sim --help)\n");
		return P7SIM_EXIT_BAD_INPUT;
	}
	for (int i = 1; i < argc; i++) {
		size_t n = strlen(cmdline);

		snprintf(cmdline + n, sizeof(cmdline) - n, "%s%s", n ? " " : "", argv[i]);
	}
	o.cmdline = cmdline;
	argc--;
	argv++;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'm':
			if (parse_size(optarg, &o.mem) || !o.mem || o.mem % (16ULL << 20) ||
			    o.mem > (64ULL << 30))
				return bad("--mem (a non-zero multiple of 16M, at most 64G)", optarg);
			break;
		case 's':
			if (parse_u64(optarg, &v) || !v || v > P7SIM_MAX_SMP)
				return bad("--smp (1..64)", optarg);
			o.smp = (unsigned int)v;
			break;
		case 'o':
			if (parse_u64(optarg, &v) || v < 18 || v > 34)
				return bad("--hpt-order (18..34)", optarg);
			o.hpt_order = (unsigned int)v;
			break;
		case 'a':
			o.append = optarg;
			break;
		case 'i':
			o.initrd = optarg;
			break;
		case 'D':
			o.dtb_out = optarg;
			break;
		case 'k':
			if (parse_u64(optarg, &o.kernel_addr))
				return bad("--kernel-addr", optarg);
			break;
		case 'r':
			if (p7sim_rtc_parse(optarg, &o.rtc))
				return bad("--rtc (epoch seconds or a date, years 1..9999)", optarg);
			o.rtc_set = true;
			break;
		case 'S':
			if (parse_u64(optarg, &o.seed))
				return bad("--seed", optarg);
			break;
		case 'x':
			if (parse_u64(optarg, &o.max_insns) || !o.max_insns ||
			    o.max_insns > P7SIM_MAX_INSNS)
				return bad("--max-insns (1..2^62)", optarg);
			break;
		case 'Q':
			if (parse_u64(optarg, &o.quantum) || o.quantum < P7SIM_MIN_QUANTUM ||
			    o.quantum > P7SIM_MAX_QUANTUM)
				return bad("--quantum (1000..2^32)", optarg);
			break;
		case 't':
			o.stats = true;
			break;
		case 'T':
			o.trace = optarg;
			break;
		case 'q':
			o.quiet = true;
			break;
		case 'H':
			o.hypervisor_node = true;
			break;
		case 'I':
			if (parse_inject(optarg, &o))
				return bad("--inject (KIND@N[:CPU], KIND external|mce|sreset|hmi, CPU "
					   "below 64, at most 8)", optarg);
			break;
		case 'g':
			o.gdb = optarg;
			break;
		case 'W':
			o.gdb_wait = true;
			break;
		case 'h':
			fputs(usage, stdout);
			return 0;
		default:
			fprintf(stderr, "p7sim: see p7sim --help\n");
			return P7SIM_EXIT_BAD_INPUT;
		}
	}
	/* Checks between options, once all are known. */
	for (unsigned int i = 0; i < o.ninject; i++)
		if (o.inject[i].cpu >= o.smp) {
			fprintf(stderr, "p7sim: bad --inject: vcpu %u, but --smp is %u (see p7sim "
				"--help)\n", o.inject[i].cpu, o.smp);
			return P7SIM_EXIT_BAD_INPUT;
		}
	if (o.kernel_addr >= o.mem) {
		fprintf(stderr, "p7sim: bad --kernel-addr: 0x%" PRIx64 " is not below --mem "
			"(0x%" PRIx64 ")\n", o.kernel_addr, o.mem);
		return P7SIM_EXIT_BAD_INPUT;
	}
	if (optind < argc)
		o.guest = argv[optind++];
	if (optind < argc)
		return bad("argument (one GUEST.elf at most)", argv[optind]);
	if (o.gdb_wait && !o.gdb)
		return bad("--gdb-wait (needs --gdb WHERE)", "--gdb-wait");
	return p7sim_vmm_run(&o, stderr);
}
