#include "detect/host.h"

#include <gtest/gtest.h>
#include <libpsl.h>

#include <random>
#include <string>
#include <vector>

#include "detect/tld.h"

namespace lg {
namespace {

TEST(Host, LowerCasesAndDropsTrailingDot) {
  HostNormalizer h;
  auto r = h.normalize("WWW.Example.COM.");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->ascii, "www.example.com");
  EXPECT_EQ(r->unicode, "www.example.com");
  EXPECT_EQ(r->kind, HostKind::kName);
}

TEST(Host, IdnRoundTripCyrillicLookalike) {
  HostNormalizer h;
  // The classic homograph of apple.com (Xudong Zheng, 2017): Cyrillic а р р ӏ е.
  auto from_unicode = h.normalize("аррӏе.com");
  ASSERT_TRUE(from_unicode);
  EXPECT_EQ(from_unicode->ascii, "xn--80ak6aa92e.com");
  auto from_ascii = h.normalize("xn--80ak6aa92e.com");
  ASSERT_TRUE(from_ascii);
  EXPECT_EQ(from_ascii->unicode, "аррӏе.com");
  EXPECT_EQ(from_ascii->ascii, "xn--80ak6aa92e.com");
}

TEST(Host, IdnRoundTripJapanese) {
  HostNormalizer h;
  auto r = h.normalize("日本語.jp");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->ascii, "xn--wgv71a119e.jp");
  auto back = h.normalize(r->ascii);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->unicode, "日本語.jp");
}

TEST(Host, UppercaseUnicodeAndNontransitional) {
  HostNormalizer h;
  auto r = h.normalize("BÜCHER.de");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->ascii, "xn--bcher-kva.de");
  // Nontransitional (UTS #46 4.1): ß stays ß, it is not mapped to "ss".
  auto s = h.normalize("faß.de");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->ascii, "xn--fa-hia.de");
}

TEST(Host, RejectsInvalid) {
  HostNormalizer h;
  EXPECT_FALSE(h.normalize(""));
  EXPECT_FALSE(h.normalize("."));
  EXPECT_FALSE(h.normalize("a..b.com"));
  EXPECT_FALSE(h.normalize("exa mple.com"));
  EXPECT_FALSE(h.normalize(std::string(64, 'a') + ".com"));  // label over 63
  EXPECT_FALSE(h.normalize("xn--zz.com"));                   // bad punycode
  std::string long_name;
  for (int i = 0; i < 60; ++i) long_name += "abcd.";
  EXPECT_FALSE(h.normalize(long_name + "com"));  // over 253
}

TEST(Host, IpLiterals) {
  HostNormalizer h;
  auto v4 = h.normalize("192.168.1.10");
  ASSERT_TRUE(v4);
  EXPECT_EQ(v4->kind, HostKind::kIpv4);
  auto v6 = h.normalize("[2001:DB8:0:0:0:0:0:1]");
  ASSERT_TRUE(v6);
  EXPECT_EQ(v6->kind, HostKind::kIpv6);
  EXPECT_EQ(v6->ascii, "2001:db8::1");  // RFC 5952
  EXPECT_FALSE(h.normalize("[2001:db8::zz]"));
}

TEST(Host, ParseIpv4IsStrict) {
  EXPECT_EQ(parse_ipv4("8.8.8.8").value_or(""), "8.8.8.8");
  EXPECT_EQ(parse_ipv4("255.255.255.255").value_or(""), "255.255.255.255");
  EXPECT_FALSE(parse_ipv4("256.1.1.1"));
  EXPECT_FALSE(parse_ipv4("1.2.3"));
  EXPECT_FALSE(parse_ipv4("1.2.3.4.5"));
  EXPECT_FALSE(parse_ipv4("01.2.3.4"));
  EXPECT_FALSE(parse_ipv4("1.2.3.4 "));
  EXPECT_FALSE(parse_ipv4("1..3.4"));
}

TEST(Host, ParseIpv6) {
  EXPECT_EQ(parse_ipv6("::1").value_or(""), "::1");
  EXPECT_EQ(parse_ipv6("::ffff:192.0.2.1").value_or(""), "::ffff:192.0.2.1");
  EXPECT_FALSE(parse_ipv6("1:2:3"));
  EXPECT_FALSE(parse_ipv6("fe80::1%eth0"));
}

