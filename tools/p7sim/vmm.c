// SPDX-License-Identifier: GPL-2.0-only
/*
 * The VMM: what QEMU's pseries machine does for KVM-HV, on the simulated
 * POWER7.  One engine runs every vcpu in turn (vcpu i on core i, thread 0),
 * each for a fixed quantum of the global instruction clock, so a run is
 * deterministic: the same guest and options give the same console output,
 * exits, trace and instruction counts.
 */
#include "vmm.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cpu.h"
#include "emulate.h"
#include "engine_unicorn.h"
#include "gdb.h"
#include "hv_env.h"
#include "hv_env_sim.h"
#include "hv/hv_vcpu.h"
#include "hv/trace.h"
#include "interrupt.h"
#include "machine.h"
#include "p7sim.h"
#include "p7trace.h"
#include "spr.h"
#include "timebase.h"

#define MB			((uint64_t)1 << 20)
#define P7SIM_TB_FREQ		512000000ULL	/* advertised; one tick per instruction */
#define P7SIM_FDT_MAX		(64 * 1024)

struct vmm {
	const struct p7sim_opts *o;
	FILE *diag;
	struct sim_machine m;
	struct hv_vm *vm;
	struct hv_vcpu *vcpu[HV_MAX_VCPUS];
	bool ceded[HV_MAX_VCPUS];
	struct p7sim_platform plat;
	bool plat_up;
	struct p7trace_writer *tw;
	/*
	 * --stats: exits by trap and hcalls by number, each with the guest time
	 * that ran up to it (host code takes no simulated time, so the time out
	 * of the guest would be 0 for every exit): the vcpu's own instructions
	 * since its previous exit, from the trace points.
	 */
	struct p7sim_stats exits, hcalls;
	uint64_t exec_mark[HV_MAX_VCPUS], run_ns[HV_MAX_VCPUS];
	bool stdin_done;	/* console input reached its end or cannot be read */
	struct p7sim_gdb *gdb;		/* --gdb: the debugger's server (gdb.c) */
};

static uint64_t clock_ns(struct vmm *v, uint64_t insns)
{
	/* One TB tick per instruction at the advertised 512 MHz. */
	return insns * 1000000000ULL / P7SIM_TB_FREQ;
}

static uint64_t vmm_clock(void *ctx)
{
	return ((struct vmm *)ctx)->m.clock;
}

/* Every trace point passes here: --stats bookkeeping, then the file. */
static void vmm_trace(void *ctx, uint32_t type, const void *payload, uint32_t len)
{
	struct vmm *v = ctx;
	const uint64_t *w = payload;
	unsigned int id = len >= 8 ? (unsigned int)(w[0] % HV_MAX_VCPUS) : 0;

	switch (type) {
	case HV_TR_GUEST_EXIT: {
		const struct sim_thread *t = &v->m.threads[id * SIM_THREADS_PER_CORE];

		v->run_ns[id] = clock_ns(v, t->executed - v->exec_mark[id]);
		v->exec_mark[id] = t->executed;
		p7sim_stats_add(&v->exits, w[TRX_TRAP], v->run_ns[id]);
		break;
	}
	case HV_TR_HCALL_ENTER:
		/* Right after its exit: the same guest run led to it. */
		p7sim_stats_add(&v->hcalls, w[TRH_REQ], v->run_ns[id]);
		break;
	}
	if (v->tw)
		p7trace_sink(v->tw, type, payload, len);
	if (v->gdb)
		p7sim_gdb_trace(v->gdb, type, payload, len);
}

/* ---- the platform's callbacks ----------------------------------------------- */

static void *vmm_page(void *ctx, uint64_t gpa)
{
	struct vmm *v = ctx;

	return hv_vm_gpa_ptr(v->vm, gpa & ~(P7SIM_MEM_PAGE_SIZE - 1), P7SIM_MEM_PAGE_SIZE);
}

/* The VMM wrote guest memory (loader, device tree, RTAS results): drop stale code. */
static void vmm_written(void *ctx, void *host, uint64_t len)
{
	hv_flush_icache_range(host, len);
}

static uint64_t vmm_now_ns(void *ctx)
{
	struct vmm *v = ctx;

	return clock_ns(v, v->m.clock);
}

