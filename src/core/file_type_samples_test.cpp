// identify() on generated samples: one or more per type that the shared corpora lack, plus
// edge cases (truncation, look-alikes, ordering between checks).
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "core/file_type.h"

namespace lg {
namespace {

using namespace std::string_literals;

FileType id(const std::string& s) { return identify(as_bytes(s)); }
FileType id(const Bytes& b) { return identify(b); }

void put(Bytes& b, std::size_t off, std::string_view s) {
  std::copy(s.begin(), s.end(), b.begin() + static_cast<std::ptrdiff_t>(off));
}
void put_u32le(Bytes& b, std::size_t off, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) b[off + i] = static_cast<std::uint8_t>(v >> (8 * i));
}
void put_u32be(Bytes& b, std::size_t off, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) b[off + i] = static_cast<std::uint8_t>(v >> (8 * (3 - i)));
}

#define EXPECT_TYPE(data, type) EXPECT_EQ(file_type_name(id(data)), file_type_name(type))

TEST(FileTypeSamples, EmptyAndTiny) {
  EXPECT_EQ(identify({}), FileType::kUnknown);
  EXPECT_TYPE("\0"s, FileType::kUnknown);
  EXPECT_TYPE("MZ"s, FileType::kText);  // no PE header: just two letters
  EXPECT_TYPE("PK\x03\x04"s, FileType::kZip);
  EXPECT_TYPE("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"s, FileType::kOle2);
}

TEST(FileTypeSamples, Executables) {
  Bytes pe(0x100, 0);
  put(pe, 0, "MZ");
  put_u32le(pe, 0x3C, 0x80);
  put(pe, 0x80, "PE\0\0"s);
  EXPECT_TYPE(pe, FileType::kPe);
  put_u32le(pe, 0x3C, 0xFFFFFFF0);  // e_lfanew past the end
  EXPECT_TYPE(pe, FileType::kUnknown);

  EXPECT_TYPE(
      "\x7F"
      "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0"s,
      FileType::kElf);
  EXPECT_TYPE(
      "\x7F"
      "ELF\x07\x01\x01\0"s,
      FileType::kUnknown);
  EXPECT_TYPE("\xCF\xFA\xED\xFE\x07\0\0\x01"s, FileType::kMachO);
  EXPECT_TYPE("\xFE\xED\xFA\xCE\0\0\0\x12"s, FileType::kMachO);

  Bytes fat(8 + 2 * 20, 0);
  put_u32be(fat, 0, 0xCAFEBABE);
  put_u32be(fat, 4, 2);
  put_u32be(fat, 8, 0x01000007);
  EXPECT_TYPE(fat, FileType::kMachOFat);
  fat.resize(8 + 20);  // the arch table does not fit
  EXPECT_NE(id(fat), FileType::kMachOFat);
  // A Java class file: minor 0, major 52 where nfat_arch would be.
  EXPECT_TYPE("\xCA\xFE\xBA\xBE\x00\x00\x00\x34\x00\x1D\x0A\x00"s, FileType::kUnknown);
}

TEST(FileTypeSamples, DocumentsAndShortcuts) {
  Bytes lnk(0x4C, 0);
  put_u32le(lnk, 0, 0x4C);
  put(lnk, 4, "\x01\x14\x02\x00\x00\x00\x00\x00\xC0\x00\x00\x00\x00\x00\x00\x46"s);
  EXPECT_TYPE(lnk, FileType::kLnk);
  lnk[19] = 0x47;  // another CLSID
  EXPECT_TYPE(lnk, FileType::kUnknown);

  EXPECT_TYPE("\xE4\x52\x5C\x7B\x8C\xD8\xA7\x4D\xAE\xB1\x53\x78\xD0\x29\x96\xD3\0\0"s,
              FileType::kOneNote);
  EXPECT_TYPE("HWP Document File V3.00 \x1A\x01\x02\x03\x04\x05"s, FileType::kHwp);
  EXPECT_TYPE("{\\rtf1\\ansi hello}"s, FileType::kRtf);
  EXPECT_TYPE("{\\rt{\\object}}"s, FileType::kRtf);
  EXPECT_TYPE("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n"s, FileType::kPdf);
  EXPECT_TYPE(std::string(700, ' ') + "%PDF-1.4\n1 0 obj"s, FileType::kPdf);
  EXPECT_TYPE(std::string(1100, ' ') + "%PDF-1.4\n1 0 obj"s, FileType::kText);
  EXPECT_TYPE("ITSF\x03\0\0\0"s, FileType::kChm);
  EXPECT_TYPE("MSCF\0\0\0\0\x10\x02\0\0"s, FileType::kCab);
}

