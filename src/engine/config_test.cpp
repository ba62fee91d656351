#include "engine/config.h"

#include <gtest/gtest.h>

namespace lg {
namespace {

TEST(Config, DefaultsAreTheDocumentedOnes) {
  auto c = default_config();
  EXPECT_EQ(c.scoring.suspicious, 6);
  EXPECT_EQ(c.scoring.malicious, 15);
  EXPECT_FALSE(c.scoring.reject.has_value());
  EXPECT_EQ(c.limits.max_depth, Limits::kMaxDepth);
  EXPECT_EQ(c.scoring.weight(Symbol::FILENAME_RTLO), 15);
}

TEST(Config, OverridesWeightsThresholdsLimits) {
  auto c = parse_config(R"(
[scoring]
suspicious = 5
malicious = 12.5
reject = 30
[scoring.weights]
FILENAME_RTLO = 20
TYPE_MISMATCH = 0
[scoring.group_caps]
filename = 10
[limits]
max_depth = 4
deadline_ms = 1500
max_ratio = 50.5
)");
  ASSERT_TRUE(c) << c.status().to_string();
  EXPECT_EQ(c->scoring.suspicious, 5);
  EXPECT_EQ(c->scoring.malicious, 12.5);
  EXPECT_EQ(c->scoring.reject.value_or(0), 30);
  EXPECT_EQ(c->scoring.weight(Symbol::FILENAME_RTLO), 20);
  EXPECT_EQ(c->scoring.weight(Symbol::TYPE_MISMATCH), 0);
  EXPECT_EQ(c->scoring.weight(Symbol::FILENAME_DOUBLE_EXTENSION), 8);  // untouched default
  EXPECT_EQ(c->scoring.group_caps.at("filename"), 10);
  EXPECT_EQ(c->scoring.group_caps.at("anomaly"), 3);  // default cap kept
  EXPECT_EQ(c->limits.max_depth, 4u);
  EXPECT_EQ(c->limits.deadline_ms, 1500u);
  EXPECT_EQ(c->limits.max_ratio, 50.5);
  EXPECT_FALSE(c->passwords.empty());  // defaults kept when [passwords] is absent
  auto p = parse_config("[passwords]\nlist = [\"infected-test\", \"x\"]\n");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->passwords, (std::vector<std::string>{"infected-test", "x"}));
}

TEST(Config, RejectsTyposAndBadValues) {
  EXPECT_FALSE(parse_config("[scoring.weights]\nFILENAME_RTL0 = 3\n"));
  EXPECT_FALSE(parse_config("[scoring]\nsuspicous = 3\n"));
  EXPECT_FALSE(parse_config("[limit]\nmax_depth = 3\n"));
  EXPECT_FALSE(parse_config("[limits]\nmax_depth = -1\n"));
  EXPECT_FALSE(parse_config("[limits]\nmax_depth = \"deep\"\n"));
  EXPECT_FALSE(parse_config("[scoring]\nsuspicious = 20\nmalicious = 10\n"));
  EXPECT_FALSE(parse_config("[passwords]\nlist = [1, 2]\n"));
  EXPECT_FALSE(parse_config("[passwords]\nwords = [\"a\"]\n"));
  auto broken = parse_config("[scoring\n");
  ASSERT_FALSE(broken);
  EXPECT_NE(broken.status().message().find("line 1"), std::string::npos);
}

}  // namespace
}  // namespace lg

namespace lg {
namespace {

TEST(Config, AuthDkimSender) {
  auto c = parse_config(R"(
[auth]
trusted_authserv_ids = ["mx.corp.example", "mx2.corp.example"]
[dkim]
resolver = "file"
keys = "keys.txt"
[sender]
executives = ["Jane Doe"]
internal_domains = ["corp.example"]
freemail_domains = ["freemail.example"]
)");
  ASSERT_TRUE(c) << c.status().message();
  EXPECT_EQ(c->auth.trusted_authserv_ids.size(), 2u);
  EXPECT_EQ(c->dkim.resolver, "file");
  EXPECT_EQ(c->dkim.keys, "keys.txt");
  EXPECT_EQ(c->sender.executives, std::vector<std::string>{"Jane Doe"});
  ASSERT_TRUE(c->sender.freemail_domains);
  EXPECT_EQ(c->sender.freemail_domains->front(), "freemail.example");
  EXPECT_EQ(default_config().dkim.resolver, "none");  // no lookups unless asked
  EXPECT_FALSE(default_config().sender.freemail_domains);
  EXPECT_FALSE(parse_config("[dkim]\nresolver = \"ldap\"\n"));
  EXPECT_FALSE(parse_config("[dkim]\nresolver = \"file\"\n"));  // no keys
  auto dns = parse_config("[dkim]\nresolver = \"dns\"\nnameserver = \"127.0.0.1:5353\"\n");
  ASSERT_TRUE(dns) << dns.status().message();
  EXPECT_EQ(dns->dkim.nameserver, "127.0.0.1:5353");
  EXPECT_FALSE(parse_config("[dkim]\nresolver = \"dns\"\nnameserver = \"localhost\"\n"));
  // A nameserver without DNS lookups would silently do nothing.
  EXPECT_FALSE(parse_config("[dkim]\nnameserver = \"127.0.0.1\"\n"));
  EXPECT_FALSE(parse_config("[auth]\ntrusted = [\"x\"]\n"));
  EXPECT_FALSE(parse_config("[sender]\nexecutives = \"Jane\"\n"));
}

}  // namespace
}  // namespace lg
