// SPDX-License-Identifier: GPL-2.0-only
/*
 * The HPT hcalls: H_ENTER, H_REMOVE, H_READ, H_PROTECT, H_BULK_REMOVE,
 * H_CLEAR_REF, H_CLEAR_MOD (PAPR 14.5.4.1, pft and bulk function sets).
 *
 * Written to be real-mode safe, as the kernel's book3s_hv_rm_mmu.c: it only
 * touches the VM struct, the HPT and the guest-view array, through hv_env
 * primitives, and never sleeps.  (In the kernel build the guest-view array
 * must then come from the linear map, or be translated like the kernel's
 * real_vmalloc_addr(); see docs/hcalls.md.)  Semantics follow the 2011 code
 * with the later fixes of the reference's §8 applied; the code is written
 * from ISA 2.06 Book III-S chapter 5 and those notes, not copied.
 *
 * Rules every function here keeps:
 *  - every index is range checked before the HPT is touched, and every RPN
 *    goes through the guest memory table: a guest can only map its own pages;
 *  - hardware may set R and C in a valid HPTE until the tlbie sequence that
 *    removes its translation has completed, so an HPTE whose translation is
 *    changed stays locked (HPTE_V_HVLOCK) with V = 0 until then, and R/C are
 *    read again afterwards (§8.1, §8.2);
 *  - the guest never sees HVLOCK, ABSENT or a host real address: it gets
 *    its own view of dword 1 (kvm->rev) with hardware R/C ORed in (§8.14).
 */
#include "hv_env.h"
#include "hv/hv_hpt.h"
#include "hv/hv_kvm.h"

/* Dword 0 bits that make a slot unavailable to H_ENTER. */
#define HPTE_V_BUSY	(HPTE_V_HVLOCK | HPTE_V_VALID | HPTE_V_ABSENT)
/* Dword 1 bits H_PROTECT replaces (PAPR 14.5.4.1.6). */
#define HPTE_R_PROT	(HPTE_R_PP0 | HPTE_R_KEY_HI | HPTE_R_KEY_LO | HPTE_R_N | HPTE_R_PP)
#define HPTE_R_RC	(HPTE_R_R | HPTE_R_C)

static hv_be64 *hpte_ptr(const struct hv_kvm *kvm, unsigned long pte_index)
{
	return kvm->hpt_virt + 2 * pte_index;
}

/*
 * Spin on an HPTE's lock.  Holders keep it for a bounded, short sequence; a
 * failed stdcx. (lost reservation) only costs another round.
 */
static void hpte_lock(hv_be64 *hpte)
{
	while (!hv_hpte_try_lock(hpte, HPTE_V_HVLOCK))
		;
}

/* Dword 0 as the guest may see it: no HVLOCK, and ABSENT shown as VALID. */
static u64 hpte_guest_v(u64 v)
{
	if (v & HPTE_V_ABSENT)
		v = (v & ~HPTE_V_ABSENT) | HPTE_V_VALID;
	return v & ~HPTE_V_HVLOCK;
}

/* Dword 1 as the guest may see it: its own view plus what hardware recorded. */
static u64 hpte_guest_r(const struct hv_kvm *kvm, unsigned long pte_index, u64 hw_r)
{
	return kvm->rev[pte_index].guest_rpte | (hw_r & HPTE_R_RC);
}

/*
 * The global invalidation sequence (ISA 2.06 Book III-S 5.10.1, §8.5):
 * ptesync orders the preceding HPTE stores before the tlbies; tlbie RS holds
 * the LPID; eieio, tlbsync, ptesync wait until every processor has completed
 * them, after which no translation from the old HPTEs exists anywhere and
 * hardware stops writing their R/C.  H_LOCAL is not honoured: tlbiel would be
 * correct only with a single vcpu running here (§8.5), which this layer does
 * not know, and a global tlbie is always correct.
 */
static void hpte_invalidate(const struct hv_kvm *kvm, const u64 *rbs, unsigned int n)
{
	unsigned int i;

	hv_ptesync();
	for (i = 0; i < n; i++)
		hv_tlbie(rbs[i], kvm->lpid);
	hv_eieio();
	hv_tlbsync();
	hv_ptesync();
}

