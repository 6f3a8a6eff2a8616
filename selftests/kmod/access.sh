#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Copyright (C) 2026 The vgate authors
#
# Access devices: ACCESS_NEW clones va<N> from a template (name, MTU,
# kind, limits), ACCESS_GET reads them (do and dump), and every way of
# deleting one (ACCESS_DEL with a reason, ip link del, the template's
# deletion) sends ACCESS_DEL_NTF with the reason.  ACCESS_NEW no_ipv6
# makes one whose IPv6 stays off until its disable_ipv6 sysctl says so.

# shellcheck source=selftests/lib/common.sh
. "$(dirname "$0")/../lib/common.sh"
# shellcheck source=selftests/kmod/kmod.lib
. "$(dirname "$0")/kmod.lib"

N=$KMOD_NS-a
M=$KMOD_NS-b
ntf=$VGATE_TMP/ntf

ktap_print_header
ktap_set_plan 33
kmod_dmesg_mark

modprobe vgate || ktap_exit_fail_msg "cannot load vgate.ko"
kmod_netns_add "$N" || ktap_exit_fail_msg "cannot create netns $N"
kmod_netns_add "$M" || ktap_exit_fail_msg "cannot create netns $M"
if ! { ip -n "$N" link add vt1 type vgate &&
	ip -n "$N" link set vt1 mtu 1300 &&
	ip -n "$N" link add vt2 type vgate; }; then
	ktap_exit_fail_msg "cannot add templates"
fi
vt1=$(kmod_ifindex "$N" vt1)
vt2=$(kmod_ifindex "$N" vt2)
lo=$(kmod_ifindex "$N" lo)
kmod_monitor_start "$N" "$ntf" || ktap_exit_fail_msg "no monitor"

if kmod_fmt_extack; then
	msg_limit="vgate: template vt2 reached its max-access limit (1)"
	msg_notmpl="vgate: no vgate template with ifindex 4242"
	msg_lo="vgate: device lo (ifindex $lo) is not a vgate template"
	msg_noacc="vgate: no vgate access device with ifindex 4242"
	msg_tmplacc="vgate: device vt1 (ifindex $vt1) is not a vgate access device"
else
	msg_limit="vgate: the template reached its max-access limit"
	msg_notmpl="vgate: no vgate template with this ifindex"
	msg_lo="vgate: device is not a vgate template"
	msg_noacc="vgate: no vgate access device with this ifindex"
	msg_tmplacc="vgate: device is not a vgate access device"
fi

# new_line NAME TEMPLATE: the reply/dump line of a fresh access device
acc_line() {
	echo "ifindex=$(kmod_ifindex "$N" "$1") ifname=$1 template=$2 n_sa=0"
}

vgate_check "ACCESS_NEW from vt1 makes va0" \
	kmod_out_has "^ifindex=[0-9]+ ifname=va0 template=$vt1 n_sa=0$" \
	kmod_nl "$N" access-new "template=$vt1"
vgate_check "the next one is va1" \
	kmod_out_has "ifname=va1 " kmod_nl "$N" access-new "template=$vt1"
