#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# consts_gen_test.sh SRC CC WORK: check hv/env/kernel/gen_consts_check.awk on
# the host, without the cross toolchain.
#
# Compiled against hv/env/sim/hv_env.h, which defines every constant with the
# sim's own value, each generated assertion compares a value with itself and
# must hold; this proves the generator emits valid C for every line of
# hv_consts.h.  With one value injected wrong, compilation must fail and name
# that constant.  The generator must also check every non-hv-only #define.
set -eu
SRC=$1
CC=$2
WORK=$3
CONSTS=$SRC/hv/env/sim/hv_consts.h
GEN=$SRC/hv/env/kernel/gen_consts_check.awk
mkdir -p "$WORK"
fails=0

check()
{
	res=$1
	shift
	if [ "$res" = ok ]; then
		echo "consts_gen: ok: $*"
	else
		echo "consts_gen: FAIL: $*"
		fails=$((fails + 1))
	fi
}

compile()
{
	"$CC" -std=gnu11 -fsyntax-only -Werror -I "$SRC/hv/env/sim" -I "$SRC/hv/include" "$1" \
		>"$1.log" 2>&1
}

# 1. Every constant not marked hv-only becomes one assertion.
want=$(grep -E '^[[:space:]]*#[[:space:]]*define[[:space:]]+[A-Za-z_][A-Za-z0-9_]*[[:space:]]+[^[:space:]]' \
	"$CONSTS" | grep -vc 'hv-only')
awk -f "$GEN" "$CONSTS" >"$WORK/check.c"
got=$(grep -c '^_Static_assert' "$WORK/check.c" || true)
if [ "$got" -eq "$want" ] && ! grep -q '^#error' "$WORK/check.c"; then
	check ok "$got assertions for $want constants"
else
	check fail "$got assertions for $want constants (or an #error was emitted)"
fi

# 2. Against the sim's own values, every assertion holds.
if compile "$WORK/check.c"; then
	check ok "generated check compiles against hv/env/sim"
else
	cat "$WORK/check.c.log"
	check fail "generated check does not compile against hv/env/sim"
fi

# 3. A wrong value fails, naming the constant; try the first, a derived and the last one.
first=$(grep -m1 '^_Static_assert' "$WORK/check.c" | sed 's/^_Static_assert((\([A-Za-z0-9_]*\)).*/\1/')
last=$(grep '^_Static_assert' "$WORK/check.c" | tail -n 1 | sed 's/^_Static_assert((\([A-Za-z0-9_]*\)).*/\1/')
for name in "$first" MAX_HCALL_OPCODE "$last"; do
	awk -v inject="$name" -f "$GEN" "$CONSTS" >"$WORK/inject.c"
	if compile "$WORK/inject.c"; then
		check fail "a wrong $name still compiles"
	elif grep -q "static assertion failed: \"$name:" "$WORK/inject.c.log"; then
		check ok "a wrong $name fails with its name in the message"
	else
		cat "$WORK/inject.c.log"
		check fail "a wrong $name fails, but not with its name in the message"
	fi
done

# 4. hv-only lines are not checked; an unknown inject name is an error.
hvonly=$(grep '^[[:space:]]*#[[:space:]]*define.*hv-only' "$CONSTS" |
	sed 's/^[[:space:]]*#[[:space:]]*define[[:space:]]*\([A-Za-z0-9_]*\).*/\1/')
leaked=
for n in $hvonly; do
	if grep -q "^_Static_assert(($n))" "$WORK/check.c"; then
		leaked="$leaked $n"
	fi
done
if [ -n "$hvonly" ] && [ -z "$leaked" ]; then
	check ok "hv-only constants are not checked:" $hvonly
else
	check fail "hv-only constants: '$hvonly', checked anyway: '$leaked'"
fi
awk -v inject=NO_SUCH_CONSTANT -f "$GEN" "$CONSTS" >"$WORK/bad.c"
if grep -q '^#error.*NO_SUCH_CONSTANT' "$WORK/bad.c"; then
	check ok "injecting an unknown name is an error"
else
	check fail "injecting an unknown name is silently ignored"
fi

# 5. Lines the generator cannot check become #error, never a silent skip.
printf '#define FN_LIKE(x)\t((x) + 1)\n#define CONT\t\\\n\t1\n' >"$WORK/odd.h"
awk -f "$GEN" "$WORK/odd.h" >"$WORK/odd.c"
if [ "$(grep -c '^#error' "$WORK/odd.c")" -eq 3 ]; then
	check ok "function-like and continued #defines (and no constants) are #errors"
else
	cat "$WORK/odd.c"
	check fail "an uncheckable #define was skipped silently"
fi

if [ "$fails" -ne 0 ]; then
	echo "consts_gen: $fails check(s) failed"
	exit 1
fi
echo "consts_gen: all checks passed"
