#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Copyright (C) 2026 The vgate authors
#
# vgate's raw-ESP receive hook declines SPIs that are not its own: in
# netns v, with vgate loaded and its own raw-ESP SAs installed, a second
# tunnel handled by the kernel's xfrm (xfrm interface xi1) still works,
# over outer IPv4 and IPv6.  Each tunnel's traffic is counted by its own
# SAs only.

# shellcheck source=selftests/lib/common.sh
. "$(dirname "$0")/../lib/common.sh"
# shellcheck source=selftests/kmod/kmod.lib
. "$(dirname "$0")/kmod.lib"
# shellcheck source=selftests/kmod/dp.lib
. "$(dirname "$0")/dp.lib"

ALG=aes-gcm-128
KIFID=0x43
# the kernel tunnel's inner addresses: x 10.97.0.2, v 10.96.0.1
K_X=10.97.0.2
K_V=10.96.0.1

ktap_print_header
ktap_set_plan 17
kmod_dmesg_mark

# kernel_tunnel_topology: xi1 in x and in v, with the inner addresses.
kernel_tunnel_topology() {
	ip -n "$DP_X" link add xi1 type xfrm dev vx if_id "$KIFID" &&
	ip -n "$DP_X" link set xi1 mtu "$DP_MTU" up &&
	ip -n "$DP_X" addr add "$K_X/32" dev xi1 &&
	ip -n "$DP_X" route add "$K_V/32" dev xi1 src "$K_X" &&
	ip -n "$DP_V" link add xi1 type xfrm dev vv if_id "$KIFID" &&
	ip -n "$DP_V" link set xi1 mtu "$DP_MTU" up &&
	ip -n "$DP_V" addr add "$K_V/32" dev xi1 &&
	ip -n "$DP_V" route add "$K_X/32" dev xi1 src "$K_V"
}

# tunnels OUTER: both tunnels over outer IPv4 or IPv6, raw ESP: vgate's
# (SPIs 0x9001 in / 0x9002 out on v) and the kernel's (0x9101 / 0x9102).
tunnels() {
	local xo vo
	xo=$(dp_outer "$1" x) vo=$(dp_outer "$1" v)
	dp_xfrm_flush "$DP_X" && dp_xfrm_flush "$DP_V" && dp_vgate_flush &&
	dp_xfrm_pair "$DP_X" "$DP_IFID" "$xo" "$vo" "$ALG" raw 0 0x9002 0x9001 &&
	dp_vgate_pair "$vo" "$xo" "$ALG" raw 0 0x9001 0x9002 &&
	dp_xfrm_pair "$DP_X" "$KIFID" "$xo" "$vo" "$ALG" raw 0 0x9102 0x9101 \
		"$K_X/32" "$K_V/32" &&
	dp_xfrm_pair "$DP_V" "$KIFID" "$vo" "$xo" "$ALG" raw 0 0x9101 0x9102 \
		"$K_V/32" "$K_X/32"
}

# xfrm_packets NS SPI: packets the kernel SA SPI of NS processed.
xfrm_packets() {
	ip -n "$1" -s xfrm state list spi "$2" |
		sed -n 's/.* \([0-9]*\)(packets).*/\1/p' | head -n 1
}

# vgate_rx SPI: packets vgate's inbound SA SPI received.
vgate_rx() {
	dp_sa_stat "$1" rx_packets
}

# kernel_tunnel_only: ping over the kernel tunnel; its inbound SA in v
# counted it, vgate's inbound SA did not move.
kernel_tunnel_only() {
	local k_before v_before k_after v_after
	k_before=$(xfrm_packets "$DP_V" 0x9101) v_before=$(vgate_rx 0x9001)
	dp_ping "$DP_X" "$K_V" >/dev/null || { echo "ping $K_V failed"; return 1; }
	k_after=$(xfrm_packets "$DP_V" 0x9101) v_after=$(vgate_rx 0x9001)
	[ "$k_after" -ge $((k_before + 2)) ] && [ "$v_after" = "$v_before" ] &&
		return 0
	echo "kernel SA 0x9101: $k_before -> $k_after; vgate SA 0x9001: $v_before -> $v_after"
	return 1
}

# vgate_tunnel_only: ping over vgate's tunnel; vgate's inbound SA counted
# it, the kernel's inbound SA in v did not move.
vgate_tunnel_only() {
	local k_before v_before k_after v_after
	k_before=$(xfrm_packets "$DP_V" 0x9101) v_before=$(vgate_rx 0x9001)
	dp_ping "$DP_X" "$DP_IN4_V" >/dev/null || { echo "ping $DP_IN4_V failed"; return 1; }
	k_after=$(xfrm_packets "$DP_V" 0x9101) v_after=$(vgate_rx 0x9001)
	[ "$v_after" -ge $((v_before + 2)) ] && [ "$k_after" = "$k_before" ] &&
		return 0
	echo "kernel SA 0x9101: $k_before -> $k_after; vgate SA 0x9001: $v_before -> $v_after"
	return 1
}

# vgate_sas N: vgate has N SAs in v.
vgate_sas() {
	[ "$(vctl -j sa show | jq length)" = "$1" ]
}

dp_step "topology: netns x and v, vgate's va0" dp_topology
vgate_check "a kernel xfrm tunnel next to it (xi1 in x and v)" kernel_tunnel_topology
for outer in 4 6; do
	vgate_check "outer IPv$outer: both tunnels installed, raw ESP" tunnels "$outer"
	vgate_check "outer IPv$outer: vgate holds its own two SAs" vgate_sas 2
	vgate_check "outer IPv$outer: kernel tunnel x -> v works, vgate's SA untouched" \
		kernel_tunnel_only
	vgate_check "outer IPv$outer: kernel tunnel v -> x works" dp_ping "$DP_V" "$K_X"
	vgate_check "outer IPv$outer: vgate tunnel x -> v works, kernel's SA untouched" \
		vgate_tunnel_only
	vgate_check "outer IPv$outer: vgate tunnel v -> x works" dp_ping "$DP_V" "$DP_IN4_X"
	vgate_check "outer IPv$outer: kernel tunnel still works after vgate's SAs" \
		kernel_tunnel_only
done
dp_xfrm_flush "$DP_X"
dp_xfrm_flush "$DP_V"
dp_vgate_flush
vgate_check "no kernel warning" kmod_dmesg_clean
ktap_finished
