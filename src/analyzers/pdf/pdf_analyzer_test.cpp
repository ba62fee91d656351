// PdfAnalyzer on generated files: each filter in a real document, object streams,
// incremental updates, obfuscated names, actions, embedded files, page text.
#include "analyzers/pdf/pdf_analyzer.h"

#include <gtest/gtest.h>

#include "analyzers/pdf/pdf_test_builder.h"
#include "core/testing/recording_context.h"

namespace lg {
namespace {

using testing::PdfBuilder;
using testing::RecordingContext;

RecordingContext run(const std::string& pdf) {
  RecordingContext ctx;
  PdfAnalyzer a;
  EXPECT_TRUE(a.analyze(as_bytes(pdf), ctx).is_ok());
  return ctx;
}

std::string evidence(const RecordingContext& ctx, Symbol s) {
  for (const auto& f : ctx.findings) {
    if (f.symbol == s) return f.evidence.value;
  }
  return "<none>";
}

// Catalog with /OpenAction -> object 3 (or `open_action`) and a page tree of `kids`.
PdfBuilder base(const std::string& open_action = "3 0 R", const std::string& kids = "") {
  PdfBuilder b;
  b.obj(1, "<< /Type /Catalog /Pages 2 0 R /OpenAction " + open_action + " >>");
  b.obj(2, "<< /Type /Pages /Count " + std::string(kids.empty() ? "0" : "1") + " /Kids [" + kids +
               "] >>");
  return b;
}

TEST(PdfAnalyzer, JavaScriptStreamWithFlateAndPngPredictor) {
  // A script in a stream compressed with FlateDecode and PNG "Up" rows of 8 columns.
  const std::string js = "var u = 'https://careers-coinbase.example/apply'; app.launchURL(u);";
  std::string rows;
  std::string prior(8, '\0');
  for (std::size_t i = 0; i < js.size(); i += 8) {
    std::string row = js.substr(i, 8);
    row.resize(8, ' ');
    rows += '\x02';
    for (std::size_t k = 0; k < 8; ++k) rows += static_cast<char>(row[k] - prior[k]);
    prior = row;
  }
  PdfBuilder b = base();
  b.obj(3, "<< /S /JavaScript /JS 4 0 R >>");
  b.stream(4, "/Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 8 >>",
           testing::zlib_compress(rows));
  b.finish("/Root 1 0 R /Size 5");
  RecordingContext ctx = run(b.str());
  EXPECT_NE(ctx.all_text(TextKind::kScript).find(js), std::string::npos)
      << ctx.all_text(TextKind::kScript);
  EXPECT_TRUE(ctx.has(Symbol::PDF_AUTO_JAVASCRIPT));
  EXPECT_EQ(ctx.num("streams"), 1);
  EXPECT_TRUE(ctx.anomalies.empty()) << ctx.anomalies[0];
}

TEST(PdfAnalyzer, EachFilterCarriesTheScript) {
  const std::string js = "app.alert('filtered');";
  const std::string hex = testing::hex_of(js) + ">";
  const std::string rl = std::string(1, static_cast<char>(js.size() - 1)) + js + "\x80";
  const std::string a85 = "<~87cURD]i,\"Ebo80~>";  // "Hello World!" in ASCII85
  const std::pair<std::string, std::string> cases[] = {
      {"/Filter /ASCIIHexDecode", hex},
      {"/Filter /RunLengthDecode", rl},
      {"/Filter [/ASCIIHexDecode /FlateDecode]", testing::hex_of(testing::zlib_compress(js))},
      {"/Filter /ASCII85Decode", a85},
  };
  for (const auto& [filter, data] : cases) {
    PdfBuilder b = base();
    b.obj(3, "<< /S /JavaScript /JS 4 0 R >>");
    b.stream(4, filter, data);
    b.finish("/Root 1 0 R");
    RecordingContext ctx = run(b.str());
    const std::string want = filter.find("85") != std::string::npos ? "Hello World!" : js;
    EXPECT_EQ(ctx.all_text(TextKind::kScript), want) << filter;
  }
}

TEST(PdfAnalyzer, LzwStreamWithEarlyChange) {
  // 7.4.4.2's example bytes decode to "-----A---B"; as page content they show nothing, so
  // put them in a /JS stream.
  const std::string lzw = "\x80\x0B\x60\x50\x22\x0C\x0C\x85\x01";
  PdfBuilder b = base();
  b.obj(3, "<< /S /JavaScript /JS 4 0 R >>");
  b.stream(4, "/Filter /LZWDecode /DecodeParms << /EarlyChange 1 >>", lzw);
  b.finish("/Root 1 0 R");
  EXPECT_EQ(run(b.str()).all_text(TextKind::kScript), "-----A---B");
}

TEST(PdfAnalyzer, ObjectStreamHoldsTheAction) {
  // 7.5.7: objects 3 (the action) and 5 (a URI link) live compressed in object stream 4.
  const std::string o3 = "<< /S /JavaScript /JS (this.exportDataObject\\({cName: 'a'}\\)) >>";
  const std::string o5 = "<< /S /URI /URI (https://objstm.example/x) >>";
  const std::string header = "3 0 5 " + std::to_string(o3.size() + 1) + " ";
  const std::string body = header + o3 + " " + o5;
  PdfBuilder b = base();
  b.stream(4,
           "/Type /ObjStm /N 2 /First " + std::to_string(header.size()) + " /Filter /FlateDecode",
           testing::zlib_compress(body));
  b.finish("/Root 1 0 R");
  RecordingContext ctx = run(b.str());
  EXPECT_EQ(ctx.all_text(TextKind::kScript), "this.exportDataObject({cName: 'a'})");
  EXPECT_TRUE(ctx.has(Symbol::PDF_AUTO_JAVASCRIPT));
  ASSERT_EQ(ctx.links.size(), 1u);
  EXPECT_EQ(ctx.links[0].href, "https://objstm.example/x");
  EXPECT_EQ(ctx.num("object_streams"), 1);
  EXPECT_EQ(ctx.num("objects"), 5);
}

TEST(PdfAnalyzer, IncrementalUpdateOverridesAnObject) {
  PdfBuilder b = base();
  b.obj(3, "<< /S /JavaScript /JS (app.alert\\('old'\\);) >>");
  b.finish("/Root 1 0 R /Size 4");
  b.obj(3, "<< /S /JavaScript /JS (app.alert\\('new'\\);) >>");
  b.finish("/Root 1 0 R /Size 4 /Prev 0");
  RecordingContext ctx = run(b.str());
  EXPECT_EQ(ctx.all_text(TextKind::kScript), "app.alert('new');");
  EXPECT_EQ(ctx.num("incremental_updates"), 1);
  EXPECT_EQ(ctx.num("definitions"), 4);
  EXPECT_EQ(ctx.num("objects"), 3);
}

TEST(PdfAnalyzer, HexEscapedNamesAreNormalizedAndReported) {
  PdfBuilder b;
  b.obj(1, "<< /Type /Catalog /Pages 2 0 R /#4Fpen#41ction 3 0 R >>");
  b.obj(2, "<< /Type /Pages /Count 0 /Kids [] >>");
  b.obj(3, "<< /S /J#61v#61Script /J#53 (eval\\(unescape\\('%75'\\)\\)) >>");
  b.finish("/Root 1 0 R");
  RecordingContext ctx = run(b.str());
  EXPECT_TRUE(ctx.has(Symbol::PDF_OBFUSCATED_NAMES));
  EXPECT_EQ(evidence(ctx, Symbol::PDF_OBFUSCATED_NAMES), "3 names");
  EXPECT_EQ(ctx.all_text(TextKind::kScript), "eval(unescape('%75'))");
  EXPECT_TRUE(ctx.has(Symbol::PDF_AUTO_JAVASCRIPT));
  EXPECT_EQ(ctx.str("open_action"), "JavaScript");
}

TEST(PdfAnalyzer, PlainPdfHasNoFindings) {
  PdfBuilder b = base("[4 0 R /Fit]", "4 0 R");
  b.obj(4,
        "<< /Type /Page /Parent 2 0 R /Contents 5 0 R /Resources << /Font << /F1 6 0 R >> >> >>");
  b.stream(
      5, "",
      "BT /F1 12 Tf 72 720 Td (Job description: Senior) Tj T* [(Rust ) -250 (developer)] TJ ET");
  b.obj(6, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
  b.finish("/Root 1 0 R /Size 7");
  RecordingContext ctx = run(b.str());
  EXPECT_TRUE(ctx.findings.empty()) << symbol_info(ctx.findings[0].symbol).name;
  EXPECT_EQ(ctx.str("open_action"), "GoTo");
  EXPECT_EQ(ctx.num("pages"), 1);
  EXPECT_EQ(ctx.all_text(TextKind::kDocument), "Job description: Senior\nRust  developer\n");
  EXPECT_EQ(ctx.str("version"), "1.7");
  EXPECT_TRUE(ctx.anomalies.empty()) << ctx.anomalies[0];
}

TEST(PdfAnalyzer, TextInCompositeFontsIsSkipped) {
  PdfBuilder b = base("[4 0 R /Fit]", "4 0 R");
  b.obj(4,
        "<< /Type /Page /Parent 2 0 R /Contents 5 0 R /Resources << /Font << /F1 6 0 R /F2 7 0 R "
        ">> >> >>");
  b.stream(5, "", "BT /F2 12 Tf <00410042> Tj /F1 10 Tf (visible) Tj ET");
  b.obj(6, "<< /Type /Font /Subtype /TrueType /BaseFont /Arial >>");
  b.obj(7, "<< /Type /Font /Subtype /Type0 /BaseFont /MS-Gothic /Encoding /Identity-H >>");
  b.finish("/Root 1 0 R");
  EXPECT_EQ(run(b.str()).all_text(TextKind::kDocument), "visible\n");
}

TEST(PdfAnalyzer, LaunchActionWithCommand) {
  PdfBuilder b = base();
  b.obj(3, "<< /S /Launch /Win << /F (cmd.exe) /P (/c powershell -w hidden -enc SQBFAFgA) >> >>");
  b.finish("/Root 1 0 R");
  RecordingContext ctx = run(b.str());
  EXPECT_EQ(evidence(ctx, Symbol::PDF_LAUNCH), "cmd.exe /c powershell -w hidden -enc SQBFAFgA");
  EXPECT_EQ(ctx.all_text(TextKind::kArguments), "cmd.exe /c powershell -w hidden -enc SQBFAFgA");
  EXPECT_EQ(evidence(ctx, Symbol::PDF_AUTO_ACTION), "OpenAction: Launch");
  EXPECT_FALSE(ctx.has(Symbol::PDF_AUTO_JAVASCRIPT));
}

TEST(PdfAnalyzer, SubmitFormAndUriTargets) {
  PdfBuilder b = base("[2 0 R /Fit]");
  b.obj(3,
        "<< /Type /Annot /Subtype /Widget /A << /S /SubmitForm /F << /FS /URL /F "
        "(https://collect.example/form) >> >> /AA << /PO << /S /URI /URI "
        "(\\\\\\\\10.0.0.5\\\\share) >> >> >>");
  b.finish("/Root 1 0 R");
  RecordingContext ctx = run(b.str());
  EXPECT_EQ(evidence(ctx, Symbol::PDF_SUBMIT_FORM), "https://collect.example/form");
  EXPECT_EQ(evidence(ctx, Symbol::PDF_FILE_URI), "\\\\10.0.0.5\\share");
  EXPECT_EQ(evidence(ctx, Symbol::PDF_AUTO_ACTION), "AA/PO: URI");
  ASSERT_EQ(ctx.links.size(), 2u);
}

TEST(PdfAnalyzer, EmbeddedFileWithUtf16NameAndFeatures) {
  // The /UF name is UTF-16BE with a BOM (7.9.2.2); the file is a FileAttachment annotation's.
  std::string name16 = "\xFE\xFF";
  for (char16_t c : std::u16string(u"r\u00e9sum\u00e9.pdf")) {
    name16 += static_cast<char>(c >> 8);
    name16 += static_cast<char>(c & 0xFF);
  }
  PdfBuilder b = base("[2 0 R /Fit]");
  b.obj(3, "<< /Type /Annot /Subtype /FileAttachment /FS << /Type /Filespec /F (resume.pdf) /UF <" +
               testing::hex_of(name16) + "> /EF << /F 4 0 R >> >> >>");
  b.stream(4, "/Type /EmbeddedFile /Subtype /application#2Fpdf /Filter /FlateDecode",
           testing::zlib_compress("%PDF-1.4 inner"));
  b.obj(5, "<< /Fields [] /XFA 6 0 R >>");
  b.obj(6, "<< /Subtype /RichMedia >>");
  b.stream(7, "/Type /XObject /Subtype /Image /Filter /JBIG2Decode", "jbig2");
  b.finish("/Root 1 0 R");
  RecordingContext ctx = run(b.str());
  ASSERT_EQ(ctx.children.size(), 1u);
  EXPECT_EQ(ctx.children[0].info.relation, "embedded");
  EXPECT_EQ(ctx.children[0].info.name, "r\u00e9sum\u00e9.pdf");
  EXPECT_EQ(ctx.children[0].info.declared_type, "application/pdf");
  EXPECT_EQ(std::string(ctx.children[0].data.begin(), ctx.children[0].data.end()),
            "%PDF-1.4 inner");
  EXPECT_EQ(evidence(ctx, Symbol::PDF_EMBEDDED_FILE), "r\u00e9sum\u00e9.pdf");
  EXPECT_TRUE(ctx.has(Symbol::PDF_XFA));
  EXPECT_TRUE(ctx.has(Symbol::PDF_RICHMEDIA));
  EXPECT_TRUE(ctx.has(Symbol::PDF_JBIG2));
  EXPECT_FALSE(ctx.has(Symbol::PDF_OBFUSCATED_NAMES));  // #2F is a needed escape
}

TEST(PdfAnalyzer, JavaScriptNameTree) {
  PdfBuilder b;
  b.obj(1,
        "<< /Type /Catalog /Pages 2 0 R /Names << /JavaScript << /Names [(init) 3 0 R] >> >> >>");
  b.obj(2, "<< /Type /Pages /Count 0 /Kids [] >>");
  b.obj(3, "<< /S /JavaScript /JS <FEFF0061006C006500720074002800290020D83DDE00> >>");
  b.finish("/Root 1 0 R");
  RecordingContext ctx = run(b.str());
  EXPECT_EQ(ctx.all_text(TextKind::kScript), "alert() \U0001F600");
  EXPECT_TRUE(std::get<bool>(ctx.facts.at("has_js")));
  EXPECT_FALSE(ctx.has(Symbol::PDF_AUTO_ACTION));
}

}  // namespace
}  // namespace lg
