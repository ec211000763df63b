#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# rehearsal_test.sh: the bring-up rehearsal (docs/bringup.md).  The patched
# powernv host kernel (tools/bringup/build-host.sh --patched: the series of
# tools/bringup/gen-patches.sh, generated from hv/) boots on QEMU
# powernv8/POWER8; /init is p7vmm (tools/bringup/vmm.c), which loads
# p7kvm_hv.ko and runs GUEST.elf in a partition through /dev/p7kvm.  The
# test requires, step by step (the first missing step fails it, named):
#   module loaded, VM created, memory added and mapped, vcpu created, guest
#   loaded, and the guest's console equal to `p7sim run GUEST.elf`'s.
#
# and then the trace: the kvm_hv events of the run, read from the host's
# tracing directory, imported by `p7trace` on this machine and replayed
# against the HV core built for the simulator, must replay identical.
#
# Usage: tests/bringup/rehearsal_test.sh SOURCE-DIR WORK-DIR P7SIM P7TRACE GUEST.elf
# Exit:  0 passed, 1 failed, 77 skipped (the reason printed).
set -euo pipefail

SRC=$1
WORK=$2
P7SIM=$3
P7TRACE=$4
GUEST=$5
CROSS=${P7_LINUX_CROSS:-powerpc64-linux-gnu-}
rm -rf "$WORK"
mkdir -p "$WORK"

fail() { echo "bringup.rehearsal: FAIL: $*"; exit 1; }
skip() { echo "bringup: skipped: $*"; exit 77; }
command -v "${CROSS}gcc" >/dev/null 2>&1 || skip "${CROSS}gcc not found"
"$SRC/tools/bringup/run-powernv.sh" --check || exit 77
[ -r "$GUEST" ] || skip "$GUEST not built (no powerpc64 cross compiler at build time)"
# The VMM links the C library statically (tools/p7sim's platform code uses it).
echo 'int main(void) { return 0; }' >"$WORK/probe.c"
"${CROSS}gcc" -static -o "$WORK/probe" "$WORK/probe.c" 2>/dev/null ||
	skip "no static C library for ${CROSS}gcc (package libc6-dev-ppc64-cross)"

# ---- the reference: the same guest through the simulator --------------------
"$P7SIM" run "$GUEST" >"$WORK/p7sim.console" 2>"$WORK/p7sim.stderr" ||
	{ cat "$WORK/p7sim.stderr"; fail "p7sim run $GUEST failed"; }

# ---- the host kernel, the VMM, the initramfs -----------------------------------
rc=0
out=$("$SRC/tools/bringup/build-host.sh" --patched) || rc=$?
[ "$rc" = 0 ] || { echo "$out"; [ "$rc" = 77 ] && exit 77; fail "patched host kernel build"; }
KDIR=$(tail -n 1 <<<"$out")
KO=$KDIR/arch/powerpc/p7kvm/p7kvm_hv.ko
[ -f "$KO" ] || fail "the patched build made no p7kvm_hv.ko"

P=$SRC/tools/p7sim
"${CROSS}gcc" -O2 -static -Wall -Werror -I"$P" -I"$SRC/hv/env/sim" -I"$SRC/hv/include" \
	-I"$SRC/tools/trace" -I"$SRC/hv/env/kernel" -o "$WORK/p7vmm" "$SRC/tools/bringup/vmm.c" \
	"$P/console.c" "$P/hcall.c" "$P/ics.c" "$P/mem.c" "$P/names.c" "$P/nvram.c" \
	"$P/platform.c" "$P/rtas.c" "$P/rtc.c" "$P/xics.c" "$SRC/tools/trace/names.c" ||
	fail "building p7vmm"
cat >"$WORK/initramfs.list" <<-LIST
	dir /dev 0755 0 0
	nod /dev/console 0600 0 0 c 5 1
	dir /sys 0755 0 0
	dir /proc 0755 0 0
	file /init $WORK/p7vmm 0755 0 0
	file /p7kvm_hv.ko $KO 0644 0 0
	file /guest.elf $GUEST 0644 0 0
