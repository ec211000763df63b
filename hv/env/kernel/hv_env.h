/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * hv_env.h, kernel flavour: the primitives hv/ is allowed to use, for a Linux
 * 6.1 ppc64 big-endian POWER7 kernel module.
 *
 * hv/ C files include only "hv_env.h" and hv/include headers.  Kbuild puts
 * hv/env/kernel on the include path, CMake hv/env/sim; both headers declare
 * the same names with the same meaning (hv/env/sim/hv_env.h documents each
 * primitive; the comments here say only how the kernel provides it).  Every
 * primitive is a static inline over the instruction or kernel service it
 * stands for, except hv_enter_guest, an assembly trampoline (see below).
 *
 * Constants (SPRN_*, MSR_*, LPCR_*, HPTE_*, SLB_*, H_*, BOOK3S_INTERRUPT_*,
 * KVM_EXIT_*) come from the kernel's own headers, never from a copy: the
 * module build checks at compile time that hv/env/sim/hv_consts.h gives the
 * same values (hv/env/kernel/gen_consts_check.awk, docs/kmod.md).
 *
 * Code that runs with the MMU off (real mode) must be linked into vmlinux,
 * not a module: docs/kmod.md lists which hv/ files that concerns.
 */
#ifndef HV_ENV_H
#define HV_ENV_H

#include <linux/types.h>
#include <linux/bitops.h>
#include <linux/compiler.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/string.h>
#include <linux/gfp.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <linux/cpumask.h>
#include <linux/kvm.h>
#include <linux/kvm_host.h>
#include <asm/unaligned.h>
#include <asm/page.h>
#include <asm/reg.h>
#include <asm/time.h>
#include <asm/cputhreads.h>
#include <asm/hvcall.h>
#include <asm/book3s/64/mmu-hash.h>
#include <asm/kvm_asm.h>
#include <asm/cacheflush.h>
#include <asm/hw_irq.h>
/* HPTE_V_HVLOCK and HPTE_V_ABSENT: asm/kvm_book3s_64.h, which kvm_ppc.h includes in order. */
#include <asm/kvm_ppc.h>
#include <asm/kvm_book3s.h>

#define HV_ENV_KERNEL 1

/*
 * Constants hv/env/sim/hv_consts.h marks "hv-only": the kernel's headers do
 * not (or no longer) define them, so they are defined here, with the same
 * value.  LPID_RSVD was in asm/kvm_book3s_64.h in the 2011 POWER7 code.
 */
#ifndef LPID_RSVD
#define LPID_RSVD	0x3ff
#endif

/* u8 ... s64 come from <linux/types.h>; sparse checks the byte order of these. */
typedef __be64 hv_be64;
typedef __be32 hv_be32;
typedef __be16 hv_be16;

/* likely() and unlikely() come from <linux/compiler.h>. */
#define HV_ARRAY_SIZE(a)	ARRAY_SIZE(a)
#define hv_memset(d, c, n)	memset(d, c, n)
#define hv_memcpy(d, s, n)	memcpy(d, s, n)
#define hv_memcmp(a, b, n)	memcmp(a, b, n)

/* Errno values returned by hv/ API functions (negated, as in the kernel). */
#define HV_EPERM	EPERM
#define HV_ENOENT	ENOENT
#define HV_EINTR	EINTR
#define HV_ENOMEM	ENOMEM
#define HV_EBUSY	EBUSY
#define HV_EEXIST	EEXIST
#define HV_EINVAL	EINVAL
#define HV_ENOSPC	ENOSPC

/* ---- allocation ---------------------------------------------------------- */

static inline void *hv_zalloc(size_t size)
{
	return kzalloc(size, GFP_KERNEL);
}

static inline void hv_free(void *p)
{
	kfree(p);
}

/*
 * The buddy allocator hands out blocks naturally aligned to their order, which
 * is what SDR1 needs of the HPT.  Blocks above MAX_ORDER (the kernel reserves
 * large HPTs with CMA) are out of reach here: such a request returns NULL.
 */
