/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Private to sim/engine/: what the Unicorn engine's files share.  The
 * library internals this engine relies on (each probed at open, probe.c),
 * the engine's state, and the model glue's state.  Nothing outside this
 * folder includes it; the model sees only sim/engine.h, tests and tools
 * engine_unicorn.h.
 */
#ifndef SIM_ENGINE_INTERNAL_H
#define SIM_ENGINE_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include <unicorn/unicorn.h>

#include "engine.h"
#include "engine_unicorn.h"

/* ---- library internals (libunicorn2 2.0.1.post1, amd64) ------------------- */

#define UC_CPU_PTR_OFF		384	/* struct uc_struct: CPUState *cpu */
#define CPU_ENV_OFF		37824	/* PowerPCCPU: CPUPPCState env */
#define ENV_GPR			0
#define ENV_LR			512	/* after gpr[32] and gprh[32] */
#define ENV_CTR			520
#define ENV_CRF			528	/* uint32_t crf[8], CR field 0 first */
#define ENV_XER			568	/* after cfar: XER without the bits below */
#define ENV_XER_SO		576	/* then so, ov, ca, ov32, ca32: one target_ulong each */
#define ENV_XER_OV		584
#define ENV_XER_CA		592
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
/*
 * ppc_vsr_t vsr[64], 16 bytes each, 16-aligned: VSR 0-31 (FPR i is its
 * doubleword 0), then VR 0-31.  On this little-endian host doubleword 0
 * (ISA bits 0:63) is the upper 8 bytes of each entry.  VSCR without SAT
 * lies just below; SAT is kept apart, as a nonzero vector just above.
 */
#define ENV_VSCR		76568	/* uint32_t vscr */
#define ENV_VSR			76576
#define ENV_VSR_SIZE		16
#define ENV_VSR_DW0		8	/* byte offset of doubleword 0 in an entry */
#define ENV_VSR_DW1		0
#define ENV_VSCR_SAT		(ENV_VSR + 64 * ENV_VSR_SIZE)
/*
 * The FPSCR the floating-point instructions really use.  libunicorn 2.0.1
 * exports the helpers of QEMU's fpu_helper.c and dfp_helper.c without the
 * per-target suffix, and the 32-bit PowerPC build's copies won: every FP,
 * VSX and DFP helper the 64-bit translator calls addresses the 32-bit
 * CPUPPCState layout.  Their fp_status and fpscr (4 bytes) land 12 bytes
 * into the 64-bit env's callback slot of SPR 943, which POWER10 leaves
 * unregistered, while mffs, mcrfs, the record forms and uc_reg_read read
 * the 64-bit fpscr field that no FP instruction updates.  The engine keeps
 * the thread's FPSCR here, and mffs and mcrfs stop for the model.
 */
#define ENV_FPSCR_FP		71404
#define ENV_FP_ALIAS_SPR	943	/* the SPR whose callback slot holds it */
#define VSCR_NJ			0x00010000u
#define VSCR_SAT		0x00000001u

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
#define SPR_CB_OEA_READ		16
#define SPR_CB_OEA_WRITE	24
#define SPR_CB_NAME		48

/* opc_handler_t: inval1, inval2 (u32), type, type2 (u64), handler. */
#define OPC_TYPE_OFF		8
#define OPC_TYPE2_OFF		16
#define OPC_INDIRECT		1	/* low pointer bits tag a sub-table */
#define QX_PPC_CACHE_ICBI	0x0000000400000000ULL	/* the icbi handler's type */
#define OPC_TABLE_LEN		32
#define OPC_PRIMARY_LEN		64

static inline bool opc_is_indirect(void *h)
{
	return ((uintptr_t)h & 3) == OPC_INDIRECT;
}

static inline void **opc_table(void *h)
{
	return (void **)((uintptr_t)h & ~(uintptr_t)3);
}

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

/*
 * uc_emu_start's "until".  Exits are enabled with none set (probe.c), so
 * Unicorn ignores it; were it used, the run would stop when the PC equals
 * it, and an odd address is never a POWER PC (instructions are word
 * aligned), so a guest can branch anywhere, the last word included.
 */
#define UNTIL_NEVER	0xffffffffffffffffULL

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
#define UE_PAGE			4096ULL		/* QEMU's target page */
#define UE_ACC_FETCH		2		/* MMU_INST_FETCH */
#define UE_TLB_INVALID		0x800ULL	/* TLB_INVALID_MASK */
#define UE_TLB_MMIO		0x200ULL	/* TLB_MMIO: not RAM, no addend */
#define UE_TLB_NOTDIRTY		0x400ULL	/* TLB_NOTDIRTY: stores take the slow path */
#define UE_CPU_CC_OFF		33200	/* CPUState: CPUClass *cc (Unicorn has no QOM objects) */
/*
 * Bytes of the CPU class searched for tlb_fill: the class is allocated at
 * the end of the CPU object (cpu + 118464 of 118800 bytes in this build),
 * so a scan must stop at the 336 bytes left, or it reads past the object.
 */
