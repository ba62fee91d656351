#pragma once
/// What an Excel 4.0 (XLM) macro reader found, whatever the container: BIFF5/BIFF8
/// workbooks, SpreadsheetML macro sheets, SYLK files. The readers fill it; report_xlm
/// (xlm_report.h) turns it into findings, facts and macro text.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace lg::xls {

/// [MS-XLS] 2.4.28 BoundSheet8 hsState; SpreadsheetML ST_SheetState.
enum class SheetState : std::uint8_t { kVisible, kHidden, kVeryHidden };

struct XlmSheet {
  std::string name;
  SheetState state = SheetState::kVisible;
  bool macro = false;  // an Excel 4.0 macro sheet (BoundSheet8 dt 1, BOF dt 0x0040, ...)
};

struct XlmName {
  std::string name;     // "Auto_Open" for the built-in name 0x01
  std::string formula;  // what it refers to, as text ("Macro1!$A$1")
  bool builtin = false;
};

struct XlmCell {
  std::string sheet;
  std::string cell;     // "A1"
  std::string formula;  // without the leading '='; empty for a constant cell
  /// The cell's text: a formula's cached string result (BIFF STRING after FORMULA,
  /// BrtFmlaString), or a string constant (LABEL, LABELSST, BrtCellSt, BrtCellIsst).
  std::string value;
};

struct XlmMacros {
  std::string source;  // where it was read: "Workbook", "xl/macrosheets/sheet1.xml", "SYLK"
  std::vector<XlmSheet> sheets;
  std::vector<XlmName> names;
  /// Formulas and string constants on macro sheets, at most kMaxXlmCells in all and at most
  /// kMaxXlmValueCells constants.
  std::vector<XlmCell> cells;
  std::size_t formula_count = 0;  // all formulas seen, kept or not
  std::size_t value_cells = 0;    // string-constant cells kept
  bool encrypted = false;         // FILEPASS: record bodies after it were not read
  std::vector<std::string> anomalies;
};

/// Most formulas kept per container (more are counted only).
inline constexpr std::size_t kMaxXlmCells = 100'000;
/// Most string-constant cells kept per container (constants do not crowd out formulas).
inline constexpr std::size_t kMaxXlmValueCells = 20'000;
/// Bytes of one cell value kept.
inline constexpr std::size_t kMaxXlmValueBytes = 8192;
/// Characters of formula text built per container (shared by all its formulas).
inline constexpr std::size_t kXlmTextBudget = 32u << 20;

/// Appends a string-constant cell (value cut to kMaxXlmValueBytes); nothing when `value` is
/// empty or kMaxXlmValueCells / kMaxXlmCells is reached.
void add_value_cell(XlmMacros& m, std::string sheet, std::string cell, std::string_view value);

/// Sets the cached string result of the last kept cell, when it is `sheet`'s `cell`.
void set_last_value(XlmMacros& m, std::string_view sheet, std::string_view cell,
                    std::string_view value);

}  // namespace lg::xls
