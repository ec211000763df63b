// SPDX-License-Identifier: GPL-2.0-only
/*
 * p7fuzz-gen: hcalls, RTAS calls, cede and IPIs, and the finale that ends a
 * run another way.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "gen.h"

/* ---- hcalls -------------------------------------------------------------------- */

static const uint64_t hcalls[] = {
	H_REMOVE, H_ENTER, H_READ, H_CLEAR_MOD, H_CLEAR_REF, H_PROTECT, H_GET_TCE, H_PUT_TCE,
	H_SET_SPRG0, H_SET_DABR, H_PAGE_INIT, H_LOGICAL_CI_LOAD, H_LOGICAL_CI_STORE,
	H_GET_TERM_CHAR, H_PUT_TERM_CHAR, H_EOI, H_CPPR, H_IPI, H_IPOLL, H_XIRR,
	H_REGISTER_VPA, H_CEDE, H_CONFER, H_PROD, H_VIO_SIGNAL, H_BULK_REMOVE,
	H_SET_XDABR, H_GET_CPU_CHARACTERISTICS, H_XIRR_X, H_RANDOM, H_SET_MODE,
	H_WATCHDOG, 0x2a0, 0x2b0, 0x1f0, 0xf001, 0xf00f,
};

static uint64_t safe_buffer(struct gen *g, uint64_t len)
{
	uint64_t a;

	switch (below(g, 6)) {
	case 0:
		a = g->mem - below(g, len + 16);		/* across the end of RAM */
		break;
	case 1:
		a = g->mem + below(g, 0x10000);
		break;
	case 2:
		a = below(g, 0x40);
		break;
	case 3:
		a = edge_value(g);
		break;
	default:
		a = scratch(g) & ~(chance(g, 3, 4) ? 127ULL : 0ULL);
		break;
	}
	if (!range_safe(a, len))
		a = scratch(g) & ~127ULL;
	if (!range_safe(a, len))
		a = P7FUZZ_PROTECT_END;
	return a;
}

static uint64_t bulk_spec(struct gen *g)
{
	uint64_t type = chance(g, 7, 8) ? BULK_REQUEST : below(g, 4);
	uint64_t ptex = some_ptex(g) & BULK_PTEX;

	if (ptex < (g->pteg_mask + 1) * 8 && is_vrma_ptex(g, ptex))
		ptex &= ~1ULL;
	return (type << BULK_TYPE_SHIFT) | (below(g, 4) << BULK_FLAGS_SHIFT) | ptex;
}