TEST(FileTypeSamples, ArchivesAndStreams) {
  EXPECT_TYPE("Rar!\x1A\x07\x00\xCF\x90\x73"s, FileType::kRar);
  EXPECT_TYPE("Rar!\x1A\x07\x01\x00\x33\x92"s, FileType::kRar);
  EXPECT_TYPE("7z\xBC\xAF\x27\x1C\x00\x04"s, FileType::kSevenZip);
  EXPECT_TYPE("\x1F\x8B\x08\x00\0\0\0\0\0\x03"s, FileType::kGzip);
  EXPECT_TYPE("BZh91AY&SY"s, FileType::kBzip2);
  EXPECT_TYPE("BZh is not bzip2"s, FileType::kText);
  EXPECT_TYPE(
      "\xFD"
      "7zXZ\0\0\x04\xE6\xD6\xB4\x46"s,
      FileType::kXz);
  EXPECT_TYPE("\x28\xB5\x2F\xFD\x24\x05\x29\0\0"s, FileType::kZstd);
  EXPECT_TYPE("xar!\0\x1C\0\x01\0\0\0\0"s, FileType::kXar);
  EXPECT_TYPE("vhdxfile\0\0\0\0"s, FileType::kVhdx);
  EXPECT_TYPE("EGGA\0\x01\0\0\0\0"s, FileType::kEgg);
  EXPECT_TYPE("ALZ\x01\x0A\0\0\0BLZ\x01"s, FileType::kAlz);
  EXPECT_TYPE("\x24\x1A-lh5-\x10\0\0\0"s, FileType::kLha);
  EXPECT_TYPE("\x60\xEA\x2C\x00\x1E\x0B\x01"s, FileType::kArj);
  EXPECT_TYPE("\x60\xEA\x00\x00\x1E"s, FileType::kUnknown);  // ARJ id with no header
  EXPECT_TYPE("KWAJ\x88\xF0\x27\xD1\x03\0"s, FileType::kSzdd);
  EXPECT_TYPE("\x78\x9F\x3E\x22\x01\0"s, FileType::kTnef);
  // SIS: EPOC release 6 and 3/4/5 UIDs, Symbian 9 UID1 + SISContents; UID3 alone is not one.
  EXPECT_TYPE("\x01\0\0\x10\x12\x3A\0\x10\x19\x04\0\x10"s, FileType::kSis);
  EXPECT_TYPE("\x01\0\0\x10\x6D\0\0\x10\x19\x04\0\x10"s, FileType::kSis);
  EXPECT_TYPE("\x7A\x1A\x20\x10\0\0\0\0\x01\0\0\x10\0\0\0\0\x0C\0\0\0"s, FileType::kSis);
  EXPECT_TYPE("\x01\0\0\x10\x01\0\0\x10\x19\x04\0\x10"s, FileType::kUnknown);
  EXPECT_TYPE("070701000000010000"s, FileType::kCpio);
  EXPECT_TYPE("ID;PWXL;N;E\r\nC;X1;Y1;EEXEC(\"calc\")\r\n"s, FileType::kSylk);
}

