#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Copyright (C) 2026 The vgate authors
#
# Smoke test of the access-device data path, vgate against vgate: two
# netns joined by a veth pair, an access device with an SA pair (raw ESP,
# AES-GCM) on each side, ping through them; the counters of the SAs and
# of the devices move, a wrong inner source is dropped and counted, a
# rekey with SA_SWAP keeps traffic flowing and packet lifetimes expire.
# The traffic suites proper (against the kernel's own IPsec, strongSwan)
# are the dp-* and interop-* suites.

# shellcheck source=selftests/lib/common.sh
. "$(dirname "$0")/../lib/common.sh"
# shellcheck source=selftests/kmod/kmod.lib
. "$(dirname "$0")/kmod.lib"

A=$KMOD_NS-l
B=$KMOD_NS-r
gcm=$(kmod_key gcm128)

ktap_print_header
ktap_set_plan 11
kmod_dmesg_mark

modprobe vgate || ktap_exit_fail_msg "cannot load vgate.ko"
kmod_netns_add "$A" || ktap_exit_fail_msg "cannot create netns $A"
kmod_netns_add "$B" || ktap_exit_fail_msg "cannot create netns $B"

# side NETNS OUTER PEER INNER INNER_PEER OUT_SPI IN_SPI PREFIX
side() {
	local ns=$1 va
	ip -n "$ns" addr add "$2/24" dev veth0 && ip -n "$ns" link set veth0 up &&
		ip -n "$ns" link add vt1 type vgate &&
		va=$(kmod_nl "$ns" access-new "template=$(kmod_ifindex "$ns" vt1)" |
			sed -n 's/^ifindex=\([0-9]*\) .*/\1/p') &&
		[ -n "$va" ] &&
		ip -n "$ns" link set va0 up &&
		ip -n "$ns" addr add "$4" peer "$5" dev va0 &&
		kmod_nl "$ns" sa-new "access=$va" dir=out "spi=$6" enc=gcm \
			"key=$gcm" "local=$2" "peer=$3" &&
		kmod_nl "$ns" sa-new "access=$va" dir=in "spi=$7" enc=gcm \
			"key=$gcm" "local=$2" "peer=$3" "prefix=$8"
}

setup() {
	# no IPv6 chatter (MLD, RS) to disturb the counters
	ip netns exec "$A" sysctl -qw net.ipv6.conf.default.disable_ipv6=1 &&
		ip netns exec "$B" sysctl -qw net.ipv6.conf.default.disable_ipv6=1 &&
		ip link add veth0 netns "$A" type veth peer name veth0 netns "$B" &&
		side "$A" 10.9.0.1 10.9.0.2 192.168.9.1 192.168.9.2 0x1001 0x2002 192.168.9.2/32 &&
		side "$B" 10.9.0.2 10.9.0.1 192.168.9.2 192.168.9.1 0x2002 0x1001 192.168.9.0/24
}

vgate_check "two netns, an access device and an SA pair on each side" setup
vgate_check "ping through the access devices (raw ESP, AES-GCM)" \
	ip netns exec "$A" ping -c 3 -i 0.3 -W 2 192.168.9.2
vgate_check "A's outbound SA counted the echo requests" \
	kmod_out_has "tx_packets=[3-9] " \
	kmod_nl "$A" -s sa-get "access=$(kmod_ifindex "$A" va0)" dir=out spi=0x1001
vgate_check "B's inbound SA counted them, no error" \
	kmod_out_has "rx_packets=[3-9] .*rx_errors=0 " kmod_nl "$B" -s sa-get spi=0x1001
vgate_check "ip -s link: va0 of A received the replies" \
	bash -c "ip -n $A -s -j link show dev va0 | jq -e '.[0].stats64.rx.packets >= 3'"
# a source outside A's inbound prefix (192.168.9.2/32): B sends from .3
vgate_check "a wrong inner source is dropped and counted (inner_src)" \
	bash -c "ip -n $B addr add 192.168.9.3/32 dev va0 &&
		! ip netns exec $B ping -c 2 -i 0.3 -W 1 -I 192.168.9.3 192.168.9.1 >/dev/null;
		ip netns exec $A $VGATE_NL -s sa-get spi=0x2002 | grep -q 'inner_src=[1-9]'"
# rekey A->B: new inbound SA on B (packet lifetimes), new outbound on A,
# SA_SWAP; the old pair keeps nothing in flight
rekey() {
	local va
	va=$(kmod_ifindex "$B" va0)
	kmod_nl "$B" sa-new "access=$va" dir=in spi=0x1003 enc=gcm \
		"key=$gcm" local=10.9.0.2 peer=10.9.0.1 soft_packets=2 \
		hard_packets=4 &&
		va=$(kmod_ifindex "$A" va0) &&
		kmod_nl "$A" sa-new "access=$va" dir=out spi=0x1003 enc=gcm \
			"key=$gcm" local=10.9.0.1 peer=10.9.0.2 &&
		kmod_nl "$A" sa-swap "access=$va" dir=out spi=0x1003 &&
		kmod_out_has "out_spi=0x00001003 n_sa=2$" \
			kmod_nl "$A" access-get "ifindex=$va"
}
vgate_check "rekey A->B with SA_SWAP (make-before-break)" rekey
kmod_monitor_start "$B" "$VGATE_TMP/ntf" || ktap_exit_fail_msg "no monitor"
vgate_check "4 pings under the new SA (the 4th reaches its hard limit), then none" \
	bash -c "ip netns exec $A ping -c 4 -i 0.3 -W 2 192.168.9.2 >/dev/null &&
		! ip netns exec $A ping -c 2 -i 0.3 -W 1 192.168.9.2 >/dev/null"
vgate_check "SA_EXPIRE_NTF soft at 2 packets" \
	kmod_ntf_seen "$VGATE_TMP/ntf" "^SA_EXPIRE_NTF .*spi=0x00001003 .* expire=soft limit=1$"
vgate_check "SA_EXPIRE_NTF hard at 4 packets, and the SA is deleted" \
	bash -c "$(declare -f kmod_ntf_seen vgate_wait)
		kmod_ntf_seen $VGATE_TMP/ntf '^SA_EXPIRE_NTF .*spi=0x00001003 .* expire=hard limit=1$' &&
		vgate_wait 10 bash -c '! ip netns exec $B $VGATE_NL sa-get spi=0x1003'"
vgate_check "no kernel warning" kmod_dmesg_clean

ktap_finished
