// SPDX-License-Identifier: GPL-2.0-only
/*
 * p7vmm: the minimal VMM of the bring-up rehearsal (docs/bringup.md), and the
 * /init of its initramfs on the powernv host.  Static, cross-compiled for BE
 * ppc64; the pseries platform (hcalls that reach userspace, RTAS, console,
 * XICS, H_RANDOM's generator) is tools/p7sim's own library, so a guest sees
 * the same platform as under `p7sim run`; only the CPU is the host's.
 *
 * Steps, each reported on one line ("p7vmm: ..."), the first failure ends
 * the run with "p7vmm: FAIL: <step>: <reason>" and powers the host off:
 *   1. mount devtmpfs, sysfs and tracefs; load /p7kvm_hv.ko (finit_module);
 *   2. open /dev/p7kvm; then for each guest of /guests.list ("NAME
 *      KERNEL-ADDR SEED FILE", p7sim's --kernel-addr and --seed), create
 *      the VM with p7sim's HPT order (24);
 *   3. add p7sim's guest memory (256 MB at 0) and map it;
 *   4. create vcpu 0 and map its run structure;
 *   5. load FILE as p7sim does (at KERNEL-ADDR + p_vaddr), real mode,
 *      MSR = SF | ME;
 *   6. run: KVM_EXIT_PAPR_HCALL goes to p7sim_hcall(), a cede waits for its
 *      time base, until the guest powers off through RTAS.  The guest's
 *      console is framed by "p7vmm: console begin/end NAME" lines; the VM
 *      is closed before the next guest;
 *   7. with P7VMM_TRACE set in the kernel command line, the kvm_hv trace
 *      events are enabled for each run and the trace buffer is copied to
 *      the console after it as gzip in base64 (gzip.c), framed by
 *      "p7vmm: trace begin/end NAME".
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "gzip.h"
#include "p7sim_platform.h"
#include "p7kvm_uapi.h"

#define MB			(1ULL << 20)
#define P7VMM_MEM		(256 * MB)	/* p7sim's default --mem */
#define P7VMM_HPT_ORDER		24		/* p7sim's default --hpt-order */
#define P7VMM_MAX_EXITS		10000000ULL
#define MSR_SF			(1ULL << 63)
#define MSR_ME			(1ULL << 12)
#define TRACING			"/sys/kernel/tracing"

static uint8_t *guest_ram;
static uint64_t kernel_addr;

static void __attribute__((noreturn)) finish(int ok)
{
	fflush(stdout);
	fflush(stderr);
	printf("p7vmm: %s\n", ok ? "done" : "failed");
	fflush(stdout);
	sync();
	if (getpid() == 1)
		reboot(RB_POWER_OFF);
	exit(ok ? 0 : 1);
}

static void __attribute__((noreturn, format(printf, 2, 3))) fail(const char *step,
								  const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	printf("p7vmm: FAIL: %s: ", step);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	finish(0);
}

static void step(const char *fmt, ...)
{
	va_list ap;

	printf("p7vmm: ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
}

static void *ram_page(void *ctx, uint64_t gpa)
{
	(void)ctx;
	return gpa < P7VMM_MEM ? guest_ram + gpa : NULL;
}

static int write_file(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY | O_TRUNC);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = write(fd, s, strlen(s));
	close(fd);
	return n == (ssize_t)strlen(s) ? 0 : -1;
}

static uint64_t be(const uint8_t *p, unsigned int n)
{
	uint64_t v = 0;

	for (unsigned int i = 0; i < n; i++)
		v = v << 8 | p[i];
	return v;
}

/*
 * The guest image, as tools/p7sim/elf.c loads a program linked low: every
 * PT_LOAD at kernel-addr + p_vaddr, the entry moved with its segment
 * (p7sim's --kernel-addr, 0x400000 unless the guest list says otherwise).  The
 * ELF is a trusted test input here; still, every range is bounds-checked.
 */
