// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of the guest ELF loader (tools/p7sim/elf.c).
 *
 * The images are built here, header field by header field, so that every
 * kind of broken file can be made without a cross toolchain.  When the
 * build has one, a real linked guest (p7sim_tiny_guest.S) is loaded too.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <elf.h>
#include <unistd.h>

#include "p7sim_test.h"

#define KADDR	P7SIM_KERNEL_ADDR_DEFAULT
#define DATA_OFF 0x1000		/* file offset of the first segment's bytes */

struct phdr_spec {
	uint32_t type;
	uint64_t vaddr, offset, filesz, memsz;
	uint64_t paddr;		/* used when paddr_set, else = vaddr */
	bool paddr_set;
};

struct elf_spec {
	uint8_t class, data;
	uint16_t type, machine;
	uint64_t entry;
	unsigned int nph;
	struct phdr_spec ph[4];
};

struct image {
	uint8_t b[0x8000];
	size_t len;
};

static void put(uint8_t *p, unsigned int n, uint64_t v, bool be)
{
	for (unsigned int i = 0; i < n; i++)
		p[be ? i : n - 1 - i] = v >> (8 * (n - 1 - i));
}

/* A good ET_EXEC: text at vaddr 0 (0x200 bytes), data + bss at 0x10000. */
static struct elf_spec good_spec(void)
{
	struct elf_spec s = {
		.class = ELFCLASS64, .data = ELFDATA2MSB, .type = ET_EXEC, .machine = EM_PPC64,
		.entry = 0x40, .nph = 3,
		.ph = {
			{ PT_LOAD, 0x0, DATA_OFF, 0x200, 0x200 },
			{ PT_NOTE, 0x0, DATA_OFF, 0x10, 0x10 },
			{ PT_LOAD, 0x10000, DATA_OFF + 0x200, 0x100, 0x3000 },
		},
	};
	return s;
}

/*
 * Lay out an ELF64 image from @s: header, program headers, then file bytes
 * 0x1000.. filled with (offset & 0xff) | 1, so a loaded byte tells where it
 * came from and is never 0.
 */
static void make_elf(struct image *img, const struct elf_spec *s)
{
	bool be = s->data != ELFDATA2LSB;
	uint8_t *b = img->b;

	memset(img, 0, sizeof(*img));
	memcpy(b, ELFMAG, SELFMAG);
	b[EI_CLASS] = s->class;
	b[EI_DATA] = s->data;
	b[EI_VERSION] = EV_CURRENT;
	put(b + 16, 2, s->type, be);			/* e_type */
	put(b + 18, 2, s->machine, be);			/* e_machine */
	put(b + 20, 4, EV_CURRENT, be);			/* e_version */
	put(b + 24, 8, s->entry, be);			/* e_entry */
	put(b + 32, 8, s->nph ? 64 : 0, be);		/* e_phoff */
	put(b + 40, 8, 0, be);				/* e_shoff */
	put(b + 52, 2, 64, be);				/* e_ehsize */
	put(b + 54, 2, 56, be);				/* e_phentsize */
	put(b + 56, 2, s->nph, be);			/* e_phnum */
	put(b + 58, 2, 64, be);				/* e_shentsize */
	for (unsigned int i = 0; i < s->nph; i++) {
		uint8_t *ph = b + 64 + 56 * i;

		put(ph + 0, 4, s->ph[i].type, be);
		put(ph + 4, 4, PF_R | PF_X, be);
		put(ph + 8, 8, s->ph[i].offset, be);
		put(ph + 16, 8, s->ph[i].vaddr, be);
		put(ph + 24, 8, s->ph[i].paddr_set ? s->ph[i].paddr : s->ph[i].vaddr, be);
		put(ph + 32, 8, s->ph[i].filesz, be);
		put(ph + 40, 8, s->ph[i].memsz, be);
		put(ph + 48, 8, 0x10000, be);
	}
	for (size_t off = DATA_OFF; off < DATA_OFF + 0x400; off++)
		b[off] = (off & 0xff) | 1;
	img->len = DATA_OFF + 0x400;
}

