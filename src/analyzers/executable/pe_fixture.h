#pragma once
/// Test helper (header-only, tests only): minimal PE images ([MS-PECOFF] layout) with imports,
/// a certificate table, an overlay and a resource section (6.9), plus VS_VERSIONINFO and icon
/// group builders, so tests need no sample programs.
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lg::pe::testing {

/// One resource: integer type and name IDs, language 0x409, its data.
struct ResourceSpec {
  std::uint32_t type, id;
  std::string data;
};

struct PeSpec {
  bool pe32_plus = false;
  bool certificate = true;
  std::vector<std::string> imports = {"VirtualAllocEx", "WriteProcessMemory", "CreateRemoteThread"};
  std::string text_name = ".text";
  std::string text_bytes = std::string(0x200, '\x90');
  std::string overlay;
  std::vector<ResourceSpec> resources;  // a .rsrc section when not empty
};

inline void put16(std::string& b, std::size_t at, std::uint16_t v) {
  b[at] = static_cast<char>(v);
  b[at + 1] = static_cast<char>(v >> 8);
}
inline void put32(std::string& b, std::size_t at, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) b[at + i] = static_cast<char>(v >> (8 * i));
}
inline void put64(std::string& b, std::size_t at, std::uint64_t v) {
  for (int i = 0; i < 8; ++i) b[at + i] = static_cast<char>(v >> (8 * i));
}

inline constexpr std::uint32_t kRsrcRva = 0x40000;

/// The resource section for `resources` at RVA `rva` (6.9): root table of types, a table of
/// names per type, one language per name, then the data entries and the data.
inline std::string resource_section(const std::vector<ResourceSpec>& resources, std::uint32_t rva) {
  std::map<std::uint32_t, std::vector<const ResourceSpec*>> by_type;
  for (const auto& r : resources) by_type[r.type].push_back(&r);
  auto table = [](std::size_t entries) { return 16 + 8 * entries; };
  std::size_t size = table(by_type.size());
  std::vector<std::size_t> type_at, lang_at, data_entry_at, data_at;
  for (const auto& [type, list] : by_type) {
    type_at.push_back(size);
    size += table(list.size());
  }
  for (std::size_t i = 0; i < resources.size(); ++i) {
    lang_at.push_back(size);
    size += table(1);
  }
  for (std::size_t i = 0; i < resources.size(); ++i) {
    data_entry_at.push_back(size);
    size += 16;
  }
  std::map<const ResourceSpec*, std::size_t> index;
  std::size_t n = 0;
  for (const auto& [type, list] : by_type)
    for (const auto* r : list) index[r] = n++;
  data_at.resize(resources.size());
  for (const auto& [r, i] : index) {
    data_at[i] = size;
    size += (r->data.size() + 3) & ~std::size_t{3};
  }
  std::string b(size, '\0');
  put16(b, 14, static_cast<std::uint16_t>(by_type.size()));
  std::size_t t = 0;
  for (const auto& [type, list] : by_type) {
    put32(b, 16 + 8 * t, type);
    put32(b, 16 + 8 * t + 4, 0x80000000u | static_cast<std::uint32_t>(type_at[t]));
    put16(b, type_at[t] + 14, static_cast<std::uint16_t>(list.size()));
    for (std::size_t k = 0; k < list.size(); ++k) {
      const std::size_t i = index[list[k]];
      put32(b, type_at[t] + 16 + 8 * k, list[k]->id);
      put32(b, type_at[t] + 16 + 8 * k + 4, 0x80000000u | static_cast<std::uint32_t>(lang_at[i]));
      put16(b, lang_at[i] + 14, 1);
      put32(b, lang_at[i] + 16, 0x409);
      put32(b, lang_at[i] + 20, static_cast<std::uint32_t>(data_entry_at[i]));
      put32(b, data_entry_at[i], rva + static_cast<std::uint32_t>(data_at[i]));
      put32(b, data_entry_at[i] + 4, static_cast<std::uint32_t>(list[k]->data.size()));
      b.replace(data_at[i], list[k]->data.size(), list[k]->data);
    }
    ++t;
  }
  return b;
}

/// ASCII as UTF-16LE, NUL-terminated when `nul`.
inline std::string utf16(std::string_view s, bool nul = true) {
  std::string out;
  for (char c : s) {
    out += c;
    out += '\0';
  }
  if (nul) out += std::string(2, '\0');
  return out;
}

/// A version block (VS_VERSIONINFO, StringFileInfo, StringTable, String): header, key,
/// padding, value, padding, children each padded to 32 bits.
inline std::string version_block(std::string_view key, std::string_view value,
                                 std::uint16_t value_length, std::uint16_t type,
                                 const std::vector<std::string>& children) {
  std::string b(6, '\0');
  b += utf16(key);
  b.append((4 - b.size() % 4) % 4, '\0');
  b += value;
  for (const auto& c : children) {
    b.append((4 - b.size() % 4) % 4, '\0');
    b += c;
  }
  put16(b, 0, static_cast<std::uint16_t>(b.size()));
  put16(b, 2, value_length);
  put16(b, 4, type);
  return b;
}

/// VS_VERSIONINFO with a VS_FIXEDFILEINFO and one StringTable (040904B0) of `strings`.
inline std::string version_info(const std::vector<std::pair<std::string, std::string>>& strings) {
  std::vector<std::string> children;
  for (const auto& [k, v] : strings)
    children.push_back(version_block(k, utf16(v), static_cast<std::uint16_t>(v.size() + 1), 1, {}));
  const std::string table = version_block("040904B0", "", 0, 1, children);
  const std::string info = version_block("StringFileInfo", "", 0, 1, {table});
  std::string fixed(52, '\0');
  put32(fixed, 0, 0xFEEF04BD);  // VS_FIXEDFILEINFO.dwSignature
  return version_block("VS_VERSION_INFO", fixed, 52, 0, {info});
}

