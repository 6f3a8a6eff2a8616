#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# make bench-ike (guest): IKE_SA setups per second and memory per
# established IKE SA, vgated as the responder against strongSwan's
# charon as the responder, same guest, same run, same topology, same
# proposals, same load generator.
#
# Topology: selftests/interop/topo.lib without NAT: the client netns
# (198.51.100.2) holds the load generator, the gateway netns
# (198.51.100.1, LAN 203.0.113.0/25 behind it) one responder at a time.
#
# The load generator is vgate-loadgen: vgated as an initiator whose own
# CHILD SAs stay out of the kernel (selftests/bench/loadgen_dataplane.c),
# so that the guest's CPU goes to the responder under test rather than to
# the generator's network devices.  N `client` objects (connect auto),
# each with its own profile and identity (fqdn uNNNNN.load.example.com),
# the PSK of one keyring entry for the gateway, one CHILD SA with its own
# inner /32 from 10.0.0.0/8 as the local selector and the LAN as the
# remote one.  IKE: aes-gcm-256, prf sha256, X25519 (group 31), then a
# second series with ECP-256 (group 19); ESP: aes-gcm-256 without PFS.
#
# Responders: vgated (profile matching fqdn domain load.example.com,
# wildcard PSK 0.0.0.0/0, virtual template, log level notice) and charon
# (swan.lib, remote %any, a PSK without identities; dos_protection off
# since every IKE SA comes from one address, an IKE SA table sized for
# many SAs as strongSwan recommends, its log at level 0, routes
# installed as vgated installs its own).
#
# Per responder and group:
#   setups/s  N / seconds from the moment the generator starts its
#             clients ("IKEv2 listening" in its log) until its counter
#             sa_established reaches N (polled every 0.5 s)
#   KiB/SA    (responder's VmRSS with N sessions - VmRSS before) / N
#   context   the guest's MemAvailable delta per SA (includes vgate.ko's
#             access devices or charon's xfrm states and routes, and the
#             generator's own growth), CPU of generator and responder
#             during the setups, UDP receive buffer drops
# Every case checks that the responder holds exactly N IKE SAs and 2N
# kernel SAs and the generator saw no failure; a case where they did not
# come up is a failed result, not a figure.
#
# Each group runs VGATE_BENCH_IKE_ROUNDS rounds, the responders in turn
# and in reverse order every other round (vgated, charon, charon, vgated,
# ...), so that a drift in the machine's speed weighs on both alike; the
# figures are the means over the rounds, and every round's ratio is
# printed so that the spread shows.
#
# A benchmark, not a test: the targets (setups ratio >= 2, memory ratio
# <= 0.5) are reported as met or not met; a result fails only when a case
# could not measure.  Under TCG the absolute figures mean little.
#
# VGATE_BENCH_IKE_SAS     N (default 1000)
# VGATE_BENCH_IKE_GROUPS  DH groups (default "31 19")
# VGATE_BENCH_IKE_ROUNDS  rounds per group (default 2)
# VGATE_BENCH_IKE_STALL   seconds without progress that end a case (200)
# VGATE_BENCH_IKE_RCVBUF  net.core.rmem_default for the run (default 33554432;
#                         0 keeps the kernel's): neither vgated nor charon
#                         sets SO_RCVBUF, and the generator starts all its
#                         clients at once, so with the default 208 KiB both
#                         ends drop bursts of IKE messages and the time is
#                         spent in retransmission back-off, not in work

# shellcheck source=selftests/lib/common.sh
. "$(dirname "$0")/../lib/common.sh"
# shellcheck source=selftests/interop/topo.lib
. "$VGATE_ROOT/selftests/interop/topo.lib"
# shellcheck source=selftests/interop/swan.lib
. "$VGATE_ROOT/selftests/interop/swan.lib"

N=${VGATE_BENCH_IKE_SAS:-1000}
read -r -a GROUPS_LIST <<<"${VGATE_BENCH_IKE_GROUPS:-31 19}"
# vgated's initiator gives up on a request after 2+4+8+16+32+64 s and
# tries again 10 s later: a stall is longer than that
STALL=${VGATE_BENCH_IKE_STALL:-200}
ROUNDS=${VGATE_BENCH_IKE_ROUNDS:-2}
RCVBUF=${VGATE_BENCH_IKE_RCVBUF:-33554432}
RESPONDERS=(vgated charon)
PSK=vgate-bench-ike-psk
TICKS=$(getconf CLK_TCK)
# The programs are copied once, so a rebuild on the host during the run
# cannot swap them under the benchmark.
BIN=$VGATE_TMP/bin

