// SPDX-License-Identifier: GPL-2.0-only
/*
 * The target description and the registers of a stopped vcpu.
 *
 * gdb's powerpc support recognises its standard features by name and by
 * register name (the gdb manual, "PowerPC Features"): org.gnu.gdb.power.core
 * (r0-r31, pc, msr, cr, lr, ctr, xer), .fpu (f0-f31, fpscr), .altivec
 * (vr0-vr31, vscr, vrsave) and .vsx (vs0h-vs31h, the low halves of VSR
 * 0-31).  The supervisor SPRs a kernel developer looks at come in a feature
 * of our own, org.p7kvm.power7.spr, in gdb's "system" group.
 *
 * Where each value lives while the vcpu is out of the guest: the HV core's
 * vcpu (GPRs, CR, LR, CTR, XER, PC, MSR, the guest's SRR0/1, SPRG0-3,
 * DAR, DSISR, DEC expiry), the partition (SDR1, LPCR, LPID: read-only
 * views), the model's thread (FPRs, VMX, VSX: the HV core never switches
 * them; and HSRR0/1, HDAR, HDSISR, HEIR as the hypervisor saw them at the
 * last exit: read-only).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "gdb_int.h"
#include "hv/hv_vcpu.h"
#include "machine.h"
#include "timebase.h"

/* Register numbers: the order of the description below. */
enum {
	R_GPR0 = 0, R_PC = 32, R_MSR, R_CR, R_LR, R_CTR, R_XER,
	R_FPR0 = 38, R_FPSCR = 70,
	R_VR0 = 71, R_VSCR = 103, R_VRSAVE,
	R_VSH0 = 105,
	R_SPR0 = 137,
};

enum spr_src { S_SHREG, S_THREAD, S_KVM, S_VCPU, S_DEC, S_TB };

/* The SPR feature: name, where the value is, which field or SPR number, writable. */
static const struct gdb_spr {
	const char *name;
	enum spr_src src;
	unsigned int idx;
	bool rw;
} sprs[] = {
	{ "srr0", S_SHREG, 0, true }, { "srr1", S_SHREG, 1, true },
	{ "dar", S_SHREG, 2, true }, { "dsisr", S_SHREG, 3, true },
	{ "sprg0", S_SHREG, 4, true }, { "sprg1", S_SHREG, 5, true },
	{ "sprg2", S_SHREG, 6, true }, { "sprg3", S_SHREG, 7, true },
	{ "dec", S_DEC, 0, false }, { "tb", S_TB, 0, false },
	{ "pvr", S_VCPU, 0, false }, { "amr", S_VCPU, 1, false }, { "dscr", S_VCPU, 2, false },
	{ "sdr1", S_KVM, 0, false }, { "lpcr", S_KVM, 1, false }, { "lpidr", S_KVM, 2, false },
	{ "hsrr0", S_THREAD, SPRN_HSRR0, false }, { "hsrr1", S_THREAD, SPRN_HSRR1, false },
	{ "hdar", S_THREAD, SPRN_HDAR, false }, { "hdsisr", S_THREAD, SPRN_HDSISR, false },
	{ "heir", S_THREAD, SPRN_HEIR, false },
};
#define NSPRS	(sizeof(sprs) / sizeof(sprs[0]))

static char xml_buf[16384];

