#include "detect/bip39.h"

#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/charset.h"
#include "core/testing/xorshift.h"
#include "detect/text_chars.h"

namespace lg {
namespace {

std::vector<MnemonicMatch> find(const Bip39Detector& d, std::string_view text) {
  std::vector<MnemonicMatch> out;
  d.find(text, out);
  return out;
}

// find() as its contract states it, one byte at a time, without the block-wise separator
// search or the look-ahead that skips short runs: the oracle the fast path is held to.
class ReferenceFinder {
 public:
  explicit ReferenceFinder(const Bip39Detector& d) : d_(d) {
    for (std::size_t l = 0; l < 3; ++l)
      for (std::uint16_t i = 0; i < 2048; ++i)
        words_[l].emplace(std::string(d.word(static_cast<Bip39Language>(l), i)), i);
  }

  std::vector<MnemonicMatch> find(std::string_view text, std::size_t max_items = 16) const {
    std::vector<MnemonicMatch> out;
    int run_lang = -1;
    std::vector<std::uint16_t> indices;
    std::vector<std::pair<std::size_t, std::size_t>> spans;
    auto flush = [&] {
      if (indices.size() >= 12) finish(run_lang, indices, spans, out, max_items);
      indices.clear();
      spans.clear();
      run_lang = -1;
    };
    std::size_t i = 0;
    while (i < text.size() && out.size() < max_items) {
      if (std::size_t sep = separator(text, i)) {
        i += sep;
        continue;
      }
      std::size_t b = i;
      while (i < text.size() && separator(text, i) == 0) ++i;
      std::size_t e = i;
      while (b < e && std::string_view("0123456789.):-").find(text[b]) != std::string_view::npos)
        ++b;
      while (e > b && (text[e - 1] == '.' || text[e - 1] == ':')) --e;
      if (b == e) continue;
      int lang = -1;
      std::uint16_t index = 0;
      classify(text.substr(b, e - b), lang, index);
      if (lang < 0 || (run_lang >= 0 && lang != run_lang) ||
          indices.size() >= Bip39Detector::kMaxRunWords)
        flush();
      if (lang < 0) continue;
      run_lang = lang;
      indices.push_back(index);
      spans.emplace_back(b, e);
    }
    flush();
    return out;
  }

 private:
  static std::size_t separator(std::string_view s, std::size_t i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80)
      return c <= 0x20 || std::string_view(",;|\"'()[]{}<>/\x7f").find(static_cast<char>(c)) !=
                              std::string_view::npos;
    char32_t cp = 0;
    std::size_t len = text_chars::decode_utf8(s, i, cp);
    return len != 0 && text_chars::is_stop_cp(cp) ? len : 0;
  }

  void classify(std::string_view token, int& lang, std::uint16_t& index) const {
    auto lead = static_cast<unsigned char>(token[0]);
    std::string key;
    if (lead < 0x80) {
      if (token.size() < 3 || token.size() > 8) return;
      for (char c : token) {
        if (!text_chars::is_alpha(static_cast<unsigned char>(c))) return;
        key += text_chars::to_lower(c);
      }
      lang = lookup(0, key, index) ? 0 : -1;
      return;
    }
    int l = lead == 0xE3 ? 1 : (lead == 0xE1 || (lead >= 0xEA && lead <= 0xED)) ? 2 : -1;
    if (l < 0 || token.size() > 32) return;
    // Decomposed kana voicing marks and conjoining jamo are composed first.
    bool decomposed = token.find("\xE3\x82\x99") != std::string_view::npos ||
                      token.find("\xE3\x82\x9A") != std::string_view::npos;
    for (std::size_t k = 0; k + 1 < token.size(); ++k)
      decomposed |= token[k] == '\xE1' && token[k + 1] >= '\x84' && token[k + 1] <= '\x87';
    key = decomposed ? normalize_nfc(token) : std::string(token);
    lang = lookup(static_cast<std::size_t>(l), key, index) ? l : -1;
  }

  bool lookup(std::size_t l, const std::string& key, std::uint16_t& index) const {
    auto it = words_[l].find(key);
    if (it == words_[l].end()) return false;
    index = it->second;
    return true;
  }

