// TextSink and code-page names.
#include "analyzers/rtf/rtf_text.h"

#include <algorithm>

#include "core/charset.h"
#include "core/utf8.h"

namespace lg::rtf {

std::size_t TextSink::room() const {
  const std::size_t used = utf8_.size() + pending_.size();
  return used >= cap_ ? 0 : cap_ - used;
}

void TextSink::bytes(ByteView b) {
  const std::size_t take = std::min(room(), b.size());
  if (take < b.size()) clipped_ = true;
  pending_.insert(pending_.end(), b.begin(), b.begin() + static_cast<std::ptrdiff_t>(take));
}

void TextSink::byte(std::uint8_t b) { bytes(ByteView(&b, 1)); }

void TextSink::utf8(std::string_view s, std::string_view charset) {
  flush(charset);
  if (s.size() > room()) {
    clipped_ = true;
    return;
  }
  utf8_.append(s);
}

void TextSink::unit(std::uint16_t u, std::string_view charset) {
  flush_pending(charset);
  if (room() < 4) {
    clipped_ = true;
    return;
  }
  if (u >= 0xD800 && u <= 0xDBFF) {  // high surrogate: wait for the low one
    high_ = u;
    return;
  }
  char32_t cp = u;
  if (u >= 0xDC00 && u <= 0xDFFF) {
    cp = high_ ? 0x10000 + ((char32_t{high_} - 0xD800) << 10) + (u - 0xDC00) : 0xFFFD;
  }
  high_ = 0;
  if (cp == 0) return;
  append_utf8(utf8_, cp);
}

void TextSink::flush(std::string_view charset) {
  if (high_) {  // a lone high surrogate
    append_utf8(utf8_, 0xFFFD);
    high_ = 0;
  }
  flush_pending(charset);
}

void TextSink::flush_pending(std::string_view charset) {
  if (pending_.empty()) return;
  if (std::all_of(pending_.begin(), pending_.end(), [](std::uint8_t c) { return c < 0x80; })) {
    utf8_.append(as_chars(pending_));
  } else {
    utf8_.append(decode_text(pending_, charset).utf8);
  }
  pending_.clear();
}

std::string fcharset_charset(std::int32_t f) {
  switch (f) {
    case 77:
      return "macintosh";
    case 128:
      return "Shift_JIS";
    case 129:
      return "windows-949";
    case 130:
      return "x-Johab";
    case 134:
      return "GBK";
    case 136:
      return "Big5";
    case 161:
      return "windows-1253";
    case 162:
      return "windows-1254";
    case 163:
      return "windows-1258";
    case 177:
      return "windows-1255";
    case 178:
      return "windows-1256";
    case 186:
      return "windows-1257";
    case 204:
      return "windows-1251";
    case 222:
      return "windows-874";
    case 238:
      return "windows-1250";
    default:
      return "";
  }
}

std::string_view trim(std::string_view s) {
  constexpr std::string_view kSpace = " \t\r\n";
  const auto b = s.find_first_not_of(kSpace);
  if (b == std::string_view::npos) return {};
  const auto e = s.find_last_not_of(kSpace);
  return s.substr(b, e - b + 1);
}

}  // namespace lg::rtf
