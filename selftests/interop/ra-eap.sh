#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Remote access: strongSwan clients (client netns) log in to vgated
# (gateway netns, vgate.ko) with EAP or certificates and get their
# configuration; everything is checked where the client sees it.
#
# One gateway configuration for the whole suite: profile "ra" (EAP with
# query-identity, methods mschapv2 md5 gtc tls, ECDSA gateway
# certificate, group "staff" by default), profile "direct" (EAP whose
# identity is the IDi), profile "certs" (client certificates).  Pools of
# 203.0.113.128/25 and 2001:db8:4::/112; a one-address pool for the
# exhaustion case; a VRF group.  The template borrows the LAN address
# (unnumbered g1), so host routes to clients have it as source.
#
# Logins (each with ping to the LAN host):
#   mschapv2  alice, dual stack: her addresses from the pools (the
#             client's virtual IPs), DNS servers in the client's
#             resolv.conf, the selectors narrowed to the split routes,
#             the split DNS domain in its CP reply, vgated's session shows user, group, addresses, interface;
#             host routes through the access device with the template's
#             source; iperf3 over IPv4; the hook saw "up" and "down"
#             with the session's environment; logout gives it all back
#   nt-hash   nina: MSCHAPv2 against a stored NT hash
#   md5       bob: the client refuses MSCHAPv2 with a Nak and gets MD5
#   gtc       carol: a crypt(3) hash stored, GTC checks the password
#   tls       dave: EAP-TLS with a client certificate
#   direct    erin: EAP without an identity request (IDi is the user)
#   cert      a certificate client (no EAP) gets an address too
# Then: the same address back on reconnect (sticky); a wrong password
# and an unknown user refused with their own counters and nothing
# left; pool exhaustion answered with INTERNAL_ADDRESS_FAILURE; a
# VRF group's device enslaved to its VRF with its routes in the VRF's
# table; logoff by user and by index end exactly the sessions named; a
# group's session-lifetime of 120 s ends its session on time, and a
# client that stalls inside EAP is removed after the EAP timeout.
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

GW_ID=vpn.example.com
PKI=$VGATE_TMP/pki
BYTES=1048576
HOOK_LOG=$VGATE_TMP/hook.log
DNS4=203.0.113.53
DNS6=2001:db8:3::53
# RFC 2759 §9.2: the NT hash of "clientPass"
NINA_NT=44ebba8d5312b8d611474411f56989ae
MATRIX=${VGATE_INTEROP_MATRIX:-full}

gw_conf() {
	local carol_hash
	carol_hash=$(openssl passwd -6 carol-pw) || return 1
	cat >"$VGATE_TMP/hook" <<-EOF2
		#!/bin/sh
		env | grep '^VGATE_' | sort | sed "s/^/\$1 /" >>"$HOOK_LOG"
	EOF2
	chmod +x "$VGATE_TMP/hook"
	cat >"$VGATE_TMP/vgated.conf" <<-EOF2
		daemon = { log-level = "info"; };
		pool = ( { name = "v4"; range = "203.0.113.130 203.0.113.250"; },
			 { name = "v6"; prefix = "2001:db8:4::/112"; },
			 { name = "tiny"; range = "203.0.113.251 203.0.113.251"; },
			 { name = "lp"; range = "203.0.113.252 203.0.113.252"; } );
		authorization-policy = (
			{ name = "staff"; pool = "v4"; ipv6-pool = "v6";
			  dns = [ "$DNS4" ]; ipv6-dns = [ "$DNS6" ];
			  def-domain = "corp.example"; split-dns = [ "corp.example" ];
			  banner = "vgate interop";
			  route-set-remote = [ "$TOPO_LAN4", "$TOPO_LAN6" ]; },
			{ name = "tinygrp"; pool = "tiny"; },
			{ name = "vrfgrp"; pool = "v4"; vrf = "blue"; },
			{ name = "brief"; pool = "lp"; session-lifetime = 120; } );
		user = ( { name = "alice"; password = "alice-pw"; group = "staff"; },
			 { name = "amy"; password = "amy-pw"; group = "staff"; },
			 { name = "nina"; nt-hash = "$NINA_NT"; group = "staff"; },
			 { name = "bob"; password = "bob-pw"; group = "staff"; },
			 { name = "carol"; password-hash = "$carol_hash"; group = "staff"; },
			 { name = "erin@example.net"; password = "erin-pw"; group = "staff"; },
			 { name = "t1"; password = "t1-pw"; group = "tinygrp"; },
			 { name = "t2"; password = "t2-pw"; group = "tinygrp"; },
			 { name = "victor"; password = "victor-pw"; group = "vrfgrp"; },
			 { name = "lena"; password = "lena-pw"; group = "brief"; },
			 { name = "sam"; password = "sam-pw"; group = "staff"; } );
		profile = (
			{ name = "ra";
			  match-identity-remote = [ "email domain example.com" ];
			  identity-local = "fqdn $GW_ID";
			  authentication-local = "ecdsa-sig";
			  authentication-remote = [ "eap" ];
			  eap = { methods = [ "mschapv2", "md5", "gtc", "tls" ];
				  query-identity = true; timeout = 45; };
			  pki-trustpoint = "$PKI/ca.pem";
			  certificate = "$PKI/$GW_ID.pem";
			  private-key = "$PKI/$GW_ID.key";
			  authorization-group = "staff";
			  hook = "$VGATE_TMP/hook";
			  virtual-template = "vt1"; },
			{ name = "direct";
			  match-identity-remote = [ "email domain example.net" ];
			  identity-local = "fqdn $GW_ID";
			  authentication-local = "ecdsa-sig";
			  authentication-remote = [ "eap" ];
			  eap = { methods = [ "mschapv2" ]; };
			  pki-trustpoint = "$PKI/ca.pem";
			  certificate = "$PKI/$GW_ID.pem";
			  private-key = "$PKI/$GW_ID.key";
			  virtual-template = "vt1"; },
			{ name = "certs";
			  match-identity-remote = [ "fqdn domain example.org" ];
			  identity-local = "fqdn $GW_ID";
			  authentication-local = "ecdsa-sig";
			  authentication-remote = [ "ecdsa-sig" ];
			  pki-trustpoint = "$PKI/ca.pem";
			  certificate = "$PKI/$GW_ID.pem";
			  private-key = "$PKI/$GW_ID.key";
			  authorization-group = "staff";
			  virtual-template = "vt1"; } );
	EOF2
}

