# SPDX-License-Identifier: GPL-2.0-only
# cmake -DIN=file -DOUT=file.c -P embed.cmake: a file as a C byte array.
file(READ ${IN} hex HEX)
string(LENGTH "${hex}" n)
math(EXPR len "${n} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," body "${hex}")
file(WRITE ${OUT} "/* generated from ${IN} */\n"
	"const unsigned char p7sim_demo_elf[] = {\n${body}\n};\n"
	"const unsigned int p7sim_demo_elf_len = ${len};\n")
