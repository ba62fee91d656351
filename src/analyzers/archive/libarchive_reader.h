#pragma once
/// A thin owner of one libarchive read handle over a buffer in memory (archive_read_open_memory):
/// all filters and formats, optionally the raw format for lone compressed streams, and the
/// passphrases to try on encrypted entries. Headers and data are read in order; data is read
/// with a cap so that a bomb costs at most the cap. Never throws; errors are Status values.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/bytes.h"
#include "core/status.h"

struct archive;

namespace lg {

struct ArchiveEntryHeader {
  std::string name;                   // UTF-8 (libarchive's, else the raw bytes decoded)
  bool regular_file = false;          // AE_IFREG
  bool encrypted = false;             // archive_entry_is_encrypted
  std::optional<std::uint64_t> size;  // declared uncompressed size, when the format has one
};

class LibarchiveReader {
 public:
  enum class Next { kEntry, kEnd, kError };

  LibarchiveReader();
  ~LibarchiveReader();
  LibarchiveReader(const LibarchiveReader&) = delete;
  LibarchiveReader& operator=(const LibarchiveReader&) = delete;

  /// Opens `data`, which must outlive this reader. `raw` adds the raw format (a lone gzip, bzip2,
  /// xz or zstd stream becomes one entry); `passwords` are handed to libarchive to try.
  [[nodiscard]] Status open(ByteView data, bool raw, const std::vector<std::string>& passwords);
  /// Reads the next header into `out`; kError leaves the reason in error().
  Next next(ArchiveEntryHeader& out);
  /// Reads the current entry's data, at most `cap` bytes; `capped` tells whether more followed.
  /// An error (damage, wrong or missing passphrase) keeps nothing.
  [[nodiscard]] Result<Bytes> read_data(std::uint64_t cap, bool& capped);
  /// libarchive's name of the detected format ("ZIP 2.0 (deflation)", "7-Zip", "RAR5").
  std::string format_name() const;
  /// archive_read_has_encrypted_entries: 1 yes, 0 no, <0 cannot tell (yet).
  int has_encrypted_entries() const;
  std::string error() const;

 private:
  archive* a_ = nullptr;
};

/// True when a libarchive error message says a passphrase was missing or wrong.
bool is_passphrase_error(const std::string& message);

}  // namespace lg