static inline void *hv_alloc_contig(size_t size, u64 *real_addr)
{
	unsigned long va;

	va = __get_free_pages(GFP_KERNEL | __GFP_ZERO | __GFP_NOWARN, get_order(size));
	if (!va)
		return NULL;
	if (real_addr)
		*real_addr = __pa(va);
	return (void *)va;
}

static inline void hv_free_contig(void *p, size_t size)
{
	if (p)
		free_pages((unsigned long)p, get_order(size));
}

static inline void *hv_real_to_virt(u64 real_addr)
{
	return __va(real_addr);
}

static inline u64 hv_virt_to_real(const void *p)
{
	return __pa(p);
}

/* ---- SPRs, barriers, TLB and SLB ----------------------------------------- */

/*
 * mfspr/mtspr encode the SPR number in the instruction, so @sprn must be a
 * compile-time constant (an SPRN_* name): these are macros over the kernel's
 * mfspr()/mtspr(), and a variable SPR number fails to assemble.
 */
#define hv_mfspr(sprn)		((u64)mfspr(sprn))
#define hv_mtspr(sprn, val)	mtspr(sprn, val)

static inline u64 hv_mfmsr(void)
{
	return mfmsr();
}

static inline u64 hv_mftb(void)
{
	return get_tb();
}

static inline void hv_sync(void)
{
	asm volatile("sync" : : : "memory");
}

static inline void hv_lwsync(void)
{
	asm volatile("lwsync" : : : "memory");
}

static inline void hv_ptesync(void)
{
	asm volatile("ptesync" : : : "memory");
}

static inline void hv_eieio(void)
{
	asm volatile("eieio" : : : "memory");
}

static inline void hv_isync(void)
{
	asm volatile("isync" : : : "memory");
}

/*
 * tlbie and tlbiel are emitted as words: assemblers disagree on their operand
 * lists across ISA versions, and POWER7 wants the ISA 2.06 forms.  GCC prints
 * a GPR operand as its bare number, which the expressions below place in the
 * RS (bits 6-10) and RB (bits 16-20) fields.
 *
 * tlbie RB,RS (X-form, primary 31, extended 306): RS holds the LPID whose
 * translations are invalidated; L (large page) is bit 63 of RB
 * (ISA 2.06 Book III-S 5.9.3.3).
 */
static inline void hv_tlbie(u64 rb, u64 lpid)
{
	asm volatile(".long 0x7c000264 | ((%1) << 21) | ((%0) << 11)"
		     : : "r" (rb), "r" (lpid) : "memory");
}

/* tlbiel RB (X-form, primary 31, extended 274): this thread's TLB only, RS=0. */
static inline void hv_tlbiel(u64 rb)
{
	asm volatile(".long 0x7c000224 | ((%0) << 11)" : : "r" (rb) : "memory");
}

static inline void hv_tlbsync(void)
{
	asm volatile("tlbsync" : : : "memory");
}

static inline void hv_slbmte(u64 rs, u64 rb)
{
	asm volatile("slbmte %0,%1" : : "r" (rs), "r" (rb) : "memory");
}

static inline u64 hv_slbmfee(u64 index)
{
	u64 esid;

	asm volatile("slbmfee %0,%1" : "=r" (esid) : "r" (index));
	return esid;
}

static inline u64 hv_slbmfev(u64 index)
{
	u64 vsid;

	asm volatile("slbmfev %0,%1" : "=r" (vsid) : "r" (index));
	return vsid;
}

static inline void hv_slbie(u64 rb)
{
	asm volatile("slbie %0" : : "r" (rb) : "memory");
}

static inline void hv_slbia(void)
{
	asm volatile("slbia" : : : "memory");
}

/* ---- HPTE access: big-endian doublewords in the HPT ---------------------- */

static inline u64 hv_hpte_load(const hv_be64 *p)
{
	return be64_to_cpu(READ_ONCE(*p));
}

static inline void hv_hpte_store(hv_be64 *p, u64 val)
{
	WRITE_ONCE(*p, cpu_to_be64(val));
}