# conn NAME ID METHOD [SECRET] [EAP-ID]: a connection of the client
# charon "c" asking for both address families and the whole Internet
# (so that narrowing to the split routes shows); METHOD eap-* or pubkey.
conn() {
	local name=$1 id=$2 method=$3 secret=${4:-} eap_id=${5:-}
	local -a a=(role=initiator local="$TOPO_CLIENT4" remote="$TOPO_GW4"
		id="$id" remote_id="$GW_ID" local_auth="$method" remote_auth=pubkey
		ca="$PKI/ca.pem" vips=0.0.0.0,:: remote_ts=0.0.0.0/0,::/0
		ike=aes256gcm16-prfsha256-ecp256 esp=aes256gcm16
		conn.send_certreq=yes)
	[ -z "$secret" ] || a+=(eap_secret="$secret")
	[ -z "$eap_id" ] || a+=(eap_id="$eap_id")
	case $method in
	eap-tls | pubkey)
		# the certificate names the TLS identity (eap_id) or the IKE one
		a+=(cert="$PKI/${eap_id:-$id}.pem" key="$PKI/${eap_id:-$id}.key") ;;
	esac
	swan_conn c "$name" "${a[@]}"
}

# session_of USER: vgated's session of USER as JSON (fails without one).
session_of() {
	vgw_ctl -j show crypto ikev2 sa |
		vgate_jq --arg u "$1" '[.[] | select(.user == $u)] | if length == 1
			then .[0] else error("sessions of \($u): \(length)") end'
}

# login NAME: initiate conn NAME and wait for its CHILD SA.
login() {
	swan_initiate c "$1" 30 && swan_wait_child c "$1" INSTALLED
}

# client_vip NAME FAMILY: the virtual IP the client got for conn NAME.
client_vip() {
	swan_ike c "$1" | jq -r --arg f "$2" '
		.["local-vips"] // [] | map(select(if $f == "4"
			then test(":") | not else test(":") end)) | .[0] // empty'
}

# ping_lan NAME: from the client's virtual IPv4 to the LAN host.
ping_lan() {
	local vip
	vip=$(client_vip "$1" 4) && [ -n "$vip" ] &&
	ip netns exec "$TOPO_C" ping -c 2 -i 0.2 -W 2 -I "$vip" "$TOPO_HOST4"
}

# others_devices: the access devices in the gateway but lena's (her
# session runs alongside the other cases, see start_lifetime).
others_devices() {
	local lena
	lena=$(vgw_ctl -j show crypto ikev2 sa |
		jq -r '.[] | select(.user == "lena") | .interface')
	ip -n "$TOPO_G" -o link show | sed -n 's/^[0-9]*: \(va[0-9]*\)[:@].*/\1/p' |
		grep -vx "${lena:-none}"
}

