#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# run-powernv.sh: boot a powernv host kernel on QEMU's POWER8 powernv model
# (skiboot as firmware) with an initramfs, until the kernel powers off or the
# time limit passes (docs/bringup.md).  The console (skiboot, then the
# kernel's OPAL hvc0) goes to stdout.
#
# Usage: tools/bringup/run-powernv.sh [--timeout SECONDS] VMLINUX INITRAMFS [KERNEL-ARGS]
#        tools/bringup/run-powernv.sh --check   (only: are QEMU and skiboot there?)
# Exit:  QEMU's status (0 after the OPAL power-down), 124 on the time limit,
#        77 when qemu-system-ppc64 or skiboot is missing
#        ("bringup: skipped: <reason>").
set -euo pipefail

QEMU=${P7_QEMU_PPC64:-qemu-system-ppc64}
SKIBOOT=${P7_SKIBOOT:-/usr/share/qemu/skiboot.lid}
TIMEOUT=600
CHECK=0
[ "${1:-}" = --check ] && CHECK=1
if [ "${1:-}" = --timeout ]; then
	TIMEOUT=$2
	shift 2
fi
[ "$CHECK" = 1 ] || [ $# -ge 2 ] || { sed -n 's/^# Usage: /usage: /p' "$0" >&2; exit 2; }
VMLINUX=${1:-}
INITRD=${2:-}
ARGS=${3:-console=hvc0 quiet}

command -v "$QEMU" >/dev/null 2>&1 ||
	{ echo "bringup: skipped: $QEMU not found (package qemu-system-ppc)"; exit 77; }
[ -r "$SKIBOOT" ] ||
	{ echo "bringup: skipped: $SKIBOOT not found (package qemu-system-ppc ships skiboot)"; exit 77; }
[ "$CHECK" = 0 ] || exit 0

# One POWER8 core, one thread: the HV core runs single-threaded (thread 0 of a
# core whose siblings are offline), like the 2011 POWER7 code.
#
# No PCI: by default QEMU gives the chip three PHB3 host bridges, and skiboot
# spends about 9 s of TCG time resetting them and waiting for links that have
# nothing behind them; nothing here uses PCI.  -nodefaults leaves them out,
# but also the serial port the console is on (given back as -serial
# mon:stdio, what -nographic adds by default) and the BMC simulator with its
# IPMI BT interface, through which skiboot powers the machine off (added back
# with the IRQ QEMU's default one uses).
exec timeout --foreground -k 5 "$TIMEOUT" "$QEMU" -M powernv8 -cpu POWER8 -smp 1 -m 2G \
	-nodefaults -nographic -serial mon:stdio \
	-device ipmi-bmc-sim,id=bmc0 -device isa-ipmi-bt,bmc=bmc0,irq=10 \
	-no-reboot -bios "$SKIBOOT" \
	-kernel "$VMLINUX" -initrd "$INITRD" -append "$ARGS" </dev/null
