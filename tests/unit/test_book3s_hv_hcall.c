// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of the hcall dispatch and the in-kernel hcalls
 * (hv/book3s_hv_hcall.c): the scripted guest issues `sc 1` with r3..r12 and
 * the next entry shows what the guest gets back.
 */
#include "hv_fixture.h"

#define T(f)	((f)->m.cur)

static struct hvfx F;
static u64 call[10];		/* r3..r12 of the next scripted sc 1 */
static u64 sprg0_seen, yield_seen;

static int setup(void **state)
{
	memset(call, 0, sizeof(call));
	return hvfx_setup(&F, 18);
}

static int teardown(void **state)
{
	assert_int_equal(F.m.violations, 0);
	hvfx_teardown(&F);
	return 0;
}

static uint32_t step_hcall(struct hvfx *f, struct hv_guest_regs *r)
{
	for (unsigned int i = 0; i < 10; i++)
		r->gpr[3 + i] = call[i];
	r->pc += 4;
	sim_spr_write(T(f), SPRN_SRR0, r->pc);
	sim_spr_write(T(f), SPRN_SRR1, r->msr);
	return BOOK3S_INTERRUPT_SYSCALL;
}

static uint32_t step_look(struct hvfx *f, struct hv_guest_regs *r)
{
	u8 *vpa = f->vcpu->vpa ? hv_vm_gpa_ptr(f->vm, f->vcpu->vpa + 0x100, 4) : NULL;

	sprg0_seen = sim_spr_read(T(f), SPRN_SPRG0);
	yield_seen = vpa ? hv_load_be32(vpa) : 0;
	return HV_TRAP_NONE;
}

/* Issue one hcall and return what the guest sees in r3 at the next entry. */
static long hcall(u64 nr, u64 a0, u64 a1, u64 a2, u64 a3)
{
	call[0] = nr;
	call[1] = a0;
	call[2] = a1;
	call[3] = a2;
	call[4] = a3;
	hvfx_script(&F, 2, step_hcall, step_look);
	hv_vcpu_run(F.vcpu);
	return (long)F.seen[1].gpr[3];
}

/*
 * H_ENTER is handled in the kernel (no exit to the VMM) and returns the
 * index in r4; disabled, the same call goes to userspace with nr and args.
 */
static void test_in_kernel_and_disabled(void **state)
{
	/* 4 KiB page, VSID 0x123, EA page 5 of a 256 MB segment; RPN 0x5000 (M). */
	u64 avpn = (0x123ULL << 12) << 0;
	u64 pteh = (avpn & ~0x7fULL) | HPTE_V_VALID;

	assert_int_equal(hcall(H_ENTER, 0, 0, pteh, 0x5000 | HPTE_R_M), H_SUCCESS);
	assert_true(F.seen[1].gpr[4] < 8);
	assert_int_equal(F.vcpu->stats.hcalls[H_ENTER / 4], 1);
	/* The HPT change was traced: index, invalid before, the guest's dwords after. */
	{
		bool seen = false;

		for (unsigned int i = 0; i < F.ntr; i++)
			if (F.tr_type[i] == HV_TR_HPTE) {
				assert_int_equal(F.tr_w0[i][1], F.seen[1].gpr[4]);
				assert_int_equal(F.tr_w0[i][2] & HPTE_V_VALID, 0);
				seen = true;
			}
		assert_true(seen);
	}
	assert_int_equal(F.vcpu->stats.hcalls_to_user, 0);
	assert_false(F.vcpu->hcall_needed);
	assert_int_equal(F.seen[1].pc, 0x2004);

	/* H_REMOVE of it is traced too, as is a bulk remove of nothing (not at all). */
	{
		unsigned int before = F.ntr;

		assert_int_equal(hcall(H_REMOVE, 0, F.seen[1].gpr[4], 0, 0), H_SUCCESS);
		assert_true(F.ntr > before);
		before = F.ntr;
		call[0] = H_BULK_REMOVE;
		call[1] = (1UL << 62) | 5;
		call[2] = 0;
		call[3] = 3UL << 62;
		hvfx_script(&F, 2, step_hcall, step_look);
		hv_vcpu_run(F.vcpu);
		for (unsigned int i = before; i < F.ntr; i++)
			assert_int_not_equal(F.tr_type[i], HV_TR_HPTE);
		assert_int_equal(hcall(H_PROTECT, 0, 5, 0, 0), H_NOT_FOUND);
		assert_int_equal(hcall(H_CLEAR_REF, 0, 5, 0, 0), H_NOT_FOUND);
		assert_int_equal(hcall(H_CLEAR_MOD, 0, 5, 0, 0), H_NOT_FOUND);
		assert_int_equal(hcall(H_READ, 0, 5, 0, 0), H_SUCCESS);
	}
	assert_int_equal(hv_vm_enable_hcall(F.vm, H_ENTER, false), 0);
	call[0] = H_ENTER;
	call[3] = pteh;
	hvfx_script(&F, 1, step_hcall);
	assert_int_equal(hv_vcpu_run(F.vcpu), 0);
	assert_int_equal(F.vcpu->run.exit_reason, KVM_EXIT_PAPR_HCALL);
	assert_int_equal(F.vcpu->run.papr_hcall.nr, H_ENTER);
	assert_int_equal(F.vcpu->run.papr_hcall.args[2], pteh);
	assert_int_equal(F.vcpu->stats.hcalls_to_user, 1);
}

