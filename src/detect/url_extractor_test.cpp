#include "detect/url_extractor.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/utf8.h"

namespace lg {
namespace {

class UrlExtractorTest : public ::testing::Test {
 protected:
  // "url:...", "email:...", "domain:...", "ip:..." in text order.
  std::vector<std::string> run(std::string_view text, bool bare = true) {
    std::vector<Extracted> found;
    extractor_.extract(text, ExtractOptions{bare, 20'000}, found);
    std::vector<std::string> out;
    static const char* kNames[] = {"url:", "email:", "domain:", "ip:"};
    for (const Extracted& e : found) out.push_back(kNames[static_cast<int>(e.kind)] + e.value);
    return out;
  }
  using V = std::vector<std::string>;
  HostNormalizer hosts_;
  UrlExtractor extractor_{hosts_};
};

TEST_F(UrlExtractorTest, SchemesNormalized) {
  EXPECT_EQ(run("Go to HTTPS://WWW.Example.COM:443/Path?Q=1#F now"),
            V{"url:https://www.example.com/Path?Q=1#F"});
  EXPECT_EQ(run("ftp://files.example.org:21/pub and http://example.com:8080/"),
            (V{"url:ftp://files.example.org/pub", "url:http://example.com:8080/"}));
  EXPECT_EQ(run("http://user:pw@example.com/x%20y"), V{"url:http://user:pw@example.com/x%20y"});
  EXPECT_EQ(run("http://example.com./"), V{"url:http://example.com/"});
}

TEST_F(UrlExtractorTest, UserinfoTrick) {
  EXPECT_EQ(run("https://www.coinbase.com@evil.xyz/login"),
            V{"url:https://www.coinbase.com@evil.xyz/login"});
  std::vector<Extracted> found;
  extractor_.extract("https://www.coinbase.com@evil.xyz/login", {}, found);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].host.ascii, "evil.xyz");
}

TEST_F(UrlExtractorTest, TrailingPunctuation) {
  EXPECT_EQ(run("(see https://example.com/a)."), V{"url:https://example.com/a"});
  EXPECT_EQ(run("\"https://example.com/a?b=1\", then"), V{"url:https://example.com/a?b=1"});
  EXPECT_EQ(run("<https://example.com/a>"), V{"url:https://example.com/a"});
  EXPECT_EQ(run("https://en.wikipedia.org/wiki/Lazarus_(group)!"),
            V{"url:https://en.wikipedia.org/wiki/Lazarus_(group)"});
  EXPECT_EQ(run("https://example.com/x」です"), V{"url:https://example.com/x"});
  EXPECT_EQ(run("https://example.com/x。次"), V{"url:https://example.com/x"});
  EXPECT_EQ(run("https://example.com/x）"), V{"url:https://example.com/x"});
}

TEST_F(UrlExtractorTest, JapaneseAndKoreanProse) {
  EXPECT_EQ(run("詳細はhttps://example.co.jp/abcを参照してください。"),
            V{"url:https://example.co.jp/abc"});
  EXPECT_EQ(run("자세한 내용은https://www.upbit.com/notice에서 확인하세요"),
            V{"url:https://www.upbit.com/notice"});
  EXPECT_EQ(run("こちらhttps://example.jpを参照"), V{"url:https://example.jp"});
  EXPECT_EQ(run("詳細はexample.co.jpを参照"), V{"domain:example.co.jp"});
  EXPECT_EQ(run("連絡先：tanaka@example.co.jpまで"), V{"email:tanaka@example.co.jp"});
  // An IDN host with a Latin IRI path.
  EXPECT_EQ(run("https://日本語.jp/café より"), V{"url:https://xn--wgv71a119e.jp/café"});
}

TEST_F(UrlExtractorTest, NestedUrlsInQuery) {
  EXPECT_EQ(
      run("https://t.example.net/r?u=https://evil.xyz/p&x=1"),
      (V{"url:https://t.example.net/r?u=https://evil.xyz/p&x=1", "url:https://evil.xyz/p&x=1"}));
  // Bare names in a path are not domains.
  EXPECT_EQ(run("https://example.com/files/report.com/x"),
            V{"url:https://example.com/files/report.com/x"});
}

TEST_F(UrlExtractorTest, WwwWithoutScheme) {
  EXPECT_EQ(run("Visit www.Example.com/jobs."), V{"url:http://www.example.com/jobs"});
  EXPECT_EQ(run("www.example.zip"), V{"url:http://www.example.zip"});  // scheme or www: ok
  EXPECT_TRUE(run("www.example").empty());
  EXPECT_TRUE(run("www.example.exe").empty());
}

TEST_F(UrlExtractorTest, BareDomains) {
  EXPECT_EQ(run("Contact binance-secure.xyz today, or Example.COM."),
            (V{"domain:binance-secure.xyz", "domain:example.com"}));
  EXPECT_EQ(run("open аррӏе.com now"), V{"domain:xn--80ak6aa92e.com"});
  EXPECT_EQ(run("サイト 例え.テスト.コム"), V{"domain:xn--r8jz45g.xn--zckzah.xn--tckwe"});
  // File names and code are not domains; file-like TLDs need a scheme or www.
  EXPECT_TRUE(run("file.exe version.txt archive.zip clip.mov setup.py README.md").empty());
  EXPECT_TRUE(run("WScript.Shell Document.Open e.g. i.e. a.m. U.S. 3.14").empty());
  EXPECT_TRUE(run("binance-secure.xyz", false).empty());  // bare domains off (scripts)
}

TEST_F(UrlExtractorTest, Emails) {
  EXPECT_EQ(run("From: Robert Elz <kre@munnari.OZ.AU>"), V{"email:kre@munnari.oz.au"});
  EXPECT_EQ(run("write to john.doe+jobs@Example.com."), V{"email:john.doe+jobs@example.com"});
  EXPECT_EQ(run("mailto:hr@coinbase-careers.com?subject=CV"), V{"email:hr@coinbase-careers.com"});
  // Not addresses; the domain of the malformed one still counts as a name.
  EXPECT_EQ(run("user@localhost, @handle, a..b@example.com, x@y"), V{"domain:example.com"});
}

TEST_F(UrlExtractorTest, Ipv4AndIpv6) {
  EXPECT_EQ(run("C2 at 185.29.8.1:443, and 10.0.0.1."), (V{"ip:185.29.8.1", "ip:10.0.0.1"}));
  EXPECT_TRUE(run("version 1.2.3.4.5 v1.2.3.4 1.2.3 999.1.1.1 1.2.3.4-beta").empty());
  EXPECT_EQ(run("http://[2001:DB8::1]:8080/x"), V{"url:http://[2001:db8::1]:8080/x"});
  EXPECT_EQ(run("http://192.168.0.1/a"), V{"url:http://192.168.0.1/a"});
}

TEST_F(UrlExtractorTest, FileAndData) {
  EXPECT_EQ(run("file:///C:/Users/x.lnk and file://server/share/a.docx"),
            (V{"url:file:///C:/Users/x.lnk", "url:file://server/share/a.docx"}));
  EXPECT_EQ(run("src=data:text/html;base64,PHNjcmlwdD4= end"), V{"url:data:text/html"});
  EXPECT_TRUE(run("Data: the numbers are in").empty());
}

TEST_F(UrlExtractorTest, Href) {
  auto u = extractor_.parse_href("  HTTPS://Binance-Secure.XYZ:443/login?next=/  ");
  ASSERT_TRUE(u);
  EXPECT_EQ(u->value, "https://binance-secure.xyz/login?next=/");
  EXPECT_EQ(u->host.ascii, "binance-secure.xyz");
  auto mail = extractor_.parse_href("mailto:HR@Example.com?subject=hi");
  ASSERT_TRUE(mail);
  EXPECT_EQ(mail->kind, ExtractKind::kEmail);
  EXPECT_EQ(mail->value, "HR@example.com");
  auto js = extractor_.parse_href("javascript:alert(1)");
  ASSERT_TRUE(js);
  EXPECT_EQ(js->value, "javascript:");
  EXPECT_TRUE(js->host.ascii.empty());
  auto ms = extractor_.parse_href("ms-word:ofe|u|https://x.example/a.docx");
  ASSERT_TRUE(ms);
  EXPECT_EQ(ms->value, "ms-word:ofe|u|https://x.example/a.docx");
  auto net = extractor_.parse_href("//cdn.example.com/a.js");
  ASSERT_TRUE(net);
  EXPECT_EQ(net->value, "//cdn.example.com/a.js");
  EXPECT_FALSE(extractor_.parse_href("#top"));
  EXPECT_FALSE(extractor_.parse_href("/login"));
  EXPECT_FALSE(extractor_.parse_href("tel:+81-3-0000-0000"));
  EXPECT_FALSE(extractor_.parse_href(""));
}

// A data: href keeps at most 100 bytes of its media type, cut between characters.
TEST_F(UrlExtractorTest, HrefDataMediaTypeCutBetweenCharacters) {
  for (std::size_t pad = 95; pad <= 101; ++pad) {
    std::string href = "data:" + std::string(pad, 'a');
    for (int i = 0; i < 4; ++i) href += "\xEF\xBF\xBD";  // U+FFFD, three bytes
    href += ",x";
    auto d = extractor_.parse_href(href);
    ASSERT_TRUE(d) << pad;
    EXPECT_TRUE(is_valid_utf8(d->value)) << pad;
    EXPECT_LE(d->value.size(), 105u) << pad;
    EXPECT_GE(d->value.size(), 103u) << pad;  // only a partial character is dropped
  }
  auto short_type = extractor_.parse_href("data:Text/HTML;base64,PHA+");
  ASSERT_TRUE(short_type);
  EXPECT_EQ(short_type->value, "data:text/html");
}

TEST_F(UrlExtractorTest, AdversarialInputsFinish) {
  std::string schemes;
  while (schemes.size() < (1u << 20)) schemes += "http://";
  auto a = run(schemes);
  EXPECT_FALSE(a.empty());
  EXPECT_LE(a.size(), 20'000u);  // the per-text cap holds
  for (const auto& v : a) EXPECT_LE(v.size(), UrlExtractor::kMaxUrlBytes + 4);

  std::string dots;
  while (dots.size() < (1u << 20)) dots += "a.";
  EXPECT_TRUE(run(dots).empty());  // one 1 MB word: no name that long

  std::string ats;
  while (ats.size() < (1u << 20)) ats += "a@a.";
  EXPECT_TRUE(run(ats).empty());

  std::string parens = "https://example.com/";
  parens.append(1u << 20, ')');
  EXPECT_EQ(run(parens), V{"url:https://example.com/"});

  std::string ips;
  while (ips.size() < (1u << 20)) ips += "1.2.3.4 ";
  EXPECT_EQ(run(ips), std::vector<std::string>(20'000, "ip:1.2.3.4"));
}

// The scan jumps to the word around each '.', ':' or '@', starting again after the last byte
// no name holds: an ASCII byte outside letters, digits and "-_+.", or CJK punctuation
// (U+3000..U+303F). What it finds is what a byte-by-byte scan finds.
TEST_F(UrlExtractorTest, WordsFoundAfterJumps) {
  EXPECT_EQ(run("お知らせ。example.co.jpをご覧ください"), V{"domain:example.co.jp"});
  EXPECT_EQ(run("長い文章、連絡はjohn@example.com"), V{"email:john@example.com"});
  // '+' and '_' are inside the word: it starts at "abc" and holds a '+', so no bare name.
  EXPECT_EQ(run("abc-def_ghi+jkl.example.com"), V{});
  EXPECT_EQ(run("x\xE3\x80\x80www.example.com"), V{"url:http://www.example.com"});
  EXPECT_EQ(run("日本語example.com"), V{"domain:example.com"});
  // A truncated CJK punctuation character is no place to start again.
  EXPECT_EQ(run("\xE3\x80see http://a.example.com"), V{"url:http://a.example.com"});
}

// The scan looks back from each '.', ':' or '@' for where a name may start, 16 bytes a step:
// the same text after prefixes of every length gives the same items at shifted places, and
// so does text whose look-back crosses CJK punctuation and long names.
TEST_F(UrlExtractorTest, ItemsDoNotDependOnWhereTheTextStarts) {
  const std::string body =
      "詳細はexample.co.jp/a をご覧ください。https://www.example.com/p?q=1、"
      "mail john.smith@example.org, 10.1.2.3 and www.test.co.kr。"
      "averyveryverylongwordwithoutanybreak-and_more+stuff.example.net/x "
      "「ドキュメント」はdocs.example.io:8080/guideにあります";
  std::vector<Extracted> want;
  extractor_.extract(body, ExtractOptions{}, want);
  ASSERT_GE(want.size(), 6u);
  for (std::string_view filler : {"a ", "\xE3\x81\x82", "\xE3\x80\x82", " ", "-", "\xE3\x80"}) {
    for (std::size_t shift = 0; shift < 70; ++shift) {
      std::string text;
      while (text.size() < shift) text += filler;
      text += " ";
      const std::size_t at = text.size();
      text += body;
      std::vector<Extracted> got;
      extractor_.extract(text, ExtractOptions{}, got);
      ASSERT_EQ(got.size(), want.size()) << text;
      for (std::size_t k = 0; k < got.size(); ++k) {
        EXPECT_EQ(got[k].value, want[k].value) << text;
        EXPECT_EQ(got[k].begin, want[k].begin + at) << text;
        EXPECT_EQ(got[k].end, want[k].end + at) << text;
      }
    }
  }
}

// The look-back from a '.' crosses names of every length before it: CJK letters run into the
// name (the ASCII tail is kept), CJK punctuation and spaces end it.
TEST_F(UrlExtractorTest, LookBackOverRunsOfEveryLength) {
  for (std::size_t n = 0; n < 60; ++n)
    for (std::string_view filler : {"\xE3\x81\x82", "\xE3\x80\x82", " ", "\xE6\x97\xA5"}) {
      std::string text = "x ";
      for (std::size_t k = 0; k < n; ++k) text += filler;
      const std::size_t at = text.size();
      text += "example.com and mail@example.org";
      std::vector<Extracted> got;
      extractor_.extract(text, ExtractOptions{}, got);
      ASSERT_EQ(got.size(), 2u) << text;
      EXPECT_EQ(got[0].value, "example.com") << text;
      EXPECT_EQ(got[0].begin, at) << text;
      EXPECT_EQ(got[1].value, "mail@example.org") << text;
    }
}

}  // namespace
}  // namespace lg
