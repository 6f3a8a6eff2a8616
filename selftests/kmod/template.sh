#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Copyright (C) 2026 The vgate authors
#
# Virtual templates in two network namespaces: create, read over genl
# (do and dump), change the MTU, delete; each netns sees only its own.

# shellcheck source=selftests/lib/common.sh
. "$(dirname "$0")/../lib/common.sh"
# shellcheck source=selftests/kmod/kmod.lib
. "$(dirname "$0")/kmod.lib"

A=$KMOD_NS-a
B=$KMOD_NS-b

ktap_print_header
ktap_set_plan 22
kmod_dmesg_mark

modprobe vgate || ktap_exit_fail_msg "cannot load vgate.ko"
kmod_netns_add "$A" || ktap_exit_fail_msg "cannot create netns $A"
kmod_netns_add "$B" || ktap_exit_fail_msg "cannot create netns $B"

# tmpl_line NETNS DEV MTU: the line vgate_nl prints for a fresh template
tmpl_line() {
	echo "ifindex=$(kmod_ifindex "$1" "$2") ifname=$2 mtu=$3 max_access=65536 n_access=0"
}

vgate_check "create vt10 in netns A" ip -n "$A" link add vt10 type vgate
vgate_check "create vt20 and vt21 in netns B" \
	bash -c "ip -n $B link add vt20 type vgate &&
		ip -n $B link add vt21 type vgate"
vgate_check "create vt11 from init_net straight into netns A" \
	ip link add vt11 netns "$A" type vgate
vgate_check "ip -d link show: kind vgate, link/none, POINTOPOINT,NOARP, mtu 1400" \
	bash -c "ip -n $A -j -d link show dev vt10 | jq -e '.[0] |
		.linkinfo.info_kind == \"vgate\" and .link_type == \"none\" and
		(.flags | index(\"POINTOPOINT\") != null and
			  index(\"NOARP\") != null) and .mtu == 1400'"
vgate_check "min_mtu 68 and max_mtu 65414" \
	bash -c "ip -n $A -j -d link show dev vt10 | jq -e '.[0] |
		.min_mtu == 68 and .max_mtu == 65414'"
vgate_check "the templates are not visible in init_net" \
	bash -c '! ip link show dev vt10 && ! ip link show dev vt20 &&
		! ip link show dev vt11'
vgate_check "ip link set mtu 1300" ip -n "$A" link set dev vt10 mtu 1300
vgate_check "mtu below 68 or above 65414 is refused" \
	bash -c "! ip -n $A link set dev vt10 mtu 67 2>/dev/null &&
		! ip -n $A link set dev vt10 mtu 65415 2>/dev/null"
vgate_check "dump in A: vt10 (mtu 1300) and vt11, nothing else" \
	kmod_out_is "$(tmpl_line "$A" vt10 1300; tmpl_line "$A" vt11 1400)" \
	kmod_nl "$A" -d
vgate_check "dump in B: vt20 and vt21, nothing else" \
	kmod_out_is "$(tmpl_line "$B" vt20 1400; tmpl_line "$B" vt21 1400)" \
	kmod_nl "$B" -d
vgate_check "dump in init_net shows none of them" \
	kmod_out_lacks 'ifname=vt(10|11|20|21)$' "$VGATE_NL" -d
vgate_check "do by ifindex in A" \
	kmod_out_is "$(tmpl_line "$A" vt10 1300)" \
	kmod_nl "$A" "tmpl.ifindex:u32=$(kmod_ifindex "$A" vt10)"
vgate_check "do by ifname in B" \
	kmod_out_is "$(tmpl_line "$B" vt21 1400)" \
	kmod_nl "$B" tmpl.ifname:str=vt21
vgate_check "ifindex wins over ifname" \
	kmod_out_is "$(tmpl_line "$B" vt20 1400)" \
	kmod_nl "$B" "tmpl.ifindex:u32=$(kmod_ifindex "$B" vt20)" \
		tmpl.ifname:str=vt21
vgate_check "B cannot read A's template by name" \
	kmod_fails kmod_nl "$B" tmpl.ifname:str=vt10
vgate_check "a template cannot move to another netns" \
	kmod_fails ip -n "$A" link set dev vt10 netns "$B"
vgate_check "a template carries no traffic: xmit drops and counts tx_dropped" \
	bash -c "ip -n $A link set dev vt10 up &&
		ip -n $A addr add 10.254.0.1 peer 10.254.0.2 dev vt10 &&
		! ip netns exec $A ping -c 3 -i 0.2 -W 1 10.254.0.2 &&
		ip -n $A -s -j link show dev vt10 |
			jq -e '.[0].stats64.tx.dropped >= 3 and
				.[0].stats64.tx.packets == 0'"
vgate_check "an up template has the noqueue qdisc" \
	kmod_out_is noqueue bash -c "ip -n $A -j link show dev vt10 |
		jq -r '.[0].qdisc'"
vgate_check "delete vt10 in A" ip -n "$A" link del dev vt10
vgate_check "dump in A shows only vt11" \
	kmod_out_is "$(tmpl_line "$A" vt11 1400)" kmod_nl "$A" -d
vgate_check "dump in B is unchanged by A's deletion" \
	kmod_out_is "$(tmpl_line "$B" vt20 1400; tmpl_line "$B" vt21 1400)" \
	kmod_nl "$B" -d
vgate_check "no kernel warning" kmod_dmesg_clean

ktap_finished
