#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# kmod-check.sh: prove that hv/ builds as an out-of-tree module for a Linux 6.1
# ppc64 big-endian POWER7 kernel (docs/kmod.md says what that does and does
# not prove).
#
#   1. Prepare Debian's linux-source-6.1 for ARCH=powerpc: ppc64_defconfig with
#      POWER7_CPU, KVM_BOOK3S_64_HV=m; `make modules_prepare`.  The prepared
#      tree is cached under $P7_KMOD_CACHE (default $HOME/.cache/p7kvm/kmod),
#      keyed on the package version, the configuration steps and the compiler,
#      and locked with flock so that concurrent runs share it safely.
#   2. Copy hv/ to a scratch directory (Kbuild writes objects next to the
#      sources) and build p7kvm_hv.ko with -Werror and sparse (C=1,
#      CF=-Wsparse-error).  The build includes the generated constant check
#      (hv/env/kernel/gen_consts_check.awk): every value hv/env/sim/hv_consts.h
#      gives must equal the kernel's.
#   3. Check the .ko with readelf: ELF64 PowerPC64, big endian, REL, with
#      .modinfo and .gnu.linkonce.this_module.
#   4. Prove the checks are live: build the constant check again with one
#      value changed (P7_KMOD_INJECT, default HPTE_V_HVLOCK) and a probe with a
#      byte-order slip; the first must fail naming that constant, the second
#      with a sparse error.
#   5. checkpatch.pl --no-tree --terse -f on hv/*.c and hv/env/kernel/*;
#      ERROR lines fail the check, warnings are only counted.
#
# What steps 2, 4 and 5 produce (the build log, the .ko, the generated
# constant check, the log of the broken build, checkpatch's output) is kept
# in $CACHE/results/<key> after a run that passed, the key a hash of every
# file of hv/, this script, the prepared tree's key, the tools' binaries and
# the environment make reads.  A run whose key is there reuses those outputs
# instead of producing them again (an identical build gives identical
# outputs) and runs every check of steps 2-5 on them as if just built; any
# change of an input is a new key and a full build.  --rebuild (or
# P7_KMOD_REUSE=0) builds regardless.
#
# Usage: tools/kmod-check.sh [--work DIR] [--keep] [--prepare-only] [--no-live-check] [--rebuild]
# Exit:  0 passed, 1 failed, 77 skipped (a missing tool or linux-source; the
#        reason is printed as "kmod: skipped: <reason>").
set -euo pipefail

SKIP=77
SRC=$(cd "$(dirname "$0")/.." && pwd)
TARBALL=${P7_LINUX_SOURCE_TARBALL:-/usr/src/linux-source-6.1.tar.xz}
CACHE=${P7_KMOD_CACHE:-${HOME:-/root}/.cache/p7kvm/kmod}
CROSS=${P7_KMOD_CROSS:-powerpc64-linux-gnu-}
INJECT=${P7_KMOD_INJECT:-HPTE_V_HVLOCK}
JOBS=$(nproc 2>/dev/null || echo 2)
WORK=
KEEP=0
PREPARE_ONLY=0
LIVE_CHECK=1
REUSE=${P7_KMOD_REUSE:-1}
# Passing results kept in $CACHE/results (about 0.1 MB each).
KEEP_RESULTS=8

# Bump when the unpack list or the way the tree is prepared changes.
LAYOUT=1
# The kernel configuration, applied with scripts/config after ppc64_defconfig.
CONFIG_STEPS="--disable POWERPC64_CPU --enable POWER7_CPU --enable CPU_BIG_ENDIAN
--enable MODULES --enable VIRTUALIZATION --enable KVM_BOOK3S_64_HANDLER
--module KVM_BOOK3S_64 --module KVM_BOOK3S_64_HV"
# What olddefconfig must have kept.
CONFIG_EXPECT='CONFIG_KVM_BOOK3S_64_HV=m
CONFIG_CPU_BIG_ENDIAN=y
CONFIG_POWER7_CPU=y
CONFIG_TARGET_CPU="power7"
CONFIG_MODULES=y
CONFIG_PPC_BOOK3S_64=y'
# The parts of the tree the configuration, modules_prepare, the module build
# and checkpatch read; everything else of the 1.5 GB tree is left packed.
UNPACK_PATHS=(Makefile Kbuild Kconfig scripts include arch/powerpc
	kernel/bounds.c kernel/time/timeconst.bc lib/vdso tools/include)