/*
 * Take a locked HPTE's translation away from hardware: store dword 0 with
 * V = 0 but HVLOCK kept, so no other hcall can reuse the slot before the TLBs
 * have forgotten it, and run the invalidation.  Returns dword 1 as it is
 * afterwards, including R/C hardware set up to that point.  An ABSENT entry
 * was never visible to hardware and needs no invalidation.
 */
static u64 hpte_take_from_hw(const struct hv_kvm *kvm, hv_be64 *hpte, u64 v,
			     unsigned long pte_index)
{
	u64 rb;

	if (v & HPTE_V_VALID) {
		rb = hv_compute_tlbie_rb(v, hv_hpte_load(&hpte[1]), pte_index);
		hv_hpte_store(&hpte[0], (v & ~HPTE_V_VALID) | HPTE_V_HVLOCK);
		hpte_invalidate(kvm, &rb, 1);
	}
	return hv_hpte_load(&hpte[1]);
}

/* ---- HPTE helpers ---------------------------------------------------------- */

unsigned int hv_hpte_page_shift(u64 v, u64 r)
{
	/* ISA 2.06 5.7.7.1: L = 0 is the 4 KB base page size. */
	if (!(v & HPTE_V_LARGE))
		return 12;
	/*
	 * Large pages: the LP field (dword 1 bits 44:51) selects the size.
	 * POWER7 encodes 64 KB as rrrr_0001 (the four r bits are real
	 * address bits of the page), 16 MB as 0000_0000.
	 */
	if ((r & 0xf000) == 0x1000)
		return 16;
	/* A 16 MB page's AVA has no bit below VA bit 53: bit 54 must be 0. */
	if (!(r & HV_HPTE_R_LP) && !(v & HV_HPTE_V_AVA_LOW))
		return 24;
	return 0;
}

u64 hv_compute_tlbie_rb(u64 v, u64 r, unsigned long pte_index)
{
	unsigned int pshift = hv_hpte_page_shift(v, r);
	u64 rb, vsid, vpn_low;

	/*
	 * ISA 2.06 Book III-S 5.9.3.3 (tlbie): RB holds AVA = VA[14:65] for a
	 * 4 KB page, VA[14:77-p] plus LP and AVAL for a large page of 2^p
	 * bytes, B in RB[54:55], L in RB[63].
	 *
	 * 1. VA[14:54] come from the AVPN (dword 0 holds VA[0:54] at bits
	 *    2..56): shifting dword 0 left by 16 drops B and VA[0:13].
	 */
	rb = (v & HPTE_V_AVPN) << 16;
	/*
	 * 2. The VPN bits below the AVPN (VA[55:65]) were hashed into the PTEG
	 *    index: hash = VSID ^ page number (both segment sizes; the extra
	 *    VSID << 25 term of the 1 TB hash has no bits below bit 25).  An
	 *    HPT has at least 2^11 PTEGs, so 11 low bits can be recovered:
	 *    page-number low bits = PTEG index (complemented for a secondary
	 *    entry) ^ VSID low bits.  The VSID sits at dword 0 bit 12 (256 MB:
	 *    VA >> 28) or bit 24 (1 TB: VA >> 40).
	 */
	vpn_low = pte_index / HV_HPTES_PER_GROUP;
	if (v & HPTE_V_SECONDARY)
		vpn_low = ~vpn_low;
	vsid = (v & HPTE_V_1TB_SEG) ? v >> 24 : v >> 12;
	vpn_low = (vpn_low ^ vsid) & 0x7ff;

	switch (pshift) {
	case 12:
		/* 3a. 4 KB: VA[55:65] (page number bits 0:10) complete the AVA. */
		rb |= vpn_low << 12;
		break;
	case 16:
		/*
		 * 3b. 64 KB: the page number's low 7 bits are VA[55:61] at
		 *     RB[41:47]; RB[48:51] hold LP = 0001 (RB[44:47], the
		 *     "rrrr" of LP, being VA bits); AVAL RB[56:59] repeats
		 *     VA[58:61]; L = 1.
		 */
		rb |= (vpn_low << 16) & 0x7f0000;
		rb |= r & 0xf000;
		rb |= (vpn_low & 0xf) << 4;
		rb |= 1;
		break;
	default:
		/*
		 * 3c. 16 MB: AVA = VA[14:53] entirely from the AVPN; VA[54] is
		 *     a page-offset bit (zero) and RB[40:51] (LP = 0) stay 0;
		 *     L = 1.  Unsupported encodings never reach a valid HPTE
		 *     (H_ENTER refuses them) and are treated alike.
		 */
		rb &= ~((1UL << 24) - 1);
		rb |= 1;
		break;
	}
	/* 4. Segment size B into RB[54:55]. */
	rb |= (v >> HPTE_V_SSIZE_SHIFT) << 8;
	return rb;
}

