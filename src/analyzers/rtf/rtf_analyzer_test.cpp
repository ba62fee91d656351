// RtfAnalyzer on documents written by the test (rtf_fixture.h): exploit objects, remote
// templates, DDE and hyperlink fields, obfuscated \objdata, 100,000 nested braces, a truncated
// file, Japanese text, \info facts, and an end-to-end run through lg::Scan.
#include "analyzers/rtf/rtf_analyzer.h"

#include <gtest/gtest.h>

#include "analyzers/rtf/rtf_document.h"
#include "analyzers/rtf/rtf_fixture.h"
#include "core/file_type.h"
#include "core/hash.h"
#include "core/testing/recording_context.h"
#include "core/utf8.h"
#include "engine/testing/scan_testing.h"

namespace lg {
namespace {

using lg::testing::RecordingContext;
using namespace lg::rtf::testing;  // NOLINT: fixture builders

RecordingContext run(const std::string& bytes, Status* status = nullptr) {
  RecordingContext ctx;
  RtfAnalyzer a;
  Status s = a.analyze(as_bytes(bytes), ctx);
  if (status) *status = s;
  return ctx;
}

const RecordingContext::Finding* find(const RecordingContext& ctx, Symbol s) {
  for (const auto& f : ctx.findings) {
    if (f.symbol == s) return &f;
  }
  return nullptr;
}

std::vector<std::string> strings(const RecordingContext& ctx, const std::string& key) {
  auto it = ctx.facts.find(key);
  if (it == ctx.facts.end()) return {};
  if (auto* v = std::get_if<std::vector<std::string>>(&it->second)) return *v;
  return {};
}

TEST(RtfAnalyzer, EquationEditorObjectByClassAndClsid) {
  const std::string cfb = compound_file_with_clsid(kEquationClsid);
  RecordingContext ctx = run(rtf_with_object("Equation.3", hex(ole1_embedded("Equation.3", cfb))));
  const auto* f = find(ctx, Symbol::RTF_EXPLOIT_CLSID);
  ASSERT_NE(f, nullptr);
  EXPECT_NE(f->evidence.detail.find("CVE-2017-11882"), std::string::npos);
  EXPECT_TRUE(ctx.has(Symbol::RTF_OLE_OBJECT));
  EXPECT_EQ(strings(ctx, "object_clsids"),
            std::vector<std::string>{"{0002CE02-0000-0000-C000-000000000046}"});
  ASSERT_EQ(ctx.children.size(), 1u);
  EXPECT_EQ(ctx.children[0].info.relation, "embedded");
  EXPECT_EQ(std::string(as_chars(ctx.children[0].data)), cfb);
  EXPECT_FALSE(ctx.has(Symbol::RTF_OBFUSCATION)) << strings(ctx, "obfuscation").front();
  EXPECT_EQ(ctx.all_text(TextKind::kDocument), "Before  After\n");
}

TEST(RtfAnalyzer, ExploitClsidUnderAnInnocentClassName) {
  const std::string cfb = compound_file_with_clsid(kEquationClsid);
  RecordingContext ctx =
      run(rtf_with_object("Word.Document.8", hex(ole1_embedded("Word.Document.8", cfb))));
  const auto* f = find(ctx, Symbol::RTF_EXPLOIT_CLSID);
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->evidence.value, "{0002CE02-0000-0000-C000-000000000046}");
}

TEST(RtfAnalyzer, BenignWordObjectIsOnlyAnObject) {
  const std::string cfb = compound_file_with_clsid(kWordClsid);
  RecordingContext ctx =
      run(rtf_with_object("Word.Document.8", hex(ole1_embedded("Word.Document.8", cfb))));
  EXPECT_TRUE(ctx.has(Symbol::RTF_OLE_OBJECT));
  EXPECT_FALSE(ctx.has(Symbol::RTF_EXPLOIT_CLSID));
  EXPECT_EQ(ctx.children.size(), 1u);
}

TEST(RtfAnalyzer, Ole2LinkObject) {
  const std::string cfb = compound_file_with_clsid(kOle2LinkClsid);
  RecordingContext ctx =
      run(rtf_with_object("Word.Document.8", hex(ole1_embedded("OLE2Link", cfb))));
  const auto* f = find(ctx, Symbol::RTF_EXPLOIT_CLSID);
  ASSERT_NE(f, nullptr);
  EXPECT_NE(f->evidence.detail.find("CVE-2017-0199"), std::string::npos);
  EXPECT_EQ(strings(ctx, "objects"), std::vector<std::string>{"OLE2Link"});
}

// [MS-OLEDS] 2.2.6 LinkedObject: the topic names the link source, fetched on update.
TEST(RtfAnalyzer, LinkedObjectSourceIsALink) {
  std::string obj;
  put_u32(obj, 0x00000501);
  put_u32(obj, 1);
  put_lp(obj, "Word.Document.8");
  put_lp(obj, "http://198.51.100.7/doc/template.rtf");
  put_lp(obj, "");
  RecordingContext ctx = run("{\\rtf1{\\object\\objautlink{\\*\\objdata " + hex(obj) + "}}}");
  EXPECT_TRUE(ctx.has(Symbol::RTF_OLE_OBJECT));
  EXPECT_EQ(ctx.str("linked_object"), "http://198.51.100.7/doc/template.rtf");
  ASSERT_EQ(ctx.links.size(), 1u);
  EXPECT_EQ(ctx.links[0].href, "http://198.51.100.7/doc/template.rtf");
  EXPECT_TRUE(ctx.children.empty());
}

TEST(RtfAnalyzer, ThreeObjectsThreeChildren) {
  std::string doc = "{\\rtf1 ";
  for (const char* name : {"a.vbs", "b.lnk", "c.hta"}) {
    const std::string obj = ole1_embedded("Package", package_native(name, name, name));
    doc += "{\\object\\objemb{\\*\\objclass Package}{\\*\\objdata " + hex(obj) + "}}";
  }
  RecordingContext ctx = run(doc + "}");
  ASSERT_EQ(ctx.children.size(), 3u);
  EXPECT_EQ(ctx.children[1].info.name, "b.lnk");
  EXPECT_EQ(std::string(as_chars(ctx.children[2].data)), "c.hta");
  EXPECT_EQ(strings(ctx, "objects").size(), 3u);
}

TEST(RtfAnalyzer, ManyObjdataGroupsAreCapped) {
  std::string doc = "{\\rtf1{\\object";
  for (int i = 0; i < 5000; ++i) doc += "{\\*\\objdata 4142}";
  RecordingContext ctx = run(doc + "}}");
  EXPECT_EQ(ctx.children.size(), rtf::Document::kMaxObjects);
  EXPECT_LE(ctx.findings.size(), rtf::Document::kMaxObjects + 2);
  EXPECT_FALSE(ctx.anomalies.empty());
}

TEST(RtfAnalyzer, RemoteTemplate) {
  RecordingContext ctx =
      run("{\\rtf1\\ansi{\\*\\template https://docs-share.example/offer.dotm}Hello}");
  const auto* f = find(ctx, Symbol::RTF_REMOTE_TEMPLATE);
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->evidence.value, "https://docs-share.example/offer.dotm");
  ASSERT_EQ(ctx.links.size(), 1u);
  EXPECT_EQ(ctx.all_text(TextKind::kDocument), "Hello");
  RecordingContext unc = run("{\\rtf1{\\*\\template \\\\\\\\10.0.0.5\\\\share\\\\t.dot}}");
  ASSERT_TRUE(unc.has(Symbol::RTF_REMOTE_TEMPLATE));
  EXPECT_EQ(unc.str("template"), "\\\\10.0.0.5\\share\\t.dot");
  RecordingContext local = run("{\\rtf1{\\*\\template C:\\\\Templates\\\\Normal.dotm}}");
  EXPECT_FALSE(local.has(Symbol::RTF_REMOTE_TEMPLATE));
  EXPECT_EQ(local.str("template"), "C:\\Templates\\Normal.dotm");
}

