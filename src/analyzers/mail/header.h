#pragma once
/// RFC 5322 header sections: fields in order (duplicates kept), raw and unfolded values, and the
/// header/body split. Views point into the message; nothing is copied until a value is asked.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>
#include "core/ascii.h"

namespace lg {

/// One header field ([RFC 5322] 2.2). `name` and `raw` view the message buffer.
struct HeaderField {
  std::string_view name;  // as written, without the colon and any obs- WSP before it
  std::string_view raw;   // after the colon up to the end of the last folded line, breaks kept
  /// [RFC 5322] 3.2.2 unfolding: every line break followed by WSP removed, then trimmed.
  std::string value() const;
};

struct HeaderBlock {
  std::vector<HeaderField> fields;
  std::size_t body_offset = 0;  // offset of the body in the parsed buffer
  bool blank_line = true;       // false: the header ended without the empty line
  bool truncated = false;       // more fields than the cap; the rest were skipped
  std::size_t bad_lines = 0;    // stray continuation lines before the first field
  bool mbox_from_line = false;  // a leading mbox "From " envelope line was skipped

  /// First field with this name (case-insensitive), or nullptr.
  const HeaderField* find(std::string_view name) const;
};

/// Parses the header section at the start of `message`. Tolerant ([RFC 5322] 4, obs-):
/// LF-only or CRLF lines, WSP before the colon, a leading mbox "From " line, and a header
/// that ends without the blank line (the first line that is not a field starts the body).
/// At most `max_fields` fields are kept. Linear in the header size.
HeaderBlock parse_header_block(std::string_view message, std::size_t max_fields);

/// Unfolds and trims a raw header value ([RFC 5322] 3.2.2).
std::string unfold_header(std::string_view raw);

/// `s` without leading and trailing SP, HT, CR, LF.
std::string_view trim_ws(std::string_view s);

}  // namespace lg
