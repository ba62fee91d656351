#include "core/utf8.h"

#include <gtest/gtest.h>

namespace lg {
namespace {

Bytes u16(std::initializer_list<unsigned> units) {
  Bytes b;
  for (unsigned u : units) {
    b.push_back(static_cast<std::uint8_t>(u & 0xFF));
    b.push_back(static_cast<std::uint8_t>(u >> 8));
  }
  return b;
}

TEST(Utf16, BasicPairsAndDamage) {
  EXPECT_EQ(utf16le_to_utf8(u16({'R', 'o', 'o', 't'})), "Root");
  EXPECT_EQ(utf16le_to_utf8(u16({0x6587, 0x66F8})), "\xe6\x96\x87\xe6\x9b\xb8");  // 文書
  EXPECT_EQ(utf16le_to_utf8(u16({0xD83D, 0xDE00})), "\xf0\x9f\x98\x80");          // U+1F600
  EXPECT_EQ(utf16le_to_utf8(u16({0xD83D, 'x'})), "\xef\xbf\xbdx");                // lone high
  EXPECT_EQ(utf16le_to_utf8(u16({0xDE00})), "\xef\xbf\xbd");                      // lone low
  Bytes odd = u16({'a'});
  odd.push_back('b');
  EXPECT_EQ(utf16le_to_utf8(odd), "a\xef\xbf\xbd");
  EXPECT_EQ(utf16le_to_utf8(u16({'a', 0, 'b'}), true), "a");
  EXPECT_EQ(utf16le_to_utf8(u16({'a', 0, 'b'}), false), std::string("a\0b", 3));
  EXPECT_EQ(utf16le_to_utf8({}), "");
}

TEST(Utf8, DecoderAndEncoderAgree) {
  for (char32_t cp : {0x41u, 0xE9u, 0x3042u, 0xFFFDu, 0x1F600u, 0x10FFFFu}) {
    std::string s;
    append_utf8(s, cp);
    auto c = next_utf8_char(s, 0);
    EXPECT_TRUE(c.valid);
    EXPECT_EQ(c.cp, cp);
    EXPECT_EQ(c.len, s.size());
    EXPECT_TRUE(is_valid_utf8(s));
  }
  EXPECT_FALSE(is_valid_utf8("\xed\xa0\x80"));  // a surrogate
  EXPECT_EQ(repair_utf8("a\xc3(b"), "a\xef\xbf\xbd(b");
}

}  // namespace
}  // namespace lg
