#pragma once
/// Test and benchmark helper: Marsaglia's xorshift64 generator, a small deterministic source of
/// generated inputs (the same sequence on every machine and library, unlike std::
/// distributions). Header-only, never linked into the product.
#include <cstddef>
#include <cstdint>

namespace lg::testing {

class XorShift64 {
 public:
  explicit XorShift64(std::uint64_t seed) : s_(seed != 0 ? seed : 1) {}
  std::uint64_t next() {
    s_ ^= s_ << 13;
    s_ ^= s_ >> 7;
    s_ ^= s_ << 17;
    return s_;
  }
  /// A number in [0, n); n > 0.
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }

 private:
  std::uint64_t s_;
};

}  // namespace lg::testing
