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
# The guests: the demo guest (GUEST.elf) and the p7sim test guests of
# GUEST-DIR listed in GUESTS below, each in a VM of its own, one boot.
#
# Usage: tests/bringup/rehearsal_test.sh SOURCE-DIR WORK-DIR P7SIM P7TRACE GUEST.elf GUEST-DIR P7VMM
# Exit:  0 passed, 1 failed, 77 skipped (the reason printed).
set -euo pipefail

SRC=$1
WORK=$2
P7SIM=$3
P7TRACE=$4
GUEST=$5
GDIR=$6
# NAME KERNEL-ADDR SEED FILE: p7sim run --kernel-addr KERNEL-ADDR --seed SEED FILE
GUESTS="demo 0x400000 0 $GUEST
hello 0 0 $GDIR/p_hello.elf
hcalls 0 42 $GDIR/p_hcalls.elf
smc 0 0 $GDIR/p_smc.elf
codewrite 0 0 $GDIR/p_codewrite.elf
ea_top 0 0 $GDIR/p_ea_top.elf"
P7VMM=$7
rm -rf "$WORK"
mkdir -p "$WORK"

fail() { echo "bringup.rehearsal: FAIL: $*"; exit 1; }
skip() { echo "bringup: skipped: $*"; exit 77; }
"$SRC/tools/bringup/run-powernv.sh" --check || exit 77
# Built with the tree (tests/bringup/CMakeLists.txt): static, cross-compiled.
[ -x "$P7VMM" ] || skip "$P7VMM not built (it needs powerpc64-linux-gnu-gcc with a static C" \
	"library, package libc6-dev-ppc64-cross, at configure time)"

# ---- the reference: the same guests through the simulator --------------------
while read -r name addr seed file; do
	[ -r "$file" ] || skip "$file not built (no powerpc64 cross compiler at build time)"
	"$P7SIM" run --kernel-addr "$addr" --seed "$seed" "$file" </dev/null >"$WORK/$name.p7sim" \
		2>"$WORK/$name.p7sim.err" || { cat "$WORK/$name.p7sim.err"; fail "p7sim run $file failed"; }
done <<<"$GUESTS"

# ---- the host kernel, the VMM, the initramfs -----------------------------------
rc=0
out=$("$SRC/tools/bringup/build-host.sh" --patched) || rc=$?
[ "$rc" = 0 ] || { echo "$out"; [ "$rc" = 77 ] && exit 77; fail "patched host kernel build"; }
KDIR=$(tail -n 1 <<<"$out")
KO=$KDIR/arch/powerpc/p7kvm/p7kvm_hv.ko
[ -f "$KO" ] || fail "the patched build made no p7kvm_hv.ko"

{
	printf '%s\n' 'dir /dev 0755 0 0' 'nod /dev/console 0600 0 0 c 5 1' 'dir /sys 0755 0 0' \
		'dir /proc 0755 0 0' 'dir /guests 0755 0 0' "file /init $P7VMM 0755 0 0" \
		"file /p7kvm_hv.ko $KO 0644 0 0" "file /guests.list $WORK/guests.list 0644 0 0"
	while read -r name addr seed file; do
		echo "file /guests/$name.elf $file 0644 0 0"
	done <<<"$GUESTS"
} >"$WORK/initramfs.list"
while read -r name addr seed file; do
	echo "$name $addr $seed /guests/$name.elf"
done <<<"$GUESTS" >"$WORK/guests.list"
"$KDIR/gen_init_cpio" "$WORK/initramfs.list" >"$WORK/initramfs.cpio" || fail "gen_init_cpio"

# ---- the run ---------------------------------------------------------------------
rc=0
"$SRC/tools/bringup/run-powernv.sh" --timeout 600 "$KDIR/vmlinux" "$WORK/initramfs.cpio" \
	"console=hvc0 loglevel=4 P7VMM_TRACE" >"$WORK/console.log" 2>&1 || rc=$?
tr -d '\r' <"$WORK/console.log" >"$WORK/console.txt"
show() { grep -A200 'Linux version' "$WORK/console.txt" | tail -n 60; }
[ "$rc" = 124 ] && { show; fail "QEMU still running after 600 s"; }