LIST
"$KDIR/gen_init_cpio" "$WORK/initramfs.list" >"$WORK/initramfs.cpio" || fail "gen_init_cpio"

# ---- the run ---------------------------------------------------------------------
rc=0
"$SRC/tools/bringup/run-powernv.sh" --timeout 600 "$KDIR/vmlinux" "$WORK/initramfs.cpio" \
	"console=hvc0 loglevel=4 P7VMM_TRACE" >"$WORK/console.log" 2>&1 || rc=$?
tr -d '\r' <"$WORK/console.log" >"$WORK/console.txt"
show() { grep -A200 'Linux version' "$WORK/console.txt" | tail -n 60; }
[ "$rc" = 124 ] && { show; fail "QEMU still running after 600 s"; }

# Each step in order; the first one missing is where the rehearsal stopped.
for s in 'module p7kvm_hv.ko loaded' 'VM created (HPT order 24)' \
	 '256 MB of guest memory added and mapped' 'vcpu 0 created' 'guest loaded, entry ' \
	 'console begin' 'console end' 'guest powered off: ' 'trace begin' 'trace end' \
	 'done'; do
	if ! grep -q "^p7vmm: $s" "$WORK/console.txt"; then
		show
		fail "stopped before 'p7vmm: $s' (console: $WORK/console.txt)"
	fi
	echo "bringup.rehearsal: step passed: $s"
done
sed -n '/^p7vmm: console begin$/,/^p7vmm: console end$/p' "$WORK/console.txt" |
	sed '1d;$d' >"$WORK/kernel.console"
if ! cmp -s "$WORK/p7sim.console" "$WORK/kernel.console"; then
	diff -u "$WORK/p7sim.console" "$WORK/kernel.console" || true
	fail "the guest's console through the kernel flavour differs from p7sim run's"
fi
echo "bringup.rehearsal: the guest's console equals p7sim run's ($(wc -l <"$WORK/kernel.console") lines)"

# The host's trace, as read from /sys/kernel/tracing/trace.
sed -n '/^p7vmm: trace begin$/,/^p7vmm: trace end$/p' "$WORK/console.txt" |
	sed '1d;$d' >"$WORK/host-trace.txt"
nev=$(grep -c 'kvm_guest_exit:' "$WORK/host-trace.txt" || true)
[ "$nev" -gt 0 ] || { head -n 20 "$WORK/host-trace.txt"; fail "no kvm_guest_exit event in the host's trace"; }
"$P7TRACE" stat "$WORK/host-trace.txt" >"$WORK/host-trace.stat" 2>&1 ||
	{ cat "$WORK/host-trace.stat"; fail "p7trace cannot import the host's trace"; }
# The partition really ran: HDEC took the CPU back (0x980), and the HV core
# served H_ENTER and H_CEDE in the kernel (no userspace exit in between).
for want in 'trap=0x980 ' 'trap=0xc00 ' 'hcall=0x8 ' 'hcall=0xe0 '; do
	grep -q "$want" "$WORK/host-trace.txt" ||
		fail "the host's trace has no '$want' event (HDEC exit, sc 1, H_ENTER, H_CEDE)"
done
grep -q 'msr=0x8000000000001000, ' "$WORK/host-trace.txt" ||
	fail "no exit with the guest MSR SF|ME (MSR[HV] = 0)"
echo "bringup.rehearsal: the host's trace imports: $nev kvm_guest_exit events" \
	"($(grep -c 'trap=0x980 ' "$WORK/host-trace.txt") HDEC exits)"
rc2=0
"$P7TRACE" replay "$WORK/host-trace.txt" >"$WORK/replay.out" 2>&1 || rc2=$?
cat "$WORK/replay.out"
[ "$rc2" = 0 ] && grep -q 'identical' "$WORK/replay.out" ||
	fail "the host's trace does not replay identical against the HV core (status $rc2)"
[ "$rc" = 0 ] || fail "QEMU exited with status $rc"
echo "bringup.rehearsal: PASS"
