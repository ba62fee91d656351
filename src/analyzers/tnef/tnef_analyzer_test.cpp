// TNEF streams: ClamAV's clam.tnef (Debian's clamav-testfiles) and generated ones: legacy
// attachment attributes, MAPI property lists, embedded messages, bodies, damage.
#include "analyzers/tnef/tnef_analyzer.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "analyzers/tnef/tnef_reader.h"
#include "analyzers/tnef/tnef_test_builder.h"
#include "core/file_type.h"
#include "core/hash.h"
#include "core/testing/recording_context.h"
#include "engine/registry.h"

namespace lg {
namespace {

using testing::RecordingContext;
using testing::TnefBuilder;

constexpr std::uint32_t kAttSubject = 0x00018004;
constexpr std::uint32_t kAttBody = 0x0002800C;
constexpr std::uint32_t kAttAttachData = 0x0006800F;
constexpr std::uint32_t kAttAttachTitle = 0x00018010;
constexpr std::uint32_t kAttAttachRendData = 0x00069002;
constexpr std::uint32_t kAttMsgProps = 0x00069003;
constexpr std::uint32_t kAttAttachment = 0x00069005;
constexpr std::uint32_t kAttOemCodepage = 0x00069007;

RecordingContext run(ByteView data) {
  RecordingContext ctx;
  EXPECT_TRUE(TnefAnalyzer().analyze(data, ctx).is_ok());
  return ctx;
}

TEST(TnefAnalyzer, ClamavTestFileYieldsClamExe) {
  const std::string path = "/usr/share/clamav-testfiles/clam.tnef";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "clamav-testfiles not installed";
  std::string bytes = testing::read_file(path);
  ASSERT_EQ(identify(as_bytes(bytes)), FileType::kTnef);
  RecordingContext ctx = run(as_bytes(bytes));
  bool found = false;
  for (const auto& c : ctx.children) {
    if (sha256_hex(c.data) == "71e7b604d18aefd839e51a39c88df8383bb4c071dc31f87f00a2b5df580d4495") {
      found = true;
      EXPECT_EQ(c.info.name, "clam.exe");
      EXPECT_EQ(c.info.relation, "attachment");
    }
  }
  EXPECT_TRUE(found);
  EXPECT_EQ(ctx.str("tnef_message_class"), "TNEF Test File.ClamAV.1");
  EXPECT_EQ(ctx.all_text(TextKind::kSubject), "This file includes an embedded ClamAV Test File");
  // The file was edited by hand after Outlook wrote it: three checksums no longer match, and
  // a newline follows the last attribute.
  EXPECT_EQ(ctx.anomalies.size(), 2u);
}

TEST(TnefAnalyzer, LegacyAndMapiAttachments) {
  TnefBuilder b;
  b.attribute(1, kAttOemCodepage, std::string("\xE4\x04\0\0\0\0\0\0", 8))  // 1252
      .attribute(1, kAttSubject, std::string("Invoice\0", 8))
      .attribute(1, kAttBody, "Please see the attached invoice.")
      .attribute(2, kAttAttachRendData, std::string(14, '\0'))
      .attribute(2, kAttAttachTitle, std::string("INVOIC~1.EXE\0", 13))
      .attribute(2, kAttAttachData, "MZ payload one")
      .attribute(2, kAttAttachment,
                 TnefBuilder::props({{0x001F, 0x3707, TnefBuilder::utf16("invoice 2024.pdf.exe")},
                                     {0x001E, 0x370E, std::string("application/pdf\0", 16)}}))
      .attribute(2, kAttAttachRendData, std::string(14, '\0'))
      .attribute(2, kAttAttachment,
                 TnefBuilder::props({{0x001E, 0x3707, std::string("caf\xE9.txt\0", 9)},
                                     {0x0102, 0x3701, "data from the property list"}}));
  Bytes data = b.build();
  ASSERT_EQ(identify(data), FileType::kTnef);
  RecordingContext ctx = run(data);
  ASSERT_EQ(ctx.children.size(), 2u);
  EXPECT_EQ(ctx.children[0].info.name, "invoice 2024.pdf.exe");
  EXPECT_EQ(ctx.children[0].info.declared_type, "application/pdf");
  EXPECT_EQ(std::string(as_chars(ctx.children[0].data)), "MZ payload one");
  EXPECT_EQ(ctx.children[1].info.name, "caf\xC3\xA9.txt");
  EXPECT_EQ(std::string(as_chars(ctx.children[1].data)), "data from the property list");
  EXPECT_EQ(ctx.all_text(TextKind::kBody), "Please see the attached invoice.");
  EXPECT_EQ(ctx.all_text(TextKind::kSubject), "Invoice");
  EXPECT_EQ(ctx.num("tnef_attachments"), 2);
  EXPECT_TRUE(ctx.anomalies.empty());
}

TEST(TnefAnalyzer, EmbeddedMessageAndBodies) {
  TnefBuilder inner;
  inner.attribute(2, kAttAttachRendData, std::string(14, '\0'))
      .attribute(2, kAttAttachTitle, std::string("inner.js\0", 9))
      .attribute(2, kAttAttachData, "WScript.Shell");
  Bytes inner_bytes = inner.build();
  TnefBuilder b;
  b.attribute(1, kAttMsgProps,
              TnefBuilder::props({{0x001F, 0x1000, TnefBuilder::utf16("unicode body")},
                                  {0x0102, 0x1013, "<html><a href=\"http://x.example/\">x</a>"},
                                  {0x0102, 0x1009, "LZFu compressed"}}))
      .attribute(2, kAttAttachRendData, std::string(14, '\0'))
      .attribute(2, kAttAttachment,
                 TnefBuilder::props({{0x001E, 0x3707, std::string("forwarded\0", 10)},
                                     {0x000D, 0x3701,
                                      std::string(16, '\x07') +
                                          std::string(inner_bytes.begin(), inner_bytes.end())}}));
  RecordingContext ctx = run(b.build());
  EXPECT_EQ(ctx.all_text(TextKind::kBody), "unicode body");
  EXPECT_TRUE(std::get<bool>(ctx.facts["tnef_rtf_compressed"]));
  ASSERT_EQ(ctx.children.size(), 2u);
  EXPECT_EQ(ctx.children[0].info.declared_type, "text/html");
  EXPECT_EQ(identify(ctx.children[1].data), FileType::kTnef);  // analyzed in turn by the engine
}

TEST(TnefAnalyzer, DamageIsAnAnomaly) {
  TnefBuilder b;
  b.attribute(1, kAttSubject, std::string("x\0", 2), false)
      .attribute(2, kAttAttachRendData, std::string(14, '\0'))
      .attribute(2, kAttAttachData, "first")
      .attribute(2, kAttAttachment, "\xFF\xFF\xFF\x7F broken list");
  Bytes data = b.build();
  RecordingContext ctx = run(data);
  EXPECT_EQ(ctx.anomalies.size(), 2u);  // the list, the checksum
  EXPECT_EQ(ctx.children.size(), 1u);
  for (std::size_t n = 0; n < data.size(); ++n) {
    RecordingContext cut;
    EXPECT_TRUE(TnefAnalyzer().analyze(ByteView(data).first(n), cut).is_ok());
    if (n > 6 && n < data.size()) {
      EXPECT_FALSE(cut.anomalies.empty()) << n;
    }
  }
  EXPECT_FALSE(run(as_bytes("not tnef")).anomalies.empty());
}

TEST(TnefAnalyzer, RegistryMapsTheType) {
  EXPECT_NE(dynamic_cast<TnefAnalyzer*>(make_analyzer(FileType::kTnef).get()), nullptr);
}

}  // namespace
}  // namespace lg
