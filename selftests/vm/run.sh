#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# run.sh --kernel KVER [--timeout SECONDS] [--results DIR] SUITE...
#
# Boot Debian's linux-image-KVER under qemu with vgate.ko built for it and
# run each SUITE (a path below the tree, e.g. selftests/kmod/genl.sh)
# inside, in order, in one boot.  The guest sees the host's root
# read-only (9p + tmpfs overlay), so it has every tool installed here.
# Every VGATE_* variable of the caller's environment is passed to the
# suites.
#
# Results land in build/results/vm-KVER/ (or --results DIR, so that
# two runs on one kernel can go side by side): each suite's KTAP, stderr and
# exit status, the guest console and kernel log, and runner.ktap with the
# runner's own verdicts: the guest finished in time, each suite's plan is
# complete and it exited 0 leaving no netns behind, and the kernel log
# has no BUG/WARNING/Oops/KASAN/leak line.  Prints every KTAP file and
# exits non-zero on any failure.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
vm=$root/selftests/vm
kver=
suite_timeout=900
results=
suites=()
while [ $# -gt 0 ]; do
	case "$1" in
	--kernel) kver=$2; shift 2 ;;
	--timeout) suite_timeout=$2; shift 2 ;;
	--results) results=$(realpath -m "$2"); shift 2 ;;
	-h|--help) sed -n '4,/^[^#]/s/^# \{0,1\}//p' "$0"; exit 0 ;;
	-*) echo "run.sh: unknown option $1" >&2; exit 2 ;;
	*) suites+=("$1"); shift ;;
	esac
