#pragma once
/// SYLK (Symbolic Link, .slk) spreadsheets: text records Excel opens as a workbook. An
/// options record with the E field ("O;...;E") makes the sheet an Excel 4.0 macro sheet whose
/// cell formulas ("C;Y1;X1;E<formula>") are macros, and a name record ("NN;NAuto_Open;ER1C1")
/// can run them on open.
#include "core/analyzer.h"

namespace lg {

/// Findings, facts and text through xls::report_xlm (XLM_MACRO_SHEET, XLM_AUTO_OPEN,
/// XLM_EXECUTE ...). Formulas are reported as written (R1C1 references). A SYLK file without
/// the macro-sheet option reports nothing of its formulas. Status: always ok.
class SylkAnalyzer final : public Analyzer {
 public:
  /// Records read (a record is one line).
  static constexpr std::size_t kMaxRecords = 2'000'000;
  [[nodiscard]] Status analyze(ByteView object, Context& ctx) override;
};

}  // namespace lg
