// Excel 4.0 macros across containers, against olevba's output on the shared corpus
// (office-expected/*.olevba.json): every file where olevba finds XLM gives XLM findings here,
// with its auto-open name and formulas; files where it finds none give none (the OOXML macro
// sheets olevba does not read are counted separately).
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>

#include "core/file_type.h"
#include "core/testing/recording_context.h"
#include "engine/registry.h"

namespace lg {
namespace {

namespace fs = std::filesystem;
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

TEST(Excel4Corpus, AgreesWithOlevba) {
  if (!fs::exists(kExpected)) GTEST_SKIP() << "no shared corpus";
  int with_xlm = 0, without = 0, only_here = 0;
  for (const auto& e : fs::directory_iterator(kExpected)) {
    std::string json = testing::read_file(e.path().string());
    // The first result only (a second one is olevba's own decryption of the file).
    const std::size_t first = json.find("\"container\"");
    if (first == std::string::npos) continue;
    const std::size_t second = json.find("\"container\"", first + 1);
    json = json.substr(first, second == std::string::npos ? std::string::npos : second - first);
    const std::size_t f = json.find("\"file\": \"");
    if (f == std::string::npos) continue;
    const std::size_t start = json.find("/corpus/office/", f);
    const std::size_t end = json.find('"', start);
    const std::string rel = json.substr(start + 15, end - start - 15);
    if (!fs::exists(kOffice + "/" + rel) || rel.ends_with(".zip")) continue;
    const bool olevba_xlm = json.find("\"keyword\": \"XLM macro\"") != std::string::npos;
    const bool olevba_auto = json.find("\"keyword\": \"Auto_Open\"") != std::string::npos;
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

// The sample's two formulas in every container, including the BIFF5 cell olevba cannot
// decode and the OOXML macro sheets it does not read.
TEST(Excel4Corpus, SampleMacroInEveryContainer) {
  if (!fs::exists(kOffice)) GTEST_SKIP() << "no shared corpus";
  for (const char* name : {"excel4_sample_macro.xls", "excel4_sample_macro.xlt",
                           "excel4_sample_macro_excel5_format.xls", "excel4_sample_macro.slk",
                           "excel4_sample_macro.xlsm", "excel4_sample_macro.xltm"}) {
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
  // The .xlsb's macro sheet part is there (its formulas are BIFF12, not decoded).
  RecordingContext xlsb = analyze(kOffice + "/excel4-macros/excel4_sample_macro.xlsb");
  EXPECT_TRUE(xlsb.has(Symbol::XLM_MACRO_SHEET));
}

}  // namespace
}  // namespace lg
