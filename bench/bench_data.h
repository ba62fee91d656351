#pragma once
/// Inputs for the benchmarks: real files from ../shared/corpus (LG_SHARED_DIR) where they
/// exist, generated data otherwise, and a Context that only counts.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "core/analyzer.h"
#include "detect/text_scanner.h"

namespace lg::bench {

/// Reads a whole file; empty when it cannot be read.
inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

/// `rel` under the shared corpus (../shared/corpus/REL).
inline std::filesystem::path corpus_path(std::string_view rel) {
  return std::filesystem::path(LG_SHARED_DIR) / "corpus" / rel;
}

/// The regular files under corpus/`rel`, sorted, at most `max`.
inline std::vector<std::filesystem::path> corpus_files(std::string_view rel, std::size_t max) {
  std::vector<std::filesystem::path> out;
  std::error_code ec;
  for (const auto& e : std::filesystem::recursive_directory_iterator(corpus_path(rel), ec)) {
    if (e.is_regular_file() && e.path().filename().string().front() != '.') {
      out.push_back(e.path());
    }
  }
  std::sort(out.begin(), out.end());
  if (out.size() > max) out.resize(max);
  return out;
}

/// Deterministic pseudo-random bytes (xorshift), so runs compare.
inline std::string random_bytes(std::size_t n, std::uint64_t seed = 0x9e3779b97f4a7c15ull) {
  std::string out(n, '\0');
  for (auto& c : out) {
    seed ^= seed << 13;
    seed ^= seed >> 7;
    seed ^= seed << 17;
    c = static_cast<char>(seed >> 56);
  }
  return out;
}

/// A Context that accepts everything and keeps only counts, so the benchmark measures the
/// analyzer, not the bookkeeping.
class CountingContext final : public Context {
 public:
  void finding(Symbol, Evidence) override { ++findings; }
  void text(TextKind, std::string_view utf8) override { text_bytes += utf8.size(); }
  void link(std::string_view, std::string_view) override { ++links; }
  void fact(std::string_view, FactValue) override { ++facts; }
  Status child(ChildInfo, Bytes data) override {
    ++children;
    child_bytes += data.size();
    return Status::ok();
  }
  void anomaly(std::string_view) override { ++anomalies; }
  [[nodiscard]] const Limits& limits() const override { return limits_; }
  [[nodiscard]] bool should_stop() const override { return false; }

  Limits limits_;
  std::size_t findings = 0, text_bytes = 0, links = 0, facts = 0, children = 0, child_bytes = 0,
              anomalies = 0;
};

/// A DetectorSink that keeps the observables and counts the findings.
class CountingSink final : public DetectorSink {
 public:
  void finding(Symbol, Evidence) override { ++findings; }
  Observables& observables() override { return obs; }
  int object_id() const override { return 0; }
  Observables obs;
  std::size_t findings = 0;
};

}  // namespace lg::bench