u64 hv_hpte_hw_rpte(const struct hv_kvm *kvm, u64 g_r, u64 page_real)
{
	/*
	 * Replace the RPN bits that select the 16 MB guest page by the host
	 * page's real address; the offset within it (and the LP bits, which
	 * overlap it) stays.  Then apply the R-preset policy (hv_kvm.h).
	 */
	const u64 page_rpn = HPTE_R_RPN & ~(HV_RAM_PAGE_SIZE - 1);

	return (g_r & ~page_rpn) | (page_real & page_rpn) | kvm->hpte_r_preset;
}

/* ---- H_ENTER -------------------------------------------------------------- */

/*
 * Find and lock a free slot: the given one with H_EXACT, else the first free
 * slot of the PTEG.  Returns its index, or -1 (H_PTEG_FULL).
 *
 * A try-lock fails spuriously when its stdcx. loses the reservation, so one
 * try-lock per slot could report a free PTEG as full.  The first pass takes
 * the cheap path; only if it finds nothing does a second pass spin on each
 * slot's lock and look again under the lock (fix 075295dd, §8.3).
 */
static long hpte_find_free_slot(struct hv_kvm *kvm, unsigned long pte_index, bool exact)
{
	unsigned long first = exact ? pte_index : pte_index & ~(HV_HPTES_PER_GROUP - 1UL);
	unsigned int n = exact ? 1 : HV_HPTES_PER_GROUP;
	unsigned int i;
	hv_be64 *hpte;
	u64 v;

	for (i = 0; i < n; i++) {
		hpte = hpte_ptr(kvm, first + i);
		if (!(hv_hpte_load(hpte) & HPTE_V_BUSY) && hv_hpte_try_lock(hpte, HPTE_V_BUSY))
			return first + i;
	}
	for (i = 0; i < n; i++) {
		hpte = hpte_ptr(kvm, first + i);
		hpte_lock(hpte);
		v = hv_hpte_load(hpte);
		if (!(v & (HPTE_V_VALID | HPTE_V_ABSENT)))
			return first + i;
		hv_hpte_unlock(hpte, v & ~HPTE_V_HVLOCK);
	}
	return -1;
}

