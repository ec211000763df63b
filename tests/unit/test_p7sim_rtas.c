// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of RTAS through H_RTAS (tools/p7sim/rtas.c): every call, its
 * results in the big-endian argument buffer, and every kind of bad input.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "hv_consts.h"
#include "p7sim_test.h"

#define BUF	(16 * MB - 16)		/* straddles the first 16 MB page boundary */
#define BASE	1700000000		/* 2023-11-14 22:13:20 UTC */

static int setup(void **state)
{
	*state = fixture_new(32 * MB, 2, BASE, 1);
	return 0;
}

static int teardown(void **state)
{
	fixture_free(*state);
	return 0;
}

/*
 * Call RTAS @name the way kvm-unit-tests' enter_rtas does: fill the buffer
 * at @buf, sc 1 with r3 = 0xf000 and r4 = @buf.  Returns r3; rets[] holds
 * what the buffer says afterwards.
 */
static int64_t rtas_call_at(struct fixture *f, unsigned int vcpu, uint64_t buf, uint32_t token,
			    uint32_t nargs, uint32_t nret, const uint32_t *in, uint32_t *rets)
{
	uint64_t args[9];
	int64_t ret;

	args_pattern(args);
	args[0] = buf;
	assert_int_equal(p7sim_mem_st_be32(&f->plat.mem, buf, token), 0);
	assert_int_equal(p7sim_mem_st_be32(&f->plat.mem, buf + 4, nargs), 0);
	assert_int_equal(p7sim_mem_st_be32(&f->plat.mem, buf + 8, nret), 0);
	for (uint32_t i = 0; i < nargs; i++)
		p7sim_mem_st_be32(&f->plat.mem, buf + 12 + 4 * i, in[i]);
	/* Poison the rets so that an unwritten one shows. */
	for (uint32_t i = 0; i < nret; i++)
		p7sim_mem_st_be32(&f->plat.mem, buf + 12 + 4 * (nargs + i), 0xdeadbeef);
	ret = p7sim_hcall(&f->plat, vcpu, H_RTAS, args);
	for (uint32_t i = 0; i < nret; i++)
		p7sim_mem_ld_be32(&f->plat.mem, buf + 12 + 4 * (nargs + i), &rets[i]);
	/* H_RTAS has no register outputs: r4..r12 as they were. */
	assert_int_equal(args[0], buf);
	for (int i = 1; i < 9; i++)
		assert_int_equal(args[i], 0x5a5a5a5a00000000ULL | (4 + i));
	return ret;
}

static int64_t rtas_call(struct fixture *f, unsigned int vcpu, const char *name, uint32_t nargs,
			 uint32_t nret, const uint32_t *in, uint32_t *rets)
{
	uint32_t token = p7sim_rtas_token(name);

	assert_int_not_equal(token, 0);
	return rtas_call_at(f, vcpu, BUF, token, nargs, nret, in, rets);
}

/* The table: nineteen calls, distinct non-zero tokens, lookups by name. */
static void test_tokens(void **state)
{
	const struct p7sim_rtas_call *c;
	unsigned int n;

	c = p7sim_rtas_calls(&n);
	assert_int_equal(n, 19);
	for (unsigned int i = 0; i < n; i++) {
		assert_int_not_equal(c[i].token, 0);
		assert_int_equal(p7sim_rtas_token(c[i].name), c[i].token);
		for (unsigned int j = 0; j < i; j++)
			assert_int_not_equal(c[i].token, c[j].token);
	}
	assert_int_equal(p7sim_rtas_token("power-off"), 0x2003);
	assert_int_equal(p7sim_rtas_token("ibm,os-term"), 0x2009);
	assert_int_equal(p7sim_rtas_token("ibm,nmi-register"), 0);
}

/* power-off(-1, -1): status 0, the VMM is told, and the platform says so. */
static void test_power_off(void **state)
{
	struct fixture *f = *state;
	uint32_t in[2] = { 0xffffffff, 0xffffffff }, rets[1];

	assert_false(p7sim_powered_off(&f->plat));
	assert_int_equal(rtas_call(f, 0, "power-off", 2, 1, in, rets), H_SUCCESS);
	assert_int_equal(rets[0], 0);
	assert_int_equal(f->vmm.power_off_calls, 1);
	assert_true(p7sim_powered_off(&f->plat));
}

