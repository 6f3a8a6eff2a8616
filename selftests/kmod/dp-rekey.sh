#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Copyright (C) 2026 The vgate authors
#
# Make-before-break rekey under load.  While an iperf3 transfer of a
# fixed byte count runs from x (xfrm) to v (vgate), a new SA pair is
# installed on both sides, vgatectl sa swap switches v's outbound SA (the
# old one is deleted, reason rekeyed), x switches too; the transfer
# completes with matching byte counts, the old inbound SA stops counting
# and the new SAs carry the traffic.  Then the old inbound SA is deleted
# and traffic still flows.

# shellcheck source=selftests/lib/common.sh
. "$(dirname "$0")/../lib/common.sh"
# shellcheck source=selftests/kmod/kmod.lib
. "$(dirname "$0")/kmod.lib"
# shellcheck source=selftests/kmod/dp.lib
. "$(dirname "$0")/dp.lib"

ALG=aes-gcm-128
BYTES=25165824	# 24 MiB at 4 Mbit/s: about 50 s of transfer
OLD_IN=0x5001		# x -> v
OLD_OUT=0x6001		# v -> x
NEW_IN=0x5002
NEW_OUT=0x6002
XO=$DP_OUT4_X
VO=$DP_OUT4_V

ktap_print_header
ktap_set_plan 14
kmod_dmesg_mark

# x_state DIR SPI: one xfrm state in x (in: v -> x, out: x -> v) of ALG.
x_state() {
	local src=$XO dst=$VO
	[ "$1" = in ] && src=$VO dst=$XO
	# shellcheck disable=SC2046 # the algorithm words
	ip -n "$DP_X" xfrm state add src "$src" dst "$dst" proto esp spi "$2" \
		reqid 1 mode tunnel if_id "$DP_IFID" replay-window 128 \
		flag af-unspec $(dp_xfrm_alg "$ALG" "$2")
}

# stat SPI COUNTER: a counter of vgate's SA SPI ("null" once it is gone).
stat() {
	vctl -j sa show | jq --argjson spi "$(($1))" \
		"[.[] | select(.spi == \$spi) | .stats.$2][0]"
}

above() {
	[ "$(stat "$1" "$2")" -gt "$3" ]
}

gone() {
	[ "$(stat "$1" rx_packets)" = null ]
}

old_pair() {
	dp_xfrm_pair "$DP_X" "$DP_IFID" "$XO" "$VO" "$ALG" raw 0 "$OLD_OUT" "$OLD_IN" &&
	dp_vgate_pair "$VO" "$XO" "$ALG" raw 0 "$OLD_IN" "$OLD_OUT"
}

# new_pair: x accepts the new v -> x SA first, then v installs both new
# SAs; v's new outbound SA waits, the old one stays active.
new_pair() {
	x_state in "$NEW_OUT" &&
	dp_vgate_sa in "$NEW_IN" "$VO" "$XO" "$ALG" raw 0 &&
	dp_vgate_sa out "$NEW_OUT" "$VO" "$XO" "$ALG" raw 0 &&
	[ "$(dp_sa_json "$NEW_OUT" | jq .active)" = false ] &&
	[ "$(dp_sa_json "$OLD_OUT" | jq .active)" = true ]
}

# swapped: sa swap made NEW_OUT active and deleted OLD_OUT.
swapped() {
	vctl sa swap dev va0 spi "$NEW_OUT" &&
	[ "$(dp_sa_json "$NEW_OUT" | jq .active)" = true ] && gone "$OLD_OUT" &&
	[ "$(vctl -j access show va0 | jq '.[0].out_spi')" = $((NEW_OUT)) ] &&
		return 0
	vctl sa show
	return 1
}

# x_switched: x sends with the new SA and no longer has the old one.
x_switched() {
	x_state out "$NEW_IN" &&
	ip -n "$DP_X" xfrm state del src "$XO" dst "$VO" proto esp spi "$OLD_IN"
}

dp_step "topology: netns x (xfrm) and v (vgate, va0)" dp_topology
vgate_check "old pair $OLD_IN/$OLD_OUT installed on both sides" old_pair
vgate_check "ping over the old pair" dp_ping "$DP_X" "$DP_IN4_V"
dp_step "iperf3 transfer of $BYTES bytes x -> v started" \
	dp_iperf_start "$DP_X" "$DP_V" "$DP_IN4_X" "$BYTES" -b 4M
vgate_check "the transfer is flowing through the old inbound SA" \
	vgate_wait 30 above "$OLD_IN" rx_bytes 262144
vgate_check "new pair installed, the new outbound SA waits (not active)" new_pair
vgate_check "sa swap: new outbound SA active, old one deleted" swapped
vgate_check "x switches to the new SA and deletes its old one" x_switched
vgate_check "the transfer now arrives through the new inbound SA" \
	vgate_wait 30 above "$NEW_IN" rx_packets 0
old_rx=$(stat "$OLD_IN" rx_packets)
dp_step "the transfer completes: all $BYTES bytes received" dp_iperf_finish
vgate_check "old inbound SA stopped counting, the new SAs carried the rest" \
	bash -c "[ \"\$1\" = \"\$2\" ] && [ \"\$3\" -gt 0 ] && [ \"\$4\" -gt 0 ] ||
		{ echo \"old in rx \$1 -> \$2, new in rx \$3, new out tx \$4\"; false; }" _ \
	"$old_rx" "$(stat "$OLD_IN" rx_packets)" "$(stat "$NEW_IN" rx_packets)" \
	"$(stat "$NEW_OUT" tx_packets)"
vgate_check "old inbound SA deleted" \
	bash -c "ip netns exec $DP_V $VGATECTL sa del dev va0 dir in spi $OLD_IN reason rekeyed &&
		! ip netns exec $DP_V $VGATECTL -j sa show | jq -e '.[] | select(.spi == $((OLD_IN)))'"
vgate_check "ping over the new pair" dp_ping "$DP_X" "$DP_IN4_V"
vgate_check "no kernel warning" kmod_dmesg_clean
ktap_finished
