#pragma once
/// What an Excel 4.0 (XLM) macro reader found, whatever the container: BIFF5/BIFF8
/// workbooks, SpreadsheetML macro sheets, SYLK files. The readers fill it; report_xlm
/// (xlm_report.h) turns it into findings, facts and macro text.
#include <cstddef>
#include <cstdint>
#include <string>
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
  std::string formula;  // without the leading '='
};

struct XlmMacros {
  std::string source;  // where it was read: "Workbook", "xl/macrosheets/sheet1.xml", "SYLK"
  std::vector<XlmSheet> sheets;
  std::vector<XlmName> names;
  std::vector<XlmCell> cells;     // formulas on macro sheets, at most kMaxXlmCells
  std::size_t formula_count = 0;  // all formulas seen, kept or not
  bool encrypted = false;         // FILEPASS: record bodies after it were not read
  std::vector<std::string> anomalies;
};

/// Most formulas kept per container (more are counted only).
inline constexpr std::size_t kMaxXlmCells = 100'000;
/// Characters of formula text built per container (shared by all its formulas).
inline constexpr std::size_t kXlmTextBudget = 32u << 20;

}  // namespace lg::xls