UNPACK_GLOBS=('*/Kconfig*')

usage()
{
	sed -n '/^# Usage:/,/^set /p' "$0" | sed '$d; s/^# \{0,1\}//'
}

while [ $# -gt 0 ]; do
	case $1 in
	--work) WORK=$2; shift ;;
	--keep) KEEP=1 ;;
	--prepare-only) PREPARE_ONLY=1 ;;
	--no-live-check) LIVE_CHECK=0 ;;
	--rebuild) REUSE=0 ;;
	-h|--help) usage; exit 0 ;;
	*) echo "kmod: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
	esac
	shift
done

T0=$(date +%s.%N)
now()
{
	awk -v a="$T0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'
}
say()
{
	echo "kmod: [$(now)s] $*"
}
skip()
{
	echo "kmod: skipped: $*"
	exit $SKIP
}
fail()
{
	echo "kmod: FAIL: $*"
	exit 1
}

# ---- 0. prerequisites: a missing one skips, loudly ------------------------

for tool in "${CROSS}gcc" "${CROSS}ld" "${CROSS}readelf" make gcc flex bison bc perl xz tar \
	    flock sparse awk sha256sum; do
	command -v "$tool" >/dev/null 2>&1 ||
		skip "'$tool' not found (sh tools/install-deps.sh installs it)"
done
[ -r "$TARBALL" ] || skip "$TARBALL not found (package linux-source-6.1)"

# ---- 1. the prepared kernel tree (cached) ---------------------------------

pkgver=$(dpkg-query -W -f='${Version}' linux-source-6.1 2>/dev/null || echo unknown)
tarid=$(stat -L -c '%s-%Y' "$TARBALL")
ccver=$("${CROSS}gcc" -dumpfullversion 2>/dev/null || "${CROSS}gcc" -dumpversion)
key=$(printf '%s\n' "$LAYOUT" "$pkgver" "$tarid" "$ccver" "$CONFIG_STEPS" \
	"${UNPACK_PATHS[*]}" "${UNPACK_GLOBS[*]}" | sha256sum | cut -c1-12)
TREE=$CACHE/linux-6.1-${pkgver//[^A-Za-z0-9.+-]/_}-$key
KMAKE=(make -s -C "$TREE" ARCH=powerpc CROSS_COMPILE="$CROSS")

prepare_tree()
{
	say "preparing $TREE (linux-source-6.1 $pkgver, gcc $ccver)"
	rm -rf "$TREE"
	mkdir -p "$TREE"
	# The tarball has one top directory (linux-source-6.1/): strip it.
	top=linux-source-6.1
	members=()
	for p in "${UNPACK_PATHS[@]}"; do
		members+=("$top/$p")
	done
	for g in "${UNPACK_GLOBS[@]}"; do
		members+=("$top/$g")
	done
	xz -dc "$TARBALL" | tar -x -C "$TREE" --strip-components=1 --wildcards "${members[@]}" ||
		fail "unpacking $TARBALL"
	say "unpacked $(du -sm "$TREE" | cut -f1) MB"
	"${KMAKE[@]}" ppc64_defconfig >"$TREE/.p7kvm-config.log" 2>&1 ||
		{ cat "$TREE/.p7kvm-config.log"; fail "make ppc64_defconfig"; }
	# shellcheck disable=SC2086 # CONFIG_STEPS is a word list on purpose
	"$TREE/scripts/config" --file "$TREE/.config" $CONFIG_STEPS
	"${KMAKE[@]}" olddefconfig >>"$TREE/.p7kvm-config.log" 2>&1 ||
		{ cat "$TREE/.p7kvm-config.log"; fail "make olddefconfig"; }
	while IFS= read -r want; do
		grep -qxF "$want" "$TREE/.config" || fail "kernel config lacks $want"
	done <<<"$CONFIG_EXPECT"
	say "configured: ppc64_defconfig + POWER7_CPU, KVM_BOOK3S_64_HV=m"
	"${KMAKE[@]}" -j"$JOBS" modules_prepare >"$TREE/.p7kvm-prepare.log" 2>&1 ||
		{ tail -n 40 "$TREE/.p7kvm-prepare.log"; fail "make modules_prepare"; }
	# Written last: a run interrupted before this point starts over.
	printf '%s\n' "$pkgver" "$key" >"$TREE/.p7kvm-prepared"
	say "prepared kernel tree, $(du -sm "$TREE" | cut -f1) MB"
	# Trees of other versions or configurations are stale: drop those no run holds.
	for old in "$CACHE"/linux-6.1-*; do
		case $old in
		"$TREE"|"$TREE.lock"|*.lock) continue ;;
		esac
		[ -d "$old" ] || continue
		if (flock -n -x 8 && rm -rf "$old" "$old.lock") 8>>"$old.lock"; then
			say "removed stale tree $old"
		fi
	done
}

