#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Copyright (C) 2026 The vgate authors
#
# The interop harness's own test: two strongSwan charons, plain Linux XFRM
# on both sides, vgate not involved.  The client (initiator, netns
# $TOPO_C) asks for virtual IPs; the gateway (responder, $TOPO_G) hands
# them out and routes to the LAN host ($TOPO_L) behind it (topo.lib).
# For each case: both sides list the IKE SA as ESTABLISHED and the CHILD
# SA as INSTALLED; the ports and the encapsulation fit the path (500 and
# raw ESP without NAT; 4500 and ESP in UDP behind the NAT); the client
# pings the LAN host over IPv4 and IPv6 through the tunnel; an iperf3
# transfer of a fixed byte count arrives whole; the xfrm states'
# counters carried it; after the client terminates, neither side has an
# SA, an xfrm state or an xfrm policy left; tshark dissects every IKE
# packet captured at the gateway without a malformed one.
#
# Cases: PSK over IPv4 and ECDSA certificates over IPv6 without NAT, then
# PSK over IPv4 through the NAT.  Later, the IKE benchmark runs charon as
# a responder the same way.

# shellcheck source=selftests/lib/common.sh
. "$(dirname "$0")/../lib/common.sh"
# shellcheck source=selftests/interop/topo.lib
. "$(dirname "$0")/topo.lib"
# shellcheck source=selftests/interop/swan.lib
. "$(dirname "$0")/swan.lib"
# shellcheck source=selftests/interop/capture.lib
. "$(dirname "$0")/capture.lib"

BYTES=1048576	# iperf3 -n 1M
PSK=vgate-interop-test-psk
PKI=$VGATE_TMP/pki
CLIENT_ID=client.example.com
GW_ID=gw.example.com
CHECKS_PER_CASE=9
# a truncated IKE_SA_INIT request: the header says 256 octets, 41 follow
BOGUS_IKE='\x11\x22\x33\x44\x55\x66\x77\x88\0\0\0\0\0\0\0\0\x21\x20\x22\x08'
BOGUS_IKE+='\0\0\0\0\0\0\x01\0\x22\0\0\x10\0\0\0\0\0\0\0\0\0'

# CASES: "TAG NAT FAMILY AUTH"
CASES=(
	"psk4 no 4 psk"
	"cert6 no 6 pubkey"
	"nat-psk4 yes 4 psk"
)
# VGATE_INTEROP_MATRIX=slice (make check's second kernel): the first case.
[ "${VGATE_INTEROP_MATRIX:-full}" = slice ] && CASES=("${CASES[0]}")

# check DESC CMD...: vgate_check, with the seconds it took on stderr.
check() {
	local t=$SECONDS
	vgate_check "$@"
	echo "$((SECONDS - t)) s: $1" >&2
}

# step DESC CMD...: one result; CMD runs in this shell (what it starts
# or defers stays), its output shown only on failure.
step() {
	local desc=$1 out=$VGATE_TMP/step.out t=$SECONDS
	shift
	if "$@" >"$out" 2>&1; then
		echo "$((SECONDS - t)) s: $desc" >&2
		ktap_test_pass "$desc"
	else
		echo "$((SECONDS - t)) s: $desc" >&2
		sed 's/^/# /' "$out"
		ktap_test_fail "$desc"
	fi
}

# pcap_has_packet FILE: FILE holds more than the 24-octet pcap header.
pcap_has_packet() {
	[ "$(stat -c %s "$1")" -gt 24 ]
}

# catches_malformed: ike_capture_check fails on a capture holding a
# truncated IKE message (the client sends it to the gateway's port 500).
catches_malformed() {
	ike_capture_start "$TOPO_G" g0 bogus || return 1
	# shellcheck disable=SC2016 # expanded by that bash
	ip netns exec "$TOPO_C" bash -c \
		'printf "$1" >"/dev/udp/$2/500"' sh "$BOGUS_IKE" "$TOPO_GW4" || return 1
	vgate_wait 5 pcap_has_packet "$VGATE_TMP/bogus.pcap" ||
		{ echo "tcpdump did not write the packet"; return 1; }
	if ike_capture_check bogus 1; then
		echo "ike_capture_check passed a malformed packet"
		return 1
	fi
}

