#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# vgated's rekeys, collisions and defences against strongSwan's charon,
# in one vgated run (gateway netns, vgate.ko) with three charon
# sessions from the client netns and one charon responder behind the
# LAN:
#
# (c) INVALID_KE_PAYLOAD both ways: charon's KE is X25519 while vgated's
#     first proposal wants ECP-256 (vgated answers INVALID_KE_PAYLOAD,
#     counted, and charon starts over); vgated as a FlexVPN client sends
#     an ECP-256 KE to a charon that only takes MODP-2048 (charon asks
#     for it, vgated starts over); both SAs come up with the new group.
# (d) RFC 7296 §2.21 from ike_inject.py: an unknown SPI, a message ID
#     far outside the window, an IKE_AUTH with one ciphertext bit
#     flipped after its ICV was computed (and the same message intact,
#     which verifies and is refused by AUTH: the keys were right), a
#     truncated message and an unknown critical payload; each raises
#     only its own counter and the session is untouched.
# (b) A CHILD SA rekey collision (§2.8.1), made deterministic by
#     dropping responses: both sides' IKE responses are dropped while
#     vgated (soft expire of a 2560 KB SA) and charon (swanctl --rekey)
#     each send their CREATE_CHILD_SA and answer the other's; then
#     charon's responses pass (vgated decides), then vgated's (charon
#     decides).  Afterwards exactly one CHILD SA pair is left in vgate.ko
#     and in charon, and traffic flows.
# (a) vgated rekeys the IKE SA itself (profile lifetime 120 s: at 108 to
#     114 s) while an iperf3 transfer runs across it: the CHILD SA keeps
#     its SPIs, the transfer arrives whole, the old IKE SA is gone on
#     both sides.  vgated's FlexVPN client session (lifetime 120 s too)
#     is rekeyed the same way, with no reconnect.
# (e) An IKE_SA_INIT flood from 64 addresses above cookie-challenge 4:
#     COOKIEs counted, half-open SAs stay at 4 (plus a legitimate
#     client, which connects during the flood); a flood echoing the
#     COOKIEs is refused at limit-max-in-negotiation 8, then (after a
#     reload) at limit-max-sa; half-open never exceeds 8.
# (f) The IKE SA's end of life, in three more sessions, each made
#     deterministic by dropping its own messages (matched on its SPI) in
#     the client netns while (a) waits for its rekey:
#     - retire: charon rekeys the IKE SA but its Delete of the old SA
#       never arrives; vgated removes the old SA itself 30 s later and
#       the session lives on in the new one.
#     - ikecoll: both ends rekey the IKE SA at once (§2.8.2): vgated's
#       request (at 90-95 % of the 120 s lifetime) is held until charon
#       has sent its own, then both answers are held until each has
#       answered the other; vgated decides by the nonces, and both ends
#       keep the same single IKE SA with the CHILD SA and its traffic.
#     - expire: nothing gets through after setup, so vgated's rekey is
#       never answered: the SA ends at its 120 s lifetime, not after the
#       rekey's two minutes of retransmissions, and takes its device.
# tshark dissects every IKE packet of the rekeys.
# VGATE_INTEROP_MATRIX=slice runs (c) and (d) only.

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

PSK=vgate-rekey-psk
GW_ID=vpn.example.com
INJECT="python3 $(dirname "$0")/ike_inject.py"
MATRIX=${VGATE_INTEROP_MATRIX:-full}
# inner addresses of the client's sessions: rw, coll, legit, (f)'s three
IN_RW=10.99.0.1 IN_COLL=10.99.0.3 IN_LEGIT=10.99.0.5
IN_IKECOLL=10.99.0.7 IN_EXPIRE=10.99.0.9 IN_RETIRE=10.99.0.11
# vgated's own client towards the charon behind the LAN
HUB_INNER=10.97.0.1 BRANCH_INNER=10.98.0.1
FLOOD_FIRST=198.51.100.100 FLOOD_N=64

