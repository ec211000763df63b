/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vecregs.S: load and store the whole user FP/VMX/VSX register state, and a
 * DFP round trip, for c_vec.c and c_boot.c.
 *
 * struct vec_state (c_vec.c): vsr[64][16] at 0, fpscr at 1024, vrsave at
 * 1032, vscr (a quadword, VSCR in word 3) at 1040; 16-byte aligned.
 * VSR0-31 overlay FPR0-31 in their first doubleword and VSR32-63 are
 * VR0-31 (ISA 2.06 Book I 7.2), so lxvd2x/stxvd2x of VSR0-63 cover every FP
 * and vector data register.  The callers are built with -msoft-float
 * -mno-altivec -mno-vsx, so no compiled code touches these registers between
 * vec_load and vec_store; that is why nonvolatile f14-f31/v20-v31 may be left
 * changed here.
 */
	.machine power7
	.abiversion 2
	.text

#define VS_FPSCR	1024
#define VS_VRSAVE	1032
#define VS_VSCR		1040

/* void vec_load(const struct vec_state *s) */
	.globl	vec_load
	.type	vec_load, @function
vec_load:
	addi	4, 3, VS_VSCR
	lvx	0, 0, 4
	mtvscr	0
	lfd	0, VS_FPSCR(3)
	mtfsf	0xff, 0
	lwz	5, VS_VRSAVE(3)
	mtvrsave 5
	.irp	n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50,51,52,53,54,55,56,57,58,59,60,61,62,63
	lxvd2x	\n, 0, 3
	addi	3, 3, 16
	.endr
	blr
	.size	vec_load, . - vec_load

/* void vec_store(struct vec_state *s) */
	.globl	vec_store
	.type	vec_store, @function
vec_store:
	mr	6, 3
	.irp	n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50,51,52,53,54,55,56,57,58,59,60,61,62,63
	stxvd2x	\n, 0, 3
	addi	3, 3, 16
	.endr
	mffs	0
	stfd	0, VS_FPSCR(6)
	mfvrsave 5
	stw	5, VS_VRSAVE(6)
	mfvscr	0
	addi	4, 6, VS_VSCR
	stvx	0, 0, 4
	blr
	.size	vec_store, . - vec_store

/*
 * long dfp_add_ints(long a, long b): convert both to DFP long (dcffix), add
 * (dadd), convert back (dctfix): a + b when the DFP unit works.  Uses the
 * ELFv2 red zone below r1 to move values between GPRs and FPRs.
 */
	.globl	dfp_add_ints
	.type	dfp_add_ints, @function
dfp_add_ints:
	std	3, -8(1)
	std	4, -16(1)
	lfd	0, -8(1)
	lfd	1, -16(1)
	dcffix	0, 0
	dcffix	1, 1
	dadd	2, 0, 1
	dctfix	3, 2
	stfd	3, -24(1)
	ld	3, -24(1)
	blr
	.size	dfp_add_ints, . - dfp_add_ints
	.section .note.GNU-stack, "", @progbits