/*
 * get-time-of-day: 0 in, 8 out; the base time at first, then base plus
 * simulated time, nanoseconds included.
 */
static void test_get_time_of_day(void **state)
{
	struct fixture *f = *state;
	uint32_t rets[8];

	assert_int_equal(rtas_call(f, 0, "get-time-of-day", 0, 8, NULL, rets), H_SUCCESS);
	assert_int_equal(rets[0], 0);
	assert_int_equal(rets[1], 2023);
	assert_int_equal(rets[2], 11);
	assert_int_equal(rets[3], 14);
	assert_int_equal(rets[4], 22);
	assert_int_equal(rets[5], 13);
	assert_int_equal(rets[6], 20);
	assert_int_equal(rets[7], 0);

	f->vmm.now_ns = 3 * 1000000000ULL + 250;
	assert_int_equal(rtas_call(f, 1, "get-time-of-day", 0, 8, NULL, rets), H_SUCCESS);
	assert_int_equal(rets[6], 23);
	assert_int_equal(rets[7], 250);
}

/*
 * set-time-of-day: 7 in (the ns one is garbage and ignored), 1 out; the
 * clock then runs on from the value set.  An impossible date is -3 and
 * leaves the clock alone.
 */
static void test_set_time_of_day(void **state)
{
	struct fixture *f = *state;
	uint32_t in[7] = { 2011, 12, 31, 23, 59, 58, 0xabcdef12 }, rets[8];

	f->vmm.now_ns = 1000;
	assert_int_equal(rtas_call(f, 0, "set-time-of-day", 7, 1, in, rets), H_SUCCESS);
	assert_int_equal(rets[0], 0);
	f->vmm.now_ns += 2 * 1000000000ULL;
	assert_int_equal(rtas_call(f, 0, "get-time-of-day", 0, 8, NULL, rets), H_SUCCESS);
	assert_int_equal(rets[1], 2012);
	assert_int_equal(rets[2], 1);
	assert_int_equal(rets[3], 1);
	assert_int_equal(rets[4], 0);
	assert_int_equal(rets[5], 0);
	assert_int_equal(rets[6], 0);
	assert_int_equal(rets[7], 0);

	in[1] = 13;
	assert_int_equal(rtas_call(f, 0, "set-time-of-day", 7, 1, in, rets), H_SUCCESS);
	assert_int_equal((int32_t)rets[0], P7SIM_RTAS_PARAM_ERROR);
	in[1] = 2, in[2] = 30;
	assert_int_equal(rtas_call(f, 0, "set-time-of-day", 7, 1, in, rets), H_SUCCESS);
	assert_int_equal((int32_t)rets[0], P7SIM_RTAS_PARAM_ERROR);
	assert_int_equal(rtas_call(f, 0, "get-time-of-day", 0, 8, NULL, rets), H_SUCCESS);
	assert_int_equal(rets[1], 2012);
}

/*
 * A buffer that runs into a 16 MB page guest memory does not have (inside
 * RAM's size, so the buffer check passes): each word that can be read or
 * stored is, as if it were accessed alone, a missing argument reads as 0
 * and a missing result is not stored.  H_RTAS moves the arguments and the
 * results in one access each when it can, and must fall back to this.
 */
