#include "core/html_text.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/charset.h"

namespace lg {
namespace {

TEST(HtmlEntities, NamedNumericAndLegacy) {
  EXPECT_EQ(decode_html_entities("a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos;"),
            "a & b <c> \"d\" 'e'");
  EXPECT_EQ(decode_html_entities("&copy;&reg;&eacute;&Eacute;&nbsp;&euro;&hellip;&mdash;"),
            "©®éÉ\xC2\xA0€…—");
  EXPECT_EQ(decode_html_entities("&#65;&#x42;&#X43;&#0067"), "ABCC");
  EXPECT_EQ(decode_html_entities("&#x1F600;"), "\xF0\x9F\x98\x80");
  // Invalid code points become U+FFFD; C1 numbers read as windows-1252 (HTML LS 13.2.5.80).
  EXPECT_EQ(decode_html_entities("&#0;&#xD800;&#x110000;&#99999999999999999999;"),
            "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(decode_html_entities("&#150;&#x80;"), "–€");
  // Legacy names work without ';'; others and unknown names stay literal.
  EXPECT_EQ(decode_html_entities("&amp &lt3 &copy2024 &notit;"), "& <3 ©2024 ¬it;");
  EXPECT_EQ(decode_html_entities("&hellip &bogus; & &#; &#x;"), "&hellip &bogus; & &#; &#x;");
  EXPECT_EQ(decode_html_entities("&colon;&sol;&sol;"), "://");
  EXPECT_EQ(decode_html_entities("&Eacute;&eacute;&EACUTE;"), "Éé&EACUTE;");  // case matters
}

TEST(HtmlText, BlocksWhitespaceAndDroppedElements) {
  const auto t = html_to_text(
      "<html><head><title>Secret title</title><style>p{color:red}</style>"
      "<script>var a = '<p>not text</p>';</script></head>"
      "<BODY><P>Hello\n   world</P><div>line&nbsp;two</div>one<br>two<br/><br><br>three"
      "<!-- a comment <p>hidden</p> --><table><tr><td>a</td><td>b</td></tr></table>"
      "<![CDATA[ cdata ]]><ul><li>x<li>y</ul></body></html>");
  EXPECT_EQ(t.text, "Hello world\nline two\none\ntwo\n\nthree\na b\nx\ny");
  EXPECT_EQ(t.text.find("Secret"), std::string::npos);
  EXPECT_EQ(t.text.find("color"), std::string::npos);
  EXPECT_EQ(t.text.find("not text"), std::string::npos);
  EXPECT_EQ(t.text.find("hidden"), std::string::npos);
}

TEST(HtmlText, Links) {
  const auto t = html_to_text(
      "<a href=\"https://example.com/a?x=1&amp;y=2\">Click <b>here</b></a> "
      "<A HREF='https://www.coinbase.com.evil.example/login'>https://www.coinbase.com</A>"
      "<a href=http://unquoted.example/p>plain</a>"
      "<area shape=rect href=\"http://area.example/\"><form method=post action=\"/submit\">"
      "<a name=anchor>no link</a>"
      "<a href=\" java&#x09;script&colon;alert(1) \">x</a>"
      "<a href=\"?a=1&copy=2&lang=en\">q</a>");
  ASSERT_EQ(t.links.size(), 7u);
  EXPECT_EQ(t.links[0].href, "https://example.com/a?x=1&y=2");
  EXPECT_EQ(t.links[0].visible_text, "Click here");
  EXPECT_EQ(t.links[1].href, "https://www.coinbase.com.evil.example/login");
  EXPECT_EQ(t.links[1].visible_text, "https://www.coinbase.com");
  EXPECT_EQ(t.links[2].href, "http://unquoted.example/p");
  EXPECT_EQ(t.links[2].visible_text, "plain");
  EXPECT_EQ(t.links[3].href, "http://area.example/");
  EXPECT_EQ(t.links[3].visible_text, "");
  EXPECT_EQ(t.links[4].href, "/submit");
  EXPECT_EQ(t.links[5].href, "javascript:alert(1)");  // tab removed, ends trimmed
  EXPECT_EQ(t.links[6].href, "?a=1&copy=2&lang=en");  // legacy names not decoded before '='
}

TEST(HtmlText, NestedAndUnclosedAnchors) {
  // A new <a> closes the open one, as the HTML tree builder does.
  auto t = html_to_text("<a href=one>first<a href=two>second</a>after</a><a href=three>tail");
  ASSERT_EQ(t.links.size(), 3u);
  EXPECT_EQ(t.links[0].visible_text, "first");
  EXPECT_EQ(t.links[1].visible_text, "second");
  EXPECT_EQ(t.links[2].visible_text, "tail");
  EXPECT_EQ(t.text, "firstsecondaftertail");
  // Duplicate attributes: the first wins.
  t = html_to_text("<a href=good href=bad>x</a>");
  ASSERT_EQ(t.links.size(), 1u);
  EXPECT_EQ(t.links[0].href, "good");
}

TEST(HtmlText, MalformedMarkup) {
  EXPECT_EQ(html_to_text("a < b and c<3 and 1<<2").text, "a < b and c<3 and 1<<2");
  EXPECT_EQ(html_to_text("text <b unterminated tag").text, "text");
  EXPECT_EQ(html_to_text("before <a href=\"never closed>after").text, "before");
  EXPECT_EQ(html_to_text("x<!-- unterminated comment").text, "x");
  EXPECT_EQ(html_to_text("x<script>never closed").text, "x");
  EXPECT_EQ(html_to_text("x<!---->y<!-->z").text, "xyz");
  EXPECT_EQ(html_to_text("x</ weird>y</>z<? pi ?>w").text, "xyzw");
  EXPECT_EQ(html_to_text("<textarea>&lt;b&gt; <i>kept</i></textarea>").text, "<b> <i>kept</i>");
  EXPECT_EQ(html_to_text("<p attr='a>b'>q</p>").text, "q");
  EXPECT_EQ(html_to_text("").text, "");
  EXPECT_TRUE(html_to_text("<<<<>>>>").text == "<<<<>>>>");
}

TEST(HtmlText, HugeAttributeAndManyBrackets) {
  std::string huge = "<a href=\"http://x.example/" + std::string(1 << 20, 'A') + "\">t</a>ok";
  auto t = html_to_text(huge);
  EXPECT_EQ(t.text, "tok");
  ASSERT_EQ(t.links.size(), 1u);
  EXPECT_LE(t.links[0].href.size(), 64u * 1024u);
  EXPECT_TRUE(t.links[0].href.starts_with("http://x.example/AAAA"));

  // 1 MB of '<': each is literal text; the pass stays linear.
  const std::string lt(1 << 20, '<');
  t = html_to_text(lt);
  EXPECT_EQ(t.text.size(), lt.size());
  // 1 MB of "<a" (an unterminated tag name that never ends) and of "</x" and "<!--".
  std::string tags;
  for (int i = 0; i < (1 << 18); ++i) tags += "<a<b";
  EXPECT_EQ(html_to_text(tags).text, "");
  std::string ends;
  for (int i = 0; i < (1 << 18); ++i) ends += "</sc";
  EXPECT_TRUE(html_to_text("<script>" + ends).text.empty());
  std::string many_links;
  for (int i = 0; i < 20000; ++i) many_links += "<a href=x>y</a>";
  EXPECT_EQ(html_to_text(many_links).links.size(), 10000u);
}

TEST(HtmlText, RealHtmlMailsFromCorpus) {
  // Every HTML-bearing ham and spam message of the corpus (whole raw message, headers and
  // all): no crash, valid UTF-8 out, body markup gone.
  std::size_t html_mails = 0, with_links = 0;
  for (const char* sub : {"corpus/mail/ham", "corpus/mail/spam"}) {
    const auto dir = std::filesystem::path(LG_SHARED_DIR) / sub;
    ASSERT_TRUE(std::filesystem::is_directory(dir)) << dir;
    for (const auto& e : std::filesystem::directory_iterator(dir)) {
      std::ifstream f(e.path(), std::ios::binary);
      std::ostringstream ss;
      ss << f.rdbuf();
      const std::string mail = ss.str();
      if (mail.find("<html") == std::string::npos && mail.find("<HTML") == std::string::npos) {
        continue;
      }
      ++html_mails;
      const std::string utf8 = is_valid_utf8(mail) ? mail : repair_utf8(mail);
      const auto t = html_to_text(utf8);
      EXPECT_TRUE(is_valid_utf8(t.text)) << e.path();
      EXPECT_EQ(t.text.find("<body"), std::string::npos) << e.path();
      EXPECT_EQ(t.text.find("<BODY"), std::string::npos) << e.path();
      if (!t.links.empty()) ++with_links;
      for (const auto& l : t.links) EXPECT_TRUE(is_valid_utf8(l.visible_text)) << e.path();
    }
  }
  EXPECT_GT(html_mails, 100u);
  EXPECT_GT(with_links, 100u);
}

TEST(HtmlText, ClamavHtmlSample) {
  std::ifstream f("/usr/share/clamav-testfiles/clam.exe.html", std::ios::binary);
  std::ostringstream ss;
  ss << f.rdbuf();
  const std::string html = ss.str();
  ASSERT_FALSE(html.empty());
  const auto t = html_to_text(html);
  EXPECT_TRUE(is_valid_utf8(t.text));
}

TEST(HtmlText, StartTagsWithAttributesOnRequest) {
  const std::string html =
      "<P class=x>Hi <a HREF=\"https://e.example/?a=1&amp;b=2\" download>there</a>"
      "<script type=module>let s = '<b>';</script><object classid=\"clsid:1\"><param "
      "name=Command value=ShortCut></object><input type=password disabled></p>";
  std::vector<HtmlElement> elements;
  const HtmlText with = html_to_text(html, elements);
  const HtmlText without = html_to_text(html);
  EXPECT_EQ(with.text, without.text);  // collecting tags changes nothing else
  ASSERT_EQ(with.links.size(), without.links.size());
  ASSERT_EQ(elements.size(), 5u);
  EXPECT_EQ(elements[0].name, "p");
  EXPECT_EQ(elements[1].name, "a");
  ASSERT_NE(elements[1].attribute("href"), nullptr);
  EXPECT_EQ(*elements[1].attribute("href"), "https://e.example/?a=1&b=2");
  ASSERT_NE(elements[1].attribute("download"), nullptr);
  EXPECT_EQ(*elements[1].attribute("download"), "");
  EXPECT_EQ(elements[2].name, "script");
  EXPECT_EQ(elements[2].content, "let s = '<b>';");
  EXPECT_EQ(elements[3].name, "object");
  EXPECT_EQ(elements[3].content, "<param name=Command value=ShortCut>");
  EXPECT_EQ(elements[4].name, "input");
  EXPECT_EQ(elements[4].attribute("nothing"), nullptr);
  // The attribute cap holds on a tag with thousands of attributes.
  std::string many = "<div";
  for (int i = 0; i < 5000; ++i) many += " a" + std::to_string(i) + "=1";
  elements.clear();
  (void)html_to_text(many + ">", elements);
  ASSERT_EQ(elements.size(), 1u);
  EXPECT_EQ(elements[0].attributes.size(), kMaxHtmlAttributes);
}

}  // namespace
}  // namespace lg
