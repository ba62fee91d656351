#include "detect/sender_checks.h"

#include <gtest/gtest.h>

#include "core/testing/recording_context.h"
#include "detect/mail_domain.h"

namespace lg {
namespace {

MessageInfo from(std::string display, std::string address) {
  MessageInfo info;
  info.from = {std::move(display), std::move(address)};
  return info;
}

testing::RecordingContext run(const SenderChecks& checks, const MessageInfo& info) {
  testing::RecordingContext ctx;
  checks.check(info, organizational_domain(checks.hosts(), info.from.address), ctx);
  return ctx;
}

SenderPolicy policy() {
  SenderPolicy p;
  p.executives = {"Jane Doe", "佐藤 太郎"};
  p.internal_domains = {"corp.example"};
  p.freemail_domains = SenderPolicy::default_freemail_domains();
  return p;
}

TEST(MailDomain, Normalizes) {
  HostNormalizer hosts;
  EXPECT_EQ(mail_domain(hosts, "Jane@Mail.Example.COM."), "mail.example.com");
  EXPECT_EQ(organizational_domain(hosts, "jane@mail.example.co.jp"), "example.co.jp");
  EXPECT_EQ(organizational_domain(hosts, "@bücher.example"), "xn--bcher-kva.example");
  EXPECT_FALSE(mail_domain(hosts, "root@localhost"));
  EXPECT_FALSE(mail_domain(hosts, "jane@[192.0.2.1]"));
  EXPECT_EQ(organizational_domain(hosts, "no-domain"), "");
}

TEST(SenderChecks, ReplyToReturnPathSender) {
  const SenderChecks checks(policy());
  auto info = from("Recruiter", "hr@talent.example");
  info.reply_to = {{"", "talent.hr.2026@gmail.com"}};
  info.return_path = "bounce-123@mailer.example.net";
  info.sender = {"", "agent@relay.example.org"};
  auto ctx = run(checks, info);
  EXPECT_TRUE(ctx.has(Symbol::SENDER_REPLY_TO_MISMATCH));
  EXPECT_TRUE(ctx.has(Symbol::SENDER_RETURN_PATH_MISMATCH));
  EXPECT_EQ(ctx.findings.size(), 3u);

  // Same organization (subdomains included) is no mismatch.
  auto same = from("", "news@talent.example");
  same.reply_to = {{"", "support@help.talent.example"}};
  same.return_path = "bounces@mail.talent.example";
  EXPECT_TRUE(run(checks, same).findings.empty());

  // A mailing list answers and bounces through its own domain.
  auto list = from("Bob", "bob@example.org");
  list.list_fields = {"Discussion <talk.lists.example.net>"};
  list.reply_to = {{"", "talk@lists.example.net"}};
  list.return_path = "talk-bounces@lists.example.net";
  EXPECT_TRUE(run(checks, list).findings.empty());
  // Older lists name themselves in Mailing-List or List-Unsubscribe only.
  auto old_list = from("Bob", "bob@example.org");
  old_list.list_fields = {"list talk@groups.example.com; contact talk-owner@groups.example.com",
                          "<mailto:talk-unsubscribe@groups.example.com>"};
  old_list.reply_to = {{"", "talk@groups.example.com"}};
  EXPECT_TRUE(run(checks, old_list).findings.empty());
  auto web = from("Bob", "bob@example.org");
  web.list_fields = {"<https://lists.example.net/listinfo/talk>, <mailto:talk-leave@example.net>"};
  web.reply_to = {{"", "talk@lists.example.net"}};
  EXPECT_TRUE(run(checks, web).findings.empty());
}

TEST(SenderChecks, DisplayNameAddress) {
  const SenderChecks checks(policy());
  EXPECT_TRUE(run(checks, from("support@coinbase.com", "x9@mailer.example.net"))
                  .has(Symbol::SENDER_DISPLAY_NAME_ADDRESS));
  EXPECT_TRUE(run(checks, from("Coinbase (security@coinbase.com) via", "x9@mailer.example.net"))
                  .has(Symbol::SENDER_DISPLAY_NAME_ADDRESS));
  // The name repeats the real address: common and harmless.
  EXPECT_FALSE(run(checks, from("bob@example.org", "bob@example.org"))
                   .has(Symbol::SENDER_DISPLAY_NAME_ADDRESS));
  EXPECT_FALSE(
      run(checks, from("Bob @ home", "bob@example.org")).has(Symbol::SENDER_DISPLAY_NAME_ADDRESS));
  // A mailing list sending from its own domain names the author that way.
  auto list = from("Jane (jane@example.com) via Talk", "talk@lists.example.net");
  list.list_fields = {"<mailto:talk@lists.example.net>"};
  EXPECT_FALSE(run(checks, list).has(Symbol::SENDER_DISPLAY_NAME_ADDRESS));
}

TEST(SenderChecks, ExecutiveImpersonation) {
  const SenderChecks checks(policy());
  EXPECT_TRUE(run(checks, from("Jane Doe", "jane.doe.ceo@gmail.com"))
                  .has(Symbol::SENDER_EXECUTIVE_IMPERSONATION));
  EXPECT_TRUE(run(checks, from("JANE  DOE (CEO)", "ceo@corp-example.net"))
                  .has(Symbol::SENDER_EXECUTIVE_IMPERSONATION));
  EXPECT_TRUE(run(checks, from("佐藤太郎", "sato@example.net"))
                  .has(Symbol::SENDER_EXECUTIVE_IMPERSONATION));
  EXPECT_FALSE(run(checks, from("Jane Doe", "jane@corp.example"))
                   .has(Symbol::SENDER_EXECUTIVE_IMPERSONATION));
  EXPECT_FALSE(run(checks, from("Jane Doerr", "jane@example.net"))
                   .has(Symbol::SENDER_EXECUTIVE_IMPERSONATION));
}

TEST(SenderChecks, FreemailCompany) {
  const SenderChecks checks(policy());
  EXPECT_TRUE(run(checks, from("Emily Carter | Talent Acquisition", "emily.carter.hr@gmail.com"))
                  .has(Symbol::SENDER_FREEMAIL_COMPANY));
  EXPECT_TRUE(run(checks, from("Blockchain Ventures LLC", "bv.invest@outlook.com"))
                  .has(Symbol::SENDER_FREEMAIL_COMPANY));
  EXPECT_TRUE(run(checks, from("株式会社ブロックチェーン 採用担当", "saiyo.bc@yahoo.co.jp"))
                  .has(Symbol::SENDER_FREEMAIL_COMPANY));
  EXPECT_TRUE(run(checks, from("(주)코인 채용팀", "coin.hr@naver.com"))
                  .has(Symbol::SENDER_FREEMAIL_COMPANY));
  EXPECT_FALSE(run(checks, from("Emily Carter", "emily.carter@gmail.com"))
                   .has(Symbol::SENDER_FREEMAIL_COMPANY));
  EXPECT_FALSE(run(checks, from("Talent Acquisition", "jobs@company.example"))
                   .has(Symbol::SENDER_FREEMAIL_COMPANY));
  // Configured list replaces the built-in one.
  SenderPolicy own = policy();
  own.freemail_domains = {"freemail.example"};
  const SenderChecks custom(own);
  EXPECT_TRUE(custom.is_freemail("a@freemail.example"));
  EXPECT_FALSE(custom.is_freemail("a@gmail.com"));
}

}  // namespace
}  // namespace lg
