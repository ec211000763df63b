// SPDX-License-Identifier: GPL-2.0-only
/*
 * RTAS calls of the pseries platform (see p7sim_rtas.h for the entry and
 * error conventions).  Token values are the platform's choice; they are the
 * ones of pseries-guest-contract.md 5.2, with display-character in the gap.
 */
#include <string.h>

#include "hv_consts.h"
#include "p7sim_hcalls.h"
#include "p7sim_rtas.h"

/* End the run: every way the guest can stop the machine comes here. */
static void platform_halt(struct p7sim_platform *p, enum p7sim_halt why)
{
	p->powered_off = true;
	p->halt = why;
	if (p->ops.power_off)
		p->ops.power_off(p->ops.ctx);
}

/* power-off(power_on_mask_hi, power_on_mask_lo) -> status: ends the run. */
static void rtas_power_off(struct p7sim_platform *p, unsigned int vcpu, const uint32_t *args,
			   uint32_t *rets)
{
	/* There is no power-on event source, so the masks do not matter. */
	platform_halt(p, P7SIM_HALT_POWER_OFF);
	rets[0] = P7SIM_RTAS_OK;
}

/* system-reboot() -> status: the run ends with its own exit status. */
static void rtas_system_reboot(struct p7sim_platform *p, unsigned int vcpu,
			       const uint32_t *args, uint32_t *rets)
{
	platform_halt(p, P7SIM_HALT_REBOOT);
	rets[0] = P7SIM_RTAS_OK;
}

/*
 * ibm,os-term(string) -> status: the OS terminates abnormally (a Linux
 * panic), handing the firmware its message, a NUL-terminated string at a
 * guest real address.  It is kept for the VMM's one line on stderr; a
 * string that runs off guest memory is cut there.
 */
static void rtas_os_term(struct p7sim_platform *p, unsigned int vcpu, const uint32_t *args,
			 uint32_t *rets)
{
	size_t i;

	for (i = 0; i < sizeof(p->halt_msg) - 1; i++) {
		uint8_t c;

		if (p7sim_mem_read(&p->mem, (uint64_t)args[0] + i, &c, 1) || !c)
			break;
		/* One line: control characters (the message's newline) become spaces. */
		p->halt_msg[i] = c < 0x20 || c >= 0x7f ? ' ' : (char)c;
	}
	p->halt_msg[i] = 0;
	while (i && p->halt_msg[i - 1] == ' ')
		p->halt_msg[--i] = 0;
	platform_halt(p, P7SIM_HALT_OS_TERM);
	rets[0] = P7SIM_RTAS_OK;
}

/*
 * event-scan(event_mask, critical, buffer, length) -> status.  The
 * platform never has an error or event to report: 1 is "no errors found"
 * (PAPR "event-scan"), and the buffer is left alone.
 */
static void rtas_event_scan(struct p7sim_platform *p, unsigned int vcpu, const uint32_t *args,
			    uint32_t *rets)
{
	rets[0] = P7SIM_RTAS_NO_EVENT;
}

/*
 * set-indicator(indicator, index, state) -> status and get-sensor-state(
 * sensor, index) -> status, state: the platform has no indicators or
 * sensors (no LEDs, no surveillance, no EPOW), so each is -3, "no such
 * indicator/sensor implemented" (PAPR), what QEMU answers for them too.
 */
static void rtas_set_indicator(struct p7sim_platform *p, unsigned int vcpu,
			       const uint32_t *args, uint32_t *rets)
{
	rets[0] = P7SIM_RTAS_PARAM_ERROR;
}

static void rtas_get_sensor_state(struct p7sim_platform *p, unsigned int vcpu,
				  const uint32_t *args, uint32_t *rets)
{
	rets[0] = P7SIM_RTAS_PARAM_ERROR;
	rets[1] = 0;
}

