#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Copyright (C) 2026 The vgate authors
#
# MTU and fragmentation (Documentation/dataplane.md, "MTU and
# fragmentation"): nothing black-holes TCP.
#
#   l ---- v ---- r ---- x
#   LAN    vgate  router Linux xfrm (xi0)
#
# Inner PMTU discovery: an inner packet with DF that does not fit the
# access device (the template's MTU, 1400) is answered with ICMP
# Fragmentation Needed / ICMPv6 Packet Too Big naming that MTU, so a
# host of v's LAN (l) learns it; a DF-sized one passes; a TCP transfer
# from l with a 1460-octet MSS completes and l has learned 1400.
#
# Outer path narrower than the ESP packets: the r-x link is set to 1280
# octets (1400 with inner IPv6, see CASES), less than the outer packets
# of full-sized inner ones.  vgate's outer IPv4 packets carry no DF, so r
# fragments them (r counts FragCreates); over IPv6 r answers Packet Too
# Big and v fragments its next packets itself (v counts Ip6FragCreates).
# An iperf3 TCP transfer of a fixed byte count completes both ways, for
# raw ESP and ESP in UDP.
#
# The outer header: it carries the inner packet's DSCP but not its ECN
# bits (RFC 4301 5.1.2.1), and over IPv4 no DF (tcpdump on r).

# shellcheck source=selftests/lib/common.sh
. "$(dirname "$0")/../lib/common.sh"
# shellcheck source=selftests/kmod/kmod.lib
. "$(dirname "$0")/kmod.lib"
# shellcheck source=selftests/kmod/dp.lib
. "$(dirname "$0")/dp.lib"

DP_R=vgr$$
DP_L=vgl$$
# the outer addresses: v and x on two links, r between them
DP_OUT4_V=10.0.1.2
DP_OUT4_RV=10.0.1.1
DP_OUT4_RX=10.0.2.1
DP_OUT4_X=10.0.2.2
DP_OUT6_V=fd00:1::2
DP_OUT6_RV=fd00:1::1
DP_OUT6_RX=fd00:2::1
DP_OUT6_X=fd00:2::2
# v's LAN
LAN4_V=10.97.0.1
LAN4_L=10.97.0.2
LAN6_V=fd97::1
LAN6_L=fd97::2
ACCESS_MTU=1400		# the template default
BYTES=1048576		# iperf3 -n 1M

# Cases of the narrow path: "ALG OUTER INNER ENCAP MTU", MTU that of the
# r-x link.  Not below 1280: the links keep IPv6, which a smaller MTU
# turns off.  1400 with inner IPv6: Linux's xfrm (x) does not get inner
# IPv6 through a path that leaves it less than the IPv6 minimum of 1280
# (the x -> v transfer stalls); 1400 is still less than any of vgate's
# outer packets of a 1400-octet inner one.
CASES=(
	"aes-gcm-128 4 4 raw 1280"
	"aes-cbc-256+hmac-sha512-256 4 6 udp 1400"
	"aes-gcm-256 6 6 raw 1400"
	"chacha20-poly1305 6 4 udp 1280"
)
CHECKS_PER_CASE=5

# sysctl_on NS: NS forwards IPv4 and IPv6.
forwarding_on() {
	ip netns exec "$1" sysctl -qw net.ipv4.ip_forward=1 &&
	ip netns exec "$1" sysctl -qw net.ipv6.conf.all.forwarding=1
}

# link NS1 DEV1 NS2 DEV2: a veth pair, both ends up.
link() {
	ip -n "$1" link add "$2" type veth peer name "$4" netns "$3" &&
	ip -n "$1" link set "$2" up && ip -n "$3" link set "$4" up
}

