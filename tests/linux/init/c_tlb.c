// SPDX-License-Identifier: GPL-2.0-only
/*
 * c_tlb.c: a translation removed on one cpu is gone on the others.
 *
 * Two processes share one address space (clone with CLONE_VM), pinned to
 * different cpus.  The reader keeps a page in use; the owner replaces it
 * (munmap + mmap at the same address, new contents) and bumps a round
 * number; the reader, seeing the new round, must read the new contents, not
 * the old page through a stale TLB/ERAT entry.  At the end the owner unmaps
 * the page for good and the reader's next access must fault.
 */
#include "check.h"

#define TLB_ROUNDS	24
#define TLB_STACK	(64 * 1024)

long clone_vm(int (*fn)(long), long arg, void *stack_top);

static volatile u64 *tlb_page;
static volatile long tlb_round;		/* set by the owner */
static volatile long tlb_seen;		/* set by the reader */
static volatile long tlb_bad;		/* round at which the reader saw old data */

static long next_cpu_of(int i)
{
	return env.cpu[(i + 1) % env.ncpus];
}

static void wait_for(volatile long *v, long want)
{
	while (*v < want)
		sys_yield();
	__asm__ __volatile__("sync" ::: "memory");
}

static u64 round_value(long round)
{
	return 0xc0ffee0000000000UL | (u64)round;
}

static int tlb_reader(long cpu)
{
	if (pin_to_cpu((int)cpu))
		return 2;
	for (long round = 1; round <= TLB_ROUNDS + 1; round++) {
		wait_for(&tlb_round, round);
		if (round == TLB_ROUNDS + 1) {
			/* The page is gone: this access must fault. */
			segv_expect((void *)tlb_page, SEGV_MAPERR);
			(void)*tlb_page;
			return 0;
		}
		/* Read it many times so that the translation is cached here. */
		for (int n = 0; n < 64; n++)
			if (tlb_page[n * 8] != round_value(round) && !tlb_bad)
				tlb_bad = round;
		__asm__ __volatile__("sync" ::: "memory");
		tlb_seen = round;
	}
	return 3;
}

static bool replace_page(long round)
{
	u64 *m = sys_mmap((void *)tlb_page, env.pagesz, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS | (tlb_page ? MAP_FIXED : 0));

	if ((long)m < 0)
		return false;
	for (int n = 0; n < 64; n++)
		m[n * 8] = round_value(round);
	tlb_page = m;
	return true;
}

static int tlb_owner(int i, struct result *r, long arg)
{
	u8 *stack = sys_mmap(NULL, TLB_STACK, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS);
	long pid, status;

	if ((long)stack < 0 || !replace_page(1))
		return fail_why(r, 1, "mmap failed"), 1;
	tlb_round = 1;
	pid = clone_vm(tlb_reader, next_cpu_of(i), stack + TLB_STACK);
	if (pid < 0)
		return fail_why(r, 1, "clone(CLONE_VM) failed (%ld)", pid), 1;
	for (long round = 1; round <= TLB_ROUNDS; round++) {
		wait_for(&tlb_seen, round);
		if (round < TLB_ROUNDS) {
			sys_munmap((void *)tlb_page, env.pagesz);
			if (!replace_page(round + 1))
				fail_why(r, 1, "round %ld: mmap failed", round);
		} else {
			sys_munmap((void *)tlb_page, env.pagesz);
		}
		__asm__ __volatile__("sync" ::: "memory");
		tlb_round = round + 1;
	}
	status = reap(pid);
	if (tlb_bad)
		fail_why(r, 1, "round %ld: the reader on cpu %ld read the old page", tlb_bad,
			 next_cpu_of(i));
	else if (status != FAULT_AS_EXPECTED)
		fail_why(r, 1, "the reader on cpu %ld %s (%ld)", next_cpu_of(i),
			 status == 0 ? "read an unmapped page" :
			 status == FAULT_ELSEWHERE ? "faulted elsewhere" : "failed", status);
	r->v[0] = TLB_ROUNDS;
	return r->code;
}

void check_tlb(void)
{
	static struct result res[MAX_CPUS];
	int bad = run_children(env.ncpus, NULL, tlb_owner, 0, res);

	if (bad >= 0)
		report(false, "tlb-shootdown", "owner on cpu %d: %s", env.cpu[bad], res[bad].why);
	else
		report(true, "tlb-shootdown", "%d pairs sharing memory on cpu i and i+1: %d page "
		       "replacements seen, the unmapped page faults", env.ncpus, TLB_ROUNDS);
}