# Each step; the first one missing is where the rehearsal stopped.
step()
{
	if ! grep -q "^p7vmm: $1" "$WORK/console.txt"; then
		show
		fail "stopped before 'p7vmm: $1' (console: $WORK/console.txt)"
	fi
	echo "bringup.rehearsal: step passed: $1"
}
step 'module p7kvm_hv.ko loaded'
while read -r name addr seed file; do
	for s in "guest $name: " 'VM created (HPT order 24)' '256 MB of guest memory added and mapped' \
		 'vcpu 0 created' 'guest loaded, entry ' "console begin $name\$" \
		 "console end $name\$" "trace begin $name\$" "trace end $name\$"; do
		step "$s"
	done
	sed -n "/^p7vmm: console begin $name\$/,/^p7vmm: console end $name\$/p" \
		"$WORK/console.txt" | sed '1d;$d' >"$WORK/$name.kernel"
	if ! cmp -s "$WORK/$name.p7sim" "$WORK/$name.kernel"; then
		diff -u "$WORK/$name.p7sim" "$WORK/$name.kernel" || true
		fail "$name: the console through the kernel flavour differs from p7sim run's"
	fi
	echo "bringup.rehearsal: $name: the console equals p7sim run's" \
		"($(wc -l <"$WORK/$name.kernel") lines)"

	# The host's trace of this guest, as read from /sys/kernel/tracing/trace:
	# p7vmm sends it as gzip in base64 lines (tools/bringup/gzip.c).
	sed -n "/^p7vmm: trace begin $name\$/,/^p7vmm: trace end $name\$/p" \
		"$WORK/console.txt" | sed '1d;$d' >"$WORK/$name.trace.b64"
	base64 -d <"$WORK/$name.trace.b64" | gzip -dc >"$WORK/$name.trace.txt" ||
		fail "$name: the host's trace ($WORK/$name.trace.b64) is not gzip in base64"
	echo "bringup.rehearsal: $name: $(wc -c <"$WORK/$name.trace.txt") bytes of trace," \
		"$(wc -c <"$WORK/$name.trace.b64") on the console"
	nev=$(grep -c 'kvm_guest_exit:' "$WORK/$name.trace.txt" || true)
	[ "$nev" -gt 0 ] || fail "$name: no kvm_guest_exit event in the host's trace"
	"$P7TRACE" stat "$WORK/$name.trace.txt" </dev/null >"$WORK/$name.trace.stat" 2>&1 ||
		{ cat "$WORK/$name.trace.stat"; fail "$name: p7trace cannot import the host's trace"; }
	rc2=0
	"$P7TRACE" replay "$WORK/$name.trace.txt" </dev/null >"$WORK/$name.replay" 2>&1 || rc2=$?
	[ "$rc2" = 0 ] && grep -q 'identical' "$WORK/$name.replay" ||
		{ cat "$WORK/$name.replay"; fail "$name: the host's trace does not replay identical"; }
	echo "bringup.rehearsal: $name: $nev exits traced by the host, replay:" \
		"$(grep -o 'identical: .*replayed' "$WORK/$name.replay")"
done <<<"$GUESTS"
step 'done'

# The demo's partition really ran: HDEC took the CPU back (0x980), the HV
# core served H_ENTER and H_CEDE in the kernel, the guest MSR had HV = 0.
for want in 'trap=0x980 ' 'trap=0xc00 ' 'hcall=0x8 ' 'hcall=0xe0 ' 'msr=0x8000000000001000, '; do
	grep -q "$want" "$WORK/demo.trace.txt" ||
		fail "demo: the host's trace has no '$want' event (HDEC exit, sc 1, H_ENTER, H_CEDE, MSR)"
done
# H_ENTER took the real-mode hcall path (hv_vcpu_exit_fast): its records were
# made with the MMU off and queued (p7kvm_trace.c counts them).
rm=$(sed -n '/^p7vmm: console end demo$/,/^p7vmm: guest powered off/s/.*, \([0-9]*\) trace records from real mode$/\1/p' \
	"$WORK/console.txt")
[ -n "$rm" ] && [ "$rm" -gt 0 ] || fail "demo: no trace record from the real-mode hcall path"
echo "bringup.rehearsal: demo: $(grep -c 'trap=0x980 ' "$WORK/demo.trace.txt") HDEC exits," \
	"$rm trace records from the real-mode hcall path"
[ "$rc" = 0 ] || fail "QEMU exited with status $rc"
echo "bringup.rehearsal: PASS"
