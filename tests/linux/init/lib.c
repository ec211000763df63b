// SPDX-License-Identifier: GPL-2.0-only
/*
 * lib.c: the few C library pieces the test /init uses.  GCC may emit calls
 * to memset/memcpy/memcmp even in freestanding code, so they are real
 * functions here.
 */
#include "lib.h"

struct init_env env;

void *memset(void *s, int c, size_t n)
{
	u8 *p = s;

	while (n--)
		*p++ = (u8)c;
	return s;
}

void *memcpy(void *d, const void *s, size_t n)
{
	u8 *dp = d;
	const u8 *sp = s;

	while (n--)
		*dp++ = *sp++;
	return d;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const u8 *x = a, *y = b;

	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x - *y;
	return 0;
}

size_t strlen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

int strncmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		if (*a != *b)
			return (u8)*a - (u8)*b;
		if (!*a)
			return 0;
	}
	return 0;
}

int strcmp(const char *a, const char *b)
{
	return strncmp(a, b, (size_t)-1);
}

const char *strstr(const char *h, const char *n)
{
	size_t len = strlen(n);

	for (; *h; h++)
		if (!strncmp(h, n, len))
			return h;
	return len ? NULL : h;
}

struct sink {
	char *buf;
	size_t size;
	size_t len;
};

static void put(struct sink *s, char c)
{
	if (s->len + 1 < s->size)
		s->buf[s->len++] = c;
}

static void put_num(struct sink *s, u64 v, unsigned int base, bool neg, int width, char pad)
{
	char tmp[24];
	int n = 0;

	do {
		tmp[n++] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v);
	if (neg)
		tmp[n++] = '-';
	while (width-- > n)
		put(s, pad);
	while (n)
		put(s, tmp[--n]);
}

/* %s %c %d %u %x with optional 0/width and l: all the checks print. */
void vformat(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct sink s = { buf, size, 0 };

	for (; *fmt; fmt++) {
		bool is_long = false;
		char pad = ' ';
		int width = 0;
		u64 v;

		if (*fmt != '%') {
			put(&s, *fmt);
			continue;
		}
		fmt++;
		if (*fmt == '0')
			pad = '0';
		while (*fmt >= '0' && *fmt <= '9')
			width = width * 10 + *fmt++ - '0';
		if (*fmt == 'l') {
			is_long = true;
			fmt++;
		}
		switch (*fmt) {
		case 's': {
			const char *str = va_arg(ap, const char *);

			for (str = str ? str : "(null)"; *str; str++)
				put(&s, *str);
			break;
		}
		case 'c':
			put(&s, (char)va_arg(ap, int));
			break;
		case 'd': {
			s64 x = is_long ? va_arg(ap, long) : va_arg(ap, int);

			put_num(&s, x < 0 ? -(u64)x : (u64)x, 10, x < 0, width, pad);
			break;
		}
		case 'u':
		case 'x':
			v = is_long ? va_arg(ap, unsigned long) : va_arg(ap, unsigned int);
			put_num(&s, v, *fmt == 'u' ? 10 : 16, false, width, pad);
			break;
		case '%':
			put(&s, '%');
			break;
		default:
			put(&s, '?');
			break;
		}
		if (!*fmt)
			break;
	}
	if (s.size)
		s.buf[s.len] = 0;
}

void format(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vformat(buf, size, fmt, ap);
	va_end(ap);
}

void out(const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vformat(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	sys_write(1, buf, strlen(buf));
}

long read_file(const char *path, char *buf, size_t size)
{
	long fd = sys_open(path, O_RDONLY);
	size_t len = 0;
	long n = 0;

	if (fd < 0)
		return fd;
	/* proc and sysfs files come in pieces: read until end of file. */
	while (len + 1 < size && (n = sys_read(fd, buf + len, size - 1 - len)) > 0)
		len += n;
	sys_close(fd);
	buf[len] = 0;
	return n < 0 ? n : (long)len;
}

bool parse_ulong(const char **s, u64 *v)
{
	const char *p = *s;

	if (*p < '0' || *p > '9')
		return false;
	for (*v = 0; *p >= '0' && *p <= '9'; p++)
		*v = *v * 10 + *p - '0';
	*s = p;
	return true;
}

s64 now_ns(int clock)
{
	struct timespec ts;

	if (sys_clock_gettime(clock, &ts))
		return -1;
	return ts.tv_sec * NSEC_PER_SEC + ts.tv_nsec;
}

long pin_to_cpu(int cpu)
{
	u64 mask[MAX_CPUS / 64] = { 0 };
	long r;

	mask[cpu / 64] = 1UL << (cpu % 64);
	r = sys3(__NR_sched_setaffinity, 0, sizeof(mask), mask);
	if (r < 0)
		return r;
	/* sched_setaffinity migrates before it returns (kernel/sched/core.c). */
	r = sys_getcpu();
	return r < 0 ? r : (r == cpu ? 0 : -EAGAIN);
}

long unpin(void)
{
	u64 mask[MAX_CPUS / 64] = { 0 };

	for (int i = 0; i < env.ncpus; i++)
		mask[env.cpu[i] / 64] |= 1UL << (env.cpu[i] % 64);
	return sys3(__NR_sched_setaffinity, 0, sizeof(mask), mask);
}

long spawn(int (*fn)(long), long arg)
{
	long pid = sys_fork();

	if (pid == 0)
		sys_exit(fn(arg));
	return pid;
}

int reap(long pid)
{
	int status = 0;
	long r = sys_wait4(pid, &status);

	if (r < 0)
		return (int)r;
	if ((status & 0x7f) == 0)
		return (status >> 8) & 0xff;
	return 128 + (status & 0x7f);
}

static void *segv_addr;
static int segv_code;

static void segv_handler(int sig, struct siginfo *si, void *uc)
{
	/* Never returns, so it needs no sigreturn trampoline. */
	sys_exit(si->si_addr == segv_addr && si->si_code == segv_code ? FAULT_AS_EXPECTED :
		 FAULT_ELSEWHERE);
}

void segv_expect(void *addr, int code)
{
	struct kernel_sigaction sa = { .handler = (void *)segv_handler, .flags = SA_SIGINFO };

	segv_addr = addr;
	segv_code = code;
	sys4(__NR_rt_sigaction, SIGSEGV, &sa, 0, 8);
}
