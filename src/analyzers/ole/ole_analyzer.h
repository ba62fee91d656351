#pragma once
/// [MS-CFB] compound files (.doc/.xls/.ppt, vbaProject.bin, OLE objects) and their VBA.
#include "core/analyzer.h"

namespace lg {

/// Facts: "ole_entries" (paths, at most kMaxListedEntries), "ole_root_clsid"; property sets
/// ([MS-OLEPS]): "title", "subject", "author", "keywords", "last_author", "app_name",
/// "codepage", "created", "last_saved" (ISO-8601), "company"...; "has_vba" (bool),
/// "vba_modules" (names), "vba_code_hash" (SHA-256 of the code without Attribute lines),
/// "vba_keywords" ("AutoExec:Auto_Open", "Suspicious:Shell" ...), "vba_carved" (modules found
/// by scanning), "vba_executable_names".
/// Text: every module's source (TextKind::kMacro) and decoded string literals.
/// Children: Ole10Native packages ("package", with the original file name), embedded objects'
/// CONTENTS/Package streams ("embedded"). PowerPoint's compressed VBA storage is read in place.
/// Excel 4.0 macros of a Workbook/Book stream: see xls::report_xlm (XLM_* findings, xlm_*
/// facts, formulas as kMacro text).
/// Findings: VBA_* (see symbols.def), OFFICE_ENCRYPTED / OFFICE_PASSWORD_USED /
/// OFFICE_PASSWORD_FROM_MESSAGE (ole_encryption.h; children "decrypted"),
/// OFFICE_EMBEDDED_EXECUTABLE, OLE_MALFORMED (reader anomalies, each also a Context anomaly).
class OleAnalyzer final : public Analyzer {
 public:
  static constexpr std::size_t kMaxListedEntries = 200;
  [[nodiscard]] Status analyze(ByteView object, Context& ctx) override;
};

}  // namespace lg