Bytes tar_header(bool ustar) {
  Bytes h(1024, 0);
  put(h, 0, "notes.txt");
  put(h, 100, "0000644");
  put(h, 108, "0001750");
  put(h, 116, "0001750");
  put(h, 124, "00000000005");
  put(h, 136, "14507101443");
  h[156] = '0';
  if (ustar)
    put(h, 257,
        "ustar\0"s
        "00");
  unsigned sum = 0;
  for (std::size_t i = 0; i < 512; ++i) sum += (i >= 148 && i < 156) ? ' ' : h[i];
  char buf[9];
  std::snprintf(buf, sizeof buf, "%06o", sum);
  put(h, 148, std::string(buf) + '\0' + ' ');
  return h;
}

TEST(FileTypeSamples, Tar) {
  EXPECT_TYPE(tar_header(true), FileType::kTar);
  Bytes v7 = tar_header(false);
  EXPECT_TYPE(v7, FileType::kTar);
  v7[0] = 'N';  // the checksum no longer matches
  EXPECT_NE(id(v7), FileType::kTar);
}

TEST(FileTypeSamples, DiscImages) {
  Bytes iso(0x8000 + 3 * 2048, 0);
  put(iso, 0x8001, "CD001\x01");
  EXPECT_TYPE(iso, FileType::kIso9660);
  Bytes late(0x8000 + 3 * 2048, 0);
  put(late, 0x9001, "CD001\x01");  // descriptor in a later sector
  EXPECT_TYPE(late, FileType::kIso9660);
  Bytes udf(0x8000 + 3 * 2048, 0);
  put(udf, 0x8001, "BEA01\x01");
  put(udf, 0x8801, "NSR03\x01");
  put(udf, 0x9001, "TEA01\x01");
  EXPECT_TYPE(udf, FileType::kUdf);
  Bytes truncated(iso.begin(), iso.begin() + 0x8003);
  EXPECT_TYPE(truncated, FileType::kUnknown);

  Bytes vhd(4096 + 512, 0);
  put(vhd, 4096, "conectix\0\0\0\x02"s);
  EXPECT_TYPE(vhd, FileType::kVhd);
  Bytes dynamic(1024, 0);
  put(dynamic, 0, "conectix");
  EXPECT_TYPE(dynamic, FileType::kVhd);

  Bytes dmg(2048 + 512, 0);
  put(dmg, 0, "BZh91AY&SY");  // a UDBZ image starts with its first bzip2 chunk
  put(dmg, 2048, "koly");
  put_u32be(dmg, 2048 + 4, 4);
  put_u32be(dmg, 2048 + 8, 512);
  EXPECT_TYPE(dmg, FileType::kDmg);
  put_u32be(dmg, 2048 + 8, 100);
  EXPECT_TYPE(dmg, FileType::kBzip2);
}

TEST(FileTypeSamples, Images) {
  EXPECT_TYPE("\x89PNG\r\n\x1A\n\0\0\0\x0DIHDR"s, FileType::kPng);
  EXPECT_TYPE("\xFF\xD8\xFF\xE0\0\x10JFIF\0"s, FileType::kJpeg);
  EXPECT_TYPE("GIF89a\x01\0\x01\0"s, FileType::kGif);
  EXPECT_TYPE("GIF88a"s, FileType::kText);
}

