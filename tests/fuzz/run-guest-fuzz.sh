#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# run-guest-fuzz.sh [options]: the guest-driven fuzzer's runner
# (docs/p7sim.md, "The guest-driven fuzzer").  For each seed: p7fuzz-gen
# writes a script, p7sim replays it with guests/p_fuzz.elf, and the run must
#   - end with a status a guest may cause: 0 (power-off), 2 (no progress:
#     an exception storm, every vcpu stopped), 4 (--max-insns, with its
#     line), 6 (reboot), 7 (os-term) -- never 1, 3, 5, a signal or a hang;
#   - print no sanitizer report and break no hardware rule;
#   - have started the script (its banner on the console);
#   - leave a trace that `p7trace check` accepts and `p7trace replay`
#     replays identically;
#   - with --twice N, for every Nth seed: give the same stdout, status and
#     trace bytes a second time.
# A failing seed is reported with the command lines that reproduce it; its
# files are kept under --keep DIR.  Exit status: 0 all passed, 1 a seed
# failed, 2 bad usage, 77 the guest was not built (no cross compiler).
#
# Options:
#   --build DIR     the build directory (default: build/ next to tests/)
#   --seeds A-B     seeds A..B (default 1-100); --seeds N is 1..N
#   --ops K         records per script (default 500)
#   --twice N       run every Nth seed twice and compare (default 10, 0 = never)
#   --timeout S     seconds a run may take before it counts as a hang (default 300)
#   --keep DIR      where a failing seed's files go (default ./p7fuzz-failures)
#   --quiet         print failures and a progress line every 1000 seeds only
#   --case NAME     instead of seeds, one of p7fuzz-gen's hand-made scripts
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "$here/../.." && pwd)/build
first=1 last=100 ops=500 twice=10 tmo=300 keep=./p7fuzz-failures quiet=0 case=

usage() {
	sed -n 's/^# \{0,1\}//; /^run-guest-fuzz.sh/,/^  --case/p' "$0" >&2
	exit 2
}
while [ $# -gt 0 ]; do
	case $1 in
	--build) build=$2; shift ;;
	--seeds)
		case $2 in
		*-*) first=${2%-*}; last=${2#*-} ;;
		*) first=1; last=$2 ;;
		esac
		shift ;;
	--ops) ops=$2; shift ;;
	--twice) twice=$2; shift ;;
	--timeout) tmo=$2; shift ;;
	--keep) keep=$2; shift ;;
	--quiet) quiet=1 ;;
	--case) case=$2; first=0; last=0; shift ;;
	-h|--help) usage ;;
	*) echo "run-guest-fuzz.sh: unknown option $1" >&2; usage ;;
	esac
	shift
done
for n in "$first" "$last" "$ops" "$twice" "$tmo"; do
	case $n in
	''|*[!0-9]*) echo "run-guest-fuzz.sh: not a number: '$n'" >&2; exit 2 ;;
	esac
done

build=$(cd "$build" 2>/dev/null && pwd) || { echo "run-guest-fuzz.sh: no build directory" >&2; exit 2; }
gen=$build/bin/p7fuzz-gen p7sim=$build/bin/p7sim p7trace=$build/bin/p7trace
guest=$build/guests/p_fuzz.elf
for f in "$gen" "$p7sim" "$p7trace"; do
	[ -x "$f" ] || { echo "run-guest-fuzz.sh: $f not built" >&2; exit 2; }
done
if [ ! -f "$guest" ]; then
	echo "skipped: $guest was not built (no powerpc64-linux-gnu-gcc)"
	exit 77
fi
tmo_cmd=
command -v timeout >/dev/null 2>&1 && tmo_cmd="timeout -s KILL $tmo"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n_ok=0 n_fail=0 n_off=0 n_stuck=0 n_limit=0 n_reboot=0 n_term=0 n_twice=0

# run DIR ARGS: p7sim on DIR/script.bin; DIR/out, DIR/err, DIR/run.p7t, DIR/status.
# In DIR with relative names: the trace header holds the command line.
run() {
	d=$1
	shift
	(
		cd "$d" || exit 2
		# shellcheck disable=SC2086
		$tmo_cmd "$p7sim" run "$@" --kernel-addr 0 --initrd script.bin \
			--trace run.p7t "$guest" >out 2>err </dev/null
		echo $? >status
	)
}

