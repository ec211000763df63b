# SPDX-License-Identifier: GPL-2.0-only
# Guest scenarios on the model (tests/guests/test_guests.c, label guest): one
# ctest per scenario.  Without the cross toolchain the guest programs are not
# built and every scenario reports SKIPPED (exit code 77), never a pass.
if(P7_GUESTS_AVAILABLE)
	set(P7_GUESTS_AVAILABLE_DEF 1)
else()
	set(P7_GUESTS_AVAILABLE_DEF 0)
endif()

add_executable(test_guests ${CMAKE_CURRENT_SOURCE_DIR}/test_guests.c)
target_include_directories(test_guests PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}
	${CMAKE_SOURCE_DIR}/tests/engine)
target_compile_definitions(test_guests PRIVATE P7_GUEST_DIR="${P7_GUEST_DIR}"
	P7_GUESTS_AVAILABLE=${P7_GUESTS_AVAILABLE_DEF})
target_compile_options(test_guests PRIVATE -Werror)
target_link_libraries(test_guests PRIVATE sim_engine sim_model PkgConfig::CMOCKA)
foreach(g g_hdec_spin g_long_block g_vrma_miss g_hisi g_illegal g_lqarx g_sc g_reloc g_dseg
		g_iseg g_dec g_trap g_priv_user g_priv_spr)
	if(TARGET guest_${g})
		add_dependencies(test_guests guest_${g})
	endif()
endforeach()

set(P7_GUEST_SCENARIOS hdec_spin hdec_bound_long_blocks vrma_miss_hdsi hisi illegal_hea
	isa207_hea sc reloc_read_write reloc_dsi_protfault reloc_dsi_nohpte dseg iseg dec trap
	priv_user priv_spr spr_fidelity trace_emulated icbi branch_trace branch_trace_page_end ppr
	deterministic
	check_catches_stale_translation)
foreach(s ${P7_GUEST_SCENARIOS})
	p7_add_test(NAME guest.${s} COMMAND test_guests test_${s} LABELS guest TIMEOUT 120)
	set_tests_properties(guest.${s} PROPERTIES SKIP_RETURN_CODE 77)
endforeach()
