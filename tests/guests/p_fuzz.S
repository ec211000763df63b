/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * p7sim: the guest half of the guest-driven fuzzer.  It replays the script
 * p7fuzz-gen wrote (the --initrd file; format and memory layout in
 * p7fuzz.h), record by record, and survives whatever a record does:
 *
 *  - every 0x20 bytes from 0x100 to 0x1fe0 is a vector stub, so any
 *    interrupt (and any branch into the vectors) lands in `common`, which
 *    saves the interrupted registers in this vcpu's area (see VCPU,
 *    with SPRG1/SPRG2 as the only scratch: ISA 2.06 Book III-S 4.2.1
 *    leaves them to software);
 *  - the asynchronous ones (external 0x500, decrementer 0x900, doorbell
 *    0xa00, performance monitor 0xf00) are acknowledged at their source and
 *    return to SRR0/SRR1 with every register restored, as an OS does;
 *    a run of 64 of them at the same SRR0 (a source that cannot be
 *    silenced, a branch into their stub) ends the op instead;
 *  - every other one ends the current op: its vector, SRR0/1, DAR, DSISR
 *    and r3..r10 go into the checksum and the next record runs, in real
 *    mode with MSR = SF|ME, whatever the record did to the MSR, the SLB or
 *    the registers (the interpreter keeps its state in memory only).
 *
 * At the end vcpu 0 prints, for each vcpu that ran, the number of records
 * of each op, the number of interrupts by vector, how many ops ended at
 * the slot's own sc 0, and the checksum, then powers off.  With --smp the
 * other vcpus run the records tagged with their number once a record has
 * started them (RTAS start-cpu at P7FUZZ_SECONDARY), and stop themselves
 * at the end.  Registers: r20 = record, r21 = area,
 * r22 = slot; r14-r19 in the summary.
 */
#include "p7lib.h"
#include "p7fuzz.h"

#define SPRN_DSISR	18
#define SPRN_DAR	19
#define SPRN_SPRG1	273
#define SPRN_SPRG2	274
#define SPRN_MMCR0	795
#define SPRN_PIR	1023

/*
 * The vcpu number: p7sim runs vcpu N on thread 0 of core N, PIR 4N (a guest
 * may not rely on that: Linux takes its CPU numbers from the device tree;
 * this test program may).  None of these macros touches CR.
 */
#define VCPU(r)		mfspr r, SPRN_PIR; rlwinm r, r, 30, 29, 31

/* r = this vcpu's area: P7FUZZ_AREA + vcpu << P7FUZZ_AREA_SHIFT (12) */
#define AREA(r)					\
	mfspr	r, SPRN_PIR;			\
	rlwinm	r, r, 10, 17, 19;		\
	ori	r, r, P7FUZZ_AREA

/* r = this vcpu's gadget slot: P7FUZZ_GADGET + vcpu * P7FUZZ_SLOT_SIZE (0x40) */
#define SLOT(r)					\
	mfspr	r, SPRN_PIR;			\
	rlwinm	r, r, 4, 23, 25;		\
	ori	r, r, P7FUZZ_GADGET

#define LOAD32(r, v)	lis r, (v) >> 16; ori r, r, (v) & 0xffff
/* r = SF | ME: 64-bit, real mode, supervisor, interrupts off */
#define MSR_SANE(r)	li r, 1; sldi r, r, 63; ori r, r, 0x1000

/* cksum (r5) = rotl(cksum, 5) ^ the doubleword at off(r21) */
#define FOLD(off)	ld 6, off(21); rotldi 5, 5, 5; xor 5, 5, 6

	.section .text
	.globl _start

	. = 0x100
	.set	vec, 0x100
	.rept	(0x2000 - 0x100) / 0x20
	. = vec
	mtspr	SPRN_SPRG1, 4
	mtspr	SPRN_SPRG2, 3
	li	3, vec
	b	common
	.set	vec, vec + 0x20
	.endr

	. = 0x2000
_start:
	b	start0
	. = P7FUZZ_SECONDARY
	b	secondary

start0:
	GUEST_ENTRY
	AREA(21)
	/* the area starts zeroed (the script may have been replayed before) */
	li	5, 4096 / 8
	mtctr	5
	li	5, 0
	addi	6, 21, -8