# A prepared tree is only read, by any number of runs holding the lock shared;
# preparing it takes the lock exclusive and checks again, because another run
# may have prepared it meanwhile (flock converts a lock by dropping it first).
mkdir -p "$CACHE"
exec 9>"$TREE.lock"
flock -s 9
if [ -f "$TREE/.p7kvm-prepared" ]; then
	say "using cached kernel tree $TREE"
else
	flock -x 9
	if [ -f "$TREE/.p7kvm-prepared" ]; then
		say "using kernel tree $TREE, prepared by a concurrent run"
	else
		prepare_tree
	fi
	flock -s 9
fi

if [ "$PREPARE_ONLY" = 1 ]; then
	say "prepare only: done"
	exit 0
fi

# ---- 2. the module, from a scratch copy of hv/ ----------------------------

if [ -z "$WORK" ]; then
	WORK=$(mktemp -d "${TMPDIR:-/tmp}/p7kvm-kmod.XXXXXX")
	[ "$KEEP" = 1 ] || trap 'rm -rf "$WORK"' EXIT
else
	rm -rf "$WORK"
	mkdir -p "$WORK"
fi
MOD=$WORK/hv
mkdir -p "$MOD"
# hv/ is sources only (no objects are ever written there); copy all of it.
cp -R "$SRC/hv/." "$MOD/"
find "$MOD" \( -name '*.o' -o -name '*.ko' -o -name '.*.cmd' \) -delete

LOG=$WORK/build.log
ILOG=$WORK/inject.log
CPLOG=$WORK/checkpatch.log
KO=$MOD/p7kvm_hv.ko
CONSTS=$MOD/env/kernel/hv_consts_check.c

# The key of the outputs of steps 2, 4 and 5: everything they are made from.
# The tools are identified by their binaries, not their version strings.
tool_ids()
{
	local t p
	for t in "${CROSS}gcc" "$("${CROSS}gcc" -print-prog-name=cc1)" "${CROSS}as" "${CROSS}ld" \
		 sparse make gcc perl awk; do
		p=$(command -v "$t" || echo "$t")
		p=$(readlink -f "$p")
		echo "$t $p $(sha256sum <"$p" | cut -c1-64)"
	done
}
rkey=$( { (cd "$MOD" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum &&
	   find . -type l -printf '%p -> %l\n' | LC_ALL=C sort);
	  sha256sum <"$0"; tool_ids;
	  printf '%s\n' "$key" "$CROSS" "$INJECT" "$LIVE_CHECK";
	  env | LC_ALL=C sort |
	  sed -n -E '/^(ARCH|CROSS_COMPILE|KBUILD_[A-Z_]*|K[A-Z]*FLAGS|CHECKFLAGS|LLVM[A-Z_]*|SOURCE_DATE_EPOCH)=/p'
	} | sha256sum | cut -c1-16)