void gen_hcall(struct gen *g)
{
	uint64_t nr = chance(g, 7, 8) ? PICK(g, hcalls) :
		      chance(g, 1, 2) ? below(g, 0x480) : edge_value(g);
	const struct mapping *m = some_mapping(g);
	struct rec *r = exec1(g, SC1);
	uint64_t *a = &r->r[1];		/* r4.. */

	r->r[0] = nr;
	for (int i = 0; i < 7; i++)
		a[i] = chance(g, 1, 2) ? edge_value(g) : P7FUZZ_POISON(4 + i);
	switch (nr) {
	case H_REMOVE:
	case H_READ:
	case H_CLEAR_MOD:
	case H_CLEAR_REF:
	case H_PROTECT:
		/* flags: the defined ones, and the new protection of H_PROTECT */
		a[0] = chance(g, 1, 3) ? 0 : rnd(g) & (H_AVPN | H_ANDCOND | H_LOCAL | H_READ_4 |
						       H_R_XLATE | 0x3f07ULL);
		if (chance(g, 1, 16))
			a[0] = edge_value(g);
		a[1] = some_ptex(g);
		if (m && chance(g, 1, 2))
			a[2] = m->vsid_word >> 5;	/* an AVPN-ish value */
		/* H_PROTECT must not make the gadget's view writable. */
		if (nr == H_PROTECT)
			for (unsigned int i = 0; i < g->nmap; i++)
				if (g->map[i].gadget && (g->map[i].ptex & ~7ULL) ==
							(a[1] & ~7ULL))
					a[0] = (a[0] & ~(0x100ULL | 3)) | 3;
		break;
	case H_ENTER:
		/* Without a matching SLB entry: fine, it is only an HPTE.  The RPN is kept out
		 * of the interpreter's memory or made bad. */
		a[0] = edge_value(g) & (H_EXACT | H_ZERO_PAGE | H_COPY_PAGE | H_ICACHE_INVALIDATE);
		a[1] = some_ptex(g);
		a[2] = (rnd(g) & ~(HPTE_V_LOCK | HPTE_V_HVLOCK)) | (chance(g, 7, 8) ? HPTE_V_VALID : 0);
		a[3] = rnd(g);
		if ((a[3] & HPTE_R_RPN) < P7FUZZ_PROTECT_END + 0x1000000)
			a[3] |= P7FUZZ_PROTECT_END << 1;
		break;
	case H_BULK_REMOVE:
		/* (tsh, tsl) pairs in r4/r5, r6/r7, r8/r9; r10 the fourth tsh (its
		 * tsl, r11, is poison) or an end marker */
		for (int i = 0; i < 6; i += 2) {
			a[i] = bulk_spec(g);
			a[i + 1] = m && chance(g, 1, 2) ? m->vsid_word >> 5 : edge_value(g);
		}
		a[6] = chance(g, 1, 2) ? BULK_END << BULK_TYPE_SHIFT : bulk_spec(g);
		break;
	case H_PAGE_INIT:
		/* zero or copy (+ the icache flags 0x1000/0x800), or junk flags */
		a[0] = chance(g, 3, 4) ? (chance(g, 1, 2) ? H_ZERO_PAGE : H_COPY_PAGE) |
			(below(g, 4) << 11) : edge_value(g);
		/* dst: a page the fuzzer owns, beyond RAM, or misaligned */
		a[1] = chance(g, 1, 4) ? g->mem + (below(g, 4) << 12) - 0x1000 :
					 scratch(g) & ~0xfffULL;
		if (chance(g, 1, 8))
			a[1] |= 1ULL << below(g, 12);
		if (!range_safe(a[1] & ~0xfffULL, 4096))
			a[1] = P7FUZZ_PROTECT_END;
		/* src: read from anywhere */
		a[2] = chance(g, 1, 2) ? ea_real(g) & ~0xfffULL : scratch(g) & ~0xfffULL;
		break;
	case H_REGISTER_VPA:
		a[0] = below(g, 8) << H_VPA_FUNC_SHIFT;
		a[1] = chance(g, 7, 8) ? 0 : edge_value(g);
		a[2] = safe_buffer(g, 4096) & ~(chance(g, 3, 4) ? 127ULL : 0);
		if (!range_safe(a[2], 4096))
			a[2] = P7FUZZ_PROTECT_END;
		break;
	case H_SET_DABR:
	case H_SET_XDABR:
		a[0] = spr_value(g, SPRN_DABR);
		a[1] = below(g, 16);
		break;
	case H_SET_SPRG0:
	case H_RANDOM:
	case H_GET_CPU_CHARACTERISTICS:
		break;
	case H_CEDE:
		/* a decrementer that fires soon is set by the record before, sometimes */
		break;
	case H_PROD:
	case H_CONFER:
	case H_IPI:
	case H_IPOLL:
		a[0] = chance(g, 3, 4) ? below(g, 3) : edge_value(g);
		a[1] = chance(g, 3, 4) ? below(g, 256) : edge_value(g);
		break;
	case H_CPPR:
		a[0] = chance(g, 3, 4) ? below(g, 256) : edge_value(g);
		break;
	case H_EOI:
		/* XIRR: CPPR in the top byte, the IPI (2), the vty (0x1000) or junk */
		a[0] = chance(g, 3, 4) ? (below(g, 256) << 24) | (chance(g, 1, 2) ? 2 : 0x1000) :
					 edge_value(g);
		break;
	case H_PUT_TERM_CHAR:
		a[0] = chance(g, 7, 8) ? 0 : edge_value(g);
		a[1] = below(g, 20);
		/* printable bytes, mostly: the console stays readable */
		if (chance(g, 7, 8))
			for (int i = 2; i < 4; i++) {
				a[i] = 0;
				for (int k = 0; k < 8; k++)
					a[i] = (a[i] << 8) | (' ' + below(g, 95));
			}
		break;
	case H_GET_TERM_CHAR:
	case H_VIO_SIGNAL:
		a[0] = chance(g, 3, 4) ? (chance(g, 1, 2) ? 0 : 0x30000000) : edge_value(g);
		a[1] = below(g, 3);
		break;
	case H_SET_MODE:
		a[0] = below(g, 3);
		a[1] = below(g, 6);
		break;
	}
	/* Mostly from the kernel's state; sometimes from problem state or odd MSRs. */
	if (chance(g, 1, 8)) {
		r->msr = msr_value(g);
		r->flags |= P7FUZZ_F_MSR;
	}
}

/* A cede that wakes up: a short decrementer first, EE comes from H_CEDE. */
void gen_cede(struct gen *g)
{
	struct rec *r = exec1(g, mtspr(SPRN_DEC, 4));

	r->r[1] = chance(g, 1, 256) ? edge_value(g) & 0xffffffff : below(g, 0x40000);
	r->insn[1] = SC1;
	r->r[0] = H_CEDE;
}

