#pragma once
/// A read-only byte view of a virtual disk or volume that need not be materialized: a sparse
/// VHD of 2 TB reads as zeros where no block is allocated, and only the bytes asked for are
/// copied. Readers of partitions and file systems work on this interface.
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

}  // namespace lg::disk
