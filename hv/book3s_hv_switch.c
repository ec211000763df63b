// SPDX-License-Identifier: GPL-2.0-only
/*
 * The partition switch: host -> guest -> host, in the order of the kernel's
 * book3s_hv_interrupts.S / book3s_hv_rmhandlers.S POWER7 path (reference
 * "kvm-book3s-hv" 4.4 and 4.5), written in C against the hv_env primitives.
 * Only the final hrfid and the first-level exit vector are the
 * environment's (hv_enter_guest).  In the simulator the model checks the
 * hardware rules on every step (SDR1 only changed under LPID_RSVD, MSR[HV]
 * never set on entry, tlbie/slb sequences).
 */
#include "hv_env.h"
#include "hv/hv_vcpu.h"
#include "hv/trace.h"

/* The number of TLB congruence classes tlbiel must walk on POWER7. */
#define HV_P7_TLB_SETS		128
/* tlbiel RB: set number << 12, IS = 0b10 (all entries of the set, current LPID). */
#define HV_TLBIEL_SET_LPID	0x800
/* Don't enter with less than this many ticks of HDEC left (hdec_soon). */
#define HV_HDEC_MIN		512
/* HDEC after the exit: far enough that it cannot fire in the host. */
#define HV_HDEC_HOST		0x7fff0000UL
/* MMCR0[FC]: freeze counters. */
#define HV_MMCR0_FC		0x80000000UL
/* CTRL[RUN]: the run latch. */
#define HV_CTRL_RUNLATCH	0x1UL
/* The host's bolted SLB entries (SLB_NUM_BOLTED) kept across the switch. */
#define HV_HOST_SLB_BOLTED	3
/* VPA yield count: a big-endian u32 at offset 0x100 of the lppaca. */
#define HV_VPA_YIELD_COUNT	0x100

struct hv_host_state {
	s64 dec_expires;	/* HSTATE_DECEXP: absolute host timer expiry */
	u64 purr, spurr, tb_in;
	u64 dscr, dabr, dabrx;
	u64 sprg3;
	u64 slbe[HV_HOST_SLB_BOLTED], slbv[HV_HOST_SLB_BOLTED];
};

static void hv_partition_switch(u32 lpid, u64 sdr1)
{
	/*
	 * Detour through the reserved LPID: no translation may ever combine
	 * the new SDR1 with the old LPID or the reverse (ISA 2.06 Book III-S
	 * 5.7.3.1; the kernel's partition switch).
	 */
	hv_mtspr(SPRN_LPID, LPID_RSVD);
	hv_ptesync();
	hv_mtspr(SPRN_SDR1, sdr1);
	hv_mtspr(SPRN_LPID, lpid);
	hv_isync();
}

static void hv_vpa_bump_yield(struct hv_vcpu *vcpu)
{
	u8 *vpa;

	if (!vcpu->vpa)
		return;
	vpa = hv_vm_gpa_ptr(vcpu->vm, vcpu->vpa + HV_VPA_YIELD_COUNT, 4);
	if (vpa)
		hv_store_be32(vpa, hv_load_be32(vpa) + 1);
}

static void hv_flush_lpid_tlb(void)
{
	hv_ptesync();
	for (unsigned int set = 0; set < HV_P7_TLB_SETS; set++)
		hv_tlbiel(((u64)set << 12) | HV_TLBIEL_SET_LPID);
	hv_ptesync();
}

