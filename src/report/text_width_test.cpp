#include "report/text_width.h"

#include <gtest/gtest.h>
#include <unicode/uchar.h>

#include <string>
#include <utility>

namespace lg {
namespace {

TEST(TextWidth, AsciiAndLatinCountOne) {
  EXPECT_EQ(display_width(""), 0u);
  EXPECT_EQ(display_width("hello"), 5u);
  EXPECT_EQ(display_width("café"), 4u);
  EXPECT_EQ(display_width("e\u0301"), 1u);                   // e + combining acute
  EXPECT_EQ(display_width("\u2502\u2514\u2500\u2026"), 4u);  // box drawing, ellipsis
}

TEST(TextWidth, EastAsianWideCountTwo) {
  EXPECT_EQ(display_width("한국어"), 6u);             // Hangul syllables
  EXPECT_EQ(display_width("ㄱㅏ"), 4u);               // Hangul compatibility jamo
  EXPECT_EQ(display_width("履歴書"), 6u);             // CJK ideographs
  EXPECT_EQ(display_width("ひらがなカタカナ"), 16u);  // kana
  EXPECT_EQ(display_width("ＡＢＣ１"), 8u);           // fullwidth forms
  EXPECT_EQ(display_width("【採用】"), 8u);           // CJK brackets
  EXPECT_EQ(display_width("\u3000"), 2u);             // ideographic space
  EXPECT_EQ(display_width("\U00020BB7"), 2u);         // CJK Extension B
  EXPECT_EQ(display_width("\U0001F600"), 2u);         // emoji
  EXPECT_EQ(display_width("ｱｲｳ"), 3u);                // halfwidth katakana stay narrow
  EXPECT_EQ(display_width("a한b"), 4u);
}

// The wide table agrees with ICU's East_Asian_Width over the scripts the lures are written in.
TEST(TextWidth, AgreesWithIcuOnEastAsianScripts) {
  const std::pair<char32_t, char32_t> blocks[] = {
      {0x1100, 0x115F}, {0x2E80, 0x33FF}, {0x3400, 0x4DBF},   {0x4E00, 0x9FFF}, {0xAC00, 0xD7A3},
      {0xF900, 0xFAFF}, {0xFF00, 0xFFEF}, {0x20000, 0x2A6DF}, {0x0020, 0x024F}, {0x0400, 0x04FF}};
  int checked = 0;
  for (const auto& [lo, hi] : blocks) {
    for (char32_t cp = lo; cp <= hi; ++cp) {
      const int8_t gc = u_charType(cp);
      if (gc == U_UNASSIGNED || gc == U_NON_SPACING_MARK || gc == U_ENCLOSING_MARK ||
          gc == U_CONTROL_CHAR)
        continue;
      const int eaw = u_getIntPropertyValue(cp, UCHAR_EAST_ASIAN_WIDTH);
      const int expected = (eaw == U_EA_WIDE || eaw == U_EA_FULLWIDTH) ? 2 : 1;
      EXPECT_EQ(char_width(cp), expected) << std::hex << static_cast<unsigned>(cp);
      ++checked;
    }
  }
  EXPECT_GT(checked, 60000);
}

TEST(TextWidth, IllFormedCountsAsReplacement) {
  EXPECT_EQ(display_width("\xFF\xFE"), 2u);
  EXPECT_EQ(truncate_to_width("a\xFF", 10), "a\uFFFD");
}

TEST(TextWidth, TruncateKeepsWholeCharactersAndFits) {
  EXPECT_EQ(truncate_to_width("short", 10), "short");
  EXPECT_EQ(truncate_to_width("exactly10!", 10), "exactly10!");
  EXPECT_EQ(truncate_to_width("abcdefghijk", 10), "abcdefghi\u2026");
  // 9 columns of room before the ellipsis: four 2-column syllables, never half of one.
  EXPECT_EQ(truncate_to_width("가나다라마바사", 10), "가나다라\u2026");
  EXPECT_EQ(display_width(truncate_to_width("가나다라마바사", 10)), 9u);
  EXPECT_EQ(truncate_to_width("가나다라마바사", 1), "\u2026");
  EXPECT_EQ(truncate_to_width("abc", 0), "");
  for (std::size_t cols = 1; cols < 30; ++cols) {
    const std::string t = truncate_to_width("採用a職務b経歴c書のご確認をお願い申し上げます", cols);
    EXPECT_LE(display_width(t), cols) << cols;
  }
}

TEST(TextWidth, HiddenCharacters) {
  EXPECT_TRUE(is_hidden_char(0x202E));
  EXPECT_TRUE(is_hidden_char(0x202D));
  EXPECT_TRUE(is_hidden_char(0x2066));
  EXPECT_TRUE(is_hidden_char(0x200F));
  EXPECT_TRUE(is_hidden_char(0x200B));
  EXPECT_TRUE(is_hidden_char(0xFEFF));
  EXPECT_TRUE(is_hidden_char(0x1B));
  EXPECT_TRUE(is_hidden_char(0x85));
  EXPECT_FALSE(is_hidden_char('a'));
  EXPECT_FALSE(is_hidden_char(0xAC00));
  EXPECT_FALSE(is_hidden_char(0x2026));
}

TEST(TextWidth, MakeVisible) {
  EXPECT_EQ(make_visible("cv\u202Efdp.lnk"), "cv<U+202E>fdp.lnk");
  EXPECT_EQ(make_visible("\x1b[31mred"), "<U+001B>[31mred");
  EXPECT_EQ(make_visible("a\tb\nc\r"), "a b c ");
  EXPECT_EQ(make_visible("x\u2066y\u2069"), "x<U+2066>y<U+2069>");
  EXPECT_EQ(make_visible("\xC2\x85"), "<U+0085>");  // NEL (C1)
  EXPECT_EQ(make_visible("ok \xFF"), "ok \uFFFD");
  EXPECT_EQ(make_visible("채용"), "채용");
}

}  // namespace
}  // namespace lg