#define UE_CLASS_SCAN		336

/* Exported internals of the library (resolved at link time). */
extern void tlb_flush_ppc64(void *cpu);
extern uint64_t ppc_cpu_get_phys_page_debug_ppc64(void *cpu, uint64_t addr);
extern void tb_invalidate_phys_range_ppc64(void *uc, uint64_t start, uint64_t end);
/* mtvscr/mfvscr: VSCR with SAT folded in and the vector unit's NJ mode kept in step. */
extern void helper_mtvscr_ppc64(void *env, uint32_t vscr);
/* CPUClass::tlb_fill of the PowerPC CPU. */
extern bool ppc_cpu_tlb_fill_ppc64(void *cs, uint64_t addr, int size, int access_type,
				   int mmu_idx, bool probe, uintptr_t retaddr);
extern uint32_t helper_mfvscr_ppc64(void *env);
/* mtfsf's helper (unsuffixed: the 32-bit build's, see ENV_FPSCR_FP). */
extern void helper_store_fpscr(void *env, uint64_t arg, uint32_t mask);

/* At most this many SPRs served in guest supervisor state (SIM_SPR_ENGINE_SV). */
#define UE_MAX_SV		8

struct sim_ue {
	uc_engine *uc;
	uint8_t *cpu;
	uint8_t *env;
	uint8_t *arena;
	uint64_t arena_size;
	uint8_t *tb_env;		/* fake ppc_tb_t: tb_freq 0, tb_offset is TB */
	const uint8_t *hash_opts;	/* PPCHash64Options of the CPU */
	void *invalid_handler;
	/*
	 * SIM_SPR_ENGINE_SV SPRs: their supervisor callbacks, given to problem
	 * state (the engine's) while the guest is in supervisor state.
	 */
	struct { unsigned int n; void *rd, *wr; } sv[UE_MAX_SV];
	unsigned int nsv;
	void *noaccess;
	/* mfspr/mtspr split by SPR number bits 5:9 (probe.c, trap_alias_spr) */
	void **spr_slot[2], *spr_leaf[2], **spr_sub[2];
	uc_hook h_intr, h_block;
	bool counting;

	uint64_t guest_msr;
	struct { uint64_t esid, vsid; bool valid; } slb[64];
	uint64_t slb_writes;		/* changes of slb[], whoever made them */

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

	/*
	 * Real pages the engine ever fetched code from (a bit per 4 KiB page,
	 * set at every instruction-fetch TLB fill, never cleared): only those
	 * can hold translated code that a host write must drop.
	 */
	uint64_t *code_pages;

	/* stores at engine speed (stores.c) */
	void **tlb_fill_slot;		/* CPUClass::tlb_fill in the CPU's class */
	uint64_t fills, fast_fills;	/* TLB fills seen, write entries made fast */
	/* Told of every TLB fill: the guest referenced @ea (SIM_ACC_* @access). */
	void (*ref_fn)(void *ctx, uint64_t ea, unsigned int access);
	void *ref_ctx;

	/* exits offered before the run ends (sim_ue_set_stop_fn) */
	int (*stop_fn)(void *ctx, struct sim_ue_exit *x, uint64_t *budget);
	void *stop_ctx;
	bool run_done;			/* stop_fn ended the run */
	uint64_t starts, resumes;	/* uc_emu_start calls; exits gone on from */

	/* exit latch */
	bool trapped;
	struct sim_ue_exit *x;
	char err[256];
};

#define ENVP(e, off, type)	((type *)((e)->env + (off)))

static inline uint64_t reg_read(struct sim_ue *e, int reg)
{
	uint64_t v = 0;

	uc_reg_read(e->uc, reg, &v);
	return v;
}

static inline void reg_write(struct sim_ue *e, int reg, uint64_t v)
{
	uc_reg_write(e->uc, reg, &v);
}

/*
 * The fixed-point registers as the translated code keeps them.  Unicorn's
 * register API moves env->xer alone, without SO, OV and CA, which QEMU keeps
 * in fields of their own: through it, the model would lose a carry the
 * guest set before an exit, and another vcpu's carry would stay in the
 * engine.  XER here is POWER7's (ISA 2.06 Book I 3.2.2: SO, OV, CA and the
 * byte count); the ISA 3.0 OV32/CA32 of the engine's CPU stay its own.
 */
#define XER_SO_BIT	31
#define XER_OV_BIT	30
#define XER_CA_BIT	29
#define XER_FLAGS	(1ULL << XER_SO_BIT | 1ULL << XER_OV_BIT | 1ULL << XER_CA_BIT)
#define XER_OV32_CA32	(3ULL << 18)

