#pragma once
/// Deflate64 ("enhanced deflate", ZIP method 9, PKWARE APPNOTE 4.4.5), which zlib does not
/// decode: [RFC 1951] with a 64 KiB window, length code 285 meaning 3 plus 16 extra bits
/// (instead of 258), and distance codes 30 and 31 (32769 and 49153, 14 extra bits) in use.
/// Raw data, no wrapper. The project's own decoder: no Debian library implements it.
#include <cstddef>

#include "core/bytes.h"
#include "core/inflate.h"

namespace lg {

/// Deflate64's window (distances up to 65536).
inline constexpr std::size_t kDeflate64Window = 65536;

/// Inflates raw deflate64 data, at most `max_out` bytes. Tolerant like inflate_bytes(): a
/// truncated or damaged stream keeps the output produced so far (`damaged`, or not
/// `complete`). Linear in input plus output: every block consumes input bits, every symbol
/// writes output or ends its block.
Inflated inflate64_bytes(ByteView in, std::size_t max_out);

}  // namespace lg
