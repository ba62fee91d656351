#pragma once
/// The message summary: top-level header fields decoded to facts and header text.
#include "analyzers/mail/header.h"
#include "analyzers/mail/message_info.h"
#include "core/analyzer.h"

namespace lg {

/// Sets the facts "from", "to", "cc", "reply_to", "return_path", "subject", "date",
/// "message_id" (decoded UTF-8 strings, only for fields present) and "headers" (count);
/// passes the subject as TextKind::kSubject and display names as TextKind::kHeader;
/// reports MAIL_CHARSET_MISMATCH for header text whose charset did not fit. Raw 8-bit header
/// text is tried in `fallback_charset` first (see body_charset_hint). The address fields
/// parsed on the way are added to `parsed` when given (for collect_message_info).
void report_message_summary(const HeaderBlock& headers, std::string_view fallback_charset,
                            Context& ctx, ParsedAddressFields* parsed = nullptr);

/// The charset a message declares for its text: the top-level Content-Type charset, else the
/// first "charset=" in the body's first 64 KiB. Empty when none.
std::string body_charset_hint(const HeaderBlock& headers, std::string_view message);

/// Reports each guessed charset as MAIL_CHARSET_MISMATCH with `where` as the detail.
void report_guessed_charsets(const std::vector<std::string>& guessed, std::string_view where,
                             Context& ctx);

}  // namespace lg
