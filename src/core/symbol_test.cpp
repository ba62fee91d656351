#include "core/symbol.h"

#include <gtest/gtest.h>

#include <cctype>
#include <set>
#include <string>

namespace lg {
namespace {

TEST(SymbolTable, NamesAreUniqueUpperSnakeAndIndexed) {
  std::set<std::string_view> names;
  std::size_t i = 0;
  for (const auto& s : symbol_table()) {
    EXPECT_EQ(static_cast<std::size_t>(s.symbol), i++) << s.name;
    EXPECT_TRUE(names.insert(s.name).second) << "duplicate " << s.name;
    for (char c : s.name) EXPECT_TRUE(std::isupper(c) || std::isdigit(c) || c == '_') << s.name;
    EXPECT_FALSE(s.group.empty()) << s.name;
    EXPECT_FALSE(s.description.empty()) << s.name;
  }
  EXPECT_GT(names.size(), 5u);
}

TEST(SymbolTable, LookupByName) {
  auto s = symbol_by_name("FILENAME_RTLO");
  ASSERT_TRUE(s.has_value());
  EXPECT_EQ(symbol_info(*s).name, "FILENAME_RTLO");
  EXPECT_EQ(symbol_info(*s).score, 15);
  EXPECT_FALSE(symbol_by_name("NO_SUCH_SYMBOL").has_value());
}

TEST(SymbolTable, AttackIdsSplit) {
  SymbolInfo info{Symbol::PARSE_ANOMALY, "X", "g", 1, "T1027, T1566.001", "d"};
  auto ids = attack_ids(info);
  ASSERT_EQ(ids.size(), 2u);
  EXPECT_EQ(ids[0], "T1027");
  EXPECT_EQ(ids[1], "T1566.001");
  info.attack = "";
  EXPECT_TRUE(attack_ids(info).empty());
}

}  // namespace
}  // namespace lg
