#include "detect/edit_distance.h"

#include <gtest/gtest.h>

#include <string>

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

}  // namespace
}  // namespace lg
