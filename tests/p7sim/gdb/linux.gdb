# The tiny POWER7 Linux kernel (tests/linux): stop at start_kernel with a
# hardware breakpoint from vmlinux's symbols, look around, single-step, see
# the next hcall the kernel makes from the hypervisor's side, then kill.
file @SYMS@
target remote @SOCK@
p/x $pc
hbreak start_kernel
continue
bt 1
p/x $msr
x/2i $pc
stepi
stepi
p $pc > start_kernel
info threads
monitor hpte pc
delete
monitor stop hcall any
continue
monitor why
kill
