// VHDX reader ([MS-VHDX] v20160714).
#include "formats/disk/vhdx.h"

#include <algorithm>
#include <array>
#include <cstring>

namespace lg::disk {
namespace {

using Guid = std::array<std::uint8_t, 16>;  // as stored: Data1..3 little-endian

// [MS-VHDX] 2.2.3.1: region GUIDs.
constexpr Guid kBatRegion = {0x66, 0x77, 0xC2, 0x2D, 0x23, 0xF6, 0x00, 0x42,
                             0x9D, 0x64, 0x11, 0x5E, 0x9B, 0xFD, 0x4A, 0x08};
constexpr Guid kMetadataRegion = {0x06, 0xA2, 0x7C, 0x8B, 0x90, 0x47, 0x9A, 0x4B,
                                  0xB8, 0xFE, 0x57, 0x5F, 0x05, 0x0F, 0x88, 0x6E};
// [MS-VHDX] 2.6.2: metadata items.
constexpr Guid kFileParameters = {0x37, 0x67, 0xA1, 0xCA, 0x36, 0xFA, 0x43, 0x4D,
                                  0xB3, 0xB6, 0x33, 0xF0, 0xAA, 0x44, 0xE7, 0x6B};
constexpr Guid kVirtualDiskSize = {0x24, 0x42, 0xA5, 0x2F, 0x1B, 0xCD, 0x76, 0x48,
                                   0xB2, 0x11, 0x5D, 0xBE, 0xD8, 0x3B, 0xF4, 0xB8};
constexpr Guid kLogicalSectorSize = {0x1D, 0xBF, 0x41, 0x81, 0x6F, 0xA9, 0x09, 0x47,
                                     0xBA, 0x47, 0xF2, 0x33, 0xA8, 0xFA, 0xAB, 0x5F};

constexpr std::uint64_t kMiB = 1u << 20;
constexpr std::uint64_t kMaxVirtualSize = 64ull << 40;  // 2.6.2.2: at most 64 TB

bool guid_at(ByteView b, const Guid& g) {
  return b.size() >= 16 && std::memcmp(b.data(), g.data(), 16) == 0;
}

// 2.5.1: BAT entry states.
constexpr std::uint64_t kPayloadFullyPresent = 6;

}  // namespace

Result<std::unique_ptr<VhdxImage>> VhdxImage::open(ByteView file) {
  Reader r(file);
  if (!r.starts_with_at(0, "vhdxfile")) {
    return Status::error(ErrorCode::kMalformed, "no VHDX file type identifier");
  }
  std::unique_ptr<VhdxImage> img(new VhdxImage(file));
  // 2.2.2: two headers at 64 KiB and 128 KiB; the valid one with the larger sequence number
  // is current. Only the signature is checked here (the CRC-32C is not verified).
  bool any_header = false;
  for (std::size_t at : {std::size_t{64} << 10, std::size_t{128} << 10}) {
    if (!r.starts_with_at(at, "head")) continue;
    auto seq = r.u64le(at + 8);
    if (!seq) continue;
    any_header = true;
    img->info_.header_sequence = std::max(img->info_.header_sequence, *seq);
  }
  if (!any_header) return Status::error(ErrorCode::kMalformed, "no VHDX header (\"head\")");
  // 2.2.3: the region table at 192 KiB, its copy at 256 KiB.
  std::optional<std::size_t> table;
  for (std::size_t at : {std::size_t{192} << 10, std::size_t{256} << 10}) {
    if (r.starts_with_at(at, "regi")) {
      table = at;
      break;
    }
  }
  if (!table) return Status::error(ErrorCode::kMalformed, "no VHDX region table (\"regi\")");
  std::uint32_t count = r.u32le(*table + 8).value_or(0);
  if (count > kMaxVhdxTableEntries) {
    return Status::error(ErrorCode::kMalformed,
                         "VHDX region table of " + std::to_string(count) + " entries");
  }
  std::optional<std::pair<std::uint64_t, std::uint64_t>> bat, metadata;
  for (std::uint32_t i = 0; i < count; ++i) {  // bounded by kMaxVhdxTableEntries
    auto e = r.subspan(*table + 16 + std::size_t{i} * 32, 32);
    if (!e) return Status::error(ErrorCode::kTruncated, "VHDX region table truncated");
    Reader er(*e);
    std::pair<std::uint64_t, std::uint64_t> where{*er.u64le(16), *er.u32le(24)};
    if (guid_at(*e, kBatRegion)) bat = where;
    if (guid_at(*e, kMetadataRegion)) metadata = where;
  }
  if (!bat || !metadata) {
    return Status::error(ErrorCode::kMalformed, "VHDX without a BAT or metadata region");
  }
  if (Status s = img->read_metadata(metadata->first, metadata->second); !s.is_ok()) return s;
  if (Status s = img->read_bat(bat->first, bat->second); !s.is_ok()) return s;
  return img;
}

// 2.6.1: the metadata table (signature "metadata", entry count at 10, entries of 32 bytes
// from 32), each item at an offset relative to the region.
Status VhdxImage::read_metadata(std::uint64_t offset, std::uint64_t length) {
  Reader r(file_);
  if (offset > r.size() || length > r.size() - offset) {
    return Status::error(ErrorCode::kTruncated, "VHDX metadata region past the end");
  }
  Reader m(*r.subspan(static_cast<std::size_t>(offset), static_cast<std::size_t>(length)));
  if (!m.starts_with_at(0, "metadata")) {
    return Status::error(ErrorCode::kMalformed, "no VHDX metadata table (\"metadata\")");
  }
  std::uint16_t count = m.u16le(10).value_or(0);
  if (count > kMaxVhdxTableEntries) {
    return Status::error(ErrorCode::kMalformed, "VHDX metadata table too long");
  }
  bool have_params = false, have_size = false;
  info_.logical_sector_size = 512;
  for (std::uint16_t i = 0; i < count; ++i) {  // bounded by kMaxVhdxTableEntries
    auto e = m.subspan(32 + std::size_t{i} * 32, 32);
    if (!e) return Status::error(ErrorCode::kTruncated, "VHDX metadata table truncated");
    Reader er(*e);
    std::size_t item = *er.u32le(16);
    if (guid_at(*e, kFileParameters)) {
      auto bs = m.u32le(item);
      auto flags = m.u32le(item + 4);
      if (!bs || !flags) return Status::error(ErrorCode::kTruncated, "VHDX file parameters");
      info_.block_size = *bs;
      info_.has_parent = (*flags & 2) != 0;
      have_params = true;
    } else if (guid_at(*e, kVirtualDiskSize)) {
      auto vs = m.u64le(item);
      if (!vs) return Status::error(ErrorCode::kTruncated, "VHDX virtual disk size");
      info_.virtual_size = *vs;
      have_size = true;
    } else if (guid_at(*e, kLogicalSectorSize)) {
      auto ls = m.u32le(item);
      if (!ls) return Status::error(ErrorCode::kTruncated, "VHDX logical sector size");
      info_.logical_sector_size = *ls;
    }
  }
  if (!have_params || !have_size) {
    return Status::error(ErrorCode::kMalformed, "VHDX metadata lacks file parameters or size");
  }
  // 2.6.2.1: block size a power of two from 1 MiB to 256 MiB; 2.6.2.4: sectors 512 or 4096.
  const std::uint32_t bs = info_.block_size;
  if (bs < kMiB || bs > 256 * kMiB || (bs & (bs - 1)) != 0) {
    return Status::error(ErrorCode::kMalformed, "VHDX block size " + std::to_string(bs));
  }
  if (info_.logical_sector_size != 512 && info_.logical_sector_size != 4096) {
    return Status::error(ErrorCode::kMalformed,
                         "VHDX logical sector size " + std::to_string(info_.logical_sector_size));
  }
  if (info_.virtual_size > kMaxVirtualSize) {
    return Status::error(ErrorCode::kMalformed, "VHDX virtual size over 64 TB");
  }
  return Status::ok();
}

// 2.5: payload block i sits at BAT index i + i / chunk_ratio (a sector bitmap entry follows
// every chunk_ratio payload entries); FileOffsetMB is bits 20..63, the state bits 0..2.
Status VhdxImage::read_bat(std::uint64_t offset, std::uint64_t length) {
  const std::uint64_t blocks = (info_.virtual_size + info_.block_size - 1) / info_.block_size;
  if (blocks > kMaxVhdxPayloadBlocks) {
    return Status::error(ErrorCode::kLimit,
                         "VHDX of " + std::to_string(blocks) + " payload blocks, over the cap");
  }
  const std::uint64_t chunk_ratio =
      ((std::uint64_t{1} << 23) * info_.logical_sector_size) / info_.block_size;
  Reader r(file_);
  if (offset > r.size() || length > r.size() - offset) {
    return Status::error(ErrorCode::kTruncated, "VHDX BAT region past the end");
  }
  Reader bat(*r.subspan(static_cast<std::size_t>(offset), static_cast<std::size_t>(length)));
  block_offsets_.assign(static_cast<std::size_t>(blocks), 0);
  for (std::uint64_t i = 0; i < blocks; ++i) {  // bounded by kMaxVhdxPayloadBlocks
    const std::uint64_t index = i + i / chunk_ratio;
    auto e = bat.u64le(static_cast<std::size_t>(index * 8));
    if (!e) return Status::error(ErrorCode::kTruncated, "VHDX BAT shorter than the disk");
    if ((*e & 7) != kPayloadFullyPresent && !(info_.has_parent && (*e & 7) == 7)) continue;
    const std::uint64_t mb = *e >> 20;
    if (mb == 0 || mb > (r.size() >> 20)) continue;  // points outside the file: reads as zeros
    block_offsets_[static_cast<std::size_t>(i)] = mb * kMiB;
    ++info_.present_blocks;
  }
  return Status::ok();
}

std::optional<Bytes> VhdxImage::read(std::uint64_t offset, std::size_t n) const {
  if (offset > info_.virtual_size || n > info_.virtual_size - offset) return std::nullopt;
  return read_blocks(file_, info_.block_size, offset, n,
                     [this](std::uint64_t block) -> std::optional<std::uint64_t> {
                       const std::uint64_t at = block_offsets_[static_cast<std::size_t>(block)];
                       if (at == 0) return std::nullopt;
                       return at;
                     });
}

}  // namespace lg::disk
