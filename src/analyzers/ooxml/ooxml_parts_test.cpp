// OoxmlAnalyzer on damaged packages and on the Excel and PowerPoint parts: DDE links, macro
// sheets, ActiveX, ribbon callbacks, shared strings and slides; the OPC helpers; and the
// whole engine with this analyzer wired in.
#include <gtest/gtest.h>

#include <memory>
#include <set>

#include "analyzers/ooxml/ooxml_analyzer.h"
#include "analyzers/ooxml/ooxml_fixture.h"
#include "analyzers/ooxml/opc_package.h"
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

Docx remote_template_docx() {
  Docx d("<w:p><w:r><w:t>Please enable editing</w:t></w:r></w:p>");
  d.add("word/_rels/settings.xml.rels",
        rels_xml({{"rId1", "attachedTemplate", "https://example.test/t.dotm", true}}));
  return d;
}

TEST(OoxmlParts, TruncatedCentralDirectoryStillRead) {
  Bytes b = remote_template_docx().build();
  // Cut the archive inside its central directory: the EOCD record and the last central
  // headers are gone, so the walker falls back on the local headers.
  const std::size_t cut = b.size() - 60;
  b.resize(cut);
  Status st;
  RecordingContext ctx = run(b, &st);
  EXPECT_TRUE(st.is_ok()) << st.to_string();
  EXPECT_TRUE(ctx.has(Symbol::OOXML_REMOTE_TEMPLATE));
  EXPECT_FALSE(ctx.anomalies.empty());
  EXPECT_EQ(ctx.all_text(TextKind::kDocument), "Please enable editing");
}

TEST(OoxmlParts, NoCentralDirectoryAtAll) {
  RecordingContext ctx = run(remote_template_docx().build(false));
  EXPECT_TRUE(ctx.has(Symbol::OOXML_REMOTE_TEMPLATE));
  EXPECT_EQ(ctx.num("parts"), 5);
}

TEST(OoxmlParts, GarbageIsMalformedNotACrash) {
  Status st;
  RecordingContext ctx = run(to_bytes("PK\x03\x04 this is not a zip"), &st);
  EXPECT_FALSE(st.is_ok());
  EXPECT_TRUE(ctx.findings.empty());
}

TEST(OoxmlParts, BrokenXmlPartsAreAnomalies) {
  Docx d;
  d.parts[1].second = "<w:document><w:body><w:p><w:r><w:t>cut";  // document.xml
  d.add("word/_rels/document.xml.rels", "<Relationships><Relationship Id=");
  Status st;
  RecordingContext ctx = run(d.build(), &st);
  EXPECT_TRUE(st.is_ok());
  EXPECT_TRUE(ctx.findings.empty());
  bool rels_anomaly = false;
  for (const auto& a : ctx.anomalies)
    rels_anomaly |= a.find("document.xml.rels") != std::string::npos;
  EXPECT_TRUE(rels_anomaly);
  // pugixml keeps what it read before the error.
  EXPECT_EQ(ctx.all_text(TextKind::kDocument), "cut");
}

// Part names and XML text are untrusted bytes: what goes out is well-formed UTF-8 (the
// fuzzer found an embedding name with a stray 0xFF byte).
TEST(OoxmlParts, IllFormedUtf8IsRepaired) {
  Docx d("<w:p><w:r><w:t>bad \xFF\xFE byte</w:t></w:r></w:p>");
  d.add("word/embeddings/ole\xFFObject1.bin", "ole");
  d.add("word/_rels/document.xml.rels",
        rels_xml({{"rId1", "hyperlink", "https://example.test/\xC3", true}}));
  RecordingContext ctx = run(d.build());
  ASSERT_EQ(ctx.children.size(), 1u);
  EXPECT_EQ(ctx.children[0].info.name, "ole\xEF\xBF\xBDObject1.bin");
  EXPECT_EQ(ctx.all_text(TextKind::kDocument), "bad \xEF\xBF\xBD\xEF\xBF\xBD byte");
  ASSERT_EQ(ctx.links.size(), 1u);
  EXPECT_EQ(ctx.links[0].href, "https://example.test/\xEF\xBF\xBD");
}

