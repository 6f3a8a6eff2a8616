#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Hold the networking static keys the suites switch, on, until killed.

Under TCG a static key that goes on or off patches kernel text
(text_poke_bp: an int3 first, then the new bytes) while the other vCPU may
run it, and now and then QEMU runs the int3 after the patch is done: the
guest dies with "Oops: int3" in netif_rx_internal (netstamp_needed_key).
A key that stays on is never patched again, so the guest holds, from
boot, what would switch them in every suite: a UDP socket per family
with SO_TIMESTAMP (netstamp_needed_key) and ESP-in-UDP encapsulation
(udp_encap_needed_key, udpv6_encap_needed_key).  guest.sh holds the
netfilter hooks' keys with a table of its own.  Prints "ready" once
they are held.
"""
import signal
import socket

SO_TIMESTAMP = 29		# asm-generic/socket.h (SO_TIMESTAMP_OLD)
UDP_ENCAP = 100			# linux/udp.h
UDP_ENCAP_ESPINUDP = 2

held = []
for family in (socket.AF_INET, socket.AF_INET6):
    s = socket.socket(family, socket.SOCK_DGRAM)
    s.setsockopt(socket.SOL_SOCKET, SO_TIMESTAMP, 1)
    s.setsockopt(socket.IPPROTO_UDP, UDP_ENCAP, UDP_ENCAP_ESPINUDP)
    held.append(s)
print("ready", flush=True)
signal.pause()