static int load(struct fake_ram *r, const struct image *img, uint64_t kaddr,
		struct p7sim_elf_image *out, char *err)
{
	return p7sim_elf_load_buf(img->b, img->len, &r->mem, kaddr, out, err, 256);
}

/* Write @len bytes of @img to a temporary file; returns its (static) name. */
static const char *write_temp(const struct image *img, size_t len)
{
	static char name[64];
	int fd;

	snprintf(name, sizeof(name), "/tmp/p7sim_elf_XXXXXX");
	fd = mkstemp(name);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, img->b, len), (ssize_t)len);
	close(fd);
	return name;
}

/*
 * A good ET_EXEC: each PT_LOAD at kernel-addr + p_vaddr with its file
 * bytes, the bss tail zeroed (guest RAM is pre-filled with 0xaa to see it),
 * the entry at kernel-addr + e_entry, and the image end reported.
 */
static void test_load_exec(void **state)
{
	struct elf_spec s = good_spec();
	struct p7sim_elf_image out;
	struct image img;
	struct fake_ram r;
	char err[256] = "";

	fake_ram_init(&r, 32 * MB);
	memset(r.pages[0], 0xaa, P7SIM_MEM_PAGE_SIZE);
	make_elf(&img, &s);
	assert_int_equal(load(&r, &img, KADDR, &out, err), 0);
	assert_string_equal(err, "");
	assert_int_equal(out.entry, KADDR + 0x40);
	assert_int_equal(out.start, KADDR);
	assert_int_equal(out.end, KADDR + 0x10000 + 0x3000);
	assert_int_equal(out.nload, 2);
	/* Text: the file bytes at 0x1000.. */
	assert_int_equal(*fake_ram_byte(&r, KADDR), 0x01);
	assert_int_equal(*fake_ram_byte(&r, KADDR + 0x1ff), 0xff);
	/* Nothing beyond the text's memsz was touched. */
	assert_int_equal(*fake_ram_byte(&r, KADDR + 0x200), 0xaa);
	/* Data from file offset 0x1200, then bss zeroed up to memsz. */
	assert_int_equal(*fake_ram_byte(&r, KADDR + 0x10000), 0x01);
	assert_int_equal(*fake_ram_byte(&r, KADDR + 0x100ff), 0xff);
	assert_int_equal(*fake_ram_byte(&r, KADDR + 0x10100), 0);
	assert_int_equal(*fake_ram_byte(&r, KADDR + 0x12fff), 0);
	assert_int_equal(*fake_ram_byte(&r, KADDR + 0x13000), 0xaa);
	/* The guest's low 12 KB (vectors, P_HANDLER) are untouched. */
	assert_int_equal(*fake_ram_byte(&r, 0x2ff8), 0xaa);
	fake_ram_fini(&r);
}

/* ET_DYN (a PIE, like kvm-unit-tests' images) loads the same way. */
static void test_load_dyn_and_kernel_addr_zero(void **state)
{
	struct elf_spec s = good_spec();
	struct p7sim_elf_image out;
	struct image img;
	struct fake_ram r;
	char err[256];

	fake_ram_init(&r, 32 * MB);
	s.type = ET_DYN;
	make_elf(&img, &s);
	assert_int_equal(load(&r, &img, KADDR, &out, err), 0);
	assert_int_equal(out.entry, KADDR + 0x40);

	/* kernel-addr 0: an image that brings its own vectors may use 0..0x3000. */
	s.ph[0].vaddr = 0x100;
	s.entry = 0x100;
	make_elf(&img, &s);
	assert_int_equal(load(&r, &img, 0, &out, err), 0);
	assert_int_equal(out.start, 0x100);
	assert_int_equal(out.entry, 0x100);
	assert_int_equal(*fake_ram_byte(&r, 0x100), 0x01);
	fake_ram_fini(&r);
}

