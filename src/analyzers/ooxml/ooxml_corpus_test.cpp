// OoxmlAnalyzer over every OOXML package in ../shared/corpus/office (identified by content, so
// the encrypted ones, which are OLE2 files, are left out): each is read without an error
// status, and the samples with known contents yield what they hold (checked by reading their
// XML parts, never by opening them in an office program):
//   msodde/dde-test.{docx,docm}: DDEAUTO in w:instrText and DDE in w:fldSimple;
//   msodde/dde-test.{xlsx,xlsm}: a ddeLink (cmd, /c calc.exe) in xl/externalLinks;
//   msodde/harmless-clean.*: no DDE;
//   oleobj/external_link/*: an external oleObject relationship;
//   oleobj/embedded-simple-2007.* (XML variants): an embeddings/ child;
//   oleform/oleform-PR314.docm: a vbaProject.bin child;
//   excel4-macros/excel4_sample_macro.xlsm: xl/macrosheets/.
// Not expected: DDE in the .xlsb variants (their externalLink parts are BIFF12 records, not
// XML; this analyzer reads XML parts only).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <set>
#include <string>

#include "analyzers/ooxml/ooxml_analyzer.h"
#include "core/file_type.h"
#include "core/testing/recording_context.h"
#include "engine/config.h"
#include "engine/scan.h"

namespace lg {
namespace {

using testing::RecordingContext;
namespace fs = std::filesystem;

const std::string kOfficeDir = std::string(LG_SHARED_DIR) + "/corpus/office";

bool is_ooxml(FileType t) {
  return t == FileType::kOoxmlWord || t == FileType::kOoxmlExcel || t == FileType::kOoxmlPowerpoint;
}

bool has_child(const RecordingContext& ctx, const std::string& relation) {
  return std::any_of(ctx.children.begin(), ctx.children.end(),
                     [&](const auto& c) { return c.info.relation == relation; });
}

TEST(OoxmlCorpus, EveryPackageReadsAndKnownContentsAreFound) {
  if (!fs::is_directory(kOfficeDir)) GTEST_SKIP() << "no corpus at " << kOfficeDir;
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(kOfficeDir)) {
    if (e.is_regular_file() && e.path().extension() != ".zip") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  int analyzed = 0, dde = 0, external_ole = 0, embeddings = 0;
  for (const auto& path : files) {
    const std::string bytes = testing::read_file(path.string());
    if (!is_ooxml(identify(as_bytes(bytes)))) continue;
    ++analyzed;
    RecordingContext ctx;
    OoxmlAnalyzer a;
    const Status st = a.analyze(as_bytes(bytes), ctx);
    const std::string rel = fs::relative(path, kOfficeDir).string();
    const std::string name = path.filename().string();
    const std::string ext = path.extension().string();
    EXPECT_TRUE(st.is_ok()) << rel << ": " << st.to_string();
    EXPECT_GT(ctx.num("parts"), 0) << rel;
    EXPECT_NE(ctx.str("content_type"), "<missing>") << rel;
    if (rel.starts_with("msodde/dde-test") && ext != ".xlsb") {
      EXPECT_TRUE(ctx.has(Symbol::DDE_COMMAND)) << rel;
      dde += ctx.has(Symbol::DDE_COMMAND);
    }
    if (rel.starts_with("msodde/harmless-clean")) {
      EXPECT_FALSE(ctx.has(Symbol::DDE_COMMAND)) << rel;
      EXPECT_TRUE(ctx.findings.empty()) << rel;
    }
    if (rel.starts_with("oleobj/external_link/")) {
      EXPECT_TRUE(ctx.has(Symbol::OOXML_EXTERNAL_OLE)) << rel;
      EXPECT_FALSE(ctx.links.empty()) << rel;
      external_ole += ctx.has(Symbol::OOXML_EXTERNAL_OLE);
    }
    if (name.starts_with("embedded-simple-2007") && ext != ".xlsb") {
      EXPECT_TRUE(has_child(ctx, "embedding")) << rel;
      embeddings += has_child(ctx, "embedding");
    }
    if (name == "oleform-PR314.docm") {
      EXPECT_TRUE(has_child(ctx, "vba_project")) << rel;
    }
    if (name == "excel4_sample_macro.xlsm") {
      EXPECT_TRUE(ctx.has(Symbol::XLM_MACRO_SHEET)) << rel;
    }
    // Only embeddings, the VBA project and executable media are children.
    for (const auto& c : ctx.children) {
      EXPECT_TRUE(c.info.relation == "embedding" || c.info.relation == "vba_project" ||
                  c.info.relation == "media")
          << rel << ": " << c.info.relation;
    }
  }
  EXPECT_GE(analyzed, 40);
  EXPECT_EQ(dde, 4);
  EXPECT_GE(external_ole, 12);
  EXPECT_GE(embeddings, 8);
}

// The DDE sample's instructions, exactly as its document.xml holds them.
TEST(OoxmlCorpus, DdeTestDocxInstructions) {
  const std::string bytes = testing::read_file(kOfficeDir + "/msodde/dde-test.docx");
  if (bytes.empty()) GTEST_SKIP() << "no corpus";
  RecordingContext ctx;
  OoxmlAnalyzer a;
  ASSERT_TRUE(a.analyze(as_bytes(bytes), ctx).is_ok());
  std::vector<std::string> values;
  for (const auto& f : ctx.findings) {
    if (f.symbol == Symbol::DDE_COMMAND) values.push_back(f.evidence.value);
  }
  ASSERT_EQ(values.size(), 3u);
  EXPECT_EQ(values[0], "DDEAUTO c:\\\\windows\\\\system32\\\\cmd.exe \"/k calc.exe\"");
  EXPECT_EQ(values[1], " DDE c:\\\\windows\\\\system32\\\\cmd.exe \"/k calc.exe\" ");
  EXPECT_EQ(values[2],
            " ddeauto \xC3\xBCnic\xC3\xB6"
            "de-test ");
  EXPECT_NE(ctx.all_text(TextKind::kDocument).find("This is a dde test file."), std::string::npos);
}

// Through the engine, the VBA project child reaches the OLE analyzer, which finds the macros,
// and an embedded object is identified as a compound file.
TEST(OoxmlCorpus, ChildrenReachTheOleAnalyzer) {
  struct Case {
    const char* file;
    const char* symbol;
    const char* child_type;
  };
  for (const Case& c : {Case{"oleform/oleform-PR314.docm", "VBA_MACRO", "ole2"},
                        Case{"oleobj/embedded-simple-2007.docx", "", "ole2"}}) {
    const std::string bytes = testing::read_file(kOfficeDir + "/" + c.file);
    if (bytes.empty()) GTEST_SKIP() << "no corpus";
    Config config = default_config();
    TextScanner scanner;
    Report report;
    Scan scan(config, scanner, report, [](FileType t) -> std::unique_ptr<Analyzer> {
      if (is_ooxml(t)) return std::make_unique<OoxmlAnalyzer>();
      return make_analyzer(t);
    });
    scan.run(c.file, as_bytes(bytes));
    ASSERT_GE(report.objects.size(), 2u) << c.file;
    EXPECT_EQ(report.objects[1].type, c.child_type) << c.file;
    std::set<std::string> symbols;
    for (const auto& f : report.findings) symbols.insert(f.symbol);
    if (*c.symbol) {
      EXPECT_TRUE(symbols.count(c.symbol)) << c.file;
    }
  }
}

}  // namespace
}  // namespace lg
