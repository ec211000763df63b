// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of the HV core's run loop (hv/book3s_hv.c), partition switch
 * (hv/book3s_hv_switch.c) and hcall dispatch (hv/book3s_hv_hcall.c), on the
 * model with a scripted guest (hv_fixture.h).  The model's hardware-rule
 * checks run throughout and must stay silent.
 */
#include "hv_fixture.h"

#define T(f)	((f)->m.cur)

static struct hvfx F;

static int setup(void **state)
{
	return hvfx_setup(&F, 18);
}

static int teardown(void **state)
{
	assert_int_equal(F.m.violations, 0);
	hvfx_teardown(&F);
	return 0;
}

/* ---- scripted guest steps ------------------------------------------------ */

static uint32_t hw_sc1(struct hvfx *f, struct hv_guest_regs *r, uint64_t nr)
{
	/* sc 1 saves the next PC and the MSR in SRR0/1 and enters the hypervisor. */
	r->pc += 4;
	r->gpr[3] = nr;
	sim_spr_write(T(f), SPRN_SRR0, r->pc);
	sim_spr_write(T(f), SPRN_SRR1, r->msr);
	return BOOK3S_INTERRUPT_SYSCALL;
}

static uint32_t step_hdec(struct hvfx *f, struct hv_guest_regs *r)
{
	hvfx_time(f, sim_spr_read(T(f), SPRN_HDEC) + 1);
	return BOOK3S_INTERRUPT_HV_DECREMENTER;
}

static uint32_t step_done(struct hvfx *f, struct hv_guest_regs *r)
{
	r->gpr[4] = 0x11;
	r->gpr[12] = 0x99;
	return hw_sc1(f, r, 0xf104);
}

static uint32_t step_hdsi(struct hvfx *f, struct hv_guest_regs *r)
{
	sim_spr_write(T(f), SPRN_HDAR, 0x40000010);
	sim_spr_write(T(f), SPRN_HDSISR, 0x40000000);
	return BOOK3S_INTERRUPT_H_DATA_STORAGE;
}

static uint32_t step_hisi(struct hvfx *f, struct hv_guest_regs *r)
{
	r->pc = 0x40000000;
	return BOOK3S_INTERRUPT_H_INST_STORAGE;
}

static uint32_t step_hea(struct hvfx *f, struct hv_guest_regs *r)
{
	sim_spr_write(T(f), SPRN_HEIR, 0x7c00022d);
	return BOOK3S_INTERRUPT_H_EMUL_ASSIST;
}

static u32 noted_last_inst;
static uint32_t step_note_last_inst(struct hvfx *f, struct hv_guest_regs *r)
{
	noted_last_inst = f->vcpu->last_inst;
	return HV_TRAP_NONE;
}

static uint32_t step_ext(struct hvfx *f, struct hv_guest_regs *r)
{
	return BOOK3S_INTERRUPT_EXTERNAL;
}

static uint32_t step_prog_fw(struct hvfx *f, struct hv_guest_regs *r)
{
	sim_spr_write(T(f), SPRN_SRR0, r->pc);
	sim_spr_write(T(f), SPRN_SRR1, r->msr | 0x00020000);
	return BOOK3S_INTERRUPT_PROGRAM;
}

static uint32_t step_unknown(struct hvfx *f, struct hv_guest_regs *r)
{
	return 0xf00 + 0x60;	/* facility unavailable: nothing the seed expects */
}

static uint32_t step_user_sc1(struct hvfx *f, struct hv_guest_regs *r)
{
	r->msr |= MSR_PR;
	return hw_sc1(f, r, 0x1234);
}

static uint32_t step_hv_in_msr(struct hvfx *f, struct hv_guest_regs *r)
{
	r->msr |= MSR_HV;
	return BOOK3S_INTERRUPT_MACHINE_CHECK;
}

/* ---- lifecycle -------------------------------------------------------------- */

/*
 * A new vcpu is zeroed like the seed's kzalloc'd one, with MSR SF|ME, the
 * host's PVR, MMCR0[FC] and the run latch; the default hcall set is on and
 * H_RTAS can never be handled in the kernel.
 */
