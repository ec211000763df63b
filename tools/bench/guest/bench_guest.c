// SPDX-License-Identifier: GPL-2.0-only
/*
 * bench_guest: what running guest code on the model costs.  Prints, in one
 * run:
 *  - guest MIPS of an integer loop with long basic blocks and of a
 *    load/store loop, on the model (sim_run with the Unicorn engine, the
 *    model owning time, interrupts and privileged instructions) and on the
 *    same engine driven bare (sim_ue_run, as tools/bench/engine does), with
 *    the model's overhead;
 *  - the cost of a trapped privileged instruction (mfspr SPRG0 by the guest
 *    kernel, emulated by the model);
 *  - the cost of a storage fault delivered to the guest (DSI to its 0x300,
 *    back with rfid), and of an sc 1 exit to the hypervisor and back.
 *
 * A benchmark, not a test: it asserts nothing about speed.  The guest code
 * is hand-encoded (tests/engine/ppc_enc.h), so no cross toolchain is needed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "engine_fixture.h"
#include "guest_fixture.h"

#define CODE		0x2000ULL	/* guest real address of the benchmark code */
/*
 * Each figure is the best of this many runs, bare and model interleaved:
 * the host is shared and noisy, and the best run is the one least
 * disturbed by others.
 */
static int repeats = 5;
#define DATA		0x4000ULL	/* guest real address of its data */

/* Instructions ppc_enc.h does not have (ISA 2.06 Book III-S 4.4). */
#define PPC_RFID	0x4c000024u
static uint32_t ppc_mtmsrd(int rs, int l) { return PPC_X(31, rs, l, 0, 178); }
static uint32_t ppc_slbmte(int rs, int rb) { return PPC_X(31, rs, 0, rb, 402); }

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static void die(const char *what, const char *why)
{
	fprintf(stderr, "bench_guest: %s: %s\n", what, why);
	exit(1);
}

/* r4 = @iters; CTR = r4 (three instructions). */
static int load_ctr(uint32_t *code, uint64_t iters)
{
	code[0] = ppc_addis(4, 0, (int16_t)(iters >> 16));
	code[1] = ppc_ori(4, 4, iters & 0xffff);
	code[2] = ppc_mtctr(4);
	return 3;
}

/* Integer loop: @body ALU instructions and a bdnz: one block per iteration. */
static int int_loop(uint32_t *code, uint64_t iters, int body)
{
	int n = load_ctr(code, iters);

	for (int i = 0; i < body; i++)
		code[n++] = (i % 3 == 0) ? ppc_addi(3, 3, 1) : (i % 3 == 1) ? ppc_addi(5, 5, 3) :
			    ppc_xor(6, 3, 5);
	code[n++] = ppc_bdnz(-4 * body);
	code[n++] = ppc_sc(1);
	return n;
}

/* Load/store loop: 8 instructions per iteration, one ld and one std. */
static int ldst_loop(uint32_t *code, uint64_t iters, uint64_t data)
{
	int n = load_ctr(code, iters);
	const uint32_t body[] = {
		ppc_ld(3, 7, 0), ppc_addi(3, 3, 1), ppc_std(3, 7, 0),
		PPC_D(26, 7, 7, 8) /* xori r7,r7,8 */, ppc_ori(7, 7, 0), ppc_addi(5, 5, 1),
		ppc_xor(6, 5, 3), ppc_bdnz(-28),
	};

	code[n++] = ppc_li(7, (int16_t)data);
	memcpy(code + n, body, sizeof(body));
	n += 8;
	code[n++] = ppc_sc(1);
	return n;
}

/* ---- the same loop on the bare engine and on the model ----------------------------------- */

/* The bare engine (tools/bench/engine's fixture): MIPS of @code at FX_CODE. */
static double bare_mips(const uint32_t *code, int n, unsigned int flags, uint64_t insns)
{
	struct sim_ue_exit x;
	struct fx f;
	double t;

	if (fx_open(&f, flags))
		die("engine", f.err);
	fx_code(&f, FX_CODE, code, n);
	t = now();
	sim_ue_run(f.e, UINT64_MAX, &x);
	t = now() - t;
	if (x.ev != SIM_UE_SC)
		die("bare loop", "did not end in sc");
	fx_close(&f);
	return insns / t / 1e6;
}