long hv_do_h_enter(struct hv_kvm *kvm, unsigned long flags, unsigned long pte_index,
		   unsigned long pteh, unsigned long ptel, unsigned long *pte_idx_ret)
{
	const struct hv_ram_page *pg;
	unsigned int pshift;
	u64 wimg, g_r, hw_r;
	hv_be64 *hpte;
	long slot;

	/* 1. Page size from L and LP: 4 KB, 64 KB or 16 MB. */
	pshift = hv_hpte_page_shift(pteh, ptel);
	if (!pshift)
		return H_PARAMETER;
	/* 2. Segment size: B = 0b10 and 0b11 are reserved (ISA 2.06 5.7.7.1). */
	if ((pteh >> HPTE_V_SSIZE_SHIFT) > 1)
		return H_PARAMETER;
	/*
	 * 3. The RPN is a guest real address: it must lie in guest memory.  The
	 *    bits of it below the page size are offset (or LP) bits.
	 */
	pg = hv_kvm_ram_page(kvm, ptel & HPTE_R_RPN & ~((1UL << pshift) - 1));
	if (!pg)
		return H_PARAMETER;
	/*
	 * 4. Storage attributes: guest memory is ordinary coherent memory, so
	 *    only M (WIMG = 0010) or W|I|M (1110, strong access ordering on
	 *    ISA 2.06) are accepted (2011 rule); I/O mappings are not ours.
	 */
	wimg = ptel & HPTE_R_WIMG;
	if (wimg != HPTE_R_M && wimg != (HPTE_R_W | HPTE_R_I | HPTE_R_M))
		return H_PARAMETER;
	/* 5. The index must name an HPTE of this table. */
	if (pte_index >= kvm->hpt_npte)
		return H_PARAMETER;

	/*
	 * 6. Dword 0: HVLOCK and ABSENT are the HV's software bits, never the
	 *    guest's; H_ENTER always makes the entry valid.  The guest computed
	 *    the hash and sets H itself for a secondary PTEG.  Dword 1: the
	 *    guest view keeps what the guest passed except the reserved bit 1
	 *    (TS on later ISAs); hardware gets the host page.
	 */
	pteh = (pteh & ~(HPTE_V_HVLOCK | HPTE_V_ABSENT)) | HPTE_V_VALID;
	g_r = ptel & ~HPTE_R_TS;
	hw_r = hv_hpte_hw_rpte(kvm, g_r, pg->real);

	/* 7. A free slot, locked. */
	slot = hpte_find_free_slot(kvm, pte_index, flags & H_EXACT);
	if (slot < 0)
		return H_PTEG_FULL;
	pte_index = slot;
	hpte = hpte_ptr(kvm, pte_index);

	/*
	 * 8. Publish (§8.4): dword 1 first, eieio so that no processor can see
	 *    V = 1 with the old dword 1, then dword 0 with V = 1 and HVLOCK
	 *    clear (releasing the lock), then ptesync so the new entry is
	 *    visible to the table walk before the guest is resumed.
	 */
	kvm->rev[pte_index].guest_rpte = g_r;
	hv_hpte_store(&hpte[1], hw_r);
	hv_eieio();
	hv_hpte_unlock(&hpte[0], pteh);
	hv_ptesync();
	*pte_idx_ret = pte_index;
	return H_SUCCESS;
}

/* ---- H_REMOVE ------------------------------------------------------------- */

long hv_do_h_remove(struct hv_kvm *kvm, unsigned long flags, unsigned long pte_index,
		    unsigned long avpn, unsigned long *hpret)
{
	hv_be64 *hpte;
	u64 v, r;

	if (pte_index >= kvm->hpt_npte)
		return H_PARAMETER;
	hpte = hpte_ptr(kvm, pte_index);
	hpte_lock(hpte);
	v = hv_hpte_load(hpte) & ~HPTE_V_HVLOCK;
	/*
	 * Not found: no entry, or H_AVPN and the AVPN (with B) differs, or
	 * H_ANDCOND and the entry has one of the given bits set.
	 */
	if (!(v & (HPTE_V_VALID | HPTE_V_ABSENT)) ||
	    ((flags & H_AVPN) && (v & HV_HPTE_V_AVPN_CMP) != avpn) ||
	    ((flags & H_ANDCOND) && (v & avpn))) {
		hv_hpte_unlock(hpte, v);
		return H_NOT_FOUND;
	}
	r = hpte_take_from_hw(kvm, hpte, v, pte_index);
	hpret[0] = hpte_guest_v(v);
	hpret[1] = hpte_guest_r(kvm, pte_index, r);
	kvm->rev[pte_index].guest_rpte = 0;
	hv_hpte_unlock(hpte, 0);
	return H_SUCCESS;
}

/* ---- H_READ --------------------------------------------------------------- */

