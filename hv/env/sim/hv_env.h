/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * hv_env.h, simulator flavour: the primitives hv/ is allowed to use.
 *
 * hv/ C files include only "hv_env.h" and hv/include headers.  The build picks
 * this file or hv/env/kernel/hv_env.h by include path; both declare the same
 * names with the same meaning.  Here every primitive acts on the POWER7 model
 * in sim/ (implemented in sim/hv_env_sim.c), and the model checks the rules
 * hardware imposes (store order of HPTEs, tlbie sequences, the LPID/SDR1
 * switch) instead of silently accepting a violation.
 *
 * Only freestanding headers are used: hv/ never calls libc.
 */
#ifndef HV_ENV_H
#define HV_ENV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int8_t s8;
typedef int16_t s16;
typedef int32_t s32;
typedef int64_t s64;
/* A big-endian doubleword in memory hardware reads (HPT, VPA). */
typedef u64 hv_be64;
typedef u32 hv_be32;
typedef u16 hv_be16;

#include "hv_consts.h"

#define HV_ENV_SIM 1

#ifndef likely
#define likely(x)	__builtin_expect(!!(x), 1)
#define unlikely(x)	__builtin_expect(!!(x), 0)
#endif
#define HV_ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define hv_memset(d, c, n)	__builtin_memset(d, c, n)
#define hv_memcpy(d, s, n)	__builtin_memcpy(d, s, n)
#define hv_memcmp(a, b, n)	__builtin_memcmp(a, b, n)

/* Errno values returned by hv/ API functions (negated, as in the kernel). */
#define HV_EPERM	1
#define HV_ENOENT	2
#define HV_EINTR	4
#define HV_ENOMEM	12
#define HV_EBUSY	16
#define HV_EEXIST	17
#define HV_EINVAL	22
#define HV_ENOSPC	28

/* ---- allocation ---------------------------------------------------------- */

/* Zeroed ordinary memory for HV data structures (kzalloc). NULL on failure. */
void *hv_zalloc(size_t size);
void hv_free(void *p);

/*
 * Physically contiguous, zeroed memory in the machine's real address space,
 * naturally aligned to its (power of two) size (__get_free_pages).  Returns
 * the HV's pointer and stores the real address hardware uses in *real_addr.
 */
void *hv_alloc_contig(size_t size, u64 *real_addr);
void hv_free_contig(void *p, size_t size);

/* Linear-map conversions (__va / __pa) for memory in the real address space. */
void *hv_real_to_virt(u64 real_addr);
u64 hv_virt_to_real(const void *p);

/* ---- SPRs, barriers, TLB and SLB ----------------------------------------- */

u64 hv_mfspr(unsigned int sprn);
void hv_mtspr(unsigned int sprn, u64 val);
u64 hv_mfmsr(void);
u64 hv_mftb(void);

void hv_sync(void);
void hv_lwsync(void);
void hv_ptesync(void);
void hv_eieio(void);
void hv_isync(void);

/* tlbie RB,RS with RS holding the LPID (ISA 2.06 Book III-S 5.9.3.3). */
void hv_tlbie(u64 rb, u64 lpid);
void hv_tlbiel(u64 rb);
void hv_tlbsync(void);

void hv_slbmte(u64 rs, u64 rb);
u64 hv_slbmfee(u64 index);
u64 hv_slbmfev(u64 index);
void hv_slbie(u64 rb);
void hv_slbia(void);

/* ---- HPTE access: big-endian doublewords in the HPT ---------------------- */

/* Load / store one doubleword, converting between big-endian and CPU order. */
u64 hv_hpte_load(const hv_be64 *p);
void hv_hpte_store(hv_be64 *p, u64 val);
/* One-byte store into an HPTE (clearing R or C as hardware sets them). */
void hv_hpte_store_byte(hv_be64 *hpte, unsigned int byte_offset, u8 val);
/*
 * try_lock_hpte: atomically set HPTE_V_HVLOCK in dword 0 if none of @bits
 * (which include HPTE_V_HVLOCK) is set.  Like ldarx/stdcx. it may fail
 * spuriously (the sim can be told to), so callers must retry.
 */
bool hv_hpte_try_lock(hv_be64 *hpte, u64 bits);
/* Release barrier, then store @v (HVLOCK clear) into dword 0. */
void hv_hpte_unlock(hv_be64 *hpte, u64 v);

