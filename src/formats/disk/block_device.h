#pragma once
/// A read-only byte view of a virtual disk or volume that need not be materialized: a sparse
/// VHD of 2 TB reads as zeros where no block is allocated, and only the bytes asked for are
/// copied. Readers of partitions and file systems work on this interface.
#include <algorithm>
#include <cstdint>
#include <optional>

#include "core/bytes.h"
#include "core/reader.h"

namespace lg::disk {

class BlockDevice {
 public:
  virtual ~BlockDevice() = default;
  /// Size of the device in bytes.
  [[nodiscard]] virtual std::uint64_t size() const = 0;
  /// `n` bytes from `offset`, or nullopt when the range is outside the device or its backing
  /// data is missing (a block pointer past the end of the image file).
  [[nodiscard]] virtual std::optional<Bytes> read(std::uint64_t offset, std::size_t n) const = 0;
};

/// A device over bytes in memory (a fixed VHD's data, a reassembled DMG partition).
class MemoryDevice final : public BlockDevice {
 public:
  explicit MemoryDevice(ByteView data) : data_(data) {}
  std::uint64_t size() const override { return data_.size(); }
  std::optional<Bytes> read(std::uint64_t offset, std::size_t n) const override {
    if (offset > data_.size()) return std::nullopt;
    auto s = Reader(data_).subspan(static_cast<std::size_t>(offset), n);
    if (!s) return std::nullopt;
    return Bytes(s->begin(), s->end());
  }

 private:
  ByteView data_;
};

/// A window [start, start + length) of another device (a partition). The parent outlives it.
class SliceDevice final : public BlockDevice {
 public:
  SliceDevice(const BlockDevice& parent, std::uint64_t start, std::uint64_t length)
      : parent_(parent), start_(start), length_(length) {}
  std::uint64_t size() const override { return length_; }
  std::optional<Bytes> read(std::uint64_t offset, std::size_t n) const override {
    if (offset > length_ || n > length_ - offset) return std::nullopt;
    if (start_ > UINT64_MAX - offset) return std::nullopt;
    return parent_.read(start_ + offset, n);
  }

 private:
  const BlockDevice& parent_;
  std::uint64_t start_;
  std::uint64_t length_;
};

/// Reads `n` bytes from `offset` of a virtual disk stored in blocks of `block_size` bytes
/// (VHD dynamic disks, VHDX): `block_data(i)` gives the offset in `file` of block i's data,
/// or nullopt for a block that reads as zeros. The caller has checked the range against the
/// disk's size; nullopt when an allocated block lies past the end of `file`. One turn per
/// block touched.
template <class BlockData>
std::optional<Bytes> read_blocks(ByteView file, std::uint64_t block_size, std::uint64_t offset,
                                 std::size_t n, BlockData block_data) {
  Bytes out(n, 0);
  Reader r(file);
  std::size_t done = 0;
  while (done < n) {
    const std::uint64_t pos = offset + done;
    const std::uint64_t in_block = pos % block_size;
    const std::size_t take =
        static_cast<std::size_t>(std::min<std::uint64_t>(n - done, block_size - in_block));
    if (std::optional<std::uint64_t> base = block_data(pos / block_size)) {
      const std::uint64_t at = *base + in_block;
      if (at < *base || at > r.size()) return std::nullopt;
      auto src = r.subspan(static_cast<std::size_t>(at), take);
      if (!src) return std::nullopt;
      std::copy(src->begin(), src->end(), out.begin() + static_cast<std::ptrdiff_t>(done));
    }
    done += take;
  }
  return out;
}

}  // namespace lg::disk