long hv_do_h_read(struct hv_kvm *kvm, unsigned long flags, unsigned long pte_index,
		  unsigned long *hpret)
{
	unsigned int i, n = 1;
	hv_be64 *hpte;
	u64 v, r;

	if (pte_index >= kvm->hpt_npte)
		return H_PARAMETER;
	if (flags & H_READ_4) {
		pte_index &= ~3UL;
		n = 4;
	}
	/*
	 * H_R_XLATE asks for the RPN as a logical address: the guest view
	 * already holds exactly that.  No lock is taken (as in the kernel): a
	 * concurrent update may be seen half done, never a host value.
	 */
	for (i = 0; i < n; i++, pte_index++) {
		hpte = hpte_ptr(kvm, pte_index);
		v = hv_hpte_load(hpte);
		r = (v & (HPTE_V_VALID | HPTE_V_ABSENT)) ? hv_hpte_load(&hpte[1]) : 0;
		hpret[2 * i] = hpte_guest_v(v);
		hpret[2 * i + 1] = hpte_guest_r(kvm, pte_index, r);
	}
	return H_SUCCESS;
}

/* ---- H_PROTECT ------------------------------------------------------------ */

long hv_do_h_protect(struct hv_kvm *kvm, unsigned long flags, unsigned long pte_index,
		     unsigned long avpn)
{
	hv_be64 *hpte;
	u64 v, r, nr, bits;

	if (pte_index >= kvm->hpt_npte)
		return H_PARAMETER;
	hpte = hpte_ptr(kvm, pte_index);
	hpte_lock(hpte);
	v = hv_hpte_load(hpte) & ~HPTE_V_HVLOCK;
	if (!(v & (HPTE_V_VALID | HPTE_V_ABSENT)) ||
	    ((flags & H_AVPN) && (v & HV_HPTE_V_AVPN_CMP) != avpn)) {
		hv_hpte_unlock(hpte, v);
		return H_NOT_FOUND;
	}
	/*
	 * PAPR flags layout: pp0 at flags bit 55 (0x100) goes to dword 1 bit 0,
	 * key bits 0:1 at flags bits 50:51 (0x3000) to dword 1 bits 2:3, and
	 * key bits 2:4, N and pp1:2 sit where they sit in dword 1.
	 */
	bits = ((flags << 55) & HPTE_R_PP0) | ((flags << 48) & HPTE_R_KEY_HI) |
	       (flags & (HPTE_R_KEY_LO | HPTE_R_N | HPTE_R_PP));
	kvm->rev[pte_index].guest_rpte = (kvm->rev[pte_index].guest_rpte & ~HPTE_R_PROT) | bits;

	r = hv_hpte_load(&hpte[1]);
	nr = (r & ~HPTE_R_PROT) | bits;
	if (nr != r) {
		/*
		 * A protection change must not leave a TLB entry with the old
		 * permissions: take the entry away from hardware, invalidate,
		 * then write the new dword 1 with the R/C hardware set meanwhile
		 * (fix f064a0de: hardware only sets them, never clears them).
		 */
		r = hpte_take_from_hw(kvm, hpte, v, pte_index);
		nr = (r & ~HPTE_R_PROT) | bits;
		hv_hpte_store(&hpte[1], nr);
		hv_eieio();
	}
	hv_hpte_unlock(hpte, v);
	hv_ptesync();
	return H_SUCCESS;
}

/* ---- H_BULK_REMOVE -------------------------------------------------------- */

static bool bulk_match(u64 v, unsigned long flags, unsigned long tsl)
{
	if (!(v & (HPTE_V_VALID | HPTE_V_ABSENT)))
		return false;
	switch (flags) {
	case HV_BULK_ANDCOND:
		return !(v & tsl);
	case HV_BULK_AVPN:
		return (v & HV_HPTE_V_AVPN_CMP) == tsl;
	default:	/* HV_BULK_ABSOLUTE */
		return true;
	}
}

static unsigned long bulk_response(unsigned long code, unsigned long flags, unsigned long ptex)
{
	return (HV_BULK_RESPONSE << HV_BULK_TYPE_SHIFT) | (code << HV_BULK_CODE_SHIFT) |
	       (flags << HV_BULK_FLAGS_SHIFT) | ptex;
}

