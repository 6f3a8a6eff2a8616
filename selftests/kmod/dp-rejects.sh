#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Copyright (C) 2026 The vgate authors
#
# Inbound ESP that vgate must refuse.  Netns x sends hand-built
# ESP-in-UDP (dp_esp.py, same keys as vgate's inbound SAs) to netns v:
# a tampered ICV, a replayed and a too-old packet, a truncated packet,
# bad padding, an inner source outside the SA's prefixes, and an unknown
# SPI.  IPv6 inner prefixes that are not host routes (/64 and /61) let
# their own sources through and drop the ones just outside.  Each is dropped, counted under its reason in vgatectl -j sa show
# (or as unknown_spi in vgatectl -j net show, with a notification seen by
# vgatectl monitor), and nothing of it reaches the listener in v; the
# well-formed packets between them are delivered.

# shellcheck source=selftests/lib/common.sh
. "$(dirname "$0")/../lib/common.sh"
# shellcheck source=selftests/kmod/kmod.lib
. "$(dirname "$0")/kmod.lib"
# shellcheck source=selftests/kmod/dp.lib
. "$(dirname "$0")/dp.lib"

GCM=aes-gcm-128
CBC=aes-cbc-256+hmac-sha256-128
SPI_GCM=0x3001
SPI_CBC=0x3002
SPI_V6=0x3003
V6_PREFIXES=(fd00:1::/64 fd77:0:0:8::/61)
UNKNOWN_SPI=0xdead0001
RX=$VGATE_TMP/received
MON=$VGATE_TMP/monitor

ktap_print_header
ktap_set_plan 24
kmod_dmesg_mark

# send ALG SPI SEQ PAYLOAD [dp_esp.py ARGS...]: one ESP-in-UDP packet x -> v
# for the SA SPI, inner UDP from x's inner address to v's port 5555.
send() {
	local alg=$1 spi=$2 seq=$3 payload=$4 integ=()
	shift 4
	[[ $alg == *+* ]] && integ=(--integ "${alg#*+}" --ikey "$(dp_ikey "$alg" "$spi")")
	ip netns exec "$DP_X" "$DP_PY" "$DP_DIR/dp_esp.py" --udp \
		--to "$DP_OUT4_V" --enc "${alg%%+*}" --key "$(dp_key "$alg" "$spi")" \
		"${integ[@]}" --spi "$spi" --seq "$seq" --src "$DP_IN4_X" \
		--dst "$DP_IN4_V" --dport 5555 --payload "$payload" "$@"
}

# stat_is SPI COUNTER VALUE: vgate's SA SPI counts VALUE (waits for it).
stat_of() {
	vctl -j sa show | jq --argjson spi "$(($1))" ".[] | select(.spi == \$spi) | .stats.$2"
}

stat_is() {
	local deadline=$(($(date +%s) + 5))
	until [ "$(stat_of "$1" "$2")" = "$3" ]; do
		if [ "$(date +%s)" -ge "$deadline" ]; then
			echo "SA $1: $2 is $(stat_of "$1" "$2"), not $3"
			vctl sa show
			return 1
		fi
		sleep 0.1
	done
}

# delivered PAYLOAD: the listener in v received PAYLOAD.
delivered() {
	vgate_wait 5 grep -qx "$1" "$RX" && return 0
	echo "not received: $1; the listener got:"
	cat "$RX"
	return 1
}

# accepted ALG SPI SEQ PAYLOAD: a well-formed packet is delivered.
accepted() {
	send "$@" && delivered "$4"
}

# dropped COUNTER VALUE ALG SPI SEQ PAYLOAD [ARGS...]: after sending, the
# SA's COUNTER reaches VALUE and PAYLOAD was not delivered (again).
dropped() {
	local counter=$1 value=$2 payload=$6 before
	shift 2
	before=$(grep -cx "$payload" "$RX")
	send "$@" && stat_is "$2" "$counter" "$value" || return 1
	[ "$(grep -cx "$payload" "$RX")" = "$before" ] && return 0
	echo "delivered: $payload"
	return 1
}

