/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The guest kernel loader: what QEMU's pseries machine does with -kernel
 * (pseries-guest-contract.md 5.1), for ELF64 big-endian PowerPC images.
 *
 * Placement: a PT_LOAD linked at a low address (a test program, kvm-unit-
 * tests) goes to guest real address kernel_addr + p_vaddr.  A PT_LOAD
 * linked at an effective address with any of EA bits 0:3 set (a Linux
 * vmlinux: 0xc000000000000000, ET_EXEC or relocatable ET_DYN) goes to its
 * physical address p_paddr, as kexec-style pseries loaders place a kernel
 * (QEMU masks the address to its low 28 bits instead, which gives the same
 * place for a vmlinux whose p_paddr is 0); kernel_addr does not apply to
 * it.  Either way the p_memsz - p_filesz tail (bss) is zeroed, and the
 * entry point e_entry moves with the segment holding it.  e_entry is taken
 * as a code address, which is what hand-written start-up code (kvm-unit-
 * tests' cstart64.S, Linux's head_64.S __start) gives; an ELFv1 image whose
 * e_entry names a C function's descriptor is not supported.
 *
 * Real addresses 0 to 0x3000 belong to the guest (its vectors at 0x100 and
 * P_HANDLER at 0x2ff8, contract 5.1).  The loader never writes below
 * kernel_addr (p_vaddr is unsigned and a wrap-around is refused), so with
 * the default kernel_addr 0x400000 that area is untouched.  A kernel_addr
 * below 0x3000 is an explicit request to load an image that brings its own
 * vectors (linked at its real address, like QEMU's kernel-addr=0), and is
 * allowed.
 *
 * The whole image is checked before anything is written, so a refused image
 * leaves guest memory as it was.
 */
#ifndef P7SIM_ELF_H
#define P7SIM_ELF_H

#include <stddef.h>
#include <stdint.h>

#include "p7sim_mem.h"

/* The default load address, QEMU's KERNEL_LOAD_ADDR for pseries. */
#define P7SIM_KERNEL_ADDR_DEFAULT	0x400000ULL
/* The low real addresses every pseries guest uses for its vectors. */
#define P7SIM_GUEST_RESERVED_END	0x3000ULL

/* What went wrong, returned negated; each has its own message. */
enum p7sim_elf_error {
	P7SIM_ELF_OK = 0,
	P7SIM_ELF_EIO,		/* the file cannot be opened or read */
	P7SIM_ELF_ENOTELF,	/* no ELF magic, or an invalid class/encoding/version */
	P7SIM_ELF_ECLASS,	/* ELF32 */
	P7SIM_ELF_EENDIAN,	/* little-endian */
	P7SIM_ELF_EMACHINE,	/* not EM_PPC64 */
	P7SIM_ELF_ETYPE,	/* not ET_EXEC or ET_DYN */
	P7SIM_ELF_ETRUNC,	/* header, program headers or a segment beyond the file's end */
	P7SIM_ELF_ENOLOAD,	/* no PT_LOAD segment */
	P7SIM_ELF_ESEGMENT,	/* p_filesz > p_memsz */
	P7SIM_ELF_ENOFIT,	/* a segment does not fit in guest memory */
	P7SIM_ELF_EENTRY,	/* the entry point is not inside a loaded segment */
};

/* A segment linked at an effective address the kernel runs at (EA 0:3 != 0). */
static inline int p7sim_elf_linked_high(uint64_t vaddr)
{
	return (vaddr >> 60) != 0;
}

struct p7sim_elf_image {
	uint64_t entry;		/* guest real address of the first instruction */
	uint64_t start;		/* lowest guest real address loaded */
	uint64_t end;		/* one past the highest byte loaded, bss included */
	unsigned int nload;	/* number of PT_LOAD segments loaded */
	int linked_high;	/* a segment was placed by p_paddr: a kernel like vmlinux */
};

/*
 * Load @path (or the @size bytes at @buf, e.g. a guest built into the
 * binary) into @mem at @kernel_addr.  Returns 0 and fills @img, or returns
 * -enum p7sim_elf_error with a one-line message naming the problem in
 * @err (at most @errlen bytes, NUL-terminated; @err may be NULL).
 */
int p7sim_elf_load_file(const char *path, const struct p7sim_mem *mem, uint64_t kernel_addr,
			struct p7sim_elf_image *img, char *err, size_t errlen);
int p7sim_elf_load_buf(const void *buf, size_t size, const struct p7sim_mem *mem,
		       uint64_t kernel_addr, struct p7sim_elf_image *img, char *err, size_t errlen);

#endif /* P7SIM_ELF_H */
