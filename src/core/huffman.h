#pragma once
/// Canonical Huffman codes for the decoders the project writes itself (ARJ methods 1-3,
/// deflate64): codes are assigned as [RFC 1951] 3.2.2 describes (shorter codes first, codes of
/// one length in symbol order), which is also what ARJ's make_table() does. Decoding takes the
/// next 16 bits of the stream with the code's first bit in bit 15, so both MSB-first (ARJ)
/// and LSB-first (deflate, after reverse16) streams use the same table.
#include <array>
#include <cstdint>
#include <span>
#include <vector>

namespace lg {

class HuffmanTable {
 public:
  /// Longest code length accepted.
  static constexpr unsigned kMaxBits = 16;
  /// Most symbols in one alphabet.
  static constexpr std::size_t kMaxSymbols = 1024;

  enum class Shape {
    kComplete,        // every 16-bit string starts with a code
    kIncomplete,      // some strings match no code (deflate allows it for one distance code)
    kOversubscribed,  // lengths no prefix code can have, or a length over kMaxBits: unusable
    kEmpty,           // no symbol has a code
  };

  /// Builds the table from code lengths (0 = symbol unused). The table is usable only for
  /// kComplete and kIncomplete; decode() then never returns a length over 16.
  Shape build(std::span<const std::uint8_t> lengths);

  struct Code {
    std::uint16_t symbol = 0;
    std::uint8_t length = 0;  // 0: no code matches (incomplete code, or table not built)
  };
  /// The code starting `bits` (the next 16 stream bits, first bit in bit 15).
  Code decode(std::uint32_t bits) const {
    const std::uint32_t e = fast_[(bits >> (kMaxBits - kFastBits)) & (kFastSize - 1)];
    if (e != kSlow) return {static_cast<std::uint16_t>(e >> 8), static_cast<std::uint8_t>(e)};
    return decode_slow(bits);
  }

 private:
  static constexpr unsigned kFastBits = 10;
  static constexpr std::size_t kFastSize = std::size_t{1} << kFastBits;
  static constexpr std::uint32_t kSlow = 0;  // entry: symbol << 8 | length; 0 = look further

  Code decode_slow(std::uint32_t bits) const;

  std::array<std::uint32_t, kFastSize> fast_{};
  std::array<std::uint32_t, kMaxBits + 1> count_{};  // codes of each length
  std::array<std::uint32_t, kMaxBits + 1> first_{};  // first code of each length
  std::array<std::uint32_t, kMaxBits + 1> index_{};  // its position in symbols_
  std::vector<std::uint16_t> symbols_;               // symbols in code order
};

/// The low 16 bits of `v` in reverse order (bit 0 becomes bit 15).
inline std::uint32_t reverse16(std::uint32_t v) {
  v = ((v >> 1) & 0x5555u) | ((v & 0x5555u) << 1);
  v = ((v >> 2) & 0x3333u) | ((v & 0x3333u) << 2);
  v = ((v >> 4) & 0x0F0Fu) | ((v & 0x0F0Fu) << 4);
  v = ((v >> 8) & 0x00FFu) | ((v & 0x00FFu) << 8);
  return v & 0xFFFFu;
}

}  // namespace lg
