#pragma once
// Writes small compiled help files for the tests: ITSF header (version 3), header section 0,
// the ITSP directory header and one PMGL listing chunk, with every file stored in the
// uncompressed content section 0 (no LZX: libmspack has no CHM writer, and section 1 is not
// needed to carry pages). Layout after the CHM format notes libmspack follows (chmd.c):
//   0x00 ITSF  "ITSF", version 3, header length 0x60, timestamp, LCID, two GUIDs,
//              header section table (HS0 offset/length, HS1 offset/length), content offset
//   0x60 HS0   0x1FE, 0, file length (u64), 0, 0
//   0x78 ITSP  "ITSP", version 1, 0x54, 10, chunk size, density 2, depth 1, index root -1,
//              first/last PMGL 0, -1, chunk count 1, LCID, GUID, 0x54, -1 x3
//   0xCC PMGL  "PMGL", free space, 0, prev -1, next -1, entries (ENCINT name length, name,
//              section, offset, length), entry count in the chunk's last two bytes
// Header-only, test code only.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace lg::chm::testing {

inline void put_le(std::string& s, std::uint64_t v, int bytes) {
  for (int i = 0; i < bytes; ++i) s.push_back(static_cast<char>(v >> (8 * i)));
}

// ENCINT: 7 bits per byte, most significant group first, high bit set on all but the last.
inline void put_encint(std::string& s, std::uint64_t v) {
  std::string groups(1, static_cast<char>(v & 0x7F));
  while ((v >>= 7) != 0) groups.insert(groups.begin(), static_cast<char>(0x80 | (v & 0x7F)));
  s += groups;
}

/// A CHM holding `files` (path, content) in section 0.
inline std::string build_chm(const std::vector<std::pair<std::string, std::string>>& files) {
  constexpr std::uint32_t kChunk = 0x1000;
  const std::string guids =
      std::string("\x10\xFD\x01\x7C\xAA\x7B\xD0\x11\x9E\x0C\x00\xA0\xC9\x22\xE6\xEC", 16) +
      std::string("\x11\xFD\x01\x7C\xAA\x7B\xD0\x11\x9E\x0C\x00\xA0\xC9\x22\xE6\xEC", 16);
  const std::uint64_t content_at = 0x60 + 0x18 + 0x54 + kChunk;
  std::string content;
  std::string entries;
  for (const auto& [name, data] : files) {
    put_encint(entries, name.size());
    entries += name;
    put_encint(entries, 0);  // section 0
    put_encint(entries, content.size());
    put_encint(entries, data.size());
    content += data;
  }
  const std::uint64_t total = content_at + content.size();

  std::string out = "ITSF";
  put_le(out, 3, 4);
  put_le(out, 0x60, 4);
  put_le(out, 1, 4);
  put_le(out, 0x12345678, 4);  // timestamp
  put_le(out, 0x409, 4);       // LCID en-US
  out += guids;
  put_le(out, 0x60, 8);  // HS0
  put_le(out, 0x18, 8);
  put_le(out, 0x78, 8);  // HS1 (ITSP + chunks)
  put_le(out, 0x54 + kChunk, 8);
  put_le(out, content_at, 8);
  // HS0
  put_le(out, 0x1FE, 4);
  put_le(out, 0, 4);
  put_le(out, total, 8);
  put_le(out, 0, 8);
  // ITSP
  out += "ITSP";
  put_le(out, 1, 4);
  put_le(out, 0x54, 4);
  put_le(out, 10, 4);
  put_le(out, kChunk, 4);
  put_le(out, 2, 4);           // density
  put_le(out, 1, 4);           // depth: listing chunks only
  put_le(out, 0xFFFFFFFF, 4);  // no index root
  put_le(out, 0, 4);           // first PMGL
  put_le(out, 0, 4);           // last PMGL
  put_le(out, 0xFFFFFFFF, 4);
  put_le(out, 1, 4);  // chunks
  put_le(out, 0x409, 4);
  out += guids.substr(0, 16);
  put_le(out, 0x54, 4);
  put_le(out, 0xFFFFFFFF, 4);
  put_le(out, 0xFFFFFFFF, 4);
  put_le(out, 0xFFFFFFFF, 4);
  // PMGL
  std::string chunk = "PMGL";
  put_le(chunk, kChunk - 0x14 - entries.size(), 4);
  put_le(chunk, 0, 4);
  put_le(chunk, 0xFFFFFFFF, 4);
  put_le(chunk, 0xFFFFFFFF, 4);
  chunk += entries;
  chunk.resize(kChunk - 2, '\0');
  put_le(chunk, files.size(), 2);
  out += chunk;
  out += content;
  return out;
}

}  // namespace lg::chm::testing