static inline uint64_t ue_xer(struct sim_ue *e)
{
	return (*ENVP(e, ENV_XER, uint64_t) & ~XER_OV32_CA32) |
	       (*ENVP(e, ENV_XER_SO, uint64_t) & 1) << XER_SO_BIT |
	       (*ENVP(e, ENV_XER_OV, uint64_t) & 1) << XER_OV_BIT |
	       (*ENVP(e, ENV_XER_CA, uint64_t) & 1) << XER_CA_BIT;
}

static inline void ue_set_xer(struct sim_ue *e, uint64_t v)
{
	*ENVP(e, ENV_XER_SO, uint64_t) = (v >> XER_SO_BIT) & 1;
	*ENVP(e, ENV_XER_OV, uint64_t) = (v >> XER_OV_BIT) & 1;
	*ENVP(e, ENV_XER_CA, uint64_t) = (v >> XER_CA_BIT) & 1;
	*ENVP(e, ENV_XER, uint64_t) = v & ~(XER_FLAGS | XER_OV32_CA32);
}

static inline uint32_t ue_cr(struct sim_ue *e)
{
	const uint32_t *crf = ENVP(e, ENV_CRF, uint32_t);
	uint32_t cr = 0;

	for (unsigned int i = 0; i < 8; i++)
		cr = cr << 4 | (crf[i] & 0xf);
	return cr;
}

static inline void ue_set_cr(struct sim_ue *e, uint32_t cr)
{
	uint32_t *crf = ENVP(e, ENV_CRF, uint32_t);

	for (unsigned int i = 0; i < 8; i++)
		crf[i] = (cr >> (28 - 4 * i)) & 0xf;
}

/*
 * The fast TLB entry of @addr in MMU context @mmu_idx (QEMU's tlb_index):
 * { addr_read, addr_write, addr_code, addend }.
 */
static inline uint64_t *ue_tlb_entry(struct sim_ue *e, unsigned int mmu_idx, uint64_t addr)
{
	uint64_t mask;
	uint8_t *table;

	memcpy(&mask, e->tlb_fast + 16 * mmu_idx, 8);
	memcpy(&table, e->tlb_fast + 16 * mmu_idx + 8, sizeof(table));
	return (uint64_t *)(table + (((addr >> 12) * UE_TLB_ENTRY) & mask));
}

/* The time base as mftb reads it now (hooks.c, run.c). */
static inline uint64_t tb_now(const struct sim_ue *e)
{
	if (e->tb_fn)
		return e->tb_fn(e->tb_ctx, e->insns - e->run_start);
	return e->tb_base + (((e->insns - e->tb_insns0) * e->tb_mul) >> e->tb_shift);
}

/* hooks.c: installed by sim_ue_open() before anything is translated. */
void ue_hook_block(uc_engine *uc, uint64_t address, uint32_t size, void *data);
void ue_hook_intr(uc_engine *uc, uint32_t intno, void *data);
/* run.c: a run's budget and accounting start (also after an exit gone on from). */
void ue_slice_start(struct sim_ue *e, uint64_t budget);

/* clock.c: mftb without a host clock read (installed by sim_ue_open). */
int ue_fast_tb_install(struct sim_ue *e, char *err, size_t len);

/* hints.c: priority hints translated without QEMU's pause (installed by sim_ue_open). */
int ue_hints_install(struct sim_ue *e, void **primary);

/* stores.c: stores at engine speed (probed and installed by sim_ue_open). */
int ue_fast_stores_install(struct sim_ue *e, char *err, size_t len);
void ue_fast_stores_enter(struct sim_ue *e);
void ue_fast_stores_leave(struct sim_ue *e);

/* mmu.c: the engine's SLB from the guest's. */
void ue_load_slb(struct sim_ue *e);
/* regs.c: the SIM_SPR_ENGINE_SV SPRs' problem-state callbacks for @kernel. */
void ue_sv_sprs(struct sim_ue *e, bool kernel);
int ue_store_slb(struct sim_ue *e, unsigned int index, uint64_t rb, uint64_t rs);

/* ---- the model glue (glue.c, check.c) ---------------------------------------------- */

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
	bool check_failed;		/* it failed at an exit offered to the model */
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
	/* The thread whose VRs, VSCR and VSR halves the engine holds. */
	const struct sim_thread *held_vec;
	unsigned int put_spr[UE_MAX_SERVED], nput;
	unsigned int get_spr[UE_MAX_SERVED], nget;
	unsigned int sv_spr[UE_MAX_SV], nsv;	/* moved both ways in supervisor state */

	/* The thread SLB the engine's was last made from, and e->slb_writes then. */
	uint64_t slb_src[2 * 32];		/* the model's 32 entries: esid, vsid */
	uint64_t slb_src_writes;
	bool slb_src_valid;
};

/* check.c: test mode. */
bool ue_check_tlb(void *ctx);
void ue_check_again(struct ue_glue *g);

#endif /* SIM_ENGINE_INTERNAL_H */
