/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Hand encoders for the few ppc64 instructions the engine tests and the
 * engine benchmark place in guest memory (ISA 2.06 Book I/III formats), so
 * those programs need no cross toolchain.
 */
#ifndef PPC_ENC_H
#define PPC_ENC_H

#include <stdint.h>

#define PPC_D(op, rt, ra, d)	(((uint32_t)(op) << 26) | ((rt) << 21) | ((ra) << 16) | \
				 ((uint32_t)(d) & 0xffff))
#define PPC_X(op, rt, ra, rb, xo) (((uint32_t)(op) << 26) | ((rt) << 21) | ((ra) << 16) | \
				   ((rb) << 11) | ((xo) << 1))

static inline uint32_t ppc_addi(int rt, int ra, int16_t si) { return PPC_D(14, rt, ra, si); }
static inline uint32_t ppc_li(int rt, int16_t si) { return ppc_addi(rt, 0, si); }
static inline uint32_t ppc_addis(int rt, int ra, int16_t si) { return PPC_D(15, rt, ra, si); }
static inline uint32_t ppc_ori(int ra, int rs, uint16_t ui) { return PPC_D(24, rs, ra, ui); }
static inline uint32_t ppc_oris(int ra, int rs, uint16_t ui) { return PPC_D(25, rs, ra, ui); }
static inline uint32_t ppc_xor(int ra, int rs, int rb) { return PPC_X(31, rs, ra, rb, 316); }
static inline uint32_t ppc_or(int ra, int rs, int rb) { return PPC_X(31, rs, ra, rb, 444); }
static inline uint32_t ppc_or_dot(int ra, int rs, int rb) { return ppc_or(ra, rs, rb) | 1; }
static inline uint32_t ppc_mfcr(int rt) { return PPC_X(31, rt, 0, 0, 19); }
static inline uint32_t ppc_add(int rt, int ra, int rb) { return PPC_X(31, rt, ra, rb, 266); }
static inline uint32_t ppc_lwz(int rt, int ra, int16_t d) { return PPC_D(32, rt, ra, d); }
static inline uint32_t ppc_stw(int rs, int ra, int16_t d) { return PPC_D(36, rs, ra, d); }
static inline uint32_t ppc_ld(int rt, int ra, int16_t d) { return PPC_D(58, rt, ra, d & ~3); }
static inline uint32_t ppc_std(int rs, int ra, int16_t d) { return PPC_D(62, rs, ra, d & ~3); }
/* rldicr ra,rs,sh,me (MD form); sldi ra,rs,n = rldicr ra,rs,n,63-n */
static inline uint32_t ppc_rldicr(int ra, int rs, int sh, int me)
{
	return (30u << 26) | (rs << 21) | (ra << 16) | ((sh & 31) << 11) |
	       (((me & 31) << 1 | (me >> 5)) << 5) | (1 << 2) | ((sh >> 5) << 1);
}
static inline uint32_t ppc_sldi(int ra, int rs, int n) { return ppc_rldicr(ra, rs, n, 63 - n); }
static inline uint32_t ppc_b(int32_t off) { return (18u << 26) | ((uint32_t)off & 0x03fffffc); }
static inline uint32_t ppc_bdnz(int16_t off) { return (16u << 26) | (16 << 21) | ((uint16_t)off & 0xfffc); }
static inline uint32_t ppc_mtctr(int rs) { return PPC_X(31, rs, 9, 0, 467); }
static inline uint32_t ppc_mfspr(int rt, int spr)
{
	return PPC_X(31, rt, spr & 31, (spr >> 5) & 31, 339);
}
static inline uint32_t ppc_mtspr(int spr, int rs)
{
	return PPC_X(31, rs, spr & 31, (spr >> 5) & 31, 467);
}
static inline uint32_t ppc_mftb(int rt) { return ppc_mfspr(rt, 268); }
static inline uint32_t ppc_mfmsr(int rt) { return PPC_X(31, rt, 0, 0, 83); }
static inline uint32_t ppc_sc(int lev) { return (17u << 26) | (lev << 5) | 2; }
static inline uint32_t ppc_tw(int to, int ra, int rb) { return PPC_X(31, to, ra, rb, 4); }
static inline uint32_t ppc_ldarx(int rt, int ra, int rb) { return PPC_X(31, rt, ra, rb, 84); }
static inline uint32_t ppc_lqarx(int rt, int ra, int rb) { return PPC_X(31, rt, ra, rb, 276); }
static inline uint32_t ppc_nop(void) { return ppc_ori(0, 0, 0); }

#endif /* PPC_ENC_H */
