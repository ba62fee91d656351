#include "detect/prefix_index.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <utility>
#include <vector>

namespace lg {
namespace {

using Occurrences = std::vector<std::pair<std::uint32_t, std::size_t>>;  // (id, begin)

// Every occurrence by position, then by id, as for_each promises, counted the same way.
Occurrences direct(std::string_view text, const std::vector<std::string>& patterns) {
  Occurrences out;
  for (std::size_t i = 0; i < text.size() && out.size() < PrefixIndex::kMaxMatches; ++i)
    for (std::uint32_t id = 0; id < patterns.size(); ++id) {
      const std::string& p = patterns[id];
      if (p.size() >= PrefixIndex::kMinPattern && text.substr(i).starts_with(p))
        out.emplace_back(id, i);
    }
  return out;
}

Occurrences indexed(const PrefixIndex& index, std::string_view text,
                    const std::vector<std::string>& patterns) {
  Occurrences out;
  index.for_each(text, patterns, [&](std::uint32_t id, std::size_t begin) {
    out.emplace_back(id, begin);
    return true;
  });
  return out;
}

TEST(PrefixIndex, FindsWhatADirectSearchFinds) {
  // Patterns of every length from 2 to 20 over a small alphabet, so that many share their
  // first three or four bytes; some of three bytes are prefixes of longer ones.
  std::mt19937 rng(5);
  auto random_string = [&](std::size_t n) {
    std::string s;
    for (std::size_t i = 0; i < n; ++i) s += "abc.-"[rng() % 5];
    return s;
  };
  std::vector<std::string> patterns;
  PrefixIndex index;
  for (std::uint32_t id = 0; id < 400; ++id) {
    patterns.push_back(random_string(2 + rng() % 19));
    index.add(patterns.back(), id);
  }
  index.build();
  for (int round = 0; round < 2000; ++round) {
    std::string text = random_string(rng() % 40);
    if (round % 3 == 0) {  // a pattern inside, at the very end, or cut short
      const std::string& p = patterns[rng() % patterns.size()];
      text += round % 2 ? p : p.substr(0, p.size() - 1);
    }
    ASSERT_EQ(indexed(index, text, patterns), direct(text, patterns)) << text;
  }
}

TEST(PrefixIndex, StopsWhereTheCallerSays) {
  std::vector<std::string> patterns = {"abc", "abcd", "bcd", "abcdefghij"};
  PrefixIndex index;
  for (std::uint32_t id = 0; id < patterns.size(); ++id) index.add(patterns[id], id);
  index.build();
  Occurrences seen;
  index.for_each("xabcdefghij", patterns, [&](std::uint32_t id, std::size_t begin) {
    seen.emplace_back(id, begin);
    return id != 1;  // stop at "abcd"
  });
  EXPECT_EQ(seen, (Occurrences{{0, 1}, {1, 1}}));
  EXPECT_EQ(indexed(index, "xabcdefghij", patterns), (Occurrences{{0, 1}, {1, 1}, {3, 1}, {2, 2}}));
  EXPECT_TRUE(indexed(index, "ab", patterns).empty());
  EXPECT_TRUE(indexed(PrefixIndex(), "abcd", patterns).empty());
}

TEST(PrefixIndex, CountsAtMostTheCapOfOccurrences) {
  std::vector<std::string> patterns = {"aaa", "aaaa"};
  PrefixIndex index;
  index.add(patterns[0], 0);
  index.add(patterns[1], 1);
  index.build();
  const std::string text(200, 'a');
  // Two at each position: the position where the cap is reached is finished.
  EXPECT_EQ(indexed(index, text, patterns), direct(text, patterns));
  EXPECT_EQ(indexed(index, text, patterns).size(), PrefixIndex::kMaxMatches);
}

}  // namespace
}  // namespace lg
