// [RFC 2045] 5.1 Content-Type syntax, [RFC 2183] 2 Content-Disposition, [RFC 2231] 3
// (parameter value continuations), 4 (charset and language), 4.1 (both combined).
#include "analyzers/mail/mime_params.h"

#include <algorithm>
#include <map>
#include <optional>

#include "analyzers/mail/encoded_word.h"
#include "analyzers/mail/header.h"
#include "core/bytes.h"
#include "core/charset.h"

namespace lg {
namespace {

constexpr std::size_t kMaxParams = 64;
constexpr std::size_t kMaxSegments = 256;  // [RFC 2231] 3 continuations of one parameter

struct RawParam {
  std::string base;       // lower case name without the "*n*" suffix
  int section = -1;       // -1 when not a continuation
  bool extended = false;  // name ended in '*': charset'lang'%XX
  std::string value;      // unquoted, still encoded
};

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Skips a comment "(...)" (nesting allowed, [RFC 5322] 3.2.2) starting at s[i] == '('.
std::size_t skip_comment(std::string_view s, std::size_t i) {
  int depth = 0;
  for (; i < s.size(); ++i) {
    if (s[i] == '\\') {
      ++i;
    } else if (s[i] == '(') {
      ++depth;
    } else if (s[i] == ')' && --depth == 0) {
      return i + 1;
    }
  }
  return s.size();
}

// Splits "filename*0*" into base, section and the extended flag.
void split_name(std::string_view name, RawParam* p) {
  std::size_t star = name.find('*');
  p->base = ascii_lower(trim_ws(name.substr(0, star)));
  if (star == std::string_view::npos) return;
  std::string_view rest = name.substr(star + 1);
  if (rest.ends_with('*')) {
    p->extended = true;
    rest.remove_suffix(1);
  } else if (rest.empty()) {
    p->extended = true;  // "name*" alone
    return;
  }
  if (rest.empty()) return;
  int n = 0;
  for (char c : rest) {
    if (c < '0' || c > '9' || n > 100000) return;
    n = n * 10 + (c - '0');
  }
  p->section = n;
}

// Reads one parameter value at s[i]: a quoted string or everything up to ';'.
std::string read_value(std::string_view s, std::size_t* i, bool* malformed) {
  std::string out;
  std::size_t j = *i;
  if (j < s.size() && s[j] == '"') {
    ++j;
    bool closed = false;
    for (; j < s.size(); ++j) {
      if (s[j] == '\\' && j + 1 < s.size()) {
        out.push_back(s[++j]);
      } else if (s[j] == '"') {
        closed = true;
        ++j;
        break;
      } else {
        out.push_back(s[j]);
      }
    }
    if (!closed) *malformed = true;
    // Anything after the closing quote up to ';' is junk (or a comment).
    while (j < s.size() && s[j] != ';') {
      if (s[j] == '(') {
        j = skip_comment(s, j);
        continue;
      }
      if (s[j] != ' ' && s[j] != '\t') *malformed = true;
      ++j;
    }
  } else {
    const std::size_t semi = std::min(s.find(';', j), s.size());
    out.assign(trim_ws(s.substr(j, semi - j)));
    j = semi;
  }
  *i = j;
  return out;
}

// [RFC 2231] 4: charset'language'value; the charset is empty when absent.
std::string decode_extended(const std::vector<const RawParam*>& segs, ContentHeader* h) {
  std::string charset;
  std::string bytes;
  for (std::size_t k = 0; k < segs.size(); ++k) {
    std::string_view v = segs[k]->value;
    if (k == 0 && segs[k]->extended) {
      const std::size_t q1 = v.find('\'');
      const std::size_t q2 = q1 == std::string_view::npos ? q1 : v.find('\'', q1 + 1);
      if (q2 != std::string_view::npos) {
        charset.assign(v.substr(0, q1));
        v.remove_prefix(q2 + 1);
      } else {
        h->malformed = true;
      }
    }
    bytes += segs[k]->extended ? percent_decode(v) : std::string(v);
  }
  if (charset.empty() && (is_ascii(bytes) || is_valid_utf8(bytes))) return bytes;
  Decoded d = decode_text(as_bytes(bytes), charset);
  if (d.guessed) h->guessed.push_back(charset);
  return std::move(d.utf8);
}

std::string decode_plain(std::string_view v, ContentHeader* h) {
  HeaderText t = decode_header_text(v);
  h->guessed.insert(h->guessed.end(), t.guessed.begin(), t.guessed.end());
  return std::move(t.utf8);
}

}  // namespace

std::string percent_decode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
      out.push_back(static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2])));
      i += 2;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

