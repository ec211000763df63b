// SPDX-License-Identifier: GPL-2.0-only
/*
 * Priority hints without leaving the engine.
 *
 * "or Rx,Rx,Rx" with Rc = 0 and x != 0 is a hint, not an OR (ISA 2.06
 * Book II 3.2, Book III-S 3.1): x = 1, 6, 2 set the Program Priority low,
 * medium low and medium, 31, 5, 3 (privileged) very low, medium high and
 * high, 7 (hypervisor) very high; every other x is a no-op.  Spin loops use
 * them: kvm-unit-tests' cpu_relax() is "or 1,1,1; or 2,2,2", Linux's
 * HMT_low/HMT_medium are the same pair.
 *
 * QEMU 5.0 translates every such hint with a "pause": the translated block
 * ends with EXCP_HLT, which makes Unicorn's CPU loop, and so uc_emu_start,
 * return.  Each hint then cost a whole engine stop and restart (about
 * 0.5 us in the debug build): kvm-unit-tests' timebase, a delay loop of 8
 * instructions around cpu_relax(), ran at 5 MIPS.  The pause only exists so
 * that a busy vcpu yields to its siblings in a multi-threaded QEMU; here
 * the vcpus run in turn by instruction count anyway.
 *
 * The handler of "or" (opcode 31, opc2 0x1c, opc3 0x0d) is therefore
 * replaced by ue_gen_or: for a hint it translates nothing, for every other
 * form it calls QEMU's own handler.  What the guest sees does not change:
 * QEMU's hint wrote PPR[PRI] into its own SPR array, which the model never
 * reads (PPR traps to the model, which keeps PRI alone), so PPR stayed
 * untouched by hints before as well (docs/sim-fidelity.md).
 *
 * The handler receives QEMU's DisasContext, whose instruction word follows
 * the 40-byte DisasContextBase.  That offset cannot be probed before the
 * first translation, so every call checks that the word there is an "or"
 * (the only instruction this handler is called for); if it is not, the
 * handler falls back to QEMU's for good, and sim_ue_hint_stats() says so.
 */
#include <stdio.h>
#include <string.h>

#include "internal.h"

/* opc_handler_t: the handler function follows inval1/2, type, type2. */
#define OPC_HANDLER_OFF		24
#define OPC_HANDLER_SIZE	32
/* DisasContext: uint32_t opcode right after DisasContextBase. */
#define DC_OPCODE_OFF		40

#define OPC_OR_OPC2		0x1c
#define OPC_OR_OPC3		0x0d
#define PPC_INTEGER		0x1ULL	/* QEMU's instruction class of "or" */

typedef void (*ue_gen_fn)(void *ctx);

/*
 * The library's handler and what happened, process-wide: translation has no
 * engine argument, and every engine of the process shares the library.
 */
static ue_gen_fn qemu_gen_or;
static uint64_t hints_dropped;
static bool layout_bad;

/* The handler struct the "or" entry points to: QEMU's, but with ue_gen_or. */
static uint8_t or_handler[OPC_HANDLER_SIZE] __attribute__((aligned(8)));

static void ue_gen_or(void *ctx)
{
	uint32_t op;

	if (!layout_bad) {
		memcpy(&op, (uint8_t *)ctx + DC_OPCODE_OFF, 4);
		if ((op >> 26) != 31 || ((op >> 1) & 0x3ff) != 444) {
			layout_bad = true;
		} else {
			unsigned int rs = (op >> 21) & 31, ra = (op >> 16) & 31;
			unsigned int rb = (op >> 11) & 31;

			/* or Rx,Rx,Rx, Rc = 0, x != 0: a hint (x = 0 is QEMU's no-op too). */
			if (rs == ra && rs == rb && rs != 0 && !(op & 1)) {
				__atomic_add_fetch(&hints_dropped, 1, __ATOMIC_RELAXED);
				return;
			}
		}
	}
	qemu_gen_or(ctx);
}

int ue_hints_install(struct sim_ue *e, void **primary)
{
	void **tab, *h;
	uint64_t type;
	ue_gen_fn fn;

	if (!opc_is_indirect(primary[31]))
		return -1;
	tab = opc_table(primary[31]);
	if (!opc_is_indirect(tab[OPC_OR_OPC2]))
		return -1;
	tab = opc_table(tab[OPC_OR_OPC2]);
	h = tab[OPC_OR_OPC3];
	if (!h || h == e->invalid_handler || opc_is_indirect(h))
		return -1;
	if (h == or_handler)
		return 0;
	memcpy(&type, (uint8_t *)h + OPC_TYPE_OFF, 8);
	memcpy(&fn, (uint8_t *)h + OPC_HANDLER_OFF, sizeof(fn));
	if (type != PPC_INTEGER || !fn || (qemu_gen_or && fn != qemu_gen_or))
		return -1;
	if (!qemu_gen_or) {
		qemu_gen_or = fn;
		memcpy(or_handler, h, OPC_HANDLER_SIZE);
		fn = ue_gen_or;
		memcpy(or_handler + OPC_HANDLER_OFF, &fn, sizeof(fn));
	}
	tab[OPC_OR_OPC3] = or_handler;
	return 0;
}

void sim_ue_hint_stats(uint64_t *dropped, bool *fallback)
{
	*dropped = __atomic_load_n(&hints_dropped, __ATOMIC_RELAXED);
	*fallback = layout_bad;
}
