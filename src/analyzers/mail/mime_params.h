#pragma once
/// Content-Type and Content-Disposition values with their parameters ([RFC 2045] 5.1,
/// [RFC 2183] 2, [RFC 2231] 3-4), decoded to UTF-8.
#include <string>
#include <string_view>
#include <vector>

namespace lg {

struct MimeParam {
  std::string name;   // lower case, without any RFC 2231 "*n*" suffix
  std::string value;  // decoded UTF-8
};

struct ContentHeader {
  std::string value;  // lower case: "type/subtype" or the disposition type; may be empty
  std::vector<MimeParam> params;     // in order of first appearance, one per name
  bool malformed = false;            // stray tokens, unclosed quotes, broken continuations
  std::vector<std::string> guessed;  // charsets that did not fit (see HeaderText::guessed)

  /// The parameter's value, or nullptr. `name` in lower case.
  const std::string* param(std::string_view name) const;
};

/// Parses an unfolded Content-Type or Content-Disposition value. Parameter values may be
/// tokens, quoted strings, [RFC 2231] extended values (charset'lang'%XX) split into
/// continuations (name*0*, name*1 ...), or hold [RFC 2047] encoded words (as Outlook and
/// many webmails write them, against [RFC 2047] 5); unquoted values with spaces are taken up
/// to the next ';'. At most `kMaxParams` parameters are kept.
ContentHeader parse_content_header(std::string_view value);

/// Percent-decoding of an [RFC 2231] 4 extended value; bad escapes are kept literally.
std::string percent_decode(std::string_view s);

}  // namespace lg
