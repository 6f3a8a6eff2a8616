#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Copyright (C) 2026 The vgate authors
#
# vgatectl's kernel commands against the module, as vgatectl(8) describes
# them: template show/set, access add/show/del, sa add/show/swap/del
# (raw and UDP), net show/set and monitor, text and JSON, with the
# kernel's refusals printed as "vgatectl: kernel: ..." and exit status 1,
# usage errors with exit status 2.

# shellcheck source=selftests/lib/common.sh
. "$(dirname "$0")/../lib/common.sh"
# shellcheck source=selftests/kmod/kmod.lib
. "$(dirname "$0")/kmod.lib"
# shellcheck source=selftests/kmod/dp.lib
. "$(dirname "$0")/dp.lib"

V=$DP_V
MON=$VGATE_TMP/monitor
KEY=0x00112233445566778899aabbccddeeff01020304
SA=(enc aes-gcm-128 key "$KEY" local 10.0.0.2 peer 10.0.0.1)

ktap_print_header
ktap_set_plan 24
kmod_dmesg_mark

# exits N CMD...: CMD exits with status N; its stderr is kept in $ERR.
ERR=$VGATE_TMP/stderr
exits() {
	local want=$1 rc=0
	shift
	"$@" >/dev/null 2>"$ERR" || rc=$?
	[ "$rc" = "$want" ] && return 0
	echo "exit $rc, want $want: $*"
	cat "$ERR"
	return 1
}

# refused PATTERN CMD...: the kernel refuses CMD: exit 1 and a
# "vgatectl: kernel: " line matching PATTERN.
refused() {
	local pat=$1
	shift
	exits 1 "$@" && grep -qE "^vgatectl: kernel: .*$pat" "$ERR" && return 0
	echo "stderr does not match /vgatectl: kernel: .*$pat/:"
	cat "$ERR"
	return 1
}

setup() {
	modprobe vgate && kmod_netns_add "$V" &&
	ip -n "$V" link add vv type dummy && ip -n "$V" link set vv up &&
	ip -n "$V" addr add 10.0.0.2/24 dev vv &&
	ip -n "$V" link add vt1 type vgate
}

# jqv FILTER CMD...: CMD's JSON output satisfies FILTER.
jqv() {
	local filter=$1
	shift
	"$@" | jq -e "$filter" >/dev/null && return 0
	echo "not /$filter/:"
	"$@"
	return 1
}

template_set() {
	vctl template set vt1 max-access 2 unnumbered lo &&
	kmod_out_is "vt1: mtu 1400 max-access 2 access 0 unnumbered lo" \
		vctl template show vt1 &&
	jqv '.[0] | .max_access == 2 and .unnumbered == "lo"' vctl -j template show
}

template_unset() {
	vctl template set vt1 unnumbered none &&
	jqv '.[0] | has("unnumbered") | not' vctl -j template show vt1
}

sa_pair() {
	vctl sa add dev "$A1" dir in spi 0x1001 "${SA[@]}" prefix 10.99.0.0/24 &&
	vctl sa add dev "$A1" dir out spi 0x2001 "${SA[@]}"
}

no_key_shown() {
	! vctl sa show | grep -qi 00112233 && ! vctl -j sa show | grep -qi 00112233
}

udp_pair() {
	vctl sa add dev "$A2" dir in spi 0x1002 "${SA[@]}" encap udp &&
	vctl sa add dev "$A2" dir out spi 0x2002 "${SA[@]}" encap udp dport 4501 &&
	jqv 'all(.[]; .encap == "udp" and .local_port == 4500) and
		(.[] | select(.dir == "out") | .peer_port == 4501)' \
		vctl -j sa show dev "$A2" &&
	ip netns exec "$V" ss -Huan 'sport = :4500' | grep -q .
}

max_sa() {
	vctl net set max-sa 4 &&
	kmod_out_is "max-sa 4 sa 4 access 2 unknown-spi 0" vctl net show &&
	refused "" vctl sa add dev "$A1" dir in spi 0x1003 "${SA[@]}" &&
	vctl net set max-sa 262144
}

access_del() {
	vctl access del "$A2" reason teardown &&
	jqv '.sa == 2 and .access == 1' vctl -j net show &&
	vgate_wait 5 grep -qE "\"access-del\",\"dev\":\"$A2\",\"ifindex\":[0-9]+,\"reason\":\"teardown\"" "$MON"
}

