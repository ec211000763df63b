// SPDX-License-Identifier: GPL-2.0-only
/*
 * The hv_env primitives of the simulator build, acting on the model.
 *
 * Each primitive does what the POWER7 instruction or kernel service does, on
 * sim_env_machine, and records itself in the machine's event log so that
 * tests and rule checks see the order in which the HV core acted.
 */
#include "hv_env.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cpu.h"
#include "hv/hv_vcpu.h"
#include "hv_env_sim.h"
#include "machine.h"
#include "mmu.h"
#include "rctrace.h"
#include "refbits.h"
#include "spr.h"
#include "timebase.h"
#include "tlb.h"

static __attribute__((noreturn, noinline, cold)) void no_machine(void)
{
	fprintf(stderr, "sim: hv_env primitive used with no machine selected\n");
	abort();
}

/* Small enough to inline into every primitive (the partition switch calls a hundred). */
static inline struct sim_machine *M(void)
{
	if (unlikely(!sim_env_machine))
		no_machine();
	return sim_env_machine;
}

/* ---- allocation ---------------------------------------------------------- */

void *hv_zalloc(size_t size)
{
	return calloc(1, size ? size : 1);
}

void hv_free(void *p)
{
	free(p);
}

void *hv_alloc_contig(size_t size, u64 *real_addr)
{
	struct sim_machine *m = M();
	/*
	 * 16 MB pages (guest memory) come top-down, everything else bottom-up:
	 * guest page N never lands at real address N * 16 MB.
	 */
	u64 ra = size == SIM_PAGE_16M ? sim_arena_alloc_16m(&m->arena) :
		sim_arena_alloc(&m->arena, size);

	if (ra == SIM_RA_NONE)
		return NULL;
	if (real_addr)
		*real_addr = ra;
	return sim_arena_ptr(&m->arena, ra, size);
}

void hv_free_contig(void *p, size_t size)
{
	struct sim_machine *m = M();

	if (p)
		sim_arena_free(&m->arena, sim_arena_ra(&m->arena, p), size);
}

void *hv_real_to_virt(u64 real_addr)
{
	return sim_arena_ptr(&M()->arena, real_addr, 1);
}

u64 hv_virt_to_real(const void *p)
{
	return sim_arena_ra(&M()->arena, p);
}

/* ---- SPRs, barriers, TLB and SLB ----------------------------------------- */

/* The HV runs in hypervisor state: SPR accesses need no privilege check. */
u64 hv_mfspr(unsigned int sprn)
{
	return sim_spr_read(M()->cur, sprn);
}

void hv_mtspr(unsigned int sprn, u64 val)
{
	struct sim_machine *m = M();

	sim_event(m, SIM_EV_MTSPR, sprn, val);
	sim_spr_write(m->cur, sprn, val);
}

u64 hv_mfmsr(void)
{
	return M()->cur->msr;
}

u64 hv_mftb(void)
{
	return sim_tb_read(M()->cur);
}

void hv_sync(void)
{
	sim_event(M(), SIM_EV_SYNC, 0, 0);
}

void hv_lwsync(void)
{
	sim_event(M(), SIM_EV_LWSYNC, 0, 0);
}

void hv_ptesync(void)
{
	sim_event(M(), SIM_EV_PTESYNC, 0, 0);
}

void hv_eieio(void)
{
	sim_event(M(), SIM_EV_EIEIO, 0, 0);
}

void hv_isync(void)
{
	sim_event(M(), SIM_EV_ISYNC, 0, 0);
}

void hv_tlbie(u64 rb, u64 lpid)
{
	struct sim_machine *m = M();

	sim_event(m, SIM_EV_TLBIE, rb, lpid);
	/* Until the tlbie completes, the walker may still set R and C. */
	if (m->tlbie_hook)
		m->tlbie_hook(m, rb, lpid, m->tlbie_hook_ctx);
	sim_tlb_tlbie(m, rb, lpid);
}

