// SPDX-License-Identifier: GPL-2.0-only
/*
 * mftb without a host clock read.
 *
 * QEMU's mftb helper (cpu_ppc_load_tbl) computes the TB from the virtual
 * clock, read with clock_gettime(CLOCK_MONOTONIC) on every mftb, and then
 * scales it by tb_freq, which is 0 here: the engine's TB is exactly the
 * tb_offset the block hook sets (hooks.c).  The clock value is thrown away,
 * but its read costs more than the rest of a TB-polling loop together.
 * libunicorn's PLT slot for clock_gettime is pointed at a function that
 * answers CLOCK_MONOTONIC with a constant and passes every other clock on
 * (with Unicorn linked statically, its calls are renamed to that function
 * at build time: tools/unicorn-static.sh).
 * The engine uses no Unicorn timeout, the only other user of that clock.
 */
#define _GNU_SOURCE
#include <elf.h>
#include <link.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "internal.h"

/*
 * What Unicorn calls for clock_gettime: the shared library's GOT slot is
 * pointed here below; linked statically, its calls were renamed to this at
 * build time (tools/unicorn-static.sh).
 */
int sim_ue_host_clock_gettime(clockid_t id, struct timespec *ts);

int sim_ue_host_clock_gettime(clockid_t id, struct timespec *ts)
{
	if (id == CLOCK_MONOTONIC) {
		ts->tv_sec = 0;
		ts->tv_nsec = 0;
		return 0;
	}
	return clock_gettime(id, ts);
}

#ifdef P7_UNICORN_STATIC
/* The calls were renamed at build time: nothing to install. */
int ue_fast_tb_install(struct sim_ue *e, char *err, size_t len)
{
	return 0;
}
#else
struct slot_search {
	void **slot;
	unsigned int found;
};

/* The GOT slots of libunicorn's relocations against clock_gettime. */
static int find_slot(struct dl_phdr_info *info, size_t size, void *data)
{
	struct slot_search *s = data;
	const ElfW(Dyn) *dyn = NULL;
	const ElfW(Sym) *symtab = NULL;
	const char *strtab = NULL;
	const ElfW(Rela) *rel[2] = { NULL, NULL };
	size_t relsz[2] = { 0, 0 };

	if (!info->dlpi_name || !strstr(info->dlpi_name, "libunicorn.so.2"))
		return 0;
	for (unsigned int i = 0; i < info->dlpi_phnum; i++)
		if (info->dlpi_phdr[i].p_type == PT_DYNAMIC)
			dyn = (const ElfW(Dyn) *)(info->dlpi_addr + info->dlpi_phdr[i].p_vaddr);
	for (; dyn && dyn->d_tag != DT_NULL; dyn++) {
		switch (dyn->d_tag) {
		case DT_SYMTAB:
			symtab = (const ElfW(Sym) *)dyn->d_un.d_ptr;
			break;
		case DT_STRTAB:
			strtab = (const char *)dyn->d_un.d_ptr;
			break;
		case DT_JMPREL:
			rel[0] = (const ElfW(Rela) *)dyn->d_un.d_ptr;
			break;
		case DT_PLTRELSZ:
			relsz[0] = dyn->d_un.d_val;
			break;
		case DT_RELA:
			rel[1] = (const ElfW(Rela) *)dyn->d_un.d_ptr;
			break;
		case DT_RELASZ:
			relsz[1] = dyn->d_un.d_val;
			break;
		}
	}
	if (!symtab || !strtab)
		return 1;
	for (unsigned int k = 0; k < 2; k++) {
		for (size_t i = 0; rel[k] && i < relsz[k] / sizeof(ElfW(Rela)); i++) {
			const ElfW(Rela) *r = &rel[k][i];
			unsigned int type = ELF64_R_TYPE(r->r_info);

			if (type != R_X86_64_JUMP_SLOT && type != R_X86_64_GLOB_DAT)
				continue;
			if (strcmp(strtab + symtab[ELF64_R_SYM(r->r_info)].st_name, "clock_gettime"))
				continue;
			s->slot = (void **)(info->dlpi_addr + r->r_offset);
			s->found++;
		}
	}
	return 1;
}

int ue_fast_tb_install(struct sim_ue *e, char *err, size_t len)
{
	struct slot_search s = { NULL, 0 };
	long page = sysconf(_SC_PAGESIZE);
	uintptr_t start;

	dl_iterate_phdr(find_slot, &s);
	if (s.found != 1 || !s.slot) {
		snprintf(err, len, "engine: libunicorn internals do not match (%u clock_gettime "
			 "slots)", s.found);
		return -1;
	}
	if (*s.slot == (void *)sim_ue_host_clock_gettime)
		return 0;
	/* Full RELRO leaves the GOT read-only after loading. */
	start = (uintptr_t)s.slot & ~(uintptr_t)(page - 1);
	if (mprotect((void *)start, (uintptr_t)(s.slot + 1) - start, PROT_READ | PROT_WRITE)) {
		snprintf(err, len, "engine: cannot make libunicorn's GOT writable");
		return -1;
	}
	*s.slot = (void *)sim_ue_host_clock_gettime;
	return 0;
}
#endif
