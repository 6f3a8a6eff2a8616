#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# strongSwan (initiator, client netns) against vgated (responder, with
# vgate.ko, gateway netns): pre-shared keys, RSA and ECDSA certificates
# (vgated signs with its own certificate of the same kind, and checks
# the client's against the profile's trust anchor).  For each case: both sides
# see the SA established; vgated put the CHILD SA on its own access
# device with a route to the client's inner prefix; the client pings the
# LAN host through it and an iperf3 transfer of a fixed byte count
# arrives whole; vgate.ko's SA counters carried the traffic; when the
# client deletes the SA, vgated removes device, route and kernel SAs.
# A rekey case: the client rekeys its CHILD SA and then its IKE SA on
# short timers; vgated answers both, the CHILD SA's SPIs and the IKE SA
# change, the old kernel SAs are gone, and traffic still flows.
# vgated's own rekey: CHILD SAs of 2560 KB, a 4 MiB transfer; vgate.ko's
# soft expire makes vgated rekey (CREATE_CHILD_SA with N(REKEY_SA)), the
# transfer arrives whole, and the old SA is deleted at both ends.
# DPD: with `dpd 10 2 periodic`, a client killed without a word is gone
# from vgated, device and kernel SAs included, within 10 + 2 + 5 x 2 s
# of its death (the first check comes up to 10 s after it), and not
# before the five retries ran out.
# Then the failures: a wrong key and an unknown identity are refused
# with AUTHENTICATION_FAILED, counted under their reason, and leave
# nothing behind; `clear crypto session` deletes the client's SA too.
# tshark dissects every IKE packet captured at the gateway.

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
PSK=vgate-interop-psk
CLIENT_ID=client.example.com
GW_ID=vpn.example.com
INNER4=10.99.0.1
INNER6=fd00:99::1

CERT_CLIENT=certclient.example.org
# VGATE_INTEROP_MATRIX=slice (make check's second kernel): two cases and
# the refusals; full (the default): everything.
MATRIX=${VGATE_INTEROP_MATRIX:-full}
PKI=$VGATE_TMP/pki

# CASES: "TAG NAT FAMILY AUTH IKE-PROPOSAL ESP-PROPOSAL"
CASES=(
	"gcm4 no 4 psk aes256gcm16-prfsha384-x25519 aes256gcm16"
	"cbc6 no 6 psk aes128-sha256-ecp256 aes128-sha256"
	"nat-chacha4 yes 4 psk chacha20poly1305-prfsha256-ecp384 chacha20poly1305"
	"rsa4 no 4 rsa aes128gcm16-prfsha256-modp2048 aes256gcm16"
	"nat-ecdsa6 yes 6 ecdsa aes256-sha384-ecp521 aes256-sha256"
)
CHECKS_PER_CASE=9
if [ "$MATRIX" = slice ]; then
	CASES=("${CASES[0]}" "${CASES[4]}")
fi
REKEY_CHECKS=7
DPD_CHECKS=3
SELF_REKEY_CHECKS=4
FAIL_CHECKS=7