1:	stdu	5, 8(6)
	bdnz	1b
	/* the script: /chosen linux,initrd-start/-end (u64 each) */
	mr	3, 30
	addi	4, 31, s_initrd_start - _start
	bl	fdt_prop
	cmpdi	3, 0
	beq	no_script
	lwz	5, 0(3)
	lwz	22, 4(3)
	rldimi	22, 5, 32, 0
	mr	3, 30
	addi	4, 31, s_initrd_end - _start
	bl	fdt_prop
	cmpdi	3, 0
	beq	no_script
	lwz	5, 0(3)
	lwz	23, 4(3)
	rldimi	23, 5, 32, 0
	/* header: magic, version, record size, records inside the file */
	lwz	5, P7FUZZ_H_MAGIC(22)
	LOAD32(6, P7FUZZ_MAGIC)
	cmplw	5, 6
	bne	bad_script
	lwz	5, P7FUZZ_H_VERSION(22)
	cmplwi	5, P7FUZZ_VERSION
	bne	bad_script
	lwz	5, P7FUZZ_H_RECSIZE(22)
	cmplwi	5, P7FUZZ_REC_SIZE
	bne	bad_script
	lwz	14, P7FUZZ_H_NREC(22)
	mulli	5, 14, P7FUZZ_REC_SIZE
	addi	5, 5, P7FUZZ_HDR_SIZE
	add	5, 5, 22
	cmpld	5, 23
	bgt	bad_script
	std	5, P7FUZZ_A_END(21)
	addi	6, 22, P7FUZZ_HDR_SIZE
	std	6, P7FUZZ_A_CURSOR(21)
	/* for the other vcpus */
	li	7, P7FUZZ_SHARED
	std	6, 0(7)
	std	5, 8(7)
	ld	15, P7FUZZ_H_SEED(22)
	PUTS(m_seed)
	mr	3, 15
	bl	puthex
	PUTS(m_records)
	PUTHEX(14)
	/* this vcpu's slot ends with sc 0 */
	SLOT(22)
	LOAD32(5, 0x44000002)
	stw	5, P7FUZZ_SLOT_SC(22)
	dcbst	0, 22
	sync
	icbi	0, 22
	isync
	LOAD32(5, P7FUZZ_DEC_RELOAD)
	mtdec	5
	b	loop

/*
 * Another vcpu, started by a record's RTAS start-cpu: r3 = the index of the
 * first record to look at.  It runs the records tagged with its number and
 * stops itself at the end; an entry elsewhere, or before vcpu 0 published
 * the script, finds nothing to do and stops.
 */
secondary:
	mr	14, 3
	bl	1f
1:	mflr	31
	addi	31, 31, _start - 1b
	lis	1, 0x80
	AREA(21)
	li	5, 4096 / 8
	mtctr	5
	li	5, 0
	addi	6, 21, -8
2:	stdu	5, 8(6)
	bdnz	2b
	li	7, P7FUZZ_SHARED
	ld	5, 0(7)
	ld	6, 8(7)
	std	6, P7FUZZ_A_END(21)
	/* cursor = first + r3 records, or the end */
	mr	8, 6
	LOAD32(9, P7FUZZ_MAX_RECORDS)
	cmpld	14, 9
	bgt	3f
	mulli	8, 14, P7FUZZ_REC_SIZE
	add	8, 8, 5
	cmpld	8, 6
	ble	3f
	mr	8, 6
3:	std	8, P7FUZZ_A_CURSOR(21)
	SLOT(22)
	LOAD32(5, 0x44000002)
	stw	5, P7FUZZ_SLOT_SC(22)
	dcbst	0, 22
	sync
	icbi	0, 22
	isync
	LOAD32(5, P7FUZZ_DEC_RELOAD)
	mtdec	5

/* ---- the interpreter loop ---------------------------------------------- */
loop:
	MSR_SANE(5)
	mtmsrd	5
	AREA(21)
	ld	20, P7FUZZ_A_CURSOR(21)
	ld	5, P7FUZZ_A_END(21)
	cmpld	20, 5
	bge	done
	addi	5, 20, P7FUZZ_REC_SIZE
	std	5, P7FUZZ_A_CURSOR(21)
	/* another vcpu's record? */
	lhz	7, P7FUZZ_R_FLAGS(20)
	rlwinm	7, 7, 32 - P7FUZZ_F_CPU_SHIFT, 29, 31
	VCPU(8)
	cmpw	7, 8
	bne	loop
	lhz	6, P7FUZZ_R_OP(20)
	andi.	7, 6, P7FUZZ_NR_OPS - 1
	sldi	7, 7, 2
	addi	7, 7, P7FUZZ_A_OPS
	lwzx	8, 21, 7
	addi	8, 8, 1
	stwx	8, 21, 7
	cmpwi	6, P7FUZZ_OP_EXEC
	beq	op_exec
	cmpwi	6, P7FUZZ_OP_WRITE
	beq	op_write
	b	loop

