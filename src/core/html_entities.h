#pragma once
/// Internal to html_text.cpp and html_entities.cpp: one HTML character reference at a time.
#include <cstddef>
#include <string>
#include <string_view>

namespace lg::html_detail {

/// Appends the UTF-8 encoding of `cp` (U+FFFD for surrogates and values past U+10FFFF).
void append_utf8(char32_t cp, std::string& out);

/// Decodes the character reference at the start of `s` (s[0] == '&') per [HTML Living
/// Standard] 13.2.5.72-80, appending UTF-8 to `out`. Returns the number of bytes consumed, or
/// 0 when `s` does not start a reference (the '&' is then literal). In attribute values a
/// legacy name without ';' followed by an alphanumeric or '=' is not decoded ("?a=1&copy=2").
std::size_t decode_reference(std::string_view s, bool in_attribute, std::string& out);

/// Decodes every reference in `s` (text or attribute-value rules).
std::string decode_all(std::string_view s, bool in_attribute);

}  // namespace lg::html_detail
