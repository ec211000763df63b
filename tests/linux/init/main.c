// SPDX-License-Identifier: GPL-2.0-only
/*
 * main.c: the test /init of the Linux guests (docs/linux-guests.md).
 *
 * Mounts proc and sysfs, reads the expected cpu count from the kernel
 * command line (p7.cpus=N), runs every check, prints the summary and powers
 * the machine off.  Started again by execve with "p7init-exec" in argv[1],
 * it is the exec target of the fork/exec check instead.
 */
#include "check.h"

static void read_auxv(char **envp)
{
	u64 *aux;

	while (*envp)
		envp++;
	for (aux = (u64 *)(envp + 1); aux[0] != AT_NULL; aux += 2) {
		switch (aux[0]) {
		case AT_HWCAP:
			env.hwcap = aux[1];
			break;
		case AT_HWCAP2:
			env.hwcap2 = aux[1];
			break;
		case AT_PLATFORM:
			env.platform = (const char *)aux[1];
			break;
		case AT_PAGESZ:
			env.pagesz = aux[1];
			break;
		}
	}
}

static void mount_fs(const char *dir, const char *type)
{
	long r = sys3(__NR_mkdir, dir, 0755, 0);

	if (r < 0 && r != -EEXIST)
		out("P7INIT: mkdir %s: error %ld\n", dir, -r);
	r = sys5(__NR_mount, type, dir, type, 0, 0);
	if (r < 0)
		out("P7INIT: mount %s on %s: error %ld\n", type, dir, -r);
}

/* p7.cpus=N from /proc/cmdline (Linux keeps dotted parameters from init). */
static long cmdline_cpus(void)
{
	static char line[1024];
	const char *p;
	u64 n;

	if (read_file("/proc/cmdline", line, sizeof(line)) < 0)
		return -1;
	for (p = line; (p = strstr(p, "p7.cpus=")); p++) {
		if (p != line && p[-1] != ' ')
			continue;
		p += strlen("p7.cpus=");
		if (parse_ulong(&p, &n) && n > 0 && n <= MAX_CPUS)
			return (long)n;
		break;
	}
	return -1;
}

static void read_affinity(void)
{
	u64 mask[MAX_CPUS / 64] = { 0 };
	long r = sys3(__NR_sched_getaffinity, 0, sizeof(mask), mask);

	env.ncpus = 0;
	for (int cpu = 0; r > 0 && cpu < MAX_CPUS; cpu++)
		if (mask[cpu / 64] & (1UL << (cpu % 64)))
			env.cpu[env.ncpus++] = cpu;
}

static __attribute__((noreturn)) void power_off(void)
{
	long r;

	/* Let the hvc driver empty its buffer first (tcdrain). */
	sys3(__NR_ioctl, 1, TCSBRK, 1);
	r = sys4(__NR_reboot, LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2,
		 LINUX_REBOOT_CMD_POWER_OFF, 0);
	/* Still here: exiting makes init's death (a panic) the visible failure. */
	out("P7INIT: power-off failed (%ld)\n", r);
	sys_exit(1);
}

int init_start(u64 *sp)
{
	long argc = (long)sp[0];
	char **argv = (char **)(sp + 1);
	char **envp = argv + argc + 1;

	read_auxv(envp);
	env.self = argv[0];
	if (argc >= 2 && !strcmp(argv[1], "p7init-exec"))
		return exec_child_main(argc, argv, envp);

	out("P7INIT: start (pid %ld)\n", sys0(__NR_getpid));
	mount_fs("/proc", "proc");
	mount_fs("/sys", "sysfs");
	env.want_cpus = cmdline_cpus();
	read_affinity();

	check_boot();
	check_mm();
	check_vec();
	check_time();
	check_ipi();
	check_klog();
	report_summary();
	if (sys0(__NR_getpid) != 1)
		return 0;
	power_off();
}
