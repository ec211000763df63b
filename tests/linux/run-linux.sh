#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# run-linux.sh: boot a guest kernel with the test initramfs on p7sim or QEMU
# and judge the run (docs/linux-guests.md).
#
#   run-linux.sh (--p7sim P7SIM [--max-insns N] | --qemu QEMU) --kernel NAME|VMLINUX
#                --smp N --initrd FILE [--timeout S] [--log FILE]
#
# NAME (tiny, pseries) is looked up with build-kernel.sh --print-path (built
# when it is not cached yet).  The kernel command line is
# "console=hvc0 p7.cpus=N": /init checks that N cpus came online.
#
# Passes when the machine powered off by itself after /init printed
# "P7INIT: PASS n/n".  Fails, printing the reason and the console tail, on a
# FAIL line, a kernel panic (p7sim exit 7, or "Kernel panic" on the console),
# a hang (p7sim exit 4 at --max-insns; QEMU or p7sim still running after
# --timeout seconds) or any other exit.
# Exit: 0 pass, 1 fail, 77 skipped (no kernel, initramfs or emulator).
set -uo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
SKIP=77
P7SIM= QEMU= KERNEL= SMP= INITRD= LOG= MAX_INSNS=4000000000 TIMEOUT=900
TAIL=${P7_LINUX_TAIL:-40}

usage() {
	sed -n '/^#   run-linux/,/^#  *--smp/p' "$0" | sed 's/^# \{0,1\}//' >&2
	exit 1
}
skip() { echo "linux: skipped: $*"; exit $SKIP; }

while [ $# -gt 0 ]; do
	case $1 in
	--p7sim) P7SIM=$2; shift 2 ;;
	--qemu) QEMU=$2; shift 2 ;;
	--kernel) KERNEL=$2; shift 2 ;;
	--smp) SMP=$2; shift 2 ;;
	--initrd) INITRD=$2; shift 2 ;;
	--max-insns) MAX_INSNS=$2; shift 2 ;;
	--timeout) TIMEOUT=$2; shift 2 ;;
	--log) LOG=$2; shift 2 ;;
	*) usage ;;
	esac
done
[ -n "$KERNEL" ] && [ -n "$SMP" ] && [ -n "$INITRD" ] || usage
[ -n "$P7SIM$QEMU" ] && [ -z "$P7SIM" -o -z "$QEMU" ] || usage
case $SMP in ''|*[!0-9]*) usage ;; esac

[ -r "$INITRD" ] ||
	skip "no initramfs $INITRD (needs powerpc64-linux-gnu-gcc and linux-source-6.1)"
if [ -f "$KERNEL" ]; then
	VMLINUX=$KERNEL
else
	VMLINUX=$("$HERE/build-kernel.sh" --print-path "$KERNEL")
	rc=$?
	[ $rc = $SKIP ] && skip "no $KERNEL kernel: $VMLINUX"
	[ $rc = 0 ] && [ -f "$VMLINUX" ] || { echo "linux: FAIL: building the $KERNEL kernel"; exit 1; }
fi
if [ -n "$QEMU" ]; then
	command -v "$QEMU" >/dev/null 2>&1 || skip "$QEMU not found (package qemu-system-ppc)"
	MACHINE=qemu
else
	MACHINE=p7sim
fi

APPEND="console=hvc0 p7.cpus=$SMP"
OWN_LOG=0
if [ -z "$LOG" ]; then
	LOG=$(mktemp "${TMPDIR:-/tmp}/p7-linux.XXXXXX")
	OWN_LOG=1
fi
ERR=$LOG.stderr

if [ $MACHINE = p7sim ]; then
	# A fixed RTC keeps the run deterministic (docs/p7sim.md).
	CMD=("$P7SIM" run --smp "$SMP" --initrd "$INITRD" --append "$APPEND"
	     --max-insns "$MAX_INSNS" --rtc 2024-01-01 "$VMLINUX")
else
	# No firmware (x-vof), no VGA; a panic does not reboot, so the watch below ends it.
	CMD=("$QEMU" -M pseries,x-vof=on -cpu POWER7 -vga none -nographic -no-reboot
	     -m 512 -smp "$SMP" -kernel "$VMLINUX" -initrd "$INITRD" -append "$APPEND")
fi
echo "linux: $MACHINE: ${CMD[*]}"

# Run in the background and watch the console: a panicked kernel never
# powers off, and there is no point waiting for the timeout then.
t0=$(date +%s)
"${CMD[@]}" </dev/null >"$LOG" 2>"$ERR" &
pid=$!
status=
why=
while :; do
	if ! kill -0 $pid 2>/dev/null; then
		wait $pid
		status=$?
		break
	fi
	if grep -aq "Kernel panic" "$LOG"; then
		sleep 2
		why="kernel panic"
		break
	fi
	if [ $(( $(date +%s) - t0 )) -ge "$TIMEOUT" ]; then
		why="hang: still running after $TIMEOUT s"
		break
	fi
	sleep 0.2
done
if [ -z "$status" ]; then
	kill $pid 2>/dev/null
	wait $pid 2>/dev/null
fi
secs=$(( $(date +%s) - t0 ))
tr -d '\r' <"$LOG" >"$LOG.clean" && mv "$LOG.clean" "$LOG"

# The console says more than an exit status: a panic that then ran into
# --max-insns (panic_timeout spins) is a panic.
if [ -z "$why" ] && grep -aq "Kernel panic" "$LOG"; then
	why="kernel panic${status:+ ($MACHINE exit $status)}"
fi
if [ -z "$why" ]; then
	case $MACHINE:$status in
	*:0) ;;
	p7sim:4) why="hang: p7sim stopped at --max-insns $MAX_INSNS (exit 4)" ;;
	p7sim:7) why="kernel panic: p7sim exit 7 (ibm,os-term)" ;;
	p7sim:6) why="the guest rebooted (p7sim exit 6)" ;;
	p7sim:2) why="no vcpu can make progress (p7sim exit 2)" ;;
	*) why="$MACHINE exited with status $status" ;;
	esac
fi
summary=$(grep -a '^P7INIT: \(PASS\|FAIL\) ' "$LOG" | tail -n 1)
if [ -z "$why" ]; then
	if grep -aq '^P7INIT: FAIL' "$LOG"; then
		why="a check failed: $(grep -a '^P7INIT: FAIL' "$LOG" | head -n 1)"
	elif ! printf '%s\n' "$summary" | grep -q '^P7INIT: PASS \([0-9]*\)/\1$'; then
		why="powered off without a P7INIT: PASS summary"
	fi
fi

if [ -n "$why" ]; then
	echo "linux: FAIL: $MACHINE --smp $SMP $(basename "$(dirname "$VMLINUX")"): $why (${secs} s)"
	echo "---- console tail ($LOG) ----"
	tail -n "$TAIL" "$LOG"
	if [ -s "$ERR" ]; then
		echo "---- $MACHINE stderr ----"
		tail -n 10 "$ERR"
	fi
	exit 1
fi
grep -a '^P7INIT: ' "$LOG"
[ -s "$ERR" ] && grep -a '^p7sim:' "$ERR"
echo "linux: PASS: $MACHINE --smp $SMP $(basename "$(dirname "$VMLINUX")"): $summary (${secs} s)"
[ $OWN_LOG = 1 ] && rm -f "$LOG" "$ERR"
exit 0