fail() {
	n_fail=$((n_fail + 1))
	dest=$keep/$(echo "$what" | tr ' ' -)
	mkdir -p "$dest" && cp "$tmp"/a/* "$dest"/ 2>/dev/null
	echo "FAIL $what: $*"
	echo "  reproduce: $gen $genargs -o script.bin &&"
	echo "    $p7sim run $args --kernel-addr 0 --initrd script.bin --trace run.p7t $guest"
	echo "  files: $dest (script.bin, out, err, run.p7t; $gen --dump script.bin lists it)"
	sed -n '1,5s/^/  stderr: /p' "$tmp/a/err"
}

seed=$first
while [ "$seed" -le "$last" ]; do
	rm -rf "$tmp/a" "$tmp/b"
	mkdir -p "$tmp/a"
	if [ -n "$case" ]; then
		what="case $case" genargs="--case $case"
	else
		what="seed $seed" genargs="--seed $seed --ops $ops"
	fi
	# shellcheck disable=SC2086
	if ! args=$("$gen" $genargs -o "$tmp/a/script.bin"); then
		fail "p7fuzz-gen failed"
		seed=$((seed + 1))
		continue
	fi
	# shellcheck disable=SC2086
	run "$tmp/a" $args
	st=$(cat "$tmp/a/status")
	why=
	case $st in
	0) n_off=$((n_off + 1)) ;;
	2) n_stuck=$((n_stuck + 1)) ;;
	4)
		n_limit=$((n_limit + 1))
		grep -q "instruction limit reached" "$tmp/a/err" ||
			why="exit status 4 without the instruction limit line" ;;
	6) n_reboot=$((n_reboot + 1)) ;;
	7) n_term=$((n_term + 1)) ;;
	137) why="no end within ${tmo}s (killed): a hang" ;;
	5) why="exit status 5: the simulator failed" ;;
	86) why="exit status 86: a sanitizer report" ;;
	*) why="exit status $st" ;;
	esac
	if [ -z "$why" ] && grep -Eq "ERROR: (Address|Leak)Sanitizer|runtime error:|broke [0-9]+ hardware rule" "$tmp/a/err"; then
		why="a sanitizer report or a broken hardware rule on stderr"
	fi
	if [ -z "$why" ] && ! grep -q "^p7fuzz: seed " "$tmp/a/out"; then
		why="the guest did not start the script"
	fi
	if [ -z "$why" ] && ! "$p7trace" check "$tmp/a/run.p7t" >"$tmp/a/check" 2>&1; then
		why="p7trace check: $(tail -1 "$tmp/a/check")"
	fi
	if [ -z "$why" ]; then
		"$p7trace" replay "$tmp/a/run.p7t" >"$tmp/a/replay" 2>&1
		rst=$?
		[ $rst = 0 ] || [ $rst = 77 ] || why="p7trace replay (status $rst): $(head -1 "$tmp/a/replay")"
	fi
	if [ -z "$why" ] && [ "$twice" -gt 0 ] && [ $(((seed - first) % twice)) = 0 ]; then
		n_twice=$((n_twice + 1))
		mkdir -p "$tmp/b"
		cp "$tmp/a/script.bin" "$tmp/b/"
		# shellcheck disable=SC2086
		run "$tmp/b" $args
		if ! cmp -s "$tmp/a/status" "$tmp/b/status"; then
			why="not deterministic: status $st, then $(cat "$tmp/b/status")"
		elif ! cmp -s "$tmp/a/out" "$tmp/b/out"; then
			why="not deterministic: the console output differs"
		elif ! cmp -s "$tmp/a/run.p7t" "$tmp/b/run.p7t"; then
			why="not deterministic: the traces differ ($("$p7trace" diff "$tmp/a/run.p7t" "$tmp/b/run.p7t" 2>&1 | grep -m1 "difference\|identical\|p7trace:"))"
		fi
	fi
	if [ -n "$why" ]; then
		fail "$why"
	else
		n_ok=$((n_ok + 1))
		if [ $quiet = 0 ]; then
			echo "$what: status $st, $(grep -c . "$tmp/a/out") console lines, $(sed -n 's/.*ok: p7trace v1, //p' "$tmp/a/check")"
		elif [ $(((seed - first + 1) % 1000)) = 0 ]; then
			echo "... seed $seed: $n_ok passed, $n_fail failed"
		fi
	fi
	seed=$((seed + 1))
done
if [ -n "$case" ]; then
	echo "run-guest-fuzz: case $case: $n_ok passed, $n_fail failed"
	[ $n_fail = 0 ]
	exit
fi
echo "run-guest-fuzz: seeds $first-$last, $ops records each: $n_ok passed, $n_fail failed" \
	"(power-off $n_off, no progress $n_stuck, --max-insns $n_limit, reboot $n_reboot," \
	"os-term $n_term; $n_twice run twice)"
[ $n_fail = 0 ]
