#pragma once
/// Turns what an Excel 4.0 macro reader found (XlmMacros) into findings, facts and macro
/// text, the same way for every container (OLE workbooks, OOXML macro sheets, SYLK).
#include <string_view>

#include "core/analyzer.h"
#include "formats/xls/xlm_macros.h"

namespace lg::xls {

/// Most XLM_EXECUTE findings per container (the first counts; the rest are evidence).
inline constexpr std::size_t kMaxExecuteFindings = 16;
/// Lines in the "xlm_formulas" fact (the macro text carries them all).
inline constexpr std::size_t kMaxFormulaFactLines = 200;

/// Findings: XLM_MACRO_SHEET (any macro sheet or macro-sheet formula), XLM_HIDDEN_SHEET /
/// XLM_VERY_HIDDEN_SHEET (per hidden macro sheet), XLM_AUTO_OPEN (an auto-open or auto-close
/// name, built-in or localized, when the workbook has a macro sheet), XLM_EXECUTE (a formula
/// calling EXEC, CALL, REGISTER, REGISTER.ID or RUN, with the formula as evidence).
/// Text (kMacro): "Name: =target" lines, then "Sheet!A1: =FORMULA" lines (with " -> value"
/// when the formula's cached string result is known) and "Sheet!B2: text" lines for string
/// constants.
/// Facts: "xlm_macro_sheets", "xlm_auto_names", "xlm_formula_count", "xlm_formulas",
/// "xlm_unread" (an encrypted workbook). Anomalies: m.anomalies, prefixed with m.source.
void report_xlm(const XlmMacros& m, Context& ctx);

/// True for names Excel runs on open or close: Auto_Open/Auto_Close and names starting so,
/// and their localized forms (Auto_Öffnen, Auto_ouvrir, Auto_abrir ...), any case.
bool is_auto_name(std::string_view name);

/// The calls of EXEC, CALL, REGISTER, REGISTER.ID and RUN in `formula` (outside string
/// constants), first one first; empty when none.
std::string_view first_execute_call(std::string_view formula);

}  // namespace lg::xls
