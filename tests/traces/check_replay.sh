#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# check_replay.sh P7TRACE TRACE EXPECT: replay TRACE; EXPECT's first line is
# the exit status, its second an extended regex the output must match.
P7TRACE=$1 TRACE=$2 EXPECT=$3
want=$(sed -n 1p "$EXPECT")
pat=$(sed -n 2p "$EXPECT")
out=$("$P7TRACE" replay "$TRACE" 2>&1)
st=$?
echo "$out"
if [ "$st" != "$want" ]; then
	echo "FAIL: exit status $st, expected $want"
	exit 1
fi
if ! echo "$out" | grep -Eq "$pat"; then
	echo "FAIL: output does not match /$pat/"
	exit 1
fi
