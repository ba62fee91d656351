#include "analyzers/mail/mbox.h"

#include <gtest/gtest.h>

#include "analyzers/mail/mail_analyzer.h"
#include "core/testing/recording_context.h"

namespace lg {
namespace {

std::vector<std::string> split(const std::string& s, std::size_t max = 100) {
  std::vector<std::string> out;
  for (ByteView v : split_mbox(as_bytes(s), max)) out.push_back(to_string(v));
  return out;
}

TEST(MailMbox, SplitsAtFromLinesAfterBlankLines) {
  auto m = split(
      "From a@b Mon Jan  1 00:00:00 2024\nSubject: 1\n\nbody\nFrom the start of a line\n\n"
      "From c@d Tue Jan  2 00:00:00 2024\r\nSubject: 2\r\n\r\nbody\r\n\r\n"
      "From e@f Wed Jan  3 00:00:00 2024\nSubject: 3\n\nlast");
  ASSERT_EQ(m.size(), 3u);
  EXPECT_EQ(m[0], "Subject: 1\n\nbody\nFrom the start of a line\n\n");
  EXPECT_EQ(m[1], "Subject: 2\r\n\r\nbody\r\n\r\n");
  EXPECT_EQ(m[2], "Subject: 3\n\nlast");
}

TEST(MailMbox, NotAnMboxIsOneMessage) {
  auto m = split("Subject: x\n\nbody\n\nFrom y\n");
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0], "Subject: x\n\nbody\n\nFrom y\n");
  EXPECT_TRUE(split("").empty());
}

TEST(MailMbox, CapOnMessages) {
  std::string s;
  for (int i = 0; i < 50; ++i)
    s.append("From x\nSubject: ").append(std::to_string(i)).append("\n\n");
  auto m = split(s, 5);
  ASSERT_EQ(m.size(), 5u);
  EXPECT_EQ(m[0], "Subject: 0\n\n");
  EXPECT_TRUE(m[4].starts_with("Subject: 4\n\n"));  // the rest stays in the last view
}

TEST(MailMbox, AnalyzerMakesMessageChildren) {
  testing::RecordingContext ctx;
  MboxAnalyzer a;
  const std::string s =
      "From a Mon Jan  1 00:00:00 2024\nSubject: one\n\nx\n\nFrom b Mon Jan  1 00:00:00 2024\n"
      "Subject: two\n\ny\n";
  ASSERT_TRUE(a.analyze(as_bytes(s), ctx).is_ok());
  ASSERT_EQ(ctx.children.size(), 2u);
  EXPECT_EQ(ctx.children[0].info.relation, "message");
  EXPECT_EQ(to_string(ctx.children[1].data), "Subject: two\n\ny\n");
  EXPECT_EQ(ctx.num("messages"), 2);
}

TEST(MailMbox, AnalyzerLimit) {
  testing::RecordingContext ctx;
  ctx.limits_.max_objects = 3;
  std::string s;
  for (int i = 0; i < 10; ++i) s += "From x\nSubject: s\n\n";
  MboxAnalyzer a;
  ASSERT_TRUE(a.analyze(as_bytes(s), ctx).is_ok());
  EXPECT_EQ(ctx.children.size(), 3u);
  EXPECT_TRUE(ctx.has(Symbol::LIMIT_EXCEEDED));
}

}  // namespace
}  // namespace lg
