#pragma once
/// Test helper (header-only, never linked into the product): writes small [MS-CFB] files so
/// tests can generate well-formed and deliberately broken compound files. Layout: FAT sectors
/// first (sector 0..), then the directory, the mini FAT, the mini stream and big streams, so
/// FAT entry i lives at byte sector_size + 4 * i. Children of a storage are chained through
/// right-sibling links (a degenerate but valid tree).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/bytes.h"

namespace lg::testing {

class CfbBuilder {
 public:
  struct Node {
    std::string name;
    std::uint8_t type;  // 1 storage, 2 stream, 5 root
    int parent;
    Bytes data;
    std::uint32_t start = 0xFFFFFFFE;
    std::uint32_t first_child = 0xFFFFFFFF, right = 0xFFFFFFFF;
  };
  static constexpr std::uint32_t kEnd = 0xFFFFFFFE;
  static constexpr std::uint32_t kFree = 0xFFFFFFFF;

  explicit CfbBuilder(int version = 3) : version_(version), ss_(version == 4 ? 4096 : 512) {
    nodes_.push_back({"Root Entry", 5, -1, {}});
  }
  /// Adds a storage under `parent` (0 = root); returns its id.
  int storage(std::string name, int parent = 0) {
    nodes_.push_back({std::move(name), 1, parent, {}});
    return static_cast<int>(nodes_.size() - 1);
  }
  int stream(std::string name, Bytes data, int parent = 0) {
    nodes_.push_back({std::move(name), 2, parent, std::move(data)});
    return static_cast<int>(nodes_.size() - 1);
  }
  int stream(std::string name, std::string_view data, int parent = 0) {
    return stream(std::move(name), Bytes(data.begin(), data.end()), parent);
  }
  std::size_t sector_size() const { return ss_; }
  /// Directory sector number in the built file (for tests that corrupt it).
  std::uint32_t dir_sector() const { return dir_sector_; }

