// SPDX-License-Identifier: GPL-2.0-only
/*
 * Device tree builder on libfdt's sequential-write API (see p7sim_fdt.h for
 * what goes in and why).
 */
#include <libfdt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "p7sim_fdt.h"
#include "p7sim_platform.h"
#include "p7sim_rtas.h"

/* POWER7 L1 caches: 32 KB each, 128-byte lines and blocks (POWER7 UM). */
#define P7_L1_SIZE		0x8000
#define P7_CACHE_LINE		128
#define P7_SLB_SIZE		32
/* The vdevice unit address of the NVRAM, next to the vty's. */
#define P7SIM_NVRAM_REG		(P7SIM_VTY_REG + 1)

/*
 * ibm,segment-page-sizes (PAPR "ibm,segment-page-sizes"): for each base
 * page size, its shift, the SLB L||LP encoding (in SLB VSID word position),
 * the number of actual page sizes, and for each the shift and the HPTE LP
 * encoding.  POWER7 supports 4K, 64K (L=1, LP=01) and 16M (L=1, LP=00)
 * base pages; its mixed page sizes within a segment (MPSS) are not
 * modelled, so each base size lists only itself.
 */
static const uint32_t p7_segment_page_sizes[] = {
	12, 0x000, 1, 12, 0,	/* 4K */
	16, 0x110, 1, 16, 1,	/* 64K */
	24, 0x100, 1, 24, 0,	/* 16M */
};

/* ibm,processor-segment-sizes: 2^28 (256M) and 2^40 (1T) segments. */
static const uint32_t p7_segment_sizes[] = { 28, 40 };

/*
 * ibm,pa-features (PAPR "ibm,pa-features"): a length byte, a zero byte,
 * then attribute bytes with bit 0 the most significant.  Byte 0: MMU,
 * FPU, SLB, run latch (CTRL), DABR, no-execute (bits 0-3, 5, 6); byte 1:
 * bits 2-7 (cache-inhibited large pages, ...); byte 2: bits 0, 1, 5-7;
 * byte 4 bit 0; byte 5 bits 0 and 1: true little-endian mode (MSR[LE],
 * which the engine executes) and CFAR; all as POWER7 has them (QEMU 7.2
 * gives a POWER7 the same bytes 4 and 5).  Linux takes byte 5 bit 0 for
 * CPU_FTR_REAL_LE and PPC_FEATURE_TRUE_LE in AT_HWCAP.
 */
static const uint8_t p7_pa_features[] = { 6, 0, 0xf6, 0x3f, 0xc7, 0x00, 0x80, 0xc0 };

/* Bail out of the builder with libfdt's error. */
#define TRY(x)						\
	do {						\
		int __r = (x);				\
		if (__r < 0)				\
			return __r;			\
	} while (0)

static int prop_cells(void *fdt, const char *name, const uint32_t *cells, unsigned int n)
{
	fdt32_t be[16];

	if (n > 16)
		return -FDT_ERR_NOSPACE;
	for (unsigned int i = 0; i < n; i++)
		be[i] = cpu_to_fdt32(cells[i]);
	return fdt_property(fdt, name, be, n * sizeof(be[0]));
}

/* A NUL-separated string list property from a NULL-terminated array. */
static int prop_strings(void *fdt, const char *name, const char *const *list)
{
	char buf[1024];
	size_t len = 0;

	for (; *list; list++) {
		size_t l = strlen(*list) + 1;

		if (l > sizeof(buf) - len)
			return -FDT_ERR_NOSPACE;
		memcpy(buf + len, *list, l);
		len += l;
	}
	return fdt_property(fdt, name, buf, len);
}

