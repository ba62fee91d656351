#include "detect/text_scanner.h"
#include "core/testing/test_files.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

namespace lg {
namespace {

class FakeSink : public DetectorSink {
 public:
  void finding(Symbol s, Evidence e) override { findings.emplace_back(s, std::move(e)); }
  Observables& observables() override { return obs; }
  int object_id() const override { return 7; }

  int count(Symbol s) const {
    return static_cast<int>(std::count_if(findings.begin(), findings.end(),
                                          [&](const auto& f) { return f.first == s; }));
  }
  std::vector<std::pair<Symbol, Evidence>> findings;
  Observables obs;
};

template <class T>
bool has(const std::vector<T>& v, std::string_view value) {
  return std::any_of(v.begin(), v.end(), [&](const T& x) { return x.value == value; });
}

bool has_domain(const Observables& o, std::string_view d) {
  return std::any_of(o.domains.begin(), o.domains.end(),
                     [&](const DomainObservable& x) { return x.domain == d; });
}

TEST(TextScanner, ObservablesFromText) {
  TextScanner scanner;
  FakeSink sink;
  scanner.scan_text(TextKind::kBody,
                    "Apply at https://Careers.Coinbase-Jobs.xyz/apply?id=1 or mail "
                    "hr@bithumb-recruit.com. Server 203.0.113.7, site аррӏе.com, "
                    "https://[2001:db8::5]/x",
                    sink);
  const Observables& o = sink.obs;
  ASSERT_EQ(o.urls.size(), 2u);
  EXPECT_EQ(o.urls[0].url, "https://careers.coinbase-jobs.xyz/apply?id=1");
  EXPECT_EQ(o.urls[0].host, "careers.coinbase-jobs.xyz");
  EXPECT_EQ(o.urls[0].object_id, 7);
  EXPECT_FALSE(o.urls[0].defanged);
  EXPECT_TRUE(has(o.emails, "hr@bithumb-recruit.com"));
  EXPECT_TRUE(has(o.ips, "203.0.113.7"));
  EXPECT_TRUE(has(o.ips, "2001:db8::5"));
  EXPECT_TRUE(has_domain(o, "careers.coinbase-jobs.xyz"));
  EXPECT_TRUE(has_domain(o, "bithumb-recruit.com"));
  auto idn = std::find_if(o.domains.begin(), o.domains.end(),
                          [](const auto& d) { return d.domain == "xn--80ak6aa92e.com"; });
  ASSERT_NE(idn, o.domains.end());
  EXPECT_EQ(idn->unicode, "аррӏе.com");
  EXPECT_TRUE(sink.findings.empty());
}

TEST(TextScanner, DefangedReportedOncePerText) {
  TextScanner scanner;
  FakeSink sink;
  scanner.scan_text(TextKind::kBody,
                    "IOC: hxxps://login-binance[.]xyz/verify and 185[.]29[.]8[.]1 and "
                    "support[@]binance-help[.]top",
                    sink);
  ASSERT_EQ(sink.obs.urls.size(), 1u);
  EXPECT_EQ(sink.obs.urls[0].url, "https://login-binance.xyz/verify");
  EXPECT_TRUE(sink.obs.urls[0].defanged);
  EXPECT_TRUE(has(sink.obs.ips, "185.29.8.1"));
  EXPECT_TRUE(has(sink.obs.emails, "support@binance-help.top"));
  ASSERT_EQ(sink.count(Symbol::URL_DEFANGED), 1);
  EXPECT_EQ(sink.findings[0].second.value, "hxxps://login-binance[.]xyz/verify");

  FakeSink plain;
  scanner.scan_text(TextKind::kBody, "https://login-binance.xyz/verify [1] (2)", plain);
  EXPECT_EQ(plain.count(Symbol::URL_DEFANGED), 0);
  EXPECT_FALSE(plain.obs.urls.at(0).defanged);
}

TEST(TextScanner, ScriptsGetNoBareDomains) {
  TextScanner scanner;
  FakeSink sink;
  scanner.scan_text(TextKind::kScript,
                    "var o = WScript.CreateObject('x'); o.run; open(\"http://c2.example.top/p\")",
                    sink);
  ASSERT_EQ(sink.obs.urls.size(), 1u);
  EXPECT_EQ(sink.obs.domains.size(), 1u);  // only the URL's host
}

TEST(TextScanner, LinkMismatch) {
  TextScanner scanner;
  FakeSink sink;
  scanner.scan_link("https://binance-secure.xyz/", "https://www.binance.com/login", sink);
  ASSERT_EQ(sink.count(Symbol::URL_TEXT_MISMATCH), 1);
  EXPECT_EQ(sink.findings[0].second.value, "https://binance-secure.xyz/");
  EXPECT_EQ(sink.findings[0].second.detail,
            "text shows www.binance.com, link goes to binance-secure.xyz");
  ASSERT_EQ(sink.obs.urls.size(), 1u);
  EXPECT_EQ(sink.obs.urls[0].visible_text, "https://www.binance.com/login");
  EXPECT_TRUE(has_domain(sink.obs, "binance-secure.xyz"));
  EXPECT_FALSE(has_domain(sink.obs, "www.binance.com"));  // shown, not visited
}

TEST(TextScanner, LinkNoMismatch) {
  TextScanner scanner;
  FakeSink sink;
  scanner.scan_link("https://www.coinbase.com/signin", "coinbase.com", sink);
  scanner.scan_link("https://accounts.example.co.jp/x", "www.example.co.jp", sink);
  scanner.scan_link("https://coinbase.com/", "Sign in to your account", sink);
  scanner.scan_link("https://xn--80ak6aa92e.com/", "аррӏе.com", sink);
  scanner.scan_link("/relative/path", "https://www.binance.com/", sink);  // no host
  scanner.scan_link("#top", "www.binance.com", sink);
  scanner.scan_link("javascript:void(0)", "www.binance.com", sink);
  EXPECT_EQ(sink.count(Symbol::URL_TEXT_MISMATCH), 0);
  EXPECT_EQ(sink.obs.urls.size(), 5u);  // relative and #anchor are not recorded
}

TEST(TextScanner, LinkMismatchIdnAndMailto) {
  TextScanner scanner;
  FakeSink sink;
  scanner.scan_link("https://xn--80ak6aa92e.com/", "apple.com", sink);
  EXPECT_EQ(sink.count(Symbol::URL_TEXT_MISMATCH), 1);
  FakeSink mail;
  scanner.scan_link("mailto:recruit@lazarus-jobs.top", "hr@coinbase.com", mail);
  ASSERT_EQ(mail.count(Symbol::URL_TEXT_MISMATCH), 1);
  EXPECT_EQ(mail.findings[0].second.value, "mailto:recruit@lazarus-jobs.top");
  EXPECT_TRUE(has(mail.obs.emails, "recruit@lazarus-jobs.top"));
  FakeSink same;
  scanner.scan_link("mailto:hr@coinbase.com", "HR@Coinbase.com", same);
  EXPECT_EQ(same.count(Symbol::URL_TEXT_MISMATCH), 0);
}

using lg::testing::read_file;

TEST(TextScanner, HamCorpusPlausible) {
  std::filesystem::path dir = std::filesystem::path(LG_SHARED_DIR) / "corpus/mail/ham";
  ASSERT_TRUE(std::filesystem::is_directory(dir)) << dir;
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(dir)) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  files.resize(std::min<std::size_t>(files.size(), 200));
  ASSERT_EQ(files.size(), 200u);

