// SPDX-License-Identifier: GPL-2.0-only
/*
 * End-to-end scenarios of the HV core: guest programs (tests/guests) run as
 * real ppc64 code on the POWER7 model through hv_vcpu_run, with this harness
 * playing the VMM.  The guests report through sc 1 with private-range codes
 * that the HV core passes to userspace (guest_asm.h).  The model's
 * hardware-rule checks must stay silent throughout.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "cpu.h"
#include "emulate.h"
#include "engine_unicorn.h"
#include "hv_env.h"
#include "hv_env_sim.h"
#include "hv/hv_vcpu.h"
#include "hv/trace.h"
#include "interrupt.h"
#include "machine.h"
#include "spr.h"
#include "timebase.h"
/* After hv_env.h: guest_asm.h defines SPRN_* only where hv_consts.h has not. */
#include "guest_asm.h"

#define MB	(1ULL << 20)

static struct sim_machine M;
static struct hv_vm *vm;
static struct hv_vcpu *vcpu;
static uint32_t trace_types[4096];
static unsigned int ntrace;

static void sink(void *ctx, uint32_t type, const void *payload, uint32_t len)
{
	if (ntrace < 4096)
		trace_types[ntrace++] = type;
}

/* Load <build>/guests/@name.bin at guest real 0 and point the vcpu at 0x2000. */
static void boot(const char *name)
{
	char path[512], err[256];
	FILE *f;
	size_t n;
	void *ram;

	snprintf(path, sizeof(path), "%s/%s.bin", P7_GUEST_DIR, name);
	f = fopen(path, "rb");
	if (!f)
		skip();
	assert_int_equal(sim_machine_init(&M, 256 * MB, 1), 0);
	sim_machine_select(&M, 0);
	M.log_level = 3;
	M.trace_sink = sink;
	ntrace = 0;
	{
		struct sim_engine *e = sim_engine_unicorn_create(&M, err, sizeof(err));

		if (!e)
			fail_msg("%s", err);
		sim_engine_attach(&M, e);
	}
	sim_emulate_install(&M);
	sim_spr_write(M.cur, SPRN_DEC, sim_host.tick);
	assert_int_equal(hv_vm_create(&vm, 20), 0);
	assert_int_equal(hv_vm_add_memory(vm, 0, 32 * MB), 0);
	assert_int_equal(hv_vcpu_create(vm, 0, &vcpu), 0);
	ram = hv_vm_gpa_ptr(vm, 0, 16 * MB);
	n = fread(ram, 1, 16 * MB, f);
	fclose(f);
	assert_true(n > 0x2000);
	vcpu->regs.pc = 0x2000;
	sim_host.deadline = 0;
}

static void shutdown(void)
{
	assert_int_equal(M.violations, 0);
	hv_vm_destroy(vm);
	sim_machine_destroy(&M);
	sim_host.deadline = 0;
}

/* Run until the guest reports (an hcall in the private range) or for @budget instructions. */
static uint64_t run_to_report(uint64_t budget)
{
	for (;;) {
		int r;

		sim_host.deadline = budget ? M.clock + budget : 0;
		r = hv_vcpu_run(vcpu);
		if (r == -HV_EINTR)
			return 0;
		assert_int_equal(r, 0);
		if (vcpu->run.exit_reason == HV_EXIT_CEDED) {
			/* Idle until the DEC, as a VMM would. */
			uint64_t now = sim_tb_read(M.cur);

			assert_true(vcpu->run.ceded.wake_tb > now);
			sim_clock_advance(&M, NULL, vcpu->run.ceded.wake_tb - now);
			continue;
		}
		assert_int_equal(vcpu->run.exit_reason, KVM_EXIT_PAPR_HCALL);
		return vcpu->run.papr_hcall.nr;
	}
}

#define ARG(i)	(vcpu->run.papr_hcall.args[i])

/* HDEC exits while the guest spins with MSR[EE]=0: the guest keeps running. */
static void test_hdec_exits_with_ee_off(void **state)
{
	boot("g_hdec_spin");
	assert_int_equal(run_to_report(3 * SIM_HOST_TICK_DEFAULT), 0);
	assert_true(vcpu->stats.dec_exits >= 2);
	assert_true(vcpu->regs.gpr[20] > SIM_HOST_TICK_DEFAULT);
	assert_false(vcpu->shregs.msr & MSR_EE);
	shutdown();
}

/* A real-mode access beyond the VRMA: DSI at the guest's 0x300 with DAR/DSISR. */
static void test_vrma_miss_is_dsi(void **state)
{
	boot("g_vrma_miss");
	assert_int_equal(run_to_report(0), G_REPORT);
	assert_int_equal(ARG(0), 0x300);
	assert_int_equal(ARG(3), 0x40000010);		/* DAR */
	assert_int_equal(ARG(4), 0x40000000);		/* DSISR: no translation */
	assert_int_equal(vcpu->stats.exits[0xe00 >> 5], 1);
	shutdown();
}

