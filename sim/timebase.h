/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Time: the machine's global instruction clock, the Time Base derived from
 * it at a configured ratio, and the decrementers that count down with the
 * Time Base (ISA 2.06 Book III-S chapter 7).  Nothing here reads a host clock:
 * the same run gives the same TB values on every machine.
 */
#ifndef SIM_TIMEBASE_H
#define SIM_TIMEBASE_H

#include <stdint.h>

#include "machine.h"

/* TB ticks per instruction = num / den (both non-zero). */
void sim_tb_set_ratio(struct sim_machine *m, uint64_t num, uint64_t den);
/* Advance the global clock by @insns executed by @t (its PURR/SPURR count). */
void sim_clock_advance(struct sim_machine *m, struct sim_thread *t, uint64_t insns);

/* The thread's Time Base now, and after @insns more instructions. */
uint64_t sim_tb_read(const struct sim_thread *t);
uint64_t sim_tb_at(const struct sim_thread *t, uint64_t insns);
/* mttbl / mttbu (hypervisor): set one half; the whole core's TB follows. */
void sim_tb_write_lower(struct sim_thread *t, uint32_t val);
void sim_tb_write_upper(struct sim_thread *t, uint32_t val);

/* DEC and HDEC: 32-bit values that count down with the TB. */
uint32_t sim_dec_read(struct sim_thread *t);
void sim_dec_write(struct sim_thread *t, uint32_t val);
uint32_t sim_hdec_read(struct sim_thread *t);
void sim_hdec_write(struct sim_thread *t, uint32_t val);

/*
 * Bring @t's DEC/HDEC exceptions up to date with the clock: a decrementer
 * whose bit 0 went from 0 to 1 since last looked at makes its exception
 * pending (SIM_PEND_DEC / SIM_PEND_HDEC).
 */
void sim_timers_update(struct sim_thread *t);
/*
 * Instructions, from now, until a non-negative DEC or HDEC of @t becomes
 * negative (UINT64_MAX when neither will within 2^63 instructions).
 */
uint64_t sim_timers_next(const struct sim_thread *t);

#endif /* SIM_TIMEBASE_H */