/*
 * An H_BULK_REMOVE that names one entry twice changes it once, and the
 * trace says so once: a second record with the same "before" contradicts
 * the first, and p7trace replay refuses the trace (found by the
 * guest-driven fuzzer).
 */
static void test_bulk_remove_duplicate_traced_once(void **state)
{
	u64 pteh = ((0x123ULL << 12) & ~0x7fULL) | HPTE_V_VALID;
	unsigned int before, n = 0;
	u64 ptex;

	assert_int_equal(hcall(H_ENTER, 0, 0, pteh, 0x5000 | HPTE_R_M), H_SUCCESS);
	ptex = F.seen[1].gpr[4];
	before = F.ntr;
	memset(call, 0, sizeof(call));
	call[0] = H_BULK_REMOVE;
	call[1] = (1UL << 62) | ptex;		/* request, absolute */
	call[3] = (1UL << 62) | ptex;		/* the same entry again */
	call[5] = 3UL << 62;			/* end */
	hvfx_script(&F, 2, step_hcall, step_look);
	hv_vcpu_run(F.vcpu);
	assert_int_equal(F.seen[1].gpr[3], H_SUCCESS);
	for (unsigned int i = before; i < F.ntr; i++)
		if (F.tr_type[i] == HV_TR_HPTE) {
			assert_int_equal(F.tr_w0[i][1], ptex);
			n++;
		}
	assert_int_equal(n, 1);
}

/* Unknown, unaligned, private-range (H_RTAS) and out-of-table hcalls go to userspace. */
static void test_unhandled_go_to_user(void **state)
{
	const u64 nrs[] = { H_PUT_TERM_CHAR, H_RTAS, H_ENTER + 2, 0x2000, H_RANDOM };

	for (unsigned int i = 0; i < 5; i++) {
		call[0] = nrs[i];
		hvfx_script(&F, 1, step_hcall);
		assert_int_equal(hv_vcpu_run(F.vcpu), 0);
		assert_int_equal(F.vcpu->run.exit_reason, KVM_EXIT_PAPR_HCALL);
		assert_int_equal(F.vcpu->run.papr_hcall.nr, nrs[i]);
		F.vcpu->run.papr_hcall.ret = H_FUNCTION;
	}
	assert_int_equal(F.vcpu->stats.hcalls_private, 1);
}

/*
 * A call the kernel completes clears hcall_needed: the next run must not
 * overwrite r3 with a stale userspace result (reference 8.13).
 */
static void test_hcall_needed_cleared(void **state)
{
	call[0] = H_PUT_TERM_CHAR;
	hvfx_script(&F, 1, step_hcall);
	hv_vcpu_run(F.vcpu);
	F.vcpu->run.papr_hcall.ret = 77;
	assert_int_equal(hcall(H_SET_SPRG0, 5, 0, 0, 0), H_SUCCESS);
	hvfx_script(&F, 1, step_look);
	hv_vcpu_run(F.vcpu);
	assert_int_equal(F.seen[0].gpr[3], H_SUCCESS);
}