topology() {
	local ns
	modprobe vgate || return 1
	for ns in "$DP_X" "$DP_V" "$DP_R" "$DP_L"; do
		kmod_netns_add "$ns" || return 1
	done
	link "$DP_V" vr "$DP_R" rv && link "$DP_R" rx "$DP_X" xr &&
	link "$DP_L" lv "$DP_V" vl || return 1
	forwarding_on "$DP_R" && forwarding_on "$DP_V" || return 1
	ip -n "$DP_V" addr add "$DP_OUT4_V/24" dev vr &&
	ip -n "$DP_V" addr add "$DP_OUT6_V/64" dev vr nodad &&
	ip -n "$DP_R" addr add "$DP_OUT4_RV/24" dev rv &&
	ip -n "$DP_R" addr add "$DP_OUT6_RV/64" dev rv nodad &&
	ip -n "$DP_R" addr add "$DP_OUT4_RX/24" dev rx &&
	ip -n "$DP_R" addr add "$DP_OUT6_RX/64" dev rx nodad &&
	ip -n "$DP_X" addr add "$DP_OUT4_X/24" dev xr &&
	ip -n "$DP_X" addr add "$DP_OUT6_X/64" dev xr nodad &&
	ip -n "$DP_V" route add 10.0.2.0/24 via "$DP_OUT4_RV" &&
	ip -n "$DP_V" route add fd00:2::/64 via "$DP_OUT6_RV" &&
	ip -n "$DP_X" route add 10.0.1.0/24 via "$DP_OUT4_RX" &&
	ip -n "$DP_X" route add fd00:1::/64 via "$DP_OUT6_RX" || return 1
	# the LAN behind v
	ip -n "$DP_L" addr add "$LAN4_L/24" dev lv &&
	ip -n "$DP_L" addr add "$LAN6_L/64" dev lv nodad &&
	ip -n "$DP_V" addr add "$LAN4_V/24" dev vl &&
	ip -n "$DP_V" addr add "$LAN6_V/64" dev vl nodad &&
	ip -n "$DP_L" route add default via "$LAN4_V" &&
	ip -n "$DP_L" -6 route add default via "$LAN6_V" || return 1
	# x: Linux IPsec; xi0 takes 1500-octet packets (a 1460-octet MSS),
	# xfrm fits them to its path itself
	ip -n "$DP_X" link add xi0 type xfrm dev xr if_id "$DP_IFID" &&
	ip -n "$DP_X" link set xi0 mtu 1500 up &&
	ip -n "$DP_X" addr add "$DP_IN4_X/32" dev xi0 &&
	ip -n "$DP_X" addr add "$DP_IN6_X/128" dev xi0 nodad &&
	ip -n "$DP_X" route add "$DP_IN4_V/32" dev xi0 src "$DP_IN4_X" &&
	ip -n "$DP_X" route add 10.97.0.0/24 dev xi0 src "$DP_IN4_X" &&
	ip -n "$DP_X" route add "$DP_IN6_V/128" dev xi0 src "$DP_IN6_X" &&
	ip -n "$DP_X" route add fd97::/64 dev xi0 src "$DP_IN6_X" || return 1
	# v: vgate, the template's default MTU
	ip -n "$DP_V" link add vt1 type vgate || return 1
	[ "$(vctl access add template vt1)" = va0 ] || return 1
	ip -n "$DP_V" link set va0 up &&
	ip -n "$DP_V" addr add "$DP_IN4_V/32" dev lo &&
	ip -n "$DP_V" addr add "$DP_IN6_V/128" dev lo nodad &&
	ip -n "$DP_V" route add "$DP_IN4_X/32" dev va0 src "$DP_IN4_V" &&
	ip -n "$DP_V" route add "$DP_IN6_X/128" dev va0 src "$DP_IN6_V"
}

# mtu_is NS DEV MTU: DEV's MTU.
mtu_is() {
	local got
	got=$(ip -n "$1" -j link show dev "$2" | jq '.[0].mtu')
	[ "$got" = "$3" ] && return 0
	echo "$2 in $1 has MTU $got, not $3"
	return 1
}

# install ALG OUTER ENCAP SPI_IN SPI_OUT: the pair in x (with policies
# for the LAN too) and in v.
install() {
	local xo vo
	xo=$(dp_outer "$2" x) vo=$(dp_outer "$2" v)
	dp_xfrm_pair "$DP_X" "$DP_IFID" "$xo" "$vo" "$1" "$3" 0 "$5" "$4" \
		"$DP_IN4_X/32" "$DP_IN4_V/32" "$DP_IN6_X/128" "$DP_IN6_V/128" \
		"$DP_IN4_X/32" 10.97.0.0/24 "$DP_IN6_X/128" fd97::/64 &&
	dp_vgate_pair "$vo" "$xo" "$1" "$3" 0 "$4" "$5" &&
	dp_ping "$DP_V" "$(dp_inner 4 x)"
}

