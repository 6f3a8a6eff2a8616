#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# vgated as the initiator (a FlexVPN client, `client` in vgated.conf)
# against strongSwan's charon as the responder.  vgated and vgate.ko
# run in the client netns, charon in the gateway netns with the LAN
# behind it.  For each case: vgated connects on its own (connect auto),
# both sides see the IKE and CHILD SA, vgated's CHILD SA sits on an
# access device with a route to the LAN, a ping and an iperf3 transfer
# of a fixed byte count go through vgate.ko and charon's xfrm states;
# then charon deletes the SA, vgated removes its state and connects
# again by itself; `clear crypto session` deletes charon's SA too.
# Cases: PSK over IPv4, PSK behind the NAT (vgated floats to 4500 and
# encapsulates ESP in UDP), ECDSA certificates over IPv6.  tshark
# dissects every IKE packet captured at the gateway.

# shellcheck source=selftests/lib/common.sh
. "$(dirname "$0")/../lib/common.sh"
# shellcheck source=selftests/interop/topo.lib
. "$(dirname "$0")/topo.lib"
# shellcheck source=selftests/interop/swan.lib
. "$(dirname "$0")/swan.lib"
# shellcheck source=selftests/interop/capture.lib
. "$(dirname "$0")/capture.lib"
# shellcheck source=selftests/interop/vgated.lib
. "$(dirname "$0")/vgated.lib"

BYTES=1048576
PSK=vgate-initiator-psk
CLIENT_ID=branch.example.com
GW_ID=hub.example.com
INNER4=10.99.0.1
INNER6=fd00:99::1
PKI=$VGATE_TMP/pki
CHECKS_PER_CASE=11
# VGATE_INTEROP_MATRIX=slice (make check's second kernel): the first case.
MATRIX=${VGATE_INTEROP_MATRIX:-full}

# CASES: "TAG NAT FAMILY AUTH"
CASES=(
	"psk4 no 4 psk"
	"nat-psk4 yes 4 psk"
	"ecdsa6 no 6 ecdsa"
)
[ "$MATRIX" = slice ] && CASES=("${CASES[0]}")

# vgated's configuration: client "hub" towards the gateway of FAMILY.
vgated_conf() {
	local fam=$1 auth=$2 gw lan inner method extra
	if [ "$fam" = 4 ]; then gw=$TOPO_GW4 lan=$TOPO_LAN4 inner=$INNER4/32
	else gw=$TOPO_GW6 lan=$TOPO_LAN6 inner=$INNER6/128; fi
	if [ "$auth" = psk ]; then
		method=pre-share
		extra="keyring = \"hub\";"
	else
		method=ecdsa-sig
		extra="pki-trustpoint = \"$PKI/ca.pem\";
			certificate = \"$PKI/$CLIENT_ID.pem\";
			private-key = \"$PKI/$CLIENT_ID.key\";"
	fi
	cat >"$VGATE_TMP/vgated.conf" <<-EOF2
		daemon = { log-level = "info"; };
		keyring = ( { name = "hub";
			peer = ( { name = "gw"; address = "$gw"; pre-shared-key = "$PSK"; } ); } );
		profile = ( { name = "site";
			match-identity-remote = [ "fqdn $GW_ID" ];
			identity-local = "fqdn $CLIENT_ID";
			authentication-local = "$method";
			authentication-remote = [ "$method" ];
			$extra
			virtual-template = "vt1"; } );
		client = ( { name = "hub"; peer = [ "$gw" ]; profile = "site";
			local-selectors = [ "$inner" ]; remote-selectors = [ "$lan" ];
			identity-remote = "fqdn $GW_ID"; } );
	EOF2
}

# the gateway's charon, responder, with the LAN behind it
gateway() {
	local tag=$1 fam=$2 auth=$3 gw lan inner creds
	if [ "$fam" = 4 ]; then gw=$TOPO_GW4 lan=$TOPO_LAN4 inner=$INNER4/32
	else gw=$TOPO_GW6 lan=$TOPO_LAN6 inner=$INNER6/128; fi
	if [ "$auth" = psk ]; then
		creds=(psk="$PSK")
	else
		creds=(auth=pubkey ca="$PKI/ca.pem" cert="$PKI/$GW_ID.pem"
			key="$PKI/$GW_ID.key")
	fi
	swan_start "$tag" "$TOPO_G" &&
	swan_conn "$tag" hub role=responder local="$gw" id="$GW_ID" \
		remote_id="$CLIENT_ID" "${creds[@]}" \
		ike=aes256gcm16-prfsha256-x25519,aes256-sha256-ecp256 \
		esp=aes256gcm16,aes256-sha256 local_ts="$lan" remote_ts="$inner" &&
	swan_load "$tag"
}

