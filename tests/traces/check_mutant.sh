#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# check_mutant.sh MUTANT P7TRACE TRACE: the mutant HV core's replay of TRACE
# must diverge (exit 1) at the first H_REMOVE's kvm_hcall_exit, whose event
# index is read from the dump (one line per event after the '#' header).
MUTANT=$1 P7TRACE=$2 TRACE=$3
want=$("$P7TRACE" dump "$TRACE" | grep -v '^#' |
	grep -n 'kvm_hcall_exit: .*req=H_REMOVE' | head -1 | cut -d: -f1)
if [ -z "$want" ]; then
	echo "FAIL: no H_REMOVE hcall exit in $TRACE"
	exit 1
fi
want=$((want - 1))
out=$("$MUTANT" replay "$TRACE" 2>&1)
st=$?
echo "$out"
if [ "$st" != 1 ]; then
	echo "FAIL: the mutant replayed with status $st, expected 1 (different)"
	exit 1
fi
got=$(echo "$out" | sed -n 's/.*first divergence at event \([0-9]*\).*/\1/p' | head -1)
if [ "$got" != "$want" ]; then
	echo "FAIL: divergence reported at event '$got', expected $want (the H_REMOVE hcall exit)"
	exit 1
fi
echo "ok: divergence found at event $got, the H_REMOVE hcall exit"
