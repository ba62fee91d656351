#pragma once
/// Test helper: writes bit streams least significant bit first, the order of deflate
/// ([RFC 1951] 3.1.1), deflate64, implode and shrink. Header-only, never linked into the product.
#include <cstdint>

#include "core/bytes.h"

namespace lg::testing {

class LsbWriter {
 public:
  void put(std::uint32_t v, unsigned n) {  // value bits, least significant first
    for (unsigned i = 0; i < n; ++i) bit((v >> i) & 1);
  }
  void code(std::uint32_t c, unsigned n) {  // a Huffman code, most significant bit first
    for (unsigned i = n; i-- > 0;) bit((c >> i) & 1);
  }
  void align() {
    while (used_ != 0) bit(0);
  }
  void byte(std::uint8_t b) { out_.push_back(b); }
  Bytes finish() {
    align();
    return out_;
  }

 private:
  void bit(unsigned b) {
    acc_ |= static_cast<std::uint8_t>(b << used_);
    if (++used_ == 8) {
      out_.push_back(acc_);
      acc_ = 0;
      used_ = 0;
    }
  }
  Bytes out_;
  std::uint8_t acc_ = 0;
  unsigned used_ = 0;
};

}  // namespace lg::testing