/*
 * Up to 4 (tsh, tsl) pairs (PAPR 14.5.4.1.7).  Matching entries are removed
 * in batches: all of a batch are taken from hardware with one tlbie sequence
 * and stay locked until it is complete; their responses then get R/C read
 * after it.  Only the first HPTE of a batch is waited for: a busy lock later
 * in the batch cuts it (the batch is invalidated and released, and the busy
 * entry starts the next one), so two CPUs removing overlapping sets can never
 * hold each other's locks while spinning (§8.2).
 */
long hv_do_h_bulk_remove(struct hv_kvm *kvm, unsigned long *tsx)
{
	hv_be64 *held[HV_BULK_MAX_BATCH];
	unsigned int slot_of[HV_BULK_MAX_BATCH];
	u64 rbs[HV_BULK_MAX_BATCH];
	unsigned int i = 0, n, nrb, k;
	bool stop = false;
	long ret = H_SUCCESS;

	while (!stop && i < HV_BULK_MAX_BATCH) {
		n = 0;
		nrb = 0;
		for (; i < HV_BULK_MAX_BATCH; i++) {
			unsigned long tsh = tsx[2 * i], tsl = tsx[2 * i + 1];
			unsigned long type = tsh >> HV_BULK_TYPE_SHIFT;
			unsigned long flags = (tsh >> HV_BULK_FLAGS_SHIFT) & 3;
			unsigned long ptex = tsh & HV_BULK_PTEX;
			hv_be64 *hpte;
			u64 v;

			if (type == HV_BULK_END) {
				stop = true;
				break;
			}
			/* Only requests with a defined flag and a valid index. */
			if (type != HV_BULK_REQUEST || flags == 3 || ptex >= kvm->hpt_npte) {
				tsx[2 * i] = bulk_response(HV_BULK_PARM, flags, ptex);
				ret = H_PARAMETER;
				stop = true;
				break;
			}
			hpte = hpte_ptr(kvm, ptex);
			if (!hv_hpte_try_lock(hpte, HPTE_V_HVLOCK)) {
				if (n)
					break;	/* cut the batch; retry this one first */
				hpte_lock(hpte);
			}
			v = hv_hpte_load(hpte) & ~HPTE_V_HVLOCK;
			if (!bulk_match(v, flags, tsl)) {
				hv_hpte_unlock(hpte, v);
				tsx[2 * i] = bulk_response(HV_BULK_NOT_FOUND, flags, ptex);
				continue;
			}
			tsx[2 * i] = bulk_response(HV_BULK_SUCCESS, flags, ptex);
			if (v & HPTE_V_VALID) {
				rbs[nrb++] = hv_compute_tlbie_rb(v, hv_hpte_load(&hpte[1]), ptex);
				hv_hpte_store(&hpte[0], (v & ~HPTE_V_VALID) | HPTE_V_HVLOCK);
			}
			held[n] = hpte;
			slot_of[n] = i;
			n++;
		}
		if (nrb)
			hpte_invalidate(kvm, rbs, nrb);
		for (k = 0; k < n; k++) {
			unsigned long *resp = &tsx[2 * slot_of[k]];
			unsigned long ptex = *resp & HV_BULK_PTEX;
			u64 rc = hpte_guest_r(kvm, ptex, hv_hpte_load(&held[k][1])) & HPTE_R_RC;

			*resp |= rc << HV_BULK_RC_SHIFT;
			kvm->rev[ptex].guest_rpte = 0;
			hv_hpte_unlock(held[k], 0);
		}
	}
	return ret;
}

/* ---- H_CLEAR_REF / H_CLEAR_MOD -------------------------------------------- */

/* Lock a valid (or ABSENT) HPTE for the clear hcalls; v gets dword 0. */
static long hpte_lock_valid(struct hv_kvm *kvm, unsigned long pte_index, hv_be64 **hptep,
			    u64 *v)
{
	if (pte_index >= kvm->hpt_npte)
		return H_PARAMETER;
	*hptep = hpte_ptr(kvm, pte_index);
	hpte_lock(*hptep);
	*v = hv_hpte_load(*hptep) & ~HPTE_V_HVLOCK;
	if (!(*v & (HPTE_V_VALID | HPTE_V_ABSENT))) {
		hv_hpte_unlock(*hptep, *v);
		return H_NOT_FOUND;
	}
	return H_SUCCESS;
}

