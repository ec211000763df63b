// SPDX-License-Identifier: GPL-2.0-only
/*
 * The Unicorn engine, opening: Debian's libunicorn 2.0.1 (QEMU 5.0 TCG
 * inside) is reached through its exported internals, because its public API
 * cannot run a POWER7 guest (docs/engine.md says why).  Every offset and
 * invariant relied on is probed here at start-up and the engine refuses to
 * open, with one line, when the library does not match.  sim/engine/ is the
 * only folder in the project that includes Unicorn.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "hv_consts.h"
#include "spr.h"

static int fail(char *err, size_t len, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, len, fmt, ap);
	va_end(ap);
	return -EINVAL;
}

/* ---- start-up probing -------------------------------------------------------- */

/*
 * Walk one opcode table; replace every handler POWER7 does not implement by
 * the invalid handler.  Returns the number replaced, or -1 on a malformed
 * table (depth beyond QEMU's four levels).
 */
static int filter_table(struct sim_ue *e, void **tab, int len, int depth, uint64_t f1)
{
	int removed = 0;

	if (depth > 4)
		return -1;
	for (int i = 0; i < len; i++) {
		void *h = tab[i];
		uint64_t type, type2;

		if (!h || h == e->invalid_handler)
			continue;
		if (opc_is_indirect(h)) {
			int r = filter_table(e, opc_table(h), OPC_TABLE_LEN, depth + 1, f1);

			if (r < 0)
				return r;
			removed += r;
			continue;
		}
		memcpy(&type, (uint8_t *)h + OPC_TYPE_OFF, 8);
		memcpy(&type2, (uint8_t *)h + OPC_TYPE2_OFF, 8);
		if ((type & f1) || (type2 & P7_INSNS2))
			continue;
		tab[i] = e->invalid_handler;
		removed++;
	}
	return removed;
}

static void *spr_cb_ptr(struct sim_ue *e, unsigned int sprn, unsigned int off)
{
	void *p;

	memcpy(&p, e->env + ENV_SPR_CB + SPR_CB_SIZE * sprn + off, sizeof(p));
	return p;
}

/*
 * The handler slot of opcode @po/@opc2/@opc3 (QEMU's tables are indexed by
 * the extended opcode's low five bits, then its high five; a third level,
 * by bits 11:15, takes index 0, the form whose field is 0).  NULL when the
 * tables are not shaped so.
 */
static void **handler_slot(struct sim_ue *e, void **primary, unsigned int po, unsigned int opc2,
			   unsigned int opc3)
{
	void **tab, **slot;

	if (!opc_is_indirect(primary[po]))
		return NULL;
	tab = opc_table(primary[po]);
	if (!opc_is_indirect(tab[opc2]))
		return NULL;
	tab = opc_table(tab[opc2]);
	slot = &tab[opc3];
	if (*slot && opc_is_indirect(*slot))
		slot = &opc_table(*slot)[0];
	if (!*slot || *slot == e->invalid_handler || opc_is_indirect(*slot))
		return NULL;
	return slot;
}

static uint64_t handler_type(void *h)
{
	uint64_t type;

	memcpy(&type, (uint8_t *)h + OPC_TYPE_OFF, 8);
	return type;
}

/*
 * Instructions that must reach the model stop as illegal with a precise PC
 * once their handlers are replaced by the invalid one:
 * - icbi (31/0x16/0x1e): QEMU's only checks the address, while the
 *   translated code it stands for (the instruction cache) must be dropped;
 * - mffs (63/0x07/0x12) and mcrfs (63/0x00/0x02): they read a copy of the
 *   FPSCR that the FP instructions never update (ENV_FPSCR_FP); the model
 *   executes them on the real one.  Both must be FP handlers, typed as
 *   mtfsf (63/0x07/0x16) is.
 */