static uint64_t load_guest(const char *path)
{
	static uint8_t img[4 * MB];
	uint64_t phoff, entry = 0;
	unsigned int phnum, phentsize;
	ssize_t len;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		fail("guest", "%s: %s", path, strerror(errno));
	len = read(fd, img, sizeof(img));
	close(fd);
	if (len < 64 || memcmp(img, "\177ELF\2\2", 6))
		fail("guest", "%s: not a big-endian ELF64 file", path);
	entry = be(img + 24, 8);
	phoff = be(img + 32, 8);
	phentsize = be(img + 54, 2);
	phnum = be(img + 56, 2);
	if (phoff + (uint64_t)phnum * phentsize > (uint64_t)len)
		fail("guest", "%s: program headers out of the file", path);
	for (unsigned int i = 0; i < phnum; i++) {
		const uint8_t *ph = img + phoff + (uint64_t)i * phentsize;
		uint64_t off = be(ph + 8, 8), vaddr = be(ph + 16, 8);
		uint64_t filesz = be(ph + 32, 8), memsz = be(ph + 40, 8);
		uint64_t dest = kernel_addr + vaddr;

		if (be(ph, 4) != 1)	/* PT_LOAD */
			continue;
		if (filesz > memsz || off + filesz > (uint64_t)len || dest + memsz > P7VMM_MEM)
			fail("guest", "%s: segment %u out of range", path, i);
		memcpy(guest_ram + dest, img + off, filesz);
		memset(guest_ram + dest + filesz, 0, memsz - filesz);
		if (entry >= vaddr && entry - vaddr < memsz)
			return dest + (entry - vaddr);
	}
	fail("guest", "%s: entry point outside the loaded segments", path);
}

/*
 * The trace buffer as gzip, in base64 lines of 76 characters: the console
 * costs QEMU a system call a byte (about 12 us a byte under TCG), and the
 * text compresses about elevenfold.  The test decodes it with the host's
 * base64 and gzip (tests/bringup).
 */
