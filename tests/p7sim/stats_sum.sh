#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# stats_sum.sh P7SIM [p7sim run arguments...]: the --stats report's header
# exit count equals the sum of the VM-EXIT table's Samples and the Totals
# line, and its time columns are not all zero (they count the guest time
# that led to each exit).
P7SIM=$1
shift
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$P7SIM" run --stats --quiet "$@" >/dev/null 2>"$tmp/err" </dev/null
awk '
/^Analyze events/ { match($0, /\([0-9]+ exits\)/); head = substr($0, RSTART + 1, RLENGTH - 8) + 0 }
/^ +VM-EXIT +Samples/ { t = "exit"; next }
/^ +HCALL +Samples/ { t = "hcall"; next }
/^Total Samples:/ { split($2, a, /[:,]/); tot[t] = a[2] + 0; t = ""; next }
t != "" && NF >= 7 { sum[t] += $2; if ($NF != "0.00us") nonzero[t]++ }
END {
	bad = 0
	if (head == 0 || head != sum["exit"] || head != tot["exit"]) {
		printf "FAIL: header %d exits, table sum %d, totals %d\n", head, sum["exit"], tot["exit"]
		bad = 1
	}
	if (sum["hcall"] != tot["hcall"]) {
		printf "FAIL: hcall table sum %d, totals %d\n", sum["hcall"], tot["hcall"]
		bad = 1
	}
	if (!nonzero["exit"] || !nonzero["hcall"]) {
		print "FAIL: every time column prints 0.00"
		bad = 1
	}
	if (!bad)
		printf "ok: %d exits in the header and the table, %d hcalls\n", head, sum["hcall"]
	exit bad
}' "$tmp/err" || { cat "$tmp/err"; exit 1; }
