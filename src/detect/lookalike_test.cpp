#include "detect/lookalike.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "core/utf8.h"
#include "detect/edit_distance.h"

namespace lg {
namespace {

const LookalikeChecker& defaults() {
  static const LookalikeChecker checker(default_brands());
  return checker;
}

// The first match's symbol for `domain`, or "none"; `brand` gets its brand.
std::string first(std::string_view domain, std::string* brand = nullptr) {
  auto m = defaults().check_domain(domain);
  if (m.empty()) return "none";
  if (brand) *brand = m.front().brand_domain;
  return std::string(symbol_info(m.front().symbol).name);
}

TEST(Lookalike, ConfusableSkeletons) {
  std::string brand;
  EXPECT_EQ(first("coinb\xD0\xB0se.com", &brand), "DOMAIN_LOOKALIKE");  // Cyrillic а
  EXPECT_EQ(brand, "coinbase.com");
  EXPECT_EQ(first("xn--coinbse-6fg.com", &brand), "DOMAIN_LOOKALIKE");  // the same, punycode
  EXPECT_EQ(brand, "coinbase.com");
  EXPECT_EQ(first("rnetamask.io", &brand), "DOMAIN_LOOKALIKE");
  EXPECT_EQ(brand, "metamask.io");
  EXPECT_EQ(first("www.b1nance.com", &brand), "DOMAIN_LOOKALIKE");
  EXPECT_EQ(brand, "binance.com");
  // A generic brand name is still protected against homoglyphs.
  EXPECT_EQ(first("cr\xD1\x83pto.com", &brand), "DOMAIN_LOOKALIKE");  // Cyrillic у
  EXPECT_EQ(brand, "crypto.com");
}

TEST(Lookalike, EditDistance) {
  std::string brand;
  EXPECT_EQ(first("blnance.com", &brand), "DOMAIN_LOOKALIKE");
  EXPECT_EQ(brand, "binance.com");
  EXPECT_EQ(first("coinbasse.com", &brand), "DOMAIN_LOOKALIKE");
  EXPECT_EQ(brand, "coinbase.com");
  EXPECT_EQ(first("bitfyler.jp", &brand), "DOMAIN_LOOKALIKE");  // transposition
  EXPECT_EQ(brand, "bitflyer.com");
  EXPECT_EQ(first("coincheckk.net", &brand), "DOMAIN_LOOKALIKE");
  EXPECT_EQ(first("coinchekc.co", &brand), "DOMAIN_LOOKALIKE");  // 9 letters: two edits
  EXPECT_EQ(first("coihcheek.com"), "DOMAIN_LOOKALIKE");         // two substitutions
  EXPECT_EQ(first("linkedln.com", &brand), "DOMAIN_LOOKALIKE");
  EXPECT_EQ(brand, "linkedin.com");
  EXPECT_EQ(first("upbitt.co.kr", &brand), "DOMAIN_LOOKALIKE");
  EXPECT_EQ(brand, "upbit.com");
  // "m" has the skeleton "rn": "combase" is one edit from "coinbase" that way.
  EXPECT_EQ(first("combase.com", &brand), "DOMAIN_LOOKALIKE");
  EXPECT_EQ(brand, "coinbase.com");
  // Too far, or too short to measure by edits.
  EXPECT_EQ(first("coinbaes-x.com"), "none");
  EXPECT_EQ(first("oks.com"), "none");
  EXPECT_EQ(first("upbyt.com"), "DOMAIN_LOOKALIKE");
  EXPECT_EQ(first("upbeat.com"), "none");
  // Generic brand names are not measured by edits: "crypta" is a word, not crypto.com.
  EXPECT_EQ(first("crypta.com"), "none");
  EXPECT_EQ(first("sale.global"), "none");
}

TEST(Lookalike, SameNameUnderAnotherSuffix) {
  std::string brand;
  EXPECT_EQ(first("coinbase.xyz", &brand), "DOMAIN_LOOKALIKE");
  EXPECT_EQ(brand, "coinbase.com");
  EXPECT_EQ(first("login.binance.co", &brand), "DOMAIN_LOOKALIKE");
  EXPECT_EQ(first("bitflyer.github.io"), "DOMAIN_LOOKALIKE");  // a registered domain of its own
  // Generic names under other suffixes belong to other people.
  EXPECT_EQ(first("safe.com"), "none");
  EXPECT_EQ(first("indeed.net"), "none");
  EXPECT_EQ(first("ledger.org"), "none");
}

TEST(Lookalike, BrandEmbedded) {
  std::string brand;
  EXPECT_EQ(first("coinbase-careers.com", &brand), "DOMAIN_BRAND_EMBEDDED");
  EXPECT_EQ(brand, "coinbase.com");
  EXPECT_EQ(first("binance.com.security-check.io", &brand), "DOMAIN_BRAND_EMBEDDED");
  EXPECT_EQ(brand, "binance.com");
  EXPECT_EQ(first("crypto.com-verify.net", &brand), "DOMAIN_BRAND_EMBEDDED");
  EXPECT_EQ(brand, "crypto.com");
  EXPECT_EQ(first("mycoinbasewallet.com"), "DOMAIN_BRAND_EMBEDDED");  // long token: anywhere
  EXPECT_EQ(first("okx-airdrop.net", &brand), "DOMAIN_BRAND_EMBEDDED");
  EXPECT_EQ(brand, "okx.com");
  EXPECT_EQ(first("hr.upbit-recruit.kr"), "DOMAIN_BRAND_EMBEDDED");
  // Short tokens need label or hyphen boundaries.
  EXPECT_EQ(first("rokxana.com"), "none");
  EXPECT_EQ(first("smbcx.org"), "none");
  EXPECT_EQ(first("krakenfiles.com"), "none");
  EXPECT_EQ(first("cryptocurrency-news.com"), "none");
}

TEST(Lookalike, MixedScript) {
  auto m = defaults().check_domain("coinb\xD0\xB0se.com");
  ASSERT_EQ(m.size(), 2u);
  EXPECT_EQ(m[1].symbol, Symbol::DOMAIN_MIXED_SCRIPT);
  EXPECT_EQ(m[1].brand_domain, "coinbase.com");
  EXPECT_NE(m[1].detail.find("Latin+Cyrillic"), std::string::npos);
  auto alone = defaults().check_domain("p\xD0\xB0ypal-example.org");
  ASSERT_EQ(alone.size(), 1u);
  EXPECT_EQ(alone[0].symbol, Symbol::DOMAIN_MIXED_SCRIPT);
  EXPECT_TRUE(defaults().check_domain("日本のサイト.jp").empty());
  EXPECT_TRUE(defaults()
                  .check_domain("\xD0\xBF\xD1\x80\xD0\xB8\xD0\xBC\xD0\xB5\xD1\x80.\xD1\x80\xD1\x84")
                  .empty());
}

TEST(Lookalike, RealDomainsAreNeverReported) {
  for (const char* d : {"coinbase.com",
                        "www.coinbase.com",
                        "accounts.binance.com",
                        "binance.us",
                        "kraken.com",
                        "okx.com",
                        "www.okex.com",
                        "crypto.com",
                        "metamask.io",
                        "support.metamask.io",
                        "ledger.com",
                        "trezor.io",
                        "app.safe.global",
                        "bitflyer.com",
                        "bitflyer.jp",
                        "coincheck.com",
                        "bitbank.cc",
                        "coin.z.com",
                        "sbivc.co.jp",
                        "bitcoin.dmm.com",
                        "zaif.jp",
                        "bitpoint.co.jp",
                        "upbit.com",
                        "bithumb.com",
                        "coinone.co.kr",
                        "korbit.co.kr",
                        "gopax.co.kr",
                        "www.linkedin.com",
                        "lnkd.in",
                        "jp.indeed.com",
                        "wanted.co.kr",
                        "saramin.co.kr",
                        "jobkorea.co.kr",
                        "rikunabi.com",
                        "doda.jp",
                        "bizreach.jp",
                        "mufg.jp",
                        "www.smbc.co.jp",
                        "mizuhobank.co.jp",
                        "zvc.vc",
                        "bankofamerica.com"})
    EXPECT_EQ(first(d), "none") << d;
}

TEST(Lookalike, OrdinaryDomainsAreNotReported) {
  for (const char* d : {"example.com",
                        "lists.sourceforge.net",
                        "spamassassin.apache.org",
                        "yahoo.com",
                        "gmail.com",
                        "google.com",
                        "microsoft.com",
                        "python.org",
                        "debian.org",
                        "nytimes.com",
                        "amazon.co.jp",
                        "naver.com",
                        "rakuten.co.jp",
                        "kakao.com",
                        "coinmarketcap.com",
                        "coingecko.com",
                        "bitcoin.org",
                        "ethereum.org",
                        "github.com",
                        "slashdot.org",
                        "zdnet.com",
                        "cnet.com",
                        "xent.com",
                        "linux.ie",
                        "redhat.com",
                        "freshmeat.net",
                        "upbeat.com",
                        "bitbucket.org",
                        "coinbox.com",
                        "mizuno.jp",
                        "kraft.com",
                        "localhost",
                        "10.0.0.1",
                        "co.uk"})
    EXPECT_EQ(first(d), "none") << d;
}

TEST(Lookalike, DisplayNames) {
  const auto& c = defaults();
  auto m = c.check_display_name("Coinbase Support", "coinbase-help.net");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->symbol, Symbol::DISPLAY_NAME_BRAND);
  EXPECT_EQ(m->brand, "Coinbase");
  EXPECT_NE(m->detail.find("coinbase-help.net"), std::string::npos);
  EXPECT_TRUE(c.check_display_name("ＣＯＩＮＢＡＳＥ", "gmail.com"));          // fullwidth
  EXPECT_TRUE(c.check_display_name("C\xD0\xBEinbase Security", "gmail.com"));  // Cyrillic о
  EXPECT_TRUE(c.check_display_name("ビットフライヤー カスタマーサポート", "example.jp"));
  EXPECT_TRUE(c.check_display_name("업비트 고객센터", "example.kr"));
  // The brand's own domains, and words that only contain a brand name.
  EXPECT_FALSE(c.check_display_name("Coinbase", "info.coinbase.com"));
  EXPECT_FALSE(c.check_display_name("LinkedIn", "linkedin.com"));
  EXPECT_FALSE(c.check_display_name("Mike Okxford", "example.com"));
  EXPECT_FALSE(c.check_display_name("John Smith", "example.com"));
  EXPECT_FALSE(c.check_display_name("Indeedee Fan Club", "example.com"));
  // An address domain that is no host name is shown as valid UTF-8 (a fuzzer's find).
  auto odd = c.check_display_name("Coinbase", "ww\xCD\xCD.com@");
  ASSERT_TRUE(odd);
  EXPECT_TRUE(is_valid_utf8(odd->detail));
}

TEST(Lookalike, OwnAndAddedBrands) {
  std::vector<Brand> brands;
  brands.push_back(own_domains_brand({"lureguard-corp.co.jp"}));
  brands.push_back(
      Brand{"Acme Exchange", "exchange", {"acme-exchange.io"}, {"acmeex"}, {"Acme"}, false});
  LookalikeChecker c(brands);
  EXPECT_EQ(c.brand_count(), 2u);
  EXPECT_TRUE(c.check_domain("mail.lureguard-corp.co.jp").empty());
  auto m = c.check_domain("lureguard-corp.co.jp.login-portal.com");
  ASSERT_FALSE(m.empty());
  EXPECT_EQ(m[0].symbol, Symbol::DOMAIN_BRAND_EMBEDDED);
  EXPECT_EQ(m[0].brand_domain, "lureguard-corp.co.jp");
  m = c.check_domain("lureguard-c0rp.co.jp");
  ASSERT_FALSE(m.empty());
  EXPECT_EQ(m[0].symbol, Symbol::DOMAIN_LOOKALIKE);
  EXPECT_TRUE(c.check_display_name("Lureguard-Corp IT desk", "freemail.example"));
  EXPECT_FALSE(c.check_display_name("Lureguard-Corp IT desk", "lureguard-corp.co.jp"));
  EXPECT_EQ(c.check_domain("acmeex-support.com").at(0).symbol, Symbol::DOMAIN_BRAND_EMBEDDED);
  EXPECT_TRUE(c.is_brand_domain("www.acme-exchange.io"));
  EXPECT_FALSE(c.is_brand_domain("coinbase.com"));
}

TEST(Lookalike, ManyBrandsStayExact) {
  // Thousands of generated brands: the indexes find the same matches a direct comparison
  // would (bench/text_bench.cpp measures 10,000).
  std::vector<Brand> brands;
  for (int i = 0; i < 2000; ++i) {
    std::string label = "brand" + std::to_string(i * 7919 % 100'000) + "corp";
    brands.push_back(Brand{label, "test", {label + ".com"}, {label}, {label}, false});
  }
  LookalikeChecker c(brands);
  auto m = c.check_domain("brand7919corq.com");  // one edit from brand7919corp
  ASSERT_FALSE(m.empty());
  EXPECT_EQ(m[0].brand_domain, "brand7919corp.com");
  EXPECT_TRUE(c.check_domain("brand7919corp.com").empty());
  EXPECT_EQ(c.check_domain("brand15838corp-login.net").at(0).symbol, Symbol::DOMAIN_BRAND_EMBEDDED);
  EXPECT_TRUE(c.check_domain("unrelated-name.org").empty());
}

// Edit-distance matches against thousands of brands equal a direct comparison with every
// brand label: a match exactly when some label is within its limit (1 edit for 5-8
// characters, 2 from 9) of the skeleton, reported at the smallest distance. The queries
// cover both ways nearest_by_edits looks (many labels near the query's length: the deletion
// index; few: each label measured): edits of brand labels, random labels of every length,
// and long labels near the few long brands.
TEST(Lookalike, EditMatchesEqualADirectComparison) {
  std::mt19937 rng(11);
  auto name = [&](std::size_t letters) {
    static constexpr std::string_view kLetters = "bcdkmnrstaeiou01";
    std::string s;
    for (std::size_t i = 0; i < letters; ++i) s += kLetters[rng() % kLetters.size()];
    return s;
  };
  std::vector<Brand> brands;
  std::vector<std::string> labels;
  for (int i = 0; i < 3000; ++i) {
    std::string label = name(i < 20 ? 14 + i % 6 : 5 + rng() % 8);
    labels.push_back(label);
    brands.push_back(Brand{label, "test", {label + ".net"}, {}, {}, false});
  }
  const LookalikeChecker c(brands);
  const Confusables confusables;
  std::vector<std::string> skeletons;
  for (const auto& l : labels) skeletons.push_back(confusables.skeleton(l));

  std::size_t matched = 0, unmatched = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string q;
    if (round % 3 == 2) {
      q = name(1 + rng() % 24);
    } else {
      q = labels[round % 3 == 1 ? rng() % 20 : rng() % labels.size()];
      for (int e = 1 + rng() % 3; e > 0 && q.size() > 1; --e) {
        std::size_t at = rng() % q.size();
        switch (rng() % 4) {
          case 0:
            q.erase(at, 1);
            break;
          case 1:
            q.insert(at, 1, name(1)[0]);
            break;
          case 2:
            q[at] = name(1)[0];
            break;
          default:
            std::swap(q[at], q[(at + 1) % q.size()]);
        }
      }
    }
    const std::string sk = confusables.skeleton(q);
    std::size_t best = 3;
    bool same_skeleton = false;
    for (std::size_t i = 0; i < labels.size(); ++i) {
      const std::size_t limit = labels[i].size() >= LookalikeChecker::kTwoEditLabel ? 2 : 1;
      const std::size_t d = osa_distance(sk, skeletons[i], limit);
      same_skeleton |= d == 0;
      if (d != 0 && d <= limit) best = std::min(best, d);
    }
    if (same_skeleton) continue;  // a skeleton match, not an edit-distance one
    auto m = c.check_domain(q + ".com");
    if (best > 2) {
      EXPECT_TRUE(m.empty()) << q << ": " << m.front().detail;
      ++unmatched;
      continue;
    }
    ASSERT_FALSE(m.empty()) << q;
    EXPECT_EQ(m.front().symbol, Symbol::DOMAIN_LOOKALIKE) << q;
    EXPECT_EQ(m.front().detail.substr(0, 7),
              std::to_string(best) + (best == 1 ? " edit " : " edits"))
        << q << ": " << m.front().detail;
    ++matched;
  }
  // Both outcomes were tried many times.
  EXPECT_GT(matched, 500u);
  EXPECT_GT(unmatched, 500u);
}

// Results are cached per thread for the checker that made them: asking again, or asking two
// checkers with different brands in turn, gives each its own answer.
TEST(Lookalike, CachedResultsBelongToTheirChecker) {
  const LookalikeChecker kamerito(
      {Brand{"Kamerito", "test", {"kamerito.com"}, {"kamerito"}, {"Kamerito"}, false}});
  const LookalikeChecker zobelu(
      {Brand{"Zobelu", "test", {"zobelu.com"}, {"zobelu"}, {"Zobelu"}, false}});
  for (int round = 0; round < 2; ++round) {
    auto a = kamerito.check_domain("kamerlto.com");
    auto b = zobelu.check_domain("kamerlto.com");
    ASSERT_EQ(a.size(), 1u);
    EXPECT_EQ(a.front().brand_domain, "kamerito.com");
    EXPECT_TRUE(b.empty());
    EXPECT_TRUE(kamerito.check_domain("zobelv.com").empty());
    ASSERT_EQ(zobelu.check_domain("zobelv.com").size(), 1u);
  }
}

}  // namespace
}  // namespace lg