static int vmm_start_cpu(void *ctx, unsigned int cpu, uint64_t entry, uint64_t r3)
{
	struct vmm *v = ctx;
	struct hv_regs r;

	if (cpu >= v->o->smp)
		return -1;
	memset(&r, 0, sizeof(r));
	r.pc = entry;
	r.gpr[3] = r3;
	r.msr = MSR_SF | MSR_ME;
	hv_vcpu_set_regs(v->vcpu[cpu], &r);
	/* A started CPU's DEC holds no pending interrupt (largest positive value). */
	hv_vcpu_set_dec_expires(v->vcpu[cpu], sim_tb_read(v->m.cur) + HV_DEC_MAX);
	v->ceded[cpu] = false;
	return 0;
}

static void vmm_raise_external(void *ctx, unsigned int cpu, bool level)
{
	struct vmm *v = ctx;

	if (cpu < v->o->smp)
		hv_vcpu_interrupt(v->vcpu[cpu], level);
}

/* ---- setup ------------------------------------------------------------------- */

/* The RTAS area: one page holding the blob, reserved in the device tree. */
#define P7SIM_RTAS_AREA		4096ULL
/* An initrd starts on a 64 KB boundary above the image, as QEMU places it. */
#define P7SIM_INITRD_ALIGN	(64 * 1024ULL)

static int write_file(const char *path, const void *buf, size_t len)
{
	FILE *f = fopen(path, "wb");
	int ret = 0;

	if (!f)
		return -1;
	if (fwrite(buf, 1, len, f) != len)
		ret = -1;
	if (fclose(f))
		ret = -1;
	return ret;
}

static int load_initrd(struct vmm *v, const struct p7sim_mem *mem, const char *path,
		       const struct p7sim_elf_image *img, uint64_t *start, uint64_t *end,
		       char *err, size_t errlen)
{
	FILE *f = fopen(path, "rb");
	uint64_t at = (img->end + P7SIM_INITRD_ALIGN - 1) & ~(P7SIM_INITRD_ALIGN - 1);
	uint64_t size = 0;
	uint8_t buf[65536];
	size_t n;

	if (!f) {
		snprintf(err, errlen, "--initrd %s: %s", path, strerror(errno));
		return P7SIM_EXIT_BAD_INPUT;
	}
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0) {
		if (!p7sim_mem_contains(mem, at + size, n) ||
		    p7sim_mem_write(mem, at + size, buf, n)) {
			fclose(f);
			snprintf(err, errlen, "--initrd %s does not fit in guest memory above the "
				 "image (at 0x%" PRIx64 ", %" PRIu64 " MB of RAM)", path, at,
				 v->o->mem / MB);
			return P7SIM_EXIT_BAD_INPUT;
		}
		size += n;
	}
	if (ferror(f) || !size) {
		fclose(f);
		snprintf(err, errlen, "--initrd %s: %s", path, size ? "read error" : "empty file");
		return P7SIM_EXIT_BAD_INPUT;
	}
	fclose(f);
	*start = at;
	*end = at + size;
	return 0;
}

