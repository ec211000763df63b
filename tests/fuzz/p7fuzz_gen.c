// SPDX-License-Identifier: GPL-2.0-only
/*
 * p7fuzz-gen: writes a script for the guest-driven fuzzer's interpreter
 * (tests/guests/p_fuzz.S; format and memory layout in tests/guests/p7fuzz.h)
 * and prints the p7sim options the script was made for.
 *
 *   p7fuzz-gen --seed N [--ops K] -o SCRIPT
 *   p7fuzz-gen --dump SCRIPT
 *
 * The script depends only on N and K: the generator has its own PRNG
 * (xoshiro256**, seeded through SplitMix64, integer arithmetic only) and
 * writes big-endian, so the same seed gives the same bytes on every host.
 * Each record is one thing a hostile guest kernel can do: an hcall (the HV
 * core's HPT hcalls with PTEXs aimed at the script's own mappings or at
 * none, VPA, page init, XICS, cede/prod, the VMM's console and RTAS),
 * loads and stores at chosen EAs (0, page/segment/RAM ends, the last
 * 4 KiB of the EA space, relocated through its own SLB entries and HPTEs),
 * mfspr/mtspr of any SPR number, MSR changes by mtmsrd and rfid, branches
 * into the vectors and unmapped memory, cache and TLB/SLB instructions,
 * self-modifying code, ISA 2.07/3.0 and random instruction words.
 *
 * What the generator never does, so that a run can reach its end and be
 * compared: store into, or give the HV/VMM a buffer in, the interpreter's
 * memory [P7FUZZ_FREE_END, P7FUZZ_PROTECT_END) in any addressing mode; map
 * an HPTE onto it (except one read-only page for the gadget) or remove the
 * VRMA's HPTEs; branch where the interpreter would loop (its own slot, the
 * asynchronous vectors' stubs); end the run early (power-off, reboot,
 * os-term, stop-self) except as a script's last record ("finale").
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen.h"

static void generate(struct gen *g, unsigned int ops)
{
	static const struct { void (*fn)(struct gen *g); unsigned int weight; } kinds[] = {
		{ NULL, 14 },		/* load */
		{ NULL, 12 },		/* store */
		{ gen_spr, 12 },
		{ gen_msr, 6 },
		{ gen_branch, 7 },
		{ gen_hcall, 16 },
		{ gen_rtas, 5 },
		{ gen_map, 6 },
		{ gen_mmu, 7 },
		{ gen_misc, 9 },
		{ gen_smc, 2 },
		{ gen_cede, 1 },
		{ gen_ipi, 1 },
	};
	unsigned int total = 0, start_at = (unsigned int)below(g, 16);

	for (unsigned int i = 0; i < ARRAY_SIZE(kinds); i++)
		total += kinds[i].weight;
	while (g->n < ops) {
		unsigned int w = (unsigned int)below(g, total), k = 0, first = g->n;

		/* With --smp, vcpu 0 starts the others early; then 2 ops in 5 are theirs. */
		g->cpu = 0;
		if (g->ncpus > 1 && g->n >= start_at && start_at != ~0U) {
			for (uint32_t c = 1; c < g->ncpus; c++)
				start_cpu(g, c);
			start_at = ~0U;
			continue;
		}
		if (g->ncpus > 1 && chance(g, 2, 5))
			g->cpu = 1 + (unsigned int)below(g, g->ncpus - 1);
		while (w >= kinds[k].weight)
			w -= kinds[k++].weight;
		if (k == 0)
			gen_access(g, false);
		else if (k == 1)
			gen_access(g, true);
		else
			kinds[k].fn(g);
		for (unsigned int i = first; i < g->n; i++)
			g->rec[i].flags |= (uint16_t)(g->cpu << P7FUZZ_F_CPU_SHIFT);
	}
	g->cpu = 0;
	if (chance(g, 1, 16))
		gen_finale(g);
}

