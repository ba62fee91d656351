#pragma once
/// Reports of earlier inputs, by the SHA-256 of their bytes, so that the same file scanned
/// again (the same attachment sent to fifty people, a folder of copies) costs a digest and a
/// lookup. What an input's report says depends only on its bytes and the engine, except for
/// the input's name: the cached report is kept without it (no name, none of the findings made
/// from it) and Scan::rename puts the new name's back. An Engine owns one; a new config makes
/// a new engine and so an empty cache.
///
/// Bounded: at most `capacity` reports, least recently used first out, and only small ones
/// (kMaxObjects objects, kMaxFindings findings, kMaxObservables observables), so the memory
/// stays a few megabytes whatever the inputs. Thread-safe.
#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "detect/view_hash.h"
#include "report/report.h"

namespace lg {

class ResultCache {
 public:
  static constexpr std::size_t kDefaultCapacity = 512;
  static constexpr std::size_t kMaxObjects = 64;
  static constexpr std::size_t kMaxFindings = 256;
  static constexpr std::size_t kMaxObservables = 256;

  explicit ResultCache(std::size_t capacity = kDefaultCapacity) : capacity_(capacity) {}

  [[nodiscard]] bool enabled() const { return capacity_ > 0; }

  /// The report kept for `sha256`, or null.
  [[nodiscard]] std::shared_ptr<const Report> find(std::string_view sha256) const;

  /// Keeps `report` (already stripped of its name) for `sha256` when it is small enough;
  /// replaces an earlier one for the same digest.
  void put(const std::string& sha256, Report report);

  /// True when `report` is small enough to keep.
  [[nodiscard]] static bool fits(const Report& report);

  [[nodiscard]] std::size_t size() const;

 private:
  using Order = std::list<std::string>;  // digests, most recently used first
  struct Entry {
    std::shared_ptr<const Report> report;
    Order::iterator position;
  };
  const std::size_t capacity_;
  mutable std::mutex mu_;
  mutable Order order_;
  std::unordered_map<std::string, Entry, ViewHash, std::equal_to<>> entries_;
};

}  // namespace lg
