#include "detect/edit_distance.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

namespace lg {
namespace {

TEST(EditDistance, OptimalStringAlignment) {
  EXPECT_EQ(osa_distance("coinbase", "coinbase", 2), 0u);
  EXPECT_EQ(osa_distance("coinbase", "coinbese", 2), 1u);  // substitution
  EXPECT_EQ(osa_distance("coinbase", "coinbas", 2), 1u);   // deletion
  EXPECT_EQ(osa_distance("binance", "binnance", 2), 1u);   // insertion
  EXPECT_EQ(osa_distance("binance", "biannce", 2), 1u);    // transposition
  EXPECT_EQ(osa_distance("kraken", "karken", 2), 1u);
  EXPECT_EQ(osa_distance("ca", "abc", 5), 3u);  // OSA, not full Damerau (which gives 2)
  EXPECT_EQ(osa_distance("", "abc", 5), 3u);
  EXPECT_EQ(osa_distance("abc", "", 5), 3u);
}

TEST(EditDistance, StopsPastTheBound) {
  EXPECT_EQ(osa_distance("coinbase", "linkedin", 2), 3u);
  EXPECT_EQ(osa_distance("a", "abcdef", 2), 3u);  // length difference alone
  EXPECT_EQ(osa_distance("upbit", "bybit", 1), 2u);
  std::string long_a(65, 'a'), long_b(65, 'a');
  EXPECT_EQ(osa_distance(long_a, long_b, 1), 2u);  // over kMaxEditLength: far
  EXPECT_EQ(osa_distance(std::string(64, 'a'), std::string(64, 'a'), 1), 0u);
}

// The whole (m+1) x (n+1) table of the OSA programme, without bound or band, for comparison.
std::size_t full_osa(std::string_view a, std::string_view b) {
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i)
    for (std::size_t j = 1; j <= b.size(); ++j) {
      d[i][j] = std::min(
          {d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[a.size()][b.size()];
}

// The banded, bounded programme gives min(distance, bound + 1) for every pair: random strings
// over small alphabets (many near pairs, swaps and repeats), of every length up to 14, and
// edits of a string of the longest length measured.
TEST(EditDistance, BandedEqualsTheWholeTable) {
  std::mt19937 rng(7);
  auto random_string = [&](std::size_t n, int letters) {
    std::string s;
    for (std::size_t i = 0; i < n; ++i) s += static_cast<char>('a' + rng() % letters);
    return s;
  };
  for (int round = 0; round < 20'000; ++round) {
    const int letters = 2 + round % 4;
    std::string a = random_string(rng() % 15, letters);
    std::string b = rng() % 2 ? random_string(rng() % 15, letters) : a;
    for (int e = rng() % 4; e > 0 && !b.empty(); --e) b[rng() % b.size()] = 'a';  // near pairs
    const std::size_t want = full_osa(a, b);
    for (std::size_t bound = 0; bound <= 5; ++bound)
      ASSERT_EQ(osa_distance(a, b, bound), std::min(want, bound + 1))
          << a << " " << b << " bound " << bound;
  }
  std::string longest = random_string(kMaxEditLength, 3);
  for (int round = 0; round < 200; ++round) {
    std::string b = longest;
    for (int e = rng() % 4; e > 0; --e) {
      std::size_t at = rng() % b.size();
      if (rng() % 2)
        b.erase(at, 1);
      else
        std::swap(b[at], b[(at + 1) % b.size()]);
    }
    for (std::size_t bound = 0; bound <= 4; ++bound)
      ASSERT_EQ(osa_distance(longest, b, bound), std::min(full_osa(longest, b), bound + 1));
  }
}

}  // namespace
}  // namespace lg
