// SPDX-License-Identifier: GPL-2.0-only
/*
 * Names as the kernel prints them, so that `p7trace dump` reads like
 * `perf script` on a POWER7 host and the importer understands what
 * `trace-cmd report` prints.  The name strings and values are those of the
 * kernel's symbol tables (arch/powerpc/kvm/trace_book3s.h
 * kvm_trace_symbol_exit, trace_hv.h kvm_trace_symbol_hcall,
 * kvm_trace_symbol_hcall_rc and kvm_trace_symbol_kvmret, with the values of
 * asm/hvcall.h and asm/kvm_asm.h; include/trace/events/kvm.h
 * kvm_trace_exit_reason with uapi/linux/kvm.h).  A value missing from a table
 * is printed in hex, as __print_symbolic() does.
 *
 * Also the payload word names of each record type (hv/include/hv/trace.h),
 * which are the kernel's field names where the tracepoint has the field.
 */
#include <string.h>

#include "trace_int.h"

struct sym {
	uint64_t val;
	const char *name;
};

#define NEG(x) ((uint64_t)(int64_t)(x))

static const struct sym trap_syms[] = {
	{ 0x100, "SYSTEM_RESET" },	{ 0x200, "MACHINE_CHECK" },
	{ 0x300, "DATA_STORAGE" },	{ 0x380, "DATA_SEGMENT" },
	{ 0x400, "INST_STORAGE" },	{ 0x480, "INST_SEGMENT" },
	{ 0x500, "EXTERNAL" },		{ 0x502, "EXTERNAL_HV" },
	{ 0x600, "ALIGNMENT" },		{ 0x700, "PROGRAM" },
	{ 0x800, "FP_UNAVAIL" },	{ 0x900, "DECREMENTER" },
	{ 0x980, "HV_DECREMENTER" },	{ 0xc00, "SYSCALL" },
	{ 0xd00, "TRACE" },		{ 0xe00, "H_DATA_STORAGE" },
	{ 0xe20, "H_INST_STORAGE" },	{ 0xe40, "H_EMUL_ASSIST" },
	{ 0xea0, "H_VIRT" },		{ 0xf00, "PERFMON" },
	{ 0xf20, "ALTIVEC" },		{ 0xf40, "VSX" },
};

