#include "detect/lexicon.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <unistd.h>

#include "core/charset.h"
#include "detect/lexicon_text.h"

namespace lg {
namespace {

std::string norm(std::string_view s, TextKind kind = TextKind::kBody) {
  NormalizedText n;
  normalize_lexicon_text(s, kind, n);
  return n.text;
}

// The phrases (as written) that `text` matches.
std::vector<std::string> matches(const Lexicon& lex, std::string_view text,
                                 TextKind kind = TextKind::kBody) {
  auto scratch = lex.make_scratch();
  EXPECT_TRUE(scratch.has_value());
  NormalizedText n;
  normalize_lexicon_text(text, kind, n);
  EXPECT_TRUE(lex.scan(n, *scratch).is_ok());
  std::vector<std::string> out;
  for (auto id : scratch->hits()) out.push_back(lex.phrase(id).text);
  std::sort(out.begin(), out.end());
  return out;
}

Lexicon make(std::string_view name, std::string_view text) {
  const std::array<LexiconSource, 1> src = {{{name, text}}};
  auto lex = Lexicon::from_sources(src);
  EXPECT_TRUE(lex.has_value()) << lex.status().to_string();
  return std::move(lex).value();
}

using Strings = std::vector<std::string>;

TEST(LexiconText, FoldsCaseWidthAndSpace) {
  EXPECT_EQ(norm("  Job\tDESCRIPTION\r\n\r\n here "), "job description here");
  EXPECT_EQ(norm("ＥＮＡＢＬＥ　Ｃｏｎｔｅｎｔ"), "enable content");
  EXPECT_EQ(norm("ｺﾝﾃﾝﾂの有効化"), "コンテンツの有効化");
  EXPECT_EQ(norm("don\u2019t share"), "don't share");
  EXPECT_EQ(norm("Job_Description-v2.pdf", TextKind::kFilename), "job description v2 pdf");
  EXPECT_EQ(norm("Job_Description.pdf"), "job_description.pdf");
}

TEST(LexiconText, JoinsHangulAndCjkOnly) {
  NormalizedText n;
  normalize_lexicon_text("입사 지원서 를\n 보내 주세요 (PDF 파일)", TextKind::kBody, n);
  EXPECT_EQ(n.text, "입사지원서를보내주세요 (pdf 파일)");
  EXPECT_EQ(n.joins.size(), 4u);
  EXPECT_EQ(norm("採用 面接 の ご案内"), "採用面接のご案内");
  EXPECT_EQ(norm("한국 abc 日本"), "한국 abc 日本");
}

std::string utf8_of(char32_t cp) {
  std::string s;
  if (cp < 0x800) {
    s += static_cast<char>(0xC0 | (cp >> 6));
  } else {
    s += static_cast<char>(0xE0 | (cp >> 12));
    s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
  }
  s += static_cast<char>(0x80 | (cp & 0x3F));
  return s;
}

TEST(LexiconText, StableCharactersAreTheirOwnNfkcCasefold) {
  // The characters normalization passes through without ICU: ICU agrees, one by one.
  std::size_t stable = 0;
  for (char32_t cp = 0x80; cp < 0xD800; ++cp) {
    if (!nfkc_casefold_stable(cp)) continue;
    ++stable;
    const std::string s = utf8_of(cp);
    ASSERT_EQ(normalize_nfkc_casefold(s), s) << std::hex << static_cast<unsigned>(cp);
    // The fast path tells their Hangul/CJK from their punctuation by this bound.
    ASSERT_EQ(is_cjk_or_hangul(cp), cp >= 0x3040) << std::hex << static_cast<unsigned>(cp);
  }
  EXPECT_GT(stable, 30'000u);
  // Lines of them and ASCII give what ICU gives for the whole line.
  for (std::string_view line :
       {"お世話になっております。Meeting 「第3四半期」", "안녕하세요. PDF 파일을 보내드립니다",
        "カタカナー\u3099", "ｶﾀｶﾅ and 한국", "が\xE3\x82\x99 か\xE3\x82\x99"}) {
    std::string want = normalize_nfkc_casefold(line);
    EXPECT_EQ(norm(line), norm(want)) << line;
  }
}

// The fast paths of normalize_lexicon_text (sixteen ASCII bytes at a time, runs of stable
// characters, spaces next to Hangul/CJK) give what every line through ICU gives.
void expect_same_as_by_lines(std::string_view text, TextKind kind = TextKind::kBody) {
  NormalizedText fast, by_lines;
  fast.text = "left over from before";
  fast.joins = {1, 2};
  normalize_lexicon_text(text, kind, fast);
  normalize_lexicon_text_by_lines(text, kind, by_lines);
  ASSERT_EQ(fast.text, by_lines.text) << testing::PrintToString(std::string(text));
  ASSERT_EQ(fast.joins, by_lines.joins) << testing::PrintToString(std::string(text));
}

TEST(LexiconText, FastPathsAgreeWithIcuOnEdges) {
  const std::string ko = "\uD55C\uAD6D", ja = "\u65E5\u672C\u8A9E";  // 한국 日本語
  std::vector<std::string> texts = {
      "",
      " ",
      "\n",
      "   \t\r\n  ",
      "a",
      "A b",
      " Abc",
      "Abc ",
      "x  y",
      "x \n y",
      "Sixteen byte blk",
      "Sixteen byte blk ",
      " Sixteen byte blk",
      "Sixteen  byte bl",
      "THE QUICK BROWN FOX JUMPS OVER THE LAZY DOG, then @[`{ ]}~ \x7f\x01\x1f end",
      ko + " " + ko + " " + ko,
      ja + " " + ja + "\n" + ja,
      ko + " abc " + ko,
      "abc " + ko,
      ko + " \n " + ko,
      "\xE3\x80\x81 " + ko + " \xE3\x80\x82 " + ja,  // 、 。
      "\xE3\x81\x8B\xE3\x82\x99 \xE3\x82\x99",       // か + voicing mark
      "job \xff\xfe descr\xE3\x81",
      "\xED\xA0\x80 surrogate",
      "\xE0\x80\xAF overlong",
      "\xF0\x9F\x98\x80 emoji",
      "caf\xC3\xA9 CAF\x45\xCC\x81",
      "don\u2019t \u201Cquote\u201D",
      "\uFF25\uFF4E\uFF41\uFF42\uFF4C\uFF45\u3000" + ko,
      "a\u00A0b\u2028c\u0085d",
      "Job_Description-v2.pdf",
      "_lead+trail_",
      "ko_" + ko + "_" + ko + ".hwp",
  };
  // Every split of a 3-byte character across a 16-byte block, and lines that need ICU after
  // lines that do not (and before).
  for (std::size_t pad = 0; pad < 18; ++pad) {
    texts.push_back(std::string(pad, 'a') + ja + " " + ko + " Text");
    texts.push_back(std::string(pad, 'B') + " " + ko + "\n" + ko + " \uFF21 " + ko + "\n" + ko);
    texts.push_back(std::string(pad, ' ') + std::string(pad, 'Z') + "\xE3\x81");
    texts.push_back(ko + std::string(pad, 'x') + " " + ko + "\u00C5" + std::string(pad, ' '));
  }
  // Random text of the pieces that matter, cut anywhere.
  const std::string_view pieces[] = {"a",
                                     "Z",
                                     "q",
                                     " ",
                                     "  ",
                                     "\t",
                                     "\n",
                                     "\r\n",
                                     ".",
                                     "_",
                                     "-",
                                     "\xEA\xB0\x80",
                                     "\xE6\x97\xA5",
                                     "\xE3\x80\x82",  // 가 日 。
                                     "\xE3\x82\x99",
                                     "\xEF\xBC\xA1",
                                     "\xE2\x80\x99",  // voicing mark, Ａ, ’
                                     "\xC3\xA9",
                                     "\xff",
                                     "\xE3\x81",
                                     "\x01",
                                     "\xE3\x80\x80",
                                     "\xC2\xA0",
                                     "\xEF\xBC\xBF",  // ideographic space, NBSP, ＿
                                     "\xEF\xBC\x81",
                                     "\xEF\xBD\x9A",
                                     "\xEF\xBD\x9E",  // ！ｚ～
                                     "\xEF\xBD\x9F",
                                     "\xEF\xBC\x80",
                                     "\xEF\xBD\xB6",  // ｟, unassigned, ｶ
                                     "\xE2\x80\x98",
                                     "\xE1\x86\xA8"};  // ‘, Hangul jamo (composes with 가)
  std::uint64_t seed = 0x9e3779b97f4a7c15ull;
  auto next = [&] {
    seed ^= seed << 13;
    seed ^= seed >> 7;
    seed ^= seed << 17;
    return seed;
  };
  for (int t = 0; t < 3000; ++t) {
    std::string s;
    const std::size_t n = next() % 80;
    // Mostly one kind of piece, as text is, with others mixed in.
    const std::size_t common = next() % std::size(pieces);
    for (std::size_t k = 0; k < n; ++k)
      s += pieces[next() % 3 == 0 ? next() % std::size(pieces) : common];
    texts.push_back(s.substr(next() % (s.size() + 1) / 4));
  }
  for (const auto& text : texts) {
    expect_same_as_by_lines(text);
    expect_same_as_by_lines(text, TextKind::kFilename);
  }
}

TEST(LexiconText, RepairsBadUtf8) {
  const std::string bad = std::string("job \xff\xfe descr") + "\xE3\x81";
  const std::string out = norm(bad);
  EXPECT_NE(out.find("job"), std::string::npos);
  EXPECT_NE(out.find("\xEF\xBF\xBD"), std::string::npos);  // U+FFFD
}

TEST(Lexicon, EnglishPhrasesMatchWholeWords) {
  auto lex = make("en/recruitment.tsv",
                  "# comment\n\n1.0\tjob description\n0.5\tsalary\n0.5\trecruit*\n0.3\tcv\r\n");
  EXPECT_EQ(lex.size(), 4u);
  EXPECT_EQ(matches(lex, "See the JOB\n  Description and salary."),
            (Strings{"job description", "salary"}));
  EXPECT_EQ(matches(lex, "jobdescription salaryman"), Strings{});
  EXPECT_EQ(matches(lex, "our recruiters; cvs"), Strings{"recruit"});
  EXPECT_EQ(matches(lex, "unrecruited cv."), Strings{"cv"});
  // A later occurrence still counts when the first one is inside a word.
  EXPECT_EQ(matches(lex, "salaryman, then salary"), Strings{"salary"});
}

TEST(Lexicon, KoreanSpacingAndWordStarts) {
  auto lex = make("ko/nk_orthography.tsv", "1.0\t^로동\n1.0\t입사지원서\n0.5\t념두\n");
  EXPECT_EQ(matches(lex, "입사 지원서를 념 두고"), (Strings{"념두", "입사지원서"}));
  EXPECT_EQ(matches(lex, "로동 현장"), Strings{"로동"});
  EXPECT_EQ(matches(lex, "(로동자)"), Strings{"로동"});
  EXPECT_EQ(matches(lex, "새 로동 정책"), Strings{"로동"});  // after a removed space
  EXPECT_EQ(matches(lex, "으로동시에"), Strings{});
  EXPECT_EQ(matches(lex, "PC로 동작합니다"), Strings{});
}

TEST(Lexicon, DuplicatesMergeAndThresholdsRead) {
  const std::array<LexiconSource, 2> src = {{
      {"en/urgency_secrecy.tsv", "threshold\t2.5\n0.5\tUrgent\n"},
      {"ko/urgency_secrecy.tsv", "0.9\turgent\n0.5\t긴급\n"},
  }};
  auto lex = Lexicon::from_sources(src);
  ASSERT_TRUE(lex.has_value()) << lex.status().to_string();
  EXPECT_EQ(lex->size(), 2u);
  EXPECT_DOUBLE_EQ(lex->phrase(0).weight, 0.9);
  EXPECT_DOUBLE_EQ(lex->threshold(LureTheme::kUrgencySecrecy), 2.5);
  EXPECT_DOUBLE_EQ(lex->threshold(LureTheme::kRecruitment),
                   lure_theme_default_threshold(LureTheme::kRecruitment));
}

TEST(Lexicon, RejectsBadSources) {
  auto bad = [](std::string_view name, std::string_view text) {
    const std::array<LexiconSource, 1> src = {{{name, text}}};
    auto lex = Lexicon::from_sources(src);
    return lex.has_value() ? std::string() : lex.status().message();
  };
  EXPECT_NE(bad("en/nothing.tsv", "1\tx\n"), "");
  EXPECT_NE(bad("en/recruitment.txt", "1\tx\n"), "");
  EXPECT_EQ(bad("en/recruitment.tsv", "1\tjob\nno tab here\n"), "en/recruitment.tsv:2: no TAB");
  EXPECT_NE(bad("en/recruitment.tsv", "heavy\tjob\n"), "");
  EXPECT_NE(bad("en/recruitment.tsv", "-1\tjob\n"), "");
  EXPECT_NE(bad("en/recruitment.tsv", "1\t   \n"), "");
  EXPECT_NE(bad("en/recruitment.tsv", "1\t" + std::string(300, 'a') + "\n"), "");
  EXPECT_NE(bad("en/recruitment.tsv", "threshold\t0\n"), "");
}

TEST(Lexicon, EmptyLexiconFindsNothing) {
  auto lex = Lexicon::from_sources({});
  ASSERT_TRUE(lex.has_value());
  EXPECT_EQ(matches(*lex, "job description"), Strings{});
}

TEST(Lexicon, ScratchBelongsToItsLexicon) {
  auto a = make("en/recruitment.tsv", "1\tjob\n");
  auto b = make("en/recruitment.tsv", "1\tjob\n");
  auto scratch = a.make_scratch();
  ASSERT_TRUE(scratch.has_value());
  NormalizedText n;
  normalize_lexicon_text("job", TextKind::kBody, n);
  EXPECT_FALSE(b.scan(n, *scratch).is_ok());
  // A moved lexicon keeps working with its scratch.
  Lexicon moved = std::move(a);
  ASSERT_TRUE(moved.scan(n, *scratch).is_ok());
  EXPECT_EQ(scratch->hits().size(), 1u);
}

TEST(Lexicon, BuiltinHasEveryThemeAndLanguage) {
  auto lex = Lexicon::builtin();
  ASSERT_TRUE(lex.has_value()) << lex.status().to_string();
  std::array<int, kLureThemeCount> per_theme{};
  for (std::uint32_t i = 0; i < lex->size(); ++i)
    ++per_theme[static_cast<std::size_t>(lex->phrase(i).theme)];
  for (std::size_t t = 0; t < kLureThemeCount; ++t)
    EXPECT_GE(per_theme[t], 10) << lure_theme_name(static_cast<LureTheme>(t));
  int langs[3] = {};
  for (const auto& src : builtin_lexicon_sources()) {
    langs[0] += src.name.starts_with("en/");
    langs[1] += src.name.starts_with("ja/");
    langs[2] += src.name.starts_with("ko/");
  }
  EXPECT_EQ(langs[0], 8);
  EXPECT_EQ(langs[1], 8);
  EXPECT_EQ(langs[2], 9);
}

// The database serialized at build time is the one a compile of the same sources makes: same
// phrase count, same matches on text of every language.
TEST(Lexicon, BuildTimeDatabaseMatchesACompile) {
  const auto db = builtin_lexicon_database();
  ASSERT_GE(db.size(), 4u);
  auto loaded = Lexicon::builtin();
  auto compiled = Lexicon::from_sources(builtin_lexicon_sources());
  ASSERT_TRUE(loaded.has_value() && compiled.has_value());
  EXPECT_EQ(db[0] | (db[1] << 8) | (db[2] << 16), static_cast<int>(compiled->size()));
  for (std::string_view text :
       {"We are hiring a senior blockchain engineer; please enable macros and run npm install.",
        "採用担当です。コンテンツの有効化をクリックしてください。",
        "채용 담당자입니다. 첨부 파일의 비밀번호는 1234 입니다. 매크로를 활성화하세요."}) {
    EXPECT_EQ(matches(*loaded, text), matches(*compiled, text)) << text;
    EXPECT_FALSE(matches(*loaded, text).empty()) << text;
  }
  auto bytes = compiled->serialize();
  ASSERT_TRUE(bytes.has_value());
  EXPECT_EQ(bytes->size() > 4, db.size() > 4);
}

TEST(Lexicon, FromFilesReadsADirectory) {
  namespace fs = std::filesystem;
  const fs::path dir =
      fs::temp_directory_path() / ("lg_lexicon_test_" + std::to_string(::getpid()));
  fs::create_directories(dir / "en");
  std::ofstream(dir / "en" / "enable_content.tsv") << "1.0\tenable editing\n";
  std::ofstream(dir / "en" / "notes.txt") << "ignored\n";
  auto lex = Lexicon::from_files(dir);
  ASSERT_TRUE(lex.has_value()) << lex.status().to_string();
  EXPECT_EQ(matches(*lex, "Please Enable Editing."), Strings{"enable editing"});
  std::ofstream(dir / "en" / "bogus.tsv") << "1.0\tx\n";
  EXPECT_FALSE(Lexicon::from_files(dir).has_value());
  fs::remove_all(dir);
  EXPECT_FALSE(Lexicon::from_files(dir).has_value());
}

}  // namespace
}  // namespace lg
