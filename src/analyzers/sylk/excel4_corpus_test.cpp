// Excel 4.0 macros across containers, against olevba's output on the shared corpus
// (office-expected/*.olevba.json): every file where olevba finds XLM gives XLM findings here,
// with its auto-open name and formulas; files where it finds none give none (the OOXML macro
// sheets olevba does not read are counted separately).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "core/file_type.h"
#include "core/testing/recording_context.h"
#include "core/testing/reference_json.h"
#include "engine/registry.h"

namespace lg {
namespace {

namespace fs = std::filesystem;
using testing::Json;
using testing::json_get;
using testing::json_string;
using testing::RecordingContext;

const std::string kOffice = LG_SHARED_DIR "/corpus/office";
const std::string kExpected = LG_SHARED_DIR "/corpus/office-expected";

RecordingContext analyze(const std::string& path) {
  RecordingContext ctx;
  const std::string data = testing::read_file(path);
  auto a = make_analyzer(identify(as_bytes(data)));
  EXPECT_TRUE(a) << path;
  if (a) {
    EXPECT_TRUE(a->analyze(as_bytes(data), ctx).is_ok()) << path;
  }
  return ctx;
}

bool any_xlm(const RecordingContext& ctx) {
  for (Symbol s : {Symbol::XLM_MACRO_SHEET, Symbol::XLM_HIDDEN_SHEET, Symbol::XLM_VERY_HIDDEN_SHEET,
                   Symbol::XLM_AUTO_OPEN, Symbol::XLM_EXECUTE})
    if (ctx.has(s)) return true;
  return false;
}

// The corpus path (below office/) olevba's result names, or "".
std::string olevba_rel(const Json& result) {
  const std::string file = json_string(json_get(result, "file"));
  const std::size_t at = file.find("/corpus/office/");
  return at == std::string::npos ? std::string() : file.substr(at + 15);
}

// Whether olevba's result lists `keyword` in its analysis.
bool olevba_keyword(const Json& result, std::string_view keyword) {
  const Json* analysis = json_get(result, "analysis");
  if (!analysis || !analysis->is_array()) return false;
  for (const Json& entry : *analysis)
    if (json_string(json_get(entry, "keyword")) == keyword) return true;
  return false;
}

TEST(Excel4Corpus, AgreesWithOlevba) {
  if (!fs::exists(kExpected)) GTEST_SKIP() << "no shared corpus";
  int with_xlm = 0, without = 0, only_here = 0;
  for (const auto& e : fs::directory_iterator(kExpected)) {
    // The first result only (a second one is olevba's own decryption of the file).
    const Json doc = testing::read_json_file(e.path().string());
    const auto results = testing::olevba_results(doc);
    if (results.empty()) continue;
    const std::string rel = olevba_rel(*results.front());
    if (rel.empty() || !fs::exists(kOffice + "/" + rel) || rel.ends_with(".zip")) continue;
    const bool olevba_xlm = olevba_keyword(*results.front(), "XLM macro");
    const bool olevba_auto = olevba_keyword(*results.front(), "Auto_Open");
    RecordingContext ctx = analyze(kOffice + "/" + rel);
    if (olevba_xlm) {
      ++with_xlm;
      EXPECT_TRUE(ctx.has(Symbol::XLM_MACRO_SHEET)) << rel;
      if (olevba_auto) {
        EXPECT_TRUE(ctx.has(Symbol::XLM_AUTO_OPEN)) << rel;
      }
      EXPECT_NE(ctx.all_text(TextKind::kMacro).find("HALT()"), std::string::npos) << rel;
    } else if (any_xlm(ctx)) {
      ++only_here;
      EXPECT_NE(rel.find("excel4-macros/"), std::string::npos) << rel << " XLM found here only";
    } else {
      ++without;
    }
  }
  std::printf("excel4: %d files with XLM per olevba, %d without; %d more found here only\n",
              with_xlm, without, only_here);
  EXPECT_EQ(with_xlm, 4);
  EXPECT_GE(without, 40);
}

// The "code" string of olevba's first macro entry, without the NULs olevba leaves in front of
// some sheet names.
std::string olevba_code(const std::vector<const Json*>& results) {
  for (const Json* result : results) {
    const Json* macros = json_get(*result, "macros");
    if (!macros || !macros->is_array() || macros->empty()) continue;
    std::string code = json_string(json_get(macros->front(), "code"));
    std::erase(code, '\0');
    return code;
  }
  return {};
}

// Every formula olevba decodes (its "Sheet,Reference,Formula,Value" rows for BIFF files, its
// "Formula or Macro:" lines for SYLK), with its value when olevba shows one, is in the macro
// text here at the same cell.
TEST(Excel4Corpus, EveryFormulaOlevbaDecodesIsDecodedHere) {
  if (!fs::exists(kExpected)) GTEST_SKIP() << "no shared corpus";
  int compared = 0;
  for (const auto& e : fs::directory_iterator(kExpected)) {
    const Json doc = testing::read_json_file(e.path().string());
    const auto results = testing::olevba_results(doc);
    if (results.empty() || std::none_of(results.begin(), results.end(), [](const Json* r) {
          return olevba_keyword(*r, "XLM macro");
        }))
      continue;
    const std::string rel = olevba_rel(*results.front());
    if (rel.empty() || !fs::exists(kOffice + "/" + rel)) continue;
    const std::string text = analyze(kOffice + "/" + rel).all_text(TextKind::kMacro);
    const std::string code = olevba_code(results);
    bool rows = false;
    std::size_t pos = 0;
    while (pos < code.size()) {
      std::size_t end = code.find('\n', pos);
      if (end == std::string::npos) end = code.size();
      std::string line = code.substr(pos, end - pos);
      pos = end + 1;
      if (line.starts_with("' ")) line.erase(0, 2);
      if (line.starts_with("Formula or Macro: ")) {
        ++compared;
        EXPECT_NE(text.find(": =" + line.substr(18)), std::string::npos) << rel << ": " << line;
        continue;
      }
      if (line == "Sheet,Reference,Formula,Value") {
        rows = true;
        continue;
      }
      if (!rows) continue;
      // sheet,cell,formula,value: the value is the last field ("" when none).
      const std::size_t c1 = line.find(','), c2 = line.find(',', c1 + 1), c3 = line.rfind(',');
      if (c1 == std::string::npos || c2 == std::string::npos || c3 <= c2) continue;
      const std::string cell = line.substr(c1 + 1, c2 - c1 - 1);
      const std::string formula = line.substr(c2 + 1, c3 - c2 - 1);
      std::string value = line.substr(c3 + 1);
      if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
        value = value.substr(1, value.size() - 2);
      if (formula == "\"<ERROR>\"") continue;  // olevba could not decode it
      ++compared;
      const std::string want = cell + ": =" + formula + (value.empty() ? "" : " -> " + value);
      EXPECT_NE(text.find(want), std::string::npos) << rel << ": " << want << "\n" << text;
    }
  }
  std::printf("excel4: %d formulas decoded by olevba compared\n", compared);
  EXPECT_GE(compared, 7);
}

// The sample's two formulas in every container, including the BIFF5 cell olevba cannot
// decode and the OOXML (XML and BIFF12) macro sheets it does not read.
TEST(Excel4Corpus, SampleMacroInEveryContainer) {
  if (!fs::exists(kOffice)) GTEST_SKIP() << "no shared corpus";
  for (const char* name :
       {"excel4_sample_macro.xls", "excel4_sample_macro.xlt",
        "excel4_sample_macro_excel5_format.xls", "excel4_sample_macro.slk",
        "excel4_sample_macro.xlsm", "excel4_sample_macro.xltm", "excel4_sample_macro.xlsb"}) {
    RecordingContext ctx = analyze(kOffice + "/excel4-macros/" + name);
    const std::string text = ctx.all_text(TextKind::kMacro);
    EXPECT_NE(text.find("A1: =ALERT(\"This is a sample Excel 4 macro\")"), std::string::npos)
        << name << "\n"
        << text;
    EXPECT_NE(text.find("A2: =HALT()"), std::string::npos) << name;
    EXPECT_TRUE(ctx.has(Symbol::XLM_MACRO_SHEET)) << name;
    EXPECT_TRUE(ctx.has(Symbol::XLM_AUTO_OPEN)) << name;
    EXPECT_FALSE(ctx.has(Symbol::XLM_EXECUTE)) << name;
    EXPECT_FALSE(ctx.has(Symbol::XLM_HIDDEN_SHEET)) << name;
  }
}

}  // namespace
}  // namespace lg
