/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The guest-driven fuzzer's contract between its two halves: the script
 * format p7fuzz-gen (tests/fuzz/p7fuzz_gen.c) writes and the interpreter
 * guest p_fuzz.S replays, and the guest memory layout both rely on.  Used
 * from C and from assembly: numbers only.  docs/p7sim.md, "The guest-driven
 * fuzzer", describes the whole.
 *
 * The script is the --initrd file (the guest finds it through /chosen
 * linux,initrd-start/-end), big-endian:
 *
 *   header, P7FUZZ_HDR_SIZE bytes
 *     +0  u32 magic "P7FZ", +4 u32 version
 *     +8  u32 number of records, +12 u32 record size (P7FUZZ_REC_SIZE)
 *     +16 u64 seed (printed in the summary, nothing else)
 *     +24 u64 guest memory size the generator assumed
 *   records, P7FUZZ_REC_SIZE bytes each
 *     +0  u16 op, +2 u16 flags, +4 u32 CR, +8 u32 XER, +12 u32 length
 *     +16 u32 insn[4]
 *     +32 u64 MSR (with P7FUZZ_F_MSR), +40 u64 CTR (and LR),
 *     +48 u64 SRR0 (with P7FUZZ_F_EA), +56 u64 r3..r10 (8 each)
 *
 * P7FUZZ_OP_EXEC writes insn[0..3] into this vcpu's gadget slot, followed by
 * the slot's fixed `sc 0`, makes it fetchable (dcbst, sync, icbi, isync),
 * loads every GPR (r3..r10 from the record, every other one with
 * P7FUZZ_POISON(n), an address that is outside guest memory in any mode),
 * CR, XER, CTR and LR, and enters the slot with rfid: MSR = SF|ME, or the
 * record's MSR; at the slot's real address, or at the record's SRR0.
 * The op ends with the next synchronous interrupt (normally the `sc 0`),
 * whose handler folds the vector, SRR0/1, DAR, DSISR and r3..r10 into the
 * run's checksum and goes on with the next record.
 *
 * P7FUZZ_OP_WRITE copies `length` (at most 56) bytes from the record's
 * +64 (the r4..r10 slots) to the real address in the r3 slot, byte by
 * byte, in real mode (an RTAS argument buffer, code to branch to, data).
 */
#ifndef P7FUZZ_H
#define P7FUZZ_H

#define P7FUZZ_MAGIC		0x5037465a	/* "P7FZ" */
#define P7FUZZ_VERSION		1
#define P7FUZZ_HDR_SIZE		64
#define P7FUZZ_REC_SIZE		120
/* Records end below P7FUZZ_PROTECT_END: the generator's limit. */
#define P7FUZZ_MAX_RECORDS	100000

#define P7FUZZ_H_MAGIC		0
#define P7FUZZ_H_VERSION	4
#define P7FUZZ_H_NREC		8
#define P7FUZZ_H_RECSIZE	12
#define P7FUZZ_H_SEED		16
#define P7FUZZ_H_MEM		24

#define P7FUZZ_R_OP		0
#define P7FUZZ_R_FLAGS		2
#define P7FUZZ_R_CR		4
#define P7FUZZ_R_XER		8
#define P7FUZZ_R_LEN		12
#define P7FUZZ_R_INSN		16
#define P7FUZZ_R_MSR		32
#define P7FUZZ_R_CTR		40
#define P7FUZZ_R_SRR0		48
#define P7FUZZ_R_GPR		56	/* r3..r10, 8 bytes each */
#define P7FUZZ_R_DATA		64	/* OP_WRITE: the bytes, from r4's slot */
#define P7FUZZ_MAX_WRITE	56

#define P7FUZZ_OP_EXEC		1
#define P7FUZZ_OP_WRITE		2
#define P7FUZZ_NR_OPS		16	/* ops are counted modulo this */

