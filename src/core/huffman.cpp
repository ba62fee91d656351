// Canonical Huffman decoding tables ([RFC 1951] 3.2.2): a 10-bit direct table for short codes,
// and for longer ones a walk over the code lengths (at most six steps), as in zlib's puff.c.
#include "core/huffman.h"

namespace lg {

HuffmanTable::Shape HuffmanTable::build(std::span<const std::uint8_t> lengths) {
  fast_.fill(kSlow);
  count_.fill(0);
  symbols_.clear();
  if (lengths.size() > kMaxSymbols) return Shape::kOversubscribed;
  for (std::uint8_t len : lengths) {
    if (len > kMaxBits) return Shape::kOversubscribed;
    ++count_[len];
  }
  count_[0] = 0;
  // Kraft sum in units of 2^-16: 65536 is a complete code.
  std::uint32_t kraft = 0;
  for (unsigned len = 1; len <= kMaxBits; ++len) kraft += count_[len] << (kMaxBits - len);
  if (kraft > (1u << kMaxBits)) return Shape::kOversubscribed;
  if (kraft == 0) return Shape::kEmpty;
  std::uint32_t code = 0, index = 0;
  for (unsigned len = 1; len <= kMaxBits; ++len) {
    code = (code + (len > 1 ? count_[len - 1] : 0)) << (len > 1 ? 1 : 0);
    first_[len] = code;
    index_[len] = index;
    index += count_[len];
  }
  symbols_.resize(index);
  std::array<std::uint32_t, kMaxBits + 1> next = index_;
  for (std::size_t s = 0; s < lengths.size(); ++s) {
    const unsigned len = lengths[s];
    if (len == 0) continue;
    const std::uint32_t pos = next[len]++;
    symbols_[pos] = static_cast<std::uint16_t>(s);
    if (len <= kFastBits) {
      const std::uint32_t c = first_[len] + (pos - index_[len]);
      const std::uint32_t lo = c << (kFastBits - len), n = 1u << (kFastBits - len);
      for (std::uint32_t i = 0; i < n; ++i)
        fast_[lo + i] = (static_cast<std::uint32_t>(s) << 8) | len;
    }
  }
  return kraft == (1u << kMaxBits) ? Shape::kComplete : Shape::kIncomplete;
}

HuffmanTable::Code HuffmanTable::decode_slow(std::uint32_t bits) const {
  for (unsigned len = kFastBits + 1; len <= kMaxBits; ++len) {
    const std::uint32_t code = (bits & 0xFFFFu) >> (kMaxBits - len);
    if (code - first_[len] < count_[len])
      return {symbols_[index_[len] + code - first_[len]], static_cast<std::uint8_t>(len)};
  }
  return {};
}

}  // namespace lg