declare -A GROUP_NAME=([31]=x25519 [19]=ecp256 [20]=ecp384 [14]=modp2048)
declare -A SWAN_GROUP=([31]=x25519 [19]=ecp256 [20]=ecp384 [14]=modp2048)

# ---- vgated instances (generator and responder side by side) ----------

# bv_start NAME NETNS CONF [PROGRAM]: PROGRAM (default vgated) -c CONF in
# NETNS, control socket and log $VGATE_TMP/NAME.{sock,log}, PID in
# $VGATE_TMP/NAME.pid.
bv_start() {
	local name=$1 ns=$2 conf=$3 prog=${4:-vgated}
	: >"$VGATE_TMP/$name.log"
	ip netns exec "$ns" "$BIN/$prog" -c "$conf" -s "$VGATE_TMP/$name.sock" \
		>>"$VGATE_TMP/$name.log" 2>&1 </dev/null &
	echo $! >"$VGATE_TMP/$name.pid"
}

bv_pid() {
	cat "$VGATE_TMP/$1.pid" 2>/dev/null
}

bv_ctl() {
	local name=$1
	shift
	"$BIN/vgatectl" -s "$VGATE_TMP/$name.sock" "$@"
}

# bv_stop NAME [SECONDS]: SIGTERM (vgated deletes its sessions), SIGKILL
# after SECONDS (default 300), and wait for it.
bv_stop() {
	local pid deadline=$((SECONDS + ${2:-300}))
	pid=$(bv_pid "$1") || return 0
	rm -f "$VGATE_TMP/$1.pid"
	kill -TERM "$pid" 2>/dev/null
	while kill -0 "$pid" 2>/dev/null && [ "$SECONDS" -lt "$deadline" ]; do
		sleep 0.2
	done
	kill -KILL "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	return 0
}

# bv_logs NAME: the last lines of its log as KTAP diagnostics.
bv_logs() {
	tail -n 30 "$VGATE_TMP/$1.log" 2>/dev/null | sed "s/^/# $1: /"
}

# ---- configurations ----------------------------------------------------

# common_conf GROUP: the IKE and ESP proposals both vgated share.
common_conf() {
	cat <<-EOF
		proposal = ( { name = "bench"; encryption = "aes-gcm-256"; prf = "sha256";
			group = $1; } );
		policy = ( { name = "default"; proposal = "bench"; } );
		transform-set = ( { name = "gcm"; encryption = "aes-gcm-256"; } );
		ipsec-profile = ( { name = "bench"; transform-set = "gcm"; } );
	EOF
}

# gen_conf GROUP FILE: the generator: N clients, each with its profile.
gen_conf() {
	{
		echo 'daemon = { log-level = "notice"; };'
		common_conf "$1"
		echo "keyring = ( { name = \"gw\"; peer = ( { name = \"gw\";"
		echo "	address = \"$TOPO_GW4\"; pre-shared-key = \"$PSK\"; } ); } );"
		awk -v n="$N" -v gw="$TOPO_GW4" -v lan="$TOPO_LAN4" 'BEGIN {
			print "profile = ("
			for (i = 1; i <= n; i++)
				printf "{ name = \"u%05d\"; identity-local = \"fqdn u%05d.load.example.com\"; " \
				       "authentication-local = \"pre-share\"; authentication-remote = \"pre-share\"; " \
				       "keyring = \"gw\"; virtual-template = \"vt1\"; ipsec-profile = \"bench\"; }%s\n",
				       i, i, i < n ? "," : ""
			print ");"
			print "client = ("
			for (i = 1; i <= n; i++)
				printf "{ name = \"c%05d\"; peer = \"%s\"; profile = \"u%05d\"; " \
				       "local-selectors = \"10.%d.%d.%d/32\"; remote-selectors = \"%s\"; }%s\n",
				       i, gw, i, int(i / 65536), int(i / 256) % 256, i % 256, lan,
				       i < n ? "," : ""
			print ");"
		}'
	} >"$2"
}