# peers TAG FAMILY AUTH: the two charons and their connection "rw".
peers() {
	local tag=$1 fam=$2 auth=$3 gw client gw_auth client_auth
	gw=TOPO_GW$fam client=TOPO_CLIENT$fam
	if [ "$auth" = psk ]; then
		gw_auth=(auth=psk psk="$PSK")
		client_auth=(auth=psk psk="$PSK")
	else
		gw_auth=(auth=pubkey ca="$PKI/ca.pem" cert="$PKI/$GW_ID.pem"
			key="$PKI/$GW_ID.key")
		client_auth=(auth=pubkey ca="$PKI/ca.pem" cert="$PKI/$CLIENT_ID.pem"
			key="$PKI/$CLIENT_ID.key")
	fi
	swan_spawn "$tag-gw" "$TOPO_G" && swan_spawn "$tag-client" "$TOPO_C" &&
	swan_ready "$tag-gw" && swan_ready "$tag-client" || return 1
	swan_pool "$tag-gw" pool4 "$TOPO_POOL4" &&
	swan_pool "$tag-gw" pool6 "$TOPO_POOL6" &&
	swan_conn "$tag-gw" rw role=responder local="${!gw}" id="$GW_ID" \
		remote_id="$CLIENT_ID" "${gw_auth[@]}" pools=pool4,pool6 \
		local_ts="$TOPO_LAN4,$TOPO_LAN6" &&
	swan_conn "$tag-client" rw role=initiator local="${!client}" \
		remote="${!gw}" id="$CLIENT_ID" remote_id="$GW_ID" \
		"${client_auth[@]}" vips=0.0.0.0,:: \
		remote_ts="$TOPO_LAN4,$TOPO_LAN6" &&
	swan_load "$tag-gw" && swan_load "$tag-client"
}