# gw_conf [MAX-SA] [MAX-IN-NEGOTIATION]: vgated's configuration
gw_conf() {
	local maxsa=${1:-0} maxneg=${2:-8}
	cat >"$VGATE_TMP/vgated.conf" <<-EOF2
		daemon = { log-level = "info"; };
		ikev2 = { cookie-challenge = 4; limit-max-in-negotiation = $maxneg;
			limit-max-sa = $maxsa; };
		proposal = (
			{ name = "ecp"; encryption = [ "aes-gcm-256" ]; prf = [ "sha256" ];
			  group = [ 19 ]; },
			{ name = "modp"; encryption = [ "aes-cbc-256" ]; integrity = [ "sha256" ];
			  prf = [ "sha256" ]; group = [ 14 ]; } );
		policy = ( { name = "all"; proposal = [ "ecp", "modp" ]; } );
		keyring = ( { name = "clients";
			peer = ( { name = "rw"; identity = "fqdn rw.example.com";
				   pre-shared-key = "$PSK"; },
				 { name = "coll"; identity = "fqdn coll.example.com";
				   pre-shared-key = "$PSK"; },
				 { name = "legit"; identity = "fqdn legit.example.com";
				   pre-shared-key = "$PSK"; },
				 { name = "inject"; identity = "fqdn inject.example.com";
				   pre-shared-key = "$PSK"; },
				 { name = "ikecoll"; identity = "fqdn ikecoll.example.com";
				   pre-shared-key = "$PSK"; },
				 { name = "expire"; identity = "fqdn expire.example.com";
				   pre-shared-key = "$PSK"; },
				 { name = "retire"; identity = "fqdn retire.example.com";
				   pre-shared-key = "$PSK"; } ); },
			{ name = "hub";
			peer = ( { name = "h"; address = "$TOPO_HOST4"; pre-shared-key = "$PSK"; } ); } );
		transform-set = ( { name = "gcm"; encryption = "aes-gcm-256"; } );
		ipsec-profile = ( { name = "big"; transform-set = [ "gcm" ]; },
			{ name = "small"; lifetime-kilobytes = 2560; transform-set = [ "gcm" ]; } );
		profile = ( { name = "ra"; lifetime = 120;
			match-identity-remote = [ "fqdn rw.example.com", "fqdn inject.example.com",
				"fqdn ikecoll.example.com", "fqdn expire.example.com" ];
			identity-local = "fqdn $GW_ID";
			authentication-local = "pre-share";
			authentication-remote = [ "pre-share" ];
			keyring = "clients"; ipsec-profile = "big"; virtual-template = "vt1"; },
		    { name = "coll";
			match-identity-remote = [ "fqdn coll.example.com", "fqdn legit.example.com",
				"fqdn retire.example.com" ];
			identity-local = "fqdn $GW_ID";
			authentication-local = "pre-share";
			authentication-remote = [ "pre-share" ];
			keyring = "clients"; ipsec-profile = "small"; virtual-template = "vt1"; },
		    { name = "site"; lifetime = 120;
			match-identity-remote = [ "fqdn hub.example.net" ];
			identity-local = "fqdn branch.example.net";
			authentication-local = "pre-share";
			authentication-remote = [ "pre-share" ];
			keyring = "hub"; ipsec-profile = "big"; virtual-template = "vt1"; } );
		client = ( { name = "hub"; peer = [ "$TOPO_HOST4" ]; profile = "site";
			connect = "manual";
			local-selectors = [ "$BRANCH_INNER/32" ];
			remote-selectors = [ "$HUB_INNER/32" ];
			identity-remote = "fqdn hub.example.net"; } );
	EOF2
}

step() {
	local what=$1
	shift
	"$@" || { ktap_test_fail "setup: $what"; return 1; }
}

# one conn of the client charon: NAME ID INNER
client_conn() {
	swan_conn cl "$1" role=initiator local="$TOPO_CLIENT4" remote="$TOPO_GW4" \
		id="$2.example.com" remote_id="$GW_ID" psk="$PSK" \
		ike=aes256gcm16-prfsha256-x25519-ecp256 esp=aes256gcm16 \
		local_ts="$3/32" remote_ts="$TOPO_LAN4" conn.rand_time=0 \
		child.rand_time=0
}