static void hv_switch_to_guest(struct hv_vcpu *vcpu, struct hv_host_state *host)
{
	struct hv_kvm *kvm = vcpu->vm->kvm;
	s32 dec;
	unsigned int cpu = hv_cpu_id();

	/* 1-3. The guest may run until the host's next timer tick: HDEC = DEC. */
	dec = (s32)hv_mfspr(SPRN_DEC);
	host->tb_in = hv_mftb();
	host->dec_expires = (s64)host->tb_in + dec;
	hv_mtspr(SPRN_HDEC, (u64)(s64)dec);
	host->dscr = hv_mfspr(SPRN_DSCR);
	host->dabr = hv_mfspr(SPRN_DABR);
	host->dabrx = hv_mfspr(SPRN_DABRX);
	host->sprg3 = hv_mfspr(SPRN_SPRG3);
	for (unsigned int i = 0; i < HV_HOST_SLB_BOLTED; i++) {
		host->slbe[i] = hv_slbmfee(i);
		host->slbv[i] = hv_slbmfev(i);
	}
	/* Freeze the PMU while switching (POWER7 DABR erratum needs it too). */
	hv_mtspr(SPRN_MMCR0, HV_MMCR0_FC);
	hv_mtspr(SPRN_MMCRA, 0);

	/* 6. Partition switch. */
	kvm->host_lpid = (u32)hv_mfspr(SPRN_LPID);
	kvm->host_sdr1 = hv_mfspr(SPRN_SDR1);
	kvm->host_lpcr = hv_mfspr(SPRN_LPCR);
	hv_partition_switch(kvm->lpid, kvm->sdr1);

	/* 7. Stale entries of a reused LPID, or of this vcpu on another CPU. */
	if (vcpu->vm->need_tlb_flush || vcpu->last_cpu != (int)cpu) {
		hv_flush_lpid_tlb();
		vcpu->vm->need_tlb_flush = false;
	}
	vcpu->last_cpu = (int)cpu;

	/* 9. Even yield count while the vcpu runs. */
	hv_vpa_bump_yield(vcpu);

	/* 10. PURR/SPURR: the guest's own. */
	host->purr = hv_mfspr(SPRN_PURR);
	host->spurr = hv_mfspr(SPRN_SPURR);
	hv_mtspr(SPRN_PURR, vcpu->purr);
	hv_mtspr(SPRN_SPURR, vcpu->spurr);

	/* 11. DABR before the PMU comes back (POWER7 erratum, 8943633c). */
	hv_mtspr(SPRN_DABR, vcpu->dabr);
	hv_mtspr(SPRN_DABRX, vcpu->dabrx);

	/* 12. Guest PMU, MMCR0 last. */
	hv_mtspr(SPRN_PMC1, vcpu->pmc[0]);
	hv_mtspr(SPRN_PMC2, vcpu->pmc[1]);
	hv_mtspr(SPRN_PMC3, vcpu->pmc[2]);
	hv_mtspr(SPRN_PMC4, vcpu->pmc[3]);
	hv_mtspr(SPRN_PMC5, vcpu->pmc[4]);
	hv_mtspr(SPRN_PMC6, vcpu->pmc[5]);
	hv_mtspr(SPRN_MMCR1, vcpu->mmcr[1]);
	hv_mtspr(SPRN_MMCRA, vcpu->mmcr[2]);
	hv_mtspr(SPRN_SIAR, vcpu->siar);
	hv_mtspr(SPRN_SDAR, vcpu->sdar);
	hv_mtspr(SPRN_MMCR0, vcpu->mmcr[0]);

	/* 14-15. DSCR, SPRGs, DAR/DSISR, AMR/UAMOR; AMOR all ones for the guest. */
	hv_mtspr(SPRN_DSCR, vcpu->dscr);
	hv_mtspr(SPRN_SPRG0, vcpu->shregs.sprg0);
	hv_mtspr(SPRN_SPRG1, vcpu->shregs.sprg1);
	hv_mtspr(SPRN_SPRG2, vcpu->shregs.sprg2);
	hv_mtspr(SPRN_SPRG3, vcpu->shregs.sprg3);
	hv_mtspr(SPRN_DAR, vcpu->shregs.dar);
	hv_mtspr(SPRN_DSISR, vcpu->shregs.dsisr);
	hv_mtspr(SPRN_AMOR, ~0UL);
	hv_mtspr(SPRN_AMR, vcpu->amr);
	hv_mtspr(SPRN_UAMOR, vcpu->uamor);

	/* 16. Run latch as the guest left it. */
	if (!(vcpu->ctrl & HV_CTRL_RUNLATCH))
		hv_mtspr(SPRN_CTRLT, vcpu->ctrl);

	/* 17. Guest LPCR: VPM0, VRMASD, DPFD, HDICE, the host's PECE/LPES. */
	hv_mtspr(SPRN_LPCR, kvm->lpcr);
	hv_isync();

	/*
	 * 18. Guest DEC from its absolute expiry (negative: an interrupt is
	 * due).  The 32-bit DEC cannot hold more than 2^31 - 1 ticks ahead.
	 */
	{
		s64 dec = (s64)(vcpu->dec_expires - hv_mftb());

		if (dec > (s64)HV_DEC_MAX)
			dec = HV_DEC_MAX;
		else if (dec < -(s64)HV_DEC_MAX)
			dec = -1;
		hv_mtspr(SPRN_DEC, (u64)dec);
	}

	/* 20. Guest SLB: clear everything, then load the saved entries. */
	hv_slbmte(0, 0);
	hv_slbia();
	hv_ptesync();
	for (unsigned int i = 0; i < vcpu->slb_max; i++)
		hv_slbmte(vcpu->slb[i].origv, vcpu->slb[i].orige);

	/* 21. PC/MSR go through HSRR0/1, MSR[HV] never set, MSR[ME] always. */
	vcpu->regs.msr = (vcpu->shregs.msr & ~MSR_HV) | MSR_ME;
	hv_mtspr(SPRN_SRR0, vcpu->shregs.srr0);
	hv_mtspr(SPRN_SRR1, vcpu->shregs.srr1);
	hv_mtspr(SPRN_CFAR, vcpu->cfar);
	hv_mtspr(SPRN_PPR, vcpu->ppr);
}

