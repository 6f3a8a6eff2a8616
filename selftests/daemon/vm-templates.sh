#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Guest suite (selftests/vm/run.sh): vgatectl template show reads the
# kernel's templates over generic netlink and agrees with ip link; the
# kernel's extack text reaches the user; a missing module is named as
# such.  Everything happens in a fresh netns.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/lib/helpers.sh"

ktap_print_header
ktap_set_plan 9

ns=vgd$$

check_module_missing() {
	local out rc=0
	out=$("$VGATECTL" template show 2>&1) || rc=$?
	expect_eq 1 "$rc" &&
		expect_eq "vgatectl: vgate kernel module not loaded (generic netlink family vgate not found)" "$out"
}
# The genl core autoloads vgate.ko by its family alias; switch the
# kernel's module loader off while checking the unloaded case.
modprobe_helper=$(cat /proc/sys/kernel/modprobe)
vgate_defer "echo $modprobe_helper >/proc/sys/kernel/modprobe"
if modprobe -r vgate 2>/dev/null && ! grep -q '^vgate ' /proc/modules; then
	echo /bin/true >/proc/sys/kernel/modprobe
	vgate_check "module not loaded is reported clearly" check_module_missing
	echo "$modprobe_helper" >/proc/sys/kernel/modprobe
else
	ktap_test_skip "module not loaded is reported clearly (vgate.ko in use)"
fi

modprobe vgate || ktap_exit_fail_msg "cannot load vgate.ko"
ip netns add "$ns" || ktap_exit_fail_msg "cannot create netns $ns"
vgate_defer "ip netns del $ns"
ip -n "$ns" link set lo up

# in_ns CMD...: run CMD inside the suite's netns.
in_ns() {
	ip netns exec "$ns" "$@"
}

check_empty() {
	expect_eq "" "$(in_ns "$VGATECTL" template show)" &&
		expect_eq "[]" "$(in_ns "$VGATECTL" -j template show | jq -c .)"
}
vgate_check "no templates: empty text and []" check_empty

vgate_check "create vt10 and vt20, set vt20 mtu 1300" bash -c "
	ip -n $ns link add vt10 type vgate &&
	ip -n $ns link add vt20 type vgate &&
	ip -n $ns link set dev vt20 mtu 1300"

# What ip link says, as vgatectl's text lines (fresh templates have no
# access devices and the default limit).
ip_link_lines() {
	in_ns ip -j link show type vgate |
		jq -r '.[] | "\(.ifname): mtu \(.mtu) max-access 65536 access 0"' | sort
}

check_text() {
	local want got
	want=$(ip_link_lines)
	got=$(in_ns "$VGATECTL" template show | sort)
	expect_eq "vt10: mtu 1400 max-access 65536 access 0
vt20: mtu 1300 max-access 65536 access 0" "$got" && expect_eq "$want" "$got"
}
vgate_check "template show matches ip link" check_text

check_json() {
	local want got
	want=$(in_ns ip -j link show type vgate |
		jq -c '[.[] | {name: .ifname, ifindex, mtu}] | sort_by(.name)')
	got=$(in_ns "$VGATECTL" -j template show |
		jq -c '[.[] | {name, ifindex, mtu}] | sort_by(.name)')
	expect_eq "$want" "$got" &&
		expect_eq '[65536,65536]' "$(in_ns "$VGATECTL" -j template show |
			jq -c '[.[].max_access]')"
}
vgate_check "template show -j matches ip -j link" check_json

check_one() {
	expect_eq "vt20: mtu 1300 max-access 65536 access 0" \
		"$(in_ns "$VGATECTL" template show vt20)" &&
		expect_eq '["vt10"]' "$(in_ns "$VGATECTL" -j template show vt10 | jq -c '[.[].name]')"
}
vgate_check "template show NAME reads one template" check_one

check_mtu_change() {
	in_ns ip link set dev vt10 mtu 9000 &&
		expect_eq "vt10: mtu 9000 max-access 65536 access 0" \
			"$(in_ns "$VGATECTL" template show vt10)"
}
vgate_check "mtu change is seen" check_mtu_change

# The kernel's wording differs by version (6.1 cannot format extack).
check_missing() {
	local out rc=0
	out=$(in_ns "$VGATECTL" template show vt9 2>&1) || rc=$?
	expect_eq 1 "$rc" &&
		expect_match '^vgatectl: kernel: (vgate: )?no vgate template (named "vt9"|with this name)$' "$out"
}
vgate_check "missing template: the kernel's extack message" check_missing

check_not_template() {
	local out rc=0
	out=$(in_ns "$VGATECTL" template show lo 2>&1) || rc=$?
	expect_eq 1 "$rc" &&
		expect_match '^vgatectl: kernel: (vgate: )?device (lo \(ifindex 1\) )?is not a vgate template$' "$out"
}
vgate_check "non-template device: the kernel's extack message" check_not_template

ktap_finished
