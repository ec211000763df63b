# p_gdb: a write watchpoint on a counter the guest stores to: it stops right
# after the store, with the old and new value, every time.
set endian big
file @SYMS@
target remote @SOCK@
watch *(int *)&counter
continue
p $pc == count_store + 4
continue
p $r14
delete
continue