static inline void hv_hpte_store_byte(hv_be64 *hpte, unsigned int byte_offset, u8 val)
{
	WRITE_ONCE(((u8 *)hpte)[byte_offset], val);
}

/*
 * Take the HPTE bit lock: set HPTE_V_HVLOCK in dword 0 unless one of @bits is
 * already set there.  The comparison is done on the big-endian image, with
 * @bits and the lock bit converted once, so the loop needs no byte swap.  A
 * lost reservation (stdcx. fails) is retried; a set bit returns false.  isync
 * after the successful stdcx. keeps later loads of the HPTE from being
 * satisfied before the lock is held (acquire).
 */
static inline bool hv_hpte_try_lock(hv_be64 *hpte, u64 bits)
{
	unsigned long word, busy;
	__be64 be_bits = cpu_to_be64(bits);
	__be64 be_lock = cpu_to_be64(HPTE_V_HVLOCK);

	asm volatile("1:	ldarx	%0,0,%2\n"
		     "	and.	%1,%0,%3\n"
		     "	bne-	2f\n"
		     "	or	%0,%0,%4\n"
		     "	stdcx.	%0,0,%2\n"
		     "	bne-	1b\n"
		     "	isync\n"
		     "2:\n"
		     : "=&r" (word), "=&r" (busy)
		     : "r" (hpte), "r" (be_bits), "r" (be_lock)
		     : "cc", "memory");
	return busy == 0;
}

/* lwsync orders every store made under the lock before the releasing store. */
static inline void hv_hpte_unlock(hv_be64 *hpte, u64 v)
{
	asm volatile("lwsync" : : : "memory");
	WRITE_ONCE(*hpte, cpu_to_be64(v & ~HPTE_V_HVLOCK));
}

static inline u64 hv_load_be64(const void *p)
{
	return get_unaligned_be64(p);
}

static inline u32 hv_load_be32(const void *p)
{
	return get_unaligned_be32(p);
}

static inline u16 hv_load_be16(const void *p)
{
	return get_unaligned_be16(p);
}

static inline void hv_store_be64(void *p, u64 v)
{
	put_unaligned_be64(v, p);
}

static inline void hv_store_be32(void *p, u32 v)
{
	put_unaligned_be32(v, p);
}

static inline void hv_store_be16(void *p, u16 v)
{
	put_unaligned_be16(v, p);
}

/* ---- atomic bitmaps ------------------------------------------------------- */

static inline bool hv_test_and_set_bit(unsigned long nr, unsigned long *addr)
{
	return test_and_set_bit(nr, addr);
}

static inline void hv_clear_bit(unsigned long nr, unsigned long *addr)
{
	clear_bit(nr, addr);
}

/* ---- this CPU ------------------------------------------------------------- */

/* Callers run with preemption disabled (the run loop), as smp_processor_id() requires. */
static inline unsigned int hv_thread_id(void)
{
	return cpu_thread_in_core(smp_processor_id());
}

static inline bool hv_siblings_online(void)
{
	int cpu = smp_processor_id();
	int first = cpu_first_thread_sibling(cpu);
	int i;

	for (i = first; i < first + threads_per_core; i++)
		if (i != cpu && cpu_online(i))
			return true;
	return false;
}

static inline unsigned int hv_cpu_id(void)
{
	return mfspr(SPRN_PIR);
}

/* ---- logging and trace ---------------------------------------------------- */

#define HV_LOG_ERR	3
#define HV_LOG_WARN	4
#define HV_LOG_INFO	6
#define HV_LOG_DEBUG	7

static inline __printf(2, 3) void hv_log(int level, const char *fmt, ...)
{
	struct va_format vaf;
	va_list args;

	va_start(args, fmt);
	vaf.fmt = fmt;
	vaf.va = &args;
	switch (level) {
	case HV_LOG_ERR:
		pr_err("p7kvm: %pV", &vaf);
		break;
	case HV_LOG_WARN:
		pr_warn("p7kvm: %pV", &vaf);
		break;
	case HV_LOG_INFO:
		pr_info("p7kvm: %pV", &vaf);
		break;
	default:
		pr_debug("p7kvm: %pV", &vaf);
		break;
	}
	va_end(args);
}

