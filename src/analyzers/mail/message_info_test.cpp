// What the mail analyzer hands the engine's message checks (Context::message).
#include "analyzers/mail/message_info.h"

#include <gtest/gtest.h>

#include "analyzers/mail/mail_analyzer.h"
#include "core/testing/recording_context.h"

namespace lg {
namespace {

TEST(MessageInfo, FieldsAddressesAndRawViews) {
  const std::string msg =
      "From sender@example.com Mon Jan  1 10:00:00 2024\n"
      "Authentication-Results: mx.corp.example; spf=pass\n smtp.mailfrom=example.com\n"
      "DKIM-Signature: v=1; a=rsa-sha256; d=example.com; s=s;\n\th=From; bh=YWJj; b=YWJj\n"
      "Received-SPF: pass (mx.corp.example: ok) client-ip=192.0.2.1\n"
      "From: =?utf-8?Q?J=C3=B6rg?= <joerg@example.com>\n"
      "Sender: agent@relay.example.net\n"
      "Reply-To: a@reply.example, b@reply.example\n"
      "Return-Path: <bounce@mailer.example.org>\n"
      "To: dev@corp.example, Ops <ops@corp.example>\n"
      "Cc: cfo@corp.example\n"
      "List-Id: Talk <talk.lists.example.net>\n"
      "Subject: Hi\n"
      "Content-Type: multipart/mixed; boundary=b\n"
      "\n"
      "--b\nContent-Type: text/plain\n\nHello\n--b\n"
      "Content-Type: application/pdf; name=cv.pdf\n\n%PDF-1.4\n--b--\n";
  testing::RecordingContext ctx;
  MailAnalyzer a;
  ASSERT_TRUE(a.analyze(as_bytes(msg), ctx).is_ok());
  ASSERT_EQ(ctx.messages.size(), 1u);
  const MessageInfo& m = ctx.messages[0];
  EXPECT_EQ(m.from.display, "J\u00f6rg");
  EXPECT_EQ(m.from.address, "joerg@example.com");
  EXPECT_EQ(m.from_count, 1u);
  EXPECT_EQ(m.sender.address, "agent@relay.example.net");
  ASSERT_EQ(m.reply_to.size(), 2u);
  EXPECT_EQ(m.reply_to[1].address, "b@reply.example");
  EXPECT_EQ(m.return_path, "bounce@mailer.example.org");
  ASSERT_EQ(m.recipients.size(), 3u);
  EXPECT_EQ(m.recipients[1].display, "Ops");
  EXPECT_EQ(m.recipients[2].address, "cfo@corp.example");
  EXPECT_EQ(m.list_fields, std::vector<std::string>{"Talk <talk.lists.example.net>"});
  EXPECT_EQ(m.authentication_results,
            std::vector<std::string>{"mx.corp.example; spf=pass smtp.mailfrom=example.com"});
  EXPECT_EQ(m.received_spf.size(), 1u);
  EXPECT_EQ(m.attachments, 1u);
  ASSERT_EQ(m.headers.size(), 12u);
  // Fields exactly as written, folding kept, for DKIM.
  EXPECT_EQ(m.headers[1].name, "DKIM-Signature");
  EXPECT_EQ(m.headers[1].field,
            "DKIM-Signature: v=1; a=rsa-sha256; d=example.com; s=s;\n\th=From; bh=YWJj; b=YWJj");
  // The header block starts at the first field (after the mbox line); the body after the blank
  // line.
  EXPECT_TRUE(as_chars(m.raw_header).starts_with("Authentication-Results:"));
  EXPECT_TRUE(as_chars(m.raw_header).ends_with("boundary=b\n\n"));
  EXPECT_TRUE(as_chars(m.raw_body).starts_with("--b\nContent-Type: text/plain"));
}

TEST(MessageInfo, HeaderOnlyAndEmpty) {
  testing::RecordingContext ctx;
  MailAnalyzer a;
  const std::string msg = "From: a@example.com\r\nSubject: x";
  ASSERT_TRUE(a.analyze(as_bytes(msg), ctx).is_ok());
  ASSERT_EQ(ctx.messages.size(), 1u);
  EXPECT_TRUE(ctx.messages[0].raw_body.empty());
  EXPECT_EQ(ctx.messages[0].headers.size(), 2u);
  EXPECT_TRUE(ctx.messages[0].return_path.empty());
}

}  // namespace
}  // namespace lg
