// MailAnalyzer on real mail: every file of the shared corpus, decoded content checked by hand
// for the CJK and RFC 2231 cases, and ClamAV's test mails.
#include <gtest/gtest.h>

#include <filesystem>

#include "analyzers/mail/mail_analyzer.h"
#include "core/testing/recording_context.h"

namespace lg {
namespace {

using testing::RecordingContext;
namespace fs = std::filesystem;

const std::string kMailDir = std::string(LG_SHARED_DIR) + "/corpus/mail";
const std::string kEdge = kMailDir + "/mime-edge/";

RecordingContext run_file(const std::string& path) {
  const std::string bytes = testing::read_file(path);
  EXPECT_FALSE(bytes.empty()) << path;
  RecordingContext ctx;
  MailAnalyzer a;
  EXPECT_TRUE(a.analyze(as_bytes(bytes), ctx).is_ok()) << path;
  return ctx;
}

const RecordingContext::Child* attachment(const RecordingContext& ctx, std::size_t i = 0) {
  std::size_t n = 0;
  for (const auto& c : ctx.children) {
    if (c.info.relation == "attachment" && n++ == i) return &c;
  }
  return nullptr;
}

TEST(MailCorpus, EveryFileParses) {
  if (!fs::exists(kMailDir)) GTEST_SKIP() << "no corpus at " << kMailDir;
  std::size_t files = 0, with_from = 0, with_subject = 0, with_body = 0;
  std::size_t ham = 0, ham_malformed = 0;
  for (const auto& entry : fs::recursive_directory_iterator(kMailDir)) {
    if (!entry.is_regular_file()) continue;
    const std::string path = entry.path().string();
    const std::string bytes = testing::read_file(path);
    RecordingContext ctx;
    MailAnalyzer a;
    ASSERT_TRUE(a.analyze(as_bytes(bytes), ctx).is_ok()) << path;
    ASSERT_GE(ctx.num("mime_parts"), 1) << path;
    ++files;
    if (ctx.facts.count("from")) ++with_from;
    if (ctx.facts.count("subject")) ++with_subject;
    if (!ctx.all_text(TextKind::kBody).empty() || !ctx.children.empty()) ++with_body;
    if (path.find("/ham/") != std::string::npos) {
      ++ham;
      if (ctx.has(Symbol::MIME_MALFORMED)) ++ham_malformed;
    }
  }
  EXPECT_GT(files, 3000u);
  // Real mail nearly always has these; a header/body split gone wrong would show here.
  EXPECT_GT(with_from, files * 97 / 100);
  EXPECT_GT(with_subject, files * 95 / 100);
  EXPECT_GT(with_body, files * 97 / 100);
  // Benign mail from real clients is well-formed: MIME_MALFORMED there would be noise.
  EXPECT_GT(ham, 2000u);
  EXPECT_LT(ham_malformed, ham / 100);
}

TEST(MailCorpus, JapaneseUtf8) {
  RecordingContext ctx = run_file(kEdge + "mikel-mail/multi_charset/japanese.eml");
  EXPECT_EQ(ctx.str("subject"), "まみむめも");
  EXPECT_EQ(ctx.str("to"), "みける <raasdnil@gmail.com>");
  EXPECT_TRUE(ctx.all_text(TextKind::kBody).starts_with("かきくえこ\n"));
  EXPECT_FALSE(ctx.has(Symbol::MAIL_CHARSET_MISMATCH));
}

TEST(MailCorpus, JapaneseIso2022Body) {
  RecordingContext ctx = run_file(kEdge + "mikel-mail/multi_charset/japanese_iso_2022.eml");
  EXPECT_NE(ctx.all_text(TextKind::kBody).find("すみません。"), std::string::npos);
}

TEST(MailCorpus, JapaneseShiftJisBody) {
  RecordingContext ctx = run_file(kEdge + "mikel-mail/multi_charset/japanese_shift_jis.eml");
  const std::string body = ctx.all_text(TextKind::kBody);
  EXPECT_TRUE(body.starts_with("あいうえお")) << body;
  EXPECT_NE(body.find("このメールはテスト用のメールです。"), std::string::npos);
  EXPECT_NE(body.find("今後ともよろしくお願い申し上げます！"), std::string::npos);
}

TEST(MailCorpus, KoreanKsc5601Body) {
  RecordingContext ctx = run_file(kEdge + "mikel-mail/multi_charset/ks_c_5601-1987.eml");
  EXPECT_EQ(ctx.all_text(TextKind::kBody), "스티해\r\n");
  EXPECT_FALSE(ctx.has(Symbol::MAIL_CHARSET_MISMATCH));
}

TEST(MailCorpus, JapaneseAttachmentName) {
  RecordingContext ctx = run_file(kEdge + "mikel-mail/multi_charset/japanese_attachment.eml");
  const auto* a = attachment(ctx);
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->info.name, "てすと.txt");
  EXPECT_EQ(a->info.declared_type, "text/plain");
  EXPECT_EQ(to_string(a->data), "this is a test\nこれわてすと");
  EXPECT_EQ(ctx.num("attachments"), 1);
}

TEST(MailCorpus, JapaneseLongNameRfc2231Continuations) {
  RecordingContext ctx =
      run_file(kEdge + "mikel-mail/multi_charset/japanese_attachment_long_name.eml");
  std::string subject;
  for (int i = 0; i < 10; ++i) subject += "まみむめも";
  EXPECT_EQ(ctx.str("subject"), subject);
  const auto* a = attachment(ctx);
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->info.name, "かきくけこかきくけこかきくけこかきくけこかきくけこ.txt");
}

