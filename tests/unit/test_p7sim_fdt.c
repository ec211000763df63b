// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of the device tree builder (tools/p7sim/fdt.c): the blob is
 * checked with fdt_check_header and every property a guest reads is read
 * back with libfdt, the way kvm-unit-tests and Linux find them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <libfdt.h>

#include "p7sim_test.h"

static uint32_t get_u32(const void *fdt, const char *path, const char *prop)
{
	int node = fdt_path_offset(fdt, path), len = -1;
	const fdt32_t *v;

	assert_true(node >= 0);
	v = fdt_getprop(fdt, node, prop, &len);
	if (!v)
		fail_msg("%s:%s missing", path, prop);
	assert_int_equal(len, 4);
	return fdt32_to_cpu(*v);
}

static const char *get_str(const void *fdt, const char *path, const char *prop)
{
	int node = fdt_path_offset(fdt, path), len = -1;
	const char *v;

	assert_true(node >= 0);
	v = fdt_getprop(fdt, node, prop, &len);
	if (!v)
		fail_msg("%s:%s missing", path, prop);
	/* A string property includes its NUL, and only one. */
	assert_int_equal(len, strlen(v) + 1);
	return v;
}

static bool has_node(const void *fdt, const char *path)
{
	return fdt_path_offset(fdt, path) >= 0;
}

static void *build(const struct p7sim_fdt_config *cfg, size_t *size)
{
	char err[128] = "";
	void *fdt = p7sim_fdt_build(cfg, size, err, sizeof(err));

	if (!fdt)
		fail_msg("build failed: %s", err);
	assert_int_equal(fdt_check_header(fdt), 0);
	assert_int_equal(fdt_totalsize(fdt), *size);
	return fdt;
}

/*
 * The minimal tree of the guest contract (5.2), for 2 cores with boot CPU 1:
 * root compatible/cells, /chosen bootargs, one cpu node per core with
 * device_type "cpu" (length 4), reg and server number, cache line sizes,
 * timebase-frequency as given, /memory@0 reg with 2+2 cells, /rtas with
 * every token and no rtas-entry, boot_cpuid_phys in the header.
 */