static void test_buffer_into_missing_page(void **state)
{
	struct fixture *f = fixture_new(48 * MB, 1, BASE, 1);
	void *hole = f->ram.pages[1];
	uint64_t buf = 16 * MB - 24;	/* header, then three words, then the hole */
	uint32_t in[7] = { 2030, 5, 6, 7, 8, 9, 0 }, rets[8];
	struct p7sim_tm tm;

	f->ram.pages[1] = NULL;
	/* set-time-of-day: year, month and day are read, the hour, minute and second are 0. */
	rets[0] = 0x77;
	assert_int_equal(rtas_call_at(f, 0, buf, p7sim_rtas_token("set-time-of-day"), 7, 1, in,
				      rets), H_SUCCESS);
	assert_int_equal(rets[0], 0x77);	/* the status word is in the hole */
	p7sim_rtc_get(&f->plat.rtc, &tm);
	assert_int_equal(tm.year, 2030);
	assert_int_equal(tm.month, 5);
	assert_int_equal(tm.day, 6);
	assert_int_equal(tm.hour, 0);
	assert_int_equal(tm.min, 0);
	assert_int_equal(tm.sec, 0);

	/* get-time-of-day: the three results before the hole are stored, no other. */
	for (unsigned int i = 0; i < 8; i++)
		rets[i] = 0x55;
	assert_int_equal(rtas_call_at(f, 0, buf, p7sim_rtas_token("get-time-of-day"), 0, 8, NULL,
				      rets), H_SUCCESS);
	assert_int_equal(rets[0], 0);
	assert_int_equal(rets[1], 2030);
	assert_int_equal(rets[2], 5);
	for (unsigned int i = 3; i < 8; i++)
		assert_int_equal(rets[i], 0x55);

	f->ram.pages[1] = hole;
	fixture_free(f);
}

/* display-character: the low byte of the argument goes to the console as is. */
static void test_display_character(void **state)
{
	struct fixture *f = *state;
	uint32_t in[1], rets[1];

	in[0] = 'o';
	assert_int_equal(rtas_call(f, 0, "display-character", 1, 1, in, rets), H_SUCCESS);
	assert_int_equal(rets[0], 0);
	in[0] = 0x100 | 'k';
	assert_int_equal(rtas_call(f, 0, "display-character", 1, 1, in, rets), H_SUCCESS);
	in[0] = '\n';
	assert_int_equal(rtas_call(f, 0, "display-character", 1, 1, in, rets), H_SUCCESS);
	assert_string_equal(fixture_out(f), "ok\n");
}

/*
 * The SMP calls as kvm-unit-tests' smp test uses them: vcpu 1 starts
 * stopped; start-cpu hands entry and r3 to the VMM and makes it running;
 * a second start-cpu is -1; stop-self stops the caller; unknown servers
 * are -3.
 */
static void test_start_query_stop(void **state)
{
	struct fixture *f = *state;
	uint32_t q[1], start[3] = { 1, 0x400100, 0x1234 }, rets[2];

	assert_true(p7sim_cpu_running(&f->plat, 0));
	assert_false(p7sim_cpu_running(&f->plat, 1));
	q[0] = 1;
	assert_int_equal(rtas_call(f, 0, "query-cpu-stopped-state", 1, 2, q, rets), H_SUCCESS);
	assert_int_equal(rets[0], 0);
	assert_int_equal(rets[1], P7SIM_RTAS_CPU_STOPPED);

	assert_int_equal(rtas_call(f, 0, "start-cpu", 3, 1, start, rets), H_SUCCESS);
	assert_int_equal(rets[0], 0);
	assert_int_equal(f->vmm.start_calls, 1);
	assert_int_equal(f->vmm.last_vcpu, 1);
	assert_int_equal(f->vmm.last_entry, 0x400100);
	assert_int_equal(f->vmm.last_r3, 0x1234);
	assert_true(p7sim_cpu_running(&f->plat, 1));
	assert_int_equal(rtas_call(f, 0, "query-cpu-stopped-state", 1, 2, q, rets), H_SUCCESS);
	assert_int_equal(rets[1], P7SIM_RTAS_CPU_RUNNING);

	/* Already running. */
	assert_int_equal(rtas_call(f, 0, "start-cpu", 3, 1, start, rets), H_SUCCESS);
	assert_int_equal((int32_t)rets[0], P7SIM_RTAS_HW_ERROR);
	assert_int_equal(f->vmm.start_calls, 1);

	/* stop-self from vcpu 1. */
	assert_int_equal(rtas_call(f, 1, "stop-self", 0, 1, NULL, rets), H_SUCCESS);
	assert_int_equal(rets[0], 0);
	assert_int_equal(f->vmm.stop_calls, 1);
	assert_int_equal(f->vmm.last_vcpu, 1);
	assert_false(p7sim_cpu_running(&f->plat, 1));
	assert_int_equal(rtas_call(f, 0, "query-cpu-stopped-state", 1, 2, q, rets), H_SUCCESS);
	assert_int_equal(rets[1], P7SIM_RTAS_CPU_STOPPED);

	/* It can be started again; a VMM refusal is -1 and leaves it stopped. */
	f->vmm.start_result = -1;
	assert_int_equal(rtas_call(f, 0, "start-cpu", 3, 1, start, rets), H_SUCCESS);
	assert_int_equal((int32_t)rets[0], P7SIM_RTAS_HW_ERROR);
	assert_false(p7sim_cpu_running(&f->plat, 1));
	f->vmm.start_result = 0;
	assert_int_equal(rtas_call(f, 0, "start-cpu", 3, 1, start, rets), H_SUCCESS);
	assert_int_equal(rets[0], 0);

	/* Unknown servers. */
	q[0] = 2;
	assert_int_equal(rtas_call(f, 0, "query-cpu-stopped-state", 1, 2, q, rets), H_SUCCESS);
	assert_int_equal((int32_t)rets[0], P7SIM_RTAS_PARAM_ERROR);
	start[0] = 0xffffffff;
	assert_int_equal(rtas_call(f, 0, "start-cpu", 3, 1, start, rets), H_SUCCESS);
	assert_int_equal((int32_t)rets[0], P7SIM_RTAS_PARAM_ERROR);
}