#define P7FUZZ_F_MSR		0x1	/* enter with the record's MSR */
#define P7FUZZ_F_EA		0x2	/* enter at the record's SRR0 */
/* flags bits 8..10: the vcpu (PIR >> 2 in p7sim) that runs the record; the others skip it */
#define P7FUZZ_F_CPU_SHIFT	8
#define P7FUZZ_F_CPU_MASK	0x7

/*
 * Guest real memory (the image is linked and loaded at 0):
 *   0x0000-0x00ff  free: stores there are allowed (EAs near 0)
 *   0x0100-0x1fff  a vector stub every 0x20 bytes (any of them may be hit)
 *   0x2000-        the interpreter (0x2000 vcpu 0's entry, SECONDARY the others')
 *   GADGET         one slot per vcpu, P7FUZZ_SLOT_SIZE apart: insn[0..3], sc 0
 *   AREA           one page per vcpu: saved registers, state, counters
 *   0x10000-       the script (the initrd: the next 64 KiB boundary)
 *   PROTECT_END-   scratch, the device tree near the top: the fuzzer's
 * Nothing the generator asks to store, and no buffer it gives the HV or
 * the VMM, lies in [P7FUZZ_FREE_END, P7FUZZ_PROTECT_END) in any addressing
 * mode (VRMA real mode ignores EA bits 0:23, 32-bit mode bits 0:31).
 */
#define P7FUZZ_FREE_END		0x100
/*
 * RTAS start-cpu entry of the other vcpus: r3 = the index of the first
 * record they look at (they run the records tagged with their number).
 */
#define P7FUZZ_SECONDARY	0x2004
/* The script's first record and end, for the other vcpus (two u64). */
#define P7FUZZ_SHARED		0x7800
#define P7FUZZ_GADGET		0x7000
#define P7FUZZ_SLOT_SIZE	0x40
#define P7FUZZ_SLOT_SC		16	/* offset of the slot's sc 0 */
#define P7FUZZ_AREA		0x8000
#define P7FUZZ_AREA_SHIFT	12
#define P7FUZZ_MAX_CPUS		8
#define P7FUZZ_SCRIPT		0x10000
#define P7FUZZ_PROTECT_END	0x1000000
#define P7FUZZ_MIN_MEM		0x2000000

/* The value of GPR n in the gadget when the record does not set it. */
#define P7FUZZ_POISON_BASE	0x000000fff0000000
#define P7FUZZ_POISON(n)	(P7FUZZ_POISON_BASE + ((n) << 20))

/* The decrementer after a decrementer interrupt (2 ms at 512 MHz). */
#define P7FUZZ_DEC_RELOAD	0x100000

/* Per-vcpu area offsets. */
#define P7FUZZ_A_GPR		0x000	/* r0..r12 at the interrupt */
#define P7FUZZ_A_CR		0x068
#define P7FUZZ_A_XER		0x070
#define P7FUZZ_A_CTR		0x078
#define P7FUZZ_A_LR		0x080
#define P7FUZZ_A_SRR0		0x088
#define P7FUZZ_A_SRR1		0x090
#define P7FUZZ_A_DAR		0x098
#define P7FUZZ_A_DSISR		0x0a0
#define P7FUZZ_A_VEC		0x0a8
#define P7FUZZ_A_TMP		0x0b0
#define P7FUZZ_A_ASYNC_PC	0x0b8	/* SRR0 of the last asynchronous interrupt */
#define P7FUZZ_A_ASYNC_N	0x0c0	/* how many in a row there */
#define P7FUZZ_A_CURSOR		0x100	/* the next record */
#define P7FUZZ_A_END		0x108	/* the end of the records */
#define P7FUZZ_A_CKSUM		0x110
#define P7FUZZ_A_NORMAL		0x118	/* ops that ended at the slot's sc 0 */
#define P7FUZZ_A_BLOCK		0x200	/* the gadget's r0..r31 */
#define P7FUZZ_A_IRQS		0x400	/* u32 per vector / 0x20 below 0x2000 */
#define P7FUZZ_A_OPS		0x800	/* u32 per op % P7FUZZ_NR_OPS */

#endif /* P7FUZZ_H */
