#include "core/json_writer.h"

#include <gtest/gtest.h>
#include <unicode/unistr.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

namespace lg {
namespace {

std::string json_string(std::string_view s) {
  std::string out;
  append_json_string(out, s);
  return out;
}

TEST(JsonWriterEscape, QuotesAndBackslash) {
  EXPECT_EQ(json_string(R"(say "hi" \ bye)"), R"("say \"hi\" \\ bye")");
  EXPECT_EQ(json_string(""), R"("")");
  EXPECT_EQ(json_string("/"), R"("/")");  // solidus needs no escape
}

TEST(JsonWriterEscape, ControlCharacters) {
  EXPECT_EQ(json_string("a\nb\tc\rd\be\ff"), R"("a\nb\tc\rd\be\ff")");
  EXPECT_EQ(json_string(std::string("\x00\x01\x1f\x7f", 4)), R"("\u0000\u0001\u001f\u007f")");
  EXPECT_EQ(json_string("\x1b[31m"), R"("\u001b[31m")");
  // Line and paragraph separators are legal JSON but break JavaScript string literals.
  EXPECT_EQ(json_string("x\u2028y\u2029"), R"("x\u2028y\u2029")");
}

TEST(JsonWriterEscape, ValidUtf8PassesThrough) {
  EXPECT_EQ(json_string("채용 履歴書 é"), "\"채용 履歴書 é\"");
  // U+202E stays as it is in JSON: the data must be exact; the text renderer shows it.
  EXPECT_EQ(json_string("cv\u202Efdp.exe"), "\"cv\u202Efdp.exe\"");
}

TEST(JsonWriterEscape, AstralCharacters) {
  // U+1F600 (4 bytes) and U+20BB7 (a CJK Extension B ideograph) are written as UTF-8.
  EXPECT_EQ(json_string("\xF0\x9F\x98\x80"), "\"\xF0\x9F\x98\x80\"");
  EXPECT_EQ(json_string("\xF0\xA0\xAE\xB7"), "\"\xF0\xA0\xAE\xB7\"");
  EXPECT_EQ(json_string("\xF4\x8F\xBF\xBF"), "\"\xF4\x8F\xBF\xBF\"");  // U+10FFFF
}

TEST(JsonWriterEscape, InvalidUtf8BecomesReplacementCharacter) {
  const std::string fffd = "\xEF\xBF\xBD";
  EXPECT_EQ(json_string("a\xFF"
                        "b"),
            "\"a" + fffd + "b\"");                                           // never a lead byte
  EXPECT_EQ(json_string("\x80"), "\"" + fffd + "\"");                        // lone continuation
  EXPECT_EQ(json_string("\xC0\xAF"), "\"" + fffd + fffd + "\"");             // overlong '/'
  EXPECT_EQ(json_string("\xED\xA0\x80"), "\"" + fffd + fffd + fffd + "\"");  // surrogate
  EXPECT_EQ(json_string("\xF4\x90\x80\x80"), "\"" + fffd + fffd + fffd + fffd + "\"");
  // A truncated sequence is one maximal subpart: one U+FFFD, then the next char survives.
  EXPECT_EQ(json_string("\xE3\x81"
                        "A"),
            "\"" + fffd + "A\"");
  EXPECT_EQ(json_string("\xF0\x9F\x98"), "\"" + fffd + "\"");  // cut at the end
  EXPECT_EQ(json_string("\xE3\x81\xE3\x81\x82"), "\"" + fffd + "\xE3\x81\x82\"");
}

// Every output is well-formed UTF-8 whatever the input: checked by a round trip through ICU,
// which would turn any ill-formed byte into U+FFFD and so change the text.
TEST(JsonWriterEscape, OutputIsAlwaysValidUtf8) {
  const unsigned char interesting[] = {0x00, 0x22, 0x41, 0x5C, 0x7F, 0x80, 0x8F, 0x90,
                                       0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0,
                                       0xE2, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF};
  for (unsigned char a : interesting) {
    for (unsigned char b : interesting) {
      for (unsigned char c : interesting) {
        for (unsigned char d : {0x80, 0xBF, 0x41}) {
          const char bytes[] = {static_cast<char>(a), static_cast<char>(b), static_cast<char>(c),
                                static_cast<char>(d)};
          const std::string out = json_string(std::string_view(bytes, sizeof bytes));
          std::string back;
          icu::UnicodeString::fromUTF8(out).toUTF8String(back);
          ASSERT_EQ(back, out) << std::hex << int(a) << " " << int(b) << " " << int(c);
          ASSERT_EQ(out.find_first_of(std::string("\x00\x01\x1f", 3)), std::string::npos);
        }
      }
    }
  }
}

TEST(Utf8, NextCharDecodes) {
  const std::string s = "A\xC3\xA9\xE3\x81\x82\xF0\x9F\x98\x80";
  auto c = next_utf8_char(s, 0);
  EXPECT_TRUE(c.valid);
  EXPECT_EQ(c.cp, U'A');
  c = next_utf8_char(s, 1);
  EXPECT_EQ(c.cp, U'\u00E9');
  EXPECT_EQ(c.len, 2u);
  c = next_utf8_char(s, 3);
  EXPECT_EQ(c.cp, U'\u3042');
  EXPECT_EQ(c.len, 3u);
  c = next_utf8_char(s, 6);
  EXPECT_EQ(c.cp, U'\U0001F600');
  EXPECT_EQ(c.len, 4u);
  std::string back;
  for (char32_t cp : {U'A', U'\u00E9', U'\u3042', U'\U0001F600'}) append_utf8(back, cp);
  EXPECT_EQ(back, s);
}

TEST(JsonWriter, CompactNestingAndCommas) {
  JsonWriter w;
  w.begin_object();
  w.member("a", 1).member("b", "x");
  w.key("list").begin_array().value(true).value(false).null().begin_object().end_object();
  w.begin_array().end_array().end_array();
  w.key("o").begin_object().member("n", -5).end_object();
  w.end_object();
  EXPECT_TRUE(w.complete());
  EXPECT_EQ(w.str(), R"({"a":1,"b":"x","list":[true,false,null,{},[]],"o":{"n":-5}})");
}

TEST(JsonWriter, NotCompleteUntilClosed) {
  JsonWriter w;
  EXPECT_FALSE(w.complete());
  w.begin_array().value(1);
  EXPECT_FALSE(w.complete());
  w.end_array();
  EXPECT_TRUE(w.complete());
  EXPECT_EQ(w.take(), "[1]");
  EXPECT_EQ(w.str(), "");
  EXPECT_FALSE(w.complete());
  w.value("again");
  EXPECT_EQ(w.str(), R"("again")");
}

TEST(JsonWriter, Integers) {
  JsonWriter w;
  w.begin_array();
  w.value(std::numeric_limits<std::int64_t>::min());
  w.value(std::numeric_limits<std::uint64_t>::max());
  w.value(0).value(static_cast<unsigned short>(7));
  w.end_array();
  EXPECT_EQ(w.str(), "[-9223372036854775808,18446744073709551615,0,7]");
}

TEST(JsonWriter, DoublesShortestAndFinite) {
  JsonWriter w;
  w.begin_array();
  w.value(0.1).value(2.5).value(15.0).value(-0.0).value(1e300).value(1.0 / 3.0);
  w.value(std::nan("")).value(std::numeric_limits<double>::infinity());
  w.value(-std::numeric_limits<double>::infinity());
  w.end_array();
  EXPECT_EQ(w.str(), "[0.1,2.5,15,-0,1e+300,0.3333333333333333,null,null,null]");
}

TEST(JsonWriter, PrettyIndentsTwoSpaces) {
  JsonWriter w(true);
  w.begin_object();
  w.member("name", "cv.docx");
  w.key("tags").begin_array().value("a").value("b").end_array();
  w.key("empty").begin_array().end_array();
  w.key("obj").begin_object().member("k", 1.5).end_object();
  w.end_object();
  EXPECT_EQ(w.str(),
            "{\n"
            "  \"name\": \"cv.docx\",\n"
            "  \"tags\": [\n"
            "    \"a\",\n"
            "    \"b\"\n"
            "  ],\n"
            "  \"empty\": [],\n"
            "  \"obj\": {\n"
            "    \"k\": 1.5\n"
            "  }\n"
            "}");
}

TEST(JsonWriter, KeysAreEscapedToo) {
  JsonWriter w;
  w.begin_object().member("we\"ird\n", 1).member("\xFF", 2).end_object();
  EXPECT_EQ(w.str(), "{\"we\\\"ird\\n\":1,\"\xEF\xBF\xBD\":2}");
}

}  // namespace
}  // namespace lg