# no_sessions: vgated has no SA and no access device is left (lena's aside).
no_sessions() {
	vgw_ctl -j show crypto ikev2 sa |
		vgate_jq '[.[] | select(.user != "lena")] | length == 0' &&
	! others_devices | grep -q .
}

# pool_in_use POOL: addresses of POOL in use.
pool_in_use() {
	vgw_ctl -j show ip local pool |
		jq -r --arg p "$1" '.[] | select(.name == $p) | .in_use'
}

logout() {
	swan_terminate c "$1" 20 && vgate_wait 10 no_sessions
}

run_mschapv2() {
	local v4 v6 dev sess
	vgate_check "mschapv2: alice logs in (identity asked, EAP-MSCHAPv2)" \
		login alice
	v4=$(client_vip alice 4) v6=$(client_vip alice 6)
	sess=$(session_of alice)
	dev=$(jq -r '.interface' <<<"$sess")
	vgate_check "mschapv2: the client got IPv4 $v4 and IPv6 $v6 from the pools" \
		eval '[[ $v4 == 203.0.113.1[3-9]? || $v4 == 203.0.113.2[0-5]? ]] &&
		      [[ $v6 == 2001:db8:4::* ]]'
	vgate_check "mschapv2: vgated shows user, group, addresses, interface" \
		vgate_jq --arg v4 "$v4" --arg v6 "$v6" '.group == "staff" and
			.assigned_ipv4 == $v4 and .assigned_ipv6 == $v6 and
			(.interface | startswith("va"))' <<<"$sess"
	vgate_check "mschapv2: the client's resolv.conf has both DNS servers" \
		eval 'grep -q "nameserver $DNS4" "$(swan_dir c)/resolv.conf" &&
		      grep -q "nameserver $DNS6" "$(swan_dir c)/resolv.conf"'
	vgate_check "mschapv2: selectors narrowed to the split routes" \
		eval 'swan_child c alice | vgate_jq --arg l4 "$TOPO_LAN4" --arg l6 "$TOPO_LAN6" \
			"(.[\"remote-ts\"] | sort) == ([\$l4, \$l6] | sort)"'
	# charon 5.9.8 asks for no Unity attributes over IKEv2 and knows
	# INTERNAL_DNS_DOMAIN by number only; the unit test ike_cp checks
	# the values and the Unity rules
	vgate_check "mschapv2: the client received the split DNS domain" \
		eval 'grep -q "parsed IKE_AUTH response .*CPRP(.*DOMAIN.*)" "$(swan_dir c)/charon.log"'
	vgate_check "mschapv2: host routes via $dev with the template's source" \
		eval 'ip -n "$TOPO_G" route show "$v4" | grep -q "dev $dev .*src $TOPO_LANGW4" &&
		      ip -n "$TOPO_G" -6 route show "$v6" | grep -q "dev $dev"'
	vgate_check "mschapv2: ping over IPv4 and IPv6 to the LAN host" \
		eval 'ip netns exec "$TOPO_C" ping -c 2 -i 0.2 -W 2 -I "$v4" "$TOPO_HOST4" &&
		      ip netns exec "$TOPO_C" ping -c 2 -i 0.2 -W 2 -I "$v6" "$TOPO_HOST6"'
	vgate_check "mschapv2: iperf3 $BYTES bytes arrive whole" \
		topo_iperf "$TOPO_L" "$TOPO_C" "$TOPO_HOST4" "$BYTES"
	vgate_check "mschapv2: logout removes session, device, routes; pool back to 0" \
		eval 'logout alice && ! ip -n "$TOPO_G" route show "$v4" | grep -q . &&
		      [ "$(pool_in_use v4)" = 0 ] && [ "$(pool_in_use v6)" = 0 ]'
	vgate_check "mschapv2: the hook ran up and down with the session" \
		eval 'grep -qx "up VGATE_USER=alice" "$HOOK_LOG" &&
		      grep -qx "up VGATE_GROUP=staff" "$HOOK_LOG" &&
		      grep -qx "up VGATE_IPV4=$v4" "$HOOK_LOG" &&
		      grep -qx "up VGATE_IPV6=$v6" "$HOOK_LOG" &&
		      grep -qx "up VGATE_INTERFACE=$dev" "$HOOK_LOG" &&
		      grep -qx "up VGATE_PEER=$TOPO_CLIENT4" "$HOOK_LOG" &&
		      vgate_wait 5 grep -qx "down VGATE_USER=alice" "$HOOK_LOG" &&
		      grep -qx "down VGATE_INTERFACE=$dev" "$HOOK_LOG"'
	ALICE_V4=$v4
}

