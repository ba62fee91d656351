#pragma once
/// Splitting a multipart body at its boundary delimiters ([RFC 2046] 5.1.1).
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace lg {

struct MultipartBody {
  std::string_view preamble;  // before the first delimiter (kept, not analyzed as text)
  std::vector<std::string_view> parts;
  std::string_view epilogue;  // after the close delimiter
  bool found = false;         // at least one delimiter line was found
  bool closed = false;        // the close delimiter "--boundary--" was found
  bool truncated = false;     // more parts than the cap
};

/// Splits `body` at lines "--boundary" (trailing transport padding allowed) up to the close
/// delimiter "--boundary--". The line break before a delimiter belongs to the delimiter.
/// A missing close delimiter ends the last part at the end of the body. Lines that merely start
/// with the delimiter ("--boundary-2") are not delimiters. Linear in the body size.
MultipartBody split_multipart(std::string_view body, std::string_view boundary,
                              std::size_t max_parts);

/// For a multipart whose boundary parameter is absent or never occurs: the first line that
/// looks like a delimiter ("--" and 1..70 non-space characters) and occurs again at the start
/// of a later line. Empty when there is none.
std::string_view guess_boundary(std::string_view body);

}  // namespace lg
