// PDF tokens and objects: ISO 32000-1 7.2 (lexical conventions), 7.3 (objects).
#include "analyzers/pdf/pdf_object.h"

#include <charconv>
#include <utility>

namespace lg {
namespace {

constexpr std::size_t kMaxStringBytes = 16u << 20;  // one string's stored bytes
constexpr std::size_t kMaxNameBytes = 4096;         // 7.3.5 suggests 127; be generous

int hex_value(unsigned char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool is_alnum(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

}  // namespace

const PdfObject* PdfObject::get(std::string_view key) const {
  if (kind != Kind::kDict) return nullptr;
  for (std::size_t i = 0; i < keys.size() && i < items.size(); ++i) {
    if (keys[i] == key) return &items[i];
  }
  return nullptr;
}

std::optional<std::int64_t> PdfObject::as_int() const {
  if (kind == Kind::kInt) return integer;
  if (kind == Kind::kReal && real >= -9e15 && real <= 9e15 &&
      static_cast<double>(static_cast<std::int64_t>(real)) == real) {
    return static_cast<std::int64_t>(real);
  }
  return std::nullopt;
}

void PdfLexer::skip_space() {
  const std::size_t n = data_.size();
  while (pos_ < n) {
    const auto c = static_cast<unsigned char>(data_[pos_]);
    if (is_white(c)) {
      ++pos_;
    } else if (c == '%') {  // 7.2.3: a comment runs to the end of the line
      while (pos_ < n && data_[pos_] != '\n' && data_[pos_] != '\r') ++pos_;
    } else {
      break;
    }
  }
}

Token PdfLexer::peek() {
  const std::size_t saved = pos_;
  const std::size_t saved_escaped = escaped_names_;
  Token t = next();
  pos_ = saved;
  escaped_names_ = saved_escaped;
  return t;
}

Token PdfLexer::next() {
  skip_space();
  Token t;
  t.begin = pos_;
  if (pos_ >= data_.size()) return t;
  const char c = data_[pos_];
  const char c2 = pos_ + 1 < data_.size() ? data_[pos_ + 1] : '\0';
  switch (c) {
    case '(':
      literal_string(&t);
      break;
    case '<':
      if (c2 == '<') {
        t.type = TokenType::kDictOpen;
        pos_ += 2;
      } else {
        hex_string(&t);
      }
      break;
    case '>':
      if (c2 == '>') {
        t.type = TokenType::kDictClose;
        pos_ += 2;
      } else {
        t.type = TokenType::kKeyword;  // stray '>'
        t.text = ">";
        ++pos_;
      }
      break;
    case '[':
      t.type = TokenType::kArrayOpen;
      ++pos_;
      break;
    case ']':
      t.type = TokenType::kArrayClose;
      ++pos_;
      break;
    case '/':
      name(&t);
      break;
    case '{':
    case '}':
    case ')':
      t.type = TokenType::kKeyword;
      t.text = std::string(1, c);
      ++pos_;
      break;
    default:
      regular(&t);
  }
  return t;
}

// 7.3.4.2: balanced parentheses, backslash escapes, octal \ddd, line continuations, and any
// end-of-line marker read as a single LF.
void PdfLexer::literal_string(Token* t) {
  t->type = TokenType::kString;
  const std::size_t n = data_.size();
  std::size_t i = pos_ + 1;
  std::size_t depth = 1;
  std::string& out = t->text;
  auto put = [&out](char ch) {
    if (out.size() < kMaxStringBytes) out.push_back(ch);
  };
  while (i < n) {
    const char c = data_[i++];
    if (c == '\\') {
      if (i >= n) break;
      const char e = data_[i++];
      switch (e) {
        case 'n':
          put('\n');
          break;
        case 'r':
          put('\r');
          break;
        case 't':
          put('\t');
          break;
        case 'b':
          put('\b');
          break;
        case 'f':
          put('\f');
          break;
        case '\r':
          if (i < n && data_[i] == '\n') ++i;
          break;
        case '\n':
          break;
        default:
          if (e >= '0' && e <= '7') {
            int v = e - '0';
            for (int k = 0; k < 2 && i < n && data_[i] >= '0' && data_[i] <= '7'; ++k) {
              v = v * 8 + (data_[i++] - '0');
            }
            put(static_cast<char>(v & 0xFF));
          } else {
            put(e);  // \( \) \\ and an unknown escape: the character itself
          }
      }
    } else if (c == '(') {
      ++depth;
      put(c);
    } else if (c == ')') {
      if (--depth == 0) break;
      put(c);
    } else if (c == '\r') {
      if (i < n && data_[i] == '\n') ++i;
      put('\n');
    } else {
      put(c);
    }
  }
  pos_ = i;
}

// 7.3.4.3: pairs of hex digits, white space ignored, an odd final digit padded with 0.
void PdfLexer::hex_string(Token* t) {
  t->type = TokenType::kString;
  t->hex = true;
  const std::size_t n = data_.size();
  std::size_t i = pos_ + 1;
  int hi = -1;
  while (i < n) {
    const auto c = static_cast<unsigned char>(data_[i++]);
    if (c == '>') break;
    const int v = hex_value(c);
    if (v < 0) continue;  // white space (and, tolerantly, junk)
    if (hi < 0) {
      hi = v;
    } else {
      if (t->text.size() < kMaxStringBytes) t->text.push_back(static_cast<char>(hi * 16 + v));
      hi = -1;
    }
  }
  if (hi >= 0 && t->text.size() < kMaxStringBytes) t->text.push_back(static_cast<char>(hi * 16));
  pos_ = i;
}

// 7.3.5: regular characters after '/', with #xx escapes. Escaping a letter or digit, which
// never needs it, is how droppers hide /JavaScript from naive scanners.
void PdfLexer::name(Token* t) {
  t->type = TokenType::kName;
  const std::size_t n = data_.size();
  std::size_t i = pos_ + 1;
  while (i < n && is_regular(static_cast<unsigned char>(data_[i]))) {
    auto c = static_cast<unsigned char>(data_[i]);
    if (c == '#' && i + 2 < n) {
      const int h = hex_value(static_cast<unsigned char>(data_[i + 1]));
      const int l = hex_value(static_cast<unsigned char>(data_[i + 2]));
      if (h >= 0 && l >= 0) {
        c = static_cast<unsigned char>(h * 16 + l);
        if (is_alnum(c)) t->escaped = true;
        i += 3;
        if (t->text.size() < kMaxNameBytes) t->text.push_back(static_cast<char>(c));
        continue;
      }
    }
    if (t->text.size() < kMaxNameBytes) t->text.push_back(static_cast<char>(c));
    ++i;
  }
  if (t->escaped) ++escaped_names_;
  pos_ = i;
}

// A run of regular characters: a number (7.3.3) or a keyword.
void PdfLexer::regular(Token* t) {
  const std::size_t n = data_.size();
  std::size_t i = pos_;
  while (i < n && is_regular(static_cast<unsigned char>(data_[i]))) ++i;
  if (i == pos_) ++i;  // cannot happen (the caller saw a regular byte); never stall
  const std::string_view run = data_.substr(pos_, i - pos_);
  pos_ = i;
  std::size_t k = 0;
  if (!run.empty() && (run[0] == '+' || run[0] == '-')) k = 1;
  std::size_t digits = 0, dots = 0;
  for (std::size_t j = k; j < run.size(); ++j) {
    if (run[j] >= '0' && run[j] <= '9') {
      ++digits;
    } else if (run[j] == '.') {
      ++dots;
    } else {
      digits = 0;
      break;
    }
  }
  if (digits > 0 && dots <= 1) {
    const bool neg = k == 1 && run[0] == '-';
    const std::string_view body = run.substr(k);
    if (dots == 0) {
      std::int64_t v = 0;
      auto r = std::from_chars(body.data(), body.data() + body.size(), v);
      if (r.ec == std::errc() && r.ptr == body.data() + body.size()) {
        t->type = TokenType::kInteger;
        t->integer = neg ? -v : v;
        t->real = static_cast<double>(t->integer);
        return;
      }
    }
    double d = 0;
    std::string tmp(body);
    if (!tmp.empty() && tmp[0] == '.') tmp.insert(tmp.begin(), '0');
    auto r = std::from_chars(tmp.data(), tmp.data() + tmp.size(), d);
    t->type = TokenType::kReal;
    t->real = r.ec == std::errc() ? (neg ? -d : d) : 0.0;
    return;
  }
  t->type = TokenType::kKeyword;
  t->text = std::string(run.substr(0, kMaxNameBytes));
}

namespace {

struct Frame {
  PdfObject obj;
  bool have_key = false;
  std::string key;
};

void place(Frame& f, PdfObject v) {
  if (f.obj.kind == PdfObject::Kind::kDict) {
    if (!f.have_key) {
      if (v.kind == PdfObject::Kind::kName) {
        f.key = std::move(v.str);
        f.have_key = true;
      }  // a non-name where a key belongs: dropped (tolerant)
      return;
    }
    f.have_key = false;
    if (f.obj.items.size() >= kPdfMaxContainerItems) return;
    f.obj.keys.push_back(std::move(f.key));
    f.obj.items.push_back(std::move(v));
    return;
  }
  if (f.obj.items.size() < kPdfMaxContainerItems) f.obj.items.push_back(std::move(v));
}

PdfObject close_frame(Frame& f) {
  if (f.obj.kind == PdfObject::Kind::kDict && f.have_key &&
      f.obj.items.size() < kPdfMaxContainerItems) {
    f.obj.keys.push_back(std::move(f.key));  // a key without a value: null (7.3.7)
    f.obj.items.emplace_back();
  }
  return std::move(f.obj);
}

bool stops_object(const Token& t) {
  return t.type == TokenType::kKeyword &&
         (t.text == "obj" || t.text == "endobj" || t.text == "stream" || t.text == "endstream" ||
          t.text == "xref" || t.text == "trailer" || t.text == "startxref");
}

}  // namespace

ParsedObject parse_pdf_object(PdfLexer& lex) {
  ParsedObject out;
  std::vector<Frame> stack;
  std::size_t skipping = 0;  // containers opened beyond the depth cap, being skipped
  auto unwind = [&]() {
    while (stack.size() > 1) {
      PdfObject v = close_frame(stack.back());
      stack.pop_back();
      place(stack.back(), std::move(v));
    }
    if (!stack.empty()) {
      out.object = close_frame(stack.back());
      out.ok = true;
    }
  };
  for (;;) {
    const std::size_t before = lex.pos();
    Token t = lex.next();
    if (t.type == TokenType::kEnd) {
      out.truncated = !stack.empty();
      unwind();
      return out;
    }
    if (stops_object(t)) {
      lex.seek(before);
      out.truncated = !stack.empty();
      unwind();
      return out;
    }
    if (skipping > 0) {
      if (t.type == TokenType::kArrayOpen || t.type == TokenType::kDictOpen) ++skipping;
      if (t.type == TokenType::kArrayClose || t.type == TokenType::kDictClose) --skipping;
      continue;
    }
    PdfObject v;
    switch (t.type) {
      case TokenType::kArrayOpen:
      case TokenType::kDictOpen:
        if (stack.size() >= kPdfMaxDepth) {
          out.too_deep = true;
          skipping = 1;
          continue;
        }
        stack.emplace_back();
        stack.back().obj.kind =
            t.type == TokenType::kArrayOpen ? PdfObject::Kind::kArray : PdfObject::Kind::kDict;
        continue;
      case TokenType::kArrayClose:
      case TokenType::kDictClose:
        if (stack.empty()) continue;  // stray closer
        v = close_frame(stack.back());
        stack.pop_back();
        break;
      case TokenType::kInteger: {
        // "N G R" (7.3.10): look ahead two tokens, rewind when it is not a reference.
        const std::size_t after = lex.pos();
        Token g = lex.next();
        if (g.type == TokenType::kInteger) {
          Token r = lex.next();
          if (r.type == TokenType::kKeyword && r.text == "R" && t.integer >= 0 &&
              t.integer <= 0xFFFFFFFFll && g.integer >= 0 && g.integer <= 0xFFFFFFFFll) {
            v.kind = PdfObject::Kind::kRef;
            v.ref = {static_cast<std::uint32_t>(t.integer), static_cast<std::uint32_t>(g.integer)};
            break;
          }
        }
        lex.seek(after);
        v.kind = PdfObject::Kind::kInt;
        v.integer = t.integer;
        v.real = t.real;
        break;
      }
      case TokenType::kReal:
        v.kind = PdfObject::Kind::kReal;
        v.real = t.real;
        break;
      case TokenType::kString:
        v.kind = PdfObject::Kind::kString;
        v.str = std::move(t.text);
        break;
      case TokenType::kName:
        v.kind = PdfObject::Kind::kName;
        v.str = std::move(t.text);
        break;
      case TokenType::kKeyword:
        if (t.text == "true" || t.text == "false") {
          v.kind = PdfObject::Kind::kBool;
          v.boolean = t.text == "true";
        } else if (t.text == "null") {
          v.kind = PdfObject::Kind::kNull;
        } else if (stack.empty()) {
          return out;  // a stray keyword where an object belongs: consumed, no value
        } else {
          continue;  // stray keyword inside a container: ignored
        }
        break;
      case TokenType::kEnd:
        break;
    }
    if (stack.empty()) {
      out.object = std::move(v);
      out.ok = true;
      return out;
    }
    place(stack.back(), std::move(v));
  }
}

}  // namespace lg
