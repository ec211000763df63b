/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The flattened device tree handed to the guest in r3.
 *
 * Contents (pseries-guest-contract.md 5.2 is the minimum that must be there;
 * the rest is what a pseries Linux also looks for):
 *
 *   /                 compatible "qemu,pseries" (required literally: it
 *                     selects the pseries path of kvm-unit-tests' setup()),
 *                     model, device_type "chrp", #address-cells = #size-cells = 2
 *   /chosen           bootargs, linux,stdout-path and stdout-path = the vty,
 *                     linux,initrd-start/-end when an initrd is loaded
 *   /cpus             one PowerPC,POWER7@N per core (one thread each):
 *                     reg and ibm,ppc-interrupt-server#s = <N>,
 *                     ibm,ppc-interrupt-gserver#s, ibm,chip-id, cache
 *                     geometry, timebase-frequency, clock-frequency,
 *                     cpu-version (PVR), ibm,pft-size = <0 hpt_order>,
 *                     ibm,slb-size = <32>, ibm,segment-page-sizes (4K, 64K
 *                     and 16M base pages, no MPSS), ibm,processor-segment-
 *                     sizes (256M, 1T), ibm,pa-features, ibm,vmx = 2 (VMX +
 *                     VSX), ibm,dfp, ibm,purr, ibm,spurr, 64-bit
 *   /memory@0         reg = <0 0 size>
 *   /rtas             one property per RTAS call, value = its token;
 *                     ibm,hypertas-functions when given; with an RTAS blob:
 *                     linux,rtas-base, linux,rtas-entry, rtas-size (and a
 *                     reservation map entry for the blob).  Without the
 *                     blob a guest enters RTAS with hcall 0xf000 itself.
 *   /vdevice          vty@30000000, compatible "hvterm1" (with its XICS
 *                     source in "interrupts" when vty_irq is set), and
 *                     nvram@30000001 (#bytes) when nvram_size is set;
 *                     /vdevice is the interrupt parent of its devices
 *   /interrupt-controller  XICS presentation: ibm,ppc-xicp, server range
 *   /hypervisor       compatible "linux,kvm", only on request: it makes
 *                     kvm-unit-tests strict about checks that are known
 *                     failures under TCG (contract 4.1)
 *
 * The header's boot_cpuid_phys is the boot CPU's server number (contract
 * 5.2, spapr_vpa).  Not present: ibm,dec-bits (absent means 32, POWER7's).
 */
#ifndef P7SIM_FDT_H
#define P7SIM_FDT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define P7SIM_FDT_TB_FREQ_DEFAULT	512000000U	/* QEMU pseries' TB */
#define P7SIM_FDT_CLOCK_FREQ_DEFAULT	1000000000U	/* what QEMU TCG advertises */
#define P7SIM_FDT_PVR_DEFAULT		0x003f0203U	/* POWER7 v2.3, the model's PVR */
#define P7SIM_FDT_HPT_ORDER_DEFAULT	24		/* 16 MB, KVM's default */

struct p7sim_fdt_config {
	uint64_t mem_size;		/* bytes of RAM at real address 0 */
	unsigned int ncpus;		/* cores, one thread each, servers 0..ncpus-1 */
	unsigned int boot_cpu;		/* server number of the boot CPU */
	uint32_t timebase_freq;		/* Hz: must match the model's TB; 0 = 512 MHz */
	uint32_t clock_freq;		/* Hz; 0 = 1 GHz */
	uint32_t pvr;			/* cpu-version; 0 = POWER7 v2.3 */
	unsigned int hpt_order;		/* log2 of the HPT size; 0 = 24 */
	const char *bootargs;		/* /chosen/bootargs; NULL = "" */
	bool hypervisor_node;		/* add /hypervisor "linux,kvm" */
	const char *const *hypertas;	/* NULL-terminated function set names, or NULL */
	uint64_t rtas_base;		/* guest real address of the RTAS blob; 0 = none */
	uint32_t rtas_size;		/* its size in bytes */
	uint64_t initrd_start;		/* guest real [start, end) of the initrd; 0 = none */
	uint64_t initrd_end;
	uint32_t vty_irq;		/* XICS source number of the vty; 0 = polled only */
	uint32_t nvram_size;		/* bytes of NVRAM behind nvram-fetch/store; 0 = none */
};

/*
 * Build the tree.  Returns a malloc'd blob (free() it) and its size, or
 * NULL with a message in @err.
 */
void *p7sim_fdt_build(const struct p7sim_fdt_config *cfg, size_t *size, char *err,
		      size_t errlen);

/*
 * Choose the guest real address of a @fdt_size byte tree for a guest whose
 * image ends at @image_end: QEMU's spot, 2 MB below the top of RAM, when
 * the tree fits there, else as high as it fits.  Either way it stays above
 * image_end + fdt_size, because the guest copies the tree to its stack top
 * (inside the image) first thing (contract 5.1).  0, or -1 when no such
 * place exists.
 */
int p7sim_fdt_place(uint64_t mem_size, uint64_t image_end, uint64_t fdt_size, uint64_t *addr);

#endif /* P7SIM_FDT_H */