TEST(RtfAnalyzer, DdeAutoFieldSplitAcrossGroups) {
  RecordingContext ctx =
      run("{\\rtf1{\\field{\\*\\fldinst {\\rtlch DDE}{AUTO c:\\\\windows\\\\system32\\\\cmd.exe "
          "\"/k powershell -w hidden\"}}{\\fldrslt {update}}}}");
  const auto* f = find(ctx, Symbol::DDE_COMMAND);
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->evidence.value,
            "DDEAUTO c:\\windows\\system32\\cmd.exe \"/k powershell -w hidden\"");
  EXPECT_NE(ctx.all_text(TextKind::kArguments).find("powershell"), std::string::npos);
  EXPECT_EQ(ctx.all_text(TextKind::kDocument), "update");
}

TEST(RtfAnalyzer, LongDdeEvidenceIsClippedOnACharacterBoundary) {
  std::string doc = "{\\rtf1{\\field{\\*\\fldinst DDEAUTO cmd /c echo x";
  for (int i = 0; i < 700; ++i) doc += "\\u37319?";  // 郇, three UTF-8 bytes each
  RecordingContext ctx = run(doc + "}}}");
  const auto* f = find(ctx, Symbol::DDE_COMMAND);
  ASSERT_NE(f, nullptr);
  EXPECT_LE(f->evidence.value.size(), 1024u);
  EXPECT_GT(f->evidence.value.size(), 1000u);
  EXPECT_TRUE(is_valid_utf8(f->evidence.value));
}

