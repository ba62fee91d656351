#include "detect/defang.h"

#include <algorithm>
#include <array>

#include "detect/text_chars.h"

namespace lg {
namespace {

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

bool is_alpha(char c) {
  c = lower(c);
  return c >= 'a' && c <= 'z';
}

// Case-insensitive match of `pat` at `pos`.
bool match_at(std::string_view s, std::size_t pos, std::string_view pat) {
  if (pos > s.size() || s.size() - pos < pat.size()) return false;
  for (std::size_t i = 0; i < pat.size(); ++i)
    if (lower(s[pos + i]) != pat[i]) return false;
  return true;
}

// A scheme separator follows a defanged scheme name: "://", "[:]//" or "[://]" (the bracketed
// forms are replaced on their own when the scan reaches them).
bool has_separator(std::string_view s, std::size_t pos) {
  return match_at(s, pos, "://") || match_at(s, pos, "[:]//") || match_at(s, pos, "[://]");
}

struct Marker {
  std::string_view pattern;  // lower case
  std::string_view replacement;
  bool spaced;  // may be written with a space either side ("a [dot] com")
};

// Bracketed markers, tried at '[', '(' and '{'.
constexpr Marker kBracketed[] = {
    {"[.]", ".", false},  {"(.)", ".", false},  {"{.}", ".", false}, {"[dot]", ".", true},
    {"(dot)", ".", true}, {"{dot}", ".", true}, {"[:]", ":", false}, {"[://]", "://", false},
    {"[@]", "@", false},  {"(@)", "@", false},  {"{@}", "@", false}, {"[at]", "@", true},
};

// The second byte of each bracketed marker (lower case).
constexpr std::array<bool, 256> kAfterBracket = [] {
  std::array<bool, 256> t{};
  for (const Marker& m : kBracketed) t[static_cast<unsigned char>(m.pattern[1])] = true;
  return t;
}();

// Defanged scheme names; each becomes the real scheme when a scheme separator follows it.
constexpr Marker kSchemes[] = {
    {"hxxps", "https", false}, {"hxxp", "http", false},   {"h**ps", "https", false},
    {"h**p", "http", false},   {"hxtps", "https", false}, {"hxtp", "http", false},
    {"htxps", "https", false}, {"htxp", "http", false},   {"fxp", "ftp", false},
};

}  // namespace

void Refanged::replace(std::string_view in, std::size_t& copied, std::size_t pos, std::size_t len,
                       std::string_view with) {
  if (text_.empty() && edits_.empty()) text_.reserve(in.size());
  text_.append(in.substr(copied, pos - copied));
  edits_.push_back({text_.size(), with.size(), pos, len});
  text_.append(with);
  copied = pos + len;
}

bool Refanged::refang(std::string_view in) {
  text_.clear();
  edits_.clear();
  std::size_t copied = 0;  // input before this is in text_
  // A defanged scheme is recognized from the separator after it, so only ':' and the three
  // opening brackets are worth stopping at; the bytes between are skipped in blocks.
  auto scheme_before = [&](std::size_t sep) {
    if (!has_separator(in, sep)) return;  // most ':' in text: no scheme can end there
    for (const Marker& m : kSchemes) {
      std::size_t len = m.pattern.size();
      if (sep < len || sep - len < copied || !match_at(in, sep - len, m.pattern)) continue;
      if (sep - len > 0 && is_alpha(in[sep - len - 1])) continue;  // inside a word
      replace(in, copied, sep - len, len, m.replacement);
      return;
    }
  };
  auto next_stop = [&](std::size_t from) {
    return text_chars::find_any_of<':', '[', '(', '{'>(in, from);
  };
  for (std::size_t i = next_stop(0); i < in.size(); i = next_stop(i)) {
    char c = in[i];
    if (c == ':') {
      scheme_before(i);
      ++i;
      continue;
    }
    // Most brackets in text open words, not markers: one look at the byte after them.
    if (i + 1 >= in.size() || !kAfterBracket[static_cast<unsigned char>(lower(in[i + 1]))]) {
      ++i;
      continue;
    }
    if (c == '[') scheme_before(i);  // "hxxp[:]//", "hxxp[://]"
    bool hit = false;
    for (const Marker& m : kBracketed) {
      if (!match_at(in, i, m.pattern)) continue;
      std::size_t start = i;
      std::size_t len = m.pattern.size();
      if (m.spaced && start > copied && in[start - 1] == ' ') --start, ++len;
      if (m.spaced && start + len < in.size() && in[start + len] == ' ') ++len;
      replace(in, copied, start, len, m.replacement);
      i = start + len;
      hit = true;
      break;
    }
    if (!hit) ++i;
  }
  if (edits_.empty()) return false;
  text_.append(in.substr(copied));
  return true;
}

bool Refanged::has_edit(std::size_t begin, std::size_t end) const {
  // First edit whose output range ends after `begin`.
  auto it = std::upper_bound(edits_.begin(), edits_.end(), begin, [](std::size_t b, const Edit& e) {
    return b < e.out_pos + e.out_len;
  });
  return it != edits_.end() && it->out_pos < end;
}

std::size_t Refanged::to_input(std::size_t out, bool end) const {
  if (end) {
    // The end maps past the input of the last output byte of the span.
    if (out == 0) return 0;
    std::size_t last = out - 1;
    auto it = std::upper_bound(edits_.begin(), edits_.end(), last,
                               [](std::size_t o, const Edit& e) { return o < e.out_pos; });
    if (it != edits_.begin() && last < (it - 1)->out_pos + (it - 1)->out_len)
      return (it - 1)->in_pos + (it - 1)->in_len;
    return to_input(last, false) + 1;
  }
  // Last edit starting at or before `out`.
  auto it = std::upper_bound(edits_.begin(), edits_.end(), out,
                             [](std::size_t o, const Edit& e) { return o < e.out_pos; });
  if (it == edits_.begin()) return out;
  const Edit& e = *(it - 1);
  if (out < e.out_pos + e.out_len) return e.in_pos;
  return out - (e.out_pos + e.out_len) + e.in_pos + e.in_len;
}

std::string_view Refanged::original(std::string_view in, std::size_t begin, std::size_t end) const {
  std::size_t b = std::min(to_input(begin, false), in.size());
  std::size_t e = std::min(to_input(end, true), in.size());
  if (e < b) e = b;
  return in.substr(b, e - b);
}

}  // namespace lg