static void test_contract_tree(void **state)
{
	struct p7sim_fdt_config cfg = {
		.mem_size = 1024 * MB, .ncpus = 2, .boot_cpu = 1, .timebase_freq = 64000000,
		.bootargs = "setup smp=2 mem=1024", .hpt_order = 20,
	};
	const struct p7sim_rtas_call *calls;
	const fdt32_t *reg;
	unsigned int n;
	size_t size;
	void *fdt = build(&cfg, &size);
	int node, len, cpus = 0, threads = 0;

	assert_int_equal(fdt_boot_cpuid_phys(fdt), 1);
	assert_string_equal(get_str(fdt, "/", "compatible"), "qemu,pseries");
	assert_string_equal(get_str(fdt, "/", "device_type"), "chrp");
	assert_non_null(strstr(get_str(fdt, "/", "model"), "p7sim"));
	assert_int_equal(get_u32(fdt, "/", "#address-cells"), 2);
	assert_int_equal(get_u32(fdt, "/", "#size-cells"), 2);
	assert_string_equal(get_str(fdt, "/chosen", "bootargs"), "setup smp=2 mem=1024");
	assert_string_equal(get_str(fdt, "/chosen", "linux,stdout-path"), "/vdevice/vty@30000000");
	assert_string_equal(get_str(fdt, "/chosen", "stdout-path"), "/vdevice/vty@30000000");

	/* CPUs, found by device_type as kvm-unit-tests does. */
	assert_int_equal(get_u32(fdt, "/cpus", "#address-cells"), 1);
	assert_int_equal(get_u32(fdt, "/cpus", "#size-cells"), 0);
	node = fdt_path_offset(fdt, "/cpus");
	fdt_for_each_subnode(node, fdt, fdt_path_offset(fdt, "/cpus")) {
		const char *dt = fdt_getprop(fdt, node, "device_type", &len);
		const fdt32_t *srv = fdt_getprop(fdt, node, "ibm,ppc-interrupt-server#s", &len);

		assert_non_null(dt);
		assert_string_equal(dt, "cpu");
		assert_non_null(srv);
		threads += len / 4;
		assert_int_equal(fdt32_to_cpu(*srv), cpus);
		cpus++;
	}
	assert_int_equal(cpus, 2);
	assert_int_equal(threads, 2);
	assert_int_equal(get_u32(fdt, "/cpus/PowerPC,POWER7@1", "reg"), 1);
	assert_string_equal(get_str(fdt, "/cpus/PowerPC,POWER7@1", "device_type"), "cpu");
	assert_int_equal(get_u32(fdt, "/cpus/PowerPC,POWER7@0", "d-cache-line-size"), 128);
	assert_int_equal(get_u32(fdt, "/cpus/PowerPC,POWER7@0", "i-cache-line-size"), 128);
	assert_int_equal(get_u32(fdt, "/cpus/PowerPC,POWER7@0", "d-cache-block-size"), 128);
	assert_int_equal(get_u32(fdt, "/cpus/PowerPC,POWER7@0", "i-cache-block-size"), 128);
	assert_int_equal(get_u32(fdt, "/cpus/PowerPC,POWER7@0", "timebase-frequency"), 64000000);
	assert_int_equal(get_u32(fdt, "/cpus/PowerPC,POWER7@0", "clock-frequency"),
			 P7SIM_FDT_CLOCK_FREQ_DEFAULT);
	assert_int_equal(get_u32(fdt, "/cpus/PowerPC,POWER7@0", "cpu-version"), 0x003f0203);
	assert_int_equal(get_u32(fdt, "/cpus/PowerPC,POWER7@0", "ibm,slb-size"), 32);
	node = fdt_path_offset(fdt, "/cpus/PowerPC,POWER7@1");
	reg = fdt_getprop(fdt, node, "ibm,pft-size", &len);
	assert_int_equal(len, 8);
	assert_int_equal(fdt32_to_cpu(reg[0]), 0);
	assert_int_equal(fdt32_to_cpu(reg[1]), 20);
	assert_non_null(fdt_getprop(fdt, node, "64-bit", &len));
	assert_int_equal(len, 0);

	/* 1 GiB of memory at 0. */
	assert_string_equal(get_str(fdt, "/memory@0", "device_type"), "memory");
	reg = fdt_getprop(fdt, fdt_path_offset(fdt, "/memory@0"), "reg", &len);
	assert_int_equal(len, 16);
	assert_int_equal(fdt32_to_cpu(reg[0]), 0);
	assert_int_equal(fdt32_to_cpu(reg[1]), 0);
	assert_int_equal(fdt32_to_cpu(reg[2]), 0);
	assert_int_equal(fdt32_to_cpu(reg[3]), 0x40000000);

	/* RTAS: every call's token, no blob entry point. */
	calls = p7sim_rtas_calls(&n);
	for (unsigned int i = 0; i < n; i++)
		assert_int_equal(get_u32(fdt, "/rtas", calls[i].name), calls[i].token);
	node = fdt_path_offset(fdt, "/rtas");
	assert_null(fdt_getprop(fdt, node, "linux,rtas-entry", &len));
	assert_null(fdt_getprop(fdt, node, "linux,rtas-base", &len));
	assert_null(fdt_getprop(fdt, node, "ibm,hypertas-functions", &len));

	/* Console and interrupt controller. */
	assert_string_equal(get_str(fdt, "/vdevice/vty@30000000", "compatible"), "hvterm1");
	assert_int_equal(get_u32(fdt, "/vdevice/vty@30000000", "reg"), P7SIM_VTY_REG);
	assert_string_equal(get_str(fdt, "/vdevice", "compatible"), "IBM,vdevice");
	assert_string_equal(get_str(fdt, "/interrupt-controller", "compatible"), "IBM,ppc-xicp");
	reg = fdt_getprop(fdt, fdt_path_offset(fdt, "/interrupt-controller"),
			  "ibm,interrupt-server-ranges", &len);
	assert_int_equal(len, 8);
	assert_int_equal(fdt32_to_cpu(reg[0]), 0);
	assert_int_equal(fdt32_to_cpu(reg[1]), 2);

	/* No /hypervisor unless asked. */
	assert_false(has_node(fdt, "/hypervisor"));
	free(fdt);
}

