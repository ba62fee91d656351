#include "detect/lure.h"

#include <gtest/gtest.h>

#include <array>
#include <string>

namespace lg {
namespace {

Lexicon test_lexicon() {
  const std::array<LexiconSource, 4> src = {{
      {"en/recruitment.tsv", "1.0\tjob description\n0.5\tsalary\n0.5\trecruiter\n"},
      {"ko/recruitment.tsv", "1.0\t채용\n0.7\t이력서\n"},
      {"en/enable_content.tsv", "threshold\t1.0\n1.0\tenable editing\n"},
      {"en/urgency_secrecy.tsv", "threshold\t1.0\n0.5\turgent\n0.5\tconfidential\n"},
  }};
  auto lex = Lexicon::from_sources(src);
  EXPECT_TRUE(lex.has_value()) << lex.status().to_string();
  return std::move(lex).value();
}

TEST(LureState, AccumulatesAcrossTextsOfOneInput) {
  const Lexicon lex = test_lexicon();
  auto scratch = lex.make_scratch();
  ASSERT_TRUE(scratch.has_value());
  LureState lure(lex, *scratch);
  lure.add(TextKind::kSubject, "Salary details");
  EXPECT_TRUE(lure.finish().empty());  // 0.5 < 1.5
  lure.add(TextKind::kBody, "see the job description");
  auto hits = lure.finish();
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].symbol, Symbol::LURE_RECRUITMENT);
  EXPECT_EQ(hits[0].theme, LureTheme::kRecruitment);
  EXPECT_DOUBLE_EQ(hits[0].weight, 1.5);
  EXPECT_EQ(hits[0].evidence.value, "salary; job description");
  EXPECT_EQ(hits[0].evidence.detail, "theme: recruitment, weight 1.5");
  EXPECT_TRUE(lure.status().is_ok());
}

TEST(LureState, APhraseCountsOncePerInput) {
  const Lexicon lex = test_lexicon();
  auto scratch = lex.make_scratch();
  ASSERT_TRUE(scratch.has_value());
  LureState lure(lex, *scratch);
  for (int i = 0; i < 5; ++i) lure.add(TextKind::kBody, "salary, salary, SALARY");
  EXPECT_DOUBLE_EQ(lure.score(LureTheme::kRecruitment), 0.5);
  EXPECT_EQ(lure.matched().size(), 1u);
  EXPECT_TRUE(lure.finish().empty());
}

TEST(LureState, CodeTextCountsHalfAndTheBestPlaceWins) {
  const Lexicon lex = test_lexicon();
  auto scratch = lex.make_scratch();
  ASSERT_TRUE(scratch.has_value());
  LureState lure(lex, *scratch);
  lure.add(TextKind::kMacro, "MsgBox \"Enable Editing\"");
  EXPECT_DOUBLE_EQ(lure.score(LureTheme::kEnableContent), 0.5);
  EXPECT_TRUE(lure.finish().empty());
  lure.add(TextKind::kDocument, "Please enable editing");
  EXPECT_DOUBLE_EQ(lure.score(LureTheme::kEnableContent), 1.0);
  ASSERT_EQ(lure.finish().size(), 1u);
  EXPECT_EQ(lure.finish()[0].symbol, Symbol::LURE_ENABLE_CONTENT);
}

TEST(LureState, FileNamesSplitOnSeparators) {
  const Lexicon lex = test_lexicon();
  auto scratch = lex.make_scratch();
  ASSERT_TRUE(scratch.has_value());
  LureState lure(lex, *scratch);
  lure.add(TextKind::kFilename, "Coinbase_Job_Description.pdf.lnk");
  EXPECT_DOUBLE_EQ(lure.score(LureTheme::kRecruitment), 1.0);
}

TEST(LureState, LanguagesShareATheme) {
  const Lexicon lex = test_lexicon();
  auto scratch = lex.make_scratch();
  ASSERT_TRUE(scratch.has_value());
  LureState lure(lex, *scratch);
  lure.add(TextKind::kBody, "채용 관련 이 력 서 (recruiter)");
  auto hits = lure.finish();
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].evidence.value, "채용; 이력서; recruiter");
  EXPECT_EQ(hits[0].evidence.detail, "theme: recruitment, weight 2.2");
}

TEST(LureState, ThemesReportedInOrderAndEvidenceCapped) {
  std::string many;
  for (int i = 0; i < 20; ++i) many += "0.1\tword" + std::to_string(i) + "\n";
  const std::array<LexiconSource, 2> src = {{
      {"en/urgency_secrecy.tsv", many},
      {"en/recruitment.tsv", "2\tjob\n"},
  }};
  auto lex = Lexicon::from_sources(src);
  ASSERT_TRUE(lex.has_value());
  auto scratch = lex->make_scratch();
  ASSERT_TRUE(scratch.has_value());
  LureState lure(*lex, *scratch);
  std::string text = "job";
  for (int i = 0; i < 20; ++i) text += " word" + std::to_string(i);
  lure.add(TextKind::kBody, text);
  auto hits = lure.finish();
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_EQ(hits[0].theme, LureTheme::kRecruitment);
  EXPECT_EQ(hits[1].theme, LureTheme::kUrgencySecrecy);
  EXPECT_NE(hits[1].evidence.value.find("word11; (+8 more)"), std::string::npos)
      << hits[1].evidence.value;
  EXPECT_EQ(hits[1].evidence.detail, "theme: urgency_secrecy, weight 2.0");
}

TEST(LureState, OneScratchServesStatesInTurn) {
  const Lexicon lex = test_lexicon();
  auto scratch = lex.make_scratch();
  ASSERT_TRUE(scratch.has_value());
  LureState a(lex, *scratch);
  a.add(TextKind::kBody, "urgent and confidential");
  LureState b(lex, *scratch);
  b.add(TextKind::kBody, "nothing here");
  EXPECT_EQ(a.finish().size(), 1u);
  EXPECT_TRUE(b.finish().empty());
  EXPECT_TRUE(b.matched().empty());
}

TEST(LureThemes, NamesAndSymbolsRoundTrip) {
  for (std::size_t t = 0; t < kLureThemeCount; ++t) {
    const auto theme = static_cast<LureTheme>(t);
    EXPECT_EQ(lure_theme_by_name(lure_theme_name(theme)), theme);
    EXPECT_EQ(symbol_info(lure_theme_symbol(theme)).group, "lure");
    EXPECT_GT(lure_theme_default_threshold(theme), 0.0);
  }
  EXPECT_FALSE(lure_theme_by_name("phishing").has_value());
}

}  // namespace
}  // namespace lg