skip_va2() {
	ip -n "$N" link add va2 type dummy &&
		kmod_out_has "ifname=va3 " kmod_nl "$N" access-new "template=$vt1"
}
vgate_check "a name in use is skipped: va2 exists, the next is va3" skip_va2
vgate_check "ip -d link: kind vgate, link/none, POINTOPOINT,NOARP, the template's mtu 1300" \
	bash -c "ip -n $N -j -d link show dev va0 | jq -e '.[0] |
		.linkinfo.info_kind == \"vgate\" and .link_type == \"none\" and
		(.flags | index(\"POINTOPOINT\") != null) and .mtu == 1300'"
vgate_check "ACCESS_GET by ifindex" \
	kmod_out_is "$(acc_line va1 "$vt1")" \
	kmod_nl "$N" access-get "ifindex=$(kmod_ifindex "$N" va1)"
vgate_check "the template counts its access devices (n_access=3)" \
	kmod_out_has "ifname=vt1 mtu=1300 max_access=65536 n_access=3$" \
	kmod_nl "$N" template-get ifname=vt1
vgate_check "TEMPLATE_SET max_access=1 on vt2" \
	kmod_nl "$N" template-set "ifindex=$vt2" max_access=1
vgate_check "vt2 clones one access device" \
	kmod_out_has "ifname=va4 template=$vt2" \
	kmod_nl "$N" access-new "template=$vt2"
vgate_check "a second one is refused: max-access reached" \
	kmod_nl_error "$N" 28 "bad_attr_off=24" "$msg_limit" \
	access-new "template=$vt2"
vgate_check "dump: every access device, in creation order" \
	kmod_out_is "$(acc_line va0 "$vt1"; acc_line va1 "$vt1"
		acc_line va3 "$vt1"; acc_line va4 "$vt2")" \
	kmod_nl "$N" -d access-get
vgate_check "dump of one template's access devices" \
	kmod_out_is "$(acc_line va4 "$vt2")" \
	kmod_nl "$N" -d access-get "template=$vt2"
vgate_check "netns B sees none of them" \
	kmod_out_is "" kmod_nl "$M" -d access-get
vgate_check "ACCESS_DEL va0 (default reason userspace)" \
	kmod_nl "$N" access-del "ifindex=$(kmod_ifindex "$N" va0)"
vgate_check "ACCESS_DEL_NTF for va0, reason 0 (userspace)" \
	kmod_ntf_seen "$ntf" "^ACCESS_DEL_NTF ifindex=[0-9]+ ifname=va0 template=$vt1 n_sa=0 reason=0$"
vgate_check "ACCESS_DEL va1 with reason 3 (teardown)" \
	kmod_nl "$N" access-del "ifindex=$(kmod_ifindex "$N" va1)" reason=3
vgate_check "ACCESS_DEL_NTF for va1, reason 3" \
	kmod_ntf_seen "$ntf" "^ACCESS_DEL_NTF .*ifname=va1 .*reason=3$"
vgate_check "ip link del va3" ip -n "$N" link del dev va3
vgate_check "ACCESS_DEL_NTF for va3, reason 0 (userspace)" \
	kmod_ntf_seen "$ntf" "^ACCESS_DEL_NTF .*ifname=va3 .*reason=0$"
vgate_check "ip link del vt2 takes va4 along" \
	bash -c "ip -n $N link del dev vt2 && ! ip -n $N link show dev va4 2>/dev/null"
vgate_check "ACCESS_DEL_NTF for va4, reason 1 (template)" \
	kmod_ntf_seen "$ntf" "^ACCESS_DEL_NTF .*ifname=va4 template=$vt2 .*reason=1$"
vgate_check "numbers are reused: the next one is va0 again" \
	kmod_out_has "ifname=va0 " kmod_nl "$N" access-new "template=$vt1"
vgate_check "an access device cannot move to another netns" \
	kmod_fails ip -n "$N" link set dev va0 netns "$M"
vgate_check "error: no such template" \
	kmod_nl_error "$N" 19 bad_attr_off=24 "$msg_notmpl" \
	access-new template=4242
vgate_check "error: lo is not a template" \
	kmod_nl_error "$N" 22 bad_attr_off=24 "$msg_lo" access-new "template=$lo"
vgate_check "error: no such access device" \
	kmod_nl_error "$N" 19 bad_attr_off=24 "$msg_noacc" \
	access-del ifindex=4242
vgate_check "error: a template is not an access device" \
	kmod_nl_error "$N" 22 bad_attr_off=24 "$msg_tmplacc" \
	access-get "ifindex=$vt1"
vgate_check "error: ACCESS_NEW without its nest" \
	kmod_nl_error "$N" 22 "missing_type=2" \
	"vgate: missing VGATE_A_ACCESS nest with the template" access-new
# ipv6_off DEV: its net.ipv6.conf.DEV.disable_ipv6 is 1
ipv6_off() {
	[ "$(ip netns exec "$N" cat "/proc/sys/net/ipv6/conf/$1/disable_ipv6")" = 1 ]
}
# ipv6_none DEV: it has no IPv6 address and no IPv6 route, in any table
ipv6_none() {
	[ -z "$(ip -n "$N" -6 addr show dev "$1")" ] &&
		[ -z "$(ip -n "$N" -6 route show table all dev "$1")" ]
}
# link_local DEV: it has an IPv6 link-local address
link_local() {
	ip -n "$N" -6 addr show dev "$1" scope link | grep -q 'inet6 fe80:'
}
no_ipv6_dev() {
	local out dev
	out=$(kmod_nl "$N" access-new "template=$vt1" no_ipv6) || return 1
	dev=$(sed -n 's/.* ifname=\(va[0-9]*\) .*/\1/p' <<<"$out")
	echo "$dev" >"$VGATE_TMP/no_ipv6_dev"
	ipv6_off "$dev" && ip -n "$N" link set "$dev" up && sleep 1 &&
		ipv6_none "$dev"
}
vgate_check "ACCESS_NEW no_ipv6: disable_ipv6 is 1; up, it has no IPv6 address or route" \
	no_ipv6_dev
vgate_check "without no_ipv6 the device has IPv6: up, it gets a link-local address" \
	eval '! ipv6_off va0 && ip -n "$N" link set va0 up &&
	      vgate_wait 10 link_local va0'
vgate_check "the sysctl turns IPv6 on later: a link-local address appears" \
	eval 'dev=$(cat "$VGATE_TMP/no_ipv6_dev") &&
	      ip netns exec "$N" sysctl -qw "net.ipv6.conf.$dev.disable_ipv6=0" &&
	      vgate_wait 10 link_local "$dev"'
# nobody ARGS...: vgate_nl ARGS in netns N without any privilege
nobody() {
	ip netns exec "$N" setpriv --reuid=nobody --regid=nogroup \
		--clear-groups --inh-caps=-all --bounding-set=-all \
		"$VGATE_NL" "$@"
}
nobody_eperm() {
	local out
	out=$(nobody "$@")
	[[ $out == "error=-1 "* ]] || { echo "got: $out"; return 1; }
}
vgate_check "unprivileged: ACCESS_NEW is refused (EPERM)" \
	nobody_eperm access-new "template=$vt1"
vgate_check "unprivileged: ACCESS_GET is allowed" \
	kmod_out_has "ifname=va0 " nobody -d access-get
vgate_check "no kernel warning" kmod_dmesg_clean

ktap_finished
