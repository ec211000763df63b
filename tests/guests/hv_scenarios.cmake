# SPDX-License-Identifier: GPL-2.0-only
# HV core end-to-end scenarios: the guests above through hv_vcpu_run.
add_executable(test_hv_scenarios ${CMAKE_CURRENT_SOURCE_DIR}/test_hv_scenarios.c)
target_include_directories(test_hv_scenarios PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
target_compile_definitions(test_hv_scenarios PRIVATE P7_GUEST_DIR="${P7_GUEST_DIR}")
target_link_libraries(test_hv_scenarios PRIVATE hv_core sim_engine PkgConfig::CMOCKA)
foreach(g g_hdec_spin g_vrma_miss g_illegal g_lqarx h_henter h_hcall_user h_cede h_user_sc1
		h_ext h_badargs h_fast_hcall)
	if(TARGET guest_${g})
		add_dependencies(test_hv_scenarios guest_${g})
	endif()
endforeach()
p7_add_test(NAME guest.hv_scenarios COMMAND test_hv_scenarios LABELS guest TIMEOUT 300)
