#pragma once
/// Excel 4.0 macro sheets of SpreadsheetML packages (ECMA-376 Part 1 §18.2.19 sheet,
/// §18.2.5 definedName; [MS-XLSX] 2.1.x macrosheet parts): which sheets exist and how
/// hidden, the auto-open names, and the formulas (<c r="A1"><f>...</f></c>) of macro sheets.
#include <string>
#include <string_view>
#include <vector>

#include <pugixml.hpp>

#include "formats/xls/xlm_macros.h"

namespace lg::ooxml {

struct WorkbookSheet {
  std::string name;
  xls::SheetState state = xls::SheetState::kVisible;
  std::string rel_id;  // r:id, the workbook relationship to the sheet part
};

struct WorkbookInfo {
  std::vector<WorkbookSheet> sheets;
  std::vector<xls::XlmName> names;  // "_xlnm." prefix removed from built-in names
};

/// Reads <sheets> and <definedNames> of xl/workbook.xml (at most kMaxBiffSheets sheets and
/// kMaxBiffNames names).
WorkbookInfo read_workbook_xml(const pugi::xml_document& doc);

/// Appends the formulas of one macro-sheet part to `m.cells` (as sheet `sheet`), counting
/// them all in m.formula_count and keeping at most xls::kMaxXlmCells.
void read_macro_sheet_formulas(const pugi::xml_document& doc, std::string_view sheet,
                               xls::XlmMacros& m);

}  // namespace lg::ooxml
