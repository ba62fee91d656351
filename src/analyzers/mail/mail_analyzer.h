#pragma once
/// RFC 5322 / MIME messages: headers to facts (the report's message summary), bodies to text
/// and links, attachments and message/rfc822 parts to children.
#include "core/analyzer.h"

namespace lg {

/// Fact keys set on the message object (decoded UTF-8): "from", "to", "cc", "reply_to",
/// "return_path", "subject", "date", "message_id" (strings, only for fields present; address
/// fields as "Display Name <addr>, ..."), "headers", "mime_parts" and "attachments" (counts).
/// Text: the subject (kSubject), display names (kHeader), text/plain and text/html bodies
/// (kBody, HTML reduced to text; each link through Context::link). Children: attachments,
/// uuencode/BinHex blocks ("attachment") and message/rfc822, message/global parts ("message").
/// Findings: MIME_MALFORMED, MAIL_CHARSET_MISMATCH, LIMIT_EXCEEDED (max_mime_parts,
/// max_headers, nesting). Input is viewed, not copied; only decoded bodies are owned.
class MailAnalyzer final : public Analyzer {
 public:
  [[nodiscard]] Status analyze(ByteView object, Context& ctx) override;
};

/// mbox ("From " line separated): each message a child with relation "message"; at most
/// limits().max_objects messages (LIMIT_EXCEEDED beyond); fact "messages" (count).
class MboxAnalyzer final : public Analyzer {
 public:
  [[nodiscard]] Status analyze(ByteView object, Context& ctx) override;
};

}  // namespace lg