void hv_tlbiel(u64 rb)
{
	struct sim_machine *m = M();

	sim_event(m, SIM_EV_TLBIEL, rb, 0);
	if (m->tlbie_hook)
		m->tlbie_hook(m, rb, m->cur->spr[SPRN_LPID], m->tlbie_hook_ctx);
	sim_tlb_tlbiel(m->cur, rb);
}

void hv_tlbsync(void)
{
	sim_event(M(), SIM_EV_TLBSYNC, 0, 0);
}

void hv_slbmte(u64 rs, u64 rb)
{
	struct sim_machine *m = M();

	sim_event(m, SIM_EV_SLBMTE, rb, rs);
	sim_slb_mte(m->cur, rs, rb);
}

u64 hv_slbmfee(u64 index)
{
	return sim_slb_mfee(M()->cur, index);
}

u64 hv_slbmfev(u64 index)
{
	return sim_slb_mfev(M()->cur, index);
}

void hv_slbie(u64 rb)
{
	struct sim_machine *m = M();

	sim_event(m, SIM_EV_SLBIE, rb, 0);
	sim_slb_ie(m->cur, rb);
}

void hv_slbia(void)
{
	struct sim_machine *m = M();

	sim_event(m, SIM_EV_SLBIA, 0, 0);
	sim_slb_ia(m->cur);
}

/* ---- HPTE access ----------------------------------------------------------- */

u64 hv_load_be64(const void *p)
{
	u64 v;

	memcpy(&v, p, 8);
	return __builtin_bswap64(v);
}

u32 hv_load_be32(const void *p)
{
	u32 v;

	memcpy(&v, p, 4);
	return __builtin_bswap32(v);
}

u16 hv_load_be16(const void *p)
{
	u16 v;

	memcpy(&v, p, 2);
	return __builtin_bswap16(v);
}

/*
 * A store by the HV into guest memory (the VPA at registration, its yield
 * count on every switch): the engine's translated code from there is stale,
 * as a guest store's would be.  Stores to the HV's own data are not in the
 * arena and cost only the range check.
 */
static void host_stored(void *p, size_t len)
{
	struct sim_machine *m = sim_env_machine;
	uint64_t ra;

	if (!m || !sim_host.code_written)
		return;
	ra = sim_arena_ra(&m->arena, p);
	if (ra != SIM_RA_NONE)
		sim_host.code_written(sim_host.code_ctx, ra, len);
}

void hv_store_be64(void *p, u64 v)
{
	v = __builtin_bswap64(v);
	memcpy(p, &v, 8);
	host_stored(p, 8);
}

void hv_store_be32(void *p, u32 v)
{
	v = __builtin_bswap32(v);
	memcpy(p, &v, 4);
	host_stored(p, 4);
}

void hv_store_be16(void *p, u16 v)
{
	v = __builtin_bswap16(v);
	memcpy(p, &v, 2);
	host_stored(p, 2);
}

/*
 * HPTE dword 1 as the HV core sees it: hardware R is kept set (the engine
 * must never store R itself, refbits.c), and R reads as the guest's real
 * references made it.  @ra is the dword's real address (SIM_RA_NONE: not in
 * the arena, left alone).
 */
static bool hpte_dword1(u64 ra)
{
	return ra != SIM_RA_NONE && (ra & 15) == 8;
}

u64 hv_hpte_load(const hv_be64 *p)
{
	struct sim_machine *m = sim_env_machine;
	u64 v = __builtin_bswap64(__atomic_load_n(p, __ATOMIC_RELAXED)), ra;

	if (!m || !m->virtual_r)
		return v;
	ra = sim_arena_ra(&m->arena, p);
	if (hpte_dword1(ra))
		v = (v & ~HPTE_R_R) | (sim_ref_get(m, ra - 8) ? HPTE_R_R : 0);
	return v;
}

