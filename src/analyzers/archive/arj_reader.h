#pragma once
/// ARJ archives (R. Jung's ARJ technical information, "ARJ archive header format"): a main
/// header, then per file a local header followed by its compressed data, then a header of
/// size 0 ending the archive. Every header starts with the id 0x60 0xEA and a 16-bit basic
/// header size (at most 2600), holds a fixed part (first_hdr_size bytes: versions, host OS,
/// flags, method, file type, sizes, CRC-32 of the original file), the name and comment as
/// NUL-terminated strings, the CRC-32 of the basic header, then extended headers (16-bit size,
/// data, CRC-32) until a size of 0. Methods 0 stored, 1-3 compressed (decode.c), 4 fastest.
/// Garbled (password) entries are listed, not opened. Multi-volume parts are read as far as
/// they go; self-extracting archives (a program before the first header) are not searched.
#include "analyzers/archive/packed_archive.h"

namespace lg {

/// Reads the entry list of an ARJ archive starting at offset 0. Never fails: damage is an
/// anomaly, and reading stops where the structure cannot be followed, keeping what came
/// before (a header CRC mismatch alone is an anomaly, reading goes on). Bounded by
/// kMaxPackedEntries, kMaxPackedRecords and the buffer's size.
PackedArchive read_arj(ByteView data);

}  // namespace lg
