#pragma once
/// Test helper: writes archives in memory with libarchive (archive_write(3)) for fixtures: zip
/// (with ZipCrypto or AES), 7z, tar, cpio, iso9660, with or without a compression filter.
/// Header-only, tests only.
#include <archive.h>
#include <archive_entry.h>

#include <string>
#include <utility>
#include <vector>

#include "core/bytes.h"

namespace lg::testing {

struct WriteSpec {
  std::string format;      // archive_write_set_format_by_name: "zip", "7zip", "pax", "iso9660"
  std::string filter;      // archive_write_add_filter_by_name, "" for none
  std::string options;     // archive_write_set_options, e.g. "zip:encryption=zipcrypto"
  std::string passphrase;  // "" for none
};

/// The archive, or empty bytes when libarchive refused (the caller's test fails on that).
inline Bytes write_archive(const WriteSpec& spec,
                           const std::vector<std::pair<std::string, std::string>>& files) {
  Bytes out;
  archive* a = archive_write_new();
  auto fail = [&] {
    archive_write_free(a);
    return Bytes{};
  };
  if (archive_write_set_format_by_name(a, spec.format.c_str()) != ARCHIVE_OK) return fail();
  if (!spec.filter.empty() &&
      archive_write_add_filter_by_name(a, spec.filter.c_str()) != ARCHIVE_OK)
    return fail();
  if (!spec.options.empty() && archive_write_set_options(a, spec.options.c_str()) != ARCHIVE_OK)
    return fail();
  if (!spec.passphrase.empty() &&
      archive_write_set_passphrase(a, spec.passphrase.c_str()) != ARCHIVE_OK)
    return fail();
  archive_write_set_bytes_in_last_block(a, 1);
  auto writer = [](archive*, void* user, const void* buf, size_t n) -> la_ssize_t {
    auto* o = static_cast<Bytes*>(user);
    const auto* p = static_cast<const std::uint8_t*>(buf);
    o->insert(o->end(), p, p + n);
    return static_cast<la_ssize_t>(n);
  };
  if (archive_write_open2(a, &out, nullptr, writer, nullptr, nullptr) != ARCHIVE_OK) return fail();
  for (const auto& [name, content] : files) {
    archive_entry* e = archive_entry_new();
    archive_entry_set_pathname_utf8(e, name.c_str());
    archive_entry_set_filetype(e, AE_IFREG);
    archive_entry_set_perm(e, 0644);
    archive_entry_set_size(e, static_cast<la_int64_t>(content.size()));
    archive_entry_set_mtime(e, 1700000000, 0);
    if (archive_write_header(a, e) != ARCHIVE_OK) {
      archive_entry_free(e);
      return fail();
    }
    archive_write_data(a, content.data(), content.size());
    archive_entry_free(e);
  }
  if (archive_write_close(a) != ARCHIVE_OK) return fail();
  archive_write_free(a);
  return out;
}

}  // namespace lg::testing