void hv_hpte_store(hv_be64 *p, u64 val)
{
	struct sim_machine *m = M();
	u64 ra = sim_arena_ra(&m->arena, p), hw = val;

	sim_event(m, SIM_EV_HPTE_STORE, ra, val);
	if (hpte_dword1(ra))
		sim_rc_stored(m, ra - 8, val & (HPTE_R_R | HPTE_R_C));
	if (m->virtual_r && hpte_dword1(ra)) {
		sim_ref_set(m, ra - 8, val & HPTE_R_R);
		hw |= HPTE_R_R;
	}
	__atomic_store_n(p, __builtin_bswap64(hw), __ATOMIC_RELAXED);
}

void hv_hpte_store_byte(hv_be64 *hpte, unsigned int byte_offset, u8 val)
{
	struct sim_machine *m = M();
	u8 *b = (u8 *)hpte + byte_offset;
	u64 ra = sim_arena_ra(&m->arena, hpte);
	u8 hw = val;

	sim_event(m, SIM_EV_HPTE_STORE_BYTE, sim_arena_ra(&m->arena, b), val);
	/* Bytes 14 and 15 hold R (0x01) and C (0x80) of dword 1 (bits 55, 56). */
	if (ra != SIM_RA_NONE && !(ra & 15) && byte_offset == 14)
		sim_rc_stored_bit(m, ra, HPTE_R_R, val & (HPTE_R_R >> 8));
	if (ra != SIM_RA_NONE && !(ra & 15) && byte_offset == 15)
		sim_rc_stored_bit(m, ra, HPTE_R_C, val & HPTE_R_C);
	/* Byte 14 holds R (dword 1 bits 48:55): the same policy as a dword store. */
	if (m->virtual_r && ra != SIM_RA_NONE && !(ra & 15) && byte_offset == 14) {
		sim_ref_set(m, ra, val & (HPTE_R_R >> 8));
		hw |= HPTE_R_R >> 8;
	}
	__atomic_store_n(b, hw, __ATOMIC_RELAXED);
}

bool hv_hpte_try_lock(hv_be64 *hpte, u64 bits)
{
	struct sim_machine *m = M();
	u64 ra = sim_arena_ra(&m->arena, hpte);
	hv_be64 old = __atomic_load_n(hpte, __ATOMIC_RELAXED);
	bool spurious = false;

	m->lock_attempts++;
	/* A lost reservation makes stdcx. fail although the lock was free. */
	if (m->lock_fail_next) {
		m->lock_fail_next--;
		spurious = true;
	} else if (m->lock_fail_every && m->lock_attempts % m->lock_fail_every == 0) {
		spurious = true;
	}
	if (spurious || (__builtin_bswap64(old) & bits)) {
		sim_event(m, SIM_EV_HPTE_LOCK, ra, 0);
		return false;
	}
	if (!__atomic_compare_exchange_n(hpte, &old, old | __builtin_bswap64(HPTE_V_HVLOCK), false,
					 __ATOMIC_ACQUIRE, __ATOMIC_RELAXED)) {
		sim_event(m, SIM_EV_HPTE_LOCK, ra, 0);
		return false;
	}
	sim_event(m, SIM_EV_HPTE_LOCK, ra, 1);
	return true;
}

void hv_hpte_unlock(hv_be64 *hpte, u64 v)
{
	struct sim_machine *m = M();

	if (v & HPTE_V_HVLOCK)
		sim_rule_report(m, SIM_RULE_HPTE_UNLOCK, "HPTE unlock at 0x%llx stores HVLOCK",
				(unsigned long long)sim_arena_ra(&m->arena, hpte));
	sim_event(m, SIM_EV_HPTE_UNLOCK, sim_arena_ra(&m->arena, hpte), v);
	__atomic_store_n(hpte, __builtin_bswap64(v), __ATOMIC_RELEASE);
}

/* ---- atomic bitmaps ------------------------------------------------------- */

#define HV_BITS_PER_LONG	(8 * sizeof(unsigned long))