/*
 * ibm,get-system-parameter(parameter, buffer, length) -> status.  No
 * parameter is implemented (SPLPAR characteristics, CMO, processor module
 * information are optional): -3, "system parameter not supported".
 */
static void rtas_get_system_parameter(struct p7sim_platform *p, unsigned int vcpu,
				      const uint32_t *args, uint32_t *rets)
{
	rets[0] = P7SIM_RTAS_PARAM_ERROR;
}

/* get-time-of-day() -> status, year, month, day, hour, minute, second, ns. */
static void rtas_get_time_of_day(struct p7sim_platform *p, unsigned int vcpu,
				 const uint32_t *args, uint32_t *rets)
{
	struct p7sim_tm tm;

	p7sim_rtc_get(&p->rtc, &tm);
	rets[0] = P7SIM_RTAS_OK;
	rets[1] = tm.year;
	rets[2] = tm.month;
	rets[3] = tm.day;
	rets[4] = tm.hour;
	rets[5] = tm.min;
	rets[6] = tm.sec;
	rets[7] = tm.ns;
}

/* set-time-of-day(year, month, day, hour, minute, second, ns) -> status. */
static void rtas_set_time_of_day(struct p7sim_platform *p, unsigned int vcpu,
				 const uint32_t *args, uint32_t *rets)
{
	struct p7sim_tm tm = {
		.year = (int32_t)args[0], .month = args[1], .day = args[2],
		.hour = args[3], .min = args[4], .sec = args[5], .ns = 0,
	};

	rets[0] = p7sim_rtc_set(&p->rtc, &tm) ? P7SIM_RTAS_PARAM_ERROR : P7SIM_RTAS_OK;
}

/* display-character(char) -> status: early debug output to the console. */
static void rtas_display_character(struct p7sim_platform *p, unsigned int vcpu,
				   const uint32_t *args, uint32_t *rets)
{
	uint8_t c = args[0];

	p7sim_console_put(&p->con, &c, 1);
	rets[0] = P7SIM_RTAS_OK;
}

/*
 * start-cpu(server, entry, r3) -> status.  -3 for a server that does not
 * exist, -1 when it is not stopped or the VMM cannot start it (contract
 * 5.3).  The VMM sets the new vcpu's registers.
 */
static void rtas_start_cpu(struct p7sim_platform *p, unsigned int vcpu, const uint32_t *args,
			   uint32_t *rets)
{
	uint32_t server = args[0];

	if (server >= p->ncpus) {
		rets[0] = P7SIM_RTAS_PARAM_ERROR;
		return;
	}
	if (p->cpu_state[server] != P7SIM_CPU_STOPPED) {
		rets[0] = P7SIM_RTAS_HW_ERROR;
		return;
	}
	if (p->ops.start_cpu && p->ops.start_cpu(p->ops.ctx, server, args[1], args[2])) {
		rets[0] = P7SIM_RTAS_HW_ERROR;
		return;
	}
	p->cpu_state[server] = P7SIM_CPU_RUNNING;
	rets[0] = P7SIM_RTAS_OK;
}

/*
 * stop-self() -> status.  The caller becomes stopped and must not be run
 * again until a start-cpu; the status is written for completeness, nobody
 * reads it.
 */
static void rtas_stop_self(struct p7sim_platform *p, unsigned int vcpu, const uint32_t *args,
			   uint32_t *rets)
{
	p->cpu_state[vcpu] = P7SIM_CPU_STOPPED;
	if (p->ops.stop_cpu)
		p->ops.stop_cpu(p->ops.ctx, vcpu);
	rets[0] = P7SIM_RTAS_OK;
}

/* query-cpu-stopped-state(server) -> status, 0 stopped / 2 running. */
static void rtas_query_cpu_stopped_state(struct p7sim_platform *p, unsigned int vcpu,
					 const uint32_t *args, uint32_t *rets)
{
	uint32_t server = args[0];

	if (server >= p->ncpus) {
		rets[0] = P7SIM_RTAS_PARAM_ERROR;
		return;
	}
	rets[0] = P7SIM_RTAS_OK;
	rets[1] = p->cpu_state[server] == P7SIM_CPU_STOPPED ? P7SIM_RTAS_CPU_STOPPED :
							      P7SIM_RTAS_CPU_RUNNING;
}

