// OoxmlAnalyzer on packages written by the test (ooxml_fixture.h): remote templates, external
// OLE objects, DDE split over runs, a macro-enabled document's VBA project, a damaged archive,
// and an end-to-end run through lg::Scan.
#include "analyzers/ooxml/ooxml_analyzer.h"

#include <gtest/gtest.h>

#include <memory>
#include <set>

#include "analyzers/ooxml/ooxml_fixture.h"
#include "analyzers/ooxml/relationship_findings.h"
#include "core/file_type.h"
#include "core/testing/recording_context.h"
#include "engine/config.h"
#include "engine/scan.h"

namespace lg {
namespace {

using lg::testing::RecordingContext;
using ooxml::testing::Docx;
using ooxml::testing::rels_xml;

RecordingContext run(const Bytes& bytes, Status* status = nullptr) {
  RecordingContext ctx;
  OoxmlAnalyzer a;
  Status s = a.analyze(bytes, ctx);
  if (status) *status = s;
  return ctx;
}

std::vector<const RecordingContext::Finding*> all(const RecordingContext& ctx, Symbol s) {
  std::vector<const RecordingContext::Finding*> out;
  for (const auto& f : ctx.findings) {
    if (f.symbol == s) out.push_back(&f);
  }
  return out;
}

std::vector<std::string> strings(const RecordingContext& ctx, const std::string& key) {
  auto it = ctx.facts.find(key);
  if (it == ctx.facts.end()) return {};
  return std::get<std::vector<std::string>>(it->second);
}

TEST(OoxmlAnalyzer, PlainDocumentHasFactsTextAndNoFindings) {
  Docx d(
      "<w:p><w:r><w:t>Senior Blockchain</w:t></w:r><w:r><w:t xml:space=\"preserve\"> "
      "Engineer</w:t></w:r></w:p><w:p><w:r><w:t>Salary</w:t><w:tab/><w:t>$250k</w:t></w:r>"
      "</w:p>");
  Status st;
  RecordingContext ctx = run(d.build(), &st);
  EXPECT_TRUE(st.is_ok()) << st.to_string();
  EXPECT_TRUE(ctx.findings.empty()) << ctx.findings.front().evidence.detail;
  EXPECT_TRUE(ctx.anomalies.empty()) << ctx.anomalies.front();
  EXPECT_TRUE(ctx.children.empty());
  EXPECT_EQ(ctx.all_text(TextKind::kDocument), "Senior Blockchain Engineer\nSalary\t$250k");
  EXPECT_EQ(ctx.str("content_type"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml");
  EXPECT_EQ(ctx.num("parts"), 4);
  EXPECT_EQ(ctx.str("creator"), "Recruiter");
  EXPECT_EQ(ctx.str("last_modified_by"), "HR Team");
  EXPECT_EQ(ctx.str("title"), "Job Description");
  EXPECT_EQ(ctx.str("created"), "2024-01-02T03:04:05Z");
}

TEST(OoxmlAnalyzer, RemoteTemplatesHttpsAndUnc) {
  Docx d;
  d.add("word/_rels/settings.xml.rels",
        rels_xml({{"rId1", "attachedTemplate", "https://example.test/t.dotm", true},
                  {"rId2", "attachedTemplate", "\\\\10.0.0.1\\share\\t.dotm", true}}));
  d.add("word/settings.xml",
        "<w:settings xmlns:w=\"x\"><w:attachedTemplate r:id=\"rId1\" "
        "xmlns:r=\"y\"/></w:settings>");
  RecordingContext ctx = run(d.build());
  auto found = all(ctx, Symbol::OOXML_REMOTE_TEMPLATE);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0]->evidence.value, "https://example.test/t.dotm");
  EXPECT_EQ(found[1]->evidence.value, "\\\\10.0.0.1\\share\\t.dotm");
  EXPECT_NE(found[0]->evidence.detail.find("word/settings.xml"), std::string::npos)
      << found[0]->evidence.detail;
  ASSERT_EQ(ctx.links.size(), 2u);
  EXPECT_EQ(ctx.links[0].href, "https://example.test/t.dotm");
  EXPECT_EQ(ctx.links[1].href, "\\\\10.0.0.1\\share\\t.dotm");
  EXPECT_EQ(strings(ctx, "external_targets").size(), 2u);
}

TEST(OoxmlAnalyzer, LocalTemplateIsOnlyALink) {
  Docx d;
  d.add("word/_rels/settings.xml.rels",
        rels_xml({{"rId1", "attachedTemplate",
                   "file:///C:\\Users\\hr\\AppData\\Roaming\\Microsoft\\Templates\\Normal.dotm",
                   true}}));
  RecordingContext ctx = run(d.build());
  EXPECT_FALSE(ctx.has(Symbol::OOXML_REMOTE_TEMPLATE));
  EXPECT_TRUE(ctx.has(Symbol::OOXML_EXTERNAL_LINK));
}

TEST(OoxmlAnalyzer, TemplateTargetClassification) {
  using ooxml::classify_template_target;
  using ooxml::TemplateKind;
  EXPECT_EQ(classify_template_target("HTTP://x.test/a.dotm"), TemplateKind::kRemote);
  EXPECT_EQ(classify_template_target("file://host/share/a.dotm"), TemplateKind::kRemote);
  EXPECT_EQ(classify_template_target("file:\\\\host\\share\\a.dotm"), TemplateKind::kRemote);
  EXPECT_EQ(classify_template_target("//host/share/a.dotm"), TemplateKind::kRemote);
  EXPECT_EQ(classify_template_target("file:///C:/Templates/Normal.dotm"), TemplateKind::kLocal);
  EXPECT_EQ(classify_template_target("C:\\Templates\\Normal.dotm"), TemplateKind::kLocal);
  EXPECT_EQ(classify_template_target("Normal.dotm"), TemplateKind::kLocal);
}

TEST(OoxmlAnalyzer, ExternalOleObjectAndHyperlink) {
  Docx d;
  d.add("word/_rels/document.xml.rels",
        rels_xml({{"rId5", "oleObject", "http://203.0.113.7/payload.doc", true},
                  {"rId6", "hyperlink", "https://careers.example.test/apply", true},
                  {"rId7", "frame", "\\\\198.51.100.2\\s\\f.html", true}}));
  RecordingContext ctx = run(d.build());
  auto ole = all(ctx, Symbol::OOXML_EXTERNAL_OLE);
  ASSERT_EQ(ole.size(), 2u);
  EXPECT_EQ(ole[0]->evidence.value, "http://203.0.113.7/payload.doc");
  EXPECT_EQ(ole[0]->evidence.detail, "external oleObject relationship in word/document.xml");
  EXPECT_EQ(ole[1]->evidence.detail, "external frame relationship in word/document.xml");
  auto links = all(ctx, Symbol::OOXML_EXTERNAL_LINK);
  ASSERT_EQ(links.size(), 1u);
  EXPECT_EQ(links[0]->evidence.value, "https://careers.example.test/apply");
  EXPECT_EQ(ctx.links.size(), 3u);
}

TEST(OoxmlAnalyzer, DdeautoSplitAcrossRuns) {
  Docx d(
      "<w:p><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
      "<w:r><w:instrText xml:space=\"preserve\"> DD</w:instrText></w:r>"
      "<w:r><w:instrText>EAUTO c:\\\\Windows\\\\System32\\\\cmd.exe \"/k </w:instrText></w:r>"
      "<w:r><w:instrText>powershell -w hidden\"</w:instrText></w:r>"
      "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>"
      "<w:r><w:t>Loading</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>"
      "<w:p><w:fldSimple w:instr=\" PAGE \"/></w:p>");
  RecordingContext ctx = run(d.build());
  auto dde = all(ctx, Symbol::DDE_COMMAND);
  ASSERT_EQ(dde.size(), 1u);
  EXPECT_EQ(dde[0]->evidence.value,
            " DDEAUTO c:\\\\Windows\\\\System32\\\\cmd.exe \"/k powershell -w hidden\"");
  EXPECT_EQ(dde[0]->evidence.detail, "DDEAUTO field in word/document.xml");
  EXPECT_NE(ctx.all_text(TextKind::kArguments).find("powershell"), std::string::npos);
  // The field result is visible text; the instruction is not.
  EXPECT_EQ(ctx.all_text(TextKind::kDocument), "Loading");
}

TEST(OoxmlAnalyzer, DdeInSimpleFieldAndNestedFields) {
  Docx d(
      "<w:p><w:fldSimple w:instr=\"dde cmd.exe /c calc\"/></w:p>"
      "<w:p><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
      "<w:r><w:instrText>IF 1 = 1 </w:instrText></w:r>"
      "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
      "<w:r><w:instrText>DDEAUTO x y</w:instrText></w:r>"
      "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
      "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>"
      // Never ended: still read.
      "<w:p><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
      "<w:r><w:instrText>DDE open</w:instrText></w:r></w:p>");
  RecordingContext ctx = run(d.build());
  auto dde = all(ctx, Symbol::DDE_COMMAND);
  ASSERT_EQ(dde.size(), 3u);
  EXPECT_EQ(dde[0]->evidence.detail, "DDE simple field in word/document.xml");
  EXPECT_EQ(dde[1]->evidence.value, "DDEAUTO x y");
  EXPECT_EQ(dde[2]->evidence.value, "DDE open");
}

// A main document whose content type is wrong still has its fields read (found through the
// package's officeDocument relationship).
TEST(OoxmlAnalyzer, MainDocumentWithoutItsContentType) {
  Docx d("<w:p><w:fldSimple w:instr=\"DDEAUTO cmd /c calc\"/></w:p>");
  d.main_type = "application/xml";
  RecordingContext ctx = run(d.build());
  EXPECT_TRUE(ctx.has(Symbol::DDE_COMMAND));
}

TEST(OoxmlAnalyzer, DocmVbaProjectBecomesChild) {
  Docx d;
  d.main_type = "application/vnd.ms-word.document.macroEnabled.main+xml";
  d.extra_overrides =
      "<Override PartName=\"/word/vbaProject.bin\" "
      "ContentType=\"application/vnd.ms-office.vbaProject\"/>";
  d.add("word/_rels/document.xml.rels",
        rels_xml({{"rId9", "http://schemas.microsoft.com/office/2006/relationships/vbaProject",
                   "vbaProject.bin"}}));
  d.add("word/vbaProject.bin", std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + "vba");
  d.add("word/media/image1.png", "\x89PNG\r\n\x1A\n not an executable");
  d.add("word/embeddings/oleObject1.bin", "ole bytes");
  d.add("word/theme/theme1.xml", "<a:theme xmlns:a=\"t\"/>");
  RecordingContext ctx = run(d.build());
  ASSERT_EQ(ctx.children.size(), 2u);
  EXPECT_EQ(ctx.children[0].info.relation, "vba_project");
  EXPECT_EQ(ctx.children[0].info.name, "vbaProject.bin");
  EXPECT_EQ(ctx.children[0].info.declared_type, "application/vnd.ms-office.vbaproject");
  EXPECT_EQ(ctx.children[0].data.size(), 11u);
  EXPECT_EQ(ctx.children[1].info.relation, "embedding");
  EXPECT_EQ(ctx.children[1].info.name, "oleObject1.bin");
  EXPECT_EQ(ctx.str("content_type"), "application/vnd.ms-word.document.macroenabled.main+xml");
}

// A PE saved as a picture (identified by content: MZ, e_lfanew, "PE\0\0") is a child; a real
// picture is not.
TEST(OoxmlAnalyzer, ExecutableMediaBecomesChild) {
  std::string pe(0x80, '\0');
  pe[0] = 'M';
  pe[1] = 'Z';
  pe[0x3C] = 0x40;
  pe.replace(0x40, 4, std::string("PE\0\0", 4));
  ASSERT_EQ(identify(as_bytes(pe)), FileType::kPe);
  Docx d;
  d.add("word/media/image1.png", "\x89PNG\r\n\x1A\n a picture");
  d.add("word/media/image2.png", pe);
  RecordingContext ctx = run(d.build());
  ASSERT_EQ(ctx.children.size(), 1u);
  EXPECT_EQ(ctx.children[0].info.relation, "media");
  EXPECT_EQ(ctx.children[0].info.name, "image2.png");
  EXPECT_EQ(ctx.children[0].data.size(), pe.size());
}

}  // namespace
}  // namespace lg
