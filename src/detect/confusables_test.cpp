#include "detect/confusables.h"

#include <gtest/gtest.h>

namespace lg {
namespace {

TEST(Confusables, SkeletonsOfLookAlikes) {
  Confusables c;
  EXPECT_EQ(c.skeleton("coinbase"), c.skeleton("coinb\xD0\xB0se"));  // Cyrillic а
  EXPECT_EQ(c.skeleton("metamask"), c.skeleton("rnetarnask"));       // rn for m
  EXPECT_EQ(c.skeleton("paypal"), c.skeleton("\xD1\x80\xD0\xB0\xD1\x83\xD1\x80\xD0\xB0l"));
  EXPECT_EQ(c.skeleton("blnance"), c.skeleton("b1nance"));  // l and 1
  EXPECT_NE(c.skeleton("coinbase"), c.skeleton("coinbose"));
  EXPECT_EQ(c.skeleton(""), "");
  EXPECT_EQ(c.skeleton(std::string(Confusables::kMaxInputBytes + 1, 'a')), "");
}

TEST(Confusables, AsciiTableAgreesWithIcu) {
  // The ASCII fast path must give what ICU gives for the same string with one non-ASCII
  // character appended (which sends it through ICU), minus that character's skeleton.
  Confusables c;
  const std::string ascii = "0O1lI|rnm-_.w vv";
  const std::string mark = "\xC3\xA9";  // é: NFD e + U+0301, skeleton keeps both
  std::string via_icu = c.skeleton(ascii + mark);
  std::string tail = c.skeleton(mark);
  ASSERT_GE(via_icu.size(), tail.size());
  EXPECT_EQ(via_icu.substr(0, via_icu.size() - tail.size()), c.skeleton(ascii));
}

TEST(Confusables, MixedScriptPerHighlyRestrictive) {
  Confusables c;
  EXPECT_TRUE(c.mixed_script("coinb\xD0\xB0se"));  // Latin + Cyrillic
  EXPECT_TRUE(c.mixed_script("g\xCE\xBFogle"));    // Latin + Greek ο
  EXPECT_FALSE(c.mixed_script("coinbase"));
  EXPECT_FALSE(c.mixed_script("\xD0\xBF\xD1\x80\xD0\xB8\xD0\xBC\xD0\xB5\xD1\x80"));  // пример
  // Japanese mixes Han, Hiragana, Katakana and Latin; Korean Hangul with Han: allowed.
  EXPECT_FALSE(c.mixed_script("日本のサイトabc"));
  EXPECT_FALSE(c.mixed_script("한국銀行"));
  EXPECT_TRUE(c.mixed_script("한국\xD0\xB0"));  // Hangul + Cyrillic
  EXPECT_EQ(Confusables::script_names("coinb\xD0\xB0se-1"), "Latin+Cyrillic");
}

}  // namespace
}  // namespace lg
