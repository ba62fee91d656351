// The deflate64 inflater (core/deflate64.h): the output stays within its cap; a stream that
// completes decodes the same from exactly the bytes it consumed; every prefix of a small
// input (grown a byte at a time) decodes to a prefix of the whole input's output.
#include <algorithm>
#include <cstddef>
#include <cstdint>

#include "core/deflate64.h"
#include "fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  constexpr std::size_t kCap = 1u << 20;
  const lg::ByteView in(data, size);
  const lg::Inflated whole = lg::inflate64_bytes(in, kCap);
  LG_FUZZ_CHECK(whole.data.size() <= kCap);
  LG_FUZZ_CHECK(whole.consumed <= size);
  if (whole.complete) {
    const lg::Inflated exact = lg::inflate64_bytes(in.first(whole.consumed), kCap);
    LG_FUZZ_CHECK(exact.complete && exact.data == whole.data);
  }
  if (size <= 64) {
    for (std::size_t n = 0; n < size; ++n) {
      const lg::Inflated part = lg::inflate64_bytes(in.first(n), kCap);
      LG_FUZZ_CHECK(part.data.size() <= whole.data.size());
      LG_FUZZ_CHECK(std::equal(part.data.begin(), part.data.end(), whole.data.begin()));
    }
  }
  return 0;
}
