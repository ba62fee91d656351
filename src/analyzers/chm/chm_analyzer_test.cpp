// ChmAnalyzer: libmspack has no CHM writer, so extraction is tested on clamav-testfiles'
// clam.chm (its files, clam.exe among them, as children; the whole engine run) and on damaged
// copies of it; the HHCtrl ShortCut judgement of CHM pages is the HTML analyzer's (tested
// there on a page alone).
#include "analyzers/chm/chm_analyzer.h"

#include <gtest/gtest.h>

#include "core/file_type.h"
#include "core/hash.h"
#include "core/testing/recording_context.h"
#include "engine/testing/scan_testing.h"

namespace lg {
namespace {

using lg::testing::RecordingContext;

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