/*
 * Wrong argument counts: status -3, H_SUCCESS, and the call has no effect
 * (power-off with 1 argument does not power off).
 */
static void test_bad_nargs_nret(void **state)
{
	struct fixture *f = *state;
	uint32_t in[16] = { 0 }, rets[16], w = 0;
	uint64_t args[9];
	const struct p7sim_rtas_call *c;
	unsigned int n;

	c = p7sim_rtas_calls(&n);
	for (unsigned int i = 0; i < n; i++) {
		assert_int_equal(rtas_call_at(f, 0, BUF, c[i].token, c[i].nargs + 1, c[i].nret, in,
					      rets), H_SUCCESS);
		assert_int_equal((int32_t)rets[0], P7SIM_RTAS_PARAM_ERROR);
		assert_int_equal(rtas_call_at(f, 0, BUF, c[i].token, c[i].nargs, c[i].nret + 1, in,
					      rets), H_SUCCESS);
		assert_int_equal((int32_t)rets[0], P7SIM_RTAS_PARAM_ERROR);
		/* The status is the only word written. */
		assert_int_equal(rets[1], 0xdeadbeef);
	}
	assert_false(p7sim_powered_off(&f->plat));
	assert_int_equal(f->vmm.start_calls, 0);
	assert_int_equal(f->vmm.stop_calls, 0);
	assert_true(p7sim_cpu_running(&f->plat, 0));
	assert_string_equal(fixture_out(f), "");

	/* More arguments than any call takes, all in RAM: still just -3. */
	p7sim_mem_st_be32(&f->plat.mem, BUF, 0x2003);
	p7sim_mem_st_be32(&f->plat.mem, BUF + 4, 1000);
	p7sim_mem_st_be32(&f->plat.mem, BUF + 8, 1);
	args_pattern(args);
	args[0] = BUF;
	assert_int_equal(p7sim_hcall(&f->plat, 0, H_RTAS, args), H_SUCCESS);
	p7sim_mem_ld_be32(&f->plat.mem, BUF + 12 + 4000, &w);
	assert_int_equal((int32_t)w, P7SIM_RTAS_PARAM_ERROR);
	assert_false(p7sim_powered_off(&f->plat));
}

/* An unknown token: status -3 and H_PARAMETER, as QEMU answers. */
static void test_bad_token(void **state)
{
	struct fixture *f = *state;
	uint32_t rets[1];

	assert_int_equal(rtas_call_at(f, 0, BUF, 0xa, 0, 1, NULL, rets), H_PARAMETER);
	assert_int_equal((int32_t)rets[0], P7SIM_RTAS_PARAM_ERROR);
	assert_int_equal(rtas_call_at(f, 0, BUF, 0, 0, 1, NULL, rets), H_PARAMETER);
	assert_int_equal((int32_t)rets[0], P7SIM_RTAS_PARAM_ERROR);
}

