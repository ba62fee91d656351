#pragma once
/// Compressed RTF ([MS-OXRTFCP]), the form of PR_RTF_COMPRESSED (0x1009) in TNEF and MSG: a
/// 16-byte header (2.1.3.1.1: COMPSIZE, RAWSIZE, COMPTYPE, CRC) and either LZFu data
/// (2.1.3.1.2 and 2.2.1: an LZ77 variant over a 4096-byte ring dictionary primed with a
/// fixed RTF prefix) or, for "MELA", the RTF uncompressed.
#include <cstddef>
#include <string>
#include <vector>

#include "core/bytes.h"

namespace lg {

/// Most decompressed bytes kept, whatever RAWSIZE claims (a body is rarely over a few MB).
inline constexpr std::size_t kMaxCompressedRtfOutput = 64u << 20;

struct CompressedRtf {
  Bytes rtf;                           // the decompressed RTF (possibly partial when damaged)
  std::string compression;             // "LZFu", "MELA" or "" when the header is unreadable
  bool ok = false;                     // header read and data decoded to its end marker / RAWSIZE
  std::vector<std::string> anomalies;  // CRC mismatch, size disagreements, truncation
};

/// Decompresses `data`, at most min(RAWSIZE, max_output) bytes. Never fails: damage is
/// reported in `anomalies` with whatever was decoded before it.
CompressedRtf decompress_rtf(ByteView data, std::size_t max_output = kMaxCompressedRtfOutput);

}  // namespace lg
