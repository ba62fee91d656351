#pragma once
/// Header text to UTF-8: [RFC 2047] encoded words, [RFC 6532] raw UTF-8, and raw 8-bit bytes in
/// an undeclared charset (decoded by detection).
#include <string>
#include <string_view>
#include <vector>

namespace lg {

struct HeaderText {
  std::string utf8;
  /// Charsets that did not fit their bytes (or "" for undeclared raw 8-bit text): each one a
  /// MAIL_CHARSET_MISMATCH for the caller to report.
  std::vector<std::string> guessed;
  bool had_encoded_words = false;
  bool malformed = false;  // an "=?" that did not form a valid encoded word
};

/// Decodes an unfolded header value (or a phrase, or a parameter value).
/// [RFC 2047] 6.2: whitespace between adjacent encoded words is dropped, and adjacent words
/// in the same charset are joined as bytes before conversion, so a multibyte character split
/// across two words survives. Malformed words stay as literal text. Raw 8-bit text that is
/// not UTF-8 is converted with `fallback_charset` when it fits (the charset the message
/// declares for its body, as mail readers do), else by detection. Linear time.
HeaderText decode_header_text(std::string_view value, std::string_view fallback_charset = {});

/// The charset part of an encoded word without an [RFC 2231] 5 language suffix ("utf-8*en").
std::string_view strip_charset_language(std::string_view charset);

}  // namespace lg
