#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# regen-traces.sh [BUILD]: record the trace corpus of tests/traces anew with
# BUILD/bin/p7sim (default: build) and rewrite each <name>.expect to "the
# replay is identical".  Run it after a deliberate change of the HV core's
# behaviour, review `git diff --stat tests/traces`, and commit.  Tests never
# do this themselves.
set -eu
cd "$(dirname "$0")/.."
B=${1:-build}
P7SIM=$B/bin/p7sim
G=$B/guests
T=tests/traces
[ -x "$P7SIM" ] || { echo "regen-traces: $P7SIM not built" >&2; exit 1; }
rec() {
	name=$1
	shift
	"$P7SIM" run --quiet --trace "$T/$name.p7t" "$@" >/dev/null
	printf '0\nidentical\n' >"$T/$name.expect"
	echo "regen-traces: $T/$name.p7t ($(wc -c <"$T/$name.p7t") bytes)"
}
rec demo --rtc 2024-01-01
rec hello --kernel-addr 0 "$G/p_hello.elf"
rec hcalls --kernel-addr 0 --seed 42 "$G/p_hcalls.elf"
rec rtc --kernel-addr 0 --rtc 2021-03-04T05:06:07 "$G/p_rtc.elf"
