#pragma once
/// The bounds-checked reader: every offset into untrusted bytes goes through here.
/// Reads past the end return std::nullopt; arithmetic on offsets uses checked_add/checked_mul.
#include <cstdint>
#include <limits>
#include <optional>
#include <string_view>

#include "core/bytes.h"

namespace lg {

inline std::optional<std::size_t> checked_add(std::size_t a, std::size_t b) {
  if (a > std::numeric_limits<std::size_t>::max() - b) return std::nullopt;
  return a + b;
}
inline std::optional<std::size_t> checked_mul(std::size_t a, std::size_t b) {
  if (a != 0 && b > std::numeric_limits<std::size_t>::max() / a) return std::nullopt;
  return a * b;
}

class Reader {
 public:
  explicit Reader(ByteView data) : data_(data) {}
  std::size_t size() const { return data_.size(); }
  ByteView data() const { return data_; }
  /// True when [off, off+n) lies inside the buffer (overflow-safe).
  bool has(std::size_t off, std::size_t n) const {
    return off <= data_.size() && n <= data_.size() - off;
  }
  std::optional<ByteView> subspan(std::size_t off, std::size_t n) const {
    if (!has(off, n)) return std::nullopt;
    return data_.subspan(off, n);
  }
  /// From `off` to the end (empty when off == size()).
  std::optional<ByteView> tail(std::size_t off) const {
    if (off > data_.size()) return std::nullopt;
    return data_.subspan(off);
  }
  std::optional<std::string_view> chars(std::size_t off, std::size_t n) const {
    auto s = subspan(off, n);
    if (!s) return std::nullopt;
    return as_chars(*s);
  }
  std::optional<std::uint8_t> u8(std::size_t off) const {
    if (!has(off, 1)) return std::nullopt;
    return data_[off];
  }
  std::optional<std::uint16_t> u16le(std::size_t off) const { return le<std::uint16_t>(off); }
  std::optional<std::uint32_t> u32le(std::size_t off) const { return le<std::uint32_t>(off); }
  std::optional<std::uint64_t> u64le(std::size_t off) const { return le<std::uint64_t>(off); }
  std::optional<std::uint16_t> u16be(std::size_t off) const { return be<std::uint16_t>(off); }
  std::optional<std::uint32_t> u32be(std::size_t off) const { return be<std::uint32_t>(off); }
  std::optional<std::uint64_t> u64be(std::size_t off) const { return be<std::uint64_t>(off); }
  /// True when the bytes at `off` equal `magic`.
  bool starts_with_at(std::size_t off, std::string_view magic) const {
    auto s = chars(off, magic.size());
    return s && *s == magic;
  }

 private:
  template <class T>
  std::optional<T> le(std::size_t off) const {
    if (!has(off, sizeof(T))) return std::nullopt;
    T v = 0;
    for (std::size_t i = 0; i < sizeof(T); ++i) v |= static_cast<T>(T(data_[off + i]) << (8 * i));
    return v;
  }
  template <class T>
  std::optional<T> be(std::size_t off) const {
    if (!has(off, sizeof(T))) return std::nullopt;
    T v = 0;
    for (std::size_t i = 0; i < sizeof(T); ++i) v = static_cast<T>((v << 8) | data_[off + i]);
    return v;
  }
  ByteView data_;
};

}  // namespace lg
