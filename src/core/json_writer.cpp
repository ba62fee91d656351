#include "core/json_writer.h"

#include <cassert>
#include <charconv>
#include <cmath>
#include <system_error>

namespace lg {

namespace {

constexpr char32_t kReplacement = 0xFFFD;
constexpr char kHex[] = "0123456789abcdef";

bool is_continuation(unsigned char b, unsigned char lo = 0x80, unsigned char hi = 0xBF) {
  return b >= lo && b <= hi;
}

}  // namespace

Utf8Char next_utf8_char(std::string_view s, std::size_t pos) {
  assert(pos < s.size());
  const auto b0 = static_cast<unsigned char>(s[pos]);
  if (b0 < 0x80) return {b0, 1, true};
  // [Unicode] Table 3-7, well-formed UTF-8 byte sequences: the lead byte fixes the length
  // and the allowed range of the second byte; later bytes are always 80..BF.
  std::size_t need = 0;
  unsigned char lo = 0x80, hi = 0xBF;
  char32_t cp = 0;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    need = 1;
    cp = b0 & 0x1F;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    need = 2;
    cp = b0 & 0x0F;
    if (b0 == 0xE0) lo = 0xA0;  // no overlong forms
    if (b0 == 0xED) hi = 0x9F;  // no surrogates
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    need = 3;
    cp = b0 & 0x07;
    if (b0 == 0xF0) lo = 0x90;  // no overlong forms
    if (b0 == 0xF4) hi = 0x8F;  // nothing past U+10FFFF
  } else {
    return {kReplacement, 1, false};  // 80..C1, F5..FF never start a sequence
  }
  std::size_t len = 1;
  for (std::size_t k = 0; k < need; ++k) {
    if (pos + len >= s.size()) return {kReplacement, len, false};
    const auto b = static_cast<unsigned char>(s[pos + len]);
    if (!(k == 0 ? is_continuation(b, lo, hi) : is_continuation(b))) {
      return {kReplacement, len, false};  // the maximal subpart ends before `b`
    }
    cp = (cp << 6) | (b & 0x3F);
    ++len;
  }
  return {cp, len, true};
}

void append_utf8(std::string& out, char32_t cp) {
  if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) cp = kReplacement;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

void append_json_string(std::string& out, std::string_view s) {
  out.reserve(out.size() + s.size() + 2);
  out += '"';
  std::size_t pos = 0;
  while (pos < s.size()) {
    const auto b = static_cast<unsigned char>(s[pos]);
    if (b >= 0x80) {
      const Utf8Char c = next_utf8_char(s, pos);
      if (!c.valid) {
        append_utf8(out, kReplacement);
      } else if (c.cp == 0x2028 || c.cp == 0x2029) {
        out += c.cp == 0x2028 ? "\\u2028" : "\\u2029";
      } else {
        out.append(s.substr(pos, c.len));
      }
      pos += c.len;
      continue;
    }
    switch (b) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (b < 0x20 || b == 0x7F) {
          out += "\\u00";
          out += kHex[b >> 4];
          out += kHex[b & 0x0F];
        } else {
          out += static_cast<char>(b);
        }
    }
    ++pos;
  }
  out += '"';
}

void JsonWriter::newline_indent(std::size_t depth) {
  out_ += '\n';
  out_.append(depth * 2, ' ');
}

void JsonWriter::before_value() {
  if (stack_.empty()) {
    assert(!top_level_done_ && "JsonWriter: a second top-level value");
    return;
  }
  Frame& f = stack_.back();
  if (f.is_object) {
    assert(f.key_pending && "JsonWriter: a value inside an object needs a key first");
    f.key_pending = false;
    return;  // key() already wrote the separator
  }
  if (f.count > 0) out_ += ',';
  if (pretty_) newline_indent(stack_.size());
}

void JsonWriter::after_value() {
  if (stack_.empty()) {
    top_level_done_ = true;
  } else {
    ++stack_.back().count;
  }
}

JsonWriter& JsonWriter::key(std::string_view k) {
  assert(!stack_.empty() && stack_.back().is_object && !stack_.back().key_pending);
  Frame& f = stack_.back();
  if (f.count > 0) out_ += ',';
  if (pretty_) newline_indent(stack_.size());
  append_json_string(out_, k);
  out_ += pretty_ ? ": " : ":";
  f.key_pending = true;
  return *this;
}

JsonWriter& JsonWriter::begin(bool is_object) {
  before_value();
  out_ += is_object ? '{' : '[';
  stack_.push_back(Frame{is_object, 0, false});
  return *this;
}

JsonWriter& JsonWriter::end(bool is_object) {
  assert(!stack_.empty() && stack_.back().is_object == is_object && !stack_.back().key_pending);
  if (stack_.empty()) return *this;
  const bool had_items = stack_.back().count > 0;
  stack_.pop_back();
  if (pretty_ && had_items) newline_indent(stack_.size());
  out_ += is_object ? '}' : ']';
  after_value();
  return *this;
}

JsonWriter& JsonWriter::begin_object() { return begin(true); }
JsonWriter& JsonWriter::end_object() { return end(true); }
JsonWriter& JsonWriter::begin_array() { return begin(false); }
JsonWriter& JsonWriter::end_array() { return end(false); }

JsonWriter& JsonWriter::value(std::string_view s) {
  before_value();
  append_json_string(out_, s);
  after_value();
  return *this;
}

JsonWriter& JsonWriter::value(bool b) {
  before_value();
  out_ += b ? "true" : "false";
  after_value();
  return *this;
}

JsonWriter& JsonWriter::null() {
  before_value();
  out_ += "null";
  after_value();
  return *this;
}

JsonWriter& JsonWriter::value(double d) {
  if (!std::isfinite(d)) return null();  // JSON has no NaN or infinity
  before_value();
  char buf[32];
  // Shortest text that reads back as the same double; its syntax ("1e+20", "-0.5") is
  // also JSON number syntax.
  const auto r = std::to_chars(buf, buf + sizeof buf, d);
  assert(r.ec == std::errc());
  out_.append(buf, r.ptr);
  after_value();
  return *this;
}

JsonWriter& JsonWriter::int_value(std::int64_t v) {
  before_value();
  char buf[24];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  out_.append(buf, r.ptr);
  after_value();
  return *this;
}

JsonWriter& JsonWriter::uint_value(std::uint64_t v) {
  before_value();
  char buf[24];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  out_.append(buf, r.ptr);
  after_value();
  return *this;
}

std::string JsonWriter::take() {
  std::string s = std::move(out_);
  out_.clear();
  stack_.clear();
  top_level_done_ = false;
  return s;
}

}  // namespace lg
