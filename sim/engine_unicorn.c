// SPDX-License-Identifier: GPL-2.0-only
/*
 * The execution engine: Debian's libunicorn 2.0.1 (QEMU 5.0 TCG inside)
 * executing guest instructions, and nothing else.
 *
 * Unicorn's public API cannot run a POWER7 guest (docs/engine.md says why),
 * so this file reaches the CPU state through the library's exported
 * internals.  Every offset and invariant it relies on is probed at start-up
 * and the engine refuses to open, with one line, when the library does not
 * match.  This is the only file in the project that includes Unicorn.
 *
 * The guest always executes at the engine's problem state (MSR[PR]=1,
 * MSR[HV]=0), so every privileged instruction, sc, trap and storage fault
 * arrives here with the faulting address; the model decides what POWER7 does.
 * Translation is QEMU's own ISA 2.06 hash MMU walking the big-endian HPT in
 * the arena, configured from the model's SDR1/LPCR/SLB.
 */
#include "engine_unicorn.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicorn/unicorn.h>

#include "engine.h"
#include "hv_consts.h"
#include "hv_env_sim.h"
#include "interrupt.h"
#include "machine.h"
#include "mmu.h"
#include "spr.h"
#include "tlb.h"

/* ---- library internals (libunicorn2 2.0.1.post1, amd64) ------------------- */

#define UC_CPU_PTR_OFF		384	/* struct uc_struct: CPUState *cpu */
#define CPU_ENV_OFF		37824	/* PowerPCCPU: CPUPPCState env */
#define ENV_GPR			0
#define ENV_MSR			640
#define ENV_NIP			680
#define ENV_SLB			704	/* ppc_slb_t slb[64]: esid, vsid, sps* */
#define ENV_SLB_SIZE		24
#define ENV_SPR			2840	/* target_ulong spr[1024] */
#define ENV_SPR_CB		(ENV_SPR + 8 * 1024)	/* ppc_spr_t spr_cb[1024] */
#define ENV_TB_ENV		77656
#define ENV_MMU_MODEL		77688
#define ENV_EXCP_MODEL		77692
#define ENV_INSNS_FLAGS		77712
#define ENV_INSNS_FLAGS2	77720
#define ENV_ERROR_CODE		77728
#define ENV_HFLAGS		78616
#define ENV_IMMU_IDX		78632
#define ENV_DMMU_IDX		78636
#define ENV_HASH64_OPTS		80072
#define ENV_OPCODES		80080	/* opc_handler_t *opcodes[64] */

#define POWERPC_MMU_3_00	0x10005
#define POWERPC_MMU_2_06	0x10003
#define POWERPC_EXCP_POWER7	14
#define PVR_POWER10_DD1		0x00800100ULL
#define PVR_POWER7_V23		0x003f0203ULL

/* QEMU's exception numbers as the INTR hook reports them. */
enum {
	QX_MCHECK = 1, QX_DSI = 2, QX_ISI = 3, QX_EXTERNAL = 4, QX_ALIGN = 5,
	QX_PROGRAM = 6, QX_FPU = 7, QX_SYSCALL = 8, QX_DECR = 10,
	QX_DSEG = 65, QX_ISEG = 66, QX_HDECR = 67, QX_TRACE = 68, QX_HDSI = 69,
	QX_HISI = 70, QX_VPU = 73, QX_VSXU = 94, QX_FU = 95, QX_HV_EMU = 96,
};
/* PROGRAM error codes */
#define QX_PROG_TYPE_MASK	0xf0
#define QX_PROG_INVAL		0x20
#define QX_PROG_PRIV		0x30
#define QX_PROG_TRAP		0x40

/*
 * ppc_spr_t: the translator's callbacks for mfspr/mtspr of one SPR number:
 * problem state (uea), supervisor (oea), hypervisor (hea) read and write,
 * then the name and the reset value.  SPR_NOACCESS is a sentinel callback
 * that makes the translator raise the privileged-SPR exception.
 */
#define SPR_CB_SIZE		64
#define SPR_CB_UEA_READ		0
#define SPR_CB_UEA_WRITE	8
#define SPR_CB_NAME		48

/* opc_handler_t: inval1, inval2 (u32), type, type2 (u64), handler. */
#define OPC_TYPE_OFF		8
#define OPC_TYPE2_OFF		16
#define OPC_INDIRECT		1	/* low pointer bits tag a sub-table */
#define OPC_TABLE_LEN		32
#define OPC_PRIMARY_LEN		64

/*
 * Instruction classes of QEMU's translator that POWER7 implements (ISA 2.06B
 * plus POWER7's server extras).  The default POWER10 model carries more;
 * handlers whose classes are all outside these masks are replaced by the
 * invalid-instruction handler, so that lqarx, stqcx., ISA 2.07/3.0 vector,
 * transactional memory and the rest trap exactly where POWER7 would raise
 * HEA.
 */
#define P7_INSNS2_VSX		0x00002ULL
#define P7_INSNS2_DFP		0x00004ULL
#define P7_INSNS2_DBRX		0x00010ULL
#define P7_INSNS2_ISA205	0x00020ULL
#define P7_INSNS2_PERM_ISA206	0x00080ULL
#define P7_INSNS2_DIVE_ISA206	0x00100ULL
#define P7_INSNS2_ATOMIC_ISA206	0x00200ULL
#define P7_INSNS2_FP_CVT_ISA206	0x00400ULL
#define P7_INSNS2_FP_TST_ISA206	0x00800ULL
#define P7_INSNS2_FP_CVT_S64	0x10000ULL
#define P7_INSNS2_PM_ISA206	0x40000ULL
#define P7_INSNS2 (P7_INSNS2_VSX | P7_INSNS2_DFP | P7_INSNS2_DBRX | P7_INSNS2_ISA205 | \
		   P7_INSNS2_PERM_ISA206 | P7_INSNS2_DIVE_ISA206 | P7_INSNS2_ATOMIC_ISA206 | \
		   P7_INSNS2_FP_CVT_ISA206 | P7_INSNS2_FP_TST_ISA206 | P7_INSNS2_FP_CVT_S64 | \
		   P7_INSNS2_PM_ISA206)
/* The POWER10 model's flags this library build was measured with. */
#define P10_INSNS2_EXPECTED	0xbfffeULL

/* MSR bits (ISA 2.06 Book III-S 4.2.1) */
#define M_SF	(1ULL << 63)
#define M_HV	(1ULL << 60)
#define M_VEC	(1ULL << 25)
#define M_VSX	(1ULL << 23)
#define M_EE	(1ULL << 15)
#define M_PR	(1ULL << 14)
#define M_FP	(1ULL << 13)
#define M_ME	(1ULL << 12)
#define M_FE0	(1ULL << 11)
#define M_SE	(1ULL << 10)
#define M_BE	(1ULL << 9)
#define M_FE1	(1ULL << 8)
#define M_IR	(1ULL << 5)
#define M_DR	(1ULL << 4)
#define M_RI	(1ULL << 1)
#define M_LE	(1ULL << 0)
/* The bits QEMU copies from MSR into hflags (its translation-block key). */
#define HFLAGS_MSR_MASK	(M_SF | M_HV | M_VEC | (1ULL << 23) | (1ULL << 22) | M_PR | M_FP | \
			 M_SE | M_BE | M_LE | M_IR | M_DR | (1ULL << 31))
