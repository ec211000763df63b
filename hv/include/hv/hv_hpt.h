/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The HPT hcalls of PAPR's pft and bulk function sets (book3s_hv_rm_mmu.c)
 * and the HPTE helpers they share.
 *
 * Each hcall has a core function taking explicit state and outputs
 * (hv_do_h_enter, ... as the kernel's kvmppc_do_h_enter) and a thin adapter
 * (hv_h_enter, ...) with the shape the hcall table calls: @args holds guest
 * r4..r12 on entry and receives the values returned in r4.. on H_SUCCESS;
 * the return value goes to r3.  Nothing here ever fails on guest input other
 * than by returning an H_* code.
 */
#ifndef HV_HPT_H
#define HV_HPT_H

#include "hv_env.h"
#include "hv/hv_kvm.h"

/* HPTE dword 1 large-page encoding field LP (bits 44:51, ISA 2.06 5.7.7.1). */
#define HV_HPTE_R_LP		0x00000000000ff000UL
/* Dword 0 bit that must be 0 for a 16 MB page: the lowest AVA bit (VA bit 54). */
#define HV_HPTE_V_AVA_LOW	0x0000000000000080UL
/* H_REMOVE / H_PROTECT / bulk H_AVPN compare everything but the low 7 bits. */
#define HV_HPTE_V_AVPN_CMP	(~0x7fUL)

/*
 * H_BULK_REMOVE translation specifier, high doubleword (PAPR 14.5.4.1.7).
 * TYPE in bits 0:1, response CODE 2:3, returned R/C 4:5, FLAGS 6:7, PTEX 8:63.
 */
#define HV_BULK_TYPE_SHIFT	62
#define HV_BULK_UNUSED		0UL
#define HV_BULK_REQUEST		1UL
#define HV_BULK_RESPONSE	2UL
#define HV_BULK_END		3UL
#define HV_BULK_CODE_SHIFT	60
#define HV_BULK_SUCCESS		0UL
#define HV_BULK_NOT_FOUND	1UL
#define HV_BULK_PARM		2UL
#define HV_BULK_HW		3UL
#define HV_BULK_R		0x0800000000000000UL
#define HV_BULK_C		0x0400000000000000UL
#define HV_BULK_FLAGS_SHIFT	56
#define HV_BULK_ABSOLUTE	0UL
#define HV_BULK_ANDCOND		1UL
#define HV_BULK_AVPN		2UL
#define HV_BULK_PTEX		0x00ffffffffffffffUL
#define HV_BULK_MAX_BATCH	4
/* HPTE dword 1 R (0x100) and C (0x080) moved to HV_BULK_R / HV_BULK_C. */
#define HV_BULK_RC_SHIFT	51

/*
 * The page shift (12, 16 or 24) an HPTE maps on POWER7, from dword 0 L and
 * dword 1 LP; 0 for an encoding POWER7 does not support.
 */
unsigned int hv_hpte_page_shift(u64 v, u64 r);

/*
 * The tlbie RB operand (ISA 2.06 Book III-S 5.9.3.3) that invalidates the
 * translation of HPTE @v/@r at index @pte_index.
 */
u64 hv_compute_tlbie_rb(u64 v, u64 r, unsigned long pte_index);

/* Dword 1 hardware sees for a guest dword 1 @g_r backed by the 16 MB page at @page_real. */
u64 hv_hpte_hw_rpte(const struct hv_kvm *kvm, u64 g_r, u64 page_real);

/* ---- core functions ----------------------------------------------------- */

long hv_do_h_enter(struct hv_kvm *kvm, unsigned long flags, unsigned long pte_index,
		   unsigned long pteh, unsigned long ptel, unsigned long *pte_idx_ret);
/* hpret[0] = old dword 0, hpret[1] = old dword 1, both as the guest sees them. */
long hv_do_h_remove(struct hv_kvm *kvm, unsigned long flags, unsigned long pte_index,
		    unsigned long avpn, unsigned long *hpret);
/* hpret[2i] / hpret[2i+1] = dwords of entry i; 1 entry, or 4 with H_READ_4. */
long hv_do_h_read(struct hv_kvm *kvm, unsigned long flags, unsigned long pte_index,
		  unsigned long *hpret);
long hv_do_h_protect(struct hv_kvm *kvm, unsigned long flags, unsigned long pte_index,
		     unsigned long avpn);
/* @tsx: 4 (high, low) translation specifier pairs, rewritten as responses. */
long hv_do_h_bulk_remove(struct hv_kvm *kvm, unsigned long *tsx);
/* *rret = dword 1 (guest view, hardware R/C ORed) before the bit is cleared. */
long hv_do_h_clear_ref(struct hv_kvm *kvm, unsigned long flags, unsigned long pte_index,
		       unsigned long *rret);
long hv_do_h_clear_mod(struct hv_kvm *kvm, unsigned long flags, unsigned long pte_index,
		       unsigned long *rret);

/* ---- adapters: args[] = r4..r12 in, r4.. out -------------------------------- */

long hv_h_enter(struct hv_kvm *kvm, unsigned long *args);
long hv_h_remove(struct hv_kvm *kvm, unsigned long *args);
long hv_h_read(struct hv_kvm *kvm, unsigned long *args);
long hv_h_protect(struct hv_kvm *kvm, unsigned long *args);
long hv_h_bulk_remove(struct hv_kvm *kvm, unsigned long *args);
long hv_h_clear_ref(struct hv_kvm *kvm, unsigned long *args);
long hv_h_clear_mod(struct hv_kvm *kvm, unsigned long *args);

#endif /* HV_HPT_H */
