#!/usr/bin/env python3
"""Writes the hand-made example messages in examples/ (run from the repo root).

Every example is inert: "executables" are a bare MZ/PE header with no code, "scripts" are
short text that does nothing. They show what lureguard looks for, not working malware.
"""
import base64
import email.utils
import io
import zipfile
from email.header import Header
from email.mime.application import MIMEApplication
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from pathlib import Path

OUT = Path("examples")
DATE = "Mon, 16 Nov 2026 09:12:00 +0900"

# A minimal PE: DOS header with e_lfanew = 0x40, then "PE\0\0" and a COFF header. No code.
PE = bytearray(b"MZ" + b"\0" * 0x3A + (0x40).to_bytes(4, "little"))
PE += b"PE\0\0" + (0x14C).to_bytes(2, "little") + b"\0" * 18
PE = bytes(PE)



def make_lnk():
    """A shortcut shaped like the ones in the job-offer lures: [MS-SHLLINK] 2.1 header with
    HasName, HasRelativePath, HasArguments, HasIconLocation and IsUnicode, and StringData
    (2.4) whose arguments hide a hidden-window PowerShell command behind whitespace. The
    encoded command only prints a word; there is no target, so nothing would run."""
    flags = 0x04 | 0x08 | 0x20 | 0x40 | 0x80
    header = ((0x4C).to_bytes(4, "little") + bytes.fromhex("0114020000000000c000000000000046")
              + flags.to_bytes(4, "little")
              + b"\0" * 4      # FileAttributes
              + b"\0" * 24     # CreationTime, AccessTime, WriteTime
              + b"\0" * 8      # FileSize, IconIndex
              + (7).to_bytes(4, "little")  # ShowCommand SW_SHOWMINNOACTIVE: no window
              + b"\0" * 12)    # HotKey, Reserved1-3
    hidden = base64.b64encode("Write-Output 'job description'".encode("utf-16-le")).decode()

    def string_data(text):
        return len(text).to_bytes(2, "little") + text.encode("utf-16-le")

    return (header + string_data("Job Description (PDF)") + string_data(".\\Job_Description.pdf")
            + string_data(" " * 280 + "/c powershell -w hidden -enc " + hidden)
            + string_data("%ProgramFiles%\\Microsoft\\Edge\\Application\\msedge.exe")
            + b"\0\0\0\0")  # TerminalBlock ([MS-SHLLINK] 2.5)


LNK = make_lnk()


def finish(msg, name):
    # Fixed boundaries keep the files (and the golden reports) stable across runs.
    for n, part in enumerate(p for p in msg.walk() if p.is_multipart()):
        part.set_boundary(f"=_lureguard_example_{name[:2]}_{n}")
    data = msg.as_bytes()
    (OUT / name).write_bytes(data)


def job_offer():
    m = MIMEMultipart()
    m["From"] = email.utils.formataddr(("Emily Carter | Talent Acquisition", "emily.carter@careers-hr-portal.com"))
    m["To"] = "dev@exchange.example"
    m["Subject"] = "Senior Blockchain Engineer - job description and salary package"
    m["Date"] = DATE
    m["Message-ID"] = "<job-offer-0001@careers-hr-portal.com>"
    m.attach(MIMEText(
        "Hello,\n\nI came across your profile and we would like to offer you a position as Senior\n"
        "Blockchain Engineer. The job description and the salary package are attached.\n"
        "Please open the document on a Windows PC; it is protected under GDPR.\n\n"
        "Best regards,\nEmily Carter\n", "plain", "utf-8"))
    a = MIMEApplication(LNK, "octet-stream")
    a.add_header("Content-Disposition", "attachment", filename="Job_Description_Senior_Engineer.pdf.lnk")
    m.attach(a)
    # U+202E turns "Salary_Package_\u202Efdp.exe" into "Salary_Package_exe.pdf" on screen.
    b = MIMEApplication(PE, "pdf")
    b.add_header("Content-Disposition", "attachment", filename="Salary_Package_\u202efdp.exe")
    m.attach(b)
    finish(m, "01-job-offer-lure.eml")


def exchange_notice():
    html = (
        "<html><body><p>Dear customer,</p>"
        "<p>We detected an unusual sign-in to your account. To keep your assets safe, verify your "
        "identity within 24 hours:</p>"
        '<p><a href="https://binance-account-verify.xyz/login?id=83721">'
        "https://www.binance.com/en/my/security</a></p>"
        "<p>Binance Security Team</p></body></html>")
    m = MIMEMultipart("alternative")
    m["From"] = email.utils.formataddr(("Binance", "no-reply@binance-account-verify.xyz"))
    m["To"] = "trader@example.jp"
    m["Subject"] = "[Binance] Unusual sign-in detected - action required"
    m["Date"] = DATE
    m["Message-ID"] = "<notice-0002@binance-account-verify.xyz>"
    m.attach(MIMEText("Verify your identity: https://binance-account-verify.xyz/login?id=83721\n", "plain", "utf-8"))
    m.attach(MIMEText(html, "html", "utf-8"))
    finish(m, "02-fake-exchange-notice.eml")


