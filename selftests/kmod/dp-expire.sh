#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Copyright (C) 2026 The vgate authors
#
# SA lifetimes: soft and hard expire notifications for packet, byte and
# time limits, as printed by vgatectl -j monitor; the soft one comes
# once and first, the hard one deletes the SA.  Traffic: ping from x
# (xfrm) to v (vgate); every echo request uses v's inbound SA, every
# reply v's outbound SA.

# shellcheck source=selftests/lib/common.sh
. "$(dirname "$0")/../lib/common.sh"
# shellcheck source=selftests/kmod/kmod.lib
. "$(dirname "$0")/kmod.lib"
# shellcheck source=selftests/kmod/dp.lib
. "$(dirname "$0")/dp.lib"

ALG=aes-gcm-128
MON=$VGATE_TMP/monitor
XO=$DP_OUT4_X
VO=$DP_OUT4_V
IN_PKT=0x7001		# inbound, soft 3 hard 6 packets
OUT_BYTES=0x8001	# outbound, soft 1000 hard 2500 bytes
IN_NEXT=0x7002		# inbound without limits, for the byte phase
IN_TIME=0x7003		# inbound, soft 1 hard 3 seconds, no traffic

ktap_print_header
ktap_set_plan 16
kmod_dmesg_mark

# expired SPI SOFT|HARD LIMIT: the monitor printed exactly one such
# notification for SPI.
expired() {
	local hard=false
	[ "$2" = hard ] && hard=true
	# shellcheck disable=SC2016 # jq's variables
	[ "$(jq -c --argjson spi "$(($1))" --argjson hard "$hard" --arg limit "$3" '
		select(.event == "sa-expire" and .spi == $spi and .hard == $hard and
		       .limit == $limit and .dev == "va0")' "$MON" | wc -l)" = 1 ]
}

# soft_first SPI: SPI's soft notification came before its hard one.
soft_first() {
	# shellcheck disable=SC2016
	[ "$(jq -r --argjson spi "$(($1))" 'select(.spi == $spi) | .hard' "$MON" |
		tr '\n' ' ')" = "false true " ] || { cat "$MON"; false; }
}

gone() {
	! vctl -j sa show | jq -e --argjson spi "$(($1))" '.[] | select(.spi == $spi)'
}

present() {
	! gone "$1"
}

wait_expired() {
	vgate_wait "$1" expired "$2" "$3" "$4" && return 0
	echo "no $3 $4 expire for SPI $2; monitor:"
	cat "$MON"
	return 1
}

install() {
	dp_xfrm_pair "$DP_X" "$DP_IFID" "$XO" "$VO" "$ALG" raw 0 "$OUT_BYTES" "$IN_PKT" &&
	dp_vgate_sa in "$IN_PKT" "$VO" "$XO" "$ALG" raw 0 soft-packets 3 hard-packets 6 &&
	dp_vgate_sa out "$OUT_BYTES" "$VO" "$XO" "$ALG" raw 0 soft-bytes 1000 hard-bytes 2500 &&
	dp_sa_json "$IN_PKT" | jq -e '.soft.packets == 3 and .hard.packets == 6' &&
	dp_sa_json "$OUT_BYTES" | jq -e '.soft.bytes == 1000 and .hard.bytes == 2500'
}

# pings NS DST COUNT: COUNT echo requests, answered or not.
pings() {
	ip netns exec "$1" ping -c "$3" -i 0.2 -W 1 "$2" >/dev/null 2>&1
	return 0
}

# next_in: x sends with a new SA (no limits) that v accepts.
next_in() {
	ip -n "$DP_X" xfrm state del src "$XO" dst "$VO" proto esp spi "$IN_PKT"
	# shellcheck disable=SC2046
	ip -n "$DP_X" xfrm state add src "$XO" dst "$VO" proto esp spi "$IN_NEXT" \
		reqid 1 mode tunnel if_id "$DP_IFID" replay-window 128 \
		flag af-unspec $(dp_xfrm_alg "$ALG" "$IN_NEXT") &&
	dp_vgate_sa in "$IN_NEXT" "$VO" "$XO" "$ALG" raw 0
}

time_expired() {
	wait_expired 15 "$IN_TIME" soft seconds &&
	wait_expired 15 "$IN_TIME" hard seconds &&
	soft_first "$IN_TIME" && gone "$IN_TIME"
}

dp_step "topology: netns x (xfrm) and v (vgate, va0)" dp_topology
dp_step "vgatectl monitor receives (access-del of a throw-away device)" \
	dp_monitor_start "$MON"
vgate_check "SAs with packet (in) and byte (out) limits, shown by sa show" install

pings "$DP_X" "$DP_IN4_V" 4
vgate_check "inbound: soft packet expire after 3 packets" \
	wait_expired 10 "$IN_PKT" soft packets
vgate_check "inbound: the soft expire leaves the SA in place" present "$IN_PKT"
pings "$DP_X" "$DP_IN4_V" 4
vgate_check "inbound: hard packet expire after 6 packets" \
	wait_expired 10 "$IN_PKT" hard packets
vgate_check "inbound: soft came first, once" soft_first "$IN_PKT"
vgate_check "inbound: the hard expire deleted the SA" gone "$IN_PKT"

vgate_check "a new inbound SA without limits" next_in
pings "$DP_X" "$DP_IN4_V" 12
vgate_check "outbound: soft byte expire after 1000 bytes" \
	wait_expired 10 "$OUT_BYTES" soft bytes
pings "$DP_X" "$DP_IN4_V" 30
vgate_check "outbound: hard byte expire after 2500 bytes" \
	wait_expired 10 "$OUT_BYTES" hard bytes
vgate_check "outbound: soft came first, once" soft_first "$OUT_BYTES"
vgate_check "outbound: the hard expire deleted the SA" gone "$OUT_BYTES"

vgate_check "an SA with soft 1 s and hard 3 s lifetimes" \
	dp_vgate_sa in "$IN_TIME" "$VO" "$XO" "$ALG" raw 0 soft-seconds 1 hard-seconds 3
vgate_check "time limits: soft then hard expire, the SA is deleted" time_expired
vgate_check "no kernel warning" kmod_dmesg_clean
ktap_finished
