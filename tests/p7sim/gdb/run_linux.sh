#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# run_linux.sh RUN_GDB P7SIM GDB: the tiny Linux kernel's vmlinux (cached by
# tests/linux/build-kernel.sh, the linux_kernel_tiny fixture) debugged
# through run_gdb.sh with linux.gdb; p7sim must end killed (status 8).
# Exit 77 (skipped) when the kernel cannot be built here.
RUN_GDB=$1 P7SIM=$2 GDB=$3
HERE=$(cd "$(dirname "$0")" && pwd)
vmlinux=$("$HERE/../../linux/build-kernel.sh" --print-path tiny 2>/dev/null | tail -n 1)
st=$?
if [ ! -f "$vmlinux" ]; then
	echo "skipped: no tiny vmlinux (tests/linux/build-kernel.sh tiny: $st)"
	exit 77
fi
exec "$RUN_GDB" "$P7SIM" "$GDB" "$HERE/linux.gdb" "$HERE/linux.expect" 8 "$vmlinux" \
	--max-insns 4000000000 --rtc 2024-01-01 "$vmlinux"