setup() {
	topo_up &&
	ip -n "$TOPO_C" addr add "$IN_RW" dev lo &&
	ip -n "$TOPO_C" addr add "$IN_COLL" dev lo &&
	ip -n "$TOPO_C" addr add "$IN_LEGIT" dev lo &&
	ip -n "$TOPO_C" addr add "$IN_IKECOLL" dev lo &&
	ip -n "$TOPO_C" addr add "$IN_EXPIRE" dev lo &&
	ip -n "$TOPO_C" addr add "$IN_RETIRE" dev lo &&
	vgw_template vt1 && gw_conf && vgw_start "$VGATE_TMP/vgated.conf" &&
	# charon retries longer: the collision case holds its request ~20 s
	swan_spawn cl "$TOPO_C" retransmit_tries=6 && swan_spawn hub "$TOPO_L" &&
	swan_ready cl && swan_ready hub &&
	client_conn rw rw "$IN_RW" && client_conn coll coll "$IN_COLL" &&
	client_conn legit legit "$IN_LEGIT" && client_conn ikecoll ikecoll "$IN_IKECOLL" &&
	client_conn expire expire "$IN_EXPIRE" && client_conn retire retire "$IN_RETIRE" &&
	swan_load cl >/dev/null &&
	swan_conn hub site role=responder local="$TOPO_HOST4" \
		id=hub.example.net remote_id=branch.example.net psk="$PSK" \
		ike=aes256-sha256-modp2048 esp=aes256gcm16 \
		local_ts="$HUB_INNER/32" remote_ts="$BRANCH_INNER/32" &&
	swan_load hub >/dev/null
}

# gw_sa ID: vgated's IKE SA with remote identity fqdn ID, as JSON
gw_sa() {
	vgw_ctl -j show crypto ikev2 sa |
		jq -e --arg id "fqdn $1" 'map(select(.remote_id == $id and .status == "READY")) |
			if length == 1 then .[0] else error("\(length) SAs") end'
}

# stats_delta BEFORE NAME: how much counter NAME grew since BEFORE (JSON)
stats_delta() {
	vgw_stats | jq -r --argjson b "$1" --arg c "$2" '.counters[$c] - $b.counters[$c]'
}

# only_counter BEFORE NAME: NAME grew by 1, no other §2.21 counter moved
only_counter() {
	vgw_stats | jq -e --argjson b "$1" --arg c "$2" '
		[ "unknown_spi", "bad_message_id", "integrity_failed", "malformed",
		  "unsupported_critical", "auth_failed" ] as $all |
		.counters as $now |
		($now[$c] - $b.counters[$c]) == 1 and
		([ $all[] | select(. != $c) | $now[.] - $b.counters[.] ] | add) == 0'
}

inject() {
	local name=$1 counter=$2 before args
	shift 2
	args=("$@")
	before=$(vgw_stats)
	vgate_check "2.21: $name raises $counter only" \
		eval 'ip netns exec "$TOPO_C" $INJECT "${args[@]}" &&
		      vgate_wait 5 only_counter "$before" "$counter" ||
		      { vgw_stats; false; }'
}

# ---- (c) INVALID_KE_PAYLOAD, both directions
run_invalid_ke() {
	vgate_check "invalid-ke: charon's X25519 KE gets INVALID_KE_PAYLOAD, then rw comes up on ECP-256" \
		eval 'swan_initiate cl rw 40 &&
		      [ "$(vgw_counter invalid_ke)" = 1 ] &&
		      gw_sa rw.example.com | jq -e ".dh_group_id == 19"'
	vgate_check "invalid-ke: vgated as client starts over with charon's MODP-2048" \
		eval 'vgw_ctl client connect hub &&
		      vgate_wait 60 eval "gw_sa hub.example.net | jq -e \".dh_group_id == 14 and .role == \\\"initiator\\\"\"" &&
		      grep -q "requesting MODP_2048" "$VGATE_TMP/swan/hub/charon.log" &&
		      swan_wait_child hub site INSTALLED'
}

# ---- (d) RFC 7296 §2.21
run_negative() {
	local sa spi_i spi_r id child
	sa=$(gw_sa rw.example.com) || { ktap_test_fail "2.21: no rw session"; return; }
	spi_i=$(jq -r .spi_i <<<"$sa") spi_r=$(jq -r .spi_r <<<"$sa")
	id=$(jq -r .id <<<"$sa") child=$(jq -r '.children[0].spi_in' <<<"$sa")
	inject "unknown SPI" unknown_spi unknown-spi "$TOPO_GW4"
	inject "message ID outside the window" bad_message_id bad-msgid \
		"$TOPO_GW4" "$spi_i" "$spi_r"
	inject "IKE_AUTH with a flipped ciphertext bit" integrity_failed \
		integrity "$TOPO_GW4" "$TOPO_CLIENT4"
	inject "the same IKE_AUTH intact (the ICV was right)" auth_failed \
		integrity "$TOPO_GW4" "$TOPO_CLIENT4" --intact
	inject "truncated message" malformed truncated "$TOPO_GW4"
	inject "unknown critical payload (answered UNSUPPORTED_CRITICAL_PAYLOAD)" \
		unsupported_critical critical "$TOPO_GW4"
	vgate_check "2.21: the session, its CHILD SA and its traffic are untouched" \
		eval 'gw_sa rw.example.com | jq -e --argjson id "$id" --argjson c "$child" \
			".id == \$id and .children[0].spi_in == \$c" &&
		      ip netns exec "$TOPO_C" ping -c 2 -i 0.2 -W 2 -I "$IN_RW" "$TOPO_HOST4"'
}

