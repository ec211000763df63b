// SPDX-License-Identifier: GPL-2.0-only
/*
 * The userspace hcall table and the small handlers: console, set-mode,
 * random, logical CI access.
 *
 * The shape is the one kvmtool and QEMU use (style-anchors.md 1 and 4): one
 * table indexed by opcode / 4 plus one for the KVM/QEMU private range at
 * 0xf000, filled in one function grouped by PAPR function set, no double
 * registration, and H_FUNCTION for anything unknown.  The code is our own.
 */
#include <assert.h>
#include <string.h>

#include "hv_consts.h"
#include "p7sim_hcalls.h"
#include "p7sim_names.h"

static p7sim_hcall_fn *hcall_slot(struct p7sim_platform *p, uint64_t nr)
{
	if (nr <= P7SIM_HCALL_PAPR_MAX && !(nr & 3))
		return &p->papr[nr / 4];
	/* The private range is numbered 0xf000, 0xf001...: no /4 there. */
	if (nr >= P7SIM_HCALL_PRIV_BASE && nr - P7SIM_HCALL_PRIV_BASE < P7SIM_HCALL_PRIV_COUNT)
		return &p->priv[nr - P7SIM_HCALL_PRIV_BASE];
	return NULL;
}

int p7sim_hcall_register(struct p7sim_platform *p, uint64_t nr, p7sim_hcall_fn fn)
{
	p7sim_hcall_fn *slot = hcall_slot(p, nr);

	if (!slot || *slot || !fn)
		return -1;
	*slot = fn;
	return 0;
}

bool p7sim_hcall_implemented(const struct p7sim_platform *p, uint64_t nr)
{
	p7sim_hcall_fn *slot = hcall_slot((struct p7sim_platform *)p, nr);

	return slot && *slot;
}

/* Our own table must register cleanly: a clash is a bug here, not input. */
static void reg(struct p7sim_platform *p, uint64_t nr, p7sim_hcall_fn fn)
{
	int ret = p7sim_hcall_register(p, nr, fn);

	assert(ret == 0);
	(void)ret;
}

/*
 * Every userspace hcall, grouped by the PAPR function set that defines it
 * (the names a partition sees in ibm,hypertas-functions).  Hcalls the HV
 * core handles in the kernel (hcall-pft, hcall-bulk, hcall-splpar's H_CEDE,
 * hcall-dabr, hcall-sprg0...) never exit to userspace and are not here.
 */
void p7sim_hcall_register_all(struct p7sim_platform *p)
{
	/* hcall-term */
	reg(p, H_PUT_TERM_CHAR, p7sim_h_put_term_char);
	reg(p, H_GET_TERM_CHAR, p7sim_h_get_term_char);

	/* hcall-interrupt */
	reg(p, H_EOI, p7sim_h_eoi);
	reg(p, H_CPPR, p7sim_h_cppr);
	reg(p, H_IPI, p7sim_h_ipi);
	reg(p, H_IPOLL, p7sim_h_ipoll);
	reg(p, H_XIRR, p7sim_h_xirr);

	/* hcall-debug */
	reg(p, H_LOGICAL_CI_LOAD, p7sim_h_logical_ci_load);
	reg(p, H_LOGICAL_CI_STORE, p7sim_h_logical_ci_store);

	/* hcall-random */
	reg(p, H_RANDOM, p7sim_h_random);

	/* hcall-set-mode */
	reg(p, H_SET_MODE, p7sim_h_set_mode);

	/* hcall-vio: the vty's interrupt enable */
	reg(p, H_VIO_SIGNAL, p7sim_h_vio_signal);

	/* base: the speculation-control characteristics */
	reg(p, H_GET_CPU_CHARACTERISTICS, p7sim_h_get_cpu_characteristics);

	/* KVM/QEMU private */
	reg(p, H_RTAS, p7sim_h_rtas);
}

/* Log an unknown hcall the first time it is seen (up to 32 distinct ones). */
static void log_unknown(struct p7sim_platform *p, unsigned int vcpu, uint64_t nr)
{
	const char *name;

	if (!p->log)
		return;
	for (unsigned int i = 0; i < p->nunknown_seen; i++)
		if (p->unknown_seen[i] == nr)
			return;
	if (p->nunknown_seen == sizeof(p->unknown_seen) / sizeof(p->unknown_seen[0]))
		return;
	p->unknown_seen[p->nunknown_seen++] = nr;
	name = p7sim_hcall_name(nr);
	fprintf(p->log, "p7sim: vcpu %u: unimplemented hcall 0x%llx%s%s%s: H_FUNCTION\n", vcpu,
		(unsigned long long)nr, name ? " (" : "", name ? name : "", name ? ")" : "");
}

