#pragma once
/// PDF lexical conventions and objects (ISO 32000-1 7.2, 7.3): a tokenizer over untrusted
/// bytes and a bounded object model. Parsing uses an explicit stack with a depth cap, so
/// nesting in the input never becomes recursion here.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lg {

/// Arrays and dictionaries nested deeper than this are cut (the rest of the object is dropped).
inline constexpr std::size_t kPdfMaxDepth = 64;
/// Elements kept per array or dictionary; the rest are skipped.
inline constexpr std::size_t kPdfMaxContainerItems = 1u << 16;

struct PdfRef {
  std::uint32_t num = 0;
  std::uint32_t gen = 0;
};

/// One PDF object, owned by value. Dictionary keys and values are parallel vectors (a later
/// duplicate key shadows nothing: get() returns the first, as most readers do).
class PdfObject {
 public:
  enum class Kind { kNull, kBool, kInt, kReal, kString, kName, kArray, kDict, kRef };

  Kind kind = Kind::kNull;
  bool boolean = false;
  std::int64_t integer = 0;
  double real = 0;
  std::string str;  // string bytes (escapes decoded) or name (#xx decoded, no '/')
  PdfRef ref;
  std::vector<std::string> keys;  // dictionary keys
  std::vector<PdfObject> items;   // array elements or dictionary values

  bool is(Kind k) const { return kind == k; }
  bool is_dict() const { return kind == Kind::kDict; }
  bool is_array() const { return kind == Kind::kArray; }
  bool is_name(std::string_view n) const { return kind == Kind::kName && str == n; }
  /// The value for `key` in a dictionary, or nullptr.
  const PdfObject* get(std::string_view key) const;
  /// Integer value of a kInt (or a whole kReal), else nullopt.
  std::optional<std::int64_t> as_int() const;
};

enum class TokenType {
  kEnd,
  kInteger,
  kReal,
  kString,  // literal or hexadecimal; `text` holds the decoded bytes
  kName,    // `text` holds the decoded name
  kArrayOpen,
  kArrayClose,
  kDictOpen,
  kDictClose,
  kKeyword,  // obj, endobj, R, true, stream, operators ... (`text`)
};

struct Token {
  TokenType type = TokenType::kEnd;
  std::string text;
  std::int64_t integer = 0;
  double real = 0;
  std::size_t begin = 0;  // offset of the token's first byte
  bool hex = false;       // a hexadecimal string
  bool escaped = false;   // a name that used #xx for a regular character (obfuscation)
};

/// Tokenizer over one buffer ([begin, end) of `data`). Every call advances; at the end it
/// returns kEnd. Strings are cut at `max_string` bytes (the rest is consumed, not stored).
class PdfLexer {
 public:
  explicit PdfLexer(std::string_view data, std::size_t pos = 0)
      : data_(data), pos_(pos > data.size() ? data.size() : pos) {}

  Token next();
  /// Next token without consuming it.
  Token peek();
  std::size_t pos() const { return pos_; }
  void seek(std::size_t pos) { pos_ = pos > data_.size() ? data_.size() : pos; }
  std::string_view data() const { return data_; }
  /// Names seen so far that used #xx for a regular character.
  std::size_t escaped_names() const { return escaped_names_; }
  /// Skips white space and comments (7.2.2, 7.2.3).
  void skip_space();

  static bool is_white(unsigned char c) {
    return c == 0 || c == 9 || c == 10 || c == 12 || c == 13 || c == 32;
  }
  static bool is_delim(unsigned char c) {
    return c == '(' || c == ')' || c == '<' || c == '>' || c == '[' || c == ']' || c == '{' ||
           c == '}' || c == '/' || c == '%';
  }
  static bool is_regular(unsigned char c) { return !is_white(c) && !is_delim(c); }

 private:
  void literal_string(Token* t);
  void hex_string(Token* t);
  void name(Token* t);
  void regular(Token* t);

  std::string_view data_;
  std::size_t pos_ = 0;
  std::size_t escaped_names_ = 0;
};

/// Result of parsing one object value from a lexer position.
struct ParsedObject {
  PdfObject object;
  bool ok = false;         // a value was read
  bool too_deep = false;   // nesting beyond kPdfMaxDepth was cut
  bool truncated = false;  // input ended inside a container
};

/// Parses one object (7.3) at the lexer position, including "N G R" references. Stops before a
/// stray `obj`, `endobj`, `stream` or `endstream` keyword, closing open containers, so a
/// broken object never swallows the next one. Bounded by the input and the caps above.
ParsedObject parse_pdf_object(PdfLexer& lex);

}  // namespace lg