const std::string* ContentHeader::param(std::string_view name) const {
  for (const auto& p : params) {
    if (p.name == name) return &p.value;
  }
  return nullptr;
}

ContentHeader parse_content_header(std::string_view s) {
  ContentHeader h;
  std::size_t i = 0;
  // The value proper: up to the first ';', comments dropped.
  std::string head;
  while (i < s.size() && s[i] != ';') {
    if (s[i] == '(') {
      i = skip_comment(s, i);
      continue;
    }
    if (s[i] != ' ' && s[i] != '\t' && s[i] != '"') head.push_back(s[i]);
    ++i;
  }
  h.value = ascii_lower(head);

  std::vector<RawParam> raw;
  while (i < s.size() && raw.size() < kMaxParams * 4) {
    while (i < s.size() && (s[i] == ';' || s[i] == ' ' || s[i] == '\t')) ++i;
    if (i >= s.size()) break;
    if (s[i] == '(') {
      i = skip_comment(s, i);
      continue;
    }
    const std::size_t eq = s.find('=', i);
    const std::size_t semi = s.find(';', i);
    if (eq == std::string_view::npos || (semi != std::string_view::npos && semi < eq)) {
      h.malformed = true;  // a parameter without '='
      i = semi == std::string_view::npos ? s.size() : semi;
      continue;
    }
    RawParam p;
    split_name(s.substr(i, eq - i), &p);
    i = eq + 1;
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
    p.value = read_value(s, &i, &h.malformed);
    if (p.base.empty()) {
      h.malformed = true;
      continue;
    }
    raw.push_back(std::move(p));
  }

  // Group by name in order of first appearance; a name* value wins over a plain one.
  std::vector<std::string> order;
  std::map<std::string, std::vector<const RawParam*>> by_name;
  for (const auto& p : raw) {
    auto& v = by_name[p.base];
    if (v.empty()) order.push_back(p.base);
    if (v.size() < kMaxSegments) v.push_back(&p);
  }
  for (const auto& name : order) {
    if (h.params.size() >= kMaxParams) break;
    const auto& all = by_name[name];
    std::vector<const RawParam*> sections;
    const RawParam* ext = nullptr;
    const RawParam* plain = nullptr;
    for (const RawParam* p : all) {
      if (p->section >= 0) {
        sections.push_back(p);
      } else if (p->extended) {
        if (!ext) ext = p;
      } else if (!plain) {
        plain = p;
      }
    }
    std::string value;
    if (!sections.empty()) {
      std::stable_sort(sections.begin(), sections.end(), [](const RawParam* a, const RawParam* b) {
        return a->section < b->section;
      });
      for (std::size_t k = 0; k < sections.size(); ++k) {
        if (sections[k]->section != static_cast<int>(k)) h.malformed = true;
      }
      bool any_ext = std::any_of(sections.begin(), sections.end(),
                                 [](const RawParam* p) { return p->extended; });
      if (any_ext) {
        value = decode_extended(sections, &h);
      } else {
        std::string joined;
        for (const RawParam* p : sections) joined += p->value;
        value = decode_plain(joined, &h);
      }
    } else if (ext) {
      value = decode_extended({ext}, &h);
    } else if (plain) {
      value = decode_plain(plain->value, &h);
    }
    h.params.push_back({name, std::move(value)});
  }
  return h;
}

}  // namespace lg
