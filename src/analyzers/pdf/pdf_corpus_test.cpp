// PdfAnalyzer on real files: the shared PDF lures (each yields its JavaScript and action
// findings, checked against the bytes read with `strings`) and ClamAV's clam.pdf, whose
// embedded clam.exe must come out byte for byte.
#include <gtest/gtest.h>

#include <filesystem>

#include "analyzers/pdf/pdf_analyzer.h"
#include "core/hash.h"
#include "core/testing/recording_context.h"

namespace lg {
namespace {

using testing::RecordingContext;
namespace fs = std::filesystem;

const std::string kPdfDir = std::string(LG_SHARED_DIR) + "/corpus/pdf/";
const std::string kClam = "/usr/share/clamav-testfiles/";

RecordingContext run_file(const std::string& path) {
  const std::string bytes = testing::read_file(path);
  EXPECT_FALSE(bytes.empty()) << path;
  RecordingContext ctx;
  PdfAnalyzer a;
  EXPECT_TRUE(a.analyze(as_bytes(bytes), ctx).is_ok()) << path;
  return ctx;
}

std::string evidence(const RecordingContext& ctx, Symbol s) {
  std::string out;
  for (const auto& f : ctx.findings) {
    if (f.symbol == s) out += f.evidence.value + "\n";
  }
  return out;
}

bool has_link(const RecordingContext& ctx, const std::string& href) {
  for (const auto& l : ctx.links) {
    if (l.href == href) return true;
  }
  return false;
}

// The four LibreOffice-made lures share a layout: /OpenAction -> JavaScript, a link annotation.
void expect_open_action_lure(const RecordingContext& ctx, const std::string& script_part) {
  EXPECT_TRUE(ctx.has(Symbol::PDF_JAVASCRIPT));
  EXPECT_TRUE(ctx.has(Symbol::PDF_AUTO_ACTION));
  EXPECT_TRUE(ctx.has(Symbol::PDF_AUTO_JAVASCRIPT));
  EXPECT_EQ(evidence(ctx, Symbol::PDF_AUTO_ACTION), "OpenAction: JavaScript\n");
  EXPECT_NE(ctx.all_text(TextKind::kScript).find(script_part), std::string::npos)
      << ctx.all_text(TextKind::kScript);
  EXPECT_EQ(ctx.str("version"), "1.5");
  EXPECT_EQ(ctx.str("open_action"), "JavaScript");
  EXPECT_EQ(ctx.num("pages"), 1);
  EXPECT_FALSE(ctx.has(Symbol::PDF_OBFUSCATED_NAMES));
  EXPECT_FALSE(ctx.has(Symbol::PDF_LAUNCH));
  EXPECT_TRUE(std::get<bool>(ctx.facts.at("has_js")));
  EXPECT_FALSE(std::get<bool>(ctx.facts.at("encrypted")));
}

TEST(PdfCorpus, StarterPack) {
  RecordingContext ctx = run_file(kPdfDir + "starter_pack.pdf");
  expect_open_action_lure(ctx, "app.alert(1);");
  EXPECT_TRUE(has_link(ctx, "https://www.gubello.me"));
  EXPECT_FALSE(ctx.has(Symbol::PDF_DATA_URI));
}

TEST(PdfCorpus, Payload1DataUri) {
  RecordingContext ctx = run_file(kPdfDir + "payload1.pdf");
  expect_open_action_lure(ctx, "document.write('<script>confirm(document.cookie);</script>");
  EXPECT_TRUE(has_link(ctx, "data:text/html,<script>alert(2);</script>"));
  EXPECT_EQ(evidence(ctx, Symbol::PDF_DATA_URI), "data:text/html,<script>alert(2);</script>\n");
}

TEST(PdfCorpus, Payload3FileUri) {
  RecordingContext ctx = run_file(kPdfDir + "payload3.pdf");
  expect_open_action_lure(ctx, "prompt(document.cookie);");
  EXPECT_TRUE(has_link(ctx, "file:///C:/Windows/system32/calc.exe"));
  EXPECT_TRUE(ctx.has(Symbol::PDF_FILE_URI));
}

TEST(PdfCorpus, Payload5LaunchUrl) {
  RecordingContext ctx = run_file(kPdfDir + "payload5.pdf");
  expect_open_action_lure(ctx, "app.launchURL(\"START C:/Windows/system32/calc.exe\", true);");
  EXPECT_TRUE(has_link(ctx, "javascript:confirm(2);"));
}

TEST(PdfCorpus, Payload7WidgetAdditionalAction) {
  RecordingContext ctx = run_file(kPdfDir + "payload7.pdf");
  // A text field whose mouse-down trigger (/AA /D) runs an (empty) JavaScript action.
  EXPECT_TRUE(ctx.has(Symbol::PDF_JAVASCRIPT));
  EXPECT_EQ(evidence(ctx, Symbol::PDF_AUTO_ACTION), "AA/D: JavaScript\n");
  EXPECT_FALSE(ctx.has(Symbol::PDF_AUTO_JAVASCRIPT));  // needs a click
  EXPECT_TRUE(std::get<bool>(ctx.facts.at("has_acroform")));
  EXPECT_EQ(ctx.num("pages"), 1);
  EXPECT_EQ(ctx.facts.count("open_action"), 0u);
}

TEST(PdfCorpus, EveryFileYieldsJavaScript) {
  std::size_t files = 0;
  for (const auto& entry : fs::directory_iterator(kPdfDir)) {
    RecordingContext ctx = run_file(entry.path().string());
    EXPECT_TRUE(ctx.has(Symbol::PDF_JAVASCRIPT)) << entry.path();
    EXPECT_TRUE(ctx.has(Symbol::PDF_AUTO_ACTION)) << entry.path();
    ++files;
  }
  EXPECT_EQ(files, 5u);
}

TEST(PdfCorpus, ClamPdfEmbedsClamExe) {
  if (!fs::exists(kClam + "clam.pdf")) GTEST_SKIP() << "no clamav-testfiles";
  RecordingContext ctx = run_file(kClam + "clam.pdf");
  ASSERT_EQ(ctx.children.size(), 1u);
  EXPECT_EQ(ctx.children[0].info.relation, "embedded");
  const std::string exe = testing::read_file(kClam + "clam.exe");
  EXPECT_EQ(sha256_hex(ctx.children[0].data), sha256_hex(as_bytes(exe)));
  EXPECT_TRUE(ctx.has(Symbol::PDF_EMBEDDED_FILE));
  EXPECT_EQ(ctx.num("embedded_files"), 1);
  EXPECT_EQ(ctx.str("version"), "1.4");
  EXPECT_EQ(ctx.num("pages"), 1);
  EXPECT_FALSE(ctx.has(Symbol::PDF_JAVASCRIPT));
}

}  // namespace
}  // namespace lg
