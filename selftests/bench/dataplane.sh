#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# make bench-dataplane (guest): vgate's ESP data path against the kernel's
# own (xfrm with an xfrm interface), same guest, same run, same topology:
# two netns joined by a veth pair, a tunnel between them, iperf3 through
# it.  For AES-GCM-128 and AES-CBC-128 + HMAC-SHA-256: TCP with 1 and 4
# streams (bits/s received) and 64-byte UDP (packets/s received).  One
# line per case with both figures and the ratio vgate/xfrm.
#
# A benchmark, not a test: a case fails only when it could not measure.
# Under TCG the absolute figures mean little; the ratio is the result.
# To say where the cycles go, each line also gives the guest's CPU split
# during the case (user, system, softirq, idle, from /proc/stat) and, for
# TCP, the sender's retransmissions; VGATE_BENCH_ALGS picks algorithms.
. "$(dirname "$0")/../lib/common.sh"

seconds=${VGATE_BENCH_SECONDS:-8}
vgatectl=$VGATE_BIN/vgatectl
read -r -a algs <<<"${VGATE_BENCH_ALGS:-aes-gcm-128 aes-cbc-128-sha256}"
loads=(tcp-1 tcp-4 udp-64)

# Keys are fixed: the same bytes for both implementations.
gcm_key=0x0102030405060708090a0b0c0d0e0f1011121314
cbc_key=0x0102030405060708090a0b0c0d0e0f10
sha_key=0x2122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f40

topo_up() {
	ip netns add bench-a && ip netns add bench-b &&
	ip link add veth-a netns bench-a type veth peer name veth-b netns bench-b &&
	ip -n bench-a addr add 192.0.2.1/24 dev veth-a &&
	ip -n bench-b addr add 192.0.2.2/24 dev veth-b &&
	ip -n bench-a link set veth-a up && ip -n bench-b link set veth-b up &&
	ip -n bench-a link set lo up && ip -n bench-b link set lo up
}

topo_down() {
	ip netns pids bench-a 2>/dev/null | xargs -r kill 2>/dev/null
	ip netns pids bench-b 2>/dev/null | xargs -r kill 2>/dev/null
	ip netns delete bench-a 2>/dev/null
	ip netns delete bench-b 2>/dev/null
	true
}

# inner addresses: 10.200.0.1 in bench-a, 10.200.0.2 in bench-b
inner() { echo "10.200.0.$1"; }
outer() { echo "192.0.2.$1"; }

# xfrm_side NS SELF PEER ALG: one end of an xfrm-interface tunnel.
xfrm_side() {
	local ns=$1 self=$2 peer=$3 alg=$4 out_spi=$((0x100 + $2)) in_spi=$((0x100 + $3))
	local dir spi src dst
	ip -n "$ns" link add xi0 type xfrm dev "veth-${ns#bench-}" if_id 7 || return 1
	for dir in out in; do
		if [ $dir = out ]; then
			spi=$out_spi src=$(outer "$self") dst=$(outer "$peer")
		else
			spi=$in_spi src=$(outer "$peer") dst=$(outer "$self")
		fi
		case $alg in
		aes-gcm-128)
			ip -n "$ns" xfrm state add src "$src" dst "$dst" proto esp \
				spi "$spi" mode tunnel if_id 7 \
				aead 'rfc4106(gcm(aes))' "$gcm_key" 128 || return 1 ;;
		aes-cbc-128-sha256)
			ip -n "$ns" xfrm state add src "$src" dst "$dst" proto esp \
				spi "$spi" mode tunnel if_id 7 \
				enc 'cbc(aes)' "$cbc_key" \
				auth-trunc 'hmac(sha256)' "$sha_key" 128 || return 1 ;;
		esac
		ip -n "$ns" xfrm policy add dir "$dir" if_id 7 \
			tmpl src "$src" dst "$dst" proto esp mode tunnel || return 1
	done
	ip -n "$ns" xfrm policy add dir fwd if_id 7 \
		tmpl src "$(outer "$peer")" dst "$(outer "$self")" proto esp mode tunnel &&
	ip -n "$ns" link set xi0 mtu 1400 up &&
	ip -n "$ns" addr add "$(inner "$self")/32" dev xi0 &&
	ip -n "$ns" route add "$(inner "$peer")/32" dev xi0
}

# vgate_side NS SELF PEER ALG: one end of a vgate tunnel.
vgate_side() {
	local ns=$1 self=$2 peer=$3 alg=$4 va dir spi crypto
	case $alg in
	aes-gcm-128) crypto=(enc aes-gcm-128 key "$gcm_key") ;;
	aes-cbc-128-sha256)
		crypto=(enc aes-cbc-128 key "$cbc_key" integ hmac-sha256-128 ikey "$sha_key") ;;
	esac
	ip -n "$ns" link add vt1 type vgate || return 1
	va=$(ip netns exec "$ns" "$vgatectl" access add template vt1) || return 1
	for dir in out in; do
		if [ $dir = out ]; then spi=$((0x100 + self)); else spi=$((0x100 + peer)); fi
		ip netns exec "$ns" "$vgatectl" sa add dev "$va" dir "$dir" \
			spi "$(printf '0x%x' "$spi")" "${crypto[@]}" \
			local "$(outer "$self")" peer "$(outer "$peer")" || return 1
	done
	ip -n "$ns" link set "$va" up &&
	ip -n "$ns" addr add "$(inner "$self")/32" dev "$va" &&
	ip -n "$ns" route add "$(inner "$peer")/32" dev "$va"
}

