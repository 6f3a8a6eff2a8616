#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Print the kernel ABI names the tests run on, one per line: the newest
# bookworm 6.1 and the newest bookworm-security 6.12 "amd64" flavour that
# apt offers.  Resolved at run time so a new Debian point release is picked
# up without editing the tree.  Needs an up-to-date apt list (make deps).
set -eu

newest() {
	apt-cache search --names-only "^linux-image-$1-amd64\$" |
		sed -n 's/^linux-image-\([^ ]*\)-amd64 .*/\1/p' |
		sort -V | tail -n 1
}

for pattern in '6\.1\.0-[0-9]*' '6\.12\.[0-9]*\+deb12'; do
	abi=$(newest "$pattern")
	if [ -z "$abi" ]; then
		echo "kernels.sh: apt offers no linux-image matching $pattern-amd64" >&2
		exit 1
	fi
	echo "$abi-amd64"
done
