#pragma once
/// Exact search of many short patterns in a short text: brand tokens in a host name, brand
/// names in a display name (LookalikeChecker). Patterns of four bytes or more are grouped by
/// their first four bytes, three-byte patterns by their three, each grouping an open-addressed
/// table behind a bitmap that turns most text positions away with one load; a candidate's
/// first eight bytes are compared in one step. Built once, then immutable.
#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace lg {

class PrefixIndex {
 public:
  /// Shorter patterns are not indexed.
  static constexpr std::size_t kMinPattern = 3;
  /// Pattern occurrences looked at in one text.
  static constexpr std::size_t kMaxMatches = 64;

  /// Adds `pattern` under `id`; each add's id is larger than the one before.
  void add(std::string_view pattern, std::uint32_t id);
  /// Lays the patterns out for for_each; called once, after the last add.
  void build();

  /// Calls f(id, begin) for every occurrence of a pattern in `text`, by position, then by id,
  /// until f returns false or kMaxMatches occurrences have been passed to it (the position
  /// where the count is reached is finished). `patterns` holds each pattern at its id.
  template <class F>
  void for_each(std::string_view text, const std::vector<std::string>& patterns, F&& f) const;

 private:
  struct Entry {             // 16 bytes: a key's candidates share cache lines
    std::uint64_t head = 0;  // the first min(size, 8) bytes, as a text window holds them
    std::uint32_t id = 0, size = 0;
  };
  struct Slot {
    std::uint32_t key = 0;
    std::uint32_t begin = 0, end = 0;  // the key's entries; end 0: an empty slot
  };
  // The patterns whose first `width` bytes make their key.
  struct Table {
    explicit Table(std::size_t key_width) : width(key_width) {}
    std::size_t width;
    unsigned bits_log2 = 6;  // the bitmap has 2^bits_log2 bits, 16 or more per key
    std::vector<std::uint64_t> bitmap;
    std::vector<Entry> entries;  // by key, then by id
    std::vector<Slot> slots;     // open addressing by key
    [[nodiscard]] std::uint32_t bit(std::uint32_t key) const {
      return key * 0x9E3779B1u >> (32 - bits_log2);
    }
    void build();
    // The slot of `key`, or nullptr.
    [[nodiscard]] const Slot* find(std::uint32_t key) const {
      if (slots.empty()) return nullptr;
      const std::uint32_t b = bit(key);
      if ((bitmap[b / 64] >> (b % 64) & 1) == 0) return nullptr;
      const std::size_t mask = slots.size() - 1;
      for (std::size_t at = b & mask; slots[at].end != 0; at = (at + 1) & mask)
        if (slots[at].key == key) return &slots[at];
      return nullptr;
    }
  };

  // The first `width` (3 or 4) bytes of `p`, little-endian.
  static std::uint32_t key_of(const char* p, std::size_t width) {
    std::uint32_t key = 0;
    for (std::size_t i = 0; i < width; ++i)
      key |= static_cast<std::uint32_t>(static_cast<unsigned char>(p[i])) << (8 * i);
    return key;
  }
  // The bytes of an eight-byte window (read with memcpy) that a pattern of `size` bytes
  // covers, as a mask.
  static std::uint64_t head_mask(std::size_t size) {
    if (size >= 8) return ~std::uint64_t{0};
    if constexpr (std::endian::native == std::endian::little)
      return (std::uint64_t{1} << (8 * size)) - 1;
    else
      return ~std::uint64_t{0} << (8 * (8 - size));
  }

  Table three_{3};  // patterns of exactly three bytes
  Table four_{4};   // patterns of four bytes or more
};

template <class F>
void PrefixIndex::for_each(std::string_view text, const std::vector<std::string>& patterns,
                           F&& f) const {
  std::size_t found = 0;
  for (std::size_t i = 0; i + kMinPattern <= text.size() && found < kMaxMatches; ++i) {
    const char* at = text.data() + i;
    const std::size_t left = text.size() - i;
    const Slot* a = three_.find(key_of(at, 3));
    const Slot* b = left >= 4 ? four_.find(key_of(at, 4)) : nullptr;
    if (a == nullptr && b == nullptr) continue;
    std::uint64_t window = 0;
    std::memcpy(&window, at, std::min<std::size_t>(left, 8));
    // The two keys' candidates, merged by id.
    std::uint32_t ai = a ? a->begin : 0, ae = a ? a->end : 0;
    std::uint32_t bi = b ? b->begin : 0, be = b ? b->end : 0;
    while (ai < ae || bi < be) {
      const bool take_a = bi >= be || (ai < ae && three_.entries[ai].id < four_.entries[bi].id);
      const Entry& e = take_a ? three_.entries[ai++] : four_.entries[bi++];
      if (e.size > left || (window & head_mask(e.size)) != e.head) continue;
      if (e.size > 8 && std::memcmp(patterns[e.id].data() + 8, at + 8, e.size - 8) != 0) continue;
      ++found;
      if (!f(e.id, i)) return;
    }
  }
}

}  // namespace lg
