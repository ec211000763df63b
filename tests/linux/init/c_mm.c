// SPDX-License-Identifier: GPL-2.0-only
/*
 * c_mm.c: memory management under stress on every cpu: copy-on-write
 * across forks, mmap/munmap churn, mprotect and unmapped pages.
 *
 * On a pseries hash MMU each of these is a hypervisor call: a first touch
 * inserts an HPTE (H_ENTER), fork write-protects (H_PROTECT), a COW break
 * and munmap remove (H_REMOVE, H_BULK_REMOVE for batches).  A lost call or
 * a stale translation shows as wrong data or a write that does not fault.
 */
#include "check.h"

#define COW_PAGES	32
#define COW_PASSES	3
#define MAP_PAGES	48
#define MAP_ROUNDS	12
#define MAP_SAMPLES	8
#define PROT_PAGES	8

static u64 pattern(u64 who, u64 word)
{
	return (who << 48) ^ (word * 0x9e3779b97f4a7c15UL) ^ 0x5555;
}

/* Words first..first+n-1 of a get who's pattern. */
static void fill_at(u64 *a, u64 first, u64 n, u64 who)
{
	for (u64 w = first; w < first + n; w++)
		a[w] = pattern(who, w);
}

/* The first of words first..first+n-1 that lacks who's pattern, or -1. */
static long verify_at(const u64 *a, u64 first, u64 n, u64 who)
{
	for (u64 w = first; w < first + n; w++)
		if (a[w] != pattern(who, w))
			return (long)w;
	return -1;
}

#define fill(a, n, who)		fill_at(a, 0, n, who)
#define verify(a, n, who)	verify_at(a, 0, n, who)

static int next_cpu(int i)
{
	return env.cpu[(i + 1) % env.ncpus];
}

/* ---- fork-cow ------------------------------------------------------------ */

static u64 *cow_area;
static u64 cow_words;

/* Grandchild: sees its parent's pre-fork pattern while the parent rewrites. */
static int cow_grandchild(long who)
{
	for (int pass = 0; pass < COW_PASSES; pass++)
		if (verify(cow_area, cow_words, who) >= 0)
			return 2;
	fill(cow_area, cow_words, who + 500);
	return verify(cow_area, cow_words, who + 500) >= 0 ? 3 : 0;
}

static int cow_child(int i, struct result *r, long arg)
{
	long w, pid;
	int status;

	w = verify(cow_area, cow_words, 0);
	if (w >= 0)
		return fail_why(r, 1, "child sees word %ld of init's pages changed", w), 1;
	fill(cow_area, cow_words, i + 1);
	pid = sys_fork();
	if (pid == 0) {
		if (pin_to_cpu(next_cpu(i)))
			sys_exit(4);
		sys_exit(cow_grandchild(i + 1));
	}
	/* Rewrite every page while the grandchild on the next cpu reads them. */
	fill(cow_area, cow_words, i + 100);
	status = reap(pid);
	if (status)
		fail_why(r, 1, "grandchild on cpu %d: %s (%d)", next_cpu(i),
			 status == 2 ? "saw its parent's later writes" :
			 status == 3 ? "lost its own writes" : "failed", status);
	w = verify(cow_area, cow_words, i + 100);
	if (w >= 0)
		fail_why(r, 1, "word %ld changed by the grandchild's writes", w);
	r->v[0] = COW_PAGES;
	return r->code;
}

static void check_cow(void)
{
	static struct result res[MAX_CPUS];
	int bad;
	long w;

	cow_words = COW_PAGES * env.pagesz / 8;
	cow_area = sys_mmap(NULL, cow_words * 8, PROT_READ | PROT_WRITE,
			    MAP_PRIVATE | MAP_ANONYMOUS);
	if ((long)cow_area < 0) {
		report(false, "fork-cow", "mmap failed (%ld)", (long)cow_area);
		return;
	}
	fill(cow_area, cow_words, 0);
	bad = run_children(env.ncpus, NULL, cow_child, 0, res);
	w = verify(cow_area, cow_words, 0);
	if (w < 0) {
		/* Now the pages are init's alone again: a write must not fault or leak. */
		fill(cow_area, cow_words, 7);
		w = verify(cow_area, cow_words, 7);
	}
	sys_munmap(cow_area, cow_words * 8);
	if (bad >= 0)
		report(false, "fork-cow", "child on cpu %d: %s", env.cpu[bad % env.ncpus],
		       res[bad].why);
	else if (w >= 0)
		report(false, "fork-cow", "init's word %ld changed by its children", w);
	else
		report(true, "fork-cow", "%d children and %d grandchildren on the next cpu, %d pages "
		       "each, writes on both sides of every fork", env.ncpus, env.ncpus, COW_PAGES);
}

/* ---- mmap-munmap ---------------------------------------------------------- */

