#include "analyzers/mail/mime_params.h"

#include <gtest/gtest.h>

namespace lg {
namespace {

TEST(MailMimeParams, TypeAndQuotedParams) {
  ContentHeader h =
      parse_content_header("Multipart/Mixed; boundary=\"----=_Part_1\"; charset=UTF-8 (comment)");
  EXPECT_EQ(h.value, "multipart/mixed");
  ASSERT_NE(h.param("boundary"), nullptr);
  EXPECT_EQ(*h.param("boundary"), "----=_Part_1");
  EXPECT_EQ(*h.param("charset"), "UTF-8 (comment)");
  EXPECT_EQ(h.param("name"), nullptr);
}

TEST(MailMimeParams, EscapesAndUnquotedSpaces) {
  ContentHeader h =
      parse_content_header("attachment; filename=\"a \\\"b\\\".pdf\"; name=my file.doc ; size=10");
  EXPECT_EQ(h.value, "attachment");
  EXPECT_EQ(*h.param("filename"), "a \"b\".pdf");
  EXPECT_EQ(*h.param("name"), "my file.doc");
  EXPECT_EQ(*h.param("size"), "10");
}

TEST(MailMimeParams, Rfc2231ExtendedValue) {
  // [RFC 2231] 4 example, and the Apple Mail form in mikel-mail attachment_with_quoted_filename.
  ContentHeader h = parse_content_header(
      "application/x-stuff; title*=us-ascii'en-us'This%20is%20%2A%2A%2Afun%2A%2A%2A");
  EXPECT_EQ(*h.param("title"), "This is ***fun***");
  h = parse_content_header(
      "attachment; filename*=ISO-8859-1''Eelanal%FC%FCsi%20p%E4ring.jpg; filename=x.jpg");
  EXPECT_EQ(*h.param("filename"), "Eelanal\u00fc\u00fcsi p\u00e4ring.jpg");
}

TEST(MailMimeParams, Rfc2231Continuations) {
  // [RFC 2231] 4.1, sections given out of order, one not extended.
  ContentHeader h = parse_content_header(
      "attachment; filename*1*=%81%8D.txt; filename*0*=utf-8''%E3%81%8B%E3; "
      "filename*2=\"-end\"");
  ASSERT_NE(h.param("filename"), nullptr);
  // The split in the middle of a character is healed by joining bytes first.
  EXPECT_EQ(*h.param("filename"), "\u304b\u304d.txt-end");
}

TEST(MailMimeParams, Rfc2231PlainContinuations) {
  ContentHeader h = parse_content_header(
      "message/external-body; access-type=URL; URL*0=\"ftp://\"; URL*1=\"cs.utk.edu/pub\"");
  EXPECT_EQ(*h.param("url"), "ftp://cs.utk.edu/pub");
  EXPECT_EQ(*h.param("access-type"), "URL");
}

TEST(MailMimeParams, Rfc2047InParameters) {
  ContentHeader h =
      parse_content_header("text/plain; charset=UTF-8; name=\"=?UTF-8?B?44Gm44GZ44GoLnR4dA==?=\"");
  EXPECT_EQ(*h.param("name"), "\u3066\u3059\u3068.txt");  // てすと.txt
  h = parse_content_header("application/pdf; name==?utf-8?B?VGhpcyBpcyBhIHRlc3QucGRm?=");
  EXPECT_EQ(*h.param("name"), "This is a test.pdf");
}

TEST(MailMimeParams, MalformedTolerated) {
  ContentHeader h = parse_content_header("text/plain; junk; charset=\"utf-8");
  EXPECT_TRUE(h.malformed);
  EXPECT_EQ(*h.param("charset"), "utf-8");
  h = parse_content_header("");
  EXPECT_EQ(h.value, "");
  EXPECT_TRUE(h.params.empty());
  h = parse_content_header(";;;=;=x;  ");
  EXPECT_TRUE(h.malformed);
}

TEST(MailMimeParams, PercentDecode) {
  EXPECT_EQ(percent_decode("a%20b%zz%4"), "a b%zz%4");
  EXPECT_EQ(percent_decode("%41%42"), "AB");
}

TEST(MailMimeParams, ManyParametersCapped) {
  std::string v = "text/plain";
  for (int i = 0; i < 5000; ++i) v.append("; p").append(std::to_string(i)).append("=v");
  ContentHeader h = parse_content_header(v);
  EXPECT_LE(h.params.size(), 64u);
  EXPECT_EQ(*h.param("p0"), "v");
}

}  // namespace
}  // namespace lg