  void finish(int lang, const std::vector<std::uint16_t>& indices,
              const std::vector<std::pair<std::size_t, std::size_t>>& spans,
              std::vector<MnemonicMatch>& out, std::size_t max_items) const {
    auto language = static_cast<Bip39Language>(lang);
    for (std::size_t i = 0; i + 12 <= indices.size() && out.size() < max_items;) {
      std::size_t found = 0;
      for (std::size_t len : {24, 21, 18, 15, 12})
        if (i + len <= indices.size() && Bip39Detector::checksum_valid(&indices[i], len)) {
          found = len;
          break;
        }
      if (found == 0) {
        ++i;
        continue;
      }
      out.push_back(MnemonicMatch{language, found, std::string(d_.word(language, indices[i])),
                                  std::string(d_.word(language, indices[i + found - 1])),
                                  spans[i].first, spans[i + found - 1].second});
      i += found;
    }
  }

  const Bip39Detector& d_;
  std::array<std::unordered_map<std::string, std::uint16_t>, 3> words_;
};

void expect_same(const std::vector<MnemonicMatch>& got, const std::vector<MnemonicMatch>& want,
                 std::string_view text) {
  ASSERT_EQ(got.size(), want.size()) << text;
  for (std::size_t k = 0; k < got.size(); ++k) {
    EXPECT_EQ(got[k].language, want[k].language) << text;
    EXPECT_EQ(got[k].words, want[k].words) << text;
    EXPECT_EQ(got[k].first_word, want[k].first_word) << text;
    EXPECT_EQ(got[k].last_word, want[k].last_word) << text;
    EXPECT_EQ(got[k].begin, want[k].begin) << text;
    EXPECT_EQ(got[k].end, want[k].end) << text;
  }
}

class Rng : public lg::testing::XorShift64 {
 public:
  Rng() : XorShift64(0x2545f4914f6cdd1dull) {}
};

// The indices of a phrase of `n` words with a valid checksum: random words, then the first
// last word that makes the checksum hold.
std::vector<std::uint16_t> valid_phrase(Rng& rng, std::size_t n) {
  std::vector<std::uint16_t> idx(n);
  for (auto& i : idx) i = static_cast<std::uint16_t>(rng.below(2048));
  for (std::uint16_t last = 0; last < 2048; ++last) {
    idx[n - 1] = last;
    if (Bip39Detector::checksum_valid(idx.data(), n)) return idx;
  }
  ADD_FAILURE() << "no checksum word";
  return idx;
}

// A phrase written in `language`, words joined by `sep`, English in random case.
std::string write_phrase(const Bip39Detector& d, Rng& rng, Bip39Language language,
                         const std::vector<std::uint16_t>& idx, std::string_view sep) {
  std::string out;
  for (std::size_t k = 0; k < idx.size(); ++k) {
    if (k > 0) out += sep;
    std::string w(d.word(language, idx[k]));
    if (language == Bip39Language::kEnglish)
      for (char& c : w)
        if (rng.below(4) == 0) c = static_cast<char>(c - 32);
    out += w;
  }
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

TEST(Bip39, PhraseLengthsPlacesAndSeparatorsMatchTheReference) {
  Bip39Detector d;
  ReferenceFinder ref(d);
  Rng rng;
  constexpr std::string_view kSeparators[] = {" ",  "  ",           "\n",           " \n\n ",  ", ",
                                              "\t", "\xE3\x80\x80", "\xE3\x80\x81", "\xC2\xA0"};
  for (Bip39Language language :
       {Bip39Language::kEnglish, Bip39Language::kJapanese, Bip39Language::kKorean})
    for (std::size_t n : {12, 15, 18, 21, 24})
      for (std::string_view sep : kSeparators) {
        std::string phrase = write_phrase(d, rng, language, valid_phrase(rng, n), sep);
        for (const std::string& text :
             {phrase, "Backup: " + phrase, phrase + "\nthanks", "x" + std::string(sep) + phrase}) {
          auto got = find(d, text);
          expect_same(got, ref.find(text), text);
          ASSERT_EQ(got.size(), 1u) << text;
          EXPECT_EQ(got[0].words, n) << text;
        }
        // Twice in a row: the second may join the first (a longer valid phrase) or not.
        const std::string twice = phrase + std::string(sep) + phrase;
        expect_same(find(d, twice), ref.find(twice), twice);
      }
}

TEST(Bip39, ANonWordAtTheTwelfthPlaceEndsTheRun) {
  Bip39Detector d;
  ReferenceFinder ref(d);
  Rng rng;
  // A non-word before word `at` (0: before the phrase, 12: after it).
  for (std::size_t at = 0; at <= 12; ++at) {
    auto idx = valid_phrase(rng, 12);
    std::string text;
    for (std::size_t k = 0; k < 12; ++k) {
      if (k == at) text += "xyzzy ";
      text += std::string(d.word(Bip39Language::kEnglish, idx[k])) + " ";
    }
    auto got = find(d, text);
    expect_same(got, ref.find(text), text);
    EXPECT_EQ(got.size(), at == 0 || at == 12 ? 1u : 0u) << text;
  }
}

TEST(Bip39, PhrasesShiftedAcrossBlockBoundaries) {
  Bip39Detector d;
  ReferenceFinder ref(d);
  Rng rng;
  for (Bip39Language language :
       {Bip39Language::kEnglish, Bip39Language::kJapanese, Bip39Language::kKorean}) {
    std::string phrase = write_phrase(d, rng, language, valid_phrase(rng, 12),
                                      language == Bip39Language::kJapanese ? "\xE3\x80\x80" : " ");
    // A prefix of every length up to two blocks moves each separator and multi-byte
    // character across the 16- and 64-byte boundaries of the separator search.
    for (std::size_t shift = 0; shift < 140; ++shift)
      for (std::string_view filler : {"a", "\xE3\x81\x82", "\xE3\x80\x80", "1"}) {
        std::string text;
        while (text.size() < shift) text += filler;
        text += " " + phrase + " ";
        auto got = find(d, text);
        expect_same(got, ref.find(text), text);
        EXPECT_EQ(got.size(), 1u) << text;
      }
  }
}

TEST(Bip39, RandomTextMatchesTheReference) {
  Bip39Detector d;
  ReferenceFinder ref(d);
  Rng rng;
  const std::vector<std::string> pieces = {
      " ",
      "  ",
      "\n",
      "\r\n",
      ", ",
      ".",
      ":",
      "1. ",
      "12) ",
      "-",
      "(",
      "/",
      "\"",
      "<",
      "{",
      "|",
      "\x7f",
      "!",
      "?",
      "@",
      "#",
      "[",
      "=",
      "_",
      "\t",
      "\xE3\x80\x80",
      "\xE3\x80\x82",
      "\xE2\x80\x94",
      "\xC2\xA0",
      "\xEF\xBC\x8C",
      "\xF0\x9F\x98\x80",
      "\xE3",
      "\x80",
      "\xFF",
      "\xE3\x80",
      "the",
      "xyzzy",
      "example.com",
      "2024",
      "abandon",
      "zoo",
      "about",
      "wrong",
      "\xE3\x81\x82\xE3\x81\x84\xE3\x81\x93\xE3\x81\x8F\xE3\x81\x97\xE3\x82\x93",
      "\xEC\x97\xB0\xEB\x9D\xBD",
      "\xE3\x81\x8B\xE3\x82\x99",
      "\xE1\x84\x80\xE1\x85\xA1"};
  for (int round = 0; round < 1500; ++round) {
    std::string text;
    const std::size_t parts = rng.below(120);
    for (std::size_t k = 0; k < parts; ++k) {
      switch (rng.below(8)) {
        case 0: {  // a whole phrase
          auto language = static_cast<Bip39Language>(rng.below(3));
          text += write_phrase(d, rng, language, valid_phrase(rng, 12 + 3 * rng.below(5)),
                               language == Bip39Language::kJapanese ? "\xE3\x80\x80" : " ");
          break;
        }
        case 1:  // a list word
          text += d.word(static_cast<Bip39Language>(rng.below(3)),
                         static_cast<std::uint16_t>(rng.below(2048)));
          break;
        case 2:  // a random byte
          text += static_cast<char>(rng.below(256));
          break;
        default:
          text += pieces[rng.below(pieces.size())];
      }
      if (rng.below(3) != 0) text += ' ';
    }
    const std::size_t max_items = 1 + rng.below(4);
    std::vector<MnemonicMatch> got;
    d.find(text, got, max_items);
    expect_same(got, ref.find(text, max_items), text);
  }
}

TEST(Bip39, EmptyAndSeparatorOnlyText) {
  Bip39Detector d;
  EXPECT_TRUE(find(d, "").empty());
  EXPECT_TRUE(find(d, std::string(200, ' ')).empty());
  EXPECT_TRUE(find(d, "1. 2. 3. 4. 5. 6. 7. 8. 9. 10. 11. 12. 13.").empty());
  std::string ideographic;
  for (int i = 0; i < 50; ++i) ideographic += "\xE3\x80\x80";
  EXPECT_TRUE(find(d, ideographic).empty());
}

}  // namespace
}  // namespace lg