# too_big FAMILY SIZE: a ping with DF of SIZE octets of payload from l
# to x's inner address is refused by v with the access device's MTU.
too_big() {
	local out
	out=$(ip netns exec "$DP_L" ping -"$1" -M "do" -s "$2" -c 2 -i 0.5 \
		-W 2 "$(dp_inner "$1" x)" 2>&1)
	grep -qE "mtu ?= ?$ACCESS_MTU" <<<"$out" && return 0
	echo "no MTU $ACCESS_MTU in:"
	echo "$out"
	return 1
}

# fits FAMILY SIZE: a ping with DF of SIZE octets from l is answered.
fits() {
	ip netns exec "$DP_L" ping -"$1" -M "do" -s "$2" -c 2 -i 0.3 -W 3 \
		"$(dp_inner "$1" x)"
}

# lan_tcp FAMILY: l sends BYTES by TCP to x (1460-octet MSS both ways)
# and learned the access device's MTU for x's inner address.
lan_tcp() {
	local lan=$LAN4_L route
	[ "$1" = 6 ] && lan=$LAN6_L
	dp_iperf "$DP_L" "$DP_X" "$lan" "$BYTES" -b 10M || return 1
	route=$(ip -n "$DP_L" -"$1" route get "$(dp_inner "$1" x)")
	grep -q "mtu $ACCESS_MTU" <<<"$route" && return 0
	echo "l has not learned MTU $ACCESS_MTU: $route"
	return 1
}

# ip_stat NS COUNTER: an Ip: counter of /proc/net/snmp in NS.
ip_stat() {
	# shellcheck disable=SC2016 # awk's variables
	ip netns exec "$1" awk -v f="$2" '$1 == "Ip:" && !n {
		for (i = 2; i <= NF; i++) name[i] = $i; n = 1; next }
		$1 == "Ip:" { for (i = 2; i <= NF; i++) if (name[i] == f) print $i }' \
		/proc/net/snmp
}

# ip6_stat NS COUNTER: a counter of /proc/net/snmp6 in NS.
ip6_stat() {
	# shellcheck disable=SC2016 # awk's variables
	ip netns exec "$1" awk -v f="$2" '$1 == f { print $2 }' /proc/net/snmp6
}

# frag_count OUTER: the fragments made of vgate's outer packets so far:
# by r (IPv4, no DF) or by v itself (IPv6).
frag_count() {
	if [ "$1" = 4 ]; then
		ip_stat "$DP_R" FragCreates
	else
		ip6_stat "$DP_V" Ip6FragCreates
	fi
}

# fragmented OUTER BEFORE: vgate's outer packets were fragmented since.
fragmented() {
	local now
	now=$(frag_count "$1")
	[ "$now" -gt "$2" ] && return 0
	echo "outer IPv$1 fragments: $2 before, $now after"
	[ "$1" = 6 ] && echo "v received $(ip6_stat "$DP_V" Icmp6InPktTooBigs) Packet Too Big"
	return 1
}

# outer_hdr_ok OUTER INNER: a ping from v with DSCP EF and ECT(1) (TOS /
# traffic class 0xb9) leaves v's ESP with 0xb8 outside (DSCP copied, ECN
# not) and, over IPv4, without DF.
outer_hdr_ok() {
	local out=$VGATE_TMP/tcpdump pid
	ip netns exec "$DP_R" timeout 30 tcpdump -nv -i rv -c 1 \
		"src host $(dp_outer "$1" v) and (esp or udp port 4500)" >"$out" 2>&1 &
	pid=$!
	if ! vgate_wait 20 grep -q "listening on" "$out"; then
		kill "$pid"
		cat "$out"
		return 1
	fi
	ip netns exec "$DP_V" ping -"$2" -Q 0xb9 -c 1 -W 3 "$(dp_inner "$2" x)" >/dev/null
	wait "$pid"
	if [ "$1" = 4 ]; then
		grep -q "tos 0xb8," "$out" && ! grep -q "\[DF\]" "$out" && return 0
	else
		grep -q "class 0xb8," "$out" && return 0
	fi
	cat "$out"
	return 1
}

