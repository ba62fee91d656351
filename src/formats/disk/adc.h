#pragma once
/// Apple Data Compression (ADC), the LZ77 variant of UDIF chunk type 0x80000004. Apple never
/// published a specification; the format is the one every open reader agrees on (a literal
/// run when the top bit is set, else a 2- or 3-byte back reference).
#include <cstddef>

#include "core/bytes.h"

namespace lg::disk {

struct AdcResult {
  Bytes data;
  bool damaged = false;  // a reference before the start, or input ending inside a code
};

/// Decompresses `in`, producing at most `max_out` bytes.
AdcResult adc_decompress(ByteView in, std::size_t max_out);

}  // namespace lg::disk
