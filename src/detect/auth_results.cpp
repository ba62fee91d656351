// [RFC 8601] 2.2 (Authentication-Results grammar), [RFC 7208] 9.1 (Received-SPF), with
// [RFC 5322] 3.2.2 CFWS and 3.2.4 quoted strings, [RFC 2045] 5.1 token for "value".
#include "detect/auth_results.h"

#include "core/ascii.h"

namespace lg {
namespace {

Status malformed(std::string what) { return Status::error(ErrorCode::kMalformed, std::move(what)); }

bool is_wsp(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
bool is_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
// [RFC 2045] 5.1 tspecials, which end a token.
bool is_tspecial(char c) {
  switch (c) {
    case '(':
    case ')':
    case '<':
    case '>':
    case '@':
    case ',':
    case ';':
    case ':':
    case '\\':
    case '"':
    case '/':
    case '[':
    case ']':
    case '?':
    case '=':
      return true;
    default:
      return false;
  }
}
bool is_token_char(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u > 32 && u != 127 && !is_tspecial(c);
}

/// A read position over one unfolded header value.
class Cursor {
 public:
  explicit Cursor(std::string_view s) : s_(s) {}

  bool at_end() const { return pos_ >= s_.size(); }
  char peek() const { return at_end() ? '\0' : s_[pos_]; }
  bool eat(char c) {
    if (peek() != c || at_end()) return false;
    ++pos_;
    return true;
  }

  /// Skips WSP and comments; the first comment's text goes to `*first` when given. An
  /// unclosed comment runs to the end; nesting deeper than kMaxCommentDepth is not counted
  /// further (the comment still ends at its matching parenthesis by the count kept).
  void skip_cfws(std::string* first = nullptr) {
    while (!at_end()) {
      if (is_wsp(s_[pos_])) {
        ++pos_;
        continue;
      }
      if (s_[pos_] != '(') return;
      const std::size_t begin = ++pos_;
      std::size_t depth = 1;
      while (!at_end() && depth > 0) {
        const char c = s_[pos_++];
        if (c == '\\' && !at_end()) {
          ++pos_;
        } else if (c == '(') {
          if (depth < kMaxCommentDepth) ++depth;
        } else if (c == ')') {
          --depth;
        }
      }
      if (first && first->empty()) {
        const std::size_t end = depth == 0 ? pos_ - 1 : pos_;
        *first = std::string(s_.substr(begin, end - begin));
      }
    }
  }

  /// [RFC 5321] Keyword-like: letters, digits, '-' and '_' (seen in the wild).
  std::string keyword() {
    const std::size_t begin = pos_;
    while (!at_end() && (is_alnum(s_[pos_]) || s_[pos_] == '-' || s_[pos_] == '_')) ++pos_;
    return ascii_lower(s_.substr(begin, pos_ - begin));
  }

  /// [RFC 2045] value: token / quoted-string.
  std::string value() {
    if (peek() == '"') return quoted();
    const std::size_t begin = pos_;
    while (!at_end() && is_token_char(s_[pos_])) ++pos_;
    return std::string(s_.substr(begin, pos_ - begin));
  }

  /// pvalue ([RFC 8601] 2.2): a value, or [local-part] "@" domain: everything up to CFWS or
  /// ';', quoted strings unquoted.
  std::string pvalue() {
    if (peek() == '"') return quoted();
    const std::size_t begin = pos_;
    while (!at_end() && !is_wsp(s_[pos_]) && s_[pos_] != ';' && s_[pos_] != '(') ++pos_;
    return std::string(s_.substr(begin, pos_ - begin));
  }

  /// Skips to the next ';' (not consumed), past quoted strings and comments.
  void skip_to_semicolon() {
    while (!at_end() && s_[pos_] != ';') {
      if (s_[pos_] == '"') {
        quoted();
      } else if (s_[pos_] == '(') {
        skip_cfws();
      } else {
        ++pos_;
      }
    }
  }

 private:
  std::string quoted() {
    std::string out;
    ++pos_;  // the opening quote
    while (!at_end()) {
      const char c = s_[pos_++];
      if (c == '"') break;
      if (c == '\\' && !at_end()) {
        out.push_back(s_[pos_++]);
        continue;
      }
      out.push_back(c);
    }
    return out;
  }

  std::string_view s_;
  std::size_t pos_ = 0;
};

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

// The rest of a resinfo after method=result: [reasonspec] *propspec, tolerating bare
// key=value pairs. Stops at ';' or the end.
void read_resinfo_tail(Cursor& c, AuthMethodResult& r) {
  while (true) {
    c.skip_cfws();
    if (c.at_end() || c.peek() == ';') return;
    std::string key = c.keyword();
    c.skip_cfws();
    if (key.empty()) {
      c.skip_to_semicolon();  // something unreadable: drop the rest of this resinfo
      return;
    }
    if (c.eat('.')) {
      c.skip_cfws();
      std::string property = c.keyword();
      c.skip_cfws();
      if (property.empty() || !c.eat('=')) {
        c.skip_to_semicolon();
        return;
      }
      c.skip_cfws();
      std::string v = c.pvalue();
      if (r.properties.size() < kMaxProperties)
        r.properties.push_back({std::move(key), std::move(property), std::move(v)});
      continue;
    }
    if (!c.eat('=')) {
      c.skip_to_semicolon();
      return;
    }
    c.skip_cfws();
    if (key == "reason") {
      r.reason = c.value();
      continue;
    }
    std::string v = c.pvalue();
    if (r.properties.size() < kMaxProperties)
      r.properties.push_back({std::string(), std::move(key), std::move(v)});
  }
}

}  // namespace

std::string_view AuthMethodResult::property(std::string_view ptype, std::string_view name) const {
  for (const auto& p : properties)
    if (p.ptype == ptype && p.property == name) return p.value;
  return {};
}

Result<AuthenticationResults> parse_authentication_results(std::string_view value) {
  AuthenticationResults ar;
  Cursor c(value);
  c.skip_cfws();
  ar.authserv_id = c.value();
  if (ar.authserv_id.empty()) return malformed("Authentication-Results without an authserv-id");
  c.skip_cfws();
  if (c.peek() == '=') return malformed("Authentication-Results without an authserv-id");
  if (c.peek() >= '0' && c.peek() <= '9') {
    std::string version = c.value();
    if (!all_digits(version) || version.size() > 3)
      return malformed("bad Authentication-Results version: " + version);
    ar.version = std::stoi(version);
    c.skip_cfws();
  }
  while (!c.at_end()) {
    if (!c.eat(';')) return malformed("expected ';' in Authentication-Results");
    c.skip_cfws();
    if (c.at_end()) break;  // a trailing ';'
    if (c.peek() == ';') continue;
    if (ar.results.size() >= kMaxResinfo) break;
    AuthMethodResult r;
    r.method = c.keyword();
    if (r.method.empty()) return malformed("expected a method in Authentication-Results");
    c.skip_cfws();
    if (r.method == "none" && (c.at_end() || c.peek() == ';')) {
      ar.no_result = true;  // [RFC 8601] 2.2 no-result
      continue;
    }
    if (c.eat('/')) {
      c.skip_cfws();
      r.version = c.value();
      c.skip_cfws();
    }
    if (!c.eat('=')) return malformed("expected '=' after method " + r.method);
    c.skip_cfws();
    r.result = c.keyword();
    if (r.result.empty()) return malformed("method " + r.method + " without a result");
    read_resinfo_tail(c, r);
    ar.results.push_back(std::move(r));
  }
  return ar;
}

std::string_view ReceivedSpf::get(std::string_view key) const {
  for (const auto& [k, v] : pairs)
    if (k == key) return v;
  return {};
}

std::string ReceivedSpf::receiver() const {
  if (auto r = get("receiver"); !r.empty()) return std::string(r);
  // [RFC 7208] 9.1 example: "(mybox.example.org: domain of ...)".
  const std::size_t colon = comment.find(':');
  if (colon == std::string::npos) return {};
  std::string_view host = std::string_view(comment).substr(0, colon);
  while (!host.empty() && is_wsp(host.front())) host.remove_prefix(1);
  if (host.empty() || host.find_first_of(" \t") != std::string_view::npos) return {};
  return std::string(host);
}

Result<ReceivedSpf> parse_received_spf(std::string_view value) {
  ReceivedSpf spf;
  Cursor c(value);
  c.skip_cfws();
  spf.result = c.keyword();
  static constexpr std::string_view kResults[] = {"pass", "fail",      "softfail", "neutral",
                                                  "none", "temperror", "permerror"};
  bool known = false;
  for (auto r : kResults) known |= spf.result == r;
  if (!known) return malformed("unknown Received-SPF result: " + spf.result);
  c.skip_cfws(&spf.comment);
  while (!c.at_end() && spf.pairs.size() < kMaxProperties) {
    std::string key = c.keyword();
    c.skip_cfws();
    if (key.empty() || !c.eat('=')) {
      c.skip_to_semicolon();
      if (!c.eat(';')) break;
      c.skip_cfws();
      continue;
    }
    c.skip_cfws();
    spf.pairs.emplace_back(std::move(key), c.pvalue());
    c.skip_cfws();
    c.eat(';');
    c.skip_cfws();
  }
  return spf;
}

}  // namespace lg