  Bytes build() {
    // Tree links: chain each storage's children as right siblings.
    std::vector<int> last(nodes_.size(), -1);
    for (std::size_t i = 1; i < nodes_.size(); ++i) {
      int p = nodes_[i].parent;
      if (last[p] < 0)
        nodes_[p].first_child = static_cast<std::uint32_t>(i);
      else
        nodes_[last[p]].right = static_cast<std::uint32_t>(i);
      last[p] = static_cast<int>(i);
    }
    // Mini stream for small streams.
    Bytes mini;
    std::vector<std::uint32_t> minifat;
    for (auto& n : nodes_) {
      if (n.type != 2 || n.data.size() >= 4096 || n.data.empty()) continue;
      std::uint32_t first = static_cast<std::uint32_t>(mini.size() / 64);
      std::size_t count = (n.data.size() + 63) / 64;
      for (std::size_t k = 0; k < count; ++k)
        minifat.push_back(k + 1 < count ? first + static_cast<std::uint32_t>(k + 1) : kEnd);
      n.start = first;
      mini.insert(mini.end(), n.data.begin(), n.data.end());
      mini.resize((mini.size() + 63) / 64 * 64, 0);
    }
    nodes_[0].data = mini;
    const std::size_t per = ss_ / 4;
    auto sectors_for = [&](std::size_t bytes) { return (bytes + ss_ - 1) / ss_; };
    std::size_t dir_secs = sectors_for(nodes_.size() * 128);
    std::size_t minifat_secs = sectors_for(minifat.size() * 4);
    std::size_t data_secs = sectors_for(mini.size());
    for (auto& n : nodes_)
      if (n.type == 2 && n.data.size() >= 4096) data_secs += sectors_for(n.data.size());
    std::size_t fat_secs = 1;
    while (fat_secs * per < fat_secs + dir_secs + minifat_secs + data_secs) ++fat_secs;
    std::vector<std::uint32_t> fat(fat_secs * per, kFree);
    std::uint32_t next = 0;
    for (std::size_t i = 0; i < fat_secs; ++i) fat[next++] = 0xFFFFFFFD;
    auto alloc = [&](std::size_t count) -> std::uint32_t {
      if (count == 0) return kEnd;
      std::uint32_t first = next;
      for (std::size_t k = 0; k < count; ++k, ++next) fat[next] = k + 1 < count ? next + 1 : kEnd;
      return first;
    };
    dir_sector_ = alloc(dir_secs);
    std::uint32_t minifat_start = alloc(minifat_secs);
    nodes_[0].start = alloc(sectors_for(mini.size()));
    for (auto& n : nodes_)
      if (n.type == 2 && n.data.size() >= 4096) n.start = alloc(sectors_for(n.data.size()));
    // Header.
    Bytes out(ss_, 0);
    const std::uint8_t sig[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
    std::copy(sig, sig + 8, out.begin());
    put16(out, 24, 0x3E);
    put16(out, 26, static_cast<std::uint16_t>(version_));
    put16(out, 28, 0xFFFE);
    put16(out, 30, version_ == 4 ? 12 : 9);
    put16(out, 32, 6);
    put32(out, 40, version_ == 4 ? static_cast<std::uint32_t>(dir_secs) : 0);
    put32(out, 44, static_cast<std::uint32_t>(fat_secs));
    put32(out, 48, dir_sector_);
    put32(out, 56, 4096);
    put32(out, 60, minifat_secs ? minifat_start : kEnd);
    put32(out, 64, static_cast<std::uint32_t>(minifat_secs));
    put32(out, 68, kEnd);
    for (std::size_t i = 0; i < 109; ++i)
      put32(out, 76 + i * 4, i < fat_secs ? static_cast<std::uint32_t>(i) : kFree);
    // Sectors.
    Bytes body(next * ss_, 0);
    for (std::size_t i = 0; i < fat.size(); ++i) put32(body, i * 4, fat[i]);
    for (std::size_t i = 0; i < nodes_.size(); ++i) {
      std::size_t off = dir_sector_ * ss_ + i * 128;
      const Node& n = nodes_[i];
      std::size_t units = 0;
      for (char c : n.name) {
        if (units >= 31) break;
        put16(body, off + units * 2, static_cast<std::uint8_t>(c));
        ++units;
      }
      put16(body, off + 64, static_cast<std::uint16_t>((units + 1) * 2));
      body[off + 66] = n.type;
      body[off + 67] = 1;
      put32(body, off + 68, kFree);
      put32(body, off + 72, n.right);
      put32(body, off + 76, n.first_child);
      put32(body, off + 116, n.start);
      put32(body, off + 120, static_cast<std::uint32_t>(n.data.size()));
    }
    for (std::size_t i = nodes_.size(); i < dir_secs * ss_ / 128; ++i) {
      std::size_t off = dir_sector_ * ss_ + i * 128;
      put32(body, off + 68, kFree);
      put32(body, off + 72, kFree);
      put32(body, off + 76, kFree);
    }
    for (std::size_t i = 0; i < minifat_secs * per; ++i)
      put32(body, minifat_start * ss_ + i * 4, i < minifat.size() ? minifat[i] : kFree);
    auto place = [&](std::uint32_t start, const Bytes& d) {
      if (start != kEnd) std::copy(d.begin(), d.end(), body.begin() + start * ss_);
    };
    place(nodes_[0].start, mini);
    for (auto& n : nodes_)
      if (n.type == 2 && n.data.size() >= 4096) place(n.start, n.data);
    out.insert(out.end(), body.begin(), body.end());
    return out;
  }

  static void put16(Bytes& b, std::size_t off, std::uint16_t v) {
    b[off] = static_cast<std::uint8_t>(v);
    b[off + 1] = static_cast<std::uint8_t>(v >> 8);
  }
  static void put32(Bytes& b, std::size_t off, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) b[off + i] = static_cast<std::uint8_t>(v >> (8 * i));
  }

 private:
  int version_;
  std::size_t ss_;
  std::vector<Node> nodes_;
  std::uint32_t dir_sector_ = 0;
};

}  // namespace lg::testing