vgated_session() {
	vgw_ctl -j show crypto ikev2 sa | vgate_jq --arg id "fqdn $GW_ID" '
		length == 1 and .[0].status == "READY" and .[0].role == "initiator" and
		.[0].client == "hub" and .[0].remote_id == $id and
		(.[0].interface | startswith("va")) and (.[0].children | length) == 1'
}

no_session() {
	vgw_ctl -j show crypto ikev2 sa | vgate_jq 'length == 0' &&
	! ip -n "$TOPO_C" -o link show | grep -q ' va[0-9]'
}

session_id() {
	vgw_ctl -j show crypto ikev2 sa | jq -r '.[0].id // empty'
}

kernel_moved() {
	local dev out
	dev=$(vgw_ctl -j show crypto ikev2 sa | jq -r '.[0].interface // empty')
	[ -n "$dev" ] || return 1
	out=$(ip netns exec "$TOPO_C" "$VGATE_BIN/vgatectl" -j sa show dev "$dev") &&
	vgate_jq '(map(select(.dir == "in")) | .[0].stats.rx_packets > 10) and
		  (map(select(.dir == "out")) | .[0].stats.tx_packets > 10)' <<<"$out"
}

encap_fits() {
	local want=false
	[ "$1" = yes ] && want=true
	vgw_ctl -j show crypto ikev2 sa | vgate_jq --argjson w "$want" \
		'.[0].nat_detected == $w and ((.[0].local_port == 4500) == $w)'
}

run_case() {
	local tag=$1 nat=$2 fam=$3 auth=$4 host inner id
	host=TOPO_HOST$fam
	if [ "$fam" = 4 ]; then inner=$INNER4; else inner=$INNER6; fi
	topo_down && topo_up $([ "$nat" = yes ] && echo --nat) &&
	ip -n "$TOPO_C" addr add "$inner" dev lo &&
	vgw_template vt1 "$TOPO_C" &&
	ike_capture_start "$TOPO_G" g0 "$tag" &&
	gateway "$tag" "$fam" "$auth" && vgated_conf "$fam" "$auth" &&
	vgw_start "$VGATE_TMP/vgated.conf" "$TOPO_C" ||
		{ ktap_test_fail "$tag: setup"; return; }
	ktap_test_pass "$tag: setup"
	vgate_check "$tag: vgated connects by itself, session on an access device" \
		vgate_wait 40 vgated_session
	vgate_check "$tag: charon has the IKE and CHILD SA" \
		eval 'swan_wait_ike "$tag" hub ESTABLISHED && swan_wait_child "$tag" hub INSTALLED'
	vgate_check "$tag: NAT detection and port fit the path ($nat)" encap_fits "$nat"
	vgate_check "$tag: ping to the LAN host through the tunnel" \
		ip netns exec "$TOPO_C" ping -c 2 -i 0.2 -W 2 -I "$inner" "${!host}"
	vgate_check "$tag: iperf3 $BYTES bytes arrive whole" \
		topo_iperf "$TOPO_L" "$TOPO_C" "${!host}" "$BYTES"
	vgate_check "$tag: vgate.ko's SAs carried the traffic" kernel_moved
	id=$(session_id)
	vgate_check "$tag: charon's delete removes vgated's session and device" \
		eval 'swan_terminate "$tag" hub 20 && vgate_wait 10 no_session'
	vgate_check "$tag: vgated connects again by itself (new session)" \
		eval 'vgate_wait 40 vgated_session && [ "$(session_id)" != "$id" ]'
	vgate_check "$tag: clear crypto session deletes charon's SA too" \
		eval 'vgw_ctl clear crypto session all &&
		      vgate_wait 10 eval "! swan_ike $tag hub | grep -q ESTABLISHED"'
	vgate_check "$tag: tshark dissects every IKE message" \
		ike_capture_check "$tag" 4	# at least IKE_SA_INIT and IKE_AUTH
	swan_stop "$tag"
	vgw_stop
}

ktap_print_header
swan_pki "$PKI" "$GW_ID" "$CLIENT_ID" >/dev/null ||
	ktap_exit_fail_msg "cannot make the test PKI"
ktap_set_plan $((${#CASES[@]} * CHECKS_PER_CASE))
modprobe vgate || ktap_exit_fail_msg "cannot load vgate.ko"
swan_init
for c in "${CASES[@]}"; do
	# shellcheck disable=SC2086
	run_case $c
done
ktap_finished