# resp_conf GROUP FILE: vgated as the gateway.
resp_conf() {
	{
		echo 'daemon = { log-level = "notice"; };'
		common_conf "$1"
		cat <<-EOF
			keyring = ( { name = "load"; peer = ( { name = "any";
				address = "0.0.0.0/0"; pre-shared-key = "$PSK"; } ); } );
			profile = ( { name = "load";
				match-identity-remote = [ "fqdn domain load.example.com" ];
				authentication-local = "pre-share";
				authentication-remote = [ "pre-share" ];
				keyring = "load"; virtual-template = "vt1";
				ipsec-profile = "bench"; } );
		EOF
	} >"$2"
}

# ---- measurements ------------------------------------------------------

rss_kib() {
	awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"
}

# anon_kib PID: the anonymous part of VmRSS (heap, stacks), without the
# program's and libraries' pages that the first SAs touch.
anon_kib() {
	awk '/^RssAnon:/ { print $2 }' "/proc/$1/status"
}

# warm_up: the kernel loads ESP's crypto modules on the first SA (seconds
# under TCG); make both the xfrm and the vgate.ko path do it before the
# first case is timed.
warm_up() {
	local ns=bwarm$$ key va
	key=0x$(printf '%072d' 1)
	ip netns add "$ns" || return 1
	ip -n "$ns" xfrm state add src 192.0.2.1 dst 192.0.2.2 proto esp \
		spi 0x100 mode tunnel aead 'rfc4106(gcm(aes))' "$key" 128 &&
	ip -n "$ns" link add vt1 type vgate &&
	va=$(ip netns exec "$ns" "$BIN/vgatectl" access add template vt1) &&
	ip netns exec "$ns" "$BIN/vgatectl" sa add dev "$va" dir out spi 0x100 \
		enc aes-gcm-256 key "$key" local 192.0.2.1 peer 192.0.2.2 >/dev/null
	local rc=$?
	ip netns del "$ns"
	return $rc
}

memavail_kib() {
	awk '/^MemAvailable:/ { print $2 }' /proc/meminfo
}

# cpu_ticks PID: user + system time of the process (all its threads).
cpu_ticks() {
	awk '{ print $14 + $15 }' "/proc/$1/stat"
}

# busy_idle: "BUSY IDLE" ticks of the whole guest.
busy_idle() {
	awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9, $5 + $6; exit }' /proc/stat
}

# udp_rcvbuf_errors NETNS
udp_rcvbuf_errors() {
	ip netns exec "$1" awk '/^Udp:/ { if (h) { print $6; exit } h = 1 }' /proc/net/snmp
}

# keep_logs TAG: the generator's and vgated responder's logs to
# $VGATE_INTEROP_LOGS/ike/ (charon's go there by swan.lib).
keep_logs() {
	local dir=${VGATE_INTEROP_LOGS:-}/ike f
	[ -n "${VGATE_INTEROP_LOGS:-}" ] || return 0
	mkdir -p "$dir"
	for f in gen resp; do
		[ -s "$VGATE_TMP/$f.log" ] && cp "$VGATE_TMP/$f.log" "$dir/$1-$f.log"
	done
	return 0
}

# calc EXPR: floating point arithmetic.
calc() {
	awk "BEGIN { printf \"%.${2:-1}f\", $1 }"
}

# gen_established: the generator's counter sa_established (text output
# and bash only: a jq per poll would load the guest more than vgatectl).
gen_established() {
	local out
	out=$(bv_ctl gen show crypto ikev2 stats 2>/dev/null) || return 0
	[[ $out =~ sa_established\ +([0-9]+) ]] && echo "${BASH_REMATCH[1]}"
}

gen_listening() {
	grep -q 'IKEv2 listening' "$VGATE_TMP/gen.log"
}

# ---- responders --------------------------------------------------------

