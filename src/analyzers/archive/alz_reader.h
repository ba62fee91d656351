#pragma once
/// ALZ archives (ESTsoft ALZip, before EGG). ESTsoft published no specification; the layout
/// followed here is the one unalz (kippler, 2004) worked out: an "ALZ\x01" archive header, then
/// "BLZ\x01" local file headers each followed by its data, then "CLZ\x01" / "CLZ\x02" ending the
/// archive. Methods: 0 stored, 1 a modified bzip2 (no stream header, "DLZ" block magic), 2 raw
/// deflate; encryption is traditional PKWARE (APPNOTE 6.1) with the 12-byte header before the
/// data. Split volumes (.a00 ...) are not joined: a volume is read as far as it goes.
#include "analyzers/archive/packed_archive.h"

namespace lg {

/// Reads the entry list of an ALZ archive. Never fails: damage is an anomaly and reading stops
/// there, keeping what came before. Bounded by kMaxPackedEntries and the buffer's size.
PackedArchive read_alz(ByteView data);

}  // namespace lg