static int write_script(const struct gen *g, const char *path)
{
	uint8_t hdr[P7FUZZ_HDR_SIZE] = { 0 }, b[P7FUZZ_REC_SIZE];
	FILE *f = fopen(path, "wb");

	if (!f) {
		fprintf(stderr, "p7fuzz-gen: %s: %s\n", path, strerror(errno));
		return -1;
	}
	put32(hdr + P7FUZZ_H_MAGIC, P7FUZZ_MAGIC);
	put32(hdr + P7FUZZ_H_VERSION, P7FUZZ_VERSION);
	put32(hdr + P7FUZZ_H_NREC, g->n);
	put32(hdr + P7FUZZ_H_RECSIZE, P7FUZZ_REC_SIZE);
	put64(hdr + P7FUZZ_H_SEED, g->seed);
	put64(hdr + P7FUZZ_H_MEM, g->mem);
	fwrite(hdr, 1, sizeof(hdr), f);
	for (unsigned int i = 0; i < g->n; i++) {
		const struct rec *r = &g->rec[i];

		memset(b, 0, sizeof(b));
		put16(b + P7FUZZ_R_OP, r->op);
		put16(b + P7FUZZ_R_FLAGS, r->flags);
		put32(b + P7FUZZ_R_CR, r->cr);
		put32(b + P7FUZZ_R_XER, r->xer);
		put32(b + P7FUZZ_R_LEN, r->len);
		for (int k = 0; k < 4; k++)
			put32(b + P7FUZZ_R_INSN + 4 * k, r->insn[k]);
		put64(b + P7FUZZ_R_MSR, r->msr);
		put64(b + P7FUZZ_R_CTR, r->ctr);
		put64(b + P7FUZZ_R_SRR0, r->srr0);
		for (int k = 0; k < 8; k++)
			put64(b + P7FUZZ_R_GPR + 8 * k, r->r[k]);
		fwrite(b, 1, sizeof(b), f);
	}
	if (fclose(f)) {
		fprintf(stderr, "p7fuzz-gen: %s: %s\n", path, strerror(errno));
		return -1;
	}
	return 0;
}

/* ---- --dump ------------------------------------------------------------------------- */

static uint64_t get(const uint8_t *p, int n)
{
	uint64_t v = 0;

	for (int i = 0; i < n; i++)
		v = (v << 8) | p[i];
	return v;
}

static int dump(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t hdr[P7FUZZ_HDR_SIZE], b[P7FUZZ_REC_SIZE];
	uint64_t n;

	if (!f || fread(hdr, 1, sizeof(hdr), f) != sizeof(hdr) ||
	    get(hdr + P7FUZZ_H_MAGIC, 4) != P7FUZZ_MAGIC) {
		fprintf(stderr, "p7fuzz-gen: %s: not a p7fuzz script\n", path);
		if (f)
			fclose(f);
		return 1;
	}
	n = get(hdr + P7FUZZ_H_NREC, 4);
	printf("seed %" PRIu64 ", %" PRIu64 " records, memory %" PRIu64 " MB\n",
	       get(hdr + P7FUZZ_H_SEED, 8), n, get(hdr + P7FUZZ_H_MEM, 8) / MB);
	for (uint64_t i = 0; i < n && fread(b, 1, sizeof(b), f) == sizeof(b); i++) {
		unsigned int op = (unsigned int)get(b + P7FUZZ_R_OP, 2);
		unsigned int fl = (unsigned int)get(b + P7FUZZ_R_FLAGS, 2);

		printf("%5" PRIu64 " %s", i, op == P7FUZZ_OP_EXEC ? "exec " :
		       op == P7FUZZ_OP_WRITE ? "write" : "?    ");
		if (op == P7FUZZ_OP_WRITE) {
			printf(" %" PRIu64 " bytes at 0x%" PRIx64 ":", get(b + P7FUZZ_R_LEN, 4),
			       get(b + P7FUZZ_R_GPR, 8));
			for (unsigned int k = 0; k < get(b + P7FUZZ_R_LEN, 4) && k < 56; k++)
				printf(" %02x", b[P7FUZZ_R_DATA + k]);
			printf("\n");
			continue;
		}
		for (int k = 0; k < 4; k++)
			printf(" %08" PRIx64, get(b + P7FUZZ_R_INSN + 4 * k, 4));
		if (fl & P7FUZZ_F_MSR)
			printf(" msr=0x%" PRIx64, get(b + P7FUZZ_R_MSR, 8));
		if (fl & P7FUZZ_F_EA)
			printf(" srr0=0x%" PRIx64, get(b + P7FUZZ_R_SRR0, 8));
		printf(" ctr=0x%" PRIx64 " cr=0x%" PRIx64 "\n       ", get(b + P7FUZZ_R_CTR, 8),
		       get(b + P7FUZZ_R_CR, 4));
		for (int k = 0; k < 8; k++)
			printf(" r%d=0x%" PRIx64, 3 + k, get(b + P7FUZZ_R_GPR + 8 * k, 8));
		printf("\n");
	}
	fclose(f);
	return 0;
}

