// The .xlsb readers (src/formats/xls): the [MS-XLSB] 2.1.4 record framing, workbook.bin,
// sharedStrings.bin and macro-sheet parts, and the BIFF12 Ptg token layout, all on the same
// input. Invariants: the caps hold, text is valid UTF-8 and formulas stay within their cap.
#include <cstddef>
#include <cstdint>

#include "core/bytes.h"
#include "core/utf8.h"
#include "formats/xls/biff12_reader.h"
#include "formats/xls/xls_formula.h"
#include "formats/xls/xlsb_workbook.h"
#include "fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const lg::ByteView in(data, size);
  lg::xls::Biff12Reader rd(in);
  lg::xls::Biff12Record rec;
  std::size_t records = 0, end = 0;
  while (rd.next(rec)) {
    LG_FUZZ_CHECK(rec.offset >= end);
    LG_FUZZ_CHECK(rec.body.size() <= size);
    end = rd.position();
    LG_FUZZ_CHECK(end <= size);
    ++records;
  }
  LG_FUZZ_CHECK(records <= size);

  std::size_t budget = 1u << 20;
  const lg::xls::XlsbWorkbook wb = lg::xls::read_xlsb_workbook(in, budget);
  LG_FUZZ_CHECK(budget <= (1u << 20));
  LG_FUZZ_CHECK(wb.sheets.size() <= lg::xls::kMaxBiffSheets);
  LG_FUZZ_CHECK(wb.names.size() <= lg::xls::kMaxBiffNames);
  for (const auto& s : wb.sheets) LG_FUZZ_CHECK(lg::is_valid_utf8(s.name));
  for (const auto& n : wb.names) LG_FUZZ_CHECK(lg::is_valid_utf8(n.formula));

  const auto sst = lg::xls::read_xlsb_shared_strings(in);
  LG_FUZZ_CHECK(sst.size() <= lg::xls::kMaxXlsbSharedStrings);
  lg::xls::XlmMacros m;
  lg::xls::read_xlsb_macro_sheet(in, "Macro1", wb.fc, sst, budget, m);
  LG_FUZZ_CHECK(m.cells.size() <= m.formula_count + m.value_cells);
  for (const auto& c : m.cells) {
    LG_FUZZ_CHECK(lg::is_valid_utf8(c.formula) && lg::is_valid_utf8(c.value));
    LG_FUZZ_CHECK(c.value.size() <= lg::xls::kMaxXlmValueBytes);
  }

  lg::xls::FormulaContext fc;
  fc.version = lg::xls::BiffVersion::kBiff12;
  fc.sheets = {"Sheet1", "Macro1"};
  fc.names = {"Auto_Open"};
  fc.extern_sheets = {"Macro1"};
  std::size_t formula_budget = 1u << 20;
  const lg::xls::DecodedFormula f = lg::xls::decode_formula(in, fc, formula_budget);
  LG_FUZZ_CHECK(lg::is_valid_utf8(f.text));
  return 0;
}