static int setup(struct vmm *v, char *err, size_t errlen)
{
	const struct p7sim_opts *o = v->o;
	uint64_t hpt = 1ULL << (o->hpt_order ? o->hpt_order : 24);
	uint64_t arena = sim_arena_size_for(o->mem, hpt);
	struct p7sim_mem mem = { v, o->mem, vmm_page, vmm_written };
	struct p7sim_config pc = { 0 };
	struct p7sim_ops ops = { 0 };
	struct p7sim_fdt_config fc = { 0 };
	struct p7sim_elf_image img;
	struct sim_engine *eng;
	uint64_t fdt_addr, low, initrd_start = 0, initrd_end = 0;
	size_t fdt_size;
	void *fdt;
	int ret;

	if (sim_machine_init(&v->m, arena, o->smp)) {
		snprintf(err, errlen, "cannot create a machine with %" PRIu64 " MB", arena / MB);
		return P7SIM_EXIT_BAD_INPUT;
	}
	sim_machine_select(&v->m, 0);
	/* The HV core's own warnings would repeat what p7sim reports in one line. */
	v->m.log_level = 3;
	/*
	 * The event log is for tests that check the order of primitives; the
	 * rule checks run without it, and a long run would only grow it.
	 */
	v->m.log_events = false;
	eng = sim_engine_unicorn_create(&v->m, err, errlen);
	if (!eng)
		return P7SIM_EXIT_SIM_ERROR;
	sim_engine_attach(&v->m, eng);
	sim_emulate_install(&v->m);
	/*
	 * The trace points feed --stats, --trace and the debugger's monitor;
	 * without any of them the HV core does not build its records (like a
	 * kernel's tracepoints that nobody enabled: hv_trace_enabled).
	 */
	if (o->stats || o->trace || o->gdb) {
		v->m.trace_sink = vmm_trace;
		v->m.trace_ctx = v;
	}
	/* Every core's host starts with a full timer tick. */
	for (unsigned int c = 0; c < o->smp; c++)
		sim_spr_write(&v->m.threads[c * SIM_THREADS_PER_CORE], SPRN_DEC, sim_host.tick);

	ret = hv_vm_create(&v->vm, o->hpt_order);
	if (ret) {
		snprintf(err, errlen, "cannot create the VM: HPT order %u: error %d", o->hpt_order,
			 ret);
		return P7SIM_EXIT_BAD_INPUT;
	}
	ret = hv_vm_add_memory(v->vm, 0, o->mem);
	if (ret) {
		snprintf(err, errlen, "cannot add %" PRIu64 " MB of guest memory: error %d",
			 o->mem / MB, ret);
		return P7SIM_EXIT_BAD_INPUT;
	}
	for (unsigned int i = 0; i < o->smp; i++)
		if (hv_vcpu_create(v->vm, i, &v->vcpu[i])) {
			snprintf(err, errlen, "cannot create vcpu %u", i);
			return P7SIM_EXIT_BAD_INPUT;
		}

	/* The guest image. */
	if (o->guest)
		ret = p7sim_elf_load_file(o->guest, &mem, o->kernel_addr, &img, err, errlen);
	else if (p7sim_demo_elf_len)
		ret = p7sim_elf_load_buf(p7sim_demo_elf, p7sim_demo_elf_len, &mem, o->kernel_addr,
					 &img, err, errlen);
	else {
		snprintf(err, errlen, "no GUEST.elf given and no built-in demo guest (the "
			 "powerpc64 cross compiler was missing at build time)");
		return P7SIM_EXIT_BAD_INPUT;
	}
	if (ret)
		return P7SIM_EXIT_BAD_INPUT;

	/* The platform. */
	pc.mem = mem;
	pc.ncpus = o->smp;
	pc.rtc_base = o->rtc_set ? o->rtc : p7sim_rtc_host_utc();
	pc.seed = o->seed;
	pc.console_out = stdout;
	pc.log = o->quiet ? NULL : v->diag;
	ops.ctx = v;
	ops.now_ns = vmm_now_ns;
	ops.start_cpu = vmm_start_cpu;
	ops.raise_external = vmm_raise_external;
	if (p7sim_platform_init(&v->plat, &pc, &ops)) {
		snprintf(err, errlen, "cannot set up the pseries platform");
		return P7SIM_EXIT_BAD_INPUT;
	}
	v->plat_up = true;

	/* An initrd, above the image (Linux reserves it from /chosen). */
	if (o->initrd) {
		ret = load_initrd(v, &mem, o->initrd, &img, &initrd_start, &initrd_end, err,
				  errlen);
		if (ret)
			return ret;
	}

	/* The device tree, where QEMU would put it, with the RTAS blob below it. */
	fc.mem_size = o->mem;
	fc.ncpus = o->smp;
	fc.timebase_freq = P7SIM_TB_FREQ;
	fc.hpt_order = o->hpt_order ? o->hpt_order : 24;
	fc.bootargs = o->append;
	fc.hypervisor_node = o->hypervisor_node;
	fc.hypertas = p7sim_hypertas(&v->plat, hv_hcall_implemented);
	fc.initrd_start = initrd_start;
	fc.initrd_end = initrd_end;
	fc.vty_irq = P7SIM_VTY_IRQ;
	fc.nvram_size = P7SIM_NVRAM_SIZE;
	/*
	 * A kernel gets RTAS instantiated the way prom_init's instantiate-
	 * rtas would (linux,rtas-base/-entry); test programs and kvm-unit-
	 * tests find no blob and enter RTAS with hcall 0xf000 themselves.
	 */
	if (img.linked_high) {
		fc.rtas_base = 1;	/* a placeholder: the size does not depend on it */
		fc.rtas_size = P7SIM_RTAS_AREA;
	}
	fdt = p7sim_fdt_build(&fc, &fdt_size, err, errlen);
	if (!fdt)
		return P7SIM_EXIT_BAD_INPUT;
	low = initrd_end > img.end ? initrd_end : img.end;
	if (img.linked_high)
		low += P7SIM_RTAS_AREA;
	if (p7sim_fdt_place(o->mem, low, fdt_size, &fdt_addr)) {
		free(fdt);
		snprintf(err, errlen, "the device tree (%zu bytes) does not fit in guest memory "
			 "above the image", fdt_size);
		return P7SIM_EXIT_BAD_INPUT;
	}
	if (img.linked_high) {
		size_t blob_len, size2;
		const uint32_t *blob = p7sim_rtas_blob(&blob_len);

		free(fdt);
		fc.rtas_base = (fdt_addr - P7SIM_RTAS_AREA) & ~(P7SIM_RTAS_AREA - 1);
		fdt = p7sim_fdt_build(&fc, &size2, err, errlen);
		if (!fdt)
			return P7SIM_EXIT_BAD_INPUT;
		/* Cannot fail: the address is above the image and the initrd. */
		for (size_t i = 0; i < blob_len / 4; i++)
			p7sim_mem_st_be32(&mem, fc.rtas_base + 4 * i, blob[i]);
	}
	p7sim_mem_write(&mem, fdt_addr, fdt, fdt_size);
	if (o->dtb_out && write_file(o->dtb_out, fdt, fdt_size)) {
		free(fdt);
		snprintf(err, errlen, "--dtb-out %s: %s", o->dtb_out, strerror(errno));
		return P7SIM_EXIT_BAD_INPUT;
	}
	free(fdt);

	for (unsigned int i = 0; i < o->ninject; i++) {
		struct sim_injection inj = {
			.at = o->inject[i].at,
			.cpu = o->inject[i].cpu * SIM_THREADS_PER_CORE,
			.kind = (enum sim_inject_kind)o->inject[i].kind,
		};

		if (o->inject[i].cpu >= o->smp || sim_inject(&v->m, &inj)) {
			snprintf(err, errlen, "cannot inject on vcpu %u", o->inject[i].cpu);
			return P7SIM_EXIT_BAD_INPUT;
		}
	}

	/* The boot vcpu: real mode, r3 = device tree (contract 5.1). */
	{
		struct hv_regs r;

		memset(&r, 0, sizeof(r));
		r.pc = img.entry;
		r.gpr[3] = fdt_addr;
		r.msr = MSR_SF | MSR_ME;
		hv_vcpu_set_regs(v->vcpu[0], &r);
	}

	if (o->trace) {
		struct p7trace_config tc = {
			.cores = o->smp, .mem_bytes = o->mem, .hpt_order = fc.hpt_order,
			.tb_freq = P7SIM_TB_FREQ, .tb_per_64k = 1 << 16, .seed = o->seed,
			.options = o->cmdline,
		};

		v->tw = p7trace_writer_open(o->trace, &tc, err, errlen);
		if (!v->tw)
			return P7SIM_EXIT_BAD_INPUT;
		p7trace_writer_set_clock(v->tw, vmm_clock, v);
	}
	if (o->gdb) {
		struct p7sim_gdb_target gt = {
			.m = &v->m, .vm = v->vm, .vcpu = v->vcpu, .nvcpu = o->smp,
			.plat = &v->plat, .exits = &v->exits, .hcalls = &v->hcalls, .diag = v->diag,
			.quiet = o->quiet,
		};

		if (p7sim_gdb_open(&v->gdb, o->gdb, o->gdb_wait, &gt, err, errlen))
			return P7SIM_EXIT_BAD_INPUT;
	}
	return 0;
}

