#pragma once
/// The output of an LZ77 decoder (ARJ, deflate64) held whole in memory: the window is the
/// output itself, so a match copies from what was written before. Grown geometrically up to a
/// fixed limit; writing stops there (the caller reports the cap).
#include <algorithm>
#include <cstddef>
#include <cstdint>

#include "core/bytes.h"

namespace lg {

class LzOutput {
 public:
  /// `limit`: most bytes kept; `expected`: a size hint (the declared size), may be 0.
  LzOutput(std::size_t limit, std::size_t expected) : limit_(limit) {
    data_.resize(std::min(limit_, std::max<std::size_t>(expected, 4096)));
  }

  std::size_t size() const { return size_; }
  /// True once a byte was refused at the limit: the decoder should stop (output capped).
  bool stopped() const { return stopped_; }

  /// Appends one byte; false (nothing written, stopped()) at the limit.
  bool put(std::uint8_t b) {
    if (size_ == data_.size() && !grow()) return false;
    data_[size_++] = b;
    return true;
  }

  /// Copies `len` bytes starting `dist` bytes back (overlap repeats them, as LZ77 means).
  /// False when `dist` is 0, reaches before the start or past `window` (damaged input). At
  /// the limit the copy stops short; stopped() then says so.
  bool copy(std::size_t dist, std::size_t len, std::size_t window) {
    if (dist == 0 || dist > size_ || dist > window) return false;
    while (len > 0) {
      if (size_ == data_.size() && !grow()) return true;
      const std::size_t n = std::min(len, data_.size() - size_);
      std::uint8_t* out = data_.data();
      if (dist >= n) {
        std::copy_n(out + size_ - dist, n, out + size_);
      } else {
        for (std::size_t i = 0; i < n; ++i) out[size_ + i] = out[size_ + i - dist];
      }
      size_ += n;
      len -= n;
    }
    return true;
  }

  /// The bytes written; the object is empty afterwards.
  Bytes take() {
    data_.resize(size_);
    size_ = 0;
    return std::move(data_);
  }

 private:
  bool grow() {
    if (data_.size() >= limit_) {
      stopped_ = true;
      return false;
    }
    data_.resize(std::min(limit_, std::max<std::size_t>(data_.size() * 2, 4096)));
    return true;
  }

  Bytes data_;
  std::size_t size_ = 0;
  std::size_t limit_;
  bool stopped_ = false;
};

}  // namespace lg