# cpu_ticks: "user system softirq idle" summed over all CPUs, in ticks.
cpu_ticks() {
	awk '/^cpu / { print $2 + $3, $4, $8, $5 + $6 }' /proc/stat
}

# cpu_split BEFORE AFTER: "usr N% sys N% softirq N% idle N%" between them.
cpu_split() {
	awk -v b="$1" -v a="$2" 'BEGIN {
		split(b, x); split(a, y); t = 0
		for (i = 1; i <= 4; i++) { d[i] = y[i] - x[i]; t += d[i] }
		if (t == 0) t = 1
		printf "usr %d%% sys %d%% softirq %d%% idle %d%%",
			100 * d[1] / t, 100 * d[2] / t, 100 * d[3] / t, 100 * d[4] / t
	}'
}

# measure LOAD: print one figure: TCP bits/s or UDP packets/s received;
# the CPU split and TCP retransmissions go to $VGATE_TMP/last-detail.
measure() {
	local load=$1 json before
	ip netns exec bench-b iperf3 -s -1 -B "$(inner 2)" -D -I "$VGATE_TMP/iperf3.pid" || return 1
	# wait for the listener without connecting: the server takes one client
	vgate_wait 5 sh -c "ip netns exec bench-b ss -Hltn 'sport = :5201' | grep -q LISTEN"
	before=$(cpu_ticks)
	case $load in
	tcp-1) json=$(ip netns exec bench-a iperf3 -J -c "$(inner 2)" -t "$seconds") ;;
	tcp-4) json=$(ip netns exec bench-a iperf3 -J -c "$(inner 2)" -t "$seconds" -P 4) ;;
	udp-64) json=$(ip netns exec bench-a iperf3 -J -u -l 64 -b 0 -c "$(inner 2)" -t "$seconds") ;;
	esac || return 1
	{
		cpu_split "$before" "$(cpu_ticks)"
		case $load in
		tcp-*) jq -r '" retransmits \(.end.sum_sent.retransmits)"' <<<"$json" ;;
		*) echo ;;
		esac
	} | tr -d '\n' >"$VGATE_TMP/last-detail"
	case $load in
	tcp-*) jq -e '.end.sum_received.bits_per_second | floor' <<<"$json" ;;
	udp-64) jq -e '.end.sum | ((.packets - .lost_packets) / .seconds) | floor' <<<"$json" ;;
	esac
}

# run_impl IMPL ALG: set the tunnel up with IMPL, measure every load into
# $VGATE_TMP/IMPL-ALG-LOAD.
run_impl() {
	local impl=$1 alg=$2 load
	topo_down
	topo_up || return 1
	"${impl}_side" bench-a 1 2 "$alg" && "${impl}_side" bench-b 2 1 "$alg" || return 1
	ip netns exec bench-a ping -c 2 -W 2 "$(inner 2)" >/dev/null || return 1
	for load in "${loads[@]}"; do
		measure "$load" >"$VGATE_TMP/$impl-$alg-$load" || return 1
		mv "$VGATE_TMP/last-detail" "$VGATE_TMP/$impl-$alg-$load.detail"
	done
	if [ "$impl" = vgate ]; then
		# drops on vgate's receive side, e.g. replays from reordering
		ip netns exec bench-b "$vgatectl" -j sa show |
			jq -r '[.[] | select(.dir == "in") | .stats] |
			       "rx drops: replay \(map(.replay) | add) auth \(map(.auth_fail) | add) rx_drops \(map(.rx_drops) | add)"' \
			>"$VGATE_TMP/vgate-$alg.drops"
	fi
	topo_down
}

ktap_print_header
ktap_set_plan $((${#algs[@]} * ${#loads[@]}))
modprobe vgate
vgate_defer topo_down
echo "# kernel $(uname -r), $(nproc) CPUs, $seconds s per case"
for alg in "${algs[@]}"; do
	run_impl xfrm "$alg" || echo "# xfrm $alg: setup or measurement failed"
	run_impl vgate "$alg" || echo "# vgate $alg: setup or measurement failed"
	for load in "${loads[@]}"; do
		x=$(cat "$VGATE_TMP/xfrm-$alg-$load" 2>/dev/null)
		v=$(cat "$VGATE_TMP/vgate-$alg-$load" 2>/dev/null)
		case $load in tcp-*) unit="bit/s" ;; *) unit="pkt/s" ;; esac
		if [ -n "$x" ] && [ -n "$v" ] && [ "$x" -gt 0 ]; then
			printf '# %-20s %-7s vgate %12s %s  xfrm %12s %s  ratio %s\n' \
				"$alg" "$load" "$v" "$unit" "$x" "$unit" \
				"$(awk -v v="$v" -v x="$x" 'BEGIN { printf "%.2f", v / x }')"
			echo "#   vgate: $(cat "$VGATE_TMP/vgate-$alg-$load.detail" 2>/dev/null)"
			echo "#   xfrm:  $(cat "$VGATE_TMP/xfrm-$alg-$load.detail" 2>/dev/null)"
			ktap_test_pass "$alg $load measured"
		else
			ktap_test_fail "$alg $load measured (vgate '${v}', xfrm '${x}')"
		fi
	done
	echo "# vgate $alg $(cat "$VGATE_TMP/vgate-$alg.drops" 2>/dev/null)"
done
ktap_finished