/* ---- the run loop ------------------------------------------------------------- */

static int handle_exit(struct vmm *v, unsigned int i, int r, char *err, size_t errlen)
{
	struct hv_vcpu *vc = v->vcpu[i];
	struct hv_run *run = &vc->run;

	if (r == -HV_EBUSY) {
		snprintf(err, errlen, "vcpu %u: refused to run (not thread 0 of a core with "
			 "its siblings offline)", i);
		return P7SIM_EXIT_SIM_ERROR;
	}
	if (r && r != -HV_EINTR) {
		snprintf(err, errlen, "vcpu %u: run failed: error %d", i, r);
		return P7SIM_EXIT_SIM_ERROR;
	}
	switch (run->exit_reason) {
	case KVM_EXIT_PAPR_HCALL: {
		uint64_t args[9];

		memcpy(args, run->papr_hcall.args, sizeof(args));
		run->papr_hcall.ret = (uint64_t)p7sim_hcall(&v->plat, i, run->papr_hcall.nr, args);
		memcpy(run->papr_hcall.args, args, sizeof(args));
		return -1;
	}
	case HV_EXIT_CEDED:
		v->ceded[i] = true;
		return -1;
	case KVM_EXIT_INTR:
		if (v->m.engine_error[0]) {
			snprintf(err, errlen, "vcpu %u: simulator: %s", i, v->m.engine_error);
			return P7SIM_EXIT_SIM_ERROR;
		}
		if (v->m.cur->storm >= SIM_STORM_LIMIT) {
			snprintf(err, errlen, "vcpu %u: exception storm: %" PRIu64 " interrupts in a "
				 "row without completing an instruction (the last 0x%x, SRR0 0x%"
				 PRIx64 ")", i, v->m.cur->storm, v->m.cur->last_irq.vec,
				 v->m.cur->last_irq.srr0);
			return P7SIM_EXIT_STUCK;
		}
		return -1;
	case KVM_EXIT_INTERNAL_ERROR:
		snprintf(err, errlen, "vcpu %u: internal error: trap 0x%" PRIx64 " with MSR[HV] "
			 "set (msr 0x%" PRIx64 ")", i, run->internal.data[0],
			 run->internal.data[1]);
		return P7SIM_EXIT_UNKNOWN;
	default:
		snprintf(err, errlen, "vcpu %u: unknown exit: trap 0x%" PRIx64 " (%s) at pc "
			 "0x%" PRIx64, i, run->hw.hardware_exit_reason,
			 p7sim_trap_name(run->hw.hardware_exit_reason) ?
			 p7sim_trap_name(run->hw.hardware_exit_reason) : "?", vc->regs.pc);
		return P7SIM_EXIT_UNKNOWN;
	}
}

