/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Internal invariant checks for hv/.
 *
 * hv/ has no assert(): the same code runs in a kernel module, where a failed
 * check must never take the host down.  HV_WARN_ON() logs the file and line
 * once per evaluation and returns the condition, so the caller can back out
 * cleanly (return an H_* code or an errno).  Guest-controlled input is never
 * checked with it: that yields an H_* code directly.
 */
#ifndef HV_BUG_H
#define HV_BUG_H

#include "hv_env.h"

#define HV_WARN_ON(cond)							\
	({									\
		bool __hv_warn = !!(cond);					\
		if (unlikely(__hv_warn))					\
			hv_pr_err("invariant violated: %s at %s:%d", #cond,	\
				  __FILE__, __LINE__);				\
		__hv_warn;							\
	})

#endif /* HV_BUG_H */
