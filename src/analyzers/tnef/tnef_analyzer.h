#pragma once
/// winmail.dat: TNEF streams ([MS-OXTNEF], tnef_reader.h) that Outlook sends beside or instead
/// of MIME parts. Own bounded reader: libytnef parses from memory too, but without caps of its
/// own and with a history of memory-safety bugs on crafted input.
#include "core/analyzer.h"

namespace lg {

/// Children: each attachment with data (relation "attachment", name = PR_ATTACH_LONG_FILENAME
/// or attAttachTitle, declared type = PR_ATTACH_MIME_TAG; an embedded message's TNEF stream
/// after its interface id), the HTML body (PR_BODY_HTML, relation "body", "text/html") and the
/// rich-text body (PR_RTF_COMPRESSED decompressed, compressed_rtf.h; relation "body",
/// "body.rtf", "text/rtf").
/// Text: attSubject (TextKind::kSubject) and the plain body (attBody or PR_BODY, kBody), 8-bit
/// strings decoded in the stream's OEM code page (windows-1252 when absent).
/// Facts: "tnef_message_class", "tnef_code_page", "tnef_attachments", "tnef_rtf_compressed"
/// (bool: a PR_RTF_COMPRESSED body is present), "tnef_rtf_compression" ("LZFu" or "MELA").
/// Damage (truncation, wrong checksums, broken property lists) is an anomaly.
class TnefAnalyzer final : public Analyzer {
 public:
  [[nodiscard]] Status analyze(ByteView object, Context& ctx) override;
};

}  // namespace lg