dp_step "netns with template vt1" setup
vgate_check "template show: defaults" \
	kmod_out_is "vt1: mtu 1400 max-access 65536 access 0" vctl template show vt1
vgate_check "template set max-access 2 unnumbered lo, shown in text and JSON" template_set
vgate_check "template set unnumbered none clears it" template_unset
vgate_check "template set without a change is a usage error" \
	exits 2 vctl template set vt1
dp_step "monitor receives (a throw-away access device's deletion)" \
	dp_monitor_start "$MON"
A1=$(vctl access add template vt1)
vgate_check "access add prints the new device's name" \
	bash -c "[[ '$A1' =~ ^va[0-9]+$ ]] && ip -n $V link show dev '$A1'"
A2=$(vctl -j access add template vt1 ipv6 off | jq -r 'select(.ifindex > 0) | .name')
# disable_ipv6 DEV: its net.ipv6.conf.DEV.disable_ipv6 (1: IPv6 off)
disable_ipv6() {
	ip netns exec "$V" cat "/proc/sys/net/ipv6/conf/$1/disable_ipv6"
}
vgate_check "access add -j ... ipv6 off: name and ifindex, IPv6 off on it (ipv6 on: usage error)" \
	eval '[[ $A2 =~ ^va[0-9]+$ ]] && [ "$A2" != "$A1" ] &&
	      [ "$(disable_ipv6 "$A2")" = 1 ] && [ "$(disable_ipv6 "$A1")" = 0 ] &&
	      exits 2 vctl access add template vt1 ipv6 on'
vgate_check "a third access device exceeds max-access 2" \
	refused "" vctl access add template vt1
vgate_check "access show template vt1: both, no SA, counters" \
	jqv "map(.name) == [\"$A1\", \"$A2\"] and
		all(.[]; .template == \"vt1\" and .sa == 0 and .stats.rx_packets == 0)" \
	vctl -j access show template vt1
vgate_check "sa add: a usage error (no key) exits 2 before asking the kernel" \
	exits 2 vctl sa add dev "$A1" dir in spi 0x1001 enc aes-gcm-128 \
		local 10.0.0.2 peer 10.0.0.1
vgate_check "sa add on a device that is not an access device: kernel refuses" \
	refused "" vctl sa add dev vt1 dir in spi 0x1001 "${SA[@]}"
vgate_check "sa add in and out (raw ESP)" sa_pair
vgate_check "the same inbound SPI twice is refused" \
	refused "" vctl sa add dev "$A2" dir in spi 0x1001 "${SA[@]}"
vgate_check "sa show -j: both SAs, the outbound one active" \
	jqv 'length == 2 and (.[] | select(.dir == "out") | .active and .spi == 8193) and
		(.[] | select(.dir == "in") | .prefixes == ["10.99.0.0/24"] and
			.enc == "aes-gcm-128" and .enc_key_bits == 128 and
			.local == "10.0.0.2" and (.active | not))' \
	vctl -j sa show dev "$A1"
vgate_check "sa show names the algorithm as sa add takes it (key size included)" \
	kmod_out_has "^$A1 dir in spi 0x00001001 enc aes-gcm-128 replay-window 128$" \
	vctl sa show dev "$A1"
vgate_check "sa show never prints a key" no_key_shown
vgate_check "access show: out-spi of the active SA" \
	kmod_out_has "^$A1: template vt1 sa 2 out-spi 0x00002001$" vctl access show "$A1"
vgate_check "encap udp: two SAs share local port 4500, held after vgatectl exits" udp_pair
vgate_check "sa swap to an inbound SPI is refused" \
	refused "outbound" vctl sa swap dev "$A1" spi 0x1001
# 6.1 has no formatted extack messages: the module's constant fallback
unknown_sa="no inbound SA with this SPI"
kmod_fmt_extack && unknown_sa="no inbound SA with SPI 0x00009999"
vgate_check "sa del of an unknown SA is refused with the kernel's reason" \
	refused "$unknown_sa" vctl sa del dev "$A1" dir in spi 0x9999
vgate_check "net set max-sa 4 (4 SAs held): the fifth is refused" max_sa
vgate_check "access del reason teardown: its SAs go, monitor prints it" access_del
vgate_check "no kernel warning" kmod_dmesg_clean
ktap_finished