static void test_create_defaults(void **state)
{
	struct hv_vcpu *v = F.vcpu, *v2;

	assert_int_equal(v->shregs.msr, MSR_SF | MSR_ME);
	assert_int_equal(v->pvr, SIM_PVR_POWER7);
	assert_int_equal(v->mmcr[0], 0x80000000);
	assert_int_equal(v->ctrl, 1);
	assert_int_equal(v->shregs.sprg0, 0);
	assert_int_equal(v->last_cpu, -1);
	assert_true(hv_vm_hcall_enabled(F.vm, H_ENTER));
	assert_true(hv_vm_hcall_enabled(F.vm, H_CEDE));
	assert_false(hv_vm_hcall_enabled(F.vm, H_PUT_TERM_CHAR));
	assert_int_equal(hv_vm_enable_hcall(F.vm, H_RTAS, true), -HV_EINVAL);
	assert_int_equal(hv_vm_enable_hcall(F.vm, H_PUT_TERM_CHAR, true), -HV_EINVAL);
	assert_int_equal(hv_vm_enable_hcall(F.vm, H_ENTER + 1, true), -HV_EINVAL);
	assert_int_equal(hv_vm_enable_hcall(F.vm, 0x1000, true), -HV_EINVAL);
	assert_false(hv_vm_hcall_enabled(F.vm, 0xf000));
	assert_int_equal(hv_vcpu_create(F.vm, 0, &v2), -HV_EEXIST);
	assert_int_equal(hv_vcpu_create(F.vm, HV_MAX_VCPUS, &v2), -HV_EINVAL);
	assert_null(hv_vm_vcpu(F.vm, HV_MAX_VCPUS));
	assert_ptr_equal(hv_vm_vcpu(F.vm, 0), v);
	assert_null(hv_vm_gpa_ptr(F.vm, 64 * FX_MB, 8));
	assert_null(hv_vm_gpa_ptr(F.vm, 16 * FX_MB - 4, 8));
	assert_non_null(hv_vm_gpa_ptr(F.vm, 16 * FX_MB - 8, 8));
}

/* get/set regs move PC, MSR, SRR0/1, SPRG0-3 and GPRs; set ends a cede. */
static void test_regs_roundtrip(void **state)
{
	struct hv_regs r = { .pc = 0x3000, .msr = MSR_SF | MSR_ME | MSR_EE, .srr0 = 5,
			     .srr1 = 6, .sprg0 = 7, .sprg3 = 8, .cr = 0x22, .lr = 9,
			     .ctr = 10, .xer = 11 };
	struct hv_regs back;

	r.gpr[31] = 0xdead;
	F.vcpu->ceded = true;
	hv_vcpu_set_regs(F.vcpu, &r);
	assert_false(F.vcpu->ceded);
	hv_vcpu_get_regs(F.vcpu, &back);
	assert_memory_equal(&r, &back, sizeof(r));
	hv_vcpu_set_dec_expires(F.vcpu, 12345);
	assert_int_equal(hv_vcpu_get_dec_expires(F.vcpu), 12345);
}

/* ---- the partition switch ----------------------------------------------------- */

/*
 * Entry and exit switch LPID/SDR1 with the LPID_RSVD detour, load the guest
 * LPCR and HDEC = the host's DEC, enter with MSR[HV] clear and MSR[ME] set,
 * and restore the host's LPID, SDR1, LPCR, a parked HDEC and its DEC after.
 */