/*
 * nargs/nret are those PAPR gives each call; a call made with other counts
 * gets -3.  event-scan, set-indicator and get-sensor-state take what Linux
 * passes (rtas.c, rtasd.c).
 */
static const struct p7sim_rtas_call rtas_calls[] = {
	{ "get-time-of-day",		0x2001, 0, 8, rtas_get_time_of_day },
	{ "set-time-of-day",		0x2002, 7, 1, rtas_set_time_of_day },
	{ "power-off",			0x2003, 2, 1, rtas_power_off },
	{ "display-character",		0x2004, 1, 1, rtas_display_character },
	{ "query-cpu-stopped-state",	0x2005, 1, 2, rtas_query_cpu_stopped_state },
	{ "start-cpu",			0x2006, 3, 1, rtas_start_cpu },
	{ "stop-self",			0x2007, 0, 1, rtas_stop_self },
	{ "system-reboot",		0x2008, 0, 1, rtas_system_reboot },
	{ "ibm,os-term",		0x2009, 1, 1, rtas_os_term },
	{ "event-scan",			0x200a, 4, 1, rtas_event_scan },
	{ "set-indicator",		0x200b, 3, 1, rtas_set_indicator },
	{ "get-sensor-state",		0x200c, 2, 2, rtas_get_sensor_state },
	{ "ibm,get-system-parameter",	0x200d, 3, 1, rtas_get_system_parameter },
	{ "nvram-fetch",		0x200e, 3, 2, p7sim_rtas_nvram_fetch },
	{ "nvram-store",		0x200f, 3, 2, p7sim_rtas_nvram_store },
	{ "ibm,set-xive",		0x2010, 3, 1, p7sim_rtas_set_xive },
	{ "ibm,get-xive",		0x2011, 1, 3, p7sim_rtas_get_xive },
	{ "ibm,int-off",		0x2012, 1, 1, p7sim_rtas_int_off },
	{ "ibm,int-on",			0x2013, 1, 1, p7sim_rtas_int_on },
};

#define RTAS_NCALLS	(sizeof(rtas_calls) / sizeof(rtas_calls[0]))

const struct p7sim_rtas_call *p7sim_rtas_calls(unsigned int *n)
{
	*n = RTAS_NCALLS;
	return rtas_calls;
}

/*
 * The RTAS blob whose address the device tree gives (linux,rtas-entry):
 * Linux enters it in real mode with r3 = the argument buffer and returns
 * through LR.  It hands the buffer to the VMM as QEMU's does, as hcall
 * 0xf000 (KVMPPC_H_RTAS) with r4 = buffer:
 *
 *	mr	r4, r3
 *	lis	r3, 0
 *	ori	r3, r3, 0xf000
 *	sc	1
 *	blr
 */
static const uint32_t rtas_blob[] = {
	0x7c641b78, 0x3c600000, 0x6063f000, 0x44000022, 0x4e800020,
};

const uint32_t *p7sim_rtas_blob(size_t *len)
{
	*len = sizeof(rtas_blob);
	return rtas_blob;
}

uint32_t p7sim_rtas_token(const char *name)
{
	for (unsigned int i = 0; i < RTAS_NCALLS; i++)
		if (!strcmp(rtas_calls[i].name, name))
			return rtas_calls[i].token;
	return 0;
}

static const struct p7sim_rtas_call *rtas_lookup(uint32_t token)
{
	for (unsigned int i = 0; i < RTAS_NCALLS; i++)
		if (rtas_calls[i].token == token)
			return &rtas_calls[i];
	return NULL;
}