static int killed(char *err, size_t errlen)
{
	snprintf(err, errlen, "killed by the debugger");
	return P7SIM_EXIT_KILLED;
}

/* A SIGINT/SIGTERM ends the run here, between two whole guest exits. */
static int signal_status(struct vmm *v, char *err, size_t errlen)
{
	int sig = p7sim_signal_caught();

	snprintf(err, errlen, "stopped by %s after %" PRIu64 " instructions",
		 sig == SIGINT ? "SIGINT" : sig == SIGTERM ? "SIGTERM" : "a signal", v->m.clock);
	return P7SIM_EXIT_SIGNAL + sig;
}

/* The guest ended the run through RTAS: which way, and its one line. */
static int halt_status(struct vmm *v, char *err, size_t errlen)
{
	switch (v->plat.halt) {
	case P7SIM_HALT_REBOOT:
		snprintf(err, errlen, "the guest asked for a reboot (RTAS system-reboot)");
		return P7SIM_EXIT_REBOOT;
	case P7SIM_HALT_OS_TERM:
		snprintf(err, errlen, "the guest terminated (RTAS ibm,os-term): %s",
			 v->plat.halt_msg[0] ? v->plat.halt_msg : "(no message)");
		return P7SIM_EXIT_OS_TERM;
	default:
		return P7SIM_EXIT_POWEROFF;
	}
}