responder_start() {
	local resp=$1 grp=$2 tag=$3
	case $resp in
	vgated)
		ip -n "$TOPO_G" link add vt1 type vgate || return 1
		resp_conf "$grp" "$VGATE_TMP/resp.conf"
		bv_start resp "$TOPO_G" "$VGATE_TMP/resp.conf"
		vgate_defer "bv_stop resp"
		vgate_wait 30 bv_ctl resp status || { bv_logs resp; return 1; }
		bv_pid resp >"$VGATE_TMP/resp.rpid"
		;;
	charon)
		swan_start "$tag" "$TOPO_G" dos_protection=no \
			ikesa_table_size=16384 ikesa_table_segments=16 \
			filelog.main.default=0 filelog.main.ike=0 \
			filelog.main.cfg=0 filelog.main.knl=0 \
			filelog.main.net=0 || return 1
		swan_conn "$tag" load role=responder local="$TOPO_GW4" \
			psk="$PSK" ike="aes256gcm16-prfsha256-${SWAN_GROUP[$grp]}" \
			esp=aes256gcm16 local_ts="$TOPO_LAN4" remote_ts=10.0.0.0/8 \
			>/dev/null || return 1
		swan_load "$tag" >/dev/null || return 1
		swan_pid "$tag" >"$VGATE_TMP/resp.rpid"
		;;
	esac
}

responder_stop() {
	case $1 in
	vgated) bv_stop resp ;;
	charon) swan_stop "$2" ;;
	esac
}

# responder_count RESP TAG: "IKE_SAS HALF_OPEN KERNEL_SAS" on the responder.
responder_count() {
	local ike half kern
	case $1 in
	vgated)
		read -r ike half <<<"$(bv_ctl resp -j show crypto ikev2 stats |
			jq -r '"\(.ike_sa) \(.half_open)"')"
		kern=$(ip netns exec "$TOPO_G" "$BIN/vgatectl" -j sa show | jq 'length')
		;;
	charon)
		# (no process substitution: the guest has no /dev/fd)
		read -r ike half <<<"$(swan_ctl "$2" --stats |
			sed -n 's/^IKE_SAs: \([0-9]*\) total, \([0-9]*\) half-open.*/\1 \2/p')"
		kern=$(ip -n "$TOPO_G" xfrm state | grep -c '^src ')
		;;
	esac
	echo "${ike:-?} ${half:-?} ${kern:-?}"
}

responder_all_up() {
	[ "$(responder_count "$1" "$2")" = "$N 0 $((2 * N))" ]
}

# ---- one case ----------------------------------------------------------

