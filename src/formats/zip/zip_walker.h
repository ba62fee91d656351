#pragma once
/// An own ZIP reader (PKWARE APPNOTE.TXT 6.3.x) for archives that general-purpose readers give
/// up on. It reads the end of central directory record (and the ZIP64 one), the central
/// directory, and each entry's local header; when the central directory is missing or broken it
/// scans for local header signatures instead. It never fails on malformed input: it returns
/// what it could recover and names the tricks it met (overlapping entries, names that differ
/// between local and central headers, data prepended to the archive) as issues.
/// Shared by the archive, OOXML and HWPX analyzers; depends on core only.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/bytes.h"
#include "core/status.h"

namespace lg::zip {

/// Most entries read from a central directory or found by the local header scan.
inline constexpr std::size_t kMaxEntries = 100'000;
/// How far from the end the end of central directory record is searched (APPNOTE 4.3.16: a
/// comment of at most 65535 bytes follows the 22-byte record).
inline constexpr std::size_t kEocdSearchBytes = 65'535 + 22;

/// Compression methods (APPNOTE 4.4.5).
inline constexpr std::uint16_t kMethodStored = 0;
inline constexpr std::uint16_t kMethodShrink = 1;
inline constexpr std::uint16_t kMethodImplode = 6;
inline constexpr std::uint16_t kMethodDeflate = 8;
inline constexpr std::uint16_t kMethodDeflate64 = 9;
inline constexpr std::uint16_t kMethodBzip2 = 12;
inline constexpr std::uint16_t kMethodLzma = 14;
inline constexpr std::uint16_t kMethodZstd = 93;
inline constexpr std::uint16_t kMethodAes = 99;  // WinZip AE-x, real method in extra 0x9901

enum class IssueKind {
  kNoEndOfCentralDirectory,  // no EOCD record: entries come from the local header scan
  kCentralDirectoryDamaged,  // a central header is missing or cut short, or counts disagree
  kPrependedData,            // bytes before the first local header (offsets shifted or not)
  kNameMismatch,             // local and central headers name an entry differently
  kHeaderMismatch,           // local and central headers disagree on method or sizes
  kLocalHeaderMissing,       // a central entry points where no local header is
  kOverlappingEntries,       // entries' data ranges overlap (the overlapping-entry bomb)
  kTooManyEntries,           // kMaxEntries reached
};
const char* issue_kind_name(IssueKind k);

struct Issue {
  IssueKind kind;
  std::string detail;  // entry name or offsets, for a person to check (raw name bytes)
};

struct Entry {
  std::string name;        // raw name bytes: central header's, else the local header's
  std::string local_name;  // raw name bytes in the local header ("" when none was read)
  bool utf8_name = false;  // general purpose bit 11 (APPNOTE 4.4.4, appendix D)
  std::uint16_t flags = 0;
  std::uint16_t method = 0;
  std::uint32_t crc32 = 0;
  std::uint64_t compressed_size = 0;
  std::uint64_t uncompressed_size = 0;
  std::uint64_t header_offset = 0;  // local header position in the buffer (after any shift)
  std::optional<std::uint64_t> data_offset;  // entry data position, once the local header is read
  bool in_central_directory = false;

  bool encrypted() const { return (flags & 0x0001) != 0; }            // APPNOTE 4.4.4 bit 0
  bool has_data_descriptor() const { return (flags & 0x0008) != 0; }  // bit 3
  bool is_directory() const { return !name.empty() && name.back() == '/'; }
};

struct Archive {
  std::vector<Entry> entries;  // central directory order, then entries found only locally
  std::vector<Issue> issues;
  bool central_directory = false;     // an EOCD record and at least its first header were read
  std::uint64_t prepended_bytes = 0;  // bytes before the first local header
  /// Bytes the walk looked at (search positions, header bytes, spans sorted): a count of work
  /// for linearity tests, which must stay within a constant times the input's size.
  std::uint64_t work = 0;
  bool has(IssueKind k) const;
};

/// Walks `data`. Bounded: at most kMaxEntries entries, one pass over the central directory, one
/// linear scan for local headers; O(n log n) in the entry count for the overlap check.
Archive walk(ByteView data);

struct Extracted {
  Bytes data;
  bool capped = false;   // stopped at max_out
  bool damaged = false;  // the compressed data ended early or was corrupt
  bool crc_ok = false;   // CRC-32 of the whole output equals the header's
};

/// Decompresses one entry of an archive walked from the same `data`: stored, deflate,
/// deflate64, implode and shrink only
/// (kUnsupported for other methods and for encrypted entries; kTruncated when the data lies
/// outside the buffer). Output is capped at `max_out` bytes.
Result<Extracted> extract(ByteView data, const Entry& entry, std::size_t max_out);

}  // namespace lg::zip