/*
 * Console input: whatever stdin has ready is queued for H_GET_TERM_CHAR
 * and raises the vty's interrupt.  Read between vcpu turns, never waiting:
 * a file or /dev/null is read at the first turn whole, so a run with the
 * same input file is deterministic; a terminal or pipe is read as it
 * comes.
 */
static void poll_console_input(struct vmm *v)
{
	struct pollfd pfd = { .fd = STDIN_FILENO, .events = POLLIN };
	uint8_t buf[4096];
	ssize_t n;

	if (v->stdin_done)
		return;
	while (poll(&pfd, 1, 0) == 1 && (pfd.revents & (POLLIN | POLLHUP))) {
		n = read(STDIN_FILENO, buf, sizeof(buf));
		if (n <= 0) {
			v->stdin_done = true;
			break;
		}
		if (p7sim_console_feed(&v->plat.con, buf, (size_t)n))
			break;
	}
	if (pfd.revents & (POLLERR | POLLNVAL))
		v->stdin_done = true;
	p7sim_ics_set_level(&v->plat, P7SIM_VTY_IRQ, p7sim_console_pending(&v->plat.con) != 0);
}

static int run_loop(struct vmm *v, char *err, size_t errlen)
{
	const struct p7sim_opts *o = v->o;

	for (;;) {
		uint64_t before = v->m.clock, wake = UINT64_MAX;
		unsigned int running = 0;

		if (p7sim_signal_caught())
			return signal_status(v, err, errlen);
		poll_console_input(v);
		for (unsigned int i = 0; i < o->smp; i++) {
			struct hv_vcpu *vc = v->vcpu[i];
			int r, st;

			if (!p7sim_cpu_running(&v->plat, i))
				continue;
			running++;
			sim_machine_select(&v->m, i * SIM_THREADS_PER_CORE);
			sim_host.deadline = v->m.clock + o->quantum;
			if (o->max_insns && sim_host.deadline > o->max_insns)
				sim_host.deadline = o->max_insns;
			if (o->max_insns && v->m.clock >= o->max_insns)
				break;
			if (v->gdb) {
				st = p7sim_gdb_turn(v->gdb, i);
				if (st == P7SIM_GDB_KILL)
					return killed(err, errlen);
				if (st == P7SIM_GDB_SKIP)
					continue;
			}
			v->ceded[i] = false;
			/*
			 * The vcpu keeps the CPU across userspace hcalls until
			 * its quantum ends, cedes or stops: console lines of
			 * different vcpus then rarely interleave.
			 */
			for (;;) {
				r = hv_vcpu_run(vc);
				st = handle_exit(v, i, r, err, errlen);
				if (st >= 0)
					return st;
				if (p7sim_powered_off(&v->plat))
					return halt_status(v, err, errlen);
				if (v->gdb && p7sim_gdb_after_run(v->gdb, i) == P7SIM_GDB_KILL)
					return killed(err, errlen);
				if (p7sim_signal_caught())
					return signal_status(v, err, errlen);
				if (vc->run.exit_reason != KVM_EXIT_PAPR_HCALL ||
				    !p7sim_cpu_running(&v->plat, i) ||
				    v->m.clock >= sim_host.deadline)
					break;
			}
			if (v->ceded[i] && vc->run.ceded.wake_tb < wake)
				wake = vc->run.ceded.wake_tb;
		}
		if (o->max_insns && v->m.clock >= o->max_insns) {
			size_t n = (size_t)snprintf(err, errlen, "instruction limit reached: %" PRIu64
						    " instructions", v->m.clock);

			/* Where each vcpu was: the first thing to look at for a hang. */
			for (unsigned int i = 0; i < o->smp && n < errlen; i++)
				n += (size_t)snprintf(err + n, errlen - n, "; vcpu %u %s pc 0x%"
						      PRIx64 " lr 0x%" PRIx64 " msr 0x%" PRIx64, i,
						      p7sim_cpu_running(&v->plat, i) ? "at" :
						      "(stopped)", v->vcpu[i]->regs.pc,
						      v->vcpu[i]->regs.lr, v->vcpu[i]->regs.msr);
			return P7SIM_EXIT_INSN_LIMIT;
		}
		if (!running) {
			snprintf(err, errlen, "no vcpu can make progress: every vcpu is stopped");
			return P7SIM_EXIT_STUCK;
		}
		if (v->m.clock != before)
			continue;
		/*
		 * Every running vcpu ceded: idle until the earliest DEC expiry
		 * (time jumps; nothing else can happen before it).
		 */
		{
			uint64_t now = sim_tb_read(&v->m.threads[0]);

			if (wake == UINT64_MAX || (int64_t)(wake - now) > (int64_t)(1ULL << 62)) {
				snprintf(err, errlen, "no vcpu can make progress: every vcpu ceded "
					 "with no timer armed");
				return P7SIM_EXIT_STUCK;
			}
			if (wake <= now)
				wake = now + 1;
			if (o->max_insns && v->m.clock + (wake - now) > o->max_insns)
				sim_clock_advance(&v->m, NULL, o->max_insns - v->m.clock);
			else
				sim_clock_advance(&v->m, NULL, wake - now);
		}
	}
}

