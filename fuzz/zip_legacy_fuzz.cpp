// ZIP's implode and shrink decoders (formats/zip/legacy_methods.h) on raw streams. The first
// byte picks the decoder and implode's flags, the next two the declared size (in 64-byte
// units); the output stays within the cap and the declared size, and every prefix of a small
// input (grown a byte at a time) decodes to a prefix of what the whole input gives.
#include <algorithm>
#include <cstddef>
#include <cstdint>

#include "formats/zip/legacy_methods.h"
#include "fuzz/fuzz_check.h"

namespace {

lg::Inflated decode(std::uint8_t mode, lg::ByteView in, std::uint64_t size, std::size_t cap) {
  if (mode & 1) return lg::zip::unshrink_bytes(in, size, cap);
  return lg::zip::explode_bytes(in, static_cast<std::uint16_t>(mode & 6), size, cap);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 3) return 0;
  constexpr std::size_t kCap = 1u << 20;
  const std::uint64_t declared = (std::uint64_t{data[1]} | std::uint64_t{data[2]} << 8) * 64;
  const lg::ByteView in(data + 3, size - 3);
  const lg::Inflated whole = decode(data[0], in, declared, kCap);
  LG_FUZZ_CHECK(whole.data.size() <= std::min<std::uint64_t>(kCap, declared));
  LG_FUZZ_CHECK(!whole.complete || whole.data.size() == declared);
  if (in.size() <= 64) {
    for (std::size_t n = 0; n < in.size(); ++n) {
      const lg::Inflated part = decode(data[0], in.first(n), declared, kCap);
      LG_FUZZ_CHECK(part.data.size() <= whole.data.size());
      LG_FUZZ_CHECK(std::equal(part.data.begin(), part.data.end(), whole.data.begin()));
    }
  }
  return 0;
}
