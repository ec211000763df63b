#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# build-kernel.sh: build a BE ppc64 pseries guest vmlinux from Debian's
# linux-source-6.1 with a configuration kept in tests/linux/configs, and cache
# it (docs/linux-guests.md).
#
#   tiny     allnoconfig + kernel/configs/tiny.config + configs/tiny-power7.config
#   pseries  pseries_defconfig + configs/pseries.config
#
# The unpacked source is cached once per package version under
# $P7_LINUX_CACHE (default $HOME/.cache/p7kvm/linux); each kernel is cached
# under a key of the package version, the fragment, the compiler and this
# script's LAYOUT, so a changed fragment builds a new kernel and an unchanged
# one costs nothing.  Concurrent runs share the cache through flock.
#
# Usage: tests/linux/build-kernel.sh [--print-path | --cached] tiny|pseries
# Prints the path of the cached vmlinux on its last line of output (with
# --print-path: only that).  The directory also holds gen_init_cpio, the
# kernel tree's initramfs list tool.  --cached builds nothing: it exits 0
# when the kernel is already in the cache, 1 when it is not (.ci/run uses it
# to run the slow pseries_defconfig tests only with a warm cache).
# Exit:  0 built or cached, 1 failed, 77 skipped (missing tool or source,
#        printed as "linux: skipped: <reason>").
set -euo pipefail

SKIP=77
HERE=$(cd "$(dirname "$0")" && pwd)
TARBALL=${P7_LINUX_SOURCE_TARBALL:-/usr/src/linux-source-6.1.tar.xz}
CACHE=${P7_LINUX_CACHE:-${HOME:-/root}/.cache/p7kvm/linux}
CROSS=${P7_LINUX_CROSS:-powerpc64-linux-gnu-}
JOBS=${P7_LINUX_JOBS:-$(nproc 2>/dev/null || echo 2)}
# Bump when the way a kernel is configured or built changes.
LAYOUT=1
PRINT=0
CHECK=0

case ${1:-} in
--print-path) PRINT=1; shift ;;
--cached) CHECK=1; shift ;;
esac
NAME=${1:-}
case $NAME in
tiny) BASE=allnoconfig; FRAGS=("$HERE/configs/tiny-power7.config") ;;
pseries) BASE=pseries_defconfig; FRAGS=("$HERE/configs/pseries.config") ;;
*) echo "usage: $0 [--print-path] tiny|pseries" >&2; exit 1 ;;
esac

say() { [ "$PRINT" = 1 ] && echo "linux: $*" >&2 || echo "linux: $*"; }
skip() { echo "linux: skipped: $*"; exit $SKIP; }
fail() { echo "linux: FAIL: $*" >&2; exit 1; }

for tool in "${CROSS}gcc" "${CROSS}ld" make gcc flex bison bc perl xz tar flock sha256sum; do
	command -v "$tool" >/dev/null 2>&1 ||
		skip "'$tool' not found (sh tools/install-deps.sh installs it)"
done
[ -r "$TARBALL" ] || skip "$TARBALL not found (package linux-source-6.1)"

pkgver=$(dpkg-query -W -f='${Version}' linux-source-6.1 2>/dev/null || echo unknown)
tarid=$(stat -L -c '%s-%Y' "$TARBALL")
ccver=$("${CROSS}gcc" -dumpfullversion 2>/dev/null || "${CROSS}gcc" -dumpversion)
srcid=${pkgver//[^A-Za-z0-9.+-]/_}-$(printf '%s\n' "$tarid" | sha256sum | cut -c1-8)
SRC=$CACHE/src-$srcid
key=$(cat "${FRAGS[@]}" | { cat; printf '%s\n' "$LAYOUT" "$BASE" "$srcid" "$ccver"; } |
	sha256sum | cut -c1-12)
OUT=$CACHE/$NAME-$key
if [ "$CHECK" = 1 ]; then
	[ -f "$OUT/.p7kvm-built" ] && { echo "linux: cached $NAME kernel $OUT/vmlinux"; exit 0; }
	echo "linux: no cached $NAME kernel ($OUT)"
	exit 1
fi
mkdir -p "$CACHE"

# ---- the source tree, once per package version ----------------------------
exec 8>"$SRC.lock"
flock -x 8
if [ ! -f "$SRC/.p7kvm-unpacked" ]; then
	say "unpacking $TARBALL into $SRC"
	rm -rf "$SRC"
	mkdir -p "$SRC"
	xz -T0 -dc "$TARBALL" | tar -x -C "$SRC" --strip-components=1 ||
		fail "unpacking $TARBALL"
	touch "$SRC/.p7kvm-unpacked"
fi
flock -u 8

# ---- the kernel, once per key ---------------------------------------------
exec 9>"$OUT.lock"
flock -x 9
if [ -f "$OUT/.p7kvm-built" ]; then
	say "cached $NAME kernel $OUT/vmlinux"
else
	say "building the $NAME kernel in $OUT (linux-source-6.1 $pkgver, gcc $ccver, -j$JOBS)"
	mkdir -p "$OUT"
	KMAKE=(make -s -C "$SRC" O="$OUT" ARCH=powerpc CROSS_COMPILE="$CROSS")
	LOG=$OUT/build.log
	t0=$(date +%s)
	if [ "$BASE" = allnoconfig ]; then
		cat "$SRC/kernel/configs/tiny.config" "${FRAGS[@]}" >"$OUT/allconfig"
		"${KMAKE[@]}" KCONFIG_ALLCONFIG="$OUT/allconfig" allnoconfig >"$LOG" 2>&1 ||
			{ tail -n 30 "$LOG"; fail "make allnoconfig"; }
	else
		"${KMAKE[@]}" "$BASE" >"$LOG" 2>&1 || { tail -n 30 "$LOG"; fail "make $BASE"; }
		"$SRC/scripts/kconfig/merge_config.sh" -m -O "$OUT" "$OUT/.config" "${FRAGS[@]}" \
			>>"$LOG" 2>&1 || { tail -n 30 "$LOG"; fail "merging the fragment"; }
		"${KMAKE[@]}" olddefconfig >>"$LOG" 2>&1 || { tail -n 30 "$LOG"; fail "olddefconfig"; }
	fi
	# Every line the fragments set must have survived the configuration.
	for f in "${FRAGS[@]}"; do
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
	"${KMAKE[@]}" -j"$JOBS" vmlinux >>"$LOG" 2>&1 ||
		{ tail -n 40 "$LOG"; fail "make vmlinux (log: $LOG)"; }
	# The kernel's own initramfs list tool, for the test initrd.
	gcc -O2 -o "$OUT/gen_init_cpio" "$SRC/usr/gen_init_cpio.c" ||
		fail "building gen_init_cpio"
	touch "$OUT/.p7kvm-built"
	say "built $NAME kernel in $(( $(date +%s) - t0 )) s: $OUT/vmlinux"
	# Kernels of the same name with another key are stale.
	for old in "$CACHE/$NAME"-*; do
		case $old in "$OUT"|*.lock) continue ;; esac
		[ -d "$old" ] || continue
		if (flock -n -x 7 && rm -rf "$old" "$old.lock") 7>>"$old.lock"; then
			say "removed stale kernel $old"
		fi
	done
fi
if [ "$PRINT" = 1 ]; then
	echo "$OUT/vmlinux"
else
	say "vmlinux: $OUT/vmlinux"
fi