/*
 * Options: /hypervisor "linux,kvm" on request, ibm,hypertas-functions as a
 * string list, memory above 4 GB split over the two size cells, defaults
 * (512 MHz TB, HPT order 24, empty bootargs), and 16 CPUs.
 */
static void test_options_and_defaults(void **state)
{
	static const char *const tas[] = { "hcall-pft", "hcall-term", NULL };
	struct p7sim_fdt_config cfg = {
		.mem_size = 5ULL << 30, .ncpus = 16, .hypervisor_node = true, .hypertas = tas,
	};
	const fdt32_t *reg;
	const char *s;
	size_t size;
	void *fdt = build(&cfg, &size);
	int len;

	assert_int_equal(fdt_boot_cpuid_phys(fdt), 0);
	assert_string_equal(get_str(fdt, "/hypervisor", "compatible"), "linux,kvm");
	s = fdt_getprop(fdt, fdt_path_offset(fdt, "/rtas"), "ibm,hypertas-functions", &len);
	assert_int_equal(len, sizeof("hcall-pft") + sizeof("hcall-term"));
	assert_string_equal(s, "hcall-pft");
	assert_string_equal(s + sizeof("hcall-pft"), "hcall-term");
	assert_int_equal(fdt_stringlist_count(fdt, fdt_path_offset(fdt, "/rtas"),
					      "ibm,hypertas-functions"), 2);
	reg = fdt_getprop(fdt, fdt_path_offset(fdt, "/memory@0"), "reg", &len);
	assert_int_equal(fdt32_to_cpu(reg[2]), 1);
	assert_int_equal(fdt32_to_cpu(reg[3]), 0x40000000);
	assert_string_equal(get_str(fdt, "/chosen", "bootargs"), "");
	assert_int_equal(get_u32(fdt, "/cpus/PowerPC,POWER7@f", "timebase-frequency"), 512000000);
	assert_int_equal(get_u32(fdt, "/cpus/PowerPC,POWER7@f", "ibm,ppc-interrupt-server#s"), 15);
	reg = fdt_getprop(fdt, fdt_path_offset(fdt, "/cpus/PowerPC,POWER7@a"), "ibm,pft-size",
			  &len);
	assert_int_equal(fdt32_to_cpu(reg[1]), 24);
	free(fdt);
}

/* Bad configurations are refused with a message, not built. */
static void test_bad_config(void **state)
{
	struct p7sim_fdt_config cfg = { .mem_size = 16 * MB, .ncpus = 0 };
	char err[128] = "";
	size_t size;

	assert_null(p7sim_fdt_build(&cfg, &size, err, sizeof(err)));
	assert_non_null(strstr(err, "no CPU"));
	cfg.ncpus = 2;
	cfg.boot_cpu = 2;
	assert_null(p7sim_fdt_build(&cfg, &size, err, sizeof(err)));
	assert_non_null(strstr(err, "boot CPU"));
	cfg.boot_cpu = 0;
	cfg.mem_size = 0;
	assert_null(p7sim_fdt_build(&cfg, &size, err, sizeof(err)));
	assert_non_null(strstr(err, "memory"));
}

/*
 * Placement: QEMU's spot 2 MB below the top when the image leaves room;
 * otherwise as high as it fits; never over the image or the copy the
 * guest makes at its stack top; refused when RAM is too small.
 */
