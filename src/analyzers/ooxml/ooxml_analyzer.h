#pragma once
/// Office Open XML packages (ECMA-376): Word, Excel and PowerPoint documents, templates and
/// macro-enabled variants, read through the project's ZIP walker so damaged archives still
/// yield what they hold.
#include "core/analyzer.h"

namespace lg {

/// Facts: "content_type" (the main part's, lower case), "parts" (count), "creator",
/// "last_modified_by", "title", "created", "modified" (docProps/core.xml as written),
/// "application" (docProps/app.xml), "external_targets" (TargetMode="External" targets),
/// "activex_classids", "customui_callbacks", "macro_sheets".
/// Text (kDocument): the visible text of Word main documents, headers, footers, footnotes,
/// endnotes and comments, Excel shared strings, PowerPoint slides and notes. Field
/// instructions go out as kArguments.
/// Children: vbaProject.bin ("vba_project"), embedded objects ("embedding": embeddings/ and
/// oleObject/package relationship targets), media that identify() finds executable, a script
/// or a shortcut ("media"). No other part becomes a child.
/// Excel 4.0 macro sheets (xl/macrosheets/): formulas, sheet states and defined names of
/// xl/workbook.xml go to xls::report_xlm (XLM_* findings, xlm_* facts, kMacro text).
/// Findings: OOXML_REMOTE_TEMPLATE, OOXML_EXTERNAL_OLE, OOXML_EXTERNAL_LINK (with ctx.link
/// for every external target), DDE_COMMAND (Word DDE/DDEAUTO fields, Excel ddeLink),
/// OFFICE_ACTIVEX, XLM_MACRO_SHEET, OOXML_CUSTOMUI_CALLBACK. ZIP damage: anomalies.
/// Status: kMalformed only when the archive holds no part at all.
class OoxmlAnalyzer final : public Analyzer {
 public:
  [[nodiscard]] Status analyze(ByteView object, Context& ctx) override;
};

}  // namespace lg