static const struct sym hcall_syms[] = {
	{ 0x04, "H_REMOVE" },		{ 0x08, "H_ENTER" },
	{ 0x0c, "H_READ" },		{ 0x10, "H_CLEAR_MOD" },
	{ 0x14, "H_CLEAR_REF" },	{ 0x18, "H_PROTECT" },
	{ 0x1c, "H_GET_TCE" },		{ 0x20, "H_PUT_TCE" },
	{ 0x24, "H_SET_SPRG0" },	{ 0x28, "H_SET_DABR" },
	{ 0x2c, "H_PAGE_INIT" },	{ 0x30, "H_SET_ASR" },
	{ 0x34, "H_ASR_ON" },		{ 0x38, "H_ASR_OFF" },
	{ 0x3c, "H_LOGICAL_CI_LOAD" },	{ 0x40, "H_LOGICAL_CI_STORE" },
	{ 0x44, "H_LOGICAL_CACHE_LOAD" }, { 0x48, "H_LOGICAL_CACHE_STORE" },
	{ 0x4c, "H_LOGICAL_ICBI" },	{ 0x50, "H_LOGICAL_DCBF" },
	{ 0x54, "H_GET_TERM_CHAR" },	{ 0x58, "H_PUT_TERM_CHAR" },
	{ 0x5c, "H_REAL_TO_LOGICAL" },	{ 0x60, "H_HYPERVISOR_DATA" },
	{ 0x64, "H_EOI" },		{ 0x68, "H_CPPR" },
	{ 0x6c, "H_IPI" },		{ 0x70, "H_IPOLL" },
	{ 0x74, "H_XIRR" },		{ 0x7c, "H_PERFMON" },
	{ 0x78, "H_MIGRATE_DMA" },	{ 0xdc, "H_REGISTER_VPA" },
	{ 0xe0, "H_CEDE" },		{ 0xe4, "H_CONFER" },
	{ 0xe8, "H_PROD" },		{ 0xec, "H_GET_PPP" },
	{ 0xf0, "H_SET_PPP" },		{ 0xf4, "H_PURR" },
	{ 0xf8, "H_PIC" },		{ 0xfc, "H_REG_CRQ" },
	{ 0x100, "H_FREE_CRQ" },	{ 0x104, "H_VIO_SIGNAL" },
	{ 0x108, "H_SEND_CRQ" },	{ 0x110, "H_COPY_RDMA" },
	{ 0x114, "H_REGISTER_LOGICAL_LAN" }, { 0x118, "H_FREE_LOGICAL_LAN" },
	{ 0x11c, "H_ADD_LOGICAL_LAN_BUFFER" }, { 0x120, "H_SEND_LOGICAL_LAN" },
	{ 0x124, "H_BULK_REMOVE" },	{ 0x130, "H_MULTICAST_CTRL" },
	{ 0x134, "H_SET_XDABR" },	{ 0x138, "H_STUFF_TCE" },
	{ 0x13c, "H_PUT_TCE_INDIRECT" }, { 0x14c, "H_CHANGE_LOGICAL_LAN_MAC" },
	{ 0x150, "H_VTERM_PARTNER_INFO" }, { 0x154, "H_REGISTER_VTERM" },
	{ 0x158, "H_FREE_VTERM" },	{ 0x15c, "H_RESET_EVENTS" },
	{ 0x160, "H_ALLOC_RESOURCE" },	{ 0x164, "H_FREE_RESOURCE" },
	{ 0x168, "H_MODIFY_QP" },	{ 0x16c, "H_QUERY_QP" },
	{ 0x170, "H_REREGISTER_PMR" },	{ 0x174, "H_REGISTER_SMR" },
	{ 0x178, "H_QUERY_MR" },	{ 0x17c, "H_QUERY_MW" },
	{ 0x180, "H_QUERY_HCA" },	{ 0x184, "H_QUERY_PORT" },
	{ 0x188, "H_MODIFY_PORT" },	{ 0x18c, "H_DEFINE_AQP1" },
	{ 0x190, "H_GET_TRACE_BUFFER" }, { 0x194, "H_DEFINE_AQP0" },
	{ 0x198, "H_RESIZE_MR" },	{ 0x19c, "H_ATTACH_MCQP" },
	{ 0x1a0, "H_DETACH_MCQP" },	{ 0x1a4, "H_CREATE_RPT" },
	{ 0x1a8, "H_REMOVE_RPT" },	{ 0x1ac, "H_REGISTER_RPAGES" },
	{ 0x1b0, "H_DISABLE_AND_GET" },	{ 0x1b4, "H_ERROR_DATA" },
	{ 0x1b8, "H_GET_HCA_INFO" },	{ 0x1bc, "H_GET_PERF_COUNT" },
	{ 0x1c0, "H_MANAGE_TRACE" },	{ 0x1c8, "H_GET_CPU_CHARACTERISTICS" },
	{ 0x1d4, "H_FREE_LOGICAL_LAN_BUFFER" }, { 0x1e4, "H_QUERY_INT_STATE" },
	{ 0x1d8, "H_POLL_PENDING" },	{ 0x244, "H_ILLAN_ATTRIBUTES" },
	{ 0x250, "H_MODIFY_HEA_QP" },	{ 0x254, "H_QUERY_HEA_QP" },
	{ 0x258, "H_QUERY_HEA" },	{ 0x25c, "H_QUERY_HEA_PORT" },
	{ 0x260, "H_MODIFY_HEA_PORT" },	{ 0x264, "H_REG_BCMC" },
	{ 0x268, "H_DEREG_BCMC" },	{ 0x26c, "H_REGISTER_HEA_RPAGES" },
	{ 0x270, "H_DISABLE_AND_GET_HEA" }, { 0x274, "H_GET_HEA_INFO" },
	{ 0x278, "H_ALLOC_HEA_RESOURCE" }, { 0x284, "H_ADD_CONN" },
	{ 0x288, "H_DEL_CONN" },	{ 0x298, "H_JOIN" },
	{ 0x2a4, "H_VASI_STATE" },	{ 0x2b0, "H_ENABLE_CRQ" },
	{ 0x2b8, "H_GET_EM_PARMS" },	{ 0x450, "H_GET_ENERGY_SCALE_INFO" },
	{ 0x2d0, "H_SET_MPP" },		{ 0x2d4, "H_GET_MPP" },
	{ 0x2ec, "H_HOME_NODE_ASSOCIATIVITY" }, { 0x2f4, "H_BEST_ENERGY" },
	{ 0x2fc, "H_XIRR_X" },		{ 0x300, "H_RANDOM" },
	{ 0x304, "H_COP" },		{ 0x314, "H_GET_MPP_X" },
	{ 0x31c, "H_SET_MODE" },	{ 0x37c, "H_REGISTER_PROC_TBL" },
	{ 0x398, "H_QUERY_VAS_CAPABILITIES" }, { 0x3a8, "H_INT_GET_SOURCE_INFO" },
	{ 0x3ac, "H_INT_SET_SOURCE_CONFIG" }, { 0x3b4, "H_INT_GET_QUEUE_INFO" },
	{ 0x3b8, "H_INT_SET_QUEUE_CONFIG" }, { 0x3c8, "H_INT_ESB" },
	{ 0x3d0, "H_INT_RESET" },	{ 0x448, "H_RPT_INVALIDATE" },
	{ 0xf000, "H_RTAS" },		{ 0xf001, "H_LOGICAL_MEMOP" },
	{ 0xf002, "H_CAS" },		{ 0xf003, "H_UPDATE_DT" },
	{ 0xf080, "H_GET_PERF_COUNTER_INFO" }, { 0xf800, "H_SET_PARTITION_TABLE" },
	{ 0xf804, "H_ENTER_NESTED" },	{ 0xf808, "H_TLB_INVALIDATE" },
	{ 0xf80c, "H_COPY_TOFROM_GUEST" },
};

