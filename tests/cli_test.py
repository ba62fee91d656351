#!/usr/bin/env python3
"""The CLI's contract: inputs (file, directory, mbox, Maildir, stdin), formats, exit codes,
ordering under --jobs, `symbols`, `version` and config errors.

usage: cli_test.py LUREGUARD REPO_ROOT      (prints "N passed, N failed")
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

LG = REPO = None

CLEAN = (b"From: Alice <alice@example.org>\nTo: bob@example.org\nSubject: lunch\n"
         b"Message-ID: <1@example.org>\n\nSee you at noon.\n")
# An attachment whose name hides ".exe" behind U+202E and whose bytes are a PE header.
PE = b"MZ" + b"\0" * 0x3A + (0x40).to_bytes(4, "little") + b"PE\0\0" + b"\x4c\x01" + b"\0" * 18
MALICIOUS = (b"From: HR <hr@example.net>\nTo: bob@example.org\nSubject: offer\n"
             b"MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b\n\n--b\n"
             b"Content-Type: text/plain\n\nsee attached\n--b\nContent-Type: application/pdf\n"
             b"Content-Disposition: attachment; filename*=utf-8''offer%E2%80%AEfdp.exe\n"
             b"Content-Transfer-Encoding: base64\n\n" +
             __import__("base64").encodebytes(PE) + b"--b--\n")


# [RFC 8463] Appendix A: a message signed with Ed25519 and RSA, and the two key records.
RFC8463 = (
    b"DKIM-Signature: v=1; a=ed25519-sha256; c=relaxed/relaxed;\r\n"
    b" d=football.example.com; i=@football.example.com;\r\n"
    b" q=dns/txt; s=brisbane; t=1528637909; h=from : to :\r\n"
    b" subject : date : message-id : from : subject : date;\r\n"
    b" bh=2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=;\r\n"
    b" b=/gCrinpcQOoIfuHNQIbq4pgh9kyIK3AQUdt9OdqQehSwhEIug4D11Bus\r\n"
    b" Fa3bT3FY5OsU7ZbnKELq+eXdp1Q1Dw==\r\n"
    b"DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed;\r\n"
    b" d=football.example.com; i=@football.example.com;\r\n"
    b" q=dns/txt; s=test; t=1528637909; h=from : to : subject :\r\n"
    b" date : message-id : from : subject : date;\r\n"
    b" bh=2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=;\r\n"
    b" b=F45dVWDfMbQDGHJFlXUNB2HKfbCeLRyhDXgFpEL8GwpsRe0IeIixNTe3\r\n"
    b" DhCVlUrSjV4BwcVcOF6+FF3Zo9Rpo1tFOeS9mPYQTnGdaSGsgeefOsk2Jz\r\n"
    b" dA+L10TeYt9BgDfQNZtKdN1WO//KgIqXP7OdEFE4LjFYNcUxZQ4FADY+8=\r\n"
    b"From: Joe SixPack <joe@football.example.com>\r\n"
    b"To: Suzie Q <suzie@shopping.example.net>\r\n"
    b"Subject: Is dinner ready?\r\n"
    b"Date: Fri, 11 Jul 2003 21:00:37 -0700 (PDT)\r\n"
    b"Message-ID: <20030712040037.46341.5F8J@football.example.com>\r\n"
    b"\r\n"
    b"Hi.\r\n\r\nWe lost the game.  Are you hungry yet?\r\n\r\nJoe.\r\n")
RFC8463_KEYS = (
    b"brisbane._domainkey.football.example.com "
    b"v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=\n"
    b"test._domainkey.football.example.com v=DKIM1; k=rsa; "
    b"p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDkHlOQoBTzWRiGs5V6NpP3idY6Wk08a5qhdR6wy5bdOKb2jLQi"
    b"Y/J16JYi0Qvx/byYzCNb3W91y3FutACDfzwQ/BC/e/8uBsCR+yz1Lxj+PL6lHvqMKrM3rG4hstT5QjvHO9PzoxZyVYL"
    b"zBfO2EeC3Ip3G+2kryOTIKT+l/K4w3QIDAQAB\n")


def symbols(report):
    return {f["symbol"] for f in report["findings"]}


def facts(report):
    return report["objects"][0]["facts"]


def run(*args, stdin=None):
    return subprocess.run([LG, *args], input=stdin, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, check=False)


def jsonl(proc):
    return [json.loads(l) for l in proc.stdout.decode().splitlines()]


class Cli(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = Path(self.tmp.name)

    def tearDown(self):
        self.tmp.cleanup()

    def write(self, name, data):
        p = self.dir / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data)
        return p

    def test_exit_codes(self):
        self.assertEqual(run("scan", str(self.write("c.eml", CLEAN))).returncode, 0)
        self.assertEqual(run("scan", str(self.write("m.eml", MALICIOUS))).returncode, 2)
        p = run("scan", str(self.dir / "c.eml"), str(self.dir / "missing.eml"))
        self.assertEqual(p.returncode, 3)
        self.assertIn(b"missing.eml", p.stderr)

    def test_malicious_findings(self):
        r = jsonl(run("scan", "--format", "jsonl", str(self.write("m.eml", MALICIOUS))))[0]
        symbols = {f["symbol"] for f in r["findings"]}
        self.assertIn("FILENAME_RTLO", symbols)
        self.assertIn("EXECUTABLE_ATTACHMENT", symbols)
        self.assertIn("TYPE_MISMATCH", symbols)
        self.assertEqual(r["verdict"], "malicious")
        self.assertEqual(r["message"]["subject"], "offer")
        self.assertEqual(r["objects"][1]["type"], "pe")

    def test_stdin(self):
        r = jsonl(run("scan", "--format", "jsonl", "-", stdin=CLEAN))
        self.assertEqual(len(r), 1)
        self.assertEqual(r[0]["message"]["subject"], "lunch")

    def test_mbox_split_and_order(self):
        mbox = b""
        for i in range(5):
            mbox += b"From sender@example.org Mon Nov 16 09:00:00 2026\n"
            mbox += CLEAN.replace(b"lunch", b"msg %d" % i) + b"\n"
        p = self.write("box.mbox", mbox)
        r = jsonl(run("scan", "--format", "jsonl", str(p)))
        self.assertEqual([x["message"]["subject"] for x in r], [f"msg {i}" for i in range(5)])
        self.assertTrue(r[0]["input"]["name"].endswith("box.mbox#1"))

    def test_directory_maildir_and_jobs_order(self):
        for i in range(30):
            sub = "cur" if i % 2 else "new"
            self.write(f"md/{sub}/{i:03d}", CLEAN.replace(b"lunch", b"n%03d" % i))
        self.write("md/tmp/ignored", MALICIOUS)  # Maildir's tmp/ holds unfinished deliveries
        one = jsonl(run("scan", "--format", "jsonl", "--jobs", "1", str(self.dir / "md")))
        many = jsonl(run("scan", "--format", "jsonl", "--jobs", "4", str(self.dir / "md")))
        self.assertEqual(len(one), 30)
        self.assertEqual([r["input"]["name"] for r in one], [r["input"]["name"] for r in many])
        self.assertTrue(all(r["verdict"] == "clean" for r in one))

    def test_json_is_an_array_and_text_has_summary(self):
        p = self.write("c.eml", CLEAN)
        arr = json.loads(run("scan", "--format", "json", str(p), str(p)).stdout)
        self.assertEqual(len(arr), 2)
        text = run("scan", "--color", "never", str(self.write("m.eml", MALICIOUS))).stdout.decode()
        self.assertIn("MALICIOUS", text)
        self.assertIn("FILENAME_RTLO", text)
        self.assertNotIn("\u202e", text)  # the bidi trick is shown, never applied
        self.assertNotIn("\x1b[", text)
        self.assertIn("1 malicious", text)

    def test_symbols_and_config(self):
        table = json.loads(run("symbols", "--format", "json").stdout)
        names = {s["name"] for s in table}
        self.assertIn("URL_TEXT_MISMATCH", names)
        cfg = self.write("lg.toml", b"[scoring.weights]\nFILENAME_RTLO = 1\n"
                                    b"EXECUTABLE_ATTACHMENT = 1\nTYPE_MISMATCH = 1\n")
        table = json.loads(run("symbols", "--format", "json", "--config", str(cfg)).stdout)
        rtlo = next(s for s in table if s["name"] == "FILENAME_RTLO")
        self.assertEqual((rtlo["score"], rtlo["default_score"]), (1, 15))
        m = self.write("m.eml", MALICIOUS)
        self.assertEqual(run("scan", "--config", str(cfg), str(m)).returncode, 0)
        bad = self.write("bad.toml", b"[scoring.weights]\nNOT_A_SYMBOL = 3\n")
        p = run("scan", "--config", str(bad), str(m))
        self.assertEqual(p.returncode, 3)
        self.assertIn(b"NOT_A_SYMBOL", p.stderr)

    def test_history_first_contact(self):
        db = str(self.dir / "history.db")
        m = self.write("in/c.eml", CLEAN)
        first = jsonl(run("scan", "-f", "jsonl", "--history", db, str(m)))[0]
        self.assertIn("FIRST_CONTACT", symbols(first))
        again = jsonl(run("scan", "-f", "jsonl", "--history", db, str(m)))[0]
        self.assertNotIn("FIRST_CONTACT", symbols(again))
        # A new sender with a payload, several inputs in parallel.
        for i in range(4):
            self.write(f"many/{i}.eml", MALICIOUS.replace(b"hr@example.net", b"hr@new%d.example" % i))
        reports = jsonl(run("scan", "-f", "jsonl", "-j", "3", "--history", db, str(self.dir / "many")))
        self.assertEqual(len(reports), 4)
        for r in reports:
            self.assertIn("FIRST_CONTACT_WITH_PAYLOAD", symbols(r))
        self.assertNotIn("FIRST_CONTACT", symbols(jsonl(run("scan", "-f", "jsonl", str(m)))[0]))
        p = run("scan", "--history", str(self.dir), str(m))  # a directory is no history file
        self.assertEqual(p.returncode, 3)

    def test_history_code_host_and_file_sharing_links(self):
        db = str(self.dir / "links.db")
        task = self.write("task.eml", b"From: Talent <talent@web3-ventures.example>\n"
                          b"To: dev@example.org\nSubject: coding test\n\n"
                          b"Clone https://github.com/web3-ventures/test-task and the brief at "
                          b"https://www.dropbox.com/s/abc/brief.pdf\n")
        r = jsonl(run("scan", "-f", "jsonl", "--history", db, str(task)))[0]
        links = [f["evidence"]["value"] for f in r["findings"]
                 if f["symbol"] == "FIRST_CONTACT_CODE_OR_FILE_LINK"]
        self.assertEqual(links, ["https://github.com/web3-ventures/test-task",
                                 "https://www.dropbox.com/s/abc/brief.pdf"])
        self.assertEqual(r["verdict"], "suspicious")
        again = jsonl(run("scan", "-f", "jsonl", "--history", db, str(task)))[0]
        self.assertNotIn("FIRST_CONTACT_CODE_OR_FILE_LINK", symbols(again))
        # [links] replaces a built-in list: here no host is a code host.
        cfg = self.write("links.toml", b"[links]\ncode_hosts = []\n")
        other = self.write("o.eml", task.read_bytes().replace(b"web3-ventures.example>",
                                                              b"other.example>"))
        r = jsonl(run("scan", "-f", "jsonl", "--config", str(cfg), "--history", db, str(other)))[0]
        links = [f["evidence"]["value"] for f in r["findings"]
                 if f["symbol"] == "FIRST_CONTACT_CODE_OR_FILE_LINK"]
        self.assertEqual(links, ["https://www.dropbox.com/s/abc/brief.pdf"])

    def test_dkim_and_authentication_results(self):
        m = self.write("rfc8463.eml", RFC8463)
        self.write("keys/dkim.txt", RFC8463_KEYS)
        cfg = self.write("auth.toml", b'[dkim]\nresolver = "file"\nkeys = "keys/dkim.txt"\n')
        r = jsonl(run("scan", "-f", "jsonl", "--config", str(cfg), str(m)))[0]
        self.assertEqual([l.split(" ")[0] for l in facts(r)["dkim"]], ["pass", "pass"])
        self.assertIn("DKIM_VALID_ALIGNED", symbols(r))
        # The default looks no key up, yet a changed body is still seen.
        tampered = self.write("t.eml", RFC8463.replace(b"We lost", b"We won"))
        r = jsonl(run("scan", "-f", "jsonl", str(tampered)))[0]
        self.assertIn("DKIM_BODY_MODIFIED", symbols(r))
        r = jsonl(run("scan", "-f", "jsonl", str(m)))[0]
        self.assertTrue(all("unchecked" in l for l in facts(r)["dkim"]))
        self.assertNotIn("DKIM_VALID_ALIGNED", symbols(r))
        # Authentication-Results count only from a configured authserv-id.
        ar = self.write("ar.eml", b"Authentication-Results: mx.corp.example; dmarc=fail "
                                  b"header.from=example.org\n" + CLEAN)
        self.assertNotIn("AUTH_DMARC_FAIL", symbols(jsonl(run("scan", "-f", "jsonl", str(ar)))[0]))
        trust = self.write("trust.toml", b'[auth]\ntrusted_authserv_ids = ["mx.corp.example"]\n')
        r = jsonl(run("scan", "-f", "jsonl", "--config", str(trust), str(ar)))[0]
        self.assertIn("AUTH_DMARC_FAIL", symbols(r))
        self.assertEqual(r["verdict"], "suspicious")
        missing = self.write("missing.toml", b'[dkim]\nresolver = "file"\nkeys = "nope.txt"\n')
        self.assertEqual(run("scan", "--config", str(missing), str(m)).returncode, 3)

    def test_version(self):
        p = run("version")
        self.assertEqual(p.returncode, 0)
        self.assertTrue(p.stdout.startswith(b"lureguard "))

    def test_volume_libraries_loaded_on_first_use(self):
        # No libyal library is linked (src/formats/disk/libyal.h): a scan that meets an NTFS
        # volume loads libfsntfs.so.1 itself and reads the volume.
        dyn = subprocess.run(["readelf", "-d", LG], stdout=subprocess.PIPE, check=True)
        needed = re.findall(r"\(NEEDED\).*\[(.*)\]", dyn.stdout.decode())
        self.assertTrue(needed)
        self.assertEqual([n for n in needed if n.startswith(("libfs", "libbfio"))], [])
        path = os.environ.get("PATH", "") + ":/usr/sbin:/sbin"
        mkntfs = shutil.which("mkntfs", path=path)
        if mkntfs is None:
            self.skipTest("mkntfs (Debian ntfs-3g) not installed")
        img = self.write("volume.img", b"\0" * (2 << 20))
        subprocess.run([mkntfs, "-F", "-f", "-q", "-s", "512", "-c", "512", "-L", "LURE", str(img)],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        p = run("scan", "--format", "jsonl", str(img))
        self.assertLess(p.returncode, 3, p.stderr)
        report = jsonl(p)[0]
        self.assertEqual(facts(report)["file_systems"], ['volume: NTFS "LURE"'])




if __name__ == "__main__":
    LG, REPO = sys.argv[1], sys.argv[2]
    suite = unittest.defaultTestLoader.loadTestsFromTestCase(Cli)
    result = unittest.TextTestRunner(verbosity=2).run(suite)
    failed = len(result.failures) + len(result.errors)
    print(f"{result.testsRun - failed} passed, {failed} failed")
    sys.exit(1 if failed else 0)
