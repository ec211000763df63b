#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# same_twice.sh P7SIM [p7sim arguments...]: two identical runs (with --stats
# and --trace) give byte-identical stdout, stderr, exit status and trace.
P7SIM=$1
shift
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# The same trace path both times: the header records the command line.
for i in 1 2; do
	"$P7SIM" run --stats --trace "$tmp/trace" "$@" >"$tmp/out$i" 2>"$tmp/err$i" </dev/null
	echo $? >"$tmp/st$i"
	mv "$tmp/trace" "$tmp/trace$i"
done
for f in out err st trace; do
	if ! cmp -s "$tmp/${f}1" "$tmp/${f}2"; then
		echo "FAIL: $f differs between two identical runs"
		diff "$tmp/${f}1" "$tmp/${f}2" | head -20
		exit 1
	fi
done
if [ ! -s "$tmp/trace1" ]; then
	echo "FAIL: empty trace"
	exit 1
fi
echo "ok: two runs identical ($(wc -c <"$tmp/trace1") trace bytes, exit $(cat "$tmp/st1"))"
