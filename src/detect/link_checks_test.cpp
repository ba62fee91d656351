#include "detect/link_checks.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace lg {
namespace {

// The issues of the first URL found in `text` (or of `text` as an href).
std::vector<LinkIssue> issues(std::string_view text, bool href = false) {
  static const HostNormalizer hosts;
  static const UrlExtractor extractor(hosts);
  std::vector<LinkIssue> out;
  if (href) {
    auto e = extractor.parse_href(text);
    if (e) check_link(*e, true, HostServices::builtin(), out);
    return out;
  }
  std::vector<Extracted> found;
  extractor.extract(text, ExtractOptions{}, found);
  if (!found.empty()) check_link(found.front(), false, HostServices::builtin(), out);
  return out;
}

bool has(const std::vector<LinkIssue>& v, Symbol s) {
  for (const auto& i : v)
    if (i.symbol == s) return true;
  return false;
}

TEST(LinkChecks, RawIp) {
  auto v = issues("get it from http://45.77.120.3/payload.zip now");
  ASSERT_TRUE(has(v, Symbol::LINK_RAW_IP));
  EXPECT_NE(v[0].detail.find("45.77.120.3"), std::string::npos);
  EXPECT_TRUE(has(issues("https://[2a01:4f8::7]/x", true), Symbol::LINK_RAW_IP));
  // Private, loopback and documentation addresses are not links to the Internet.
  EXPECT_TRUE(issues("http://192.168.1.1/admin").empty());
  EXPECT_TRUE(issues("http://127.0.0.1:8080/").empty());
  EXPECT_TRUE(issues("http://10.1.2.3/").empty());
  EXPECT_TRUE(issues("http://203.0.113.9/").empty());
  EXPECT_TRUE(issues("http://[::1]/").empty());
  EXPECT_TRUE(issues("http://[fe80::1]/").empty());
}

TEST(LinkChecks, PublicIp) {
  EXPECT_TRUE(is_public_ip("8.8.8.8", HostKind::kIpv4));
  EXPECT_FALSE(is_public_ip("172.20.0.1", HostKind::kIpv4));
  EXPECT_TRUE(is_public_ip("172.32.0.1", HostKind::kIpv4));
  EXPECT_FALSE(is_public_ip("100.100.0.1", HostKind::kIpv4));
  EXPECT_FALSE(is_public_ip("224.0.0.1", HostKind::kIpv4));
  EXPECT_FALSE(is_public_ip("2001:db8::1", HostKind::kIpv6));
  EXPECT_FALSE(is_public_ip("::ffff:192.168.0.1", HostKind::kIpv6));
  EXPECT_TRUE(is_public_ip("::ffff:8.8.4.4", HostKind::kIpv6));
  EXPECT_FALSE(is_public_ip("fd00::1", HostKind::kIpv6));
  EXPECT_FALSE(is_public_ip("example.com", HostKind::kName));
}

TEST(LinkChecks, Services) {
  const HostServices services = HostServices::builtin();
  auto host_service = [&](std::string_view host) { return services.of(host); };
  EXPECT_EQ(host_service("bit.ly"), HostService::kShortener);
  EXPECT_EQ(host_service("t.co"), HostService::kShortener);
  EXPECT_EQ(host_service("raw.githubusercontent.com"), HostService::kCodeHost);
  EXPECT_EQ(host_service("gist.github.com"), HostService::kCodeHost);
  EXPECT_EQ(host_service("registry.npmjs.org"), HostService::kCodeHost);
  EXPECT_EQ(host_service("files.pythonhosted.org"), HostService::kCodeHost);
  EXPECT_EQ(host_service("drive.google.com"), HostService::kFileSharing);
  EXPECT_EQ(host_service("www.dropbox.com"), HostService::kFileSharing);
  EXPECT_EQ(host_service("mega.nz"), HostService::kFileSharing);
  EXPECT_EQ(host_service("1drv.ms"), HostService::kFileSharing);
  EXPECT_EQ(host_service("pastebin.com"), HostService::kFileSharing);
  EXPECT_EQ(host_service("google.com"), HostService::kNone);
  EXPECT_EQ(host_service("docs.google.com"), HostService::kNone);
  EXPECT_EQ(host_service("notbit.ly.example.com"), HostService::kNone);
  EXPECT_EQ(host_service("github.com.evil.io"), HostService::kNone);
  EXPECT_EQ(host_service(""), HostService::kNone);

  EXPECT_TRUE(has(issues("see https://bit.ly/3xYz"), Symbol::LINK_SHORTENER));
  EXPECT_TRUE(has(issues("git clone https://github.com/dev/test-task"), Symbol::LINK_CODE_HOST));
  EXPECT_TRUE(
      has(issues("https://www.dropbox.com/s/abc/brief.zip?dl=1"), Symbol::LINK_FILE_SHARING));
  EXPECT_TRUE(issues("https://www.example.com/page").empty());
}

TEST(LinkChecks, DataAndFileUrls) {
  EXPECT_TRUE(has(issues("data:text/html;base64,PGgxPg==", true), Symbol::LINK_DATA_URL));
  EXPECT_TRUE(has(issues("data:image/png;base64,iVBO", true), Symbol::LINK_DATA_URL));
  EXPECT_TRUE(has(issues("open data:text/html,<script>x</script>"), Symbol::LINK_DATA_URL));
  EXPECT_TRUE(issues("icon data:image/png;base64,iVBORw0KGgo=").empty());  // text, inert type
  auto f = issues("file://fileserver.example.com/share/invoice.lnk", true);
  ASSERT_TRUE(has(f, Symbol::LINK_FILE_URL));
  EXPECT_NE(f[0].detail.find("fileserver.example.com"), std::string::npos);
  EXPECT_TRUE(has(issues("file:///C:/Users/Public/run.hta", true), Symbol::LINK_FILE_URL));
}

TEST(LinkChecks, Credentials) {
  auto v = issues("https://www.coinbase.com@evil.example/login");
  ASSERT_TRUE(has(v, Symbol::LINK_CREDENTIALS));
  EXPECT_NE(v.back().detail.find("www.coinbase.com@"), std::string::npos);
  EXPECT_NE(v.back().detail.find("evil.example"), std::string::npos);
  auto p = issues("ftp://admin:s3cret@files.example.org/x", true);
  ASSERT_TRUE(has(p, Symbol::LINK_CREDENTIALS));
  EXPECT_EQ(p.back().detail.find("s3cret"), std::string::npos);  // the password is masked
  EXPECT_TRUE(issues("mailto:someone@example.com", true).empty());
  EXPECT_TRUE(issues("https://example.com/path@thing").empty());
}

TEST(LinkChecks, ServicesReplacedFromTheConfig) {
  HostServices s = HostServices::builtin();
  s.replace(HostService::kCodeHost, {"Git.Corp.Example"});
  EXPECT_EQ(s.of("src.git.corp.example"), HostService::kCodeHost);
  EXPECT_EQ(s.of("github.com"), HostService::kNone);  // replaced, not added to
  EXPECT_EQ(s.of("mega.nz"), HostService::kFileSharing);
  EXPECT_EQ(HostServices::builtin_domains(HostService::kNone).size(), 0u);
}

}  // namespace
}  // namespace lg
