#include "detect/confusables.h"

#include <gtest/gtest.h>
#include <unicode/uspoof.h>

#include <memory>
#include <random>
#include <string>
#include <vector>

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

// ICU's skeleton of a whole string, with a checker of its own.
std::string icu_skeleton(std::string_view utf8) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<USpoofChecker, decltype(&uspoof_close)> sc(uspoof_open(&status), uspoof_close);
  EXPECT_TRUE(U_SUCCESS(status));
  std::vector<char> out(utf8.size() * 8 + 16);
  int32_t n = uspoof_getSkeletonUTF8(sc.get(), 0, utf8.data(), static_cast<int32_t>(utf8.size()),
                                     out.data(), static_cast<int32_t>(out.size()), &status);
  EXPECT_TRUE(U_SUCCESS(status)) << utf8;
  return std::string(out.data(), static_cast<std::size_t>(std::max(n, 0)));
}

TEST(Confusables, AsciiTableEqualsIcuOnWholeStrings) {
  // Every printable ASCII string of up to two characters (pairs catch anything ICU does
  // across a character boundary), and random ones up to 24.
  Confusables c;
  std::vector<std::string> inputs = {""};
  for (char a = ' '; a <= '~'; ++a) {
    inputs.push_back(std::string(1, a));
    for (char b = ' '; b <= '~'; ++b) inputs.push_back(std::string{a, b});
  }
  std::mt19937 rng(3);
  for (int i = 0; i < 3000; ++i) {
    std::string s;
    for (std::size_t n = 3 + rng() % 22; n > 0; --n) s += static_cast<char>(' ' + rng() % 95);
    inputs.push_back(s);
  }
  for (const std::string& s : inputs) ASSERT_EQ(c.skeleton(s), icu_skeleton(s)) << s;
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
