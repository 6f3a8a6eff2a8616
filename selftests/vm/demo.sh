#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The guest half of `make demo` (also run by `make check`): a remote-access
# headend from the shipped example Documentation/examples/vgated-eap.conf,
# a strongSwan client that logs in as alice with EAP-MSCHAPv2, and what
# the operator and the user see: the client's address and DNS servers,
# the session on the headend, a ping to a server behind the headend
# through the tunnel, and the logoff.  Every command and its output is
# shown as a KTAP diagnostic line; every step is also a checked result.
#
#   laptop (netns client) 198.51.100.2 --- 198.51.100.1 headend (netns gw)
#                                          10.0.1.1 --- 10.0.1.10 server
#
# The example is used as shipped except for its certificate paths, which
# point at a throwaway CA made here (the example names Debian's snakeoil
# pair, which no client would trust).
. "$(dirname "$0")/../lib/common.sh"
# shellcheck source=selftests/interop/topo.lib
. "$VGATE_ROOT/selftests/interop/topo.lib"
# shellcheck source=selftests/interop/swan.lib
. "$VGATE_ROOT/selftests/interop/swan.lib"
# shellcheck source=selftests/interop/vgated.lib
. "$VGATE_ROOT/selftests/interop/vgated.lib"

EXAMPLE=$VGATE_ROOT/Documentation/examples/vgated-eap.conf
PKI=$VGATE_TMP/pki
GW=vgate-demo-gw CLIENT=vgate-demo-client LAN=vgate-demo-lan
SERVER=10.0.1.10
# vgate_check keeps a command's output for failures only; the demo's
# display goes to fd 3, the suite's own stdout.
exec 3>&1

# say TEXT: a line of the account.
say() {
	echo "# $*" >&3
}

# show CMD...: print "$ CMD" and its output on fd 3 (only the lines
# matching $SHOW_LINES, if set), keep the whole output in $shown and
# return the command's status.
show() {
	local rc
	shown=$("$@" 2>&1)
	rc=$?
	{
		echo "# \$ $*"
		[ -z "$shown" ] || printf '%s\n' "$shown" |
			grep -E -- "${SHOW_LINES:-.}" | sed 's/^/#   /'
	} >&3
	return $rc
}

# shown_output_has PATTERN CMD...: show CMD, succeed if its output matches.
shown_output_has() {
	local pattern=$1
	shift
	show "$@" && grep -q -- "$pattern" <<<"$shown"
}

network() {
	local ns
	for ns in $GW $CLIENT $LAN; do
		ip netns add $ns && vgate_defer "ip netns del $ns" &&
		ip -n $ns link set lo up || return 1
	done
	ip -n $CLIENT link add eth0 type veth peer name outside netns $GW &&
	ip -n $GW link add lan type veth peer name eth0 netns $LAN &&
	ip -n $CLIENT addr add 198.51.100.2/24 dev eth0 &&
	ip -n $GW addr add 198.51.100.1/24 dev outside &&
	ip -n $GW addr add 10.0.1.1/24 dev lan &&
	ip -n $LAN addr add $SERVER/24 dev eth0 &&
	ip -n $CLIENT link set eth0 up && ip -n $GW link set outside up &&
	ip -n $GW link set lan up && ip -n $LAN link set eth0 up &&
	ip -n $LAN route add default via 10.0.1.1 &&
	ip netns exec $GW sysctl -qw net.ipv4.ip_forward=1
}

pki() {
	mkdir -p "$PKI" &&
	openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=Demo CA" \
		-keyout "$PKI/ca.key" -out "$PKI/ca.pem" 2>/dev/null &&
	openssl req -newkey rsa:2048 -nodes -subj "/CN=vpn.example.com" \
		-keyout "$PKI/vpn.key" -out "$PKI/vpn.csr" 2>/dev/null &&
	printf 'subjectAltName = DNS:vpn.example.com\n' >"$PKI/ext" &&
	openssl x509 -req -in "$PKI/vpn.csr" -CA "$PKI/ca.pem" -CAkey "$PKI/ca.key" \
		-CAcreateserial -days 2 -extfile "$PKI/ext" -out "$PKI/vpn.pem" 2>/dev/null &&
	sed -e "s|pki-trustpoint = \"[^\"]*\"|pki-trustpoint = \"$PKI/ca.pem\"|" \
	    -e "s|certificate = \"[^\"]*\"|certificate = \"$PKI/vpn.pem\"|" \
	    -e "s|private-key = \"[^\"]*\"|private-key = \"$PKI/vpn.key\"|" \
		"$EXAMPLE" >"$VGATE_TMP/vgated.conf"
}