/*
 * @n big-endian words at @gpa into @w, in one access: one page look-up and
 * one range check rather than one of each per word (the guest's RTAS
 * clock is read millions of times in a run).  Should the range have a
 * page missing, each word that can be read is (the others stay as they
 * were), which is what word-by-word loads give.
 */
static void rtas_load_words(const struct p7sim_mem *mem, uint64_t gpa, uint32_t *w, uint32_t n)
{
	uint8_t b[4 * P7SIM_RTAS_MAX_WORDS];

	if (n <= P7SIM_RTAS_MAX_WORDS && !p7sim_mem_read(mem, gpa, b, 4ULL * n)) {
		for (uint32_t i = 0; i < n; i++)
			w[i] = p7sim_get_be32(b + 4 * i);
		return;
	}
	for (uint32_t i = 0; i < n; i++)
		p7sim_mem_ld_be32(mem, gpa + 4 * i, &w[i]);
}

/*
 * @n words of @w to @gpa, big-endian, as one write (one page look-up, one
 * check for translated code to drop).  A failed write moved nothing, so
 * the fallback stores word by word exactly what those stores did.
 */
static void rtas_store_words(const struct p7sim_mem *mem, uint64_t gpa, const uint32_t *w,
			     uint32_t n)
{
	uint8_t b[4 * P7SIM_RTAS_MAX_WORDS];

	if (n <= P7SIM_RTAS_MAX_WORDS) {
		for (uint32_t i = 0; i < n; i++)
			p7sim_put_be32(b + 4 * i, w[i]);
		if (!p7sim_mem_write(mem, gpa, b, 4ULL * n))
			return;
	}
	for (uint32_t i = 0; i < n; i++)
		p7sim_mem_st_be32(mem, gpa + 4 * i, w[i]);
}

/*
 * H_RTAS(buffer r4): no register outputs, the results go to the buffer.
 *
 * 1. Read the header; it must be in RAM.
 * 2. The whole buffer, rets included, must be in RAM and have a status word.
 * 3. Find the call by token, check nargs/nret, read the args.
 * 4. Run it and store nret words of results.
 */
int64_t p7sim_h_rtas(struct p7sim_platform *p, unsigned int vcpu, uint64_t *args)
{
	uint64_t buf = args[0], rets_at;
	uint32_t token, nargs, nret;
	uint32_t in[P7SIM_RTAS_MAX_WORDS] = { 0 }, out[P7SIM_RTAS_MAX_WORDS] = { 0 };
	const struct p7sim_rtas_call *call;
	uint8_t hdr[12];

	/* 1. token, nargs, nret: one read. */
	if (p7sim_mem_read(&p->mem, buf, hdr, sizeof(hdr)))
		return H_PARAMETER;
	token = p7sim_get_be32(hdr);
	nargs = p7sim_get_be32(hdr + 4);
	nret = p7sim_get_be32(hdr + 8);
	/* 2. nargs and nret are 32-bit, so this sum cannot overflow 64 bits. */
	rets_at = buf + 12 + 4ULL * nargs;
	if (nret == 0 || !p7sim_mem_contains(&p->mem, buf, 12 + 4ULL * nargs + 4ULL * nret))
		return H_PARAMETER;
	/* 3. */
	call = rtas_lookup(token);
	if (!call) {
		p7sim_mem_st_be32(&p->mem, rets_at, (uint32_t)P7SIM_RTAS_PARAM_ERROR);
		return H_PARAMETER;
	}
	if (nargs != call->nargs || nret != call->nret) {
		p7sim_mem_st_be32(&p->mem, rets_at, (uint32_t)P7SIM_RTAS_PARAM_ERROR);
		return H_SUCCESS;
	}
	rtas_load_words(&p->mem, buf + 12, in, nargs);
	/* 4. */
	call->fn(p, vcpu, in, out);
	rtas_store_words(&p->mem, rets_at, out, nret);
	return H_SUCCESS;
}