def newsletter():
    html = (
        "<html><body><h1>Weekly engineering digest</h1>"
        "<p>This week: Rust 1.95 is out, a look at SQLite's WAL mode, and our meetup schedule.</p>"
        '<p>Read more on <a href="https://blog.example.org/digest/48">blog.example.org</a>.</p>'
        "<p>You receive this because you subscribed. "
        '<a href="https://blog.example.org/unsubscribe">Unsubscribe</a></p></body></html>')
    m = MIMEMultipart("alternative")
    m["From"] = email.utils.formataddr(("Example Engineering", "digest@blog.example.org"))
    m["To"] = "reader@example.com"
    m["Subject"] = "Weekly engineering digest #48"
    m["Date"] = DATE
    m["Message-ID"] = "<digest-48@blog.example.org>"
    m.attach(MIMEText("Weekly engineering digest: https://blog.example.org/digest/48\n", "plain", "utf-8"))
    m.attach(MIMEText(html, "html", "utf-8"))
    finish(m, "03-clean-newsletter.eml")


def japanese():
    # ISO-2022-JP as Japanese mail clients write it, with RFC 2047 B-encoded subject and name.
    body = ("山田様\n\n突然のご連絡失礼いたします。弊社では現在、暗号資産取引所のエンジニアを採用しております。\n"
            "職務経歴書と面接の日程を添付いたしましたので、ご確認ください。\n\n"
            "株式会社ブロックチェーン人材 採用担当\n")
    m = MIMEMultipart()
    m["From"] = Header("採用担当 佐藤", "iso-2022-jp").encode() + " <saiyo@bc-jinzai.example>"
    m["To"] = "yamada@exchange.example.jp"
    m["Subject"] = Header("【採用】暗号資産取引所エンジニアのご案内", "iso-2022-jp")
    m["Date"] = DATE
    m["Message-ID"] = "<saiyo-0004@bc-jinzai.example>"
    m.attach(MIMEText(body, "plain", "iso-2022-jp"))
    # Ideographic spaces push the real extension out of sight in many clients.
    a = MIMEApplication(PE, "octet-stream")
    a.add_header("Content-Disposition", "attachment",
                 filename=("utf-8", "", "面接日程.pdf" + "\u3000" * 12 + ".exe"))
    m.attach(a)
    finish(m, "04-japanese-recruiter.eml")


def korean():
    body = ("안녕하십니까.\n\n블록체인 소프트웨어 개발 계약과 관련하여 투자계약서를 보내드립니다.\n"
            "첨부한 문서를 확인하시고 회신 부탁드립니다.\n\n감사합니다.\n")
    # Inert JScript: it only prints its own path, but has the shape of a dropper's first lines.
    script = ('// Contract viewer\n'
              'var fso = new ActiveXObject("Scripting.FileSystemObject");\n'
              'var path = WScript.ScriptFullName;\n'
              'WScript.Echo("Contract viewer: " + path);\n').encode()
    m = MIMEMultipart()
    m["From"] = Header("김민수 이사", "euc-kr").encode() + " <ms.kim@venture-invest.example>"
    m["To"] = "ceo@coin.example.kr"
    m["Subject"] = Header("블록체인 소프트웨어 개발 계약서 및 투자계약서 송부", "euc-kr")
    m["Date"] = DATE
    m["Message-ID"] = "<contract-0005@venture-invest.example>"
    m.attach(MIMEText(body, "plain", "euc-kr"))
    # Declared as a Hangul document; the bytes are a script.
    a = MIMEApplication(script, "x-hwp")
    a.add_header("Content-Disposition", "attachment", filename=("euc-kr", "ko", "투자계약서.hwp"))
    m.attach(a)
    finish(m, "05-korean-contract.eml")


def smuggled_zip():
    """What the smuggling page below assembles: a ZIP holding the shortcut above and a decoy
    PDF page (fixed timestamps, so the bytes never change)."""
    decoy = (b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
             b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
             + b"% Senior Blockchain Engineer - job description\n" * 24 + b"%%EOF\n")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as z:
        for name, data in (("Job_Description.pdf.lnk", LNK), ("About_the_company.pdf", decoy)):
            info = zipfile.ZipInfo(name, date_time=(2026, 11, 16, 9, 0, 0))
            z.writestr(info, data)
    return out.getvalue()


