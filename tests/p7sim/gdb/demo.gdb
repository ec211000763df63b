# The built-in demo guest (loaded at 0x400000): a hardware breakpoint on its
# print routine, registers and memory there, single steps, stops after an
# in-kernel hcall and an HDEC exit, then run to the end.
set architecture powerpc:common64
set endian big
add-symbol-file @SYMS@ -o 0x400000
target remote @SOCK@
p/x $pc
p/x $msr
hbreak *print
continue
p $pc == print
x/s $r3
p/x $lr
stepi
p $pc == print + 4
stepi 3
p $pc == print + 16
info registers r1 cr xer
delete
# An hcall the HV core handles itself (H_ENTER), then the next HDEC exit.
monitor stop hcall H_ENTER
continue
monitor why
p/x $r3
monitor stop hdec
continue
monitor why
monitor stop off
continue
