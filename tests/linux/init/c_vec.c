// SPDX-License-Identifier: GPL-2.0-only
/*
 * c_vec.c: every process keeps its own FP, VMX and VSX registers across
 * context switches and across cpus.
 *
 * Two processes per cpu, pinned, with different contents in all 64 VSRs,
 * FPSCR, VSCR and VRSAVE, yield to each other many times; one more process
 * carries its registers from cpu to cpu; init itself holds a pattern over
 * the whole phase.  Each compares what it stored with what it loaded.
 */
#include "check.h"

#define VEC_YIELDS	200
#define VEC_HOP_EVERY	10

struct vec_state {
	u8 vsr[64][16];
	u64 fpscr;
	u32 vrsave;
	u32 pad;
	u32 vscr[4];
} __attribute__((aligned(16)));

void vec_load(const struct vec_state *s);
void vec_store(struct vec_state *s);

/*
 * FPSCR bits a process may own without side effects: RN (0x3), NI (0x4),
 * the XX and ZX sticky bits, never an enable bit.  FEX and VX are computed
 * (ISA 2.06 Book I 4.2.2), so they are left out of the comparison.
 */
#define FPSCR_MASK	0x9fffffffUL
#define VSCR_NJ		0x00010000U
#define VSCR_SAT	0x00000001U

static void fill(struct vec_state *s, int who)
{
	u64 x = 0x9e3779b97f4a7c15UL * (u64)(who + 1);

	memset(s, 0, sizeof(*s));
	for (int r = 0; r < 64; r++)
		for (int b = 0; b < 16; b++) {
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			s->vsr[r][b] = (u8)(x >> 24);
		}
	s->fpscr = (who & 3) | ((who & 4) ? 0x4 : 0) | ((who & 8) ? 0x02000000 : 0) |
		   ((who & 16) ? 0x04000000 : 0);
	s->vrsave = 0xa5000000U | (u32)who;
	s->vscr[3] = ((who & 1) ? VSCR_NJ : 0) | ((who & 2) ? VSCR_SAT : 0);
}

/* Bytes of VSR state that differ, plus one per differing control register. */
static long compare(const struct vec_state *want, const struct vec_state *got, char *what,
		    size_t size)
{
	long bad = 0;
	int first = -1;

	for (int r = 0; r < 64; r++)
		for (int b = 0; b < 16; b++)
			if (want->vsr[r][b] != got->vsr[r][b]) {
				bad++;
				if (first < 0)
					first = r;
			}
	format(what, size, "vsr%d", first);
	if ((want->fpscr & FPSCR_MASK) != ((got->fpscr & 0xffffffffUL) & FPSCR_MASK)) {
		bad++;
		format(what, size, "fpscr %lx != %lx", got->fpscr & 0xffffffffUL, want->fpscr);
	}
	if (want->vrsave != got->vrsave) {
		bad++;
		format(what, size, "vrsave %x != %x", got->vrsave, want->vrsave);
	}
	if (want->vscr[3] != got->vscr[3]) {
		bad++;
		format(what, size, "vscr %x != %x", got->vscr[3], want->vscr[3]);
	}
	return bad;
}

static int vec_child(int i, struct result *r, long migrate)
{
	static struct vec_state want, got;
	bool mover = migrate && i == 2 * env.ncpus;
	char what[48];
	long bad;

	fill(&want, i + 1);
	vec_load(&want);
	for (int n = 0; n < VEC_YIELDS; n++) {
		sys_yield();
		if (mover && n % VEC_HOP_EVERY == 0) {
			long err = pin_to_cpu(env.cpu[(n / VEC_HOP_EVERY) % env.ncpus]);

			if (err)
				fail_why(r, 1, "migrating: %ld", err);
			r->v[1]++;
		}
	}
	vec_store(&got);
	bad = compare(&want, &got, what, sizeof(what));
	r->v[0] = bad;
	if (bad)
		fail_why(r, 1, "%ld of 1027 register bytes changed (%s)%s", bad, what,
			 mover ? " while migrating" : "");
	return r->code;
}

void check_vec(void)
{
	static struct vec_state want, got;
	static struct result res[2 * MAX_CPUS + 1];
	int cpus[2 * MAX_CPUS + 1];
	int nr = 2 * env.ncpus + 1, bad;
	char what[48];
	long mine;

	if (!(env.hwcap & PPC_FEATURE_HAS_VSX) || !(env.hwcap & PPC_FEATURE_HAS_ALTIVEC)) {
		report(false, "vmx-vsx-fp", "no VMX/VSX for user space (AT_HWCAP 0x%lx)", env.hwcap);
		return;
	}
	for (int i = 0; i < 2 * env.ncpus; i++)
		cpus[i] = env.cpu[i / 2];
	cpus[nr - 1] = env.cpu[0];

	/* First with no system call in between: what the cpu itself keeps. */
	fill(&want, 1000);
	vec_load(&want);
	vec_store(&got);
	mine = compare(&want, &got, what, sizeof(what));
	if (mine) {
		report(false, "vmx-vsx-fp", "%ld register bytes differ right after loading (%s), "
		       "with no context switch", mine, what);
		return;
	}
	vec_load(&want);
	bad = run_children(nr, cpus, vec_child, 1, res);
	vec_store(&got);
	mine = compare(&want, &got, what, sizeof(what));
	if (bad >= 0)
		report(false, "vmx-vsx-fp", "process %d on cpu %d: %s", bad, cpus[bad],
		       res[bad].why);
	else if (mine)
		report(false, "vmx-vsx-fp", "init: %ld register bytes changed (%s)", mine, what);
	else
		report(true, "vmx-vsx-fp",
		       "%d processes on %d cpus, %d yields each, one over %ld cpu hops, and init: "
		       "VSR0-63, FPSCR, VSCR, VRSAVE kept", nr, env.ncpus, VEC_YIELDS,
		       res[nr - 1].v[1]);
}
