// [MS-OVBA] 2.4.1.1 CompressedContainer, 2.4.1.1.4 CompressedChunk, 2.4.1.3.19 CopyToken
// arithmetic. Each chunk decompresses to at most 4096 bytes; the loop is bounded by the input
// (every iteration consumes at least one byte) and by max_out.
#include "analyzers/ole/vba_decompress.h"

#include <cstdint>

#include "core/reader.h"

namespace lg {
namespace {

constexpr std::size_t kChunkMax = 4096;  // 2.4.1.1.4: DecompressedChunk size

// 2.4.1.3.19.1 CopyToken Help: bit count from the decompressed position in the chunk.
unsigned offset_bits(std::size_t pos_in_chunk) {
  unsigned bits = 4;
  while (bits < 12 && (std::size_t{1} << bits) < pos_in_chunk) ++bits;
  return bits;
}

}  // namespace

VbaDecompressed vba_decompress(ByteView in, std::size_t max_out) {
  VbaDecompressed out;
  Reader r(in);
  if (r.u8(0) != std::uint8_t{1}) return out;
  std::size_t pos = 1;
  bool good = true;
  while (pos < in.size()) {
    auto header = r.u16le(pos);
    if (!header) {
      good = false;
      break;
    }
    const std::size_t chunk_size = (*header & 0x0FFF) + 3;  // includes the header
    const bool compressed = (*header & 0x8000) != 0;
    if (((*header >> 12) & 0x7) != 0b011) {  // 2.4.1.1.5 signature: not a chunk, stop here
      good = false;
      break;
    }
    const std::size_t chunk_start = pos + 2;
    const std::size_t chunk_end = std::min(in.size(), pos + chunk_size);
    if (pos + chunk_size > in.size()) good = false;  // truncated chunk: decode what is there
    const std::size_t out_start = out.data.size();
    if (!compressed) {
      // 2.4.1.3.3: a raw chunk is exactly 4096 bytes.
      auto raw = r.subspan(chunk_start, std::min(kChunkMax, in.size() - chunk_start));
      if (!raw) break;
      for (std::uint8_t b : *raw) {
        if (out.data.size() >= max_out) {
          out.capped = true;
          break;
        }
        out.data.push_back(b);
      }
      if (out.capped) break;
      pos = chunk_start + raw->size();
      continue;
    }
    std::size_t p = chunk_start;
    while (p < chunk_end && !out.capped) {
      const std::uint8_t flags = in[p++];
      for (int bit = 0; bit < 8 && p < chunk_end; ++bit) {
        if (out.data.size() >= max_out) {
          out.capped = true;
          break;
        }
        if (((flags >> bit) & 1) == 0) {  // literal
          out.data.push_back(in[p++]);
          continue;
        }
        auto token = r.u16le(p);
        if (!token || p + 2 > chunk_end) {
          good = false;
          p = chunk_end;
          break;
        }
        p += 2;
        const std::size_t in_chunk = out.data.size() - out_start;
        const unsigned bits = offset_bits(in_chunk);
        const std::size_t length_mask = 0xFFFFu >> bits;
        const std::size_t offset = (*token >> (16 - bits)) + 1;
        const std::size_t length = (*token & length_mask) + 3;
        if (offset > in_chunk) {  // before the chunk: malformed
          good = false;
          p = chunk_end;
          break;
        }
        for (std::size_t k = 0; k < length; ++k) {
          if (out.data.size() >= max_out) {
            out.capped = true;
            break;
          }
          out.data.push_back(out.data[out.data.size() - offset]);
        }
      }
    }
    if (out.capped) break;
    pos = chunk_end;
    if (chunk_end <= chunk_start) break;
  }
  out.ok = good && !out.capped;
  return out;
}

}  // namespace lg