# run_method TAG CONN: a login with ping, the session's user, logout.
run_method() {
	local tag=$1 name=$2 user=$3
	vgate_check "$tag: $name logs in, pings the LAN, logs out" \
		eval 'login "$name" && session_of "$user" >/dev/null &&
		      ping_lan "$name" && logout "$name"'
}

run_failures() {
	local before_rej before_unk
	before_rej=$(vgw_counter eap_rejected) before_unk=$(vgw_counter eap_unknown_user)
	vgate_check "wrong password: refused" eval '! login amybad'
	vgate_check "wrong password: counted as eap_rejected, logged, nothing left" \
		eval '[ "$(vgw_counter eap_rejected)" = $((before_rej + 1)) ] &&
		      grep -q "wrong password for \"amy\"" "$VGW_LOG" &&
		      vgate_wait 10 no_sessions && [ "$(pool_in_use v4)" = 0 ]'
	vgate_check "unknown user: refused" eval '! login mallory'
	vgate_check "unknown user: counted as eap_unknown_user, logged, nothing left" \
		eval '[ "$(vgw_counter eap_unknown_user)" = $((before_unk + 1)) ] &&
		      grep -q "unknown user \"mallory\"" "$VGW_LOG" &&
		      vgate_wait 10 no_sessions && [ "$(pool_in_use v4)" = 0 ]'
}

run_exhaustion() {
	local before
	before=$(vgw_counter address_failed)
	vgate_check "exhaustion: t1 takes the one address of pool tiny" \
		eval 'login t1 && [ "$(client_vip t1 4)" = 203.0.113.251 ]'
	vgate_check "exhaustion: t2 gets INTERNAL_ADDRESS_FAILURE" \
		eval '! login t2 && grep -q "INTERNAL_ADDRESS_FAILURE" "$(swan_dir c)/charon.log"'
	vgate_check "exhaustion: counted and logged, t1 unharmed, nothing of t2 left" \
		eval '[ "$(vgw_counter address_failed)" = $((before + 1)) ] &&
		      grep -q "pool tiny is exhausted" "$VGW_LOG" &&
		      [ "$(pool_in_use tiny)" = 1 ] && session_of t1 >/dev/null &&
		      ! session_of t2 && ping_lan t1'
}

run_logoff() {
	local id
	vgate_check "logoff: alice and t1 are both logged in" \
		eval 'login alice && session_of alice >/dev/null && session_of t1 >/dev/null'
	vgate_check "sticky: alice got her address back ($ALICE_V4)" \
		eval '[ -n "$ALICE_V4" ] && [ "$(client_vip alice 4)" = "$ALICE_V4" ]'
	vgate_check "logoff name alice: only alice's session, device and SAs end" \
		eval 'vgw_ctl logoff name alice | grep -q "logged off : 1" &&
		      ! session_of alice && session_of t1 >/dev/null && ping_lan t1 &&
		      [ "$(others_devices | wc -l)" = 1 ]'
	id=$(session_of t1 | jq -r .id)
	vgate_check "logoff index $id: t1's session ends, nothing is left" \
		eval 'vgw_ctl logoff index "$id" | grep -q "logged off : 1" &&
		      vgate_wait 10 no_sessions && [ "$(pool_in_use tiny)" = 0 ] &&
		      vgate_wait 10 eval "! swan_ike c t1 | grep -q ESTABLISHED"'
}

# start_lifetime / run_lifetime: a group's session-lifetime (120 s, the
# least IOS takes) ends lena's session on time, at both ends; she logs in
# first and the other cases run meanwhile.  At the end sam's client
# stalls inside EAP (its EAP answers, the small messages to 4500, are
# dropped on the way out) and the EAP timeout (45 s) removes his
# half-open SA.
LENA_START=
start_lifetime() {
	vgate_check "lifetime: lena logs in (session-lifetime 120 s)" login lena
	LENA_START=$(date +%s)
}

lena_gone() {
	! vgw_ctl -j show crypto ikev2 sa | jq -e 'any(.[]; .user == "lena")' >/dev/null
}

# sam_negotiating: vgated has sam's SA, not yet established.
sam_negotiating() {
	vgw_ctl -j show crypto ikev2 sa | jq -e 'any(.[];
		.remote_id == "email sam@example.com" and .status == "IN-NEG")'
}

