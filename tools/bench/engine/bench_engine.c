// SPDX-License-Identifier: GPL-2.0-only
/*
 * bench_engine: the figures that decide whether the engine can carry the
 * design (docs/engine.md).  Prints MIPS of an integer loop with no hooks and
 * with instruction counting, MIPS of a load/store loop, and the cost of a
 * trap into C, of a VRMA fault (HDSI) and of a bare resume.
 *
 * A benchmark, not a test: it asserts nothing about speed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "engine_fixture.h"

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static void die(const char *what, struct fx *f)
{
	fprintf(stderr, "bench_engine: %s: %s\n", what, f->err[0] ? f->err : sim_ue_error(f->e));
	exit(1);
}

/*
 * Integer loop: @body ALU instructions and a bdnz per iteration, so one
 * translated block per iteration of body + 1 instructions.
 */
static double int_loop_mips(unsigned int flags, uint64_t iters, int body)
{
	uint32_t code[80];
	struct sim_ue_exit x;
	struct fx f;
	int n = 0;
	double t;

	code[n++] = ppc_addis(4, 0, (int16_t)(iters >> 16));
	code[n++] = ppc_ori(4, 4, iters & 0xffff);
	code[n++] = ppc_mtctr(4);
	for (int i = 0; i < body; i++)
		code[n++] = (i % 3 == 0) ? ppc_addi(3, 3, 1) : (i % 3 == 1) ? ppc_addi(5, 5, 3) :
			    ppc_xor(6, 3, 5);
	code[n++] = ppc_bdnz(-4 * body);
	code[n++] = ppc_sc(1);
	if (fx_open(&f, flags))
		die("open", &f);
	fx_code(&f, FX_CODE, code, n);
	t = now();
	sim_ue_run(f.e, UINT64_MAX, &x);
	t = now() - t;
	if (x.ev != SIM_UE_SC)
		die("integer loop did not end in sc", &f);
	fx_close(&f);
	/* Without the block hook nothing is counted: use the program's own count. */
	return (double)(3 + iters * (body + 1) + 1) / t / 1e6;
}

/* Load/store loop: 8 instructions per iteration, one ld and one std. */
static double ldst_loop_mips(uint64_t iters)
{
	const uint32_t code[] = {
		ppc_addis(4, 0, (int16_t)(iters >> 16)), ppc_ori(4, 4, iters & 0xffff), ppc_mtctr(4),
		ppc_li(7, 0x4000),
		ppc_ld(3, 7, 0), ppc_addi(3, 3, 1), ppc_std(3, 7, 0), PPC_D(26, 7, 7, 8) /* xori r7,r7,8 */,
		ppc_ori(7, 7, 0), ppc_addi(5, 5, 1), ppc_xor(6, 5, 3), ppc_bdnz(-28),
		ppc_sc(1),
	};
	struct sim_ue_exit x;
	struct fx f;
	double t;

	if (fx_open(&f, 0))
		die("open", &f);
	fx_code(&f, FX_CODE, code, 13);
	t = now();
	sim_ue_run(f.e, UINT64_MAX, &x);
	t = now() - t;
	if (x.ev != SIM_UE_SC)
		die("load/store loop did not end in sc", &f);
	fx_close(&f);
	return (4 + 8 * iters + 1) / t / 1e6;
}

/* One exit per iteration: sc (trap into C) or an HDSI (VRMA miss). */
static double exit_cost_us(int kind, long n)
{
	const uint32_t sc_code[] = { ppc_addi(3, 3, 1), ppc_sc(1), ppc_b(-8) };
	const uint32_t fault_code[] = { ppc_addis(5, 0, 0x100), ppc_lwz(3, 5, 0), ppc_b(-4) };
	const uint32_t spin[] = { ppc_addi(3, 3, 1), ppc_b(-4) };
	struct sim_ue_exit x;
	struct fx f;
	double t;

	if (fx_open(&f, 0))
		die("open", &f);
	if (kind == 0)
		fx_code(&f, FX_CODE, sc_code, 3);
	else if (kind == 1)
		fx_code(&f, FX_CODE, fault_code, 3);
	else
		fx_code(&f, FX_CODE, spin, 2);
	t = now();
	for (long i = 0; i < n; i++) {
		sim_ue_run(f.e, kind == 2 ? 1 : UINT64_MAX, &x);
		if (kind == 0)
			sim_ue_set_pc(f.e, x.pc + 4);
		else if (kind == 1)
			/* the model would deliver the interrupt; the bench skips the load */
			sim_ue_set_pc(f.e, x.pc + 4);
	}
	t = now() - t;
	if ((kind == 0 && x.ev != SIM_UE_SC) || (kind == 1 && x.ev != SIM_UE_HDSI) ||
	    (kind == 2 && x.ev != SIM_UE_BUDGET))
		die("unexpected exit", &f);
	fx_close(&f);
	return t / n * 1e6;
}

int main(int argc, char **argv)
{
	uint64_t iters = 50000000;
	long n = 2000000;
	double bare, counted;

	if (argc > 1 && !strcmp(argv[1], "--quick")) {
		iters = 2000000;
		n = 100000;
	} else if (argc > 1) {
		fprintf(stderr, "usage: bench_engine [--quick]\n");
		return 2;
	}
	printf("engine: libunicorn 2.0.1 (QEMU 5.0 TCG), guest in VRMA real mode at engine PR=1\n");
	bare = int_loop_mips(SIM_UE_NO_COUNT, iters, 3);
	counted = int_loop_mips(0, iters, 3);
	printf("integer loop, 4-insn blocks, no hooks:    %8.0f MIPS\n", bare);
	printf("integer loop, 4-insn blocks, counted:     %8.0f MIPS  (%.2fx)\n", counted,
	       counted / bare);
	bare = int_loop_mips(SIM_UE_NO_COUNT, iters / 16, 63);
	counted = int_loop_mips(0, iters / 16, 63);
	printf("integer loop, 64-insn blocks, no hooks:   %8.0f MIPS\n", bare);
	printf("integer loop, 64-insn blocks, counted:    %8.0f MIPS  (%.2fx)\n", counted,
	       counted / bare);
	printf("load/store loop (1 ld, 1 std in 8), counted: %8.0f MIPS\n", ldst_loop_mips(iters / 4));
	printf("trap into C and resume (sc 1):            %8.3f us\n", exit_cost_us(0, n));
	printf("VRMA fault (HDSI) and resume:             %8.3f us\n", exit_cost_us(1, n));
	printf("bare resume (1-instruction budget):       %8.3f us\n", exit_cost_us(2, n));
	return 0;
}
