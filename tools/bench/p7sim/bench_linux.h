/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The Linux phase of bench_p7sim: one pseries vmlinux and the test
 * initramfs (docs/linux-guests.md) booted on p7sim and on QEMU
 * (-M pseries,x-vof=on -cpu POWER7) with the command lines of
 * tests/linux/run-linux.sh, timed by the console: boot to /init, the
 * checks of /init (the stress phase), and the whole run.
 */
#ifndef BENCH_LINUX_H
#define BENCH_LINUX_H

#include <stdbool.h>
#include <stddef.h>

#define BENCH_LINUX_MAX_REPS 20

struct bench_linux {
	const char *p7sim;
	const char *qemu;	/* NULL: QEMU not run */
	const char *kernel;	/* vmlinux */
	const char *initrd;	/* the test initramfs */
	const char *tmpdir;	/* for the machines' stderr */
	unsigned int smp;
	unsigned int reps;	/* runs per machine; the medians are shown */
	unsigned int timeout;	/* seconds per run */
};

/*
 * The cached vmlinux of kernel @name ("tiny"), found with @script
 * (tests/linux/build-kernel.sh): true with its path in @path; false with
 * the reason in @why when it is not cached (nothing is built here).
 */
bool bench_linux_find_kernel(const char *script, const char *name, char *path, size_t n,
			     char *why, size_t whylen);

/*
 * Boot @c->reps times on each machine (interleaved), print the figures and
 * one FAILED line per machine whose run failed.  Returns false when one did.
 */
bool bench_linux_run(const struct bench_linux *c);

#endif
