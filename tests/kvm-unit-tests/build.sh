#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# build.sh: build the powerpc tests of kvm-unit-tests (big-endian) the way
# its README says, with the powerpc64 cross compiler, and cache them
# (docs/kvm-unit-tests.md).  Nothing of kvm-unit-tests is in this repository:
# the source is a git checkout outside it.
#
#   source  $P7_KUT_SRC (default $HOME/.cache/p7kvm/kvm-unit-tests-src): a
#           git checkout or bare repository; when it does not exist it is
#           cloned from $P7_KUT_GIT_URL (the public GitLab repository).
#   commit  $P7_KUT_COMMIT (default: the commit docs/kvm-unit-tests.md was
#           measured with) when the source has it, else the source's HEAD.
#   build   $P7_KUT_CACHE/kvm-unit-tests-<commit>-<key> (default cache
#           $HOME/.cache/p7kvm): that commit exported with git archive, then
#           ./configure --arch=ppc64 --endian=big --cross-prefix=$P7_KUT_CROSS
#           and make -j$P7_KUT_JOBS (default 2).  The key covers the compiler
#           version and this script's LAYOUT, so a changed one builds anew and
#           an unchanged one costs nothing.  Concurrent runs share it (flock).
#
# Usage: tests/kvm-unit-tests/build.sh [--print-path]
# Prints the directory that holds powerpc/*.elf on its last line of output
# (with --print-path: only that on stdout, the rest on stderr).
# Exit: 0 built or cached, 1 failed, 77 skipped: no cross compiler or tool,
#       or no source and no clone possible (one line "kut: skipped: <why>").
set -euo pipefail

SKIP=77
CACHE=${P7_KUT_CACHE:-${HOME:-/root}/.cache/p7kvm}
SRC=${P7_KUT_SRC:-$CACHE/kvm-unit-tests-src}
URL=${P7_KUT_GIT_URL:-https://gitlab.com/kvm-unit-tests/kvm-unit-tests.git}
COMMIT=${P7_KUT_COMMIT:-1da1819e49fc4938985edca67df669099b4c87a7}
CROSS=${P7_KUT_CROSS:-powerpc64-linux-gnu-}
JOBS=${P7_KUT_JOBS:-2}
CLONE_TIMEOUT=${P7_KUT_CLONE_TIMEOUT:-300}
# Bump when the way the tests are configured or built changes.
LAYOUT=1
# The test programs tests/kvm-unit-tests/CMakeLists.txt runs.
ELFS="selftest spapr_hcall spapr_vpa rtas emulator interrupts timebase sprs sieve smp atomics"
PRINT=0

case ${1:-} in
--print-path) PRINT=1 ;;
"") ;;
*) echo "usage: $0 [--print-path]" >&2; exit 1 ;;
esac

say() { if [ "$PRINT" = 1 ]; then echo "kut: $*" >&2; else echo "kut: $*"; fi; }
skip() { echo "kut: skipped: $*"; exit $SKIP; }
fail() { echo "kut: FAIL: $*" >&2; exit 1; }

for tool in "${CROSS}gcc" "${CROSS}ld" "${CROSS}objcopy" make git tar flock sha256sum timeout; do
	command -v "$tool" >/dev/null 2>&1 ||
		skip "'$tool' not found (sh tools/install-deps.sh installs it)"
done

is_repo() {
	[ -d "$1/.git" ] || [ "$(git -C "$1" rev-parse --is-bare-repository 2>/dev/null)" = true ]
}

mkdir -p "$CACHE"

# ---- the source: a checkout in the cache, or a clone when there is none ----
exec 8>"$CACHE/kvm-unit-tests-src.lock"
flock -x 8
if ! is_repo "$SRC"; then
	[ -e "$SRC" ] && skip "$SRC exists but is no git checkout of kvm-unit-tests"
	say "no source at $SRC: cloning $URL"
	tmp=$SRC.clone.$$
	rm -rf "$tmp"
	if ! GIT_TERMINAL_PROMPT=0 timeout "$CLONE_TIMEOUT" git clone -q "$URL" "$tmp" \
		>/dev/null 2>&1; then
		rm -rf "$tmp"
		skip "no kvm-unit-tests source: $SRC does not exist and git clone $URL failed"
	fi
	mv "$tmp" "$SRC"
fi
flock -u 8

if git -C "$SRC" cat-file -e "$COMMIT^{commit}" 2>/dev/null; then
	commit=$(git -C "$SRC" rev-parse "$COMMIT^{commit}")
else
	commit=$(git -C "$SRC" rev-parse HEAD) || fail "$SRC has no HEAD commit"
	say "commit $COMMIT is not in $SRC: building its HEAD $commit (untested)"
fi
ccver=$("${CROSS}gcc" -dumpfullversion 2>/dev/null || "${CROSS}gcc" -dumpversion)
key=$(printf '%s\n' "$LAYOUT" "$ccver" "$CROSS" | sha256sum | cut -c1-8)
OUT=$CACHE/kvm-unit-tests-${commit:0:12}-$key

# ---- the build, once per commit and key -------------------------------------
exec 9>"$OUT.lock"
flock -x 9
if [ -f "$OUT/.p7kvm-built" ]; then
	say "cached kvm-unit-tests ${commit:0:12} in $OUT"
else
	say "building kvm-unit-tests ${commit:0:12} (ppc64, big-endian, ${CROSS}gcc $ccver, -j$JOBS) in $OUT"
	rm -rf "$OUT"
	mkdir -p "$OUT"
	LOG=$OUT/build.log
	t0=$(date +%s)
	git -C "$SRC" archive --format=tar "$commit" | tar -x -C "$OUT" ||
		fail "exporting $commit from $SRC"
	(cd "$OUT" && ./configure --arch=ppc64 --endian=big --cross-prefix="$CROSS") \
		>"$LOG" 2>&1 || { tail -n 20 "$LOG" >&2; fail "configure (log: $LOG)"; }
	make -C "$OUT" -j"$JOBS" >>"$LOG" 2>&1 ||
		{ tail -n 30 "$LOG" >&2; fail "make (log: $LOG)"; }
	for t in $ELFS; do
		[ -f "$OUT/powerpc/$t.elf" ] || fail "make built no powerpc/$t.elf (log: $LOG)"
	done
	touch "$OUT/.p7kvm-built"
	say "built in $(( $(date +%s) - t0 )) s"
	# Builds of other commits or keys are stale.
	for old in "$CACHE"/kvm-unit-tests-*; do
		case $old in "$OUT"|"$SRC"|*.lock|*.clone.*) continue ;; esac
		[ -f "$old/.p7kvm-built" ] || continue
		if (flock -n -x 7 && rm -rf "$old" "$old.lock") 7>>"$old.lock"; then
			say "removed stale build $old"
		fi
	done
fi
if [ "$PRINT" = 1 ]; then
	echo "$OUT"
else
	say "tests: $OUT/powerpc/*.elf"
	echo "$OUT"
fi
