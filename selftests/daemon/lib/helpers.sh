# SPDX-License-Identifier: GPL-2.0-or-later
#
# Helpers shared by the daemon's shell suites, sourced after
# selftests/lib/common.sh.  VGATE_TEST_BIN picks other builds of the programs,
# e.g. VGATE_TEST_BIN=build/bin-asan (make daemon-asan) to run a suite
# under ASan+UBSan: sanitizer reports make vgated exit non-zero.

vgate_test_bin=$(realpath "${VGATE_TEST_BIN:-$VGATE_BIN}")
VGATED=$vgate_test_bin/vgated
VGATECTL=$vgate_test_bin/vgatectl

# write_conf FILE [LOG-LEVEL]: a minimal valid config.
write_conf() {
	printf 'daemon = {\n\tlog-level = "%s";\n};\n' "${2:-info}" >"$1"
}

# start_vgated LOG SOCKET ARGS...: start vgated in the background with
# its stderr in LOG, and wait until SOCKET answers.  Sets VGATED_PID.
# Call it from the suite itself, not from inside vgate_check (a subshell
# there would lose the cleanup hook).
start_vgated() {
	local log=$1 sock=$2
	shift 2
	"$VGATED" "$@" </dev/null >/dev/null 2>"$log" &
	VGATED_PID=$!
	vgate_defer "kill $VGATED_PID"
	vgate_wait 10 "$VGATECTL" -s "$sock" status
}

# ctl_raw SOCKET TEXT: send TEXT as-is on the control socket, print what
# comes back until vgated closes or goes quiet.
ctl_raw() {
	python3 - "$1" "$2" <<'PY'
import socket, sys
s = socket.socket(socket.AF_UNIX)
s.connect(sys.argv[1])
s.settimeout(8)
s.sendall(sys.argv[2].encode())
out = b""
try:
    while True:
        chunk = s.recv(65536)
        if not chunk:
            break
        out += chunk
        if out.count(b"\n") >= sys.argv[2].count("\n"):
            break
except socket.timeout:
    pass
sys.stdout.write(out.decode())
PY
}

# expect_eq WANT GOT: succeed when equal, else say both.
expect_eq() {
	[ "$1" = "$2" ] && return 0
	printf 'expected: %s\n     got: %s\n' "$1" "$2"
	return 1
}

# expect_match REGEX TEXT
expect_match() {
	[[ $2 =~ $1 ]] && return 0
	printf 'expected to match: %s\n               got: %s\n' "$1" "$2"
	return 1
}

# log_has LOG TEXT: the log holds a line with TEXT.
log_has() {
	grep -qF -- "$2" "$1" && return 0
	printf 'no line with "%s" in the log:\n' "$2"
	cat "$1"
	return 1
}