/* An illegal instruction and an ISA 2.07 one: the guest's 0x700, SRR1 0x80000 only. */
static void test_illegal_is_program(void **state)
{
	const char *g[] = { "g_illegal", "g_lqarx" };

	for (unsigned int i = 0; i < 2; i++) {
		boot(g[i]);
		assert_int_equal(run_to_report(0), G_REPORT);
		assert_int_equal(ARG(0), 0x700);
		assert_int_equal(ARG(2) & 0x0000ffffffff0000ULL & ~0x783f0000ULL, 0);
		assert_int_equal(ARG(2) & 0x783f0000ULL, 0x80000);
		assert_int_equal(vcpu->stats.exits[0xe40 >> 5], 1);
		shutdown();
	}
}

/*
 * H_ENTER in the HV core, relocation on through the guest's SLB entry, a
 * store and load through it; H_REMOVE; the next access is a DSI (NOHPTE).
 */
static void test_henter_reloc_remove(void **state)
{
	boot("h_henter");
	assert_int_equal(run_to_report(0), G_VALUE);
	assert_int_equal(ARG(0), 0x3c3c);
	assert_int_equal(*(uint64_t *)hv_vm_gpa_ptr(vm, 0x800080, 8), __builtin_bswap64(0x3c3c));
	assert_int_equal(vcpu->stats.hcalls[H_ENTER / 4], 1);
	assert_int_equal(run_to_report(0), G_REPORT);
	assert_int_equal(ARG(0), 0x300);
	assert_int_equal(ARG(3), 0x10005080);
	assert_int_equal(ARG(4), 0x40000000);
	assert_int_equal(vcpu->stats.hcalls[H_REMOVE / 4], 1);
	shutdown();
}

/* An hcall nobody handles: KVM_EXIT_PAPR_HCALL with nr/args; the guest sees H_FUNCTION. */
static void test_unknown_hcall_to_user(void **state)
{
	boot("h_hcall_user");
	assert_int_equal(run_to_report(0), 0x1f0);
	assert_int_equal(ARG(0), 0x11);
	assert_int_equal(ARG(1), 0x22);
	assert_int_equal(ARG(8), 0x99);
	vcpu->run.papr_hcall.ret = H_FUNCTION;
	ARG(0) = 0x4444;
	assert_int_equal(run_to_report(0), G_VALUE);
	assert_int_equal((int64_t)ARG(0), H_FUNCTION);
	assert_int_equal(ARG(1), 0x4444);
	shutdown();
}

/* H_CEDE with the DEC armed sleeps (run returns ceded) and wakes at the DEC. */
static void test_cede_wakes_at_dec(void **state)
{
	boot("h_cede");
	assert_int_equal(run_to_report(0), G_REPORT);
	assert_int_equal(ARG(0), 0x900);
	assert_true(ARG(2) & MSR_EE);
	assert_int_equal(vcpu->stats.ceded, 1);
	shutdown();
}

/* sc 1 from guest problem state is the guest kernel's: it lands at its 0xc00. */
static void test_user_sc1_to_guest(void **state)
{
	boot("h_user_sc1");
	assert_int_equal(run_to_report(0), G_REPORT);
	assert_int_equal(ARG(0), 0xc00);
	assert_true(ARG(2) & MSR_PR);
	assert_int_equal(vcpu->stats.hcalls_to_user, 1);	/* only the report */
	shutdown();
}

/* An external interrupt raised by the VMM (KVM_INTERRUPT) arrives at 0x500. */
static void test_injected_external(void **state)
{
	boot("h_ext");
	assert_int_equal(run_to_report(100000), 0);
	assert_true(vcpu->shregs.msr & MSR_EE);
	hv_vcpu_interrupt(vcpu, true);
	assert_int_equal(run_to_report(0), G_REPORT);
	assert_int_equal(ARG(0), 0x500);
	shutdown();
}

/*
 * An interrupt no guest instruction causes, injected by the model: an HMI
 * goes to the hypervisor, which the seed does not handle: KVM_EXIT_UNKNOWN
 * with the trap, and nothing crashes.
 */
static void test_injected_unknown_trap(void **state)
{
	struct sim_injection inj = { .cpu = 0, .kind = SIM_INJ_HMI };

	boot("h_ext");
	inj.at = M.clock + 5000;
	assert_int_equal(sim_inject(&M, &inj), 0);
	assert_int_equal(hv_vcpu_run(vcpu), 0);
	assert_int_equal(vcpu->run.exit_reason, KVM_EXIT_UNKNOWN);
	assert_int_equal(vcpu->run.hw.hardware_exit_reason, 0xe60);
	shutdown();
}

