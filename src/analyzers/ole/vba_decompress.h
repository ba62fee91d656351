#pragma once
/// [MS-OVBA] 2.4.1 decompression of a CompressedContainer (the dir stream, module source).
#include <cstddef>

#include "core/bytes.h"

namespace lg {

struct VbaDecompressed {
  Bytes data;
  bool ok = false;      // the container signature was there and every chunk was well-formed
  bool capped = false;  // output stopped at max_out
};

/// Decompresses `in` (starting with the 0x01 SignatureByte). Tolerant: a bad chunk header or a
/// copy token reaching before the chunk start ends decompression, keeping the output so far
/// (ok = false). Output is capped at `max_out` bytes.
VbaDecompressed vba_decompress(ByteView in, std::size_t max_out);

}  // namespace lg
