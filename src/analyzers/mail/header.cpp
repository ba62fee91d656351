// [RFC 5322] 2.2 header fields, 3.2.2 folding, 4.5 obsolete syntax (WSP before the colon),
// [RFC 6532] 3.2 (raw UTF-8 is kept as is; decoding is left to the caller).
#include "analyzers/mail/header.h"
#include "core/ascii.h"

#include <algorithm>

namespace lg {
namespace {

bool is_wsp(char c) { return c == ' ' || c == '\t'; }

// One physical line: [begin, end) without its terminator; `next` is where the next line starts.
struct Line {
  std::size_t begin;
  std::size_t end;
  std::size_t next;
};

Line line_at(std::string_view s, std::size_t pos) {
  std::size_t nl = s.find('\n', pos);
  if (nl == std::string_view::npos) return {pos, s.size(), s.size()};
  std::size_t end = nl;
  if (end > pos && s[end - 1] == '\r') --end;
  return {pos, end, nl + 1};
}

// [RFC 5322] 3.6.8: field-name = 1*ftext, ftext = %d33-57 / %d59-126; obs-optional allows WSP
// before the colon. Returns the length of the name, or 0 when the line is not a field.
std::size_t field_name_length(std::string_view line, std::size_t* colon) {
  std::size_t i = 0;
  while (i < line.size()) {
    const auto c = static_cast<unsigned char>(line[i]);
    if (c == ':' || c <= 32 || c >= 127) break;
    ++i;
  }
  if (i == 0) return 0;
  std::size_t j = i;
  while (j < line.size() && is_wsp(line[j])) ++j;
  if (j >= line.size() || line[j] != ':') return 0;
  *colon = j;
  return i;
}

}  // namespace

std::string_view trim_ws(std::string_view s) {
  auto ws = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && ws(s.front())) s.remove_prefix(1);
  while (!s.empty() && ws(s.back())) s.remove_suffix(1);
  return s;
}

std::string unfold_header(std::string_view raw) {
  raw = trim_ws(raw);
  std::string out;
  out.reserve(raw.size());
  // Removing every CR and LF is the unfolding of 3.2.2 (inside a field a break is always
  // followed by WSP); a bare CR or LF left by broken writers goes the same way.
  for (char c : raw) {
    if (c != '\r' && c != '\n') out.push_back(c);
  }
  return out;
}

std::string HeaderField::value() const { return unfold_header(raw); }

const HeaderField* HeaderBlock::find(std::string_view name) const {
  for (const auto& f : fields) {
    if (iequals(f.name, name)) return &f;
  }
  return nullptr;
}

HeaderBlock parse_header_block(std::string_view s, std::size_t max_fields) {
  HeaderBlock hb;
  std::size_t pos = 0;
  // An mbox envelope line ("From sender date") is not a field: skip it.
  std::size_t colon = 0;
  if (s.starts_with("From ")) {
    const Line first = line_at(s, 0);
    // "From  : x" is an obs- field ([RFC 5322] 4.5.1), not an envelope line.
    if (field_name_length(s.substr(0, first.end), &colon) == 0) {
      pos = first.next;
      hb.mbox_from_line = true;
    }
  }
  bool have_field = false;  // the current field can take continuation lines
  std::size_t field_begin = 0;
  while (pos < s.size()) {
    const Line ln = line_at(s, pos);
    std::string_view line = s.substr(ln.begin, ln.end - ln.begin);
    if (line.empty()) {  // [RFC 5322] 2.1: the empty line ends the header section
      hb.body_offset = ln.next;
      return hb;
    }
    if (is_wsp(line.front())) {
      if (trim_ws(line).empty() && !have_field) {
        // A whitespace-only line before any field: treat it as the separator.
        hb.body_offset = ln.next;
        return hb;
      }
      if (have_field) {
        hb.fields.back().raw = s.substr(field_begin, ln.end - field_begin);
      } else if (!hb.truncated) {
        ++hb.bad_lines;
      }
      pos = ln.next;
      continue;
    }
    const std::size_t name_len = field_name_length(line, &colon);
    if (name_len == 0 && line.find(':') != std::string_view::npos && ln.next < s.size()) {
      // A damaged field ("quite Delivered-To: x") followed by a real one: skip it rather than
      // end the header here.
      const Line nx = line_at(s, ln.next);
      std::size_t c2 = 0;
      if (field_name_length(s.substr(nx.begin, nx.end - nx.begin), &c2) != 0) {
        ++hb.bad_lines;
        have_field = false;
        pos = ln.next;
        continue;
      }
    }
    if (name_len == 0) {
      // Not a field: the header ended without its blank line; this line starts the body.
      hb.blank_line = false;
      hb.body_offset = ln.begin;
      return hb;
    }
    if (hb.fields.size() >= max_fields) {
      hb.truncated = true;
      have_field = false;
    } else {
      field_begin = ln.begin + colon + 1;
      hb.fields.push_back({line.substr(0, name_len), s.substr(field_begin, ln.end - field_begin)});
      have_field = true;
    }
    pos = ln.next;
  }
  // The input ended inside the header: no body.
  hb.blank_line = false;
  hb.body_offset = s.size();
  return hb;
}

}  // namespace lg
