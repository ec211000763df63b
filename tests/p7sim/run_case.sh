#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# run_case.sh P7SIM STATUS STDOUT STDERR [p7sim arguments...]
# Runs P7SIM with the arguments and checks: exit status == STATUS; stdout
# equals the file STDOUT ("-" = not checked); stderr matches the extended
# regular expression STDERR ("-" = not checked).  Exit 77 (skipped) when an
# argument names a guest file under the build's guests/ that was not built
# (no powerpc64 cross compiler).  stdin is /dev/null, or the file
# $P7SIM_STDIN when set (console input).
P7SIM=$1 WANT=$2 OUT=$3 ERR=$4
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
trap 'rm -rf "$tmp"' EXIT
"$P7SIM" "$@" >"$tmp/out" 2>"$tmp/err" <"${P7SIM_STDIN:-/dev/null}"
st=$?
fail=0
if [ "$st" != "$WANT" ]; then
	echo "FAIL: exit status $st, expected $WANT"
	fail=1
fi
if [ "$OUT" != "-" ] && ! cmp -s "$tmp/out" "$OUT"; then
	echo "FAIL: stdout differs from $OUT:"
	diff "$OUT" "$tmp/out" | head -40
	fail=1
fi
if [ "$ERR" != "-" ] && ! grep -Eq -e "$ERR" "$tmp/err"; then
	echo "FAIL: stderr does not match /$ERR/"
	fail=1
fi
if [ $fail = 1 ]; then
	echo "--- stdout"; head -40 "$tmp/out"
	echo "--- stderr"; head -40 "$tmp/err"
	exit 1
fi
echo "ok: $*"
exit 0
