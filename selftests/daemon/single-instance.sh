#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# One vgated per control socket: a second one refuses with a clear error
# while the first keeps answering; a stale socket left by a dead daemon
# is taken over; something that is not a socket is left alone.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/lib/helpers.sh"

ktap_print_header
ktap_set_plan 5

sock=$VGATE_TMP/vgated.sock
conf=$VGATE_TMP/vgated.conf
write_conf "$conf"

if ! start_vgated "$VGATE_TMP/first.log" "$sock" -c "$conf" -s "$sock"; then
	ktap_exit_fail_msg "vgated did not start"
fi
first=$VGATED_PID

check_second_refused() {
	local out rc=0
	out=$(timeout 10 "$VGATED" -c "$conf" -s "$sock" 2>&1) || rc=$?
	expect_eq 1 "$rc" &&
		expect_eq "vgated: another vgated is running on $sock (pid $first)" "$out"
}
vgate_check "second vgated on the same socket refuses" check_second_refused

check_first_answers() {
	expect_eq "$first" "$("$VGATECTL" -s "$sock" -j status | jq .pid)"
}
vgate_check "first vgated still answers" check_first_answers

kill "$first"
wait "$first"

# A socket file nobody listens on, as a crashed daemon leaves it.
stale=$VGATE_TMP/stale.sock
python3 -c 'import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])' "$stale"
[ -S "$stale" ] || ktap_exit_fail_msg "could not make a stale socket"
start_vgated "$VGATE_TMP/stale.log" "$stale" -c "$conf" -s "$stale"
check_stale_taken_over() {
	log_has "$VGATE_TMP/stale.log" "notice: removing stale control socket $stale" &&
		expect_eq "$VGATED_PID" "$("$VGATECTL" -s "$stale" -j status | jq .pid)"
}
vgate_check "stale socket is taken over" check_stale_taken_over

check_lock_holder_refused() {
	local out rc=0 lockdir=$VGATE_TMP/locked
	mkdir -p "$lockdir"
	# Hold the lock as a starting vgated would, with a known pid in it.
	echo 4242 >"$lockdir/s.sock.lock"
	out=$(flock "$lockdir/s.sock.lock" \
		timeout 10 "$VGATED" -c "$conf" -s "$lockdir/s.sock" 2>&1) || rc=$?
	expect_eq 1 "$rc" &&
		expect_eq "vgated: another vgated is running on $lockdir/s.sock (pid 4242)" "$out"
}
vgate_check "lock held by another process refuses" check_lock_holder_refused

check_not_a_socket() {
	local out rc=0
	echo data >"$VGATE_TMP/file.sock"
	out=$("$VGATED" -c "$conf" -s "$VGATE_TMP/file.sock" 2>&1) || rc=$?
	expect_eq 1 "$rc" &&
		expect_eq "vgated: $VGATE_TMP/file.sock exists and is not a socket" "$out" &&
		expect_eq data "$(cat "$VGATE_TMP/file.sock")"
}
vgate_check "a regular file in the way is not removed" check_not_a_socket

ktap_finished