/* Older kernels' names for the same numbers: accepted on import only. */
static const struct sym hcall_aliases[] = {
	{ 0x1b0, "H_DISABLE_AND_GETC" },
};

/* First match wins for duplicate values, as in __print_symbolic(). */
static const struct sym rc_syms[] = {
	{ 0, "H_SUCCESS" },		{ 1, "H_BUSY" },
	{ 2, "H_CLOSED" },		{ 3, "H_NOT_AVAILABLE" },
	{ 4, "H_CONSTRAINED" },		{ 5, "H_PARTIAL" },
	{ 14, "H_IN_PROGRESS" },	{ 15, "H_PAGE_REGISTERED" },
	{ 16, "H_PARTIAL_STORE" },	{ 17, "H_PENDING" },
	{ 18, "H_CONTINUE" },		{ 9900, "H_LONG_BUSY_START_RANGE" },
	{ 9900, "H_LONG_BUSY_ORDER_1_MSEC" }, { 9901, "H_LONG_BUSY_ORDER_10_MSEC" },
	{ 9902, "H_LONG_BUSY_ORDER_100_MSEC" }, { 9903, "H_LONG_BUSY_ORDER_1_SEC" },
	{ 9904, "H_LONG_BUSY_ORDER_10_SEC" }, { 9905, "H_LONG_BUSY_ORDER_100_SEC" },
	{ 9905, "H_LONG_BUSY_END_RANGE" }, { 9999, "H_TOO_HARD" },
	{ NEG(-1), "H_HARDWARE" },	{ NEG(-2), "H_FUNCTION" },
	{ NEG(-3), "H_PRIVILEGE" },	{ NEG(-4), "H_PARAMETER" },
	{ NEG(-5), "H_BAD_MODE" },	{ NEG(-6), "H_PTEG_FULL" },
	{ NEG(-7), "H_NOT_FOUND" },	{ NEG(-8), "H_RESERVED_DABR" },
	{ NEG(-9), "H_NO_MEM" },	{ NEG(-10), "H_AUTHORITY" },
	{ NEG(-11), "H_PERMISSION" },	{ NEG(-12), "H_DROPPED" },
	{ NEG(-13), "H_SOURCE_PARM" },	{ NEG(-14), "H_DEST_PARM" },
	{ NEG(-15), "H_REMOTE_PARM" },	{ NEG(-16), "H_RESOURCE" },
	{ NEG(-17), "H_ADAPTER_PARM" },	{ NEG(-18), "H_RH_PARM" },
	{ NEG(-19), "H_RCQ_PARM" },	{ NEG(-20), "H_SCQ_PARM" },
	{ NEG(-21), "H_EQ_PARM" },	{ NEG(-22), "H_RT_PARM" },
	{ NEG(-23), "H_ST_PARM" },	{ NEG(-24), "H_SIGT_PARM" },
	{ NEG(-25), "H_TOKEN_PARM" },	{ NEG(-27), "H_MLENGTH_PARM" },
	{ NEG(-28), "H_MEM_PARM" },	{ NEG(-29), "H_MEM_ACCESS_PARM" },
	{ NEG(-30), "H_ATTR_PARM" },	{ NEG(-31), "H_PORT_PARM" },
	{ NEG(-32), "H_MCG_PARM" },	{ NEG(-33), "H_VL_PARM" },
	{ NEG(-34), "H_TSIZE_PARM" },	{ NEG(-35), "H_TRACE_PARM" },
	{ NEG(-37), "H_MASK_PARM" },	{ NEG(-38), "H_MCG_FULL" },
	{ NEG(-39), "H_ALIAS_EXIST" },	{ NEG(-40), "H_P_COUNTER" },
	{ NEG(-41), "H_TABLE_FULL" },	{ NEG(-42), "H_ALT_TABLE" },
	{ NEG(-43), "H_MR_CONDITION" },	{ NEG(-44), "H_NOT_ENOUGH_RESOURCES" },
	{ NEG(-45), "H_R_STATE" },	{ NEG(-46), "H_RESCINDED" },
	{ NEG(-55), "H_P2" },		{ NEG(-56), "H_P3" },
	{ NEG(-57), "H_P4" },		{ NEG(-58), "H_P5" },
	{ NEG(-59), "H_P6" },		{ NEG(-60), "H_P7" },
	{ NEG(-61), "H_P8" },		{ NEG(-62), "H_P9" },
	{ NEG(-64), "H_TOO_BIG" },	{ NEG(-68), "H_OVERLAP" },
	{ NEG(-69), "H_INTERRUPT" },	{ NEG(-70), "H_BAD_DATA" },
	{ NEG(-71), "H_NOT_ACTIVE" },	{ NEG(-72), "H_SG_LIST" },
	{ NEG(-73), "H_OP_MODE" },	{ NEG(-74), "H_COP_HW" },
	{ NEG(-256), "H_UNSUPPORTED_FLAG_START" }, { NEG(-511), "H_UNSUPPORTED_FLAG_END" },
	{ NEG(-9005), "H_MULTI_THREADS_ACTIVE" }, { NEG(-9006), "H_OUTSTANDING_COP_OPS" },
};

