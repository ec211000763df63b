#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# engine_resume.sh P7SIM B_EXC.elf B_HCALL_RM.elf B_HCALL_KERNEL.elf: stops
# the model answers inside the engine's run cost no engine restart
# (sim_run_stop, docs/engine.md), counted by p7sim --stats.  For each guest,
# 1000 more iterations of its loop must add exactly:
#  - b_exc (trap, program interrupt at the guest's 0x700, rfid): no run and
#    2000 answered stops;
#  - b_hcall_rm (H_SET_DABR, a real-mode hcall: hv_exit_turn answers it in
#    the guest partition): no run and 1000 answered stops;
#  - b_hcall_kernel (H_SET_SPRG0, a virtual-mode hcall: the full exit and
#    the partition switch): 1000 runs, as many answered stops.
P7SIM=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# "RUNS ANSWERED" from p7sim --stats for: guest, loop count.
figures() {
	"$P7SIM" run --stats --quiet --append "$2" "$1" >/dev/null 2>"$tmp/err" </dev/null ||
		{ echo "FAIL: p7sim run $1 $2" >&2; cat "$tmp/err" >&2; exit 1; }
	sed -n 's/^p7sim: engine: \([0-9]*\) runs, \([0-9]*\) stops answered inside a run$/\1 \2/p' \
		"$tmp/err"
}

# check NAME GUEST MORE_RUNS MORE_ANSWERED
bad=0
check() {
	a=$(figures "$2" 1000) || exit 1
	b=$(figures "$2" 2000) || exit 1
	set -- "$1" "$3" "$4" $a $b
	if [ $# -ne 7 ]; then
		echo "FAIL: $1: no engine line in p7sim --stats"
		bad=1
	elif [ $(($6 - $4)) -ne "$2" ] || [ $(($7 - $5)) -ne "$3" ]; then
		echo "FAIL: $1: 1000 iterations: $4 runs, $5 answered; 2000: $6 runs, $7 answered" \
			"(want $2 more runs, $3 more answered)"
		bad=1
	else
		echo "ok: $1: $4 runs, $5 answered for 1000 iterations; +$2 runs, +$3 answered" \
			"for 1000 more"
	fi
}
check b_exc "$2" 0 2000
check b_hcall_rm "$3" 0 1000
check b_hcall_kernel "$4" 1000 0
exit $bad
