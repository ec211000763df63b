# p_gdb: a software breakpoint, registers at it (GPR, FPR), single step,
# memory read and write by effective address, a fault as an error
# (last: it ends the batch script).
set endian big
file @SYMS@
target remote @SOCK@
info threads
break *count_store
continue
p $r14
p $pc == count_store
stepi
p $pc == count_store + 4
x/1wx &counter
p $f1
set var *(int *)&counter = 42
x/1wx &counter
set var $r14 = 7
p $r14
p $lpcr != 0
p $sdr1 != 0
info registers srr0 srr1 hsrr0 hdar heir
x/2i $pc
# An address nothing maps: an error reply; the batch script ends there and
# gdb detaches, and the guest runs on to its power-off.
x/1wx 0x7000000000