def html_smuggling():
    """A recruiter message whose HTML attachment "downloads" the job description: base64 in a
    script, atob, a Blob and an <a download> click (the HTML smuggling of T1027.006). Opened in
    a browser it would save the ZIP above; here it is only bytes."""
    payload = base64.b64encode(smuggled_zip()).decode()
    page = (
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Job description</title></head>\n"
        "<body><h2>Senior Blockchain Engineer</h2>\n"
        "<p>Your download will start automatically. If it does not, refresh this page.</p>\n"
        "<script>\n"
        f"var d = \"{payload}\";\n"
        "var r = window.atob(d), u = new Uint8Array(r.length);\n"
        "for (var i = 0; i < r.length; i++) { u[i] = r.charCodeAt(i); }\n"
        "var b = new Blob([u], {type: 'application/zip'});\n"
        "var a = document.createElement('a');\n"
        "a.href = window.URL.createObjectURL(b);\n"
        "a.download = 'Job_Description_Senior_Engineer.zip';\n"
        "document.body.appendChild(a); a.click();\n"
        "</script></body></html>\n")
    m = MIMEMultipart()
    m["From"] = email.utils.formataddr(("Daniel Park | Recruiting", "daniel.park@talent-bridge-hr.com"))
    m["To"] = "dev@exchange.example"
    m["Subject"] = "Re: Senior Blockchain Engineer opening - job description"
    m["Date"] = DATE
    m["Message-ID"] = "<jd-0006@talent-bridge-hr.com>"
    m.attach(MIMEText(
        "Hi,\n\nThanks for your interest in the Senior Blockchain Engineer role. Our portal\n"
        "blocks attachments, so the job description opens from the attached page: open it in\n"
        "your browser and the document downloads by itself.\n\nBest regards,\nDaniel Park\n",
        "plain", "utf-8"))
    a = MIMEText(page, "html", "utf-8")
    a.add_header("Content-Disposition", "attachment", filename="Job_Description.html")
    m.attach(a)
    finish(m, "06-html-smuggling-recruiter.eml")
def fat12_volume(files):
    """A 32 KiB FAT12 volume ("Microsoft EFI FAT32 File System Specification" 3, 4, 6, 7):
    64 sectors of 512 bytes, one sector per cluster, one FAT sector, a 16-entry root
    directory; each file gets a long name and a short name "FILEn.EXT"."""
    sectors, root_entries = 64, 16
    vol = bytearray(sectors * 512)
    vol[0:3] = b"\xEB\x3C\x90"
    vol[3:11] = b"MSWIN4.1"
    bpb = (512).to_bytes(2, "little") + b"\x01" + (1).to_bytes(2, "little") + b"\x02"
    bpb += root_entries.to_bytes(2, "little") + sectors.to_bytes(2, "little") + b"\xF8"
    bpb += (1).to_bytes(2, "little")
    vol[11:11 + len(bpb)] = bpb
    vol[38] = 0x29
    vol[43:62] = b"JOBOFFER   FAT12   "
    vol[510:512] = b"\x55\xAA"
    fat = {0: 0xFF8, 1: 0xFFF}
    root, cluster = bytearray(), 2
    for n, (name, data) in enumerate(files, 1):
        count = (len(data) + 511) // 512
        for i in range(count):
            fat[cluster + i] = cluster + i + 1 if i + 1 < count else 0xFFF
            at = (4 + cluster + i - 2) * 512
            chunk = data[i * 512:(i + 1) * 512]
            vol[at:at + len(chunk)] = chunk
        ext = name.rsplit(".", 1)[1].upper()[:3].encode()
        short = (b"FILE%d" % n).ljust(8) + ext.ljust(3)
        checksum = 0
        for c in short:
            checksum = (((checksum & 1) << 7) + (checksum >> 1) + c) & 0xFF
        units = name.encode("utf-16-le") + b"\0\0"
        pieces = (len(name) + 12) // 13
        units = units.ljust(pieces * 26, b"\xFF")
        for k in range(pieces, 0, -1):
            u = units[(k - 1) * 26:k * 26]
            e = bytes([k | (0x40 if k == pieces else 0)]) + u[0:10] + b"\x0F\x00"
            e += bytes([checksum]) + u[10:22] + b"\0\0" + u[22:26]
            root += e
        root += short + b"\x20" + b"\0" * 8 + b"\0\0" + b"\0" * 4
        root += cluster.to_bytes(2, "little") + len(data).to_bytes(4, "little")
        cluster += count
    vol[4 * 512 - 512:4 * 512 - 512 + len(root)] = root  # root directory at sector 3
    table = bytearray(512)
    for c, v in fat.items():
        off = c + c // 2
        cur = int.from_bytes(table[off:off + 2], "little")
        cur = (cur & 0x000F) | (v << 4) if c & 1 else (cur & 0xF000) | v
        table[off:off + 2] = cur.to_bytes(2, "little")
    vol[512:1024] = table
    vol[1024:1536] = table
    return bytes(vol)


