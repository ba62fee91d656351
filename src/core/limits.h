#pragma once
/// Scan limits: named defaults, all overridable from the config file ([limits] table).
/// Hitting one is a LIMIT_EXCEEDED finding; partial results are kept and the scan goes on.
#include <cstdint>

namespace lg {

struct Limits {
  static constexpr std::uint32_t kMaxDepth = 16;
  static constexpr std::uint32_t kMaxObjects = 5000;
  static constexpr std::uint64_t kMaxObjectBytes = 128ull << 20;  // 128 MiB
  static constexpr std::uint64_t kMaxTotalBytes = 512ull << 20;   // 512 MiB per input
  static constexpr double kMaxRatio = 200.0;                      // decompressed / compressed
  static constexpr std::uint32_t kDeadlineMs = 30'000;
  static constexpr std::uint32_t kMaxMimeParts = 2000;
  static constexpr std::uint32_t kMaxHeaders = 5000;
  static constexpr std::uint32_t kMaxTextBytes = 8u << 20;  // text per object given to detectors

  std::uint32_t max_depth = kMaxDepth;      // nesting of objects below the input
  std::uint32_t max_objects = kMaxObjects;  // objects in one input's tree
  std::uint64_t max_object_bytes = kMaxObjectBytes;
  std::uint64_t max_total_bytes = kMaxTotalBytes;
  double max_ratio = kMaxRatio;
  std::uint32_t deadline_ms = kDeadlineMs;  // wall clock per input
  std::uint32_t max_mime_parts = kMaxMimeParts;
  std::uint32_t max_headers = kMaxHeaders;
  std::uint32_t max_text_bytes = kMaxTextBytes;
};

}  // namespace lg
