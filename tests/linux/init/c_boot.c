// SPDX-License-Identifier: GPL-2.0-only
/*
 * c_boot.c: what the platform told the kernel: every cpu online, each a
 * POWER7 with the user features POWER7 has (FPU, VMX, VSX, DFP).
 */
#include "check.h"

static char buf[16384];

/* Count the cpus of a sysfs cpu list such as "0-3" or "0,2-5". */
static long count_cpu_list(const char *p)
{
	long n = 0;
	u64 a, b;

	while (parse_ulong(&p, &a)) {
		b = a;
		if (*p == '-') {
			p++;
			if (!parse_ulong(&p, &b) || b < a)
				return -1;
		}
		n += b - a + 1;
		if (*p != ',')
			break;
		p++;
	}
	return (*p == '\n' || *p == 0) ? n : -1;
}

/* Count lines that start with key, and how many of those contain what. */
static int count_lines(const char *text, const char *key, const char *what, int *with)
{
	int n = 0;

	*with = 0;
	for (const char *p = text; p && *p; ) {
		const char *eol = strstr(p, "\n");
		size_t len = eol ? (size_t)(eol - p) : strlen(p);

		if (!strncmp(p, key, strlen(key))) {
			char line[160];

			n++;
			format(line, sizeof(line), "%s", p);
			line[len < sizeof(line) ? len : sizeof(line) - 1] = 0;
			if (strstr(line, what))
				(*with)++;
		}
		p = eol ? eol + 1 : NULL;
	}
	return n;
}

static void check_cpus_online(void)
{
	long online, reached = 0, first_bad = -1;
	int procs, dummy;

	if (env.want_cpus < 0) {
		report(false, "cpus-online", "no p7.cpus=N on the kernel command line");
		return;
	}
	online = read_file("/sys/devices/system/cpu/online", buf, sizeof(buf)) < 0 ? -1 :
		 count_cpu_list(buf);
	procs = read_file("/proc/cpuinfo", buf, sizeof(buf)) < 0 ? -1 :
		count_lines(buf, "processor", "", &dummy);
	/* Run on each cpu once: online in name and in fact. */
	for (int i = 0; i < env.ncpus; i++) {
		if (pin_to_cpu(env.cpu[i]) == 0)
			reached++;
		else if (first_bad < 0)
			first_bad = env.cpu[i];
	}
	unpin();
	report(online == env.want_cpus && procs == env.want_cpus && env.ncpus == env.want_cpus &&
	       reached == env.want_cpus, "cpus-online",
	       "want %ld: sysfs online %ld, cpuinfo %d, affinity %d, ran on %ld%s", env.want_cpus,
	       online, procs, env.ncpus, reached, first_bad >= 0 ? " (a cpu refused)" : "");
}

static void check_cpuinfo(void)
{
	int cpus, power7, tb, dummy;
	const char *p;

	if (read_file("/proc/cpuinfo", buf, sizeof(buf)) < 0) {
		report(false, "cpuinfo", "cannot read /proc/cpuinfo");
		return;
	}
	cpus = count_lines(buf, "cpu\t", "POWER7", &power7);
	tb = count_lines(buf, "timebase", "", &dummy);
	p = strstr(buf, "timebase");
	if (p && (p = strstr(p, ": ")))
		p += 2;
	if (!p || !parse_ulong(&p, &env.tb_freq))
		env.tb_freq = 0;
	report(cpus > 0 && power7 == cpus && cpus == env.ncpus && env.tb_freq, "cpuinfo",
	       "%d of %d cpu lines say POWER7, timebase %lu Hz (%d line%s)", power7, cpus,
	       env.tb_freq, tb, tb == 1 ? "" : "s");
}

static void check_hwcap(void)
{
	static const struct {
		u64 bit;
		const char *name;
	} want[] = {
		{ PPC_FEATURE_64, "ppc64" },
		{ PPC_FEATURE_HAS_FPU, "fpu" },
		{ PPC_FEATURE_HAS_ALTIVEC, "altivec" },
		{ PPC_FEATURE_HAS_VSX, "vsx" },
		{ PPC_FEATURE_HAS_DFP, "dfp" },
		{ PPC_FEATURE_ARCH_2_06, "arch_2_06" },
		/* ibm,pa-features byte 5 bit 0 (prom.c): POWER7 runs little-endian too */
		{ PPC_FEATURE_TRUE_LE, "true_le" },
	};
	char missing[96] = "";
	bool platform_ok = env.platform && !strcmp(env.platform, "power7");

	for (size_t i = 0; i < ARRAY_SIZE(want); i++) {
		size_t len = strlen(missing);

		if (!(env.hwcap & want[i].bit))
			format(missing + len, sizeof(missing) - len, " %s", want[i].name);
	}
	report(!missing[0] && platform_ok, "hwcap", "AT_HWCAP 0x%lx AT_HWCAP2 0x%lx platform %s%s%s",
	       env.hwcap, env.hwcap2, env.platform ? env.platform : "(none)",
	       missing[0] ? ", missing:" : "", missing);
}

/* vecregs.S */
long dfp_add_ints(long a, long b);

static void check_dfp(void)
{
	long sum;

	if (!(env.hwcap & PPC_FEATURE_HAS_DFP)) {
		report(false, "dfp", "not advertised (AT_HWCAP has no dfp)");
		return;
	}
	sum = dfp_add_ints(123456789, 987654321);
	report(sum == 1111111110, "dfp", "dcffix/dadd/dctfix: 123456789 + 987654321 = %ld", sum);
}

void check_boot(void)
{
	check_cpus_online();
	check_cpuinfo();
	check_hwcap();
	check_dfp();
}