/* OP_WRITE: length bytes from the record to the real address in its r3 slot */
op_write:
	ld	3, P7FUZZ_R_GPR(20)
	lwz	4, P7FUZZ_R_LEN(20)
	cmplwi	4, P7FUZZ_MAX_WRITE
	ble	1f
	li	4, P7FUZZ_MAX_WRITE
1:	cmpwi	4, 0
	beq	loop
	mtctr	4
	addi	5, 20, P7FUZZ_R_DATA
2:	lbz	6, 0(5)
	stb	6, 0(3)
	addi	5, 5, 1
	addi	3, 3, 1
	bdnz	2b
	b	loop

/* OP_EXEC: the record's instructions in the slot, its registers, rfid */
op_exec:
	SLOT(22)
	lwz	5, P7FUZZ_R_INSN + 0(20)
	stw	5, 0(22)
	lwz	5, P7FUZZ_R_INSN + 4(20)
	stw	5, 4(22)
	lwz	5, P7FUZZ_R_INSN + 8(20)
	stw	5, 8(22)
	lwz	5, P7FUZZ_R_INSN + 12(20)
	stw	5, 12(22)
	dcbst	0, 22
	sync
	icbi	0, 22
	isync
	/* the block: P7FUZZ_POISON(n) in every GPR, then r3..r10 */
	addi	6, 21, P7FUZZ_A_BLOCK
	li	7, 32
	mtctr	7
	li	8, 0xff
	sldi	8, 8, 32
	oris	8, 8, 0xf000
	lis	9, 0x10
	addi	10, 6, -8
3:	stdu	8, 8(10)
	add	8, 8, 9
	bdnz	3b
	li	7, 8
	mtctr	7
	addi	10, 20, P7FUZZ_R_GPR - 8
	addi	11, 6, 3 * 8 - 8
4:	ldu	12, 8(10)
	stdu	12, 8(11)
	bdnz	4b
	/* SRR0: the slot or the record's; SRR1: SF|ME or the record's */
	lhz	7, P7FUZZ_R_FLAGS(20)
	mr	5, 22
	andi.	8, 7, P7FUZZ_F_EA
	beq	5f
	ld	5, P7FUZZ_R_SRR0(20)
5:	mtsrr0	5
	MSR_SANE(5)
	andi.	8, 7, P7FUZZ_F_MSR
	beq	6f
	ld	5, P7FUZZ_R_MSR(20)
6:	mtsrr1	5
	ld	5, P7FUZZ_R_CTR(20)
	mtctr	5
	mtlr	5
	lwz	5, P7FUZZ_R_XER(20)
	mtxer	5
	lwz	5, P7FUZZ_R_CR(20)
	mtcrf	0xff, 5
	/* every GPR from the block, the block's base (r31) last */
	mr	31, 6
	.set	n, 0
	.rept	31
	ld	n, n * 8(31)
	.set	n, n + 1
	.endr
	ld	31, 31 * 8(31)
	rfid

/* ---- interrupts ---------------------------------------------------------- */
/* r3 = the vector; SPRG1 = r4 and SPRG2 = r3 of the interrupted code */
common:
	AREA(4)
	std	0, 0(4)
	.set	n, 5
	.rept	8
	std	n, n * 8(4)
	.set	n, n + 1
	.endr
	mfspr	0, SPRN_SPRG2
	std	0, 3 * 8(4)
	mfspr	0, SPRN_SPRG1
	std	0, 4 * 8(4)
	mfcr	0
	std	0, P7FUZZ_A_CR(4)
	mfxer	0
	std	0, P7FUZZ_A_XER(4)
	mfctr	0
	std	0, P7FUZZ_A_CTR(4)
	mflr	0
	std	0, P7FUZZ_A_LR(4)
	mfsrr0	0
	std	0, P7FUZZ_A_SRR0(4)
	mfsrr1	0
	std	0, P7FUZZ_A_SRR1(4)
	mfspr	0, SPRN_DAR
	std	0, P7FUZZ_A_DAR(4)
	mfspr	0, SPRN_DSISR
	std	0, P7FUZZ_A_DSISR(4)
	std	3, P7FUZZ_A_VEC(4)
	/* count it: (vector >> 5) & 0xff */
	rldicl	5, 3, 64 - 5, 56
	sldi	5, 5, 2
	addi	5, 5, P7FUZZ_A_IRQS
	lwzx	6, 4, 5
	addi	6, 6, 1
	stwx	6, 4, 5
	cmpwi	3, 0x500
	beq	irq_external
	cmpwi	3, 0x900
	beq	irq_dec
	cmpwi	3, 0xf00
	beq	irq_perfmon
	cmpwi	3, 0xa00
	beq	async_return
	b	irq_sync

