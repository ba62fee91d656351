// The RTF lexer. Every loop advances pos_ by at least one byte, so the tokenizer is linear.
#include "analyzers/rtf/rtf_tokenizer.h"

#include <algorithm>
#include <array>
#include <limits>

namespace lg::rtf {
namespace {

bool is_letter(std::uint8_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(std::uint8_t c) { return c >= '0' && c <= '9'; }

// The bytes that end a text run: one table lookup a byte in the tokenizer's hottest loop.
constexpr std::array<bool, 256> kEndsText = [] {
  std::array<bool, 256> t{};
  for (std::uint8_t c : {'\\', '{', '}', '\r', '\n'}) t[c] = true;
  return t;
}();

}  // namespace

Token Tokenizer::next() {
  Token t;
  const std::size_t n = data_.size();
  if (pending_binary_ > 0) {
    // RTF 1.9.1 "\binN": N bytes of binary data follow the (space-delimited) control word.
    const std::size_t take = std::min(pending_binary_, n - pos_);
    if (take < pending_binary_) binary_truncated_ = true;
    pending_binary_ = 0;
    t.kind = TokenKind::kBinary;
    t.offset = pos_;
    t.data = data_.subspan(pos_, take);
    pos_ += take;
    return t;
  }
  // CR and LF outside \bin data carry no meaning (RTF 1.9.1 "RTF Syntax").
  while (pos_ < n && (data_[pos_] == '\r' || data_[pos_] == '\n')) ++pos_;
  if (pos_ >= n) return t;
  t.offset = pos_;
  const std::uint8_t c = data_[pos_];
  if (c == '{' || c == '}') {
    t.kind = c == '{' ? TokenKind::kGroupStart : TokenKind::kGroupEnd;
    ++pos_;
    return t;
  }
  if (c == '\\') return control(pos_);
  std::size_t end = pos_;
  while (end < n && !kEndsText[data_[end]]) ++end;
  t.kind = TokenKind::kText;
  t.data = data_.subspan(pos_, end - pos_);
  pos_ = end;
  return t;
}

Token Tokenizer::control(std::size_t start) {
  Token t;
  t.offset = start;
  const std::size_t n = data_.size();
  std::size_t p = start + 1;
  if (p >= n) {  // a lone backslash at the end: an empty symbol
    pos_ = n;
    t.kind = TokenKind::kControlSymbol;
    return t;
  }
  const std::uint8_t c = data_[p];
  if (!is_letter(c)) {
    if (c == '\'') {
      // \'hh: one byte in the current code page. Missing digits are tolerated.
      int v = 0;
      std::size_t q = p + 1;
      for (int i = 0; i < 2 && q < n && hex_value(data_[q]) >= 0; ++i, ++q) {
        v = v * 16 + hex_value(data_[q]);
      }
      t.kind = TokenKind::kHexByte;
      t.byte = static_cast<std::uint8_t>(v);
      pos_ = q;
      return t;
    }
    t.kind = TokenKind::kControlSymbol;
    t.byte = c;
    t.word = as_chars(data_.subspan(p, 1));
    pos_ = p + 1;
    // A backslash before CR or LF is \par (RTF 1.9.1); callers see the symbol '\n'/'\r'.
    return t;
  }
  std::size_t q = p;
  while (q < n && is_letter(data_[q])) ++q;
  if (q - p > kMaxWordLetters) ++oversized_words_;
  t.kind = TokenKind::kControlWord;
  t.word = as_chars(data_.subspan(p, q - p));
  bool negative = false;
  if (q + 1 < n && data_[q] == '-' && is_digit(data_[q + 1])) {
    negative = true;
    ++q;
  }
  if (q < n && is_digit(data_[q])) {
    std::int64_t v = 0;
    const std::size_t digits_start = q;
    while (q < n && is_digit(data_[q])) {
      if (v < (std::int64_t{1} << 40)) v = v * 10 + (data_[q] - '0');
      ++q;
    }
    if (q - digits_start > kMaxParamDigits) ++oversized_words_;
    if (negative) v = -v;
    v = std::clamp<std::int64_t>(v, std::numeric_limits<std::int32_t>::min(),
                                 std::numeric_limits<std::int32_t>::max());
    t.has_param = true;
    t.param = static_cast<std::int32_t>(v);
  }
  if (q < n && data_[q] == ' ') ++q;  // the delimiting space belongs to the word
  pos_ = q;
  if (t.word == "bin" && t.has_param && t.param > 0) {
    pending_binary_ = static_cast<std::size_t>(t.param);
  }
  return t;
}

}  // namespace lg::rtf
