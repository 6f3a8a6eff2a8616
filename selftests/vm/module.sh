#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# module.sh KVER [KTREE]: build vgate.ko against linux-headers-KVER in
# build/mod/KVER, a copy of the sources of its own (so builds for several
# kernels never share objects), with warnings fatal.  With KTREE (an
# unpacked kernel, kernel.sh) also install it there under updates/ so the
# guest's modprobe finds it.  Extra make arguments come from
# $MODULE_MAKEFLAGS (lint.sh passes C=2 for sparse).
set -eu

kver=$1
ktree=${2:-}
root=$(cd "$(dirname "$0")/../.." && pwd)
headers=/usr/src/linux-headers-$kver
out=$root/build/mod/$kver

[ -d "$headers" ] || {
	echo "module.sh: $headers is missing: run make deps" >&2
	exit 1
}
mkdir -p "$out"
# Mirror the module sources (Kbuild files, C, headers) into $out; an
# in-tree build's generated files (*.mod.c) belong to another kernel.
(cd "$root" && find Kbuild kmod uapi -type f \
	\( -name Kbuild -o -name '*.[ch]' \) ! -name '*.mod.c' -print) |
	while read -r f; do
		mkdir -p "$out/$(dirname "$f")"
		cmp -s "$root/$f" "$out/$f" || cp "$root/$f" "$out/$f"
	done
# shellcheck disable=SC2086
make -s -C "$headers" M="$out" KCFLAGS=-Werror ${MODULE_MAKEFLAGS:-} modules
[ -n "$ktree" ] || exit 0
install -D -m 644 "$out/kmod/vgate.ko" "$ktree/lib/modules/$kver/updates/vgate.ko"
depmod -b "$ktree" "$kver"
