#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# check.sh: the sequence behind `make check`.  Stages: build everything,
# lint the kernel code, run the host unit tests and fuzzers
# ($VGATE_UNIT_TESTS), the host shell suites ($VGATE_HOST_SUITES) against
# the plain and the ASan+UBSan programs, then boot each test kernel once
# and run every guest suite ($VGATE_GUEST_SUITES) in it.  A failing stage does not stop the others.  Every result is KTAP
# under build/results/; stages.ktap holds one verdict per stage.  The last
# line printed counts every result: "N passed, N failed, N skipped".
# The $VGATE_* lists are split into words on purpose.
# shellcheck disable=SC2086
set -uo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
results=$root/build/results
cd "$root" || exit 1
rm -rf "$results"
mkdir -p "$results/lint"

n=0
verdicts=()
# stage DESC CMD...: run one stage, record its verdict and duration.
stage() {
	local desc=$1 start rc
	shift
	n=$((n + 1))
	start=$(date +%s)
	echo "# ==== stage $n: $desc"
	"$@"
	rc=$?
	desc="$desc ($(($(date +%s) - start)) s)"
	if [ "$rc" = 0 ]; then
		verdicts+=("ok $n - $desc")
	else
		verdicts+=("not ok $n - $desc: exit $rc")
	fi
}

lint() {
	selftests/lint.sh >"$results/lint/lint.ktap"
	local rc=$?
	cat "$results/lint/lint.ktap"
	return $rc
}

stage "build module, daemon and test programs" make -s all test-progs
stage "checkpatch and sparse" lint
stage "host unit tests and fuzzers" \
	selftests/run-host.sh "$results/unit" $VGATE_UNIT_TESTS
stage "host suites" selftests/run-host.sh "$results/host" $VGATE_HOST_SUITES
stage "host suites under ASan+UBSan" env VGATE_TEST_BIN="$root/build/bin-asan" \
	selftests/run-host.sh "$results/host-asan" $VGATE_HOST_SUITES
# The IKE interop suites run whole on the newest kernel and a
# representative slice on the other (VGATE_INTEROP_MATRIX=full: whole on
# both, as make check-full does), to keep make check within its time.
kernels=$(selftests/vm/kernels.sh)
newest=$(echo "$kernels" | tail -n 1)
for k in $kernels; do
	matrix=slice
	[ "$k" = "$newest" ] && matrix=full
	stage "guest suites on $k" env \
		VGATE_INTEROP_MATRIX="${VGATE_INTEROP_MATRIX:-$matrix}" \
		selftests/vm/run.sh --kernel "$k" \
		--timeout "${VGATE_SUITE_TIMEOUT:-900}" $VGATE_GUEST_SUITES
done

{
	echo "KTAP version 1"
	echo "1..$n"
	printf '%s\n' "${verdicts[@]}"
} >"$results/stages.ktap"
echo "# ==== stages"
cat "$results/stages.ktap"
selftests/lib/ktap-count.sh "$results"
