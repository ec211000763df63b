#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# run_gdb.sh P7SIM GDB SCRIPT EXPECT STATUS SYMS [p7sim run arguments...]
#
# Starts `p7sim run --gdb unix:SOCK --gdb-wait ARGS` and drives it with
# `GDB -batch -x SCRIPT` (in SCRIPT, @SOCK@ becomes the socket and @SYMS@
# the symbol file SYMS).  With P7_GDB_TCP=1 in the environment p7sim listens
# on tcp::0 instead, and @SOCK@ is the host:port it reports on stderr.  Checks that every line of EXPECT (an
# extended regular expression) matches gdb's output, in that order, and that
# p7sim exits with STATUS.  Exit 77 (skipped) without gdb or a built guest.
P7SIM=$1 GDB=$2 SCRIPT=$3 EXPECT=$4 WANT=$5 SYMS=$6
shift 6
if ! command -v "$GDB" >/dev/null 2>&1; then
	echo "skipped: $GDB not installed (tools/install-deps.sh)"
	exit 77
fi
for a in "$SYMS" "$@"; do
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
spec=unix:$tmp/sock
[ -n "${P7_GDB_TCP:-}" ] && spec=tcp::0
"$P7SIM" run --gdb "$spec" --gdb-wait "$@" >"$tmp/out" 2>"$tmp/err" </dev/null &
pid=$!
n=0
where=$tmp/sock
while [ $n -lt 500 ]; do
	if [ -n "${P7_GDB_TCP:-}" ]; then
		where=$(sed -n 's/^p7sim: gdb: waiting for a debugger on tcp:\(.*\)$/\1/p' "$tmp/err")
		[ -n "$where" ] && break
	elif [ -S "$tmp/sock" ]; then
		break
	fi
	sleep 0.02
	n=$((n + 1))
done
sed -e "s|@SOCK@|$where|g" -e "s|@SYMS@|$SYMS|g" "$SCRIPT" >"$tmp/script"
timeout 120 "$GDB" -batch -nx -x "$tmp/script" >"$tmp/gdb" 2>&1 </dev/null
n=0
while kill -0 $pid 2>/dev/null && [ $n -lt 1500 ]; do
	sleep 0.02
	n=$((n + 1))
done
if kill -0 $pid 2>/dev/null; then
	echo "FAIL: p7sim still runs 30 s after gdb ended"
	kill -9 $pid
fi
wait $pid
st=$?
fail=0
if [ "$st" != "$WANT" ]; then
	echo "FAIL: p7sim exit status $st, expected $WANT"
	fail=1
fi
# Every expected line in order: each search starts after the previous match.
from=1
while IFS= read -r pat; do
	[ -z "$pat" ] && continue
	line=$(tail -n +"$from" "$tmp/gdb" | grep -n -E -m1 -- "$pat" | cut -d: -f1)
	if [ -z "$line" ]; then
		echo "FAIL: gdb output lacks (after line $from): $pat"
		fail=1
		break
	fi
	from=$((from + line))
done <"$EXPECT"
if [ $fail -ne 0 ]; then
	echo "--- gdb output"; cat "$tmp/gdb"
	echo "--- p7sim stderr"; cat "$tmp/err"
	echo "--- p7sim stdout"; cat "$tmp/out"
	exit 1
fi
echo "ok: $(basename "$SCRIPT"), p7sim exit $st"
