#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# run.sh: one kvm-unit-tests invocation on p7sim, judged the way
# kvm-unit-tests' own powerpc/run judges it (scripts/arch-run.bash,
# run_test_status): a powerpc test always ends with RTAS power-off, so the
# result is the first "EXIT: STATUS=n" line of its console, written just
# before: 1 passed, 77 everything skipped, anything else (3: unexpected
# failures, 127: abort) failed.  On top of that p7sim must have ended by
# power-off (status 0), no line may start with "FAIL:", and every --expect
# line must appear exactly, so that a check turning into a skip (which still
# gives STATUS=1) is noticed too.
#
# Usage: run.sh --p7sim P7SIM --build BUILD.sh [--name NAME] [--expect LINE]...
#               [--append ARGS] [p7sim options...] TEST
# TEST is powerpc/TEST.elf of the build BUILD.sh finds (or makes).  In ARGS,
# @NOW@ becomes the host's epoch seconds (rtas get-time-of-day's date=).
# Exit: 0 passed, 1 failed, 77 skipped (no build, or the test skipped all).
set -uo pipefail

P7SIM= BUILD= APPEND= NAME= have_append=0
EXPECT=()
OPTS=()
while [ $# -gt 1 ]; do
	case $1 in
	--p7sim) P7SIM=$2; shift 2 ;;
	--build) BUILD=$2; shift 2 ;;
	--name) NAME=$2; shift 2 ;;
	--expect) EXPECT+=("$2"); shift 2 ;;
	--append) APPEND=$2; have_append=1; shift 2 ;;
	*) OPTS+=("$1"); shift ;;
	esac
done
TEST=${1:-}
if [ -z "$P7SIM" ] || [ -z "$BUILD" ] || [ -z "$TEST" ]; then
	echo "usage: $0 --p7sim P7SIM --build BUILD.sh [--name NAME] [--expect LINE]..." \
		"[--append ARGS] [p7sim options...] TEST" >&2
	exit 1
fi
NAME=${NAME:-$TEST}

dir=$("$BUILD" --print-path)
st=$?
if [ $st = 77 ]; then
	echo "$dir"
	exit 77
fi
[ $st = 0 ] || { echo "kut.$NAME: FAIL: $BUILD failed ($st)"; exit 1; }
elf=$dir/powerpc/$TEST.elf
[ -f "$elf" ] || { echo "kut.$NAME: FAIL: no $elf"; exit 1; }
if [ $have_append = 1 ]; then
	OPTS+=(--append "${APPEND//@NOW@/$(date +%s)}")
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
t0=$(date +%s.%N)
"$P7SIM" run "${OPTS[@]}" "$elf" >"$tmp/out" 2>"$tmp/err" </dev/null
pst=$?
t1=$(date +%s.%N)
secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')

status=$(grep -a -m1 '^EXIT: STATUS=' "$tmp/out" | sed 's/^EXIT: STATUS=\([0-9]*\).*/\1/')
summary=$(grep -a -m1 '^SUMMARY:' "$tmp/out" || true)
why=()
[ "$pst" = 0 ] || why+=("p7sim exit status $pst (0 is power-off)")
if [ -z "$status" ]; then
	why+=("no EXIT: STATUS line")
elif [ "$status" != 1 ] && [ "$status" != 77 ]; then
	why+=("EXIT: STATUS=$status")
fi
grep -a -q '^FAIL:' "$tmp/out" && why+=("a FAIL: line")
for line in "${EXPECT[@]}"; do
	grep -a -q -x -F -e "$line" "$tmp/out" || why+=("no line '$line'")
done

cmd="p7sim run ${OPTS[*]} $TEST.elf"
if [ ${#why[@]} -gt 0 ]; then
	echo "kut.$NAME: FAIL (${why[*]}) in $secs s: $cmd"
	echo "--- console"
	tail -n 60 "$tmp/out"
	echo "--- p7sim stderr"
	tail -n 20 "$tmp/err"
	exit 1
fi
if [ "$status" = 77 ]; then
	echo "kut.$NAME: SKIP (every check skipped) in $secs s: $cmd"
	exit 77
fi
cat "$tmp/out"
echo "kut.$NAME: PASS (${summary:-no SUMMARY line}) in $secs s: $cmd"
exit 0
