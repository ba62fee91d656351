// ZIP refinement by entry names (PKWARE APPNOTE.TXT 6.3.x): the central directory is found
// through the end-of-central-directory record (4.3.16) or its ZIP64 form (4.3.14, 4.3.15);
// broken archives fall back to walking local file headers (4.3.7) from offset 0.
// Bounded: the EOCD search covers the last 64 KiB + 22 bytes, at most kMaxEntries names are
// read, and the "mimetype" entry's content is read only when stored.
#include <algorithm>
#include <cstdint>
#include <optional>
#include <string_view>

#include "core/file_type_internal.h"

namespace lg::file_type_internal {
namespace {

using namespace std::string_view_literals;

constexpr std::size_t kMaxEntries = 4096;
constexpr std::size_t kEocdSize = 22;
constexpr std::size_t kMaxComment = 0xFFFF;

struct ZipNames {
  bool content_types = false;  // [Content_Types].xml (ECMA-376 Part 2, 10.1.2.4)
  bool word = false, xl = false, ppt = false;
  bool hpf = false;  // Contents/content.hpf (HWPX, KS X 6101)
  bool android_manifest = false, classes_dex = false;
  bool jar_manifest = false;  // META-INF/MANIFEST.MF
  std::string_view mimetype;  // content of a first, stored "mimetype" entry (ODF 1.2 3.3)
  std::size_t entries = 0;

  void add(std::string_view name) {
    ++entries;
    if (name == "[Content_Types].xml") content_types = true;
    if (name.starts_with("word/")) word = true;
    if (name.starts_with("xl/")) xl = true;
    if (name.starts_with("ppt/")) ppt = true;
    if (name == "Contents/content.hpf") hpf = true;
    if (name == "AndroidManifest.xml") android_manifest = true;
    if (name == "classes.dex") classes_dex = true;
    if (name == "META-INF/MANIFEST.MF") jar_manifest = true;
  }

  FileType classify() const {
    if (content_types) {
      if (word) return FileType::kOoxmlWord;
      if (xl) return FileType::kOoxmlExcel;
      if (ppt) return FileType::kOoxmlPowerpoint;
    }
    if (mimetype.starts_with("application/hwp+zip") || hpf) return FileType::kHwpx;
    if (mimetype.starts_with("application/vnd.oasis.opendocument.")) return FileType::kOdf;
    if (android_manifest && classes_dex) return FileType::kApk;
    if (jar_manifest) return FileType::kJar;
    return FileType::kZip;
  }
};

// Content of a stored (method 0) entry whose local header is at `off`, up to 128 bytes.
std::string_view stored_content(const Reader& r, std::size_t off, std::uint32_t csize) {
  if (!r.starts_with_at(off, "PK\x03\x04"sv)) return {};
  auto method = r.u16le(off + 8);
  auto nlen = r.u16le(off + 26);
  auto xlen = r.u16le(off + 28);
  if (!method || *method != 0 || !nlen || !xlen) return {};
  std::size_t data = off + 30 + *nlen + *xlen;
  auto rest = r.tail(data);
  if (!rest) return {};
  std::size_t n = std::min<std::size_t>({csize, 128, rest->size()});
  return as_chars(rest->first(n));
}

std::optional<std::size_t> find_eocd(const Reader& r) {
  if (r.size() < kEocdSize) return std::nullopt;
  std::size_t last = r.size() - kEocdSize;
  std::size_t first = last > kMaxComment ? last - kMaxComment : 0;
  for (std::size_t off = last + 1; off-- > first;) {
    if (r.starts_with_at(off, "PK\x05\x06"sv)) return off;
  }
  return std::nullopt;
}

// Walks the central directory; false when it cannot be located.
bool read_central_directory(const Reader& r, ZipNames& names) {
  auto eocd = find_eocd(r);
  if (!eocd) return false;
  std::uint64_t count = r.u16le(*eocd + 10).value_or(0);
  std::uint64_t cd_size = r.u32le(*eocd + 12).value_or(0);
  std::uint64_t cd_off = r.u32le(*eocd + 16).value_or(0);
  if ((count == 0xFFFF || cd_off == 0xFFFFFFFF) && *eocd >= 20 &&
      r.starts_with_at(*eocd - 20, "PK\x06\x07"sv)) {
    auto z64 = r.u64le(*eocd - 20 + 8);
    if (z64 && *z64 < r.size() && r.starts_with_at(*z64, "PK\x06\x06"sv)) {
      count = r.u64le(*z64 + 32).value_or(0);
      cd_size = r.u64le(*z64 + 40).value_or(0);
      cd_off = r.u64le(*z64 + 48).value_or(0);
    }
  }
  // Data prepended to the archive (self-extractors) shifts every offset: the directory then
  // sits right before the EOCD record.
  std::size_t pos = cd_off < r.size() ? static_cast<std::size_t>(cd_off) : r.size();
  if (!r.starts_with_at(pos, "PK\x01\x02"sv) && cd_size <= *eocd) {
    pos = *eocd - static_cast<std::size_t>(cd_size);
  }
  if (!r.starts_with_at(pos, "PK\x01\x02"sv)) return false;
  std::size_t shift = pos >= cd_off ? pos - static_cast<std::size_t>(cd_off) : 0;
  for (std::size_t i = 0; i < kMaxEntries && i < count; ++i) {
    if (!r.starts_with_at(pos, "PK\x01\x02"sv)) break;
    auto csize = r.u32le(pos + 20);
    auto nlen = r.u16le(pos + 28);
    auto xlen = r.u16le(pos + 30);
    auto clen = r.u16le(pos + 32);
    auto local = r.u32le(pos + 42);
    if (!csize || !nlen || !xlen || !clen || !local) break;
    auto name = r.chars(pos + 46, *nlen);
    if (!name) break;
    names.add(*name);
    if (i == 0 && *name == "mimetype") {
      names.mimetype = stored_content(r, std::size_t{*local} + shift, *csize);
    }
    pos += 46 + std::size_t{*nlen} + *xlen + *clen;
  }
  return names.entries > 0;
}

// Broken or truncated archives: local headers from offset 0, until one uses a data
// descriptor (general purpose flag bit 3), whose size is unknown here.
void read_local_headers(const Reader& r, ZipNames& names) {
  std::size_t pos = 0;
  for (std::size_t i = 0; i < kMaxEntries; ++i) {
    if (!r.starts_with_at(pos, "PK\x03\x04"sv)) break;
    auto flags = r.u16le(pos + 6);
    auto csize = r.u32le(pos + 18);
    auto nlen = r.u16le(pos + 26);
    auto xlen = r.u16le(pos + 28);
    if (!flags || !csize || !nlen || !xlen) break;
    auto name = r.chars(pos + 30, *nlen);
    if (!name) break;
    names.add(*name);
    if (i == 0 && *name == "mimetype") names.mimetype = stored_content(r, pos, *csize);
    if (*flags & 0x08) break;
    auto next = checked_add(pos + 30 + std::size_t{*nlen} + *xlen, *csize);
    if (!next) break;
    pos = *next;
  }
}

}  // namespace

FileType refine_zip(const Reader& r) {
  ZipNames names;
  if (!read_central_directory(r, names)) {
    names = ZipNames{};
    read_local_headers(r, names);
  }
  return names.classify();
}

}  // namespace lg::file_type_internal
