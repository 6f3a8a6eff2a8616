#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Stage 2 of the test guest, PID 1 on the overlay root (see init): run
# each suite named in /vgate-results/plan with a time limit, write its
# KTAP, stderr and exit status to the results share, then the kernel log,
# and power off.  The host (run.sh) judges the results.
set -u
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export HOME=/root TERM=dumb LANG=C.UTF-8
root=$(cd "$(dirname "$0")/../.." && pwd)
results=/vgate-results

mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
# The 9p export shows the host's own /run and /tmp: hide them.
mount -t tmpfs -o mode=755 run /run
mount -t tmpfs -o mode=1777 tmp /tmp
mkdir -p /dev/pts /dev/shm
mount -t devpts -o newinstance,ptmxmode=0666 devpts /dev/pts
mount -t tmpfs -o mode=1777 shm /dev/shm
hostname vgate-guest
ip link set lo up

# shellcheck source=/dev/null
. "$results/env"

# Static keys the suites would switch on and off, held on for good: see
# hold_static_keys.py (sockets) and here the netfilter hooks of IPv4 and
# IPv6 (nf_hooks_needed), which any suite's first nft base chain or
# conntrack would switch.
coproc HOLD { python3 "$root/selftests/vm/hold_static_keys.py"; }
read -r -t 30 held <&"${HOLD[0]}"
[ "${held:-}" = ready ] || echo "guest: cannot hold the socket static keys" >&2
nft -f - <<-EOF || echo "guest: cannot hold the netfilter static keys" >&2
	table inet vgate_guest_keys {
		chain hold_prerouting { type filter hook prerouting priority 0; }
		chain hold_input { type filter hook input priority 0; }
		chain hold_forward { type filter hook forward priority 0; }
		chain hold_output { type filter hook output priority 0; }
		chain hold_postrouting { type filter hook postrouting priority 0; }
	}
EOF

# plan: SUITE_TIMEOUT=seconds, then one suite path (relative to the tree)
# per line.
suite_timeout=$(sed -n 's/^SUITE_TIMEOUT=//p' "$results/plan")
grep -v '^SUITE_TIMEOUT=' "$results/plan" | while read -r suite; do
	[ -n "$suite" ] || continue
	name=$(echo "$suite" | tr / -)
	name=${name%.sh}
	start=$(date +%s)
	timeout -k 10 "$suite_timeout" bash "$root/$suite" \
		>"$results/$name.ktap" 2>"$results/$name.stderr" </dev/null
	echo $? >"$results/$name.rc"
	echo $(($(date +%s) - start)) >"$results/$name.secs"
	# what the suite left of the guest's memory (tmpfs root and /tmp
	# included), for a guest that later runs out of it
	awk '/^MemAvailable:/ { print int($2 / 1024) }' /proc/meminfo >"$results/$name.mem"
	# A suite must leave nothing behind for the next one.
	left=$(ip netns list 2>/dev/null)
	if [ -n "$left" ]; then
		echo "$left" >"$results/$name.leftover"
		ip -all netns delete 2>/dev/null
	fi
done

dmesg >"$results/dmesg.txt"
echo done >"$results/done"
sync
exec busybox poweroff -f
