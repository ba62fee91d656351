#pragma once
/// Test helper (header-only, never linked into the product): a small HFS+ or HFSX volume
/// written by Apple Technical Note TN1150 "HFS Plus Volume Format", since Debian has no tool
/// that adds files to an HFS+ volume without mounting it. Block size 4096; block 0 holds the
/// volume header (at 1024), block 1 the allocation bitmap, block 2 the extents overflow
/// B-tree (a header node only), blocks 3 and 4 the catalog B-tree (a header node and one
/// leaf node), block 5 the attributes B-tree (a header node only; libfshfs wants one), then
/// the files' data forks, one extent each.
#include <algorithm>
#include <cctype>
#include <map>
#include <string>
#include <vector>

#include "formats/disk/disk_test_images.h"

namespace lg::disk::testing {

struct HfsEntrySpec {
  std::string path;  // "name" or "folder/name" (one level of folders), ASCII
  std::string data;  // file content; ignored for folders
  bool folder = false;
};

namespace hfs_detail {

constexpr std::uint32_t kBlock = 4096;
constexpr std::uint32_t kNode = 4096;

inline void put16be(Bytes& b, std::size_t at, std::uint32_t v) {
  b[at] = (v >> 8) & 0xFF;
  b[at + 1] = v & 0xFF;
}

// HFSPlusCatalogKey: keyLength, parentID, nodeName (HFSUniStr255, UTF-16BE).
inline Bytes catalog_key(std::uint32_t parent, const std::string& name) {
  Bytes k(8 + 2 * name.size(), 0);
  put16be(k, 0, static_cast<std::uint32_t>(6 + 2 * name.size()));
  put32be(k, 2, parent);
  put16be(k, 6, static_cast<std::uint32_t>(name.size()));
  for (std::size_t i = 0; i < name.size(); ++i) put16be(k, 8 + 2 * i, name[i]);
  return k;
}

// HFSPlusCatalogThread: recordType 3 (folder) or 4 (file), parentID, nodeName.
inline Bytes thread_record(bool folder, std::uint32_t parent, const std::string& name) {
  Bytes r(10 + 2 * name.size(), 0);
  put16be(r, 0, folder ? 3 : 4);
  put32be(r, 4, parent);
  put16be(r, 8, static_cast<std::uint32_t>(name.size()));
  for (std::size_t i = 0; i < name.size(); ++i) put16be(r, 10 + 2 * i, name[i]);
  return r;
}

// HFSPlusCatalogFolder (88 bytes): valence at 4, folderID at 8, permissions at 32 (fileMode
// at 42).
inline Bytes folder_record(std::uint32_t id, std::uint32_t valence) {
  Bytes r(88, 0);
  put16be(r, 0, 1);
  put32be(r, 4, valence);
  put32be(r, 8, id);
  put16be(r, 42, 0040755);
  return r;
}

// HFSPlusCatalogFile (248 bytes): fileID at 8, fileMode at 42, the data fork at 88
// (HFSPlusForkData: logicalSize, clumpSize, totalBlocks, extents).
inline Bytes file_record(std::uint32_t id, std::uint64_t size, std::uint32_t start,
                         std::uint32_t blocks) {
  Bytes r(248, 0);
  put16be(r, 0, 2);
  put32be(r, 8, id);
  put16be(r, 42, 0100644);
  put64be(r, 88, size);
  put32be(r, 88 + 12, blocks);
  put32be(r, 88 + 16, start);
  put32be(r, 88 + 20, blocks);
  return r;
}

inline void fork(Bytes& b, std::size_t at, std::uint64_t size, std::uint32_t start,
                 std::uint32_t blocks) {
  put64be(b, at, size);
  put32be(b, at + 12, blocks);
  put32be(b, at + 16, start);
  put32be(b, at + 20, blocks);
}

// A B-tree header node (BTNodeDescriptor kind 1, BTHeaderRec, user data, map record).
inline Bytes header_node(std::uint16_t depth, std::uint32_t root, std::uint32_t leaf_records,
                         std::uint32_t leaf, std::uint32_t total_nodes, std::uint16_t max_key,
                         std::uint8_t compare, std::uint32_t attributes) {
  Bytes n(kNode, 0);
  n[8] = 1;  // kBTHeaderNode
  put16be(n, 10, 3);
  put16be(n, 14, depth);
  put32be(n, 16, root);
  put32be(n, 20, leaf_records);
  put32be(n, 24, leaf);
  put32be(n, 28, leaf);
  put16be(n, 32, kNode);
  put16be(n, 34, max_key);
  put32be(n, 36, total_nodes);
  put32be(n, 40, 0);  // freeNodes
  put32be(n, 46, kBlock);
  n[51] = compare;
  put32be(n, 52, attributes);
  n[248] = static_cast<std::uint8_t>(total_nodes >= 2 ? 0xC0 : 0x80);  // map: nodes in use
  put16be(n, kNode - 2, 14);
  put16be(n, kNode - 4, 120);
  put16be(n, kNode - 6, 248);
  put16be(n, kNode - 8, kNode - 8);
  return n;
}

inline std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace hfs_detail

/// An HFS+ ("H+", case-insensitive) or HFSX ("HX", binary names) volume named `volume_name`.
inline Bytes make_hfs(const std::vector<HfsEntrySpec>& entries, bool hfsx = false,
                      const std::string& volume_name = "Untitled") {
  using namespace hfs_detail;
  struct Rec {
    std::uint32_t parent;
    std::string name;
    Bytes key, body;
    std::uint32_t folder = 0;  // a folder record's folderID, its body written last
  };
  std::vector<Rec> recs;
  auto add = [&](std::uint32_t parent, const std::string& name, Bytes body) {
    recs.push_back({parent, name, catalog_key(parent, name), std::move(body)});
  };
  std::vector<std::pair<std::string, std::uint32_t>> folders{{"", 2}};
  auto folder_id = [&](const std::string& path) -> std::uint32_t {
    for (auto& [p, id] : folders)
      if (p == path) return id;
    return 2;
  };
  std::uint32_t next_id = 16, next_block = 6, files = 0;
  std::vector<std::pair<std::uint32_t, const std::string*>> data;  // start block, content
  std::map<std::uint32_t, std::uint32_t> valence;
  for (const auto& e : entries) {
    const auto slash = e.path.find('/');
    const std::string dir = slash == std::string::npos ? "" : e.path.substr(0, slash);
    const std::string name = slash == std::string::npos ? e.path : e.path.substr(slash + 1);
    const std::uint32_t parent = folder_id(dir);
    const std::uint32_t id = next_id++;
    ++valence[parent];
    if (e.folder) {
      folders.push_back({e.path, id});
      add(parent, name, Bytes());  // body written below, once its valence is known
      recs.back().folder = id;
    } else {
      const auto blocks = static_cast<std::uint32_t>((e.data.size() + kBlock - 1) / kBlock);
      add(parent, name, file_record(id, e.data.size(), next_block, blocks));
      data.push_back({next_block, &e.data});
      next_block += blocks;
      ++files;
    }
    add(id, "", thread_record(e.folder, parent, name));
  }
  for (auto& r : recs) {
    if (r.folder != 0) r.body = folder_record(r.folder, valence[r.folder]);
  }
  add(1, volume_name, folder_record(2, valence[2]));
  add(2, "", thread_record(true, 1, volume_name));
  std::sort(recs.begin(), recs.end(), [&](const Rec& a, const Rec& b) {
    if (a.parent != b.parent) return a.parent < b.parent;
    return hfsx ? a.name < b.name : lower(a.name) < lower(b.name);
  });
  // The leaf node: descriptor (kind -1, height 1), records, offsets from the node's end.
  Bytes leaf(kNode, 0);
  leaf[8] = 0xFF;
  leaf[9] = 1;
  put16be(leaf, 10, static_cast<std::uint32_t>(recs.size()));
  std::size_t at = 14;
  for (std::size_t i = 0; i < recs.size(); ++i) {
    put16be(leaf, kNode - 2 * (i + 1), static_cast<std::uint32_t>(at));
    std::copy(recs[i].key.begin(), recs[i].key.end(), leaf.begin() + at);
    at += recs[i].key.size();
    std::copy(recs[i].body.begin(), recs[i].body.end(), leaf.begin() + at);
    at += recs[i].body.size();
  }
  put16be(leaf, kNode - 2 * (recs.size() + 1), static_cast<std::uint32_t>(at));

  const std::uint32_t total_blocks = std::max<std::uint32_t>(next_block + 1, 16);
  Bytes out(static_cast<std::size_t>(total_blocks) * kBlock, 0);
  Bytes vh(512, 0);
  put_str(vh, 0, hfsx ? "HX" : "H+");
  put16be(vh, 2, hfsx ? 5 : 4);
  put32be(vh, 4, 0x100);  // kHFSVolumeUnmountedBit
  put_str(vh, 8, "10.0");
  put32be(vh, 32, files);
  put32be(vh, 36, static_cast<std::uint32_t>(folders.size() - 1));
  put32be(vh, 40, kBlock);
  put32be(vh, 44, total_blocks);
  put32be(vh, 48, total_blocks - next_block);
  put32be(vh, 52, next_block);
  put32be(vh, 56, kBlock);
  put32be(vh, 60, kBlock);
  put32be(vh, 64, next_id);
  fork(vh, 112, kBlock, 1, 1);     // allocation file
  fork(vh, 192, kNode, 2, 1);      // extents overflow file
  fork(vh, 272, 2 * kNode, 3, 2);  // catalog file
  fork(vh, 352, kNode, 5, 1);      // attributes file
  std::copy(vh.begin(), vh.end(), out.begin() + 1024);
  std::copy(vh.begin(), vh.end(), out.end() - 1024);  // the alternate volume header
  for (std::uint32_t b = 0; b < next_block; ++b) out[kBlock + b / 8] |= 0x80 >> (b % 8);
  out[kBlock + (total_blocks - 1) / 8] |= 0x80 >> ((total_blocks - 1) % 8);
  Bytes ext = header_node(0, 0, 0, 0, 1, 10, 0, 2);
  std::copy(ext.begin(), ext.end(), out.begin() + 2 * kBlock);
  Bytes cat =
      header_node(1, 1, static_cast<std::uint32_t>(recs.size()), 1, 2, 516, hfsx ? 0xBC : 0, 6);
  std::copy(cat.begin(), cat.end(), out.begin() + 3 * kBlock);
  std::copy(leaf.begin(), leaf.end(), out.begin() + 4 * kBlock);
  Bytes attributes = header_node(0, 0, 0, 0, 1, 266, 0, 6);
  std::copy(attributes.begin(), attributes.end(), out.begin() + 5 * kBlock);
  for (const auto& [block, content] : data) {
    std::copy(content->begin(), content->end(), out.begin() + std::size_t{block} * kBlock);
  }
  return out;
}

}  // namespace lg::disk::testing