/*
 * A buffer that is not (entirely) in guest RAM, or has no room for a
 * status, is H_PARAMETER and nothing is written or done.
 */
static void test_bad_buffer(void **state)
{
	struct fixture *f = *state;
	uint64_t end = f->plat.mem.size, args[9];
	uint32_t w = 0;

	args_pattern(args);
	args[0] = end;
	assert_int_equal(p7sim_hcall(&f->plat, 0, H_RTAS, args), H_PARAMETER);
	args[0] = end - 8;
	assert_int_equal(p7sim_hcall(&f->plat, 0, H_RTAS, args), H_PARAMETER);
	args[0] = UINT64_MAX - 3;
	assert_int_equal(p7sim_hcall(&f->plat, 0, H_RTAS, args), H_PARAMETER);
	args[0] = 0xc000000000000000ULL;
	assert_int_equal(p7sim_hcall(&f->plat, 0, H_RTAS, args), H_PARAMETER);

	/* Header in RAM, rets beyond the end: power-off must not happen. */
	p7sim_mem_st_be32(&f->plat.mem, end - 20, 0x2003);
	p7sim_mem_st_be32(&f->plat.mem, end - 16, 2);
	p7sim_mem_st_be32(&f->plat.mem, end - 12, 1);
	args[0] = end - 20;
	assert_int_equal(p7sim_hcall(&f->plat, 0, H_RTAS, args), H_PARAMETER);
	assert_false(p7sim_powered_off(&f->plat));

	/* nargs so large the args run off the end of RAM. */
	p7sim_mem_st_be32(&f->plat.mem, 0x10000, 0x2003);
	p7sim_mem_st_be32(&f->plat.mem, 0x10004, 0xffffffff);
	p7sim_mem_st_be32(&f->plat.mem, 0x10008, 0xffffffff);
	args[0] = 0x10000;
	assert_int_equal(p7sim_hcall(&f->plat, 0, H_RTAS, args), H_PARAMETER);

	/* nret 0: nowhere to put a status. */
	p7sim_mem_st_be32(&f->plat.mem, 0x10004, 2);
	p7sim_mem_st_be32(&f->plat.mem, 0x10008, 0);
	p7sim_mem_st_be32(&f->plat.mem, 0x10014, 0x77777777);
	assert_int_equal(p7sim_hcall(&f->plat, 0, H_RTAS, args), H_PARAMETER);
	p7sim_mem_ld_be32(&f->plat.mem, 0x10014, &w);
	assert_int_equal(w, 0x77777777);
	assert_false(p7sim_powered_off(&f->plat));
	assert_int_equal(f->vmm.power_off_calls, 0);
}

/*
 * system-reboot and ibm,os-term end the run, each with its own halt
 * reason; os-term keeps the OS's message as one line (newline to space,
 * trailing blanks dropped).
 */
static void test_reboot_and_os_term(void **state)
{
	struct fixture *f = *state;
	static const char msg[] = "Kernel panic - not syncing: test\n";
	uint32_t rets[2], in[1] = { 0x100000 };

	assert_int_equal(rtas_call(f, 0, "system-reboot", 0, 1, NULL, rets), H_SUCCESS);
	assert_int_equal(rets[0], 0);
	assert_true(p7sim_powered_off(&f->plat));
	assert_int_equal(f->plat.halt, P7SIM_HALT_REBOOT);

	f->plat.powered_off = false;
	assert_int_equal(p7sim_mem_write(&f->plat.mem, in[0], msg, sizeof(msg)), 0);
	assert_int_equal(rtas_call(f, 1, "ibm,os-term", 1, 1, in, rets), H_SUCCESS);
	assert_int_equal(rets[0], 0);
	assert_true(p7sim_powered_off(&f->plat));
	assert_int_equal(f->plat.halt, P7SIM_HALT_OS_TERM);
	assert_string_equal(f->plat.halt_msg, "Kernel panic - not syncing: test");
}