run_lifetime() {
	local took before stalled
	before=$(vgw_counter eap_timeout)
	vgate_check "lifetime: her session ends after 120 s, at both ends" \
		eval 'vgate_wait 150 lena_gone && took=$(($(date +%s) - LENA_START)) &&
		      echo "took $took s" && [ "$took" -ge 115 ] &&
		      grep -q "lena.*session-lifetime reached" "$VGW_LOG" &&
		      vgate_wait 10 eval "! swan_ike c lena | grep -q ESTABLISHED"'
	ip netns exec "$TOPO_C" nft -f - <<-EOF2
		table inet stall {
			chain out {
				type filter hook output priority 0;
				udp dport 4500 udp length < 200 drop
			}
		}
	EOF2
	SWAN_TIMEOUT=40 swan_ctl c --initiate --child sam --timeout 30 >/dev/null 2>&1 &
	stalled=$!
	vgate_check "eap timeout: sam's stalled login is removed and counted" \
		eval 'vgate_wait 20 sam_negotiating && vgate_wait 70 no_sessions &&
		      grep -q "sam.*EAP timed out: no answer within 45 s" "$VGW_LOG" &&
		      [ "$(vgw_counter eap_timeout)" = $((before + 1)) ]'
	wait "$stalled"
	ip netns exec "$TOPO_C" nft delete table inet stall
}

run_vrf() {
	local dev table
	table=$(ip -n "$TOPO_G" -d link show blue | sed -n 's/.*vrf table \([0-9]*\).*/\1/p')
	vgate_check "vrf: victor logs in" login victor
	dev=$(session_of victor | jq -r .interface)
	vgate_check "vrf: $dev is enslaved to VRF blue, its host route in table $table" \
		eval 'ip -n "$TOPO_G" link show "$dev" | grep -q "master blue" &&
		      ip -n "$TOPO_G" route show table "$table" | grep -q "dev $dev" &&
		      ! ip -n "$TOPO_G" route show table main | grep -q "dev $dev"'
	vgate_check "vrf: logout removes it" logout victor
}

setup() {
	topo_up && vgw_template vt1 &&
	ip netns exec "$TOPO_G" "$VGATE_BIN/vgatectl" template set vt1 unnumbered g1 &&
	ip -n "$TOPO_G" link add blue type vrf table 1001 &&
	ip -n "$TOPO_G" link set blue up &&
	gw_conf && ike_capture_start "$TOPO_G" g0 ra &&
	vgw_start "$VGATE_TMP/vgated.conf" &&
	swan_start c "$TOPO_C" plugins.resolve.file="$(swan_dir c)/resolv.conf" \
		cisco_unity=yes &&
	conn alice alice@example.com eap-mschapv2 alice-pw alice &&
	conn amybad amy@example.com eap-mschapv2 not-amy-pw amy &&
	conn mallory mallory@example.com eap-mschapv2 whatever mallory &&
	conn nina nina@example.com eap-mschapv2 clientPass nina &&
	conn bob bob@example.com eap-md5 bob-pw bob &&
	conn carol carol@example.com eap-gtc carol-pw carol &&
	conn dave dave@example.com eap-tls "" dave.example.com &&
	conn erin erin@example.net eap-mschapv2 erin-pw &&
	conn cert cert.example.org pubkey &&
	conn t1 t1@example.com eap-mschapv2 t1-pw t1 &&
	conn t2 t2@example.com eap-mschapv2 t2-pw t2 &&
	conn victor victor@example.com eap-mschapv2 victor-pw victor &&
	conn lena lena@example.com eap-mschapv2 lena-pw lena &&
	conn sam sam@example.com eap-mschapv2 sam-pw sam &&
	swan_load c
}

ktap_print_header
swan_pki "$PKI" "$GW_ID" dave.example.com cert.example.org >/dev/null ||
	ktap_exit_fail_msg "cannot make the test PKI"
if [ "$MATRIX" = slice ]; then
	ktap_set_plan 26
else
	ktap_set_plan 36
fi
modprobe vgate || ktap_exit_fail_msg "cannot load vgate.ko"
swan_init
if setup; then
	ktap_test_pass "setup: gateway, client charon, 12 connections"
else
	ktap_test_fail "setup: gateway, client charon, 12 connections"
	vgw_logs
	swan_logs
	ktap_finished
	exit
fi
[ "$MATRIX" = slice ] || start_lifetime
run_mschapv2
run_method md5 bob bob
run_method tls dave dave.example.com
run_failures
run_exhaustion
run_logoff
if [ "$MATRIX" != slice ]; then
	run_method nt-hash nina nina
	run_method gtc carol carol
	run_method direct erin erin@example.net
	run_method cert cert cert.example.org
	run_vrf
	run_lifetime
fi
vgate_check "ra: tshark dissects every IKE message" ike_capture_check ra 8
[ "$KTAP_CNT_FAIL" = 0 ] || { vgw_logs; swan_logs; }
swan_stop c
vgw_stop
ktap_finished