static void test_switch_order_and_state(void **state)
{
	struct sim_thread *t = T(&F);
	u64 host_lpcr = sim_spr_read(t, SPRN_LPCR);
	int a, b, c, d;

	F.vcpu->shregs.msr = MSR_SF | MSR_HV;	/* must never reach the guest */
	hvfx_script(&F, 1, step_done);
	sim_events_clear(&F.m);
	assert_int_equal(hv_vcpu_run(F.vcpu), 0);
	assert_int_equal(F.vcpu->run.exit_reason, KVM_EXIT_PAPR_HCALL);

	assert_int_equal(F.seen[0].msr & (MSR_HV | MSR_ME), MSR_ME);
	assert_int_equal(F.seen_spr[0][HVFX_SEEN_LPID], F.vm->kvm->lpid);
	assert_int_equal(F.seen_spr[0][HVFX_SEEN_SDR1], F.vm->kvm->sdr1);
	assert_int_equal(F.seen_spr[0][HVFX_SEEN_LPCR], F.vm->kvm->lpcr);
	assert_true(F.vm->kvm->lpcr & LPCR_VPM0);
	assert_true(F.vm->kvm->lpcr & LPCR_HDICE);
	assert_int_equal(F.seen_spr[0][HVFX_SEEN_HDEC], SIM_HOST_TICK_DEFAULT);

	/* Entry: LPID_RSVD, ptesync, SDR1, guest LPID. */
	a = sim_events_find(&F.m, 0, SIM_EV_MTSPR, SPRN_LPID);
	assert_true(a >= 0);
	assert_int_equal(F.m.events[a].val, LPID_RSVD);
	assert_int_equal(F.m.events[a + 1].type, SIM_EV_PTESYNC);
	b = sim_events_find(&F.m, a, SIM_EV_MTSPR, SPRN_SDR1);
	assert_int_equal(b, a + 2);
	c = sim_events_find(&F.m, b, SIM_EV_MTSPR, SPRN_LPID);
	assert_int_equal(F.m.events[c].val, F.vm->kvm->lpid);
	/* Exit: the same detour back to the host's. */
	d = sim_events_find(&F.m, c + 1, SIM_EV_MTSPR, SPRN_LPID);
	assert_true(d > c);
	assert_int_equal(F.m.events[d].val, LPID_RSVD);
	assert_int_equal(sim_spr_read(t, SPRN_LPID), F.m.host_lpid);
	assert_int_equal(sim_spr_read(t, SPRN_SDR1), F.vm->kvm->host_sdr1);
	assert_int_equal(sim_spr_read(t, SPRN_LPCR), host_lpcr);
	assert_int_equal((u32)sim_spr_read(t, SPRN_HDEC), 0x7fff0000);
	/* The guest SLB was cleared and the entry sequence used slbia + ptesync. */
	assert_true(sim_events_find(&F.m, 0, SIM_EV_SLBIA, 0) >= 0);
	assert_int_equal(F.vcpu->slb_max, 0);
	/* A fresh LPID: the TLB sets were flushed with tlbiel once. */
	assert_true(sim_events_find(&F.m, 0, SIM_EV_TLBIEL, 0x800) >= 0);
	assert_false(F.vm->need_tlb_flush);
}

/*
 * HDEC exits resume the guest and the modelled host tick gives every entry a
 * full slice (no livelock); a pending userspace hcall completes on the next
 * run with r3 = ret and r4..r12 = args, PC not advanced.
 */
static void test_hdec_resume_and_hcall_completion(void **state)
{
	hvfx_script(&F, 4, step_hdec, step_hdec, step_hdec, step_done);
	assert_int_equal(hv_vcpu_run(F.vcpu), 0);
	assert_int_equal(F.entries, 4);
	for (unsigned int i = 0; i < 4; i++)
		assert_int_equal(F.seen_spr[i][HVFX_SEEN_HDEC], SIM_HOST_TICK_DEFAULT);
	assert_int_equal(F.vcpu->stats.dec_exits, 3);
	assert_true(sim_host.ticks_handled >= 3);
	assert_int_equal(F.vcpu->run.exit_reason, KVM_EXIT_PAPR_HCALL);
	assert_int_equal(F.vcpu->run.papr_hcall.nr, 0xf104);
	assert_int_equal(F.vcpu->run.papr_hcall.args[0], 0x11);
	assert_int_equal(F.vcpu->run.papr_hcall.args[8], 0x99);
	assert_true(F.vcpu->hcall_needed);

	F.vcpu->run.papr_hcall.ret = H_FUNCTION;
	for (unsigned int i = 0; i < 9; i++)
		F.vcpu->run.papr_hcall.args[i] = 100 + i;
	hvfx_script(&F, 0);
	assert_int_equal(hv_vcpu_run(F.vcpu), -HV_EINTR);
	assert_int_equal(F.vcpu->run.exit_reason, KVM_EXIT_INTR);
	assert_false(F.vcpu->hcall_needed);
	assert_int_equal(F.seen[0].gpr[3], (u64)H_FUNCTION);
	assert_int_equal(F.seen[0].gpr[4], 100);
	assert_int_equal(F.seen[0].gpr[12], 108);
	assert_int_equal(F.seen[0].pc, 0x2004);
}

