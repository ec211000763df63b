// SPDX-License-Identifier: GPL-2.0-only
/*
 * bench_replay [--quick | TRACE [REPEAT]]: replay throughput of the HV core in events per
 * second (a benchmark: it prints figures and asserts nothing).  Without
 * arguments it takes the largest trace of tests/traces.
 */
#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "p7trace.h"
#include "p7trace_replay.h"

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int largest_trace(const char *dir, char *path, size_t len)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	off_t best = -1;

	if (!d)
		return -1;
	while ((e = readdir(d))) {
		char p[1024];
		struct stat st;
		size_t n = strlen(e->d_name);

		if (n < 5 || strcmp(e->d_name + n - 4, ".p7t"))
			continue;
		snprintf(p, sizeof(p), "%s/%s", dir, e->d_name);
		if (!stat(p, &st) && st.st_size > best) {
			best = st.st_size;
			snprintf(path, len, "%s", p);
		}
	}
	closedir(d);
	return best < 0 ? -1 : 0;
}

int main(int argc, char **argv)
{
	char path[1024];
	int repeat = argc > 2 ? atoi(argv[2]) : 5;
	bool quick = argc > 1 && !strcmp(argv[1], "--quick");
	const struct p7trace_replay_ops *ops;
	struct p7trace_replay_result res;
	uint64_t events = 0;
	FILE *null = fopen("/dev/null", "w");
	void *ctx;
	double t;

	if (quick)
		repeat = 1;
	if (argc > 1 && !quick)
		snprintf(path, sizeof(path), "%s", argv[1]);
	else if (largest_trace(P7_TRACE_DIR, path, sizeof(path))) {
		fprintf(stderr, "bench_replay: no trace in %s\n", P7_TRACE_DIR);
		return 2;
	}
	ops = p7trace_replay_backend(&ctx);
	t = now();
	for (int i = 0; i < repeat; i++) {
		struct p7trace_reader *r = p7trace_open(path);

		if (!r) {
			fprintf(stderr, "bench_replay: cannot open %s\n", path);
			return 2;
		}
		if (p7trace_replay_run(r, ops, ctx, null, stderr, &res)) {
			fprintf(stderr, "bench_replay: replay of %s did not come out identical\n",
				path);
			return 1;
		}
		events += res.events;
		p7trace_close(r);
	}
	t = now() - t;
	printf("replay of %s: %llu events x %d in %.3f s: %.0f events/s (%llu exits per run)\n",
	       path, (unsigned long long)res.events, repeat, t, events / t,
	       (unsigned long long)res.exits_replayed);
	return 0;
}