static void model_open(struct gx *g)
{
	if (gx_open(g, 0))
		die("model", g->err);
}

/* The model: MIPS of @code at CODE, run by sim_run until its final sc 1. */
static double model_mips(const uint32_t *code, int n, uint64_t insns)
{
	struct gx g;
	uint32_t trap;
	double t;

	model_open(&g);
	gx_load_words(&g, CODE, code, n);
	gx_enter(&g, CODE, GX_MSR_ENTRY);
	t = now();
	trap = sim_run(g.t, UINT64_MAX);
	t = now() - t;
	if (trap != BOOK3S_INTERRUPT_SYSCALL)
		die("model loop", g.m.engine_error[0] ? g.m.engine_error : "did not end in sc 1");
	if (g.t->executed != insns)
		die("model loop", "instruction count differs from the program's");
	gx_close(&g);
	return insns / t / 1e6;
}

static double max2(double a, double b)
{
	return a > b ? a : b;
}

static double min2(double a, double b)
{
	return a < b ? a : b;
}

static void compare(const char *name, const uint32_t *code, int n, uint64_t insns)
{
	double bare = 0, bare_nohook = 0, model = 0;

	for (int r = 0; r < repeats; r++) {
		bare = max2(bare, bare_mips(code, n, 0, insns));
		bare_nohook = max2(bare_nohook, bare_mips(code, n, SIM_UE_NO_COUNT, insns));
		model = max2(model, model_mips(code, n, insns));
	}

	printf("%s\n", name);
	printf("  engine bare, no hooks:       %8.0f MIPS\n", bare_nohook);
	printf("  engine bare, counting:       %8.0f MIPS\n", bare);
	printf("  model (sim_run):             %8.0f MIPS  (%.2fx bare counting: overhead %+.1f %%;"
	       " %.2fx no hooks)\n", model, model / bare, (bare / model - 1) * 100,
	       model / bare_nohook);
}

/* ---- exits ----------------------------------------------------------------------------------- */

/* Microseconds per iteration of a guest loop that traps on mfspr SPRG0. */
static double trap_cost_us(uint64_t iters)
{
	uint32_t code[8];
	int n = load_ctr(code, iters);
	struct gx g;
	double t;

	code[n++] = ppc_mfspr(3, 272);		/* SPRG0: privileged, emulated */
	code[n++] = ppc_bdnz(-4);
	code[n++] = ppc_sc(1);
	model_open(&g);
	gx_load_words(&g, CODE, code, n);
	gx_enter(&g, CODE, GX_MSR_ENTRY);
	g.t->spr[SPRN_SPRG0] = 42;
	t = now();
	if (sim_run(g.t, UINT64_MAX) != BOOK3S_INTERRUPT_SYSCALL || g.t->gpr[3] != 42)
		die("trap loop", g.m.engine_error);
	t = now() - t;
	gx_close(&g);
	return t / iters * 1e6;
}

/*
 * Microseconds per storage fault delivered to the guest and returned from:
 * with its own SLB entry but no HPTE, a relocated load is a DSI at the
 * guest's 0x300, whose handler is one rfid back to the load.  Each
 * iteration is one fault and one emulated rfid; only the rfid completes, so
 * the budget counts iterations.
 */
static double fault_cost_us(uint64_t iters)
{
	const uint32_t code[] = {
		ppc_addis(5, 0, 0x0800), ppc_addis(5, 5, 0x1000),	/* ESID 1 | V | 0 */
		ppc_addis(6, 0, 0x12), ppc_ori(6, 6, 0x3400),		/* VSID 0x123 | Kp */
		ppc_slbmte(6, 5),
		ppc_mfmsr(7), ppc_ori(7, 7, 0x10), ppc_mtmsrd(7, 0),	/* MSR[DR] on */
		ppc_addis(8, 0, 0x1000),
		ppc_ld(3, 8, 0),					/* DSI, forever */
	};
	const uint32_t handler[] = { PPC_RFID };
	struct gx g;
	double t;

	model_open(&g);
	gx_load_words(&g, CODE, code, sizeof(code) / sizeof(code[0]));
	gx_load_words(&g, BOOK3S_INTERRUPT_DATA_STORAGE, handler, 1);
	gx_enter(&g, CODE, GX_MSR_ENTRY);
	/* Up to the first fault and its first rfid. */
	if (sim_run(g.t, 10) != 0 || g.t->last_irq.vec != BOOK3S_INTERRUPT_DATA_STORAGE)
		die("fault loop", "no DSI");
	t = now();
	if (sim_run(g.t, iters) != 0 || g.m.engine_error[0])
		die("fault loop", g.m.engine_error);
	t = now() - t;
	if (g.t->spr[SPRN_DSISR] != DSISR_NOHPTE || g.t->spr[SPRN_DAR] != 0x10000000)
		die("fault loop", "unexpected DSI");
	gx_close(&g);
	return t / iters * 1e6;
}

