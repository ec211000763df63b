#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# build-host.sh: build the BE ppc64 powernv host kernel of the bring-up
# rehearsal (docs/bringup.md) from Debian's linux-source-6.1, optionally with
# the p7kvm patch series applied, and cache it.
#
#   config: allnoconfig + kernel/configs/tiny.config + tools/bringup/powernv.config
#           (+ tools/bringup/p7kvm.config with --patched)
#   source: the tree tests/linux/build-kernel.sh unpacks under $P7_LINUX_CACHE
#           (default $HOME/.cache/p7kvm/linux), read only.  With --patched the
#           series from tools/bringup/gen-patches.sh is applied to a hard-linked
#           copy of it (a patched file is unlinked first, so the shared tree
#           never changes).
#
# The kernel is cached in $P7_LINUX_CACHE/powernv[-p7kvm]-<key>, the key a
# hash of the fragments, the patch series, the package version, the compiler
# and LAYOUT below: an unchanged input costs nothing; the KEEP most recently
# used kernels of a flavour are kept.  A patched build starts
# from a copy of the newest patched build (same source path, so make rebuilds
# only what the changed patch touched).
#
# Usage: tools/bringup/build-host.sh [--print-path] [--patched]
# Prints the path of the output directory (vmlinux, gen_init_cpio, and with
# --patched the module p7kvm_hv.ko) on its last line.
# Exit:  0 built or cached, 1 failed, 77 skipped (missing tool or source,
#        printed as "bringup: skipped: <reason>").
set -euo pipefail

SKIP=77
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
TARBALL=${P7_LINUX_SOURCE_TARBALL:-/usr/src/linux-source-6.1.tar.xz}
CACHE=${P7_LINUX_CACHE:-${HOME:-/root}/.cache/p7kvm/linux}
CROSS=${P7_LINUX_CROSS:-powerpc64-linux-gnu-}
JOBS=${P7_LINUX_JOBS:-$(nproc 2>/dev/null || echo 2)}
# Bump when the way the host kernel is configured or built changes.
LAYOUT=1
# Kernels of one flavour kept in the cache (about 95 MB each).
KEEP=4
PRINT=0
PATCHED=0

while [ $# -gt 0 ]; do
	case $1 in
	--print-path) PRINT=1 ;;
	--patched) PATCHED=1 ;;
	-h|--help) sed -n '/^# Usage:/,/^set /p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
	*) echo "bringup: unknown argument '$1'" >&2; exit 1 ;;
	esac
	shift
done

say() { echo "bringup: $*" >&2; }
skip() { echo "bringup: skipped: $*"; exit $SKIP; }
fail() { echo "bringup: FAIL: $*" >&2; exit 1; }

for tool in "${CROSS}gcc" "${CROSS}ld" make gcc flex bison bc perl xz tar flock sha256sum \
	    patch; do
	command -v "$tool" >/dev/null 2>&1 ||
		skip "'$tool' not found (sh tools/install-deps.sh installs it)"
done
[ -r "$TARBALL" ] || skip "$TARBALL not found (package linux-source-6.1)"