static void test_place(void **state)
{
	uint64_t a = 0;

	assert_int_equal(p7sim_fdt_place(256 * MB, 0x500000, 0x1000, &a), 0);
	assert_int_equal(a, 254 * MB);
	/* 6 MB guest, image to 5 MB: the top spot is inside the image. */
	assert_int_equal(p7sim_fdt_place(6 * MB, 5 * MB, 0x1000, &a), 0);
	assert_int_equal(a, 6 * MB - 0x1000);
	assert_true(a >= 5 * MB + 0x1000);
	/* An odd size is aligned down to 8 bytes. */
	assert_int_equal(p7sim_fdt_place(6 * MB, 5 * MB, 0xffd, &a), 0);
	assert_int_equal(a % 8, 0);
	assert_true(a + 0xffd <= 6 * MB);
	/* No room above the image plus its copy. */
	assert_int_equal(p7sim_fdt_place(6 * MB, 6 * MB - 0x1000, 0x1000, &a), -1);
	assert_int_equal(p7sim_fdt_place(1 * MB, 0, 2 * MB, &a), -1);
	assert_int_equal(p7sim_fdt_place(16 * MB, UINT64_MAX - 4, 0x1000, &a), -1);
}

/* A built tree placed and copied into guest RAM reads back intact. */
static void test_install(void **state)
{
	struct p7sim_fdt_config cfg = { .mem_size = 32 * MB, .ncpus = 1 };
	struct fake_ram r;
	uint64_t a;
	size_t size;
	void *fdt = build(&cfg, &size), *copy = malloc(size);

	fake_ram_init(&r, 32 * MB);
	assert_int_equal(p7sim_fdt_place(r.mem.size, 0x410000, size, &a), 0);
	assert_int_equal(p7sim_mem_write(&r.mem, a, fdt, size), 0);
	assert_int_equal(p7sim_mem_read(&r.mem, a, copy, size), 0);
	assert_int_equal(fdt_check_header(copy), 0);
	assert_string_equal(get_str(copy, "/", "compatible"), "qemu,pseries");
	free(copy);
	free(fdt);
	fake_ram_fini(&r);
}

/*
 * What a pseries Linux needs beyond the contract: per CPU the page and
 * segment sizes (4K/64K/16M with their SLB and LP encodings, 256M/1T),
 * ibm,pa-features, ibm,vmx = 2, ibm,dfp, the gserver pair; /rtas with the
 * blob's base/entry/size as 32-bit cells and a reservation map entry for
 * it; /chosen initrd bounds; the vty's XICS source under an interrupt-
 * controller /vdevice; the NVRAM node; the function-set list as given.
 */
