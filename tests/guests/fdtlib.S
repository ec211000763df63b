/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Flattened device tree lookups for guests that must run on any pseries
 * platform (p7sim and QEMU): RTAS tokens and boot arguments are read from the
 * tree that arrives in r3, not assumed.  Included at the end of a guest,
 * after p7lib.S (it uses print and rtas); needs p7lib.h's register
 * conventions (r31 = image base, r30 = device tree).
 *
 * FDT layout used (all big-endian u32): header +8 off_dt_struct, +12
 * off_dt_strings; structure block tokens BEGIN_NODE=1 (NUL-terminated name,
 * padded to 4), END_NODE=2, PROP=3 (len, nameoff, value padded to 4),
 * NOP=4, END=9.
 */

/*
 * fdt_prop: r3 = device tree, r4 = NUL-terminated property name.
 * Returns r3 = address of the value of the first property of that name in
 * the structure block (any node), r4 = its length; r3 = r4 = 0 if there is
 * none (or on a token it does not know).  A leaf: clobbers r0, r5-r12.
 */
fdt_prop:
	lwz	5, 8(3)
	add	5, 5, 3			/* r5: cursor in the structure block */
	lwz	6, 12(3)
	add	6, 6, 3			/* r6: strings block */
fdt_prop_token:
	lwz	7, 0(5)
	addi	5, 5, 4
	cmpwi	7, 1			/* FDT_BEGIN_NODE */
	beq	fdt_prop_node
	cmpwi	7, 3			/* FDT_PROP */
	beq	fdt_prop_prop
	cmpwi	7, 2			/* FDT_END_NODE */
	beq	fdt_prop_token
	cmpwi	7, 4			/* FDT_NOP */
	beq	fdt_prop_token
	b	fdt_prop_none		/* FDT_END or garbage */
fdt_prop_node:				/* skip the unit name and its padding */
	lbz	7, 0(5)
	addi	5, 5, 1
	cmpwi	7, 0
	bne	fdt_prop_node
	addi	5, 5, 3
	clrrdi	5, 5, 2
	b	fdt_prop_token
fdt_prop_prop:
	lwz	8, 0(5)			/* len */
	lwz	9, 4(5)			/* nameoff */
	addi	5, 5, 8			/* value */
	add	9, 9, 6
	mr	10, 4
1:	lbz	11, 0(9)
	lbz	12, 0(10)
	cmpw	11, 12
	bne	2f
	cmpwi	11, 0
	beq	fdt_prop_found
	addi	9, 9, 1
	addi	10, 10, 1
	b	1b
2:	add	5, 5, 8			/* not this one: skip the value */
	addi	5, 5, 3
	clrrdi	5, 5, 2
	b	fdt_prop_token
fdt_prop_found:
	mr	3, 5
	mr	4, 8
	blr
fdt_prop_none:
	li	3, 0
	li	4, 0
	blr

/*
 * fdt_power_off: RTAS power-off with the token of /rtas/power-off; if the
 * tree has none, say so and spin.  Does not return.
 */
fdt_power_off:
	mr	3, 30
	addi	4, 31, fdtlib_s_power_off - _start
	bl	fdt_prop
	cmpdi	3, 0
	beq	3f
	lwz	5, 0(3)
	addi	3, 31, fdtlib_rtas_args - _start
	stw	5, 0(3)			/* token */
	li	6, 2
	stw	6, 4(3)			/* nargs */
	li	6, 1
	stw	6, 8(3)			/* nret */
	li	6, -1
	stw	6, 12(3)
	stw	6, 16(3)
	li	6, 0
	stw	6, 20(3)
	bl	rtas
	b	.
3:	addi	3, 31, fdtlib_s_no_power_off - _start
	bl	print
	b	.

	.balign	8
fdtlib_rtas_args:
	.long	0, 0, 0, 0, 0, 0
fdtlib_s_power_off:	.asciz	"power-off"
fdtlib_s_no_power_off:	.asciz	"no power-off property in the device tree: cannot power off\n"
	.balign	4