# ---- (b) a CHILD SA rekey collision
# ike_drop NS TABLE HOOK SPI KIND [EXCHANGE]: in NS, drop the IKE messages
# on port 500 or 4500 received (HOOK input) or sent (output); SPI: only
# those of the IKE SA whose initiator SPI it is (its first 32 bits), ""
# for every one (and then ESP-in-UDP on 4500 too); KIND: any, req
# (requests) or resp (responses); EXCHANGE: that exchange type only.
ike_drop() {
	local ns=$1 table=$2 hook=$3 spi=${4:0:8} kind=$5 exch=${6:-} port off dir rules=
	[ "$hook" = input ] && dir=sport || dir=dport
	for port in 500 4500; do
		off=0
		[ "$port" = 4500 ] && off=32	# the non-ESP marker
		rules+="udp $dir $port"
		[ -n "$spi" ] && rules+=" @th,$((64 + off)),32 0x$spi"
		case $kind in
		req) rules+=" @th,$((216 + off)),8 & 0x20 == 0" ;;
		resp) rules+=" @th,$((216 + off)),8 & 0x20 == 0x20" ;;
		esac
		[ -n "$exch" ] && rules+=" @th,$((208 + off)),8 $exch"
		rules+=" drop"$'\n'
	done
	ip netns exec "$ns" nft -f - <<-EOF2
		table inet $table {
			chain $hook {
				type filter hook $hook priority 0;
				$rules
			}
		}
	EOF2
}

unblock() {
	ip netns exec "$1" nft delete table inet "$2"
}

# decided BEFORE: vgated resolved exactly one rekey collision since BEFORE
# (stats JSON), by winning or losing it
decided() {
	[ $(( $(stats_delta "$1" rekey_collision_won) +
	      $(stats_delta "$1" rekey_collision_lost) )) = 1 ]
}

swan_log_count() {
	grep -c "$2" "$VGATE_TMP/swan/$1/charon.log"
}

gw_log_has() {
	grep -q "$1" "$VGW_LOG"
}

# iperf_from INNER BYTES [RATE]: LAN host sends BYTES to the client's INNER
iperf_from() {
	local inner=$1 bytes=$2 rate=${3:-0} sj=$VGATE_TMP/ip-s.json cj=$VGATE_TMP/ip-c.json
	local spid rc=0 sent got
	ip netns exec "$TOPO_L" timeout 200 iperf3 -s -1 -B "$TOPO_HOST4" --json >"$sj" 2>&1 &
	spid=$!
	vgate_wait 10 topo_listening "$TOPO_L" 5201 || { kill "$spid"; return 1; }
	ip netns exec "$TOPO_C" timeout 190 iperf3 -c "$TOPO_HOST4" -B "$inner" -R \
		-n "$bytes" -b "$rate" --json --connect-timeout 5000 >"$cj" 2>&1 || rc=$?
	wait "$spid" || rc=$?
	sent=$(jq -r '.end.sum_sent.bytes' "$sj" 2>/dev/null)
	got=$(jq -r '.end.sum_received.bytes' "$cj" 2>/dev/null)
	echo "iperf3 exit $rc: server sent $sent, client received $got (asked $bytes)"
	[ "$rc" = 0 ] && [ "$sent" = "$bytes" ] && [ "$got" = "$bytes" ]
}

# coll_pairs: vgated's coll session has one CHILD SA, its device 2 SAs
coll_pairs() {
	local sa dev
	sa=$(gw_sa coll.example.com) || return 1
	dev=$(jq -r .interface <<<"$sa")
	jq -e '.children | length == 1' <<<"$sa" &&
	ip netns exec "$TOPO_G" "$VGATE_BIN/vgatectl" -j sa show dev "$dev" |
		jq -e 'length == 2'
}

