#include "detect/defang.h"

#include <gtest/gtest.h>

namespace lg {
namespace {

TEST(Refang, NoMarkerNoCopy) {
  Refanged r;
  EXPECT_FALSE(r.refang("see https://example.com/ (and more) [1]"));
  EXPECT_TRUE(r.text().empty());
}

TEST(Refang, SchemesAndDots) {
  Refanged r;
  ASSERT_TRUE(r.refang("hxxps://evil[.]example[.]com/x and hXXp[:]//a(.)b{.}c"));
  EXPECT_EQ(r.text(), "https://evil.example.com/x and http://a.b.c");
  ASSERT_TRUE(r.refang("h**p://x[dot]com fxp://files(dot)example[.]org"));
  EXPECT_EQ(r.text(), "http://x.com ftp://files.example.org");
}

TEST(Refang, SpacedWordsAndAt) {
  Refanged r;
  ASSERT_TRUE(r.refang("mail john [at] example [dot] com or a[@]b[.]io"));
  EXPECT_EQ(r.text(), "mail john@example.com or a@b.io");
}

TEST(Refang, SchemeNeedsSeparator) {
  Refanged r;
  // "hxxp" alone, or inside a word, is not a scheme.
  EXPECT_FALSE(r.refang("hxxp is a word; ahxxp://x"));
}

TEST(Refang, MapsBackToOriginal) {
  Refanged r;
  std::string_view in = "go to hxxp://bad[.]xyz/a now";
  ASSERT_TRUE(r.refang(in));
  std::string_view out = r.text();
  std::size_t b = out.find("http");
  std::size_t e = out.find(" now");
  EXPECT_EQ(r.original(in, b, e), "hxxp://bad[.]xyz/a");
  EXPECT_TRUE(r.has_edit(b, e));
  EXPECT_FALSE(r.has_edit(0, b));           // "go to "
  EXPECT_FALSE(r.has_edit(e, out.size()));  // " now"
  EXPECT_EQ(r.original(in, e, out.size()), " now");
}

TEST(Refang, MarkersAmongOrdinaryColonsAndBrackets) {
  Refanged r;
  // Colons and brackets of prose and URLs around markers in either case.
  ASSERT_TRUE(
      r.refang("Note: (see below) [1] {x} HXXPS[:]//a[DOT]b (At) c(.)d {dot} e[://]f hxxp://g "
               "https://h [at]"));
  EXPECT_EQ(r.text(), "Note: (see below) [1] {x} https://a.b (At) c.d.e://f http://g https://h@");
  EXPECT_FALSE(r.refang("Time: 10:30 (room 4) [draft] {tbd} x:y ftp://z ("));
  EXPECT_FALSE(r.refang("("));
  EXPECT_FALSE(r.refang(":"));
}

}  // namespace
}  // namespace lg
