#pragma once
/// A streaming JSON writer ([RFC 8259]) into a std::string it owns.
///
/// The writer places commas, colons and (in pretty mode) newlines and 2-space indentation
/// itself; the caller only says what comes next. Every string it writes is valid UTF-8:
/// ill-formed input sequences become U+FFFD (one per maximal ill-formed subpart, as in
/// Unicode 15 section 3.9), so untrusted text can be handed over as it is. Doubles are
/// printed shortest-round-trip; NaN and infinities, which JSON cannot carry, become null.
///
/// Misuse (a value where a key is due, an unbalanced end_*) is a programmer error, checked
/// with assert in debug builds; the writer never throws.
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/utf8.h"

namespace lg {

/// Appends `s` to `out` as a quoted JSON string: `"` and `\` escaped, \b \f \n \r \t in their
/// short forms, the other C0 controls and DEL as \u00XX (lower-case hex), U+2028/U+2029 as
/// \u2028/\u2029 (so the text is also safe inside JavaScript), ill-formed UTF-8 as U+FFFD.
void append_json_string(std::string& out, std::string_view s);

class JsonWriter {
 public:
  /// `pretty`: one member or element a line, indented by 2 spaces a level; otherwise compact.
  explicit JsonWriter(bool pretty = false) : pretty_(pretty) {}

  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  /// The next member's name; must be followed by exactly one value (or container).
  JsonWriter& key(std::string_view k);

  JsonWriter& value(std::string_view s);
  JsonWriter& value(const char* s) { return value(std::string_view(s)); }
  JsonWriter& value(const std::string& s) { return value(std::string_view(s)); }
  JsonWriter& value(bool b);
  JsonWriter& value(double d);
  JsonWriter& value(std::nullptr_t) { return null(); }
  /// Any integer type, printed exactly (no conversion through double).
  template <std::integral T>
  JsonWriter& value(T v) {
    if constexpr (std::signed_integral<T>) {
      return int_value(static_cast<std::int64_t>(v));
    } else {
      return uint_value(static_cast<std::uint64_t>(v));
    }
  }
  JsonWriter& null();

  /// key(k).value(v) in one call.
  template <class T>
  JsonWriter& member(std::string_view k, const T& v) {
    key(k);
    return value(v);
  }

  /// True when one complete top-level value has been written and every container is closed.
  bool complete() const { return stack_.empty() && top_level_done_; }
  /// The text written so far.
  const std::string& str() const { return out_; }
  /// Moves the text out; the writer is then empty and may be reused.
  std::string take();

 private:
  struct Frame {
    bool is_object = false;
    std::size_t count = 0;     // members or elements written so far
    bool key_pending = false;  // object: a key was written, its value is due
  };

  JsonWriter& int_value(std::int64_t v);
  JsonWriter& uint_value(std::uint64_t v);
  template <typename Int>
  JsonWriter& integer(Int v);
  // Writes the separator and indentation due before a value (array element, member value
  // or the top-level value).
  void before_value();
  void after_value();
  void newline_indent(std::size_t depth);
  JsonWriter& begin(bool is_object);
  JsonWriter& end(bool is_object);

  std::string out_;
  std::vector<Frame> stack_;
  bool pretty_ = false;
  bool top_level_done_ = false;
};

}  // namespace lg