swan_coll_one() {
	swan_sas cl | jq -e '[ .[] | select(.name == "coll") | ."child-sas" | to_entries[] ] |
		length == 1 and .[0].value.state == "INSTALLED"'
}

run_collision() {
	local gen won lost before
	swan_initiate cl coll 40 >/dev/null && vgate_wait 10 gw_sa coll.example.com ||
		{ ktap_test_fail "collision: setup"; return; }
	ktap_test_pass "collision: setup"
	before=$(vgw_stats)
	gen=$(swan_log_count cl "generating CREATE_CHILD_SA request")
	# 1. nothing passes: each end's request waits in its retransmissions
	ike_drop "$TOPO_C" blkc input "" any && ike_drop "$TOPO_C" blkc output "" any &&
		ike_drop "$TOPO_G" blkg output "" resp
	# 2.25 MiB crosses the soft limit (80-90 % of 2560 KB), not the hard one
	vgate_check "collision: both ends send CREATE_CHILD_SA, both answer the other's" \
		eval 'iperf_from "$IN_COLL" 2359296 &&
		      vgate_wait 20 gw_log_has "rekeying CHILD SA" &&
		      { swan_ctl cl --rekey --child coll >/dev/null 2>&1 & } &&
		      vgate_wait 20 eval "[ \$(swan_log_count cl \"generating CREATE_CHILD_SA request\") -gt $gen ]" &&
		      unblock "$TOPO_C" blkc && ike_drop "$TOPO_C" blkc output "" resp &&
		      vgate_wait 20 gw_log_has "rekeyed by the peer while we rekey it too" &&
		      vgate_wait 20 eval "[ \$(swan_log_count cl \"parsed CREATE_CHILD_SA request\") -ge 1 ]"'
	# 2. charon's answers pass: vgated decides first, then charon
	unblock "$TOPO_C" blkc
	vgate_check "collision: vgated resolved it by the nonces (won or lost)" \
		vgate_wait 40 decided "$before"
	unblock "$TOPO_G" blkg
	won=$(stats_delta "$before" rekey_collision_won)
	lost=$(stats_delta "$before" rekey_collision_lost)
	echo "# collision: vgated won $won, lost $lost; temporary_failure +$(stats_delta "$before" temporary_failure)"
	vgate_check "collision: exactly one CHILD SA pair left in vgate.ko and in charon" \
		eval 'vgate_wait 40 coll_pairs && vgate_wait 20 swan_coll_one'
	vgate_check "collision: ping and iperf3 through the surviving pair" \
		eval 'ip netns exec "$TOPO_C" ping -c 2 -i 0.2 -W 2 -I "$IN_COLL" "$TOPO_HOST4" &&
		      iperf_from "$IN_COLL" 262144'
}

# ---- (a) vgated rekeys the IKE SA (lifetime 120 s)
# run_ike_rekey_start: the rw session's state, and a transfer across its
# rekey (in the background; run_ike_rekey_check waits for it)
run_ike_rekey_start() {
	local sa age bytes
	REKEY_HUB_CHILD=$(gw_sa hub.example.net | jq -r '.children[0].spi_in')
	sa=$(gw_sa rw.example.com) || return 1
	REKEY_ID=$(jq -r .id <<<"$sa") REKEY_CHILD=$(jq -r '.children[0].spi_in' <<<"$sa")
	age=$(jq -r .active_time <<<"$sa")
	REKEY_SPI_C=$(swan_sas cl | jq -r '.[] | select(.name == "rw") | ."initiator-spi"')
	# 2 Mbit/s until 10 s past the latest rekey (114 s)
	bytes=$(( (124 - age) * 250000 / 131072 * 131072 ))
	[ "$bytes" -ge 262144 ] || bytes=262144
	iperf_from "$IN_RW" "$bytes" 2M >"$VGATE_TMP/ike-rekey-iperf.txt" 2>&1 &
	REKEY_IPERF=$!
}

