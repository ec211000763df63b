# p_gdb: the debugger rewrites an instruction the guest has already run (so
# the engine holds it translated): the guest runs the new one.
set endian big
file @SYMS@
target remote @SOCK@
break *count_loop
continue
continue
p/x $r16
x/i &marker_fn
set var *(unsigned int *)&marker_fn = 0x3a000077
x/i &marker_fn
continue
p/x $r16
delete
continue