/* Loading from a file gives the same result as from a buffer. */
static void test_load_file(void **state)
{
	struct elf_spec s = good_spec();
	struct p7sim_elf_image out;
	struct image img;
	struct fake_ram r;
	const char *name;
	char err[256];

	fake_ram_init(&r, 32 * MB);
	make_elf(&img, &s);
	name = write_temp(&img, img.len);
	assert_int_equal(p7sim_elf_load_file(name, &r.mem, KADDR, &out, err, sizeof(err)), 0);
	assert_int_equal(out.entry, KADDR + 0x40);
	assert_int_equal(*fake_ram_byte(&r, KADDR + 0x10000), 0x01);
	unlink(name);

	/* A file cut inside the second segment's bytes is truncated. */
	name = write_temp(&img, DATA_OFF + 0x250);
	assert_int_equal(p7sim_elf_load_file(name, &r.mem, KADDR, &out, err, sizeof(err)),
			 -P7SIM_ELF_ETRUNC);
	assert_non_null(strstr(err, "truncated"));
	unlink(name);

	assert_int_equal(p7sim_elf_load_file("/nonexistent/p7sim.elf", &r.mem, KADDR, &out, err,
					     sizeof(err)), -P7SIM_ELF_EIO);
	assert_non_null(strstr(err, "cannot open"));
	fake_ram_fini(&r);
}

struct bad_case {
	const char *what;
	int code;
	const char *msg;	/* a word the message must contain */
};

/* Load @img, expect @c, and check guest RAM stayed all zero. */
static void expect_bad(struct fake_ram *r, const struct image *img, uint64_t kaddr,
		       const struct bad_case *c)
{
	struct p7sim_elf_image out = { 0 };
	char err[256] = "";
	int ret = load(r, img, kaddr, &out, err);

	print_message("%s -> %d: %s\n", c->what, ret, err);
	assert_int_equal(ret, -c->code);
	assert_non_null(strstr(err, c->msg));
	assert_null(strchr(err, '\n'));
	for (uint64_t a = 0; a < r->mem.size; a += 4096)
		assert_int_equal(*fake_ram_byte(r, a), 0);
	assert_int_equal(*fake_ram_byte(r, KADDR + 0x40), 0);
}

/*
 * Headers that are not an ELF64 big-endian PowerPC executable: each is
 * refused with its own code and a message naming the problem.
 */
static void test_reject_headers(void **state)
{
	struct elf_spec s;
	struct image img;
	struct fake_ram r;

	fake_ram_init(&r, 32 * MB);

	make_elf(&img, &(struct elf_spec){ 0 });
	memcpy(img.b, "#!/bin/sh\n", 10);
	expect_bad(&r, &img, KADDR,
		   &(struct bad_case){ "script", P7SIM_ELF_ENOTELF, "not an ELF" });

	img.len = 3;
	memcpy(img.b, ELFMAG, 3);
	expect_bad(&r, &img, KADDR,
		   &(struct bad_case){ "3 bytes", P7SIM_ELF_ENOTELF, "not an ELF" });

	s = good_spec();
	s.class = ELFCLASS32;
	make_elf(&img, &s);
	expect_bad(&r, &img, KADDR, &(struct bad_case){ "ELF32", P7SIM_ELF_ECLASS, "ELFCLASS32" });

	s = good_spec();
	s.data = ELFDATA2LSB;
	make_elf(&img, &s);
	expect_bad(&r, &img, KADDR, &(struct bad_case){ "LE", P7SIM_ELF_EENDIAN, "little-endian" });

	s = good_spec();
	s.machine = EM_PPC;
	make_elf(&img, &s);
	expect_bad(&r, &img, KADDR, &(struct bad_case){ "EM_PPC", P7SIM_ELF_EMACHINE, "machine" });

	s = good_spec();
	s.machine = EM_X86_64;
	make_elf(&img, &s);
	expect_bad(&r, &img, KADDR, &(struct bad_case){ "x86-64", P7SIM_ELF_EMACHINE, "EM_PPC64" });

	s = good_spec();
	s.type = ET_REL;
	make_elf(&img, &s);
	expect_bad(&r, &img, KADDR, &(struct bad_case){ "ET_REL", P7SIM_ELF_ETYPE, "type" });

	s = good_spec();
	s.type = ET_CORE;
	make_elf(&img, &s);
	expect_bad(&r, &img, KADDR, &(struct bad_case){ "ET_CORE", P7SIM_ELF_ETYPE, "type" });

	/* A header cut short: magic, class and data are fine, the rest is missing. */
	s = good_spec();
	make_elf(&img, &s);
	img.len = 40;
	expect_bad(&r, &img, KADDR, &(struct bad_case){ "short header", P7SIM_ELF_ETRUNC,
							 "truncated" });

	/* Program headers beyond the end of the file. */
	img.len = 64 + 56;
	expect_bad(&r, &img, KADDR, &(struct bad_case){ "short phdrs", P7SIM_ELF_ETRUNC,
							 "truncated" });
	fake_ram_fini(&r);
}