# narrow MTU: the r-x link (both ends) takes MTU octets; routes that
# learned a path MTU before forget it.
narrow() {
	local ns
	ip -n "$DP_R" link set rx mtu "$1" && ip -n "$DP_X" link set xr mtu "$1" &&
	for ns in "$DP_V" "$DP_X" "$DP_R"; do
		ip -n "$ns" -4 route flush cache && ip -n "$ns" -6 route flush cache
	done
}

run_case() {
	local alg=$1 outer=$2 inner=$3 encap=$4 mtu=$5 n=$6 before
	local name="$alg outer v$outer inner v$inner $encap"
	local spi_in=$((0x1100 + n)) spi_out=$((0x2100 + n))

	dp_xfrm_flush "$DP_X" && dp_vgate_flush
	narrow "$mtu"
	[ "$encap" = udp ] && dp_espinudp_start "$outer"
	vgate_check "$name, r-x link MTU $mtu: SAs installed" \
		install "$alg" "$outer" "$encap" "$spi_in" "$spi_out"
	vgate_check "$name: outer header: the inner DSCP, not its ECN$([ "$outer" = 4 ] && echo ", no DF")" \
		outer_hdr_ok "$outer" "$inner"
	before=$(frag_count "$outer")
	vgate_check "$name: iperf3 -n $BYTES v -> x over the narrow path" \
		dp_iperf "$DP_V" "$DP_X" "$(dp_inner "$inner" v)" "$BYTES" -b 10M
	vgate_check "$name: vgate's outer packets were fragmented on the way" \
		fragmented "$outer" "$before"
	vgate_check "$name: iperf3 -n $BYTES x -> v over the narrow path" \
		dp_iperf "$DP_X" "$DP_V" "$(dp_inner "$inner" x)" "$BYTES" -b 10M
	[ "$encap" = udp ] && dp_espinudp_stop
	return 0
}

ktap_print_header
ktap_set_plan $((10 + ${#CASES[@]} * CHECKS_PER_CASE))
kmod_dmesg_mark

dp_step "topology: l (LAN) - v (vgate, va0) - r (router) - x (xfrm)" topology
vgate_check "va0 has the template's MTU $ACCESS_MTU" mtu_is "$DP_V" va0 "$ACCESS_MTU"
vgate_check "aes-gcm-128 outer v4 raw, 1500-octet path: SAs installed" \
	install aes-gcm-128 4 raw 0x1001 0x2001
vgate_check "ping -M do -s 1450 from the LAN: v answers Frag Needed, mtu $ACCESS_MTU" \
	too_big 4 1450
vgate_check "ping -M do -s $((ACCESS_MTU - 28)) from the LAN: answered" \
	fits 4 $((ACCESS_MTU - 28))
vgate_check "ping -6 -M do -s 1450 from the LAN: v answers Packet Too Big, mtu $ACCESS_MTU" \
	too_big 6 1450
vgate_check "ping -6 -M do -s $((ACCESS_MTU - 48)) from the LAN: answered" \
	fits 6 $((ACCESS_MTU - 48))
vgate_check "TCP over IPv4 from the LAN, MSS 1460: iperf3 -n $BYTES completes, PMTU $ACCESS_MTU learned" \
	lan_tcp 4
vgate_check "TCP over IPv6 from the LAN, MSS 1440: iperf3 -n $BYTES completes, PMTU $ACCESS_MTU learned" \
	lan_tcp 6

n=0
for c in "${CASES[@]}"; do
	# shellcheck disable=SC2086 # the case's words
	run_case $c "$n"
	n=$((n + 1))
done
dp_xfrm_flush "$DP_X"
dp_vgate_flush
vgate_check "no kernel warning" kmod_dmesg_clean
ktap_finished
