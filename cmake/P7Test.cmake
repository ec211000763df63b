# SPDX-License-Identifier: GPL-2.0-only
# p7_add_test(NAME <name> COMMAND <cmd...> LABELS <labels...> [TIMEOUT s] [WORKDIR dir])
#
# Every test of the project is registered through here so that, in a coverage
# build, it belongs to the "coverage" fixture: ctest zeroes the counters before
# the first such test and writes the report after the last one.
function(p7_add_test)
	cmake_parse_arguments(T "" "NAME;TIMEOUT;WORKDIR" "COMMAND;LABELS" ${ARGN})
	if(NOT T_TIMEOUT)
		set(T_TIMEOUT 300)
	endif()
	if(T_WORKDIR)
		add_test(NAME ${T_NAME} COMMAND ${T_COMMAND} WORKING_DIRECTORY ${T_WORKDIR})
	else()
		add_test(NAME ${T_NAME} COMMAND ${T_COMMAND})
	endif()
	set_tests_properties(${T_NAME} PROPERTIES LABELS "${T_LABELS}" TIMEOUT ${T_TIMEOUT})
	if(P7_COVERAGE)
		set_tests_properties(${T_NAME} PROPERTIES FIXTURES_REQUIRED coverage)
	endif()
endfunction()

# p7_add_cmocka_test(<unit> SOURCES <files...> LIBS <libs...> [LABELS ...])
# builds tests/unit/test_<unit>.c (plus SOURCES) into bin/test_<unit>.
function(p7_add_cmocka_test unit)
	cmake_parse_arguments(T "" "" "SOURCES;LIBS;LABELS" ${ARGN})
	if(NOT T_LABELS)
		set(T_LABELS unit)
	endif()
	add_executable(test_${unit} ${CMAKE_SOURCE_DIR}/tests/unit/test_${unit}.c ${T_SOURCES})
	target_link_libraries(test_${unit} PRIVATE ${T_LIBS} PkgConfig::CMOCKA)
	p7_add_test(NAME unit.${unit} COMMAND test_${unit} LABELS ${T_LABELS} TIMEOUT 120)
endfunction()
