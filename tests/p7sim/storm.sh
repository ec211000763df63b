#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# storm.sh P7SIM P7TRACE STATUS STDERR MAXBYTES [p7sim arguments...]
# Runs p7sim with --trace on a guest (one in an exception storm, or one whose
# trace is hard to replay) and checks: exit status STATUS within the ctest
# timeout (no hang), stderr matches STDERR ("-": not checked), the trace stays
# under MAXBYTES and passes `p7trace check` and `p7trace replay`.
# Exit 77 when a guest under the build's guests/ was not built.
P7SIM=$1 P7TRACE=$2 WANT=$3 ERR=$4 MAX=$5
shift 5
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
trap 'rm -rf "$tmp"' EXIT
"$P7SIM" run --trace "$tmp/t.p7t" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
st=$?
fail=0
[ "$st" = "$WANT" ] || { echo "FAIL: exit status $st, expected $WANT"; fail=1; }
[ "$ERR" = - ] || grep -Eq "$ERR" "$tmp/err" || { echo "FAIL: stderr does not match /$ERR/"; fail=1; }
size=$(wc -c <"$tmp/t.p7t")
[ "$size" -le "$MAX" ] || { echo "FAIL: trace of $size bytes, more than $MAX"; fail=1; }
"$P7TRACE" check "$tmp/t.p7t" >"$tmp/check" 2>&1 ||
	{ echo "FAIL: p7trace check:"; cat "$tmp/check"; fail=1; }
"$P7TRACE" replay "$tmp/t.p7t" >"$tmp/replay" 2>&1 ||
	{ echo "FAIL: p7trace replay:"; cat "$tmp/replay"; fail=1; }
if [ $fail = 1 ]; then
	echo "--- stdout"; head -5 "$tmp/out"
	echo "--- stderr"; head -5 "$tmp/err"
	exit 1
fi
echo "ok: status $st, trace $size bytes, checked and replayed"
