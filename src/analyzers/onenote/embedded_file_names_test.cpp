// Names of embedded files (embedded_file_names.h) on sections written by onenote_fixture.h:
// the name reaches the child and the engine's name checks, object IDs counted past other
// ObjectID values, damaged and missing links, and a section of nothing but fragment headers.
#include "analyzers/onenote/embedded_file_names.h"

#include <gtest/gtest.h>

#include "analyzers/onenote/onenote_analyzer.h"
#include "analyzers/onenote/onenote_fixture.h"
#include "core/file_type.h"
#include "core/testing/recording_context.h"
#include "engine/testing/scan_testing.h"

namespace lg {
namespace {

using lg::testing::RecordingContext;
using onenote::testing::EmbeddedSpec;
using onenote::testing::named_section;

using onenote::testing::kScript;
const std::string kText = "Minutes of the meeting, nothing to run here.\r\n";

TEST(OneNoteNames, NamesReachTheChildren) {
  const std::string one =
      named_section({{"Minutes.txt", kText, false}, {"Invoice.pdf.vbs", kScript, true}});
  ASSERT_EQ(identify(as_bytes(one)), FileType::kOneNote);
  const auto names = onenote::read_embedded_file_names(as_bytes(one));
  EXPECT_TRUE(names.anomalies.empty()) << names.anomalies.front();
  EXPECT_EQ(names.named_nodes, 2u);
  ASSERT_EQ(names.by_offset.size(), 2u);

  RecordingContext ctx;
  ASSERT_TRUE(OneNoteAnalyzer().analyze(as_bytes(one), ctx).is_ok());
  ASSERT_EQ(ctx.children.size(), 2u);
  EXPECT_EQ(ctx.children[0].info.name, "Minutes.txt");
  EXPECT_EQ(ctx.children[1].info.name, "Invoice.pdf.vbs");
  EXPECT_EQ(to_string(ctx.children[1].data), kScript);
  EXPECT_EQ(ctx.num("embedded_file_names"), 2);
  ASSERT_EQ(ctx.findings.size(), 1u);
  EXPECT_EQ(ctx.findings[0].evidence.value, "Invoice.pdf.vbs");
}

TEST(OneNoteNames, ThroughTheEngineTheNameIsChecked) {
  const std::string one = named_section({{"Invoice.pdf.vbs", kScript, false}});
  const Report r = lg::testing::scan_bytes("Shared notes.one", one);
  EXPECT_NE(lg::testing::find_symbol(r, "FILENAME_DOUBLE_EXTENSION"), nullptr);
  EXPECT_NE(lg::testing::find_symbol(r, "ONENOTE_EMBEDDED_PAYLOAD"), nullptr);
}

TEST(OneNoteNames, BrokenLinksLeaveTheFileUnnamed) {
  std::string one = named_section({{"Invoice.pdf.vbs", kScript, false}});
  // The store reference's GUID changed: the name has no object to go to.
  const std::string guid = onenote::testing::guid_bytes(0);
  std::string no_store = one;
  no_store.replace(no_store.rfind(guid), 16, onenote::testing::guid_bytes(9));
  RecordingContext ctx;
  ASSERT_TRUE(OneNoteAnalyzer().analyze(as_bytes(no_store), ctx).is_ok());
  ASSERT_EQ(ctx.children.size(), 1u);
  EXPECT_EQ(ctx.children[0].info.name, "embedded-1");
  // The property set's count of properties made huge: damaged, reported, unnamed.
  std::string damaged = one;
  const std::size_t props = 0x400 + 8;  // after the OIDs header and one CompactID
  damaged[props] = '\xFF';
  damaged[props + 1] = '\xFF';
  const auto names = onenote::read_embedded_file_names(as_bytes(damaged));
  EXPECT_TRUE(names.by_offset.empty());
  EXPECT_FALSE(names.anomalies.empty());
}

TEST(OneNoteNames, EveryCutIsHarmless) {
  const std::string one = named_section({{"a.lnk", kScript, true}});
  for (std::size_t n = 0x400; n < one.size(); n += 3)
    (void)onenote::read_embedded_file_names(as_bytes(std::string_view(one).substr(0, n)));
}

// 200,000 fragment headers and no footer: every fragment ends at the end of the file, yet
// the footer search runs once.
TEST(OneNoteNames, HeadersWithoutFootersStayLinear) {
  std::string one = onenote::testing::kFileGuid + std::string(0x400 - 16, '\0');
  for (int i = 0; i < 200'000; ++i)
    one += std::string("\xC4\xF4\xF7\xF5\xB1\x7A\x56\xA4", 8) + std::string(8, '\0');
  const auto names = onenote::read_embedded_file_names(as_bytes(one));
  EXPECT_FALSE(names.anomalies.empty());  // the fragment cap
  EXPECT_TRUE(names.by_offset.empty());
}

}  // namespace
}  // namespace lg