/*
 * Translated blocks are keyed on the low 32 bits of hflags only; SF (bit 63)
 * is not among them, and the guest's supervisor/user split is invisible at
 * engine PR=1.  Two spare hflags bits carry them so blocks never mix.
 */
#define HFLAGS_SF_MIRROR	(1ULL << 27)
#define HFLAGS_GUEST_KERNEL	(1ULL << 29)
/* QEMU MMU indexes: 0 guest user virtual, 2 guest real, 4 our guest kernel virtual. */
#define MMU_IDX_USER_VIRT	0
#define MMU_IDX_REAL		2
#define MMU_IDX_KERNEL_VIRT	4

#define SLB_V		0x0000000008000000ULL
#define SLB_KS		0x0000000000000800ULL
#define SLB_KP		0x0000000000000400ULL
#define SLB_LLP		0x0000000000000130ULL
#define SLB_B_1T	0x4000000000000000ULL

#define UNTIL_NEVER	0xfffffffffffffffcULL	/* unmapped: never reached */

/*
 * QEMU's software TLB (cputlb): per MMU index a { mask, table } pair, the
 * pairs in an array that ends just below env; each entry is { addr_read,
 * addr_write, addr_code, addend } of 8 bytes each, 32 bytes in all.  An
 * address word of all ones means "no such access"; its low bits carry
 * flags.  The host address of a RAM page is EA + addend.
 */
#define UE_TLB_MAX_MODES	16
#define UE_TLB_ENTRY		32
#define UE_TLB_SCAN		1024	/* bytes below env searched for the array */
#define UE_TLB_FLAGS		0xfffULL	/* below the 4 KiB target page */
#define UE_TLB_INVALID		0x800ULL	/* TLB_INVALID_MASK */
#define UE_TLB_MMIO		0x200ULL	/* TLB_MMIO: not RAM, no addend */

/* Exported internals of the library (resolved at link time). */
extern void tlb_flush_ppc64(void *cpu);
extern uint64_t ppc_cpu_get_phys_page_debug_ppc64(void *cpu, uint64_t addr);
extern void tb_invalidate_phys_range_ppc64(void *uc, uint64_t start, uint64_t end);

struct sim_ue {
	uc_engine *uc;
	uint8_t *cpu;
	uint8_t *env;
	uint8_t *arena;
	uint64_t arena_size;
	uint8_t *tb_env;		/* fake ppc_tb_t: tb_freq 0, tb_offset is TB */
	const uint8_t *hash_opts;	/* PPCHash64Options of the CPU */
	void *invalid_handler;
	uc_hook h_intr, h_block;
	bool counting;

	uint64_t guest_msr;
	struct { uint64_t esid, vsid; bool valid; } slb[64];

	/* instruction accounting */
	uint64_t insns;			/* total completed */
	uint64_t budget_end;		/* stop once insns reaches this */
	uint64_t run_start;		/* insns when the current run began */
	uint64_t blk_pc, blk_base;	/* current block start and insns before it */
	uint64_t tb_base, tb_insns0;
	uint32_t tb_mul;
	unsigned int tb_shift;
	uint64_t (*tb_fn)(void *ctx, uint64_t executed);	/* model-owned TB, if set */
	void *tb_ctx;
	uint64_t amr;			/* the guest's AMR (key 0 cleared in real mode) */
	bool stop_requested;

	/* debugger support (sim_ue_set_debug) */
	bool dbg_step;
	const uint64_t *dbg_brk;
	unsigned int dbg_nbrk;
	bool dbg_stopped;

	/* QEMU's software TLB (found at open; test mode reads it) */
	uint8_t *tlb_fast;		/* CPUTLBDescFast f[]: { mask, table } per MMU index */
	unsigned int tlb_modes;		/* how many MMU indexes */
	struct ue_tlb_shadow {		/* entries as last walked, per MMU index */
		uint64_t *w;		/* 4 words per entry */
		uint64_t n;
	} tlb_seen[UE_TLB_MAX_MODES];
	bool (*block_cb)(void *ctx);	/* before every block; false ends the run */
	void *block_ctx;
	bool block_cb_failed;

	/* exit latch */
	bool trapped;
	struct sim_ue_exit *x;
	char err[256];
};

#define ENVP(e, off, type)	((type *)((e)->env + (off)))

static int fail(char *err, size_t len, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, len, fmt, ap);
	va_end(ap);
	return -EINVAL;
}

/* ---- start-up probing -------------------------------------------------------- */

static bool opc_is_indirect(void *h)
{
	return ((uintptr_t)h & 3) == OPC_INDIRECT;
}

static void **opc_table(void *h)
{
	return (void **)((uintptr_t)h & ~(uintptr_t)3);
}

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
	return 0;
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

