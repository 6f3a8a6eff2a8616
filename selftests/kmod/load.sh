#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Copyright (C) 2026 The vgate authors
#
# vgate.ko loads and unloads cleanly, registers the genl family "vgate"
# and the rtnl link kind "vgate", and both autoload the module.

# shellcheck source=selftests/lib/common.sh
. "$(dirname "$0")/../lib/common.sh"
# shellcheck source=selftests/kmod/kmod.lib
. "$(dirname "$0")/kmod.lib"

vt=vgl$$

ktap_print_header
ktap_set_plan 12
kmod_dmesg_mark
vgate_defer "ip link del $vt"

# start from an unloaded module
modprobe -r vgate 2>/dev/null

vgate_check "modprobe vgate" modprobe vgate
vgate_check "module is live" \
	kmod_out_is live cat /sys/module/vgate/initstate
vgate_check "genl ctrl get name vgate resolves the family" \
	kmod_out_has '^Name: vgate$' genl ctrl get name vgate
vgate_check "family is version 1 with TEMPLATE_GET (cmd 1)" \
	bash -c 'out=$(genl ctrl get name vgate) &&
		grep -q "Version: 0x1 " <<<"$out" &&
		grep -q "#1:  ID-0x1 " <<<"$out"'
vgate_check "module carries the rtnl link and genl family aliases" \
	bash -c 'a=$(modinfo -F alias vgate) &&
		grep -qx rtnl-link-vgate <<<"$a" &&
		grep -qx "net-pf-16-proto-16-family-vgate" <<<"$a"'
vgate_check "rmmod vgate" modprobe -r vgate
vgate_check "module and family are gone after rmmod" \
	bash -c '! test -e /sys/module/vgate &&
		! genl ctrl list | grep -q "^Name: vgate$"'
vgate_check "ip link add type vgate autoloads the module" \
	ip link add "$vt" type vgate
vgate_check "the device is of kind vgate" \
	kmod_out_is vgate bash -c "ip -j -d link show dev $vt |
		jq -r '.[0].linkinfo.info_kind'"
vgate_check "rmmod with a template present removes it" \
	bash -c "modprobe -r vgate && ! ip link show dev $vt"
vgate_check "genl ctrl get name vgate autoloads the module" \
	bash -c 'genl ctrl get name vgate >/dev/null &&
		test -e /sys/module/vgate'
vgate_check "no kernel warning" kmod_dmesg_clean

ktap_finished
