# p_gdb --smp 2: two vcpus are two threads; a breakpoint in the second
# vcpu's code stops on thread 2; each thread shows its own registers.
set endian big
file @SYMS@
target remote @SOCK@
break *second_spin
continue
info threads
p/x $r20
p/x $r3
thread 1
p $pc != second_spin
p/x $r20
thread 2
stepi
p $pc == second_spin + 4
delete
continue