static void add(size_t *n, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void add(size_t *n, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	if (*n < sizeof(xml_buf))
		*n += (size_t)vsnprintf(xml_buf + *n, sizeof(xml_buf) - *n, fmt, ap);
	va_end(ap);
}

static void build_xml(void)
{
	size_t n = 0;

	add(&n, "<?xml version=\"1.0\"?>\n<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n"
	    "<target version=\"1.0\">\n<architecture>powerpc:common64</architecture>\n");
	add(&n, "<feature name=\"org.gnu.gdb.power.core\">\n");
	for (int i = 0; i < 32; i++)
		add(&n, "<reg name=\"r%d\" bitsize=\"64\" type=\"uint64\"%s/>\n", i,
		    i ? "" : " regnum=\"0\"");
	add(&n, "<reg name=\"pc\" bitsize=\"64\" type=\"code_ptr\" regnum=\"%d\"/>\n"
	    "<reg name=\"msr\" bitsize=\"64\" type=\"uint64\"/>\n"
	    "<reg name=\"cr\" bitsize=\"32\" type=\"uint32\"/>\n"
	    "<reg name=\"lr\" bitsize=\"64\" type=\"code_ptr\"/>\n"
	    "<reg name=\"ctr\" bitsize=\"64\" type=\"uint64\"/>\n"
	    "<reg name=\"xer\" bitsize=\"32\" type=\"uint32\"/>\n</feature>\n", R_PC);
	add(&n, "<feature name=\"org.gnu.gdb.power.fpu\">\n");
	for (int i = 0; i < 32; i++)
		add(&n, "<reg name=\"f%d\" bitsize=\"64\" type=\"ieee_double\" regnum=\"%d\"/>\n",
		    i, R_FPR0 + i);
	add(&n, "<reg name=\"fpscr\" bitsize=\"64\" group=\"float\" regnum=\"%d\"/>\n</feature>\n",
	    R_FPSCR);
	add(&n, "<feature name=\"org.gnu.gdb.power.altivec\">\n"
	    "<vector id=\"v4f\" type=\"ieee_single\" count=\"4\"/>\n"
	    "<vector id=\"v4i32\" type=\"int32\" count=\"4\"/>\n"
	    "<vector id=\"v8i16\" type=\"int16\" count=\"8\"/>\n"
	    "<vector id=\"v16i8\" type=\"int8\" count=\"16\"/>\n"
	    "<union id=\"vec128\"><field name=\"uint128\" type=\"uint128\"/>"
	    "<field name=\"v4_float\" type=\"v4f\"/><field name=\"v4_int32\" type=\"v4i32\"/>"
	    "<field name=\"v8_int16\" type=\"v8i16\"/><field name=\"v16_int8\" type=\"v16i8\"/>"
	    "</union>\n");
	for (int i = 0; i < 32; i++)
		add(&n, "<reg name=\"vr%d\" bitsize=\"128\" type=\"vec128\" regnum=\"%d\"/>\n", i,
		    R_VR0 + i);
	add(&n, "<reg name=\"vscr\" bitsize=\"32\" group=\"vector\" regnum=\"%d\"/>\n"
	    "<reg name=\"vrsave\" bitsize=\"32\" group=\"vector\"/>\n</feature>\n", R_VSCR);
	add(&n, "<feature name=\"org.gnu.gdb.power.vsx\">\n");
	for (int i = 0; i < 32; i++)
		add(&n, "<reg name=\"vs%dh\" bitsize=\"64\" type=\"uint64\" regnum=\"%d\"/>\n", i,
		    R_VSH0 + i);
	add(&n, "</feature>\n<feature name=\"org.p7kvm.power7.spr\">\n");
	for (unsigned int i = 0; i < NSPRS; i++)
		add(&n, "<reg name=\"%s\" bitsize=\"64\" type=\"uint64\" group=\"system\" "
		    "regnum=\"%u\"/>\n", sprs[i].name, R_SPR0 + i);
	add(&n, "</feature>\n</target>\n");
}

const char *gdb_target_xml(const char *annex)
{
	if (strcmp(annex, "target.xml"))
		return NULL;
	if (!xml_buf[0])
		build_xml();
	return xml_buf;
}

unsigned int gdb_nregs(void)
{
	return R_SPR0 + NSPRS;
}

static void put_be(uint8_t *buf, uint64_t v, unsigned int size)
{
	for (unsigned int i = 0; i < size; i++)
		buf[i] = (uint8_t)(v >> (8 * (size - 1 - i)));
}

static uint64_t get_be(const uint8_t *buf, unsigned int size)
{
	uint64_t v = 0;

	for (unsigned int i = 0; i < size; i++)
		v = v << 8 | buf[i];
	return v;
}

static struct sim_thread *thread_of(struct p7sim_gdb *g, unsigned int i)
{
	return &g->t.m->threads[i * SIM_THREADS_PER_CORE];
}

/*
 * GPR @n as the guest resumes with it.  A userspace hcall the VMM has
 * answered completes at the vcpu's next run (r3 = the return code, r4-r12 =
 * the results, from the run structure): until then those are the values.
 */
static uint64_t *gpr_slot(struct hv_vcpu *vc, unsigned int n)
{
	if (vc->hcall_needed && n >= 3 && n <= 12)
		return n == 3 ? &vc->run.papr_hcall.ret : &vc->run.papr_hcall.args[n - 4];
	return &vc->regs.gpr[n];
}

static uint64_t *shreg(struct hv_vcpu *vc, unsigned int idx)
{
	uint64_t *f[] = { &vc->shregs.srr0, &vc->shregs.srr1, &vc->shregs.dar, NULL,
			  &vc->shregs.sprg0, &vc->shregs.sprg1, &vc->shregs.sprg2,
			  &vc->shregs.sprg3 };

	return f[idx];
}

static uint64_t spr_read(struct p7sim_gdb *g, unsigned int i, const struct gdb_spr *s)
{
	struct hv_vcpu *vc = g->t.vcpu[i];
	struct sim_thread *t = thread_of(g, i);

	switch (s->src) {
	case S_SHREG:
		return s->idx == 3 ? vc->shregs.dsisr : *shreg(vc, s->idx);
	case S_THREAD:
		return t->spr[s->idx];
	case S_KVM:
		return s->idx == 0 ? vc->vm->kvm->sdr1 :
		       s->idx == 1 ? vc->vm->kvm->lpcr : vc->vm->kvm->lpid;
	case S_VCPU:
		return s->idx == 0 ? vc->pvr : s->idx == 1 ? vc->amr : vc->dscr;
	case S_DEC:
		/* The guest DEC counts down to its expiry (contract: a 32-bit DEC). */
		return (uint32_t)(vc->dec_expires - sim_tb_read(t));
	case S_TB:
		return sim_tb_read(t);
	}
	return 0;
}

unsigned int gdb_reg_read(struct p7sim_gdb *g, unsigned int i, unsigned int n, uint8_t *buf)
{
	struct hv_vcpu *vc = g->t.vcpu[i];
	struct sim_thread *t = thread_of(g, i);

	if (n < 32) {
		put_be(buf, *gpr_slot(vc, n), 8);
		return 8;
	}
	switch (n) {
	case R_PC:
		put_be(buf, vc->regs.pc, 8);
		return 8;
	case R_MSR:
		put_be(buf, vc->shregs.msr, 8);
		return 8;
	case R_CR:
		put_be(buf, vc->regs.cr, 4);
		return 4;
	case R_LR:
		put_be(buf, vc->regs.lr, 8);
		return 8;
	case R_CTR:
		put_be(buf, vc->regs.ctr, 8);
		return 8;
	case R_XER:
		put_be(buf, vc->regs.xer, 4);
		return 4;
	case R_FPSCR:
		put_be(buf, t->fpscr, 8);
		return 8;
	case R_VSCR:
		put_be(buf, t->vscr, 4);
		return 4;
	case R_VRSAVE:
		put_be(buf, t->spr[SPRN_VRSAVE], 4);
		return 4;
	}
	if (n >= R_FPR0 && n < R_FPR0 + 32) {
		put_be(buf, t->fpr[n - R_FPR0], 8);
		return 8;
	}
	if (n >= R_VR0 && n < R_VR0 + 32) {
		put_be(buf, t->vr[n - R_VR0][0], 8);
		put_be(buf + 8, t->vr[n - R_VR0][1], 8);
		return 16;
	}
	if (n >= R_VSH0 && n < R_VSH0 + 32) {
		put_be(buf, t->vsr_lo[n - R_VSH0], 8);
		return 8;
	}
	if (n >= R_SPR0 && n < R_SPR0 + NSPRS) {
		put_be(buf, spr_read(g, i, &sprs[n - R_SPR0]), 8);
		return 8;
	}
	return 0;
}

int gdb_reg_write(struct p7sim_gdb *g, unsigned int i, unsigned int n, const uint8_t *buf)
{
	struct hv_vcpu *vc = g->t.vcpu[i];
	struct sim_thread *t = thread_of(g, i);

	if (n < 32) {
		*gpr_slot(vc, n) = get_be(buf, 8);
		return 0;
	}
	/*
	 * The engine reloads the thread's registers at the next entry
	 * (put_regs); the vector state only when marked (vec_dirty).
	 */
	t->regs_dirty = true;
	switch (n) {
	case R_PC:
		vc->regs.pc = get_be(buf, 8) & ~3ULL;
		return 0;
	case R_MSR:
		/* The guest can never run with MSR[HV]: the entry would be a rule violation. */
		vc->shregs.msr = vc->regs.msr = get_be(buf, 8) & ~MSR_HV;
		return 0;
	case R_CR:
		vc->regs.cr = get_be(buf, 4);
		return 0;
	case R_LR:
		vc->regs.lr = get_be(buf, 8);
		return 0;
	case R_CTR:
		vc->regs.ctr = get_be(buf, 8);
		return 0;
	case R_XER:
		vc->regs.xer = get_be(buf, 4);
		return 0;
	case R_FPSCR:
		t->fpscr = get_be(buf, 8);
		return 0;
	case R_VSCR:
		t->vscr = (uint32_t)get_be(buf, 4);
		t->vec_dirty = true;
		return 0;
	case R_VRSAVE:
		t->spr[SPRN_VRSAVE] = get_be(buf, 4);
		return 0;
	}
	if (n >= R_FPR0 && n < R_FPR0 + 32) {
		t->fpr[n - R_FPR0] = get_be(buf, 8);
		t->fpr_dirty = true;
		return 0;
	}
	if (n >= R_VR0 && n < R_VR0 + 32) {
		t->vr[n - R_VR0][0] = get_be(buf, 8);
		t->vr[n - R_VR0][1] = get_be(buf + 8, 8);
		t->vec_dirty = true;
		return 0;
	}
	if (n >= R_VSH0 && n < R_VSH0 + 32) {
		t->vsr_lo[n - R_VSH0] = get_be(buf, 8);
		t->vec_dirty = true;
		return 0;
	}
	if (n >= R_SPR0 && n < R_SPR0 + NSPRS && sprs[n - R_SPR0].rw) {
		const struct gdb_spr *s = &sprs[n - R_SPR0];

		if (s->idx == 3)
			vc->shregs.dsisr = (uint32_t)get_be(buf, 8);
		else
			*shreg(vc, s->idx) = get_be(buf, 8);
		return 0;
	}
	return -1;
}