TEST(RtfAnalyzer, HyperlinkFieldGivesLinkWithVisibleText) {
  RecordingContext ctx =
      run("{\\rtf1{\\field{\\*\\fldinst HYPERLINK \"https://binance-careers.example/apply\"}"
          "{\\fldrslt {\\ul https://www.binance.com/careers}}}}");
  ASSERT_EQ(ctx.links.size(), 1u);
  EXPECT_EQ(ctx.links[0].href, "https://binance-careers.example/apply");
  EXPECT_EQ(ctx.links[0].visible, "https://www.binance.com/careers");
  EXPECT_FALSE(ctx.has(Symbol::DDE_COMMAND));
}

TEST(RtfAnalyzer, HundredThousandNestedBraces) {
  const std::size_t n = 100000;
  const std::string doc = "{\\rtf1 " + std::string(n, '{') + "deep" + std::string(n, '}') + "}";
  Status st;
  RecordingContext ctx = run(doc, &st);
  EXPECT_TRUE(st.is_ok());
  EXPECT_EQ(ctx.num("max_group_depth"), static_cast<std::int64_t>(n + 1));
  EXPECT_TRUE(ctx.has(Symbol::RTF_OBFUSCATION));
  EXPECT_EQ(ctx.all_text(TextKind::kDocument), "deep");
  EXPECT_TRUE(ctx.anomalies.empty());
}

TEST(RtfAnalyzer, ObjdataWithJunkBetweenHexDigits) {
  const std::string payload = "MZ\x90\x00 this is the dropped program";
  const std::string obj =
      ole1_embedded("Package", package_native("cv.exe", "C:\\t\\cv.exe", payload));
  // Spaces, line breaks, non-hex letters, \'hh, control words and an empty {\*} group.
  const std::string junky = hex(obj, " \r\n zz\\'41\\fnil {\\*} ", 7);
  RecordingContext ctx = run(rtf_with_object("Package", junky));
  ASSERT_EQ(ctx.children.size(), 1u);
  EXPECT_EQ(ctx.children[0].info.relation, "package");
  EXPECT_EQ(ctx.children[0].info.name, "cv.exe");
  EXPECT_EQ(std::string(as_chars(ctx.children[0].data)), payload);
  EXPECT_EQ(ctx.str("package_source_path"), "C:\\t\\cv.exe");
  const auto* f = find(ctx, Symbol::RTF_OBFUSCATION);
  ASSERT_NE(f, nullptr);
  EXPECT_NE(f->evidence.value.find("inside \\objdata"), std::string::npos);
}

TEST(RtfAnalyzer, BinDataInsideObjdata) {
  const std::string obj =
      ole1_embedded("Package", package_native("a.js", "a.js", "WScript.Echo(1)"));
  const std::string doc = "{\\rtf1{\\object{\\*\\objdata " + hex(obj.substr(0, 10)) + "\\bin" +
                          std::to_string(obj.size() - 10) + " " + obj.substr(10) + "}}}";
  RecordingContext ctx = run(doc);
  ASSERT_EQ(ctx.children.size(), 1u);
  EXPECT_EQ(std::string(as_chars(ctx.children[0].data)), "WScript.Echo(1)");
  EXPECT_TRUE(ctx.has(Symbol::RTF_OBFUSCATION));
}

TEST(RtfAnalyzer, TruncatedFileStillReportsTheObject) {
  const std::string payload(3000, 'P');
  const std::string obj = ole1_embedded("Package", package_native("p.bat", "p.bat", payload));
  std::string doc = rtf_with_object("Package", hex(obj));
  doc.resize(doc.size() / 2);
  Status st;
  RecordingContext ctx = run(doc, &st);
  EXPECT_TRUE(st.is_ok());
  EXPECT_TRUE(ctx.has(Symbol::RTF_OLE_OBJECT));
  ASSERT_EQ(ctx.children.size(), 1u);
  EXPECT_GT(ctx.children[0].data.size(), 1000u);
  EXPECT_LT(ctx.children[0].data.size(), payload.size());
  bool open_groups = false;
  for (const auto& a : ctx.anomalies) open_groups |= a.find("groups open") != std::string::npos;
  EXPECT_TRUE(open_groups);
  for (std::size_t cut : {1u, 3u, 4u, 6u, 20u}) {
    Status s;
    run(doc.substr(0, cut), &s);
    EXPECT_TRUE(cut < 4 ? !s.is_ok() : s.is_ok()) << cut;  // "{\\rt" is the least
  }
}

