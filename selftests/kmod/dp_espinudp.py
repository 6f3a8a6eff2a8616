#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
#
# Copyright (C) 2026 The vgate authors
#
# dp_espinudp.py 4|6 PORT: hold a UDP socket with UDP_ENCAP_ESPINUDP on
# PORT (all addresses of the family) until killed, so the kernel's own
# IPsec (xfrm) receives ESP-in-UDP (RFC 3948) in this netns.  Prints
# "ready" once the socket is bound.
import signal
import socket
import sys

UDP_ENCAP = 100
UDP_ENCAP_ESPINUDP = 2

family = socket.AF_INET6 if sys.argv[1] == "6" else socket.AF_INET
s = socket.socket(family, socket.SOCK_DGRAM)
if family == socket.AF_INET6:
    s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("", int(sys.argv[2])))
s.setsockopt(socket.SOL_UDP, UDP_ENCAP, UDP_ENCAP_ESPINUDP)
print("ready", flush=True)
signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
signal.pause()
