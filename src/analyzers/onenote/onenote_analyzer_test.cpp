// OneNoteAnalyzer on sections written here: the OneNote file GUID, then FileDataStoreObjects
// ([MS-ONESTORE] 2.6.13) holding a picture and a script; damaged objects; and the engine run.
#include "analyzers/onenote/onenote_analyzer.h"

#include <gtest/gtest.h>

#include "analyzers/onenote/onenote_fixture.h"

#include "core/file_type.h"
#include "core/hash.h"
#include "core/testing/recording_context.h"
#include "engine/testing/scan_testing.h"

namespace lg {
namespace {

using lg::testing::RecordingContext;

using onenote::testing::file_data_store_object;
using onenote::testing::kHeader;
using onenote::testing::le;
using onenote::testing::section;

using onenote::testing::kScript;

std::string png() {
  return std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16) + std::string(40, 'p');
}

TEST(OneNoteAnalyzer, EmbeddedScriptIsAPayload) {
  ASSERT_TRUE(file_type_is_script(identify(as_bytes(kScript))));
  const std::string one = section({file_data_store_object(png()), file_data_store_object(kScript)});
  ASSERT_EQ(identify(as_bytes(one)), FileType::kOneNote);
  RecordingContext ctx;
  OneNoteAnalyzer a;
  ASSERT_TRUE(a.analyze(as_bytes(one), ctx).is_ok());
  EXPECT_TRUE(ctx.anomalies.empty()) << ctx.anomalies.front();
  EXPECT_EQ(ctx.num("embedded_files"), 2);
  ASSERT_EQ(ctx.children.size(), 2u);
  EXPECT_EQ(to_string(ctx.children[0].data), png());
  EXPECT_EQ(ctx.children[1].info.name, "embedded-2");
  EXPECT_EQ(to_string(ctx.children[1].data), kScript);
  ASSERT_EQ(ctx.findings.size(), 1u);
  EXPECT_EQ(ctx.findings[0].symbol, Symbol::ONENOTE_EMBEDDED_PAYLOAD);
  EXPECT_EQ(ctx.findings[0].evidence.value, "embedded-2");
}

TEST(OneNoteAnalyzer, PicturesOnlyAreQuiet) {
  RecordingContext ctx;
  OneNoteAnalyzer a;
  ASSERT_TRUE(a.analyze(as_bytes(section({file_data_store_object(png())})), ctx).is_ok());
  EXPECT_EQ(ctx.children.size(), 1u);
  EXPECT_TRUE(ctx.findings.empty());
}

TEST(OneNoteAnalyzer, DamagedObjectsAreAnomalies) {
  // No footer: still delivered. Length past the end: skipped. Header at the very end: stop.
  std::string one = section({file_data_store_object(kScript, false)});
  one += kHeader + le(1ull << 40, 8) + std::string(12, '\0') + "short";
  one += kHeader.substr(0, 16) + "\x01";
  RecordingContext ctx;
  OneNoteAnalyzer a;
  ASSERT_TRUE(a.analyze(as_bytes(one), ctx).is_ok());
  ASSERT_EQ(ctx.children.size(), 1u);
  EXPECT_EQ(to_string(ctx.children[0].data), kScript);
  EXPECT_EQ(ctx.anomalies.size(), 3u);
}

TEST(OneNoteAnalyzer, ThroughTheEngine) {
  const std::string one = section({file_data_store_object(kScript)});
  Report r = lg::testing::scan_bytes("Invoice.one", one);
  EXPECT_TRUE(lg::testing::has_descendant(r, sha256_hex(as_bytes(kScript))));
  EXPECT_NE(lg::testing::find_symbol(r, "ONENOTE_EMBEDDED_PAYLOAD"), nullptr);
  EXPECT_EQ(r.verdict, Verdict::kMalicious);
}

}  // namespace
}  // namespace lg
