#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# no_source.sh BUILD.sh: with no source checkout ($P7_KUT_SRC absent) and a
# clone that cannot work ($P7_KUT_GIT_URL names nothing), BUILD.sh must skip:
# exit 77, its last line "kut: skipped: no kvm-unit-tests source: ...", and
# nothing left behind in $P7_KUT_CACHE but its lock file.
BUILD=$1
rm -rf "$P7_KUT_CACHE"
out=$("$BUILD" 2>&1)
st=$?
echo "$out"
last=$(printf '%s\n' "$out" | tail -n 1)
fail=0
[ "$st" = 77 ] || { echo "FAIL: exit status $st, expected 77"; fail=1; }
case $last in
"kut: skipped: no kvm-unit-tests source: "*) ;;
"kut: skipped: '"*"' not found"*) echo "skipped: a build tool is missing"; exit 77 ;;
*) echo "FAIL: last line is not the reason: $last"; fail=1 ;;
esac
left=$(cd "$P7_KUT_CACHE" 2>/dev/null && ls -A | grep -v '\.lock$')
[ -z "$left" ] || { echo "FAIL: left behind in $P7_KUT_CACHE: $left"; fail=1; }
rm -rf "$P7_KUT_CACHE"
exit $fail
