#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# gen-patches.sh: generate the p7kvm patch series against linux-source-6.1
# from hv/ (docs/bringup.md).  hv/ stays the only copy of every source: the
# series places it under arch/powerpc/p7kvm/ with the same layout (*.c,
# include/hv/, env/kernel/) and adds the Kconfig/Kbuild lines that build it.
#
#   0001  the hooks: arch/powerpc/Kconfig sources arch/powerpc/p7kvm/Kconfig,
#         arch/powerpc/Kbuild descends into p7kvm/, asm-offsets.c gives the
#         PACA's kvm_hstate offsets without CONFIG_KVM.  CONFIG_P7KVM selects
#         KVM_BOOK3S_64_HANDLER, which makes every interrupt vector of
#         exceptions-64s.S test HSTATE_IN_GUEST (KVMTEST) and branch to
#         kvmppc_interrupt / kvmppc_hcall, the symbols p7kvm's exit defines
#         (hv/env/kernel/p7kvm_hrfid.S) in place of arch/powerpc/kvm's.
#   0002  the HV core in vmlinux (hv/*.c, the real-mode entry/exit and its C
#         glue: the partition switch runs with the MMU off, which module
#         text in vmalloc space cannot) and the module p7kvm_hv.ko
#         (hv/env/kernel/hv_module.c: /dev/p7kvm).
#
# Usage: tools/bringup/gen-patches.sh LINUX-SOURCE-DIR OUTPUT-DIR
# Writes OUTPUT-DIR/0001-*.patch and 0002-*.patch (patch -p1 in the tree).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
[ $# -eq 2 ] || { sed -n 's/^# Usage: /usage: /p' "$0" >&2; exit 2; }
LINUX=$1
OUT=$2
for f in arch/powerpc/Kconfig arch/powerpc/Kbuild; do
	[ -f "$LINUX/$f" ] || { echo "gen-patches: $LINUX/$f not found" >&2; exit 1; }
done
mkdir -p "$OUT"
rm -f "$OUT"/*.patch
TMP=$(mktemp -d "${TMPDIR:-/tmp}/p7kvm-gen.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

# diff -Nru, a/ and b/ prefixes, no time stamps (the series is reproducible).
series_diff()
{
	local rc=0

	(cd "$TMP/$1" && LC_ALL=C diff -Nru a b) >"$2.raw" || rc=$?
	[ "$rc" -le 1 ] || { echo "gen-patches: diff failed" >&2; exit 1; }
	sed -e 's,^\(---\|+++\) \([^\t]*\)\t.*$,\1 \2,' "$2.raw" >"$2"
}

header()
{
	printf 'From: p7kvm tools/bringup/gen-patches.sh\nSubject: [PATCH %s] %s\n\n%s\n---\n' \
		"$1" "$2" "$3"
}

# ---- 0001: the hooks ---------------------------------------------------------
P=$TMP/p1
mkdir -p "$P/a/arch/powerpc" "$P/b/arch/powerpc/p7kvm"
cp "$LINUX/arch/powerpc/Kconfig" "$LINUX/arch/powerpc/Kbuild" "$P/a/arch/powerpc/"
cp "$LINUX/arch/powerpc/Kconfig" "$LINUX/arch/powerpc/Kbuild" "$P/b/arch/powerpc/"
grep -qxF 'source "arch/powerpc/kvm/Kconfig"' "$P/b/arch/powerpc/Kconfig" ||
	{ echo "gen-patches: arch/powerpc/Kconfig has no kvm/Kconfig line" >&2; exit 1; }
sed -i '/^source "arch\/powerpc\/kvm\/Kconfig"$/a source "arch/powerpc/p7kvm/Kconfig"' \
	"$P/b/arch/powerpc/Kconfig"
grep -qxF 'obj-$(CONFIG_KVM)  += kvm/' "$P/b/arch/powerpc/Kbuild" ||
	{ echo "gen-patches: arch/powerpc/Kbuild has no kvm/ line" >&2; exit 1; }
sed -i '/^obj-$(CONFIG_KVM)  += kvm\/$/a obj-$(CONFIG_P7KVM) += p7kvm/' "$P/b/arch/powerpc/Kbuild"

# asm-offsets: the PACA's kvm_hstate fields p7kvm's exit vector uses, which
# the kernel only defines with CONFIG_KVM.
mkdir -p "$P/a/arch/powerpc/kernel" "$P/b/arch/powerpc/kernel"
cp "$LINUX/arch/powerpc/kernel/asm-offsets.c" "$P/a/arch/powerpc/kernel/"
[ "$(grep -c '^#ifdef CONFIG_KVM$' "$LINUX/arch/powerpc/kernel/asm-offsets.c")" = 1 ] ||
	{ echo "gen-patches: arch/powerpc/kernel/asm-offsets.c: no single CONFIG_KVM block" >&2; exit 1; }
awk '/^#ifdef CONFIG_KVM$/ && !done {
	print "#if defined(CONFIG_P7KVM) && !defined(CONFIG_KVM)"
	print "\t/* p7kvm (arch/powerpc/p7kvm): the exit vector uses the PACA\x27s kvm_hstate. */"
	n = split("HOST_R1:host_r1 HOST_R2:host_r2 SCRATCH0:scratch0 SCRATCH1:scratch1 " \
		  "SCRATCH2:scratch2 IN_GUEST:in_guest", f, " ")
	for (i = 1; i <= n; i++) {
		split(f[i], kv, ":")
		printf "\tDEFINE(HSTATE_%s, offsetof(struct paca_struct, kvm_hstate.%s));\n", kv[1], kv[2]
	}
	print "#endif"
	print ""
	done = 1
} { print }' "$LINUX/arch/powerpc/kernel/asm-offsets.c" >"$P/b/arch/powerpc/kernel/asm-offsets.c"