/* XICS (PAPR 18.5): accept, clear an IPI's MFRR, EOI with CPPR 0 (all masked) */
irq_external:
	li	3, H_XIRR
	sc	1
	AREA(11)
	std	4, P7FUZZ_A_TMP(11)
	rlwinm.	6, 4, 0, 8, 31
	beq	async_return
	cmpwi	6, 2
	bne	1f
	li	3, H_IPI
	VCPU(4)
	li	5, 0xff
	sc	1
1:	AREA(11)
	ld	4, P7FUZZ_A_TMP(11)
	rlwinm	4, 4, 0, 8, 31
	li	3, H_EOI
	sc	1
	b	async_return

irq_dec:
	LOAD32(5, P7FUZZ_DEC_RELOAD)
	mtdec	5
	b	async_return

/* MMCR0 = FC: counters frozen, PMXE and PMAO clear (ISA 2.06 Book III-S 9.4.4) */
irq_perfmon:
	lis	5, 0x8000
	mtspr	SPRN_MMCR0, 5
	b	async_return

async_return:
	AREA(4)
	ld	5, P7FUZZ_A_SRR0(4)
	ld	6, P7FUZZ_A_ASYNC_PC(4)
	ld	7, P7FUZZ_A_ASYNC_N(4)
	addi	7, 7, 1
	cmpd	5, 6
	beq	1f
	li	7, 0
1:	std	5, P7FUZZ_A_ASYNC_PC(4)
	std	7, P7FUZZ_A_ASYNC_N(4)
	cmpdi	7, 64
	bgt	irq_sync
	ld	0, P7FUZZ_A_SRR0(4)
	mtsrr0	0
	ld	0, P7FUZZ_A_SRR1(4)
	mtsrr1	0
	ld	0, P7FUZZ_A_CR(4)
	mtcrf	0xff, 0
	ld	0, P7FUZZ_A_XER(4)
	mtxer	0
	ld	0, P7FUZZ_A_CTR(4)
	mtctr	0
	ld	0, P7FUZZ_A_LR(4)
	mtlr	0
	ld	0, 0(4)
	ld	3, 3 * 8(4)
	.set	n, 5
	.rept	8
	ld	n, n * 8(4)
	.set	n, n + 1
	.endr
	ld	4, 4 * 8(4)
	rfid

/* The op ends here: fold what it left, then the next record. */
irq_sync:
	AREA(21)
	ld	5, P7FUZZ_A_CKSUM(21)
	FOLD(P7FUZZ_A_VEC)
	FOLD(P7FUZZ_A_SRR0)
	FOLD(P7FUZZ_A_SRR1)
	FOLD(P7FUZZ_A_DAR)
	FOLD(P7FUZZ_A_DSISR)
	.set	n, 3
	.rept	8
	FOLD(n * 8)
	.set	n, n + 1
	.endr
	std	5, P7FUZZ_A_CKSUM(21)
	li	5, 0
	std	5, P7FUZZ_A_ASYNC_N(21)
	/* did it end at the slot's own sc 0? */
	ld	6, P7FUZZ_A_VEC(21)
	cmpwi	6, 0xc00
	bne	1f
	SLOT(7)
	addi	7, 7, P7FUZZ_SLOT_SC + 4
	ld	8, P7FUZZ_A_SRR0(21)
	cmpd	7, 8
	bne	1f
	ld	9, P7FUZZ_A_NORMAL(21)
	addi	9, 9, 1
	std	9, P7FUZZ_A_NORMAL(21)
