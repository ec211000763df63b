// SPDX-License-Identifier: GPL-2.0-only
/*
 * A standalone, deterministic driver for LLVMFuzzerTestOneInput, so that
 * the trace reader is fuzzed in every ctest run without clang/libFuzzer:
 *
 *   fuzz_trace_driver [--seconds S] [--iterations N] [--seed X] CORPUS...
 *
 * CORPUS are files or directories of seed inputs (tests/fuzz/trace_samples
 * writes them).  Each seed runs as is, then mutated copies run until N
 * iterations or S seconds have passed, whichever comes first.  Mutations
 * are the structure-blind ones of fuzzers (bit flips, interesting values,
 * truncation, deletion, duplication, splicing) plus overwrites at 8-byte
 * aligned offsets, where the format's fields are.  The sequence of inputs
 * depends only on the seed (--seed, default 1), so a failure reproduces with
 * the same arguments and --iterations; the failing input is also written to
 * fuzz_trace-crash.bin in the working directory.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/common_interface_defs.h>
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_MAX_INPUT (1 << 20)

struct input {
	uint8_t *data;
	size_t len;
};

static struct input *seeds;
static size_t nseeds;
static uint64_t rng;

/* The input being run, for the crash handler. */
static const uint8_t *cur;
static size_t cur_len;

static uint64_t next_rand(void)
{
	/* xorshift64* */
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 0x2545f4914f6cdd1dULL;
}

static size_t below(size_t n)
{
	return n ? (size_t)(next_rand() % n) : 0;
}

