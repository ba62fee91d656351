// Cell values of Excel 4.0 macro sheets, kept under the caps of xlm_macros.h.
#include "formats/xls/xlm_macros.h"

#include "formats/xls/xls_string.h"

namespace lg::xls {

void add_value_cell(XlmMacros& m, std::string sheet, std::string cell, std::string_view value) {
  if (value.empty() || m.value_cells >= kMaxXlmValueCells || m.cells.size() >= kMaxXlmCells) return;
  ++m.value_cells;
  m.cells.push_back(
      {std::move(sheet), std::move(cell), {}, std::string(utf8_prefix(value, kMaxXlmValueBytes))});
}

void set_last_value(XlmMacros& m, std::string_view sheet, std::string_view cell,
                    std::string_view value) {
  if (m.cells.empty()) return;
  XlmCell& last = m.cells.back();
  if (last.formula.empty() || last.sheet != sheet || last.cell != cell) return;
  last.value = std::string(utf8_prefix(value, kMaxXlmValueBytes));
}

}  // namespace lg::xls
