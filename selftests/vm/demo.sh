#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The guest half of `make demo` (also run by `make check`): load vgate.ko,
# create a virtual template, start vgated with the shipped example config
# and show what an operator sees.  Every command and its output is shown
# as a KTAP diagnostic line; every step is also a checked result.
. "$(dirname "$0")/../lib/common.sh"

ns=vgate-demo
sock=$VGATE_TMP/vgated.sock
# vgate_check keeps a command's output for failures only; the demo's
# display goes to fd 3, the suite's own stdout.
exec 3>&1

# show CMD...: print "$ CMD" and its output on fd 3, keep the output in
# $shown and return the command's status.
show() {
	local rc
	shown=$("$@" 2>&1)
	rc=$?
	{
		echo "# \$ $*"
		[ -z "$shown" ] || printf '%s\n' "$shown" | sed 's/^/#   /'
	} >&3
	return $rc
}

# shown_output_has PATTERN CMD...: show CMD, succeed if its output matches.
shown_output_has() {
	local pattern=$1
	shift
	show "$@" && grep -q "$pattern" <<<"$shown"
}

ktap_print_header
ktap_set_plan 6

vgate_check "load vgate.ko" show modprobe vgate
ip netns add "$ns"
vgate_defer ip netns delete "$ns"
vgate_check "create virtual template vt10" \
	show ip -n "$ns" link add vt10 type vgate
vgate_check "ip -d link shows kind vgate" \
	shown_output_has 'vgate' ip -n "$ns" -d link show vt10
vgate_check "vgatectl reads the template over genl" \
	shown_output_has '^vt10:' ip netns exec "$ns" "$VGATE_BIN/vgatectl" template show

"$VGATE_BIN/vgated" -c "$VGATE_ROOT/Documentation/examples/vgated.conf" \
	-s "$sock" 2>"$VGATE_TMP/vgated.log" &
vgated=$!
vgate_defer kill "$vgated"
vgate_check "vgated starts with the example config" \
	vgate_wait 10 "$VGATE_BIN/vgatectl" -s "$sock" status
vgate_check "vgatectl status answers" \
	shown_output_has '^vgated ' "$VGATE_BIN/vgatectl" -s "$sock" status
ktap_finished