TEST(MailCorpus, MimekitJapaneseIso2022SplitSubject) {
  RecordingContext ctx = run_file(kEdge + "mimekit/japanese.txt");
  EXPECT_EQ(ctx.str("subject"), "日本語メールテスト (testing Japanese emails)");
  EXPECT_NE(ctx.all_text(TextKind::kBody).find("日本語が\n正常に\n送れているか\nテスト."),
            std::string::npos);
}

TEST(MailCorpus, Rfc2231Latin1FileName) {
  RecordingContext ctx =
      run_file(kEdge + "mikel-mail/attachment_emails/attachment_with_quoted_filename.eml");
  EXPECT_EQ(ctx.str("subject"), "Eelanalüüsi päring");
  const auto* a = attachment(ctx);
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->info.name, "Eelanalüüsi päring.jpg");
  EXPECT_EQ(a->info.declared_type, "image/jpeg");
}

TEST(MailCorpus, Rfc2231WithBadIso2022JpByte) {
  RecordingContext ctx =
      run_file(kEdge + "mikel-mail/attachment_emails/attachment_with_encoded_name.eml");
  const auto* a = attachment(ctx);
  ASSERT_NE(a, nullptr);
  EXPECT_TRUE(a->info.name.starts_with("01 Quien Te Dij")) << a->info.name;
  EXPECT_TRUE(a->info.name.ends_with("at. Pitbull.mp3")) << a->info.name;
}

TEST(MailCorpus, RawUtf8AndEncodedFileNames) {
  RecordingContext ctx =
      run_file(kEdge + "mikel-mail/attachment_emails/attachment_nonascii_filename.eml");
  ASSERT_NE(attachment(ctx), nullptr);
  EXPECT_EQ(attachment(ctx)->info.name, "ciële.txt");
  ctx = run_file(kEdge + "mikel-mail/attachment_emails/attachment_with_base64_encoded_name.eml");
  ASSERT_NE(attachment(ctx), nullptr);
  EXPECT_EQ(attachment(ctx)->info.name, "This is a test.pdf");
  EXPECT_EQ(attachment(ctx)->info.declared_type, "application/pdf");
}

TEST(MailCorpus, Rfc6532Utf8Headers) {
  RecordingContext ctx = run_file(kEdge + "mikel-mail/rfc6532/utf8_headers.eml");
  EXPECT_EQ(ctx.str("from"), "Jöhn Doe <jdöe@mächine.example>");
  EXPECT_EQ(ctx.str("to"), "Märy Smith <märy@exämple.net>");
  EXPECT_EQ(ctx.str("subject"), "Säying Hello");
}

TEST(MailCorpus, EmojiSubjectAndPdf) {
  RecordingContext ctx =
      run_file(kEdge + "mikel-mail/attachment_emails/attachment_pdf_non_ascii.eml");
  EXPECT_EQ(ctx.str("subject"), "Another PDF with 🎉 Unicode chars in it 🍿");
  const auto* a = attachment(ctx);
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->info.name, "broken.pdf");
  EXPECT_TRUE(to_string(a->data).starts_with("%PDF-1.4"));
}

TEST(MailCorpus, NestedRfc822) {
  RecordingContext ctx =
      run_file(kEdge + "mikel-mail/attachment_emails/attachment_message_rfc822.eml");
  bool message = false;
  for (const auto& c : ctx.children) message = message || c.info.relation == "message";
  EXPECT_TRUE(message);
}

TEST(MailCorpus, ClamavTestMails) {
  const std::string dir = "/usr/share/clamav-testfiles/";
  if (!fs::exists(dir + "clam.mail")) GTEST_SKIP() << "clamav-testfiles not installed";
  for (const char* name : {"clam.mail", "clam.exe.mbox.base64", "clam.exe.mbox.uu"}) {
    RecordingContext ctx = run_file(dir + name);
    const auto* a = attachment(ctx);
    ASSERT_NE(a, nullptr) << name;
    EXPECT_EQ(a->info.name, "clam.exe") << name;
    EXPECT_EQ(a->data.size(), 544u) << name;
    EXPECT_TRUE(to_string(a->data).starts_with("MZ")) << name;
  }
}

}  // namespace
}  // namespace lg
