#include "core/json_writer.h"

#include <array>
#include <cassert>
#include <charconv>
#include <cmath>
#include <system_error>

namespace lg {

namespace {

constexpr char32_t kReplacement = 0xFFFD;
constexpr char kHex[] = "0123456789abcdef";

constexpr std::array<bool, 256> make_plain_table() {
  std::array<bool, 256> t{};
  for (int c = 0x20; c < 0x7F; ++c) t[c] = c != '"' && c != '\\';
  return t;
}
constexpr std::array<bool, 256> kPlain = make_plain_table();

}  // namespace

void append_json_string(std::string& out, std::string_view s) {
  out.reserve(out.size() + s.size() + 2);
  out += '"';
  std::size_t pos = 0;
  while (pos < s.size()) {
    // Printable ASCII other than '"' and '\\' is copied as a run, not byte by byte.
    std::size_t run = pos;
    while (run < s.size() && kPlain[static_cast<unsigned char>(s[run])]) ++run;
    if (run > pos) {
      out.append(s.substr(pos, run - pos));
      pos = run;
      if (pos == s.size()) break;
    }
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

template <typename Int>
JsonWriter& JsonWriter::integer(Int v) {
  before_value();
  char buf[24];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  out_.append(buf, r.ptr);
  after_value();
  return *this;
}

JsonWriter& JsonWriter::int_value(std::int64_t v) { return integer(v); }
JsonWriter& JsonWriter::uint_value(std::uint64_t v) { return integer(v); }

std::string JsonWriter::take() {
  std::string s = std::move(out_);
  out_.clear();
  stack_.clear();
  top_level_done_ = false;
  return s;
}

}  // namespace lg
