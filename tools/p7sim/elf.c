// SPDX-License-Identifier: GPL-2.0-only
/*
 * ELF64 big-endian PowerPC loader on libelf (see p7sim_elf.h for the rules).
 *
 * The identification bytes are checked by hand before libelf sees the file:
 * libelf would accept an ELF32 or a little-endian file and translate it,
 * while we want to name exactly which of those the user handed us.
 */
#include <errno.h>
#include <gelf.h>
#include <libelf.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "p7sim_elf.h"

static int elf_fail(char *err, size_t errlen, enum p7sim_elf_error code, const char *fmt, ...)
{
	va_list ap;

	if (err && errlen) {
		va_start(ap, fmt);
		vsnprintf(err, errlen, fmt, ap);
		va_end(ap);
	}
	return -(int)code;
}

/* The checks on e_ident[], in the order a reader would look at them. */
static int check_ident(const unsigned char *b, size_t size, char *err, size_t errlen)
{
	if (size < EI_NIDENT || memcmp(b, ELFMAG, SELFMAG))
		return elf_fail(err, errlen, P7SIM_ELF_ENOTELF, "not an ELF file (no ELF magic)");
	if (b[EI_CLASS] == ELFCLASS32)
		return elf_fail(err, errlen, P7SIM_ELF_ECLASS,
				"32-bit ELF (ELFCLASS32): a pseries kernel must be ELF64");
	if (b[EI_CLASS] != ELFCLASS64)
		return elf_fail(err, errlen, P7SIM_ELF_ENOTELF,
				"not an ELF file (invalid class %u)", b[EI_CLASS]);
	if (b[EI_DATA] == ELFDATA2LSB)
		return elf_fail(err, errlen, P7SIM_ELF_EENDIAN,
				"little-endian ELF (ELFDATA2LSB): the guest must be big-endian");
	if (b[EI_DATA] != ELFDATA2MSB)
		return elf_fail(err, errlen, P7SIM_ELF_ENOTELF,
				"not an ELF file (invalid data encoding %u)", b[EI_DATA]);
	if (b[EI_VERSION] != EV_CURRENT)
		return elf_fail(err, errlen, P7SIM_ELF_ENOTELF, "not an ELF file (ELF version %u)",
				b[EI_VERSION]);
	if (size < sizeof(Elf64_Ehdr))
		return elf_fail(err, errlen, P7SIM_ELF_ETRUNC,
				"truncated file: %zu bytes, shorter than the ELF header", size);
	return 0;
}

/* [off, off + len) inside a file of @size bytes, without overflow. */
static int in_file(uint64_t off, uint64_t len, size_t size)
{
	return off <= size && len <= size - off;
}

