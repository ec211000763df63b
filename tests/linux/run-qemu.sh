#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# run-qemu.sh: the reference runs, the test initramfs under QEMU's pseries
# machine with --smp 1, 2 and 4 (or the counts given), each of which must
# print P7INIT: PASS and power off (docs/linux-guests.md).
#
#   run-qemu.sh [--kernel tiny|pseries|VMLINUX] [--initrd FILE] [N...]
#
# The initramfs defaults to build/tests/linux/init.cpio (cmake --build build).
set -uo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
KERNEL=tiny
INITRD=$HERE/../../build/tests/linux/init.cpio
while [ $# -gt 0 ]; do
	case $1 in
	--kernel) KERNEL=$2; shift 2 ;;
	--initrd) INITRD=$2; shift 2 ;;
	-*) sed -n '/^#   run-qemu/p' "$0" | sed 's/^# *//' >&2; exit 1 ;;
	*) break ;;
	esac
done
[ $# -gt 0 ] || set -- 1 2 4

rc=0
for n in "$@"; do
	"$HERE/run-linux.sh" --qemu qemu-system-ppc64 --kernel "$KERNEL" --smp "$n" \
		--initrd "$INITRD" --timeout "${P7_QEMU_TIMEOUT:-300}" || rc=$?
done
exit $rc