# measure_case RESP GROUP: measure, add a line "RATE KIB" to
# $VGATE_TMP/res-RESP-GROUP.
measure_case() {
	local resp=$1 grp=$2 tag="$1-${GROUP_NAME[$2]}"
	local rpid gpid rss0 rss1 mem0 mem1 t0 t1 t2 est last=-1 last_t
	local g1 g2 r1 r2 bi1 bi2 drops0 drops1 secs rate kib memkib got anon0 anon1 cdrops0 cdrops1 retried
	topo_down
	topo_up >/dev/null || { echo "# $tag: topology failed"; return 1; }
	ip -n "$TOPO_C" link add vt1 type vgate || return 1
	responder_start "$resp" "$grp" "$tag" || {
		echo "# $tag: the responder did not start"; return 1; }
	rpid=$(cat "$VGATE_TMP/resp.rpid")
	sleep 1
	rss0=$(rss_kib "$rpid") anon0=$(anon_kib "$rpid")
	mem0=$(memavail_kib)
	drops0=$(udp_rcvbuf_errors "$TOPO_G") cdrops0=$(udp_rcvbuf_errors "$TOPO_C")

	t0=$EPOCHREALTIME
	bv_start gen "$TOPO_C" "$VGATE_TMP/gen-$grp.conf" vgate-loadgen
	vgate_defer "bv_stop gen"
	gpid=$(bv_pid gen)
	# the clients start as the generator's event loop starts
	vgate_wait 300 gen_listening || {
		echo "# $tag: the generator did not start"; bv_logs gen; return 1; }
	t1=$EPOCHREALTIME
	g1=$(cpu_ticks "$gpid") r1=$(cpu_ticks "$rpid")
	read -r bi1 <<<"$(busy_idle)"
	last_t=$SECONDS
	while :; do
		est=$(gen_established)
		[ -n "$est" ] && [ "$est" -ge "$N" ] && break
		if [ "${est:-0}" != "$last" ]; then
			last=${est:-0} last_t=$SECONDS
		elif [ $((SECONDS - last_t)) -ge "$STALL" ]; then
			echo "# $tag: stalled at $last of $N established for $STALL s"
			echo "# $tag: responder holds (IKE half-open kernel): $(responder_count "$resp" "$tag")"
			bv_ctl gen -j show crypto ikev2 stats | jq -c . | sed 's/^/# generator: /'
			[ "$resp" = vgated ] &&
				bv_ctl resp -j show crypto ikev2 stats | jq -c . | sed 's/^/# responder: /'
			echo "# UDP rcvbuf drops: gateway $(udp_rcvbuf_errors "$TOPO_G"), client $(udp_rcvbuf_errors "$TOPO_C")"
			grep -v '^notice' "$VGATE_TMP/gen.log" | tail -n 20 | sed 's/^/# gen: /'
			[ "$resp" = vgated ] && grep -v '^notice' "$VGATE_TMP/resp.log" | tail -n 20 | sed 's/^/# resp: /'
			[ "$resp" = charon ] && swan_logs "$tag" | tail -n 40
			return 1
		fi
		sleep 0.5
	done
	t2=$EPOCHREALTIME
	g2=$(cpu_ticks "$gpid") r2=$(cpu_ticks "$rpid")
	read -r bi2 <<<"$(busy_idle)"
	rss1=$(rss_kib "$rpid") anon1=$(anon_kib "$rpid")
	mem1=$(memavail_kib)
	drops1=$(udp_rcvbuf_errors "$TOPO_G") cdrops1=$(udp_rcvbuf_errors "$TOPO_C")

	if ! vgate_wait 60 responder_all_up "$resp" "$tag"; then
		got=$(responder_count "$resp" "$tag")
		echo "# $tag: the responder holds $got (IKE half-open kernel), expected $N 0 $((2 * N))"
		return 1
	fi
	# attempts that timed out and were made again are part of the time
	read -r got retried <<<"$(bv_ctl gen -j show crypto ikev2 stats |
		jq -r '"\(.ike_sa):\(.half_open):\(.counters.kernel_failed) \(.counters.sa_deleted)"')"
	if [ "$got" != "$N:0:0" ]; then
		echo "# $tag: generator holds $got (IKE:half-open:kernel_failed), expected $N:0:0"
		return 1
	fi

	secs=$(calc "$t2 - $t1" 3)
	rate=$(calc "$N / ($t2 - $t1)" 1)
	kib=$(calc "($rss1 - $rss0) / $N" 2)
	memkib=$(calc "($mem0 - $mem1) / $N" 2)
	echo "$rate $kib" >>"$VGATE_TMP/res-$tag"
	printf '# %-15s N=%d: %s s (generator start-up %s s), %s setups/s; RSS %d -> %d KiB, %s KiB/IKE SA (anonymous %s); MemAvailable -%s KiB/IKE SA\n' \
		"$tag" "$N" "$secs" "$(calc "$t1 - $t0" 2)" "$rate" "$rss0" "$rss1" "$kib" \
		"$(calc "($anon1 - $anon0) / $N" 2)" "$memkib"
	# 100 % is one of the guest's CPUs
	printf '# %-15s CPU during setups: generator %s %%, responder %s %% (%s ms per setup), guest busy %s %% of %d CPUs; UDP rcvbuf drops: gateway %d, client %d; attempts retried %d\n' \
		"$tag" "$(calc "($g2 - $g1) * 100 / $TICKS / ($t2 - $t1)" 0)" \
		"$(calc "($r2 - $r1) * 100 / $TICKS / ($t2 - $t1)" 0)" \
		"$(calc "($r2 - $r1) * 1000 / $TICKS / $N" 1)" \
		"$(calc "(${bi2% *} - ${bi1% *}) * 100 / ((${bi2% *} - ${bi1% *}) + (${bi2#* } - ${bi1#* }))" 0)" \
		"$(nproc)" "$((drops1 - drops0))" "$((cdrops1 - cdrops0))" "$retried"
}

# run_case RESP GROUP: measure_case, then stop both ends whatever happened.
run_case() {
	local rc=0 t0
	measure_case "$@" || rc=1
	keep_logs "$1-${GROUP_NAME[$2]}"
	t0=$SECONDS
	bv_stop gen 600
	responder_stop "$1" "$1-${GROUP_NAME[$2]}"
	echo "# $1-${GROUP_NAME[$2]}: teardown $((SECONDS - t0)) s"
	return $rc
}

# verdict X CMP TARGET: "met" or "not met".
verdict() {
	awk -v x="$1" -v t="$3" -v c="$2" 'BEGIN {
		ok = c == ">=" ? x >= t : x <= t
		print ok ? "met" : "not met" }'
}

ktap_print_header
ktap_set_plan $((${#GROUPS_LIST[@]} * ${#RESPONDERS[@]} * ROUNDS))
modprobe vgate || ktap_exit_fail_msg "cannot load vgate.ko"
mkdir -p "$BIN" && cp "$VGATE_BIN/vgated" "$VGATE_BIN/vgatectl" \
	"$VGATE_BIN/vgate-loadgen" "$BIN/" ||
	ktap_exit_fail_msg "cannot copy vgated"
if [ "$RCVBUF" != 0 ]; then
	old_rcvbuf=$(sysctl -n net.core.rmem_default)
	vgate_defer "sysctl -qw net.core.rmem_default=$old_rcvbuf"
	sysctl -qw net.core.rmem_default="$RCVBUF" ||
		ktap_exit_fail_msg "cannot set net.core.rmem_default"
fi
warm_up || ktap_exit_fail_msg "cannot set up an ESP SA (xfrm and vgate.ko)"
swan_init
echo "# kernel $(uname -r), $(nproc) CPUs, $(awk '/^MemTotal:/ { print $2 }' /proc/meminfo) KiB, N=$N, rmem_default $(sysctl -n net.core.rmem_default), charon $($SWAN_CHARON --version 2>/dev/null | head -n 1)"
# mean FILE COLUMN: the mean of COLUMN over FILE's lines
mean() {
	awk -v c="$2" '{ s += $c; n++ } END { if (n) printf "%.2f", s / n }' "$1"
}

# round_ratios GROUP: each round's vgated/charon setup rate
round_ratios() {
	paste -d ' ' "$VGATE_TMP/res-vgated-$1" "$VGATE_TMP/res-charon-$1" |
		awk '{ printf "%s%.2f", (NR > 1 ? " " : ""), $1 / $3 }'
}

for grp in "${GROUPS_LIST[@]}"; do
	gen_conf "$grp" "$VGATE_TMP/gen-$grp.conf"
	order=("${RESPONDERS[@]}")
	for ((round = 1; round <= ROUNDS; round++)); do
		for resp in "${order[@]}"; do
			tag="$resp-${GROUP_NAME[$grp]}"
			if run_case "$resp" "$grp"; then
				ktap_test_pass "$tag round $round: $N IKE SAs set up and measured"
			else
				ktap_test_fail "$tag round $round: $N IKE SAs set up and measured"
			fi
		done
		reversed=()
		for ((i = ${#order[@]} - 1; i >= 0; i--)); do
			reversed+=("${order[i]}")
		done
		order=("${reversed[@]}")
	done
	name=${GROUP_NAME[$grp]}
	if [ "$(wc -l <"$VGATE_TMP/res-vgated-$name" 2>/dev/null)" != "$ROUNDS" ] ||
	   [ "$(wc -l <"$VGATE_TMP/res-charon-$name" 2>/dev/null)" != "$ROUNDS" ]; then
		echo "# bench-ike: $(uname -r) $name N=$N: no figures (a case failed)"
		continue
	fi
	vr=$(mean "$VGATE_TMP/res-vgated-$name" 1) vk=$(mean "$VGATE_TMP/res-vgated-$name" 2)
	cr=$(mean "$VGATE_TMP/res-charon-$name" 1) ck=$(mean "$VGATE_TMP/res-charon-$name" 2)
	sr=$(calc "$vr / $cr" 2)
	if awk -v c="$ck" 'BEGIN { exit !(c > 0) }'; then
		mr=$(calc "$vk / $ck" 2)
	else
		mr=n/a
	fi
	echo "# bench-ike: $(uname -r) $name N=$N, $ROUNDS rounds: setups/s vgated=$vr charon=$cr ratio=$sr (rounds: $(round_ratios "$name")); KiB/IKE SA vgated=$vk charon=$ck ratio=$mr"
	echo "# bench-ike: targets: setup ratio >= 2 $(verdict "$sr" ">=" 2), memory ratio <= 0.5 $([ "$mr" = n/a ] && echo "n/a" || verdict "$mr" "<=" 0.5)"
done
ktap_finished