// Deep nesting is walked without recursion (a recursive walk would exhaust the stack here).
TEST(OoxmlParts, DeeplyNestedXmlIsWalkedIteratively) {
  constexpr int kDepth = 200'000;
  std::string body;
  for (int i = 0; i < kDepth; ++i) body += "<w:p>";
  body +=
      "<w:r><w:fldChar w:fldCharType=\"begin\"/><w:instrText>DDEAUTO deep</w:instrText>"
      "<w:t>bottom</w:t></w:r>";
  for (int i = 0; i < kDepth; ++i) body += "</w:p>";
  Status st;
  RecordingContext ctx = run(Docx(body).build(), &st);
  EXPECT_TRUE(st.is_ok()) << st.to_string();
  EXPECT_TRUE(ctx.has(Symbol::DDE_COMMAND));
  EXPECT_EQ(ctx.all_text(TextKind::kDocument), "bottom");
}

Docx workbook() {
  Docx d;
  d.parts.clear();
  d.main_type = "application/vnd.ms-excel.sheet.macroEnabled.main+xml";
  d.parts.emplace_back("_rels/.rels", rels_xml({{"rId1", "officeDocument", "xl/workbook.xml"}}));
  d.extra_overrides =
      "<Override PartName=\"/xl/workbook.xml\" "
      "ContentType=\"application/vnd.ms-excel.sheet.macroEnabled.main+xml\"/>"
      "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/"
      "vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>"
      "<Override PartName=\"/xl/externalLinks/externalLink1.xml\" ContentType=\"application/"
      "vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml\"/>"
      "<Override PartName=\"/xl/macrosheets/sheet1.xml\" "
      "ContentType=\"application/vnd.ms-excel.macrosheet+xml\"/>";
  d.add("xl/workbook.xml", "<workbook/>");
  d.add("xl/sharedStrings.xml",
        "<sst xmlns=\"s\"><si><t>Wallet</t></si><si><r><t>Seed </t></r><r><t>phrase</t></r></si>"
        "</sst>");
  d.add("xl/externalLinks/externalLink1.xml",
        "<externalLink xmlns=\"s\"><ddeLink ddeService=\"cmd\" ddeTopic=\"/c calc.exe\">"
        "<ddeItems><ddeItem name=\"_xlbgnm.A1\"/></ddeItems></ddeLink></externalLink>");
  d.add("xl/macrosheets/sheet1.xml", "<xm:macrosheet xmlns:xm=\"m\"/>");
  d.add("xl/activeX/activeX1.xml",
        "<ax:ocx xmlns:ax=\"a\" ax:classid=\"{d27cdb6e-ae6d-11cf-96b8-444553540000}\"/>");
  d.extra_overrides +=
      "<Override PartName=\"/xl/activeX/activeX1.xml\" "
      "ContentType=\"application/vnd.ms-office.activeX+xml\"/>";
  d.add("customUI/customUI.xml",
        "<customUI xmlns=\"c\" onLoad=\"Ribbon_Load\"><ribbon><tabs><tab id=\"t\">"
        "<button id=\"b\" onAction=\"Go\" label=\"x\"/></tab></tabs></ribbon></customUI>");
  return d;
}

TEST(OoxmlParts, ExcelDdeMacroSheetActiveXAndRibbon) {
  RecordingContext ctx = run(workbook().build());
  EXPECT_EQ(ctx.str("content_type"), "application/vnd.ms-excel.sheet.macroenabled.main+xml");
  EXPECT_EQ(ctx.all_text(TextKind::kDocument), "Wallet\nSeed phrase");
  ASSERT_TRUE(ctx.has(Symbol::DDE_COMMAND));
  for (const auto& f : ctx.findings) {
    if (f.symbol == Symbol::DDE_COMMAND) {
      EXPECT_EQ(f.evidence.value, "cmd /c calc.exe");
    }
    if (f.symbol == Symbol::OFFICE_ACTIVEX) {
      EXPECT_EQ(f.evidence.value, "D27CDB6E-AE6D-11CF-96B8-444553540000");
      EXPECT_EQ(f.evidence.detail, "Flash ActiveX control embedded");
    }
    if (f.symbol == Symbol::OOXML_CUSTOMUI_CALLBACK) {
      EXPECT_EQ(f.evidence.value, "onLoad=Ribbon_Load");
    }
  }
  EXPECT_TRUE(ctx.has(Symbol::XLM_MACRO_SHEET));
  EXPECT_TRUE(ctx.has(Symbol::OFFICE_ACTIVEX));
  EXPECT_TRUE(ctx.has(Symbol::OOXML_CUSTOMUI_CALLBACK));
  const auto& cbs = std::get<std::vector<std::string>>(ctx.facts.at("customui_callbacks"));
  EXPECT_EQ(cbs, (std::vector<std::string>{"onLoad=Ribbon_Load", "onAction=Go"}));
}