done
[ -n "$kver" ] && [ ${#suites[@]} -gt 0 ] || {
	echo "usage: run.sh --kernel KVER [--timeout SECONDS] [--results DIR] SUITE..." >&2
	exit 2
}
for s in "${suites[@]}"; do
	[ -f "$root/$s" ] || { echo "run.sh: no suite $s" >&2; exit 2; }
done

ktree=$root/build/kernels/$kver
results=${results:-$root/build/results/vm-$kver}
initrd=$root/build/vm/initramfs-$kver.cpio.gz

"$vm/kernel.sh" "$kver" "$ktree"
"$vm/module.sh" "$kver" "$ktree"
mkdir -p "$root/build/vm"
"$vm/initramfs.sh" "$kver" "$ktree" "$root" "$initrd"

# qemu_boot ACCEL TIMEOUT CONSOLE [APPEND...]: boot the guest.
qemu_boot() {
	local accel=$1 limit=$2 console=$3
	shift 3
	timeout -k 5 "$limit" qemu-system-x86_64 -accel "$accel" -cpu max \
		-smp 2 -m 2048 -nographic -no-reboot -nodefaults -serial stdio \
		-kernel "$ktree/boot/vmlinuz-$kver" -initrd "$initrd" \
		-append "console=ttyS0 panic=-1 oops=panic quiet $*" \
		-virtfs "local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap" \
		-virtfs "local,path=$results,mount_tag=results,security_model=none" \
		-device virtio-rng-pci -nic none </dev/null >"$console" 2>&1
}

# KVM is used only if a guest actually boots with it (on some hosts
# /dev/kvm exists but guests hang); the answer is cached per build tree.
accel_file=$root/build/vm/accel
if [ ! -s "$accel_file" ]; then
	accel=tcg
	if [ -w /dev/kvm ]; then
		mkdir -p "$results"
		if (qemu_boot kvm 20 "$root/build/vm/kvm-probe.log" vgate_probe=1) 2>/dev/null &&
			grep -q VGATE-GUEST-ALIVE "$root/build/vm/kvm-probe.log"; then
			accel=kvm
		fi
	fi
	echo "$accel" >"$accel_file"
fi
accel=$(cat "$accel_file")

rm -rf "$results"
mkdir -p "$results"
{
	echo "SUITE_TIMEOUT=$suite_timeout"
	printf '%s\n' "${suites[@]}"
} >"$results/plan"
# The suites see the caller's VGATE_* settings (e.g. VGATE_DP_MATRIX).
for v in $(compgen -e VGATE_); do
	printf 'export %s=%q\n' "$v" "${!v}"
done >"$results/env"

echo "# vm: booting $kver ($accel) for ${#suites[@]} suite(s)" >&2
start=$(date +%s)
qemu_limit=$((120 + ${#suites[@]} * (suite_timeout + 15)))
qemu_rc=0
qemu_boot "$accel" "$qemu_limit" "$results/console.log" || qemu_rc=$?
echo "# vm: guest ran $(($(date +%s) - start)) s, qemu exit $qemu_rc" >&2

verdicts=()
# verdict OK DESC: one runner result.
verdict() {
	if [ "$1" = 0 ]; then
		verdicts+=("ok $(( ${#verdicts[@]} + 1 )) - $kver: $2")
	else
		verdicts+=("not ok $(( ${#verdicts[@]} + 1 )) - $kver: $2")
	fi
}

done_ok=1
[ -f "$results/done" ] && done_ok=0
verdict "$done_ok" "guest ran every suite and powered off (qemu exit $qemu_rc)"

for s in "${suites[@]}"; do
	name=$(echo "$s" | tr / -)
	name=${name%.sh}
	ktap=$results/$name.ktap
	[ -f "$ktap" ] || touch "$ktap"
	echo "# ---- $kver: $s ($(cat "$results/$name.secs" 2>/dev/null || echo '?') s, MemAvailable after: $(cat "$results/$name.mem" 2>/dev/null || echo '?') MiB)"
	cat "$ktap"
	plan=$(sed -n 's/^1\.\.\([0-9][0-9]*\).*/\1/p' "$ktap" | head -n 1)
	got=$(grep -cE '^(not )?ok [0-9]' "$ktap" || true)
	rc=$(cat "$results/$name.rc" 2>/dev/null || echo none)
	ok=0
	why="plan ${plan:-missing}, $got results, exit $rc"
	{ [ -n "$plan" ] && [ "$plan" -gt 0 ] && [ "$plan" = "$got" ] && [ "$rc" = 0 ]; } || ok=1
	if [ -s "$results/$name.leftover" ]; then
		ok=1
		why="$why, left netns: $(tr '\n' ' ' <"$results/$name.leftover")"
	fi
	if [ "$ok" != 0 ] && [ -s "$results/$name.stderr" ]; then
		echo "# stderr of $s (last 20 lines):"
		tail -n 20 "$results/$name.stderr" | sed 's/^/#   /'
	fi
	verdict "$ok" "$s complete ($why)"
done

bad=$(grep -E 'BUG:|WARNING:|Oops|KASAN|[Ll]eak|Call Trace' "$results/dmesg.txt" 2>/dev/null || true)
if [ -n "$bad" ] || [ ! -s "$results/dmesg.txt" ]; then
	echo "# guest kernel log problems:"
	printf '%s\n' "${bad:-no kernel log}" | head -n 40 | sed 's/^/#   /'
	verdict 1 "guest kernel log clean"
else
	verdict 0 "guest kernel log clean"
fi

# A guest that did not finish (a panic reboots it: oops=panic, panic=-1)
# leaves its last words only on the console; they go last, where a CI
# log's tail shows them.
if [ "$done_ok" != 0 ]; then
	echo "# ---- $kver: guest console (last 60 lines)"
	tail -n 60 "$results/console.log" | sed 's/^/#   /'
fi

{
	echo "KTAP version 1"
	echo "1..${#verdicts[@]}"
	printf '%s\n' "${verdicts[@]}"
} >"$results/runner.ktap"
echo "# ---- $kver: runner"
cat "$results/runner.ktap"
! grep -q '^not ok' "$results/runner.ktap" "$results"/*.ktap
