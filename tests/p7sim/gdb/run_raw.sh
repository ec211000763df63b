#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# run_raw.sh P7SIM CLIENT SCENARIO STATUS [p7sim run arguments...]
# Starts p7sim --gdb on a unix socket (with --gdb-wait, except for
# interrupt_kill, which attaches to a running guest), runs the raw protocol
# client's SCENARIO against it, and checks the client passed and p7sim
# exited with STATUS (never a crash).
P7SIM=$1 CLIENT=$2 SCEN=$3 WANT=$4
shift 4
for a in "$@"; do
	case $a in
	*/guests/*.elf)
		if [ ! -f "$a" ]; then
			echo "skipped: $a was not built (no powerpc64-linux-gnu-gcc)"
			exit 77
		fi ;;
	esac
done
tmp=$(mktemp -d)
trap 'kill $pid 2>/dev/null; rm -rf "$tmp"' EXIT
wait_opt=--gdb-wait
[ "$SCEN" = interrupt_kill ] && wait_opt=
"$P7SIM" run --gdb "unix:$tmp/sock" $wait_opt "$@" >"$tmp/out" 2>"$tmp/err" </dev/null &
pid=$!
n=0
while [ ! -S "$tmp/sock" ] && [ $n -lt 500 ]; do
	sleep 0.02
	n=$((n + 1))
done
"$CLIENT" "$SCEN" "$tmp/sock" >"$tmp/client" 2>&1
cst=$?
n=0
while kill -0 $pid 2>/dev/null && [ $n -lt 3000 ]; do
	sleep 0.02
	n=$((n + 1))
done
if kill -0 $pid 2>/dev/null; then
	echo "FAIL: p7sim still runs 60 s after the client ended"
	kill -9 $pid
fi
wait $pid
st=$?
if [ $cst -ne 0 ] || [ "$st" != "$WANT" ]; then
	echo "FAIL: client status $cst, p7sim status $st (expected $WANT)"
	echo "--- client"; cat "$tmp/client"
	echo "--- p7sim stderr"; cat "$tmp/err"
	exit 1
fi
echo "ok: $SCEN: $(grep -c '^ok' "$tmp/client") replies checked, p7sim exit $st"