# gw_conf [DPD] [KIND] [KB]: vgated's configuration: profile "ra" (PSK,
# example.com clients, with the dpd setting DPD) and profile "certs"
# (example.org clients, certificates; vgated's own of KIND, rsa or
# ecdsa); CHILD SAs live KB kilobytes.
gw_conf() {
	local dpd=${1:+dpd = \"$1\";} kind=${2:-rsa} kb=${3:-4608000}
	cat >"$VGATE_TMP/vgated.conf" <<-EOF2
		daemon = { log-level = "info"; };
		keyring = ( { name = "clients";
			peer = ( { name = "c1"; identity = "fqdn $CLIENT_ID";
				   pre-shared-key = "$PSK"; } ); } );
		transform-set = (
			{ name = "gcm"; encryption = "aes-gcm-256"; },
			{ name = "cbc128"; encryption = "aes-cbc-128"; integrity = "sha256"; },
			{ name = "cbc256"; encryption = "aes-cbc-256"; integrity = "sha256"; },
			{ name = "chacha"; encryption = "chacha20-poly1305"; } );
		ipsec-profile = ( { name = "ra"; lifetime-kilobytes = $kb;
			transform-set = [ "gcm", "cbc128", "cbc256", "chacha" ]; } );
		profile = ( { name = "ra";
			match-identity-remote = [ "fqdn domain example.com" ];
			identity-local = "fqdn $GW_ID";
			authentication-local = "pre-share";
			authentication-remote = [ "pre-share" ];
			keyring = "clients"; $dpd
			ipsec-profile = "ra";
			virtual-template = "vt1"; },
		    { name = "certs";
			match-identity-remote = [ "fqdn domain example.org" ];
			identity-local = "fqdn $GW_ID";
			authentication-local = "$kind-sig";
			authentication-remote = [ "rsa-sig", "ecdsa-sig" ];
			pki-trustpoint = "$PKI/$kind/ca.pem";
			certificate = "$PKI/$kind/$GW_ID.pem";
			private-key = "$PKI/$kind/$GW_ID.key";
			ipsec-profile = "ra";
			virtual-template = "vt1"; } );
	EOF2
}

# client TAG FAMILY IKE ESP [AUTH] [ID] [KEY]: the client's charon and
# its conn; AUTH psk (ID, KEY) or rsa/ecdsa (its certificate of $PKI).
client() {
	local tag=$1 fam=$2 ike=$3 esp=$4 auth=${5:-psk} id=${6:-$CLIENT_ID}
	local key=${7:-$PSK} gw=TOPO_GW$fam me=TOPO_CLIENT$fam inner lan creds
	if [ "$fam" = 4 ]; then inner=$INNER4/32 lan=$TOPO_LAN4
	else inner=$INNER6/128 lan=$TOPO_LAN6; fi
	if [ "$auth" = psk ]; then
		creds=(id="$id" psk="$key")
	else
		creds=(auth=pubkey id="$CERT_CLIENT" ca="$PKI/$auth/ca.pem"
			cert="$PKI/$auth/$CERT_CLIENT.pem"
			key="$PKI/$auth/$CERT_CLIENT.key")
	fi
	swan_start "$tag" "$TOPO_C" &&
	swan_conn "$tag" rw role=initiator local="${!me}" remote="${!gw}" \
		"${creds[@]}" remote_id="$GW_ID" ike="$ike" esp="$esp" \
		local_ts="$inner" remote_ts="$lan" &&
	swan_load "$tag"
}

# no_session: vgated has no SA, no access device is left in the gateway.
no_session() {
	vgw_ctl -j show crypto ikev2 sa | vgate_jq 'length == 0' &&
	! ip -n "$TOPO_G" -o link show | grep -q ' va[0-9]'
}

# gw_session [ID]: vgated has one READY session of ID on an access device.
gw_session() {
	vgw_ctl -j show crypto ikev2 sa |
		vgate_jq --arg id "fqdn ${1:-$CLIENT_ID}" '
		length == 1 and .[0].status == "READY" and
		.[0].remote_id == $id and (.[0].interface | startswith("va")) and
		(.[0].children | length) == 1'
}

# gw_sas: vgate.ko's SAs on the session's device, as JSON (fails without).
gw_sas() {
	local dev out
	dev=$(vgw_ctl -j show crypto ikev2 sa | jq -r '.[0].interface // empty')
	[ -n "$dev" ] || { echo "no session"; return 1; }
	out=$(ip netns exec "$TOPO_G" "$VGATE_BIN/vgatectl" -j sa show dev "$dev") &&
		[ -n "$out" ] && echo "$out"
}

# kernel_moved: vgate.ko's SAs on the session's device carried traffic.
kernel_moved() {
	local sas
	sas=$(gw_sas) || return 1
	jq -e '(map(select(.dir == "in")) | .[0].stats.rx_packets > 10) and
	       (map(select(.dir == "out")) | .[0].stats.tx_packets > 10)' <<<"$sas"
}

encap_fits() {
	local nat=$1 want=false
	[ "$nat" = yes ] && want=true
	vgw_ctl -j show crypto ikev2 sa | vgate_jq --argjson w "$want" \
		'.[0].nat_detected == $w'
}

run_case() {
	local tag=$1 nat=$2 fam=$3 auth=$4 ike=$5 esp=$6 host inner id=$CLIENT_ID
	host=TOPO_HOST$fam
	if [ "$fam" = 4 ]; then inner=$INNER4; else inner=$INNER6; fi
	[ "$auth" = psk ] || { id=$CERT_CLIENT; gw_conf "" "$auth"; }
	topo_down && topo_up $([ "$nat" = yes ] && echo --nat) &&
	ip -n "$TOPO_C" addr add "$inner" dev lo && vgw_template vt1 &&
	ike_capture_start "$TOPO_G" g0 "$tag" &&
	vgw_start "$VGATE_TMP/vgated.conf" &&
	client "$tag" "$fam" "$ike" "$esp" "$auth" ||
		{ ktap_test_fail "$tag: setup"; return; }
	ktap_test_pass "$tag: setup"
	vgate_check "$tag: client establishes IKE and CHILD SA" \
		eval 'swan_initiate "$tag" rw 30 && swan_wait_child "$tag" rw INSTALLED'
	vgate_check "$tag: vgated lists the session on an access device, IPv6 on it only for IPv6 selectors" \
		eval 'gw_session "$id" && dev_ipv6 "$fam"'
	vgate_check "$tag: NAT detection fits the path ($nat)" encap_fits "$nat"
	vgate_check "$tag: ping to the LAN host through the tunnel" \
		ip netns exec "$TOPO_C" ping -c 2 -i 0.2 -W 2 -I "$inner" "${!host}"
	vgate_check "$tag: iperf3 $BYTES bytes arrive whole" \
		topo_iperf "$TOPO_L" "$TOPO_C" "${!host}" "$BYTES"
	vgate_check "$tag: vgate.ko's SAs carried the traffic" kernel_moved
	vgate_check "$tag: client delete removes session, device and SAs" \
		eval 'swan_terminate "$tag" rw 20 && vgate_wait 10 no_session'
	vgate_check "$tag: tshark dissects every IKE message" \
		ike_capture_check "$tag" 4	# at least IKE_SA_INIT and IKE_AUTH
	swan_stop "$tag"
	vgw_stop
}

# first_spi_in / ike_id: the session's current CHILD SPI and IKE SA id.
first_spi_in() {
	vgw_ctl -j show crypto ikev2 sa | jq -r '.[0].children[0].spi_in'
}

ike_id() {
	vgw_ctl -j show crypto ikev2 sa | jq -r '.[0].id'
}

# dev_ipv6 FAMILY: the session's device has IPv6 on exactly when FAMILY
# is 6 (vgated turns it on only for a CHILD SA that carries IPv6).
dev_ipv6() {
	local dev want=1
	[ "$1" = 6 ] && want=0
	dev=$(vgw_ctl -j show crypto ikev2 sa | jq -r '.[0].interface // empty')
	[ -n "$dev" ] &&
		[ "$(ip netns exec "$TOPO_G" cat "/proc/sys/net/ipv6/conf/$dev/disable_ipv6")" = "$want" ]
}

# kernel_pairs N: the session's device holds exactly N SAs.
kernel_pairs() {
	local sas
	sas=$(gw_sas) || return 1
	jq -e --argjson n "$1" 'length == $n' <<<"$sas"
}

run_rekey() {
	local spi id
	topo_down && topo_up && vgw_template vt1 &&
	ip -n "$TOPO_C" addr add "$INNER4" dev lo &&
	ip -n "$TOPO_C" addr add "$INNER6" dev lo nodad &&
	ike_capture_start "$TOPO_G" g0 rekey &&
	vgw_start "$VGATE_TMP/vgated.conf" &&
	swan_start rekey "$TOPO_C" &&
	swan_conn rekey rw role=initiator local="$TOPO_CLIENT4" \
		remote="$TOPO_GW4" id="$CLIENT_ID" remote_id="$GW_ID" \
		psk="$PSK" ike=aes256gcm16-prfsha256-x25519 \
		esp=aes256gcm16-x25519 local_ts="$INNER4/32" \
		remote_ts="$TOPO_LAN4" child_rekey=10 rekey_time=25 \
		conn.rand_time=0 child.rand_time=0 &&
	swan_child_add rekey rw rw6 "$INNER6/128" "$TOPO_LAN6" aes256gcm16 &&
	swan_load rekey && swan_initiate rekey rw 30 &&
	vgate_wait 10 gw_session || { ktap_test_fail "rekey: setup"; return; }
	ktap_test_pass "rekey: setup"
	spi=$(first_spi_in) id=$(ike_id)
	vgate_check "rekey: CHILD SA rekeyed with PFS (new SPI)" \
		vgate_wait 40 eval '[ "$(first_spi_in)" != "$spi" ]'
	vgate_check "rekey: old CHILD SA deleted in vgate.ko" \
		vgate_wait 10 kernel_pairs 2
	vgate_check "rekey: IKE SA rekeyed, session kept its device" \
		vgate_wait 40 eval '[ "$(ike_id)" != "$id" ] && gw_session'
	vgate_check "rekey: ping and iperf3 through the rekeyed SAs" \
		eval 'ip netns exec "$TOPO_C" ping -c 2 -i 0.2 -W 2 -I "$INNER4" "$TOPO_HOST4" &&
		      topo_iperf "$TOPO_L" "$TOPO_C" "$TOPO_HOST4" "$BYTES"'
	vgate_check "rekey: a second CHILD SA, for IPv6, turns IPv6 on on the session's device; ping6 through it" \
		eval 'dev_ipv6 4 && swan_initiate rekey rw6 30 && dev_ipv6 6 &&
		      ip netns exec "$TOPO_C" ping -6 -c 2 -i 0.2 -W 2 -I "$INNER6" "$TOPO_HOST6"'
	vgate_check "rekey: tshark dissects every IKE message" \
		ike_capture_check rekey 6
	swan_stop rekey
	vgw_stop
}

run_self_rekey() {
	local spi
	gw_conf "" rsa 2560
	topo_down && topo_up && vgw_template vt1 &&
	ip -n "$TOPO_C" addr add "$INNER4" dev lo &&
	vgw_start "$VGATE_TMP/vgated.conf" &&
	client selfrekey 4 aes256gcm16-prfsha256-x25519 aes256gcm16 &&
	swan_initiate selfrekey rw 30 && vgate_wait 10 gw_session ||
		{ ktap_test_fail "self-rekey: setup"; gw_conf; return; }
	ktap_test_pass "self-rekey: setup"
	spi=$(first_spi_in)
	vgate_check "self-rekey: 4 MiB arrive whole across the rekey" \
		topo_iperf "$TOPO_L" "$TOPO_C" "$TOPO_HOST4" 4194304
	vgate_check "self-rekey: vgated rekeyed the CHILD SA (new SPI)" \
		vgate_wait 20 eval '[ "$(first_spi_in)" != "$spi" ] &&
				    grep -q "rekeyed by us" "$VGW_LOG"'
	vgate_check "self-rekey: the old SA is gone from vgate.ko and charon" \
		eval 'vgate_wait 20 kernel_pairs 2 &&
		      vgate_wait 10 eval "[ \$(swan_xfrm_count selfrekey) = 2 ]"'
	swan_stop selfrekey
	vgw_stop
	gw_conf
}

run_dpd() {
	local pid start took
	gw_conf "10 2 periodic"
	topo_down && topo_up && vgw_template vt1 &&
	ip -n "$TOPO_C" addr add "$INNER4" dev lo &&
	vgw_start "$VGATE_TMP/vgated.conf" &&
	client dpd 4 aes256gcm16-prfsha256-x25519 aes256gcm16 &&
	swan_initiate dpd rw 30 && vgate_wait 10 gw_session ||
		{ ktap_test_fail "dpd: setup"; gw_conf; return; }
	ktap_test_pass "dpd: setup"
	pid=$(swan_pid dpd)
	kill -KILL "$pid"
	start=$(date +%s)
	vgate_check "dpd: the dead client's session, device and SAs are removed" \
		vgate_wait 40 no_session
	took=$(($(date +%s) - start))
	# (plus up to 6 s for timers and polling under emulation)
	vgate_check "dpd: after the retries, within 10 + 2 + 5 x 2 + 6 s (took $took s)" \
		test "$took" -ge 12 -a "$took" -le 28
	swan_stop dpd
	vgw_stop
	gw_conf
}

run_failures() {
	topo_down && topo_up && vgw_template vt1 &&
	ip -n "$TOPO_C" addr add "$INNER4" dev lo &&
	ike_capture_start "$TOPO_G" g0 failures &&
	vgw_start "$VGATE_TMP/vgated.conf" &&
	client bad 4 aes256gcm16-prfsha256-x25519 aes256gcm16 psk "$CLIENT_ID" wrong-key &&
	swan_conn bad unknown role=initiator local="$TOPO_CLIENT4" \
		remote="$TOPO_GW4" id=stranger.example.net remote_id="$GW_ID" \
		psk="$PSK" local_ts="$INNER4/32" remote_ts="$TOPO_LAN4" &&
	swan_load bad || { ktap_test_fail "failures: setup"; return; }
	ktap_test_pass "failures: setup"
	vgate_check "wrong key: refused" eval '! swan_initiate bad rw 20'
	vgate_check "wrong key: counted as auth_failed, nothing left" \
		eval '[ "$(vgw_counter auth_failed)" = 1 ] && no_session'
	vgate_check "unknown identity: refused" eval '! swan_initiate bad unknown 20'
	vgate_check "unknown identity: counted as no_profile, nothing left" \
		eval '[ "$(vgw_counter no_profile)" = 1 ] && no_session'
	# one charon per netns on the IKE ports: the good client replaces it
	swan_stop bad
	vgate_check "clear crypto session: the client's SA is deleted too" \
		eval 'client good 4 aes256gcm16-prfsha256-x25519 aes256gcm16 &&
		      swan_initiate good rw 30 && gw_session &&
		      vgw_ctl clear crypto session all &&
		      vgate_wait 10 no_session &&
		      vgate_wait 10 eval "! swan_ike good rw | grep -q ESTABLISHED"'
	vgate_check "failures: tshark dissects every IKE message" \
		ike_capture_check failures 4
	swan_stop good
	vgw_stop
}

ktap_print_header
swan_pki "$PKI/rsa" --rsa "$GW_ID" "$CERT_CLIENT" >/dev/null &&
swan_pki "$PKI/ecdsa" "$GW_ID" "$CERT_CLIENT" >/dev/null ||
	ktap_exit_fail_msg "cannot make the test PKI"
if [ "$MATRIX" = slice ]; then
	REKEY_CHECKS=0 SELF_REKEY_CHECKS=0 DPD_CHECKS=0
fi
ktap_set_plan $((${#CASES[@]} * CHECKS_PER_CASE + REKEY_CHECKS + SELF_REKEY_CHECKS + DPD_CHECKS + FAIL_CHECKS))
modprobe vgate || ktap_exit_fail_msg "cannot load vgate.ko"
swan_init
gw_conf
for c in "${CASES[@]}"; do
	# shellcheck disable=SC2086
	run_case $c
done
if [ "$MATRIX" != slice ]; then
	run_rekey
	run_self_rekey
	run_dpd
fi
run_failures
ktap_finished
