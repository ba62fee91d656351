#!/usr/bin/env python3
"""DKIM keys from DNS, end to end: a message signed here verifies through the CLI, whose
[dkim] nameserver points at a DNS server this test runs on 127.0.0.1 (nothing is sent
anywhere else). A missing key is a permanent error, a failing server a temporary one.

usage: dkim_dns_test.py LUREGUARD      (prints "N passed, N failed")
"""
import base64
import hashlib
import json
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import unittest
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

LG = None
NXDOMAIN, SERVFAIL = 3, 2


class LoopbackDns:
    """Answers TXT questions on 127.0.0.1 over UDP (RFC 1035 4.1) from `records`: a name maps
    to a list of character-strings (one TXT record) or to an RCODE."""

    def __init__(self, records):
        self.records = records
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.settimeout(0.05)
        self.port = self.sock.getsockname()[1]
        self.stop = False
        self.thread = threading.Thread(target=self.serve, daemon=True)
        self.thread.start()

    def close(self):
        self.stop = True
        self.thread.join()
        self.sock.close()

    def serve(self):
        while not self.stop:
            try:
                query, peer = self.sock.recvfrom(4096)
            except socket.timeout:
                continue
            reply = self.answer(query)
            if reply:
                self.sock.sendto(reply, peer)

    def answer(self, q):
        at, labels = 12, []
        while at < len(q) and q[at] != 0 and len(labels) < 128:
            n = q[at]
            labels.append(q[at + 1:at + 1 + n].decode("ascii", "replace").lower())
            at += 1 + n
        at += 5  # the root label, QTYPE, QCLASS
        if at > len(q):
            return b""
        entry = self.records.get(".".join(labels), NXDOMAIN)
        rcode = entry if isinstance(entry, int) else 0
        answer = b""
        if not isinstance(entry, int):
            rdata = b"".join(bytes([len(s)]) + s for s in entry)
            answer = struct.pack(">HHHIH", 0xC00C, 16, 1, 60, len(rdata)) + rdata
        flags = 0x8400 | (q[2] & 0x01) << 8 | 0x80 | rcode
        header = q[:2] + struct.pack(">HHHHH", flags, 1, 1 if answer else 0, 0, 0)
        return header + q[12:at] + answer


def dkim_sign(message, key, selector, domain="example.com"):
    """`message` (CRLF lines) with an ed25519-sha256 DKIM-Signature, c=simple/simple
    ([RFC 6376] 3.4.1, 3.4.3, 3.7; [RFC 8463] 3)."""
    head, body = message.split(b"\r\n\r\n", 1)
    body = body.rstrip(b"\r\n") + b"\r\n"
    fields = {l.split(b":", 1)[0].lower(): l + b"\r\n" for l in head.split(b"\r\n")}
    sig = (b"DKIM-Signature: v=1; a=ed25519-sha256; c=simple/simple; d=" + domain.encode() +
           b"; s=" + selector.encode() + b"; h=from:to:subject; bh=" +
           base64.b64encode(hashlib.sha256(body).digest()) + b"; b=")
    data = fields[b"from"] + fields[b"to"] + fields[b"subject"] + sig
    b = base64.b64encode(key.sign(hashlib.sha256(data).digest()))
    return sig + b + b"\r\n" + message


MESSAGE = (b"From: Jane Doe <jane@example.com>\r\nTo: bob@example.org\r\n"
           b"Subject: Quarterly numbers\r\n\r\nHello Bob, the numbers are attached.\r\n")


class DkimDns(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = Path(self.tmp.name)
        self.key = Ed25519PrivateKey.generate()
        raw = self.key.public_key().public_bytes(serialization.Encoding.Raw,
                                                 serialization.PublicFormat.Raw)
        record = b"v=DKIM1; k=ed25519; p=" + base64.b64encode(raw)
        # [RFC 6376] 3.6.2.2: the strings of one record are concatenated.
        strings = [record[i:i + 16] for i in range(0, len(record), 16)]
        self.dns = LoopbackDns({"sel._domainkey.example.com": strings,
                                "broken._domainkey.example.com": SERVFAIL})
        self.config = self.dir / "dns.toml"
        self.config.write_text(f'[dkim]\nresolver = "dns"\nnameserver = "127.0.0.1:{self.dns.port}"\n')

    def tearDown(self):
        self.dns.close()
        self.tmp.cleanup()

    def scan(self, message):
        path = self.dir / "m.eml"
        path.write_bytes(message)
        p = subprocess.run([LG, "scan", "-f", "jsonl", "--config", str(self.config), str(path)],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
        self.assertIn(p.returncode, (0, 1, 2), p.stderr)
        return json.loads(p.stdout.decode().splitlines()[0])

    def test_signed_message_verifies(self):
        r = self.scan(dkim_sign(MESSAGE, self.key, "sel"))
        self.assertTrue(r["objects"][0]["facts"]["dkim"][0].startswith("pass"), r)
        self.assertIn("DKIM_VALID_ALIGNED", {f["symbol"] for f in r["findings"]})

    def test_tampered_signature_fails(self):
        signed = dkim_sign(MESSAGE, self.key, "sel").replace(b"Quarterly", b"Quarterlx")
        r = self.scan(signed)
        self.assertIn("DKIM_SIGNATURE_INVALID", {f["symbol"] for f in r["findings"]})

    def test_missing_key_and_failing_server(self):
        gone = self.scan(dkim_sign(MESSAGE, self.key, "gone"))["objects"][0]["facts"]["dkim"][0]
        self.assertTrue(gone.startswith("permerror (no key)"), gone)
        broken = self.scan(dkim_sign(MESSAGE, self.key, "broken"))["objects"][0]["facts"]["dkim"][0]
        self.assertTrue(broken.startswith("temperror"), broken)


if __name__ == "__main__":
    LG = sys.argv[1]
    suite = unittest.defaultTestLoader.loadTestsFromTestCase(DkimDns)
    result = unittest.TextTestRunner(verbosity=2).run(suite)
    failed = len(result.failures) + len(result.errors)
    print(f"{result.testsRun - failed} passed, {failed} failed")
    sys.exit(1 if failed else 0)
