// RtfAnalyzer on real files: ClamAV's clam.exe.rtf (a Package object holding clam.exe),
// oletools' rtfobj issue_251.rtf (an obfuscated Equation Editor object, CVE-2017-11882
// style) and msodde's RTF-Spec-1.7.rtf (a 2 MB benign document: text, no objects, fast).
// The password-protected issue_185.rtf.zip is skipped on purpose.
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "analyzers/rtf/rtf_analyzer.h"
#include "core/hash.h"
#include "core/testing/recording_context.h"

namespace lg {
namespace {

using testing::RecordingContext;

const std::string kShared = std::string(LG_SHARED_DIR) + "/corpus/office";
const std::string kClamDir = "/usr/share/clamav-testfiles";

RecordingContext run_file(const std::string& path, Status* status = nullptr) {
  const std::string bytes = testing::read_file(path);
  EXPECT_FALSE(bytes.empty()) << path;
  RecordingContext ctx;
  RtfAnalyzer a;
  Status s = a.analyze(as_bytes(bytes), ctx);
  if (status) *status = s;
  return ctx;
}

std::vector<std::string> strings(const RecordingContext& ctx, const std::string& key) {
  auto it = ctx.facts.find(key);
  if (it == ctx.facts.end()) return {};
  if (auto* v = std::get_if<std::vector<std::string>>(&it->second)) return *v;
  return {};
}

TEST(RtfCorpus, ClamExeRtfYieldsClamExe) {
  const std::string exe = testing::read_file(kClamDir + "/clam.exe");
  ASSERT_FALSE(exe.empty());
  Status st;
  RecordingContext ctx = run_file(kClamDir + "/clam.exe.rtf", &st);
  EXPECT_TRUE(st.is_ok()) << st.to_string();
  ASSERT_EQ(ctx.children.size(), 1u);
  const auto& c = ctx.children[0];
  EXPECT_EQ(c.info.relation, "package");
  EXPECT_EQ(c.info.name, "Clam.exe");  // the Package label as written
  EXPECT_EQ(sha256_hex(c.data), sha256_hex(as_bytes(exe)));
  EXPECT_TRUE(ctx.has(Symbol::RTF_OLE_OBJECT));
  EXPECT_FALSE(ctx.has(Symbol::RTF_EXPLOIT_CLSID));
  EXPECT_EQ(strings(ctx, "objects"), std::vector<std::string>{"Package"});
  EXPECT_EQ(ctx.num("code_page"), 1252);
}

// rtfobj issue 251: \objdata hidden in a {\*\footerr ...} group after runs of junk words,
// its hex broken by \fnil and a {\staticval abc} group. One object, class "equation.3" in
// its OLE1 header (\objclass says Equation.3),
// whose native data is an OLE2 compound file (D0CF11E0).
TEST(RtfCorpus, RtfobjIssue251ObfuscatedEquation) {
  Status st;
  RecordingContext ctx = run_file(kShared + "/rtfobj/issue_251.rtf", &st);
  EXPECT_TRUE(st.is_ok()) << st.to_string();
  EXPECT_EQ(strings(ctx, "objects"), std::vector<std::string>{"equation.3"});
  EXPECT_TRUE(ctx.has(Symbol::RTF_OLE_OBJECT));
  EXPECT_TRUE(ctx.has(Symbol::RTF_EXPLOIT_CLSID));
  const auto obf = strings(ctx, "obfuscation");
  ASSERT_FALSE(obf.empty());
  EXPECT_EQ(obf.front(), "\\objdata hidden in an ignorable {\\*...} destination");
  ASSERT_EQ(ctx.children.size(), 1u);
  EXPECT_EQ(ctx.children[0].info.relation, "embedded");
  ASSERT_GE(ctx.children[0].data.size(), 8u);
  EXPECT_EQ(ctx.children[0].data[0], 0xD0);
  EXPECT_EQ(ctx.children[0].data[1], 0xCF);
  EXPECT_NE(ctx.all_text(TextKind::kDocument).find("DOCUMENT IS PROTECTED"), std::string::npos);
  EXPECT_EQ(ctx.num("rtf_version"), 2);
}

TEST(RtfCorpus, RtfSpecIsBenignText) {
  const auto start = std::chrono::steady_clock::now();
  Status st;
  RecordingContext ctx = run_file(kShared + "/msodde/RTF-Spec-1.7.rtf", &st);
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::steady_clock::now() - start)
                      .count();
  EXPECT_TRUE(st.is_ok());
  EXPECT_TRUE(ctx.children.empty());
  EXPECT_FALSE(ctx.has(Symbol::RTF_OLE_OBJECT));
  EXPECT_FALSE(ctx.has(Symbol::DDE_COMMAND));
  EXPECT_FALSE(ctx.has(Symbol::RTF_OBFUSCATION)) << std::get<std::vector<std::string>>(
      ctx.facts.count("obfuscation") ? ctx.facts.at("obfuscation")
                                     : FactValue(std::vector<std::string>{""}))[0];
  const std::string text = ctx.all_text(TextKind::kDocument);
  EXPECT_NE(text.find("Rich Text Format"), std::string::npos);
  EXPECT_EQ(text.find("Times New Roman CE"), std::string::npos);  // font table skipped
  EXPECT_EQ(text.find("Times New Roman Greek"), std::string::npos);
  // Its many HYPERLINK \\l bookmark fields are no links; one real URL is.
  ASSERT_EQ(ctx.links.size(), 1u);
  EXPECT_EQ(ctx.links[0].href, "http://www.microsoft.com/downloads/search.asp");
  EXPECT_EQ(ctx.str("author"), "Microsoft Corporation");
  EXPECT_EQ(ctx.str("creatim"), "2003-02-26T19:22");
  EXPECT_LT(ms, 5000);
}

}  // namespace
}  // namespace lg
