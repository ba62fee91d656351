#pragma once
/// RFC 5322 / MIME messages: headers to facts (the report's message summary), bodies to text
/// and links, attachments and message/rfc822 parts to children.
#include "core/analyzer.h"

namespace lg {

/// Fact keys set on the message object (decoded UTF-8): "from", "to", "cc", "reply_to",
/// "return_path", "subject", "date", "message_id" (strings), "headers" (count).
class MailAnalyzer final : public Analyzer {
 public:
  [[nodiscard]] Status analyze(ByteView object, Context& ctx) override;
};

/// mbox ("From " line separated): each message a child with relation "message".
class MboxAnalyzer final : public Analyzer {
 public:
  [[nodiscard]] Status analyze(ByteView object, Context& ctx) override;
};

}  // namespace lg
