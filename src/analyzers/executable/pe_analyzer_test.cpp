#include "analyzers/executable/pe_analyzer.h"

#include <gtest/gtest.h>

#include <cstring>
#include <fstream>
#include <iterator>

#include "analyzers/executable/pe_fixture.h"
#include "core/file_type.h"
#include "core/testing/recording_context.h"

namespace lg {
namespace {

using lg::testing::RecordingContext;

using pe::testing::build_pe;
using pe::testing::PeSpec;
using pe::testing::put16;
using pe::testing::put32;

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
