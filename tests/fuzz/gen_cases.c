// SPDX-License-Identifier: GPL-2.0-only
/*
 * p7fuzz-gen --case NAME: small scripts written by hand, each the shortest
 * form of something the fuzzer found, kept as regression tests (ctest
 * fuzz.case.NAME runs one and checks its trace: tests/fuzz/CMakeLists.txt).
 * Seeds would not do: any change to the generator changes what a seed makes.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "gen.h"

/* vcpu @cpu: DEC = @dec, then H_CEDE (PAPR: sleeps with EE on until a wakeup). */
static void cede(struct gen *g, unsigned int cpu, uint64_t dec)
{
	struct rec *r = exec1(g, mtspr(SPRN_DEC, 4));

	r->r[1] = dec;
	r->insn[1] = 0x44000022;	/* sc 1 */
	r->r[0] = H_CEDE;
	r->flags |= (uint16_t)(cpu << P7FUZZ_F_CPU_SHIFT);
}

/*
 * --smp 2: vcpu 0 cedes and sleeps, vcpu 1 prods it awake, vcpu 0 cedes
 * again and sleeps until its decrementer.  The wake-up after the first
 * cede happens in the run loop's entry, outside any exit p7trace replay
 * re-drives: replay kept the prod and its second H_CEDE returned at once
 * where the run slept (fixed by the replay hook woke()).
 */
static void case_cede_prod(struct gen *g)
{
	struct rec *r;

	g->cpu = 0;
	start_cpu(g, 1);
	cede(g, 0, 0x100000);
	r = exec1(g, 0x44000022);
	r->r[0] = H_PROD;
	r->r[1] = 0;
	r->flags |= 1 << P7FUZZ_F_CPU_SHIFT;
	cede(g, 0, 0x20000);
}

static const struct {
	const char *name;
	void (*fn)(struct gen *g);
	const char *args;	/* the p7sim options it is made for */
} cases[] = {
	{ "cede-prod", case_cede_prod, "--mem 32M --hpt-order 18 --smp 2 --quantum 1000" },
};

const char *gen_case(struct gen *g, const char *name)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(cases); i++)
		if (!strcmp(cases[i].name, name)) {
			g->mem = 32 * MB;
			g->hpt_order = 18;
			g->pteg_mask = (1ULL << (g->hpt_order - 7)) - 1;
			g->ncpus = 2;
			cases[i].fn(g);
			return cases[i].args;
		}
	return NULL;
}
