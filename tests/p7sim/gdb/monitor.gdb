# p_gdb: monitor commands: an exit-kind stop after H_RANDOM, what stopped it,
# the HPTE and SLB of an address, the exit statistics, trace on and off.
set endian big
file @SYMS@
target remote @SOCK@
monitor help
monitor stop hcall H_RANDOM
continue
monitor why
p $pc == after_random
# H_RANDOM's answer, as the guest resumes with it: H_SUCCESS in r3.
p $r3
monitor hpte 0x2000
monitor slb
monitor trace on
monitor stop hdec
monitor stop off
monitor stop bogus
monitor stats
monitor trace off
monitor frobnicate
continue
