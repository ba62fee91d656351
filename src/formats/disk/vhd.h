#pragma once
/// VHD per the "Virtual Hard Disk Image Format Specification" (Microsoft, 2006): the 512-byte
/// footer (cookie "conectix"), fixed disks (data, then the footer), dynamic and differencing
/// disks (a copy of the footer, the "cxsparse" dynamic disk header, the Block Allocation Table
/// and blocks of a sector bitmap plus data). Reads are bounded: only allocated blocks are read,
/// unallocated ones read as zeros, nothing is materialized.
#include <cstdint>
#include <memory>
#include <string>

#include "core/bytes.h"
#include "core/status.h"
#include "formats/disk/block_device.h"

namespace lg::disk {

/// BAT entries read at most (a 2 TB disk of 2 MiB blocks has 1 Mi entries, 4 MiB of table).
inline constexpr std::uint32_t kMaxVhdBatEntries = 1u << 20;
/// The specification's largest virtual disk (2040 GB); larger sizes are malformed.
inline constexpr std::uint64_t kMaxVhdSize = 2040ull << 30;

enum class VhdDiskType { kFixed = 2, kDynamic = 3, kDifferencing = 4 };

struct VhdInfo {
  VhdDiskType type = VhdDiskType::kFixed;
  std::uint64_t current_size = 0;  // the virtual disk's size in bytes
  std::string creator;             // creator application, 4 characters ("vpc ", "win ")
  std::uint32_t block_size = 0;    // dynamic and differencing only
  std::uint32_t bat_entries = 0;
  std::uint32_t allocated_blocks = 0;
  std::string parent_name;  // differencing: the parent's file name (UTF-8)
};

/// A VHD opened over its file bytes, which must outlive it.
class VhdImage final : public BlockDevice {
 public:
  /// Reads the footer (at the end, or its copy at 0), and for dynamic disks the header and BAT.
  [[nodiscard]] static Result<std::unique_ptr<VhdImage>> open(ByteView file);
  const VhdInfo& info() const { return info_; }
  std::uint64_t size() const override { return info_.current_size; }
  /// Differencing disks read unallocated blocks as zeros: the parent is not here.
  std::optional<Bytes> read(std::uint64_t offset, std::size_t n) const override;

 private:
  explicit VhdImage(ByteView file) : file_(file) {}
  Status open_dynamic(std::uint64_t header_offset);

  ByteView file_;
  VhdInfo info_;
  std::vector<std::uint32_t> bat_;  // sector offsets of blocks, 0xFFFFFFFF = unallocated
  std::uint64_t bitmap_bytes_ = 0;  // sector bitmap before each block's data (whole sectors)
};

}  // namespace lg::disk
