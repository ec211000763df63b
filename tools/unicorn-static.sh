#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# unicorn-static.sh LIBUNICORN.A OUTDIR: Debian's static Unicorn prepared to
# behave as its shared library does, for programs that link it statically
# (CMakeLists.txt, P7_UNICORN_STATIC; docs/engine.md, "Unicorn linked
# statically").  Writes two archives, to be linked in this order:
#
#   OUTDIR/libunicorn-ppc.a  the members of the 32-bit ppc target.  The ppc
#       and ppc64 targets both define some helpers without a target suffix
#       (helper_store_fpscr, helper_fadd, ...); in libunicorn.so.2 the ppc
#       ones are the ones exported and called, and the engine's probe checks
#       that layout (sim/engine/probe.c, probe_fpscr).  In libunicorn.a the
#       ppc64 members come first and would win.
#   OUTDIR/libunicorn-all.a  the whole library.
#
# In both, every call to clock_gettime goes to sim_ue_host_clock_gettime
# (sim/engine/clock.c): the static counterpart of the GOT slot the engine
# rewrites in the shared library.
set -eu
A=$1
OUT=$2
tmp=$OUT/unicorn-members.tmp
rm -rf "$tmp"
mkdir -p "$tmp"

# "NAME INSTANCE" of each member that mentions a symbol of the ppc target:
# member names repeat (one fpu_helper.c.o per target), so ar needs the count.
nm "$A" 2>/dev/null | awk '
	/^$/ { next }
	/:$/ { name = substr($0, 1, length($0) - 1); n[name]++; cur = name " " n[name]; next }
	/_ppc$/ && !(cur in seen) { seen[cur] = 1; print cur }' >"$tmp/ppc.list"
[ -s "$tmp/ppc.list" ] || { echo "unicorn-static.sh: no ppc target in $A" >&2; exit 1; }
i=0
while read -r name k; do
	(cd "$tmp" && ar xN "$k" "$A" "$name")
	mv "$tmp/$name" "$tmp/$(printf %03d $i)_$name"
	i=$((i + 1))
done <"$tmp/ppc.list"
rm -f "$OUT/libunicorn-ppc.a.tmp" "$OUT/libunicorn-all.a.tmp"
ar rcs "$OUT/libunicorn-ppc.a.tmp" "$tmp"/[0-9]*_*
for f in ppc all; do
	src=$OUT/libunicorn-ppc.a.tmp
	[ $f = all ] && src=$A
	objcopy --redefine-sym clock_gettime=sim_ue_host_clock_gettime "$src" \
		"$OUT/libunicorn-$f.a.new"
	if nm "$OUT/libunicorn-$f.a.new" 2>/dev/null | grep -qw 'U clock_gettime'; then
		echo "unicorn-static.sh: clock_gettime still called in libunicorn-$f.a" >&2
		exit 1
	fi
	mv "$OUT/libunicorn-$f.a.new" "$OUT/libunicorn-$f.a"
done
rm -rf "$tmp" "$OUT/libunicorn-ppc.a.tmp"
echo "unicorn-static.sh: $i ppc members first, clock_gettime redirected"
