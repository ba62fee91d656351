#pragma once
/// Archives, compressed streams and disk images through libarchive: ZIP (stored, deflate,
/// deflate64, bzip2, lzma; ZipCrypto and WinZip AES), 7z, RAR 4/5, tar (gzip, bzip2, xz, zstd,
/// lzip), cpio, CAB, ISO 9660 (Joliet, Rock Ridge), UDF, XAR, LHA, and lone gzip, bzip2,
/// xz and zstd streams. ZIP is also walked by lg::zip (its own headers), which names malformed
/// tricks and recovers the stored/deflate entries libarchive cannot read.
#include <cstdint>

#include "core/analyzer.h"
#include "core/file_type.h"

namespace lg {

/// Password passes tried at most, after the pass without a password.
inline constexpr std::size_t kMaxPasswordTries = 16;
/// Entry names kept in the "entry_names" fact.
inline constexpr std::size_t kMaxNamesInFact = 100;
/// Entries whose headers are read in one pass (files, directories and links alike).
inline constexpr std::size_t kMaxArchiveEntries = 100'000;
/// Below this many bytes of output the archive-wide ratio budget does not apply (as in the
/// engine: small archives of small files compress well without being bombs).
inline constexpr std::uint64_t kRatioFloorBytes = 1u << 20;

/// Children: each regular file, relation "entry", name = its path (UTF-8), declared type
/// empty, source_size = its compressed size (ZIP) or the archive's size. Each entry is read
/// with a cap: limits().max_object_bytes, the ZIP entry's compressed size times max_ratio, and
/// an archive-wide budget of max_ratio times the archive's size (at least kRatioFloorBytes)
/// within max_total_bytes; an entry over a cap is skipped with LIMIT_EXCEEDED.
/// Encrypted entries are tried with ctx.candidate_passwords() (at most kMaxPasswordTries).
/// Facts: "format", "entries" (files), "encrypted_entries", "entry_names" (first
/// kMaxNamesInFact), "password" (the one that opened entries).
/// Findings: ARCHIVE_ENCRYPTED (entries stayed closed), ARCHIVE_PASSWORD_USED (evidence: the
/// password), ARCHIVE_MALFORMED (ZIP overlap, name mismatch, prepended data), LIMIT_EXCEEDED
/// (overlapping-entry bomb, caps), DISK_IMAGE_PAYLOAD, ARCHIVE_LONE_SHORTCUT.
class ArchiveAnalyzer final : public Analyzer {
 public:
  /// `type` is the identified type of the objects this analyzer will see; kUnknown (the
  /// default) identifies each object itself. ZIP-based types (OOXML, HWPX, JAR, APK, ODF) are
  /// read as ZIP.
  explicit ArchiveAnalyzer(FileType type = FileType::kUnknown) : type_(type) {}
  [[nodiscard]] Status analyze(ByteView object, Context& ctx) override;

 private:
  FileType type_;
};

/// True for the types ArchiveAnalyzer handles as archives (not the ZIP-based documents).
bool is_archive_type(FileType t);
/// True for ZIP and the document formats built on it (OOXML, HWPX, JAR, APK, ODF).
bool is_zip_family(FileType t);

}  // namespace lg
