/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sys.h: raw Linux system calls for the test /init (no libc).
 *
 * ppc64 sc convention (Documentation/powerpc/syscall64-abi.rst): r0 = number,
 * r3-r8 = arguments, result in r3, CR0[SO] set on error with the errno in r3.
 * r0, r3-r12, ctr, xer and cr0 are volatile.  The wrappers return -errno on
 * error, as the kernel does internally, so a result < 0 is a failure.
 */
#ifndef P7INIT_SYS_H
#define P7INIT_SYS_H

typedef unsigned char u8;
typedef unsigned int u32;
typedef unsigned long u64;
typedef long s64;

/* arch/powerpc/kernel/syscalls/syscall.tbl (64-bit entries) */
#define __NR_exit		1
#define __NR_fork		2
#define __NR_read		3
#define __NR_write		4
#define __NR_open		5
#define __NR_close		6
#define __NR_execve		11
#define __NR_getpid		20
#define __NR_mount		21
#define __NR_kill		37
#define __NR_mkdir		39
#define __NR_ioctl		54
#define __NR_reboot		88
#define __NR_mmap		90
#define __NR_munmap		91
#define __NR_syslog		103
#define __NR_wait4		114
#define __NR_mprotect		125
#define __NR_sched_yield	158
#define __NR_nanosleep		162
#define __NR_rt_sigaction	173
#define __NR_rt_sigprocmask	174
#define __NR_rt_sigtimedwait	176
#define __NR_futex		221
#define __NR_sched_setaffinity	222
#define __NR_sched_getaffinity	223
#define __NR_exit_group		234
#define __NR_timer_create	240
#define __NR_timer_settime	241
#define __NR_timer_gettime	242
#define __NR_timer_getoverrun	243
#define __NR_timer_delete	244
#define __NR_clock_gettime	246
#define __NR_getcpu		302
#define __NR_pipe2		317

#define O_RDONLY		0
#define PROT_NONE		0
#define PROT_READ		1
#define PROT_WRITE		2
#define MAP_SHARED		0x01
#define MAP_PRIVATE		0x02
#define MAP_FIXED		0x10
#define MAP_ANONYMOUS		0x20
#define EINTR			4
#define EAGAIN			11
#define ENOENT			2
#define EEXIST			17
#define CLOCK_REALTIME		0
#define CLOCK_MONOTONIC		1
#define SIGKILL			9
#define SIGSEGV			11
#define SIGALRM			14
#define SIG_BLOCK		0
#define SA_SIGINFO		4
#define SEGV_MAPERR		1
#define SEGV_ACCERR		2
#define SIGEV_SIGNAL		0
#define SI_TIMER		(-2)
#define SYSLOG_ACTION_READ_ALL	3
#define SYSLOG_ACTION_SIZE_BUFFER 10
/* include/uapi/linux/reboot.h */
#define LINUX_REBOOT_MAGIC1	0xfee1deadUL
#define LINUX_REBOOT_MAGIC2	672274793UL
#define LINUX_REBOOT_CMD_POWER_OFF 0x4321fedcUL
/* _IO('t', 29) with the powerpc _IOC_NONE of 1 << 29 (asm/ioctls.h) */
#define TCSBRK			0x2000741dUL
/* ELF auxiliary vector (include/uapi/linux/auxvec.h) */
#define AT_NULL			0
#define AT_PAGESZ		6
#define AT_PLATFORM		15
#define AT_HWCAP		16
#define AT_HWCAP2		26
/* arch/powerpc/include/uapi/asm/cputable.h */
#define PPC_FEATURE_64		0x40000000UL
#define PPC_FEATURE_HAS_ALTIVEC	0x10000000UL
#define PPC_FEATURE_HAS_FPU	0x08000000UL
#define PPC_FEATURE_HAS_DFP	0x00000400UL
#define PPC_FEATURE_ARCH_2_06	0x00000100UL
#define PPC_FEATURE_HAS_VSX	0x00000080UL
#define PPC_FEATURE_TRUE_LE	0x00000002UL

struct timespec {
	s64 tv_sec;
	s64 tv_nsec;
};

struct itimerspec {
	struct timespec it_interval;
	struct timespec it_value;
};

/* include/uapi/asm-generic/siginfo.h, 64-bit layout: 64 bytes */
struct sigevent {
	u64 sigev_value;
	int sigev_signo;
	int sigev_notify;
	int pad[12];
};