/* HDSI is reflected as a DSI at 0x300 with DAR/DSISR from HDAR/HDSISR. */
static void test_hdsi_to_dsi(void **state)
{
	hvfx_script(&F, 1, step_hdsi);
	assert_int_equal(hv_vcpu_run(F.vcpu), -HV_EINTR);
	assert_int_equal(F.seen[1].pc, 0x300);
	assert_int_equal(F.seen_spr[1][HVFX_SEEN_SRR0], 0x2000);
	assert_int_equal(F.seen_spr[1][HVFX_SEEN_SRR1], MSR_SF | MSR_ME);
	assert_int_equal(F.seen_spr[1][HVFX_SEEN_DAR], 0x40000010);
	assert_int_equal(F.vcpu->shregs.dsisr, 0x40000000);
	assert_int_equal(F.seen[1].msr, MSR_SF | MSR_ME);
}

/* HISI: ISI at 0x400 with SRR1 0x08000000 (the seed's flag). */
static void test_hisi_to_isi(void **state)
{
	F.vcpu->shregs.msr |= MSR_EE | 0x783f0000;	/* interrupt bits never copied */
	hvfx_script(&F, 1, step_hisi);
	hv_vcpu_run(F.vcpu);
	assert_int_equal(F.seen[1].pc, 0x400);
	assert_int_equal(F.seen_spr[1][HVFX_SEEN_SRR0], 0x40000000);
	assert_int_equal(F.seen_spr[1][HVFX_SEEN_SRR1], MSR_SF | MSR_ME | MSR_EE | 0x08000000);
}

/* HEA: program interrupt, SRR1 0x80000, HEIR kept as last_inst. */
static void test_hea_to_program(void **state)
{
	hvfx_script(&F, 2, step_hea, step_done);
	hv_vcpu_run(F.vcpu);
	assert_int_equal(F.seen[1].pc, 0x700);
	assert_int_equal(F.seen_spr[1][HVFX_SEEN_SRR1], MSR_SF | MSR_ME | 0x80000);
	assert_int_equal(F.vcpu->stats.exits[0xe40 >> 5], 1);
	/* last_inst is the HEIR of the last HEA and "fetch failed" otherwise. */
	assert_int_equal(F.vcpu->last_inst, HV_INST_FETCH_FAILED);
	hvfx_script(&F, 2, step_hea, step_note_last_inst);
	hv_vcpu_run(F.vcpu);
	assert_int_equal(noted_last_inst, 0x7c00022d);
}

/* sc 1 from guest problem state goes to the guest's own 0xc00. */
static void test_user_sc1_reflected(void **state)
{
	hvfx_script(&F, 1, step_user_sc1);
	hv_vcpu_run(F.vcpu);
	assert_int_equal(F.seen[1].pc, 0xc00);
	assert_int_equal(F.seen_spr[1][HVFX_SEEN_SRR0], 0x2004);
	assert_true(F.seen_spr[1][HVFX_SEEN_SRR1] & MSR_PR);
	assert_int_equal(F.vcpu->stats.hcalls_to_user, 0);
}

/* A 0x700 from firmware is reflected with the trapping MSR's reason bits. */
static void test_program_from_firmware(void **state)
{
	hvfx_script(&F, 1, step_prog_fw);
	hv_vcpu_run(F.vcpu);
	assert_int_equal(F.seen[1].pc, 0x700);
	assert_int_equal(F.seen_spr[1][HVFX_SEEN_SRR1] & 0x1f0000, 0x20000);
}

/* An external interrupt taken by the host resumes the guest. */
static void test_external_resumes(void **state)
{
	T(&F)->pending |= SIM_PEND_EXT;
	hvfx_script(&F, 2, step_ext, step_done);
	assert_int_equal(hv_vcpu_run(F.vcpu), 0);
	assert_int_equal(F.vcpu->stats.ext_exits, 1);
	assert_int_equal(F.seen[1].pc, 0x2000);
	assert_false(T(&F)->pending & SIM_PEND_EXT);
}