  TextScanner scanner;
  std::size_t with_email = 0, with_url = 0, total_urls = 0;
  for (const auto& f : files) {
    FakeSink sink;
    scanner.scan_text(TextKind::kBody, read_file(f), sink);
    with_email += !sink.obs.emails.empty();
    with_url += !sink.obs.urls.empty();
    total_urls += sink.obs.urls.size();
    // Raw messages carry Received headers: every one names hosts and addresses.
    EXPECT_FALSE(sink.obs.domains.empty()) << f;
    for (const auto& u : sink.obs.urls) {
      EXPECT_TRUE(u.url.find("://") != std::string::npos || u.url.rfind("data:", 0) == 0) << u.url;
      EXPECT_EQ(u.url.find_first_of(" \t\r\n<>\""), std::string::npos) << u.url;
    }
    EXPECT_EQ(sink.count(Symbol::URL_DEFANGED), 0) << f;
  }
  EXPECT_EQ(with_email, 200u);  // From: headers
  EXPECT_GT(with_url, 60u);     // mailing-list footers alone put a URL in most
  EXPECT_LT(total_urls, 200u * 60u);
}

TEST(TextScanner, ExactCorpusMessage) {
  // The first ham message: a reply on exmh-workers from munnari.OZ.AU.
  std::string text = read_file(std::filesystem::path(LG_SHARED_DIR) /
                               "corpus/mail/ham/00001.7c53336b37003a9286aba55d2945844c.txt");
  ASSERT_FALSE(text.empty());
  TextScanner scanner;
  FakeSink sink;
  scanner.scan_text(TextKind::kBody, text, sink);
  EXPECT_TRUE(has(sink.obs.emails, "kre@munnari.oz.au"));
  EXPECT_TRUE(has(sink.obs.ips, "66.187.233.211"));
  EXPECT_TRUE(has_domain(sink.obs, "ratree.psu.ac.th"));
  EXPECT_TRUE(std::any_of(sink.obs.urls.begin(), sink.obs.urls.end(), [](const UrlObservable& u) {
    return u.url == "https://listman.redhat.com/mailman/listinfo/exmh-workers";
  }));
  EXPECT_EQ(sink.count(Symbol::URL_TEXT_MISMATCH), 0);
}

}  // namespace
}  // namespace lg
