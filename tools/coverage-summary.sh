#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Print the summary coverage.sh left behind (after a ctest run).
f=$1/coverage/summary.txt
[ -f "$f" ] && cat "$f"
exit 0
