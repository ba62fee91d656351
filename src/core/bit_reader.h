#pragma once
/// Bit readers over a byte buffer for the project's own decompressors: LSB-first (deflate64,
/// ZIP implode and shrink) and MSB-first (ARJ). Both keep a 64-bit reserve, read zeros past
/// the end of the input and count them: overrun() says when more bits were used than the
/// input holds, and a decoder must then stop without writing what those bits meant.
#include <algorithm>
#include <cstddef>
#include <cstdint>

#include "core/bytes.h"

namespace lg {

class LsbBitReader {
 public:
  /// Reads `in` from byte `start`.
  explicit LsbBitReader(ByteView in, std::size_t start = 0) : in_(in), fed_(start) {}

  /// The next 16 bits, the next bit in bit 0.
  std::uint32_t peek16() {
    if (have_ < 16) refill();
    return static_cast<std::uint32_t>(buf_ & 0xFFFF);
  }
  void skip(unsigned n) {  // n <= 16, after peek16()
    buf_ >>= n;
    have_ -= n;
  }
  std::uint32_t bits(unsigned n) {  // n <= 16
    const std::uint32_t v = peek16() & ((1u << n) - 1);
    skip(n);
    return v;
  }
  /// Skips to the next byte boundary.
  void align() {
    peek16();
    skip(have_ % 8);
  }
  /// The next `len` bytes after align(), fewer when the input ends first (overrun() then).
  ByteView bytes(std::size_t len) {
    const std::size_t pos = fed_ - have_ / 8;  // the next unread byte
    buf_ = 0;
    have_ = 0;
    const std::size_t start = std::min(pos, in_.size());
    const std::size_t n = std::min(len, in_.size() - start);
    fed_ = pos + len;
    return in_.subspan(start, n);
  }
  bool overrun() const { return fed_ * 8 - have_ > in_.size() * 8; }
  /// Input bytes used, a partly used last byte included.
  std::size_t consumed() const { return std::min(in_.size(), (fed_ * 8 - have_ + 7) / 8); }

 private:
  void refill() {
    while (have_ <= 56) {
      const std::uint8_t b = fed_ < in_.size() ? in_[fed_] : 0;
      ++fed_;
      buf_ |= std::uint64_t{b} << have_;
      have_ += 8;
    }
  }

  ByteView in_;
  std::size_t fed_;  // bytes moved into buf_, zeros past the end included
  std::uint64_t buf_ = 0;
  unsigned have_ = 0;
};

class MsbBitReader {
 public:
  explicit MsbBitReader(ByteView in) : in_(in) {}

  /// The next 16 bits, the next bit in bit 15.
  std::uint32_t peek16() {
    if (have_ < 16) refill();
    return static_cast<std::uint32_t>(buf_ >> 48);
  }
  void skip(unsigned n) {  // n <= 16, after peek16()
    buf_ <<= n;
    have_ -= n;
  }
  std::uint32_t bits(unsigned n) {  // n <= 16
    if (n == 0) return 0;
    const std::uint32_t v = peek16() >> (16 - n);
    skip(n);
    return v;
  }
  bool overrun() const { return fed_ * 8 - have_ > in_.size() * 8; }

 private:
  void refill() {
    while (have_ <= 56) {
      const std::uint8_t b = fed_ < in_.size() ? in_[fed_] : 0;
      ++fed_;
      buf_ |= std::uint64_t{b} << (56 - have_);
      have_ += 8;
    }
  }

  ByteView in_;
  std::size_t fed_ = 0;
  std::uint64_t buf_ = 0;
  unsigned have_ = 0;
};

}  // namespace lg
