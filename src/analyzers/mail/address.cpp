// [RFC 5322] 3.4 address specification (mailbox, name-addr, angle-addr, group), 4.4 obs-route
// and obs-phrase; [RFC 2047] 5 (3) encoded words in phrases.
#include "analyzers/mail/address.h"

#include <algorithm>

#include "analyzers/mail/encoded_word.h"
#include "analyzers/mail/header.h"
#include "core/charset.h"

namespace lg {
namespace {

// Top-level pieces of one mailbox: the phrase with quotes removed, the angle address, and the
// text of comments (used as the name in the old "addr (Name)" form).
struct Pieces {
  std::string phrase;
  std::string angle;
  std::string bare;     // text outside quotes/angles/comments
  std::string comment;  // text of the last comment
  bool has_angle = false;
};

void collapse_append(std::string* out, char c) {
  if (c == ' ' || c == '\t') {
    if (!out->empty() && out->back() != ' ') out->push_back(' ');
    return;
  }
  out->push_back(c);
}

Pieces split_mailbox(std::string_view s) {
  Pieces p;
  std::size_t i = 0;
  while (i < s.size()) {
    const char c = s[i];
    if (c == '"') {
      std::string q;
      ++i;
      for (; i < s.size() && s[i] != '"'; ++i) {
        if (s[i] == '\\' && i + 1 < s.size()) ++i;
        q.push_back(s[i]);
      }
      ++i;  // the closing quote (or past the end)
      if (!p.has_angle) {
        if (!p.phrase.empty() && p.phrase.back() != ' ') p.phrase.push_back(' ');
        p.phrase += q;
      }
      continue;
    }
    if (c == '(') {
      int depth = 0;
      std::string text;
      for (; i < s.size(); ++i) {
        if (s[i] == '\\' && i + 1 < s.size()) {
          text.push_back(s[++i]);
          continue;
        }
        if (s[i] == '(' && depth++ == 0) continue;
        if (s[i] == ')' && --depth == 0) {
          ++i;
          break;
        }
        text.push_back(s[i]);
      }
      p.comment = std::string(trim_ws(text));
      continue;
    }
    if (c == '<' && !p.has_angle) {
      p.has_angle = true;
      const std::size_t close = s.find('>', i + 1);
      const std::size_t end = close == std::string_view::npos ? s.size() : close;
      std::string_view a = trim_ws(s.substr(i + 1, end - i - 1));
      // [RFC 5322] 4.4 obs-route: "@host1,@host2:" before the addr-spec.
      if (a.starts_with('@')) {
        const std::size_t colon = a.find(':');
        if (colon != std::string_view::npos) a = trim_ws(a.substr(colon + 1));
      }
      p.angle = std::string(a);
      i = end == s.size() ? end : end + 1;
      continue;
    }
    if (!p.has_angle) collapse_append(&p.phrase, c);
    collapse_append(&p.bare, c);
    ++i;
  }
  return p;
}

void add_mailbox(std::string_view s, std::string_view fallback, AddressList* out) {
  s = trim_ws(s);
  if (s.empty()) return;
  Pieces p = split_mailbox(s);
  Mailbox m;
  std::string name;
  if (p.has_angle) {
    m.address = std::move(p.angle);
    name = std::string(trim_ws(p.phrase));
    if (name.empty()) name = p.comment;
  } else {
    m.address = std::string(trim_ws(p.bare));
    name = p.comment;
    // A quoted string with no address at all ("Undisclosed recipients").
    if (m.address.empty()) name = std::string(trim_ws(p.phrase));
  }
  if (!name.empty()) {
    HeaderText t = decode_header_text(name, fallback);
    m.display = std::string(trim_ws(t.utf8));
    out->guessed.insert(out->guessed.end(), t.guessed.begin(), t.guessed.end());
  }
  if (!is_valid_utf8(m.address)) {
    // Raw 8-bit that is not UTF-8 ([RFC 6532] allows only UTF-8): read it as the display name
    // would be read, never passed on as ill-formed bytes.
    Decoded d = decode_text(as_bytes(m.address), fallback);
    m.address = std::move(d.utf8);
    if (d.guessed) out->guessed.push_back(std::string(fallback));
  }
  if (m.address.empty() && m.display.empty()) return;
  out->mailboxes.push_back(std::move(m));
}

}  // namespace

AddressList parse_address_list(std::string_view s, std::size_t max_mailboxes,
                               std::string_view fallback) {
  AddressList out;
  std::size_t start = 0;
  bool quoted = false;
  bool angle = false;
  int comment = 0;
  for (std::size_t i = 0; i <= s.size() && out.mailboxes.size() < max_mailboxes; ++i) {
    const char c = i < s.size() ? s[i] : ',';
    if (i < s.size() && c == '\\') {
      ++i;
      continue;
    }
    if (quoted) {
      if (c == '"') quoted = false;
      if (i < s.size()) continue;
    } else if (comment > 0) {
      if (c == '(') ++comment;
      if (c == ')') --comment;
      if (i < s.size()) continue;
    } else if (c == '"') {
      quoted = true;
      continue;
    } else if (c == '(') {
      comment = 1;
      continue;
    } else if (c == '<') {
      angle = true;
      continue;
    } else if (c == '>') {
      angle = false;
      continue;
    }
    if (angle && i < s.size()) continue;
    if (c == ':') {
      // [RFC 5322] 3.4 group: "display-name:" starts a list; the name itself is dropped.
      start = i + 1;
    } else if (c == ',' || c == ';') {
      add_mailbox(s.substr(start, std::min(i, s.size()) - start), fallback, &out);
      start = i + 1;
      angle = false;
    }
  }
  return out;
}

std::string format_mailbox(const Mailbox& m) {
  if (m.display.empty()) return m.address;
  if (m.address.empty()) return m.display;
  return m.display + " <" + m.address + ">";
}

std::string format_mailboxes(const std::vector<Mailbox>& list) {
  std::string out;
  for (const auto& m : list) {
    if (!out.empty()) out += ", ";
    out += format_mailbox(m);
  }
  return out;
}

}  // namespace lg