static int trap_for_model(struct sim_ue *e, void **primary)
{
	void **icbi = handler_slot(e, primary, 31, 0x16, 0x1e);
	void **mffs = handler_slot(e, primary, 63, 0x07, 0x12);
	void **mcrfs = handler_slot(e, primary, 63, 0x00, 0x02);
	void **mtfsf = handler_slot(e, primary, 63, 0x07, 0x16);
	uint64_t fp;

	if (!icbi || handler_type(*icbi) != QX_PPC_CACHE_ICBI || !mffs || !mcrfs || !mtfsf)
		return -1;
	fp = handler_type(*mtfsf);
	if (handler_type(*mffs) != fp || handler_type(*mcrfs) != fp)
		return -1;
	*icbi = *mffs = *mcrfs = e->invalid_handler;
	return 0;
}

/*
 * SPR ENV_FP_ALIAS_SPR's callback slot holds the FP helpers' fp_status and
 * FPSCR (ENV_FPSCR_FP), so its problem-state write callback is whatever the
 * rounding mode and exception flags make it: a guest mtspr to it after FP
 * arithmetic would call that.  mfspr (31/0x13/0x0a) and mtspr
 * (31/0x13/0x0e) get a fourth table level, indexed by SPR number bits 5:9
 * (instruction bits 11:15) as QEMU indexes its fourth level: every entry is
 * the original handler but the alias's, which is the invalid one.  The 32
 * SPRs that share its low bits (15, 47, ... 1007) then stop for the model,
 * which serves them as POWER7 does; none is on a hot path.
 */
static int trap_alias_spr(struct sim_ue *e, void **primary)
{
	static const unsigned int opc3[2] = { 0x0a, 0x0e };

	for (unsigned int i = 0; i < 2; i++) {
		void **slot = handler_slot(e, primary, 31, 0x13, opc3[i]);
		void **sub;

		if (!slot || slot != &opc_table(opc_table(primary[31])[0x13])[opc3[i]])
			return -1;
		sub = calloc(OPC_TABLE_LEN, sizeof(*sub));
		if (!sub)
			return -1;
		for (unsigned int j = 0; j < OPC_TABLE_LEN; j++)
			sub[j] = *slot;
		sub[ENV_FP_ALIAS_SPR & 0x1f] = e->invalid_handler;
		e->spr_slot[i] = slot;
		e->spr_leaf[i] = *slot;
		e->spr_sub[i] = sub;
		*slot = (void *)((uintptr_t)sub | OPC_INDIRECT);
	}
	return 0;
}

/* Before uc_close, which frees the tables it made: the original leaves back. */
static void untrap_alias_spr(struct sim_ue *e)
{
	for (unsigned int i = 0; i < 2; i++) {
		if (e->spr_slot[i])
			*e->spr_slot[i] = e->spr_leaf[i];
		free(e->spr_sub[i]);
		e->spr_slot[i] = NULL;
		e->spr_sub[i] = NULL;
	}
}

/*
 * The FPSCR of the FP helpers: mtfsf's helper must store where ENV_FPSCR_FP
 * says, leave the 64-bit field alone, and the slot it shares must belong to
 * an SPR nothing registered.
 */
static int probe_fpscr(struct sim_ue *e, char *err, size_t len)
{
	const uint32_t pat = 0x12004001;	/* OX, XX, FPRF bit, RN = 1: no summary bits */
	uint64_t dflt = reg_read(e, UC_PPC_REG_FPSCR);
	uint32_t seen;

	if (spr_cb_ptr(e, ENV_FP_ALIAS_SPR, SPR_CB_NAME))
		return fail(err, len, "engine: libunicorn internals do not match (SPR %d is "
			    "registered)", ENV_FP_ALIAS_SPR);
	helper_store_fpscr(e->env, pat, 0xff);
	seen = *ENVP(e, ENV_FPSCR_FP, uint32_t);
	if (seen != pat || reg_read(e, UC_PPC_REG_FPSCR) != dflt)
		return fail(err, len, "engine: libunicorn internals do not match (FPSCR helper "
			    "stored 0x%x at env+%d)", seen, ENV_FPSCR_FP);
	sim_ue_set_fpscr(e, 0);
	return 0;
}

/*
 * The fixed-point registers the model reads and writes in place (internal.h,
 * ue_xer): LR, CTR, the eight CR fields and XER's own word, written through
 * the public interface, must be where the offsets say.  They pin the layout
 * from gpr[] to the MSR (probed at ENV_MSR), between which QEMU 5.0 keeps
 * cfar, then so, ov, ca, ov32, ca32 and the reservation: 10 doublewords.
 */