#define hv_pr_err(...)		hv_log(HV_LOG_ERR, __VA_ARGS__)
#define hv_pr_warn(...)		hv_log(HV_LOG_WARN, __VA_ARGS__)
#define hv_pr_info(...)		hv_log(HV_LOG_INFO, __VA_ARGS__)
#define hv_pr_debug(...)	hv_log(HV_LOG_DEBUG, __VA_ARGS__)

/*
 * Trace records become the kvm_hv trace events (p7kvm_trace.c, in vmlinux).
 * The out-of-tree module build check links without it (an unresolved symbol
 * modpost only warns about, docs/kmod.md).
 */
void p7kvm_trace(u32 type, const void *payload, u32 len);
/* Emits the records made in real mode (see p7kvm_trace.c); needs the MMU on. */
void p7kvm_trace_flush(void);

static inline void hv_trace(u32 type, const void *payload, u32 len)
{
	p7kvm_trace(type, payload, len);
}

/* The kvm_hv events decide themselves whether they are enabled (p7kvm_trace.c). */
static inline bool hv_trace_enabled(void)
{
	return true;
}

/* ---- host interrupts, real mode and caches --------------------------------- */

/*
 * hv_switch_and_run() brackets the partition switch with these two, and the
 * kernel flavour makes them the edges of real mode as well: once LPID and
 * SDR1 hold the guest's values no host translation is valid (ISA 2.06
 * Book III-S 5.7.3), so everything between runs with MSR[IR] = MSR[DR] = 0.
 * The code stays at its linked address: in hypervisor real mode the top four
 * bits of an effective address are ignored, so the kernel's 0xc... text,
 * stack and slab data (the linear map) are reached unchanged, which is why
 * the HV core is linked into vmlinux and not into a module (vmalloc space is
 * translated).  Nothing in between may take a host interrupt, trace or
 * allocate.
 */
static inline void hv_host_irq_disable(void)
{
	hard_irq_disable();
	__mtmsrd(mfmsr() & ~(MSR_IR | MSR_DR), 0);
	asm volatile("isync" : : : "memory");
}

/* Translation back on; the host's pending timer tick or external interrupt runs now. */
static inline void hv_host_irq_enable(void)
{
	__mtmsrd(mfmsr() | MSR_IR | MSR_DR, 0);
	asm volatile("isync" : : : "memory");
	p7kvm_trace_flush();
	local_irq_enable();
	local_irq_disable();
}

static inline void hv_flush_icache_range(void *p, size_t len)
{
	flush_icache_range((unsigned long)p, (unsigned long)p + len);
}

/* ---- entering the guest --------------------------------------------------- */

/* Same layout as in hv/env/sim/hv_env.h: the trampoline addresses it by offset. */
struct hv_guest_regs {
	u64 gpr[32];
	u64 cr;
	u64 lr;
	u64 ctr;
	u64 xer;
	u64 pc;		/* HSRR0 on entry and on exit */
	u64 msr;	/* HSRR1 on entry and on exit */
};

#define HV_TRAP_NONE	0

/*
 * hv_enter_guest (hv/env/kernel/p7kvm_entry.c, in vmlinux): returns
 * HV_TRAP_NONE without entering when the task has a signal pending, else
 * p7kvm_hrfid_guest (p7kvm_hrfid.S): load @regs, hrfid into the partition,
 * and at the exit vector save the guest state back and return the trap.  In
 * the out-of-tree module build check (docs/kmod.md) neither is linked:
 * modpost only warns about the unresolved symbol.
 */
extern u32 hv_enter_guest(struct hv_guest_regs *regs);

/*
 * The entry loop's bracket (hv_vcpu.h, hv_exit_turn): the kernel's entry
 * returns at every exit, so it has nothing to do.
 */
struct hv_vcpu;
static inline void hv_guest_loop(struct hv_vcpu *vcpu)
{
}

#endif /* HV_ENV_H */