/* Segments that cannot be loaded: each refused, guest memory untouched. */
static void test_reject_segments(void **state)
{
	struct elf_spec s;
	struct image img;
	struct fake_ram r;

	fake_ram_init(&r, 32 * MB);

	s = good_spec();
	s.nph = 1;
	s.ph[0] = (struct phdr_spec){ .type = PT_NOTE, .offset = DATA_OFF, .filesz = 0x10, .memsz = 0x10 };
	make_elf(&img, &s);
	expect_bad(&r, &img, KADDR, &(struct bad_case){ "no PT_LOAD", P7SIM_ELF_ENOLOAD,
							 "no PT_LOAD" });

	s = good_spec();
	s.nph = 0;
	make_elf(&img, &s);
	expect_bad(&r, &img, KADDR, &(struct bad_case){ "no phdrs", P7SIM_ELF_ENOLOAD,
							 "no PT_LOAD" });

	s = good_spec();
	s.ph[2].filesz = 0x4000;
	make_elf(&img, &s);
	expect_bad(&r, &img, KADDR, &(struct bad_case){ "filesz > memsz", P7SIM_ELF_ESEGMENT,
							 "larger than memory size" });

	s = good_spec();
	s.ph[2].offset = DATA_OFF + 0x380;
	make_elf(&img, &s);
	expect_bad(&r, &img, KADDR, &(struct bad_case){ "segment past EOF", P7SIM_ELF_ETRUNC,
							 "segment 2" });

	s = good_spec();
	s.ph[2].offset = UINT64_MAX - 0x10;
	make_elf(&img, &s);
	expect_bad(&r, &img, KADDR, &(struct bad_case){ "offset wraps", P7SIM_ELF_ETRUNC,
							 "truncated" });

	/* bss running past the end of a 32 MB guest. */
	s = good_spec();
	s.ph[2].memsz = 32 * MB;
	make_elf(&img, &s);
	expect_bad(&r, &img, KADDR, &(struct bad_case){ "too big", P7SIM_ELF_ENOFIT,
							 "does not fit in guest memory" });

	/* Linked at 0xc000000000000000 (a vmlinux): no masking, refused. */
	s = good_spec();
	s.ph[0].vaddr = 0xc000000000000000ULL;
	make_elf(&img, &s);
	expect_bad(&r, &img, KADDR, &(struct bad_case){ "vmlinux vaddr", P7SIM_ELF_ENOFIT,
							 "0xc000000000000000" });

	/* kernel-addr + p_vaddr wrapping around to a low address. */
	s = good_spec();
	s.ph[0].vaddr = UINT64_MAX - KADDR + 1;
	make_elf(&img, &s);
	expect_bad(&r, &img, KADDR, &(struct bad_case){ "wrap", P7SIM_ELF_ENOFIT, "does not fit" });

	/* A kernel-addr beyond RAM. */
	s = good_spec();
	make_elf(&img, &s);
	expect_bad(&r, &img, 64 * MB, &(struct bad_case){ "kernel-addr", P7SIM_ELF_ENOFIT,
							   "kernel-addr 0x4000000" });

	s = good_spec();
	s.entry = 0x8000;
	make_elf(&img, &s);
	expect_bad(&r, &img, KADDR, &(struct bad_case){ "entry", P7SIM_ELF_EENTRY, "entry point" });
	fake_ram_fini(&r);
}

