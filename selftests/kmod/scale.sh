#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Copyright (C) 2026 The vgate authors
#
# Scale: 10,000 access devices, each with an inbound and an outbound SA,
# created through one netlink socket (vgate_nl batch); creation time and
# memory use are printed as KTAP diagnostics.  Then dumps of all of them,
# deletion of the template (which takes everything along) and rmmod.
# VGATE_SCALE_N changes the number of sessions.

# shellcheck source=selftests/lib/common.sh
. "$(dirname "$0")/../lib/common.sh"
# shellcheck source=selftests/kmod/kmod.lib
. "$(dirname "$0")/kmod.lib"

S=$KMOD_NS-z
n=${VGATE_SCALE_N:-10000}
gcm=$(kmod_key gcm128)
cmds=$VGATE_TMP/cmds

ktap_print_header
ktap_set_plan 9
kmod_dmesg_mark

modprobe vgate || ktap_exit_fail_msg "cannot load vgate.ko"
kmod_netns_add "$S" || ktap_exit_fail_msg "cannot create netns $S"
ip -n "$S" link add vt1 type vgate || ktap_exit_fail_msg "cannot add vt1"
vt1=$(kmod_ifindex "$S" vt1)

# session i: inbound SPI 0x10000000 + i, outbound 0x20000000 + i
awk -v n="$n" -v t="$vt1" -v k="$gcm" 'BEGIN {
	for (i = 1; i <= n; i++) {
		printf "access-new template=%d\n", t
		printf "sa-new access=last dir=in spi=%d enc=gcm key=%s local=192.0.2.1 peer=198.51.100.%d prefix=10.%d.%d.0/24\n", 268435456 + i, k, i % 250 + 1, int(i / 256) % 256, i % 256
		printf "sa-new access=last dir=out spi=%d enc=gcm key=%s local=192.0.2.1 peer=198.51.100.%d\n", 536870912 + i, k, i % 250 + 1
	}
}' >"$cmds"

sync
echo 3 >/proc/sys/vm/drop_caches
mem0=$(kmod_meminfo MemAvailable)
slab0=$(kmod_meminfo Slab)
t0=$(date +%s.%N)
vgate_check "create $n access devices with an SA pair each (one socket)" \
	kmod_out_is "ok=$((3 * n)) failed=0" \
	ip netns exec "$S" "$VGATE_NL" batch -q <"$cmds"
t1=$(date +%s.%N)
sync
echo 3 >/proc/sys/vm/drop_caches
mem1=$(kmod_meminfo MemAvailable)
slab1=$(kmod_meminfo Slab)
awk -v n="$n" -v t0="$t0" -v t1="$t1" -v m0="$mem0" -v m1="$mem1" \
	-v s0="$slab0" -v s1="$slab1" 'BEGIN {
	printf "# scale: %d sessions (%d devices, %d SAs) in %.1f s, %.0f sessions/s (TCG guest)\n",
		n, n, 2 * n, t1 - t0, n / (t1 - t0)
	printf "# scale: MemAvailable -%.1f MiB (%.1f KiB per session), Slab +%.1f MiB\n",
		(m0 - m1) / 1024, (m0 - m1) / n, (s1 - s0) / 1024
}'

vgate_check "NET_GET counts $n access devices and $((2 * n)) SAs" \
	kmod_out_has "^max_sa=262144 n_sa=$((2 * n)) n_access=$n unknown_spi=0$" \
	kmod_nl "$S" net-get
vgate_check "the template counts them (n_access=$n)" \
	kmod_out_has "n_access=$n$" kmod_nl "$S" template-get ifname=vt1
vgate_check "ACCESS_GET dump returns all $n, each once" \
	kmod_out_is "$n $n" bash -c "ip netns exec $S $VGATE_NL -d access-get |
		awk '{ print \$2 }' | sort | uniq | wc -l | tr '\n' ' ';
		ip netns exec $S $VGATE_NL -d access-get | wc -l"
vgate_check "SA_GET dump returns all $((2 * n)), each once, no key" \
	kmod_out_is "$((2 * n)) 0" bash -c "out=\$(ip netns exec $S $VGATE_NL -d sa-get) &&
		echo \$(awk '{ print \$3 }' <<<\"\$out\" | sort -u | wc -l) \
			\$(grep -c KEY-LEAK <<<\"\$out\")"
t0=$(date +%s.%N)
vgate_check "delete the template: every access device and SA goes" \
	bash -c "ip -n $S link del dev vt1 &&
		ip netns exec $S $VGATE_NL net-get | grep -q ' n_sa=0 n_access=0 '"
t1=$(date +%s.%N)
awk -v t0="$t0" -v t1="$t1" 'BEGIN { printf "# scale: deletion took %.1f s\n", t1 - t0 }'
vgate_check "no vgate device is left in the netns" \
	kmod_out_is "" bash -c "ip -n $S -j -d link show |
		jq -r '.[] | select(.linkinfo.info_kind == \"vgate\") | .ifname'"
vgate_check "rmmod vgate" modprobe -r vgate
vgate_check "no kernel warning" kmod_dmesg_clean

ktap_finished