RESULTS=$CACHE/results
HIT=
if [ "$REUSE" = 1 ] && [ -f "$RESULTS/$rkey/.p7kvm-passed" ]; then
	HIT=$RESULTS/$rkey
	touch "$HIT"
	say "inputs unchanged since a passing run (key $rkey): reusing its outputs," \
		"checking them again (--rebuild builds)"
fi

ncfiles=$(find "$SRC/hv" -maxdepth 1 -name '*.c' | wc -l)
built=built
if [ -n "$HIT" ]; then
	built="built (by the run of $(date -r "$HIT/.p7kvm-passed" '+%F %T'))"
	cp "$HIT/build.log" "$LOG"
	cp "$HIT/p7kvm_hv.ko" "$KO"
	cp "$HIT/hv_consts_check.c" "$CONSTS"
else
	say "building p7kvm_hv.ko from $ncfiles hv/*.c file(s) (-Werror, sparse -Wsparse-error)"
	if ! "${KMAKE[@]}" M="$MOD" -j"$JOBS" C=1 CF=-Wsparse-error modules >"$LOG" 2>&1; then
		cat "$LOG"
		fail "module build failed (compiler error, sparse warning or constant mismatch above)"
	fi
fi
# sparse exits non-zero on its warnings only with -Wsparse-error: belt and braces.
if grep -E '^[^ ]+:[0-9]+:[0-9]+: (warning|error):' "$LOG"; then
	fail "diagnostics in the module build (above)"
fi
nconsts=$(grep -c '^_Static_assert' "$CONSTS" || true)
[ "$nconsts" -gt 0 ] || fail "the constant check asserts nothing"
say "module $built; $nconsts constants of hv/env/sim/hv_consts.h equal the kernel's"
undef=$(sed -n 's/^WARNING: modpost: "\([^"]*\)".*undefined!$/\1/p' "$LOG" | sort | tr '\n' ' ')
[ -z "$undef" ] || say "symbols left to the kernel (not checked without Module.symvers): $undef"

# ---- 3. the .ko ------------------------------------------------------------

[ -f "$KO" ] || fail "$KO was not produced"
hdr=$("${CROSS}readelf" -h "$KO")
for want in 'Class: *ELF64' "Data: *2's complement, big endian" 'Type: *REL ' \
	    'Machine: *PowerPC64'; do
	grep -q "$want" <<<"$hdr" || { echo "$hdr"; fail "p7kvm_hv.ko header lacks '$want'"; }
done
secs=$("${CROSS}readelf" -S -W "$KO")
for s in .modinfo .gnu.linkonce.this_module; do
	grep -qF " $s " <<<"$secs" || fail "p7kvm_hv.ko has no $s section"
done
modinfo=$("${CROSS}readelf" -p .modinfo "$KO")
for want in 'license=GPL' 'vermagic=6\.1\.' 'name=p7kvm_hv'; do
	grep -q "$want" <<<"$modinfo" || { echo "$modinfo"; fail ".modinfo lacks $want"; }
done
say "p7kvm_hv.ko: ELF64 PowerPC64 big-endian REL, $(stat -c %s "$KO") bytes," \
	"$(sed -n 's/.*vermagic=//p' <<<"$modinfo")"

# ---- 4. the checks must be able to fail ----------------------------------

