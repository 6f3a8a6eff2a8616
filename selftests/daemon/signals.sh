#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Signals: SIGHUP reloads (a broken config is rejected with FILE:LINE in
# the log and the running one kept; a good one applies its log level and
# says a socket change waits for a restart); SIGTERM and SIGINT exit 0
# and remove the socket.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/lib/helpers.sh"

ktap_print_header
ktap_set_plan 7

sock=$VGATE_TMP/vgated.sock
conf=$VGATE_TMP/vgated.conf
log=$VGATE_TMP/vgated.log
write_conf "$conf" notice

if ! start_vgated "$log" "$sock" -c "$conf" -s "$sock"; then
	ktap_exit_fail_msg "vgated did not start"
fi

# hup_and_wait TEXT: SIGHUP vgated and wait for TEXT in its log.
hup_and_wait() {
	kill -HUP "$VGATED_PID" && vgate_wait 5 grep -qF -- "$1" "$log"
	log_has "$log" "$1"
}

check_broken_reload() {
	printf 'daemon = {\n\tlog-level = "debug";\n\tverbose = "yes";\n};\n' >"$conf"
	hup_and_wait "error: $conf:3: unknown key \"verbose\" in daemon" &&
		log_has "$log" "error: reload of $conf failed, keeping the running configuration" &&
		"$VGATECTL" -s "$sock" status >/dev/null
}
vgate_check "SIGHUP with a broken config keeps running, logs file:line" check_broken_reload

check_kept_level() {
	# The rejected file asked for debug: no debug lines may appear.
	if grep -q '^debug:' "$log"; then
		echo "debug logging was applied from a rejected config"
		return 1
	fi
}
vgate_check "rejected config changes nothing" check_kept_level

check_good_reload() {
	printf 'daemon = {\n\tlog-level = "info";\n\tcontrol-socket = "%s";\n};\n' \
		"$VGATE_TMP/other.sock" >"$conf"
	hup_and_wait "notice: configuration $conf reloaded" &&
		log_has "$log" "notice: log level is now info" &&
		"$VGATECTL" -s "$sock" status >/dev/null
}
vgate_check "SIGHUP with a good config applies the log level" check_good_reload

# A second daemon without -s, so its socket comes from the config.
log2=$VGATE_TMP/vgated2.log
sock2=$VGATE_TMP/two.sock
conf2=$VGATE_TMP/two.conf
printf 'daemon = { control-socket = "%s"; };\n' "$sock2" >"$conf2"
first_pid=$VGATED_PID
start_vgated "$log2" "$sock2" -c "$conf2" || ktap_exit_fail_msg "second vgated did not start"
second_pid=$VGATED_PID
VGATED_PID=$first_pid

check_socket_change_note() {
	printf 'daemon = { control-socket = "%s"; };\n' "$VGATE_TMP/three.sock" >"$conf2"
	kill -HUP "$second_pid"
	vgate_wait 5 grep -qF reloaded "$log2"
	log_has "$log2" "notice: control socket change to $VGATE_TMP/three.sock takes effect at restart; still serving $sock2" &&
		"$VGATECTL" -s "$sock2" status >/dev/null
}
vgate_check "socket change waits for a restart" check_socket_change_note

# Exit statuses can only be collected here, not in vgate_check's subshell.
kill -INT "$second_pid"
wait "$second_pid"
sigint_rc=$?
kill -TERM "$VGATED_PID"
wait "$VGATED_PID"
sigterm_rc=$?

check_sigint() {
	expect_eq 0 "$sigint_rc" && log_has "$log2" "notice: SIGINT: exiting" &&
		[ ! -e "$sock2" ]
}
vgate_check "SIGINT exits 0 and removes the socket" check_sigint

check_sigterm() {
	expect_eq 0 "$sigterm_rc" && log_has "$log" "notice: SIGTERM: exiting"
}
vgate_check "SIGTERM exits 0" check_sigterm

check_cleaned_up() {
	[ ! -e "$sock" ] && [ ! -e "$sock.lock" ] && return 0
	ls -l "$VGATE_TMP"
	return 1
}
vgate_check "socket and lock file are removed" check_cleaned_up

ktap_finished