long hv_do_h_clear_ref(struct hv_kvm *kvm, unsigned long flags, unsigned long pte_index,
		       unsigned long *rret)
{
	hv_be64 *hpte;
	u64 v, r, rb;
	long ret;

	ret = hpte_lock_valid(kvm, pte_index, &hpte, &v);
	if (ret != H_SUCCESS)
		return ret;
	r = hv_hpte_load(&hpte[1]);
	*rret = hpte_guest_r(kvm, pte_index, r);
	kvm->rev[pte_index].guest_rpte &= ~HPTE_R_R;
	if ((r & HPTE_R_R & ~kvm->hpte_r_preset) && (v & HPTE_V_VALID)) {
		/*
		 * Clear R with a one-byte store to HPTE byte 14 (dword 1 bits
		 * 48:55 hold R, key and LP/RPN bits): hardware may be setting C
		 * in byte 15 meanwhile, and a doubleword store would undo it.
		 * The entry stays valid; the invalidation makes the next access
		 * walk the table again and set R anew.
		 */
		hv_hpte_store_byte(hpte, 14, (u8)((r & ~HPTE_R_R) >> 8));
		rb = hv_compute_tlbie_rb(v, r, pte_index);
		hpte_invalidate(kvm, &rb, 1);
	}
	hv_hpte_unlock(hpte, v);
	return H_SUCCESS;
}

long hv_do_h_clear_mod(struct hv_kvm *kvm, unsigned long flags, unsigned long pte_index,
		       unsigned long *rret)
{
	hv_be64 *hpte;
	u64 v, r;
	long ret;

	ret = hpte_lock_valid(kvm, pte_index, &hpte, &v);
	if (ret != H_SUCCESS)
		return ret;
	r = hv_hpte_load(&hpte[1]);
	if (r & HPTE_R_C & ~kvm->hpte_r_preset) {
		/*
		 * A TLB entry that has C = 1 lets stores through without
		 * setting C again: the translation must go before C is
		 * cleared, and C set up to the end of the invalidation is part
		 * of what is reported.
		 */
		r = hpte_take_from_hw(kvm, hpte, v, pte_index);
		hv_hpte_store(&hpte[1], r & ~HPTE_R_C);
		hv_eieio();
	}
	*rret = hpte_guest_r(kvm, pte_index, r);
	kvm->rev[pte_index].guest_rpte &= ~HPTE_R_C;
	hv_hpte_unlock(hpte, v);
	hv_ptesync();
	return H_SUCCESS;
}

/* ---- adapters ------------------------------------------------------------- */

long hv_h_enter(struct hv_kvm *kvm, unsigned long *args)
{
	return hv_do_h_enter(kvm, args[0], args[1], args[2], args[3], &args[0]);
}

long hv_h_remove(struct hv_kvm *kvm, unsigned long *args)
{
	return hv_do_h_remove(kvm, args[0], args[1], args[2], &args[0]);
}

long hv_h_read(struct hv_kvm *kvm, unsigned long *args)
{
	return hv_do_h_read(kvm, args[0], args[1], &args[0]);
}

long hv_h_protect(struct hv_kvm *kvm, unsigned long *args)
{
	return hv_do_h_protect(kvm, args[0], args[1], args[2]);
}

long hv_h_bulk_remove(struct hv_kvm *kvm, unsigned long *args)
{
	return hv_do_h_bulk_remove(kvm, args);
}

long hv_h_clear_ref(struct hv_kvm *kvm, unsigned long *args)
{
	return hv_do_h_clear_ref(kvm, args[0], args[1], &args[0]);
}

long hv_h_clear_mod(struct hv_kvm *kvm, unsigned long *args)
{
	return hv_do_h_clear_mod(kvm, args[0], args[1], &args[0]);
}