# One make run, two deliberate faults: the constant check built with one sim
# value made wrong, and a probe that reads a big-endian HPTE doubleword as a
# CPU-order integer, which only sparse can see.  Both must fail, each for its
# own reason; otherwise the passing build above proved less than it claims.
if [ "$LIVE_CHECK" = 1 ]; then
	grep -q "^#define[[:space:]]\+$INJECT[[:space:]]" "$SRC/hv/env/sim/hv_consts.h" ||
		fail "P7_KMOD_INJECT=$INJECT is not a constant of hv/env/sim/hv_consts.h"
	if [ -n "$HIT" ]; then
		cp "$HIT/inject.log" "$ILOG"
	else
		cp "$CONSTS" "$WORK/hv_consts_check.c"
		cat >"$MOD/env/kernel/sparse_probe.c" <<-'EOF'
		// SPDX-License-Identifier: GPL-2.0-only
		#include "hv_env.h"

		u64 hv_sparse_probe(hv_be64 *hpte);
		u64 hv_sparse_probe(hv_be64 *hpte)
		{
			return *hpte;	/* wrong: hv_hpte_load() converts the byte order */
		}
		EOF
		if "${KMAKE[@]}" M="$MOD" -k C=1 CF=-Wsparse-error P7_CONSTS_INJECT="$INJECT" \
			env/kernel/hv_consts_check.o env/kernel/sparse_probe.o >"$ILOG" 2>&1; then
			cat "$ILOG"
			fail "the deliberately broken build succeeded"
		fi
	fi
	grep -q "static assertion failed: \"$INJECT:" "$ILOG" ||
		{ cat "$ILOG"; fail "constant check is not live: a wrong $INJECT did not fail it"; }
	grep -q "sparse_probe.c:.*incorrect type in return expression" "$ILOG" ||
		{ cat "$ILOG"; fail "sparse is not live: the byte-order probe did not fail"; }
	say "the checks are live: a wrong $INJECT and a byte-order slip each fail the build"
	# Leave the scratch copy as the true build made it.
	rm -f "$MOD/env/kernel/hv_consts_check.c" "$MOD/env/kernel/sparse_probe.c"
fi

# ---- 5. checkpatch ----------------------------------------------------------

mapfile -t cp_files < <(cd "$SRC" && ls hv/*.c hv/env/kernel/*.[ch] 2>/dev/null)
if [ -n "$HIT" ]; then
	cp "$HIT/checkpatch.log" "$CPLOG"
else
	(cd "$SRC" && perl "$TREE/scripts/checkpatch.pl" --no-tree --terse --show-types \
		--max-line-length=100 -f "${cp_files[@]}") >"$CPLOG" 2>&1 || true
fi
nerr=$(grep -c ': ERROR:' "$CPLOG" || true)
nwarn=$(grep -c ': WARNING:' "$CPLOG" || true)
if [ "$nerr" -gt 0 ]; then
	grep ': ERROR:' "$CPLOG"
	fail "checkpatch: $nerr error(s) in ${#cp_files[@]} file(s)"
fi
say "checkpatch: ${#cp_files[@]} file(s), no errors, $nwarn warning(s)"
[ "$nwarn" -eq 0 ] || grep ': WARNING:' "$CPLOG" | sed 's/^/kmod:   /'

# Keep what this run produced for the next run with the same inputs: written
# under a temporary name and renamed, so a reader never sees half of it.
if [ -z "$HIT" ]; then
	mkdir -p "$RESULTS"
	tmp=$(mktemp -d "$RESULTS/.new-$rkey.XXXXXX")
	cp "$LOG" "$KO" "$CPLOG" "$tmp/"
	if [ "$LIVE_CHECK" = 1 ]; then
		cp "$ILOG" "$tmp/"
		cp "$WORK/hv_consts_check.c" "$tmp/"
	else
		cp "$CONSTS" "$tmp/"
	fi
	touch "$tmp/.p7kvm-passed"
	rm -rf "$RESULTS/$rkey"
	mv -T "$tmp" "$RESULTS/$rkey" 2>/dev/null || rm -rf "$tmp"
	# The KEEP_RESULTS most recently used; the rest are stale, and so are
	# the temporary directories of runs that were interrupted an hour ago.
	ls -1td "$RESULTS"/*/ 2>/dev/null | tail -n +$((KEEP_RESULTS + 1)) | xargs -r rm -rf
	find "$RESULTS" -maxdepth 1 -name '.new-*' -mmin +60 -exec rm -rf {} + 2>/dev/null || true
fi

say "PASS"
