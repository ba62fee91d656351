#pragma once
/// Test helper: writes ZIP archives byte by byte (PKWARE APPNOTE 4.3.7, 4.3.12, 4.3.16) so tests
/// can build the malformed ones no archiver writes: overlapping entries, names that differ
/// between local and central headers, shifted offsets. Header-only, tests only.
#include <zlib.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/bytes.h"

namespace lg::zip::testing {

/// Raw deflate ([RFC 1951]) of `data` at the best compression.
inline Bytes deflate_raw(ByteView data, int level = 9) {
  z_stream zs{};
  deflateInit2(&zs, level, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY);
  Bytes out(deflateBound(&zs, static_cast<uLong>(data.size())));
  zs.next_in = const_cast<Bytef*>(data.data());
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = out.data();
  zs.avail_out = static_cast<uInt>(out.size());
  deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

inline std::uint32_t crc_of(ByteView data) {
  return static_cast<std::uint32_t>(
      ::crc32(::crc32(0L, Z_NULL, 0), data.data(), static_cast<uInt>(data.size())));
}

class ZipBuilder {
 public:
  struct Item {
    std::string name;
    std::string local_name;  // name written in the local header
    std::uint16_t method = 0;
    std::uint16_t flags = 0;
    std::uint32_t crc = 0;
    std::uint64_t usize = 0;
    Bytes payload;                      // compressed bytes as stored
    std::int64_t offset_override = -1;  // central header points here instead
  };

  /// Adds an entry; `deflate` compresses it, `local_name` ("" = same) goes in the local header.
  Item& add(std::string name, std::string_view content, bool deflate = true,
            std::string local_name = "") {
    Item it;
    it.local_name = local_name.empty() ? name : std::move(local_name);
    it.name = std::move(name);
    it.method = deflate ? 8 : 0;
    it.crc = crc_of(as_bytes(content));
    it.usize = content.size();
    it.payload = deflate ? deflate_raw(as_bytes(content)) : to_bytes(content);
    items_.push_back(std::move(it));
    return items_.back();
  }
  /// Adds an entry from already compressed bytes (for bombs: compress once, reuse).
  Item& add_raw(std::string name, Bytes payload, std::uint16_t method, std::uint32_t crc,
                std::uint64_t usize) {
    Item it;
    it.name = name;
    it.local_name = std::move(name);
    it.method = method;
    it.crc = crc;
    it.usize = usize;
    it.payload = std::move(payload);
    items_.push_back(std::move(it));
    return items_.back();
  }
  /// Writes only the first entry's local header and data, and one central header per entry,
  /// all pointing at it: the simplest overlapping-entry bomb.
  bool share_first_data = false;
  bool write_central_directory = true;

  Bytes build() const {
    Bytes out;
    std::vector<std::uint32_t> offsets;
    for (std::size_t i = 0; i < items_.size(); ++i) {
      const Item& it = items_[i];
      if (share_first_data && i > 0) {
        offsets.push_back(0);
        continue;
      }
      offsets.push_back(static_cast<std::uint32_t>(out.size()));
      u32(out, 0x04034b50);
      u16(out, 20);
      u16(out, it.flags);
      u16(out, it.method);
      u32(out, 0);  // time, date
      u32(out, it.crc);
      u32(out, static_cast<std::uint32_t>(it.payload.size()));
      u32(out, static_cast<std::uint32_t>(it.usize));
      u16(out, static_cast<std::uint16_t>(it.local_name.size()));
      u16(out, 0);
      out.insert(out.end(), it.local_name.begin(), it.local_name.end());
      out.insert(out.end(), it.payload.begin(), it.payload.end());
    }
    if (!write_central_directory) return out;
    const auto cd_start = static_cast<std::uint32_t>(out.size());
    for (std::size_t i = 0; i < items_.size(); ++i) {
      const Item& it = items_[i];
      u32(out, 0x02014b50);
      u16(out, 20);
      u16(out, 20);
      u16(out, it.flags);
      u16(out, it.method);
      u32(out, 0);
      u32(out, it.crc);
      u32(out, static_cast<std::uint32_t>(share_first_data ? items_[0].payload.size()
                                                           : it.payload.size()));
      u32(out, static_cast<std::uint32_t>(it.usize));
      u16(out, static_cast<std::uint16_t>(it.name.size()));
      u16(out, 0);
      u16(out, 0);
      u16(out, 0);
      u16(out, 0);
      u32(out, 0);
      u32(out,
          it.offset_override >= 0 ? static_cast<std::uint32_t>(it.offset_override) : offsets[i]);
      out.insert(out.end(), it.name.begin(), it.name.end());
    }
    const auto cd_size = static_cast<std::uint32_t>(out.size() - cd_start);
    u32(out, 0x06054b50);
    u16(out, 0);
    u16(out, 0);
    u16(out, static_cast<std::uint16_t>(items_.size()));
    u16(out, static_cast<std::uint16_t>(items_.size()));
    u32(out, cd_size);
    u32(out, cd_start);
    u16(out, 0);
    return out;
  }

 private:
  static void u16(Bytes& b, std::uint16_t v) {
    b.push_back(static_cast<std::uint8_t>(v));
    b.push_back(static_cast<std::uint8_t>(v >> 8));
  }
  static void u32(Bytes& b, std::uint32_t v) {
    u16(b, static_cast<std::uint16_t>(v));
    u16(b, static_cast<std::uint16_t>(v >> 16));
  }
  std::vector<Item> items_;
};

}  // namespace lg::zip::testing