static void print_stats(struct vmm *v, FILE *out)
{
	uint64_t total_exits = 0, starts, resumes;

	fprintf(out, "\np7sim: %" PRIu64 " instructions, %" PRIu64 " ns simulated\n",
		v->m.clock, clock_ns(v, v->m.clock));
	/* Engine stops the model answered inside the engine cost no restart (docs/engine.md). */
	sim_ue_run_stats(sim_engine_unicorn_ue(v->m.engine), &starts, &resumes);
	fprintf(out, "p7sim: engine: %" PRIu64 " runs, %" PRIu64 " stops answered inside a run\n",
		starts, resumes);
	for (unsigned int i = 0; i < v->o->smp; i++)
		for (unsigned int t = 0; t < 128; t++)
			total_exits += v->vcpu[i]->stats.exits[t];
	fprintf(out, "Analyze events for all VMs, all VCPUs (%" PRIu64 " exits):\n\n",
		total_exits);
	p7sim_stats_print(&v->exits, out);
	fprintf(out, "\n");
	p7sim_stats_print(&v->hcalls, out);
}

int p7sim_vmm_run(const struct p7sim_opts *o, FILE *diag)
{
	struct vmm *v = calloc(1, sizeof(*v));
	char err[512] = "";
	int st;

	if (!v) {
		fprintf(diag, "p7sim: out of memory\n");
		return P7SIM_EXIT_SIM_ERROR;
	}
	v->o = o;
	v->diag = diag;
	p7sim_stats_init(&v->exits, "VM-EXIT", p7sim_trap_name);
	p7sim_stats_init(&v->hcalls, "HCALL", p7sim_hcall_name);
	v->exits.time_what = v->hcalls.time_what = "guest time before them";
	p7sim_signals_install();
	st = setup(v, err, sizeof(err));
	if (!st)
		st = run_loop(v, err, sizeof(err));
	if (v->plat_up)
		p7sim_console_flush(&v->plat.con);
	fflush(stdout);
	p7sim_gdb_close(v->gdb, st);
	if (st && err[0])
		fprintf(diag, "p7sim: %s\n", err);
	/*
	 * The model checked every hardware rule the HV core must follow (each
	 * violation was reported as it happened): a run that broke one did
	 * not succeed, whatever the guest saw.
	 */
	if (v->m.violations) {
		fprintf(diag, "p7sim: the HV core broke %u hardware rule(s); the last: %s\n",
			v->m.violations, v->m.last_violation);
		if (st == P7SIM_EXIT_POWEROFF)
			st = P7SIM_EXIT_SIM_ERROR;
	}
	if (v->tw) {
		char terr[256];

		if (p7trace_writer_close(v->tw, terr, sizeof(terr)) && !st) {
			fprintf(diag, "p7sim: trace: %s\n", terr);
			st = P7SIM_EXIT_SIM_ERROR;
		}
	}
	if (o->stats && v->vm)
		print_stats(v, diag);
	if (v->plat_up)
		p7sim_platform_fini(&v->plat);
	hv_vm_destroy(v->vm);
	if (v->m.threads)
		sim_machine_destroy(&v->m);
	sim_host.deadline = 0;
	sim_host.stop = 0;
	free(v);
	return st;
}