/*
 * A real guest linked by the cross toolchain: ET_EXEC, EM_PPC64, linked at
 * 0; its first instruction is "li r3,0x58" (0x38600058) and its bss is zero.
 */
static void test_cross_linked_guest(void **state)
{
#ifdef P7SIM_TINY_ELF
	struct p7sim_elf_image out;
	struct fake_ram r;
	uint32_t insn = 0;
	char err[256] = "";

	fake_ram_init(&r, 32 * MB);
	memset(r.pages[0], 0xaa, P7SIM_MEM_PAGE_SIZE);
	assert_int_equal(p7sim_elf_load_file(P7SIM_TINY_ELF, &r.mem, KADDR, &out, err, sizeof(err)),
			 0);
	print_message("tiny guest: entry 0x%llx, [0x%llx, 0x%llx), %u PT_LOAD\n",
		      (unsigned long long)out.entry, (unsigned long long)out.start,
		      (unsigned long long)out.end, out.nload);
	assert_int_equal(out.entry, KADDR);
	assert_int_equal(p7sim_mem_ld_be32(&r.mem, out.entry, &insn), 0);
	assert_int_equal(insn, 0x38600058);
	assert_int_equal(*fake_ram_byte(&r, out.end - 1), 0);
	assert_true(out.end - out.start >= 0x1000);
	fake_ram_fini(&r);
#else
	skip();
#endif
}

/*
 * A vmlinux-like image (segments linked at 0xc000000000000000 with p_paddr
 * 0 and 0x10000, e_entry the code address 0xc000000000000040): placed by
 * p_paddr whatever kernel-addr says, the entry moved with its segment,
 * and the image reported as linked high.  The same image with a p_paddr
 * past the end of RAM is refused naming the physical address.
 */
static void test_load_vmlinux_by_paddr(void **state)
{
	struct elf_spec s = good_spec();
	struct p7sim_elf_image out;
	struct image img;
	struct fake_ram r;
	char err[256] = "";

	fake_ram_init(&r, 32 * MB);
	memset(r.pages[0], 0xaa, P7SIM_MEM_PAGE_SIZE);
	s.entry = 0xc000000000000040ULL;
	s.ph[0].vaddr = 0xc000000000000000ULL;
	s.ph[0].paddr = 0;
	s.ph[0].paddr_set = true;
	s.ph[2].vaddr = 0xc000000000010000ULL;
	s.ph[2].paddr = 0x10000;
	s.ph[2].paddr_set = true;
	make_elf(&img, &s);
	assert_int_equal(load(&r, &img, KADDR, &out, err), 0);
	assert_string_equal(err, "");
	assert_int_equal(out.entry, 0x40);
	assert_int_equal(out.start, 0);
	assert_int_equal(out.end, 0x13000);
	assert_true(out.linked_high);
	assert_int_equal(*fake_ram_byte(&r, 0), 0x01);
	assert_int_equal(*fake_ram_byte(&r, 0x10000), 0x01);
	assert_int_equal(*fake_ram_byte(&r, 0x12fff), 0);
	assert_int_equal(*fake_ram_byte(&r, KADDR), 0xaa);

	fake_ram_fini(&r);
	fake_ram_init(&r, 32 * MB);
	s.ph[2].paddr = 64 * MB;
	make_elf(&img, &s);
	expect_bad(&r, &img, KADDR, &(struct bad_case){ "vmlinux paddr", P7SIM_ELF_ENOFIT,
							 "paddr 0x4000000" });
	fake_ram_fini(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_load_exec),
		cmocka_unit_test(test_load_vmlinux_by_paddr),
		cmocka_unit_test(test_load_dyn_and_kernel_addr_zero),
		cmocka_unit_test(test_load_file),
		cmocka_unit_test(test_reject_headers),
		cmocka_unit_test(test_reject_segments),
		cmocka_unit_test(test_cross_linked_guest),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
