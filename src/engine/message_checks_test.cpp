// The configured message checks through the whole engine: authentication results, DKIM,
// sender checks and first contact on real messages.
#include "engine/message_checks.h"

#include <gtest/gtest.h>

#include <cstdio>

#include "detect/testing/dkim_signer.h"
#include "engine/engine.h"

namespace lg {
namespace {

const Finding* find(const Report& r, std::string_view symbol) {
  for (const auto& f : r.findings)
    if (f.symbol == symbol) return &f;
  return nullptr;
}

const FactValue* fact(const Report& r, std::string_view key) {
  for (const auto& [k, v] : r.objects.at(0).facts)
    if (k == key) return &v;
  return nullptr;
}

const std::string kLure =
    "Authentication-Results: mx.corp.example; spf=softfail smtp.mailfrom=gmail.com;\r\n"
    "  dkim=none; dmarc=fail (p=none) header.from=gmail.com\r\n"
    "Authentication-Results: mx.attacker.example; dmarc=pass header.from=gmail.com\r\n"
    "From: \"Emily Carter | Talent Acquisition\" <emily.carter.hr@gmail.com>\r\n"
    "Reply-To: emily@careers-hr-portal.com\r\n"
    "To: dev@corp.example\r\n"
    "Subject: Senior Blockchain Engineer role\r\n"
    "Date: Mon, 16 Nov 2026 09:12:00 +0900\r\n"
    "\r\n"
    "Hello, we would like to invite you to apply. Job description:\r\n"
    "https://careers-hr-portal.com/jd/senior-blockchain\r\n";

Config trusting_config() {
  Config c = default_config();
  c.auth.trusted_authserv_ids = {"mx.corp.example"};
  c.sender.executives = {"Jane Doe"};
  c.own_domains = {"corp.example"};
  return c;
}

TEST(MessageChecks, RecruiterLureAddsUp) {
  Engine engine(trusting_config());
  const Report r = engine.scan("lure.eml", as_bytes(kLure));
  EXPECT_NE(find(r, "AUTH_SPF_SOFTFAIL"), nullptr);
  EXPECT_NE(find(r, "AUTH_DMARC_FAIL"), nullptr);
  EXPECT_EQ(find(r, "AUTH_PASS_ALIGNED"), nullptr);  // that pass came from an untrusted host
  EXPECT_NE(find(r, "SENDER_REPLY_TO_MISMATCH"), nullptr);
  EXPECT_NE(find(r, "SENDER_FREEMAIL_COMPANY"), nullptr);
  EXPECT_GE(r.verdict, Verdict::kSuspicious);
  ASSERT_NE(fact(r, "auth_results"), nullptr);
  ASSERT_NE(fact(r, "auth_results_ignored"), nullptr);
}

TEST(MessageChecks, DefaultConfigTrustsNoAuthenticationResults) {
  Engine engine(default_config());
  const Report r = engine.scan("lure.eml", as_bytes(kLure));
  EXPECT_EQ(find(r, "AUTH_DMARC_FAIL"), nullptr);
  const FactValue* ignored = fact(r, "auth_results_ignored");
  ASSERT_NE(ignored, nullptr);
  EXPECT_NE(std::get<std::string>(*ignored).find("empty"), std::string::npos);
}

TEST(MessageChecks, DkimThroughTheEngine) {
  auto key = testing::make_ed25519_key();
  const std::string message =
      "From: Jane Doe <jane@example.com>\r\nTo: bob@corp.example\r\nSubject: Hello\r\n"
      "Date: Mon, 16 Nov 2026 09:12:00 +0900\r\n\r\nSee you at ten.\r\n";
  const std::string signed_message = testing::dkim_sign(message, key.get(), testing::SignOptions{});
  auto keys = std::make_unique<MapKeyResolver>();
  keys->add("sel._domainkey.example.com", testing::key_record(key.get()));
  Engine engine(default_config(), {}, std::move(keys));

  const Report pass = engine.scan("signed.eml", as_bytes(signed_message));
  EXPECT_NE(find(pass, "DKIM_VALID_ALIGNED"), nullptr);
  EXPECT_LT(pass.score, 0);

  std::string tampered = signed_message;
  tampered.replace(tampered.find("ten"), 3, "six");
  const Report body = engine.scan("tampered.eml", as_bytes(tampered));
  EXPECT_NE(find(body, "DKIM_BODY_MODIFIED"), nullptr);
  EXPECT_EQ(find(body, "DKIM_VALID_ALIGNED"), nullptr);

  // An mbox-style "From " line and LF line ends change nothing.
  std::string stored = "From jane@example.com Mon Nov 16 00:12:00 2026\n" + signed_message;
  for (std::size_t p = stored.find("\r\n"); p != std::string::npos; p = stored.find("\r\n", p))
    stored.erase(p, 1);
  EXPECT_NE(find(engine.scan("stored.eml", as_bytes(stored)), "DKIM_VALID_ALIGNED"), nullptr);
}

TEST(MessageChecks, ExecutiveNameFromOutside) {
  Engine engine(trusting_config());
  const std::string m =
      "From: Jane Doe <jane.doe.office@outlook.com>\r\nTo: finance@corp.example\r\n"
      "Subject: Quick favour\r\n\r\nAre you at your desk?\r\n";
  EXPECT_NE(find(engine.scan("bec.eml", as_bytes(m)), "SENDER_EXECUTIVE_IMPERSONATION"), nullptr);
}

// An empty history in the test's temporary directory, or null.
std::shared_ptr<ContactHistory> fresh_history(const std::string& name) {
  const std::string path = ::testing::TempDir() + "/" + name;
  std::remove(path.c_str());
  auto history = ContactHistory::open(path);
  if (!history) return nullptr;
  return std::move(*history);
}

TEST(MessageChecks, FirstContactWithHistory) {
  std::shared_ptr<ContactHistory> shared = fresh_history("engine_history.db");
  ASSERT_NE(shared, nullptr);
  Engine engine(default_config(), {}, nullptr, shared);

  const std::string plain =
      "From: Ann <ann@partner.example>\r\nTo: dev@corp.example, Ops <ops@corp.example>\r\n"
      "Subject: Lunch\r\n\r\nThursday?\r\n";
  const Report first = engine.scan("first.eml", as_bytes(plain));
  EXPECT_NE(find(first, "FIRST_CONTACT"), nullptr);
  EXPECT_EQ(find(first, "FIRST_CONTACT_WITH_PAYLOAD"), nullptr);
  const Report second = engine.scan("second.eml", as_bytes(plain));
  EXPECT_EQ(find(second, "FIRST_CONTACT"), nullptr);
  EXPECT_EQ(*shared->count("partner.example", "ops@corp.example"), 2);

  // A new sender organization with a link is a first contact with a payload.
  const Report lure = engine.scan("lure.eml", as_bytes(kLure));
  EXPECT_NE(find(lure, "FIRST_CONTACT_WITH_PAYLOAD"), nullptr);
  EXPECT_EQ(find(lure, "FIRST_CONTACT"), nullptr);

  // Without a history nothing is said about contacts.
  Engine no_history(default_config());
  EXPECT_EQ(find(no_history.scan("x.eml", as_bytes(plain)), "FIRST_CONTACT"), nullptr);
}

// Threat model, Links: a repository or a shared file from a first contact.
TEST(MessageChecks, FirstContactLinksToCodeHostsAndFileSharing) {
  std::shared_ptr<ContactHistory> shared = fresh_history("engine_history_links.db");
  ASSERT_NE(shared, nullptr);
  auto config = parse_config("[links]\nfile_sharing = [\"files.corp-share.example\"]\n");
  ASSERT_TRUE(config);
  Engine engine(*config, {}, nullptr, shared);

  const std::string test_task =
      "From: Recruiter <talent@web3-ventures.example>\r\nTo: dev@corp.example\r\n"
      "Subject: Coding test\r\n\r\nPlease clone https://github.com/web3-ventures/test-task and "
      "run it; the brief is at https://files.corp-share.example/s/brief.pdf and our site is "
      "https://web3-ventures.example/ (mirror: hxxps://gitlab[.]com/x/y).\r\n";
  const Report first = engine.scan("task.eml", as_bytes(test_task));
  std::vector<std::string> urls;
  for (const auto& f : first.findings)
    if (f.symbol == "FIRST_CONTACT_CODE_OR_FILE_LINK") urls.push_back(f.evidence.value);
  // The code host from the built-in list, the file-sharing host from the config; neither the
  // sender's own site nor a defanged URL.
  EXPECT_EQ(urls, (std::vector<std::string>{"https://github.com/web3-ventures/test-task",
                                            "https://files.corp-share.example/s/brief.pdf"}));
  EXPECT_NE(find(first, "FIRST_CONTACT_WITH_PAYLOAD"), nullptr);
  // Replaced, not added to: dropbox.com is no longer a file-sharing site for this engine.
  EXPECT_EQ(engine.text_scanner().host_service("www.dropbox.com"), HostService::kNone);

  // The same links from a known sender are no finding.
  const Report again = engine.scan("task2.eml", as_bytes(test_task));
  EXPECT_EQ(find(again, "FIRST_CONTACT_CODE_OR_FILE_LINK"), nullptr);
}

TEST(MessageChecks, KeyResolverFromConfig) {
  Config::Dkim none;
  EXPECT_EQ(MessageChecks::make_key_resolver(none)->get(), nullptr);
  Config::Dkim dns;
  dns.resolver = "dns";
  EXPECT_NE(MessageChecks::make_key_resolver(dns)->get(), nullptr);
  Config::Dkim file;
  file.resolver = "file";
  file.keys = "/nonexistent/keys.txt";
  auto missing = MessageChecks::make_key_resolver(file);
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.status().message().find("/nonexistent/keys.txt"), std::string::npos);
}

}  // namespace
}  // namespace lg
