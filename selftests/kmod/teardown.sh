#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Copyright (C) 2026 The vgate authors
#
# Teardown with templates present: deleting a netns (one, then a batch)
# takes its templates along, rmmod removes the templates of every netns,
# and neither leaves a warning or a leak behind.

# shellcheck source=selftests/lib/common.sh
. "$(dirname "$0")/../lib/common.sh"
# shellcheck source=selftests/kmod/kmod.lib
. "$(dirname "$0")/kmod.lib"

A=$KMOD_NS-a
B=$KMOD_NS-b
vt=vgt$$
peer=vgp$$
nbatch=6

ktap_print_header
ktap_set_plan 11
kmod_dmesg_mark
vgate_defer "ip link del $vt"
vgate_defer "ip link del $peer"

modprobe vgate || ktap_exit_fail_msg "cannot load vgate.ko"
kmod_netns_add "$A" || ktap_exit_fail_msg "cannot create netns $A"
kmod_netns_add "$B" || ktap_exit_fail_msg "cannot create netns $B"

# vgate_devs [NETNS]: the vgate devices of NETNS (default init_net), one
# name a line
vgate_devs() {
	ip ${1:+-n "$1"} -j -d link show |
		jq -r '.[] | select(.linkinfo.info_kind == "vgate") | .ifname'
}

setup() {
	local i

	for i in 1 2 3; do
		ip -n "$A" link add "vt$i" type vgate || return 1
	done
	ip -n "$B" link add vt1 type vgate &&
		ip -n "$B" link add vt2 type vgate &&
		ip link add "$vt" type vgate &&
		# a veth pair across A and init_net: its init_net end vanishes
		# once A's devices have been dismantled
		ip link add "$peer" type veth peer name vgq$$ netns "$A"
}

# netns cleanup is asynchronous: wait for the veth end in init_net to go
del_a() {
	ip netns del "$A" && vgate_wait 20 bash -c "! ip link show dev $peer"
}

batch() {
	local i

	for i in $(seq "$nbatch"); do
		ip netns add "$KMOD_NS-n$i" &&
			ip -n "$KMOD_NS-n$i" link add x1 type vgate &&
			ip -n "$KMOD_NS-n$i" link add x2 type vgate || return 1
	done
	for i in $(seq "$nbatch"); do
		ip netns del "$KMOD_NS-n$i" &
	done
	wait
	! ip netns list | grep -q "$KMOD_NS-n"
}

reload_empty() {
	local out

	modprobe vgate && out=$(kmod_nl "$B" -d) && [ -z "$out" ]
}

vgate_check "three templates in A, two in B, one in init_net" setup
vgate_check "delete netns A and wait for its cleanup" del_a
vgate_check "A's templates died with it (not refunded to init_net)" \
	kmod_out_is "$vt" vgate_devs
vgate_check "B keeps its templates" kmod_out_is "vt1
vt2" vgate_devs "$B"
vgate_check "delete $nbatch netns with two templates each at once" batch
vgate_check "rmmod vgate with templates in B and init_net" modprobe -r vgate
vgate_check "B has no vgate device left" kmod_out_is "" vgate_devs "$B"
vgate_check "init_net has no vgate device left" kmod_out_is "" vgate_devs
vgate_check "the module is gone" bash -c '! test -e /sys/module/vgate'
vgate_check "reload: the dump in B is empty" reload_empty
vgate_check "no kernel warning" kmod_dmesg_clean

ktap_finished
