// MailAnalyzer on generated messages: structure, encodings, children, findings.
#include "analyzers/mail/mail_analyzer.h"

#include <gtest/gtest.h>

#include "core/testing/recording_context.h"

namespace lg {
namespace {

using testing::RecordingContext;

RecordingContext run(const std::string& msg) {
  RecordingContext ctx;
  MailAnalyzer a;
  EXPECT_TRUE(a.analyze(as_bytes(msg), ctx).is_ok());
  return ctx;
}

TEST(MailAnalyzer, SummaryFacts) {
  RecordingContext ctx =
      run("From: =?utf-8?Q?Recruiter_K=C3=B6nig?= <hr@coinbase-careers.example>\r\n"
          "To: a@x.test, \"B\" <b@x.test>\r\nCc: c@x.test\r\nReply-To: other@free.example\r\n"
          "Return-Path: <bounce@x.test>\r\nSubject: =?utf-8?B?7LGE7JqpIOygnOyViA==?=\r\n"
          "Date: Mon, 1 Jan 2024 10:00:00 +0900\r\nMessage-ID: <id@x.test>\r\n\r\nHello\r\n");
  EXPECT_EQ(ctx.str("from"), "Recruiter K\u00f6nig <hr@coinbase-careers.example>");
  EXPECT_EQ(ctx.str("to"), "a@x.test, B <b@x.test>");
  EXPECT_EQ(ctx.str("cc"), "c@x.test");
  EXPECT_EQ(ctx.str("reply_to"), "other@free.example");
  EXPECT_EQ(ctx.str("return_path"), "bounce@x.test");
  EXPECT_EQ(ctx.str("subject"), "\ucc44\uc6a9 \uc81c\uc548");  // 채용 제안
  EXPECT_EQ(ctx.str("date"), "Mon, 1 Jan 2024 10:00:00 +0900");
  EXPECT_EQ(ctx.str("message_id"), "<id@x.test>");
  EXPECT_EQ(ctx.num("headers"), 8);
  EXPECT_EQ(ctx.num("mime_parts"), 1);
  EXPECT_EQ(ctx.num("attachments"), 0);
  EXPECT_EQ(ctx.all_text(TextKind::kSubject), "\ucc44\uc6a9 \uc81c\uc548");
  // Each address field as a person reads it: display names and addresses.
  EXPECT_EQ(ctx.all_text(TextKind::kHeader),
            "Recruiter K\u00f6nig <hr@coinbase-careers.example>\na@x.test, B <b@x.test>\n"
            "c@x.test\nother@free.example");
  EXPECT_EQ(ctx.all_text(TextKind::kBody), "Hello\r\n");
  EXPECT_TRUE(ctx.findings.empty());
}

TEST(MailAnalyzer, MultipartAlternativeWithHtmlLinksAndAttachment) {
  RecordingContext ctx =
      run("Subject: offer\nContent-Type: multipart/mixed; boundary=outer\n\n"
          "preamble text\n--outer\nContent-Type: multipart/alternative; boundary=\"in ner\"\n\n"
          "--in ner\nContent-Type: text/plain; charset=iso-8859-1\n"
          "Content-Transfer-Encoding: quoted-printable\n\nSal=E1rio: 100k=\n more\n"
          "--in ner\nContent-Type: text/html; charset=utf-8\n\n"
          "<p>Read the <a href=\"https://evil.example/jd\">job description</a></p>\n"
          "--in ner--\n--outer\nContent-Type: application/octet-stream; name=\"JD.pdf.lnk\"\n"
          "Content-Transfer-Encoding: base64\nContent-Disposition: attachment\n\nTFUAAA==\n"
          "--outer--\nepilogue\n");
  EXPECT_EQ(ctx.num("mime_parts"), 5);
  EXPECT_EQ(ctx.num("attachments"), 1);
  const std::string body = ctx.all_text(TextKind::kBody);
  EXPECT_NE(body.find("Sal\u00e1rio: 100k more"), std::string::npos) << body;
  EXPECT_NE(body.find("job description"), std::string::npos) << body;
  EXPECT_EQ(body.find("preamble"), std::string::npos);
  EXPECT_EQ(body.find("epilogue"), std::string::npos);
  ASSERT_EQ(ctx.links.size(), 1u);
  EXPECT_EQ(ctx.links[0].href, "https://evil.example/jd");
  EXPECT_EQ(ctx.links[0].visible, "job description");
  ASSERT_EQ(ctx.children.size(), 1u);
  EXPECT_EQ(ctx.children[0].info.relation, "attachment");
  EXPECT_EQ(ctx.children[0].info.name, "JD.pdf.lnk");
  EXPECT_EQ(ctx.children[0].info.declared_type, "application/octet-stream");
  EXPECT_EQ(ctx.children[0].info.source_size, 8u);  // "TFUAAA==", the break is the delimiter's
  EXPECT_EQ(ctx.children[0].data, (Bytes{'L', 'U', 0, 0}));
  EXPECT_FALSE(ctx.has(Symbol::MIME_MALFORMED));
}

TEST(MailAnalyzer, NestedMessageBecomesChild) {
  RecordingContext ctx =
      run("Content-Type: multipart/mixed; boundary=b\n\n--b\n\nsee attached\n--b\n"
          "Content-Type: message/rfc822\n\nSubject: inner\n\ninner body\n--b--\n");
  ASSERT_EQ(ctx.children.size(), 1u);
  EXPECT_EQ(ctx.children[0].info.relation, "message");
  EXPECT_EQ(ctx.children[0].info.declared_type, "message/rfc822");
  EXPECT_EQ(to_string(ctx.children[0].data), "Subject: inner\n\ninner body");
  EXPECT_EQ(ctx.num("attachments"), 0);
  EXPECT_EQ(ctx.all_text(TextKind::kBody), "see attached");
}

TEST(MailAnalyzer, TextPartWithNameIsAttachment) {
  RecordingContext ctx = run(
      "Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain; "
      "name=\"run.bat\"\n\ncmd /c calc\n--b\nContent-Type: text/html\n"
      "Content-Disposition: attachment; filename=x.html\n\n<script>atob('x')</script>\n--b--\n");
  ASSERT_EQ(ctx.children.size(), 2u);
  EXPECT_EQ(ctx.children[0].info.name, "run.bat");
  EXPECT_EQ(ctx.children[0].info.declared_type, "text/plain");
  EXPECT_EQ(ctx.children[1].info.name, "x.html");
  EXPECT_EQ(ctx.all_text(TextKind::kBody), "");
}

TEST(MailAnalyzer, WrongBoundaryGuessed) {
  RecordingContext ctx =
      run("Content-Type: multipart/mixed; boundary=\"declared\"\n\n--actual\n"
          "Content-Type: text/plain\n\nvisible text\n--actual\nContent-Type: application/zip\n"
          "Content-Transfer-Encoding: base64\n\nUEsFBgAAAAAAAAAAAAAAAAAAAAAAAA==\n--actual--\n");
  EXPECT_TRUE(ctx.has(Symbol::MIME_MALFORMED));
  EXPECT_FALSE(ctx.anomalies.empty());
  EXPECT_EQ(ctx.all_text(TextKind::kBody), "visible text");
  ASSERT_EQ(ctx.children.size(), 1u);
  EXPECT_EQ(ctx.children[0].data.size(), 22u);
}

TEST(MailAnalyzer, MissingBoundaryAndNoStructureReadsBodyAsText) {
  RecordingContext ctx = run("Content-Type: multipart/mixed\n\njust text\n");
  EXPECT_TRUE(ctx.has(Symbol::MIME_MALFORMED));
  EXPECT_EQ(ctx.all_text(TextKind::kBody), "just text\n");
}

TEST(MailAnalyzer, MissingCloseDelimiterReported) {
  RecordingContext ctx =
      run("Content-Type: multipart/mixed; boundary=b\n\n--b\n\none\n--b\n\ntwo\n");
  EXPECT_TRUE(ctx.has(Symbol::MIME_MALFORMED));
  EXPECT_EQ(ctx.all_text(TextKind::kBody), "one\ntwo\n");
}

TEST(MailAnalyzer, UnknownTransferEncodingReadAs7bit) {
  RecordingContext ctx = run("Content-Transfer-Encoding: x-weird\n\nplain words\n");
  EXPECT_TRUE(ctx.has(Symbol::MIME_MALFORMED));
  EXPECT_EQ(ctx.all_text(TextKind::kBody), "plain words\n");
  ctx = run("Content-Transfer-Encoding: 7bit;\n\nok\n");
  EXPECT_FALSE(ctx.has(Symbol::MIME_MALFORMED));
}

TEST(MailAnalyzer, CharsetMismatchReported) {
  // Shift_JIS bytes declared as UTF-8, and undeclared 8-bit EUC-KR.
  RecordingContext ctx =
      run("Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n"
          "\x82\xa0\x82\xa2\x82\xa4\x82\xa6\x82\xa8\n");
  EXPECT_TRUE(ctx.has(Symbol::MAIL_CHARSET_MISMATCH));
  EXPECT_EQ(ctx.all_text(TextKind::kBody), "\u3042\u3044\u3046\u3048\u304a\n");
  // Raw EUC-KR in the Subject, the body's charset declared: that charset is used.
  ctx =
      run("Subject: \xc5\xd7\xbd\xba\xc6\xae \xb8\xde\xc0\xcf\n"
          "Content-Type: text/plain; charset=euc-kr\n\nx");
  EXPECT_FALSE(ctx.has(Symbol::MAIL_CHARSET_MISMATCH));
  EXPECT_EQ(ctx.str("subject"), "\ud14c\uc2a4\ud2b8 \uba54\uc77c");
  // Raw 8-bit Subject and nothing declared anywhere: detection, reported.
  ctx = run("Subject: \xc5\xd7\xbd\xba\xc6\xae \xb8\xde\xc0\xcf\n\nx");
  EXPECT_TRUE(ctx.has(Symbol::MAIL_CHARSET_MISMATCH));
}

TEST(MailAnalyzer, UndeclaredIso2022JpDetected) {
  // 7-bit ISO-2022-JP without a charset parameter: "すみません。".
  RecordingContext ctx = run("Subject: x\n\n\x1b$B$9$_$^$;$s!#\x1b(B\n");
  EXPECT_EQ(ctx.all_text(TextKind::kBody), "\u3059\u307f\u307e\u305b\u3093\u3002\n");
  EXPECT_TRUE(ctx.has(Symbol::MAIL_CHARSET_MISMATCH));
}

TEST(MailAnalyzer, UuencodeInPlainBodyBecomesChild) {
  RecordingContext ctx = run("Subject: uu\n\nHere it is:\nbegin 644 cat.txt\n#0V%T\n`\nend\nbye\n");
  ASSERT_EQ(ctx.children.size(), 1u);
  EXPECT_EQ(ctx.children[0].info.relation, "attachment");
  EXPECT_EQ(ctx.children[0].info.name, "cat.txt");
  EXPECT_EQ(to_string(ctx.children[0].data), "Cat");
  EXPECT_EQ(ctx.num("attachments"), 1);
}

TEST(MailAnalyzer, DigestDefaultsToMessages) {
  RecordingContext ctx =
      run("Content-Type: multipart/digest; boundary=d\n\n--d\n\nSubject: one\n\n1\n--d\n\n"
          "Subject: two\n\n2\n--d--\n");
  ASSERT_EQ(ctx.children.size(), 2u);
  EXPECT_EQ(ctx.children[0].info.relation, "message");
  EXPECT_EQ(ctx.children[1].info.declared_type, "message/rfc822");
}

TEST(MailAnalyzer, LimitsOnPartsAndDepth) {
  std::string deep;
  for (int i = 0; i < 100; ++i) {
    const std::string n = std::to_string(i);
    deep.append("Content-Type: multipart/mixed; boundary=b").append(n);
    deep.append("\n\n--b").append(n).append("\n");
  }
  deep += "\nleaf\n";
  RecordingContext ctx = run(deep);
  EXPECT_TRUE(ctx.has(Symbol::LIMIT_EXCEEDED));
  EXPECT_LE(ctx.num("mime_parts"), 41);

  std::string wide = "Content-Type: multipart/mixed; boundary=w\n\n";
  for (int i = 0; i < 3000; ++i) wide += "--w\nContent-Type: application/x-a\n\nA\n";
  ctx = run(wide);
  EXPECT_TRUE(ctx.has(Symbol::LIMIT_EXCEEDED));
  EXPECT_EQ(ctx.num("mime_parts"), static_cast<std::int64_t>(Limits::kMaxMimeParts));
  EXPECT_EQ(ctx.num("attachments"), static_cast<std::int64_t>(Limits::kMaxMimeParts) - 1);
}

TEST(MailAnalyzer, RefusedChildStopsChildren) {
  RecordingContext ctx;
  ctx.max_children = 1;
  std::string msg = "Content-Type: multipart/mixed; boundary=w\n\n";
  for (int i = 0; i < 5; ++i) msg += "--w\nContent-Type: image/png\n\nPNG\n";
  MailAnalyzer a;
  EXPECT_TRUE(a.analyze(as_bytes(msg), ctx).is_ok());
  EXPECT_EQ(ctx.children.size(), 1u);
}

TEST(MailAnalyzer, GarbageNeverFails) {
  for (const std::string& s : {std::string(), std::string("\0\0\0", 3), std::string(":"),
                               std::string("Content-Type: multipart/x; boundary=\"\"\n\n--\n"),
                               std::string("=?\n\n=?"), std::string(1000, '\n')}) {
    RecordingContext ctx = run(s);
    EXPECT_EQ(ctx.num("mime_parts"), 1);
  }
}

}  // namespace
}  // namespace lg
