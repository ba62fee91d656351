#include "analyzers/mail/header.h"

#include <gtest/gtest.h>

namespace lg {
namespace {

TEST(MailHeader, FieldsInOrderWithDuplicatesAndUnfolding) {
  const std::string msg =
      "Received: from a\r\n\tby b\r\nReceived: from c\r\nSubject: hello\r\n  world\r\n\r\nbody\r\n";
  HeaderBlock hb = parse_header_block(msg, 100);
  ASSERT_EQ(hb.fields.size(), 3u);
  EXPECT_EQ(hb.fields[0].name, "Received");
  EXPECT_EQ(hb.fields[0].raw, " from a\r\n\tby b");
  EXPECT_EQ(hb.fields[0].value(), "from a\tby b");
  EXPECT_EQ(hb.fields[1].value(), "from c");
  EXPECT_EQ(hb.fields[2].value(), "hello  world");
  EXPECT_TRUE(hb.blank_line);
  EXPECT_EQ(msg.substr(hb.body_offset), "body\r\n");
  ASSERT_NE(hb.find("subject"), nullptr);
  EXPECT_EQ(hb.find("SUBJECT")->value(), "hello  world");
  EXPECT_EQ(hb.find("X-Missing"), nullptr);
}

TEST(MailHeader, LfOnlyAndObsWhitespaceBeforeColon) {
  const std::string msg = "Subject : obs\nTo:x@y\n\nbody";
  HeaderBlock hb = parse_header_block(msg, 100);
  ASSERT_EQ(hb.fields.size(), 2u);
  EXPECT_EQ(hb.fields[0].name, "Subject");
  EXPECT_EQ(hb.fields[0].value(), "obs");
  EXPECT_EQ(hb.fields[1].value(), "x@y");
  EXPECT_EQ(msg.substr(hb.body_offset), "body");
}

TEST(MailHeader, MissingBlankLineStartsBodyAtFirstNonField) {
  const std::string msg = "Subject: s\r\nFrom: a@b\r\nThis is the body, no blank line.\r\n";
  HeaderBlock hb = parse_header_block(msg, 100);
  EXPECT_EQ(hb.fields.size(), 2u);
  EXPECT_FALSE(hb.blank_line);
  EXPECT_EQ(msg.substr(hb.body_offset), "This is the body, no blank line.\r\n");
}

TEST(MailHeader, MboxFromLineSkippedAndHeaderOnly) {
  const std::string msg = "From jm@example.com  Thu Aug 22 12:36:23 2002\nSubject: x";
  HeaderBlock hb = parse_header_block(msg, 100);
  EXPECT_TRUE(hb.mbox_from_line);
  ASSERT_EQ(hb.fields.size(), 1u);
  EXPECT_EQ(hb.fields[0].value(), "x");
  EXPECT_EQ(hb.body_offset, msg.size());
}

TEST(MailHeader, DamagedFieldBetweenFieldsSkipped) {
  // As in mikel-mail plain_emails/raw_email_incorrect_header.eml.
  const std::string msg = "Received: a\nquite Delivered-To: x@y\nFrom: z@w\n\nbody";
  HeaderBlock hb = parse_header_block(msg, 100);
  ASSERT_EQ(hb.fields.size(), 2u);
  EXPECT_EQ(hb.fields[1].name, "From");
  EXPECT_EQ(hb.bad_lines, 1u);
  EXPECT_EQ(msg.substr(hb.body_offset), "body");
}

TEST(MailHeader, ObsFromFieldIsNotAnEnvelopeLine) {
  const std::string msg = "From  : John Doe <jdoe@machine.example>\nTo    : Mary\n\nx";
  HeaderBlock hb = parse_header_block(msg, 100);
  EXPECT_FALSE(hb.mbox_from_line);
  ASSERT_EQ(hb.fields.size(), 2u);
  EXPECT_EQ(hb.fields[0].name, "From");
  EXPECT_EQ(hb.fields[0].value(), "John Doe <jdoe@machine.example>");
}

TEST(MailHeader, CapOnFields) {
  std::string msg;
  for (int i = 0; i < 50; ++i)
    msg.append("X-N: ").append(std::to_string(i)).append("\n continued\n");
  msg += "\nbody";
  HeaderBlock hb = parse_header_block(msg, 10);
  EXPECT_EQ(hb.fields.size(), 10u);
  EXPECT_TRUE(hb.truncated);
  EXPECT_EQ(hb.bad_lines, 0u);
  EXPECT_EQ(msg.substr(hb.body_offset), "body");
}

TEST(MailHeader, RawUtf8Kept) {
  const std::string msg = "Subject: S\xC3\xA4ying Hello\r\n\r\n";
  HeaderBlock hb = parse_header_block(msg, 10);
  ASSERT_EQ(hb.fields.size(), 1u);
  EXPECT_EQ(hb.fields[0].value(), "S\xC3\xA4ying Hello");
}

TEST(MailHeader, EmptyAndGarbageInput) {
  EXPECT_TRUE(parse_header_block("", 10).fields.empty());
  HeaderBlock hb = parse_header_block("\r\nbody", 10);
  EXPECT_TRUE(hb.fields.empty());
  EXPECT_EQ(hb.body_offset, 2u);
  hb = parse_header_block(std::string("\0\x01:\xff", 4), 10);
  EXPECT_TRUE(hb.fields.empty());
  EXPECT_EQ(hb.body_offset, 0u);
}

TEST(MailHeader, Helpers) {
  EXPECT_TRUE(iequals("Content-Type", "content-TYPE"));
  EXPECT_FALSE(iequals("Content-Type", "Content-Typ"));
  EXPECT_EQ(ascii_lower("TeXt/HTML"), "text/html");
  EXPECT_EQ(trim_ws(" \t a b \r\n"), "a b");
  EXPECT_EQ(unfold_header(" a\r\n b\n\tc "), "a b\tc");
}

}  // namespace
}  // namespace lg