static int check_and_load(Elf *e, size_t size, const struct p7sim_mem *mem, uint64_t kernel_addr,
			  struct p7sim_elf_image *img, const unsigned char *file, char *err,
			  size_t errlen)
{
	GElf_Ehdr eh;
	GElf_Phdr ph;
	size_t phnum, i;
	uint64_t start = UINT64_MAX, end = 0, entry;
	unsigned int nload = 0;
	int entry_ok = 0, high = 0;

	if (!gelf_getehdr(e, &eh))
		return elf_fail(err, errlen, P7SIM_ELF_ETRUNC, "unreadable ELF header: %s",
				elf_errmsg(-1));
	if (eh.e_machine != EM_PPC64)
		return elf_fail(err, errlen, P7SIM_ELF_EMACHINE,
				"wrong machine %u in the ELF header: need EM_PPC64 (%u)",
				eh.e_machine, EM_PPC64);
	if (eh.e_type != ET_EXEC && eh.e_type != ET_DYN)
		return elf_fail(err, errlen, P7SIM_ELF_ETYPE,
				"wrong ELF type %u: need an executable (ET_EXEC) or PIE (ET_DYN)",
				eh.e_type);
	/*
	 * e_phnum as written: elfutils' elf_getphdrnum() quietly clamps it to
	 * what fits in the file, which would hide a truncated table.
	 */
	phnum = eh.e_phnum;
	if (phnum == PN_XNUM && elf_getphdrnum(e, &phnum))
		return elf_fail(err, errlen, P7SIM_ELF_ETRUNC, "unreadable program headers: %s",
				elf_errmsg(-1));
	if (phnum && (eh.e_phentsize != sizeof(Elf64_Phdr) ||
		      !in_file(eh.e_phoff, (uint64_t)phnum * eh.e_phentsize, size)))
		return elf_fail(err, errlen, P7SIM_ELF_ETRUNC,
				"truncated file: %zu program headers at offset 0x%llx do not fit in %zu bytes",
				phnum, (unsigned long long)eh.e_phoff, size);
	entry = 0;

	/* Pass 1: check every PT_LOAD.  Pass 2 (file != NULL): copy and zero. */
	for (i = 0; i < phnum; i++) {
		uint64_t dest;

		if (!gelf_getphdr(e, i, &ph))
			return elf_fail(err, errlen, P7SIM_ELF_ETRUNC,
					"unreadable program header %zu: %s", i, elf_errmsg(-1));
		if (ph.p_type != PT_LOAD)
			continue;
		if (ph.p_filesz > ph.p_memsz)
			return elf_fail(err, errlen, P7SIM_ELF_ESEGMENT,
					"segment %zu: file size 0x%llx larger than memory size 0x%llx",
					i, (unsigned long long)ph.p_filesz,
					(unsigned long long)ph.p_memsz);
		if (!in_file(ph.p_offset, ph.p_filesz, size))
			return elf_fail(err, errlen, P7SIM_ELF_ETRUNC,
					"truncated file: segment %zu (offset 0x%llx, 0x%llx bytes) extends beyond its %zu bytes",
					i, (unsigned long long)ph.p_offset,
					(unsigned long long)ph.p_filesz, size);
		if (p7sim_elf_linked_high(ph.p_vaddr)) {
			/* A kernel linked at its effective address: by physical address. */
			high = 1;
			dest = ph.p_paddr;
			if (!p7sim_mem_contains(mem, dest, ph.p_memsz))
				return elf_fail(err, errlen, P7SIM_ELF_ENOFIT,
						"segment %zu (vaddr 0x%llx, paddr 0x%llx, 0x%llx bytes) does not fit in guest memory (0x%llx bytes)",
						i, (unsigned long long)ph.p_vaddr,
						(unsigned long long)ph.p_paddr,
						(unsigned long long)ph.p_memsz,
						(unsigned long long)mem->size);
		} else {
			dest = kernel_addr + ph.p_vaddr;
			if (dest < kernel_addr || !p7sim_mem_contains(mem, dest, ph.p_memsz))
				return elf_fail(err, errlen, P7SIM_ELF_ENOFIT,
						"segment %zu (vaddr 0x%llx, 0x%llx bytes at kernel-addr 0x%llx) does not fit in guest memory (0x%llx bytes)",
						i, (unsigned long long)ph.p_vaddr,
						(unsigned long long)ph.p_memsz,
						(unsigned long long)kernel_addr,
						(unsigned long long)mem->size);
		}
		if (file) {
			/* Cannot fail: the range was checked in pass 1. */
			p7sim_mem_write(mem, dest, file + ph.p_offset, ph.p_filesz);
			p7sim_mem_zero(mem, dest + ph.p_filesz, ph.p_memsz - ph.p_filesz);
		}
		/* The entry is a link-time address: it moves with its segment. */
		if (!entry_ok && eh.e_entry >= ph.p_vaddr && eh.e_entry - ph.p_vaddr < ph.p_memsz) {
			entry = dest + (eh.e_entry - ph.p_vaddr);
			entry_ok = 1;
		}
		if (dest < start)
			start = dest;
		if (dest + ph.p_memsz > end)
			end = dest + ph.p_memsz;
		nload++;
	}
	if (!nload)
		return elf_fail(err, errlen, P7SIM_ELF_ENOLOAD,
				"no PT_LOAD segment: nothing to load");
	if (!entry_ok)
		return elf_fail(err, errlen, P7SIM_ELF_EENTRY,
				"entry point 0x%llx (e_entry) is not inside a loaded segment",
				(unsigned long long)eh.e_entry);
	if (img) {
		img->entry = entry;
		img->start = start;
		img->end = end;
		img->nload = nload;
		img->linked_high = high;
	}
	return 0;
}

int p7sim_elf_load_buf(const void *buf, size_t size, const struct p7sim_mem *mem,
		       uint64_t kernel_addr, struct p7sim_elf_image *img, char *err, size_t errlen)
{
	Elf *e;
	int ret;

	ret = check_ident(buf, size, err, errlen);
	if (ret)
		return ret;
	if (elf_version(EV_CURRENT) == EV_NONE)
		return elf_fail(err, errlen, P7SIM_ELF_EIO, "libelf: %s", elf_errmsg(-1));
	/* elf_memory() takes a non-const pointer but opens the image read-only. */
	e = elf_memory((char *)buf, size);
	if (!e)
		return elf_fail(err, errlen, P7SIM_ELF_ENOTELF, "libelf: %s", elf_errmsg(-1));
	if (elf_kind(e) != ELF_K_ELF) {
		elf_end(e);
		return elf_fail(err, errlen, P7SIM_ELF_ENOTELF, "not an ELF file");
	}
	ret = check_and_load(e, size, mem, kernel_addr, NULL, NULL, err, errlen);
	if (!ret)
		ret = check_and_load(e, size, mem, kernel_addr, img, buf, err, errlen);
	elf_end(e);
	return ret;
}

int p7sim_elf_load_file(const char *path, const struct p7sim_mem *mem, uint64_t kernel_addr,
			struct p7sim_elf_image *img, char *err, size_t errlen)
{
	unsigned char *buf = NULL;
	size_t size = 0, cap = 0, n;
	FILE *f;
	int ret;

	f = fopen(path, "rb");
	if (!f)
		return elf_fail(err, errlen, P7SIM_ELF_EIO, "cannot open: %s", strerror(errno));
	/* Read it whole: kernels are small, and the checks then see the true size. */
	for (;;) {
		if (size == cap) {
			unsigned char *nb;

			cap = cap ? cap * 2 : 1 << 16;
			nb = realloc(buf, cap);
			if (!nb) {
				free(buf);
				fclose(f);
				return elf_fail(err, errlen, P7SIM_ELF_EIO, "out of memory");
			}
			buf = nb;
		}
		n = fread(buf + size, 1, cap - size, f);
		size += n;
		if (n == 0)
			break;
	}
	if (ferror(f)) {
		free(buf);
		fclose(f);
		return elf_fail(err, errlen, P7SIM_ELF_EIO, "read error");
	}
	fclose(f);
	ret = p7sim_elf_load_buf(buf, size, mem, kernel_addr, img, err, errlen);
	free(buf);
	return ret;
}