static int build_cpus(void *fdt, const struct p7sim_fdt_config *cfg)
{
	TRY(fdt_begin_node(fdt, "cpus"));
	TRY(fdt_property_u32(fdt, "#address-cells", 1));
	TRY(fdt_property_u32(fdt, "#size-cells", 0));
	for (unsigned int i = 0; i < cfg->ncpus; i++) {
		uint32_t order = cfg->hpt_order ? cfg->hpt_order : P7SIM_FDT_HPT_ORDER_DEFAULT;
		uint32_t pft[2] = { 0, order };
		char name[32];

		snprintf(name, sizeof(name), "PowerPC,POWER7@%x", i);
		TRY(fdt_begin_node(fdt, name));
		TRY(fdt_property_string(fdt, "device_type", "cpu"));
		TRY(fdt_property_u32(fdt, "reg", i));
		uint32_t gserver[2] = { i, 0 };

		/* One cell per thread; one thread per core, server number = core. */
		TRY(fdt_property_u32(fdt, "ibm,ppc-interrupt-server#s", i));
		TRY(prop_cells(fdt, "ibm,ppc-interrupt-gserver#s", gserver, 2));
		TRY(fdt_property_u32(fdt, "ibm,chip-id", 0));
		TRY(fdt_property_string(fdt, "status", "okay"));
		TRY(fdt_property_u32(fdt, "cpu-version",
				     cfg->pvr ? cfg->pvr : P7SIM_FDT_PVR_DEFAULT));
		TRY(fdt_property_u32(fdt, "d-cache-line-size", P7_CACHE_LINE));
		TRY(fdt_property_u32(fdt, "i-cache-line-size", P7_CACHE_LINE));
		TRY(fdt_property_u32(fdt, "d-cache-block-size", P7_CACHE_LINE));
		TRY(fdt_property_u32(fdt, "i-cache-block-size", P7_CACHE_LINE));
		TRY(fdt_property_u32(fdt, "d-cache-size", P7_L1_SIZE));
		TRY(fdt_property_u32(fdt, "i-cache-size", P7_L1_SIZE));
		/* The only source of the TB frequency a guest has (contract 5.1). */
		TRY(fdt_property_u32(fdt, "timebase-frequency",
				     cfg->timebase_freq ? cfg->timebase_freq :
							  P7SIM_FDT_TB_FREQ_DEFAULT));
		TRY(fdt_property_u32(fdt, "clock-frequency",
				     cfg->clock_freq ? cfg->clock_freq :
						       P7SIM_FDT_CLOCK_FREQ_DEFAULT));
		TRY(prop_cells(fdt, "ibm,pft-size", pft, 2));
		TRY(fdt_property_u32(fdt, "ibm,slb-size", P7_SLB_SIZE));
		TRY(fdt_property_u32(fdt, "slb-size", P7_SLB_SIZE));
		TRY(prop_cells(fdt, "ibm,segment-page-sizes", p7_segment_page_sizes,
			       sizeof(p7_segment_page_sizes) / sizeof(uint32_t)));
		TRY(prop_cells(fdt, "ibm,processor-segment-sizes", p7_segment_sizes, 2));
		TRY(fdt_property(fdt, "ibm,pa-features", p7_pa_features, sizeof(p7_pa_features)));
		/* 2: VMX and VSX (POWER7 has both); DFP: 1. */
		TRY(fdt_property_u32(fdt, "ibm,vmx", 2));
		TRY(fdt_property_u32(fdt, "ibm,dfp", 1));
		TRY(fdt_property_u32(fdt, "ibm,purr", 1));
		TRY(fdt_property_u32(fdt, "ibm,spurr", 1));
		TRY(fdt_property(fdt, "64-bit", NULL, 0));
		TRY(fdt_end_node(fdt));
	}
	return fdt_end_node(fdt);
}

static int build_rtas(void *fdt, const struct p7sim_fdt_config *cfg)
{
	const struct p7sim_rtas_call *calls;
	unsigned int n;

	TRY(fdt_begin_node(fdt, "rtas"));
	calls = p7sim_rtas_calls(&n);
	for (unsigned int i = 0; i < n; i++)
		TRY(fdt_property_u32(fdt, calls[i].name, calls[i].token));
	if (cfg->hypertas)
		TRY(prop_strings(fdt, "ibm,hypertas-functions", cfg->hypertas));
	if (cfg->rtas_base) {
		/* What prom_init's instantiate-rtas adds: 32-bit cells (Linux reads u32). */
		TRY(fdt_property_u32(fdt, "linux,rtas-base", (uint32_t)cfg->rtas_base));
		TRY(fdt_property_u32(fdt, "linux,rtas-entry", (uint32_t)cfg->rtas_base));
		TRY(fdt_property_u32(fdt, "rtas-size", cfg->rtas_size));
	}
	TRY(fdt_property_u32(fdt, "rtas-error-log-max", P7SIM_RTAS_ERROR_LOG_MAX));
	TRY(fdt_property_u32(fdt, "rtas-event-scan-rate", 1));
	return fdt_end_node(fdt);
}