/* The kernel's struct sigaction for rt_sigaction (powerpc has sa_restorer). */
struct kernel_sigaction {
	void *handler;
	u64 flags;
	void *restorer;
	u64 mask;
};

/* The fields of a SI_TIMER siginfo (128 bytes in all); si_addr for SIGSEGV. */
struct siginfo {
	int si_signo;
	int si_errno;
	int si_code;
	int pad0;
	union {
		struct {
			int si_tid;
			int si_overrun;
			u64 si_value;
		};
		void *si_addr;
	};
	u64 pad[12];
};

#define SC_CLOBBERS "r9", "r10", "r11", "r12", "ctr", "xer", "cr0", "memory"

/*
 * One sc; on error (CR0[SO]) negate r3 so that failures are -errno.
 * r0 and r3-r8 are listed as outputs because the kernel may change them.
 */
static inline long sys6(long nr, long a, long b, long c, long d, long e, long f)
{
	register long r0 __asm__("r0") = nr;
	register long r3 __asm__("r3") = a;
	register long r4 __asm__("r4") = b;
	register long r5 __asm__("r5") = c;
	register long r6 __asm__("r6") = d;
	register long r7 __asm__("r7") = e;
	register long r8 __asm__("r8") = f;

	__asm__ __volatile__("sc\n\tbns+ 1f\n\tneg 3,3\n1:"
			     : "+r"(r0), "+r"(r3), "+r"(r4), "+r"(r5), "+r"(r6), "+r"(r7),
			       "+r"(r8)
			     :
			     : SC_CLOBBERS);
	return r3;
}

#define sys0(n)			sys6((n), 0, 0, 0, 0, 0, 0)
#define sys1(n, a)		sys6((n), (long)(a), 0, 0, 0, 0, 0)
#define sys2(n, a, b)		sys6((n), (long)(a), (long)(b), 0, 0, 0, 0)
#define sys3(n, a, b, c)	sys6((n), (long)(a), (long)(b), (long)(c), 0, 0, 0)
#define sys4(n, a, b, c, d)	sys6((n), (long)(a), (long)(b), (long)(c), (long)(d), 0, 0)
#define sys5(n, a, b, c, d, e)	sys6((n), (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), 0)

static inline long sys_write(int fd, const void *buf, u64 len)
{
	return sys3(__NR_write, fd, buf, len);
}

static inline long sys_read(int fd, void *buf, u64 len)
{
	return sys3(__NR_read, fd, buf, len);
}

static inline long sys_open(const char *path, int flags)
{
	return sys3(__NR_open, path, flags, 0);
}

static inline long sys_close(int fd)
{
	return sys1(__NR_close, fd);
}

static __attribute__((noreturn)) inline void sys_exit(int code)
{
	for (;;)
		sys1(__NR_exit_group, code);
}

static inline long sys_fork(void)
{
	return sys0(__NR_fork);
}

static inline long sys_wait4(long pid, int *status)
{
	return sys4(__NR_wait4, pid, status, 0, 0);
}

static inline long sys_yield(void)
{
	return sys0(__NR_sched_yield);
}

static inline void *sys_mmap(void *addr, u64 len, int prot, int flags)
{
	return (void *)sys6(__NR_mmap, (long)addr, len, prot, flags, -1, 0);
}

static inline long sys_munmap(void *addr, u64 len)
{
	return sys2(__NR_munmap, addr, len);
}

static inline long sys_mprotect(void *addr, u64 len, int prot)
{
	return sys3(__NR_mprotect, addr, len, prot);
}

static inline long sys_nanosleep(const struct timespec *ts)
{
	return sys2(__NR_nanosleep, ts, 0);
}

static inline long sys_clock_gettime(int clock, struct timespec *ts)
{
	return sys2(__NR_clock_gettime, clock, ts);
}

static inline long sys_pipe(int fds[2])
{
	return sys2(__NR_pipe2, fds, 0);
}

static inline long sys_getcpu(void)
{
	unsigned int cpu = ~0u;
	long r = sys3(__NR_getcpu, &cpu, 0, 0);

	return r < 0 ? r : (long)cpu;
}

static inline u64 mftb(void)
{
	u64 tb;

	__asm__ __volatile__("mftb %0" : "=r"(tb));
	return tb;
}

#endif /* P7INIT_SYS_H */
