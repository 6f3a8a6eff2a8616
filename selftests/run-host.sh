#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# run-host.sh OUTDIR TEST...: run host tests (unit-test binaries and
# shell suites, each printing KTAP), in order, each with a time limit.
# Writes OUTDIR/<name>.ktap per test and OUTDIR/runner.ktap with one
# verdict per test: its plan is complete and it exited 0.  Prints all of
# it; exits non-zero on any failure.
set -uo pipefail

out=$1
shift
limit=${VGATE_HOST_TEST_TIMEOUT:-300}
rm -rf "$out"
mkdir -p "$out"

n=0
verdicts=()
for t in "$@"; do
	n=$((n + 1))
	name=$(echo "$t" | sed "s|^$PWD/||; s|/|-|g; s|\.sh\$||")
	ktap=$out/$name.ktap
	echo "# ---- host: $t"
	timeout -k 5 "$limit" "$t" >"$ktap" 2>"$out/$name.stderr" </dev/null
	rc=$?
	cat "$ktap"
	plan=$(sed -n 's/^1\.\.\([0-9][0-9]*\).*/\1/p' "$ktap" | head -n 1)
	got=$(grep -cE '^(not )?ok [0-9]' "$ktap")
	if [ -n "$plan" ] && [ "$plan" -gt 0 ] && [ "$plan" = "$got" ] && [ "$rc" = 0 ]; then
		verdicts+=("ok $n - host: $t complete (plan $plan, exit 0)")
	else
		echo "# stderr of $t (last 20 lines):"
		tail -n 20 "$out/$name.stderr" | sed 's/^/#   /'
		verdicts+=("not ok $n - host: $t complete (plan ${plan:-missing}, $got results, exit $rc)")
	fi
done

{
	echo "KTAP version 1"
	echo "1..$n"
	printf '%s\n' "${verdicts[@]}"
} >"$out/runner.ktap"
echo "# ---- host: runner"
cat "$out/runner.ktap"
! grep -q '^not ok' "$out"/*.ktap