/* RESUME_FLAG_NV = 1, RESUME_FLAG_HOST = 2 (asm/kvm_asm.h). */
static const struct sym kvmret_syms[] = {
	{ 0, "RESUME_GUEST" },		{ 1, "RESUME_GUEST_NV" },
	{ 2, "RESUME_HOST" },		{ 3, "RESUME_HOST_NV" },
};

static const struct sym reason_syms[] = {
	{ 0, "KVM_EXIT_UNKNOWN" },	{ 1, "KVM_EXIT_EXCEPTION" },
	{ 2, "KVM_EXIT_IO" },		{ 3, "KVM_EXIT_HYPERCALL" },
	{ 4, "KVM_EXIT_DEBUG" },	{ 5, "KVM_EXIT_HLT" },
	{ 6, "KVM_EXIT_MMIO" },		{ 7, "KVM_EXIT_IRQ_WINDOW_OPEN" },
	{ 8, "KVM_EXIT_SHUTDOWN" },	{ 9, "KVM_EXIT_FAIL_ENTRY" },
	{ 10, "KVM_EXIT_INTR" },	{ 11, "KVM_EXIT_SET_TPR" },
	{ 12, "KVM_EXIT_TPR_ACCESS" },	{ 13, "KVM_EXIT_S390_SIEIC" },
	{ 14, "KVM_EXIT_S390_RESET" },	{ 15, "KVM_EXIT_DCR" },
	{ 16, "KVM_EXIT_NMI" },		{ 17, "KVM_EXIT_INTERNAL_ERROR" },
	{ 18, "KVM_EXIT_OSI" },		{ 19, "KVM_EXIT_PAPR_HCALL" },
	{ 20, "KVM_EXIT_S390_UCONTROL" }, { 21, "KVM_EXIT_WATCHDOG" },
	{ 22, "KVM_EXIT_S390_TSCH" },	{ 23, "KVM_EXIT_EPR" },
	{ 24, "KVM_EXIT_SYSTEM_EVENT" },
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const char *sym_name(const struct sym *t, size_t n, uint64_t val)
{
	for (size_t i = 0; i < n; i++)
		if (t[i].val == val)
			return t[i].name;
	return NULL;
}

static int sym_value(const struct sym *t, size_t n, const char *name, size_t len, uint64_t *val)
{
	for (size_t i = 0; i < n; i++)
		if (strlen(t[i].name) == len && !memcmp(t[i].name, name, len)) {
			*val = t[i].val;
			return 0;
		}
	return -1;
}

const char *p7trace_trap_name(uint64_t trap)
{
	return sym_name(trap_syms, N(trap_syms), trap);
}

const char *p7trace_hcall_name(uint64_t req)
{
	return sym_name(hcall_syms, N(hcall_syms), req);
}

const char *p7trace_hcall_rc_name(uint64_t rc)
{
	return sym_name(rc_syms, N(rc_syms), rc);
}

const char *p7trace_kvmret_name(uint64_t ret)
{
	return sym_name(kvmret_syms, N(kvmret_syms), ret);
}

const char *p7trace_exit_reason_name(uint64_t reason)
{
	return sym_name(reason_syms, N(reason_syms), reason);
}

int p7trace_trap_value(const char *name, size_t len, uint64_t *val)
{
	return sym_value(trap_syms, N(trap_syms), name, len, val);
}

int p7trace_hcall_value(const char *name, size_t len, uint64_t *val)
{
	if (!sym_value(hcall_syms, N(hcall_syms), name, len, val))
		return 0;
	return sym_value(hcall_aliases, N(hcall_aliases), name, len, val);
}

int p7trace_hcall_rc_value(const char *name, size_t len, uint64_t *val)
{
	return sym_value(rc_syms, N(rc_syms), name, len, val);
}

int p7trace_kvmret_value(const char *name, size_t len, uint64_t *val)
{
	return sym_value(kvmret_syms, N(kvmret_syms), name, len, val);
}

int p7trace_exit_reason_value(const char *name, size_t len, uint64_t *val)
{
	return sym_value(reason_syms, N(reason_syms), name, len, val);
}

/* ---- record types and their words ---------------------------------------- */

static const char *const gpr_names[32] = {
	"r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7",
	"r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15",
	"r16", "r17", "r18", "r19", "r20", "r21", "r22", "r23",
	"r24", "r25", "r26", "r27", "r28", "r29", "r30", "r31",
};

static const char *const enter_fields[TRE_NWORDS] = {
	[TRE_VCPU] = "vcpu", [TRE_PC] = "pc", [TRE_MSR] = "msr",
	[TRE_PENDING] = "pexcp", [TRE_CEDED] = "ceded",
};

static const char *const exit_fields[TRX_GPR0] = {
	[TRX_VCPU] = "vcpu", [TRX_TRAP] = "trap", [TRX_PC] = "pc", [TRX_MSR] = "msr",
	[TRX_CEDED] = "ceded", [TRX_SRR0] = "srr0", [TRX_SRR1] = "srr1", [TRX_DAR] = "dar",
	[TRX_DSISR] = "dsisr", [TRX_HDAR] = "hdar", [TRX_HDSISR] = "hdsisr",
	[TRX_HEIR] = "heir", [TRX_DEC_EXPIRES] = "dec_expires", [TRX_LR] = "lr",
	[TRX_CTR] = "ctr", [TRX_CR] = "cr", [TRX_XER] = "xer",
};

static const char *const pf_fields[TRP_NWORDS] = {
	[TRP_VCPU] = "vcpu", [TRP_TRAP] = "trap", [TRP_PC] = "pc",
	[TRP_EA] = "ea", [TRP_DSISR] = "dsisr",
};

static const char *const hpte_fields[TRT_NWORDS] = {
	[TRT_VCPU] = "vcpu", [TRT_INDEX] = "index", [TRT_V_OLD] = "v_old",
	[TRT_R_OLD] = "r_old", [TRT_V_NEW] = "v_new", [TRT_R_NEW] = "r_new",
	[TRT_HW_V] = "hw_v", [TRT_HW_R] = "hw_r",
};

static const char *const user_fields[TRU_NWORDS] = {
	[TRU_VCPU] = "vcpu", [TRU_REASON] = "reason", [TRU_DETAIL] = "detail",
};

static const char *const inject_fields[TRI_NWORDS] = {
	[TRI_VCPU] = "vcpu", [TRI_VEC] = "vec", [TRI_SRR0] = "srr0", [TRI_SRR1] = "srr1",
};

static const char *const cede_fields[TRC_NWORDS] = {
	[TRC_VCPU] = "vcpu", [TRC_STATE] = "ceded", [TRC_WAKE_TB] = "wake_tb",
};

static const char *const hw_rc_fields[TRR_NWORDS] = {
	[TRR_VCPU] = "vcpu", [TRR_INDEX] = "index", [TRR_RC] = "rc",
};

uint32_t p7trace_min_words(uint32_t type)
{
	switch (type) {
	case HV_TR_GUEST_ENTER:	return TRE_NWORDS;
	case HV_TR_GUEST_EXIT:	return TRX_NWORDS;
	case HV_TR_HCALL_ENTER:	return TRH_NWORDS;
	case HV_TR_HCALL_EXIT:	return TRHX_NWORDS;
	case HV_TR_PAGE_FAULT:	return TRP_NWORDS;
	case HV_TR_HPTE:	return TRT_NWORDS;
	case HV_TR_USER_EXIT:	return TRU_NWORDS;
	case HV_TR_INJECT:	return TRI_NWORDS;
	case HV_TR_CEDE:	return TRC_NWORDS;
	case HV_TR_HW_RC:	return TRR_NWORDS;
	case P7TRACE_TYPE_END:	return P7TRACE_END_NWORDS;
	default:		return 0;
	}
}

unsigned int p7trace_nfields(uint32_t type)
{
	return type == P7TRACE_TYPE_END ? 0 : p7trace_min_words(type);
}

const char *p7trace_event_name(uint32_t type)
{
	switch (type) {
	case HV_TR_GUEST_ENTER:	return "kvm_guest_enter";
	case HV_TR_GUEST_EXIT:	return "kvm_guest_exit";
	case HV_TR_HCALL_ENTER:	return "kvm_hcall_enter";
	case HV_TR_HCALL_EXIT:	return "kvm_hcall_exit";
	case HV_TR_PAGE_FAULT:	return "kvm_page_fault_enter";
	case HV_TR_HPTE:	return "hpte";
	case HV_TR_USER_EXIT:	return "kvm_userspace_exit";
	case HV_TR_INJECT:	return "inject";
	case HV_TR_CEDE:	return "cede";
	case HV_TR_HW_RC:	return "hpte_rc";
	default:		return NULL;
	}
}

const char *p7trace_event_system(uint32_t type)
{
	switch (type) {
	case HV_TR_GUEST_ENTER:
	case HV_TR_GUEST_EXIT:
	case HV_TR_HCALL_ENTER:
	case HV_TR_HCALL_EXIT:
	case HV_TR_PAGE_FAULT:
		return "kvm_hv";
	case HV_TR_USER_EXIT:
		return "kvm";
	default:
		return "p7";
	}
}

const char *p7trace_field_name(uint32_t type, unsigned int word)
{
	switch (type) {
	case HV_TR_GUEST_ENTER:
		return word < TRE_NWORDS ? enter_fields[word] : NULL;
	case HV_TR_GUEST_EXIT:
		if (word < TRX_GPR0)
			return exit_fields[word];
		return word < TRX_NWORDS ? gpr_names[word - TRX_GPR0] : NULL;
	case HV_TR_HCALL_ENTER:
		if (word == TRH_VCPU)
			return "vcpu";
		if (word == TRH_REQ)
			return "req";
		return word < TRH_NWORDS ? gpr_names[4 + word - TRH_ARG0] : NULL;
	case HV_TR_HCALL_EXIT:
		switch (word) {
		case TRHX_VCPU:		return "vcpu";
		case TRHX_REQ:		return "req";
		case TRHX_RET:		return "hcall_rc";
		case TRHX_WHERE:	return "where";
		}
		return word < TRHX_NWORDS ? gpr_names[4 + word - TRHX_RES0] : NULL;
	case HV_TR_PAGE_FAULT:
		return word < TRP_NWORDS ? pf_fields[word] : NULL;
	case HV_TR_HPTE:
		return word < TRT_NWORDS ? hpte_fields[word] : NULL;
	case HV_TR_USER_EXIT:
		return word < TRU_NWORDS ? user_fields[word] : NULL;
	case HV_TR_INJECT:
		return word < TRI_NWORDS ? inject_fields[word] : NULL;
	case HV_TR_CEDE:
		return word < TRC_NWORDS ? cede_fields[word] : NULL;
	case HV_TR_HW_RC:
		return word < TRR_NWORDS ? hw_rc_fields[word] : NULL;
	}
	return NULL;
}

int p7trace_field_index(uint32_t type, const char *name, size_t len)
{
	unsigned int n = p7trace_nfields(type);

	for (unsigned int i = 0; i < n; i++) {
		const char *f = p7trace_field_name(type, i);

		if (f && strlen(f) == len && !memcmp(f, name, len))
			return (int)i;
	}
	return -1;
}

enum p7trace_field_kind p7trace_field_kind(uint32_t type, unsigned int word)
{
	const char *f = p7trace_field_name(type, word);

	if (!f)
		return P7TRACE_FK_HEX;
	if (!strcmp(f, "vcpu") || !strcmp(f, "ceded"))
		return P7TRACE_FK_DEC;
	if (!strcmp(f, "trap") || !strcmp(f, "vec"))
		return P7TRACE_FK_TRAP;
	if (!strcmp(f, "req"))
		return P7TRACE_FK_HCALL;
	if (!strcmp(f, "hcall_rc"))
		return P7TRACE_FK_RC;
	if (!strcmp(f, "where"))
		return P7TRACE_FK_WHERE;
	if (!strcmp(f, "reason"))
		return P7TRACE_FK_REASON;
	return P7TRACE_FK_HEX;
}
