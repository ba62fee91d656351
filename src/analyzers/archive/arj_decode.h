#pragma once
/// ARJ's compression methods (ARJ technical information, "compression methods"; the decoder
/// semantics of R. Jung's UNARJ decode.c): methods 1-3 are LZ77 over a 26624-byte window with
/// static Huffman blocks (the ar002 / LHA -lh5- family: a 16-bit block size, the code-length
/// code, 510 literal/length codes, 17 position codes); method 4 ("fastest") is LZ77 with
/// Elias-gamma-like length and position codes and no Huffman stage. Bits are read MSB first;
/// past the end of the input zeros are read, as ARJ does, and that counts as damage.
#include <cstddef>
#include <cstdint>

#include "core/bytes.h"
#include "core/inflate.h"

namespace lg {

/// Dictionary size of every ARJ method (DDICSIZ).
inline constexpr std::size_t kArjWindow = 26624;

/// Decodes an ARJ method 1, 2, 3 or 4 stream up to `original_size` bytes (the size the header
/// declares; the stream has no end marker), keeping at most `max_out` bytes. Never fails:
/// `complete` when `original_size` bytes came out, `capped` at `max_out`, `damaged` on a bad
/// code table, a match reaching before the start, or input read past its end. Methods other
/// than 1-4 give an empty, damaged result. Work is linear in the output (each code yields at
/// least one byte) plus the table builds (one per block of up to 65536 codes).
Inflated arj_decode(ByteView in, int method, std::uint64_t original_size, std::size_t max_out);

}  // namespace lg