static int build(void *fdt, int size, const struct p7sim_fdt_config *cfg)
{
	uint32_t mem_reg[4] = {
		0, 0, (uint32_t)(cfg->mem_size >> 32), (uint32_t)cfg->mem_size,
	};
	uint32_t servers[2] = { 0, cfg->ncpus };
	char vty[32], stdout_path[48];

	snprintf(vty, sizeof(vty), "vty@%x", P7SIM_VTY_REG);
	snprintf(stdout_path, sizeof(stdout_path), "/vdevice/%s", vty);

	TRY(fdt_create(fdt, size));
	if (cfg->rtas_base)
		TRY(fdt_add_reservemap_entry(fdt, cfg->rtas_base, cfg->rtas_size));
	TRY(fdt_finish_reservemap(fdt));
	TRY(fdt_begin_node(fdt, ""));
	TRY(fdt_property_u32(fdt, "#address-cells", 2));
	TRY(fdt_property_u32(fdt, "#size-cells", 2));
	TRY(fdt_property_string(fdt, "compatible", "qemu,pseries"));
	TRY(fdt_property_string(fdt, "model", "IBM pSeries (emulated by p7sim)"));
	TRY(fdt_property_string(fdt, "device_type", "chrp"));

	TRY(fdt_begin_node(fdt, "chosen"));
	TRY(fdt_property_string(fdt, "bootargs", cfg->bootargs ? cfg->bootargs : ""));
	TRY(fdt_property_string(fdt, "linux,stdout-path", stdout_path));
	TRY(fdt_property_string(fdt, "stdout-path", stdout_path));
	if (cfg->initrd_start) {
		TRY(fdt_property_u64(fdt, "linux,initrd-start", cfg->initrd_start));
		TRY(fdt_property_u64(fdt, "linux,initrd-end", cfg->initrd_end));
	}
	TRY(fdt_end_node(fdt));

	TRY(build_cpus(fdt, cfg));

	TRY(fdt_begin_node(fdt, "memory@0"));
	TRY(fdt_property_string(fdt, "device_type", "memory"));
	TRY(prop_cells(fdt, "reg", mem_reg, 4));
	TRY(fdt_end_node(fdt));

	TRY(build_rtas(fdt, cfg));

	TRY(fdt_begin_node(fdt, "vdevice"));
	TRY(fdt_property_string(fdt, "device_type", "vdevice"));
	TRY(fdt_property_string(fdt, "compatible", "IBM,vdevice"));
	TRY(fdt_property_u32(fdt, "#address-cells", 1));
	TRY(fdt_property_u32(fdt, "#size-cells", 0));
	/* The parent of the vdevices' XICS sources: cells = source, sense. */
	TRY(fdt_property(fdt, "interrupt-controller", NULL, 0));
	TRY(fdt_property_u32(fdt, "#interrupt-cells", 2));
	TRY(fdt_begin_node(fdt, vty));
	TRY(fdt_property_string(fdt, "device_type", "serial"));
	TRY(fdt_property_string(fdt, "compatible", "hvterm1"));
	TRY(fdt_property_u32(fdt, "reg", P7SIM_VTY_REG));
	if (cfg->vty_irq) {
		uint32_t irq[2] = { cfg->vty_irq, 0 };

		TRY(prop_cells(fdt, "interrupts", irq, 2));
	}
	TRY(fdt_end_node(fdt));
	if (cfg->nvram_size) {
		char nv[32];

		snprintf(nv, sizeof(nv), "nvram@%x", P7SIM_NVRAM_REG);
		TRY(fdt_begin_node(fdt, nv));
		TRY(fdt_property_string(fdt, "device_type", "nvram"));
		TRY(fdt_property_string(fdt, "compatible", "qemu,spapr-nvram"));
		TRY(fdt_property_u32(fdt, "reg", P7SIM_NVRAM_REG));
		TRY(fdt_property_u32(fdt, "#bytes", cfg->nvram_size));
		TRY(fdt_end_node(fdt));
	}
	TRY(fdt_end_node(fdt));

	/* XICS presentation through hcalls: Linux's icp-hv looks for this. */
	TRY(fdt_begin_node(fdt, "interrupt-controller"));
	TRY(fdt_property_string(fdt, "device_type", "PowerPC-External-Interrupt-Presentation"));
	TRY(fdt_property_string(fdt, "compatible", "IBM,ppc-xicp"));
	TRY(fdt_property(fdt, "interrupt-controller", NULL, 0));
	TRY(prop_cells(fdt, "ibm,interrupt-server-ranges", servers, 2));
	TRY(fdt_property_u32(fdt, "#interrupt-cells", 2));
	TRY(fdt_end_node(fdt));

	if (cfg->hypervisor_node) {
		TRY(fdt_begin_node(fdt, "hypervisor"));
		TRY(fdt_property_string(fdt, "compatible", "linux,kvm"));
		TRY(fdt_end_node(fdt));
	}

	TRY(fdt_end_node(fdt));
	TRY(fdt_finish(fdt));
	fdt_set_boot_cpuid_phys(fdt, cfg->boot_cpu);
	return 0;
}

