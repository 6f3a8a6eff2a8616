#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# initramfs.sh KVER KTREE ROOT OUT: build the stage-1 initramfs for the
# test guest: static busybox, the modules needed to mount the host root
# over virtio-9p with an overlay (decompressed, in load order), /init and
# its parameters.  KTREE is the unpacked kernel (kernel.sh), ROOT the tree
# whose selftests/vm/guest.sh runs as stage 2.
set -eu

kver=$1
ktree=$2
root=$3
out=$4

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/bin" "$stage/modules" "$stage/proc" "$stage/sys" "$stage/dev"
cp /bin/busybox "$stage/bin/busybox"
cp "$root/selftests/vm/init" "$stage/init"
chmod +x "$stage/init"
printf 'KVER=%s\nKTREE=%s\nROOT=%s\n' "$kver" "$ktree" "$root" >"$stage/params"

# Dependency order as modprobe resolves it; built-ins print "builtin".
for m in virtio_pci 9pnet_virtio 9p overlay; do
	modprobe -d "$ktree" -S "$kver" --show-depends "$m"
done | awk '$1 == "insmod" && !seen[$2]++ { print $2 }' |
	while read -r ko; do
		name=$(basename "$ko")
		case "$name" in
		*.xz) xz -dc "$ko" >"$stage/modules/${name%.xz}"; name=${name%.xz} ;;
		*) cp "$ko" "$stage/modules/$name" ;;
		esac
		echo "$name" >>"$stage/modules/order"
	done

[ "$(wc -l <"$stage/modules/order" 2>/dev/null || echo 0)" -ge 4 ] || {
	echo "initramfs.sh: $ktree lacks the 9p/overlay modules" >&2
	exit 1
}
(cd "$stage" && find . | cpio -o -H newc --quiet) | gzip -1 >"$out"