static void hv_switch_to_host(struct hv_vcpu *vcpu, struct hv_host_state *host, u32 trap)
{
	struct hv_kvm *kvm = vcpu->vm->kvm;
	u64 tb;
	unsigned int n = 0;

	/* 3. SRR0/1 are the guest's (clobbered by sc 1, as on hardware). */
	vcpu->shregs.srr0 = hv_mfspr(SPRN_SRR0);
	vcpu->shregs.srr1 = hv_mfspr(SPRN_SRR1);
	vcpu->shregs.msr = vcpu->regs.msr;
	vcpu->cfar = hv_mfspr(SPRN_CFAR);
	vcpu->ppr = hv_mfspr(SPRN_PPR);

	/* 4. HEIR only means something for an HEA. */
	vcpu->last_inst = trap == BOOK3S_INTERRUPT_H_EMUL_ASSIST ?
		(u32)hv_mfspr(SPRN_HEIR) : HV_INST_FETCH_FAILED;

	/* 7. DAR/DSISR; the fault address of an HDSI is in HDAR/HDSISR. */
	vcpu->shregs.dar = hv_mfspr(SPRN_DAR);
	vcpu->shregs.dsisr = (u32)hv_mfspr(SPRN_DSISR);
	if (trap == BOOK3S_INTERRUPT_H_DATA_STORAGE) {
		vcpu->fault_dar = hv_mfspr(SPRN_HDAR);
		vcpu->fault_dsisr = (u32)hv_mfspr(SPRN_HDSISR);
	} else {
		vcpu->fault_dar = vcpu->shregs.dar;
		vcpu->fault_dsisr = vcpu->shregs.dsisr;
	}

	/* 8. Save the guest SLB, clear it, reload the host's bolted entries. */
	for (unsigned int i = 0; i < HV_SLB_NR; i++) {
		u64 e = hv_slbmfee(i);

		if (!(e & SLB_ESID_V))
			continue;
		vcpu->slb[n].orige = e | i;
		vcpu->slb[n].origv = hv_slbmfev(i);
		n++;
	}
	vcpu->slb_max = n;
	hv_slbmte(0, 0);
	hv_slbia();
	hv_ptesync();
	for (unsigned int i = 0; i < HV_HOST_SLB_BOLTED; i++)
		if (host->slbe[i] & SLB_ESID_V)
			hv_slbmte(host->slbv[i], host->slbe[i] | i);

	/* 9. Guest DEC as an absolute expiry. */
	tb = hv_mftb();
	vcpu->dec_expires = tb + (u64)(s64)(s32)hv_mfspr(SPRN_DEC);

	/* 11. CTRL; the host runs with the run latch on. */
	vcpu->ctrl = hv_mfspr(SPRN_CTRLF);
	if (!(vcpu->ctrl & HV_CTRL_RUNLATCH))
		hv_mtspr(SPRN_CTRLT, HV_CTRL_RUNLATCH);

	/* 12. PURR/SPURR: the host's own plus the time it spent in the guest. */
	vcpu->purr = hv_mfspr(SPRN_PURR);
	vcpu->spurr = hv_mfspr(SPRN_SPURR);
	hv_mtspr(SPRN_PURR, host->purr + (tb - host->tb_in));
	hv_mtspr(SPRN_SPURR, host->spurr + (tb - host->tb_in));

	/* 13. AMR/UAMOR zeroed before the host's MMU use. */
	vcpu->amr = hv_mfspr(SPRN_AMR);
	vcpu->uamor = hv_mfspr(SPRN_UAMOR);
	hv_mtspr(SPRN_AMR, 0);
	hv_mtspr(SPRN_UAMOR, 0);

	/* 14. DSCR and SPRGs. */
	vcpu->dscr = hv_mfspr(SPRN_DSCR);
	hv_mtspr(SPRN_DSCR, host->dscr);
	vcpu->shregs.sprg0 = hv_mfspr(SPRN_SPRG0);
	vcpu->shregs.sprg1 = hv_mfspr(SPRN_SPRG1);
	vcpu->shregs.sprg2 = hv_mfspr(SPRN_SPRG2);
	vcpu->shregs.sprg3 = hv_mfspr(SPRN_SPRG3);

	/* 15. Odd yield count while out of the guest. */
	hv_vpa_bump_yield(vcpu);

	/* 16. Guest PMU saved, counters frozen for the host. */
	vcpu->mmcr[0] = hv_mfspr(SPRN_MMCR0);
	hv_mtspr(SPRN_MMCR0, vcpu->mmcr[0] | HV_MMCR0_FC);
	vcpu->mmcr[1] = hv_mfspr(SPRN_MMCR1);
	vcpu->mmcr[2] = hv_mfspr(SPRN_MMCRA);
	vcpu->pmc[0] = hv_mfspr(SPRN_PMC1);
	vcpu->pmc[1] = hv_mfspr(SPRN_PMC2);
	vcpu->pmc[2] = hv_mfspr(SPRN_PMC3);
	vcpu->pmc[3] = hv_mfspr(SPRN_PMC4);
	vcpu->pmc[4] = hv_mfspr(SPRN_PMC5);
	vcpu->pmc[5] = hv_mfspr(SPRN_PMC6);
	vcpu->siar = hv_mfspr(SPRN_SIAR);
	vcpu->sdar = hv_mfspr(SPRN_SDAR);

	/* 18. Back to the host partition; HDEC parked; host LPCR (HDICE off). */
	hv_partition_switch(kvm->host_lpid, kvm->host_sdr1);
	hv_mtspr(SPRN_HDEC, HV_HDEC_HOST);
	hv_mtspr(SPRN_LPCR, kvm->host_lpcr);
	hv_isync();

	/* 20. Host DABR, SPRG3, and the host timer from its absolute expiry. */
	hv_mtspr(SPRN_DABR, host->dabr);
	hv_mtspr(SPRN_DABRX, host->dabrx);
	hv_mtspr(SPRN_SPRG3, host->sprg3);
	hv_mtspr(SPRN_DEC, (u64)(host->dec_expires - (s64)hv_mftb()));
}