static void *fdt_fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (err && errlen) {
		va_start(ap, fmt);
		vsnprintf(err, errlen, fmt, ap);
		va_end(ap);
	}
	return NULL;
}

void *p7sim_fdt_build(const struct p7sim_fdt_config *cfg, size_t *size, char *err,
		      size_t errlen)
{
	int cap = 16384, ret;
	void *fdt;

	if (!cfg->ncpus)
		return fdt_fail(err, errlen, "device tree: no CPU");
	if (cfg->boot_cpu >= cfg->ncpus)
		return fdt_fail(err, errlen, "device tree: boot CPU %u of %u", cfg->boot_cpu,
				cfg->ncpus);
	if (!cfg->mem_size)
		return fdt_fail(err, errlen, "device tree: no memory");
	/* The sequential-write API cannot grow its buffer: retry with a larger one. */
	for (;;) {
		fdt = malloc(cap);
		if (!fdt)
			return fdt_fail(err, errlen, "device tree: out of memory");
		ret = build(fdt, cap, cfg);
		if (ret != -FDT_ERR_NOSPACE || cap >= (1 << 24))
			break;
		free(fdt);
		cap *= 4;
	}
	if (ret < 0) {
		free(fdt);
		return fdt_fail(err, errlen, "device tree: %s", fdt_strerror(ret));
	}
	*size = fdt_totalsize(fdt);
	return fdt;
}

#define FDT_QEMU_GAP	(2ULL << 20)
#define FDT_ALIGN	8ULL

int p7sim_fdt_place(uint64_t mem_size, uint64_t image_end, uint64_t fdt_size, uint64_t *addr)
{
	uint64_t low, a;

	/* Above the image and the copy the guest makes at its stack top. */
	if (image_end > UINT64_MAX - fdt_size - FDT_ALIGN)
		return -1;
	low = (image_end + fdt_size + FDT_ALIGN - 1) & ~(FDT_ALIGN - 1);
	if (fdt_size > mem_size)
		return -1;
	if (mem_size >= FDT_QEMU_GAP && fdt_size <= FDT_QEMU_GAP)
		a = mem_size - FDT_QEMU_GAP;
	else
		a = (mem_size - fdt_size) & ~(FDT_ALIGN - 1);
	if (a < low)
		a = (mem_size - fdt_size) & ~(FDT_ALIGN - 1);
	if (a < low || a < 0x3000)
		return -1;
	*addr = a;
	return 0;
}