static void *spr_cb_ptr(struct sim_ue *e, unsigned int sprn, unsigned int off)
{
	void *p;

	memcpy(&p, e->env + ENV_SPR_CB + SPR_CB_SIZE * sprn + off, sizeof(p));
	return p;
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

/* ---- hooks --------------------------------------------------------------------- */

static uint64_t tb_now(const struct sim_ue *e)
{
	if (e->tb_fn)
		return e->tb_fn(e->tb_ctx, e->insns - e->run_start);
	return e->tb_base + (((e->insns - e->tb_insns0) * e->tb_mul) >> e->tb_shift);
}

/*
 * Runs before each translated block executes.  Stopping here (uc_emu_stop)
 * keeps the block from executing, so a block that would cross the budget is
 * not started, except as the first block of a run so that every run makes
 * progress.  Time therefore advances per block; see docs/engine.md.
 */
static void hook_block(uc_engine *uc, uint64_t address, uint32_t size, void *data)
{
	struct sim_ue *e = data;
	uint64_t n = size / 4;

	if (e->stop_requested || (e->insns + n > e->budget_end && e->insns > e->run_start)) {
		uc_emu_stop(uc);
		return;
	}
	/* A debug break in this block: the model steps through it instead. */
	for (unsigned int i = 0; i < e->dbg_nbrk && !e->dbg_step; i++)
		if (e->dbg_brk[i] - address < size) {
			e->dbg_stopped = true;
			uc_emu_stop(uc);
			return;
		}
	/* Test mode: look at the TLB before anything else runs. */
	if (e->block_cb && !e->block_cb(e->block_ctx)) {
		e->block_cb_failed = true;
		uc_emu_stop(uc);
		return;
	}
	e->blk_pc = address;
	e->blk_base = e->insns;
	/* mftb reads tb_offset: the time at the start of this block. */
	*(int64_t *)e->tb_env = (int64_t)tb_now(e);
	e->insns += n;
}

static uint32_t fetch_insn(struct sim_ue *e, uint64_t pc, bool *ok)
{
	uint64_t ra;
	uint32_t w;

	*ok = false;
	uint64_t *msr = ENVP(e, ENV_MSR, uint64_t), saved = *msr;
	bool found;

	/*
	 * QEMU's debug translation follows MSR[DR]; an instruction fetch is
	 * translated as MSR[IR] says, so present IR as DR for the walk.
	 */
	*msr = (saved & ~M_DR) | ((saved & M_IR) ? M_DR : 0);
	found = sim_ue_translate(e, pc, &ra);
	*msr = saved;
	if (!found || ra + 4 > e->arena_size)
		return 0;
	memcpy(&w, e->arena + ra, 4);
	*ok = true;
	return __builtin_bswap32(w);
}

static enum sim_ue_event classify(struct sim_ue *e, uint32_t intno, uint32_t code)
{
	switch (intno) {
	case QX_SYSCALL:
		return SIM_UE_SC;
	case QX_PROGRAM:
		switch (code & QX_PROG_TYPE_MASK) {
		case QX_PROG_PRIV:
			return SIM_UE_PRIV;
		case QX_PROG_TRAP:
			return SIM_UE_TRAP;
		case QX_PROG_INVAL:
			return SIM_UE_ILLEGAL;
		}
		return SIM_UE_OTHER;
	case QX_HV_EMU:
		return SIM_UE_ILLEGAL;
	case QX_DSI:
		return SIM_UE_DSI;
	case QX_ISI:
		return SIM_UE_ISI;
	case QX_DSEG:
		return SIM_UE_DSEG;
	case QX_ISEG:
		return SIM_UE_ISEG;
	case QX_HDSI:
		return SIM_UE_HDSI;
	case QX_HISI:
		return SIM_UE_HISI;
	case QX_ALIGN:
		return SIM_UE_ALIGN;
	case QX_FPU:
		return SIM_UE_FPU;
	case QX_VPU:
		return SIM_UE_VEC;
	case QX_VSXU:
		return SIM_UE_VSX;
	case QX_TRACE:
		return SIM_UE_TRACE;
	}
	return SIM_UE_OTHER;
}

static void hook_intr(uc_engine *uc, uint32_t intno, void *data)
{
	struct sim_ue *e = data;
	struct sim_ue_exit *x = e->x;
	uint32_t code = *ENVP(e, ENV_ERROR_CODE, uint32_t);
	/* Unicorn reports every exception with nip one instruction past it. */
	uint64_t pc = *ENVP(e, ENV_NIP, uint64_t) - 4;

	memset(x, 0, sizeof(*x));
	x->ev = classify(e, intno, code);
	x->intno = intno;
	x->error_code = code;
	x->pc = pc;
	/*
	 * The block hook counted the whole block; only the instructions before
	 * the faulting one completed (sc completes, the rest do not).
	 */
	if (e->counting && pc >= e->blk_pc && pc < e->blk_pc + 4 * (e->insns - e->blk_base))
		e->insns = e->blk_base + (pc - e->blk_pc) / 4;
	if (x->ev == SIM_UE_SC) {
		e->insns++;
		x->lev = code;
	}
	switch (x->ev) {
	case SIM_UE_DSI:
	case SIM_UE_ALIGN:
		x->dar = *ENVP(e, ENV_SPR + 8 * SPRN_DAR, uint64_t);
		x->dsisr = (uint32_t)*ENVP(e, ENV_SPR + 8 * SPRN_DSISR, uint64_t);
		break;
	case SIM_UE_DSEG:
		x->dar = *ENVP(e, ENV_SPR + 8 * SPRN_DAR, uint64_t);
		break;
	case SIM_UE_HDSI:
		x->dar = *ENVP(e, ENV_SPR + 8 * SPRN_HDAR, uint64_t);
		x->dsisr = (uint32_t)*ENVP(e, ENV_SPR + 8 * SPRN_HDSISR, uint64_t);
		break;
	case SIM_UE_ISI:
	case SIM_UE_HISI:
		x->srr1_bits = code;
		break;
	default:
		break;
	}
	/*
	 * The model decodes what it emulates; fetching costs an HPT walk, so
	 * only instructions it must decode are fetched.
	 */
	if (x->ev == SIM_UE_PRIV || x->ev == SIM_UE_ILLEGAL || x->ev == SIM_UE_ALIGN ||
	    x->ev == SIM_UE_TRAP || x->ev == SIM_UE_OTHER || x->ev == SIM_UE_FPU ||
	    x->ev == SIM_UE_VEC || x->ev == SIM_UE_VSX)
		x->insn = fetch_insn(e, pc, &x->insn_valid);
	*ENVP(e, ENV_NIP, uint64_t) = pc;
	e->trapped = true;
	uc_emu_stop(uc);
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
	e->counting = !(flags & SIM_UE_NO_COUNT);
	e->tb_mul = 1;
	e->budget_end = UINT64_MAX;
	ue = uc_open(UC_ARCH_PPC, UC_MODE_PPC64 | UC_MODE_BIG_ENDIAN, &e->uc);
	if (ue != UC_ERR_OK) {
		free(e);
		return fail(err, errlen, "engine: uc_open failed: %s", uc_strerror(ue));
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
	 * MMU translates.  A filler covering every other EA makes translated
	 * accesses reach the MMU (and its faults); it is never read itself.
	 */
	ue = uc_mmio_map(e->uc, size, UNTIL_NEVER - size - 0xffc, NULL, NULL, NULL, NULL);
	if (ue == UC_ERR_OK)
		ue = uc_mem_protect(e->uc, size, UNTIL_NEVER - size - 0xffc, UC_PROT_ALL);
	if (ue != UC_ERR_OK) {
		ret = fail(err, errlen, "engine: mapping the EA filler failed: %s",
			   uc_strerror(ue));
		goto out_close;
	}
	/* Hooks go in before anything is translated: adding them later flushes. */
	ue = uc_hook_add(e->uc, &e->h_intr, UC_HOOK_INTR, hook_intr, e, 1, 0);
	if (ue == UC_ERR_OK && e->counting)
		ue = uc_hook_add(e->uc, &e->h_block, UC_HOOK_BLOCK, hook_block, e, 1, 0);
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
	*ENVP(e, ENV_INSNS_FLAGS2, uint64_t) = P7_INSNS2;
	if (restrict_sprs(e) < 0) {
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
	uc_close(e->uc);
	free(e->tb_env);
	free(e);
	return ret;
}

void sim_ue_close(struct sim_ue *e)
{
	if (!e)
		return;
	for (unsigned int i = 0; i < UE_TLB_MAX_MODES; i++)
		free(e->tlb_seen[i].w);
	/* Unicorn does not own the fake tb_env: detach it before closing. */
	*ENVP(e, ENV_TB_ENV, void *) = NULL;
	uc_close(e->uc);
	free(e->tb_env);
	free(e);
}

const char *sim_ue_error(const struct sim_ue *e)
{
	return e->err;
}

/* ---- registers -------------------------------------------------------------------- */

uint64_t sim_ue_gpr(struct sim_ue *e, unsigned int n)
{
	return n < 32 ? ENVP(e, ENV_GPR, uint64_t)[n] : 0;
}

void sim_ue_set_gpr(struct sim_ue *e, unsigned int n, uint64_t v)
{
	if (n < 32)
		ENVP(e, ENV_GPR, uint64_t)[n] = v;
}

uint64_t sim_ue_pc(struct sim_ue *e)
{
	return *ENVP(e, ENV_NIP, uint64_t);
}

void sim_ue_set_pc(struct sim_ue *e, uint64_t pc)
{
	*ENVP(e, ENV_NIP, uint64_t) = pc;
}

static uint64_t reg_read(struct sim_ue *e, int reg)
{
	uint64_t v = 0;

	uc_reg_read(e->uc, reg, &v);
	return v;
}

static void reg_write(struct sim_ue *e, int reg, uint64_t v)
{
	uc_reg_write(e->uc, reg, &v);
}

uint32_t sim_ue_cr(struct sim_ue *e)
{
	return (uint32_t)reg_read(e, UC_PPC_REG_CR);
}

void sim_ue_set_cr(struct sim_ue *e, uint32_t cr)
{
	reg_write(e, UC_PPC_REG_CR, cr);
}

uint64_t sim_ue_lr(struct sim_ue *e)
{
	return reg_read(e, UC_PPC_REG_LR);
}

void sim_ue_set_lr(struct sim_ue *e, uint64_t v)
{
	reg_write(e, UC_PPC_REG_LR, v);
}

uint64_t sim_ue_ctr(struct sim_ue *e)
{
	return reg_read(e, UC_PPC_REG_CTR);
}

void sim_ue_set_ctr(struct sim_ue *e, uint64_t v)
{
	reg_write(e, UC_PPC_REG_CTR, v);
}

uint64_t sim_ue_xer(struct sim_ue *e)
{
	return reg_read(e, UC_PPC_REG_XER);
}

void sim_ue_set_xer(struct sim_ue *e, uint64_t v)
{
	reg_write(e, UC_PPC_REG_XER, v);
}

uint64_t sim_ue_fpr(struct sim_ue *e, unsigned int n)
{
	return n < 32 ? reg_read(e, UC_PPC_REG_FPR0 + n) : 0;
}

void sim_ue_set_fpr(struct sim_ue *e, unsigned int n, uint64_t v)
{
	if (n < 32)
		reg_write(e, UC_PPC_REG_FPR0 + n, v);
}

uint64_t sim_ue_spr(struct sim_ue *e, unsigned int sprn)
{
	return sprn < 1024 ? *ENVP(e, ENV_SPR + 8 * sprn, uint64_t) : 0;
}

void sim_ue_set_spr(struct sim_ue *e, unsigned int sprn, uint64_t v)
{
	if (sprn < 1024)
		*ENVP(e, ENV_SPR + 8 * sprn, uint64_t) = v;
}

/* ---- execution state ----------------------------------------------------------------- */

static const void *sps_for(struct sim_ue *e, uint64_t vsid)
{
	/* PPCHash64Options: flags, slb_size, then sps[8] of 72 bytes each. */
	for (int i = 0; i < 8; i++) {
		const uint8_t *sps = e->hash_opts + 8 + 72 * i;
		uint32_t shift, enc;

		memcpy(&shift, sps, 4);
		memcpy(&enc, sps + 4, 4);
		if (!shift)
			break;
		if (enc == (vsid & SLB_LLP))
			return sps;
	}
	return NULL;
}

/*
 * Load the engine's SLB from the guest's, with Kp taken from Ks while the
 * guest is in supervisor state: the engine always applies Kp (it runs at
 * PR=1), and the guest kernel's accesses must be checked with its Ks.
 */
static void load_slb(struct sim_ue *e)
{
	bool kernel = !(e->guest_msr & M_PR);

	for (int i = 0; i < 64; i++) {
		uint8_t *s = e->env + ENV_SLB + ENV_SLB_SIZE * i;
		uint64_t esid = 0, vsid = 0;
		const void *sps = NULL;

		if (e->slb[i].valid) {
			esid = e->slb[i].esid;
			vsid = e->slb[i].vsid;
			if (kernel)
				vsid = (vsid & ~SLB_KP) | ((vsid & SLB_KS) ? SLB_KP : 0);
			sps = sps_for(e, vsid);
			if (!sps)
				esid = vsid = 0;
		}
		memcpy(s, &esid, 8);
		memcpy(s + 8, &vsid, 8);
		memcpy(s + 16, &sps, sizeof(sps));
	}
}

void sim_ue_set_msr(struct sim_ue *e, uint64_t guest_msr)
{
	uint64_t msr, hflags;
	bool was_kernel = !(e->guest_msr & M_PR);
	bool kernel = !(guest_msr & M_PR);

	e->guest_msr = guest_msr & ~M_HV;
	msr = (guest_msr & (M_SF | M_VEC | M_VSX | M_EE | M_FP | M_ME | M_FE0 | M_SE | M_BE |
			    M_FE1 | M_IR | M_DR | M_RI)) | M_PR;
	/* A debugger's single step uses the CPU's trace too (sim_ue_set_debug). */
	if (e->dbg_step)
		msr |= M_SE;
	hflags = msr & HFLAGS_MSR_MASK;
	if (msr & M_SF)
		hflags |= HFLAGS_SF_MIRROR;
	if (kernel)
		hflags |= HFLAGS_GUEST_KERNEL;
	*ENVP(e, ENV_MSR, uint64_t) = msr;
	*ENVP(e, ENV_HFLAGS, uint64_t) = hflags;
	*ENVP(e, ENV_IMMU_IDX, int32_t) = !(msr & M_IR) ? MMU_IDX_REAL :
		kernel ? MMU_IDX_KERNEL_VIRT : MMU_IDX_USER_VIRT;
	*ENVP(e, ENV_DMMU_IDX, int32_t) = !(msr & M_DR) ? MMU_IDX_REAL :
		kernel ? MMU_IDX_KERNEL_VIRT : MMU_IDX_USER_VIRT;
	/*
	 * QEMU applies the AMR's key-0 bits to VRMA accesses, which hardware
	 * does not check in real mode: clear them while translation is off.
	 */
	*ENVP(e, ENV_SPR + 8 * SPRN_AMR, uint64_t) =
		(msr & (M_IR | M_DR)) ? e->amr : e->amr & ~(3ULL << 62);
	if (kernel != was_kernel)
		load_slb(e);
}

void sim_ue_set_amr(struct sim_ue *e, uint64_t amr)
{
	e->amr = amr;
	sim_ue_set_msr(e, e->guest_msr);
}

uint64_t sim_ue_msr(struct sim_ue *e)
{
	return e->guest_msr;
}

void sim_ue_set_mmu(struct sim_ue *e, uint64_t sdr1, uint64_t lpcr, uint64_t rmor, uint64_t lpid)
{
	/*
	 * Every partition switch passes through LPID_RSVD and the host's
	 * values and back; what matters is the state the guest runs with.  The
	 * same as before: the engine's translations are still right.
	 */
	if (sim_ue_spr(e, SPRN_SDR1) == sdr1 && sim_ue_spr(e, SPRN_LPCR) == lpcr &&
	    sim_ue_spr(e, SPRN_RMOR) == rmor && sim_ue_spr(e, SPRN_LPID) == lpid)
		return;
	sim_ue_set_spr(e, SPRN_SDR1, sdr1);
	sim_ue_set_spr(e, SPRN_LPCR, lpcr);
	sim_ue_set_spr(e, SPRN_RMOR, rmor);
	sim_ue_set_spr(e, SPRN_LPID, lpid);
	tlb_flush_ppc64(e->cpu);
}

static int store_slb(struct sim_ue *e, unsigned int index, uint64_t rb, uint64_t rs)
{
	if (index >= 64)
		return -EINVAL;
	e->slb[index].valid = !!(rb & SLB_V);
	/* ESID and V as QEMU compares them; 1 TB segments drop ESID bits 36-39. */
	e->slb[index].esid = rb & ((rs & SLB_B_1T) ? 0xffffff0000000000ULL : 0xfffffffff0000000ULL);
	e->slb[index].esid |= rb & SLB_V;
	e->slb[index].vsid = rs;
	if (e->slb[index].valid && !sps_for(e, rs)) {
		e->slb[index].valid = false;
		return -EINVAL;
	}
	return 0;
}

int sim_ue_set_slb(struct sim_ue *e, unsigned int index, uint64_t rb, uint64_t rs)
{
	int ret = store_slb(e, index, rb, rs);

	load_slb(e);
	tlb_flush_ppc64(e->cpu);
	return ret;
}

void sim_ue_clear_slb(struct sim_ue *e)
{
	memset(e->slb, 0, sizeof(e->slb));
	load_slb(e);
	tlb_flush_ppc64(e->cpu);
}

void sim_ue_flush_tlb(struct sim_ue *e)
{
	tlb_flush_ppc64(e->cpu);
}

void sim_ue_invalidate_code(struct sim_ue *e, uint64_t ra, uint64_t len)
{
	/*
	 * Guest stores invalidate translated code themselves (Unicorn sends
	 * every store through the code-watch slow path); writes by the host
	 * into the arena do not, so whoever writes guest memory says so.  The
	 * arena is the first RAM block, so its ram_addr is the real address.
	 */
	if (ra < e->arena_size && len)
		tb_invalidate_phys_range_ppc64(e->uc, ra, ra + len > e->arena_size ?
					       e->arena_size : ra + len);
}

bool sim_ue_translate(struct sim_ue *e, uint64_t ea, uint64_t *ra)
{
	uint64_t pa = ppc_cpu_get_phys_page_debug_ppc64(e->cpu, ea & ~0xfffULL);

	if (pa == (uint64_t)-1)
		return false;
	*ra = (pa & ~0xfffULL) | (ea & 0xfff);
	return true;
}

/* ---- the engine's TLB (test mode) -------------------------------------------------------- */

bool sim_ue_tlb_available(const struct sim_ue *e)
{
	return e->tlb_fast != NULL;
}

void sim_ue_tlb_forget(struct sim_ue *e)
{
	for (unsigned int i = 0; i < UE_TLB_MAX_MODES; i++)
		if (e->tlb_seen[i].w)
			memset(e->tlb_seen[i].w, 0xff, e->tlb_seen[i].n * UE_TLB_ENTRY);
}

/* One address word of an entry: does it grant the access, and for which page? */
static bool tlb_word(uint64_t w, uint64_t *ea, bool *mmio)
{
	if (w == UINT64_MAX || (w & UE_TLB_INVALID))
		return false;
	*ea = w & ~UE_TLB_FLAGS;
	if (w & UE_TLB_MMIO)
		*mmio = true;
	return true;
}

/* Decode one entry; false when it grants nothing. */
static bool tlb_decode(const struct sim_ue *e, unsigned int idx, const uint64_t *w,
		       struct sim_ue_tlbe *te)
{
	bool mmio = false;
	uint64_t host;

	memset(te, 0, sizeof(*te));
	te->mmu_idx = idx;
	te->read = tlb_word(w[0], &te->ea, &mmio);
	te->write = tlb_word(w[1], &te->ea, &mmio);
	te->exec = tlb_word(w[2], &te->ea, &mmio);
	if (!te->read && !te->write && !te->exec)
		return false;
	host = te->ea + w[3];
	if (!mmio && host >= (uintptr_t)e->arena && host < (uintptr_t)e->arena + e->arena_size) {
		te->ram = true;
		te->ra = host - (uintptr_t)e->arena;
	}
	return true;
}

int sim_ue_tlb_walk(struct sim_ue *e, bool changed_only,
		    bool (*fn)(void *ctx, const struct sim_ue_tlbe *te), void *ctx)
{
	int visited = 0;

	if (!e->tlb_fast)
		return -ENOTSUP;
	for (unsigned int idx = 0; idx < e->tlb_modes; idx++) {
		struct ue_tlb_shadow *sh = &e->tlb_seen[idx];
		uint64_t mask;
		const uint64_t *table;
		uint64_t n;

		memcpy(&mask, e->tlb_fast + 16 * idx, 8);
		memcpy(&table, e->tlb_fast + 16 * idx + 8, sizeof(table));
		n = mask / UE_TLB_ENTRY + 1;
		/* QEMU resizes a table on a flush: start its shadow again. */
		if (sh->n != n) {
			uint64_t *w = realloc(sh->w, n * UE_TLB_ENTRY);

			if (!w)
				return -ENOMEM;
			memset(w, 0xff, n * UE_TLB_ENTRY);
			sh->w = w;
			sh->n = n;
		}
		for (uint64_t i = 0; i < n; i++) {
			const uint64_t *cur = table + 4 * i;
			uint64_t *seen = sh->w + 4 * i;
			struct sim_ue_tlbe te;

			if (changed_only && !memcmp(cur, seen, UE_TLB_ENTRY))
				continue;
			if (tlb_decode(e, idx, cur, &te)) {
				visited++;
				if (!fn(ctx, &te))
					return -EFAULT;
			}
			memcpy(seen, cur, UE_TLB_ENTRY);
		}
	}
	return visited;
}

void sim_ue_set_block_cb(struct sim_ue *e, bool (*fn)(void *ctx), void *ctx)
{
	e->block_cb = fn;
	e->block_ctx = ctx;
}

/* ---- time and running ------------------------------------------------------------------ */

void sim_ue_set_tb_fn(struct sim_ue *e, uint64_t (*fn)(void *ctx, uint64_t executed), void *ctx)
{
	e->tb_fn = fn;
	e->tb_ctx = ctx;
}

void sim_ue_set_tb(struct sim_ue *e, uint64_t tb_base, uint32_t mul, unsigned int shift)
{
	e->tb_base = tb_base;
	e->tb_insns0 = e->insns;
	e->tb_mul = mul;
	e->tb_shift = shift;
	*(int64_t *)e->tb_env = (int64_t)tb_base;
}

uint64_t sim_ue_tb(struct sim_ue *e)
{
	return tb_now(e);
}

uint64_t sim_ue_insns(const struct sim_ue *e)
{
	return e->insns;
}

void sim_ue_stop(struct sim_ue *e)
{
	e->stop_requested = true;
	uc_emu_stop(e->uc);
}

int sim_ue_run(struct sim_ue *e, uint64_t budget, struct sim_ue_exit *x)
{
	uint64_t start = e->insns;
	uc_err ue;

	memset(x, 0, sizeof(*x));
	e->x = x;
	e->trapped = false;
	e->stop_requested = false;
	e->block_cb_failed = false;
	e->dbg_stopped = false;
	e->budget_end = budget > UINT64_MAX - e->insns ? UINT64_MAX : e->insns + budget;
	e->blk_pc = UINT64_MAX;
	e->run_start = e->insns;
	*(int64_t *)e->tb_env = (int64_t)tb_now(e);
	ue = uc_emu_start(e->uc, sim_ue_pc(e), UNTIL_NEVER, 0, 0);
	if (!e->trapped) {
		memset(x, 0, sizeof(*x));
		if (ue != UC_ERR_OK) {
			x->ev = SIM_UE_ERROR;
			snprintf(e->err, sizeof(e->err), "engine: uc_emu_start at 0x%llx: %s",
				 (unsigned long long)sim_ue_pc(e), uc_strerror(ue));
		} else if (e->block_cb_failed) {
			/* The callback left its reason in e->err. */
			x->ev = SIM_UE_ERROR;
		} else if (e->dbg_stopped) {
			x->ev = SIM_UE_BREAK;
		} else {
			x->ev = SIM_UE_BUDGET;
		}
		x->pc = sim_ue_pc(e);
	}
	x->insns = e->insns - start;
	e->x = NULL;
	return x->ev == SIM_UE_ERROR ? -EIO : 0;
}

void sim_ue_set_debug(struct sim_ue *e, bool step, const uint64_t *brk, unsigned int n)
{
	e->dbg_brk = brk;
	e->dbg_nbrk = n;
	if (step != e->dbg_step) {
		e->dbg_step = step;
		sim_ue_set_msr(e, e->guest_msr);
	}
}

const char *sim_ue_event_name(enum sim_ue_event ev)
{
	static const char *const names[] = {
		[SIM_UE_BUDGET] = "budget", [SIM_UE_SC] = "sc", [SIM_UE_PRIV] = "privileged",
		[SIM_UE_ILLEGAL] = "illegal", [SIM_UE_TRAP] = "trap", [SIM_UE_DSI] = "dsi",
		[SIM_UE_ISI] = "isi", [SIM_UE_DSEG] = "dseg", [SIM_UE_ISEG] = "iseg",
		[SIM_UE_HDSI] = "hdsi", [SIM_UE_HISI] = "hisi", [SIM_UE_ALIGN] = "alignment",
		[SIM_UE_FPU] = "fp-unavailable", [SIM_UE_VEC] = "vec-unavailable",
		[SIM_UE_VSX] = "vsx-unavailable", [SIM_UE_TRACE] = "trace",
		[SIM_UE_OTHER] = "other", [SIM_UE_ERROR] = "error", [SIM_UE_BREAK] = "break",
	};

	return ev < sizeof(names) / sizeof(names[0]) && names[ev] ? names[ev] : "?";
}

/* ---- the model's engine operations (sim/engine.h) ------------------------------------ */

#define SIM_MSR_FP	M_FP
#define SIM_MSR_VEC	M_VEC
#define SIM_MSR_VSX	M_VSX
#define DSISR_STORE	0x02000000U

/* The engine-served SPRs a reload writes, and those the guest can change. */
#define UE_MAX_SERVED	16

struct ue_glue {
	struct sim_engine eng;
	struct sim_ue *ue;
	struct sim_thread *cur;		/* thread whose registers are in the engine */
	bool check;			/* test mode: every translation against the model */
	struct sim_engine_check_stats stats;

	/*
	 * What the engine holds besides GPRs, for the thread @held.t: a reload
	 * after an emulated instruction writes only what changed, through the
	 * library's slower register interface.
	 */
	struct {
		const struct sim_thread *t;
		uint64_t fpr[32], fpscr, cr, lr, ctr, xer;
	} held;
	unsigned int put_spr[UE_MAX_SERVED], nput;
	unsigned int get_spr[UE_MAX_SERVED], nget;

	/* The time base during a run: tb0 + executed * tb_mul when exact. */
	uint64_t tb0, tb_mul;
	bool tb_linear;
};

static struct sim_ue *UE(struct sim_engine *e)
{
	return ((struct ue_glue *)e->priv)->ue;
}

/* ---- test mode: the engine's translations against the model's MMU ------------------ */

/*
 * The guest context an MMU index of the engine stands for (sim_ue_set_msr):
 * 0 guest problem state relocated, 2 guest real mode, 4 guest supervisor
 * relocated.  The engine never uses another index; false for those.
 */
static bool context_msr(unsigned int idx, uint64_t *msr)
{
	switch (idx) {
	case MMU_IDX_USER_VIRT:
		*msr = M_SF | M_PR | M_EE | M_IR | M_DR;
		return true;
	case MMU_IDX_REAL:
		*msr = M_SF;
		return true;
	case MMU_IDX_KERNEL_VIRT:
		*msr = M_SF | M_IR | M_DR;
		return true;
	}
	return false;
}

/*
 * Does the model translate @ea for @access in context @msr as the engine
 * did (to real page @ra, or beyond the arena when the engine's entry is
 * not RAM)?  Hardware may still use a translation its TLB holds after the
 * HPTE changed, or may walk the page table again: either answer of the
 * model is one POWER7 could give, so the model's TLB is asked first and
 * then the page table alone.  The model's state is left as it was.
 */
static bool model_agrees(struct sim_thread *t, uint64_t msr, uint64_t ea, unsigned int access,
			 const struct sim_ue_tlbe *te, uint64_t *model_ra, unsigned int *vec)
{
	static const unsigned int tries[] = { SIM_XL_PROBE, SIM_XL_PROBE | SIM_XL_NO_TLB };
	struct sim_tlb *tlb = sim_tlb_of(t);
	uint64_t saved_msr = t->msr, hits = tlb->hits, misses = tlb->misses;
	bool ok = false;

	t->msr = msr;
	for (unsigned int i = 0; i < 2 && !ok; i++) {
		struct sim_xlate x;
		struct sim_intr irq;

		*vec = sim_mmu_xlate(t, ea, access, tries[i], &x, &irq);
		*model_ra = x.ra;
		if (*vec)
			continue;
		ok = te->ram ? (x.ra & ~0xfffULL) == te->ra : x.ra >= t->m->arena.size;
	}
	t->msr = saved_msr;
	tlb->hits = hits;
	tlb->misses = misses;
	return ok;
}

static bool check_entry(void *ctx, const struct sim_ue_tlbe *te)
{
	static const char *const kind[] = { "load", "store", "fetch" };
	struct ue_glue *g = ctx;
	struct sim_thread *t = g->cur;
	bool grants[3] = { te->read, te->write, te->exec };
	uint64_t msr, model_ra = 0;
	unsigned int vec = 0;

	if (!context_msr(te->mmu_idx, &msr)) {
		g->stats.mismatches++;
		snprintf(g->ue->err, sizeof(g->ue->err),
			 "engine: translation of EA 0x%llx in MMU context %u, which no guest uses",
			 (unsigned long long)te->ea, te->mmu_idx);
		sim_rule_report(g->eng.m, SIM_RULE_ENGINE, "%s", g->ue->err);
		return false;
	}
	for (unsigned int a = SIM_ACC_LOAD; a <= SIM_ACC_FETCH; a++) {
		if (!grants[a])
			continue;
		g->stats.checked++;
		if (model_agrees(t, msr, te->ea, a, te, &model_ra, &vec))
			continue;
		g->stats.mismatches++;
		snprintf(g->ue->err, sizeof(g->ue->err),
			 "engine: %s at EA 0x%llx (context %u) reaches real 0x%llx%s; the model %s "
			 "0x%llx", kind[a], (unsigned long long)te->ea, te->mmu_idx,
			 (unsigned long long)te->ra, te->ram ? "" : " (not RAM)",
			 vec ? "raises vector" : "translates to",
			 vec ? (unsigned long long)vec : (unsigned long long)model_ra);
		sim_rule_report(g->eng.m, SIM_RULE_ENGINE, "%s", g->ue->err);
		return false;
	}
	return true;
}

/* Check every translation that entered the engine's TLB since the last look. */
static bool check_tlb(void *ctx)
{
	struct ue_glue *g = ctx;

	if (!g->cur)
		return true;
	g->stats.walks++;
	return sim_ue_tlb_walk(g->ue, true, check_entry, g) >= 0;
}

int sim_engine_unicorn_set_check(struct sim_engine *eng, bool on)
{
	struct ue_glue *g = eng->priv;

	if (on && !sim_ue_tlb_available(g->ue))
		return -ENOTSUP;
	g->check = on;
	sim_ue_tlb_forget(g->ue);
	sim_ue_set_block_cb(g->ue, on ? check_tlb : NULL, g);
	return 0;
}

struct sim_engine_check_stats sim_engine_unicorn_check_stats(struct sim_engine *eng)
{
	return ((struct ue_glue *)eng->priv)->stats;
}

/*
 * The model changed state the engine mirrors: in test mode every entry is
 * checked again, so that a translation the engine keeps although the model
 * no longer allows it shows up.
 */
static void check_again(struct ue_glue *g)
{
	if (g->check)
		sim_ue_tlb_forget(g->ue);
}

/*
 * Called before every block: the model's TB after @executed instructions of
 * this run.  With a whole number of TB ticks per instruction (the usual
 * ratio) it is linear in @executed from the run's start, which spares the
 * model's general ratio arithmetic on every block.
 */
static uint64_t glue_tb(void *ctx, uint64_t executed)
{
	struct ue_glue *g = ctx;

	if (g->tb_linear)
		return g->tb0 + executed * g->tb_mul;
	return g->cur ? sim_engine_timebase(g->cur, executed) : 0;
}

static void glue_tb_start(struct ue_glue *g, struct sim_thread *t)
{
	g->tb_linear = t->m->tb_den == 1;
	g->tb_mul = t->m->tb_num;
	g->tb0 = sim_engine_timebase(t, 0);
}

/* The SPR storage an engine-served SPR number reads (USPRG3 reads SPRG3). */
static unsigned int engine_spr_store(unsigned int sprn)
{
	const struct sim_spr *s = &sim_spr_table[sprn];

	return s->store ? s->store : sprn;
}

/*
 * The SPR table's engine-served entries, once: those a reload writes (not
 * the ones kept in thread fields, nor the TB, which the engine reads from
 * the model), and those the guest can write without trapping.
 */
static void served_sprs(struct ue_glue *g)
{
	for (unsigned int n = 0; n < SIM_NR_SPRS; n++) {
		const struct sim_spr *s = &sim_spr_table[n];

		if (!s->name || !(s->flags & SIM_SPR_ENGINE) || s->fx == SIM_FX_REG)
			continue;
		if (s->fx != SIM_FX_TB && g->nput < UE_MAX_SERVED)
			g->put_spr[g->nput++] = engine_spr_store(n);
		if (s->write == SIM_SPR_PROB && g->nget < UE_MAX_SERVED)
			g->get_spr[g->nget++] = engine_spr_store(n);
	}
}

/* Write @v into the engine unless it already holds it (@all: it does not). */
#define PUT_IF_CHANGED(all, held, v, set)	\
	do {					\
		if ((all) || (held) != (v)) {	\
			set;			\
			(held) = (v);		\
		}				\
	} while (0)

static void ops_put_regs(struct sim_engine *eng, const struct sim_thread *t)
{
	struct ue_glue *g = eng->priv;
	struct sim_ue *e = g->ue;
	bool all = g->held.t != t;

	g->cur = (struct sim_thread *)t;
	for (unsigned int i = 0; i < 32; i++) {
		sim_ue_set_gpr(e, i, t->gpr[i]);
		PUT_IF_CHANGED(all, g->held.fpr[i], t->fpr[i], sim_ue_set_fpr(e, i, t->fpr[i]));
	}
	PUT_IF_CHANGED(all, g->held.cr, t->cr, sim_ue_set_cr(e, (uint32_t)t->cr));
	PUT_IF_CHANGED(all, g->held.lr, t->lr, sim_ue_set_lr(e, t->lr));
	PUT_IF_CHANGED(all, g->held.ctr, t->ctr, sim_ue_set_ctr(e, t->ctr));
	PUT_IF_CHANGED(all, g->held.xer, t->xer, sim_ue_set_xer(e, t->xer));
	PUT_IF_CHANGED(all, g->held.fpscr, t->fpscr, reg_write(e, UC_PPC_REG_FPSCR, t->fpscr));
	g->held.t = t;
	for (unsigned int i = 0; i < g->nput; i++)
		sim_ue_set_spr(e, g->put_spr[i], t->spr[g->put_spr[i]]);
	e->amr = t->spr[SPRN_AMR];
	sim_ue_set_pc(e, t->pc);
	sim_ue_set_msr(e, t->msr);
	check_again(g);
}

static void ops_get_regs(struct sim_engine *eng, struct sim_thread *t)
{
	struct ue_glue *g = eng->priv;
	struct sim_ue *e = g->ue;

	for (unsigned int i = 0; i < 32; i++)
		t->gpr[i] = sim_ue_gpr(e, i);
	t->cr = g->held.cr = sim_ue_cr(e);
	t->lr = g->held.lr = sim_ue_lr(e);
	t->ctr = g->held.ctr = sim_ue_ctr(e);
	t->xer = g->held.xer = sim_ue_xer(e);
	/*
	 * FPRs and FPSCR change only by instructions that need MSR[FP] (or
	 * MSR[VSX]); without them the thread's copies are still current.
	 */
	if (e->guest_msr & (M_FP | M_VSX)) {
		for (unsigned int i = 0; i < 32; i++)
			t->fpr[i] = g->held.fpr[i] = sim_ue_fpr(e, i);
		t->fpscr = g->held.fpscr = reg_read(e, UC_PPC_REG_FPSCR);
	}
	/* Only SPRs the guest can write without trapping can have changed. */
	for (unsigned int i = 0; i < g->nget; i++) {
		unsigned int n = g->get_spr[i];
		uint64_t v = sim_ue_spr(e, n);

		/* In real mode the engine's AMR lacks key 0 (sim_ue_set_msr): keep the guest's. */
		if (n == SPRN_AMR && !(e->guest_msr & (M_IR | M_DR)))
			v = (v & ~(3ULL << 62)) | (e->amr & (3ULL << 62));
		t->spr[n] = v;
	}
	t->pc = sim_ue_pc(e);
}

static void ops_set_pc_msr(struct sim_engine *eng, const struct sim_thread *t)
{
	struct ue_glue *g = eng->priv;

	g->cur = (struct sim_thread *)t;
	sim_ue_set_pc(g->ue, t->pc);
	sim_ue_set_msr(g->ue, t->msr);
	check_again(g);
}

static void ops_mmu_changed(struct sim_engine *eng, const struct sim_thread *t, unsigned int what)
{
	struct ue_glue *g = eng->priv;
	struct sim_ue *e = g->ue;

	check_again(g);
	if (what & (SIM_ENG_SDR1 | SIM_ENG_LPCR | SIM_ENG_LPID | SIM_ENG_RMOR))
		sim_ue_set_mmu(e, t->spr[SPRN_SDR1], t->spr[SPRN_LPCR], t->spr[SPRN_RMOR],
			       t->spr[SPRN_LPID]);
	if (what & SIM_ENG_AMR) {
		/*
		 * QEMU folds the AMR into the access rights it caches per page,
		 * where hardware applies the AMR at every access: a new AMR
		 * must not meet translations made under the old one.
		 */
		if (t->spr[SPRN_AMR] != e->amr) {
			sim_ue_set_amr(e, t->spr[SPRN_AMR]);
			tlb_flush_ppc64(e->cpu);
		}
	}
	if (what & SIM_ENG_SLB) {
		bool changed = false;

		/*
		 * The ISA's SLB index is in RB's low bits; position i holds it.
		 * Every partition switch clears and reloads the SLB; when the
		 * guest's entries come back the same, the engine's translations
		 * are still valid and no flush is needed.
		 */
		for (unsigned int i = 0; i < 64; i++) {
			typeof(e->slb[0]) old = e->slb[i];

			store_slb(e, i, i < SIM_SLB_ENTRIES ? t->slb[i].esid : 0,
				  i < SIM_SLB_ENTRIES ? t->slb[i].vsid : 0);
			if (old.valid != e->slb[i].valid ||
			    (old.valid && (old.esid != e->slb[i].esid || old.vsid != e->slb[i].vsid)))
				changed = true;
		}
		if (changed) {
			load_slb(e);
			tlb_flush_ppc64(e->cpu);
		}
	}
}

static void ops_tlb_flush(struct sim_engine *eng, bool all, uint64_t ea)
{
	/* A whole flush costs 0.2-0.4 us; per-page precision buys nothing here. */
	tlb_flush_ppc64(UE(eng)->cpu);
	check_again(eng->priv);
}

static void ops_run(struct sim_engine *eng, struct sim_thread *t, uint64_t budget,
		    struct sim_stop_info *stop)
{
	struct ue_glue *g = eng->priv;
	struct sim_ue *e = g->ue;
	struct sim_ue_exit x;

	g->cur = t;
	glue_tb_start(g, t);
	memset(stop, 0, sizeof(*stop));
	sim_ue_run(e, budget, &x);
	/* Test mode: what the last blocks put in the TLB, before the model acts. */
	if (g->check && x.ev != SIM_UE_ERROR && !check_tlb(g)) {
		x.ev = SIM_UE_ERROR;
		x.pc = sim_ue_pc(e);
	}
	stop->executed = x.insns;
	stop->pc = x.pc;
	stop->insn = x.insn;
	switch (x.ev) {
	case SIM_UE_BUDGET:
		stop->reason = SIM_STOP_BUDGET;
		break;
	case SIM_UE_TRACE:
		/*
		 * With MSR[SE] the engine runs one-instruction blocks and stops
		 * after each: the instruction completed, pc is the next one.
		 * The model decides whether a trace interrupt follows.
		 */
		stop->reason = SIM_STOP_BUDGET;
		break;
	case SIM_UE_SC:
		/* The engine counted the sc; the model executes it. */
		stop->reason = SIM_STOP_SC;
		stop->executed = x.insns ? x.insns - 1 : 0;
		e->insns--;
		stop->insn = 0x44000002 | (x.lev << 5);
		break;
	case SIM_UE_PRIV:
	case SIM_UE_ILLEGAL:
	case SIM_UE_TRAP:
	case SIM_UE_OTHER:
		stop->reason = SIM_STOP_INSN;
		if (!x.insn_valid) {
			stop->reason = SIM_STOP_ERROR;
			stop->msg = "engine: cannot fetch the trapping instruction";
		}
		break;
	case SIM_UE_DSI:
	case SIM_UE_HDSI:
	case SIM_UE_DSEG:
		stop->reason = SIM_STOP_STORAGE;
		stop->ea = x.dar;
		stop->access = (x.dsisr & DSISR_STORE) ? SIM_ACC_STORE : SIM_ACC_LOAD;
		break;
	case SIM_UE_ISI:
	case SIM_UE_HISI:
	case SIM_UE_ISEG:
		stop->reason = SIM_STOP_STORAGE;
		stop->ea = x.pc;
		stop->access = SIM_ACC_FETCH;
		break;
	case SIM_UE_ALIGN:
		stop->reason = SIM_STOP_ALIGN;
		stop->ea = x.dar;
		break;
	case SIM_UE_FPU:
		stop->reason = SIM_STOP_FACILITY;
		stop->facility = SIM_MSR_FP;
		break;
	case SIM_UE_VEC:
		stop->reason = SIM_STOP_FACILITY;
		stop->facility = SIM_MSR_VEC;
		break;
	case SIM_UE_VSX:
		stop->reason = SIM_STOP_FACILITY;
		stop->facility = SIM_MSR_VSX;
		break;
	case SIM_UE_ERROR:
		stop->reason = SIM_STOP_ERROR;
		stop->msg = sim_ue_error(e);
		break;
	case SIM_UE_BREAK:
		stop->reason = SIM_STOP_BREAK;
		break;
	}
}

static void ops_debug(struct sim_engine *eng, bool step, const uint64_t *brk, unsigned int n)
{
	sim_ue_set_debug(UE(eng), step, brk, n);
}

static void glue_code_written(void *ctx, uint64_t ra, uint64_t len)
{
	struct ue_glue *g = ctx;

	sim_ue_invalidate_code(g->ue, ra, len);
}

static void ops_destroy(struct sim_engine *eng)
{
	struct ue_glue *g = eng->priv;

	if (sim_host.code_ctx == g) {
		sim_host.code_written = NULL;
		sim_host.code_ctx = NULL;
	}
	sim_ue_close(g->ue);
	free(g);
}

static const struct sim_engine_ops unicorn_ops = {
	.name = "unicorn-2.0.1",
	.put_regs = ops_put_regs,
	.get_regs = ops_get_regs,
	.set_pc_msr = ops_set_pc_msr,
	.mmu_changed = ops_mmu_changed,
	.tlb_flush = ops_tlb_flush,
	.run = ops_run,
	.destroy = ops_destroy,
	.debug = ops_debug,
};

struct sim_engine *sim_engine_unicorn_create(struct sim_machine *m, char *err, size_t errlen)
{
	struct ue_glue *g = calloc(1, sizeof(*g));

	if (!g) {
		snprintf(err, errlen, "engine: out of memory");
		return NULL;
	}
	if (sim_ue_open(&g->ue, m->arena.base, m->arena.size, 0, err, errlen)) {
		free(g);
		return NULL;
	}
	sim_ue_set_tb_fn(g->ue, glue_tb, g);
	served_sprs(g);
	sim_host.code_written = glue_code_written;
	sim_host.code_ctx = g;
	g->eng.ops = &unicorn_ops;
	g->eng.m = m;
	g->eng.priv = g;
	return &g->eng;
}

struct sim_ue *sim_engine_unicorn_ue(struct sim_engine *e)
{
	return UE(e);
}
