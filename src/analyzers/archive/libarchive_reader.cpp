// libarchive read handle (archive_read(3), archive_read_data(3), archive_entry(3)).
#include "analyzers/archive/libarchive_reader.h"

#include <archive.h>
#include <archive_entry.h>

#include <algorithm>
#include <cctype>
#include <cstring>

#include "core/charset.h"

namespace lg {
namespace {

/// Chunk size for archive_read_data: keeps each read small so the cap is checked often.
constexpr std::size_t kReadChunk = 64 * 1024;
/// archive_read_data warnings tolerated within one entry before it counts as damaged.
constexpr int kMaxWarnings = 8;

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

LibarchiveReader::LibarchiveReader() : a_(archive_read_new()) {}

LibarchiveReader::~LibarchiveReader() {
  if (a_) archive_read_free(a_);
}

Status LibarchiveReader::open(ByteView data, bool raw, const std::vector<std::string>& passwords) {
  if (!a_) return Status::error(ErrorCode::kInternal, "archive_read_new failed");
  archive_read_support_filter_all(a_);
  archive_read_support_format_all(a_);
  if (raw) archive_read_support_format_raw(a_);
  for (const auto& p : passwords) {
    if (archive_read_add_passphrase(a_, p.c_str()) != ARCHIVE_OK) {
      return Status::error(ErrorCode::kInternal, "archive_read_add_passphrase failed");
    }
  }
  if (archive_read_open_memory(a_, data.data(), data.size()) != ARCHIVE_OK) {
    return Status::error(ErrorCode::kMalformed, error());
  }
  return Status::ok();
}

LibarchiveReader::Next LibarchiveReader::next(ArchiveEntryHeader& out) {
  archive_entry* e = nullptr;
  int rc = archive_read_next_header(a_, &e);
  if (rc == ARCHIVE_EOF) return Next::kEnd;
  // ARCHIVE_WARN still gives a usable header (libarchive(3)); FAILED and FATAL do not.
  if ((rc != ARCHIVE_OK && rc != ARCHIVE_WARN) || e == nullptr) return Next::kError;
  out = ArchiveEntryHeader{};
  if (const char* u = archive_entry_pathname_utf8(e)) {
    out.name = u;
    if (!is_valid_utf8(out.name)) out.name = repair_utf8(out.name);
  } else if (const char* p = archive_entry_pathname(e)) {
    // The raw bytes, in whatever charset the archiver used: decode by detection.
    out.name = decode_text(as_bytes(std::string_view(p, std::strlen(p))), "").utf8;
  }
  out.regular_file = archive_entry_filetype(e) == AE_IFREG;
  out.encrypted = archive_entry_is_encrypted(e) != 0;
  if (archive_entry_size_is_set(e) && archive_entry_size(e) >= 0) {
    out.size = static_cast<std::uint64_t>(archive_entry_size(e));
  }
  return Next::kEntry;
}

Result<Bytes> LibarchiveReader::read_data(std::uint64_t cap, bool& capped) {
  capped = false;
  Bytes out;
  std::uint8_t buf[kReadChunk];
  int warnings = 0;
  // Bounded: each round adds bytes towards the cap, ends, or counts a warning.
  for (;;) {
    la_ssize_t n = archive_read_data(a_, buf, sizeof buf);
    if (n < 0) {
      if (n == ARCHIVE_WARN && ++warnings < kMaxWarnings) continue;
      return Status::error(ErrorCode::kMalformed, error());
    }
    if (n == 0) break;
    auto len = static_cast<std::uint64_t>(n);
    if (out.size() + len > cap) {
      out.insert(out.end(), buf, buf + (cap - out.size()));
      capped = true;
      break;
    }
    out.insert(out.end(), buf, buf + n);
  }
  return out;
}

std::string LibarchiveReader::format_name() const {
  const char* n = archive_format_name(a_);
  std::string s = n ? n : "";
  return is_valid_utf8(s) ? s : repair_utf8(s);
}

int LibarchiveReader::has_encrypted_entries() const {
  return archive_read_has_encrypted_entries(a_);
}

std::string LibarchiveReader::error() const {
  const char* m = archive_error_string(a_);
  std::string s = m ? m : "unknown libarchive error";
  return is_valid_utf8(s) ? s : repair_utf8(s);
}

bool is_passphrase_error(const std::string& message) {
  std::string m = lower(message);
  return m.find("passphrase") != std::string::npos || m.find("password") != std::string::npos ||
         m.find("encrypt") != std::string::npos || m.find("decrypt") != std::string::npos;
}

}  // namespace lg