int64_t p7sim_hcall(struct p7sim_platform *p, unsigned int vcpu, uint64_t nr, uint64_t *args)
{
	p7sim_hcall_fn *slot = hcall_slot(p, nr);

	/* The VMM's own invariant, not guest input. */
	assert(vcpu < p->ncpus);
	if (!slot || !*slot) {
		log_unknown(p, vcpu, nr);
		return H_FUNCTION;
	}
	return (*slot)(p, vcpu, args);
}

/* ---- hcall-term ---------------------------------------------------------- */

/*
 * Terminal number 0 is the default console (Linux's hvc_vio and
 * kvm-unit-tests both use it before they have read the device tree); the
 * vty's unit address names the same, and only, vty.
 */
static bool vterm_valid(uint64_t termno)
{
	return termno == 0 || termno == P7SIM_VTY_REG;
}

/* Bytes packed big-endian into registers: the first byte is bits 0:7 (MSB). */
static void unpack_be(uint8_t *buf, uint64_t reg)
{
	for (int i = 0; i < 8; i++)
		buf[i] = reg >> (56 - 8 * i);
}

static uint64_t pack_be(const uint8_t *buf)
{
	uint64_t reg = 0;

	for (int i = 0; i < 8; i++)
		reg = reg << 8 | buf[i];
	return reg;
}

/* H_PUT_TERM_CHAR(termno r4, len r5, chars r6:r7): no outputs. */
int64_t p7sim_h_put_term_char(struct p7sim_platform *p, unsigned int vcpu, uint64_t *args)
{
	uint64_t termno = args[0], len = args[1];
	uint8_t buf[P7SIM_TERM_MAX];

	if (!vterm_valid(termno))
		return H_PARAMETER;
	if (len > P7SIM_TERM_MAX)
		return H_PARAMETER;
	unpack_be(buf, args[2]);
	unpack_be(buf + 8, args[3]);
	p7sim_console_put(&p->con, buf, len);
	return H_SUCCESS;
}

/* H_GET_TERM_CHAR(termno r4) -> len r4, chars r5:r6 (zero padded). */
int64_t p7sim_h_get_term_char(struct p7sim_platform *p, unsigned int vcpu, uint64_t *args)
{
	uint8_t buf[P7SIM_TERM_MAX] = { 0 };
	size_t n;

	if (!vterm_valid(args[0]))
		return H_PARAMETER;
	n = p7sim_console_get(&p->con, buf, sizeof(buf));
	/* The vty's interrupt is a level: asserted while input is left. */
	p7sim_ics_set_level(p, P7SIM_VTY_IRQ, p7sim_console_pending(&p->con) != 0);
	args[0] = n;
	args[1] = pack_be(buf);
	args[2] = pack_be(buf + 8);
	return H_SUCCESS;
}

/* ---- hcall-debug --------------------------------------------------------- */

/*
 * H_LOGICAL_CI_LOAD/STORE reach cache-inhibited (device) logical addresses.
 * The platform has no MMIO devices, so no address is valid.
 */
int64_t p7sim_h_logical_ci_load(struct p7sim_platform *p, unsigned int vcpu, uint64_t *args)
{
	return H_PARAMETER;
}

int64_t p7sim_h_logical_ci_store(struct p7sim_platform *p, unsigned int vcpu, uint64_t *args)
{
	return H_PARAMETER;
}

/* ---- hcall-random -------------------------------------------------------- */

/*
 * H_RANDOM -> 64 bits in r4.  A guest must not be able to tell, but a test
 * run must repeat: the bits come from a generator seeded by --seed
 * (SplitMix64: a Weyl sequence with increment 2^64 / golden ratio, then
 * a 64-bit finalizing mix).  Not cryptographic, and not meant to be.
 */
int64_t p7sim_h_random(struct p7sim_platform *p, unsigned int vcpu, uint64_t *args)
{
	uint64_t z;

	p->rng += 0x9e3779b97f4a7c15ULL;
	z = p->rng;
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	args[0] = z ^ (z >> 31);
	return H_SUCCESS;
}

/* ---- hcall-set-mode ------------------------------------------------------ */

#define H_SET_MODE_RESOURCE_LE	4
#define H_SET_MODE_ENDIAN_BIG	0
#define H_SET_MODE_ENDIAN_LITTLE 1

/*
 * H_SET_MODE(mflags r4, resource r5, value1 r6, value2 r7).
 *
 * Only the LE resource exists on POWER7 (the others, CIABR, DAWR and the
 * address translation mode, are ISA 2.07): it selects the endianness of
 * interrupts, LPCR[ILE].  The engine runs big-endian guests only, so big
 * is accepted (it is what every guest already has) and little is refused
 * with H_UNSUPPORTED_FLAG, the code PAPR gives for an mflags value the
 * platform does not support; a little-endian Linux stops there with a
 * clear message rather than taking its first interrupt in the wrong
 * endianness.  Reserved value1/value2 give H_P3/H_P4 as in QEMU.
 */
