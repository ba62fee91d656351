#pragma once
/// The RTF lexer (RTF 1.9.1, "RTF Syntax" and "Conventions of an RTF Reader"): groups, control
/// words with their numeric parameter, control symbols, \'hh bytes, text runs and the raw bytes
/// of \binN. Tolerant the way Word is: it never fails, every byte becomes part of some token,
/// and oddities (over-long words or parameters, \bin past the end) are counted, not refused.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/bytes.h"

namespace lg::rtf {

enum class TokenKind {
  kGroupStart,     // {
  kGroupEnd,       // }
  kControlWord,    // \word or \wordN (word: ASCII letters)
  kControlSymbol,  // \ followed by one non-letter (\*, \~, \-, \_, \{ ...)
  kHexByte,        // \'hh
  kText,           // a run of plain bytes (CR and LF are dropped, as the spec says)
  kBinary,         // the N bytes after \binN
  kEnd,
};

struct Token {
  TokenKind kind = TokenKind::kEnd;
  std::string_view word;   // control word letters, or the symbol character
  bool has_param = false;  // control word carried a numeric parameter
  std::int32_t param = 0;  // saturated to the int32 range
  std::uint8_t byte = 0;   // kHexByte value, or the kControlSymbol character
  ByteView data;           // kText / kBinary bytes (views into the input)
  std::size_t offset = 0;  // where the token starts
};

class Tokenizer {
 public:
  /// RTF 1.9.1: control words are at most 32 letters, parameters at most 10 digits; longer
  /// ones are read whole (Word does) and counted in oversized_words().
  static constexpr std::size_t kMaxWordLetters = 32;
  static constexpr std::size_t kMaxParamDigits = 10;

  explicit Tokenizer(ByteView data) : data_(data) {}

  /// The next token; kEnd at the end of the input (and every call after it).
  Token next();

  std::size_t position() const { return pos_; }
  /// Control words or parameters longer than the spec allows.
  std::size_t oversized_words() const { return oversized_words_; }
  /// \binN whose N ran past the end of the input (the rest was returned).
  bool binary_truncated() const { return binary_truncated_; }

 private:
  Token control(std::size_t start);

  ByteView data_;
  std::size_t pos_ = 0;
  std::size_t pending_binary_ = 0;  // bytes of \binN still to return as one kBinary token
  std::size_t oversized_words_ = 0;
  bool binary_truncated_ = false;
};

/// Value of each byte as an ASCII hex digit, or -1 (a table: \objdata is mostly hex digits).
inline constexpr std::array<std::int8_t, 256> kHexValues = [] {
  std::array<std::int8_t, 256> t{};
  for (int c = 0; c < 256; ++c) {
    t[c] = c >= '0' && c <= '9'   ? static_cast<std::int8_t>(c - '0')
           : c >= 'a' && c <= 'f' ? static_cast<std::int8_t>(c - 'a' + 10)
           : c >= 'A' && c <= 'F' ? static_cast<std::int8_t>(c - 'A' + 10)
                                  : std::int8_t{-1};
  }
  return t;
}();

/// Value of an ASCII hex digit, or -1.
inline int hex_value(std::uint8_t c) { return kHexValues[c]; }

}  // namespace lg::rtf