static void copy_trace(const char *name)
{
	static const char b64[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t len = 0, cap = 1 << 20, zlen, olen = 0, i;
	uint8_t *text = malloc(cap), *z;
	char *out;
	int fd = open(TRACING "/trace", O_RDONLY);
	ssize_t n;

	if (fd < 0)
		fail("trace", TRACING "/trace: %s", strerror(errno));
	/* tracefs files report no size: read to the end, growing the buffer. */
	while (text && (n = read(fd, text + len, cap - len)) > 0) {
		len += (size_t)n;
		if (len == cap) {
			uint8_t *more = realloc(text, cap * 2);

			if (!more)
				free(text);
			text = more;
			cap *= 2;
		}
	}
	close(fd);
	z = text ? malloc(GZIP_BOUND(len)) : NULL;
	if (!z)
		fail("trace", "out of memory for %zu bytes of trace", len);
	zlen = gzip_compress(text, len, z, GZIP_BOUND(len));
	if (!zlen)
		fail("trace", "gzip_compress: %zu bytes did not fit", len);
	/*
	 * All of it in one write: through the tty, hvc_opal and OPAL each
	 * write costs about 3 ms under TCG, a line at a time was 43 us a byte.
	 */
	out = malloc(zlen / 57 * 77 + 80);
	if (!out)
		fail("trace", "out of memory for %zu bytes of base64", zlen / 57 * 77 + 80);
	for (i = 0; i < zlen; i += 3) {
		uint32_t v = (uint32_t)z[i] << 16;

		if (i + 1 < zlen)
			v |= (uint32_t)z[i + 1] << 8;
		if (i + 2 < zlen)
			v |= z[i + 2];
		out[olen++] = b64[v >> 18];
		out[olen++] = b64[(v >> 12) & 63];
		out[olen++] = i + 1 < zlen ? b64[(v >> 6) & 63] : '=';
		out[olen++] = i + 2 < zlen ? b64[v & 63] : '=';
		if (i % 57 == 54 || i + 3 >= zlen)
			out[olen++] = '\n';
	}
	step("trace begin %s", name);
	for (i = 0; i < olen;) {
		n = write(STDOUT_FILENO, out + i, olen - i);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			fail("trace", "console: %s", n ? strerror(errno) : "nothing written");
		i += (size_t)n;
	}
	free(out);
	step("trace end %s", name);
	step("trace %s: %zu bytes, %zu as gzip", name, len, zlen);
	free(z);
	free(text);
}

static int want_trace(void)
{
	char cmdline[4096];
	int fd = open("/proc/cmdline", O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return 0;
	n = read(fd, cmdline, sizeof(cmdline) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	cmdline[n] = 0;
	return strstr(cmdline, "P7VMM_TRACE") != NULL;
}

/* The kernel flavour's count of trace records made on the real-mode hcall path. */
static uint64_t real_mode_records(void)
{
	char buf[32];
	int fd = open("/sys/module/p7kvm_trace/parameters/real_mode_records", O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return 0;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = 0;
	return strtoull(buf, NULL, 10);
}

static inline uint64_t mftb(void)
{
	uint64_t tb;

	asm volatile("mftb %0" : "=r"(tb));
	return tb;
}

/* One guest from /guests.list: a VM of its own, run until it powers off. */
struct guest {
	char name[64];
	char path[192];
	uint64_t kernel_addr;
	uint64_t seed;
};

static void run_guest(int dev, const struct guest *g, int trace)
{
	struct p7sim_platform plat;
	struct p7sim_config pc;
	struct p7sim_ops ops;
	struct p7kvm_memory mem = { .gpa = 0, .size = P7VMM_MEM };
	struct p7kvm_regs regs;
	struct p7kvm_run *run;
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	uint64_t entry, exits = 0, hcalls = 0, rm0 = real_mode_records();
	int vm, vcpu;

	step("guest %s: %s, kernel-addr 0x%llx, seed %llu", g->name, g->path,
	     (unsigned long long)g->kernel_addr, (unsigned long long)g->seed);
	/* 2. */
	vm = ioctl(dev, P7KVM_CREATE_VM, (unsigned long)P7VMM_HPT_ORDER);
	if (vm < 0)
		fail("create-vm", "%s", strerror(errno));
	step("VM created (HPT order %d)", P7VMM_HPT_ORDER);

	/* 3. */
	if (ioctl(vm, P7KVM_ADD_MEMORY, &mem))
		fail("add-memory", "%s", strerror(errno));
	guest_ram = mmap(NULL, P7VMM_MEM, PROT_READ | PROT_WRITE, MAP_SHARED, vm, 0);
	if (guest_ram == MAP_FAILED)
		fail("map-memory", "%s", strerror(errno));
	step("%llu MB of guest memory added and mapped", (unsigned long long)(P7VMM_MEM / MB));

	/* 4. */
	vcpu = ioctl(vm, P7KVM_CREATE_VCPU, 0UL);
	if (vcpu < 0)
		fail("create-vcpu", "%s", strerror(errno));
	run = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_SHARED, vcpu, 0);
	if (run == MAP_FAILED)
		fail("map-run", "%s", strerror(errno));
	step("vcpu 0 created");

	/* 5. */
	kernel_addr = g->kernel_addr;
	entry = load_guest(g->path);
	memset(&regs, 0, sizeof(regs));
	regs.pc = entry;
	regs.msr = MSR_SF | MSR_ME;
	if (ioctl(vcpu, P7KVM_SET_REGS, &regs))
		fail("set-regs", "%s", strerror(errno));
	memset(&regs, 0xff, sizeof(regs));
	if (ioctl(vcpu, P7KVM_GET_REGS, &regs) || regs.pc != entry)
		fail("get-regs", "pc 0x%llx, want 0x%llx", regs.pc, (unsigned long long)entry);
	step("guest loaded, entry 0x%llx", (unsigned long long)entry);

	memset(&pc, 0, sizeof(pc));
	memset(&ops, 0, sizeof(ops));
	pc.mem.size = P7VMM_MEM;
	pc.mem.page = ram_page;
	pc.ncpus = 1;
	pc.seed = g->seed;
	pc.console_out = stdout;
	/* p7sim's diagnostics go to its stderr; here they would share the console. */
	pc.log = NULL;
	if (p7sim_platform_init(&plat, &pc, &ops))
		fail("platform", "p7sim_platform_init");
	if (trace) {
		write_file(TRACING "/trace", "");
		if (write_file(TRACING "/events/kvm_hv/enable", "1"))
			fail("trace", "cannot enable the kvm_hv events");
	}

	/* 6. */
	step("console begin %s", g->name);
	setvbuf(stdout, NULL, _IONBF, 0);
	while (!plat.powered_off) {
		int r = ioctl(vcpu, P7KVM_RUN, 0UL);

		if (++exits > P7VMM_MAX_EXITS)
			fail("run", "more than %llu exits", P7VMM_MAX_EXITS);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			fail("run", "%s", strerror(errno));
		switch (run->exit_reason) {
		case P7KVM_EXIT_PAPR_HCALL:
			hcalls++;
			run->papr_hcall.ret = (uint64_t)p7sim_hcall(&plat, 0, run->papr_hcall.nr,
								    (uint64_t *)run->papr_hcall.args);
			break;
		case P7KVM_EXIT_HLT:
			/* Ceded: the vcpu's wakeup is its DEC expiry on the time base. */
			while ((int64_t)(mftb() - run->ceded.wake_tb) < 0)
				;
			break;
		case P7KVM_EXIT_INTR:
			break;
		default:
			printf("\n");
			fail("run", "exit reason %u (trap or data 0x%llx)", run->exit_reason,
			     (unsigned long long)run->hw.hardware_exit_reason);
		}
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	step("console end %s", g->name);
	step("guest powered off: %llu runs, %llu userspace hcalls, %llu trace records from real mode",
	     (unsigned long long)exits, (unsigned long long)hcalls,
	     (unsigned long long)(real_mode_records() - rm0));
	if (trace) {
		write_file(TRACING "/events/kvm_hv/enable", "0");
		copy_trace(g->name);
	}
	p7sim_platform_fini(&plat);
	/* The mappings hold the files: unmap, then close, and the VM is gone. */
	munmap(run, page);
	munmap(guest_ram, P7VMM_MEM);
	close(vcpu);
	close(vm);
}

/* "NAME KERNEL-ADDR SEED FILE" per line. */
static unsigned int read_guests(struct guest *g, unsigned int max)
{
	static char buf[8192];
	unsigned int n = 0;
	char *line, *save = NULL;
	int fd = open("/guests.list", O_RDONLY);
	ssize_t len;

	if (fd < 0)
		fail("guests", "/guests.list: %s", strerror(errno));
	len = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (len <= 0)
		fail("guests", "/guests.list is empty");
	buf[len] = 0;
	for (line = strtok_r(buf, "\n", &save); line && n < max;
	     line = strtok_r(NULL, "\n", &save)) {
		unsigned long long addr, seed;

		if (sscanf(line, "%63s %llx %llu %191s", g[n].name, &addr, &seed, g[n].path) != 4)
			fail("guests", "bad line '%s'", line);
		g[n].kernel_addr = addr;
		g[n].seed = seed;
		n++;
	}
	return n;
}

int main(void)
{
	static struct guest guests[16];
	unsigned int n;
	int dev, fd, trace;

	setvbuf(stdout, NULL, _IOLBF, 0);
	/* 1. */
	mkdir("/dev", 0755);
	mkdir("/sys", 0755);
	mkdir("/proc", 0755);
	if (mount("devtmpfs", "/dev", "devtmpfs", 0, NULL) && errno != EBUSY)
		fail("mount", "devtmpfs: %s", strerror(errno));
	if (mount("sysfs", "/sys", "sysfs", 0, NULL) && errno != EBUSY)
		fail("mount", "sysfs: %s", strerror(errno));
	if (mount("proc", "/proc", "proc", 0, NULL) && errno != EBUSY)
		fail("mount", "proc: %s", strerror(errno));
	trace = want_trace();
	if (trace && mount("tracefs", TRACING, "tracefs", 0, NULL) && errno != EBUSY)
		fail("mount", "tracefs: %s", strerror(errno));
	fd = open("/p7kvm_hv.ko", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		fail("module", "/p7kvm_hv.ko: %s", strerror(errno));
	if (syscall(SYS_finit_module, fd, "", 0))
		fail("module", "finit_module: %s", strerror(errno));
	close(fd);
	step("module p7kvm_hv.ko loaded");
	dev = open("/dev/p7kvm", O_RDWR | O_CLOEXEC);
	if (dev < 0)
		fail("device", "/dev/p7kvm: %s", strerror(errno));

	n = read_guests(guests, 16);
	for (unsigned int i = 0; i < n; i++)
		run_guest(dev, &guests[i], trace);
	finish(1);
}
