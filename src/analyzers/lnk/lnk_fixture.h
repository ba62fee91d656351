#pragma once
/// Test helper: writes shortcuts byte by byte ([MS-SHLLINK] 2), so tests can make the
/// droppers and the damaged files they need. Header-only, for *_test.cpp files only.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lg::lnk::testing {

inline void put16(std::string* s, std::uint16_t v) {
  s->push_back(static_cast<char>(v & 0xFF));
  s->push_back(static_cast<char>(v >> 8));
}
inline void put32(std::string* s, std::uint32_t v) {
  put16(s, static_cast<std::uint16_t>(v & 0xFFFF));
  put16(s, static_cast<std::uint16_t>(v >> 16));
}
inline void put64(std::string* s, std::uint64_t v) {
  put32(s, static_cast<std::uint32_t>(v & 0xFFFFFFFF));
  put32(s, static_cast<std::uint32_t>(v >> 32));
}
/// UTF-8 text (BMP only) as UTF-16LE.
inline std::string utf16(std::string_view utf8) {
  std::string out;
  for (std::size_t i = 0; i < utf8.size();) {
    const auto c = static_cast<unsigned char>(utf8[i]);
    std::uint32_t cp = c;
    std::size_t n = 1;
    if (c >= 0xE0 && i + 2 < utf8.size()) {
      cp = ((c & 0x0Fu) << 12) | ((utf8[i + 1] & 0x3Fu) << 6) | (utf8[i + 2] & 0x3Fu);
      n = 3;
    } else if (c >= 0xC0 && i + 1 < utf8.size()) {
      cp = ((c & 0x1Fu) << 6) | (utf8[i + 1] & 0x3Fu);
      n = 2;
    }
    put16(&out, static_cast<std::uint16_t>(cp));
    i += n;
  }
  return out;
}
/// Number of UTF-16 code units of BMP-only UTF-8 text.
inline std::uint16_t utf16_units(std::string_view utf8) {
  return static_cast<std::uint16_t>(utf16(utf8).size() / 2);
}

struct LnkSpec {
  std::vector<std::string> path;  // IDList: My Computer, "C:\", then these names
  std::optional<std::string> name, relative_path, working_dir, arguments, icon_location;
  std::optional<std::string> local_base_path;  // LinkInfo with a VolumeID
  std::vector<std::string> extra_blocks;       // raw blocks (size and signature included)
  std::string appended;                        // bytes after the TerminalBlock
  std::uint32_t show_command = 1;
  std::uint64_t creation_time = 0x01C91511D3E6F1E0;  // 2008-09-12T20:27:17Z (approx.)
};

/// A raw ExtraData block: size, signature, payload.
inline std::string extra_block(std::uint32_t signature, std::string_view payload) {
  std::string b;
  put32(&b, static_cast<std::uint32_t>(8 + payload.size()));
  put32(&b, signature);
  b += payload;
  return b;
}

/// An IconEnvironmentDataBlock / EnvironmentVariableDataBlock (0x314 bytes) for `target`.
inline std::string env_block(std::uint32_t signature, std::string_view target) {
  std::string ansi(target.substr(0, 259));
  ansi.resize(260, '\0');
  std::string uni = utf16(target.substr(0, 259));
  uni.resize(520, '\0');
  return extra_block(signature, ansi + uni);
}

inline std::string build_lnk(const LnkSpec& spec) {
  std::uint32_t flags = 0x80;  // IsUnicode
  if (!spec.path.empty()) flags |= 0x01;
  if (spec.local_base_path) flags |= 0x02;
  if (spec.name) flags |= 0x04;
  if (spec.relative_path) flags |= 0x08;
  if (spec.working_dir) flags |= 0x10;
  if (spec.arguments) flags |= 0x20;
  if (spec.icon_location) flags |= 0x40;
  std::string s;
  put32(&s, 0x4C);
  s += std::string("\x01\x14\x02\x00\x00\x00\x00\x00\xC0\x00\x00\x00\x00\x00\x00\x46", 16);
  put32(&s, flags);
  put32(&s, 0x20);  // FILE_ATTRIBUTE_ARCHIVE
  put64(&s, spec.creation_time);
  put64(&s, spec.creation_time);
  put64(&s, spec.creation_time);
  put32(&s, 289792);  // FileSize
  put32(&s, 0);       // IconIndex
  put32(&s, spec.show_command);
  put16(&s, 0);  // HotKey
  put16(&s, 0);
  put32(&s, 0);
  put32(&s, 0);
  if (!spec.path.empty()) {
    std::string list;
    // Root folder: My Computer {20D04FE0-3AEA-1069-A2D8-08002B30309D}.
    put16(&list, 20);
    list +=
        std::string("\x1F\x50\xE0\x4F\xD0\x20\xEA\x3A\x69\x10\xA2\xD8\x08\x00\x2B\x30\x30\x9D", 18);
    std::string vol = std::string("\x2F") + "C:\\";
    vol.resize(23, '\0');
    put16(&list, static_cast<std::uint16_t>(2 + vol.size()));
    list += vol;
    for (std::size_t i = 0; i < spec.path.size(); ++i) {
      // File entry, Unicode primary name (class 0x35 directory / 0x36 file).
      std::string item;
      item.push_back(i + 1 == spec.path.size() ? '\x36' : '\x35');
      item.push_back('\0');
      put32(&item, 0);
      put32(&item, 0);
      put16(&item, i + 1 == spec.path.size() ? 0x20 : 0x10);
      item += utf16(spec.path[i]);
      put16(&item, 0);
      put16(&list, static_cast<std::uint16_t>(2 + item.size()));
      list += item;
    }
    put16(&list, 0);
    put16(&s, static_cast<std::uint16_t>(list.size()));
    s += list;
  }
  if (spec.local_base_path) {
    // LinkInfo: 0x1C header, VolumeID (DRIVE_FIXED, serial, empty label), LocalBasePath,
    // empty CommonPathSuffix.
    std::string vol;
    put32(&vol, 17);
    put32(&vol, 3);
    put32(&vol, 0x307A8A81);
    put32(&vol, 16);
    vol.push_back('\0');
    const std::uint32_t base = 0x1C + static_cast<std::uint32_t>(vol.size());
    const std::uint32_t suffix =
        base + static_cast<std::uint32_t>(spec.local_base_path->size()) + 1;
    std::string li;
    put32(&li, suffix + 1);
    put32(&li, 0x1C);
    put32(&li, 1);
    put32(&li, 0x1C);
    put32(&li, base);
    put32(&li, 0);
    put32(&li, suffix);
    li += vol + *spec.local_base_path + std::string(1, '\0') + std::string(1, '\0');
    s += li;
  }
  for (const auto* f :
       {&spec.name, &spec.relative_path, &spec.working_dir, &spec.arguments, &spec.icon_location}) {
    if (!*f) continue;
    put16(&s, utf16_units(**f));
    s += utf16(**f);
  }
  for (const auto& b : spec.extra_blocks) s += b;
  put32(&s, 0);  // TerminalBlock
  s += spec.appended;
  return s;
}

}  // namespace lg::lnk::testing
