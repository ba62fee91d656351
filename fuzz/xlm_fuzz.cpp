// The Excel 4.0 macro readers (src/formats/xls): the BIFF record walk of a Workbook stream
// and the Ptg token decoder, both BIFF versions. Invariants: the caps hold, the text is
// valid UTF-8 and no longer than the per-formula cap (plus its end marker).
#include <cstddef>
#include <cstdint>

#include "core/bytes.h"
#include "core/utf8.h"
#include "formats/xls/biff_workbook.h"
#include "formats/xls/xls_formula.h"
#include "fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const lg::ByteView in(data, size);
  const lg::xls::XlmMacros m = lg::xls::read_biff_workbook(in);
  LG_FUZZ_CHECK(m.cells.size() <= lg::xls::kMaxXlmCells);
  LG_FUZZ_CHECK(m.cells.size() <= m.formula_count + m.value_cells);
  LG_FUZZ_CHECK(m.value_cells <= lg::xls::kMaxXlmValueCells);
  LG_FUZZ_CHECK(m.sheets.size() <= lg::xls::kMaxBiffSheets);
  for (const auto& c : m.cells) {
    LG_FUZZ_CHECK(lg::is_valid_utf8(c.formula));
    LG_FUZZ_CHECK(lg::is_valid_utf8(c.value));
    LG_FUZZ_CHECK(c.value.size() <= lg::xls::kMaxXlmValueBytes);
  }
  for (const auto& s : m.sheets) LG_FUZZ_CHECK(lg::is_valid_utf8(s.name));
  lg::xls::FormulaContext fc;
  fc.sheets = {"Sheet1", "Macro1"};
  fc.names = {"Auto_Open"};
  fc.extern_sheets = {"Macro1"};
  for (auto v : {lg::xls::BiffVersion::kBiff8, lg::xls::BiffVersion::kBiff5}) {
    fc.version = v;
    std::size_t budget = 1u << 20;
    const lg::xls::DecodedFormula f = lg::xls::decode_formula(in, fc, budget);
    LG_FUZZ_CHECK(lg::is_valid_utf8(f.text));
    LG_FUZZ_CHECK(budget <= (1u << 20));
  }
  return 0;
}
