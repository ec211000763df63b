/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shared fixtures of the tools/p7sim unit tests: guest RAM made of separately
 * allocated 16 MB pages (so code that assumes contiguous guest memory reads
 * the wrong bytes and fails), and a fake VMM that records every callback the
 * platform makes.
 */
#ifndef P7SIM_TEST_H
#define P7SIM_TEST_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "p7sim.h"

#define MB (1ULL << 20)

struct fake_ram {
	void **pages;
	uint64_t npages;
	struct p7sim_mem mem;
};

/*
 * @size bytes of guest RAM; the last page may be partial.  Pages are
 * allocated last to first so that they are not adjacent in ascending order.
 */
static inline void fake_ram_init(struct fake_ram *r, uint64_t size)
{
	r->npages = (size + P7SIM_MEM_PAGE_SIZE - 1) >> P7SIM_MEM_PAGE_SHIFT;
	r->pages = calloc(r->npages, sizeof(void *));
	for (uint64_t i = r->npages; i-- > 0;) {
		r->pages[i] = calloc(1, P7SIM_MEM_PAGE_SIZE);
		if (!r->pages[i])
			abort();
	}
	r->mem.ctx = r->pages;
	r->mem.size = size;
	r->mem.page = p7sim_mem_page_array;
	r->mem.written = NULL;
}

static inline void fake_ram_fini(struct fake_ram *r)
{
	for (uint64_t i = 0; i < r->npages; i++)
		free(r->pages[i]);
	free(r->pages);
}

/* The host byte behind guest real address @gpa, bypassing the helpers. */
static inline uint8_t *fake_ram_byte(struct fake_ram *r, uint64_t gpa)
{
	return (uint8_t *)r->pages[gpa >> P7SIM_MEM_PAGE_SHIFT] + (gpa & P7SIM_MEM_PAGE_MASK);
}

/* What the fake VMM saw. */
struct fake_vmm {
	uint64_t now_ns;
	int start_calls, stop_calls, power_off_calls, raise_calls;
	unsigned int last_vcpu;
	uint64_t last_entry, last_r3;
	bool last_level;
	bool level[8];
	int start_result;
};

static inline uint64_t fake_now_ns(void *ctx)
{
	return ((struct fake_vmm *)ctx)->now_ns;
}

static inline int fake_start_cpu(void *ctx, unsigned int vcpu, uint64_t entry, uint64_t r3)
{
	struct fake_vmm *v = ctx;

	v->start_calls++;
	v->last_vcpu = vcpu;
	v->last_entry = entry;
	v->last_r3 = r3;
	return v->start_result;
}

static inline void fake_stop_cpu(void *ctx, unsigned int vcpu)
{
	struct fake_vmm *v = ctx;

	v->stop_calls++;
	v->last_vcpu = vcpu;
}

static inline void fake_power_off(void *ctx)
{
	((struct fake_vmm *)ctx)->power_off_calls++;
}

static inline void fake_raise_external(void *ctx, unsigned int vcpu, bool level)
{
	struct fake_vmm *v = ctx;

	v->raise_calls++;
	v->last_vcpu = vcpu;
	v->last_level = level;
	if (vcpu < 8)
		v->level[vcpu] = level;
}

/* A platform on @size bytes of fake RAM with every callback recorded. */
struct fixture {
	struct fake_ram ram;
	struct fake_vmm vmm;
	struct p7sim_platform plat;
	char *out;		/* console output, via open_memstream */
	size_t out_len;
	FILE *out_f;
	char *log;		/* diagnostics */
	size_t log_len;
	FILE *log_f;
};

static inline struct fixture *fixture_new(uint64_t size, unsigned int ncpus, int64_t rtc_base,
					  uint64_t seed)
{
	struct fixture *f = calloc(1, sizeof(*f));
	struct p7sim_config cfg = { 0 };
	struct p7sim_ops ops = {
		.ctx = &f->vmm,
		.now_ns = fake_now_ns,
		.start_cpu = fake_start_cpu,
		.stop_cpu = fake_stop_cpu,
		.power_off = fake_power_off,
		.raise_external = fake_raise_external,
	};

	fake_ram_init(&f->ram, size);
	f->out_f = open_memstream(&f->out, &f->out_len);
	f->log_f = open_memstream(&f->log, &f->log_len);
	cfg.mem = f->ram.mem;
	cfg.ncpus = ncpus;
	cfg.boot_cpu = 0;
	cfg.rtc_base = rtc_base;
	cfg.seed = seed;
	cfg.console_out = f->out_f;
	cfg.log = f->log_f;
	if (p7sim_platform_init(&f->plat, &cfg, &ops))
		abort();
	return f;
}

/* Console output so far, NUL-terminated. */
static inline const char *fixture_out(struct fixture *f)
{
	fflush(f->out_f);
	return f->out ? f->out : "";
}

static inline const char *fixture_log(struct fixture *f)
{
	fflush(f->log_f);
	return f->log ? f->log : "";
}

static inline void fixture_free(struct fixture *f)
{
	p7sim_platform_fini(&f->plat);
	fclose(f->out_f);
	fclose(f->log_f);
	free(f->out);
	free(f->log);
	fake_ram_fini(&f->ram);
	free(f);
}

/* Every args[] slot set to a recognisable pattern: r4 = 0x...04, r12 = 0x...0c. */
static inline void args_pattern(uint64_t *args)
{
	for (int i = 0; i < 9; i++)
		args[i] = 0x5a5a5a5a00000000ULL | (4 + i);
}

#endif /* P7SIM_TEST_H */
