#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Copyright (C) 2026 The vgate authors
#
# Bad VGATE_CMD_TEMPLATE_GET requests are refused, each with the extack
# message that says why; a read needs no privilege, a change does.
# (access.sh and sa.sh check the refusals of the other commands.)
#
# Request layout (vgate_nl): nlmsghdr (16) + genlmsghdr (4), then the
# VGATE_A_TEMPLATE nest at offset 20 with its first attribute at 24.

# shellcheck source=selftests/lib/common.sh
. "$(dirname "$0")/../lib/common.sh"
# shellcheck source=selftests/kmod/kmod.lib
. "$(dirname "$0")/kmod.lib"

N=$KMOD_NS-e

ktap_print_header
ktap_set_plan 19
kmod_dmesg_mark

modprobe vgate || ktap_exit_fail_msg "cannot load vgate.ko"
kmod_netns_add "$N" || ktap_exit_fail_msg "cannot create netns $N"
ip -n "$N" link add vt1 type vgate || ktap_exit_fail_msg "cannot add vt1"
ip -n "$N" link add dummy0 type dummy || ktap_exit_fail_msg "cannot add dummy0"
vt1=$(kmod_ifindex "$N" vt1)
lo=$(kmod_ifindex "$N" lo)
dummy=$(kmod_ifindex "$N" dummy0)

if kmod_fmt_extack; then
	msg_ifindex="vgate: no vgate template with ifindex 4242"
	msg_ifname='vgate: no vgate template named "nope"'
	msg_lo="vgate: device lo (ifindex $lo) is not a vgate template"
	msg_dummy="vgate: device dummy0 (ifindex $dummy) is not a vgate template"
else
	msg_ifindex="vgate: no vgate template with this ifindex"
	msg_ifname="vgate: no vgate template with this name"
	msg_lo="vgate: device is not a vgate template"
	msg_dummy=$msg_lo
fi
ok_line="ifindex=$vt1 ifname=vt1 mtu=1400 max_access=65536 n_access=0"

vgate_check "well-formed request by ifindex succeeds" \
	kmod_out_is "$ok_line" kmod_nl "$N" "tmpl.ifindex:u32=$vt1"
vgate_check "missing template nest" \
	kmod_nl_error "$N" 22 "missing_type=1" \
	"vgate: missing template selector: give a VGATE_A_TEMPLATE nest with an ifindex or an ifname"
vgate_check "empty template nest (no ifindex, no ifname)" \
	kmod_nl_error "$N" 22 "missing_type=1" \
	"vgate: missing template selector: the VGATE_A_TEMPLATE nest needs an ifindex or an ifname" \
	tmpl
vgate_check "no template with that ifindex" \
	kmod_nl_error "$N" 19 "bad_attr_off=24" "$msg_ifindex" \
	tmpl.ifindex:u32=4242
vgate_check "no template with that name" \
	kmod_nl_error "$N" 19 "bad_attr_off=24" "$msg_ifname" \
	tmpl.ifname:str=nope
vgate_check "device lo is not a vgate template" \
	kmod_nl_error "$N" 22 "bad_attr_off=24" "$msg_lo" \
	"tmpl.ifindex:u32=$lo"
vgate_check "device dummy0 (by name) is not a vgate template" \
	kmod_nl_error "$N" 22 "bad_attr_off=24" "$msg_dummy" \
	tmpl.ifname:str=dummy0
vgate_check "unknown attribute inside the template nest" \
	kmod_nl_error "$N" 22 "bad_attr_off=32" "Unknown attribute type" \
	"tmpl.ifindex:u32=$vt1" tmpl.99:u32=1
vgate_check "unknown top-level attribute" \
	kmod_nl_error "$N" 22 "bad_attr_off=20" "Unknown attribute type" \
	top.99:u32=1 "tmpl.ifindex:u32=$vt1"
vgate_check "read-only attribute (mtu) in a request" \
	kmod_nl_error "$N" 22 "bad_attr_off=32" "Unsupported attribute" \
	"tmpl.ifindex:u32=$vt1" tmpl.mtu:u32=1300
vgate_check "wrong type: ifindex as u8" \
	kmod_nl_error "$N" 22 "bad_attr_off=24" "invalid attribute length" \
	tmpl.ifindex:u8=1
vgate_check "wrong type: ifname without its NUL" \
	kmod_nl_error "$N" 22 "bad_attr_off=24" \
	"Attribute failed policy validation" tmpl.ifname:nstr=vt1
vgate_check "ifname longer than IFNAMSIZ - 1" \
	kmod_nl_error "$N" 22 "bad_attr_off=24" \
	"Attribute failed policy validation" \
	tmpl.ifname:str=a-name-too-long-for-linux
vgate_check "ifindex 0 is out of range" \
	kmod_nl_error "$N" 34 "bad_attr_off=24" "integer out of range" \
	tmpl.ifindex:u32=0
vgate_check "dump with a bad attribute is refused too" \
	kmod_nl_error "$N" 22 "bad_attr_off=20" "Unknown attribute type" \
	-d top.99:u32=1
vgate_check "an unprivileged user may read templates" \
	kmod_out_is "$ok_line" ip netns exec "$N" \
	setpriv --reuid=nobody --regid=nogroup --clear-groups \
	--inh-caps=-all --bounding-set=-all "$VGATE_NL" -d
vgate_check "another command's top-level attribute (VGATE_A_ACCESS)" \
	kmod_nl_error "$N" 22 "bad_attr_off=20" "Unsupported attribute" \
	top.access:u32=1 "tmpl.ifindex:u32=$vt1"
# nobody_eperm ARGS...: vgate_nl ARGS without privilege is refused, EPERM
nobody_eperm() {
	local out rc=0

	out=$(ip netns exec "$N" setpriv --reuid=nobody --regid=nogroup \
		--clear-groups --inh-caps=-all --bounding-set=-all \
		"$VGATE_NL" "$@" 2>&1) || rc=$?
	[ "$rc" = 1 ] && [ "$out" = "error=-1 msg=" ] && return 0
	echo "exit $rc: $out"
	return 1
}
vgate_check "an unprivileged user may not change a template (EPERM)" \
	nobody_eperm -c template-set "tmpl.ifindex:u32=$vt1" \
	tmpl.max_access:u32=5
vgate_check "no kernel warning" kmod_dmesg_clean

ktap_finished
