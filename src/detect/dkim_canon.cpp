// [RFC 6376] 3.4.1-3.4.4 canonicalization, 3.7 the signature field with b= emptied.
#include "detect/dkim_canon.h"

#include "core/ascii.h"

namespace lg {
namespace {

bool is_wsp(char c) { return c == ' ' || c == '\t'; }

// A bare LF becomes CRLF; CRLF stays.
void append_crlf_lines(std::string_view s, std::string& out) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '\n') {
      if (i == 0 || s[i - 1] != '\r') out.push_back('\r');
      out.push_back('\n');
    } else {
      out.push_back(c);
    }
  }
}

}  // namespace

std::string dkim_canon_header(std::string_view field, DkimCanon canon) {
  std::string out;
  out.reserve(field.size() + 2);
  if (canon == DkimCanon::kSimple) {
    append_crlf_lines(field, out);  // 3.4.1: no change (on the wire the breaks are CRLF)
    out += "\r\n";
    return out;
  }
  // 3.4.2 relaxed: lower-case name; unfold; WSP runs -> one SP; no WSP at the end of the
  // value or around the colon.
  const std::size_t colon = field.find(':');
  std::string_view name = field.substr(0, colon);
  while (!name.empty() && is_wsp(name.back())) name.remove_suffix(1);
  out = ascii_lower(name);
  out.push_back(':');
  if (colon == std::string_view::npos) return out + "\r\n";
  bool pending_space = false;
  bool started = false;  // WSP before the value's first character is dropped
  for (char c : field.substr(colon + 1)) {
    if (c == '\r' || c == '\n') continue;
    if (is_wsp(c)) {
      pending_space = started;
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    started = true;
    out.push_back(c);
  }
  out += "\r\n";
  return out;
}

std::string dkim_canon_body(std::string_view body, DkimCanon canon) {
  std::string out;
  out.reserve(body.size() + 2);
  std::size_t keep = 0;  // out's length up to the end of the last non-empty line
  std::size_t pos = 0;
  while (pos < body.size()) {
    std::size_t nl = body.find('\n', pos);
    const bool terminated = nl != std::string_view::npos;
    if (!terminated) nl = body.size();
    std::string_view line = body.substr(pos, nl - pos);
    if (terminated && !line.empty() && line.back() == '\r') line.remove_suffix(1);
    pos = terminated ? nl + 1 : body.size();
    const std::size_t before = out.size();
    if (canon == DkimCanon::kRelaxed) {
      // 3.4.4: WSP at line ends ignored, WSP runs inside a line reduced to one SP.
      while (!line.empty() && is_wsp(line.back())) line.remove_suffix(1);
      bool space = false;
      for (char c : line) {
        if (is_wsp(c)) {
          space = true;
          continue;
        }
        if (space) out.push_back(' ');
        space = false;
        out.push_back(c);
      }
    } else {
      out.append(line);
    }
    const bool empty_line = out.size() == before;
    out += "\r\n";  // 3.4.3 / 3.4.4: a last line without CRLF gets one
    if (!empty_line) keep = out.size();
  }
  // Trailing empty lines are removed; simple keeps one CRLF for an empty body, relaxed none.
  out.resize(keep);
  if (canon == DkimCanon::kSimple && out.empty()) out = "\r\n";
  return out;
}

std::string dkim_without_b_value(std::string_view field) {
  std::string out(field);
  const std::size_t colon = field.find(':');
  if (colon == std::string_view::npos) return out;
  // Walk the tag list ([RFC 6376] 3.2) of the value to find the tag named exactly "b".
  std::size_t pos = colon + 1;
  while (pos < field.size()) {
    std::size_t name = pos;
    while (name < field.size() &&
           (is_wsp(field[name]) || field[name] == '\r' || field[name] == '\n'))
      ++name;
    std::size_t end = name;
    while (end < field.size() && field[end] != '=' && field[end] != ';' && !is_wsp(field[end]) &&
           field[end] != '\r' && field[end] != '\n')
      ++end;
    const std::size_t semi = field.find(';', pos);
    const std::size_t tag_end = semi == std::string_view::npos ? field.size() : semi;
    if (field.substr(name, end - name) == "b") {
      const std::size_t eq = field.find('=', end);
      if (eq != std::string_view::npos && eq < tag_end) {
        out.erase(eq + 1, tag_end - eq - 1);
        return out;
      }
    }
    pos = tag_end + 1;
  }
  return out;
}

}  // namespace lg
