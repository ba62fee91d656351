// [brands] and [treasury] in the config, and the engine's use of them.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "engine/config.h"
#include "engine/engine.h"

namespace lg {
namespace {

TEST(ConfigBrands, DefaultsUseTheBuiltInList) {
  Config c = default_config();
  EXPECT_TRUE(c.brands.builtin);
  EXPECT_TRUE(c.own_domains.empty());
  EXPECT_TRUE(c.treasury.addresses.empty());
  auto brands = protected_brands(c);
  EXPECT_EQ(brands.size(), default_brands().size());
  EXPECT_TRUE(std::any_of(brands.begin(), brands.end(),
                          [](const Brand& b) { return b.name == "Coinbase"; }));
}

TEST(ConfigBrands, OwnAddedAndReplaced) {
  auto c = parse_config(R"(
[brands]
builtin = false
own = ["lureguard-corp.co.jp", "lgc.example"]
[[brands.add]]
name = "Acme Exchange"
category = "exchange"
domains = ["acme-exchange.io"]
tokens = ["acmeex"]
names = ["Acme Exchange", "アクメ"]
[[brands.add]]
name = "Wordy"
domains = ["wordy.example"]
generic = true
[treasury]
addresses = ["bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"]
)");
  ASSERT_TRUE(c) << c.status().to_string();
  EXPECT_FALSE(c->brands.builtin);
  ASSERT_EQ(c->brands.added.size(), 2u);
  EXPECT_EQ(c->brands.added[0].names.at(1), "アクメ");
  EXPECT_EQ(c->brands.added[1].category, "brand");
  EXPECT_TRUE(c->brands.added[1].generic);
  EXPECT_EQ(c->treasury.addresses.size(), 2u);
  auto brands = protected_brands(*c);
  ASSERT_EQ(brands.size(), 3u);  // two added, one for the own domains
  EXPECT_EQ(brands.back().category, "own");
  EXPECT_EQ(brands.back().domains.size(), 2u);

  Engine engine(*c);
  const TextScanner& ts = engine.text_scanner();
  EXPECT_TRUE(ts.check_domain("coinbase-careers.com").empty());  // built-in list off
  EXPECT_EQ(ts.check_domain("acmeex-login.com").at(0).symbol, Symbol::DOMAIN_BRAND_EMBEDDED);
  EXPECT_EQ(ts.check_domain("lureguard-c0rp.co.jp").at(0).symbol, Symbol::DOMAIN_LOOKALIKE);
}

TEST(ConfigBrands, Errors) {
  EXPECT_FALSE(parse_config("[brands]\nown = \"x.com\"\n"));
  EXPECT_FALSE(parse_config("[brands]\nbuiltin = 1\n"));
  EXPECT_FALSE(parse_config("[brands]\nfoo = 1\n"));
  EXPECT_FALSE(parse_config("[[brands.add]]\ndomains = [\"a.com\"]\n"));  // no name
  EXPECT_FALSE(parse_config("[[brands.add]]\nname = \"A\"\ncolour = \"red\"\n"));
  EXPECT_FALSE(parse_config("[treasury]\naddresses = [\"bc1qnotanaddress\"]\n"));
  EXPECT_FALSE(parse_config("[treasury]\nwallets = []\n"));
  auto bad =
      parse_config("[treasury]\naddresses = [\"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD\"]\n");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.status().to_string().find("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD"),
            std::string::npos);
}

// [brands] own and [sender] internal_domains name one list; each check uses all of it.
TEST(ConfigBrands, OwnDomainsAreOneNotionUnderTwoKeys) {
  auto both = parse_config(
      "[brands]\nown = [\"corp.example\"]\n"
      "[sender]\ninternal_domains = [\"corp.example\", \"lureguard-corp.co.jp\"]\n");
  ASSERT_TRUE(both) << both.status().to_string();
  EXPECT_EQ(both->own_domains, (std::vector<std::string>{"corp.example", "lureguard-corp.co.jp"}));

  // Named only as internal: still protected from look-alikes.
  auto internal = parse_config("[sender]\ninternal_domains = [\"lureguard-corp.co.jp\"]\n");
  ASSERT_TRUE(internal);
  Engine by_alias(*internal);
  EXPECT_EQ(by_alias.text_scanner().check_domain("lureguard-c0rp.co.jp").at(0).symbol,
            Symbol::DOMAIN_LOOKALIKE);

  // Named only as a brand: still internal to the executive check.
  const std::string msg =
      "From: Jane Doe <jane@corp.example>\r\nTo: bob@corp.example\r\nSubject: minutes\r\n"
      "Content-Type: text/plain\r\n\r\nThe minutes are in the usual place.\r\n";
  auto impersonated = [&](const char* toml) {
    auto c = parse_config(toml);
    EXPECT_TRUE(c);
    if (!c) return false;
    Report r = Engine(*c).scan("m.eml", as_bytes(msg));
    return std::any_of(r.findings.begin(), r.findings.end(), [](const Finding& f) {
      return f.symbol == "SENDER_EXECUTIVE_IMPERSONATION";
    });
  };
  EXPECT_TRUE(impersonated("[sender]\nexecutives = [\"Jane Doe\"]\n"));
  EXPECT_FALSE(
      impersonated("[sender]\nexecutives = [\"Jane Doe\"]\n[brands]\nown = [\"corp.example\"]\n"));
}

TEST(ConfigBrands, EngineReportsTheSwap) {
  auto c =
      parse_config("[treasury]\naddresses = [\"bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4\"]\n");
  ASSERT_TRUE(c);
  Engine engine(*c);
  std::string msg =
      "From: Treasury Ops <ops@example.com>\r\nTo: finance@example.org\r\n"
      "Subject: updated wallet\r\nContent-Type: text/plain\r\n\r\n"
      "Our new deposit address is 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa from today.\r\n";
  Report r = engine.scan("swap.eml", as_bytes(msg));
  EXPECT_TRUE(std::any_of(r.findings.begin(), r.findings.end(),
                          [](const Finding& f) { return f.symbol == "CRYPTO_TREASURY_SWAP"; }));
}

}  // namespace
}  // namespace lg
