/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * p7fuzz-gen's parts (p7fuzz_gen.c says what the generator does): the
 * generator state and records, its PRNG and the rules that keep the
 * interpreter alive (gen_base.c), and the op generators: the MMU
 * (gen_mmu.c), instructions (gen_insn.c), hcalls and RTAS (gen_hcall.c).
 */
#ifndef P7FUZZ_GEN_H
#define P7FUZZ_GEN_H

#include <stdbool.h>
#include <stdint.h>

#include "hv_consts.h"
#include "p7fuzz.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define MB		((uint64_t)1024 * 1024)

/* p7sim's RTAS tokens (docs/p7sim-platform.md, RTAS). */
#define RTAS_GET_TOD		0x2001
#define RTAS_SET_TOD		0x2002
#define RTAS_POWER_OFF		0x2003
#define RTAS_DISPLAY_CHAR	0x2004
#define RTAS_QUERY_STOPPED	0x2005
#define RTAS_START_CPU		0x2006
#define RTAS_STOP_SELF		0x2007
#define RTAS_REBOOT		0x2008
#define RTAS_OS_TERM		0x2009
#define RTAS_NVRAM_FETCH	0x200e
#define RTAS_NVRAM_STORE	0x200f
#define RTAS_LAST		0x2013

/* H_BULK_REMOVE translation specifier high doubleword (PAPR 14.5.4.1.7). */
#define BULK_TYPE_SHIFT		62
#define BULK_REQUEST		1ULL
#define BULK_END		3ULL
#define BULK_FLAGS_SHIFT	56
#define BULK_PTEX		0x00ffffffffffffffULL

/* HPTE dword 0: the lowest AVA bit, which a 16 MB page must have clear. */
#define HPTE_V_AVA_LOW		0x80ULL

#define SLOT			((uint64_t)P7FUZZ_GADGET)	/* vcpu 0's */
#define SLOT_OF(cpu)		(SLOT + (uint64_t)(cpu) * P7FUZZ_SLOT_SIZE)
#define SLOTS_END		SLOT_OF(P7FUZZ_MAX_CPUS)
#define SC0			0x44000002u
#define SC1			0x44000022u
#define NOP			0x60000000u
#define SANE_MSR		(MSR_SF | MSR_ME)

struct rec {
	uint16_t op, flags;
	uint32_t cr, xer, len;
	uint32_t insn[4];
	uint64_t msr, ctr, srr0;
	uint64_t r[8];		/* r3..r10 */
};

/* A translation the script set up: SLB entry + HPTE. */
struct mapping {
	uint64_t ea;		/* page-aligned EA */
	uint64_t ra;		/* guest real address of the page */
	uint64_t vsid_word;	/* slbmte RS */
	uint64_t ptex;		/* where H_EXACT put it (if it succeeded) */
	unsigned int shift;	/* page size */
	bool gadget;		/* the read-only view of the gadget page */
};

struct gen {
	uint64_t s[4];
	uint64_t seed;
	uint64_t mem;
	unsigned int ncpus;	/* --smp */
	unsigned int cpu;	/* the vcpu the op being generated runs on */
	unsigned int hpt_order;
	uint64_t pteg_mask;
	struct mapping map[24];
	unsigned int nmap, map_next;
	struct rec *rec;
	unsigned int n, cap;
};


#define PICK(g, a)	((a)[below(g, ARRAY_SIZE(a))])

/* gen_base.c: the PRNG */
uint64_t splitmix64(uint64_t *x);
uint64_t rnd(struct gen *g);
uint64_t below(struct gen *g, uint64_t n);
bool chance(struct gen *g, unsigned int num, unsigned int den);
uint64_t edge_value(struct gen *g);

/* gen_base.c: records (every GPR poisoned, NOPs, CTR poisoned), big-endian output */
struct rec *new_rec(struct gen *g, uint16_t op);
struct rec *exec1(struct gen *g, uint32_t insn);
void put16(uint8_t *p, uint16_t v);
void put32(uint8_t *p, uint32_t v);
void put64(uint8_t *p, uint64_t v);

/* gen_base.c: instruction formats */
uint32_t d_form(unsigned int op, unsigned int rt, unsigned int ra, int64_t d);
uint32_t x_form(unsigned int xo, unsigned int rt, unsigned int ra, unsigned int rb,
		unsigned int rc);
uint32_t mfspr(unsigned int rt, unsigned int spr);
uint32_t mtspr(unsigned int spr, unsigned int rs);

/* gen_base.c: what keeps the interpreter alive, and the addresses to aim at */
bool hits_interpreter(uint64_t ea, uint64_t len, uint64_t msr);
bool range_safe(uint64_t a, uint64_t len);
bool loops(struct gen *g, uint64_t target, uint64_t msr);
uint64_t scratch(struct gen *g);
uint64_t ea_real(struct gen *g);

/* gen_mmu.c */
bool is_vrma_ptex(struct gen *g, uint64_t ptex);
const struct mapping *some_mapping(struct gen *g);
uint64_t some_ptex(struct gen *g);
void gen_map(struct gen *g);
void gen_mmu(struct gen *g);

/* gen_insn.c */
void gen_access(struct gen *g, bool store);
uint64_t spr_value(struct gen *g, unsigned int spr);
uint64_t msr_value(struct gen *g);
void gen_spr(struct gen *g);
void gen_msr(struct gen *g);
uint64_t branch_target(struct gen *g);
void gen_branch(struct gen *g);
uint32_t random_word(struct gen *g);
void gen_misc(struct gen *g);
void gen_smc(struct gen *g);

/* gen_hcall.c */
void gen_hcall(struct gen *g);
void gen_cede(struct gen *g);
void gen_ipi(struct gen *g);
void emit_rtas(struct gen *g, uint32_t token, uint32_t nargs, uint32_t nret,
	       const uint32_t *args, uint64_t buf);
void gen_rtas(struct gen *g);
void gen_finale(struct gen *g);
void start_cpu(struct gen *g, uint32_t server);

/* gen_cases.c: a hand-written script; returns its p7sim options, NULL if unknown */
const char *gen_case(struct gen *g, const char *name);

#endif /* P7FUZZ_GEN_H */
