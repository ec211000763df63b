#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# coverage.sh SRC BUILD MIN: collect gcov data of the whole test run, write
# the HTML report to BUILD/coverage/, print line and branch coverage of hv/
# and sim/, and fail when hv/ line coverage is below MIN percent.
set -eu
SRC=$1
BUILD=$2
MIN=$3
OUT=$BUILD/coverage
mkdir -p "$OUT"
RC="--rc lcov_branch_coverage=1 --quiet"

lcov $RC --capture --directory "$BUILD" --base-directory "$SRC" --output-file "$OUT/all.info" \
	--ignore-errors gcov,source >/dev/null 2>&1 || true
if [ ! -s "$OUT/all.info" ]; then
	echo "coverage: no coverage data captured"
	exit 1
fi
lcov $RC --extract "$OUT/all.info" "$SRC/hv/*" --output-file "$OUT/hv.info" >/dev/null 2>&1 || true
lcov $RC --extract "$OUT/all.info" "$SRC/sim/*" --output-file "$OUT/sim.info" >/dev/null 2>&1 || true
genhtml $RC --branch-coverage --output-directory "$OUT/html" "$OUT/all.info" >/dev/null 2>&1 || true

summary() {
	# lcov --summary prints "lines......: 93.1% (x of y lines)"
	if [ -s "$2" ]; then
		lcov --rc lcov_branch_coverage=1 --summary "$2" 2>&1 |
			awk -v n="$1" '/lines\.\.\.|branches\.\.\./ { printf "%s %s %s\n", n, $1, $2 }'
	else
		echo "$1 lines......: no code"
	fi
}
{
	summary "hv/ " "$OUT/hv.info"
	summary "sim/" "$OUT/sim.info"
	echo "coverage: HTML report in $OUT/html/index.html"
} | tee "$OUT/summary.txt"

if [ -s "$OUT/hv.info" ]; then
	pct=$(lcov --summary "$OUT/hv.info" 2>&1 | awk '/lines\.\.\./ { sub("%", "", $2); print $2 }')
	if awk -v p="$pct" -v m="$MIN" 'BEGIN { exit !(p + 0 < m + 0) }'; then
		echo "coverage: FAIL: hv/ line coverage $pct% is below $MIN%" | tee -a "$OUT/summary.txt"
		exit 1
	fi
	echo "coverage: hv/ line coverage $pct% (minimum $MIN%)" | tee -a "$OUT/summary.txt"
fi