/* H_SET_SPRG0 is visible to mfsprg0 on return. */
static void test_set_sprg0(void **state)
{
	assert_int_equal(hcall(H_SET_SPRG0, 0xabcdef, 0, 0, 0), H_SUCCESS);
	assert_int_equal(sprg0_seen, 0xabcdef);
	assert_int_equal(F.vcpu->shregs.sprg0, 0xabcdef);
}

/* H_SET_DABR sets DABR with user and kernel matching; H_SET_XDABR checks DABRX. */
static void test_dabr(void **state)
{
	assert_int_equal(hcall(H_SET_DABR, 0x1000, 0, 0, 0), H_SUCCESS);
	assert_int_equal(F.vcpu->dabr, 0x1000);
	assert_int_equal(F.vcpu->dabrx, 3);
	assert_int_equal(hcall(H_SET_XDABR, 0x2000, 0x4, 0, 0), H_PARAMETER);
	assert_int_equal(hcall(H_SET_XDABR, 0x2000, 0x8, 0, 0), H_PARAMETER);
	assert_int_equal(hcall(H_SET_XDABR, 0x2000, 0x10 | 1, 0, 0), H_PARAMETER);
	assert_int_equal(hcall(H_SET_XDABR, 0x2000, 0x8 | 1, 0, 0), H_SUCCESS);
	assert_int_equal(F.vcpu->dabr, 0x2000);
	assert_int_equal(F.vcpu->dabrx, 9);
}

/* H_PAGE_INIT: zero, copy (wins over zero), and every bad argument. */
static void test_page_init(void **state)
{
	u8 *dst = hv_vm_gpa_ptr(F.vm, 0x10000, 4096), *src = hv_vm_gpa_ptr(F.vm, 0x20000, 4096);

	memset(dst, 0xaa, 4096);
	memset(src, 0x55, 4096);
	assert_int_equal(hcall(H_PAGE_INIT, 0x8000, 0x10000, 0, 0), H_SUCCESS);
	assert_int_equal(dst[0], 0);
	assert_int_equal(dst[4095], 0);
	assert_int_equal(hcall(H_PAGE_INIT, 0x8000 | 0x4000, 0x10000, 0x20000, 0), H_SUCCESS);
	assert_int_equal(dst[17], 0x55);
	assert_int_equal(hcall(H_PAGE_INIT, 0x1000 | 0x800, 0x10000, 0, 0), H_SUCCESS);
	assert_int_equal(hcall(H_PAGE_INIT, 0x2000, 0x10000, 0, 0), H_PARAMETER);
	assert_int_equal(hcall(H_PAGE_INIT, 0x8000, 0x10008, 0, 0), H_PARAMETER);
	assert_int_equal(hcall(H_PAGE_INIT, 0x4000, 0x10000, 0x20010, 0), H_PARAMETER);
	assert_int_equal(hcall(H_PAGE_INIT, 0x8000, 64 * FX_MB, 0, 0), H_PARAMETER);
	assert_int_equal(hcall(H_PAGE_INIT, 0x4000, 0x10000, 64 * FX_MB, 0), H_PARAMETER);
}

#define VPA_REG(sub)	((u64)(sub) << H_VPA_FUNC_SHIFT)

static void put_len(u64 gpa, unsigned int off, u32 len, bool u16len)
{
	u8 *p = hv_vm_gpa_ptr(F.vm, gpa, 8);

	if (u16len)
		hv_store_be16(p + off, (u16)len);
	else
		hv_store_be32(p + off, len);
}

/*
 * H_REGISTER_VPA, every check: reserved subfunctions, bad target, alignment,
 * outside RAM, size, crossing a 4 KiB page; DTL and SLB shadow need a VPA;
 * deregistration order.  The yield count is even while the vcpu runs.
 */
