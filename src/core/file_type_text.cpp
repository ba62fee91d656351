// Text-like types from a bounded prefix (kTextPrefix bytes): RFC 5322 messages and mboxes,
// HTML and HTA, scripts by scored content heuristics, and plain text.
#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "core/ascii.h"
#include "core/file_type_internal.h"

namespace lg::file_type_internal {
namespace {

using namespace std::string_view_literals;

constexpr std::size_t kMaxHeaderName = 76;  // RFC 5322 2.1.1: 78 chars a line, minus ": "
constexpr std::size_t kMaxFromLine = 1000;  // RFC 5322 2.1.1: 998 + CRLF
constexpr std::size_t kHtmlWindow = 1024;
constexpr std::size_t kEnoughFields = 6;       // header fields that settle "mail"
constexpr std::size_t kMaxMboxScan = 1 << 20;  // bytes searched for a second message

// RFC 5322 3.6.8 field-name: 1*ftext (printable US-ASCII except ":"), then ":".
// Returns the name, or "" when `line` is not a header field.
std::string_view header_name(std::string_view line) {
  std::size_t colon = line.find(':');
  if (colon == 0 || colon == std::string_view::npos || colon > kMaxHeaderName) return {};
  for (std::size_t i = 0; i < colon; ++i) {
    auto c = static_cast<unsigned char>(line[i]);
    if (c < 33 || c > 126) return {};
  }
  return line.substr(0, colon);
}

bool known_header(std::string_view name) {
  static constexpr std::array kKnown = {
      "from"sv,
      "to"sv,
      "cc"sv,
      "bcc"sv,
      "subject"sv,
      "date"sv,
      "received"sv,
      "return-path"sv,
      "message-id"sv,
      "mime-version"sv,
      "delivered-to"sv,
      "reply-to"sv,
      "sender"sv,
      "content-type"sv,
      "content-transfer-encoding"sv,
      "in-reply-to"sv,
      "references"sv,
      "dkim-signature"sv,
      "user-agent"sv,
      "organization"sv,
      "authentication-results"sv,
      "precedence"sv,
      "errors-to"sv,
      "envelope-to"sv,
      "thread-topic"sv,
      "thread-index"sv,
      "importance"sv,
      "list-id"sv,
      "list-unsubscribe"sv,
  };
  if (name.size() > 2 && ascii_lower(name[0]) == 'x' && name[1] == '-') return true;
  if (name.size() > 4 && iequals(name.substr(0, 4), "arc-")) return true;
  return std::any_of(kKnown.begin(), kKnown.end(), [&](auto k) { return iequals(name, k); });
}

struct HeaderBlock {
  std::size_t fields = 0;
  std::size_t known = 0;
};

// Header fields and folded continuations (RFC 5322 2.2.3) from `pos` up to the blank line,
// the first line that is neither, or the end of `p` (a cut last line is ignored).
HeaderBlock scan_headers(std::string_view p, std::size_t pos) {
  HeaderBlock h;
  while (pos < p.size()) {
    std::size_t eol = p.find('\n', pos);
    if (eol == std::string_view::npos) break;  // cut by the prefix
    std::string_view line = p.substr(pos, eol - pos);
    if (line.ends_with('\r')) line.remove_suffix(1);
    pos = eol + 1;
    if (line.empty()) break;
    if (line[0] == ' ' || line[0] == '\t') {
      if (h.fields == 0) break;
      continue;
    }
    auto name = header_name(line);
    if (name.empty()) break;
    ++h.fields;
    if (known_header(name)) ++h.known;
    if (h.fields >= kEnoughFields && h.known >= 2) break;  // decided: keep it cheap
  }
  return h;
}

bool looks_like_headers(std::string_view p, std::size_t pos) {
  HeaderBlock h = scan_headers(p, pos);
  return h.known >= 2 || (h.known >= 1 && h.fields >= 3);
}

// After the leading "From " line: is there a second message, i.e. a "From " line after a
// blank line (mboxrd/mboxo, RFC 4155) followed by a header field? One linear memmem pass
// over at most kMaxMboxScan bytes, only for data that already is mail with a leading "From "
// line: an mbox whose first message is larger than that is reported as one message.
bool has_second_message(std::string_view s, std::size_t pos) {
  while (true) {
    if (pos >= s.size() || pos >= kMaxMboxScan) return false;
    // memmem (glibc: vectorised two-way search) keeps this at memory speed.
    const void* hit = memmem(s.data() + pos, std::min(s.size(), kMaxMboxScan) - pos, "\nFrom ", 6);
    if (hit == nullptr) return false;
    std::size_t at = static_cast<std::size_t>(static_cast<const char*>(hit) - s.data());
    pos = at + 1;
    bool blank_before =
        (at >= 1 && s[at - 1] == '\n') || (at >= 2 && s[at - 1] == '\r' && s[at - 2] == '\n');
    if (!blank_before) continue;
    std::string_view from = s.substr(at + 1, kMaxFromLine);
    std::size_t eol = from.find('\n');
    if (eol == std::string_view::npos) continue;
    std::string_view line = s.substr(at + 1 + eol + 1, kMaxFromLine);
    line = line.substr(0, line.find('\n'));
    if (!header_name(line).empty()) return true;
  }
}

std::string_view skip_bom_and_space(std::string_view p) {
  if (p.starts_with("\xEF\xBB\xBF"sv)) p.remove_prefix(3);
  std::size_t i = p.find_first_not_of(" \t\r\n\f");
  return i == std::string_view::npos ? std::string_view{} : p.substr(i);
}

// HTML: the first non-blank character opens markup, and a typical tag appears in the first
// KiB (HTML Living Standard 13.1: doctype, then elements). HTA adds <hta:application>.
FileType html_type(std::string_view lowered) {
  std::string_view p = skip_bom_and_space(lowered);
  if (!p.starts_with('<')) return FileType::kUnknown;
  if (p.find("<hta:application") != std::string_view::npos) return FileType::kHta;
  static constexpr std::array kTags = {
      "!doctype html"sv, "html"sv, "head"sv, "body"sv, "script"sv, "iframe"sv, "meta"sv,
      "title"sv,         "a"sv,    "div"sv,  "p"sv,    "img"sv,    "form"sv,   "table"sv,
      "style"sv,         "link"sv, "span"sv, "br"sv,   "font"sv,   "center"sv, "h1"sv,
  };
  std::string_view window = p.substr(0, kHtmlWindow);
  for (std::size_t lt = window.find('<'); lt != std::string_view::npos;
       lt = window.find('<', lt + 1)) {
    std::string_view rest = window.substr(lt + 1);
    for (auto tag : kTags) {
      if (!rest.starts_with(tag)) continue;
      if (rest.size() == tag.size()) continue;
      char after = rest[tag.size()];
      if (after == '>' || after == ' ' || after == '/' || after == '\t' || after == '\n' ||
          after == '\r') {
        return FileType::kHtml;
      }
    }
  }
  return FileType::kUnknown;
}

}  // namespace

// RFC 5322 3.5 message = header fields, blank line, body. A leading mbox "From " line is
// tolerated; the data is kMbox only when a second message follows (see file_type.h).
FileType identify_mail(ByteView data) {
  std::string_view s = as_chars(data);
  std::string_view p = s.substr(0, kTextPrefix);
  std::size_t pos = 0;
  bool from_line = p.starts_with("From ");
  if (from_line) {
    std::size_t eol = p.find('\n');
    if (eol == std::string_view::npos) return FileType::kUnknown;
    pos = eol + 1;
  }
  if (!looks_like_headers(p, pos)) return FileType::kUnknown;
  if (from_line && has_second_message(s, pos)) return FileType::kMbox;
  return FileType::kMessage;
}

FileType identify_text(ByteView data) {
  std::string_view p = as_chars(data).substr(0, kTextPrefix);
  std::string narrow;  // lower-cased ASCII view of the prefix for the heuristics
  narrow.reserve(p.size());
  bool utf16le = p.starts_with("\xFF\xFE"sv), utf16be = p.starts_with("\xFE\xFF"sv);
  if (utf16le || utf16be) {
    // UTF-16 with a BOM (scripts saved by Notepad or PowerShell): code units, not bytes.
    for (std::size_t i = 2; i + 1 < p.size(); i += 2) {
      auto lo = static_cast<unsigned char>(p[utf16le ? i : i + 1]);
      auto hi = static_cast<unsigned char>(p[utf16le ? i + 1 : i]);
      if (hi == 0 && lo < 0x20 && lo != '\t' && lo != '\n' && lo != '\r' && lo != '\f') {
        return FileType::kUnknown;
      }
      narrow.push_back(hi == 0 && lo < 0x80 ? ascii_lower(static_cast<char>(lo)) : '\x80');
    }
  } else {
    // Plain text: no NUL and no C0 controls but \t \n \r \f and ESC (ISO-2022-JP). Bytes
    // >= 0x80 are allowed in any number: UTF-8 and legacy CJK encodings (Shift_JIS, EUC-KR).
    for (char c : p) {
      auto u = static_cast<unsigned char>(c);
      if (u < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\x1B') {
        return FileType::kUnknown;
      }
      narrow.push_back(ascii_lower(c));
    }
  }
  if (auto t = script_container_type(narrow); t != FileType::kUnknown) return t;
  if (auto t = html_type(narrow); t != FileType::kUnknown) return t;
  if (auto t = script_type(narrow); t != FileType::kUnknown) return t;
  return FileType::kText;
}

}  // namespace lg::file_type_internal