# The unpacked source: tests/linux/build-kernel.sh owns it; let it unpack.
pkgver=$(dpkg-query -W -f='${Version}' linux-source-6.1 2>/dev/null || echo unknown)
tarid=$(stat -L -c '%s-%Y' "$TARBALL")
ccver=$("${CROSS}gcc" -dumpfullversion 2>/dev/null || "${CROSS}gcc" -dumpversion)
srcid=${pkgver//[^A-Za-z0-9.+-]/_}-$(printf '%s\n' "$tarid" | sha256sum | cut -c1-8)
SRC=$CACHE/src-$srcid
if [ ! -f "$SRC/.p7kvm-unpacked" ]; then
	say "unpacking the kernel source (tests/linux/build-kernel.sh)"
	mkdir -p "$CACHE"
	exec 8>"$SRC.lock"
	flock -x 8
	if [ ! -f "$SRC/.p7kvm-unpacked" ]; then
		rm -rf "$SRC"
		mkdir -p "$SRC"
		xz -T0 -dc "$TARBALL" | tar -x -C "$SRC" --strip-components=1 ||
			fail "unpacking $TARBALL"
		touch "$SRC/.p7kvm-unpacked"
	fi
	flock -u 8
fi

FRAGS=("$SRC/kernel/configs/tiny.config" "$HERE/powernv.config")
NAME=powernv
SERIES=
if [ "$PATCHED" = 1 ]; then
	NAME=powernv-p7kvm
	FRAGS+=("$HERE/p7kvm.config")
	SERIES=$(mktemp -d "${TMPDIR:-/tmp}/p7kvm-series.XXXXXX")
	trap 'rm -rf "$SERIES"' EXIT
	"$HERE/gen-patches.sh" "$SRC" "$SERIES" >/dev/null || fail "generating the patch series"
fi
key=$( { cat "${FRAGS[@]}"; [ -z "$SERIES" ] || cat "$SERIES"/*.patch;
	printf '%s\n' "$LAYOUT" "$srcid" "$ccver"; } | sha256sum | cut -c1-12)
OUT=$CACHE/$NAME-$key

exec 9>"$CACHE/$NAME.lock"
flock -x 9
if [ -f "$OUT/.p7kvm-built" ]; then
	say "cached $NAME kernel $OUT"
	touch "$OUT"
else
	t0=$(date +%s)
	KSRC=$SRC
	prev=
	if [ "$PATCHED" = 1 ]; then
		# One patched tree at a fixed path, so that object directories
		# built from it stay valid for the next series.
		KSRC=$CACHE/$NAME-src
		rm -rf "$KSRC"
		cp -al "$SRC" "$KSRC"
		for p in "$SERIES"/*.patch; do
			# Unlink every file the patch changes from the shared tree.
			sed -n 's,^+++ b/,,p' "$p" | while read -r f; do
				[ -f "$KSRC/$f" ] || continue
				cp --preserve=timestamps "$KSRC/$f" "$KSRC/$f.p7kvm-tmp"
				mv "$KSRC/$f.p7kvm-tmp" "$KSRC/$f"
			done
			patch -s -p1 -d "$KSRC" <"$p" || fail "applying $(basename "$p")"
		done
		# The newest earlier build, finished or not: make redoes what
		# is out of date (Kbuild deletes the target of a failed step).
		prev=$(ls -1td "$CACHE/$NAME"-*/ 2>/dev/null |
			grep -E -- "/$NAME-[0-9a-f]{12}/\$" | head -n 1 || true)
		prev=${prev%/}
	fi
	if [ -n "$prev" ] && [ "$prev" != "$OUT" ]; then
		say "building the $NAME kernel in $OUT, starting from $prev"
		rm -rf "$OUT"
		cp -a "$prev" "$OUT"
		rm -f "$OUT/.p7kvm-built"
	elif [ -n "$prev" ]; then
		say "building the $NAME kernel in $OUT, continuing an unfinished build"
	else
		say "building the $NAME kernel in $OUT (linux-source-6.1 $pkgver, gcc $ccver)"
		rm -rf "$OUT"
		mkdir -p "$OUT"
	fi
	KMAKE=(make -s -C "$KSRC" O="$OUT" ARCH=powerpc CROSS_COMPILE="$CROSS")
	LOG=$OUT/build.log
	cat "${FRAGS[@]}" >"$OUT/allconfig"
	"${KMAKE[@]}" KCONFIG_ALLCONFIG="$OUT/allconfig" allnoconfig >"$LOG" 2>&1 ||
		{ tail -n 30 "$LOG" >&2; fail "make allnoconfig"; }
	for f in "${FRAGS[@]:1}"; do
		while IFS= read -r line; do
			case $line in
			CONFIG_*=*) grep -qxF "$line" "$OUT/.config" ||
				fail "kernel config lacks $line (from $(basename "$f"))" ;;
			"# CONFIG_"*" is not set")
				opt=${line#\# }; opt=${opt%% *}
				! grep -q "^$opt=" "$OUT/.config" || fail "kernel config sets $opt" ;;
			esac
		done <"$f"
	done
	"${KMAKE[@]}" -j"$JOBS" vmlinux modules >>"$LOG" 2>&1 ||
		{ tail -n 40 "$LOG" >&2; fail "make vmlinux modules (log: $LOG)"; }
	gcc -O2 -o "$OUT/gen_init_cpio" "$SRC/usr/gen_init_cpio.c" ||
		fail "building gen_init_cpio"
	touch "$OUT/.p7kvm-built"
	say "built $NAME kernel in $(( $(date +%s) - t0 )) s: $OUT"
	# Keep the KEEP most recently used kernels of this flavour (worktrees
	# with different hv/ share the cache); powernv-<key> is not
	# powernv-p7kvm-<key>.
	n=0
	for old in $(ls -1td "$CACHE/$NAME"-*/ 2>/dev/null); do
		old=${old%/}
		[[ ${old#"$CACHE/$NAME-"} =~ ^[0-9a-f]{12}$ ]] || continue
		n=$((n + 1))
		[ "$n" -gt "$KEEP" ] && [ "$old" != "$OUT" ] || continue
		rm -rf "$old" && say "removed the least recently used kernel $old"
	done
fi
echo "$OUT"