TEST(RtfAnalyzer, JapaneseShiftJisAndUnicodeEscapes) {
  // 日本語 in code page 932, then 採用 as \u with one-byte (\uc1) and two-byte (\uc2)
  // fallbacks that must be skipped, and a surrogate pair (U+20BB7 𠮷).
  RecordingContext ctx =
      run("{\\rtf1\\ansi\\ansicpg932{\\fonttbl{\\f0\\fnil\\fcharset128 MS Mincho;}}"
          "\\f0 \\'93\\'fa\\'96\\'7b\\'8c\\'ea\\uc1\\u25505?{\\uc2\\u29992\\'97\\'70}"
          "\\u-10174?\\u-8265?\\par}");
  EXPECT_EQ(ctx.all_text(TextKind::kDocument), "日本語採用\xF0\xA0\xAE\xB7\n");
  EXPECT_EQ(ctx.num("code_page"), 932);
}

// WordPad writes Korean under \ansicpg1252 with a \fcharset129 font: the font's code page
// (CP949) decodes the \'hh bytes, and the Western font's text stays windows-1252.
TEST(RtfAnalyzer, FontCharsetDecidesTheCodePage) {
  RecordingContext ctx = run(
      "{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0\\fnil\\fcharset0 Calibri;}"
      "{\\f1\\fnil\\fcharset129 \\'b8\\'bc\\'c0\\'ba \\'b0\\'ed\\'b5\\'f1;}}"
      "\\f1\\'c3\\'a4\\'bf\\'eb {\\f0 caf\\'e9} \\'c0\\'cc\\'b7\\'c2\\'bc\\'ad\\f0  na\\'efve}");
  EXPECT_EQ(ctx.all_text(TextKind::kDocument), "채용 café 이력서 naïve");
}

TEST(RtfAnalyzer, InfoFieldsAreFactsNotText) {
  RecordingContext ctx =
      run("{\\rtf1{\\info{\\title Blockchain developer offer}{\\author Kim}{\\operator Lee}"
          "{\\creatim\\yr2024\\mo3\\dy5\\hr10\\min7}}{\\*\\generator Riched20 10.0;}Body}");
  EXPECT_EQ(ctx.str("title"), "Blockchain developer offer");
  EXPECT_EQ(ctx.str("author"), "Kim");
  EXPECT_EQ(ctx.str("operator"), "Lee");
  EXPECT_EQ(ctx.str("creatim"), "2024-03-05T10:07");
  EXPECT_EQ(ctx.str("generator"), "Riched20 10.0");
  const std::string text = ctx.all_text(TextKind::kDocument);
  EXPECT_NE(text.find("Body"), std::string::npos);
  EXPECT_EQ(text.find("Kim"), std::string::npos);
}

TEST(RtfAnalyzer, NotRtfIsAnError) {
  Status st;
  run("PK\x03\x04 not rtf", &st);
  EXPECT_FALSE(st.is_ok());
}

// End to end: the engine runs RtfAnalyzer on clam.exe.rtf and identifies the Package payload
// as a program, byte for byte clam.exe.
TEST(RtfAnalyzer, ThroughTheEngineClamExe) {
  const std::string rtf = lg::testing::read_file("/usr/share/clamav-testfiles/clam.exe.rtf");
  const std::string exe = lg::testing::read_file("/usr/share/clamav-testfiles/clam.exe");
  ASSERT_FALSE(rtf.empty());
  ASSERT_EQ(identify(as_bytes(rtf)), FileType::kRtf);
  const Report report = lg::testing::scan_bytes("clam.exe.rtf", rtf);
  ASSERT_GE(report.objects.size(), 2u);
  EXPECT_EQ(report.objects[0].type, "rtf");
  bool found = false;
  for (const auto& o : report.objects) {
    if (o.parent == 0 && o.sha256 == sha256_hex(as_bytes(exe))) {
      found = true;
      EXPECT_EQ(o.relation, "package");
      EXPECT_EQ(o.type, "pe");
    }
  }
  EXPECT_TRUE(found);
  EXPECT_NE(lg::testing::find_symbol(report, "RTF_OLE_OBJECT"), nullptr);
  EXPECT_NE(lg::testing::find_symbol(report, "EXECUTABLE_ATTACHMENT"), nullptr);
}

}  // namespace
}  // namespace lg