unknown_above() {
	[ "$(vctl -j net show | jq .unknown_spi)" -gt "$1" ]
}

# unknown_spi_dropped BEFORE: ESP for an SPI vgate does not have is
# dropped and counted: net show's unknown_spi goes past BEFORE.
unknown_spi_dropped() {
	send "$GCM" "$UNKNOWN_SPI" 1 unknown-spi &&
		vgate_wait 5 unknown_above "$1" &&
		! grep -qx unknown-spi "$RX" && return 0
	vctl net show
	return 1
}

install_sas() {
	dp_vgate_sa in "$SPI_GCM" "$DP_OUT4_V" "$DP_OUT4_X" "$GCM" udp 0 \
		replay-window 32 &&
	dp_vgate_sa in "$SPI_CBC" "$DP_OUT4_V" "$DP_OUT4_X" "$CBC" udp 0
}

# install_v6_sa: an inbound SA whose only prefixes are V6_PREFIXES.
install_v6_sa() {
	# shellcheck disable=SC2046 # the algorithm words split on purpose
	vctl sa add dev va0 dir in spi "$SPI_V6" $(dp_vgate_alg "$GCM" "$SPI_V6") \
		local "$DP_OUT4_V" peer "$DP_OUT4_X" encap udp \
		prefix "${V6_PREFIXES[0]}" prefix "${V6_PREFIXES[1]}"
}

# v6_prefixes_shown: sa show gives the prefixes back as they were given.
v6_prefixes_shown() {
	local got
	got=$(dp_sa_json "$SPI_V6" | jq -r '.prefixes | join(" ")')
	[ "$got" = "${V6_PREFIXES[*]}" ] && return 0
	echo "prefixes: $got"
	return 1
}

# send6 SEQ SRC PAYLOAD: one packet for SPI_V6, inner IPv6 from SRC to v.
send6() {
	send "$GCM" "$SPI_V6" "$1" "$3" --src "$2" --dst "$DP_IN6_V"
}

# accepted6 SEQ SRC PAYLOAD / dropped6 VALUE SEQ SRC PAYLOAD: as accepted
# and dropped (inner_src reaches VALUE), for SPI_V6.
accepted6() {
	send6 "$@" && delivered "$3"
}

dropped6() {
	local value=$1 before
	shift
	before=$(grep -cx "$3" "$RX")
	send6 "$@" && stat_is "$SPI_V6" inner_src "$value" || return 1
	[ "$(grep -cx "$3" "$RX")" = "$before" ] && return 0
	echo "delivered: $3"
	return 1
}

# only_good_delivered: the listener got the five good payloads, va0
# counted five packets.
only_good_delivered() {
	local got rx
	got=$(grep -v listening "$RX" | sort | tr '\n' ' ')
	rx=$(ip -n "$DP_V" -j -s link show dev va0 | jq '.[0].stats64.rx.packets')
	[ "$got" = "cbc-ok-1 gcm-ok-1 gcm-ok-100 v6-ok-61 v6-ok-64 " ] &&
		[ "$rx" = 5 ] && return 0
	echo "listener got: $got; va0 rx_packets $rx"
	return 1
}

# errors_add_up: each SA's rx_errors is the sum of its reasons; 10 drops.
errors_add_up() {
	# shellcheck disable=SC2016 # jq's variables
	vctl -j sa show | jq -e 'all(.[].stats; .rx_errors == .replay +
		.auth_fail + .bad_padding + .inner_src + .malformed) and
		([.[].stats.rx_errors] | add) == 10' && return 0
	vctl sa show
	return 1
}

dp_step "topology: netns x (sender) and v (vgate, va0)" dp_topology
vgate_check "inbound SAs $GCM ($SPI_GCM, window 32) and $CBC ($SPI_CBC), ESP in UDP" \
	install_sas

# The listener: one line per datagram to port 5555 of v (IPv4 and IPv6).
ip netns exec "$DP_V" "$DP_PY" -u -c '
import socket
s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
s.bind(("::", 5555))
print("listening", flush=True)
while True:
    print(s.recv(2048).decode(errors="replace"), flush=True)
