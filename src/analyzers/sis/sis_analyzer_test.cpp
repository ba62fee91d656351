// SisAnalyzer on EPOC SIS files written here (release 6 deflated and stored, release 3-5,
// conditional and options records, damage of every kind) and on clamav-testfiles' clam.sis.
#include "analyzers/sis/sis_analyzer.h"

#include <gtest/gtest.h>

#include "analyzers/sis/sis_reader.h"
#include "analyzers/sis/sis_test_builder.h"
#include "core/file_type.h"
#include "core/reader.h"
#include "core/testing/recording_context.h"
#include "engine/registry.h"
#include "engine/testing/scan_testing.h"

namespace lg {
namespace {

using lg::testing::RecordingContext;
using lg::testing::sis_u32;
using lg::testing::SisBuilder;
using lg::testing::SisTestFile;

const std::string kReadme = "Thank you for installing the wallet.\r\n";
const std::string kProgram = "a program's bytes, not a real one: " + std::string(200, 'x');

std::vector<std::string> strings_fact(const RecordingContext& ctx, const std::string& key) {
  auto it = ctx.facts.find(key);
  if (it == ctx.facts.end()) return {};
  return std::get<std::vector<std::string>>(it->second);
}

RecordingContext analyze(const std::string& file) {
  RecordingContext ctx;
  SisAnalyzer a;
  EXPECT_TRUE(a.analyze(as_bytes(file), ctx).is_ok());
  return ctx;
}

SisBuilder two_languages() {
  SisBuilder b;
  b.languages = {1, 2};
  b.files.push_back(
      {0, 0, 0, "C:\\build\\wallet.app", "!:\\system\\apps\\wallet\\wallet.app", {kProgram}});
  b.files.push_back({1,
                     0,
                     0,
                     "",
                     "!:\\system\\apps\\wallet\\wallet.rsc",
                     {"english resource", "ressource en francais"}});
  return b;
}

TEST(SisAnalyzer, Release6DeflatedFilesAreInflated) {
  const std::string file = two_languages().build();
  ASSERT_EQ(identify(as_bytes(file)), FileType::kSis);
  const RecordingContext ctx = analyze(file);
  ASSERT_EQ(ctx.children.size(), 3u);
  EXPECT_EQ(to_string(ctx.children[0].data), kProgram);
  EXPECT_EQ(ctx.children[0].info.name, "!:\\system\\apps\\wallet\\wallet.app");
  EXPECT_EQ(ctx.children[0].info.relation, "entry");
  EXPECT_EQ(to_string(ctx.children[1].data), "english resource");
  EXPECT_EQ(to_string(ctx.children[2].data), "ressource en francais");
  EXPECT_EQ(ctx.children[2].info.name, "!:\\system\\apps\\wallet\\wallet.rsc");
  EXPECT_EQ(ctx.str("sis_format"), "epoc6");
  EXPECT_EQ(ctx.str("sis_uid"), "0x10001234");
  EXPECT_EQ(ctx.str("sis_component_name"), "Wallet");
  EXPECT_EQ(ctx.num("sis_files"), 2);
  EXPECT_EQ(strings_fact(ctx, "sis_languages"), (std::vector<std::string>{"EN", "FR"}));
  EXPECT_EQ(strings_fact(ctx, "sis_names").size(), 2u);
  EXPECT_EQ(ctx.all_text(TextKind::kDocument), "Wallet");
  EXPECT_TRUE(ctx.anomalies.empty()) << ctx.anomalies.front();
  EXPECT_TRUE(ctx.findings.empty());
}

TEST(SisAnalyzer, StoredDataAndEightBitNames) {
  for (bool epoc6 : {true, false}) {
    SisBuilder b;
    b.epoc6 = epoc6;
    b.compress = false;
    b.unicode = false;
    b.component = "Portefeuille \xE9t\xE9";  // windows-1252
    b.files.push_back({0, 1, 0, "readme.txt", "", {kReadme}});
    const std::string file = b.build();
    ASSERT_EQ(identify(as_bytes(file)), FileType::kSis);
    const RecordingContext ctx = analyze(file);
    ASSERT_EQ(ctx.children.size(), 1u) << epoc6;
    EXPECT_EQ(to_string(ctx.children[0].data), kReadme);
    EXPECT_EQ(ctx.children[0].info.name, "readme.txt");  // no destination: the source name
    EXPECT_EQ(ctx.str("sis_format"), epoc6 ? "epoc6" : "epoc5");
    EXPECT_EQ(ctx.str("sis_component_name"), "Portefeuille \xC3\xA9t\xC3\xA9");
    EXPECT_EQ(std::get<bool>(ctx.facts.at("sis_compressed")), false);
  }
}

TEST(SisAnalyzer, ConditionAndOptionRecordsAreSkipped) {
  SisBuilder b;
  b.languages = {1, 3};
  // Options: one option, a name per language (lengths, pointers), the 128-bit selection.
  b.raw_records.push_back(sis_u32(2) + sis_u32(1) + sis_u32(0) + sis_u32(0) + sis_u32(0) +
                          sis_u32(0) + std::string(16, '\0'));
  b.raw_records.push_back(sis_u32(3) + sis_u32(8) + sis_u32(0x0E) + sis_u32(1));  // IF
  b.raw_records.push_back(sis_u32(5));                                            // ELSE
  b.raw_records.push_back(sis_u32(4) + sis_u32(4) + sis_u32(0));                  // ELSEIF
  b.raw_records.push_back(sis_u32(6));                                            // ENDIF
  b.files.push_back({0, 0, 0, "a.txt", "!:\\a.txt", {"after the conditions"}});
  const RecordingContext ctx = analyze(b.build());
  ASSERT_EQ(ctx.children.size(), 1u);
  EXPECT_EQ(to_string(ctx.children[0].data), "after the conditions");
  EXPECT_TRUE(ctx.anomalies.empty()) << ctx.anomalies.front();
}

TEST(SisAnalyzer, RunOnInstallAndSymbianPrograms) {
  SisBuilder b;
  std::string e32 = sis_u32(0x1000007A) + sis_u32(0x100039CE) + sis_u32(0x10001234) + sis_u32(0) +
                    "EPOC" + std::string(100, '\0');
  b.files.push_back({0, 3, 0, "setup.exe", "!:\\system\\programs\\setup.exe", {e32}});
  b.files.push_back({0, 0, 0, "notes.txt", "!:\\notes.txt", {"EPOC in text is no image"}});
  const RecordingContext ctx = analyze(b.build());
  ASSERT_EQ(ctx.children.size(), 2u);
  ASSERT_EQ(ctx.findings.size(), 2u);
  EXPECT_EQ(ctx.findings[0].symbol, Symbol::SIS_RUN_ON_INSTALL);
  EXPECT_EQ(ctx.findings[0].evidence.detail, "run during installation");
  EXPECT_EQ(ctx.findings[1].symbol, Symbol::SIS_SYMBIAN_PROGRAM);
  EXPECT_EQ(ctx.findings[1].evidence.value, "!:\\system\\programs\\setup.exe");
  EXPECT_EQ(ctx.findings[1].evidence.detail, "E32 executable image");
}

// Patches the 32-bit value at `at`.
void put32(std::string& s, std::size_t at, std::uint32_t v) { s.replace(at, 4, sis_u32(v)); }

TEST(SisAnalyzer, OutOfRangePointersAreAnomalies) {
  SisBuilder b;
  b.files.push_back({0, 0, 0, "a", "!:\\a", {"first file"}});
  b.files.push_back({0, 0, 0, "b", "!:\\b", {"second file"}});
  const std::size_t rec = b.records_offset(), rec_size = 28 + 12 + 8;
  std::string file = b.build();
  put32(file, rec + 32, static_cast<std::uint32_t>(file.size() - 2));  // first data pointer
  put32(file, rec + rec_size + 24, 0xFFFFFFF0u);                       // second's name pointer
  const RecordingContext ctx = analyze(file);
  ASSERT_EQ(ctx.children.size(), 1u);
  EXPECT_EQ(to_string(ctx.children[0].data), "second file");
  EXPECT_EQ(ctx.children[0].info.name, "b");  // the destination was unreadable
  ASSERT_EQ(ctx.anomalies.size(), 2u);
  EXPECT_EQ(ctx.anomalies[0], "SIS file data outside the package: !:\\a");
  EXPECT_EQ(ctx.anomalies[1], "SIS destination name outside the package");

  // Data pointing into the header, and file records pointing into it.
  std::string into_header = b.build();
  put32(into_header, rec + 32, 8);
  EXPECT_EQ(analyze(into_header).anomalies.at(0), "SIS file data overlaps the header: !:\\a");
  std::string records_in_header = b.build();
  put32(records_in_header, 52, 20);
  const RecordingContext bad = analyze(records_in_header);
  EXPECT_TRUE(bad.children.empty());
  EXPECT_EQ(bad.anomalies.at(0), "SIS file records point into the header");
}

TEST(SisAnalyzer, TruncatedPackagesKeepWhatCameBefore) {
  SisBuilder b;
  b.compress = false;
  b.files.push_back({0, 0, 0, "a", "!:\\a", {"first"}});
  b.files.push_back({0, 0, 0, "b", "!:\\b", {"second"}});
  std::string file = b.build();
  // Cut inside the second record: the first is read, its data lies past the cut.
  const std::string cut = file.substr(0, b.records_offset() + 48 + 10);
  RecordingContext ctx;
  SisAnalyzer a;
  EXPECT_TRUE(a.analyze(as_bytes(cut), ctx).is_ok());
  EXPECT_TRUE(ctx.children.empty());
  ASSERT_FALSE(ctx.anomalies.empty());
  EXPECT_EQ(ctx.anomalies.back(), "SIS file record 1 truncated");
  // A cut header is refused.
  RecordingContext short_ctx;
  EXPECT_EQ(a.analyze(as_bytes(file.substr(0, 80)), short_ctx).code(), ErrorCode::kMalformed);
  EXPECT_EQ(short_ctx.anomalies.at(0), "SIS header truncated");
  // Unknown record types stop the walk.
  SisBuilder u = b;
  u.raw_records.push_back(sis_u32(9));
  EXPECT_EQ(analyze(u.build()).anomalies.at(0), "SIS file record 0 of unknown type 9");
}

TEST(SisAnalyzer, DamagedDeflateAndWrongSizes) {
  SisBuilder b;
  b.files.push_back({0, 0, 0, "a", "!:\\a", {std::string(4000, 'a') + "tail"}});
  std::string file = b.build();
  const std::size_t rec = b.records_offset();
  // Original length recorded wrong: the data is still handed over.
  std::string wrong_size = file;
  put32(wrong_size, rec + 36, 5);
  const RecordingContext ctx = analyze(wrong_size);
  ASSERT_EQ(ctx.children.size(), 1u);
  EXPECT_EQ(ctx.anomalies.at(0), "SIS file inflates to another size than recorded: !:\\a");
  // The stream cut short: what came out is kept and flagged.
  std::string damaged = file;
  const std::uint32_t stored = *Reader(as_bytes(file)).u32le(rec + 28);
  put32(damaged, rec + 28, stored - 6);
  const RecordingContext d = analyze(damaged);
  EXPECT_EQ(d.anomalies.at(0), "SIS file's deflate stream damaged: !:\\a");
}

TEST(SisAnalyzer, SharedDataIsReadAtMostTwice) {
  // Many records over the same data (a crafted package): the reads stop at twice its size.
  SisBuilder b;
  b.compress = false;
  b.files.push_back({0, 0, 0, "", "!:\\x", {std::string(10000, 'x')}});
  for (int i = 1; i < 50; ++i) b.files.push_back({0, 0, 0, "", "!:\\y", {"y"}});
  std::string file = b.build();
  const std::size_t rec = b.records_offset();
  const std::uint32_t first_data = *Reader(as_bytes(file)).u32le(rec + 32);
  for (std::size_t i = 1; i < 50; ++i) {
    put32(file, rec + i * 48 + 28, 10000);
    put32(file, rec + i * 48 + 32, first_data);
  }
  const RecordingContext ctx = analyze(file);
  EXPECT_EQ(ctx.children.size(), 2u);
  EXPECT_EQ(ctx.anomalies.back(), "SIS file data read more than twice over: stopped");
}

TEST(SisAnalyzer, LanguageCountOverTheCap) {
  SisBuilder b;
  b.files.push_back({0, 0, 0, "a", "!:\\a", {"data"}});
  std::string file = b.build();
  file.replace(18, 2, lg::testing::sis_u16(kSisMaxLanguages + 1));
  const RecordingContext ctx = analyze(file);
  EXPECT_TRUE(ctx.children.empty());
  EXPECT_EQ(ctx.anomalies.at(0), "SIS header declares 257 languages (over the cap)");
}

TEST(SisAnalyzer, RegistryMapsTheType) {
  EXPECT_NE(dynamic_cast<SisAnalyzer*>(make_analyzer(FileType::kSis).get()), nullptr);
}

TEST(SisAnalyzer, ClamavSisYieldsClamExe) {
  const std::string file = lg::testing::read_file(lg::testing::kClamavDir + "clam.sis");
  if (file.empty()) GTEST_SKIP() << "clamav-testfiles not installed";
  const RecordingContext ctx = analyze(file);
  EXPECT_EQ(ctx.str("sis_format"), "epoc6");
  EXPECT_EQ(ctx.str("sis_component_name"), "Name");
  EXPECT_EQ(strings_fact(ctx, "sis_names"), std::vector<std::string>{"!:\\clam.exe"});
  EXPECT_TRUE(ctx.anomalies.empty()) << ctx.anomalies.front();
  Report r = lg::testing::scan_bytes("clam.sis", file);
  EXPECT_EQ(r.objects[0].type, "sis");
  EXPECT_TRUE(lg::testing::has_descendant(r, std::string(lg::testing::kClamExeSha256)));
  EXPECT_NE(lg::testing::find_symbol(r, "EXECUTABLE_ATTACHMENT"), nullptr);
}

}  // namespace
}  // namespace lg
