// The ARJ method 1-4 decoder (analyzers/archive/arj_decode.h) on raw streams. The first byte
// picks the method, the next two the declared size (in 64-byte units); the output must stay
// within the cap and the declared size, and every prefix of a small input (grown a byte at a
// time) must decode to a prefix of what the whole input gives: nothing is written from the
// zeros read past the end.
#include <algorithm>
#include <cstddef>
#include <cstdint>

#include "analyzers/archive/arj_decode.h"
#include "fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 3) return 0;
  constexpr std::size_t kCap = 1u << 20;
  const int method = 1 + data[0] % 4;
  const std::uint64_t declared = (std::uint64_t{data[1]} | std::uint64_t{data[2]} << 8) * 64;
  const lg::ByteView in(data + 3, size - 3);
  const lg::Inflated whole = lg::arj_decode(in, method, declared, kCap);
  LG_FUZZ_CHECK(whole.data.size() <= std::min<std::uint64_t>(kCap, declared));
  LG_FUZZ_CHECK(!whole.complete || whole.data.size() == declared);
  if (in.size() <= 64) {
    for (std::size_t n = 0; n < in.size(); ++n) {
      const lg::Inflated part = lg::arj_decode(in.first(n), method, declared, kCap);
      LG_FUZZ_CHECK(part.data.size() <= whole.data.size());
      LG_FUZZ_CHECK(std::equal(part.data.begin(), part.data.end(), whole.data.begin()));
    }
  }
  return 0;
}
