// SzddAnalyzer on files written here (SZDD with literal-only LZSS blocks, KWAJ stored and
// XOR'd with a file name), a damaged header, and clamav-testfiles' clam.exe.szdd end to end.
#include "analyzers/szdd/szdd_analyzer.h"

#include <gtest/gtest.h>

#include "core/file_type.h"
#include "core/hash.h"
#include "core/testing/recording_context.h"
#include "engine/testing/scan_testing.h"

namespace lg {
namespace {

using lg::testing::RecordingContext;

std::string le16(unsigned v) { return {static_cast<char>(v & 0xFF), static_cast<char>(v >> 8)}; }
std::string le32(std::uint32_t v) { return le16(v & 0xFFFF) + le16(v >> 16); }

// SZDD: magic, 'A', missing character, expanded length, then LZSS blocks; a control byte of
// 0xFF makes the next eight bytes literals.
std::string szdd(const std::string& data, char missing) {
  std::string s = std::string("SZDD\x88\xf0\x27\x33", 8) + "A" + missing + le32(data.size());
  for (std::size_t i = 0; i < data.size(); i += 8) s += '\xFF' + data.substr(i, 8);
  return s;
}

// KWAJ: magic, method, data offset, header flags, [length], [file name], data.
std::string kwaj(const std::string& data, unsigned method, const std::string& name) {
  std::string extra = le32(data.size()) + name + '\0';
  std::string s = std::string("KWAJ\x88\xf0\x27\xd1", 8) + le16(method) + le16(14 + extra.size()) +
                  le16(0x01 | 0x08) + extra;
  for (char c : data) s += method == 1 ? static_cast<char>(c ^ 0xFF) : c;
  return s;
}

const std::string kText = "@echo off\r\nrem an old installer's batch file, compressed\r\n";

TEST(SzddAnalyzer, LiteralBlocksExpand) {
  const std::string file = szdd(kText, 't');
  ASSERT_EQ(identify(as_bytes(file)), FileType::kSzdd);
  RecordingContext ctx;
  SzddAnalyzer a;
  ASSERT_TRUE(a.analyze(as_bytes(file), ctx).is_ok());
  ASSERT_EQ(ctx.children.size(), 1u);
  EXPECT_EQ(to_string(ctx.children[0].data), kText);
  EXPECT_EQ(ctx.children[0].info.relation, "expanded");
  EXPECT_EQ(ctx.str("compress_format"), "szdd");
  EXPECT_EQ(ctx.str("missing_char"), "t");
  EXPECT_EQ(ctx.num("expanded_size"), static_cast<std::int64_t>(kText.size()));
}

TEST(SzddAnalyzer, KwajStoredAndXorKeepTheirName) {
  for (unsigned method : {0u, 1u}) {
    const std::string file = kwaj(kText, method, "setup");
    ASSERT_EQ(identify(as_bytes(file)), FileType::kSzdd);
    RecordingContext ctx;
    SzddAnalyzer a;
    ASSERT_TRUE(a.analyze(as_bytes(file), ctx).is_ok()) << method;
    ASSERT_EQ(ctx.children.size(), 1u) << method;
    EXPECT_EQ(to_string(ctx.children[0].data), kText);
    EXPECT_EQ(ctx.children[0].info.name, "setup");
    EXPECT_EQ(ctx.str("compress_format"), "kwaj");
    EXPECT_EQ(ctx.num("kwaj_method"), static_cast<std::int64_t>(method));
  }
}

TEST(SzddAnalyzer, DamageIsReportedNotFatal) {
  RecordingContext ctx;
  SzddAnalyzer a;
  Status st = a.analyze(as_bytes(std::string("SZDD\x88\xf0\x27\x33", 8)), ctx);
  EXPECT_EQ(st.code(), ErrorCode::kMalformed);
  EXPECT_TRUE(ctx.children.empty());
  // A length far past what the bytes can give (a bomb claim): refused before expanding.
  std::string huge = szdd(kText, 't');
  huge.replace(10, 4, le32(0xFFFFFFF0u));
  RecordingContext ctx2;
  st = a.analyze(as_bytes(huge), ctx2);
  EXPECT_FALSE(st.is_ok());
  EXPECT_TRUE(ctx2.children.empty());
}

TEST(SzddAnalyzer, ClamavSzddYieldsClamExe) {
  const std::string file = lg::testing::read_file(lg::testing::kClamavDir + "clam.exe.szdd");
  if (file.empty()) GTEST_SKIP() << "clamav-testfiles not installed";
  Report r = lg::testing::scan_bytes("clam.exe.szdd", file);
  EXPECT_EQ(r.objects[0].type, "szdd");
  EXPECT_TRUE(lg::testing::has_descendant(r, std::string(lg::testing::kClamExeSha256)));
}

}  // namespace
}  // namespace lg
