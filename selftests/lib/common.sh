# SPDX-License-Identifier: GPL-2.0-or-later
#
# Sourced by every shell test suite (bash).  Gives the suite KTAP output
# through the kernel's own ktap_helpers.sh (extracted from Debian's
# linux-source at build time, never committed) and the paths of the
# tree and its build products.  Works the same on the host and inside
# the qemu guest, where the host's root is mounted read-only.

VGATE_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
VGATE_BUILD=${VGATE_BUILD:-$VGATE_ROOT/build}
VGATE_BIN=$VGATE_BUILD/bin
KSFT_DIR=$VGATE_BUILD/ksrc/tools/testing/selftests
export VGATE_ROOT VGATE_BUILD VGATE_BIN

# shellcheck source=/dev/null
. "$KSFT_DIR/kselftest/ktap_helpers.sh"

# Scratch space, removed when the suite exits.
VGATE_TMP=$(mktemp -d "${TMPDIR:-/tmp}/vgate-test.XXXXXX")
vgate_cleanup_hooks=()

# vgate_defer CMD...: run CMD when the suite exits, latest first.
vgate_defer() {
	vgate_cleanup_hooks+=("$*")
}

vgate_run_cleanup() {
	local i
	for ((i = ${#vgate_cleanup_hooks[@]} - 1; i >= 0; i--)); do
		eval "${vgate_cleanup_hooks[$i]}" >/dev/null 2>&1 || true
	done
	rm -rf "$VGATE_TMP"
}
trap vgate_run_cleanup EXIT

# vgate_check DESC CMD...: one KTAP result; on failure the command's
# output is shown as KTAP diagnostics so the log says why.
vgate_check() {
	local desc=$1 out
	shift
	if out=$("$@" 2>&1); then
		ktap_test_pass "$desc"
	else
		[ -z "$out" ] || printf '%s\n' "$out" | sed 's/^/# /'
		ktap_test_fail "$desc"
	fi
}

# vgate_jq [JQ-ARGS...] FILTER: jq -e over stdin that also fails when
# stdin is empty (jq 1.6 -e exits 0 when it read nothing, so a command
# that failed upstream in a pipeline would pass the check).
vgate_jq() {
	local in
	in=$(cat)
	[ -n "$in" ] || { echo "no JSON to check"; return 1; }
	jq -e "$@" <<<"$in"
}

# vgate_wait SECONDS CMD...: poll CMD every 0.1 s until it succeeds.
vgate_wait() {
	local deadline=$(($(date +%s) + $1))
	shift
	until "$@" >/dev/null 2>&1; do
		[ "$(date +%s)" -lt "$deadline" ] || return 1
		sleep 0.1
	done
}