cat >"$P/b/arch/powerpc/p7kvm/Kconfig" <<'EOF'
# SPDX-License-Identifier: GPL-2.0-only
# p7kvm: the KVM Book3S HV core for POWER7 partitions, generated from hv/.

config P7KVM
	bool "p7kvm: POWER7 partitions (the HV core of hv/, in the kernel image)"
	depends on VIRTUALIZATION && PPC_BOOK3S_64 && PPC_64S_HASH_MMU && PPC_POWERNV
	depends on !KVM
	select KVM_BOOK3S_64_HANDLER
	help
	  The partition switch, the exit vector and the HV core of p7kvm,
	  linked into vmlinux because they run in real mode.  Every interrupt
	  taken while a partition runs comes to p7kvm's kvmppc_interrupt /
	  kvmppc_hcall (replacing arch/powerpc/kvm, hence !KVM).

config P7KVM_DEV
	tristate "p7kvm: /dev/p7kvm (p7kvm_hv.ko)"
	depends on P7KVM
	help
	  The character device through which a VMM creates a VM with its
	  HPT, adds memory, creates vcpus, gets and sets their registers and
	  runs them with a shared run structure.
EOF
hvc=$(cd "$ROOT/hv" && ls -1 ./*.c | sed 's,^\./,,; s,\.c$,.o,' | tr '\n' ' ')
cat >"$P/b/arch/powerpc/p7kvm/Makefile" <<EOF
# SPDX-License-Identifier: GPL-2.0-only
# Generated by tools/bringup/gen-patches.sh from hv/.
#
# The HV core and the real-mode entry/exit are built in (they run with the
# MMU off); p7kvm_hv.ko is the /dev/p7kvm device.  No function tracing or
# instrumentation in code that may run in real mode.

ccflags-y := -Werror -I\$(srctree)/\$(src)/include -I\$(srctree)/\$(src)/env/kernel
ccflags-remove-y += \$(CC_FLAGS_FTRACE)
KASAN_SANITIZE := n
KCSAN_SANITIZE := n
KCOV_INSTRUMENT := n
UBSAN_SANITIZE := n

obj-\$(CONFIG_P7KVM) += $hvc env/kernel/p7kvm_entry.o env/kernel/p7kvm_hrfid.o \
	env/kernel/p7kvm_trace.o
obj-\$(CONFIG_P7KVM_DEV) += p7kvm_hv.o
p7kvm_hv-y := env/kernel/hv_module.o
EOF
series_diff p1 "$TMP/0001.diff"
{
	header 1/2 "powerpc: p7kvm hooks (Kconfig, Kbuild; KVMTEST to p7kvm's exit)" \
		"CONFIG_P7KVM builds arch/powerpc/p7kvm/ and selects KVM_BOOK3S_64_HANDLER."
	cat "$TMP/0001.diff"
} >"$OUT/0001-powerpc-p7kvm-hooks.patch"

# ---- 0002: the HV core and the module -----------------------------------------
P=$TMP/p2
D=$P/b/arch/powerpc/p7kvm
mkdir -p "$P/a" "$D/include/hv" "$D/env/kernel"
cp "$ROOT"/hv/*.c "$D/"
cp "$ROOT"/hv/include/hv/*.h "$D/include/hv/"
for f in hv_env.h hv_module.c p7kvm_entry.c p7kvm_hrfid.S p7kvm_trace.c p7kvm_trace.h \
	 p7kvm_uapi.h; do
	cp "$ROOT/hv/env/kernel/$f" "$D/env/kernel/"
done
series_diff p2 "$TMP/0002.diff"
{
	header 2/2 "powerpc/p7kvm: the HV core from hv/, real-mode entry/exit, /dev/p7kvm" \
		"Generated from hv/ (the same sources as the simulator build)."
	cat "$TMP/0002.diff"
} >"$OUT/0002-powerpc-p7kvm-hv-core.patch"
ls -1 "$OUT"/*.patch
