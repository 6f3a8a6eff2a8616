#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Copyright (C) 2026 The vgate authors
#
# Data path against Linux's own IPsec: netns x runs xfrm (behind an xfrm
# interface), netns v runs vgate (va0, SAs from vgatectl), the same keys
# on both sides.  For each case: ping both ways, an iperf3 TCP transfer
# of a fixed byte count (iperf3 -n, --json) that the receiving end gets
# completely and the sending end agrees with (see dp_iperf_start), and
# vgate's SA counters (vgatectl -j sa show) move accordingly.
#
# Cases: every algorithm x outer IPv4/IPv6 x inner IPv4/IPv6 x raw
# ESP/UDP encapsulation x ESN off/on.  VGATE_DP_MATRIX=full runs all 128;
# slice (the default) runs 8 that cover each algorithm once, each
# outer/inner combination, raw and UDP, and ESN off and on.

# shellcheck source=selftests/lib/common.sh
. "$(dirname "$0")/../lib/common.sh"
# shellcheck source=selftests/kmod/kmod.lib
. "$(dirname "$0")/kmod.lib"
# shellcheck source=selftests/kmod/dp.lib
. "$(dirname "$0")/dp.lib"

MATRIX=${VGATE_DP_MATRIX:-slice}
BYTES=2097152	# iperf3 -n 2M
CHECKS_PER_CASE=4

# The slice: each algorithm once; outer/inner v4/v4, v4/v6, v6/v4, v6/v6
# twice each; raw and UDP four times each; ESN off and on four times each.
SLICE=(
	"aes-gcm-128 4 4 raw 0"
	"aes-gcm-256 4 6 udp 1"
	"aes-cbc-128+hmac-sha1-96 6 4 raw 1"
	"aes-cbc-128+hmac-sha256-128 6 6 udp 0"
	"aes-cbc-128+hmac-sha384-192 4 4 udp 1"
	"aes-cbc-128+hmac-sha512-256 4 6 raw 0"
	"aes-cbc-256+hmac-sha256-128 6 4 udp 0"
	"chacha20-poly1305 6 6 raw 1"
)

# cases: "ALG OUTER INNER ENCAP ESN", one per line
cases() {
	local alg outer inner encap esn
	if [ "$MATRIX" != full ]; then
		printf '%s\n' "${SLICE[@]}"
		return
	fi
	for alg in "${DP_ALGS[@]}"; do for outer in 4 6; do
	for inner in 4 6; do for encap in raw udp; do for esn in 0 1; do
		echo "$alg $outer $inner $encap $esn"
	done; done; done; done; done
}

# counters SPI_IN SPI_OUT: "in_rx_packets in_rx_bytes out_tx_packets
# out_tx_bytes in_errors" of vgate's pair.
counters() {
	vctl -j sa show | jq -r --argjson i "$(($1))" --argjson o "$(($2))" '
		(.[] | select(.spi == $i and .dir == "in") | .stats) as $in |
		(.[] | select(.spi == $o and .dir == "out") | .stats) as $out |
		"\($in.rx_packets) \($in.rx_bytes) \($out.tx_packets) \($out.tx_bytes) \($in.rx_errors)"'
}

# moved BEFORE AFTER: vgate's SAs carried the transfer: the inbound SA
# received at least BYTES, the outbound one sent, no inbound error.
moved() {
	local b a
	read -ra b <<<"$1"
	read -ra a <<<"$2"
	[ "${#a[@]}" = 5 ] && [ "${#b[@]}" = 5 ] &&
	[ $((a[0] - b[0])) -gt 0 ] && [ $((a[1] - b[1])) -ge "$BYTES" ] &&
	[ $((a[2] - b[2])) -gt 0 ] && [ $((a[3] - b[3])) -gt 0 ] &&
	[ "${a[4]}" = 0 ] && return 0
	echo "before: $1"
	echo "after:  $2 (rx_packets rx_bytes tx_packets tx_bytes rx_errors)"
	vctl sa show
	return 1
}

# sa_shown ALG ENCAP ESN SPI: vgatectl shows the inbound SA as installed,
# its algorithms named as vgatectl sa add takes them.
sa_shown() {
	local enc=${1%%+*} integ=none
	[[ $1 == *+* ]] && integ=${1#*+}
	dp_sa_json "$4" | jq -e --arg enc "$enc" --arg integ "$integ" \
		--arg encap "$2" --argjson esn "$([ "$3" = 1 ] && echo true || echo false)" '
		.enc == $enc and .integ == $integ and .esn == $esn and
		.encap == (if $encap == "udp" then "udp" else "none" end) and
		.dir == "in" and (.prefixes | length) == 2'
}

# install ALG OUTER ENCAP ESN SPI_IN SPI_OUT: the pair in x and in v.
install() {
	local xo vo
	xo=$(dp_outer "$2" x) vo=$(dp_outer "$2" v)
	dp_xfrm_pair "$DP_X" "$DP_IFID" "$xo" "$vo" "$1" "$3" "$4" "$6" "$5" &&
	dp_vgate_pair "$vo" "$xo" "$1" "$3" "$4" "$5" "$6" &&
	sa_shown "$1" "$3" "$4" "$5"
}

# ping_both INNER: x reaches v's inner address and v reaches x's.
ping_both() {
	dp_ping "$DP_X" "$(dp_inner "$1" v)" && dp_ping "$DP_V" "$(dp_inner "$1" x)"
}

run_case() {
	local alg=$1 outer=$2 inner=$3 encap=$4 esn=$5 n=$6
	local name="$alg outer v$outer inner v$inner $encap esn=$esn"
	local spi_in=$((0x1000 + n)) spi_out=$((0x2000 + n)) before after

	dp_xfrm_flush "$DP_X" && dp_vgate_flush
	[ "$encap" = udp ] && dp_espinudp_start "$outer"
	vgate_check "$name: SAs installed (xfrm in x, vgatectl in v)" \
		install "$alg" "$outer" "$encap" "$esn" "$spi_in" "$spi_out"
	before=$(counters "$spi_in" "$spi_out")
	vgate_check "$name: ping x -> v and v -> x" ping_both "$inner"
	vgate_check "$name: iperf3 -n $BYTES x -> v: all received, no more than sent" \
		dp_iperf "$DP_X" "$DP_V" "$(dp_inner "$inner" x)" "$BYTES" -b 10M
	after=$(counters "$spi_in" "$spi_out")
	vgate_check "$name: vgate SA counters moved" moved "$before" "$after"
	[ "$encap" = udp ] && dp_espinudp_stop
	return 0
}

mapfile -t CASES <<<"$(cases)"
ktap_print_header
ktap_set_plan $((2 + ${#CASES[@]} * CHECKS_PER_CASE))
ktap_print_msg "VGATE_DP_MATRIX=$MATRIX: ${#CASES[@]} cases"
kmod_dmesg_mark

dp_step "topology: netns x (xfrm) and v (vgate, va0)" dp_topology
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
