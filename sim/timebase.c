// SPDX-License-Identifier: GPL-2.0-only
/*
 * The global instruction clock, the Time Base and the decrementers.
 *
 * ISA 2.06 Book III-S chapter 7: the TB is a 64-bit counter, DEC and HDEC are
 * 32-bit counters that decrement at the TB frequency, and a decrementer
 * exception comes into existence when bit 0 of the counter changes from 0 to
 * 1.  Here time is the number of instructions the machine has executed; the
 * TB advances with it at tb_num / tb_den ticks per instruction, so runs are
 * deterministic.  The decrementers are kept as (value written, tick of the
 * write) and computed on demand; the 0 -> 1 edge is found by comparing the
 * ticks elapsed since the last check with the distance to -1.
 */
#include "timebase.h"

#include "hv_consts.h"

static inline uint64_t ticks_at(const struct sim_machine *m, uint64_t clock)
{
	/* A whole number of ticks per instruction (the usual ratio): no 128-bit division. */
	if (m->tb_den == 1)
		return clock * m->tb_num;
	return (uint64_t)((unsigned __int128)clock * m->tb_num / m->tb_den);
}

static inline uint64_t ticks_now(const struct sim_machine *m)
{
	return ticks_at(m, m->clock);
}

void sim_tb_set_ratio(struct sim_machine *m, uint64_t num, uint64_t den)
{
	uint64_t before = ticks_now(m);

	if (!num || !den)
		return;
	m->tb_num = num;
	m->tb_den = den;
	/* Keep every thread's TB continuous across the change. */
	for (unsigned int i = 0; i < m->nthreads; i++)
		m->threads[i].tb_offset += before - ticks_now(m);
}

void sim_clock_advance(struct sim_machine *m, struct sim_thread *t, uint64_t insns)
{
	uint64_t ticks = ticks_at(m, m->clock + insns) - ticks_now(m);

	m->clock += insns;
	if (t) {
		t->executed += insns;
		/*
		 * PURR and SPURR count the TB periods the thread was dispatched
		 * (ISA 2.06 Book III-S 7.6/7.7): with one thread running at a
		 * time, that is the ticks of its own instructions.
		 */
		t->spr[SPRN_PURR] += ticks;
		t->spr[SPRN_SPURR] += ticks;
	}
}

uint64_t sim_tb_read(const struct sim_thread *t)
{
	return ticks_now(t->m) + t->tb_offset;
}

uint64_t sim_tb_at(const struct sim_thread *t, uint64_t insns)
{
	return ticks_at(t->m, t->m->clock + insns) + t->tb_offset;
}

uint64_t sim_engine_timebase(const struct sim_thread *t, uint64_t executed)
{
	return sim_tb_at(t, executed);
}

/* The TB is one per core: a write by one thread is seen by its siblings. */
static void tb_set(struct sim_thread *t, uint64_t tb)
{
	struct sim_machine *m = t->m;
	unsigned int first = t->core * SIM_THREADS_PER_CORE;

	for (unsigned int i = first; i < first + SIM_THREADS_PER_CORE; i++)
		m->threads[i].tb_offset = tb - ticks_now(m);
}

void sim_tb_write_lower(struct sim_thread *t, uint32_t val)
{
	tb_set(t, (sim_tb_read(t) & 0xffffffff00000000ULL) | val);
}

void sim_tb_write_upper(struct sim_thread *t, uint32_t val)
{
	tb_set(t, ((uint64_t)val << 32) | (sim_tb_read(t) & 0xffffffffULL));
}

static uint32_t dec_value(uint32_t written, uint64_t tick_written, uint64_t now)
{
	return written - (uint32_t)(now - tick_written);
}

/*
 * Did a counter that held @from decrement through the 0 -> -1 step (bit 0
 * changing from 0 to 1) within @elapsed ticks?  It reaches -1 after from + 1
 * ticks (2^32 when from is -1 itself).
 */
static bool crossed(uint32_t from, uint64_t elapsed)
{
	uint64_t to_minus_one = (uint64_t)from + 1;

	return elapsed >= to_minus_one;
}

static void update_one(struct sim_thread *t, uint32_t val, uint64_t tick, uint64_t *seen,
		       uint32_t bit)
{
	uint64_t now = ticks_now(t->m);

	if (now == *seen)
		return;
	if (crossed(dec_value(val, tick, *seen), now - *seen))
		t->pending |= bit;
	*seen = now;
}

void sim_timers_update(struct sim_thread *t)
{
	update_one(t, t->dec_val, t->dec_tick, &t->dec_seen, SIM_PEND_DEC);
	update_one(t, t->hdec_val, t->hdec_tick, &t->hdec_seen, SIM_PEND_HDEC);
}

uint32_t sim_dec_read(struct sim_thread *t)
{
	sim_timers_update(t);
	return dec_value(t->dec_val, t->dec_tick, ticks_now(t->m));
}

uint32_t sim_hdec_read(struct sim_thread *t)
{
	sim_timers_update(t);
	return dec_value(t->hdec_val, t->hdec_tick, ticks_now(t->m));
}

/*
 * mtspr DEC/HDEC.  Writing a value with bit 0 = 1 makes the exception exist
 * (software altered bit 0 to 1); writing one with bit 0 = 0 cancels a pending
 * one, which is how software acknowledges a decrementer interrupt.
 */
static void write_one(struct sim_thread *t, uint32_t val, uint32_t *valp, uint64_t *tick,
		      uint64_t *seen, uint32_t bit)
{
	sim_timers_update(t);
	*valp = val;
	*tick = ticks_now(t->m);
	*seen = *tick;
	if (val & 0x80000000u)
		t->pending |= bit;
	else
		t->pending &= ~bit;
}

void sim_dec_write(struct sim_thread *t, uint32_t val)
{
	write_one(t, val, &t->dec_val, &t->dec_tick, &t->dec_seen, SIM_PEND_DEC);
}

void sim_hdec_write(struct sim_thread *t, uint32_t val)
{
	write_one(t, val, &t->hdec_val, &t->hdec_tick, &t->hdec_seen, SIM_PEND_HDEC);
}

/* Instructions from now until the tick count reaches @target. */
static uint64_t insns_until(const struct sim_machine *m, uint64_t target)
{
	unsigned __int128 c;

	if (target <= ticks_now(m))
		return 1;
	/* Whole ticks per instruction: c = ceil(target / num), no 128-bit division. */
	if (m->tb_den == 1) {
		uint64_t c1 = m->tb_num == 1 ? target :
			      target / m->tb_num + (target % m->tb_num != 0);

		return c1 - m->clock > INT64_MAX ? UINT64_MAX : c1 - m->clock;
	}
	/* Smallest clock c with floor(c * num / den) >= target. */
	c = ((unsigned __int128)target * m->tb_den + m->tb_num - 1) / m->tb_num;
	if (c - m->clock > (unsigned __int128)INT64_MAX)
		return UINT64_MAX;
	return (uint64_t)(c - m->clock);
}

static uint64_t next_one(const struct sim_thread *t, uint32_t val, uint64_t tick)
{
	uint64_t now = ticks_now(t->m);

	return insns_until(t->m, now + (uint64_t)dec_value(val, tick, now) + 1);
}

uint64_t sim_timers_next(const struct sim_thread *t)
{
	uint64_t d = next_one(t, t->dec_val, t->dec_tick);
	uint64_t h = next_one(t, t->hdec_val, t->hdec_tick);

	return d < h ? d : h;
}
