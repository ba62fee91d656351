// VHD reader ("Virtual Hard Disk Image Format Specification", Microsoft, version 1.0).
#include "formats/disk/vhd.h"

#include <algorithm>

#include "core/utf8.h"

namespace lg::disk {
namespace {

constexpr std::uint32_t kUnallocated = 0xFFFFFFFF;
constexpr std::size_t kFooterSize = 512;

}  // namespace

Result<std::unique_ptr<VhdImage>> VhdImage::open(ByteView file) {
  Reader r(file);
  // "Hard Disk Footer Format": at the end of the file (511 bytes in images made before
  // Virtual PC 2004), copied to offset 0 on dynamic disks. The copy serves when the end is
  // damaged.
  std::optional<std::size_t> footer;
  if (r.size() >= kFooterSize && r.starts_with_at(r.size() - kFooterSize, "conectix")) {
    footer = r.size() - kFooterSize;
  } else if (r.size() >= kFooterSize - 1 && r.starts_with_at(r.size() - 511, "conectix")) {
    footer = r.size() - 511;
  } else if (r.starts_with_at(0, "conectix")) {
    footer = 0;
  }
  if (!footer) return Status::error(ErrorCode::kMalformed, "no VHD footer (\"conectix\")");
  auto f = r.subspan(*footer, 511);
  if (!f) return Status::error(ErrorCode::kTruncated, "VHD footer truncated");
  Reader fr(*f);
  auto data_offset = fr.u64be(16);
  auto current_size = fr.u64be(48);
  auto disk_type = fr.u32be(60);
  auto creator = fr.chars(28, 4);
  if (!data_offset || !current_size || !disk_type || !creator) {
    return Status::error(ErrorCode::kTruncated, "VHD footer truncated");
  }
  std::unique_ptr<VhdImage> img(new VhdImage(file));
  img->info_.creator = repair_utf8(*creator);
  img->info_.current_size = *current_size;
  if (*current_size > kMaxVhdSize) {
    return Status::error(ErrorCode::kMalformed,
                         "VHD declares " + std::to_string(*current_size) + " bytes, over 2040 GB");
  }
  if (*disk_type == 2) {
    // Fixed: the data is the file up to the footer.
    img->info_.type = VhdDiskType::kFixed;
    if (*footer != r.size() - kFooterSize && *footer != r.size() - 511) {
      return Status::error(ErrorCode::kMalformed, "fixed VHD without a footer at its end");
    }
    if (*current_size > *footer) {
      return Status::error(ErrorCode::kTruncated, "fixed VHD shorter than its declared size");
    }
    return img;
  }
  if (*disk_type != 3 && *disk_type != 4) {
    return Status::error(ErrorCode::kUnsupported,
                         "VHD disk type " + std::to_string(*disk_type) + " is not 2, 3 or 4");
  }
  img->info_.type = *disk_type == 3 ? VhdDiskType::kDynamic : VhdDiskType::kDifferencing;
  if (Status s = img->open_dynamic(*data_offset); !s.is_ok()) return s;
  return img;
}

// "Dynamic Disk Header Format" and "Block Allocation Table and Data Blocks".
Status VhdImage::open_dynamic(std::uint64_t header_offset) {
  Reader r(file_);
  if (header_offset > r.size()) return Status::error(ErrorCode::kTruncated, "no dynamic header");
  auto h = r.subspan(static_cast<std::size_t>(header_offset), 1024);
  if (!h || !Reader(*h).starts_with_at(0, "cxsparse")) {
    return Status::error(ErrorCode::kMalformed, "no dynamic disk header (\"cxsparse\")");
  }
  Reader hr(*h);
  std::uint64_t table_offset = *hr.u64be(16);
  std::uint32_t max_entries = *hr.u32be(28);
  std::uint32_t block_size = *hr.u32be(32);
  if (block_size < 512 || block_size % 512 != 0 || (block_size & (block_size - 1)) != 0) {
    return Status::error(ErrorCode::kMalformed,
                         "VHD block size " + std::to_string(block_size) + " is not a power of two");
  }
  info_.block_size = block_size;
  info_.bat_entries = max_entries;
  if (info_.type == VhdDiskType::kDifferencing) {
    // Parent Unicode Name: 512 bytes of UTF-16 big-endian at 64; swap to little-endian.
    Bytes name(h->begin() + 64, h->begin() + 576);
    for (std::size_t i = 0; i + 1 < name.size(); i += 2) std::swap(name[i], name[i + 1]);
    info_.parent_name = utf16le_to_utf8(name, true);
  }
  const std::uint64_t needed = (info_.current_size + block_size - 1) / block_size;
  if (needed > max_entries) {
    return Status::error(ErrorCode::kMalformed, "BAT smaller than the virtual disk");
  }
  if (max_entries > kMaxVhdBatEntries) {
    return Status::error(ErrorCode::kLimit,
                         "BAT of " + std::to_string(max_entries) + " entries, over the cap");
  }
  // Only the entries that cover the disk are read; a table longer than the file is truncated.
  if (table_offset > r.size()) return Status::error(ErrorCode::kTruncated, "BAT past the end");
  auto table = r.subspan(static_cast<std::size_t>(table_offset), needed * 4);
  if (!table) return Status::error(ErrorCode::kTruncated, "BAT truncated");
  Reader tr(*table);
  bat_.reserve(needed);
  for (std::size_t i = 0; i < needed; ++i) {  // bounded by kMaxVhdBatEntries
    std::uint32_t e = *tr.u32be(i * 4);
    bat_.push_back(e);
    if (e != kUnallocated) ++info_.allocated_blocks;
  }
  // The bitmap holds one bit per sector of the block, padded to a sector boundary.
  const std::uint64_t bits = block_size / 512;
  bitmap_bytes_ = ((bits + 7) / 8 + 511) / 512 * 512;
  return Status::ok();
}

std::optional<Bytes> VhdImage::read(std::uint64_t offset, std::size_t n) const {
  if (offset > info_.current_size || n > info_.current_size - offset) return std::nullopt;
  if (info_.type == VhdDiskType::kFixed) return MemoryDevice(file_).read(offset, n);
  return read_blocks(file_, info_.block_size, offset, n,
                     [this](std::uint64_t block) -> std::optional<std::uint64_t> {
                       const std::uint32_t sector = bat_[static_cast<std::size_t>(block)];
                       if (sector == kUnallocated) return std::nullopt;
                       return std::uint64_t{sector} * 512 + bitmap_bytes_;
                     });
}

}  // namespace lg::disk
