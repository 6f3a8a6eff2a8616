#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# kernel.sh KVER DIR: make DIR hold Debian's linux-image-KVER unpacked
# (DIR/boot/vmlinuz-KVER, DIR/lib/modules/KVER with modules.dep).  The
# package is downloaded and extracted, never installed, so the host's
# boot setup is left alone.  Cached: a second call is free.
set -eu

kver=$1
dir=$2

# The stamp alone is not trusted: a partly deleted tree is rebuilt.
if [ -f "$dir/.ready" ] && [ -f "$dir/boot/vmlinuz-$kver" ] &&
	[ -s "$dir/lib/modules/$kver/modules.dep" ] &&
	[ "$(cat "$dir/.ready")" = "$(find "$dir/lib/modules/$kver/kernel" -type f | wc -l)" ]; then
	exit 0
fi

rm -rf "$dir"
mkdir -p "$dir/deb"
(cd "$dir/deb" && apt-get download -qq -o APT::Sandbox::User=root "linux-image-$kver")
dpkg-deb -x "$dir"/deb/linux-image-"$kver"_*.deb "$dir"
rm -rf "$dir/deb"
[ -f "$dir/boot/vmlinuz-$kver" ] || {
	echo "kernel.sh: linux-image-$kver has no /boot/vmlinuz-$kver" >&2
	exit 1
}
# The package's postinst makes modules.dep; we run depmod ourselves.
depmod -b "$dir" "$kver"
find "$dir/lib/modules/$kver/kernel" -type f | wc -l >"$dir/.ready"
