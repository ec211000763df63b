# p_gdb: an access watchpoint on the counter (it stops after the first store
# to it), then a read watchpoint on the flag CPU 0 polls (it stops after the
# load, with the value read).
set endian big
file @SYMS@
target remote @SOCK@
awatch *(int *)&counter
continue
p $pc == count_store + 4
delete
rwatch *(int *)&flag
continue
x/i $pc - 4
delete
continue