// A stored-only ZIP: local headers, central directory, EOCD (APPNOTE 4.3).
struct ZipEntry {
  std::string name;
  std::string data;
};
Bytes make_zip(const std::vector<ZipEntry>& entries, bool with_directory = true) {
  Bytes out, cd;
  auto u16 = [](Bytes& b, std::uint32_t v) {
    b.push_back(static_cast<std::uint8_t>(v));
    b.push_back(static_cast<std::uint8_t>(v >> 8));
  };
  auto u32 = [&](Bytes& b, std::uint32_t v) {
    u16(b, v & 0xFFFF);
    u16(b, v >> 16);
  };
  auto str = [](Bytes& b, std::string_view s) { b.insert(b.end(), s.begin(), s.end()); };
  for (const auto& e : entries) {
    auto local = static_cast<std::uint32_t>(out.size());
    str(out, "PK\x03\x04");
    u16(out, 10), u16(out, 0), u16(out, 0), u16(out, 0), u16(out, 0);
    u32(out, 0), u32(out, e.data.size()), u32(out, e.data.size());
    u16(out, e.name.size()), u16(out, 0);
    str(out, e.name), str(out, e.data);
    str(cd, "PK\x01\x02");
    u16(cd, 20), u16(cd, 10), u16(cd, 0), u16(cd, 0), u16(cd, 0), u16(cd, 0);
    u32(cd, 0), u32(cd, e.data.size()), u32(cd, e.data.size());
    u16(cd, e.name.size()), u16(cd, 0), u16(cd, 0), u16(cd, 0), u16(cd, 0);
    u32(cd, 0), u32(cd, local);
    str(cd, e.name);
  }
  if (!with_directory) return out;
  auto cd_off = static_cast<std::uint32_t>(out.size());
  out.insert(out.end(), cd.begin(), cd.end());
  str(out, "PK\x05\x06");
  u16(out, 0), u16(out, 0), u16(out, entries.size()), u16(out, entries.size());
  u32(out, cd.size()), u32(out, cd_off), u16(out, 0);
  return out;
}

TEST(FileTypeSamples, ZipRefinedByEntries) {
  const ZipEntry ct{"[Content_Types].xml", "<Types/>"};
  EXPECT_TYPE(make_zip({ct, {"word/document.xml", "<w/>"}}), FileType::kOoxmlWord);
  EXPECT_TYPE(make_zip({{"xl/workbook.xml", "<x/>"}, ct}), FileType::kOoxmlExcel);
  EXPECT_TYPE(make_zip({ct, {"ppt/presentation.xml", "<p/>"}}), FileType::kOoxmlPowerpoint);
  EXPECT_TYPE(make_zip({{"word/document.xml", "<w/>"}}), FileType::kZip);  // no content types
  EXPECT_TYPE(make_zip({{"mimetype", "application/hwp+zip"}, {"version.xml", ""}}),
              FileType::kHwpx);
  EXPECT_TYPE(make_zip({{"Contents/content.hpf", "<opf/>"}}), FileType::kHwpx);
  EXPECT_TYPE(make_zip({{"mimetype", "application/vnd.oasis.opendocument.text"}}), FileType::kOdf);
  // "mimetype" must come first to count.
  EXPECT_TYPE(make_zip({{"a.txt", "x"}, {"mimetype", "application/vnd.oasis.opendocument.text"}}),
              FileType::kZip);
  EXPECT_TYPE(make_zip({{"AndroidManifest.xml", ""}, {"classes.dex", "dex\n035"}}), FileType::kApk);
  EXPECT_TYPE(make_zip({{"META-INF/MANIFEST.MF", "Manifest-Version: 1.0\r\n"}, {"A.class", ""}}),
              FileType::kJar);
  EXPECT_TYPE(make_zip({{"cv.lnk", "L"}}), FileType::kZip);
  EXPECT_TYPE(make_zip({}), FileType::kZip);  // empty archive: "PK\5\6" at 0
  // No central directory (cut download): the local headers still tell.
  EXPECT_TYPE(make_zip({ct, {"word/document.xml", "<w/>"}}, false), FileType::kOoxmlWord);
  // A broken EOCD offset: the directory is found just before the EOCD record.
  Bytes z = make_zip({ct, {"xl/workbook.xml", "<x/>"}});
  put_u32le(z, z.size() - 6, 0x7FFFFFFF);
  EXPECT_TYPE(z, FileType::kOoxmlExcel);
  // Every prefix of an archive is still a ZIP of some kind, never a crash.
  for (std::size_t n = 4; n < z.size(); ++n) {
    FileType t = identify(ByteView(z.data(), n));
    EXPECT_TRUE(t == FileType::kZip || t == FileType::kOoxmlExcel) << n;
  }
}

