#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Copyright (C) 2026 The vgate authors
#
# SAs without traffic: SA_NEW (every semantic check with its extack),
# SA_GET (do and dump, keys never returned), SA_DEL, SA_SWAP
# (make-before-break), the netns SA limit, lifetimes in seconds with
# SA_EXPIRE_NTF, and SAs dying with their access device.

# shellcheck source=selftests/lib/common.sh
. "$(dirname "$0")/../lib/common.sh"
# shellcheck source=selftests/kmod/kmod.lib
. "$(dirname "$0")/kmod.lib"

N=$KMOD_NS-s
VGATE_NL_IN="ip netns exec $N $VGATE_NL"
ntf=$VGATE_TMP/ntf
gcm=$(kmod_key gcm128)

ktap_print_header
ktap_set_plan 50
kmod_dmesg_mark

modprobe vgate || ktap_exit_fail_msg "cannot load vgate.ko"
kmod_netns_add "$N" || ktap_exit_fail_msg "cannot create netns $N"
ip -n "$N" link add vt1 type vgate || ktap_exit_fail_msg "cannot add vt1"
vt1=$(kmod_ifindex "$N" vt1)
if ! { kmod_nl "$N" access-new "template=$vt1" >/dev/null &&
	kmod_nl "$N" access-new "template=$vt1" >/dev/null; }; then
	ktap_exit_fail_msg "cannot add access devices"
fi
a=$(kmod_ifindex "$N" va0)
b=$(kmod_ifindex "$N" va1)
kmod_monitor_start "$N" "$ntf" || ktap_exit_fail_msg "no monitor"

if kmod_fmt_extack; then
	fmt=1
else
	fmt=
fi
# msg FORMATTED CONSTANT: the extack text this kernel gives
msg() {
	if [ -n "$fmt" ]; then echo "vgate: $1"; else echo "vgate: $2"; fi
}

base=(enc=gcm "key=$gcm" local=192.0.2.1 peer=198.51.100.1)
in_line="access=$a dir=in spi=0x00000100 enc=1 integ=0 window=128 local=192.0.2.1 peer=198.51.100.1 prefix=10.0.0.0/24 prefix=fd00::/64"

vgate_check "SA_NEW inbound 0x100 on va0 with two inner prefixes" \
	kmod_nl "$N" sa-new "access=$a" dir=in spi=0x100 "${base[@]}" \
	prefix=10.0.0.9/24 prefix=fd00::1/64
vgate_check "SA_NEW outbound 0x200 on va0" \
	kmod_nl "$N" sa-new "access=$a" dir=out spi=0x200 "${base[@]}"
vgate_check "SA_GET inbound by SPI alone: host bits cleared, no key" \
	kmod_out_is "$in_line" kmod_nl "$N" sa-get spi=0x100
vgate_check "SA_GET outbound: the first one is active" \
	kmod_out_is "access=$a dir=out spi=0x00000200 enc=1 integ=0 local=192.0.2.1 peer=198.51.100.1 active" \
	kmod_nl "$N" sa-get "access=$a" dir=out spi=0x200
vgate_check "ACCESS_GET shows the active SPI and two SAs" \
	kmod_out_has "ifname=va0 template=$vt1 out_spi=0x00000200 n_sa=2$" \
	kmod_nl "$N" access-get "ifindex=$a"
vgate_check "a second outbound SA waits (not active)" \
	kmod_out_lacks "active" bash -c "$VGATE_NL_IN sa-new access=$a dir=out spi=0x201 ${base[*]} &&
		$VGATE_NL_IN sa-get access=$a dir=out spi=0x201"
vgate_check "other algorithms: AES-CBC/HMAC-SHA-256 with ESN, ChaCha20-Poly1305, IPv6" \
	bash -c "$VGATE_NL_IN sa-new access=$b dir=in spi=0x300 enc=cbc key=$(kmod_key cbc128) integ=sha256 ikey=$(kmod_key sha256) esn window=4096 local=2001:db8::1 peer=2001:db8::2 &&
		$VGATE_NL_IN sa-new access=$b dir=in spi=0x301 enc=chacha key=$(kmod_key chacha) $(echo "${base[*]}" | cut -d' ' -f3-)"
vgate_check "the CBC SA reads back with its integrity algorithm, ESN, window" \
	kmod_out_is "access=$b dir=in spi=0x00000300 enc=2 integ=2 esn window=4096 local=2001:db8::1 peer=2001:db8::2" \
	kmod_nl "$N" sa-get spi=0x300
