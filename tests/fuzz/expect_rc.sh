#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# expect_rc.sh RC PATTERN CMD [ARGS...]: runs CMD, shows its output, and
# passes when it exits with RC and its output (stdout and stderr) matches
# the extended regular expression PATTERN ("" matches anything).
rc_want=$1
pattern=$2
shift 2
out=$("$@" 2>&1)
rc=$?
printf '%s\n' "$out"
if [ "$rc" -ne "$rc_want" ]; then
	echo "expect_rc: FAIL: exit status $rc, expected $rc_want: $*"
	exit 1
fi
if [ -n "$pattern" ] && ! printf '%s\n' "$out" | grep -E -q -- "$pattern"; then
	echo "expect_rc: FAIL: output does not match /$pattern/: $*"
	exit 1
fi
echo "expect_rc: ok: exit status $rc"
