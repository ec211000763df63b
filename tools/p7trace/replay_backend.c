// SPDX-License-Identifier: GPL-2.0-only
/*
 * The HV core behind `p7trace replay`.
 *
 * Not connected yet: hv/ has no run loop, exit handler or hcall dispatcher
 * to call (issue 8 depends on them).  Connecting it is one change here:
 * an adapter that implements struct p7trace_replay_ops on hv/ built with a
 * replay environment (hv_trace() -> the emit callback, the "enter the
 * guest" primitive -> return to the framework, HPTE access on an HPT loaded
 * through set_hpte), returned below with its context, and hv_core linked
 * into p7trace (tools/p7trace/CMakeLists.txt).  See docs/trace-tools.md,
 * "Connecting replay to the HV core".
 */
#include <stddef.h>

#include "p7trace_replay.h"

const struct p7trace_replay_ops *p7trace_replay_backend(void **ctx)
{
	*ctx = NULL;
	return NULL;
}
