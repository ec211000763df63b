/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sys.h: the few Linux system calls the bring-up /init and VMM make, without a
 * libc (static, freestanding, BE ppc64 ELFv1).  The powerpc syscall ABI: the
 * number in r0, arguments in r3-r8, `sc`; on return CR0[SO] set means r3 holds
 * a positive errno (returned here negated).
 */
#ifndef P7_BRINGUP_SYS_H
#define P7_BRINGUP_SYS_H

typedef unsigned long u64;
typedef unsigned int u32;
typedef unsigned char u8;
typedef long s64;

#define __NR_exit		1
#define __NR_read		3
#define __NR_write		4
#define __NR_open		5
#define __NR_close		6
#define __NR_ioctl		54
#define __NR_reboot		88
#define __NR_munmap		91
#define __NR_mmap		90
#define __NR_mount		21
#define __NR_mkdir		39
#define __NR_finit_module	353

#define O_RDONLY		0
#define O_RDWR			2
#define PROT_READ		1
#define PROT_WRITE		2
#define MAP_SHARED		1
#define MAP_PRIVATE		2
#define MAP_ANONYMOUS		0x20

#define LINUX_REBOOT_MAGIC1	0xfee1deadUL
#define LINUX_REBOOT_MAGIC2	672274793UL
#define LINUX_REBOOT_CMD_POWER_OFF 0x4321fedcUL

static inline s64 sys6(u64 nr, u64 a, u64 b, u64 c, u64 d, u64 e, u64 f)
{
	register u64 r0 __asm__("r0") = nr;
	register u64 r3 __asm__("r3") = a;
	register u64 r4 __asm__("r4") = b;
	register u64 r5 __asm__("r5") = c;
	register u64 r6 __asm__("r6") = d;
	register u64 r7 __asm__("r7") = e;
	register u64 r8 __asm__("r8") = f;
	u64 cr;

	__asm__ volatile("sc; mfcr %0"
			 : "=r"(cr), "+r"(r0), "+r"(r3), "+r"(r4), "+r"(r5), "+r"(r6), "+r"(r7),
			   "+r"(r8)
			 :
			 : "r9", "r10", "r11", "r12", "ctr", "xer", "cr0", "memory");
	/* CR0[SO]: CR bit 3, the lowest of the top nibble. */
	if (cr & 0x10000000UL)
		return -(s64)r3;
	return (s64)r3;
}

#define sys1(n, a)			sys6(n, (u64)(a), 0, 0, 0, 0, 0)
#define sys2(n, a, b)			sys6(n, (u64)(a), (u64)(b), 0, 0, 0, 0)
#define sys3(n, a, b, c)		sys6(n, (u64)(a), (u64)(b), (u64)(c), 0, 0, 0)
#define sys4(n, a, b, c, d)		sys6(n, (u64)(a), (u64)(b), (u64)(c), (u64)(d), 0, 0)

static inline u64 str_len(const char *s)
{
	u64 n = 0;

	while (s[n])
		n++;
	return n;
}

static inline void put_str(const char *s)
{
	sys3(__NR_write, 1, s, str_len(s));
}

/* Decimal for a signed value: enough for status lines. */
static inline void put_dec(s64 v)
{
	char buf[24];
	int i = sizeof(buf);
	u64 u = v < 0 ? -(u64)v : (u64)v;

	buf[--i] = 0;
	do {
		buf[--i] = '0' + u % 10;
		u /= 10;
	} while (u);
	if (v < 0)
		buf[--i] = '-';
	put_str(buf + i);
}

static inline void put_hex(u64 v)
{
	char buf[19];
	int i;

	buf[0] = '0';
	buf[1] = 'x';
	for (i = 0; i < 16; i++)
		buf[2 + i] = "0123456789abcdef"[(v >> (60 - 4 * i)) & 0xf];
	buf[18] = 0;
	put_str(buf);
}

static inline void __attribute__((noreturn)) power_off(void)
{
	sys4(__NR_reboot, LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2, LINUX_REBOOT_CMD_POWER_OFF, 0);
	for (;;)
		sys1(__NR_exit, 0);
}

#endif
