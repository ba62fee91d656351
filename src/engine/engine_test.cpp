// The engine end to end on real messages: identification, the mail analyzer, name checks,
// the message summary and scoring together.
#include "engine/engine.h"
#include "core/testing/test_files.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace lg {
namespace {

using lg::testing::read_file;

const Finding* find(const Report& r, std::string_view symbol) {
  for (const auto& f : r.findings)
    if (f.symbol == symbol) return &f;
  return nullptr;
}

TEST(Engine, JobOfferExampleIsMalicious) {
  Engine engine(default_config());
  auto mail = read_file(std::string(LG_SOURCE_DIR) + "/examples/01-job-offer-lure.eml");
  ASSERT_FALSE(mail.empty());
  auto r = engine.scan("01-job-offer-lure.eml", as_bytes(mail));
  ASSERT_TRUE(r.message.has_value());
  EXPECT_EQ(r.message->subject, "Senior Blockchain Engineer - job description and salary package");
  EXPECT_NE(find(r, "FILENAME_RTLO"), nullptr);
  EXPECT_NE(find(r, "FILENAME_DOUBLE_EXTENSION"), nullptr);
  EXPECT_NE(find(r, "EXECUTABLE_ATTACHMENT"), nullptr);
  EXPECT_EQ(r.verdict, Verdict::kMalicious);
  EXPECT_EQ(r.action, Action::kQuarantine);
  EXPECT_EQ(r.objects[0].type, "message");
  bool lnk = false;
  for (const auto& o : r.objects) lnk |= o.type == "lnk";
  EXPECT_TRUE(lnk);
  EXPECT_EQ(r.input.sha256, r.objects[0].sha256);
}

// The digest policy: SHA-256 everywhere, MD5 and SHA-1 for the input and the attachment but
// not for the TNEF message's HTML and RTF bodies.
TEST(Engine, Md5AndSha1ForFilesOnly) {
  Engine engine(default_config());
  auto tnef = read_file(lg::testing::kClamavDir + "clam.tnef");
  if (tnef.empty()) GTEST_SKIP() << "clamav-testfiles not installed";
  auto r = engine.scan("clam.tnef", as_bytes(tnef));
  EXPECT_EQ(r.input.md5.size(), 32u);
  EXPECT_EQ(r.input.sha1.size(), 40u);
  int bodies = 0, attachments = 0;
  for (const auto& o : r.objects) {
    EXPECT_EQ(o.sha256.size(), 64u) << o.relation;
    if (o.relation == "body") {
      ++bodies;
      EXPECT_TRUE(o.md5.empty() && o.sha1.empty()) << o.name;
    } else if (o.relation == "attachment") {
      ++attachments;
      EXPECT_EQ(o.md5, "aa15bcf478d165efd2065190eb473bcb");
      EXPECT_EQ(o.sha1.size(), 40u);
    }
  }
  EXPECT_EQ(bodies, 2);
  EXPECT_EQ(attachments, 1);
}

TEST(Engine, CleanNewsletterIsClean) {
  Engine engine(default_config());
  auto mail = read_file(std::string(LG_SOURCE_DIR) + "/examples/03-clean-newsletter.eml");
  auto r = engine.scan("n.eml", as_bytes(mail));
  EXPECT_EQ(r.verdict, Verdict::kClean);
  EXPECT_EQ(r.score, 0);
  EXPECT_FALSE(r.observables.urls.empty());
}

TEST(Engine, LinkTextMismatchInExchangeNotice) {
  Engine engine(default_config());
  auto mail = read_file(std::string(LG_SOURCE_DIR) + "/examples/02-fake-exchange-notice.eml");
  auto r = engine.scan("x.eml", as_bytes(mail));
  const auto* f = find(r, "URL_TEXT_MISMATCH");
  ASSERT_NE(f, nullptr);
  EXPECT_NE(f->evidence.value.find("binance-account-verify.xyz"), std::string::npos);
}

TEST(Engine, KoreanContractDeclaredHwpIsAScript) {
  Engine engine(default_config());
  auto mail = read_file(std::string(LG_SOURCE_DIR) + "/examples/05-korean-contract.eml");
  auto r = engine.scan("k.eml", as_bytes(mail));
  ASSERT_TRUE(r.message.has_value());
  EXPECT_EQ(r.message->subject, "블록체인 소프트웨어 개발 계약서 및 투자계약서 송부");
  ASSERT_GE(r.objects.size(), 2u);
  EXPECT_EQ(r.objects.back().name, "투자계약서.hwp");
  EXPECT_NE(find(r, "TYPE_MISMATCH"), nullptr);
  EXPECT_NE(find(r, "SCRIPT_ATTACHMENT"), nullptr);
  EXPECT_EQ(r.verdict, Verdict::kMalicious);
}

TEST(Engine, JapaneseSpacePaddedExecutable) {
  Engine engine(default_config());
  auto mail = read_file(std::string(LG_SOURCE_DIR) + "/examples/04-japanese-recruiter.eml");
  auto r = engine.scan("j.eml", as_bytes(mail));
  ASSERT_TRUE(r.message.has_value());
  EXPECT_EQ(r.message->subject, "【採用】暗号資産取引所エンジニアのご案内");
  EXPECT_NE(r.message->from.find("採用担当 佐藤"), std::string::npos);
  EXPECT_NE(find(r, "FILENAME_SPACE_PADDED"), nullptr);
  EXPECT_NE(find(r, "EXECUTABLE_ATTACHMENT"), nullptr);
}

TEST(Engine, EmptyAndGarbageInputs) {
  Engine engine(default_config());
  auto r = engine.scan("empty", {});
  EXPECT_EQ(r.objects.size(), 1u);
  EXPECT_EQ(r.objects[0].type, "unknown");
  EXPECT_EQ(r.verdict, Verdict::kClean);
  std::string junk(100000, '\xff');
  r = engine.scan("junk", as_bytes(junk));
  EXPECT_EQ(r.objects[0].size, 100000u);
}

}  // namespace
}  // namespace lg