' >"$RX" 2>&1 &
vgate_defer "kill $!"
vgate_wait 20 grep -q listening "$RX" || ktap_print_msg "listener did not start"
dp_monitor_start "$MON" || ktap_print_msg "vgatectl monitor did not start"

vgate_check "$GCM: a well-formed packet is delivered" \
	accepted "$GCM" "$SPI_GCM" 1 gcm-ok-1
vgate_check "$GCM: tampered ICV: dropped, counted as auth_fail" \
	dropped auth_fail 1 "$GCM" "$SPI_GCM" 2 gcm-bad-icv --tamper icv
vgate_check "$GCM: replayed packet (seq 1 again): dropped, counted as replay" \
	dropped replay 1 "$GCM" "$SPI_GCM" 1 gcm-ok-1
vgate_check "$GCM: seq 100 is delivered" accepted "$GCM" "$SPI_GCM" 100 gcm-ok-100
vgate_check "$GCM: seq 50, left of the 32-packet window: counted as replay" \
	dropped replay 2 "$GCM" "$SPI_GCM" 50 gcm-old-50
vgate_check "$GCM: truncated packet: dropped, counted as malformed" \
	dropped malformed 1 "$GCM" "$SPI_GCM" 101 gcm-short --tamper truncate
vgate_check "$GCM: pad length past the payload: counted as bad_padding" \
	dropped bad_padding 1 "$GCM" "$SPI_GCM" 102 gcm-bad-pad --tamper padding
vgate_check "$GCM: inner source 10.77.0.1 outside the prefixes: counted as inner_src" \
	dropped inner_src 1 "$GCM" "$SPI_GCM" 103 gcm-spoofed --src 10.77.0.1
vgate_check "$CBC: a well-formed packet is delivered" \
	accepted "$CBC" "$SPI_CBC" 1 cbc-ok-1
vgate_check "$CBC: tampered ICV: dropped, counted as auth_fail" \
	dropped auth_fail 1 "$CBC" "$SPI_CBC" 2 cbc-bad-icv --tamper icv
vgate_check "$CBC: pad length past the payload: counted as bad_padding" \
	dropped bad_padding 1 "$CBC" "$SPI_CBC" 3 cbc-bad-pad --tamper padding

vgate_check "inbound SA $SPI_V6 with IPv6 prefixes ${V6_PREFIXES[*]}" \
	install_v6_sa
vgate_check "sa show gives the IPv6 prefixes back as given" v6_prefixes_shown
vgate_check "IPv6 inner source fd00:1::dead:beef in ${V6_PREFIXES[0]}: delivered" \
	accepted6 1 fd00:1::dead:beef v6-ok-64
vgate_check "IPv6 inner source fd77:0:0:f:ffff::1 in ${V6_PREFIXES[1]}: delivered" \
	accepted6 2 fd77:0:0:f:ffff::1 v6-ok-61
vgate_check "IPv6 inner source fd00:1:0:1::1, just outside /64: counted as inner_src" \
	dropped6 1 3 fd00:1:0:1::1 v6-spoofed-64
vgate_check "IPv6 inner source fd77:0:0:10::1, just outside /61: counted as inner_src" \
	dropped6 2 4 fd77:0:0:10::1 v6-spoofed-61

unknown_before=$(vctl -j net show | jq .unknown_spi)
vgate_check "unknown SPI $UNKNOWN_SPI: dropped, counted in net show" \
	unknown_spi_dropped "${unknown_before:-0}"
# shellcheck disable=SC2016 # jq's variables
vgate_check "vgatectl monitor: unknown-spi notification with SPI, peer and port" \
	vgate_wait 5 jq -e --argjson spi "$((UNKNOWN_SPI))" --arg peer "$DP_OUT4_X" \
		'select(.event == "unknown-spi" and .spi == $spi and
			.peer == $peer and .peer_port == 4500)' "$MON"
vgate_check "only the well-formed packets were delivered (listener and va0)" \
	only_good_delivered
vgate_check "each SA's rx_errors is the sum of its drop reasons" errors_add_up
vgate_check "no kernel warning" kmod_dmesg_clean
ktap_finished
