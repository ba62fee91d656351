#include "analyzers/executable/pe_analyzer.h"

#include <gtest/gtest.h>

#include <cstring>
#include <fstream>
#include <iterator>

#include "core/file_type.h"
#include "core/testing/recording_context.h"

namespace lg {
namespace {

using lg::testing::RecordingContext;

struct PeSpec {
  bool pe32_plus = false;
  bool certificate = true;
  std::vector<std::string> imports = {"VirtualAllocEx", "WriteProcessMemory", "CreateRemoteThread"};
  std::string text_name = ".text";
  std::string text_bytes = std::string(0x200, '\x90');
  std::string overlay;
};

void put16(std::string& b, std::size_t at, std::uint16_t v) {
  b[at] = static_cast<char>(v);
  b[at + 1] = static_cast<char>(v >> 8);
}
void put32(std::string& b, std::size_t at, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) b[at + i] = static_cast<char>(v >> (8 * i));
}
void put64(std::string& b, std::size_t at, std::uint64_t v) {
  for (int i = 0; i < 8; ++i) b[at + i] = static_cast<char>(v >> (8 * i));
}

// A minimal image ([MS-PECOFF] layout): headers, .text at file 0x200 (RVA 0x1000), .idata at
// file 0x200 + text size (RVA after .text's pages) with one KERNEL32.dll descriptor, then the
// certificate table (WIN_CERTIFICATE, PKCS#7 type) and any overlay.
std::string build_pe(const PeSpec& s) {
  const std::size_t text_raw = s.text_bytes.size();
  // .idata's RVA follows .text's pages, so the two never overlap.
  const std::uint32_t iva =
      static_cast<std::uint32_t>(0x1000 + ((text_raw + 0xFFF) & ~std::size_t{0xFFF}));
  const std::size_t idata_off = 0x200 + text_raw;
  const std::size_t idata_size = 0x400;
  std::string b(idata_off + idata_size, '\0');
  b[0] = 'M';
  b[1] = 'Z';
  put32(b, 0x3C, 0x40);
  b.replace(0x40, 4, std::string("PE\0\0", 4));
  const std::size_t coff = 0x44, opt = coff + 20;
  const std::uint16_t opt_size = s.pe32_plus ? 240 : 224;
  put16(b, coff, s.pe32_plus ? 0x8664 : 0x014C);
  put16(b, coff + 2, 2);
  put32(b, coff + 4, 0x5F5E1000);  // 2020-09-13T12:26:40Z
  put16(b, coff + 16, opt_size);
  put16(b, coff + 18, 0x0102);
  put16(b, opt, s.pe32_plus ? 0x20B : 0x10B);
  put16(b, opt + 68, 2);  // windows_gui
  const std::size_t count_at = opt + (s.pe32_plus ? 108 : 92);
  put32(b, count_at, 16);
  const std::size_t dirs = count_at + 4;
  put32(b, dirs + 8, iva);  // import directory RVA
  put32(b, dirs + 12, 40);
  const std::size_t table = opt + opt_size;
  auto section = [&](std::size_t i, const std::string& name, std::uint32_t va,
                     std::uint32_t raw_size, std::uint32_t raw_off, std::uint32_t flags) {
    std::size_t at = table + i * 40;
    b.replace(at, std::min<std::size_t>(name.size(), 8), name.substr(0, 8));
    put32(b, at + 8, raw_size);
    put32(b, at + 12, va);
    put32(b, at + 16, raw_size);
    put32(b, at + 20, raw_off);
    put32(b, at + 36, flags);
  };
  section(0, s.text_name, 0x1000, static_cast<std::uint32_t>(text_raw), 0x200, 0x60000020);
  section(1, ".idata", iva, idata_size, static_cast<std::uint32_t>(idata_off), 0xC0000040);
  b.replace(0x200, text_raw, s.text_bytes);
  // .idata: descriptor at its start, DLL name at +0x80, lookup table at +0x100, names at
  // +0x200 + 0x40 * i.
  auto file = [&](std::uint32_t rva) { return idata_off + (rva - iva); };
  put32(b, file(iva), iva + 0x100);
  put32(b, file(iva) + 12, iva + 0x80);
  put32(b, file(iva) + 16, iva + 0x100);
  std::memcpy(&b[file(iva + 0x80)], "KERNEL32.dll", 12);
  const std::size_t entry = s.pe32_plus ? 8 : 4;
  for (std::size_t i = 0; i < s.imports.size(); ++i) {
    std::uint32_t name_rva = static_cast<std::uint32_t>(iva + 0x200 + 0x40 * i);
    if (s.pe32_plus)
      put64(b, file(iva + 0x100) + i * entry, name_rva);
    else
      put32(b, file(iva + 0x100) + i * entry, name_rva);
    b.replace(file(name_rva) + 2, s.imports[i].size(), s.imports[i]);
  }
  if (s.certificate) {
    const std::size_t cert = b.size();
    b += std::string(16, '\0');
    put32(b, cert, 16);
    put16(b, cert + 4, 0x0200);
    put16(b, cert + 6, 2);  // WIN_CERT_TYPE_PKCS_SIGNED_DATA
    put32(b, dirs + 4 * 8, static_cast<std::uint32_t>(cert));
    put32(b, dirs + 4 * 8 + 4, 16);
  }
  return b + s.overlay;
}

RecordingContext run(const std::string& bytes) {
  RecordingContext ctx;
  EXPECT_TRUE(PeAnalyzer().analyze(as_bytes(bytes), ctx).is_ok());
  return ctx;
}

std::vector<std::string> list(const RecordingContext& ctx, const std::string& key) {
  auto it = ctx.facts.find(key);
  if (it == ctx.facts.end()) return {};
  auto* v = std::get_if<std::vector<std::string>>(&it->second);
  return v ? *v : std::vector<std::string>{};
}

bool fact_bool(const RecordingContext& ctx, const std::string& key) {
  auto it = ctx.facts.find(key);
  return it != ctx.facts.end() && std::get_if<bool>(&it->second) && std::get<bool>(it->second);
}

TEST(PeAnalyzer, MinimalPe32WithImportsAndCertificate) {
  const std::string pe = build_pe({});
  ASSERT_EQ(identify(as_bytes(pe)), FileType::kPe);
  RecordingContext ctx = run(pe);
  EXPECT_EQ(ctx.str("pe_machine"), "x86");
  EXPECT_EQ(ctx.str("pe_format"), "PE32");
  EXPECT_EQ(ctx.str("pe_subsystem"), "windows_gui");
  EXPECT_EQ(ctx.str("pe_timestamp"), "2020-09-13T12:26:40Z");
  EXPECT_EQ(list(ctx, "pe_imported_dlls"), std::vector<std::string>{"KERNEL32.dll"});
  EXPECT_EQ(ctx.num("pe_imported_functions"), 3);
  EXPECT_TRUE(fact_bool(ctx, "signed"));
  EXPECT_EQ(ctx.str("pe_certificate_type"), "pkcs_signed_data");
  EXPECT_FALSE(ctx.has(Symbol::EXECUTABLE_UNSIGNED));
  EXPECT_FALSE(ctx.has(Symbol::EXECUTABLE_PACKED));
  ASSERT_TRUE(ctx.has(Symbol::EXECUTABLE_SUSPICIOUS_IMPORTS));
  EXPECT_EQ(list(ctx, "pe_suspicious_imports")[0],
            "process injection: virtualallocex, writeprocessmemory, createremotethread");
  auto sections = list(ctx, "pe_sections");
  ASSERT_EQ(sections.size(), 2u);
  EXPECT_EQ(sections[0], ".text raw=512 entropy=0.00 code exec");
  EXPECT_EQ(ctx.num("pe_overlay_bytes"), 0);
  EXPECT_TRUE(ctx.anomalies.empty()) << ctx.anomalies[0];
}

TEST(PeAnalyzer, Pe32PlusUnsignedPackedWithOverlay) {
  PeSpec s;
  s.pe32_plus = true;
  s.certificate = false;
  s.imports = {"URLDownloadToFileW", "WinExec"};
  s.text_name = "UPX1";
  std::string noise;
  std::uint32_t x = 2463534242u;
  for (int i = 0; i < 8192; ++i) {  // xorshift: near 8 bits per byte
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    noise.push_back(static_cast<char>(x));
  }
  s.text_bytes = noise;
  s.overlay = std::string("PK\x05\x06", 4) + std::string(18, '\0');  // an empty ZIP
  RecordingContext ctx = run(build_pe(s));
  EXPECT_EQ(ctx.str("pe_machine"), "x64");
  EXPECT_EQ(ctx.str("pe_format"), "PE32+");
  EXPECT_FALSE(fact_bool(ctx, "signed"));
  EXPECT_TRUE(ctx.has(Symbol::EXECUTABLE_UNSIGNED));
  EXPECT_TRUE(ctx.has(Symbol::EXECUTABLE_PACKED));
  EXPECT_EQ(ctx.str("packer"), "UPX");
  EXPECT_EQ(list(ctx, "pe_suspicious_imports"),
            std::vector<std::string>{"download: urldownloadtofile, runs with winexec"});
  EXPECT_EQ(ctx.num("pe_overlay_bytes"), 22);
  ASSERT_EQ(ctx.children.size(), 1u);
  EXPECT_EQ(ctx.children[0].info.relation, "overlay");
}

TEST(PeAnalyzer, HighEntropyCodeWithoutPackerName) {
  PeSpec s;
  std::string noise;
  std::uint32_t x = 88172645u;
  for (int i = 0; i < 8192; ++i) {
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    noise.push_back(static_cast<char>(x >> 8));
  }
  s.text_bytes = noise;
  s.imports = {"CreateFileW"};
  RecordingContext ctx = run(build_pe(s));
  EXPECT_TRUE(ctx.has(Symbol::EXECUTABLE_PACKED));
  EXPECT_FALSE(ctx.has(Symbol::EXECUTABLE_SUSPICIOUS_IMPORTS));
}

TEST(PeAnalyzer, TruncatedAndHostileHeadersAreReportedNotFatal) {
  const std::string pe = build_pe({});
  for (std::size_t cut : {0x50u, 0x140u, 0x300u, 0x500u}) {
    RecordingContext ctx;
    (void)PeAnalyzer().analyze(as_bytes(std::string_view(pe).substr(0, cut)), ctx);
  }
  std::string bad = pe;
  put16(bad, 0x46, 0xFFFF);  // NumberOfSections past the loader's limit
  RecordingContext ctx;
  EXPECT_TRUE(PeAnalyzer().analyze(as_bytes(bad), ctx).is_ok());
  EXPECT_FALSE(ctx.anomalies.empty());
  RecordingContext none;
  EXPECT_FALSE(PeAnalyzer().analyze(as_bytes(std::string("MZ")), none).is_ok());
}

// 96 section headers that all map the whole 1 MiB file: entropy stops at the byte budget.
TEST(PeAnalyzer, OverlappingSectionsStayWithinTheEntropyBudget) {
  std::string pe = build_pe({});
  pe.resize(1u << 20, 'A');
  put16(pe, 0x46, 96);
  for (std::size_t i = 0; i < 96; ++i) {
    const std::size_t at = 0x138 + i * 40;
    put32(pe, at + 8, 1u << 20);
    put32(pe, at + 12, 0x1000);
    put32(pe, at + 16, 1u << 20);
    put32(pe, at + 20, 0);
    put32(pe, at + 36, 0x60000020);
  }
  RecordingContext ctx;
  EXPECT_TRUE(PeAnalyzer().analyze(as_bytes(pe), ctx).is_ok());
  auto sections = list(ctx, "pe_sections");
  ASSERT_EQ(sections.size(), 96u);
  EXPECT_EQ(sections.front().find("entropy=?"), std::string::npos) << sections.front();
  EXPECT_NE(sections.back().find("entropy=?"), std::string::npos) << sections.back();
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// Real programs from the ClamAV test set: the plain one and its packed copies.
TEST(PeAnalyzer, ClamAvTestPrograms) {
  const std::string dir = "/usr/share/clamav-testfiles/";
  const std::string plain = read_file(dir + "clam.exe");
  if (plain.empty()) GTEST_SKIP() << "clamav-testfiles not installed";
  RecordingContext ctx = run(plain);
  EXPECT_EQ(ctx.str("pe_machine"), "x86");
  EXPECT_TRUE(ctx.has(Symbol::EXECUTABLE_UNSIGNED));
  EXPECT_FALSE(ctx.has(Symbol::EXECUTABLE_PACKED));
  EXPECT_FALSE(list(ctx, "pe_imported_dlls").empty());

  RecordingContext upx = run(read_file(dir + "clam-upx.exe"));
  EXPECT_TRUE(upx.has(Symbol::EXECUTABLE_PACKED));
  EXPECT_EQ(upx.str("packer"), "UPX");
  // clam-fsg.exe is left out: its sections are the plain program's (.text, .rdata, .rsrc) with
  // ordinary entropy; nothing in its structure tells it from an unpacked program.
  for (const char* packed :
       {"clam-aspack.exe", "clam-mew.exe", "clam-petite.exe", "clam-wwpack.exe", "clam-upack.exe",
        "clam-pespin.exe", "clam-yc.exe"}) {
    const std::string bytes = read_file(dir + packed);
    if (identify(as_bytes(bytes)) != FileType::kPe) continue;
    RecordingContext p;
    (void)PeAnalyzer().analyze(as_bytes(bytes), p);
    RecordProperty(packed, p.str("packer") + (p.has(Symbol::EXECUTABLE_PACKED) ? " packed" : ""));
    EXPECT_TRUE(p.has(Symbol::EXECUTABLE_PACKED)) << packed;
  }
}

}  // namespace
}  // namespace lg
