#include "detect/passwords.h"

#include <algorithm>
#include <array>
#include <bitset>
#include <cctype>

#include "core/ascii.h"

namespace lg {
namespace {

constexpr std::size_t kMaxToken = 64;

// Keywords, lower case for the ASCII ones; a keyword is followed by the token or by a
// separator word first.
constexpr std::array<std::string_view, 13> kKeywords = {
    "password", "passwd", "passcode", "pwd",  "pw",   "パスワード", "暗証番号",
    "비밀번호", "비번",   "암호",     "密码", "密碼", "口令"};

// Between keyword and token: punctuation, and the words that say "is".
constexpr std::array<std::string_view, 14> kSeparators = {":",  "：", "=",  "-",  "is", "は", "는",
                                                          "은", "是", "为", "為", "：", "=",  "→"};

// Words that follow "password" in prose and are not passwords.
constexpr std::array<std::string_view, 16> kStopWords = {
    "protected", "for",      "to", "the", "of",   "and",  "reset", "below",
    "attached",  "required", "is", "you", "your", "will", "has",   "with"};

bool is_space_or_punct_byte(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ',' || c == ';' || c == '(' ||
         c == ')' || c == '<' || c == '>' || c == '[' || c == ']';
}

// Opening quote characters and their closers (ASCII and CJK brackets).
struct Quote {
  std::string_view open, close;
};
constexpr std::array<Quote, 7> kQuotes = {
    {{"\"", "\""}, {"'", "'"}, {"「", "」"}, {"『", "』"}, {"“", "”"}, {"‘", "’"}, {"【", "】"}}};

// CJK punctuation and spaces that end an unquoted token.
constexpr std::array<std::string_view, 8> kCjkEnds = {"。", "、", "，",     "　",
                                                      "）", "」", "입니다", "です"};

bool iequal_ascii(std::string_view text, std::size_t at, std::string_view word) {
  if (text.size() - at < word.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i)
    if (ascii_lower(text[at + i]) != word[i]) return false;
  return true;
}

// The bytes a keyword can start with (first byte, lower-cased): most text positions are
// rejected by one table look-up before any keyword is compared.
std::array<bool, 256> keyword_starts() {
  std::array<bool, 256> t{};
  for (auto kw : kKeywords) t[static_cast<unsigned char>(kw[0])] = true;
  return t;
}

// The same for the first two bytes (every keyword has at least two): in Japanese and Korean
// text the first byte alone lets most characters through.
std::bitset<65536> keyword_pairs() {
  std::bitset<65536> t;
  for (auto kw : kKeywords)
    t.set(static_cast<unsigned char>(kw[0]) << 8 | static_cast<unsigned char>(kw[1]));
  return t;
}

std::size_t skip_blanks(std::string_view t, std::size_t i) {
  while (i < t.size()) {
    if (t[i] == ' ' || t[i] == '\t' || t[i] == '\r' || t[i] == '\n')
      ++i;
    else if (t.substr(i, 3) == "　")
      i += 3;
    else
      break;
  }
  return i;
}

// The token at `i`, or empty.
std::string_view token_at(std::string_view t, std::size_t i) {
  for (const auto& q : kQuotes) {
    if (t.substr(i, q.open.size()) == q.open) {
      std::size_t start = i + q.open.size();
      std::size_t end = t.find(q.close, start);
      if (end == std::string_view::npos || end - start > kMaxToken || end == start) return {};
      return t.substr(start, end - start);
    }
  }
  std::size_t end = i;
  while (end < t.size() && end - i <= kMaxToken &&
         !is_space_or_punct_byte(static_cast<unsigned char>(t[end]))) {
    bool cjk_end = false;
    for (auto e : kCjkEnds) cjk_end |= t.substr(end, e.size()) == e;
    if (cjk_end) break;
    ++end;
  }
  if (end - i > kMaxToken) return {};
  return t.substr(i, end - i);
}

// The token without trailing sentence punctuation ("abc123." -> "abc123").
std::string_view without_final_punct(std::string_view tok) {
  while (!tok.empty() && (tok.back() == '.' || tok.back() == '!' || tok.back() == '?'))
    tok.remove_suffix(1);
  return tok;
}

void add_unique(std::vector<std::string>& out, std::string_view tok, std::size_t max_total) {
  if (tok.empty() || out.size() >= max_total) return;
  if (std::find(out.begin(), out.end(), tok) == out.end()) out.emplace_back(tok);
}

bool is_stop_word(std::string_view tok) {
  return std::any_of(kStopWords.begin(), kStopWords.end(), [&](std::string_view w) {
    return tok.size() == w.size() && iequal_ascii(tok, 0, w);
  });
}

}  // namespace

void find_password_candidates(std::string_view t, std::vector<std::string>& out,
                              std::size_t max_total) {
  static const std::array<bool, 256> kStarts = keyword_starts();
  static const std::bitset<65536> kPairs = keyword_pairs();
  for (std::size_t i = 0; i < t.size() && out.size() < max_total; ++i) {
    const auto first = static_cast<unsigned char>(ascii_lower(t[i]));
    if (!kStarts[first] || i + 1 == t.size() ||
        !kPairs[first << 8 | static_cast<unsigned char>(ascii_lower(t[i + 1]))])
      continue;
    std::size_t after = 0;
    for (auto kw : kKeywords) {
      if (iequal_ascii(t, i, kw)) {
        // An ASCII keyword must stand alone ("pw", not "npw" or "pwned").
        bool ascii = static_cast<unsigned char>(kw[0]) < 0x80;
        if (ascii && i > 0 && std::isalnum(static_cast<unsigned char>(t[i - 1]))) continue;
        if (ascii && i + kw.size() < t.size() &&
            std::isalnum(static_cast<unsigned char>(t[i + kw.size()])) && kw != "pw")
          continue;
        if (kw == "pw" && i + 2 < t.size() && std::isalpha(static_cast<unsigned char>(t[i + 2])))
          continue;
        after = i + kw.size();
        break;
      }
    }
    if (after == 0) continue;
    // Up to three separators ("Password is: x", "パスワードは：x").
    std::size_t j = skip_blanks(t, after);
    for (int sep = 0; sep < 3; ++sep) {
      bool moved = false;
      for (auto s : kSeparators) {
        if (iequal_ascii(t, j, s)) {
          bool word = std::isalpha(static_cast<unsigned char>(s[0]));
          if (word && j + s.size() < t.size() &&
              std::isalnum(static_cast<unsigned char>(t[j + s.size()])))
            continue;
          j = skip_blanks(t, j + s.size());
          moved = true;
          break;
        }
      }
      if (!moved) break;
    }
    auto tok = token_at(t, j);
    auto bare = without_final_punct(tok);
    if (bare.empty() || is_stop_word(bare)) continue;
    // "kr2024!" may be the password or "kr2024" followed by an exclamation: try both.
    add_unique(out, tok, max_total);
    add_unique(out, bare, max_total);
    i = after - 1;
  }
}

}  // namespace lg