/* An IPI to ourselves at a priority CPPR lets through, taken when EE is on. */
void gen_ipi(struct gen *g)
{
	struct rec *r = exec1(g, SC1);

	r->r[0] = H_CPPR;
	r->r[1] = 0xff;
	r = exec1(g, SC1);
	r->r[0] = H_IPI;
	r->r[1] = 0;
	r->r[2] = below(g, 0xff);
	/* enable EE for a moment: mtmsrd r4, 1 */
	r = exec1(g, (31u << 26) | (4u << 21) | (1u << 16) | (178u << 1));
	r->r[1] = MSR_EE;
}

/* ---- RTAS ------------------------------------------------------------------------- */

static const struct { uint32_t token, nargs, nret; } rtas_calls[] = {
	{ 0x2001, 0, 8 }, { 0x2002, 7, 1 }, { 0x2003, 2, 1 }, { 0x2004, 1, 1 },
	{ 0x2005, 1, 2 }, { 0x2006, 3, 1 }, { 0x2007, 0, 1 }, { 0x2008, 0, 1 },
	{ 0x2009, 1, 1 }, { 0x200a, 4, 1 }, { 0x200b, 3, 1 }, { 0x200c, 2, 2 },
	{ 0x200d, 3, 1 }, { 0x200e, 3, 2 }, { 0x200f, 3, 2 }, { 0x2010, 3, 1 },
	{ 0x2011, 1, 3 }, { 0x2012, 1, 1 }, { 0x2013, 1, 1 },
};

/* Calls that end the run (stop-self only on vcpu 0: the others may stop). */
static bool ends_run(const struct gen *g, uint32_t token)
{
	return token == RTAS_POWER_OFF || (token == RTAS_STOP_SELF && !g->cpu) ||
	       token == RTAS_REBOOT || token == RTAS_OS_TERM;
}

/* An RTAS call: WRITE the buffer, then H_RTAS on it. */
void emit_rtas(struct gen *g, uint32_t token, uint32_t nargs, uint32_t nret,
	       const uint32_t *args, uint64_t buf)
{
	uint8_t b[P7FUZZ_MAX_WRITE] = { 0 };
	unsigned int n = 12 + 4 * (nargs + nret);
	struct rec *r;

	if (n > sizeof(b))
		n = sizeof(b);
	/*
	 * The interpreter writes the buffer in real mode: an address that is
	 * safe for the VMM (beyond RAM, say 1 TB + 0x100) may still alias the
	 * interpreter through the VRMA's 40 bits.
	 */
	if (hits_interpreter(buf, sizeof(b), SANE_MSR))
		buf = P7FUZZ_PROTECT_END + 0x300;
	put32(b, token);
	put32(b + 4, nargs);
	put32(b + 8, nret);
	for (unsigned int i = 0; i < nargs && 12 + 4 * i + 4 <= sizeof(b); i++)
		put32(b + 12 + 4 * i, args[i]);
	r = new_rec(g, P7FUZZ_OP_WRITE);
	r->r[0] = buf;
	r->len = n;
	for (unsigned int i = 0; i < 7; i++) {
		uint64_t v = 0;

		for (int k = 0; k < 8; k++)
			v = (v << 8) | b[8 * i + k];
		r->r[1 + i] = v;
	}
	r = exec1(g, SC1);
	r->r[0] = H_RTAS;
	r->r[1] = buf;
	/* and read the status back */
	r->insn[1] = d_form(32, 5, 4, 12 + 4 * (int64_t)(nargs < 64 ? nargs : 0));
}

