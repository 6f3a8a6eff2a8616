#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Many remote-access clients at once: one strongSwan charon in the client
# netns logs in N users (u01..uN, EAP-MSCHAPv2, one IKE SA each) to
# vgated.  Every session must get its own access device, its own address
# from the pool and a host route to it; every client pings the LAN host
# from its address through its own device.  Then logoff by user name and
# by session index each end exactly the session named (its device, host
# route, kernel SAs and pool address; the client sees its SA deleted)
# and nothing else, and logoff all ends the rest.
#
# Last, two clients in different charons with the same IKE identity (as
# Windows clients behind NATs send the same private address) log in as
# two users, each with INITIAL_CONTACT: the second must not end the
# first's session, since INITIAL_CONTACT after EAP is scoped to the user;
# a third logs in as the first user again: that user's older session
# ends, the other one stays.
#
# N is 50 (VGATE_RA_CLIENTS); make check's second kernel runs 10
# (VGATE_INTEROP_MATRIX=slice).

# shellcheck source=selftests/lib/common.sh
. "$(dirname "$0")/../lib/common.sh"
# shellcheck source=selftests/interop/topo.lib
. "$(dirname "$0")/topo.lib"
# shellcheck source=selftests/interop/swan.lib
. "$(dirname "$0")/swan.lib"
# shellcheck source=selftests/interop/vgated.lib
. "$(dirname "$0")/vgated.lib"

GW_ID=vpn.example.com
PKI=$VGATE_TMP/pki
if [ "${VGATE_INTEROP_MATRIX:-full}" = slice ]; then
	N=${VGATE_RA_CLIENTS:-10}
else
	N=${VGATE_RA_CLIENTS:-50}
fi
USERS=()
for ((i = 1; i <= N; i++)); do
	USERS+=("$(printf 'u%02d' "$i")")
done

gw_conf() {
	local u
	{
		echo 'daemon = { log-level = "notice"; };'
		echo 'pool = ( { name = "v4"; range = "203.0.113.130 203.0.113.250"; } );'
		echo "authorization-policy = ( { name = \"staff\"; pool = \"v4\";"
		echo "	route-set-remote = [ \"$TOPO_LAN4\" ]; } );"
		echo 'user = ('
		for u in "${USERS[@]}"; do
			echo "	{ name = \"$u\"; password = \"pw-$u\"; },"
		done | sed '$ s/,$//'
		echo ');'
		cat <<-EOF2
			profile = ( { name = "ra";
				match-identity-remote = [ "email domain example.com" ];
				identity-local = "fqdn $GW_ID";
				authentication-local = "ecdsa-sig";
				authentication-remote = [ "eap" ];
				eap = { methods = [ "mschapv2" ]; query-identity = true; };
				pki-trustpoint = "$PKI/ca.pem";
				certificate = "$PKI/$GW_ID.pem";
				private-key = "$PKI/$GW_ID.key";
				authorization-group = "staff";
				virtual-template = "vt1"; } );
		EOF2
	} >"$VGATE_TMP/vgated.conf"
}

setup() {
	local u
	topo_up && vgw_template vt1 &&
	ip netns exec "$TOPO_G" "$VGATE_BIN/vgatectl" template set vt1 unnumbered g1 &&
	gw_conf && vgw_start "$VGATE_TMP/vgated.conf" &&
	swan_start c "$TOPO_C" || return 1
	for u in "${USERS[@]}"; do
		swan_conn c "$u" role=initiator local="$TOPO_CLIENT4" remote="$TOPO_GW4" \
			id="$u@example.com" remote_id="$GW_ID" local_auth=eap-mschapv2 \
			remote_auth=pubkey ca="$PKI/ca.pem" vips=0.0.0.0 \
			remote_ts="$TOPO_LAN4" eap_id="$u" eap_secret="pw-$u" \
			ike=aes128gcm16-prfsha256-ecp256 esp=aes128gcm16 || return 1
	done
	swan_load c >/dev/null
}

