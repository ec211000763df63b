# The built-in demo guest (loaded at 0x400000): a hardware breakpoint on its
# print routine, registers and memory there, single steps, then run to the end.
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
continue