/* Any other trap: KVM_EXIT_UNKNOWN with the trap; MSR[HV] saved: internal error. */
static void test_unknown_and_internal_error(void **state)
{
	hvfx_script(&F, 1, step_unknown);
	assert_int_equal(hv_vcpu_run(F.vcpu), 0);
	assert_int_equal(F.vcpu->run.exit_reason, KVM_EXIT_UNKNOWN);
	assert_int_equal(F.vcpu->run.hw.hardware_exit_reason, 0xf60);
	hvfx_script(&F, 1, step_hv_in_msr);
	assert_int_equal(hv_vcpu_run(F.vcpu), 0);
	assert_int_equal(F.vcpu->run.exit_reason, KVM_EXIT_INTERNAL_ERROR);
	assert_int_equal(F.vcpu->run.internal.data[0], 0x200);
}

/* Single-thread mode: a sibling online, or not thread 0, refuses to run. */
static void test_single_thread_mode(void **state)
{
	F.m.threads[1].online = true;
	assert_int_equal(hv_vcpu_run(F.vcpu), -HV_EBUSY);
	F.m.threads[1].online = false;
	sim_machine_select(&F.m, 1);
	assert_int_equal(hv_vcpu_run(F.vcpu), -HV_EBUSY);
	sim_machine_select(&F.m, 0);
	assert_int_equal(F.entries, 0);
}

/* ---- interrupts to the guest -------------------------------------------------- */

/*
 * KVM_INTERRUPT with MSR[EE]=1 delivers 0x500 at entry; with EE=0 it sets
 * LPCR[MER] instead so that hardware interrupts when the guest enables EE.
 */
static void test_external_injection(void **state)
{
	hv_vcpu_interrupt(F.vcpu, true);
	hvfx_script(&F, 0);
	hv_vcpu_run(F.vcpu);
	assert_int_equal(F.seen[0].pc, 0x2000);
	assert_true(F.seen_spr[0][HVFX_SEEN_LPCR] & LPCR_MER);

	F.vcpu->shregs.msr |= MSR_EE;
	hvfx_script(&F, 0);
	hv_vcpu_run(F.vcpu);
	assert_int_equal(F.seen[0].pc, 0x500);
	assert_false(F.seen_spr[0][HVFX_SEEN_LPCR] & LPCR_MER);
	hv_vcpu_interrupt(F.vcpu, false);
	assert_int_equal(F.vcpu->pending_exceptions, 0);
}

/* The guest DEC is kept as an absolute expiry across exits. */
static void test_dec_expiry_across_exits(void **state)
{
	u64 now = hv_mftb();

	hv_vcpu_set_dec_expires(F.vcpu, now + 5000);
	hvfx_script(&F, 1, step_hdec);
	hv_vcpu_run(F.vcpu);
	/* Second entry: DEC = expiry - TB, TB having moved by the HDEC slice. */
	assert_int_equal((s32)F.seen_spr[1][HVFX_SEEN_DEC],
			 (s32)(now + 5000 - (now + SIM_HOST_TICK_DEFAULT + 1)));
	assert_int_equal(F.vcpu->dec_expires, now + 5000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_create_defaults, setup, teardown),
		cmocka_unit_test_setup_teardown(test_regs_roundtrip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_switch_order_and_state, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hdec_resume_and_hcall_completion, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_hdsi_to_dsi, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hisi_to_isi, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hea_to_program, setup, teardown),
		cmocka_unit_test_setup_teardown(test_user_sc1_reflected, setup, teardown),
		cmocka_unit_test_setup_teardown(test_program_from_firmware, setup, teardown),
		cmocka_unit_test_setup_teardown(test_external_resumes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unknown_and_internal_error, setup, teardown),
		cmocka_unit_test_setup_teardown(test_single_thread_mode, setup, teardown),
		cmocka_unit_test_setup_teardown(test_external_injection, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dec_expiry_across_exits, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