/* Loads / stores of big-endian values in guest or real memory. */
u64 hv_load_be64(const void *p);
u32 hv_load_be32(const void *p);
u16 hv_load_be16(const void *p);
void hv_store_be64(void *p, u64 v);
void hv_store_be32(void *p, u32 v);
void hv_store_be16(void *p, u16 v);

/* ---- atomic bitmaps ------------------------------------------------------- */

/*
 * test_and_set_bit / clear_bit on an unsigned long bitmap (the LPID
 * allocator): bit @nr is bit (nr % BITS_PER_LONG) of word nr / BITS_PER_LONG.
 * Atomic with respect to other CPUs; test_and_set returns the old value.
 */
bool hv_test_and_set_bit(unsigned long nr, unsigned long *addr);
void hv_clear_bit(unsigned long nr, unsigned long *addr);

/* ---- this CPU ------------------------------------------------------------- */

/* Hardware thread number within the core (0..3 on POWER7). */
unsigned int hv_thread_id(void);
/* True when another hardware thread of this core is online. */
bool hv_siblings_online(void);
/* Identifier of the physical CPU the code runs on (PIR). */
unsigned int hv_cpu_id(void);

/* ---- logging and trace ---------------------------------------------------- */

#define HV_LOG_ERR	3
#define HV_LOG_WARN	4
#define HV_LOG_INFO	6
#define HV_LOG_DEBUG	7
void hv_log(int level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
#define hv_pr_err(...)		hv_log(HV_LOG_ERR, __VA_ARGS__)
#define hv_pr_warn(...)		hv_log(HV_LOG_WARN, __VA_ARGS__)
#define hv_pr_info(...)		hv_log(HV_LOG_INFO, __VA_ARGS__)
#define hv_pr_debug(...)	hv_log(HV_LOG_DEBUG, __VA_ARGS__)

/*
 * Trace points, named and shaped like the kernel's kvm_hv tracepoints: the
 * record types and payloads are in hv/include/hv/trace.h.  The sim appends
 * each record to a stream tests and tools read.
 */
void hv_trace(u32 type, const void *payload, u32 len);
/* Whether anything takes the records: the builders of the busy ones skip the work when not. */
bool hv_trace_enabled(void);

/* ---- host interrupts and caches ------------------------------------------------ */

/*
 * Around the guest: the host runs the partition switch with interrupts hard
 * disabled and re-enables them after the exit, when its own pending timer
 * tick or external interrupt is handled (in the sim: the modelled host tick
 * reloads an expired host DEC, so every entry gets a full HDEC slice).
 */
void hv_host_irq_disable(void);
void hv_host_irq_enable(void);
/* The HV wrote [p, p + len) of guest memory: instruction fetch must see it. */
void hv_flush_icache_range(void *p, size_t len);

/* ---- entering the guest --------------------------------------------------- */

/*
 * Volatile guest state the entry trampoline loads before hrfid and saves on
 * the way out.  Everything else is switched by the partition switch through
 * hv_mtspr and friends.
 */
struct hv_guest_regs {
	u64 gpr[32];
	u64 cr;
	u64 lr;
	u64 ctr;
	u64 xer;
	u64 pc;		/* HSRR0 on entry and on exit */
	u64 msr;	/* HSRR1 on entry and on exit */
};

/*
 * Run the guest: load @regs, hrfid, and come back at the first interrupt the
 * hardware routes to the hypervisor.  Returns the trap number (0x980, 0xe00,
 * 0xc00, ...; bit 0x2 already cleared) with @regs holding the state at the
 * interrupt: PC/MSR from HSRR0/1 or, for sc 1, SRR0/1.  HDAR, HDSISR and HEIR
 * are left in their SPRs for hv_mfspr.  In the sim a budget or a host event
 * can also end the slice: then it returns HV_TRAP_NONE with @regs current.
 */
#define HV_TRAP_NONE	0
u32 hv_enter_guest(struct hv_guest_regs *regs);

/*
 * hv_switch_and_run() calls hv_guest_loop(vcpu) before its entry loop and
 * hv_guest_loop(NULL) after it: in between, every hv_enter_guest() is for
 * @vcpu's registers, and the simulator, which runs the guest itself, takes
 * the exits the loop would answer by entering again (hv_exit_turn) inside
 * its run, returning from hv_enter_guest() only with the loop's last turn
 * (hv_vcpu.h; docs/engine.md).
 */
struct hv_vcpu;
void hv_guest_loop(struct hv_vcpu *vcpu);

#endif /* HV_ENV_H */
