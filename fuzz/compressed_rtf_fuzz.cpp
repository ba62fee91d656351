// Compressed RTF ([MS-OXRTFCP], analyzers/tnef/compressed_rtf.h): whatever the bytes, the
// decoder returns within its output cap, never more than RAWSIZE, and says why it stopped
// short. A small cap is tried too, so the capped path is reached.
#include <cstddef>
#include <cstdint>

#include "analyzers/tnef/compressed_rtf.h"
#include "core/bytes.h"
#include "fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const lg::ByteView in(data, size);
  for (std::size_t cap : {std::size_t{1} << 20, std::size_t{64}}) {
    const lg::CompressedRtf r = lg::decompress_rtf(in, cap);
    LG_FUZZ_CHECK(r.rtf.size() <= cap);
    if (size >= 8) {
      const std::uint32_t raw =
          data[4] | (data[5] << 8) | (data[6] << 16) | (static_cast<std::uint32_t>(data[7]) << 24);
      LG_FUZZ_CHECK(r.rtf.size() <= raw);
    }
    if (!r.ok) LG_FUZZ_CHECK(!r.anomalies.empty());
  }
  return 0;
}
