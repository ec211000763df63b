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
"                      ADDR + p_vaddr (default 0x400000; a vmlinux goes to p_paddr)\n"
"  --rtc WHEN          RTC base: epoch seconds, YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS\n"
"                      (default: host UTC at start, the only non-deterministic input)\n"
"  --seed N            H_RANDOM seed (default 0)\n"
"  --max-insns N       stop after N instructions, all vcpus together (default: none)\n"
"  --quantum N         instructions per vcpu turn (default 100000)\n"
"  --hypervisor-node   add /hypervisor (compatible \"linux,kvm\") to the device tree\n"
"  --inject KIND@N[:CPU]  raise an exception no guest instruction causes when the\n"
"                      instruction clock reaches N, on vcpu CPU (default 0): KIND is\n"
"                      external, mce, sreset or hmi (up to 8 times)\n"
"  --stats             print exits by trap and hcalls by number (like perf kvm stat)\n"
"                      with counts and simulated time, on stderr at the end\n"
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
"  2  no vcpu can make progress (all stopped, or all ceded with no timer)\n"
"  3  an exit the VMM cannot handle (unknown trap, internal error)\n"
"  4  the --max-insns instruction limit was reached\n"
"  5  the simulator failed (engine or model error), or the HV core broke a\n"
"     hardware rule the model checks (each reported on stderr)\n"
"  6  the guest asked for a reboot (RTAS system-reboot)\n"
"  7  the guest terminated abnormally (RTAS ibm,os-term: a Linux panic; its\n"
"     message on stderr)\n"
"  8  the debugger killed the run (--gdb)\n"
"The same GUEST.elf and options give the same stdout, exit status, --stats and\n"
"trace on every run, unless --rtc is left to follow the host clock.\n";

static int parse_size(const char *s, uint64_t *out)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno || end == s)
		return -1;
	switch (*end) {
	case 'k': case 'K': v <<= 10; end++; break;
	case 'm': case 'M': v <<= 20; end++; break;
	case 'g': case 'G': v <<= 30; end++; break;
	}
	if (*end)
		return -1;
	*out = v;
	return 0;
}

static int parse_u64(const char *s, uint64_t *out)
{
	char *end;

	errno = 0;
	*out = strtoull(s, &end, 0);
	return (errno || end == s || *end || *s == '-') ? -1 : 0;
}

static int parse_inject(const char *s, struct p7sim_opts *o)
{
	static const struct { const char *name; int kind; } kinds[] = {
		{ "external", SIM_INJ_EXTERNAL }, { "mce", SIM_INJ_MACHINE_CHECK },
		{ "sreset", SIM_INJ_SYSTEM_RESET }, { "hmi", SIM_INJ_HMI },
	};
	const char *at = strchr(s, '@');
	char *end;
	unsigned int i, k;

	if (!at || o->ninject >= 8)
		return -1;
	for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++)
		if (strlen(kinds[k].name) == (size_t)(at - s) && !strncmp(s, kinds[k].name, at - s))
			break;
	if (k == sizeof(kinds) / sizeof(kinds[0]))
		return -1;
	i = o->ninject;
	errno = 0;
	o->inject[i].at = strtoull(at + 1, &end, 0);
	if (errno || end == at + 1)
		return -1;
	o->inject[i].cpu = 0;
	if (*end == ':') {
		const char *c = end + 1;

		o->inject[i].cpu = (unsigned int)strtoul(c, &end, 0);
		if (end == c)
			return -1;
	}
	if (*end)
		return -1;
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
			if (parse_u64(optarg, &v) || !v || v > 64)
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
				return bad("--rtc", optarg);
			o.rtc_set = true;
			break;
		case 'S':
			if (parse_u64(optarg, &o.seed))
				return bad("--seed", optarg);
			break;
		case 'x':
			if (parse_u64(optarg, &o.max_insns) || !o.max_insns)
				return bad("--max-insns", optarg);
			break;
		case 'Q':
			if (parse_u64(optarg, &o.quantum) || o.quantum < 1000)
				return bad("--quantum (at least 1000)", optarg);
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
				return bad("--inject (KIND@N[:CPU], KIND external|mce|sreset|hmi, at "
					   "most 8)", optarg);
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
	if (optind < argc)
		o.guest = argv[optind++];
	if (optind < argc)
		return bad("argument (one GUEST.elf at most)", argv[optind]);
	if (o.gdb_wait && !o.gdb)
		return bad("--gdb-wait (needs --gdb WHERE)", "--gdb-wait");
	return p7sim_vmm_run(&o, stderr);
}
