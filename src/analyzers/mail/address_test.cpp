#include "analyzers/mail/address.h"
#include "core/charset.h"

#include <gtest/gtest.h>

namespace lg {
namespace {

std::string fmt(std::string_view v) { return format_mailboxes(parse_address_list(v).mailboxes); }

TEST(MailAddress, NameAddrAndBare) {
  AddressList l = parse_address_list("\"Doe, John\" <john@example.com>, jane@example.org");
  ASSERT_EQ(l.mailboxes.size(), 2u);
  EXPECT_EQ(l.mailboxes[0].display, "Doe, John");
  EXPECT_EQ(l.mailboxes[0].address, "john@example.com");
  EXPECT_EQ(l.mailboxes[1].display, "");
  EXPECT_EQ(l.mailboxes[1].address, "jane@example.org");
  EXPECT_EQ(format_mailboxes(l.mailboxes), "Doe, John <john@example.com>, jane@example.org");
}

TEST(MailAddress, EncodedWordsInPhraseAndInQuotes) {
  EXPECT_EQ(fmt("=?UTF-8?B?44G/44GR44KL?= <raasdnil@gmail.com>"),
            "\u307f\u3051\u308b <raasdnil@gmail.com>");  // みける
  // Encoded words inside a quoted string break [RFC 2047] 5 but are common.
  EXPECT_EQ(fmt("\"=?utf-8?Q?Jos=C3=A9?=\" <j@x.es>"), "Jos\u00e9 <j@x.es>");
}

TEST(MailAddress, CommentNameAndRoute) {
  EXPECT_EQ(fmt("jdoe@example.com (John Doe)"), "John Doe <jdoe@example.com>");
  EXPECT_EQ(fmt("Pete <@relay.example:pete@silly.example>"), "Pete <pete@silly.example>");
}

TEST(MailAddress, Groups) {
  // [RFC 5322] A.1.3.
  AddressList l = parse_address_list(
      "A Group:Ed Jones <c@a.test>,joe@where.test,John <jdoe@one.test>;, Undisclosed:;");
  ASSERT_EQ(l.mailboxes.size(), 3u);
  EXPECT_EQ(l.mailboxes[0].display, "Ed Jones");
  EXPECT_EQ(l.mailboxes[1].address, "joe@where.test");
  EXPECT_EQ(l.mailboxes[2].address, "jdoe@one.test");
}

TEST(MailAddress, RawUtf8AndBroken) {
  EXPECT_EQ(fmt("\"J\u00f6hn Doe\" <jd\u00f6e@m\u00e4chine.example>"),
            "J\u00f6hn Doe <jd\u00f6e@m\u00e4chine.example>");
  EXPECT_EQ(fmt("<unterminated@x"), "unterminated@x");
  EXPECT_EQ(fmt("\"unterminated quote <a@b>"), "unterminated quote <a@b>");
  EXPECT_TRUE(parse_address_list("").mailboxes.empty());
  EXPECT_TRUE(parse_address_list(" , ,, ").mailboxes.empty());
}

TEST(MailAddress, CapOnMailboxes) {
  std::string v;
  for (int i = 0; i < 1000; ++i) v.append("a").append(std::to_string(i)).append("@x.test, ");
  EXPECT_EQ(parse_address_list(v, 10).mailboxes.size(), 10u);
}

}  // namespace
}  // namespace lg

namespace lg {
namespace {

// Found by fuzzing: raw non-UTF-8 bytes inside an addr-spec reached the facts unconverted.
TEST(MailAddress, RawEightBitAddressBecomesUtf8) {
  auto list = parse_address_list("Name <raasdn\xff\xff\xffil@gmail.com>");
  ASSERT_EQ(list.mailboxes.size(), 1u);
  EXPECT_TRUE(is_valid_utf8(list.mailboxes[0].address));
  EXPECT_NE(list.mailboxes[0].address.find("il@gmail.com"), std::string::npos);
}

}  // namespace
}  // namespace lg