TEST(FileTypeSamples, Mail) {
  const std::string msg =
      "Return-Path: <a@example.com>\nReceived: from x by y\nFrom: A <a@example.com>\n"
      "To: b@example.com\nSubject: hello\n\nbody\n";
  EXPECT_TYPE(msg, FileType::kMessage);
  EXPECT_TYPE("From a@example.com  Thu Aug 22 12:36:23 2002\n" + msg, FileType::kMessage);
  EXPECT_TYPE("From a@example.com  Thu Aug 22 12:36:23 2002\n" + msg +
                  "\nFrom b@example.com  Fri Aug 23 10:00:00 2002\n" + msg,
              FileType::kMbox);
  // A "From " line in a body not followed by a header is no second message.
  EXPECT_TYPE("From a@example.com  Thu Aug 22 12:36:23 2002\n" + msg +
                  "\nFrom the desk of the CEO\nplease read\n",
              FileType::kMessage);
  EXPECT_TYPE("From: a\r\nTo: b\r\nSubject: c\r\n\r\nbody"s, FileType::kMessage);
  EXPECT_TYPE("X-Mailer: foo\nX-Spam: no\n\nbody"s, FileType::kMessage);
  // Prose with one colon is text.
  EXPECT_TYPE("From the beginning\nNote: this is text\n"s, FileType::kText);
  EXPECT_TYPE("Subject: only one known field\n\nbody"s, FileType::kText);
  // The second separator is searched for in the first 1 MiB only (bounded work).
  const std::string from = "From a@example.com  Thu Aug 22 12:36:23 2002\n";
  EXPECT_TYPE(from + msg + std::string(900 * 1024, 'x') + "\n\n" + from + msg, FileType::kMbox);
  EXPECT_TYPE(from + msg + std::string(1100 * 1024, 'x') + "\n\n" + from + msg, FileType::kMessage);
  // A "%PDF-" inside a header does not hide the message.
  EXPECT_TYPE("From: a\nTo: b\nSubject: %PDF-1.4\n\n"s, FileType::kMessage);
}

TEST(FileTypeSamples, HtmlAndHta) {
  EXPECT_TYPE("<!DOCTYPE html><html><body>hi</body></html>"s, FileType::kHtml);
  EXPECT_TYPE("\xEF\xBB\xBF\r\n  <HTML>\n<HEAD><TITLE>x</TITLE>"s, FileType::kHtml);
  EXPECT_TYPE("<!-- saved -->\n<div class=a>x</div>"s, FileType::kHtml);
  EXPECT_TYPE("<html><head><HTA:APPLICATION ID=\"x\" /><script>a()</script>"s, FileType::kHta);
  EXPECT_TYPE("<?xml version=\"1.0\"?><note><to>x</to></note>"s, FileType::kText);
  EXPECT_TYPE("Dear user, the <html> tag starts a page.\n"s, FileType::kText);
}

TEST(FileTypeSamples, ScriptHostContainers) {
  EXPECT_TYPE("#@~^DgAAAA==\\ko$K6,JCV^GJqAQAAA==^#~@"s, FileType::kEncodedScript);
  EXPECT_TYPE("\xEF\xBB\xBF\r\n#@~^DgAAAA==\\ko$K6,JCV^GJqAQAAA==^#~@"s, FileType::kEncodedScript);
  EXPECT_TYPE("<job id=\"a\"><script language=\"JScript\">WScript.Echo(1);</script></job>"s,
              FileType::kWsf);
  EXPECT_TYPE("<?xml version=\"1.0\"?>\r\n<!-- x -->\r\n<package>\r\n<job><script>x</script>"s,
              FileType::kWsf);
  EXPECT_TYPE("<jobs><script>x</script></jobs>"s, FileType::kHtml);  // not a WSF root
  EXPECT_TYPE("The marker #@~^ in prose\n"s, FileType::kText);
}

