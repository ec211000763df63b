// SPDX-License-Identifier: GPL-2.0-only
/*
 * The modelled host kernel's state (sim/hv_env_sim.h): its timer tick and
 * the engine hook for host writes to guest memory.  In the model library so
 * that engine and VMM see it without the HV core.
 */
#include "hv_env_sim.h"

struct sim_host sim_host = { .tick = SIM_HOST_TICK_DEFAULT };
