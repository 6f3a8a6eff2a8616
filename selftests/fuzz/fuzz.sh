#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Host suite: run every libFuzzer harness (make fuzz builds them) for a
# bounded time from its seed corpus; a crash, leak or sanitizer report
# fails it.  VGATE_FUZZ_SECONDS sets the time per harness (default 20;
# `make fuzz` runs longer on demand).
. "$(dirname "$0")/../lib/common.sh"

seconds=${VGATE_FUZZ_SECONDS:-20}
harnesses=(ctl_request)

ktap_print_header
ktap_set_plan ${#harnesses[@]}
for h in "${harnesses[@]}"; do
	mkdir -p "$VGATE_TMP/$h"
	vgate_check "fuzz_$h: ${seconds}s without a finding" \
		"$VGATE_BUILD/fuzz/fuzz_$h" -max_total_time="$seconds" \
		-artifact_prefix="$VGATE_TMP/$h/" "$VGATE_TMP/$h" \
		"$VGATE_ROOT/selftests/fuzz/corpus/$h"
done
ktap_finished