/*
 * The calls a platform without events, indicators, sensors or system
 * parameters answers: event-scan "no errors found" (1), the others -3.
 */
static void test_no_events_sensors_parameters(void **state)
{
	struct fixture *f = *state;
	uint32_t rets[2], in[4] = { 0xffffffff, 0, 0x100000, 2048 };

	assert_int_equal(rtas_call(f, 0, "event-scan", 4, 1, in, rets), H_SUCCESS);
	assert_int_equal(rets[0], 1);
	in[0] = 9000;
	assert_int_equal(rtas_call(f, 0, "set-indicator", 3, 1, in, rets), H_SUCCESS);
	assert_int_equal((int32_t)rets[0], -3);
	assert_int_equal(rtas_call(f, 0, "get-sensor-state", 2, 2, in, rets), H_SUCCESS);
	assert_int_equal((int32_t)rets[0], -3);
	in[0] = 20;
	assert_int_equal(rtas_call(f, 0, "ibm,get-system-parameter", 3, 1, in, rets), H_SUCCESS);
	assert_int_equal((int32_t)rets[0], -3);
	assert_false(p7sim_powered_off(&f->plat));
}

/*
 * NVRAM: power-on formats one free CHRP partition (signature 0x7f, length
 * 4096 blocks, name "wwwwwwwwwwww", header checksum 0x29 computed by
 * hand); a store then a fetch round-trips; ranges past the end are -3.
 */
static void test_nvram(void **state)
{
	struct fixture *f = *state;
	uint8_t hdr[16], back[8];
	uint32_t rets[2], in[3];
	static const uint8_t data[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };

	in[0] = 0;
	in[1] = 0x100000;
	in[2] = 16;
	assert_int_equal(rtas_call(f, 0, "nvram-fetch", 3, 2, in, rets), H_SUCCESS);
	assert_int_equal(rets[0], 0);
	assert_int_equal(rets[1], 16);
	assert_int_equal(p7sim_mem_read(&f->plat.mem, 0x100000, hdr, 16), 0);
	assert_int_equal(hdr[0], 0x7f);
	assert_int_equal(hdr[1], 0x29);
	assert_int_equal(hdr[2] << 8 | hdr[3], 0x1000);
	assert_memory_equal(hdr + 4, "wwwwwwwwwwww", 12);

	assert_int_equal(p7sim_mem_write(&f->plat.mem, 0x200000, data, 8), 0);
	in[0] = 100;
	in[1] = 0x200000;
	in[2] = 8;
	assert_int_equal(rtas_call(f, 0, "nvram-store", 3, 2, in, rets), H_SUCCESS);
	assert_int_equal(rets[0], 0);
	assert_int_equal(rets[1], 8);
	in[1] = 0x300000;
	assert_int_equal(rtas_call(f, 0, "nvram-fetch", 3, 2, in, rets), H_SUCCESS);
	assert_int_equal(p7sim_mem_read(&f->plat.mem, 0x300000, back, 8), 0);
	assert_memory_equal(back, data, 8);

	in[0] = 65536 - 4;
	assert_int_equal(rtas_call(f, 0, "nvram-fetch", 3, 2, in, rets), H_SUCCESS);
	assert_int_equal((int32_t)rets[0], -3);
	assert_int_equal(rets[1], 0);
	in[0] = 0;
	in[1] = 0xfffffff0;	/* outside the 32 MB of guest RAM */
	assert_int_equal(rtas_call(f, 0, "nvram-store", 3, 2, in, rets), H_SUCCESS);
	assert_int_equal((int32_t)rets[0], -3);
}

/*
 * The XICS source controller: the vty source starts masked (priority
 * 0xff); set-xive routes it, get-xive reads it back; an asserted source
 * is presented to its server only while enabled and unmasked; H_XIRR
 * accepts it (0xff000000 | source with CPPR 0xff), H_EOI ends it and a
 * still-asserted level source comes back; a bad source or server is -3.
 */
