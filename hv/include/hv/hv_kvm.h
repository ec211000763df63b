/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * One virtual machine (partition) as the HV core sees it: its hashed page
 * table, partition registers, LPID and guest memory.
 *
 * The fields mirror the kernel's kvm->arch of the 2011 POWER7 code (hpt_virt,
 * sdr1, lpid, host_lpid, host_sdr1, host_lpcr, lpcr, ram_pginfo, the revmap)
 * under hv_ names.  vcpus, the run loop and the hcall table build on this
 * struct; everything the HPT hcalls need is here and is set up by
 * book3s_64_mmu_hv.c.
 *
 * Locking: the HPT is shared by every vcpu of the VM and is protected entry
 * by entry by the HPTE bit lock (HPTE_V_HVLOCK, see hv_hpte_try_lock).  The
 * guest view of an HPTE (rev[]) is only written with that HPTE locked.
 * Everything else here is written before any vcpu runs (create, memory add,
 * VRMA setup) and only read afterwards.
 */
#ifndef HV_KVM_H
#define HV_KVM_H

#include "hv_env.h"

/* ---- HPT geometry (ISA 2.06 Book III-S 5.7.7) ----------------------------- */

/*
 * An HPTE is 16 bytes, a PTEG 8 HPTEs (128 bytes).  SDR1 encodes the table
 * size as HTABSIZE = log2(size) - 18, so 256 KB (2^11 PTEGs) is the smallest
 * table; it is also the smallest for which the 11 low-order VPN bits that
 * tlbie needs can be recovered from a PTEG index (see hv_compute_tlbie_rb).
 * HTABSIZE is at most 28 in ISA 2.06.
 */
#define HV_HPTE_SIZE		16
#define HV_HPTES_PER_GROUP	8
#define HV_HPTEG_SHIFT		7
#define HV_HPT_ORDER_MIN	18
#define HV_HPT_ORDER_MAX	46
/* The kernel's KVM_DEFAULT_HPT_ORDER: 16 MB, 2^17 PTEGs, hash mask 0x1ffff. */
#define HV_HPT_ORDER_DEFAULT	24
/* SDR1: HTABORG (real address, 256 KB aligned) | HTABSIZE. */
#define HV_SDR1_HTABORG		0x0ffffffffffc0000UL
#define HV_SDR1_HTABSIZE	0x1fUL

/* ---- guest memory ------------------------------------------------------- */

/*
 * Guest memory is backed by 16 MB pages (the 2011 code required hugetlbfs
 * 16 MB pages): one table entry per 16 MB of guest real address space, up to
 * 2^36 bytes = 64 GB (the kernel's MAX_MEM_ORDER), i.e. 4096 entries.
 */
#define HV_RAM_PAGE_SHIFT	24
#define HV_RAM_PAGE_SIZE	(1UL << HV_RAM_PAGE_SHIFT)
#define HV_RAM_MAX_ORDER	36
#define HV_RAM_MAX_PAGES	(1UL << (HV_RAM_MAX_ORDER - HV_RAM_PAGE_SHIFT))

/* The VRMA is one 1 TB segment: at most 2^(40-24) = 65536 pages of 16 MB. */
#define HV_VRMA_MAX_PAGES	(1UL << (40 - HV_RAM_PAGE_SHIFT))
/* The VRMA entries use slot 7 of their PTEG (kvmppc_map_vrma, 2011). */
#define HV_VRMA_SLOT		7

/* ---- LPIDs -------------------------------------------------------------- */

/* POWER7 implements 10-bit LPIDs; LPID_RSVD (0x3ff) is kept for switching. */
#define HV_LPID_BITS_P7		10
#define HV_NR_LPIDS		(1U << HV_LPID_BITS_P7)

/* ---- the R-preset policy ------------------------------------------------ */

/*
 * Bits of HPTE dword 1 that the HV core always sets in the HPTE hardware
 * walks, whatever the guest asked for.  This is the single place the policy
 * is defined; hv_hpte_hw_rpte() (book3s_hv_rm_mmu.c) is the single place it
 * is applied, through kvm->hpte_r_preset.
 *
 * None: hardware sets R on a reference and the HV core reports R as the
 * hardware has it (H_READ, H_REMOVE, H_BULK_REMOVE, H_CLEAR_REF see R = 0
 * for a page never touched).  The simulator's engine stores R one byte off
 * (QEMU 5.0 inside Unicorn 2.0.1), so the sim environment keeps hardware R
 * set behind the HV core's back and answers its HPTE loads with the R the
 * guest's references set (sim/refbits.c): the workaround is the model's,
 * invisible here.  Tests may still set kvm->hpte_r_preset to check the
 * policy's plumbing.
 */
#define HV_HPTE_R_PRESET	0

/* ---- the VM ------------------------------------------------------------- */

/* The guest's view of one HPTE's dword 1 (the kernel's revmap_entry). */
struct hv_hpte_rev {
	/*
	 * Dword 1 as the guest passed it to H_ENTER, as updated by H_PROTECT and
	 * H_CLEAR_*: guest real page number, never the host's; R/C only as the
	 * guest set them.  Hardware R/C are ORed in when reported.
	 */
	u64 guest_rpte;
};

/* One 16 MB page of guest memory (the 2011 ram_pginfo entry). */
struct hv_ram_page {
	void *virt;		/* HV pointer to the page, NULL when not present */
	u64 real;		/* its real address, 16 MB aligned, never identity */
};

