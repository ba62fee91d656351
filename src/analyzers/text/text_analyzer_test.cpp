// TextAnalyzer: charset detection to UTF-8, uuencode and BinHex blocks as children, and
// clamav-testfiles' clam.exe.binhex end to end.
#include "analyzers/text/text_analyzer.h"

#include <gtest/gtest.h>

#include "core/file_type.h"
#include "core/hash.h"
#include "core/testing/recording_context.h"
#include "engine/testing/scan_testing.h"

namespace lg {
namespace {

using lg::testing::RecordingContext;

RecordingContext run(const std::string& text) {
  RecordingContext ctx;
  TextAnalyzer a;
  EXPECT_TRUE(a.analyze(as_bytes(text), ctx).is_ok());
  return ctx;
}

TEST(TextAnalyzer, AsciiPassesThrough) {
  RecordingContext ctx = run("Meeting notes\nSee https://example.org/agenda\n");
  EXPECT_EQ(ctx.all_text(TextKind::kDocument), "Meeting notes\nSee https://example.org/agenda\n");
  EXPECT_EQ(ctx.str("charset"), "US-ASCII");
  EXPECT_TRUE(ctx.children.empty());
}

TEST(TextAnalyzer, LegacyCharsetIsDetected) {
  // "채용 공고 안내" (job posting notice) in EUC-KR / CP949, repeated for the detector.
  std::string euckr;
  for (int i = 0; i < 8; ++i) euckr += "\xC3\xA4\xBF\xEB \xB0\xF8\xB0\xED \xBE\xC8\xB3\xBB\n";
  RecordingContext ctx = run(euckr);
  EXPECT_NE(ctx.all_text(TextKind::kDocument).find("채용 공고 안내"), std::string::npos)
      << ctx.str("charset");
}

TEST(TextAnalyzer, UuencodedFileBecomesAChild) {
  // "begin 644 a.txt" with the 3 bytes "Cat" (uuencode of "Cat" is "#0V%T").
  RecordingContext ctx = run("Here it is:\n\nbegin 644 a.txt\n#0V%T\n`\nend\n\nbye\n");
  ASSERT_EQ(ctx.children.size(), 1u);
  EXPECT_EQ(ctx.children[0].info.name, "a.txt");
  EXPECT_EQ(ctx.children[0].info.relation, "embedded");
  EXPECT_EQ(to_string(ctx.children[0].data), "Cat");
}

TEST(TextAnalyzer, ClamavBinhexYieldsClamExe) {
  const std::string file = lg::testing::read_file(lg::testing::kClamavDir + "clam.exe.binhex");
  if (file.empty()) GTEST_SKIP() << "clamav-testfiles not installed";
  ASSERT_EQ(identify(as_bytes(file)), FileType::kText);
  Report r = lg::testing::scan_bytes("clam.exe.binhex", file);
  EXPECT_TRUE(lg::testing::has_descendant(r, std::string(lg::testing::kClamExeSha256)));
}

}  // namespace
}  // namespace lg