bool hv_test_and_set_bit(unsigned long nr, unsigned long *addr)
{
	unsigned long mask = 1UL << (nr % HV_BITS_PER_LONG);

	return __atomic_fetch_or(&addr[nr / HV_BITS_PER_LONG], mask, __ATOMIC_ACQ_REL) & mask;
}

void hv_clear_bit(unsigned long nr, unsigned long *addr)
{
	unsigned long mask = 1UL << (nr % HV_BITS_PER_LONG);

	__atomic_fetch_and(&addr[nr / HV_BITS_PER_LONG], ~mask, __ATOMIC_RELEASE);
}

/* ---- this CPU ------------------------------------------------------------- */

unsigned int hv_thread_id(void)
{
	return M()->cur->thread;
}

bool hv_siblings_online(void)
{
	struct sim_machine *m = M();
	struct sim_thread *t = m->cur;
	unsigned int base = t->core * SIM_THREADS_PER_CORE;

	for (unsigned int i = 0; i < SIM_THREADS_PER_CORE; i++)
		if (&m->threads[base + i] != t && m->threads[base + i].online)
			return true;
	return false;
}

unsigned int hv_cpu_id(void)
{
	return (unsigned int)M()->cur->spr[SPRN_PIR];
}

/* ---- logging and trace ---------------------------------------------------- */

