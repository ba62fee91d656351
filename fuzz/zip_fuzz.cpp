// The ZIP walker (src/formats/zip): walk() must keep every entry's data offset inside the
// input, and extract() must respect its cap, whatever the bytes.
#include <cstddef>
#include <cstdint>

#include "core/bytes.h"
#include "formats/zip/zip_walker.h"
#include "fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const lg::ByteView in(data, size);
  constexpr std::size_t kCap = 1u << 20;
  const lg::zip::Archive a = lg::zip::walk(in);
  LG_FUZZ_CHECK(a.entries.size() <= lg::zip::kMaxEntries);
  std::size_t extracted = 0;
  for (const auto& e : a.entries) {
    if (e.data_offset) LG_FUZZ_CHECK(*e.data_offset <= size);
    if (extracted++ >= 64) break;
    auto x = lg::zip::extract(in, e, kCap);
    if (x) LG_FUZZ_CHECK(x->data.size() <= kCap);
  }
  return 0;
}