struct hv_kvm {
	/* Partition registers while the guest runs, and the host's to restore. */
	u32 lpid;
	u32 host_lpid;
	u64 sdr1;		/* hpt_real | (hpt_order - 18) */
	u64 host_sdr1;
	u64 lpcr;		/* guest LPCR: VPM0, VRMASD, DPFD, HDICE, host PECE/LPES */
	u64 host_lpcr;

	/* Hashed page table, in hardware format (big-endian), zeroed at creation. */
	hv_be64 *hpt_virt;	/* HV pointer; HPTE i is hpt_virt[2i], hpt_virt[2i+1] */
	u64 hpt_real;		/* real address, naturally aligned to the table size */
	unsigned int hpt_order;	/* log2 of the table size in bytes */
	unsigned long hpt_npte;	/* number of HPTEs: 2^(order - 4) */
	unsigned long hpt_mask;	/* PTEG hash mask: 2^(order - 7) - 1 */
	struct hv_hpte_rev *rev;	/* hpt_npte entries: the guest's view of dword 1 */
	u64 hpte_r_preset;	/* bits always set in hardware dword 1: HV_HPTE_R_PRESET */

	/* Guest memory: ram[gpa >> 24], HV_RAM_MAX_PAGES entries. */
	struct hv_ram_page *ram;
	unsigned long ram_npages;	/* pages present */

	/* Virtual real mode area (set up by hv_kvm_setup_vrma). */
	unsigned long vrma_npages;	/* 0 until set up */
	u64 vrma_slb_v;		/* SLB VSID word translating guest real mode */
};

/* ---- book3s_64_mmu_hv.c ------------------------------------------------- */

/*
 * Once, before any VM (module init): reserve the host's LPID (read from the
 * LPID SPR) and LPID_RSVD.  -HV_EBUSY while a VM holds an LPID.
 */
int hv_mmu_hv_init(void);

/* LPID allocator: an LPID >= 1, or -HV_ENOSPC when exhausted, -HV_EINVAL before init. */
int hv_lpid_alloc(void);
void hv_lpid_free(unsigned int lpid);

/*
 * Create a VM: LPID, a zeroed HPT of 2^@hpt_order bytes (0 = default 24) in
 * the machine's real address space, the guest-view array, SDR1 and the guest
 * LPCR.  No guest memory yet.  0 or -HV_EINVAL (order out of range or no
 * hv_mmu_hv_init), -HV_ENOSPC (no LPID), -HV_ENOMEM.
 */
int hv_kvm_create(struct hv_kvm **kvmp, unsigned int hpt_order);
/* Free everything the VM owns: guest pages, HPT, guest view, LPID. */
void hv_kvm_destroy(struct hv_kvm *kvm);

/*
 * Back guest real addresses [@gpa, @gpa + @size) with 16 MB pages.  Both must
 * be 16 MB aligned, the range non-empty, below 64 GB and not yet backed.
 * 0, -HV_EINVAL, -HV_EEXIST or -HV_ENOMEM (nothing added then).
 */
int hv_kvm_add_memory(struct hv_kvm *kvm, u64 gpa, u64 size);

/*
 * Map the guest's real mode area through the VRMA: one bolted 16 MB HPTE per
 * page of the memory contiguous from guest real address 0, in slot 7 of its
 * PTEG, and set LPCR[VRMASD].  Writes no guest register.
 * 0, -HV_EINVAL (no memory at 0), -HV_EEXIST (done already), -HV_EBUSY (a
 * slot 7 is taken; nothing is left mapped then).
 */
int hv_kvm_setup_vrma(struct hv_kvm *kvm);

/*
 * Hash functions of ISA 2.06 Book III-S 5.7.7.3, for a page of 2^@pshift
 * bytes at effective address @ea in a segment with VSID @vsid.  The result is
 * the 39-bit hash; the primary PTEG is hash & hpt_mask, the secondary
 * ~hash & hpt_mask.
 */
u64 hv_hpt_hash_256m(u64 vsid, u64 ea, unsigned int pshift);
u64 hv_hpt_hash_1t(u64 vsid, u64 ea, unsigned int pshift);

/* LPCR[VRMASD] for an SLB L||LP page-size encoding (SLB_VSID_L, ...). */
static inline u64 hv_lpcr_vrmasd(u64 slb_senc)
{
	/* senc is L at 0x100, LP at 0x30: shifted so that L lands on LPCR_VRMA_L. */
	return (slb_senc << (LPCR_VRMASD_SH - 4)) & LPCR_VRMASD;
}

/* The 16 MB page backing guest real address @gpa, or NULL: not guest memory. */
static inline const struct hv_ram_page *hv_kvm_ram_page(const struct hv_kvm *kvm, u64 gpa)
{
	u64 gfn = gpa >> HV_RAM_PAGE_SHIFT;

	if (gfn >= HV_RAM_MAX_PAGES || !kvm->ram[gfn].virt)
		return NULL;
	return &kvm->ram[gfn];
}

/* Real address behind guest real address @gpa; false when not guest memory. */
static inline bool hv_kvm_gpa_to_real(const struct hv_kvm *kvm, u64 gpa, u64 *real)
{
	const struct hv_ram_page *pg = hv_kvm_ram_page(kvm, gpa);

	if (!pg)
		return false;
	*real = pg->real | (gpa & (HV_RAM_PAGE_SIZE - 1));
	return true;
}

#endif /* HV_KVM_H */