def fixed_vhd(disk):
    """A fixed VHD ("Virtual Hard Disk Image Format Specification"): the disk, then the
    512-byte footer (cookie "conectix", disk type 2)."""
    f = bytearray(512)
    f[0:8] = b"conectix"
    f[8:12] = (2).to_bytes(4, "big")
    f[12:16] = (0x10000).to_bytes(4, "big")
    f[16:24] = b"\xFF" * 8
    f[28:32] = b"win "
    f[40:48] = len(disk).to_bytes(8, "big")
    f[48:56] = len(disk).to_bytes(8, "big")
    f[60:64] = (2).to_bytes(4, "big")
    f[64:68] = (~sum(f) & 0xFFFFFFFF).to_bytes(4, "big")
    return disk + bytes(f)


def disk_image():
    """A virtual disk (VHD) mounted with a double-click: a shortcut named like the PDF next to
    the decoy PDF itself (threats.md: disk images to dodge Mark-of-the-Web)."""
    pdf = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    vhd = fixed_vhd(fat12_volume([("Job Description.pdf.lnk", LNK), ("Job Description.pdf", pdf)]))
    m = MIMEMultipart()
    m["From"] = email.utils.formataddr(("Daniel Moore | HR", "daniel.moore@talent-bridge-partners.com"))
    m["To"] = "engineer@wallet.example"
    m["Subject"] = "Interview next week - role details (disk image)"
    m["Date"] = DATE
    m["Message-ID"] = "<disk-image-0006@talent-bridge-partners.com>"
    m.attach(MIMEText(
        "Hi,\n\nThanks for your interest. The role details are in the attached disk image:\n"
        "double-click it and open the job description inside.\n\nBest,\nDaniel\n",
        "plain", "utf-8"))
    a = MIMEApplication(vhd, "octet-stream")
    a.add_header("Content-Disposition", "attachment", filename="Job_Description.vhd")
    m.attach(a)
    finish(m, "07-disk-image-lure.eml")
def lookalike_links():
    # An "OTC settlement" notice from a domain that wears a brand, with the link tricks the
    # look-alike checks know: a homoglyph domain (Cyrillic a), a shortener, a raw IP, a
    # brand written as user information, a code host, a data: page and a file: share. All
    # hosts are made up or documentation ranges; nothing is fetched.
    html = (
        "<html><body><p>Dear partner,</p>"
        "<p>Our OTC desk has moved. Sign in to the new portal to confirm your settlement details:</p>"
        '<p><a href="https://coinb\u0430se.com/otc/login">https://www.coinbase.com/otc</a></p>'
        '<p>Settlement schedule: <a href="https://bit.ly/3otcDesk">bit.ly/3otcDesk</a></p>'
        '<p>Backup copy: <a href="http://45.77.120.3/settlement.zip">settlement.zip</a></p>'
        '<p>Account page: <a href="https://www.coinbase.com@coinbase-otc.example/account">'
        "www.coinbase.com/account</a></p>"
        '<p>Reconciliation tool: <a href="https://github.com/cb-otc-desk/settlement-tool">'
        "settlement-tool</a></p>"
        '<p><a href="data:text/html;base64,PGgxPk9UQzwvaDE+">Open the statement</a> or the '
        '<a href="file://198.51.100.20/otc/statement.lnk">shared copy</a>.</p>'
        "<p>Coinbase Institutional</p></body></html>")
    m = MIMEMultipart("alternative")
    m["From"] = email.utils.formataddr(("Coinbase Institutional", "otc@coinbase-institutional.com"))
    m["To"] = "treasury@exchange.example"
    m["Subject"] = "OTC desk moved - confirm your settlement details"
    m["Date"] = DATE
    m["Message-ID"] = "<otc-0006@coinbase-institutional.com>"
    m.attach(MIMEText("Sign in to the new portal: https://coinb\u0430se.com/otc/login\n", "plain", "utf-8"))
    m.attach(MIMEText(html, "html", "utf-8"))
    finish(m, "08-lookalike-links.eml")


if __name__ == "__main__":
    OUT.mkdir(exist_ok=True)
    job_offer()
    exchange_notice()
    newsletter()
    japanese()
    korean()
    html_smuggling()
    disk_image()
    lookalike_links()