static int probe_fixed_point(struct sim_ue *e, char *err, size_t len)
{
	uint64_t lr = 0x1122334455667788ULL, ctr = 0x8877665544332211ULL, cr = 0x9abcdef1;
	uint64_t xer = 0x5a, zero = 0;
	bool ok;

	uc_reg_write(e->uc, UC_PPC_REG_LR, &lr);
	uc_reg_write(e->uc, UC_PPC_REG_CTR, &ctr);
	uc_reg_write(e->uc, UC_PPC_REG_CR, &cr);
	uc_reg_write(e->uc, UC_PPC_REG_XER, &xer);
	ok = *ENVP(e, ENV_LR, uint64_t) == lr && *ENVP(e, ENV_CTR, uint64_t) == ctr &&
	     ue_cr(e) == cr && *ENVP(e, ENV_XER, uint64_t) == xer &&
	     ENV_MSR - ENV_XER == 9 * 8 && ENV_XER_CA - ENV_XER == 3 * 8;
	uc_reg_write(e->uc, UC_PPC_REG_LR, &zero);
	uc_reg_write(e->uc, UC_PPC_REG_CTR, &zero);
	uc_reg_write(e->uc, UC_PPC_REG_CR, &zero);
	uc_reg_write(e->uc, UC_PPC_REG_XER, &zero);
	if (!ok)
		return fail(err, len, "engine: libunicorn internals do not match (LR, CTR, CR "
			    "or XER not at env+%d..%d)", ENV_LR, ENV_XER);
	ue_set_xer(e, 0);
	return 0;
}

/*
 * The vector state: FPR 5 written through the public interface must land in
 * doubleword 0 of VSR 5; VSCR is NJ after reset with SAT clear, and
 * mtvscr/mfvscr move SAT through its separate storage.
 */
static int probe_vector(struct sim_ue *e, char *err, size_t len)
{
	static const uint8_t zero[ENV_VSR_SIZE];
	uint64_t pat = 0x0123456789abcdefULL, zero64 = 0, seen;
	uint32_t vscr;

	uc_reg_write(e->uc, UC_PPC_REG_FPR0 + 5, &pat);
	memcpy(&seen, e->env + ENV_VSR + 5 * ENV_VSR_SIZE + ENV_VSR_DW0, 8);
	uc_reg_write(e->uc, UC_PPC_REG_FPR0 + 5, &zero64);
	if (seen != pat)
		return fail(err, len, "engine: libunicorn internals do not match (FPR 5 not in "
			    "VSR 5 at env+%d)", ENV_VSR);
	if (*ENVP(e, ENV_VSCR, uint32_t) != VSCR_NJ || memcmp(e->env + ENV_VSCR_SAT, zero, 16) ||
	    helper_mfvscr_ppc64(e->env) != VSCR_NJ)
		return fail(err, len, "engine: libunicorn internals do not match (VSCR 0x%x)",
			    *ENVP(e, ENV_VSCR, uint32_t));
	helper_mtvscr_ppc64(e->env, VSCR_NJ | VSCR_SAT);
	vscr = helper_mfvscr_ppc64(e->env);
	if (vscr != (VSCR_NJ | VSCR_SAT) || !memcmp(e->env + ENV_VSCR_SAT, zero, 16))
		return fail(err, len, "engine: libunicorn internals do not match (VSCR[SAT] "
			    "0x%x)", vscr);
	helper_mtvscr_ppc64(e->env, VSCR_NJ);
	return 0;
}