TEST(FileTypeSamples, Scripts) {
  EXPECT_TYPE(
      "var sh = new ActiveXObject(\"WScript.Shell\");\nvar u = 'http://x/p';\n"
      "sh.Run(\"cmd /c \" + u);\n"s,
      FileType::kJavaScript);
  EXPECT_TYPE("function f(a) {\n  return eval(a);\n}\nf('1');\nf('2');\nf('3');\n"s,
              FileType::kJavaScript);
  EXPECT_TYPE(
      "On Error Resume Next\nDim sh\nSet sh = CreateObject(\"WScript.Shell\")\n"
      "sh.Run \"calc\"\n"s,
      FileType::kVbScript);
  EXPECT_TYPE("Sub Main()\n  MsgBox \"x\"\nEnd Sub\n"s, FileType::kVbScript);
  EXPECT_TYPE("param($url)\n$wc = New-Object Net.WebClient\nIEX $wc.DownloadString($url)\n"s,
              FileType::kPowerShell);
  EXPECT_TYPE("Get-ChildItem $env:TEMP | ForEach-Object { Remove-Item $_ }\n"s,
              FileType::kPowerShell);
  EXPECT_TYPE("@echo off\r\nset D=%~dp0\r\ngoto :run\r\n:run\r\nstart %D%\\a.exe\r\n"s,
              FileType::kBatch);
  EXPECT_TYPE("REM build\nif exist out rmdir /s /q out\nsetlocal\n"s, FileType::kBatch);
  // Prose about scripts stays text.
  EXPECT_TYPE(
      "Attackers ran powershell -EncodedCommand with IEX to fetch a payload; see the report.\n"s,
      FileType::kText);
  EXPECT_TYPE("Please set up a meeting. Dim lights. End of note.\n"s, FileType::kText);
  // UTF-16LE with a BOM, as PowerShell and Notepad save.
  std::string ps = "param($a)\r\n$env:X = 1\r\nInvoke-Expression $a\r\n";
  std::string wide = "\xFF\xFE";
  for (char c : ps) wide += std::string{c, '\0'};
  EXPECT_TYPE(wide, FileType::kPowerShell);
}

TEST(FileTypeSamples, TextInManyScripts) {
  EXPECT_TYPE("plain ascii text\n"s, FileType::kText);
  EXPECT_TYPE("채용 공고: 블록체인 개발자\n이력서를 보내 주세요.\n"s, FileType::kText);
  EXPECT_TYPE("採用のご案内です。履歴書を添付してください。\n"s, FileType::kText);
  EXPECT_TYPE("\x8D\xCC\x97\x70\x82\xCC\x82\xB2\x88\xC4\x93\xE0\r\n"s, FileType::kText);  // SJIS
  EXPECT_TYPE("\xC3\xA4\xBF\xEB \xB0\xF8\xB0\xED\n"s, FileType::kText);                   // EUC-KR
  EXPECT_TYPE("\x1B$B:NMQ\x1B(B\n"s, FileType::kText);  // ISO-2022-JP
  EXPECT_TYPE("text with a \x01 control"s, FileType::kUnknown);
  EXPECT_TYPE("\xFF\xFEh\0i\0"s, FileType::kText);  // UTF-16LE BOM
}

TEST(FileTypeSamples, RandomBytesAreUnknown) {
  std::mt19937 rng(12345);
  for (int round = 0; round < 50; ++round) {
    Bytes b(4096);
    for (auto& x : b) x = static_cast<std::uint8_t>(rng());
    EXPECT_EQ(identify(b), FileType::kUnknown) << round;
  }
}

}  // namespace
}  // namespace lg
