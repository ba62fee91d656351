#pragma once
/// EGG archives (ESTsoft ALZip 8 and later), after ESTsoft's EGG format description (version
/// 1.0) as restated by independent readers. Records: the EGG header ("EGGA", 0x41474745: version,
/// header id, reserved), a prefix of split/solid information ended by the end marker 0x08E28222,
/// then per file a File header (0x0A8590E3: file id, size) with sub-headers (Filename 0x0A8591AC,
/// Comment 0x04C63672, Windows 0x2C86950B and POSIX 0x1EE922E5 file info, Encrypt info 0x08D1470F),
/// an end marker, and Block headers (0x02B50C13: method, hint, sizes, CRC-32, end marker, data).
/// Sub-headers carry an "extra field" prefix: a flags byte and a 16-bit (32-bit when flags bit
/// 0 is set) size. Methods: 0 store, 1 raw deflate, 2 bzip2, 3 AZO, 4 LZMA.
#include "analyzers/archive/packed_archive.h"

namespace lg {

/// Reads the entry list of an EGG archive (one volume). Never fails: damage is an anomaly and
/// reading stops there, keeping what came before. Bounded by kMaxPackedEntries,
/// kMaxPackedBlocks per entry, kMaxPackedRecords and the buffer's size.
PackedArchive read_egg(ByteView data);

}  // namespace lg