int64_t p7sim_h_set_mode(struct p7sim_platform *p, unsigned int vcpu, uint64_t *args)
{
	uint64_t mflags = args[0], resource = args[1];

	if (resource != H_SET_MODE_RESOURCE_LE)
		return H_P2;
	if (args[2])
		return H_P3;
	if (args[3])
		return H_P4;
	if (mflags == H_SET_MODE_ENDIAN_BIG)
		return H_SUCCESS;
	return H_UNSUPPORTED_FLAG_START;
}

/* ---- hcall-vio ------------------------------------------------------------- */

#define H_VIO_SIGNAL_MODE_MASK	3ULL	/* bit 0: interrupts on; bit 1: reserved */

/*
 * H_VIO_SIGNAL(unit address r4, mode r5): enable (mode 1) or disable
 * (mode 0) a virtual device's interrupt (PAPR "H_VIO_SIGNAL").  The vty is
 * the only device; its interrupt is the ICS source P7SIM_VTY_IRQ, whose
 * enable this is (the same state ibm,int-on/-off control).
 */
int64_t p7sim_h_vio_signal(struct p7sim_platform *p, unsigned int vcpu, uint64_t *args)
{
	uint64_t unit = args[0], mode = args[1];

	if (unit != P7SIM_VTY_REG)
		return H_PARAMETER;
	if (mode & ~1ULL)
		return H_PARAMETER;
	p->ics[P7SIM_VTY_IRQ - P7SIM_ICS_BASE].enabled = mode & 1;
	p7sim_icp_update(p, p->ics[P7SIM_VTY_IRQ - P7SIM_ICS_BASE].server);
	return H_SUCCESS;
}

/* ---- speculation control --------------------------------------------------- */

/*
 * H_GET_CPU_CHARACTERISTICS -> characteristics r4, behaviour r5.
 *
 * Answered as QEMU 7.2's pseries machine answers a TCG POWER7 guest with
 * its default capabilities (docs/p7sim-platform.md "Speculation
 * control"), so that a kernel runs with the same mitigations on both and
 * the benchmark compares like with like (values in p7sim_hcalls.h): the
 * kernel then flushes the L1D on kernel entry and exit and the count
 * cache on context switch, and uses the ori 31 speculation barrier.
 */
int64_t p7sim_h_get_cpu_characteristics(struct p7sim_platform *p, unsigned int vcpu,
					uint64_t *args)
{
	args[0] = P7SIM_CPU_CHARACTERISTICS;
	args[1] = P7SIM_CPU_BEHAVIOUR;
	return H_SUCCESS;
}

/* ---- ibm,hypertas-functions ---------------------------------------------- */

/*
 * The PAPR function sets and the hcalls each needs.  A set is advertised
 * only when every one of its hcalls is implemented, by the HV core or by
 * the platform: a guest then never calls an hcall the tree promised and
 * gets H_FUNCTION.  hcall-debug (H_LOGICAL_CI_*, which only ever fail
 * here) and hcall-random (found through a device node, not this list) are
 * not listed.
 */
static const struct {
	const char *name;
	uint16_t hcalls[6];
} function_sets[] = {
	{ "hcall-pft", { H_REMOVE, H_ENTER, H_READ, H_CLEAR_MOD, H_CLEAR_REF, H_PROTECT } },
	{ "hcall-term", { H_GET_TERM_CHAR, H_PUT_TERM_CHAR } },
	{ "hcall-dabr", { H_SET_DABR } },
	{ "hcall-xdabr", { H_SET_XDABR } },
	{ "hcall-interrupt", { H_EOI, H_CPPR, H_IPI, H_IPOLL, H_XIRR } },
	{ "hcall-bulk", { H_BULK_REMOVE } },
	{ "hcall-splpar", { H_REGISTER_VPA, H_CEDE, H_CONFER, H_PROD } },
	{ "hcall-sprg0", { H_SET_SPRG0 } },
	{ "hcall-set-mode", { H_SET_MODE } },
	{ "hcall-vio", { H_VIO_SIGNAL } },
};

#define NR_FUNCTION_SETS	(sizeof(function_sets) / sizeof(function_sets[0]))

const char *const *p7sim_hypertas(const struct p7sim_platform *p,
				  bool (*in_kernel)(unsigned long nr))
{
	static const char *list[NR_FUNCTION_SETS + 1];
	unsigned int n = 0;

	for (unsigned int i = 0; i < NR_FUNCTION_SETS; i++) {
		bool all = true;

		for (unsigned int j = 0; j < 6 && function_sets[i].hcalls[j]; j++) {
			uint64_t nr = function_sets[i].hcalls[j];

			if (!p7sim_hcall_implemented(p, nr) && !(in_kernel && in_kernel(nr)))
				all = false;
		}
		if (all)
			list[n++] = function_sets[i].name;
	}
	list[n] = NULL;
	return list;
}
