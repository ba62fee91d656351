#include "detect/bip39.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace lg {
namespace {

std::vector<MnemonicMatch> find(const Bip39Detector& d, std::string_view text) {
  std::vector<MnemonicMatch> out;
  d.find(text, out);
  return out;
}

// Trezor's python-mnemonic vectors.json (the BIP-39 reference test vectors), English.
TEST(Bip39, EnglishReferenceVectors) {
  Bip39Detector d;
  for (const char* phrase :
       {"abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon "
        "about",
        "legal winner thank year wave sausage worth useful legal winner thank yellow",
        "letter advice cage absurd amount doctor acoustic avoid letter advice cage above",
        "zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo wrong",
        "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon "
        "abandon abandon abandon abandon abandon abandon agent",
        "zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo when",
        "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon "
        "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon "
        "abandon art",
        "zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo "
        "zoo "
        "vote",
        "ozone drill grab fiber curtain grace pudding thank cruise elder eight picnic",
        "scheme spot photo card baby mountain device kick cradle pact join borrow",
        "hamster diagram private dutch cause delay private meat slide toddler razor book happy "
        "fancy gospel tennis maple dilemma loan word shrug inflict delay length"}) {
    auto m = find(d, phrase);
    ASSERT_EQ(m.size(), 1u) << phrase;
    EXPECT_EQ(m[0].language, Bip39Language::kEnglish);
    EXPECT_EQ(m[0].begin, 0u);
    EXPECT_EQ(m[0].end, std::string_view(phrase).size()) << phrase;
  }
}

TEST(Bip39, WrongChecksumIsProse) {
  Bip39Detector d;
  // The last word of the first vector changed: same words, checksum broken.
  EXPECT_TRUE(find(d,
                   "abandon abandon abandon abandon abandon abandon abandon abandon abandon "
                   "abandon abandon abandon")
                  .empty());
  EXPECT_TRUE(
      find(d, "legal winner thank year wave sausage worth useful legal winner thank").empty());
}

// bip32JP's Japanese vectors: entropy 00..00 and 7f..7f, words joined by U+3000.
TEST(Bip39, JapaneseWithIdeographicSpaces) {
  Bip39Detector d;
  std::string phrase;
  for (int i = 0; i < 11; ++i) phrase += "あいこくしん\u3000";
  phrase += "あおぞら";
  auto m = find(d, "復元フレーズ：" + phrase + "です");
  ASSERT_EQ(m.size(), 0u);  // "あおぞらです" runs on: not a listed word
  m = find(d, "復元フレーズ：" + phrase + "\u3000です");
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].language, Bip39Language::kJapanese);
  EXPECT_EQ(m[0].first_word, "あいこくしん");
  EXPECT_EQ(m[0].last_word, "あおぞら");
  m = find(d,
           "そつう　れきだい　ほんやく　わかす　りくつ　ばいか　ろせん　やちん　そつう　れきだい　"
           "ほんやく　わかめ");
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].words, 12u);
}

TEST(Bip39, KoreanAndDecomposedInput) {
  Bip39Detector d;
  auto m = find(d, "원고 물질 생일 부산 마요네즈 생활 일찍 큰절 동화책 반성 반드시 의식");
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].language, Bip39Language::kKorean);
  // The same phrase as the python3-mnemonic list writes it (NFKD jamo) is found too.
  std::string nfkd;
  std::string_view list = bip39_wordlist_text(Bip39Language::kKorean);
  std::string_view first = list.substr(0, list.find('\n'));  // 가격, decomposed
  for (int i = 0; i < 11; ++i) nfkd += std::string(first) + " ";
  nfkd += "가능";
  m = find(d, nfkd);
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].first_word, "가격");
}

TEST(Bip39, NumberedListsCapitalsAndSurroundingProse) {
  Bip39Detector d;
  auto m = find(d,
                "Your wallet backup:\n1. Legal 2. winner 3. thank 4. year 5. wave 6. sausage\n"
                "7. worth 8. useful 9. legal 10. winner 11. thank 12. yellow\nKeep it safe.");
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].first_word, "legal");
  EXPECT_EQ(m[0].last_word, "yellow");
  EXPECT_EQ(m[0].words, 12u);
  // Ordinary prose made of list words is not a phrase.
  EXPECT_TRUE(find(d,
                   "The board will review the budget and approve the annual plan after the "
                   "meeting with every member of the team in the office on Monday")
                  .empty());
}

TEST(Bip39, LongRunsStayLinear) {
  Bip39Detector d;
  std::string text;
  for (int i = 0; i < 50'000; ++i) text += "abandon ";
  std::vector<MnemonicMatch> out;
  d.find(text, out, 16);
  EXPECT_LE(out.size(), 16u);
}

TEST(Bip39, ChecksumBits) {
  std::uint16_t zero12[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3};  // ... about
  EXPECT_TRUE(Bip39Detector::checksum_valid(zero12, 12));
  zero12[11] = 4;
  EXPECT_FALSE(Bip39Detector::checksum_valid(zero12, 12));
  EXPECT_FALSE(Bip39Detector::checksum_valid(zero12, 11));
}

}  // namespace
}  // namespace lg
