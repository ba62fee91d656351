#include "detect/prefix_index.h"

namespace lg {

void PrefixIndex::add(std::string_view pattern, std::uint32_t id) {
  if (pattern.size() < kMinPattern) return;
  Entry e;
  e.id = id;
  e.size = static_cast<std::uint32_t>(pattern.size());
  std::memcpy(&e.head, pattern.data(), std::min<std::size_t>(pattern.size(), 8));
  (pattern.size() == 3 ? three_ : four_).entries.push_back(e);
}

void PrefixIndex::build() {
  three_.build();
  four_.build();
}

void PrefixIndex::Table::build() {
  if (entries.empty()) return;
  auto key = [this](const Entry& e) {
    char head[8];
    std::memcpy(head, &e.head, 8);
    return key_of(head, width);
  };
  std::stable_sort(entries.begin(), entries.end(),
                   [&](const Entry& a, const Entry& b) { return key(a) < key(b); });
  std::size_t keys = 0;
  for (std::size_t i = 0; i < entries.size(); ++i)
    keys += i == 0 || key(entries[i]) != key(entries[i - 1]);
  std::size_t size = 1;
  while (size < keys * 2) size <<= 1;  // at most half full
  slots.assign(size, Slot{});
  while (bits_log2 < 30 && (std::size_t{1} << bits_log2) < keys * 16) ++bits_log2;
  bitmap.assign((std::size_t{1} << bits_log2) / 64, 0);
  const std::size_t mask = slots.size() - 1;
  for (std::size_t i = 0; i < entries.size();) {
    const std::uint32_t k = key(entries[i]);
    std::size_t end = i;
    while (end < entries.size() && key(entries[end]) == k) ++end;
    const std::uint32_t b = bit(k);
    bitmap[b / 64] |= std::uint64_t{1} << (b % 64);
    std::size_t at = b & mask;
    while (slots[at].end != 0) at = (at + 1) & mask;
    slots[at] = Slot{k, static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(end)};
    i = end;
  }
}

}  // namespace lg
