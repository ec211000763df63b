// SPDX-License-Identifier: GPL-2.0-only
/*
 * The VM's memory management in virtual mode: HPT allocation and SDR1, the
 * LPID allocator, guest memory in 16 MB pages, the VRMA, the hash functions.
 *
 * Mirrors the 2011 arch/powerpc/kvm/book3s_64_mmu_hv.c (kvmppc_alloc_hpt,
 * kvmppc_map_vrma) from its described behaviour; written from ISA 2.06
 * Book III-S chapter 5 and the project's reference notes, not from its code.
 */
#include "hv_env.h"
#include "hv/hv_bug.h"
#include "hv/hv_hpt.h"
#include "hv/hv_kvm.h"

/* ---- LPIDs -------------------------------------------------------------- */

#define LPID_WORD_BITS	(8 * sizeof(unsigned long))

static unsigned long lpid_inuse[HV_NR_LPIDS / LPID_WORD_BITS];
static u32 lpid_host = LPID_RSVD;
static bool lpid_ready;

static bool lpid_is_reserved(unsigned long lpid)
{
	return lpid == LPID_RSVD || lpid == lpid_host;
}

int hv_mmu_hv_init(void)
{
	unsigned long i;

	/* Re-initialising under a live VM would hand its LPID out twice. */
	for (i = 0; i < HV_NR_LPIDS; i++) {
		if (lpid_ready && !lpid_is_reserved(i) &&
		    (lpid_inuse[i / LPID_WORD_BITS] & (1UL << (i % LPID_WORD_BITS))))
			return -HV_EBUSY;
	}
	hv_memset(lpid_inuse, 0, sizeof(lpid_inuse));
	/*
	 * The host runs in the LPID it was given (normally 0): its TLB entries
	 * must never be taken for a guest's.  LPID_RSVD is the value LPIDR
	 * holds while SDR1 is switched (partition switch, §4.4 step 6), so that
	 * no translation ever pairs one partition's SDR1 with another's LPID.
	 */
	lpid_host = (u32)(hv_mfspr(SPRN_LPID) & (HV_NR_LPIDS - 1));
	hv_test_and_set_bit(lpid_host, lpid_inuse);
	hv_test_and_set_bit(LPID_RSVD, lpid_inuse);
	lpid_ready = true;
	return 0;
}

int hv_lpid_alloc(void)
{
	unsigned long lpid;

	if (!lpid_ready) {
		hv_pr_err("LPID allocation before hv_mmu_hv_init");
		return -HV_EINVAL;
	}
	/* Scan, then claim atomically: another VM may be created concurrently. */
	for (lpid = 0; lpid < HV_NR_LPIDS; lpid++) {
		if (lpid_inuse[lpid / LPID_WORD_BITS] & (1UL << (lpid % LPID_WORD_BITS)))
			continue;
		if (!hv_test_and_set_bit(lpid, lpid_inuse))
			return (int)lpid;
	}
	return -HV_ENOSPC;
}

void hv_lpid_free(unsigned int lpid)
{
	if (HV_WARN_ON(lpid >= HV_NR_LPIDS || lpid_is_reserved(lpid)))
		return;
	hv_clear_bit(lpid, lpid_inuse);
}

/* ---- hash functions (ISA 2.06 Book III-S 5.7.7.3) -------------------------- */

/* The hash is 39 bits wide; the table mask then selects the PTEG. */
#define HPT_HASH_MASK	0x7fffffffffUL

u64 hv_hpt_hash_256m(u64 vsid, u64 ea, unsigned int pshift)
{
	/* VSID XOR the page number within the 256 MB segment (EA bits 36:63-p). */
	return (vsid ^ ((ea & 0x0fffffffUL) >> pshift)) & HPT_HASH_MASK;
}

u64 hv_hpt_hash_1t(u64 vsid, u64 ea, unsigned int pshift)
{
	/*
	 * A 1 TB segment has 2^12 times as many pages, so the VSID is folded in
	 * twice (VSID and VSID << 25) to spread consecutive segments, XOR the
	 * page number within the segment (EA bits 24:63-p).
	 */
	return (vsid ^ (vsid << 25) ^ ((ea & 0xffffffffffUL) >> pshift)) & HPT_HASH_MASK;
}

/* ---- VM creation ---------------------------------------------------------- */