/*
 * 19. With HDEC about to expire, entering would only bounce: take the exit
 * path as if HDEC had fired (hdec_soon).
 */
static bool hdec_soon(struct hv_vcpu *vcpu, u32 *trap)
{
	if ((s32)hv_mfspr(SPRN_HDEC) >= HV_HDEC_MIN)
		return false;
	hv_mtspr(SPRN_HSRR0, vcpu->regs.pc);
	hv_mtspr(SPRN_HSRR1, vcpu->regs.msr);
	*trap = BOOK3S_INTERRUPT_HV_DECREMENTER;
	return true;
}

int hv_exit_turn(struct hv_vcpu *vcpu, u32 *trap)
{
	int fast;

	/* The environment took this exit's turn already and dispatched it. */
	if (*trap == HV_TRAP_DISPATCHED)
		return HV_TURN_DISPATCHED;
	/* Exit step 6: a real-mode hcall goes straight back to the guest. */
	fast = hv_vcpu_exit_fast(vcpu, *trap);
	if (fast == HV_FAST_HOST)
		return HV_TURN_DISPATCHED;
	if (fast == HV_FAST_NONE || hdec_soon(vcpu, trap))
		return HV_TURN_EXIT;
	return HV_TURN_ENTER;
}

u32 hv_switch_and_run(struct hv_vcpu *vcpu)
{
	struct hv_host_state host;
	int turn = HV_TURN_EXIT;
	u32 trap;

	hv_memset(&host, 0, sizeof(host));
	hv_host_irq_disable();
	hv_switch_to_guest(vcpu, &host);
	if (!hdec_soon(vcpu, &trap)) {
		hv_guest_loop(vcpu);
		do {
			trap = hv_enter_guest(&vcpu->regs);
			turn = hv_exit_turn(vcpu, &trap);
		} while (turn == HV_TURN_ENTER);
		hv_guest_loop(NULL);
	}
	if (turn == HV_TURN_DISPATCHED) {
		hv_switch_to_host(vcpu, &host, vcpu->trap);
		hv_host_irq_enable();
		return HV_TRAP_DISPATCHED;
	}
	hv_switch_to_host(vcpu, &host, trap);
	/*
	 * Interrupts on again: an expired host tick or a host external is
	 * handled now, before the next entry (the environment models it).
	 */
	hv_host_irq_enable();
	return trap;
}
