#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Host suite: run every libFuzzer harness, one per selftests/fuzz/fuzz_*.c
# (built into build/fuzz/ by the test-progs target), for a bounded time
# from its seed corpus (selftests/fuzz/corpus/NAME); a crash, leak or
# sanitizer report fails it, and so does a harness that was not built.  VGATE_FUZZ_SECONDS sets the time per harness (default 20;
# `make fuzz` runs longer on demand).
. "$(dirname "$0")/../lib/common.sh"

seconds=${VGATE_FUZZ_SECONDS:-20}
harnesses=()
for src in "$VGATE_ROOT"/selftests/fuzz/fuzz_*.c; do
	name=${src##*/fuzz_}
	harnesses+=("${name%.c}")
done

ktap_print_header
ktap_set_plan ${#harnesses[@]}
for h in "${harnesses[@]}"; do
	mkdir -p "$VGATE_TMP/$h"
	vgate_check "fuzz_$h: ${seconds}s without a finding" \
		"$VGATE_BUILD/fuzz/fuzz_$h" -max_total_time="$seconds" \
		-artifact_prefix="$VGATE_TMP/$h/" "$VGATE_TMP/$h" \
		$(ls -d "$VGATE_ROOT/selftests/fuzz/corpus/$h" 2>/dev/null)
done
ktap_finished