run_ike_rekey_check() {
	local id=$REKEY_ID child=$REKEY_CHILD spi_c=$REKEY_SPI_C hub_child=$REKEY_HUB_CHILD
	[ -n "$id" ] || { ktap_test_fail "ike-rekey: no rw session"; return; }
	vgate_check "ike-rekey: vgated rekeys the IKE SA by itself before its lifetime" \
		vgate_wait 140 eval 'gw_log_has "IKE SA rekeyed by us" &&
				     gw_sa rw.example.com | jq -e --argjson id "$id" \
					".id != \$id and .role == \"initiator\""'
	vgate_check "ike-rekey: the CHILD SA moved over with its SPIs" \
		eval 'gw_sa rw.example.com | jq -e --argjson c "$child" \
			"(.children | length) == 1 and .children[0].spi_in == \$c"'
	vgate_check "ike-rekey: the old IKE SA is gone in vgated and charon" \
		vgate_wait 20 eval '[ $(vgw_ctl -j show crypto ikev2 sa | jq --argjson id "$id" "map(select(.id == \$id)) | length") = 0 ] &&
			swan_sas cl | jq -e --arg s "$spi_c" "[ .[] | select(.name == \"rw\") ] | length == 1 and .[0].\"initiator-spi\" != \$s and .[0].state == \"ESTABLISHED\""'
	vgate_check "ike-rekey: vgated as FlexVPN client rekeys its IKE SA too (no reconnect)" \
		vgate_wait 40 eval 'gw_log_has "id fqdn hub.example.net: IKE SA rekeyed by us" &&
			gw_sa hub.example.net | jq -e --argjson c "$hub_child" \
				".client == \"hub\" and .role == \"initiator\" and .children[0].spi_in == \$c" &&
			swan_sas hub | jq -e "length == 1 and .[0].state == \"ESTABLISHED\""'
	wait "$REKEY_IPERF"
	vgate_check "ike-rekey: the iperf3 transfer across the rekey arrives whole" \
		eval 'cat "$VGATE_TMP/ike-rekey-iperf.txt" &&
		      grep -q "exit 0" "$VGATE_TMP/ike-rekey-iperf.txt" &&
		      [ "$(vgw_counter ike_rekeyed)" -ge 1 ]'
}

# ---- (f) the IKE SA's end of life
# ike_sas ID: vgated's IKE SAs with remote identity fqdn ID (JSON array)
ike_sas() {
	vgw_ctl -j show crypto ikev2 sa | jq --arg id "fqdn $1" 'map(select(.remote_id == $id))'
}

# watch_expire FILE: the expire session's last age, written when it ends
watch_expire() {
	local age last=0 end=$(($(date +%s) + 240))
	while [ "$(date +%s)" -lt "$end" ]; do
		age=$(ike_sas expire.example.com | vgate_jq '.[0].active_time') || break
		last=$age
		sleep 0.5
	done
	echo "$last" >"$1"
}

run_lifetime_sessions() {
	vgate_check "lifetimes: sessions ikecoll, expire and retire up" \
		eval 'swan_initiate cl ikecoll 40 && swan_initiate cl expire 40 &&
		      swan_initiate cl retire 40 && gw_sa ikecoll.example.com &&
		      EXPIRE_SA=$(gw_sa expire.example.com) && gw_sa retire.example.com &&
		      ike_drop "$TOPO_C" blkex input "$(jq -r .spi_i <<<"$EXPIRE_SA")" any &&
		      ike_drop "$TOPO_C" blkex output "$(jq -r .spi_i <<<"$EXPIRE_SA")" any'
	EXPIRE_DEV=$(gw_sa expire.example.com | jq -r .interface)
	watch_expire "$VGATE_TMP/expire.age" &
	EXPIRE_WATCH=$!
}

# retire_moved: vgated holds the old SA and a new one with the CHILD SA
retire_moved() {
	ike_sas retire.example.com | vgate_jq --argjson id "$RETIRE_ID" \
		--argjson c "$RETIRE_CHILD" 'length == 2 and
		(map(select(.id != $id and .children[0].spi_in == $c)) | length) == 1'
}

# retire: charon's Delete of the old SA is dropped
run_retire_start() {
	local sa
	sa=$(gw_sa retire.example.com) || { ktap_test_fail "retire: no session"; return; }
	RETIRE_ID=$(jq -r .id <<<"$sa") RETIRE_CHILD=$(jq -r '.children[0].spi_in' <<<"$sa")
	RETIRE_DEV=$(jq -r .interface <<<"$sa")
	ike_drop "$TOPO_C" blkrt output "$(jq -r .spi_i <<<"$sa")" req 37
	vgate_check "retire: charon rekeys the IKE SA, the session moves to the new SA" \
		eval 'swan_ctl cl --rekey --ike retire >/dev/null && vgate_wait 20 retire_moved'
	RETIRE_AT=$(date +%s)
}