static void save_crash(void)
{
	int fd = open("fuzz_trace-crash.bin", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	static const char msg[] = "fuzz_trace_driver: the failing input is in fuzz_trace-crash.bin\n";

	if (fd >= 0) {
		if (write(fd, cur, cur_len) < 0) {
			/* nothing more we can do in a dying process */
		}
		close(fd);
	}
	if (write(2, msg, sizeof(msg) - 1) < 0) {
		/* as above */
	}
}

static void on_signal(int sig)
{
	save_crash();
	signal(sig, SIG_DFL);
	raise(sig);
}

static void add_seed(const char *path)
{
	FILE *f = fopen(path, "rb");
	struct input in = { malloc(FUZZ_MAX_INPUT), 0 };

	if (!f || !in.data) {
		fprintf(stderr, "fuzz_trace_driver: cannot read %s: %s\n", path, strerror(errno));
		exit(2);
	}
	in.len = fread(in.data, 1, FUZZ_MAX_INPUT, f);
	fclose(f);
	seeds = realloc(seeds, (nseeds + 1) * sizeof(*seeds));
	if (!seeds)
		exit(2);
	seeds[nseeds++] = in;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Files of a directory, in name order so that runs are reproducible. */
static void add_corpus(const char *path)
{
	struct stat st;
	struct dirent *de;
	char **names = NULL;
	size_t n = 0;
	DIR *d;

	if (stat(path, &st)) {
		fprintf(stderr, "fuzz_trace_driver: %s: %s\n", path, strerror(errno));
		exit(2);
	}
	if (!S_ISDIR(st.st_mode)) {
		add_seed(path);
		return;
	}
	d = opendir(path);
	while (d && (de = readdir(d))) {
		char full[4096];

		if (de->d_name[0] == '.')
			continue;
		snprintf(full, sizeof(full), "%s/%s", path, de->d_name);
		if (stat(full, &st) || !S_ISREG(st.st_mode))
			continue;
		names = realloc(names, (n + 1) * sizeof(*names));
		names[n++] = strdup(full);
	}
	if (d)
		closedir(d);
	qsort(names, n, sizeof(*names), cmp_names);
	for (size_t i = 0; i < n; i++) {
		add_seed(names[i]);
		free(names[i]);
	}
	free(names);
}

static void put_be(uint8_t *p, uint64_t v, int bytes)
{
	for (int i = bytes - 1; i >= 0; i--) {
		p[i] = v & 0xff;
		v >>= 8;
	}
}

/* One mutation of buf (len <= FUZZ_MAX_INPUT, capacity FUZZ_MAX_INPUT). */
static size_t mutate(uint8_t *buf, size_t len)
{
	static const uint64_t interesting[] = {
		0, 1, 2, 3, 4, 5, 8, 9, 16, 48, 49, 64, 72, 0x7f, 0x80, 0xff, 0x100,
		0x0102, 0x0201, 0x7fff, 0x8000, 0xffff, 0x10000, 0xffffffff, 0x100000000ULL,
		0x7fffffffffffffffULL, 0x8000000000000000ULL, ~0ULL, 1023, 1024,
		0xc00, 0x980, 0xe00, 0x08, 0x04, 9999, (uint64_t)-7,
	};
	const size_t ni = sizeof(interesting) / sizeof(interesting[0]);
	size_t a, b, n;
	int bytes;

	switch (below(9)) {
	case 0:		/* flip a bit */
		if (len)
			buf[below(len)] ^= 1 << below(8);
		return len;
	case 1:		/* an interesting byte */
		if (len)
			buf[below(len)] = (uint8_t)interesting[below(ni)];
		return len;
	case 2:		/* an interesting field, often where fields are */
		bytes = 1 << (1 + below(3));
		if (len < (size_t)bytes)
			return len;
		a = below(len - bytes + 1);
		if (below(2))
			a &= ~(size_t)7;
		if (below(2)) {
			b = a + 2 * below(4);	/* a record header's u16/u32 fields */
			if (b + bytes <= len)
				a = b;
		}
		put_be(buf + a, interesting[below(ni)], bytes);
		return len;
	case 3:		/* truncate */
		return below(len + 1);
	case 4:		/* delete a range */
		if (!len)
			return len;
		a = below(len);
		n = 1 + below(len - a < 64 ? len - a : 64);
		memmove(buf + a, buf + a + n, len - a - n);
		return len - n;
	case 5:		/* duplicate a range (repeats records) */
		if (!len)
			return len;
		a = below(len);
		n = 1 + below(len - a < 512 ? len - a : 512);
		/* len < FUZZ_MAX_INPUT first: GCC otherwise sees len + n wrap */
		if (len >= FUZZ_MAX_INPUT || len + n > FUZZ_MAX_INPUT)
			return len;
		b = below(len + 1);
		memmove(buf + b + n, buf + b, len - b);
		memmove(buf + b, buf + (a < b ? a : a + n), n);
		return len + n;
	case 6:		/* insert random bytes */
		n = 1 + below(16);
		if (len + n > FUZZ_MAX_INPUT)
			return len;
		a = below(len + 1);
		memmove(buf + a + n, buf + a, len - a);
		for (size_t i = 0; i < n; i++)
			buf[a + i] = (uint8_t)next_rand();
		return len + n;
	case 7: {	/* splice: our head, another seed's tail */
		const struct input *o = &seeds[below(nseeds)];

		a = below(len + 1);
		b = below(o->len + 1);
		n = o->len - b;
		if (a + n > FUZZ_MAX_INPUT)
			n = FUZZ_MAX_INPUT - a;
		memcpy(buf + a, o->data + b, n);
		return a + n;
	}
	default: {	/* text: a character that matters to the parser */
		static const char chars[] = "0x:,= \n[]-9fz?.";

		if (len)
			buf[below(len)] = (uint8_t)chars[below(sizeof(chars) - 1)];
		return len;
	}
	}
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	double seconds = 5, start;
	unsigned long long iterations = 100000, done = 0;
	uint8_t *buf = malloc(FUZZ_MAX_INPUT);
	int i;

	rng = 1;
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--seconds") && i + 1 < argc)
			seconds = atof(argv[++i]);
		else if (!strcmp(argv[i], "--iterations") && i + 1 < argc)
			iterations = strtoull(argv[++i], NULL, 0);
		else if (!strcmp(argv[i], "--seed") && i + 1 < argc)
			rng = strtoull(argv[++i], NULL, 0) | 1;
		else if (argv[i][0] == '-') {
			fprintf(stderr, "usage: fuzz_trace_driver [--seconds S] [--iterations N] "
				"[--seed X] CORPUS...\n");
			return 2;
		} else {
			add_corpus(argv[i]);
		}
	}
	if (!nseeds || !buf) {
		fprintf(stderr, "fuzz_trace_driver: no seed inputs\n");
		return 2;
	}
#if defined(__SANITIZE_ADDRESS__)
	__sanitizer_set_death_callback(save_crash);
#endif
	signal(SIGSEGV, on_signal);
	signal(SIGBUS, on_signal);
	signal(SIGABRT, on_signal);
	signal(SIGFPE, on_signal);

	start = now();
	for (size_t s = 0; s < nseeds; s++, done++) {
		cur = seeds[s].data;
		cur_len = seeds[s].len;
		LLVMFuzzerTestOneInput(cur, cur_len);
	}
	while (done < iterations && now() - start < seconds) {
		const struct input *s = &seeds[below(nseeds)];
		size_t len = s->len, rounds = 1 + below(4);

		memcpy(buf, s->data, len);
		while (rounds--)
			len = mutate(buf, len);
		cur = buf;
		cur_len = len;
		LLVMFuzzerTestOneInput(buf, len);
		done++;
	}
	printf("fuzz_trace_driver: %llu inputs from %zu seeds in %.1f s, no failure\n", done,
	       nseeds, now() - start);
	return 0;
}
