#pragma once
/// UTF-8 and UTF-16 primitives shared by everything that touches text: one validator
/// ([Unicode 15] 3.9 Table 3-7 "Well-Formed UTF-8 Byte Sequences", U+FFFD per maximal
/// subpart), one encoder, and UTF-16LE decoding for the Microsoft formats (CFB names, LNK and
/// OLE strings).
#include <cstddef>
#include <string>
#include <string_view>

#include "core/bytes.h"

namespace lg {

/// One step of UTF-8 decoding ([Unicode] Table 3-7): the code point at `pos` and its length.
/// For an ill-formed sequence `valid` is false, `cp` is U+FFFD and `len` covers its maximal
/// subpart (at least 1 byte), so a loop `pos += len` replaces it by exactly one U+FFFD.
/// `pos` must be < s.size().
struct Utf8Char {
  char32_t cp = 0;
  std::size_t len = 1;
  bool valid = false;
};
Utf8Char next_utf8_char(std::string_view s, std::size_t pos);

/// Appends the UTF-8 encoding of `cp` (U+FFFD for surrogates and values past U+10FFFF).
void append_utf8(std::string& out, char32_t cp);

/// True when `s` is well-formed UTF-8.
bool is_valid_utf8(std::string_view s);
/// True when every byte is < 0x80.
bool is_ascii(std::string_view s);
/// Replaces each ill-formed UTF-8 sequence with U+FFFD.
std::string repair_utf8(std::string_view s);

/// UTF-16LE to UTF-8 ([Unicode 15] 3.9 D91): surrogate pairs joined, lone surrogates and an odd
/// last byte become U+FFFD. Stops at the first U+0000 when `stop_at_nul` (NUL-terminated
/// fields of [MS-CFB] directory entries and [MS-SHLLINK] strings).
std::string utf16le_to_utf8(ByteView bytes, bool stop_at_nul = false);

/// The longest prefix of `s` of at most `max` bytes that does not split a UTF-8 sequence.
std::string_view utf8_prefix(std::string_view s, std::size_t max);

}  // namespace lg