TEST(Host, RegisteredDomain) {
  EXPECT_EQ(registered_domain("www.coinbase.com"), "coinbase.com");
  EXPECT_EQ(registered_domain("coinbase.com"), "coinbase.com");
  EXPECT_EQ(registered_domain("a.b.example.co.jp"), "example.co.jp");
  EXPECT_EQ(registered_domain("mail.upbit.co.kr"), "upbit.co.kr");
  EXPECT_EQ(registered_domain("co.uk"), "co.uk");
  EXPECT_EQ(registered_domain("evil.github.io"), "evil.github.io");
  EXPECT_EQ(registered_domain("localhost"), "localhost");
  EXPECT_EQ(registered_domain("10.0.0.1"), "10.0.0.1");
  EXPECT_EQ(registered_domain("2001:db8::1"), "2001:db8::1");
}

// registered_domain keeps the answers for suffixes it has seen: its results equal libpsl's
// psl_registrable_domain for hosts under plain, multi-label, wildcard (*.ck, *.kawasaki.jp)
// and exception (!www.ck, !city.kawasaki.jp) rules and private-section suffixes, at every
// depth, asked in random order so that each suffix is met both new and known.
TEST(Host, RegisteredDomainEqualsLibpsl) {
  const std::vector<std::string> suffixes = {"com",
                                             "co.jp",
                                             "jp",
                                             "co.uk",
                                             "uk",
                                             "ck",
                                             "www.ck",
                                             "ck.ck",
                                             "kawasaki.jp",
                                             "city.kawasaki.jp",
                                             "x.kawasaki.jp",
                                             "github.io",
                                             "io",
                                             "blogspot.com",
                                             "s3.amazonaws.com",
                                             "amazonaws.com",
                                             "co.kr",
                                             "xn--p1ai",
                                             "nosuchtld",
                                             "appspot.com",
                                             "com.au",
                                             "pvt.k12.ma.us"};
  const std::vector<std::string> labels = {"www",    "a",     "evil", "xn--80ak6aa92e",
                                           "co",     "ck",    "city", "kawasaki",
                                           "github", "x-y_z", "com"};
  std::mt19937 rng(17);
  const psl_ctx_t* psl = psl_builtin();
  ASSERT_NE(psl, nullptr);
  for (int round = 0; round < 5000; ++round) {
    std::string host = suffixes[rng() % suffixes.size()];
    for (int depth = rng() % 4; depth > 0; --depth)
      host = labels[rng() % labels.size()] + std::to_string(rng() % 3 ? 0 : round) + "." + host;
    if (rng() % 5 == 0) host = host.substr(host.find('.') + 1);  // a bare suffix too
    const char* reg = psl_registrable_domain(psl, host.c_str());
    const std::string want = reg == nullptr ? host : std::string(reg);
    ASSERT_EQ(registered_domain(host), want) << host;
  }
}

TEST(Tld, Classes) {
  EXPECT_EQ(tld_class("com"), TldClass::kNormal);
  EXPECT_EQ(tld_class("COM"), TldClass::kNormal);
  EXPECT_EQ(tld_class("xyz"), TldClass::kNormal);
  EXPECT_EQ(tld_class("jp"), TldClass::kNormal);
  EXPECT_EQ(tld_class("рф"), TldClass::kNormal);
  EXPECT_EQ(tld_class("한국"), TldClass::kNormal);
  EXPECT_EQ(tld_class("zip"), TldClass::kFileLike);
  EXPECT_EQ(tld_class("mov"), TldClass::kFileLike);
  EXPECT_EQ(tld_class("py"), TldClass::kFileLike);
  EXPECT_EQ(tld_class("exe"), TldClass::kUnknown);
  EXPECT_EQ(tld_class("txt"), TldClass::kUnknown);
  EXPECT_EQ(tld_class(""), TldClass::kUnknown);
  EXPECT_EQ(tld_class(std::string(80, 'a')), TldClass::kUnknown);
}

}  // namespace
}  // namespace lg
