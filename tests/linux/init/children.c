// SPDX-License-Identifier: GPL-2.0-only
/*
 * children.c: concurrent child processes pinned to cpus, each sending one
 * struct result back through a shared pipe.
 */
#include "check.h"

#define MAX_CHILDREN	64

int result_fd = -1;

void fail_why(struct result *r, int code, const char *fmt, ...)
{
	va_list ap;

	if (r->code)
		return;		/* keep the first failure */
	r->code = code;
	va_start(ap, fmt);
	vformat(r->why, sizeof(r->why), fmt, ap);
	va_end(ap);
}

void send_result(int fd, struct result *r)
{
	long cpu = sys_getcpu();

	r->cpu = cpu < 0 ? -1 : (int)cpu;
	sys_write(fd, r, sizeof(*r));
}

static void child(int i, int cpu, child_fn fn, long arg)
{
	struct result r;
	long err;

	memset(&r, 0, sizeof(r));
	r.idx = i;
	err = pin_to_cpu(cpu);
	if (err)
		fail_why(&r, 1, "cannot run on cpu %d (%ld)", cpu, err);
	else
		fn(i, &r, arg);
	send_result(result_fd, &r);
	sys_exit(r.code ? 1 : 0);
}

int run_children(int nr, const int *cpus, child_fn fn, long arg, struct result *res)
{
	long pids[MAX_CHILDREN];
	bool got[MAX_CHILDREN] = { false };
	struct result r;
	int fds[2], first = -1;
	long n;

	if (nr > MAX_CHILDREN || sys_pipe(fds) < 0) {
		for (int i = 0; i < nr; i++) {
			memset(&res[i], 0, sizeof(res[i]));
			fail_why(&res[i], 1, "cannot start %d children", nr);
		}
		return 0;
	}
	for (int i = 0; i < nr; i++) {
		int cpu = cpus ? cpus[i] : env.cpu[i % env.ncpus];

		pids[i] = sys_fork();
		if (pids[i] == 0) {
			sys_close(fds[0]);
			result_fd = fds[1];
			child(i, cpu, fn, arg);
		}
	}
	sys_close(fds[1]);
	/* Every child holds the write end until it exits: read until EOF. */
	while ((n = sys_read(fds[0], &r, sizeof(r))) == sizeof(r)) {
		if (r.idx >= 0 && r.idx < nr && !got[r.idx]) {
			res[r.idx] = r;
			got[r.idx] = true;
		}
	}
	sys_close(fds[0]);
	for (int i = 0; i < nr; i++) {
		int status = pids[i] < 0 ? (int)pids[i] : reap(pids[i]);

		if (!got[i]) {
			memset(&res[i], 0, sizeof(res[i]));
			res[i].idx = i;
			res[i].cpu = -1;
			if (pids[i] < 0)
				fail_why(&res[i], 1, "fork failed (%ld)", pids[i]);
			else if (status >= 128)
				fail_why(&res[i], 1, "killed by signal %d", status - 128);
			else
				fail_why(&res[i], 1, "exited %d without a result", status);
		} else if (status != 0 && !res[i].code) {
			fail_why(&res[i], 1, "exit status %d", status);
		}
		if (res[i].code && first < 0)
			first = i;
	}
	return first;
}