static int kvm_alloc_hpt(struct hv_kvm *kvm, unsigned int order)
{
	/*
	 * SDR1 holds a real address: the table must be physically contiguous
	 * and, for HTABORG, aligned to its size (ISA 2.06 5.7.7.2).  It must
	 * also start empty: hardware treats any V=1 entry as a translation.
	 */
	kvm->hpt_virt = hv_alloc_contig(1UL << order, &kvm->hpt_real);
	if (!kvm->hpt_virt)
		return -HV_ENOMEM;
	kvm->hpt_order = order;
	kvm->hpt_npte = 1UL << (order - 4);
	kvm->hpt_mask = (1UL << (order - HV_HPTEG_SHIFT)) - 1;
	kvm->sdr1 = (kvm->hpt_real & HV_SDR1_HTABORG) | (order - HV_HPT_ORDER_MIN);
	/* One guest view per HPTE; the kernel's revmap is vmalloc'd likewise. */
	kvm->rev = hv_zalloc(kvm->hpt_npte * sizeof(*kvm->rev));
	if (!kvm->rev) {
		hv_free_contig(kvm->hpt_virt, 1UL << order);
		kvm->hpt_virt = NULL;
		return -HV_ENOMEM;
	}
	return 0;
}

int hv_kvm_create(struct hv_kvm **kvmp, unsigned int hpt_order)
{
	struct hv_kvm *kvm;
	int lpid, ret;

	*kvmp = NULL;
	if (!hpt_order)
		hpt_order = HV_HPT_ORDER_DEFAULT;
	if (hpt_order < HV_HPT_ORDER_MIN || hpt_order > HV_HPT_ORDER_MAX)
		return -HV_EINVAL;
	kvm = hv_zalloc(sizeof(*kvm));
	if (!kvm)
		return -HV_ENOMEM;
	kvm->ram = hv_zalloc(HV_RAM_MAX_PAGES * sizeof(*kvm->ram));
	if (!kvm->ram) {
		ret = -HV_ENOMEM;
		goto out_free;
	}
	lpid = hv_lpid_alloc();
	if (lpid < 0) {
		ret = lpid;
		goto out_free;
	}
	kvm->lpid = lpid;
	ret = kvm_alloc_hpt(kvm, hpt_order);
	if (ret)
		goto out_lpid;

	/* What the partition switch restores on the way back to the host. */
	kvm->host_lpid = (u32)hv_mfspr(SPRN_LPID);
	kvm->host_sdr1 = hv_mfspr(SPRN_SDR1);
	kvm->host_lpcr = hv_mfspr(SPRN_LPCR);
	/*
	 * Guest LPCR (2011 kvmppc_core_init_vm): the host's power-saving exit
	 * causes and external-interrupt environment, virtualised real mode
	 * (VPM0: guest MSR[IR/DR]=0 accesses go through the VRMA), default
	 * prefetch depth 4, HDEC interrupts enabled.  VRMASD is filled in when
	 * the VRMA is set up.
	 */
	kvm->lpcr = (kvm->host_lpcr & (LPCR_PECE | LPCR_LPES)) | LPCR_VPM0 |
		    (4UL << LPCR_DPFD_SH) | LPCR_HDICE;
	kvm->hpte_r_preset = HV_HPTE_R_PRESET;
	*kvmp = kvm;
	return 0;

out_lpid:
	hv_lpid_free(kvm->lpid);
out_free:
	hv_free(kvm->ram);
	hv_free(kvm);
	return ret;
}

void hv_kvm_destroy(struct hv_kvm *kvm)
{
	unsigned long gfn;

	if (!kvm)
		return;
	for (gfn = 0; gfn < HV_RAM_MAX_PAGES; gfn++)
		if (kvm->ram[gfn].virt)
			hv_free_contig(kvm->ram[gfn].virt, HV_RAM_PAGE_SIZE);
	hv_free(kvm->ram);
	hv_free(kvm->rev);
	hv_free_contig(kvm->hpt_virt, 1UL << kvm->hpt_order);
	/*
	 * The LPID may be reused at once.  Its stale TLB entries are the next
	 * owner's problem: a new VM flushes its LPID on first entry (§8.6).
	 */
	hv_lpid_free(kvm->lpid);
	hv_free(kvm);
}

/* ---- guest memory --------------------------------------------------------- */

