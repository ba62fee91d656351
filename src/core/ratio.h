#pragma once
/// Output budgets from Limits::max_ratio, shared by the analyzers that expand their input.
#include <cstdint>

namespace lg {

/// `ratio` times `size` bytes, saturating at UINT64_MAX.
inline std::uint64_t ratio_bytes(double ratio, std::uint64_t size) {
  const double v = ratio * static_cast<double>(size);
  if (!(v < 1.8e19)) return UINT64_MAX;
  return static_cast<std::uint64_t>(v);
}

}  // namespace lg