run_retire_check() {
	local left
	vgate_check "retire: vgated removes the old SA 30 s after the rekey; the session lives on" \
		eval 'vgate_wait 50 gw_log_has "id fqdn retire.example.com: IKE SA deleted: replaced by its rekey, the peer did not delete it" &&
		      left=$(( $(date +%s) - RETIRE_AT )) && echo "# old SA removed within $left s of the rekey" &&
		      [ "$left" -ge 25 ] &&
		      gw_sa retire.example.com | jq -e --argjson id "$RETIRE_ID" --arg dev "$RETIRE_DEV" \
			".id != \$id and .interface == \$dev and .children[0].spi_in == $RETIRE_CHILD" &&
		      ip netns exec "$TOPO_C" ping -c 2 -i 0.2 -W 2 -I "$IN_RETIRE" "$TOPO_HOST4"'
	unblock "$TOPO_C" blkrt
}

# ikecoll: the one IKE SA in vgated with the CHILD SA, also charon's only one
ikecoll_agree() {
	local ours theirs
	ours=$(ike_sas ikecoll.example.com | jq -e 'map(select(.children | length == 1)) |
		if length == 1 then .[0] else error("\(length)") end') || return 1
	theirs=$(swan_sas cl | jq -e '[ .[] | select(.name == "ikecoll") ] |
		if length == 1 and .[0].state == "ESTABLISHED" then .[0] else error("\(length)") end') || return 1
	jq -e --argjson t "$theirs" --argjson c "$IKECOLL_CHILD" '
		(.spi_i | ascii_downcase) == ($t."initiator-spi" | ascii_downcase) and
		(.spi_r | ascii_downcase) == ($t."responder-spi" | ascii_downcase) and
		.children[0].spi_in == $c' <<<"$ours"
}

run_ike_collision() {
	local sa spi before won lost
	sa=$(gw_sa ikecoll.example.com) || { ktap_test_fail "ikecoll: no session"; return; }
	spi=$(jq -r .spi_i <<<"$sa") IKECOLL_CHILD=$(jq -r '.children[0].spi_in' <<<"$sa")
	before=$(vgw_stats)
	# 1. vgated's request waits; charon sends its own; vgated's answer waits
	ike_drop "$TOPO_C" blkic input "$spi" any
	vgate_check "ikecoll: both ends rekey the IKE SA, vgated answers charon's with its own out" \
		eval 'vgate_wait 150 gw_log_has "id fqdn ikecoll.example.com: rekeying the IKE SA" &&
		      { swan_ctl cl --rekey --ike ikecoll >/dev/null 2>&1 & } &&
		      vgate_wait 10 gw_log_has "id fqdn ikecoll.example.com: IKE SA rekeyed by the peer while we rekey it too"'
	# 2. vgated's request passes (charon answers it); vgated decides
	unblock "$TOPO_C" blkic && ike_drop "$TOPO_C" blkic input "$spi" resp
	vgate_check "ikecoll: vgated resolved it by the nonces (won or lost)" \
		vgate_wait 20 decided "$before"
	# 3. vgated's answer passes: charon decides
	unblock "$TOPO_C" blkic
	won=$(stats_delta "$before" rekey_collision_won)
	lost=$(stats_delta "$before" rekey_collision_lost)
	echo "# ikecoll: vgated won $won, lost $lost"
	vgate_check "ikecoll: vgated and charon keep the same IKE SA, with the CHILD SA, and traffic" \
		eval 'vgate_wait 30 ikecoll_agree &&
		      ip netns exec "$TOPO_C" ping -c 2 -i 0.2 -W 2 -I "$IN_IKECOLL" "$TOPO_HOST4"'
}

run_ike_collision_end() {
	vgate_check "ikecoll: the other new IKE SA and the old one are gone on both ends" \
		eval 'ikecoll_agree && ike_sas ikecoll.example.com | jq -e "length == 1"'
}

run_expire_check() {
	local last
	wait "$EXPIRE_WATCH"
	last=$(cat "$VGATE_TMP/expire.age")
	echo "# expire: last seen $last s old"
	vgate_check "expire: unanswered rekey, the IKE SA ends at its 120 s lifetime with its device" \
		eval 'gw_log_has "id fqdn expire.example.com: IKE SA reached its lifetime without a rekey" &&
		      gw_log_has "id fqdn expire.example.com: IKE SA deleted: lifetime expired" &&
		      [ "$last" -ge 110 ] && [ "$last" -le 120 ] &&
		      [ "$(ike_sas expire.example.com | jq length)" = 0 ] &&
		      ! ip -n "$TOPO_G" link show "$EXPIRE_DEV"'
	unblock "$TOPO_C" blkex
}

# ---- (e) DoS
half_open() {
	vgw_stats | jq -r .half_open
}

# watch_half_open SECONDS FILE: the largest half-open count seen
watch_half_open() {
	local end=$(($(date +%s) + $1)) max=0 n
	while [ "$(date +%s)" -lt "$end" ]; do
		n=$(half_open) && [ "$n" -gt "$max" ] && max=$n
		sleep 0.3
	done
	echo "$max" >"$2"
}

flood_addrs() {
	local i base=${FLOOD_FIRST%.*} first=${FLOOD_FIRST##*.}
	for ((i = 0; i < FLOOD_N; i++)); do
		echo "addr add $base.$((first + i))/24 dev c0"
	done | ip -n "$TOPO_C" -b -
}

run_dos() {
	local before fpid wpid max out
	flood_addrs || { ktap_test_fail "dos: setup"; return; }
	before=$(vgw_stats)
	ip netns exec "$TOPO_C" $INJECT flood "$TOPO_GW4" "$FLOOD_FIRST" "$FLOOD_N" 25 40 \
		>"$VGATE_TMP/flood1.json" 2>&1 &
	fpid=$!
	watch_half_open 24 "$VGATE_TMP/max1" &
	wpid=$!
	vgate_check "dos: a legitimate client connects during the flood (COOKIE)" \
		swan_initiate cl legit 40
	wait $fpid
	wait $wpid
	max=$(cat "$VGATE_TMP/max1")
	vgate_check "dos: COOKIEs sent and counted, half-open stayed at most 4 + 1 (saw $max)" \
		eval 'cat "$VGATE_TMP/flood1.json";
		      jq -e ".cookie > 100" "$VGATE_TMP/flood1.json" &&
		      [ "$(stats_delta "$before" cookie_sent)" -gt 100 ] && [ "$max" -le 5 ]'
	before=$(vgw_stats)
	out=$(ip netns exec "$TOPO_C" $INJECT flood "$TOPO_GW4" "$FLOOD_FIRST" "$FLOOD_N" 6 30 --echo-cookie)
	vgate_check "dos: a flood answering COOKIEs is refused at limit-max-in-negotiation 8" \
		eval 'echo "$out"; [ "$(stats_delta "$before" refused_limit)" -gt 0 ] &&
		      [ "$(half_open)" -le 8 ]'
	# every negotiation is now refused by limit-max-sa alone
	gw_conf "$(vgw_stats | jq .ike_sa)" 0
	before=$(vgw_stats)
	kill -HUP "$(cat "$VGATE_TMP/vgated.pid")"
	vgate_check "dos: after a reload, limit-max-sa refuses the next ones" \
		eval 'vgate_wait 10 gw_log_has "reloaded" &&
		      ip netns exec "$TOPO_C" $INJECT flood "$TOPO_GW4" "$FLOOD_FIRST" 8 2 10 --echo-cookie &&
		      [ "$(stats_delta "$before" refused_limit)" -gt 0 ] &&
		      [ "$(half_open)" -le 8 ]'
}

ktap_print_header
if [ "$MATRIX" = slice ]; then
	ktap_set_plan 10
else
	ktap_set_plan 33
fi
modprobe vgate || ktap_exit_fail_msg "cannot load vgate.ko"
swan_init
if ! setup; then
	ktap_test_fail "setup"
	vgw_logs
	ktap_finished
	exit
fi
ktap_test_pass "setup"
run_invalid_ke
if [ "$MATRIX" != slice ]; then
	run_lifetime_sessions
fi
run_negative
if [ "$MATRIX" != slice ]; then
	ike_capture_start "$TOPO_G" g0 rekey
	run_collision
	run_retire_start
	run_ike_rekey_start
	run_ike_collision
	run_ike_rekey_check
	run_expire_check
	run_retire_check
	vgate_check "tshark dissects every IKE message of the rekeys" \
		ike_capture_check rekey 10
	run_dos
	run_ike_collision_end
fi
if [ "${KTAP_CNT_FAIL:-0}" != 0 ]; then
	vgw_logs | tail -n 200
	swan_logs_if_failed
fi
ktap_finished
