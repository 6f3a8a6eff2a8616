#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Copyright (C) 2026 The vgate authors
#
# vici.py SOCKET COMMAND [KEY=VALUE...]: one request to charon's VICI
# socket (a unix socket path), the answer as JSON on stdout.
#
# Commands that stream their answer as events (list-sas, list-conns,
# list-policies, list-certs, list-authorities, list-pools with leases)
# print {"events": [...], "response": {...}}; the others print the
# response message.  A KEY=VALUE with a comma-separated VALUE and a KEY
# ending in [] is sent as a list (e.g. "child[]=a").  The exit status is
# 1 if the response says success=no, 2 on a protocol or socket error.
#
# The protocol (strongSwan's src/libcharon/plugins/vici/README.md): a
# packet is a 32-bit big-endian length, a type octet, for named types a
# name (8-bit length), then a message of elements: section start/end,
# key-value (8-bit key length, 16-bit value length), list start, list
# item, list end.  Nothing of strongSwan's own client is used.

import json
import socket
import struct
import sys

CMD_REQUEST, CMD_RESPONSE, CMD_UNKNOWN = 0, 1, 2
EVENT_REGISTER, EVENT_UNREGISTER, EVENT_CONFIRM, EVENT_UNKNOWN, EVENT = \
    3, 4, 5, 6, 7
SECTION_START, SECTION_END, KEY_VALUE, LIST_START, LIST_ITEM, LIST_END = \
    1, 2, 3, 4, 5, 6

# Commands whose answer comes as events, and the event's name.
STREAMED = {
    "list-sas": "list-sa",
    "list-conns": "list-conn",
    "list-policies": "list-policy",
    "list-certs": "list-cert",
    "list-authorities": "list-authority",
}


class ViciError(Exception):
    pass


def encode(msg):
    out = bytearray()
    for key, value in msg.items():
        k = key.encode()
        if isinstance(value, dict):
            out += bytes([SECTION_START, len(k)]) + k + encode(value)
            out.append(SECTION_END)
        elif isinstance(value, list):
            out += bytes([LIST_START, len(k)]) + k
            for item in value:
                v = str(item).encode()
                out += bytes([LIST_ITEM]) + struct.pack(">H", len(v)) + v
            out.append(LIST_END)
        else:
            v = str(value).encode()
            out += bytes([KEY_VALUE, len(k)]) + k
            out += struct.pack(">H", len(v)) + v
    return bytes(out)


def decode(data):
    stack = [{}]
    lst = None
    i = 0

    def name():
        nonlocal i
        n = data[i]
        s = data[i + 1:i + 1 + n].decode(errors="replace")
        i += 1 + n
        return s

    def value():
        nonlocal i
        (n,) = struct.unpack(">H", data[i:i + 2])
        s = data[i + 2:i + 2 + n].decode(errors="replace")
        i += 2 + n
        return s

    while i < len(data):
        t = data[i]
        i += 1
        if t == SECTION_START:
            sec = {}
            stack[-1][name()] = sec
            stack.append(sec)
        elif t == SECTION_END:
            stack.pop()
        elif t == KEY_VALUE:
            k = name()
            stack[-1][k] = value()
        elif t == LIST_START:
            lst = []
            stack[-1][name()] = lst
        elif t == LIST_ITEM:
            lst.append(value())
        elif t == LIST_END:
            lst = None
        else:
            raise ViciError("bad element type %d" % t)
    return stack[0]


class Vici:
    def __init__(self, path):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(60)
        self.sock.connect(path)

    def send(self, ptype, name=None, msg=b""):
        body = bytes([ptype])
        if name is not None:
            n = name.encode()
            body += bytes([len(n)]) + n
        body += msg
        self.sock.sendall(struct.pack(">I", len(body)) + body)

    def recv_exact(self, n):
        buf = b""
        while len(buf) < n:
            chunk = self.sock.recv(n - len(buf))
            if not chunk:
                raise ViciError("connection closed")
            buf += chunk
        return buf

    def recv(self):
        (n,) = struct.unpack(">I", self.recv_exact(4))
        body = self.recv_exact(n)
        ptype, rest, name = body[0], body[1:], None
        if ptype == EVENT:
            name = rest[1:1 + rest[0]].decode()
            rest = rest[1 + rest[0]:]
        return ptype, name, rest

    def event_ctl(self, ptype, event):
        self.send(ptype, event)
        got, _, _ = self.recv()
        if got != EVENT_CONFIRM:
            raise ViciError("event %s not confirmed (%d)" % (event, got))

    def request(self, cmd, msg):
        event = STREAMED.get(cmd)
        events = []
        if event:
            self.event_ctl(EVENT_REGISTER, event)
        self.send(CMD_REQUEST, cmd, encode(msg))
        while True:
            ptype, name, rest = self.recv()
            if ptype == EVENT and name == event:
                events.append(decode(rest))
            elif ptype == CMD_RESPONSE:
                response = decode(rest)
                break
            elif ptype == CMD_UNKNOWN:
                raise ViciError("unknown command %s" % cmd)
        if event:
            self.event_ctl(EVENT_UNREGISTER, event)
            return {"events": events, "response": response}
        return response


def main(argv):
    if len(argv) < 3:
        sys.stderr.write("usage: vici.py SOCKET COMMAND [KEY=VALUE...]\n")
        return 2
    msg = {}
    for arg in argv[3:]:
        key, _, value = arg.partition("=")
        if key.endswith("[]"):
            msg[key[:-2]] = value.split(",") if value else []
        else:
            msg[key] = value
    try:
        answer = Vici(argv[1]).request(argv[2], msg)
    except (OSError, ViciError, struct.error, IndexError) as e:
        sys.stderr.write("vici.py: %s: %s\n" % (argv[2], e))
        return 2
    json.dump(answer, sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")
    resp = answer.get("response", answer)
    return 1 if resp.get("success") == "no" else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
