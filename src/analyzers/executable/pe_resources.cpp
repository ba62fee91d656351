// [MS-PECOFF] 6.9 "The .rsrc Section": 6.9.1 Resource Directory Table (16 bytes: counts of
// name and ID entries at 12 and 14), 6.9.2 Resource Directory Entries (8 bytes: name or ID,
// then an offset whose high bit marks a subdirectory, relative to the section's start),
// 6.9.4 Resource Data Entry (data RVA, size). The version resource is VS_VERSIONINFO
// (Win32 "VS_VERSIONINFO", "StringFileInfo", "StringTable", "String": wLength, wValueLength,
// wType, a UTF-16 key, padding to 32 bits, the value, children aligned to 32 bits); icons are
// GRPICONDIR / GRPICONDIRENTRY (Win32 "Icons" resource format).
#include "analyzers/executable/pe_resources.h"

#include <algorithm>

#include "core/utf8.h"

namespace lg::pe {
namespace {

constexpr std::size_t kDirectoryTableSize = 16;
constexpr std::size_t kDirectoryEntrySize = 8;
constexpr std::uint32_t kHighBit = 0x80000000u;
constexpr int kLevels = 3;  // type, name, language

struct Pending {
  std::size_t offset;  // of a directory table, relative to the resource section
  int level;
  std::uint32_t type, id;
};

std::size_t align4(std::size_t v) { return (v + 3) & ~std::size_t{3}; }

// A version block at `at` of `v`: its end (clamped to the parent's `end`), key and value.
struct Block {
  std::size_t end = 0, value_at = 0, value_bytes = 0, children_at = 0;
  std::uint16_t type = 0;
  std::string key;
};

std::optional<Block> read_block(const Reader& v, std::size_t at, std::size_t end) {
  const auto length = v.u16le(at), value_length = v.u16le(at + 2), type = v.u16le(at + 4);
  if (!length || !value_length || !type || *length < 6 || at + *length > end) return std::nullopt;
  Block b;
  b.end = at + *length;
  b.type = *type;
  std::size_t k = at + 6;
  while (k + 1 < b.end && (v.u16le(k).value_or(0) != 0)) k += 2;
  b.key = utf16le_to_utf8(*v.subspan(at + 6, k - (at + 6)));
  b.value_at = std::min(align4(k + 2), b.end);
  // String values count UTF-16 units (wType 1); binary values count bytes.
  b.value_bytes =
      std::min<std::size_t>(*type == 1 ? 2u * *value_length : *value_length, b.end - b.value_at);
  b.children_at = std::min(align4(b.value_at + b.value_bytes), b.end);
  return b;
}

}  // namespace

Resources read_resources(const Image& image, const Reader& r) {
  Resources out;
  if (image.directories.size() <= kDirResource || image.directories[kDirResource].address == 0)
    return out;
  const auto base = rva_to_offset(image, r, image.directories[kDirResource].address);
  if (!base) {
    out.damaged = true;
    return out;
  }
  const Reader rsrc(*r.tail(*base));
  // Breadth first over the fixed three levels: a directory pointing back at itself is read
  // again at most twice, and kMaxResourceEntries bounds the whole walk.
  std::vector<Pending> queue{{0, 0, 0, 0}};
  std::size_t visited = 0;
  for (std::size_t q = 0; q < queue.size(); ++q) {
    const Pending dir = queue[q];
    const auto names = rsrc.u16le(dir.offset + 12), ids = rsrc.u16le(dir.offset + 14);
    if (!names || !ids) {
      out.damaged = true;
      continue;
    }
    const std::size_t count = std::size_t{*names} + *ids;
    for (std::size_t i = 0; i < count; ++i) {
      if (++visited > kMaxResourceEntries || out.leaves.size() >= kMaxResourceLeaves) {
        out.damaged = true;
        return out;
      }
      const std::size_t at = dir.offset + kDirectoryTableSize + i * kDirectoryEntrySize;
      const auto name = rsrc.u32le(at), target = rsrc.u32le(at + 4);
      if (!name || !target) {
        out.damaged = true;
        break;
      }
      const std::uint32_t id = (*name & kHighBit) ? 0 : *name;
      Pending next{*target & ~kHighBit, dir.level + 1, dir.level == 0 ? id : dir.type,
                   dir.level == 1 ? id : dir.id};
      if (*target & kHighBit) {
        if (next.level < kLevels)
          queue.push_back(next);
        else
          out.damaged = true;  // deeper than language: not a resource tree
        continue;
      }
      const auto rva = rsrc.u32le(next.offset), size = rsrc.u32le(next.offset + 4);
      const auto data_at = rva ? rva_to_offset(image, r, *rva) : std::nullopt;
      const auto data = data_at && size ? r.subspan(*data_at, *size) : std::nullopt;
      if (!data) {
        out.damaged = true;
        continue;
      }
      out.leaves.push_back({next.type, next.id, *data});
    }
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> read_version_strings(ByteView version) {
  std::vector<std::pair<std::string, std::string>> out;
  const Reader v(version);
  const auto root = read_block(v, 0, version.size());
  if (!root || root->key != "VS_VERSION_INFO") return out;
  // Children of the root: StringFileInfo and VarFileInfo; of StringFileInfo: StringTables;
  // of a StringTable: Strings. Three fixed levels, each loop moving forward by wLength >= 6.
  for (std::size_t a = root->children_at; a < root->end && out.size() < kMaxVersionStrings;) {
    const auto info = read_block(v, a, root->end);
    if (!info) break;
    a = align4(info->end);
    if (info->key != "StringFileInfo") continue;
    for (std::size_t b = info->children_at; b < info->end && out.size() < kMaxVersionStrings;) {
      const auto table = read_block(v, b, info->end);
      if (!table) break;
      b = align4(table->end);
      for (std::size_t c = table->children_at; c < table->end && out.size() < kMaxVersionStrings;) {
        const auto s = read_block(v, c, table->end);
        if (!s) break;
        c = align4(s->end);
        std::string value = utf16le_to_utf8(*v.subspan(s->value_at, s->value_bytes), true);
        if (!s->key.empty() && !value.empty()) out.emplace_back(s->key, std::move(value));
      }
    }
  }
  return out;
}

Icons read_icons(const Resources& res) {
  Icons out;
  const Resource* group = nullptr;
  for (const auto& leaf : res.leaves) {
    if (leaf.type == kRtGroupIcon) {
      ++out.groups;
      if (!group) group = &leaf;
    }
    if (leaf.type == kRtIcon) ++out.images;
  }
  if (!group) return out;
  const Reader g(group->data);
  const std::size_t count = std::min<std::size_t>(g.u16le(4).value_or(0), kMaxGroupImages);
  std::size_t best_area = 0;
  unsigned best_bits = 0;
  for (std::size_t i = 0; i < count; ++i) {
    const std::size_t at = 6 + i * 14;
    if (!g.has(at, 14)) break;
    const std::size_t w = *g.u8(at) ? *g.u8(at) : 256, h = *g.u8(at + 1) ? *g.u8(at + 1) : 256;
    const unsigned bits = *g.u16le(at + 6);
    const std::uint16_t id = *g.u16le(at + 12);
    out.sizes.push_back(std::to_string(w) + "x" + std::to_string(h) + " " + std::to_string(bits) +
                        "bpp");
    if (w * h < best_area || (w * h == best_area && bits <= best_bits)) continue;
    for (const auto& leaf : res.leaves) {
      if (leaf.type == kRtIcon && leaf.id == id) {
        out.main = leaf.data;
        best_area = w * h;
        best_bits = bits;
        break;
      }
    }
  }
  return out;
}

}  // namespace lg::pe