# established TAG: on both sides the IKE SA is ESTABLISHED and the CHILD
# SA INSTALLED; the client holds an IPv4 and an IPv6 virtual IP from the
# pools.  Both sides' SA listings stay in $VGATE_TMP/TAG-SIDE.json for
# the next checks.
established() {
	local side
	swan_initiate "$1-client" rw 30 || return 1
	for side in client gw; do
		swan_wait_sa "$1-$side" rw ESTABLISHED &&
		swan_sas "$1-$side" >"$VGATE_TMP/$1-$side.json" || return 1
	done
	swan_pick_ike rw <"$VGATE_TMP/$1-client.json" | jq -e '
		(.["local-vips"] // []) as $v |
		($v | map(select(startswith("203.0.113."))) | length) == 1 and
		($v | map(select(startswith("2001:db8:4:"))) | length) == 1' ||
		{ cat "$VGATE_TMP/$1-client.json"; return 1; }
}

# path TAG NAT: NAT detection, the IKE SA's port and the CHILD SA's
# encapsulation on both sides, in list-sas and in the xfrm states.
# Behind the NAT: the client sees itself behind it, the gateway sees the
# client behind it, IKE on 4500, ESP in UDP.  Without: no NAT seen, raw
# ESP (charon floats IKE to 4500 anyway, since MOBIKE asks for it, so
# the port says nothing there).
path() {
	local tag=$1 nat=$2 side encap=no want=0 spi
	[ "$nat" = yes ] && encap=yes want=1
	for side in client gw; do
		# one jq per side: the SPI if all is as expected
		spi=$(jq -r --arg nat "$nat" --arg e "$encap" '
			([.[] | select(.name == "rw")] | last) as $ike |
			([$ike["child-sas"][] | select(.name == "rw")] | last) as $child |
			if ((if $ike.initiator == "yes" then $ike["nat-local"]
			     else $ike["nat-remote"] end // "no") == $nat and
			    ($ike["nat-fake"] // "no") == "no" and
			    ($nat == "no" or $ike["local-port"] == "4500") and
			    ($child.encap // "no") == $e)
			then $child["spi-in"] else "bad" end' \
			"$VGATE_TMP/$tag-$side.json") || spi=bad
		if [ "$spi" = bad ]; then
			echo "$side: NAT (expected: $nat), IKE port or ESP encap wrong:"
			cat "$VGATE_TMP/$tag-$side.json"
			return 1
		fi
		[ "$(swan_xfrm_state "$tag-$side" "$spi" | grep -c 'encap type espinudp')" = "$want" ] || {
			echo "$side: xfrm state of the inbound SA (encap expected: $nat):"
			swan_xfrm_state "$tag-$side" "$spi"
			return 1
		}
	done
}

# pings: the client reaches the LAN host over IPv4 and IPv6.
pings() {
	topo_ping "$TOPO_C" "$TOPO_HOST4" && topo_ping "$TOPO_C" "$TOPO_HOST6"
}

# moved TAG: the xfrm states carried the transfer from the LAN host to the
# client: the client's inbound SA and the gateway's outbound SA (the same
# SPI) counted at least BYTES, the other direction some packets.
moved() {
	local tag=$1 in out c_in g_out c_out g_in spis
	# (no process substitution: the guest has no /dev/fd)
	spis=$(swan_pick_child rw <"$VGATE_TMP/$tag-client.json" |
		jq -r '"\(.["spi-in"]) \(.["spi-out"])"') || return 1
	read -r in out <<<"$spis"
	read -r -a c_in <<<"$(swan_xfrm_current "$tag-client" "$in")"
	read -r -a g_out <<<"$(swan_xfrm_current "$tag-gw" "$in")"
	read -r -a c_out <<<"$(swan_xfrm_current "$tag-client" "$out")"
	read -r -a g_in <<<"$(swan_xfrm_current "$tag-gw" "$out")"
	echo "SPI $in gw->client: gw sent ${g_out[*]}, client got ${c_in[*]} (bytes packets)"
	echo "SPI $out client->gw: client sent ${c_out[*]}, gw got ${g_in[*]}"
	[ "${c_in[0]:-0}" -ge "$BYTES" ] && [ "${g_out[0]:-0}" -ge "$BYTES" ] &&
	[ "${c_out[1]:-0}" -gt 0 ] && [ "${g_in[1]:-0}" -gt 0 ] && return 0
	swan_xfrm_state "$tag-client" "$in"
	return 1
}

# gone TAG: the client terminates; then neither side has an IKE SA, an
# xfrm state or an xfrm policy.
gone() {
	local side ns
	swan_terminate "$1-client" rw 10 || return 1
	for side in client gw; do
		swan_wait_sa "$1-$side" rw none none 10 || return 1
		ns=$(swan_netns "$1-$side")
		vgate_wait 5 xfrm_empty "$ns" || { xfrm_empty "$ns"; return 1; }
	done
}

# xfrm_empty NS: no xfrm state and no xfrm policy in NS but charon's
# per-socket bypass policies of its IKE sockets.
xfrm_empty() {
	local s p
	s=$(ip -n "$1" xfrm state) && p=$(ip -n "$1" xfrm policy) || return 1
	[ -z "$s" ] && [ "$(awk '/^src / { n++ } /^\tsocket / { n-- }
		END { print n + 0 }' <<<"$p")" = 0 ] && return 0
	echo "left in $1:"
	echo "$s$p"
	return 1
}

run_case() {
	local tag=$1 nat=$2 fam=$3 auth=$4 host=TOPO_HOST$3
	local name start=$SECONDS
	name="$tag: $auth over IPv$fam$([ "$nat" = yes ] && echo ", behind NAT")"
	step "$name: charon pair up, connections loaded" peers "$tag" "$fam" "$auth"
	step "$name: IKE capture at the gateway" ike_capture_start "$TOPO_G" g0 "$tag"
	check "$name: IKE SA established, CHILD SA installed, virtual IPs" \
		established "$tag"
	check "$name: IKE port and ESP encapsulation fit the path" \
		path "$tag" "$nat"
	check "$name: ping client -> LAN host (IPv4, IPv6) through the tunnel" pings
	check "$name: iperf3 -n $BYTES LAN host -> client, same count at both ends" \
		topo_iperf "$TOPO_L" "$TOPO_C" "${!host}" "$BYTES"
	check "$name: xfrm state counters carried the transfer" moved "$tag"
	check "$name: terminated, no SA, xfrm state or policy left" gone "$tag"
	check "$name: tshark dissects every IKE packet, none malformed" \
		ike_capture_check "$tag" 6
	swan_stop "$tag-client"
	swan_stop "$tag-gw"
	ktap_print_msg "$tag: $((SECONDS - start)) s"
}

ktap_print_header
# three steps before the cases, one more when a case needs the NAT
nat_steps=0
for c in "${CASES[@]}"; do
	case $c in *" yes "*) nat_steps=1 ;; esac
done
ktap_set_plan $((3 + nat_steps + ${#CASES[@]} * CHECKS_PER_CASE))
swan_init
step "test PKI: a CA, ECDSA certificates for $CLIENT_ID and $GW_ID" \
	swan_pki "$PKI" "$CLIENT_ID" "$GW_ID"

step "topology without NAT" topo_up
step "the capture check flags a malformed IKE packet" catches_malformed
for c in "${CASES[@]}"; do
	# shellcheck disable=SC2086 # the case's words
	set -- $c
	if [ "$2" = yes ] && [ "$TOPO_NAT" = no ]; then
		topo_down
		step "topology with NAT" topo_up --nat
	fi
	run_case "$@"
done
topo_down
swan_logs_if_failed
ktap_finished