1:	bl	2f
2:	mflr	31
	addi	31, 31, _start - 2b
	lis	1, 0x80
	b	loop

/* ---- the summary ------------------------------------------------------- */
/* vcpu 0 prints every vcpu's counters (r23 = vcpu, r21 = its area); the others stop. */
done:
	VCPU(5)
	cmpwi	5, 0
	bne	stop_self
	PUTS(m_done)
	li	23, 0
9:	rldic	21, 23, P7FUZZ_AREA_SHIFT, 64 - P7FUZZ_AREA_SHIFT - 3
	ori	21, 21, P7FUZZ_AREA
	ld	5, P7FUZZ_A_END(21)
	cmpdi	5, 0
	beq	8f
	PUTS(m_cpu)
	PUTHEX(23)
	/* records by op */
	li	14, 0
1:	sldi	5, 14, 2
	addi	5, 5, P7FUZZ_A_OPS
	lwzx	15, 21, 5
	cmpwi	15, 0
	beq	2f
	PUTS(m_op)
	mr	3, 14
	bl	puthex
	PUTS(m_colon)
	PUTHEX(15)
2:	addi	14, 14, 1
	cmpwi	14, P7FUZZ_NR_OPS
	blt	1b
	/* interrupts by vector */
	li	14, 0
3:	sldi	5, 14, 2
	addi	5, 5, P7FUZZ_A_IRQS
	lwzx	15, 21, 5
	cmpwi	15, 0
	beq	4f
	PUTS(m_irq)
	sldi	3, 14, 5
	bl	puthex
	PUTS(m_colon)
	PUTHEX(15)
4:	addi	14, 14, 1
	cmpwi	14, 0x100
	blt	3b
	ld	15, P7FUZZ_A_NORMAL(21)
	PUTS(m_normal)
	PUTHEX(15)
	ld	15, P7FUZZ_A_CKSUM(21)
	PUTS(m_cksum)
	PUTHEX(15)
8:	addi	23, 23, 1
	cmpwi	23, P7FUZZ_MAX_CPUS
	blt	9b
	POWER_OFF

stop_self:
	addi	3, 31, rtas_stop_self - _start
	bl	rtas
	b	stop_self

no_script:
	PUTS(m_no_script)
	POWER_OFF
bad_script:
	PUTS(m_bad_script)
	POWER_OFF

/* puthex: r3 as 0x%x, no newline (print_hex without its newline). */
puthex:
	mflr	19
	mr	18, 3
	li	17, 60
	li	16, 0
	PUTS(p7lib_0x)
5:	srd	6, 18, 17
	andi.	6, 6, 0xf
	cmpdi	1, 17, 0
	or.	0, 6, 16
	bne	6f
	bne	1, 8f
6:	li	16, 1
	cmpdi	6, 10
	addi	6, 6, '0'
	blt	7f
	addi	6, 6, 'a' - '0' - 10
7:	sldi	6, 6, 56
	li	3, H_PUT_TERM_CHAR
	li	4, 0
	li	5, 1
	sc	1
8:	addi	17, 17, -4
	cmpdi	17, 0
	bge	5b
	mtlr	19
	blr

	.balign	8
rtas_stop_self:	.long	RTAS_STOP_SELF, 0, 1, 0
s_initrd_start:	.asciz	"linux,initrd-start"
s_initrd_end:	.asciz	"linux,initrd-end"
m_seed:		.asciz	"p7fuzz: seed "
m_records:	.asciz	", records "
m_done:		.asciz	"p7fuzz: done\n"
m_cpu:		.asciz	"vcpu "
m_op:		.asciz	"op "
m_irq:		.asciz	"irq "
m_colon:	.asciz	": "
m_normal:	.asciz	"ended at the slot's sc 0: "
m_cksum:	.asciz	"checksum "
m_no_script:	.asciz	"p7fuzz: no script (--initrd)\n"
m_bad_script:	.asciz	"p7fuzz: the --initrd file is not a p7fuzz-gen script of this version\n"
	.balign	4
#include "p7lib.S"
#include "fdtlib.S"

	/* the gadget slots and the areas: zero-filled, part of the image */
	. = P7FUZZ_GADGET
	.space	P7FUZZ_SLOT_SIZE * P7FUZZ_MAX_CPUS
	. = P7FUZZ_AREA
	.space	P7FUZZ_MAX_CPUS << P7FUZZ_AREA_SHIFT
