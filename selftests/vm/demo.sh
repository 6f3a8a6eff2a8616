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

# show CMD...: print "$ CMD" and its output, keep its status.
show() {
	local out rc
	echo "# \$ $*"
	out=$("$@" 2>&1)
	rc=$?
	[ -z "$out" ] || printf '%s\n' "$out" | sed 's/^/#   /'
	return $rc
}

ktap_print_header
ktap_set_plan 6

vgate_check "load vgate.ko" show modprobe vgate
ip netns add "$ns"
vgate_defer ip netns delete "$ns"
vgate_check "create virtual template vt10" \
	show ip -n "$ns" link add vt10 type vgate
vgate_check "ip -d link shows kind vgate" \
	sh -c "ip -n $ns -d link show vt10 | sed 's/^/#   /'; ip -n $ns -d link show vt10 | grep -q 'vgate'"
vgate_check "vgatectl reads the template over genl" \
	sh -c "echo '# \$ vgatectl template show'; ip netns exec $ns $VGATE_BIN/vgatectl template show | sed 's/^/#   /'; ip netns exec $ns $VGATE_BIN/vgatectl template show | grep -q '^vt10:'"

"$VGATE_BIN/vgated" -c "$VGATE_ROOT/Documentation/examples/vgated.conf" \
	-s "$sock" 2>"$VGATE_TMP/vgated.log" &
vgated=$!
vgate_defer kill "$vgated"
vgate_check "vgated starts with the example config" \
	vgate_wait 10 "$VGATE_BIN/vgatectl" -s "$sock" status
vgate_check "vgatectl status answers" show "$VGATE_BIN/vgatectl" -s "$sock" status
ktap_finished
