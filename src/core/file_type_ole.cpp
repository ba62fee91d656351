// OLE2 refinement: HWP 5 is a compound file whose "FileHeader" stream starts with
// "HWP Document File" (HWP 5.0 format spec, 3.2 "File recognition information").
// This parses the [MS-CFB] header (2.2), follows the directory chain through the FAT (2.3)
// and the DIFAT (2.5), reads directory entries (2.6) and the first bytes of the stream,
// through the mini stream (2.4) when it is below the cutoff. Bounded: at most
// kMaxDirSectors directory sectors, kMaxChainSteps steps along one chain and kMaxDifatHops
// DIFAT sectors per FAT lookup; a cycle only ever spends those budgets.
#include <cstdint>
#include <optional>
#include <string_view>

#include "core/file_type_internal.h"

namespace lg::file_type_internal {
namespace {

using namespace std::string_view_literals;

constexpr std::size_t kMaxDirSectors = 256;
constexpr std::size_t kMaxChainSteps = 1 << 16;
constexpr std::size_t kMaxDifatHops = 64;
constexpr std::uint32_t kMaxRegSect = 0xFFFFFFFA;  // [MS-CFB] 2.1: MAXREGSECT
constexpr std::size_t kHeaderDifat = 109;
constexpr std::size_t kDirEntrySize = 128;

class Cfb {
 public:
  explicit Cfb(const Reader& r) : r_(r) {}

  bool init() {
    auto shift = r_.u16le(0x1E);
    auto mini_shift = r_.u16le(0x20);
    auto first_dir = r_.u32le(0x30);
    auto cutoff = r_.u32le(0x38);
    if (!shift || !mini_shift || !first_dir || !cutoff) return false;
    if (*shift != 9 && *shift != 12) return false;  // 2.2: version 3 or 4
    if (*mini_shift != 6) return false;
    shift_ = *shift;
    sector_size_ = std::size_t{1} << shift_;
    first_dir_ = *first_dir;
    cutoff_ = *cutoff;
    return true;
  }

  std::optional<std::size_t> sector_offset(std::uint32_t id) const {
    if (id > kMaxRegSect) return std::nullopt;
    std::size_t off = (std::size_t{id} + 1) << shift_;
    if (!r_.has(off, sector_size_)) return std::nullopt;
    return off;
  }

  // The FAT entry for `id`: the next sector of its chain.
  std::optional<std::uint32_t> next(std::uint32_t id) const {
    std::size_t per = sector_size_ / 4;
    auto fat_sector = difat(id / per);
    if (!fat_sector) return std::nullopt;
    auto off = sector_offset(*fat_sector);
    if (!off) return std::nullopt;
    return r_.u32le(*off + (id % per) * 4);
  }

  // Offset of the first `n` bytes of a stream starting at `start`, or nullopt.
  std::optional<std::size_t> stream_start(std::uint32_t start, std::uint64_t size) const {
    if (size >= cutoff_) return sector_offset(start);
    // Mini stream: the root entry's chain, 64-byte mini sectors (2.4, 2.6.2).
    auto dir = sector_offset(first_dir_);
    if (!dir) return std::nullopt;
    auto root_start = r_.u32le(*dir + 0x74);
    if (!root_start) return std::nullopt;
    std::uint64_t pos = std::uint64_t{start} * 64;
    std::uint64_t steps = pos / sector_size_;
    if (steps > kMaxChainSteps) return std::nullopt;
    std::uint32_t sector = *root_start;
    for (std::uint64_t i = 0; i < steps; ++i) {
      auto n = next(sector);
      if (!n) return std::nullopt;
      sector = *n;
    }
    auto off = sector_offset(sector);
    if (!off) return std::nullopt;
    return *off + static_cast<std::size_t>(pos % sector_size_);
  }

  std::uint32_t first_dir() const { return first_dir_; }
  std::size_t sector_size() const { return sector_size_; }

 private:
  // DIFAT entry `i`: 109 in the header (0x4C), then chained DIFAT sectors whose last slot
  // points to the next one (2.5).
  std::optional<std::uint32_t> difat(std::size_t i) const {
    if (i < kHeaderDifat) return r_.u32le(0x4C + i * 4);
    std::size_t per = sector_size_ / 4 - 1;
    std::size_t j = i - kHeaderDifat;
    std::size_t hops = j / per;
    if (hops > kMaxDifatHops) return std::nullopt;
    auto sector = r_.u32le(0x44);
    for (std::size_t h = 0; sector && h < hops; ++h) {
      auto off = sector_offset(*sector);
      if (!off) return std::nullopt;
      sector = r_.u32le(*off + per * 4);
    }
    if (!sector) return std::nullopt;
    auto off = sector_offset(*sector);
    if (!off) return std::nullopt;
    return r_.u32le(*off + (j % per) * 4);
  }

  const Reader& r_;
  unsigned shift_ = 9;
  std::size_t sector_size_ = 512;
  std::uint32_t first_dir_ = 0;
  std::uint32_t cutoff_ = 4096;
};

// "FileHeader" in UTF-16LE with its terminator: the directory entry name (2.6.1).
constexpr std::string_view kFileHeaderName = "F\0i\0l\0e\0H\0e\0a\0d\0e\0r\0\0\0"sv;

}  // namespace

FileType refine_ole2(const Reader& r) {
  Cfb cfb(r);
  if (!cfb.init()) return FileType::kOle2;
  std::uint32_t sector = cfb.first_dir();
  for (std::size_t k = 0; k < kMaxDirSectors && sector <= kMaxRegSect; ++k) {
    auto off = cfb.sector_offset(sector);
    if (!off) break;
    for (std::size_t e = 0; e < cfb.sector_size() / kDirEntrySize; ++e) {
      std::size_t entry = *off + e * kDirEntrySize;
      auto name_len = r.u16le(entry + 0x40);
      auto type = r.u8(entry + 0x42);
      if (!name_len || !type || *name_len != kFileHeaderName.size() || *type != 2) continue;
      if (!r.starts_with_at(entry, kFileHeaderName)) continue;
      auto start = r.u32le(entry + 0x74);
      auto size = r.u32le(entry + 0x78);  // version 3 files: only the low 32 bits count
      if (!start || !size) continue;
      auto data = cfb.stream_start(*start, *size);
      if (data && r.starts_with_at(*data, "HWP Document File")) return FileType::kHwp;
    }
    auto n = cfb.next(sector);
    if (!n) break;
    sector = *n;
  }
  return FileType::kOle2;
}

}  // namespace lg::file_type_internal
