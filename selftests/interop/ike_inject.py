#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Raw IKEv2 messages for the negative cases of RFC 7296 §2.21 and for
an IKE_SA_INIT flood, sent from the caller's netns to a responder.

  ike_inject.py unknown-spi  DST
  ike_inject.py bad-msgid    DST SPI_I SPI_R     (hex, an established SA)
  ike_inject.py truncated    DST
  ike_inject.py critical     DST
  ike_inject.py integrity    DST SRC [--intact]
  ike_inject.py flood        DST FIRST_SRC COUNT SECONDS RATE [--echo-cookie]

integrity runs a real IKE_SA_INIT (MODP-2048, AES-CBC-256, HMAC-SHA-256,
PRF-SHA-256) and sends an IKE_AUTH sealed with the derived keys, with
one ciphertext bit flipped after the ICV was computed (--intact: not
flipped, so the ICV verifies).  flood sends IKE_SA_INIT requests from
COUNT consecutive addresses starting at FIRST_SRC (they must be
configured locally), answering COOKIE notifies with --echo-cookie, and
prints what came back as JSON.  critical waits for the answer
and fails unless it is UNSUPPORTED_CRITICAL_PAYLOAD naming the payload.
Everything else prints nothing and exits 0 once the datagram is sent.
"""
import hashlib
import hmac
import ipaddress
import json
import os
import select
import socket
import struct
import sys
import time

PORT = 500
SRC_PORT = 50500

# payload types, exchanges, notifies (RFC 7296 §3)
PT_SA, PT_KE, PT_IDI, PT_AUTH, PT_NONCE, PT_N, PT_SK = 33, 34, 35, 39, 40, 41, 46
EX_SA_INIT, EX_AUTH, EX_INFO = 34, 35, 37
FLAG_I = 0x08
N_COOKIE = 16390
N_UNSUPPORTED_CRITICAL = 1

MODP2048_P = int(
    "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD1"
    "29024E088A67CC74020BBEA63B139B22514A08798E3404DD"
    "EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245"
    "E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED"
    "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3D"
    "C2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F"
    "83655D23DCA3AD961C62F356208552BB9ED529077096966D"
    "670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B"
    "E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9"
    "DE2BCBF6955817183995497CEA956AE515D2261898FA0510"
    "15728E5A8AACAA68FFFFFFFFFFFFFFFF", 16)


def header(spi_i, spi_r, first, exchange, flags, msgid, length):
    return spi_i + spi_r + struct.pack("!BBBBII", first, 0x20, exchange,
                                       flags, msgid, length)


def payloads(items):
    """[(type, body, critical)] -> (first type, octets)."""
    out = b""
    for i, (_, body, crit) in enumerate(items):
        nxt = items[i + 1][0] if i + 1 < len(items) else 0
        out += struct.pack("!BBH", nxt, 0x80 if crit else 0, 4 + len(body)) + body
    return (items[0][0] if items else 0), out


def message(spi_i, spi_r, exchange, flags, msgid, items):
    first, body = payloads(items)
    return header(spi_i, spi_r, first, exchange, flags, msgid, 28 + len(body)) + body


def transform(ttype, tid, keylen=None, last=False):
    attr = struct.pack("!HH", 0x800E, keylen) if keylen else b""
    return struct.pack("!BBHBBH", 0 if last else 3, 0, 8 + len(attr), ttype, 0,
                       tid) + attr


def sa_payload():
    """One IKE proposal: AES-CBC-256, PRF/HMAC-SHA-256, MODP-2048."""
    ts = (transform(1, 12, 256) + transform(2, 5) + transform(3, 12) +
          transform(4, 14, last=True))
    prop = struct.pack("!BBHBBBB", 0, 0, 8 + len(ts), 1, 1, 0, 4) + ts
    return prop


def modp_key():
    x = int.from_bytes(os.urandom(32), "big")
    return x, pow(2, x, MODP2048_P).to_bytes(256, "big")


def sa_init(spi_i, nonce, pub, cookie=None, extra=()):
    items = []
    if cookie:
        items.append((PT_N, struct.pack("!BBH", 0, 0, N_COOKIE) + cookie, False))
    items += list(extra)
    items += [(PT_SA, sa_payload(), False),
              (PT_KE, struct.pack("!HH", 14, 0) + pub, False),
              (PT_NONCE, nonce, False)]
    return message(spi_i, bytes(8), EX_SA_INIT, FLAG_I, 0, items)


def parse(msg):
    """{type: [body, ...]} of an unencrypted message, and its header."""
    spi_i, spi_r = msg[:8], msg[8:16]
    nxt, _, exch, flags, msgid, length = struct.unpack("!BBBBII", msg[16:28])
    off, found = 28, {}
    while nxt and off + 4 <= len(msg):
        n2, _, plen = struct.unpack("!BBH", msg[off:off + 4])
        found.setdefault(nxt, []).append(msg[off + 4:off + plen])
        nxt, off = n2, off + plen
    return {"spi_i": spi_i, "spi_r": spi_r, "exchange": exch, "flags": flags}, found


def notifies(found):
    return {struct.unpack("!H", n[2:4])[0]: n[4 + n[1]:] for n in found.get(PT_N, [])}


def udp(src=None, port=0):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind((src or "0.0.0.0", port))
    return s


def prf(key, data):
    return hmac.new(key, data, hashlib.sha256).digest()


def prf_plus(key, seed, length):
    out, t, i = b"", b"", 1
    while len(out) < length:
        t = prf(key, t + seed + bytes([i]))
        out += t
        i += 1
    return out[:length]


def cmd_integrity(dst, src, intact):
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

    s = udp(src, SRC_PORT)
    s.settimeout(10)
    spi_i, ni = os.urandom(8), os.urandom(32)
    x, pub = modp_key()
    s.sendto(sa_init(spi_i, ni, pub), (dst, PORT))
    resp, _ = s.recvfrom(65535)
    hdr, found = parse(resp)
    if PT_KE not in found:
        sys.exit("no KE in the IKE_SA_INIT answer (notifies %s)" % list(notifies(found)))
    gr = int.from_bytes(found[PT_KE][0][4:], "big")
    nr = found[PT_NONCE][0]
    gir = pow(gr, x, MODP2048_P).to_bytes(256, "big")
    skeyseed = prf(ni + nr, gir)
    km = prf_plus(skeyseed, ni + nr + spi_i + hdr["spi_r"], 7 * 32)
    sk_ai, sk_ei = km[32:64], km[96:128]
    # IDi (fqdn) and AUTH (shared key MIC): any content, it is sealed
    _, inner = payloads([(PT_IDI, b"\x02\x00\x00\x00" + b"inject.example.com", False),
                         (PT_AUTH, b"\x02\x00\x00\x00" + os.urandom(32), False)])
    pad = (16 - (len(inner) + 1) % 16) % 16
    plain = inner + bytes(pad) + bytes([pad])
    iv = os.urandom(16)
    enc = Cipher(algorithms.AES(sk_ei), modes.CBC(iv)).encryptor()
    ct = enc.update(plain) + enc.finalize()
    sk_body = iv + ct
    total = 28 + 4 + len(sk_body) + 16
    msg = (header(spi_i, hdr["spi_r"], PT_SK, EX_AUTH, FLAG_I, 1, total) +
           struct.pack("!BBH", PT_IDI, 0, 4 + len(sk_body) + 16) + sk_body)
    msg += hmac.new(sk_ai, msg, hashlib.sha256).digest()[:16]
    if not intact:
        b = bytearray(msg)
        b[28 + 4 + 16 + 5] ^= 0x10	# one bit of the first ciphertext block
        msg = bytes(b)
    s.sendto(msg, (dst, PORT))


def cmd_critical(dst):
    """An IKE_SA_INIT with payload type 200 (private use) marked critical:
    the answer must be UNSUPPORTED_CRITICAL_PAYLOAD naming type 200."""
    s = udp()
    s.sendto(sa_init(os.urandom(8), os.urandom(32), modp_key()[1],
                     extra=[(200, b"vgate", True)]), (dst, PORT))
    if not select.select([s], [], [], 5)[0]:
        sys.exit("no answer to the unknown critical payload")
    _, found = parse(s.recv(65535))
    got = notifies(found)
    if got.get(N_UNSUPPORTED_CRITICAL) != bytes([200]):
        sys.exit("answer without UNSUPPORTED_CRITICAL_PAYLOAD(200): %r" % got)


def cmd_flood(dst, first, count, seconds, rate, echo):
    base = ipaddress.IPv4Address(first)
    socks = [udp(str(base + i), SRC_PORT) for i in range(count)]
    for so in socks:
        so.setblocking(False)
    _, pub = modp_key()
    stats = {"sent": 0, "cookie": 0, "answered": 0, "other": 0, "echoed": 0}
    pending = {}		# socket -> (spi, nonce) of the last request
    end, gap, i = time.time() + seconds, 1.0 / rate, 0
    nxt = time.time()
    while time.time() < end:
        now = time.time()
        if now >= nxt:
            so = socks[i % count]
            i += 1
            spi, nonce = os.urandom(8), os.urandom(32)
            pending[so] = (spi, nonce)
            so.sendto(sa_init(spi, nonce, pub), (dst, PORT))
            stats["sent"] += 1
            nxt += gap
        ready, _, _ = select.select(socks, [], [], max(0, min(nxt - time.time(), 0.05)))
        for so in ready:
            try:
                data = so.recv(65535)
            except BlockingIOError:
                continue
            hdr, found = parse(data)
            ns = notifies(found)
            if N_COOKIE in ns:
                stats["cookie"] += 1
                if echo and so in pending:
                    spi, nonce = pending[so]
                    so.sendto(sa_init(spi, nonce, pub, cookie=ns[N_COOKIE]), (dst, PORT))
                    stats["echoed"] += 1
            elif PT_KE in found:
                stats["answered"] += 1
            else:
                stats["other"] += 1
    print(json.dumps(stats))


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    cmd, dst = argv[1], argv[2]
    if cmd == "unknown-spi":
        msg = message(os.urandom(8), os.urandom(8), EX_INFO, FLAG_I, 0,
                      [(PT_SK, os.urandom(64), False)])
    elif cmd == "bad-msgid":
        # far outside any window: RFC 7296 §2.3
        msg = message(bytes.fromhex(argv[3]), bytes.fromhex(argv[4]), EX_INFO,
                      FLAG_I, 0x7FFFFF00, [(PT_SK, os.urandom(64), False)])
    elif cmd == "truncated":
        msg = sa_init(os.urandom(8), os.urandom(32), modp_key()[1])[:100]
    elif cmd == "critical":
        cmd_critical(dst)
        return
    elif cmd == "integrity":
        cmd_integrity(dst, argv[3], "--intact" in argv)
        return
    elif cmd == "flood":
        cmd_flood(dst, argv[3], int(argv[4]), float(argv[5]), float(argv[6]),
                  "--echo-cookie" in argv)
        return
    else:
        sys.exit(__doc__)
    udp().sendto(msg, (dst, PORT))


if __name__ == "__main__":
    main(sys.argv)