int hv_kvm_add_memory(struct hv_kvm *kvm, u64 gpa, u64 size)
{
	const u64 align = HV_RAM_PAGE_SIZE - 1;
	const u64 limit = 1UL << HV_RAM_MAX_ORDER;
	u64 first, n, i;

	if (!size || (gpa & align) || (size & align) || gpa >= limit || size > limit - gpa)
		return -HV_EINVAL;
	first = gpa >> HV_RAM_PAGE_SHIFT;
	n = size >> HV_RAM_PAGE_SHIFT;
	for (i = 0; i < n; i++)
		if (kvm->ram[first + i].virt)
			return -HV_EEXIST;
	for (i = 0; i < n; i++) {
		struct hv_ram_page *pg = &kvm->ram[first + i];

		/* Each page on its own: guest real pages need not be contiguous in real memory. */
		pg->virt = hv_alloc_contig(HV_RAM_PAGE_SIZE, &pg->real);
		if (!pg->virt)
			goto undo;
	}
	kvm->ram_npages += n;
	return 0;

undo:
	while (i--) {
		hv_free_contig(kvm->ram[first + i].virt, HV_RAM_PAGE_SIZE);
		kvm->ram[first + i].virt = NULL;
		kvm->ram[first + i].real = 0;
	}
	return -HV_ENOMEM;
}

/* ---- VRMA (ISA 2.06 Book III-S 5.7.3.4; 2011 kvmppc_map_vrma) ------------- */

int hv_kvm_setup_vrma(struct hv_kvm *kvm)
{
	/* The 1 TB hash of VRMA_VSID with the page number left out. */
	const u64 vsid_hash = VRMA_VSID ^ (VRMA_VSID << 25);
	unsigned long npages, i, dummy;
	long rc;

	if (kvm->vrma_npages)
		return -HV_EEXIST;
	/* The RMA is the guest memory contiguous from real address 0. */
	for (npages = 0; npages < HV_RAM_MAX_PAGES && kvm->ram[npages].virt; npages++)
		;
	if (!npages)
		return -HV_EINVAL;
	/*
	 * One 1 TB segment at most (guaranteed by the 64 GB memory limit), and
	 * one entry per PTEG: slot 7 of PTEG (i ^ hash) is then never shared.
	 */
	_Static_assert(HV_RAM_MAX_PAGES <= HV_VRMA_MAX_PAGES, "VRMA exceeds one 1 TB segment");
	if (npages > kvm->hpt_mask + 1)
		npages = kvm->hpt_mask + 1;

	for (i = 0; i < npages; i++) {
		/*
		 * 1. The VA of VRMA page i is VRMA_VSID || i << 24: the 1 TB
		 *    hash is computed here by hand because that VA does not
		 *    fit 64 bits.
		 * 2. V: B = 1 TB, AVPN = VA >> 23 (so VSID << 24 | i << 8),
		 *    bolted, large, valid.  The lowest AVA bit (0x80) is 0
		 *    as a 16 MB page requires.
		 * 3. R: guest real address i << 24 (translated to the host's
		 *    page by H_ENTER), R and C preset (nothing to track for
		 *    the RMA), M (coherent), PP = 00, LP = 0 (16 MB).
		 * 4. Inserted through H_ENTER with H_EXACT in slot 7, with a
		 *    dummy index output: no guest register is written (§8.7).
		 */
		unsigned long pteg = (i ^ vsid_hash) & kvm->hpt_mask;
		u64 v = HPTE_V_1TB_SEG | (VRMA_VSID << 24) | (i << 8) | HPTE_V_BOLTED |
			HPTE_V_LARGE | HPTE_V_VALID;
		u64 r = ((u64)i << HV_RAM_PAGE_SHIFT) | HPTE_R_R | HPTE_R_C | HPTE_R_M;

		rc = hv_do_h_enter(kvm, H_EXACT, pteg * HV_HPTES_PER_GROUP + HV_VRMA_SLOT,
				   v, r, &dummy);
		if (rc != H_SUCCESS)
			goto undo;
	}
	kvm->vrma_npages = npages;
	/* 16 MB pages: SLB L = 1, LP = 00; the same encoding goes into VRMASD. */
	kvm->vrma_slb_v = SLB_VSID_B_1T | (VRMA_VSID << SLB_VSID_SHIFT_1T) | SLB_VSID_L;
	kvm->lpcr = (kvm->lpcr & ~LPCR_VRMASD) | hv_lpcr_vrmasd(SLB_VSID_L);
	return 0;

undo:
	hv_pr_err("VRMA page %lu: H_ENTER in slot %d failed (%ld)", i, HV_VRMA_SLOT, rc);
	while (i--) {
		unsigned long pteg = (i ^ vsid_hash) & kvm->hpt_mask;
		unsigned long old[2];

		hv_do_h_remove(kvm, 0, pteg * HV_HPTES_PER_GROUP + HV_VRMA_SLOT, 0, old);
	}
	return -HV_EBUSY;
}
