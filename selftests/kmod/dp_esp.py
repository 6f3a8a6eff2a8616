#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
#
# Copyright (C) 2026 The vgate authors
#
# dp_esp.py: send one hand-built ESP tunnel-mode packet (RFC 4303), well
# formed or deliberately broken, for the data-path reject tests
# (dp-rejects.sh).  The inner packet is a UDP datagram carrying --payload.
#
#   dp_esp.py --enc ALG --key HEX [--integ ALG --ikey HEX] --spi SPI
#             --seq N [--seq-hi N] --src INNER --dst INNER [--dport P]
#             --to OUTER (--udp | --raw) [--count N] [--payload TEXT]
#             [--tamper icv|truncate|padding]
#
# ALG and key formats are vgatectl's (aes-gcm-128: 16-octet key + 4-octet
# salt, ...).  --seq-hi is the high half of an ESN sequence number: it is
# authenticated but not sent.  --udp sends ESP-in-UDP from port 4500 to
# port 4500 (RFC 3948), --raw sends IP protocol 50.  The IV is derived
# from the sequence number, so the same arguments give the same bytes.
import argparse
import hashlib
import hmac
import ipaddress
import socket
import struct

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM, ChaCha20Poly1305

AEAD = {"aes-gcm-128": 16, "aes-gcm-256": 32, "chacha20-poly1305": 32}
CBC = {"aes-cbc-128": 16, "aes-cbc-256": 32}
INTEG = {"hmac-sha1-96": (hashlib.sha1, 12), "hmac-sha256-128": (hashlib.sha256, 16),
         "hmac-sha384-192": (hashlib.sha384, 24), "hmac-sha512-256": (hashlib.sha512, 32)}
IPPROTO_ESP = 50


def csum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def inner_packet(src, dst, dport, payload):
    """An IPv4 or IPv6 packet with one UDP datagram; returns (bytes, next header)."""
    s, d = ipaddress.ip_address(src), ipaddress.ip_address(dst)
    ulen = 8 + len(payload)
    if s.version == 4:
        pseudo = s.packed + d.packed + struct.pack("!BBH", 0, 17, ulen)
    else:
        pseudo = s.packed + d.packed + struct.pack("!IxxxB", ulen, 17)
    udp = struct.pack("!HHHH", 40000, dport, ulen, 0) + payload
    udp = udp[:6] + struct.pack("!H", csum(pseudo + udp) or 0xFFFF) + udp[8:]
    if s.version == 4:
        hdr = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + ulen, 1, 0x4000, 64, 17, 0,
                          s.packed, d.packed)
        hdr = hdr[:10] + struct.pack("!H", csum(hdr)) + hdr[12:]
        return hdr + udp, 4
    return struct.pack("!IHBB", 6 << 28, ulen, 17, 64) + s.packed + d.packed + udp, 41


def trailer(length, block, next_header, tamper):
    pad = (-(length + 2)) % block
    padlen = 255 if tamper == "padding" else pad
    return bytes(range(1, pad + 1)) + bytes([padlen, next_header])


def esp_packet(a):
    key = bytes.fromhex(a.key.removeprefix("0x"))
    inner, nh = inner_packet(a.src, a.dst, a.dport, a.payload.encode())
    seq_lo = a.seq & 0xFFFFFFFF
    head = struct.pack("!II", a.spi, seq_lo)
    if a.enc in AEAD:
        if len(key) != AEAD[a.enc] + 4:
            raise SystemExit("dp_esp.py: wrong key length for " + a.enc)
        iv = struct.pack("!Q", a.seq_hi << 32 | seq_lo)
        aad = struct.pack("!III", a.spi, a.seq_hi, seq_lo) if a.esn else head
        plain = inner + trailer(len(inner), 4, nh, a.tamper)
        aead = (ChaCha20Poly1305 if a.enc.startswith("chacha") else AESGCM)(key[:-4])
        body = iv + aead.encrypt(key[-4:] + iv, plain, aad)
    else:
        if len(key) != CBC[a.enc]:
            raise SystemExit("dp_esp.py: wrong key length for " + a.enc)
        digest, icv_len = INTEG[a.integ]
        iv = hashlib.sha256(head + struct.pack("!I", a.seq_hi)).digest()[:16]
        plain = inner + trailer(len(inner), 16, nh, a.tamper)
        enc = Cipher(algorithms.AES(key), modes.CBC(iv)).encryptor()
        ct = iv + enc.update(plain) + enc.finalize()
        extra = struct.pack("!I", a.seq_hi) if a.esn else b""
        ikey = bytes.fromhex(a.ikey.removeprefix("0x"))
        body = ct + hmac.new(ikey, head + ct + extra, digest).digest()[:icv_len]
    packet = head + body
    if a.tamper == "icv":
        packet = packet[:-1] + bytes([packet[-1] ^ 0x01])
    elif a.tamper == "truncate":
        packet = packet[:12]
    return packet


def main():
    p = argparse.ArgumentParser(description="send one hand-built ESP packet")
    p.add_argument("--enc", required=True, choices=list(AEAD) + list(CBC))
    p.add_argument("--key", required=True)
    p.add_argument("--integ", choices=list(INTEG))
    p.add_argument("--ikey")
    p.add_argument("--spi", required=True, type=lambda s: int(s, 0))
    p.add_argument("--seq", required=True, type=int)
    p.add_argument("--seq-hi", type=int, default=0)
    p.add_argument("--esn", action="store_true")
    p.add_argument("--src", required=True)
    p.add_argument("--dst", required=True)
    p.add_argument("--dport", type=int, default=5555)
    p.add_argument("--payload", default="vgate-dp")
    p.add_argument("--to", required=True)
    p.add_argument("--count", type=int, default=1)
    p.add_argument("--tamper", choices=["icv", "truncate", "padding"])
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("--udp", action="store_true")
    g.add_argument("--raw", action="store_true")
    a = p.parse_args()
    if (a.enc in CBC) != bool(a.integ and a.ikey):
        p.error("aes-cbc needs --integ and --ikey, the others take none")

    packet = esp_packet(a)
    family = socket.AF_INET6 if ":" in a.to else socket.AF_INET
    if a.udp:
        s = socket.socket(family, socket.SOCK_DGRAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(("", 4500))
        dest = (a.to, 4500)
    else:
        s = socket.socket(family, socket.SOCK_RAW, IPPROTO_ESP)
        dest = (a.to, 0)
    for _ in range(a.count):
        s.sendto(packet, dest)


if __name__ == "__main__":
    main()
