#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Copyright (C) 2026 The vgate authors
#
# Teardown with access devices and SAs present: deleting a netns with
# 2,000 access devices and 4,000 SAs, and rmmod with 1,000 more in another
# netns and in init_net, leave nothing behind and log no warning.

# shellcheck source=selftests/lib/common.sh
. "$(dirname "$0")/../lib/common.sh"
# shellcheck source=selftests/kmod/kmod.lib
. "$(dirname "$0")/kmod.lib"

A=$KMOD_NS-a
B=$KMOD_NS-b
vt=vgt$$
peer=vgp$$
gcm=$(kmod_key gcm128)

ktap_print_header
ktap_set_plan 10
kmod_dmesg_mark
vgate_defer "ip link del $vt"
vgate_defer "ip link del $peer"

modprobe vgate || ktap_exit_fail_msg "cannot load vgate.ko"
kmod_netns_add "$A" || ktap_exit_fail_msg "cannot create netns $A"
kmod_netns_add "$B" || ktap_exit_fail_msg "cannot create netns $B"

# sessions NETNS TEMPLATE COUNT SPIBASE: COUNT access devices from
# TEMPLATE in NETNS ("" for init_net), an SA pair each
sessions() {
	local ns=$1 t=$2 n=$3 base=$4 ifindex

	ifindex=$(ip ${ns:+-n "$ns"} -j link show dev "$t" | jq -r '.[0].ifindex')
	awk -v n="$n" -v t="$ifindex" -v k="$gcm" -v b="$base" 'BEGIN {
		for (i = 1; i <= n; i++) {
			printf "access-new template=%d\n", t
			printf "sa-new access=last dir=in spi=%d enc=gcm key=%s local=192.0.2.1 peer=198.51.100.1\n", b + i, k
			printf "sa-new access=last dir=out spi=%d enc=gcm key=%s local=192.0.2.1 peer=198.51.100.1\n", b + i, k
		}
	}' | ${ns:+ip netns exec "$ns"} "$VGATE_NL" batch -q |
		grep -qx "ok=$((3 * n)) failed=0"
}

setup_a() {
	ip -n "$A" link add vt1 type vgate && ip -n "$A" link add vt2 type vgate &&
		sessions "$A" vt1 1000 1000000 && sessions "$A" vt2 1000 2000000 &&
		# its init_net end vanishes once A's devices are dismantled
		ip link add "$peer" type veth peer name vgq$$ netns "$A"
}

setup_b() {
	ip -n "$B" link add vt1 type vgate && sessions "$B" vt1 500 1000000 &&
		ip link add "$vt" type vgate && sessions "" "$vt" 500 1000000
}

del_a() {
	ip netns del "$A" && vgate_wait 120 bash -c "! ip link show dev $peer"
}

vgate_devs() {
	ip ${1:+-n "$1"} -j -d link show |
		jq -r '.[] | select(.linkinfo.info_kind == "vgate") | .ifname'
}

vgate_check "netns A: 2 templates, 2,000 access devices, 4,000 SAs" setup_a
vgate_check "netns B and init_net: 500 sessions each" setup_b
vgate_check "delete netns A and wait for its cleanup" del_a
vgate_check "B still has its 500 sessions" \
	kmod_out_has "n_sa=1000 n_access=500 " kmod_nl "$B" net-get
vgate_check "rmmod vgate with sessions in B and init_net" modprobe -r vgate
vgate_check "B has no vgate device left" kmod_out_is "" vgate_devs "$B"
vgate_check "init_net has no vgate device left" kmod_out_is "" vgate_devs
vgate_check "the module is gone" bash -c '! test -e /sys/module/vgate'
vgate_check "reload: B has no SA and no access device" \
	bash -c "modprobe vgate && ip netns exec $B $VGATE_NL net-get |
		grep -q ' n_sa=0 n_access=0 '"
vgate_check "no kernel warning" kmod_dmesg_clean

ktap_finished