void gen_rtas(struct gen *g)
{
	uint32_t args[16], token, nargs, nret;
	uint64_t buf;
	unsigned int i = (unsigned int)below(g, ARRAY_SIZE(rtas_calls));

	token = rtas_calls[i].token;
	nargs = rtas_calls[i].nargs;
	nret = rtas_calls[i].nret;
	if (chance(g, 1, 8))
		token = chance(g, 1, 2) ? (uint32_t)edge_value(g) : 0x2000 + (uint32_t)below(g, 0x20);
	if (chance(g, 1, 6)) {
		nargs = chance(g, 1, 2) ? (uint32_t)below(g, 12) : (uint32_t)edge_value(g);
		nret = chance(g, 1, 2) ? (uint32_t)below(g, 12) : (uint32_t)edge_value(g);
	}
	/* Calls that end the run only with counts that make them fail (-3). */
	for (unsigned int k = 0; k < ARRAY_SIZE(rtas_calls); k++)
		if (rtas_calls[k].token == token && ends_run(g, token) &&
		    nargs == rtas_calls[k].nargs && nret == rtas_calls[k].nret)
			nargs++;
	for (unsigned int k = 0; k < ARRAY_SIZE(args); k++)
		args[k] = chance(g, 1, 2) ? (uint32_t)below(g, 4) : (uint32_t)edge_value(g);
	if (token == RTAS_NVRAM_FETCH || token == RTAS_NVRAM_STORE) {
		uint64_t len = chance(g, 3, 4) ? below(g, 0x2000) : edge_value(g) & 0xffffffff;
		uint64_t dst = safe_buffer(g, len);

		args[0] = (uint32_t)(chance(g, 3, 4) ? below(g, 0x10000) : edge_value(g));
		if (dst > 0xffffffffULL || !range_safe(dst, len))
			dst = P7FUZZ_PROTECT_END;
		args[1] = (uint32_t)dst;
		args[2] = (uint32_t)len;
	}
	if (token == RTAS_START_CPU) {
		/* a vcpu of the machine, mostly; at the secondary entry, mostly */
		if (chance(g, 3, 4))
			args[0] = (uint32_t)below(g, g->ncpus + 1);
		args[1] = (uint32_t)branch_target(g);
		if (chance(g, 7, 8) || loops(g, args[1], SANE_MSR))
			args[1] = P7FUZZ_SECONDARY;
		/* its first record: the one after this call (a WRITE and an EXEC) */
		args[2] = chance(g, 7, 8) ? g->n + 2 : (uint32_t)edge_value(g);
	}
	if (token == RTAS_DISPLAY_CHAR)
		args[0] = 'a' + (uint32_t)below(g, 26);
	/* nvram-fetch/store and the 0x200a..0x200d calls name buffers: keep them safe */
	if (token >= 0x200a && token <= 0x200d)
		for (unsigned int k = 0; k < 4; k++)
			if (!range_safe(args[k], 4096))
				args[k] = (uint32_t)P7FUZZ_PROTECT_END;
	buf = safe_buffer(g, 12 + 4 * ((uint64_t)nargs + nret));
	if (nargs > 64 || nret > 64 || !range_safe(buf, 12 + 4 * ((uint64_t)nargs + nret)))
		buf = chance(g, 1, 2) ? g->mem - 8 : scratch(g) & ~7ULL;
	if (!range_safe(buf, 12 + 4 * ((uint64_t)nargs + nret)))
		buf = g->mem + 0x1000;
	emit_rtas(g, token, nargs, nret, args, buf);
}

/* ---- the script -------------------------------------------------------------------- */

/* Start vcpu @server at the secondary entry with the records from the next one. */
void start_cpu(struct gen *g, uint32_t server)
{
	uint32_t args[3] = { server, P7FUZZ_SECONDARY, g->n + 2 };

	emit_rtas(g, RTAS_START_CPU, 3, 1, args, P7FUZZ_PROTECT_END + 0x200 + 0x40 * g->cpu);
}

/* The last record, sometimes: a way to end the run that nothing else takes. */
void gen_finale(struct gen *g)
{
	uint32_t args[2] = { 0, 0 };

	switch (below(g, 5)) {
	case 0:
		emit_rtas(g, RTAS_POWER_OFF, 2, 1, args, P7FUZZ_PROTECT_END);
		break;
	case 1:
		emit_rtas(g, RTAS_REBOOT, 0, 1, args, P7FUZZ_PROTECT_END);
		break;
	case 2:
		args[0] = P7FUZZ_PROTECT_END + 0x100;
		{
			struct rec *r = new_rec(g, P7FUZZ_OP_WRITE);

			r->r[0] = args[0];
			r->len = 16;
			r->r[1] = 0x7037667a7a206f73ULL;	/* "p7fzz os" */
			r->r[2] = 0x2d7465726d210000ULL;	/* "-term!" */
		}
		emit_rtas(g, RTAS_OS_TERM, 1, 1, args, P7FUZZ_PROTECT_END);
		break;
	case 3:
		emit_rtas(g, RTAS_STOP_SELF, 0, 1, args, P7FUZZ_PROTECT_END);
		break;
	default:
		/* the VRMA entry of real page 0 goes: real mode stops working */
		{
			struct rec *r = exec1(g, SC1);
			uint64_t pteg = (VRMA_VSID ^ (VRMA_VSID << 25)) & g->pteg_mask;

			r->r[0] = H_REMOVE;
			r->r[1] = 0;
			r->r[2] = pteg * 8 + 7;
		}
		break;
	}
}

