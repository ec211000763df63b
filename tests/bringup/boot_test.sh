#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# boot_test.sh: milestone 1 of the bring-up rehearsal (docs/bringup.md).  The
# powernv host kernel (tools/bringup/build-host.sh, cached) boots on QEMU
# powernv8/POWER8 with skiboot into a static, libc-free /init that prints one
# line and powers off; the test requires that line, the kernel's own banner
# of a POWER8 in hypervisor mode, and QEMU ending by the power-off.
#
# Usage: tests/bringup/boot_test.sh SOURCE-DIR WORK-DIR
# Exit:  0 passed, 1 failed, 77 skipped (the reason printed).
set -euo pipefail

SRC=$1
WORK=$2
CROSS=${P7_LINUX_CROSS:-powerpc64-linux-gnu-}
rm -rf "$WORK"
mkdir -p "$WORK"

fail() { echo "bringup.boot: FAIL: $*"; exit 1; }
command -v "${CROSS}gcc" >/dev/null 2>&1 || { echo "bringup: skipped: ${CROSS}gcc not found"; exit 77; }
# Checked before the kernel build, so a machine without QEMU does not build it.
"$SRC/tools/bringup/run-powernv.sh" --check || exit 77

rc=0
out=$("$SRC/tools/bringup/build-host.sh") || rc=$?
[ "$rc" = 0 ] || { echo "$out"; [ "$rc" = 77 ] && exit 77; fail "host kernel build"; }
KDIR=$(tail -n 1 <<<"$out")

"${CROSS}gcc" -O2 -static -nostdlib -ffreestanding -fno-stack-protector -mcpu=power7 \
	-Wall -Wextra -Werror -o "$WORK/init" "$SRC/tests/bringup/init_hello.c" ||
	fail "building /init"
cat >"$WORK/initramfs.list" <<-LIST
	dir /dev 0755 0 0
	nod /dev/console 0600 0 0 c 5 1
	file /init $WORK/init 0755 0 0
LIST
"$KDIR/gen_init_cpio" "$WORK/initramfs.list" >"$WORK/initramfs.cpio" || fail "gen_init_cpio"

rc=0
"$SRC/tools/bringup/run-powernv.sh" --timeout 300 "$KDIR/vmlinux" "$WORK/initramfs.cpio" \
	"console=hvc0 loglevel=6" >"$WORK/console.log" 2>&1 || rc=$?
tr -d '\r' <"$WORK/console.log" >"$WORK/console.txt"
show() { tail -n 40 "$WORK/console.txt"; }
[ "$rc" = 124 ] && { show; fail "QEMU still running after 300 s (no power-off)"; }
[ "$rc" = 0 ] || { show; fail "QEMU exited with status $rc"; }
grep -q 'OPAL' "$WORK/console.txt" || { show; fail "no skiboot/OPAL output"; }
grep -qE 'Linux version 6\.1\.' "$WORK/console.txt" || { show; fail "no kernel banner"; }
grep -q 'PLAT: Detected QEMU POWER8 platform' "$WORK/console.txt" ||
	{ show; fail "skiboot did not find the QEMU POWER8 platform"; }
grep -qE '^platform[[:space:]]*: PowerNV$' "$WORK/console.txt" ||
	{ show; fail "the kernel did not probe the PowerNV platform (/proc/cpuinfo)"; }
grep -qE '^cpu[[:space:]]*: POWER8' "$WORK/console.txt" || { show; fail "/proc/cpuinfo names no POWER8"; }
grep -qxF 'p7kvm-bringup: init ran on the powernv host' "$WORK/console.txt" ||
	{ show; fail "/init's line is missing"; }
grep -q 'OPAL: Shutdown request' "$WORK/console.txt" || { show; fail "no OPAL power-down"; }
echo "bringup.boot: PASS (kernel $KDIR, console $WORK/console.txt)"