/// GRPICONDIR listing (width, height, bit count, RT_ICON id) images; 0 width means 256.
inline std::string icon_group(const std::vector<std::vector<unsigned>>& images) {
  std::string b(6 + 14 * images.size(), '\0');
  put16(b, 2, 1);
  put16(b, 4, static_cast<std::uint16_t>(images.size()));
  for (std::size_t i = 0; i < images.size(); ++i) {
    const std::size_t at = 6 + 14 * i;
    b[at] = static_cast<char>(images[i][0]);
    b[at + 1] = static_cast<char>(images[i][1]);
    put16(b, at + 4, 1);
    put16(b, at + 6, static_cast<std::uint16_t>(images[i][2]));
    put16(b, at + 12, static_cast<std::uint16_t>(images[i][3]));
  }
  return b;
}

// A minimal image ([MS-PECOFF] layout): headers, .text at file 0x200 (RVA 0x1000), .idata at
// file 0x200 + text size (RVA after .text's pages) with one KERNEL32.dll descriptor, then the
// resource section when asked for, the certificate table (WIN_CERTIFICATE, PKCS#7 type) and
// any overlay.
inline std::string build_pe(const PeSpec& s) {
  const std::size_t text_raw = s.text_bytes.size();
  // .idata's RVA follows .text's pages, so the two never overlap.
  const std::uint32_t iva =
      static_cast<std::uint32_t>(0x1000 + ((text_raw + 0xFFF) & ~std::size_t{0xFFF}));
  const std::size_t idata_off = 0x200 + text_raw;
  const std::size_t idata_size = 0x400;
  std::string b(idata_off + idata_size, '\0');
  b[0] = 'M';
  b[1] = 'Z';
  put32(b, 0x3C, 0x40);
  b.replace(0x40, 4, std::string("PE\0\0", 4));
  const std::size_t coff = 0x44, opt = coff + 20;
  const std::uint16_t opt_size = s.pe32_plus ? 240 : 224;
  put16(b, coff, s.pe32_plus ? 0x8664 : 0x014C);
  put16(b, coff + 2, s.resources.empty() ? 2 : 3);
  put32(b, coff + 4, 0x5F5E1000);  // 2020-09-13T12:26:40Z
  put16(b, coff + 16, opt_size);
  put16(b, coff + 18, 0x0102);
  put16(b, opt, s.pe32_plus ? 0x20B : 0x10B);
  put16(b, opt + 68, 2);  // windows_gui
  const std::size_t count_at = opt + (s.pe32_plus ? 108 : 92);
  put32(b, count_at, 16);
  const std::size_t dirs = count_at + 4;
  put32(b, dirs + 8, iva);  // import directory RVA
  put32(b, dirs + 12, 40);
  const std::size_t table = opt + opt_size;
  auto section = [&](std::size_t i, const std::string& name, std::uint32_t va,
                     std::uint32_t raw_size, std::uint32_t raw_off, std::uint32_t flags) {
    std::size_t at = table + i * 40;
    b.replace(at, std::min<std::size_t>(name.size(), 8), name.substr(0, 8));
    put32(b, at + 8, raw_size);
    put32(b, at + 12, va);
    put32(b, at + 16, raw_size);
    put32(b, at + 20, raw_off);
    put32(b, at + 36, flags);
  };
  section(0, s.text_name, 0x1000, static_cast<std::uint32_t>(text_raw), 0x200, 0x60000020);
  section(1, ".idata", iva, idata_size, static_cast<std::uint32_t>(idata_off), 0xC0000040);
  b.replace(0x200, text_raw, s.text_bytes);
  // .idata: descriptor at its start, DLL name at +0x80, lookup table at +0x100, names at
  // +0x200 + 0x40 * i.
  auto file = [&](std::uint32_t rva) { return idata_off + (rva - iva); };
  put32(b, file(iva), iva + 0x100);
  put32(b, file(iva) + 12, iva + 0x80);
  put32(b, file(iva) + 16, iva + 0x100);
  std::memcpy(&b[file(iva + 0x80)], "KERNEL32.dll", 12);
  const std::size_t entry = s.pe32_plus ? 8 : 4;
  for (std::size_t i = 0; i < s.imports.size(); ++i) {
    std::uint32_t name_rva = static_cast<std::uint32_t>(iva + 0x200 + 0x40 * i);
    if (s.pe32_plus)
      put64(b, file(iva + 0x100) + i * entry, name_rva);
    else
      put32(b, file(iva + 0x100) + i * entry, name_rva);
    b.replace(file(name_rva) + 2, s.imports[i].size(), s.imports[i]);
  }
  if (!s.resources.empty()) {
    const std::string rsrc = resource_section(s.resources, kRsrcRva);
    section(2, ".rsrc", kRsrcRva, static_cast<std::uint32_t>(rsrc.size()),
            static_cast<std::uint32_t>(b.size()), 0x40000040);
    put32(b, dirs + 2 * 8, kRsrcRva);
    put32(b, dirs + 2 * 8 + 4, static_cast<std::uint32_t>(rsrc.size()));
    b += rsrc;
  }
  if (s.certificate) {
    const std::size_t cert = b.size();
    b += std::string(16, '\0');
    put32(b, cert, 16);
    put16(b, cert + 4, 0x0200);
    put16(b, cert + 6, 2);  // WIN_CERT_TYPE_PKCS_SIGNED_DATA
    put32(b, dirs + 4 * 8, static_cast<std::uint32_t>(cert));
    put32(b, dirs + 4 * 8 + 4, 16);
  }
  return b + s.overlay;
}

}  // namespace lg::pe::testing
