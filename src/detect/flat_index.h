#pragma once
/// A hash index over entries kept elsewhere (a vector of strings or of records with a string
/// key), for sets and maps looked up once per domain or URL: open addressing over 64-bit slots
/// (32-bit key hash << 32 | entry + 1; 0 marks an empty slot), at most half full, so that a
/// lookup is one probe sequence in one array and a miss rarely reads a key. The keys are read
/// through the caller's key_of(entry); the index never owns them.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lg {

class FlatIndex {
 public:
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);

  [[nodiscard]] static std::uint32_t hash(std::string_view key) {
    const std::size_t h = std::hash<std::string_view>{}(key);
    return static_cast<std::uint32_t>(h ^ (static_cast<std::uint64_t>(h) >> 32));
  }

  /// The entry whose key is `key` (hashing to `h`), or npos. key_of(entry) gives an entry's key.
  template <class KeyOf>
  [[nodiscard]] std::size_t find(std::string_view key, std::uint32_t h, KeyOf&& key_of) const {
    if (slots_.empty()) return npos;
    const std::size_t mask = slots_.size() - 1;
    // The table is at most half full: the probe ends at an empty slot.
    for (std::size_t i = h & mask;; i = (i + 1) & mask) {
      const std::uint64_t s = slots_[i];
      if (s == 0) return npos;
      const std::size_t entry = static_cast<std::uint32_t>(s) - 1;
      if (static_cast<std::uint32_t>(s >> 32) == h && std::string_view(key_of(entry)) == key)
        return entry;
    }
  }

  /// Indexes `entry` (below 2^32 - 1), whose key hashes to `h` and is not indexed yet.
  void insert(std::uint32_t h, std::size_t entry) {
    if ((used_ + 1) * 2 > slots_.size()) grow();
    place(static_cast<std::uint64_t>(h) << 32 | static_cast<std::uint64_t>(entry + 1));
    ++used_;
  }

  /// Forgets every entry, keeping the table's memory.
  void clear() {
    if (used_ == 0) return;
    std::fill(slots_.begin(), slots_.end(), 0);
    used_ = 0;
  }

  [[nodiscard]] std::size_t size() const { return used_; }

 private:
  void place(std::uint64_t slot) {
    const std::size_t mask = slots_.size() - 1;
    std::size_t i = static_cast<std::uint32_t>(slot >> 32) & mask;
    while (slots_[i] != 0) i = (i + 1) & mask;
    slots_[i] = slot;
  }
  void grow() {
    std::vector<std::uint64_t> old =
        std::exchange(slots_, std::vector<std::uint64_t>(slots_.empty() ? 16 : slots_.size() * 2));
    for (std::uint64_t s : old)
      if (s != 0) place(s);
  }

  std::vector<std::uint64_t> slots_;  // size a power of two
  std::size_t used_ = 0;
};

/// A memo of results by string key, at most `max_entries` of them: emptied when full (the
/// same few keys recur; a new stream of keys fills it again). Entries keep their memory when
/// emptied, so that a key and a result are copied into place without allocating once the
/// memo has filled. One per thread (thread_local): not synchronized.
template <class Value>
class FlatCache {
 public:
  explicit FlatCache(std::size_t max_entries) : max_entries_(max_entries) {}

  /// The result kept for `key` (hashing to `h`, FlatIndex::hash), or nullptr.
  [[nodiscard]] const Value* find(std::string_view key, std::uint32_t h) const {
    std::size_t e = index_.find(
        key, h, [this](std::size_t i) -> std::string_view { return entries_[i].first; });
    return e == FlatIndex::npos ? nullptr : &entries_[e].second;
  }

  /// Keeps `value` for `key` (hashing to `h`, not kept yet).
  void put(std::string_view key, std::uint32_t h, const Value& value) {
    if (used_ >= max_entries_) clear();
    if (used_ == entries_.size()) entries_.emplace_back();
    entries_[used_].first.assign(key);
    entries_[used_].second = value;
    index_.insert(h, used_++);
  }

  void clear() {
    index_.clear();
    used_ = 0;
  }

 private:
  std::size_t max_entries_;
  FlatIndex index_;
  std::vector<std::pair<std::string, Value>> entries_;  // [0, used_) in use
  std::size_t used_ = 0;
};

}  // namespace lg