static int probe(struct sim_ue *e, unsigned int flags, char *err, size_t len)
{
	uint64_t want_pvr = (flags & SIM_UE_TEST_MISMATCH) ? ~PVR_POWER10_DD1 : PVR_POWER10_DD1;
	uint64_t msr = 0;
	void **opc;
	uint32_t sps0_shift, sps0_enc;

	e->cpu = *(uint8_t **)((uint8_t *)e->uc + UC_CPU_PTR_OFF);
	if (!e->cpu)
		return fail(err, len, "engine: libunicorn internals do not match (no CPU at "
			    "uc_struct+%d)", UC_CPU_PTR_OFF);
	e->env = e->cpu + CPU_ENV_OFF;
	if (*ENVP(e, ENV_SPR + 8 * SPRN_PVR, uint64_t) != want_pvr)
		return fail(err, len, "engine: libunicorn internals do not match (PVR 0x%llx, "
			    "expected POWER10 0x%llx)",
			    (unsigned long long)*ENVP(e, ENV_SPR + 8 * SPRN_PVR, uint64_t),
			    (unsigned long long)want_pvr);
	if (*ENVP(e, ENV_MMU_MODEL, uint32_t) != POWERPC_MMU_3_00)
		return fail(err, len, "engine: libunicorn internals do not match (mmu_model "
			    "0x%x)", *ENVP(e, ENV_MMU_MODEL, uint32_t));
	uc_reg_read(e->uc, UC_PPC_REG_MSR, &msr);
	if (msr != *ENVP(e, ENV_MSR, uint64_t) || msr != M_SF)
		return fail(err, len, "engine: libunicorn internals do not match (MSR 0x%llx "
			    "vs state 0x%llx)", (unsigned long long)msr,
			    (unsigned long long)*ENVP(e, ENV_MSR, uint64_t));
	e->hash_opts = *ENVP(e, ENV_HASH64_OPTS, const uint8_t *);
	if (!e->hash_opts)
		return fail(err, len, "engine: libunicorn internals do not match (no hash64 "
			    "options)");
	memcpy(&sps0_shift, e->hash_opts + 8, 4);
	memcpy(&sps0_enc, e->hash_opts + 12, 4);
	if (sps0_shift != 12 || sps0_enc != 0)
		return fail(err, len, "engine: libunicorn internals do not match (first page "
			    "size %u/0x%x)", sps0_shift, sps0_enc);
	if (*ENVP(e, ENV_INSNS_FLAGS2, uint64_t) != P10_INSNS2_EXPECTED)
		return fail(err, len, "engine: libunicorn internals do not match (insns_flags2 "
			    "0x%llx)", (unsigned long long)*ENVP(e, ENV_INSNS_FLAGS2, uint64_t));
	opc = ENVP(e, ENV_OPCODES, void *);
	/* Primary opcode 0 and 1 are invalid on every PowerPC; 31 is a sub-table. */
	if (opc[0] != opc[1] || opc_is_indirect(opc[0]) || !opc_is_indirect(opc[31]))
		return fail(err, len, "engine: libunicorn internals do not match (opcode "
			    "table)");
	e->invalid_handler = opc[0];
	if (probe_vector(e, err, len) || probe_fixed_point(e, err, len))
		return -EINVAL;
	return probe_fpscr(e, err, len);
}

/*
 * A { mask, table } pair of QEMU's software TLB as it is before anything
 * ran: a power-of-two number of 32-byte entries, all of them empty.
 */
static bool tlb_pair_empty(const uint8_t *p)
{
	static const uint8_t empty[UE_TLB_ENTRY] = {
		[0 ... UE_TLB_ENTRY - 1] = 0xff,
	};
	uint64_t mask, n;
	const uint8_t *table;

	memcpy(&mask, p, 8);
	memcpy(&table, p + 8, sizeof(table));
	n = (mask / UE_TLB_ENTRY) + 1;
	if (!table || (mask % UE_TLB_ENTRY) || (n & (n - 1)) || n < 64 || n > (1u << 20))
		return false;
	return !memcmp(table, empty, UE_TLB_ENTRY);
}

/*
 * Find the TLB's pair array below env (probing, not trusting, its place):
 * the highest pair within UE_TLB_SCAN bytes, then every pair below it.
 * Only test mode needs it; not finding it disables test mode, nothing else.
 */