/* Every in-kernel hcall with a bad argument returns its PAPR error. */
static void test_bad_arguments(void **state)
{
	const int64_t want[] = {
		H_PARAMETER, H_PARAMETER, H_PARAMETER, H_PARAMETER, H_NOT_FOUND,
		H_PARAMETER, H_PARAMETER, H_NOT_FOUND, H_PARAMETER, H_NOT_FOUND,
		H_PARAMETER, H_PARAMETER, H_PARAMETER, H_PARAMETER, H_PARAMETER,
		H_PARAMETER, H_PARAMETER,
	};

	boot("h_badargs");
	for (unsigned int i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		assert_int_equal(run_to_report(0), G_VALUE);
		assert_int_equal(ARG(1), i);
		if ((int64_t)ARG(0) != want[i])
			fail_msg("row %u: got %lld, want %lld", i, (long long)ARG(0),
				 (long long)want[i]);
	}
	assert_int_equal(run_to_report(0), G_DONE);
	assert_int_equal(ARG(0), 0);
	shutdown();
}

static unsigned int count_events(enum sim_event_type type, uint64_t addr, bool any_addr)
{
	unsigned int n = 0;

	for (unsigned int i = 0; i < M.nevents; i++)
		if (M.events[i].type == type && (any_addr || M.events[i].addr == addr))
			n++;
	return n;
}

/*
 * The exit path (DESIGN.md): a real-mode hcall (H_SET_DABR) is handled in
 * the guest partition and the guest re-entered with no partition switch;
 * a virtual-mode one (H_SET_SPRG0) takes the full exit.  Each run enters
 * twice (the hcall, then the report), and every switch in or out writes
 * LPID twice (LPID_RSVD, then the target).  Trace points and statistics
 * are the same on both sides.
 */
static void test_real_mode_hcall_stays_in_guest(void **state)
{
	const uint32_t want[] = {
		HV_TR_GUEST_ENTER, HV_TR_GUEST_EXIT, HV_TR_HCALL_ENTER, HV_TR_HCALL_EXIT,
		HV_TR_GUEST_ENTER, HV_TR_GUEST_EXIT, HV_TR_HCALL_ENTER, HV_TR_USER_EXIT,
	};

	boot("h_fast_hcall");
	M.log_events = true;
	assert_int_equal(run_to_report(0), G_VALUE);
	assert_int_equal(ARG(0), H_SUCCESS);
	assert_int_equal(vcpu->dabr, 0x1236);
	assert_int_equal(vcpu->stats.hcalls[H_SET_DABR / 4], 1);
	assert_int_equal(vcpu->stats.exits[0xc00 >> 5], 2);
	assert_int_equal(count_events(SIM_EV_ENTER_GUEST, 0, true), 2);
	/* One switch in, one out: none around H_SET_DABR. */
	assert_int_equal(count_events(SIM_EV_MTSPR, SPRN_LPID, false), 4);
	/* fast_guest_return loaded the new DABR into the guest partition. */
	assert_true(sim_events_find(&M, 0, SIM_EV_MTSPR, SPRN_DABR) >= 0);
	assert_int_equal(ntrace, sizeof(want) / sizeof(want[0]));
	for (unsigned int i = 0; i < ntrace; i++)
		assert_int_equal(trace_types[i], want[i]);

	sim_events_clear(&M);
	assert_int_equal(run_to_report(0), G_VALUE);
	assert_int_equal(ARG(0), H_SUCCESS);
	assert_int_equal(vcpu->shregs.sprg0, 0x5a5a);
	assert_int_equal(vcpu->stats.hcalls[H_SET_SPRG0 / 4], 1);
	assert_int_equal(count_events(SIM_EV_ENTER_GUEST, 0, true), 2);
	/* Out and in around H_SET_SPRG0, then in (the completion) ... out (the report). */
	assert_int_equal(count_events(SIM_EV_MTSPR, SPRN_LPID, false), 8);
	assert_int_equal(run_to_report(0), G_DONE);
	shutdown();
}

/* The trace stream of a scenario matches its expected records. */
static void test_trace_stream(void **state)
{
	const uint32_t want[] = {
		HV_TR_GUEST_ENTER, HV_TR_GUEST_EXIT, HV_TR_PAGE_FAULT, HV_TR_INJECT,
		HV_TR_GUEST_ENTER, HV_TR_GUEST_EXIT, HV_TR_HCALL_ENTER, HV_TR_USER_EXIT,
	};

	boot("g_vrma_miss");
	assert_int_equal(run_to_report(0), G_REPORT);
	assert_int_equal(ntrace, sizeof(want) / sizeof(want[0]));
	for (unsigned int i = 0; i < ntrace; i++)
		assert_int_equal(trace_types[i], want[i]);
	shutdown();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hdec_exits_with_ee_off),
		cmocka_unit_test(test_vrma_miss_is_dsi),
		cmocka_unit_test(test_illegal_is_program),
		cmocka_unit_test(test_henter_reloc_remove),
		cmocka_unit_test(test_unknown_hcall_to_user),
		cmocka_unit_test(test_cede_wakes_at_dec),
		cmocka_unit_test(test_user_sc1_to_guest),
		cmocka_unit_test(test_injected_external),
		cmocka_unit_test(test_injected_unknown_trap),
		cmocka_unit_test(test_bad_arguments),
		cmocka_unit_test(test_trace_stream),
		cmocka_unit_test(test_real_mode_hcall_stays_in_guest),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
