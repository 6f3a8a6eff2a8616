#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Install every Debian package that building and testing vgate need.
# Idempotent and quick when everything is present: apt is only called
# when a package is missing.  Kernel headers are resolved by name
# (kernels.sh), never pinned to one ABI.
set -eu

here=$(dirname "$0")

# build: userspace libraries, the module toolchain, linters, fuzzing
BUILD="build-essential pkg-config libssl-dev libcrypt-dev libmnl-dev libevent-dev
libconfig-dev libjson-c-dev uthash-dev clang libclang-rt-14-dev sparse kmod
linux-source-6.12 xz-utils python3"
# test: the guest runner and the real peers that run inside it
TEST="qemu-system-x86 busybox-static cpio iproute2 nftables iperf3 tcpdump openssl
tshark iputils-ping procps psmisc strongswan-charon strongswan-swanctl
libcharon-extra-plugins libcharon-extauth-plugins libstrongswan-extra-plugins libstrongswan-standard-plugins freeradius
freeradius-utils jq python3-cryptography"

apt_quiet() {
	DEBIAN_FRONTEND=noninteractive apt-get -o Dpkg::Use-Pty=0 \
		-o APT::Install-Recommends=false -qq "$@"
}

# The package list may be stale or absent on a fresh machine; the kernel
# names below depend on it.
if [ -z "$(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' -mmin -1440 2>/dev/null | head -n 1)" ]; then
	apt_quiet update
fi

kernels=$("$here/kernels.sh")
HEADERS=$(for k in $kernels; do printf 'linux-headers-%s ' "$k"; done)

missing=
for p in $BUILD $TEST $HEADERS; do
	dpkg-query -W -f '${Status}\n' "$p" 2>/dev/null |
		grep -q '^install ok installed$' || missing="$missing $p"
done

if [ -n "$missing" ]; then
	echo "deps: installing$missing"
	# Packages such as freeradius and strongswan would start their
	# services on install; tests start their own instances instead.
	policy=/usr/sbin/policy-rc.d
	created=
	if [ ! -e "$policy" ]; then
		printf '#!/bin/sh\nexit 101\n' >"$policy"
		chmod +x "$policy"
		created=1
	fi
	rc=0
	apt_quiet install -y $missing || rc=$?
	[ -z "$created" ] || rm -f "$policy"
	[ "$rc" -eq 0 ] || exit "$rc"
fi
echo "deps: all present (kernels: $(echo $kernels))"
