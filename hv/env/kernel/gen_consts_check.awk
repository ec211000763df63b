# SPDX-License-Identifier: GPL-2.0-only
#
# gen_consts_check.awk: turn hv/env/sim/hv_consts.h into a C file of static
# assertions, one per constant, that the kernel's value of NAME equals the
# value the simulator build uses.  Compiled with hv/env/kernel/hv_env.h (the
# kernel's own headers), a mismatch fails the module build with a message
# naming the constant; a name the kernel does not define fails it as
# undeclared.  The sim's value text is substituted literally.
#
# Input lines of the form "#define NAME VALUE [comment]" are checked, except
# those whose text contains "hv-only" (no kernel counterpart).  A #define
# without a value (the header guard) is skipped; a function-like macro or a
# continued line cannot be checked and becomes an #error, so the generator
# never silently drops a constant.
#
# -v inject=NAME replaces NAME's value by (VALUE) ^ 1: the test that proves
# the check can fail (tools/kmod-check.sh).
#
# Usage: awk [-v inject=NAME] -f gen_consts_check.awk hv_consts.h > hv_consts_check.c

BEGIN {
	n = 0
	injected = 0
	print "// SPDX-License-Identifier: GPL-2.0-only"
	print "/*"
	print " * Generated from hv/env/sim/hv_consts.h by hv/env/kernel/gen_consts_check.awk:"
	print " * do not edit.  Each assertion says that the kernel's value of a constant"
	print " * equals the one the simulator build of hv/ uses."
	print " */"
	print "#include \"hv_env.h\""
	print ""
}

/^[ \t]*#[ \t]*define[ \t]/ {
	line = $0
	if (line ~ /hv-only/)
		next
	sub(/^[ \t]*#[ \t]*define[ \t]+/, "", line)
	if (line ~ /\\[ \t]*$/) {
		printf "#error \"hv_consts.h:%d: continued #define cannot be checked\"\n", FNR
		next
	}
	if (line ~ /^[A-Za-z_][A-Za-z0-9_]*\(/) {
		printf "#error \"hv_consts.h:%d: function-like macro cannot be checked\"\n", FNR
		next
	}
	name = line
	sub(/[ \t].*$/, "", name)
	value = substr(line, length(name) + 1)
	sub(/\/\*.*$/, "", value)
	sub(/\/\/.*$/, "", value)
	gsub(/^[ \t]+|[ \t]+$/, "", value)
	if (value == "")
		next
	shown = value
	gsub(/\\/, "\\\\", shown)
	gsub(/"/, "\\\"", shown)
	if (name == inject) {
		value = "(" value ") ^ 1"
		injected = 1
	}
	printf "_Static_assert((%s) == (%s),\n\t       \"%s: kernel value differs from the sim value %s (hv/env/sim/hv_consts.h)\");\n",
	       name, value, name, shown
	n++
}

END {
	if (inject != "" && !injected)
		printf "#error \"gen_consts_check: inject=%s is not a checked constant\"\n", inject
	if (n == 0)
		print "#error \"gen_consts_check: no constants found to check\""
	printf "\n/* %d constants checked. */\n", n
}