/* ---- main ----------------------------------------------------------------------------- */

static const char usage[] =
"usage: p7fuzz-gen --seed N [--ops K] -o SCRIPT\n"
"       p7fuzz-gen --case NAME -o SCRIPT\n"
"       p7fuzz-gen --dump SCRIPT\n"
"\n"
"Writes a script of K records (default 500, at most 100000) for the fuzzer's\n"
"interpreter guest (guests/p_fuzz.elf) and prints, on one line, the p7sim run\n"
"options it was made for (--mem, --hpt-order, --seed, --rtc, --max-insns).\n"
"The script depends only on N and K. Run it:\n"
"  p7sim run $(p7fuzz-gen --seed N -o s.bin) --kernel-addr 0 --initrd s.bin p_fuzz.elf\n"
"--dump lists a script's records. --case NAME writes one of the hand-made\n"
"regression scripts instead (gen_cases.c; cede-prod) and prints its options.\n";

static int parse_u64(const char *s, uint64_t *v)
{
	char *end;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	*v = strtoull(s, &end, 0);
	return errno || *end ? -1 : 0;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "seed", required_argument, NULL, 's' },
		{ "ops", required_argument, NULL, 'n' },
		{ "output", required_argument, NULL, 'o' },
		{ "dump", required_argument, NULL, 'd' },
		{ "case", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	static const uint64_t mems[] = { 32 * MB, 64 * MB, 128 * MB, 256 * MB };
	static const unsigned int orders[] = { 18, 20, 22, 24 };
	static const unsigned int smps[] = { 1, 1, 1, 1, 2, 2, 2, 3 };
	static const unsigned int quanta[] = { 1000, 7919, 100000 };
	struct gen g = { 0 };
	uint64_t seed = 0, ops = 500, x;
	const char *out = NULL, *name = NULL, *args;
	bool have_seed = false;
	int c;

	while ((c = getopt_long(argc, argv, "o:h", opts, NULL)) != -1) {
		switch (c) {
		case 's':
			if (parse_u64(optarg, &seed)) {
				fprintf(stderr, "p7fuzz-gen: bad --seed %s\n", optarg);
				return 1;
			}
			have_seed = true;
			break;
		case 'n':
			if (parse_u64(optarg, &ops) || !ops || ops > P7FUZZ_MAX_RECORDS) {
				fprintf(stderr, "p7fuzz-gen: bad --ops %s (1..%d)\n", optarg,
					P7FUZZ_MAX_RECORDS);
				return 1;
			}
			break;
		case 'o':
			out = optarg;
			break;
		case 'd':
			return dump(optarg);
		case 'c':
			name = optarg;
			break;
		case 'h':
			fputs(usage, stdout);
			return 0;
		default:
			fputs(usage, stderr);
			return 1;
		}
	}
	if ((!have_seed && !name) || !out || optind != argc) {
		fputs(usage, stderr);
		return 1;
	}
	if (name) {
		args = gen_case(&g, name);
		if (!args) {
			fprintf(stderr, "p7fuzz-gen: no case %s\n", name);
			return 1;
		}
		if (write_script(&g, out))
			return 1;
		printf("%s --rtc 2024-01-01 --max-insns 100000000\n", args);
		free(g.rec);
		return 0;
	}
	x = seed;
	for (int i = 0; i < 4; i++)
		g.s[i] = splitmix64(&x);
	g.seed = seed;
	g.mem = PICK(&g, mems);
	g.hpt_order = PICK(&g, orders);
	g.pteg_mask = (1ULL << (g.hpt_order - 7)) - 1;
	g.ncpus = PICK(&g, smps);
	/* The generator's last record may add a finale's two: room for them. */
	generate(&g, (unsigned int)ops);
	if (write_script(&g, out))
		return 1;
	printf("--mem %" PRIu64 "M --hpt-order %u --seed %" PRIu64 " --rtc 2024-01-01 "
	       "--max-insns %" PRIu64, g.mem / MB, g.hpt_order, seed,
	       (uint64_t)20000000 + (uint64_t)20000 * g.n);
	if (g.ncpus > 1)
		printf(" --smp %u --quantum %u", g.ncpus, PICK(&g, quanta));
	printf("\n");
	free(g.rec);
	return 0;
}