static void test_linux_tree(void **state)
{
	static const char *const sets[] = { "hcall-pft", "hcall-term", NULL };
	struct p7sim_fdt_config cfg = {
		.mem_size = 256 * MB, .ncpus = 2, .hypertas = sets,
		.rtas_base = 0xfdff000, .rtas_size = 4096,
		.initrd_start = 0x800000, .initrd_end = 0x812345,
		.vty_irq = 0x1000, .nvram_size = 65536,
	};
	static const uint32_t sps[] = { 12, 0, 1, 12, 0, 16, 0x110, 1, 16, 1,
					24, 0x100, 1, 24, 0 };
	const char *cpu = "/cpus/PowerPC,POWER7@1";
	const fdt32_t *c;
	const uint8_t *pa;
	const char *str;
	uint64_t addr, size;
	size_t sz;
	void *fdt = build(&cfg, &sz);
	int node, len;

	node = fdt_path_offset(fdt, cpu);
	c = fdt_getprop(fdt, node, "ibm,segment-page-sizes", &len);
	assert_int_equal(len, sizeof(sps));
	for (unsigned int i = 0; i < sizeof(sps) / 4; i++)
		assert_int_equal(fdt32_to_cpu(c[i]), sps[i]);
	c = fdt_getprop(fdt, node, "ibm,processor-segment-sizes", &len);
	assert_int_equal(len, 8);
	assert_int_equal(fdt32_to_cpu(c[0]), 28);
	assert_int_equal(fdt32_to_cpu(c[1]), 40);
	pa = fdt_getprop(fdt, node, "ibm,pa-features", &len);
	assert_int_equal(len, 8);
	assert_int_equal(pa[0], 6);
	assert_int_equal(pa[2], 0xf6);		/* MMU, FPU, SLB, RUN, DABR, NX */
	assert_int_equal(pa[7], 0xc0);		/* true little-endian mode, CFAR */
	assert_int_equal(get_u32(fdt, cpu, "ibm,vmx"), 2);
	assert_int_equal(get_u32(fdt, cpu, "ibm,dfp"), 1);
	assert_int_equal(get_u32(fdt, cpu, "ibm,chip-id"), 0);
	c = fdt_getprop(fdt, node, "ibm,ppc-interrupt-gserver#s", &len);
	assert_int_equal(len, 8);
	assert_int_equal(fdt32_to_cpu(c[0]), 1);

	assert_int_equal(get_u32(fdt, "/rtas", "linux,rtas-base"), 0xfdff000);
	assert_int_equal(get_u32(fdt, "/rtas", "linux,rtas-entry"), 0xfdff000);
	assert_int_equal(get_u32(fdt, "/rtas", "rtas-size"), 4096);
	assert_int_equal(fdt_num_mem_rsv(fdt), 1);
	assert_int_equal(fdt_get_mem_rsv(fdt, 0, &addr, &size), 0);
	assert_int_equal(addr, 0xfdff000);
	assert_int_equal(size, 4096);
	str = fdt_getprop(fdt, fdt_path_offset(fdt, "/rtas"), "ibm,hypertas-functions", &len);
	assert_int_equal(len, sizeof("hcall-pft") + sizeof("hcall-term"));
	assert_string_equal(str, "hcall-pft");
	assert_string_equal(str + sizeof("hcall-pft"), "hcall-term");

	/* Property values are only 4-byte aligned in the blob: fdt64_ld reads them whole. */
	c = fdt_getprop(fdt, fdt_path_offset(fdt, "/chosen"), "linux,initrd-start", &len);
	assert_int_equal(len, 8);
	assert_int_equal(fdt64_ld((const fdt64_t *)c), 0x800000);
	c = fdt_getprop(fdt, fdt_path_offset(fdt, "/chosen"), "linux,initrd-end", &len);
	assert_int_equal(fdt64_ld((const fdt64_t *)c), 0x812345);

	assert_non_null(fdt_getprop(fdt, fdt_path_offset(fdt, "/vdevice"), "interrupt-controller",
				    &len));
	c = fdt_getprop(fdt, fdt_path_offset(fdt, "/vdevice/vty@30000000"), "interrupts", &len);
	assert_int_equal(len, 8);
	assert_int_equal(fdt32_to_cpu(c[0]), 0x1000);
	assert_int_equal(get_u32(fdt, "/vdevice/nvram@30000001", "#bytes"), 65536);
	assert_string_equal(get_str(fdt, "/vdevice/nvram@30000001", "device_type"), "nvram");
	free(fdt);

	/* Without a blob, initrd or vty source: none of those properties. */
	cfg.rtas_base = 0;
	cfg.initrd_start = 0;
	cfg.vty_irq = 0;
	fdt = build(&cfg, &sz);
	assert_null(fdt_getprop(fdt, fdt_path_offset(fdt, "/rtas"), "linux,rtas-entry", &len));
	assert_int_equal(fdt_num_mem_rsv(fdt), 0);
	assert_null(fdt_getprop(fdt, fdt_path_offset(fdt, "/chosen"), "linux,initrd-start", &len));
	assert_null(fdt_getprop(fdt, fdt_path_offset(fdt, "/vdevice/vty@30000000"), "interrupts",
				&len));
	free(fdt);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_contract_tree),
		cmocka_unit_test(test_linux_tree),
		cmocka_unit_test(test_options_and_defaults),
		cmocka_unit_test(test_bad_config),
		cmocka_unit_test(test_place),
		cmocka_unit_test(test_install),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
