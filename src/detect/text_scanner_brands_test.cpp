// TextScanner with brands and a treasury: the domain, link and address checks as the engine
// runs them over text and hyperlinks.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "detect/text_scanner.h"

namespace lg {
namespace {

class Sink : public DetectorSink {
 public:
  void finding(Symbol s, Evidence e) override { findings.emplace_back(s, std::move(e)); }
  Observables& observables() override { return obs; }
  int object_id() const override { return 1; }
  int count(Symbol s) const {
    return static_cast<int>(std::count_if(findings.begin(), findings.end(),
                                          [&](const auto& f) { return f.first == s; }));
  }
  const Evidence* first(Symbol s) const {
    for (const auto& f : findings)
      if (f.first == s) return &f.second;
    return nullptr;
  }
  std::vector<std::pair<Symbol, Evidence>> findings;
  Observables obs;
};

class BrandScan : public ::testing::Test {
 protected:
  LookalikeChecker lookalike_{default_brands()};
  TreasuryChecker treasury_{{"bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4"}};
  TextScanner scanner_{nullptr, &lookalike_, &treasury_};
};

TEST_F(BrandScan, DomainsInTextAndAddresses) {
  Sink sink;
  scanner_.scan_text(TextKind::kBody,
                     "Apply at https://careers.coinbase-jobs.xyz/apply or write to "
                     "hr@b1nance.com; our partner site is coinbase.com.",
                     sink);
  const Evidence* e = sink.first(Symbol::DOMAIN_BRAND_EMBEDDED);
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->value, "careers.coinbase-jobs.xyz");
  EXPECT_NE(e->detail.find("coinbase.com"), std::string::npos);
  e = sink.first(Symbol::DOMAIN_LOOKALIKE);
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->value, "b1nance.com");
  EXPECT_NE(e->detail.find("binance.com"), std::string::npos);
  EXPECT_EQ(sink.findings.size(), 2u);  // coinbase.com itself is fine
}

TEST_F(BrandScan, UnicodeDomainShowsBothForms) {
  Sink sink;
  scanner_.scan_text(TextKind::kBody, "Log in at https://coinb\xD0\xB0se.com/verify today", sink);
  const Evidence* e = sink.first(Symbol::DOMAIN_LOOKALIKE);
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->value, "coinb\xD0\xB0se.com (xn--coinbse-6fg.com)");
  EXPECT_EQ(sink.count(Symbol::DOMAIN_MIXED_SCRIPT), 1);
}

TEST_F(BrandScan, EachDomainOncePerInput) {
  Sink sink;
  scanner_.scan_text(TextKind::kBody, "https://b1nance.com/a and https://b1nance.com/b", sink);
  scanner_.scan_text(TextKind::kDocument, "again: www.b1nance.com b1nance.com", sink);
  EXPECT_EQ(sink.count(Symbol::DOMAIN_LOOKALIKE), 2);  // b1nance.com, www.b1nance.com
}

TEST_F(BrandScan, DefangedIndicatorsAreNotChecked) {
  Sink sink;
  scanner_.scan_text(TextKind::kBody, "IOC: hxxp://b1nance[.]com/x and 45.77.120[.]3", sink);
  EXPECT_EQ(sink.count(Symbol::DOMAIN_LOOKALIKE), 0);
  EXPECT_EQ(sink.count(Symbol::LINK_RAW_IP), 0);
  EXPECT_EQ(sink.count(Symbol::URL_DEFANGED), 1);
}

TEST_F(BrandScan, Links) {
  Sink sink;
  scanner_.scan_link("https://bit.ly/3abc", "Job description", sink);
  scanner_.scan_link("http://45.77.120.3/jd.zip", "JD", sink);
  scanner_.scan_link("data:text/html;base64,PHNjcmlwdD4=", "Open", sink);
  scanner_.scan_link("file://198.51.100.20/share/jd.lnk", "JD", sink);
  scanner_.scan_link("https://www.linkedin.com@linkedln-jobs.example/x", "LinkedIn", sink);
  scanner_.scan_link("https://github.com/hr-team/coding-test", "test", sink);
  scanner_.scan_link("https://mega.nz/file/abc", "files", sink);
  EXPECT_EQ(sink.count(Symbol::LINK_SHORTENER), 1);
  EXPECT_EQ(sink.count(Symbol::LINK_RAW_IP), 1);
  EXPECT_EQ(sink.count(Symbol::LINK_DATA_URL), 1);
  EXPECT_EQ(sink.count(Symbol::LINK_FILE_URL), 1);
  EXPECT_EQ(sink.count(Symbol::LINK_CREDENTIALS), 1);
  EXPECT_EQ(sink.count(Symbol::LINK_CODE_HOST), 1);
  EXPECT_EQ(sink.count(Symbol::LINK_FILE_SHARING), 1);
  EXPECT_EQ(sink.first(Symbol::LINK_RAW_IP)->value, "http://45.77.120.3/jd.zip");
}

TEST_F(BrandScan, TreasurySwap) {
  Sink sink;
  scanner_.scan_text(TextKind::kBody,
                     "Dear treasury team, our new deposit address is "
                     "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa. The old one is closed.",
                     sink);
  EXPECT_EQ(sink.count(Symbol::CRYPTO_TREASURY_SWAP), 1);
  EXPECT_EQ(sink.obs.crypto_addresses.size(), 1u);
}

TEST_F(BrandScan, SenderChecks) {
  auto d = scanner_.check_domain("coinbase-careers.com");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].symbol, Symbol::DOMAIN_BRAND_EMBEDDED);
  auto n = scanner_.check_display_name("Binance Recruitment", "binance-hr.net");
  ASSERT_TRUE(n);
  EXPECT_EQ(n->brand, "Binance");
  TextScanner plain;
  EXPECT_TRUE(plain.check_domain("coinbase-careers.com").empty());
  EXPECT_FALSE(plain.check_display_name("Binance Recruitment", "binance-hr.net"));
}

TEST_F(BrandScan, HamLikeTextHasNoFindings) {
  Sink sink;
  scanner_.scan_text(TextKind::kBody,
                     "Hi all, the patch is at http://www.example.org/patches/fix.diff and the "
                     "list archive at https://lists.sourceforge.net/lists/listinfo/razor-users. "
                     "Mail me at bob@example.com; the server is 192.168.0.10. "
                     "詳細は https://www.rakuten.co.jp/ をご覧ください。 네이버 https://naver.com",
                     sink);
  EXPECT_TRUE(sink.findings.empty()) << symbol_info(sink.findings[0].first).name;
}

}  // namespace
}  // namespace lg
