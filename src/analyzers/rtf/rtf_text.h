#pragma once
/// Text of one RTF destination as it arrives: code-page bytes (plain text and \'hh) wait in
/// `pending` until a Unicode character (\uN) or the end forces them through lg::decode_text
/// with the document's \ansicpg code page; \uN UTF-16 units, surrogate pairs included, are
/// appended as UTF-8 (RTF 1.9.1 "Unicode RTF").
#include <cstdint>
#include <string>
#include <string_view>

#include "core/bytes.h"

namespace lg::rtf {

class TextSink {
 public:
  /// Bytes kept at most (UTF-8 plus pending); more is dropped and counted in clipped().
  explicit TextSink(std::size_t cap = kDefaultCap) : cap_(cap) {}
  static constexpr std::size_t kDefaultCap = 64 * 1024;

  void bytes(ByteView b);
  void byte(std::uint8_t b);
  /// One UTF-16 code unit from \uN (N already taken modulo 65536).
  void unit(std::uint16_t u, std::string_view charset);
  void utf8(std::string_view s, std::string_view charset);
  /// Decodes the pending bytes; then text() is complete.
  void flush(std::string_view charset);
  const std::string& text() const { return utf8_; }
  bool clipped() const { return clipped_; }
  bool empty() const { return utf8_.empty() && pending_.empty(); }

 private:
  std::size_t room() const;
  void flush_pending(std::string_view charset);
  std::string utf8_;
  Bytes pending_;
  std::uint16_t high_ = 0;  // a high surrogate waiting for its pair
  std::size_t cap_;
  bool clipped_ = false;
};

/// The charset of a font's \fcharsetN (RTF 1.9.1 "Font Table"): 128 -> "Shift_JIS",
/// 129 -> "windows-949", 134 -> "GBK", 136 -> "Big5", 204 -> "windows-1251" ...; "" for ANSI
/// (0), default (1), symbol (2) and unknown values (the document's \ansicpg applies).
std::string fcharset_charset(std::int32_t fcharset);

/// Trims ASCII spaces, tabs and line breaks at both ends.
std::string_view trim(std::string_view s);

}  // namespace lg::rtf