vgate_check "dump: every SA, and no key anywhere" \
	kmod_out_is "5 0" bash -c "out=\$($VGATE_NL_IN -s -d sa-get) &&
		echo \$(grep -c '^access=' <<<\"\$out\") \$(grep -c KEY-LEAK <<<\"\$out\")"
vgate_check "dump of va1's SAs only" \
	kmod_out_is "0x00000300
0x00000301" bash -c "$VGATE_NL_IN -d sa-get access=$b | grep -o 'spi=[^ ]*' | cut -d= -f2"
vgate_check "counters are there (-s), all zero without traffic" \
	kmod_out_has "seq=0 rx_packets=0 rx_bytes=0 tx_packets=0 .* malformed=0" \
	kmod_nl "$N" -s sa-get spi=0x100

# refusals
vgate_check "inbound SPI already in use (same device)" \
	kmod_nl_error "$N" 17 "bad_attr_off=40" \
	"$(msg "inbound SPI 0x00000100 is already in use in this netns" "inbound SPI already in use in this netns")" \
	sa-new "access=$a" dir=in spi=0x100 "${base[@]}"
vgate_check "inbound SPI already in use (another device)" \
	kmod_nl_error "$N" 17 "bad_attr_off=40" \
	"$(msg "inbound SPI 0x00000100 is already in use in this netns" "inbound SPI already in use in this netns")" \
	sa-new "access=$b" dir=in spi=0x100 "${base[@]}"
vgate_check "outbound SPI already on this device" \
	kmod_nl_error "$N" 17 "bad_attr_off=40" \
	"$(msg "va0 already has an outbound SA with SPI 0x00000200" "the access device already has an outbound SA with this SPI")" \
	sa-new "access=$a" dir=out spi=0x200 "${base[@]}"
vgate_check "the same outbound SPI on another device is fine" \
	kmod_nl "$N" sa-new "access=$b" dir=out spi=0x200 "${base[@]}"
vgate_check "GCM key of the wrong length" \
	kmod_nl_error "$N" 22 "" \
	"$(msg "AES-GCM needs a 20 or 36 octet key (AES key + 4 octet salt), got 10" "AES-GCM needs a 20 or 36 octet key (AES key + 4 octet salt)")" \
	sa-new "access=$a" dir=in spi=0x101 enc=gcm key=00112233445566778899 local=192.0.2.1 peer=198.51.100.1
vgate_check "AES-CBC without an integrity algorithm" \
	kmod_nl_error "$N" 22 "" "vgate: AES-CBC needs an integrity algorithm" \
	sa-new "access=$a" dir=in spi=0x101 enc=cbc "key=$(kmod_key cbc128)" local=192.0.2.1 peer=198.51.100.1
vgate_check "AES-GCM with an integrity algorithm" \
	kmod_nl_error "$N" 22 "" "vgate: combined-mode encryption takes no integrity algorithm" \
	sa-new "access=$a" dir=in spi=0x101 "${base[@]}" integ=sha1 "ikey=$(kmod_key sha1)"
vgate_check "unknown encryption algorithm (policy)" \
	kmod_out_has "^error=-34 .*msg=integer out of range" \
	bash -c "$VGATE_NL_IN sa-new access=$a dir=in spi=0x101 enc=9 key=$gcm local=192.0.2.1 peer=198.51.100.1; true"
vgate_check "local and peer of different families" \
	kmod_out_has "^error=-22 bad_attr_off=[0-9]+ msg=vgate: local and peer addresses are of different families$" \
	bash -c "$VGATE_NL_IN sa-new access=$a dir=in spi=0x101 enc=gcm key=$gcm local=192.0.2.1 peer=2001:db8::2; true"
vgate_check "an address of 5 octets" \
	kmod_out_has "^error=-22 bad_attr_off=[0-9]+ msg=vgate: an address is 4 \(IPv4\) or 16 \(IPv6\) octets$" \
	bash -c "$VGATE_NL_IN -c sa-new sa.access:u32=$a sa.dir:u32=0 sa.spi:u32=0x101 sa.enc:u32=1 sa.key:hex=$gcm sa.local:hex=0102030405 sa.peer:hex=01020304; true"
vgate_check "a peer port without UDP encapsulation" \
	kmod_out_has "msg=vgate: a peer port needs UDP encapsulation \(encap-fd\)$" \
	bash -c "$VGATE_NL_IN sa-new access=$a dir=in spi=0x101 ${base[*]} port=4500; true"
vgate_check "UDP encapsulation without the peer port" \
	kmod_out_has "missing_type=13 msg=vgate: UDP encapsulation needs the peer port$" \
	bash -c "$VGATE_NL_IN sa-new access=$a dir=in spi=0x101 ${base[*]} fd=0; true"
vgate_check "inner prefixes on an outbound SA" \
	kmod_out_has "msg=vgate: inner prefixes belong to inbound SAs only$" \
	bash -c "$VGATE_NL_IN sa-new access=$a dir=out spi=0x101 ${base[*]} prefix=10.0.0.0/8; true"
vgate_check "an IPv4 prefix longer than 32" \
	kmod_out_has "msg=$(msg "prefix length 33 is longer than 32" "prefix length too long for its address family")$" \
	bash -c "$VGATE_NL_IN sa-new access=$a dir=in spi=0x101 ${base[*]} prefix=10.0.0.0/33; true"
many=()
for i in $(seq 0 64); do many+=("prefix=10.$i.0.0/16"); done
vgate_check "65 inner prefixes" \
	kmod_out_has "^error=-7 .*msg=$(msg "more than 64 inner prefixes" "too many inner prefixes")$" \
	bash -c "$VGATE_NL_IN sa-new access=$a dir=in spi=0x101 ${base[*]} ${many[*]}; true"
vgate_check "64 inner prefixes are fine" \
	kmod_nl "$N" sa-new "access=$a" dir=in spi=0x102 "${base[@]}" \
	"${many[@]:0:64}"
vgate_check "a replay window above 4096 (policy)" \
	kmod_out_has "^error=-34 .*msg=integer out of range" \
	bash -c "$VGATE_NL_IN sa-new access=$a dir=in spi=0x101 ${base[*]} window=4097; true"
vgate_check "a soft limit beyond the hard one" \
	kmod_out_has "msg=vgate: a soft lifetime limit lies beyond the hard one$" \
	bash -c "$VGATE_NL_IN sa-new access=$a dir=in spi=0x101 ${base[*]} soft_bytes=10 hard_bytes=5; true"
vgate_check "missing attributes" \
	kmod_out_has "^error=-22 missing_type=[0-9]+ msg=vgate: an SA needs access, dir, spi, enc-alg, enc-key, local-addr and peer-addr$" \
	bash -c "$VGATE_NL_IN sa-new access=$a dir=in spi=0x101; true"
vgate_check "no such access device" \
	kmod_out_has "msg=$(msg "no vgate access device with ifindex 4242" "no vgate access device with this ifindex")$" \
	bash -c "$VGATE_NL_IN sa-new access=4242 dir=in spi=0x101 ${base[*]}; true"
vgate_check "a key in SA_GET is refused (unsupported in the request)" \
	kmod_out_has "^error=-22 .*msg=Unsupported attribute" \
	bash -c "$VGATE_NL_IN -c sa-get sa.spi:u32=0x100 sa.key:hex=00; true"

# limits
netlimit() {
	local n
	n=$(kmod_nl "$N" net-get | sed -n 's/.* n_sa=\([0-9]*\).*/\1/p')
	kmod_nl "$N" net-set "max_sa=$((n + 1))" &&
		kmod_nl "$N" sa-new "access=$b" dir=in spi=0x400 "${base[@]}" &&
		kmod_nl_error "$N" 28 "" \
			"$(msg "this netns reached its SA limit ($((n + 1)))" "this netns reached its SA limit")" \
			sa-new "access=$b" dir=in spi=0x401 "${base[@]}" &&
		kmod_out_has "^max_sa=$((n + 1)) n_sa=$((n + 1)) n_access=2 unknown_spi=0$" \
			kmod_nl "$N" net-get &&
		kmod_nl "$N" net-set max_sa=262144
}
vgate_check "the netns SA limit (NET_SET) refuses the next SA" netlimit
vgate_check "NET_GET defaults: max_sa 262144" \
	kmod_out_has "^max_sa=262144 " kmod_nl "$N" net-get

# SA_SWAP
vgate_check "SA_SWAP to 0x201 on va0" \
	kmod_nl "$N" sa-swap "access=$a" dir=out spi=0x201
vgate_check "0x201 is active, out_spi follows" \
	bash -c "$VGATE_NL_IN sa-get access=$a dir=out spi=0x201 | grep -q ' active$' &&
		$VGATE_NL_IN access-get ifindex=$a | grep -q 'out_spi=0x00000201'"
vgate_check "the replaced SA 0x200 is gone (rekeyed)" \
	kmod_nl_error "$N" 2 "bad_attr_off=40" \
	"$(msg "no outbound SA with SPI 0x00000200 on va0" "no outbound SA with this SPI")" \
	sa-get "access=$a" dir=out spi=0x200
vgate_check "SA_SWAP of an inbound SA is refused" \
	kmod_out_has "msg=vgate: only an outbound SA \(dir out\) can become the active one$" \
	bash -c "$VGATE_NL_IN sa-swap spi=0x100; true"

# SA_DEL
vgate_check "SA_DEL reason 6 is out of range (no socket reason: an SA holds its socket)" \
	kmod_out_has "^error=-34 .*msg=integer out of range" \
	bash -c "$VGATE_NL_IN sa-del spi=0x100 reason=6; $VGATE_NL_IN sa-get spi=0x100 >/dev/null"
vgate_check "SA_DEL inbound by SPI, then it is gone" \
	bash -c "$VGATE_NL_IN sa-del spi=0x100 reason=0 &&
		! $VGATE_NL_IN sa-get spi=0x100 >/dev/null"
vgate_check "SA_DEL of a missing SA" \
	kmod_nl_error "$N" 2 "bad_attr_off=24" \
	"$(msg "no inbound SA with SPI 0x00000100" "no inbound SA with this SPI")" \
	sa-del spi=0x100

# lifetimes in seconds
vgate_check "SA with soft 1 s and hard 2 s lifetimes" \
	kmod_nl "$N" sa-new "access=$a" dir=in spi=0x500 "${base[@]}" \
	soft_seconds=1 hard_seconds=2
vgate_check "SA_EXPIRE_NTF soft, limit seconds (2)" \
	kmod_ntf_seen "$ntf" "^SA_EXPIRE_NTF access=$a dir=in spi=0x00000500 .* expire=soft limit=2$"
vgate_check "SA_EXPIRE_NTF hard, and the SA is deleted" \
	bash -c "$(declare -f kmod_ntf_seen vgate_wait); kmod_ntf_seen $ntf '^SA_EXPIRE_NTF .*spi=0x00000500 .* expire=hard limit=2$' &&
		vgate_wait 10 bash -c '! $VGATE_NL_IN sa-get spi=0x500'"

# udp_sa: an inbound SA with ESP in UDP through a socket bound to
# 127.0.0.1:4500 (the module keeps the socket when the script exits),
# then an ESP packet for an unknown SPI from port 5555 to it
udp_sa() {
	ip netns exec "$N" python3 - "$VGATE_NL" "$a" "$gcm" <<'PY'
import socket, subprocess, sys
nl, acc, key = sys.argv[1:4]
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("127.0.0.1", 4500))
r = subprocess.run([nl, "sa-new", "access=" + acc, "dir=in", "spi=0x600",
                    "enc=gcm", "key=" + key, "local=127.0.0.1",
                    "peer=127.0.0.1", "fd=%d" % s.fileno(), "port=4500"],
                   pass_fds=[s.fileno()])
if r.returncode:
    sys.exit(1)
c = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
c.bind(("127.0.0.1", 5555))
c.sendto(bytes.fromhex("deadbeef00000001") + bytes(32), ("127.0.0.1", 4500))
PY
}
vgate_check "SA_NEW with ESP in UDP through a handed-over socket" udp_sa
vgate_check "SA_GET shows the local port (from the socket) and the peer port" \
	kmod_out_has "spi=0x00000600 .* local=127.0.0.1 peer=127.0.0.1 local_port=4500 port=4500$" \
	kmod_nl "$N" sa-get spi=0x600
vgate_check "UNKNOWN_SPI_NTF with the SPI and the outer source" \
	kmod_ntf_seen "$ntf" "^UNKNOWN_SPI_NTF spi=0xdeadbeef peer=127.0.0.1 port=5555$"
vgate_check "NET_GET counts the unknown SPI" \
	kmod_out_has " unknown_spi=1$" kmod_nl "$N" net-get
vgate_check "deleting va1 deletes its SAs" \
	bash -c "$VGATE_NL_IN access-del ifindex=$b &&
		! $VGATE_NL_IN sa-get spi=0x300 >/dev/null &&
		[ -z \"\$($VGATE_NL_IN -d sa-get access=$b 2>/dev/null | grep ^access=)\" ]"
vgate_check "no kernel warning" kmod_dmesg_clean

ktap_finished