static int map_child(int i, struct result *r, long arg)
{
	u64 len = MAP_PAGES * env.pagesz, step = env.pagesz / 8 / MAP_SAMPLES;
	u64 *a = NULL;

	for (int round = 0; round < MAP_ROUNDS && !r->code; round++) {
		/* From the second round on, the same addresses again. */
		u64 *m = sys_mmap(a, len, PROT_READ | PROT_WRITE,
				  MAP_PRIVATE | MAP_ANONYMOUS | (a ? MAP_FIXED : 0));

		if ((long)m < 0)
			return fail_why(r, 1, "round %d: mmap failed (%ld)", round, (long)m), 1;
		a = m;
		for (u64 p = 0; p < MAP_PAGES; p++)
			for (u64 s = 0; s < MAP_SAMPLES; s++) {
				u64 w = p * (env.pagesz / 8) + s * step;

				if (a[w] != 0) {
					fail_why(r, 1, "round %d page %lu: a new mapping reads %lx, "
						 "not 0 (a stale translation)", round, p, a[w]);
					break;
				}
				a[w] = pattern(round + 1, w);
			}
		for (u64 p = 0; p < MAP_PAGES && !r->code; p++)
			for (u64 s = 0; s < MAP_SAMPLES; s++) {
				u64 w = p * (env.pagesz / 8) + s * step;

				if (a[w] != pattern(round + 1, w)) {
					fail_why(r, 1, "round %d page %lu: wrote %lx, read %lx", round,
						 p, pattern(round + 1, w), a[w]);
					break;
				}
			}
		/* Odd rounds unmap in two pieces (one range each, the other batch size). */
		if (round & 1) {
			sys_munmap(a, len / 2);
			sys_munmap((u8 *)a + len / 2, len - len / 2);
		} else {
			sys_munmap(a, len);
		}
	}
	r->v[0] = MAP_ROUNDS;
	return r->code;
}

static void check_mmap(void)
{
	static struct result res[MAX_CPUS];
	int bad = run_children(env.ncpus, NULL, map_child, 0, res);

	if (bad >= 0)
		report(false, "mmap-munmap", "cpu %d: %s", env.cpu[bad], res[bad].why);
	else
		report(true, "mmap-munmap", "%d rounds of %d pages on each of %d cpus: new mappings "
		       "read zero, writes read back", MAP_ROUNDS, MAP_PAGES, env.ncpus);
}

/* ---- mprotect ------------------------------------------------------------- */

static volatile u64 *probe_addr;
static int probe_write;

static int probe(long cpu)
{
	if (pin_to_cpu((int)cpu))
		return 2;
	if (probe_write)
		*probe_addr = 1;
	else
		(void)*probe_addr;
	return 0;	/* survived: the access did not fault */
}

/*
 * A child of ours on cpu touches addr: NULL when the access faulted with
 * SIGSEGV at addr with si_code code, else what happened instead.
 */
static const char *access_fault(volatile u64 *addr, bool write, int cpu, int code)
{
	int status;

	probe_addr = addr;
	probe_write = write;
	segv_expect((void *)addr, code);
	status = reap(spawn(probe, cpu));
	return status == FAULT_AS_EXPECTED ? NULL :
	       status == FAULT_ELSEWHERE ? "faulted with another address or si_code" :
	       status == 0 ? "did not fault" : "failed";
}

static int prot_child(int i, struct result *r, long arg)
{
	u64 words = env.pagesz / 8, len = PROT_PAGES * env.pagesz, all = PROT_PAGES * words;
	int other = next_cpu(i);
	u64 *a = sys_mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS);
	const char *why;

	if ((long)a < 0)
		return fail_why(r, 1, "mmap failed (%ld)", (long)a), 1;
	fill(a, all, 1);
	if (sys_mprotect(a, len, PROT_READ))
		return fail_why(r, 1, "mprotect(PROT_READ) failed"), 1;
	if (verify(a, all, 1) >= 0)
		fail_why(r, 1, "read-only pages lost their contents");
	if ((why = access_fault(a + 2 * words, true, other, SEGV_ACCERR)))
		fail_why(r, 1, "a write to a read-only page %s", why);
	if (sys_mprotect(a, len, PROT_READ | PROT_WRITE))
		return fail_why(r, 1, "mprotect(PROT_READ|PROT_WRITE) failed"), 1;
	fill_at(a, 2 * words, words, 2);
	if (verify_at(a, 2 * words, words, 2) >= 0)
		fail_why(r, 1, "a write after mprotect(RW) did not stick");
	if (sys_mprotect(a + 3 * words, env.pagesz, PROT_NONE))
		return fail_why(r, 1, "mprotect(PROT_NONE) failed"), 1;
	if ((why = access_fault(a + 3 * words, false, other, SEGV_ACCERR)))
		fail_why(r, 1, "a read of a PROT_NONE page %s", why);
	sys_mprotect(a + 3 * words, env.pagesz, PROT_READ);
	if (verify_at(a, 3 * words, words, 1) >= 0)
		fail_why(r, 1, "a page lost its contents over PROT_NONE");
	sys_munmap(a + 5 * words, env.pagesz);
	if ((why = access_fault(a + 5 * words, false, other, SEGV_MAPERR)))
		fail_why(r, 1, "a read of an unmapped page on the next cpu %s", why);
	if ((why = access_fault(a + 5 * words, false, env.cpu[i], SEGV_MAPERR)))
		fail_why(r, 1, "a read of an unmapped page on this cpu %s", why);
	if (verify_at(a, 6 * words, 2 * words, 1) >= 0)
		fail_why(r, 1, "the pages after the hole lost their contents");
	sys_munmap(a, len);
	return r->code;
}

static void check_mprotect(void)
{
	static struct result res[MAX_CPUS];
	int bad = run_children(env.ncpus, NULL, prot_child, 0, res);

	if (bad >= 0)
		report(false, "mprotect", "cpu %d: %s", env.cpu[bad], res[bad].why);
	else
		report(true, "mprotect", "read-only, PROT_NONE and unmapped pages fault (SIGSEGV with "
		       "the right address and si_code) on %d cpus", env.ncpus);
}

void check_exec(void);
void check_tlb(void);

void check_mm(void)
{
	check_cow();
	check_mmap();
	check_mprotect();
	check_exec();
	check_tlb();
}
