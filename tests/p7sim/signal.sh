#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# signal.sh P7SIM P7TRACE GUEST SIG STATUS: run GUEST (which prints a line and
# spins forever) with --trace, send SIG once the trace file has records, and
# check: exit status STATUS, the console line reached stdout (flushed), one
# "stopped by SIG" line on stderr, and `p7trace check` accepts the trace (it
# ends at a record boundary).  Exit 77 when the guest was not built.
P7SIM=$1 P7TRACE=$2 GUEST=$3 SIG=$4 WANT=$5
if [ ! -f "$GUEST" ]; then
	echo "skipped: $GUEST was not built (no powerpc64-linux-gnu-gcc)"
	exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# A shell's background job ignores SIGINT: give p7sim the default actions back.
env --default-signal=INT,TERM "$P7SIM" run --kernel-addr 0 --rtc 2024-01-01 \
	--trace "$tmp/t.p7t" "$GUEST" >"$tmp/out" 2>"$tmp/err" </dev/null &
pid=$!
# Wait (up to 60 s) until the trace writer has flushed at least one buffer
# and the guest has printed its line (the console is flushed at each
# newline): a signal before that ends the run in the middle of the line,
# which is right, but then the line cannot be checked.
n=0
while { [ ! -s "$tmp/t.p7t" ] || ! grep -q "^spinning until a signal$" "$tmp/out"; } &&
	[ $n -lt 3000 ]; do
	sleep 0.02
	n=$((n + 1))
done
kill -s "$SIG" $pid
wait $pid
st=$?
fail=0
[ "$st" = "$WANT" ] || { echo "FAIL: exit status $st, expected $WANT"; fail=1; }
grep -q "^spinning until a signal$" "$tmp/out" ||
	{ echo "FAIL: the console line was lost"; fail=1; }
grep -Eq "^p7sim: stopped by SIG$SIG after [0-9]+ instructions$" "$tmp/err" ||
	{ echo "FAIL: stderr does not say which signal"; fail=1; }
[ "$(wc -l <"$tmp/err")" = 1 ] || { echo "FAIL: more than one line on stderr"; fail=1; }
"$P7TRACE" check "$tmp/t.p7t" >"$tmp/check" 2>&1 ||
	{ echo "FAIL: p7trace check refuses the trace"; cat "$tmp/check"; fail=1; }
if [ $fail = 1 ]; then
	echo "--- stdout"; head -5 "$tmp/out"
	echo "--- stderr"; head -5 "$tmp/err"
	exit 1
fi
echo "ok: SIG$SIG -> status $st, console flushed, trace checked"
