#pragma once
/// PDF (ISO 32000-1/-2): a tolerant reader that finds objects by scanning (see PdfDocument),
/// decrypts when a password opens the file, decodes streams with output caps, and reports
/// what the document would do when opened.
#include "core/analyzer.h"

namespace lg {

/// Facts: "version" (header), "objects" (distinct indirect objects), "definitions" (found,
/// overridden ones included), "streams", "object_streams", "incremental_updates",
/// "pages", "encrypted" (bool); when encrypted, "encryption" ("Standard V4 R4 AESV2 128-bit"),
/// "empty_user_password_opens" (bool) and "opened" (bool); "has_js", "has_acroform" (bool),
/// "open_action" (the action type, when there is one), "embedded_files" (count).
/// Text: JavaScript (kScript), launch commands (kArguments), page text in plain-encoded
/// fonts (kDocument). Links: /URI, /SubmitForm and remote /GoToR, /Launch targets.
/// Children: embedded file streams (relation "embedded", name from the file specification).
/// Findings: PDF_* symbols, LIMIT_EXCEEDED when a stream or the document's decoded total hits
/// its cap. Per stream at most min(limits().max_object_bytes, max(1 MiB, raw size *
/// limits().max_ratio)) decoded bytes; per document at most limits().max_total_bytes.
class PdfAnalyzer final : public Analyzer {
 public:
  [[nodiscard]] Status analyze(ByteView object, Context& ctx) override;
};

}  // namespace lg