TEST(OoxmlParts, PowerpointSlidesAndNotesAreText) {
  Docx d;
  d.parts.clear();
  d.parts.emplace_back("_rels/.rels",
                       rels_xml({{"rId1", "officeDocument", "ppt/presentation.xml"}}));
  d.main_type = "application/xml";
  d.extra_overrides =
      "<Override PartName=\"/ppt/slides/slide1.xml\" ContentType=\"application/"
      "vnd.openxmlformats-officedocument.presentationml.slide+xml\"/>"
      "<Override PartName=\"/ppt/notesSlides/notesSlide1.xml\" ContentType=\"application/"
      "vnd.openxmlformats-officedocument.presentationml.notesSlide+xml\"/>";
  d.add("ppt/presentation.xml", "<p:presentation xmlns:p=\"p\"/>");
  d.add("ppt/slides/slide1.xml",
        "<p:sld xmlns:p=\"p\" xmlns:a=\"a\"><a:p><a:r><a:t>Token sale</a:t></a:r></a:p></p:sld>");
  d.add("ppt/notesSlides/notesSlide1.xml",
        "<p:notes xmlns:p=\"p\" xmlns:a=\"a\"><a:p><a:r><a:t>Speaker note</a:t></a:r></a:p>"
        "</p:notes>");
  RecordingContext ctx = run(d.build());
  EXPECT_EQ(ctx.all_text(TextKind::kDocument), "Token sale\nSpeaker note");
}

TEST(OoxmlParts, RelationshipNamesAndTargets) {
  using ooxml::Package;
  EXPECT_EQ(Package::rels_source("word/_rels/document.xml.rels").value(), "word/document.xml");
  EXPECT_EQ(Package::rels_source("_rels/.rels").value(), "");
  EXPECT_FALSE(Package::rels_source("word/document.xml").has_value());
  EXPECT_FALSE(Package::rels_source("word/x.rels").has_value());
  EXPECT_EQ(ooxml::resolve_target("word/document.xml", "media/Image1.png"),
            "word/media/image1.png");
  EXPECT_EQ(ooxml::resolve_target("xl/worksheets/sheet1.xml", "../drawings/drawing1.xml"),
            "xl/drawings/drawing1.xml");
  EXPECT_EQ(ooxml::resolve_target("word/document.xml", "/customXml/item1.xml"),
            "customxml/item1.xml");
  EXPECT_EQ(ooxml::resolve_target("", "../../../../x.xml"), "x.xml");
}

// End to end: the engine identifies the package, this analyzer finds the remote template,
// the template URL becomes an observable and the VBA project a child object.
TEST(OoxmlParts, ThroughTheEngine) {
  Docx d = remote_template_docx();
  d.add("word/vbaProject.bin", "not really a compound file");
  const Bytes bytes = d.build();
  ASSERT_EQ(identify(bytes), FileType::kOoxmlWord);
  Config config = default_config();
  TextScanner scanner;
  Report report;
  Scan scan(config, scanner, report, [](FileType t) -> std::unique_ptr<Analyzer> {
    if (t == FileType::kOoxmlWord || t == FileType::kOoxmlExcel ||
        t == FileType::kOoxmlPowerpoint) {
      return std::make_unique<OoxmlAnalyzer>();
    }
    return make_analyzer(t);
  });
  scan.run("Job Description.docx", bytes);
  ASSERT_EQ(report.objects.size(), 2u);
  EXPECT_EQ(report.objects[0].type, "ooxml_word");
  EXPECT_EQ(report.objects[1].relation, "vba_project");
  std::set<std::string> symbols;
  for (const auto& f : report.findings) symbols.insert(f.symbol);
  EXPECT_TRUE(symbols.count("OOXML_REMOTE_TEMPLATE"));
  bool url = false;
  for (const auto& u : report.observables.urls) url |= u.host == "example.test";
  EXPECT_TRUE(url);
}

}  // namespace
}  // namespace lg
