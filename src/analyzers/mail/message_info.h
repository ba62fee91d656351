#pragma once
/// Fills lg::MessageInfo (core/message_info.h) from a parsed header section.
#include <string_view>

#include "analyzers/mail/header.h"
#include "core/message_info.h"

namespace lg {

/// Addresses ([RFC 5322] 3.6.2-3.6.3, 3.6.7 Return-Path), List-Id ([RFC 2919]), the raw
/// Authentication-Results ([RFC 8601]), Received-SPF ([RFC 7208] 9.1) values and every field as
/// written. `message` is the buffer `headers` was parsed from; the views in the result point
/// into it. `fallback_charset` as for decode_header_text.
MessageInfo collect_message_info(const HeaderBlock& headers, std::string_view message,
                                 std::string_view fallback_charset);

}  // namespace lg
