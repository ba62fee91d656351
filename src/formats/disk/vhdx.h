#pragma once
/// VHDX per [MS-VHDX] (v20160714): the file type identifier, the two headers (2.2.2), the
/// region table (2.2.3) locating the BAT and the metadata region, the metadata items File
/// Parameters, Virtual Disk Size and Logical Sector Size (2.6.2), and the BAT (2.5) mapping
/// payload blocks. Reads are bounded like the VHD reader's: only present blocks are read.
/// The log is not replayed (2.3): an image closed uncleanly reads as its last flushed state.
#include <cstdint>
#include <memory>
#include <vector>

#include "core/bytes.h"
#include "core/status.h"
#include "formats/disk/block_device.h"

namespace lg::disk {

/// Payload blocks mapped at most (64 TiB at the smallest block size would be 64 Mi blocks).
inline constexpr std::uint64_t kMaxVhdxPayloadBlocks = 1u << 20;
/// Region table and metadata table entries read at most ([MS-VHDX] caps both at 2047).
inline constexpr std::uint32_t kMaxVhdxTableEntries = 2047;

struct VhdxInfo {
  std::uint64_t virtual_size = 0;
  std::uint32_t block_size = 0;
  std::uint32_t logical_sector_size = 0;
  bool has_parent = false;  // a differencing disk
  std::uint64_t present_blocks = 0;
  std::uint64_t header_sequence = 0;
};

/// A VHDX opened over its file bytes, which must outlive it.
class VhdxImage final : public BlockDevice {
 public:
  [[nodiscard]] static Result<std::unique_ptr<VhdxImage>> open(ByteView file);
  const VhdxInfo& info() const { return info_; }
  std::uint64_t size() const override { return info_.virtual_size; }
  /// Blocks not fully present (absent, zero, unmapped, or a differencing disk's partial
  /// blocks) read as zeros.
  std::optional<Bytes> read(std::uint64_t offset, std::size_t n) const override;

 private:
  explicit VhdxImage(ByteView file) : file_(file) {}
  Status read_metadata(std::uint64_t offset, std::uint64_t length);
  Status read_bat(std::uint64_t offset, std::uint64_t length);

  ByteView file_;
  VhdxInfo info_;
  std::vector<std::uint64_t> block_offsets_;  // file offset per payload block, 0 = not present
};

}  // namespace lg::disk
