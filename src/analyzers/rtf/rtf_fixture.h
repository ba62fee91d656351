#pragma once
/// Test helper (header-only): writes the pieces of RTF documents with embedded objects —
/// OLE1 objects ([MS-OLEDS] 2.2.4/2.2.5), Packager native data, compound files with a chosen
/// root CLSID, and \objdata hex with or without junk between the digits.
#include <cstdint>
#include <string>
#include <string_view>

#include "core/bytes.h"
#include "formats/cfb/cfb_builder.h"

namespace lg::rtf::testing {

inline void put_u32(std::string& s, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) s.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

/// LengthPrefixedAnsiString with its NUL.
inline void put_lp(std::string& s, std::string_view v) {
  put_u32(s, static_cast<std::uint32_t>(v.size() + (v.empty() ? 0 : 1)));
  s.append(v);
  if (!v.empty()) s.push_back('\0');
}

/// An embedded OLE1 object: ObjectHeader, empty topic and item, NativeDataSize, NativeData.
inline std::string ole1_embedded(std::string_view class_name, std::string_view native) {
  std::string s;
  put_u32(s, 0x00000501);
  put_u32(s, 2);
  put_lp(s, class_name);
  put_lp(s, "");
  put_lp(s, "");
  put_u32(s, static_cast<std::uint32_t>(native.size()));
  s.append(native);
  return s;
}

/// Packager native data (the layout ole_native.h parses), without the leading size.
inline std::string package_native(std::string_view label, std::string_view path,
                                  std::string_view payload) {
  std::string s;
  s.append("\x02\x00", 2);
  s.append(label);
  s.push_back('\0');
  s.append(path);
  s.push_back('\0');
  put_u32(s, 0x00030000);
  put_u32(s, static_cast<std::uint32_t>(path.size() + 1));
  s.append(path);
  s.push_back('\0');
  put_u32(s, static_cast<std::uint32_t>(payload.size()));
  s.append(payload);
  return s;
}

/// A small compound file whose root entry carries `clsid` (16 bytes, on-disk order).
inline std::string compound_file_with_clsid(std::string_view clsid16) {
  lg::testing::CfbBuilder b;
  b.stream(
      "\x01"
      "CompObj",
      std::string(64, 'c'));
  b.stream("Equation Native", std::string(200, 'e'));
  Bytes f = b.build();
  const std::size_t root = (b.dir_sector() + 1) * b.sector_size();  // entry 0
  for (std::size_t i = 0; i < 16 && root + 0x50 + i < f.size(); ++i) {
    f[root + 0x50 + i] = static_cast<std::uint8_t>(clsid16[i]);
  }
  return std::string(as_chars(f));
}

/// Hex of `bytes`; `junk` (may be empty) is inserted every `every` digits.
inline std::string hex(std::string_view bytes, std::string_view junk = "", std::size_t every = 0) {
  constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  std::size_t n = 0;
  for (unsigned char c : bytes) {
    for (char d : {kDigits[c >> 4], kDigits[c & 15]}) {
      out.push_back(d);
      if (every && ++n % every == 0) out.append(junk);
    }
  }
  return out;
}

/// A document holding one object of `class_name` whose \objdata is `objdata_hex`.
inline std::string rtf_with_object(std::string_view class_name, std::string_view objdata_hex) {
  return std::string("{\\rtf1\\ansi\\ansicpg1252 Before {\\object\\objemb{\\*\\objclass ") +
         std::string(class_name) + "}\\objw100\\objh100{\\*\\objdata " + std::string(objdata_hex) +
         "}{\\result {\\pict\\wmetafile8 0100}}} After\\par}";
}

// Root CLSIDs as stored on disk (GUID fields little-endian).
inline const std::string kEquationClsid(
    "\x02\xCE\x02\x00\x00\x00\x00\x00\xC0\x00\x00\x00\x00\x00\x00\x46", 16);
inline const std::string kOle2LinkClsid(
    "\x00\x03\x00\x00\x00\x00\x00\x00\xC0\x00\x00\x00\x00\x00\x00\x46", 16);
inline const std::string kWordClsid(
    "\x06\x09\x02\x00\x00\x00\x00\x00\xC0\x00\x00\x00\x00\x00\x00\x46", 16);

}  // namespace lg::rtf::testing