# login_all: every user logs in, ten at a time.
login_all() {
	local u i=0 rc=0
	for u in "${USERS[@]}"; do
		swan_initiate c "$u" 60 >/dev/null &
		if (((++i % 10) == 0)); then wait || rc=1; fi
	done
	wait || rc=1
	return $rc
}

# sessions: vgated's READY sessions as JSON.
sessions() {
	vgw_ctl -j show crypto ikev2 sa | jq '[.[] | select(.status == "READY")]'
}

# all_distinct N: N READY sessions, N distinct users, devices, addresses.
all_distinct() {
	sessions | vgate_jq --argjson n "$1" 'length == $n and
		([.[].user] | unique | length) == $n and
		([.[].interface] | unique | length) == $n and
		([.[].assigned_ipv4] | map(select(. != "")) | unique | length) == $n'
}

va_count() {
	ip -n "$TOPO_G" -o link show | grep -c ' va[0-9]*[:@]'
}

client_vip() {
	swan_ike c "$1" | jq -r '.["local-vips"] // [] | .[0] // empty'
}

# ping_all: every logged-in client pings the LAN host from its address.
ping_all() {
	local vip bad=0 s
	s=$(swan_sas c) || return 1
	for vip in $(jq -r '.[] | select(.state == "ESTABLISHED") |
			.["local-vips"][]?' <<<"$s"); do
		ip netns exec "$TOPO_C" ping -c 1 -W 3 -I "$vip" "$TOPO_HOST4" \
			>/dev/null || { echo "no answer from $vip"; bad=1; }
	done
	return $bad
}

# kernel_sa_total: vgate.ko's SAs in the gateway, on any access device.
kernel_sa_total() {
	ip netns exec "$TOPO_G" "$VGATE_BIN/vgatectl" -j sa show | jq length
}

# gone USER DEV VIP: USER's session, device, host route and SAs are gone.
gone() {
	! sessions | jq -e --arg u "$1" 'any(.[]; .user == $u)' >/dev/null &&
	! ip -n "$TOPO_G" link show "$2" >/dev/null 2>&1 &&
	! ip -n "$TOPO_G" route show "$3" | grep -q . &&
	vgate_wait 10 eval "! swan_ike c $1 | grep -q ESTABLISHED"
}

logoff_one() {
	local how=$1 u=$2 dev vip id before
	before=$(sessions | jq length)
	dev=$(sessions | jq -r --arg u "$u" '.[] | select(.user == $u) | .interface')
	vip=$(sessions | jq -r --arg u "$u" '.[] | select(.user == $u) | .assigned_ipv4')
	id=$(sessions | jq -r --arg u "$u" '.[] | select(.user == $u) | .id')
	[ -n "$dev" ] && [ -n "$vip" ] || { echo "no session of $u"; return 1; }
	if [ "$how" = name ]; then
		vgw_ctl logoff name "$u" | grep -q "logged off : 1" || return 1
	else
		vgw_ctl logoff index "$id" | grep -q "logged off : 1" || return 1
	fi
	gone "$u" "$dev" "$vip" && all_distinct $((before - 1)) &&
	[ "$(va_count)" = $((before - 1)) ] &&
	[ "$(kernel_sa_total)" = $((2 * (before - 1))) ]
}

ktap_print_header
ktap_set_plan 12
swan_pki "$PKI" "$GW_ID" >/dev/null || ktap_exit_fail_msg "cannot make the test PKI"
modprobe vgate || ktap_exit_fail_msg "cannot load vgate.ko"
swan_init
if setup; then
	ktap_test_pass "setup: gateway and a client charon with $N users"
else
	ktap_test_fail "setup: gateway and a client charon with $N users"
	vgw_logs
	ktap_finished
	exit
fi
# rcvbuf_ok: every IKE socket of vgated holds at least 4 MiB (a burst of
# logins must not overflow it).
rcvbuf_ok() {
	local rb
	rb=$(ip netns exec "$TOPO_G" ss -uamnH '( sport = :500 or sport = :4500 )' |
		sed -n 's/.*skmem:(r[0-9]*,rb\([0-9]*\),.*/\1/p')
	echo "receive buffers: $rb"
	[ -n "$rb" ] && ! grep -qvx '[0-9]\{7,\}' <<<"$rb" &&
	awk '$1 < 4194304 { exit 1 }' <<<"$rb"
}
vgate_check "vgated's IKE sockets have 4 MiB receive buffers" rcvbuf_ok
vgate_check "$N users log in at once" login_all
vgate_check "$N sessions, each with its own user, access device and address" \
	all_distinct "$N"
vgate_check "$N access devices and $((2 * N)) SAs in vgate.ko" \
	eval '[ "$(va_count)" = "$N" ] && [ "$(kernel_sa_total)" = $((2 * N)) ]'
vgate_check "the pool counts $N addresses in use" \
	eval 'vgw_ctl -j show ip local pool | vgate_jq --argjson n "$N" ".[0].in_use == \$n"'
vgate_check "every client pings the LAN host through its own device" ping_all
vgate_check "logoff name ${USERS[2]}: that session alone ends" \
	logoff_one name "${USERS[2]}"
vgate_check "logoff index (of ${USERS[5]}): that session alone ends" \
	logoff_one index "${USERS[5]}"
vgate_check "logoff all: every session, device, route and address is gone" \
	eval 'vgw_ctl logoff all | grep -q "logged off : $((N - 2))" &&
	      vgate_wait 20 eval "[ \$(va_count) = 0 ]" &&
	      sessions | vgate_jq "length == 0" &&
	      ! ip -n "$TOPO_G" route show | grep -q " dev va" &&
	      vgw_ctl -j show ip local pool | vgate_jq ".[0].in_use == 0"'
# shared NAME CHARON USER: a connection with the IDi every "shared"
# client sends, logging in as USER.
shared() {
	swan_conn "$2" "$1" role=initiator local="$TOPO_CLIENT4" remote="$TOPO_GW4" \
		id=shared@example.com remote_id="$GW_ID" local_auth=eap-mschapv2 \
		remote_auth=pubkey ca="$PKI/ca.pem" vips=0.0.0.0 \
		remote_ts="$TOPO_LAN4" eap_id="$3" eap_secret="pw-$3" \
		ike=aes128gcm16-prfsha256-ecp256 esp=aes128gcm16 &&
	swan_load "$2" >/dev/null
}
if swan_start c2 "$TOPO_C" port=1500 port_nat_t=1501 &&
   shared s1 c "${USERS[0]}" && shared s2 c2 "${USERS[1]}"; then
	vgate_check "one IDi, two users in two charons: both sessions stay up" \
		eval 'swan_initiate c s1 30 && swan_initiate c2 s2 30 &&
		      grep -q "IKE_AUTH request 1 \[ IDi N(INIT_CONTACT)" "$(swan_dir c2)/charon.log" &&
		      sleep 2 && all_distinct 2'
else
	ktap_test_fail "one IDi, two users in two charons: both sessions stay up"
fi
# user_session USER: the id of USER's READY session
user_session() {
	sessions | jq -e --arg u "$1" 'map(select(.user == $u)) | if length == 1 then .[0].id else error end'
}
old_id=$(user_session "${USERS[0]}")
if [ -n "$old_id" ] && swan_start c3 "$TOPO_C" port=2500 port_nat_t=2501 &&
   shared s3 c3 "${USERS[0]}"; then
	vgate_check "the same user again with INITIAL_CONTACT: only that user's older session ends" \
		eval 'swan_initiate c3 s3 30 &&
		      vgate_wait 10 eval "[ \$(user_session ${USERS[0]}) != $old_id ]" &&
		      all_distinct 2 && user_session "${USERS[1]}" &&
		      grep -q "replaced (INITIAL_CONTACT)" "$VGW_LOG"'
else
	ktap_test_fail "the same user again with INITIAL_CONTACT: only that user's older session ends"
fi
[ "$KTAP_CNT_FAIL" = 0 ] || { vgw_logs | tail -n 100; swan_logs; }
swan_stop c
vgw_stop
ktap_finished