void hv_log(int level, const char *fmt, ...)
{
	struct sim_machine *m = sim_env_machine;
	char buf[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (m)
		snprintf(m->last_log, sizeof(m->last_log), "%s", buf);
	if (!m || level <= m->log_level)
		fprintf(stderr, "hv: %s%s", buf, buf[0] && buf[strlen(buf) - 1] == '\n' ? "" : "\n");
}

bool hv_trace_enabled(void)
{
	return M()->trace_sink != NULL;
}

void hv_trace(u32 type, const void *payload, u32 len)
{
	struct sim_machine *m = M();

	if (m->trace_sink)
		m->trace_sink(m->trace_ctx, type, payload, len);
}

/* ---- entering the guest --------------------------------------------------- */

/* Every entry is an event, with the rule that it leaves hypervisor state. */
static void entry_event(struct sim_machine *m, const struct hv_guest_regs *regs)
{
	sim_event(m, SIM_EV_ENTER_GUEST, 0, regs->msr);
	if (regs->msr & MSR_HV)
		sim_rule_report(m, SIM_RULE_GUEST_HV, "guest entered with MSR[HV]=1 (msr 0x%llx)",
				(unsigned long long)regs->msr);
}

/*
 * What hv_enter_guest does before the engine runs: the entry event, then
 * the host's reasons not to enter.  Returns false to return HV_TRAP_NONE;
 * else *budget is the slice to run.
 */
static bool entry_checks(struct sim_machine *m, const struct hv_guest_regs *regs,
			 uint64_t *budget)
{
	entry_event(m, regs);
	/*
	 * A thread in an exception storm is not entered again: the VMM gets
	 * the CPU back and decides (p7sim reports it).
	 */
	if (sim_host.stop || m->cur->storm >= SIM_STORM_LIMIT)
		return false;
	/*
	 * The VMM's quantum (a signal, in the kernel): past the deadline the
	 * host takes the CPU back before entering; before it, the guest runs
	 * at most up to it.
	 */
	*budget = m->slice;
	if (sim_host.deadline) {
		if (m->clock >= sim_host.deadline)
			return false;
		if (sim_host.deadline - m->clock < *budget)
			*budget = sim_host.deadline - m->clock;
	}
	return true;
}

/* The vcpu of hv_switch_and_run's entry loop (hv_guest_loop), NULL outside it. */
static struct hv_vcpu *loop_vcpu;

/*
 * The engine's run ended inside it with an exit to the hypervisor, within
 * the entry loop: do what the frames above would do next, without leaving
 * the engine.
 *  1. sim_enter_guest's and hv_enter_guest's tails: the registers out to
 *     the vcpu, then R/C (before the exit is traced).
 *  2. The loop's turn (hv_exit_turn): a real-mode hcall is dispatched and
 *     answered here; any other answer ends the run with the trap the loop
 *     goes on with (the turn gives the same answer again).
 *  3. The next hv_enter_guest: its checks (not entering ends the run with
 *     HV_TRAP_NONE, as that call would return), the registers in, hrfid,
 *     and a new run of the engine.
 */
static bool env_run_ended(struct sim_thread *t)
{
	struct sim_machine *m = t->m;
	struct hv_vcpu *vcpu = loop_vcpu;
	u32 trap = t->run.result;
	uint64_t budget;

	/* 1. */
	sim_guest_out(t, &vcpu->regs, trap);
	t->run.taken = true;
	sim_rc_flush(m);

	/* 2. */
	switch (hv_exit_turn(vcpu, &trap)) {
	case HV_TURN_DISPATCHED:
		t->run.result = HV_TRAP_DISPATCHED;
		return false;
	case HV_TURN_EXIT:
		t->run.result = trap;
		return false;
	}

	/* 3. */
	t->run.result = HV_TRAP_NONE;
	if (!entry_checks(m, &vcpu->regs, &budget) || !sim_guest_in(t, &vcpu->regs))
		return false;
	return sim_run_restart(t, budget);
}

void hv_guest_loop(struct hv_vcpu *vcpu)
{
	struct sim_machine *m = M();

	loop_vcpu = vcpu;
	/* Only the engine's runs, started here, end inside it. */
	m->run_ended = vcpu && m->engine && !m->enter_guest ? env_run_ended : NULL;
}

u32 hv_enter_guest(struct hv_guest_regs *regs)
{
	struct sim_machine *m = M();
	uint64_t budget;
	u32 trap;

	if (m->enter_guest || !m->engine) {
		entry_event(m, regs);
		if (m->enter_guest)
			return m->enter_guest(m, regs);
		hv_pr_err("no guest runner attached to the machine");
		return HV_TRAP_NONE;
	}
	if (!entry_checks(m, regs, &budget))
		return HV_TRAP_NONE;
	trap = sim_enter_guest(m, regs, budget);
	/* What the run's references did to R/C, before its exit is traced (done if taken). */
	if (!m->cur->run.taken)
		sim_rc_flush(m);
	return trap;
}

/* ---- host interrupts and caches ------------------------------------------------ */

void hv_host_irq_disable(void)
{
}

/* The HV core's real-mode fast path must not stay in the guest past a tick taken below. */
_Static_assert(HV_HDEC_FAST_MIN >= SIM_HOST_TICK_SOON, "fast hcall path would skip host ticks");

void hv_host_irq_enable(void)
{
	struct sim_machine *m = M();
	struct sim_thread *t = m->cur;

	/*
	 * The host's decrementer interrupt: pending once DEC is negative (ISA
	 * 2.06 Book III-S 7.3.4).  Handling it reloads the tick.  Host code
	 * costs no simulated time, so a tick due within SIM_HOST_TICK_SOON is
	 * taken now: waiting for it would not let any time pass.
	 */
	if ((int32_t)sim_spr_read(t, SPRN_DEC) < SIM_HOST_TICK_SOON) {
		sim_spr_write(t, SPRN_DEC, sim_host.tick ? sim_host.tick : SIM_HOST_TICK_DEFAULT);
		t->pending &= ~SIM_PEND_DEC;
		sim_host.ticks_handled++;
	}
	/* An external interrupt that took the CPU from the guest is the host's. */
	if (t->pending & SIM_PEND_EXT) {
		t->pending &= ~SIM_PEND_EXT;
		sim_host.externals_handled++;
	}
}

void hv_flush_icache_range(void *p, size_t len)
{
	struct sim_machine *m = M();
	uint64_t ra = sim_arena_ra(&m->arena, p);

	if (ra != SIM_RA_NONE && sim_host.code_written)
		sim_host.code_written(sim_host.code_ctx, ra, len);
}