static void probe_tlb(struct sim_ue *e)
{
	uint8_t *top = NULL;
	unsigned int n = 1;

	for (unsigned int off = 16; off <= UE_TLB_SCAN && !top; off += 8)
		if (tlb_pair_empty(e->env - off))
			top = e->env - off;
	if (!top)
		return;
	while (n < UE_TLB_MAX_MODES && top - 16 * n >= e->env - UE_TLB_SCAN &&
	       tlb_pair_empty(top - 16 * n))
		n++;
	/* The guest contexts use indexes up to MMU_IDX_KERNEL_VIRT. */
	if (n <= MMU_IDX_KERNEL_VIRT)
		return;
	e->tlb_fast = top - 16 * (n - 1);
	e->tlb_modes = n;
}

static bool spr_cb_named(struct sim_ue *e, unsigned int sprn, const char *name)
{
	const char *n = spr_cb_ptr(e, sprn, SPR_CB_NAME);

	return n && !strcmp(n, name);
}

/*
 * The engine runs every guest at its problem state, where its POWER10 CPU
 * serves some SPRs without trapping that POWER7 does not let problem state
 * read or write (PURR, SPURR, SIER, TB through 284/285), or whose POWER7
 * values the model holds (the problem-state PMU views).  Before anything
 * is translated, every problem-state callback the SPR table does not mark
 * as engine-served (SIM_SPR_ENGINE) becomes the privileged sentinel: those
 * mfspr/mtspr then trap and the model answers as POWER7 would.  SPR 13
 * (the AMR's problem-state number) traps too although the table lets the
 * engine serve it: QEMU reads it from a storage of its own (0, not the AMR)
 * and masks writes with UAMOR even for the guest kernel, where POWER7 uses
 * AMOR (ISA 2.06 Book III-S 5.7.13.3).  Returns
 * the number of callbacks changed, or -1 when the callback table is not
 * where the probes expect it.
 */
static int restrict_sprs(struct sim_ue *e)
{
	void *noaccess = spr_cb_ptr(e, SPRN_SRR0, SPR_CB_UEA_READ);
	int changed = 0;

	/* SRR0 and PVR are never problem-state SPRs: both carry the sentinel. */
	if (!spr_cb_named(e, SPRN_XER, "XER") || !spr_cb_named(e, 8, "LR") ||
	    !spr_cb_named(e, SPRN_SRR0, "SRR0") || !spr_cb_named(e, SPRN_PVR, "PVR") ||
	    !noaccess || spr_cb_ptr(e, SPRN_SRR0, SPR_CB_UEA_WRITE) != noaccess ||
	    spr_cb_ptr(e, SPRN_PVR, SPR_CB_UEA_READ) != noaccess)
		return -1;
	for (unsigned int n = 0; n < SIM_NR_SPRS; n++) {
		const struct sim_spr *s = sim_spr_info(n);
		bool served = s && (s->flags & SIM_SPR_ENGINE) && n != SPRN_UAMR;

		for (unsigned int w = 0; w < 2; w++) {
			unsigned int off = w ? SPR_CB_UEA_WRITE : SPR_CB_UEA_READ;
			void *cb = spr_cb_ptr(e, n, off);

			if (!cb || cb == noaccess ||
			    (served && (w ? s->write : s->read) == SIM_SPR_PROB))
				continue;
			memcpy(e->env + ENV_SPR_CB + SPR_CB_SIZE * n + off, &noaccess,
			       sizeof(noaccess));
			changed++;
		}
	}
	return changed;
}

/*
 * The SPRs served in guest supervisor state (SIM_SPR_ENGINE_SV): their
 * supervisor read and write callbacks, which must be real ones, are what
 * ue_sv_sprs gives problem state while the guest is in supervisor state.
 * The guest starts in supervisor state.  -1 when a callback is missing.
 */
static int collect_sv_sprs(struct sim_ue *e)
{
	e->noaccess = spr_cb_ptr(e, SPRN_SRR0, SPR_CB_UEA_READ);
	for (unsigned int n = 0; n < SIM_NR_SPRS; n++) {
		const struct sim_spr *s = sim_spr_info(n);
		void *rd, *wr;

		if (!s || !(s->flags & SIM_SPR_ENGINE_SV))
			continue;
		rd = spr_cb_ptr(e, n, SPR_CB_OEA_READ);
		wr = spr_cb_ptr(e, n, SPR_CB_OEA_WRITE);
		if (e->nsv == UE_MAX_SV || !rd || !wr || rd == e->noaccess || wr == e->noaccess ||
		    spr_cb_ptr(e, n, SPR_CB_UEA_READ) != e->noaccess)
			return -1;
		e->sv[e->nsv].n = n;
		e->sv[e->nsv].rd = rd;
		e->sv[e->nsv].wr = wr;
		e->nsv++;
	}
	ue_sv_sprs(e, true);
	return 0;
}

