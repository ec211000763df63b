// SPDX-License-Identifier: GPL-2.0-only
/*
 * init_hello.c: milestone 1's /init on the powernv host kernel
 * (tests/bringup/boot_test.sh): one line, the kernel's /proc/cpuinfo (which
 * names the platform and the CPU the test checks), then power off (the OPAL
 * power-down ends QEMU).
 */
#include "sys.h"

void _start(void);

static char buf[4096];

void _start(void)
{
	s64 fd, n;

	put_str("p7kvm-bringup: init ran on the powernv host\n");
	sys2(__NR_mkdir, "/proc", 0755);
	if (sys6(__NR_mount, (u64)"proc", (u64)"/proc", (u64)"proc", 0, 0, 0) == 0) {
		fd = sys2(__NR_open, "/proc/cpuinfo", O_RDONLY);
		while (fd >= 0 && (n = sys3(__NR_read, fd, buf, sizeof(buf))) > 0)
			sys3(__NR_write, 1, buf, n);
	}
	power_off();
}
