#include "engine/scoring.h"

#include <gtest/gtest.h>

namespace lg {
namespace {

Finding make(std::string symbol, std::string group, double score) {
  Finding f;
  f.symbol = std::move(symbol);
  f.group = std::move(group);
  f.score = score;
  return f;
}

TEST(Scoring, EachSymbolCountsOnce) {
  Report r;
  r.findings = {make("A", "g", 4), make("A", "g", 4), make("B", "h", 3)};
  score_report(default_config().scoring, r);
  EXPECT_EQ(r.score, 7);
  EXPECT_TRUE(r.findings[0].counted);
  EXPECT_FALSE(r.findings[1].counted);
  EXPECT_EQ(r.verdict, Verdict::kSuspicious);
  EXPECT_EQ(r.action, Action::kAddHeader);
}

TEST(Scoring, GroupCapsApplyToPositiveTotals) {
  Report r;
  r.findings = {make("A", "anomaly", 2), make("B", "anomaly", 2), make("C", "anomaly", 2),
                make("D", "auth", -1)};
  score_report(default_config().scoring, r);  // anomaly capped at 3
  EXPECT_EQ(r.score, 2);
  EXPECT_EQ(r.verdict, Verdict::kClean);
  EXPECT_EQ(r.action, Action::kAccept);
}

TEST(Scoring, ThresholdsAndReject) {
  auto cfg = default_config().scoring;
  Report r;
  r.findings = {make("A", "x", 15)};
  score_report(cfg, r);
  EXPECT_EQ(r.verdict, Verdict::kMalicious);
  EXPECT_EQ(r.action, Action::kQuarantine);
  cfg.reject = 15;
  score_report(cfg, r);
  EXPECT_EQ(r.action, Action::kReject);
  r.findings = {make("A", "x", 5.5)};
  score_report(cfg, r);
  EXPECT_EQ(r.verdict, Verdict::kClean);
}

}  // namespace
}  // namespace lg
