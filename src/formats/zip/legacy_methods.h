#pragma once
/// PKZIP 1.x's compression methods, which no Debian library decodes (zlib and libarchive do
/// not): implode (method 6, APPNOTE 5.3: LZ77 over a 4 or 8 KiB window with 2 or 3
/// Shannon-Fano trees) and shrink (method 1, APPNOTE 5.1: dynamic LZW, 9 to 13-bit codes, with
/// partial clearing). Old archives, and still made by tools that want a method scanners skip.
#include <cstddef>
#include <cstdint>

#include "core/bytes.h"
#include "core/inflate.h"

namespace lg::zip {

/// Explodes an imploded entry. `flags` is the general purpose bit flag (bit 1: 8 KiB window,
/// bit 2: a literal tree), `size` the uncompressed size (the data has no end marker). At most
/// `max_out` bytes. Never fails: `complete` when `size` bytes came out, else `capped` or
/// `damaged` (bad trees, input read past its end).
Inflated explode_bytes(ByteView in, std::uint16_t flags, std::uint64_t size, std::size_t max_out);

/// Unshrinks a shrunk entry, up to `size` bytes or the end of the input, at most `max_out`.
/// `damaged` for an undefined code or control sequence.
Inflated unshrink_bytes(ByteView in, std::uint64_t size, std::size_t max_out);

}  // namespace lg::zip