static void test_ics(void **state)
{
	struct fixture *f = *state;
	uint32_t rets[3], in[3];
	uint64_t args[9] = { 0 };

	in[0] = P7SIM_VTY_IRQ;
	assert_int_equal(rtas_call(f, 0, "ibm,get-xive", 1, 3, in, rets), H_SUCCESS);
	assert_int_equal(rets[0], 0);
	assert_int_equal(rets[1], 0);
	assert_int_equal(rets[2], 0xff);

	args[0] = 0xff;		/* CPPR 0xff on server 1: accept everything */
	assert_int_equal(p7sim_hcall(&f->plat, 1, H_CPPR, args), H_SUCCESS);
	p7sim_ics_set_level(&f->plat, P7SIM_VTY_IRQ, true);
	assert_false(p7sim_external_pending(&f->plat, 1));	/* still masked */

	in[1] = 1;
	in[2] = 5;
	assert_int_equal(rtas_call(f, 0, "ibm,set-xive", 3, 1, in, rets), H_SUCCESS);
	assert_int_equal(rets[0], 0);
	assert_true(p7sim_external_pending(&f->plat, 1));
	assert_int_equal(rtas_call(f, 0, "ibm,int-off", 1, 1, in, rets), H_SUCCESS);
	assert_false(p7sim_external_pending(&f->plat, 1));
	assert_int_equal(rtas_call(f, 0, "ibm,int-on", 1, 1, in, rets), H_SUCCESS);
	assert_true(p7sim_external_pending(&f->plat, 1));
	assert_int_equal(rtas_call(f, 0, "ibm,get-xive", 1, 3, in, rets), H_SUCCESS);
	assert_int_equal(rets[1], 1);
	assert_int_equal(rets[2], 5);

	assert_int_equal(p7sim_hcall(&f->plat, 1, H_XIRR, args), H_SUCCESS);
	assert_int_equal(args[0], 0xff000000ULL | P7SIM_VTY_IRQ);
	assert_false(p7sim_external_pending(&f->plat, 1));
	args[0] = 0xff000000ULL | P7SIM_VTY_IRQ;
	assert_int_equal(p7sim_hcall(&f->plat, 1, H_EOI, args), H_SUCCESS);
	assert_true(p7sim_external_pending(&f->plat, 1));	/* level still high */
	p7sim_ics_set_level(&f->plat, P7SIM_VTY_IRQ, false);
	assert_false(p7sim_external_pending(&f->plat, 1));

	in[0] = P7SIM_VTY_IRQ + 1;
	assert_int_equal(rtas_call(f, 0, "ibm,get-xive", 1, 3, in, rets), H_SUCCESS);
	assert_int_equal((int32_t)rets[0], -3);
	in[0] = P7SIM_VTY_IRQ;
	in[1] = 2;	/* the fixture has two servers */
	assert_int_equal(rtas_call(f, 0, "ibm,set-xive", 3, 1, in, rets), H_SUCCESS);
	assert_int_equal((int32_t)rets[0], -3);
}

/* The RTAS blob: mr r4,r3; lis r3,0; ori r3,r3,0xf000; sc 1; blr. */
static void test_blob(void **state)
{
	size_t len;
	const uint32_t *b = p7sim_rtas_blob(&len);

	assert_int_equal(len, 20);
	assert_int_equal(b[0], 0x7c641b78);
	assert_int_equal(b[2] & 0xffff, 0xf000);
	assert_int_equal(b[3], 0x44000022);
	assert_int_equal(b[4], 0x4e800020);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tokens),
		cmocka_unit_test_setup_teardown(test_power_off, setup, teardown),
		cmocka_unit_test_setup_teardown(test_get_time_of_day, setup, teardown),
		cmocka_unit_test_setup_teardown(test_set_time_of_day, setup, teardown),
		cmocka_unit_test_setup_teardown(test_display_character, setup, teardown),
		cmocka_unit_test_setup_teardown(test_start_query_stop, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_nargs_nret, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_token, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_buffer, setup, teardown),
		cmocka_unit_test(test_buffer_into_missing_page),
		cmocka_unit_test_setup_teardown(test_reboot_and_os_term, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_events_sensors_parameters, setup, teardown),
		cmocka_unit_test_setup_teardown(test_nvram, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ics, setup, teardown),
		cmocka_unit_test(test_blob),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
