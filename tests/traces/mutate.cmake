# SPDX-License-Identifier: GPL-2.0-only
# The deliberate behaviour change of trace.mutant_detected: H_REMOVE answers
# H_NOT_FOUND where it succeeded (and H_SUCCESS where it did not).
file(READ ${IN} src)
set(from "return hv_rm_one(vcpu, args, hv_h_remove);")
set(to "return hv_rm_one(vcpu, args, hv_h_remove) == H_SUCCESS ? H_NOT_FOUND : H_SUCCESS;")
string(FIND "${src}" "${from}" at)
if(at EQUAL -1)
	message(FATAL_ERROR "mutate.cmake: '${from}' not found in ${IN}")
endif()
string(REPLACE "${from}" "${to}" src "${src}")
file(WRITE ${OUT} "${src}")