static void test_register_vpa(void **state)
{
	assert_int_equal(hcall(H_REGISTER_VPA, VPA_REG(0), 0, 0x3000, 0), H_PARAMETER);
	assert_int_equal(hcall(H_REGISTER_VPA, VPA_REG(4), 0, 0x3000, 0), H_PARAMETER);
	put_len(0x3000, 4, 640, true);
	assert_int_equal(hcall(H_REGISTER_VPA, VPA_REG(1), 0xbadbad, 0x3000, 0), H_PARAMETER);
	assert_int_equal(hcall(H_REGISTER_VPA, VPA_REG(1), 5, 0x3000, 0), H_PARAMETER);
	assert_int_equal(hcall(H_REGISTER_VPA, VPA_REG(1), 0, 0x3040, 0), H_PARAMETER);
	assert_int_equal(hcall(H_REGISTER_VPA, VPA_REG(1), 0, 32 * FX_MB, 0), H_PARAMETER);
	put_len(0x3000, 4, 639, true);
	assert_int_equal(hcall(H_REGISTER_VPA, VPA_REG(1), 0, 0x3000, 0), H_PARAMETER);
	put_len(0x3f00, 4, 640, true);
	assert_int_equal(hcall(H_REGISTER_VPA, VPA_REG(1), 0, 0x3f00, 0), H_PARAMETER);
	/* DTL before a VPA */
	put_len(0x5000, 4, 48 * 4, false);
	assert_int_equal(hcall(H_REGISTER_VPA, VPA_REG(2), 0, 0x5000, 0), H_RESOURCE);
	put_len(0x6000, 4, 64, false);
	assert_int_equal(hcall(H_REGISTER_VPA, VPA_REG(3), 0, 0x6000, 0), H_RESOURCE);

	put_len(0x3000, 4, 640, true);
	assert_int_equal(hcall(H_REGISTER_VPA, VPA_REG(1), 0, 0x3000, 0), H_SUCCESS);
	assert_int_equal(F.vcpu->vpa, 0x3000);
	assert_int_equal(*(u8 *)hv_vm_gpa_ptr(F.vm, 0x3009, 1) & 0x2, 0x2);
	/* Registered while out of the guest (odd); the next entry makes it even. */
	assert_int_equal(yield_seen % 2, 0);
	assert_int_equal(hv_load_be32(hv_vm_gpa_ptr(F.vm, 0x3100, 4)) % 2, 1);

	put_len(0x5000, 4, 47, false);
	assert_int_equal(hcall(H_REGISTER_VPA, VPA_REG(2), 0, 0x5000, 0), H_PARAMETER);
	put_len(0x5000, 4, 48 * 4 + 10, false);
	assert_int_equal(hcall(H_REGISTER_VPA, VPA_REG(2), 0, 0x5000, 0), H_SUCCESS);
	assert_int_equal(F.vcpu->dtl_len, 48 * 4);
	put_len(0x6000, 4, 4, false);
	assert_int_equal(hcall(H_REGISTER_VPA, VPA_REG(3), 0, 0x6000, 0), H_PARAMETER);
	put_len(0x6000, 4, 64, false);
	assert_int_equal(hcall(H_REGISTER_VPA, VPA_REG(3), 0, 0x6000, 0), H_SUCCESS);

	assert_int_equal(hcall(H_REGISTER_VPA, VPA_REG(5), 0, 0, 0), H_RESOURCE);
	assert_int_equal(hcall(H_REGISTER_VPA, VPA_REG(6), 0, 0, 0), H_SUCCESS);
	assert_int_equal(hcall(H_REGISTER_VPA, VPA_REG(7), 0, 0, 0), H_SUCCESS);
	assert_int_equal(hcall(H_REGISTER_VPA, VPA_REG(5), 0, 0, 0), H_SUCCESS);
	assert_int_equal(F.vcpu->vpa, 0);
	/* Deregistering what is not registered succeeds; a bad target does not. */
	assert_int_equal(hcall(H_REGISTER_VPA, VPA_REG(5), 0, 0, 0), H_SUCCESS);
	assert_int_equal(hcall(H_REGISTER_VPA, VPA_REG(5), 0xbadbad, 0, 0), H_PARAMETER);
}