/* Microseconds per sc 1 exit to the hypervisor (this harness) and back. */
static double hcall_cost_us(uint64_t iters)
{
	const uint32_t code[] = { ppc_addi(3, 3, 1), ppc_sc(1), ppc_b(-8) };
	struct gx g;
	double t;

	model_open(&g);
	gx_load_words(&g, CODE, code, 3);
	gx_enter(&g, CODE, GX_MSR_ENTRY);
	t = now();
	for (uint64_t i = 0; i < iters; i++) {
		if (sim_run(g.t, UINT64_MAX) != BOOK3S_INTERRUPT_SYSCALL)
			die("hcall loop", g.m.engine_error);
		gx_enter(&g, g.t->spr[SPRN_SRR0], g.t->spr[SPRN_SRR1]);
	}
	t = now() - t;
	gx_close(&g);
	return t / iters * 1e6;
}

int main(int argc, char **argv)
{
	uint64_t iters = 4000000, exits = 1000000;
	uint32_t code[80];
	double trap, fault, hcall;
	int n;

	if (argc > 1 && !strcmp(argv[1], "--quick")) {
		iters = 100000;
		exits = 20000;
		repeats = 1;
	} else if (argc > 1) {
		fprintf(stderr, "usage: bench_guest [--quick]\n");
		return 2;
	}
	printf("bench_guest: guest code on the POWER7 model (Unicorn 2.0.1 engine), guest real mode "
	       "through the VRMA; best of %d\n", repeats);
	n = int_loop(code, iters, 63);
	compare("integer loop, 64-instruction blocks:", code, n, 3 + iters * 64 + 1);
	n = int_loop(code, iters * 4, 3);
	compare("integer loop, 4-instruction blocks:", code, n, 3 + iters * 4 * 4 + 1);
	n = ldst_loop(code, iters, FX_CODE + DATA);
	/* The bare fixture's code sits at FX_CODE, the model's at CODE: same data offset. */
	{
		uint32_t mcode[16];
		int mn = ldst_loop(mcode, iters, CODE + DATA);
		double bare = 0, model = 0;

		for (int r = 0; r < repeats; r++) {
			bare = max2(bare, bare_mips(code, n, 0, 4 + 8 * iters + 1));
			model = max2(model, model_mips(mcode, mn, 4 + 8 * iters + 1));
		}

		printf("load/store loop (1 ld, 1 std in 8 instructions):\n");
		printf("  engine bare, counting:       %8.0f MIPS\n", bare);
		printf("  model (sim_run):             %8.0f MIPS  (%.2fx bare: overhead %+.1f %%)\n",
		       model, model / bare, (bare / model - 1) * 100);
	}
	trap = fault = hcall = 1e9;
	for (int r = 0; r < repeats; r++) {
		trap = min2(trap, trap_cost_us(exits));
		fault = min2(fault, fault_cost_us(exits));
		hcall = min2(hcall, hcall_cost_us(exits));
	}
	printf("trapped privileged instruction (mfspr SPRG0, emulated):  %6.3f us\n", trap);
	printf("storage fault to the guest (DSI at 0x300 + rfid back):   %6.3f us"
	       "  (fault alone ~%.3f us)\n", fault, fault - trap);
	printf("sc 1 exit to the hypervisor and back (hrfid):            %6.3f us\n", hcall);
	return 0;
}