laptop() {
	swan_start laptop $CLIENT plugins.resolve.file="$(swan_dir laptop)/resolv.conf" &&
	swan_conn laptop vpn role=initiator local=198.51.100.2 remote=198.51.100.1 \
		id=alice@example.com local_auth=eap-mschapv2 remote_auth=pubkey \
		eap_id=alice eap_secret=change-me-alice ca="$PKI/ca.pem" \
		remote_id='"CN=vpn.example.com"' vips=0.0.0.0 \
		remote_ts=0.0.0.0/0 ike=aes256gcm16-prfsha256-ecp256 esp=aes256gcm16 &&
	swan_load laptop >/dev/null
}

# step DESC CMD...: one KTAP result for CMD run in this shell (it starts
# daemons whose cleanup must be deferred here, not in a subshell).
step() {
	local desc=$1
	shift
	if "$@" >"$VGATE_TMP/step.out" 2>&1; then
		ktap_test_pass "$desc"
	else
		sed 's/^/# /' "$VGATE_TMP/step.out"
		ktap_test_fail "$desc"
	fi
}

ktap_print_header
ktap_set_plan 12
swan_init

say "A remote-access headend (vgated + vgate.ko) and a laptop running strongSwan."
vgate_check "load vgate.ko" show modprobe vgate
step "build the network: laptop, headend, a server behind it" network
say "The headend's virtual template: every client gets its own interface cloned from it."
vgate_check "create virtual template vt1, unnumbered to the LAN side" \
	eval 'show ip -n $GW link add vt1 type vgate &&
	      show ip netns exec $GW "$VGATE_BIN/vgatectl" template set vt1 unnumbered lan'
say "The shipped example $EXAMPLE, certificate paths pointed at a throwaway CA:"
vgate_check "vgated -t accepts the example configuration" \
	eval 'pki && show "$VGATE_BIN/vgated" -t -c "$VGATE_TMP/vgated.conf"'
step "vgated starts" vgw_start "$VGATE_TMP/vgated.conf" $GW
step "the laptop's strongSwan is configured for EAP-MSCHAPv2 as alice" laptop
say "alice connects: her password is checked by vgated's EAP-MSCHAPv2 server."
# charon says much more; these lines tell the story
SHOW_LINES='requested EAP|EAP method|authentication of|installing|established|completed' \
	vgate_check "alice logs in" \
	shown_output_has "initiate completed successfully" \
	swan_ctl laptop --initiate --child vpn --timeout 30
vgate_check "the laptop got alice's fixed address, the DNS servers and the split routes" \
	eval 'shown_output_has "10.10.0.5" swan_ctl laptop --list-sas &&
	      grep -q "10.0.0.0/16" <<<"$shown" &&
	      grep -q "installing DNS server 10.0.0.53" "$(swan_dir laptop)/charon.log"'
vgate_check "the headend shows the session: user, group, address, interface" \
	shown_output_has "User: alice  Group: staff" vgw_ctl show crypto session detail
vgate_check "the pool and the host route through alice's own interface" \
	eval 'show vgw_ctl show ip local pool &&
	      shown_output_has "10.10.0.5 dev va" ip -n $GW route show 10.10.0.5'
say "From the laptop, the server behind the headend answers through the tunnel:"
vgate_check "ping $SERVER from 10.10.0.5" \
	shown_output_has " 0% packet loss" \
	ip netns exec $CLIENT ping -c 3 -i 0.3 -W 2 -I 10.10.0.5 $SERVER
say "The operator logs alice off; her interface, route and SAs go with the session."
vgate_check "logoff name alice" \
	eval 'shown_output_has "logged off : 1" vgw_ctl logoff name alice &&
	      vgate_wait 10 eval "! ip -n $GW -o link show | grep -q \" va[0-9]\"" &&
	      show vgw_ctl show crypto session'
say "Done: login, configuration, traffic and logoff all went through vgate."
ktap_finished
