#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The control socket round trip: vgatectl status (text and -j), the
# socket's mode, the protocol's errors (unknown command, malformed and
# oversized requests), the idle timeout, and vgatectl without a daemon.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/lib/helpers.sh"

ktap_print_header
ktap_set_plan 10

sock=$VGATE_TMP/run/vgated.sock
conf=$VGATE_TMP/vgated.conf
log=$VGATE_TMP/vgated.log
write_conf "$conf"

if ! start_vgated "$log" "$sock" -c "$conf" -s "$sock"; then
	cat "$log" | sed 's/^/# /'
	ktap_exit_fail_msg "vgated did not start"
fi

check_status_text() {
	expect_match "^vgated [0-9.]+, pid $VGATED_PID, up [0-9]+s, config $conf\$" \
		"$("$VGATECTL" -s "$sock" status)"
}
vgate_check "status in text" check_status_text

check_status_json() {
	local json
	json=$("$VGATECTL" -s "$sock" -j status) || return 1
	expect_eq "$VGATED_PID" "$(jq -r .pid <<<"$json")" &&
		expect_eq "$conf" "$(jq -r .config <<<"$json")" &&
		expect_eq "$("$VGATED" -V | cut -d' ' -f2)" "$(jq -r .version <<<"$json")" &&
		expect_eq true "$(jq '.uptime >= 0 and .uptime < 60' <<<"$json")" &&
		expect_match '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z$' \
			"$(jq -r .started <<<"$json")"
}
vgate_check "status -j fields" check_status_json

check_mode() {
	expect_eq "600 socket" "$(stat -c '%a %F' "$sock")"
}
vgate_check "socket is mode 0600 in a created directory" check_mode

check_unknown_command() {
	local reply
	reply=$(ctl_raw "$sock" $'{"command":"reboot"}\n')
	expect_eq false "$(jq .ok <<<"$reply")" &&
		expect_eq 'unknown command "reboot"' "$(jq -r .error <<<"$reply")"
}
vgate_check "unknown command gets a clear error" check_unknown_command

check_malformed() {
	local reply
	reply=$(ctl_raw "$sock" $'[1]\n{"command":"status"}\n')
	expect_eq 'request must be a JSON object' \
		"$(head -n1 <<<"$reply" | jq -r .error)" &&
		expect_eq true "$(tail -n1 <<<"$reply" | jq .ok)"
}
vgate_check "malformed request errors, connection keeps serving" check_malformed

check_oversized() {
	local reply
	reply=$(ctl_raw "$sock" "$(head -c 70000 /dev/zero | tr '\0' ' ')")
	expect_eq '{"ok":false,"error":"request too long"}' "$reply"
}
vgate_check "oversized request is refused" check_oversized

check_idle_timeout() {
	local start end
	start=$(date +%s)
	# Sends nothing: vgated must hang up on its own (5 s).
	python3 - "$sock" <<'PY' || return 1
import socket, sys
s = socket.socket(socket.AF_UNIX)
s.connect(sys.argv[1])
s.settimeout(15)
sys.exit(0 if s.recv(1) == b"" else 1)
PY
	end=$(date +%s)
	expect_eq true "$([ $((end - start)) -le 10 ] && echo true)"
}
vgate_check "idle client is dropped" check_idle_timeout

vgate_check "daemon still answers after the abuse" \
	"$VGATECTL" -s "$sock" status

check_no_daemon() {
	local out rc=0
	out=$("$VGATECTL" -s "$VGATE_TMP/none.sock" status 2>&1) || rc=$?
	expect_eq 1 "$rc" &&
		expect_eq "vgatectl: cannot connect to vgated on $VGATE_TMP/none.sock: No such file or directory (is vgated running?)" "$out"
}
vgate_check "vgatectl without vgated fails clearly" check_no_daemon

check_ctl_usage() {
	local out rc=0
	out=$("$VGATECTL" -s "$sock" frobnicate 2>&1) || rc=$?
	expect_eq 2 "$rc" && expect_match 'unknown command "frobnicate"' "$out" &&
		"$VGATECTL" --help | grep -q 'template show' &&
		expect_match '^vgatectl [0-9.]+$' "$("$VGATECTL" -V)"
}
vgate_check "vgatectl usage errors, --help, -V" check_ctl_usage

ktap_finished
