// Malformed and hostile PDFs: broken xref, truncation, deep nesting, a Flate bomb, every
// prefix of a real file, inputs built to make a naive scanner quadratic, and a run through
// the engine (recursion into the embedded file, limits, text detectors).
#include <gtest/gtest.h>

#include <set>

#include "analyzers/pdf/pdf_analyzer.h"
#include "analyzers/pdf/pdf_test_builder.h"
#include "core/file_type.h"
#include "core/testing/recording_context.h"
#include "detect/text_scanner.h"
#include "engine/config.h"
#include "engine/scan.h"
#include "report/report.h"

namespace lg {
namespace {

using testing::PdfBuilder;
using testing::RecordingContext;

RecordingContext run(std::string_view pdf, Limits limits = {}) {
  RecordingContext ctx;
  ctx.limits_ = limits;
  PdfAnalyzer a;
  EXPECT_TRUE(a.analyze(as_bytes(pdf), ctx).is_ok());
  return ctx;
}

std::string lure() {
  PdfBuilder b;
  b.obj(1, "<< /Type /Catalog /Pages 2 0 R /OpenAction 3 0 R >>");
  b.obj(2, "<< /Type /Pages /Count 0 /Kids [] >>");
  b.obj(3, "<< /S /JavaScript /JS (app.alert\\(1\\)) >>");
  b.finish("/Root 1 0 R");
  return b.str();
}

bool has_anomaly(const RecordingContext& ctx, std::string_view part) {
  for (const auto& a : ctx.anomalies) {
    if (a.find(part) != std::string::npos) return true;
  }
  return false;
}

TEST(PdfRobustness, BrokenXrefStillFindsObjects) {
  std::string pdf = lure();
  // Point every xref entry and startxref at nonsense.
  for (std::size_t p = pdf.find("00000 n"); p != std::string::npos;
       p = pdf.find("00000 n", p + 1)) {
    pdf.replace(p - 11, 10, "0000000003");
  }
  pdf.replace(pdf.rfind("startxref\n") + 10, 1, "9");
  RecordingContext ctx = run(pdf);
  EXPECT_TRUE(ctx.has(Symbol::PDF_AUTO_JAVASCRIPT));
  EXPECT_EQ(ctx.all_text(TextKind::kScript), "app.alert(1)");
  EXPECT_TRUE(has_anomaly(ctx, "xref entries do not point"));
  EXPECT_TRUE(has_anomaly(ctx, "startxref"));
  // With no xref or trailer at all the catalog's /OpenAction is still found by scanning.
  const std::string bare = lure().substr(0, lure().find("xref"));
  RecordingContext b = run(bare);
  EXPECT_TRUE(b.has(Symbol::PDF_AUTO_JAVASCRIPT));
}

TEST(PdfRobustness, TruncatedInsideAStream) {
  PdfBuilder b;
  b.obj(1, "<< /Type /Catalog /Pages 2 0 R /OpenAction 3 0 R >>");
  b.obj(3, "<< /S /JavaScript /JS 4 0 R >>");
  b.stream(4, "/Filter /FlateDecode", testing::zlib_compress(std::string(5000, 'A') + "eval(x)"));
  const std::string full = b.str();
  RecordingContext ctx = run(std::string_view(full).substr(0, full.size() - 40));
  EXPECT_TRUE(ctx.has(Symbol::PDF_AUTO_JAVASCRIPT));
  EXPECT_TRUE(has_anomaly(ctx, "stream without endstream"));
  EXPECT_TRUE(has_anomaly(ctx, "damaged stream"));
}

TEST(PdfRobustness, DeepNestingDoesNotRecurse) {
  std::string deep = "%PDF-1.7\n1 0 obj\n";
  deep += std::string(500000, '[') + std::string(300000, '<') + "\nendobj\n";
  deep += "2 0 obj << " + std::string(200000, '<') + " >> endobj\n";
  RecordingContext ctx = run(deep);
  EXPECT_TRUE(has_anomaly(ctx, "nesting"));
  EXPECT_EQ(ctx.num("objects"), 2);
}

TEST(PdfRobustness, FlateBombEmbeddedFileIsCapped) {
  PdfBuilder b;
  b.obj(
      1,
      "<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles << /Names [(a.bin) 3 0 R] >> >> >>");
  b.obj(3, "<< /Type /Filespec /F (zeros.bin) /EF << /F 4 0 R >> >>");
  b.stream(4, "/Type /EmbeddedFile /Filter /FlateDecode",
           testing::zlib_compress(std::string(16u << 20, '\0')));
  b.finish("/Root 1 0 R");
  Limits limits;
  limits.max_object_bytes = 2u << 20;
  RecordingContext ctx = run(b.str(), limits);
  ASSERT_EQ(ctx.children.size(), 1u);
  EXPECT_EQ(ctx.children[0].info.name, "zeros.bin");
  EXPECT_EQ(ctx.children[0].data.size(), 2u << 20);
  EXPECT_TRUE(ctx.has(Symbol::LIMIT_EXCEEDED));
}

TEST(PdfRobustness, EveryPrefixOfARealFile) {
  const std::string full =
      testing::read_file(std::string(LG_SHARED_DIR) + "/corpus/pdf/starter_pack.pdf");
  ASSERT_FALSE(full.empty());
  const std::size_t js = full.find("/S /JavaScript");  // a JavaScript action from here on
  const std::size_t complete = full.find("endobj", js);
  ASSERT_NE(complete, std::string::npos);
  std::size_t with_js = 0;
  for (std::size_t n = 0; n <= full.size(); ++n) {
    RecordingContext ctx = run(std::string_view(full).substr(0, n));
    const bool found = ctx.has(Symbol::PDF_JAVASCRIPT);
    if (n <= js) {
      ASSERT_FALSE(found) << n;
    }
    if (n >= complete) {
      ASSERT_TRUE(found) << n;
      ASSERT_EQ(ctx.all_text(TextKind::kScript), "app.alert(1);") << n;
    }
    with_js += found;
  }
  EXPECT_GE(with_js, full.size() - complete);
}

TEST(PdfRobustness, AdversarialRepetitionsFinish) {
  // Each would cost a naive scanner one pass per repetition (quadratic); here each finishes
  // with the expected counts.
  auto rep = [](std::string_view unit, std::size_t n) {
    std::string s = "%PDF-1.7\n";
    for (std::size_t i = 0; i < n; ++i) s += unit;
    return s;
  };
  EXPECT_EQ(run(rep("1 0 obj (", 100000)).num("objects"), 1);
  EXPECT_EQ(run(rep("1 0 obj << /Length 99999999 >> stream\n", 50000)).num("streams"), 1);
  EXPECT_EQ(run(rep("xref\n0 99999999\n", 100000)).num("objects"), 0);
  EXPECT_EQ(run(rep("trailer << /A [", 100000)).num("objects"), 0);
  EXPECT_EQ(run(rep("1 0 obj <", 100000)).num("objects"), 1);
  RecordingContext many = run(rep("7 0 obj << /S /JavaScript /JS (x) >> endobj\n", 50000));
  EXPECT_EQ(many.num("objects"), 1);
  EXPECT_EQ(many.num("definitions"), 50000);
  std::string distinct = "%PDF-1.7\n";
  for (int i = 1; i <= 20000; ++i)
    distinct += std::to_string(i) + " 0 obj [" + std::to_string(i) + " 0 R] endobj\n";
  EXPECT_EQ(run(distinct).num("objects"), 20000);
}

TEST(PdfRobustness, ThroughTheEngine) {
  const std::string pdf = testing::read_file("/usr/share/clamav-testfiles/clam.pdf");
  if (pdf.empty()) GTEST_SKIP() << "no clamav-testfiles";
  ASSERT_EQ(identify(as_bytes(pdf)), FileType::kPdf);
  Config config = default_config();
  TextScanner scanner;
  Report report;
  Scan scan(config, scanner, report, [](FileType t) -> std::unique_ptr<Analyzer> {
    if (t == FileType::kPdf) return std::make_unique<PdfAnalyzer>();
    return make_analyzer(t);
  });
  scan.run("invoice.pdf", as_bytes(pdf));
  ASSERT_EQ(report.objects.size(), 2u);
  EXPECT_EQ(report.objects[0].type, "pdf");
  EXPECT_EQ(report.objects[1].relation, "embedded");
  EXPECT_EQ(report.objects[1].type, "pe");
  std::set<std::string> symbols;
  for (const auto& f : report.findings) symbols.insert(f.symbol);
  EXPECT_TRUE(symbols.count("PDF_EMBEDDED_FILE"));
  EXPECT_TRUE(symbols.count("EXECUTABLE_ATTACHMENT"));
}

}  // namespace
}  // namespace lg