/* ---- open / close ----------------------------------------------------------------- */

int sim_ue_open(struct sim_ue **out, void *arena, uint64_t size, unsigned int flags, char *err,
		size_t errlen)
{
	struct sim_ue *e;
	uc_err ue;
	int ret, removed;
	uint64_t msr;

	*out = NULL;
	e = calloc(1, sizeof(*e));
	if (!e)
		return fail(err, errlen, "engine: out of memory");
	e->arena = arena;
	e->arena_size = size;
	e->code_pages = calloc((size / UE_PAGE + 63) / 64, sizeof(uint64_t));
	if (!e->code_pages) {
		free(e);
		return fail(err, errlen, "engine: out of memory");
	}
	e->counting = !(flags & SIM_UE_NO_COUNT);
	e->tb_mul = 1;
	e->budget_end = UINT64_MAX;
	ue = uc_open(UC_ARCH_PPC, UC_MODE_PPC64 | UC_MODE_BIG_ENDIAN, &e->uc);
	if (ue != UC_ERR_OK) {
		free(e->code_pages);
		free(e);
		return fail(err, errlen, "engine: uc_open failed: %s", uc_strerror(ue));
	}
	/*
	 * No exit addresses at all: with exits enabled and none set,
	 * uc_emu_start ignores its "until" and, after every run, has no exit
	 * whose translated code it must drop.  With an "until" it looked up
	 * the code page of until - 1 after each run, a guest HPT walk that
	 * always missed (and a longjmp out of the fault): one per engine stop.
	 */
	ue = uc_ctl_exits_enable(e->uc);
	if (ue != UC_ERR_OK) {
		ret = fail(err, errlen, "engine: enabling exits failed: %s", uc_strerror(ue));
		goto out_close;
	}
	/* The whole real address space, mapped once, at real address 0. */
	ue = uc_mem_map_ptr(e->uc, 0, size, UC_PROT_ALL, arena);
	if (ue != UC_ERR_OK) {
		ret = fail(err, errlen, "engine: mapping the arena failed: %s", uc_strerror(ue));
		goto out_close;
	}
	/* The first mapping creates the CPU: only now can its state be probed. */
	ret = probe(e, flags, err, errlen);
	if (ret)
		goto out_close;
	probe_tlb(e);
	/*
	 * Unicorn checks the effective address against its regions before the
	 * MMU translates.  A filler covering every other EA, up to the last
	 * byte (its end wraps to 0, which Unicorn's region lookup tolerates),
	 * makes translated accesses reach the MMU (and its faults); it is never
	 * read itself.  Without its last page an access to EA 2^64 - 4096 and
	 * up ended the run with UC_ERR_*_UNMAPPED.
	 */
	ue = uc_mmio_map(e->uc, size, 0 - size, NULL, NULL, NULL, NULL);
	if (ue == UC_ERR_OK)
		ue = uc_mem_protect(e->uc, size, 0 - size, UC_PROT_ALL);
	if (ue != UC_ERR_OK) {
		ret = fail(err, errlen, "engine: mapping the EA filler failed: %s",
			   uc_strerror(ue));
		goto out_close;
	}
	/* Hooks go in before anything is translated: adding them later flushes. */
	ue = uc_hook_add(e->uc, &e->h_intr, UC_HOOK_INTR, ue_hook_intr, e, 1, 0);
	if (ue == UC_ERR_OK && e->counting)
		ue = uc_hook_add(e->uc, &e->h_block, UC_HOOK_BLOCK, ue_hook_block, e, 1, 0);
	if (ue != UC_ERR_OK) {
		ret = fail(err, errlen, "engine: adding hooks failed: %s", uc_strerror(ue));
		goto out_close;
	}
	/* POWER7's instruction set, before the first translation. */
	removed = filter_table(e, ENVP(e, ENV_OPCODES, void *), OPC_PRIMARY_LEN, 0,
			       *ENVP(e, ENV_INSNS_FLAGS, uint64_t));
	if (removed <= 0) {
		ret = fail(err, errlen, "engine: libunicorn internals do not match (opcode "
			   "filter removed %d handlers)", removed);
		goto out_close;
	}
	ret = trap_for_model(e, ENVP(e, ENV_OPCODES, void *));
	if (ret || trap_alias_spr(e, ENVP(e, ENV_OPCODES, void *))) {
		ret = fail(err, errlen, "engine: libunicorn internals do not match (icbi, mffs, "
			   "mcrfs, mfspr, mtspr handlers)");
		goto out_close;
	}
	ret = ue_hints_install(e, ENVP(e, ENV_OPCODES, void *));
	if (ret) {
		ret = fail(err, errlen, "engine: libunicorn internals do not match (no or "
			   "handler at opcode 31/0x1c/0x0d)");
		goto out_close;
	}
	*ENVP(e, ENV_INSNS_FLAGS2, uint64_t) = P7_INSNS2;
	ret = ue_fast_stores_install(e, err, errlen);
	if (!ret)
		ret = ue_fast_tb_install(e, err, errlen);
	if (ret) {
		ret = -EINVAL;
		goto out_close;
	}
	if (restrict_sprs(e) < 0 || collect_sv_sprs(e) < 0) {
		ret = fail(err, errlen, "engine: libunicorn internals do not match (SPR callback "
			   "table)");
		goto out_close;
	}
	/*
	 * A time base the simulator owns: with tb_freq 0 QEMU's TB is exactly
	 * tb_offset, a field in our memory.  Without it mftb dereferences NULL.
	 */
	e->tb_env = calloc(1, 256);
	if (!e->tb_env) {
		ret = fail(err, errlen, "engine: out of memory");
		goto out_close;
	}
	*ENVP(e, ENV_TB_ENV, void *) = e->tb_env;
	/* ISA 2.06 MMU and POWER7 identity; HV never set in the engine. */
	*ENVP(e, ENV_MMU_MODEL, uint32_t) = POWERPC_MMU_2_06;
	*ENVP(e, ENV_EXCP_MODEL, uint32_t) = POWERPC_EXCP_POWER7;
	*ENVP(e, ENV_SPR + 8 * SPRN_PVR, uint64_t) = PVR_POWER7_V23;
	*ENVP(e, ENV_SPR + 8 * SPRN_HRMOR, uint64_t) = 0;
	msr = M_SF;
	uc_reg_write(e->uc, UC_PPC_REG_MSR, &msr);
	sim_ue_set_msr(e, M_SF);
	*out = e;
	return 0;

out_close:
	untrap_alias_spr(e);
	uc_close(e->uc);
	free(e->tb_env);
	free(e->code_pages);
	free(e);
	return ret;
}

int sim_ue_exit_count(struct sim_ue *e)
{
	/*
	 * unicorn.h's UC_CTL_READ shifts the signed 2 by 30 (undefined
	 * behaviour, UBSan says so): the same control word, built unsigned.
	 */
	uint32_t ctl = UC_CTL_UC_EXITS_CNT | 1u << 26 | (uint32_t)UC_CTL_IO_READ << 30;
	size_t n = 0;

	if (uc_ctl(e->uc, (uc_control_type)ctl, &n) != UC_ERR_OK)
		return -1;
	return (int)n;
}

void sim_ue_close(struct sim_ue *e)
{
	if (!e)
		return;
	for (unsigned int i = 0; i < UE_TLB_MAX_MODES; i++)
		free(e->tlb_seen[i].w);
	/* Unicorn does not own the fake tb_env: detach it before closing. */
	*ENVP(e, ENV_TB_ENV, void *) = NULL;
	untrap_alias_spr(e);
	uc_close(e->uc);
	free(e->code_pages);
	free(e->tb_env);
	free(e);
}

const char *sim_ue_error(const struct sim_ue *e)
{
	return e->err;
}
