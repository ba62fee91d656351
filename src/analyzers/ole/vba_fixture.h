#pragma once
/// Test and benchmark helper (header-only, never linked into the product): writes documents
/// holding a [MS-OVBA] VBA project, with CfbBuilder.
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/bytes.h"
#include "formats/cfb/cfb_builder.h"

namespace lg::testing {

// [MS-OVBA] 2.4.1 container with raw (uncompressed) chunks only: the simplest valid form.
inline Bytes raw_container(std::string_view text) {
  Bytes out = {0x01};
  for (std::size_t off = 0; off < text.size(); off += 4096) {
    std::string chunk(text.substr(off, 4096));
    chunk.resize(4096, ' ');
    std::uint16_t header = 0x3000 | (4096 + 2 - 3);  // signature 0b011, not compressed
    out.push_back(static_cast<std::uint8_t>(header));
    out.push_back(static_cast<std::uint8_t>(header >> 8));
    out.insert(out.end(), chunk.begin(), chunk.end());
  }
  return out;
}
// A compressed container holding `text` as literals only (flag byte 0 before each 8 bytes).
inline Bytes literal_container(std::string_view text) {
  Bytes body;
  for (std::size_t i = 0; i < text.size(); i += 8) {
    body.push_back(0);
    for (std::size_t k = i; k < std::min(text.size(), i + 8); ++k) body.push_back(text[k]);
  }
  Bytes out = {0x01};
  std::uint16_t header = static_cast<std::uint16_t>(0xB000 | (body.size() + 2 - 3));
  out.push_back(static_cast<std::uint8_t>(header));
  out.push_back(static_cast<std::uint8_t>(header >> 8));
  out.insert(out.end(), body.begin(), body.end());
  return out;
}
inline void record(Bytes& b, std::uint16_t id, std::string_view data) {
  b.push_back(static_cast<std::uint8_t>(id));
  b.push_back(static_cast<std::uint8_t>(id >> 8));
  std::uint32_t n = static_cast<std::uint32_t>(data.size());
  for (int i = 0; i < 4; ++i) b.push_back(static_cast<std::uint8_t>(n >> (8 * i)));
  b.insert(b.end(), data.begin(), data.end());
}
inline std::string u32(std::uint32_t v) {
  std::string s(4, '\0');
  for (int i = 0; i < 4; ++i) s[i] = static_cast<char>(v >> (8 * i));
  return s;
}

struct Module {
  std::string name;
  std::string source;
  std::size_t pcode = 0;
};
// A document with a Macros/VBA project of the given modules; `listed` modules in PROJECT; the
// document's own streams are `streams` (a placeholder WordDocument by default).
inline Bytes vba_document(const std::vector<Module>& mods, const std::vector<std::string>& listed,
                          const std::vector<std::pair<std::string, Bytes>>& streams = {
                              {"WordDocument", Bytes(600, 'w')}}) {
  Bytes dir;
  record(dir, 0x0001, u32(1));                      // PROJECTSYSKIND
  record(dir, 0x004A, u32(2));                      // PROJECTCOMPATVERSION (newer Office)
  record(dir, 0x0003, std::string("\xE4\x04", 2));  // PROJECTCODEPAGE 1252
  record(dir, 0x0004, "Project");
  record(dir, 0x00FE, "unknown record");  // skipped by size
  record(dir, 0x000F, std::string(1, static_cast<char>(mods.size())) + '\0');
  for (const Module& m : mods) {
    record(dir, 0x0019, m.name);
    record(dir, 0x001A, m.name);
    record(dir, 0x0031, u32(static_cast<std::uint32_t>(m.pcode)));
    record(dir, 0x0021, "");
    record(dir, 0x002B, "");
  }
  record(dir, 0x0010, "");
  CfbBuilder b;
  int macros = b.storage("Macros");
  int vba = b.storage("VBA", macros);
  b.stream("dir", literal_container(std::string(dir.begin(), dir.end())), vba);
  b.stream("_VBA_PROJECT", std::string("\xCC\x61\xFF\xFF\x00\x00\x00 padding", 16), vba);
  for (const Module& m : mods) {
    Bytes s(m.pcode, 0x41);
    Bytes src = raw_container(m.source);
    s.insert(s.end(), src.begin(), src.end());
    b.stream(m.name, s, vba);
  }
  std::string project = "ID=\"{00000000-0000-0000-0000-000000000000}\"\r\n";
  for (const auto& n : listed) project += "Module=" + n + "\r\n";
  project += "Name=\"Project\"\r\n[Host Extender Info]\r\n";
  b.stream("PROJECT", project, macros);
  for (const auto& [name, data] : streams) b.stream(name, data);
  return b.build();
}

}  // namespace lg::testing