/*
 * H_CEDE with nothing pending: run returns HV_EXIT_CEDED with the DEC expiry
 * to wake at, again and again, until time reaches it; then the guest re-enters
 * with MSR[EE] set and r3 = H_SUCCESS.
 */
static void test_cede_sleeps_until_dec(void **state)
{
	u64 wake = hv_mftb() + 100000;

	hv_vcpu_set_dec_expires(F.vcpu, wake);
	call[0] = H_CEDE;
	hvfx_script(&F, 2, step_hcall, step_look);
	assert_int_equal(hv_vcpu_run(F.vcpu), 0);
	assert_int_equal(F.vcpu->run.exit_reason, HV_EXIT_CEDED);
	assert_int_equal(F.vcpu->run.ceded.wake_tb, wake);
	assert_int_equal(F.entries, 1);
	assert_int_equal(hv_vcpu_run(F.vcpu), 0);
	assert_int_equal(F.vcpu->run.exit_reason, HV_EXIT_CEDED);
	assert_int_equal(F.entries, 1);

	hvfx_time(&F, 100000);
	hv_vcpu_run(F.vcpu);
	assert_int_equal(F.entries, 2);
	assert_int_equal(F.seen[1].gpr[3], H_SUCCESS);
	/* The queued DEC interrupt: at 0x900, from after the sc with EE on. */
	assert_int_equal(F.seen[1].pc, 0x900);
	assert_int_equal(F.seen_spr[1][HVFX_SEEN_SRR0], 0x2004);
	assert_true(F.seen_spr[1][HVFX_SEEN_SRR1] & MSR_EE);
	assert_true((s32)F.seen_spr[1][HVFX_SEEN_DEC] <= 0);
	assert_false(F.vcpu->ceded);
}

/* H_CEDE wakes at once with a DEC already expired or an external pending. */
static void test_cede_with_pending(void **state)
{
	hv_vcpu_set_dec_expires(F.vcpu, hv_mftb());
	assert_int_equal(hcall(H_CEDE, 0, 0, 0, 0), H_SUCCESS);
	assert_int_equal(F.entries, 2);
	assert_int_equal(F.seen[1].pc, 0x900);
	F.vcpu->regs.pc = 0x2004;
	hv_vcpu_set_dec_expires(F.vcpu, hv_mftb() + 1000000);
	hv_vcpu_interrupt(F.vcpu, true);
	F.vcpu->shregs.msr &= ~MSR_EE;
	call[0] = H_CEDE;
	hvfx_script(&F, 2, step_hcall, step_look);
	hv_vcpu_run(F.vcpu);
	/* The cede set EE, so the pending external is taken at once. */
	assert_int_equal(F.seen[1].pc, 0x500);
	assert_int_equal(F.seen_spr[1][HVFX_SEEN_SRR0], 0x2008);
}

/*
 * H_PROD wakes a ceded vcpu; a prod before the cede makes the cede return at
 * once; H_PROD of a vcpu that does not exist is H_PARAMETER; H_CONFER is a
 * no-op.
 */
static void test_prod_and_confer(void **state)
{
	struct hv_vcpu *v1;

	assert_int_equal(hv_vcpu_create(F.vm, 1, &v1), 0);
	hv_vcpu_set_dec_expires(F.vcpu, hv_mftb() + 10000000);
	call[0] = H_CEDE;
	hvfx_script(&F, 1, step_hcall);
	hv_vcpu_run(F.vcpu);
	assert_int_equal(F.vcpu->run.exit_reason, HV_EXIT_CEDED);

	/* vcpu 1 prods vcpu 0 (both run on thread 0 of this core, in turn). */
	v1->regs.pc = 0x2000;
	{
		struct hv_vcpu *save = F.vcpu;

		F.vcpu = v1;
		assert_int_equal(hcall(H_PROD, 0, 0, 0, 0), H_SUCCESS);
		assert_int_equal(hcall(H_PROD, 9, 0, 0, 0), H_PARAMETER);
		assert_int_equal(hcall(H_PROD, 1000, 0, 0, 0), H_PARAMETER);
		assert_int_equal(hcall(H_CONFER, 0, 0, 0, 0), H_SUCCESS);
		F.vcpu = save;
	}
	hvfx_script(&F, 1, step_look);
	hv_vcpu_run(F.vcpu);
	assert_int_equal(F.entries, 1);
	assert_false(F.vcpu->ceded);
	assert_false(F.vcpu->prodded);

	F.vcpu->prodded = true;
	assert_int_equal(hcall(H_CEDE, 0, 0, 0, 0), H_SUCCESS);
	assert_int_equal(F.entries, 2);
	assert_false(F.vcpu->prodded);
}

/* The trace stream of an in-kernel hcall: enter, exit, hcall enter, hcall exit, enter. */
static void test_trace_of_hcall(void **state)
{
	const u32 want[] = { HV_TR_GUEST_ENTER, HV_TR_GUEST_EXIT, HV_TR_HCALL_ENTER,
			     HV_TR_HCALL_EXIT, HV_TR_GUEST_ENTER };

	F.ntr = 0;
	hcall(H_SET_SPRG0, 1, 0, 0, 0);
	assert_true(F.ntr >= 5);
	for (unsigned int i = 0; i < 5; i++)
		assert_int_equal(F.tr_type[i], want[i]);
	assert_int_equal(F.tr_w0[2][1], H_SET_SPRG0);	/* req */
	assert_int_equal(F.tr_w0[3][2], H_SUCCESS);	/* ret */
}

/*
 * Garbage in every register of every in-kernel hcall (seeded, so a failure
 * is reproducible): only PAPR return codes come back, nothing crashes, and
 * the model's hardware-rule checks stay silent (teardown asserts it).
 */
static void test_garbage_arguments(void **state)
{
	static const u64 nrs[] = {
		H_REMOVE, H_ENTER, H_READ, H_CLEAR_MOD, H_CLEAR_REF, H_PROTECT, H_SET_SPRG0,
		H_SET_DABR, H_PAGE_INIT, H_REGISTER_VPA, H_CONFER, H_PROD, H_BULK_REMOVE,
		H_SET_XDABR,
	};
	u64 x = 0x9e3779b97f4a7c15ULL;

	for (unsigned int n = 0; n < 3000; n++) {
		long rc;

		for (unsigned int i = 1; i < 10; i++) {
			/* xorshift64; small values half of the time (indexes, flags) */
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			call[i] = (x & 1) ? x : (x >> 40);
		}
		call[0] = nrs[x % (sizeof(nrs) / sizeof(nrs[0]))];
		hvfx_script(&F, 2, step_hcall, step_look);
		assert_int_equal(hv_vcpu_run(F.vcpu), -HV_EINTR);
		rc = (long)F.seen[1].gpr[3];
		if (!(rc == H_SUCCESS || rc == H_PARAMETER || rc == H_NOT_FOUND ||
		      rc == H_PTEG_FULL || rc == H_RESOURCE))
			fail_msg("hcall 0x%llx returned %ld", (unsigned long long)call[0], rc);
		/* A cede leaves the vcpu asleep; wake it for the next call. */
		F.vcpu->ceded = false;
		F.vcpu->regs.pc = 0x2000;
	}
	assert_int_equal(F.vcpu->stats.hcalls_to_user, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_in_kernel_and_disabled, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unhandled_go_to_user, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hcall_needed_cleared, setup, teardown),
		cmocka_unit_test_setup_teardown(test_set_sprg0, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bulk_remove_duplicate_traced_once, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_dabr, setup, teardown),
		cmocka_unit_test_setup_teardown(test_page_init, setup, teardown),
		cmocka_unit_test_setup_teardown(test_register_vpa, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cede_sleeps_until_dec, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cede_with_pending, setup, teardown),
		cmocka_unit_test_setup_teardown(test_prod_and_confer, setup, teardown),
		cmocka_unit_test_setup_teardown(test_trace_of_hcall, setup, teardown),
		cmocka_unit_test_setup_teardown(test_garbage_arguments, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
